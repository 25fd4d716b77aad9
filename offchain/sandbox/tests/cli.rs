//! The command line end to end on the embedded sandbox: the `referral` binary run as a
//! user runs it, one command after another on a saved sandbox, each answer checked.
mod common;

use common::{month, ok, program, refused, scratch, On};

#[test]
fn every_user_runs_a_month_through_the_command_line() {
    let dir = scratch("month");
    let on = On::Sandbox(dir.join("sandbox.state"));
    ok(&on, &["init"], "embedded sandbox, clock at 2023-11-14 22:13 UTC (staking epoch 0; epoch 0 began at 1700000000000 ms)");
    refused(&on, &["deploy"], "`deploy` instantiates the suite on a node (--url)");
    refused(&on, &["status", "--suri", "//Alice"], "--suri signs on a node (--url)");
    refused(&on, &["stake", "--amount", "1.0000000000001", "--as", "charlie"], "not an amount");
    refused(&on, &["stake", "--amount", "10", "--as", "not-an-account"], "not an account");
    ok(
        &on,
        &["fund", "--to", "0x6565656565656565656565656565656565656565656565656565656565656565", "--amount", "1000"],
        "now has 1000.000000 units",
    );
    let file = month(&on, &dir);
    assert!(file.len() > 64, "an allocation file");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

/// `programs/frak-hold.json` through the command line: Alice stakes the minimum and
/// keeps it, Charlie unstakes a share the next day; the operator's first settlement
/// returns Charlie's bonus to the pool and leaves Alice's running hold alone, the one
/// after the hold credits Alice's bonus to both sides.
#[test]
fn held_sign_up_bonuses_are_settled_by_the_operator_once_their_holds_are_over() {
    let dir = scratch("hold");
    let on = On::Sandbox(dir.join("sandbox.state"));
    ok(&on, &["init"], "embedded sandbox");
    ok(&on, &["propose", &program("frak-hold.json"), "--closing-in", "2h", "--enactment-in", "2h"], "proposal 0:");
    ok(&on, &["vote", "0", "yes"], "charlie voted yes on proposal 0");
    ok(&on, &["vote", "0", "yes", "--as", "alice"], "alice voted yes");
    ok(&on, &["advance", "3h"], "epoch 0");
    ok(&on, &["finalize", "0"], "Passed { version: 1 }");
    ok(&on, &["fund-bonus-pool", "--amount", "200"], "which holds 200.000000 units");
    ok(&on, &["advance", "1d"], "epoch 1");
    ok(&on, &["status"], "sign-up bonus 50.000000 + 50.000000 units for a stake of 1000.000000 units kept 30 epochs");
    ok(&on, &["stake", "--code", "bob", "--amount", "1000", "--as", "alice"], "partner: bob (bound for good)");
    ok(&on, &["stake", "--code", "eve", "--amount", "1000", "--as", "charlie"], "partner: eve (bound for good)");
    ok(&on, &["advance", "1d"], "epoch 2");
    ok(&on, &["unstake", "--shares", "1", "--as", "charlie"], "charlie burned 1.000000 shares");
    let early = ok(&on, &["settle-bonuses"], "forfeited, back to the pool (1): charlie");
    assert!(early.contains("hold still running (1): alice"), "{early}");
    ok(&on, &["advance", "30d"], "epoch 32");
    let settled = ok(&on, &["settle-bonuses", "--as", "dex-buyer"], "credited to both sides (1): alice");
    assert!(settled.contains("forfeited, back to the pool (0)"), "{settled}");
    ok(&on, &["settle-bonuses"], "credited to both sides (0)");
    refused(&on, &["settle-bonuses", "--referee", "alice"], "refused: NoBonusHeld");
    ok(&on, &["claim", "--as", "alice"], "claimed 50.000000 units");
    ok(&on, &["claim", "--as", "bob"], "claimed 50.000000 units");
    refused(&on, &["claim", "--as", "charlie"], "refused: NothingToClaim");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

#[test]
fn a_missing_or_foreign_state_file_is_refused_by_name() {
    let dir = scratch("foreign");
    let on = On::Sandbox(dir.join("sandbox.state"));
    refused(&on, &["status"], "run `referral init` or `referral demo` first");
    std::fs::write(dir.join("sandbox.state"), b"not a sandbox").expect("a file");
    refused(&on, &["status"], "not a saved sandbox of this version");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

#[test]
fn an_unreachable_node_is_named() {
    let dir = scratch("unreachable");
    let on = On::Node { url: "ws://127.0.0.1:1".into(), deployment: dir.join("deployment.json") };
    refused(&on, &["status"], "ws://127.0.0.1:1");
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}
