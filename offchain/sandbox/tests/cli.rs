//! The command line end to end: the `referral` binary run as a user runs it, one
//! command after another on a saved sandbox, each answer checked.
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `referral ARGS` on the sandbox saved at `state`; its exit status and output.
fn referral(state: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_referral"))
        .arg("--state")
        .arg(state)
        .args(args)
        .env_remove("REFERRAL_URL")
        .output()
        .expect("the binary runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// `referral` that must succeed and print `expected`.
fn ok(state: &Path, args: &[&str], expected: &str) -> String {
    let (success, text) = referral(state, args);
    assert!(success, "referral {args:?} failed:\n{text}");
    assert!(text.contains(expected), "referral {args:?} did not print {expected:?}:\n{text}");
    text
}

/// `referral` that must fail, saying `expected`.
fn refused(state: &Path, args: &[&str], expected: &str) {
    let (success, text) = referral(state, args);
    assert!(!success, "referral {args:?} should fail:\n{text}");
    assert!(text.contains(expected), "referral {args:?} did not say {expected:?}:\n{text}");
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referral-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn program(name: &str) -> String {
    format!("{}/../../programs/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_user_runs_a_month_through_the_command_line() {
    let dir = scratch("month");
    let state = dir.join("sandbox.state");
    let s = state.as_path();
    ok(s, &["init"], "embedded sandbox, clock at 2023-11-14 22:13 UTC (staking epoch 0)");
    refused(s, &["status", "--url", "ws://127.0.0.1:9944"], "embedded sandbox only");

    // Governance enacts Ankr's program from the next epoch.
    ok(s, &["propose", &program("ankr.json"), "--closing-in", "1h", "--enactment-in", "1h"], "proposal 0:");
    ok(s, &["vote", "0", "yes"], "charlie voted yes on proposal 0");
    ok(s, &["vote", "0", "yes", "--as", "alice"], "alice voted yes");
    refused(s, &["finalize", "0"], "refused: VotingOpen");
    ok(s, &["advance", "2h"], "epoch 0");
    ok(s, &["finalize", "0"], "Passed { version: 1 }");

    // Stakers: Alice binds to Bob, keeps him with Eve's code; a self referral is refused.
    ok(s, &["advance", "1d"], "epoch 1");
    ok(s, &["stake", "--code", "BOB", "--amount", "100", "--as", "alice"], "partner: bob (bound for good)");
    ok(s, &["stake", "--code", "eve", "--amount", "50", "--as", "alice"], "partner: bob");
    refused(s, &["stake", "--code", "bob", "--amount", "10", "--as", "bob"], "refused: SelfReferral");
    refused(s, &["stake", "--code", "nobody", "--amount", "10", "--as", "charlie"], "refused: UnknownCode");
    refused(s, &["stake", "--amount", "1.0000000000001", "--as", "charlie"], "not an amount");
    refused(s, &["stake", "--amount", "10", "--as", "not-an-account"], "not an account");
    ok(
        s,
        &["fund", "--to", "0x6565656565656565656565656565656565656565656565656565656565656565", "--amount", "1000"],
        "now has 1000.000000 units",
    );
    ok(s, &["stake", "--amount", "20", "--as", "charlie"], "partner: none");
    ok(s, &["unstake", "--shares", "10", "--as", "charlie"], "charlie burned 10.000000 shares for 10.000000 units");

    // The oracle reports epochs 1 and 2; the month (epochs 1..2) is accounted.
    ok(s, &["report-rewards", "--amount", "10"], "reported 10.000000 units of rewards in epoch 1");
    ok(s, &["advance", "1d"], "epoch 2");
    ok(s, &["report-rewards", "--amount", "10"], "in epoch 2");
    refused(s, &["report-rewards", "--amount", "10", "--as", "alice"], "refused: Unauthorized");
    ok(s, &["advance", "1d"], "epoch 3");
    let file = dir.join("allocation-1.scale");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let allocated = ok(s, &["allocate", "--period", "1", "--epochs", "1..2", "--out", file_arg], "1 allocations");
    assert!(allocated.contains("bob"), "{allocated}");
    ok(s, &["deposit", file_arg], "period 1: 1 allocations");
    refused(s, &["deposit", file_arg], "refused: PeriodOutOfOrder");
    ok(s, &["verify", "--period", "1"], "verified: the vault holds exactly the file the chain's state gives");
    refused(s, &["verify", "--period", "2"], "the vault has no period 2");

    // Pending for the window, then claimed, on Bob's behalf by the distributor.
    let dashboard = ok(s, &["dashboard", "--partner", "bob"], "referrals          1");
    assert!(dashboard.contains("pending"), "{dashboard}");
    refused(s, &["claim"], "refused: NothingToClaim");
    ok(s, &["advance", "7d"], "epoch 10");
    let claimed = ok(s, &["claim", "--as", "distributor", "--for", "bob"], "claimed ");
    assert!(!claimed.contains("claimed 0.000000"), "{claimed}");
    ok(s, &["dashboard"], "1 claims");
    ok(s, &["status"], "program   version 1");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

#[test]
fn a_missing_or_foreign_state_file_is_refused_by_name() {
    let dir = scratch("foreign");
    let state = dir.join("sandbox.state");
    refused(&state, &["status"], "run `referral init` or `referral demo` first");
    std::fs::write(&state, b"not a sandbox").expect("a file");
    refused(&state, &["status"], "not a saved sandbox of this version");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}
