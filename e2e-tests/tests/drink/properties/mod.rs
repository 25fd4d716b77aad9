//! Property tests: random sequences of every user and operator action across the three
//! contracts on the sandbox, with the suite's invariants checked after every step:
//!
//! 1. the liquid token's total supply equals the sum of all balances;
//! 2. each partner's referred TVL (and referral count) equals the shares (and number)
//!    of the addresses bound to it, and every share-seconds series (total, partner,
//!    bound account) equals a model integrated outside the chain;
//! 3. the staking contract's native balance covers pooled stake plus unwithdrawn fees;
//! 4. the vault's native balance covers every pending and claimable amount and the
//!    bonus pool, and the users' amounts add up to the vault's totals;
//! 5. no account's claimable amount falls except by its own claim (which pays exactly
//!    what was claimable to its payout address), and its pending + claimable only by a
//!    claim or a revoke;
//! 6. a binding never changes once made, and is made exactly when a brand-new address
//!    stakes with an active code of someone else;
//! 7. a refused call changes nothing: the whole chain's state root is unchanged.
//!
//! CI runs 2,000 steps (8 sequences of 250 from a fixed seed). `scripts/properties
//! --steps 100000 [--seed N]` runs more (the `PROPERTY_STEPS`, `PROPERTY_SEED`
//! variables). A failing sequence is shrunk to a short one and printed.
mod action;
mod run;

use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::collections::BTreeMap;

/// Steps per sequence: each sequence starts from a freshly deployed suite.
const SEQUENCE: usize = 250;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn invariants_hold_under_random_operation_sequences() {
    let steps: usize = env_or("PROPERTY_STEPS", 2_000);
    let seed: u64 = env_or("PROPERTY_SEED", 20_261_122);
    let cases = steps.div_ceil(SEQUENCE) as u32;
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config { cases, max_shrink_time: 180_000, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let tally = std::cell::RefCell::new(run::Tally::default());
    let strategy = proptest::collection::vec(action::action(), SEQUENCE);
    let result = runner.run(&strategy, |actions| {
        let mut run = run::Run::new();
        let mut local = run::Tally::default();
        for (index, action) in actions.iter().enumerate() {
            run.step(action, &mut local).map_err(|why| TestCaseError::fail(format!("step {index} {action:?}: {why}")))?;
        }
        tally.borrow_mut().add(&local);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let tally = tally.into_inner();
    println!("{}", tally.report(seed));
    assert!(tally.steps >= steps as u64, "{} steps run", tally.steps);
    // The sequences must reach every action both ways, or they prove little (a short
    // run may miss some).
    if steps < 2_000 {
        return;
    }
    let counts: &BTreeMap<&str, (u64, u64)> = &tally.by_kind;
    for kind in action::KINDS {
        let (done, refused) = counts.get(kind).copied().unwrap_or_default();
        assert!(done > 0, "{kind} never went through: {counts:?}");
        if !action::NEVER_REFUSED.contains(&kind) {
            assert!(refused > 0, "{kind} never refused: {counts:?}");
        }
    }
}
