//! The `referral` binary run as a user runs it, on the embedded sandbox or on a node, and
//! the month both backends are taken through.
#![allow(dead_code)] // each test target uses part of it
pub mod load;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The chain the commands go to.
#[derive(Debug)]
pub enum On {
    /// The sandbox saved at this path.
    Sandbox(PathBuf),
    /// A node's URL and the deployment file on it.
    Node { url: String, deployment: PathBuf },
}

impl On {
    fn args(&self) -> Vec<String> {
        match self {
            On::Sandbox(state) => vec!["--state".into(), state.display().to_string()],
            On::Node { url, deployment } => {
                vec!["--url".into(), url.clone(), "--deployment".into(), deployment.display().to_string()]
            }
        }
    }
}

/// Runs `referral ARGS`; its exit status and output.
pub fn referral(on: &On, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_referral"))
        .args(on.args())
        .args(args)
        .env_remove("REFERRAL_URL")
        .env_remove("REFERRAL_SURI")
        .env_remove("REFERRAL_DEPLOYMENT")
        .output()
        .expect("the binary runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// `referral` that must succeed and print `expected`.
pub fn ok(on: &On, args: &[&str], expected: &str) -> String {
    let (success, text) = referral(on, args);
    assert!(success, "referral {args:?} failed:\n{text}");
    assert!(text.contains(expected), "referral {args:?} did not print {expected:?}:\n{text}");
    text
}

/// `referral` that must fail, saying `expected`; what it said.
pub fn refused(on: &On, args: &[&str], expected: &str) -> String {
    let (success, text) = referral(on, args);
    assert!(!success, "referral {args:?} should fail:\n{text}");
    assert!(text.contains(expected), "referral {args:?} did not say {expected:?}:\n{text}");
    text
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referral-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

pub fn program(name: &str) -> String {
    format!("{}/../../programs/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The staking contract's genesis (ms), from `status`.
pub fn genesis(on: &On) -> u64 {
    let status = ok(on, &["status"], "epoch 0 began at ");
    let after = status.split("epoch 0 began at ").nth(1).expect("the genesis");
    after.split(' ').next().and_then(|ms| ms.parse().ok()).expect("a genesis in ms")
}

/// The figure after `label` in `text` (`label 12.345678`).
pub fn figure(text: &str, label: &str) -> String {
    let after = text.split(label).nth(1).unwrap_or_else(|| panic!("no {label:?} in:\n{text}"));
    after.split_whitespace().next().expect("a figure").trim_end_matches(',').to_string()
}

/// A program month through every user's commands, on a suite just deployed on `on`:
/// governance enacts Ankr's program before epoch 1; Alice binds to Bob (and keeps him
/// with Eve's code), Charlie to Eve, all in epoch 0, so that epochs 1..2 hold the same
/// stakes on any chain whatever the seconds each block takes; the oracle reports epochs
/// 1 and 2; the operator allocates, deposits (stopped after one chunk, then resumed)
/// and verifies; Bob's reward is claimed for him after the window. The allocation file.
pub fn month(on: &On, dir: &Path) -> Vec<u8> {
    // Two hours, not governance's least (one): on a node the call lands a block after
    // the time it was computed from.
    ok(on, &["propose", &program("ankr.json"), "--closing-in", "2h", "--enactment-in", "2h"], "proposal 0:");
    ok(on, &["vote", "0", "yes"], "charlie voted yes on proposal 0");
    ok(on, &["vote", "0", "yes", "--as", "alice"], "alice voted yes");
    refused(on, &["finalize", "0"], "refused: VotingOpen");
    ok(on, &["advance", "3h"], "epoch 0");
    ok(on, &["finalize", "0"], "Passed { version: 1 }");

    ok(on, &["stake", "--code", "BOB", "--amount", "100", "--as", "alice"], "partner: bob (bound for good)");
    ok(on, &["stake", "--code", "eve", "--amount", "50", "--as", "alice"], "partner: bob");
    refused(on, &["stake", "--code", "bob", "--amount", "10", "--as", "bob"], "refused: SelfReferral");
    refused(on, &["stake", "--code", "nobody", "--amount", "10", "--as", "charlie"], "refused: UnknownCode");
    ok(on, &["stake", "--code", "eve", "--amount", "20", "--as", "charlie"], "partner: eve");
    ok(on, &["unstake", "--shares", "5", "--as", "charlie"], "charlie burned 5.000000 shares for 5.000000 units");
    ok(on, &["transfer", "--to", "dex-buyer", "--amount", "5", "--as", "charlie"], "charlie sent 5.000000 shares to dex-buyer");
    ok(on, &["stake", "--code", "bob", "--amount", "10", "--as", "dex-buyer"], "partner: none");
    ok(on, &["code", "show", "eve"], "owner eve");

    ok(on, &["advance", "1d"], "epoch 1");
    ok(on, &["report-rewards", "--amount", "10"], "reported 10.000000 units of rewards in epoch 1");
    refused(on, &["report-rewards", "--amount", "10", "--as", "alice"], "refused: Unauthorized");
    ok(on, &["advance", "1d"], "epoch 2");
    ok(on, &["report-rewards", "--amount", "10"], "in epoch 2");
    ok(on, &["advance", "1d"], "epoch 3");

    std::fs::create_dir_all(dir).expect("a directory for the file");
    let file = dir.join("allocation-1.scale");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let allocated = ok(on, &["allocate", "--period", "1", "--epochs", "1..2", "--out", file_arg], "2 allocations");
    assert!(allocated.contains("bob") && allocated.contains("eve"), "{allocated}");
    let stopped =
        refused(on, &["deposit", file_arg, "--chunk", "1", "--stop-after-chunks", "1"], "stopped after 1 chunks as asked");
    refused(on, &["verify", "--period", "1"], "does NOT match");
    let resumed = ok(on, &["deposit", file_arg, "--chunk", "1"], "resumed, 1 allocations were already in the vault");
    let again = ok(on, &["deposit", file_arg], "already deposited and sealed");
    ok(on, &["verify", "--period", "1"], "verified: the vault holds exactly the file the chain's state gives");
    refused(on, &["verify", "--period", "2"], "the vault has no period 2");
    // Funded exactly once: the vault took in the file's total, no more.
    let totals = ok(on, &["dashboard"], "deposited");
    assert_eq!(figure(&totals, "deposited "), figure(&allocated, "allocated "), "{totals}\n{allocated}");
    // The fault test's figures, in the test's output (`--nocapture`).
    println!("{on:?}\n{allocated}\n{stopped}\n{resumed}\n{again}\n{totals}");

    let dashboard = ok(on, &["dashboard", "--partner", "bob"], "referrals          1");
    assert!(dashboard.contains("pending"), "{dashboard}");
    refused(on, &["claim"], "refused: NothingToClaim");
    ok(on, &["advance", "7d"], "epoch 10");
    let claimed = ok(on, &["claim", "--as", "distributor", "--for", "bob"], "claimed ");
    assert!(!claimed.contains("claimed 0.000000"), "{claimed}");
    ok(on, &["dashboard"], "1 claims");
    ok(on, &["status"], "program   version 1");
    std::fs::read(&file).expect("the allocation file")
}
