//! The liquid token answers the PSP22 standard's selectors and emits its events: a
//! wallet or DEX that computes selectors the standard's way (no metadata) can use it.
use drink::pallet_contracts::Determinism;
use drink::sandbox_api::prelude::*;
use drink::Sandbox;
use ink::env::hash::{Blake2x256, HashOutput};
use ink::scale::{Decode, Encode};
use referral_e2e_tests::{Chain, UNIT};

/// The standard's selector: the first 4 bytes of blake2b-256 of "Trait::message".
fn selector(name: &str) -> [u8; 4] {
    let mut hash = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(name.as_bytes(), &mut hash);
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Calls the staking contract with raw input bytes, as a metadata-less client would.
fn raw_call<T: Decode>(c: &mut Chain, caller: &drink::AccountId32, input: Vec<u8>) -> T {
    let gas = drink::minimal::MinimalSandbox::default_gas_limit();
    let staking = c.staking.clone();
    let result = c.session().sandbox().call_contract(staking, 0, input, caller.clone(), gas, None, Determinism::Enforced);
    let data = result.result.expect("call executes").data;
    let answer: Result<T, ink::LangError> = Decode::decode(&mut &data[..]).expect("decodes");
    answer.expect("no LangError: the selector is known")
}

#[test]
fn standard_selectors_reach_the_liquid_token() {
    let mut c = Chain::new();
    let (alice, charlie) = (c.who.alice.clone(), c.who.charlie.clone());
    c.stake_with_code(&alice, 10 * UNIT, "bob").unwrap();

    let mut input = selector("PSP22::balance_of").to_vec();
    input.extend(alice.encode());
    assert_eq!(raw_call::<u128>(&mut c, &alice, input), 10 * UNIT);
    assert_eq!(raw_call::<u128>(&mut c, &alice, selector("PSP22::total_supply").to_vec()), 10 * UNIT);

    let mut input = selector("PSP22::transfer").to_vec();
    input.extend(charlie.encode());
    input.extend((3 * UNIT).encode());
    input.extend(Vec::<u8>::new().encode());
    let moved: Result<(), referral_common::psp22::PSP22Error> = raw_call(&mut c, &alice, input);
    assert_eq!(moved, Ok(()));
    assert_eq!(c.balance_of(&charlie), 3 * UNIT);

    let decimals: u8 = raw_call(&mut c, &alice, selector("PSP22Metadata::token_decimals").to_vec());
    assert_eq!(decimals, 12);
    let symbol: Option<String> = raw_call(&mut c, &alice, selector("PSP22Metadata::token_symbol").to_vec());
    assert_eq!(symbol.as_deref(), Some("lsUNIT"));
}
