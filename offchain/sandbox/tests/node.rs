//! The same month on a real node (`scripts/node start`; its URL in REFERRAL_NODE_URL)
//! and on the embedded sandbox started at the node's deployment time: every command
//! answers alike, the deposit stopped after one chunk resumes on both, and the two
//! allocation files are the same bytes. `scripts/test` starts the node and runs this
//! with `--ignored`.
mod common;

use common::{genesis, month, ok, refused, scratch, On};

fn node_url() -> String {
    std::env::var("REFERRAL_NODE_URL").expect("REFERRAL_NODE_URL: the node's ws:// URL (`scripts/node start` prints it)")
}

#[test]
#[ignore = "needs a node: REFERRAL_NODE_URL=$(scripts/node start)"]
fn the_month_on_a_node_gives_the_sandbox_file_byte_for_byte() {
    let dir = scratch("node");
    let node = On::Node { url: node_url(), deployment: dir.join("deployment.json") };
    refused(&node, &["status"], "run `referral deploy --url");
    refused(&node, &["init"], "on a node, `deploy`");
    ok(&node, &["deploy"], "deployment written to");
    let at = genesis(&node);
    let on_node = month(&node, &dir.join("node-file"));
    // A live chain's powers are refused by name; the local node's dev RPC grants them.
    ok(&node, &["fund", "--to", "eve", "--amount", "1"], "eve now has");
    let (success, said) = common::referral(&node, &["stake", "--amount", "1", "--suri", "not a phrase"]);
    assert!(
        !success && said.contains("--suri: ") && !said.contains("not a phrase"),
        "a bad key is refused, never echoed: {said}"
    );

    let sandbox = On::Sandbox(dir.join("sandbox.state"));
    ok(&sandbox, &["init", "--at", &at.to_string()], &format!("epoch 0 began at {at} ms"));
    let on_sandbox = month(&sandbox, &dir.join("sandbox-file"));
    assert_eq!(hash(&on_node), hash(&on_sandbox), "the node's and the sandbox's allocation files");
    println!("allocation file on both: {} bytes, blake2-256 {}", on_node.len(), hash(&on_node));
    std::fs::remove_dir_all(&dir).expect("the scratch directory goes");
}

fn hash(bytes: &[u8]) -> String {
    accountant::AllocationFile::from_bytes(bytes).expect("an allocation file").hash_hex()
}
