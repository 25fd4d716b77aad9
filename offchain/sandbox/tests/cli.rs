//! The command line end to end on the embedded sandbox: the `referral` binary run as a
//! user runs it, one command after another on a saved sandbox, each answer checked.
mod common;

use common::{month, ok, refused, scratch, On};

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
