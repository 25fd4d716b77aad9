//! Helpers for the contracts' unit tests on ink!'s off-chain engine (the `testing`
//! feature, which the contracts enable for their tests only).
use ink::env::test;
use ink::env::DefaultEnvironment as Env;
use ink::primitives::AccountId;

/// The engine's existential deposit: `set_account_balance` refuses less.
pub const ED: u128 = 1_000_000;

/// Gives the contract under test its own address (the engine's default callee is
/// Alice's) and its existential deposit.
pub fn set_contract(address: [u8; 32]) {
    test::set_callee::<Env>(AccountId::from(address));
    test::set_account_balance::<Env>(contract_id(), ED);
}

pub fn contract_id() -> AccountId {
    test::callee::<Env>()
}

pub fn set_time(ms: u64) {
    test::set_block_timestamp::<Env>(ms);
}

pub fn native(who: AccountId) -> u128 {
    test::get_account_balance::<Env>(who).unwrap_or_default()
}

/// The recorded events of type `E`, decoded.
pub fn events_of<E: ink::env::Event + ink::scale::Decode>() -> Vec<E> {
    test::recorded_events()
        .filter(|e| e.topics.first().map(|t| t.as_slice()) == E::SIGNATURE_TOPIC.as_ref().map(|t| t.as_slice()))
        .map(|e| E::decode(&mut &e.data[..]).expect("event decodes"))
        .collect()
}

/// Calls `f` on `contract` as `caller` with `value` attached; like the chain, the value
/// moves to the contract only if the call succeeds.
pub fn call<C, T, E>(contract: &mut C, caller: AccountId, value: u128, f: impl FnOnce(&mut C) -> Result<T, E>) -> Result<T, E> {
    test::set_caller::<Env>(caller);
    test::set_value_transferred::<Env>(value);
    let result = f(contract);
    if result.is_ok() && value > 0 {
        test::set_account_balance::<Env>(caller, native(caller).saturating_sub(value));
        test::set_account_balance::<Env>(contract_id(), native(contract_id()).saturating_add(value));
    }
    test::set_value_transferred::<Env>(0);
    result
}

/// Asserts that `f` is refused with `expected` and changes nothing `snapshot` sees,
/// and emits no event.
pub fn assert_refused<C, T: core::fmt::Debug, E: core::fmt::Debug + PartialEq>(
    contract: &mut C,
    expected: E,
    snapshot: impl Fn(&C) -> String,
    f: impl FnOnce(&mut C) -> Result<T, E>,
) {
    let before = snapshot(contract);
    let events_before = test::recorded_events().count();
    assert_eq!(f(contract).unwrap_err(), expected);
    assert_eq!(snapshot(contract), before, "state changed by a refused call ({expected:?})");
    assert_eq!(test::recorded_events().count(), events_before, "event emitted by a refused call");
}

/// The seeded sequence of the random tests.
pub use crate::xorshift::Xorshift as Rng;

/// Cases per fuzz target: 2,000 unless `FUZZ_CASES` says otherwise (CI runs the
/// default; `FUZZ_CASES=1000000 cargo test fuzz` runs a long campaign).
pub fn fuzz_cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

/// Ankr's program as the seed states it: one benefit tier (any running volume, any
/// number of epochs) paying half the referred fees, no discount, no staking tiers,
/// levels or bonus; until `end_of_program`.
pub fn ankr_program(end_of_program: u64) -> crate::program::ProgramChanges {
    use crate::program::{BenefitTier, ProgramChanges};
    ProgramChanges {
        end_of_program,
        window_length: 30,
        benefit_tiers: vec![BenefitTier {
            minimum_running_volume: 1,
            minimum_epochs: 1,
            reward_factor: crate::math::ONE / 2,
            discount_factor: 0,
        }],
        staking_tiers: vec![],
        multi_level: None,
        signup_bonus: None,
    }
}
