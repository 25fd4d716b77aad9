//! The staking contract as the suite deploys it: its entry (`referral_staking_entry`),
//! which runs the stakes, the unstake, the liquid token's transfers and approvals and
//! the on-chain reads itself, over its whole code (`referral_staking`), which runs
//! every other message by delegate call. The entry answers the whole code's selectors
//! as the whole code does, refuses what it refuses with nothing changed, and a staking
//! contract of the whole code alone gives the same answers and events.
use drink::AccountId32;
use ink::primitives::Hash;
use referral_client::chain::Code;
use referral_common::psp22::PSP22Error;
use referral_e2e_tests::{
    assert_instantiation_refused, assert_unreadable, assert_value_refused, deploy_alone, id, message, metadata_selector, quote,
    staking_constructor, Chain, Error, UNIT,
};
use referral_staking::Config;
use referral_staking_entry::selectors;

#[test]
fn the_entry_runs_the_whole_codes_own_selectors() {
    let a = AccountId32::new([7; 32]).to_string();
    let (one, none) = ("1".to_string(), "[]".to_string());
    let cases: [(&str, Vec<String>, [u8; 4]); 13] = [
        ("stake_with_code", vec![quote("bob")], selectors::STAKE_WITH_CODE),
        ("stake", vec![], selectors::STAKE),
        ("unstake", vec![one.clone()], selectors::UNSTAKE),
        ("partner_of", vec![a.clone()], selectors::PARTNER_OF),
        ("has_ever_held", vec![a.clone()], selectors::HAS_EVER_HELD),
        ("PSP22::total_supply", vec![], selectors::TOTAL_SUPPLY),
        ("PSP22::balance_of", vec![a.clone()], selectors::BALANCE_OF),
        ("PSP22::allowance", vec![a.clone(), a.clone()], selectors::ALLOWANCE),
        ("PSP22::transfer", vec![a.clone(), one.clone(), none.clone()], selectors::TRANSFER),
        ("PSP22::transfer_from", vec![a.clone(), a.clone(), one.clone(), none], selectors::TRANSFER_FROM),
        ("PSP22::approve", vec![a.clone(), one.clone()], selectors::APPROVE),
        ("PSP22::increase_allowance", vec![a.clone(), one.clone()], selectors::INCREASE_ALLOWANCE),
        ("PSP22::decrease_allowance", vec![a, one], selectors::DECREASE_ALLOWANCE),
    ];
    for (name, args, selector) in cases {
        assert_eq!(metadata_selector(Code::Staking, name, &args), selector, "{name}");
    }
}

#[test]
fn the_staking_contract_is_instantiated_as_its_whole_code_never_as_its_entry() {
    let mut c = Chain::new();
    // The entry's code alone: its only constructor refuses.
    assert_instantiation_refused(&mut c, Code::StakingEntry, message("new", ()), Error::EntryNotInstantiable);
    // The whole code handing the contract to a code nobody uploaded, or to itself; and
    // a configuration it refuses, checked before any hand-over.
    let config: Config = c.query("config", &[]);
    let whole: Option<Hash> = c.query("logic_code", &[]);
    let new = |fee_rate: u64, entry: Hash| staking_constructor(&config, fee_rate, (None, None), Some(entry));
    let unknown = Hash::from([9; 32]);
    for entry in [unknown, whole.expect("the suite's staking contract runs behind its entry")] {
        assert_instantiation_refused(&mut c, Code::Staking, new(config.fee_rate, entry), Error::UnknownEntry);
    }
    assert_instantiation_refused(&mut c, Code::Staking, new(config.max_fee_rate + 1, unknown), Error::InvalidConfig);
}

#[test]
fn value_sent_to_a_message_that_takes_none_traps_and_changes_nothing() {
    let mut c = Chain::new();
    let (staking, alice, eve) = (c.staking.clone(), c.who.alice.clone(), c.who.eve.clone());
    c.stake_with_code(&alice, 10 * UNIT, "bob").expect("alice stakes");
    // The entry's non-payable calls go to the whole code when value comes with them,
    // and trap there as on the whole code alone; so does a cold message.
    let inputs = [
        message("unstake", UNIT),
        message("PSP22::transfer", (id(&eve), UNIT, Vec::<u8>::new())),
        message("PSP22::approve", (id(&eve), UNIT)),
        message("PSP22::balance_of", id(&alice)),
        message("set_paused", true),
    ];
    assert_value_refused(&mut c, &staking, &alice, &inputs);
}

#[test]
fn an_input_no_message_takes_is_refused_by_the_whole_code_and_changes_nothing() {
    let mut c = Chain::new();
    let (staking, alice) = (c.staking.clone(), c.who.alice.clone());
    c.stake_with_code(&alice, 10 * UNIT, "bob").expect("alice stakes");
    let mut truncated_transfer = selectors::TRANSFER.to_vec();
    truncated_transfer.extend([1; 40]);
    let mut bad_code = selectors::STAKE_WITH_CODE.to_vec();
    bad_code.extend([200]);
    // No selector; one nobody has; the one ink! reserves beside the entry's wildcard;
    // hot selectors with their arguments cut short (the entry hands them on, undecoded).
    let inputs = [vec![], vec![0xde, 0xad, 0xbe, 0xef], vec![0x9b, 0xae, 0x9d, 0x5e], truncated_transfer, bad_code];
    assert_unreadable(&mut c, &staking, &alice, &inputs);
}

/// Every answer and every event of one staker's life on the staking contract `c.staking`
/// points at, with the reads an integrator makes.
fn a_stakers_life(c: &mut Chain) -> Vec<String> {
    let (alice, bob, eve, charlie, dex) =
        (c.who.alice.clone(), c.who.bob.clone(), c.who.eve.clone(), c.who.charlie.clone(), c.who.dex_buyer.clone());
    let staking = c.staking.clone();
    let mut seen = Vec::new();
    let mut record = |c: &mut Chain, answer: String| {
        let events = c.session().record().last_event_batch().contract_events();
        seen.push(format!("{answer} {events:?}"));
    };
    let bound = c.stake_with_code(&alice, 10 * UNIT, "bob");
    record(c, format!("{bound:?}"));
    let staked = c.stake(&alice, 5 * UNIT);
    record(c, format!("{staked:?}"));
    let psp22 = |c: &mut Chain, caller: &AccountId32, name: &str, args: &[String]| {
        let answer: Result<(), PSP22Error> = c.call_at(&staking, caller, name, args, 0);
        format!("{name} {answer:?}")
    };
    for (caller, name, args) in [
        (&alice, "PSP22::transfer", vec![eve.to_string(), (3 * UNIT).to_string(), "[]".into()]),
        (&alice, "PSP22::approve", vec![charlie.to_string(), (2 * UNIT).to_string()]),
        (&alice, "PSP22::increase_allowance", vec![charlie.to_string(), UNIT.to_string()]),
        (&charlie, "PSP22::transfer_from", vec![alice.to_string(), dex.to_string(), (2 * UNIT).to_string(), "[]".into()]),
        (&alice, "PSP22::decrease_allowance", vec![charlie.to_string(), UNIT.to_string()]),
        (&alice, "PSP22::transfer", vec![eve.to_string(), (1_000 * UNIT).to_string(), "[]".into()]),
        (&alice, "PSP22::decrease_allowance", vec![charlie.to_string(), (9 * UNIT).to_string()]),
    ] {
        let answer = psp22(c, caller, name, &args);
        record(c, answer);
    }
    let unstaked: Result<u128, Error> = c.call(&alice, "unstake", &[(4 * UNIT).to_string()], 0);
    record(c, format!("{unstaked:?}"));
    let refused: Result<u128, Error> = c.call(&alice, "unstake", &[(1_000 * UNIT).to_string()], 0);
    record(c, format!("{refused:?}"));
    let supply: u128 = c.query("PSP22::total_supply", &[]);
    let allowance: u128 = c.query("PSP22::allowance", &[alice.to_string(), charlie.to_string()]);
    let held: (bool, bool) = (c.query("has_ever_held", &[dex.to_string()]), c.query("has_ever_held", &[bob.to_string()]));
    let share_seconds: Result<u128, Error> = c.call(&alice, "epoch_share_seconds", &[format!("Account({alice})"), "0".into()], 0);
    seen.push(format!(
        "{} {} {:?} {:?} {supply} {allowance} {held:?} {} {share_seconds:?}",
        c.balance_of(&alice),
        c.balance_of(&eve),
        c.partner_of(&alice),
        c.partner_of(&dex),
        c.partner_tvl(&bob),
    ));
    seen
}

#[test]
fn a_staking_contract_of_the_whole_code_alone_gives_the_same_answers_and_events() {
    let mut c = Chain::new();
    let (admin, bob) = (c.who.admin.clone(), c.who.bob.clone());
    let entry = c.staking.clone();
    let logic: Option<[u8; 32]> = c.query("logic_code", &[]);
    assert!(logic.is_some(), "the suite's staking contract runs behind its entry");
    // The same contract, code alone, instantiated at the entry's genesis, with Bob's
    // code; the entry unlinked from the vault as the one alone is.
    let config: Config = c.query("config", &[]);
    c.set_clock(config.genesis);
    let metadata = (Some("Liquid staked unit".to_string()), Some("lsUNIT".to_string()));
    let alone = deploy_alone(&mut c, Code::Staking, staking_constructor(&config, config.fee_rate, metadata, None));
    let registered: Result<(), Error> = c.call_at(&alone, &admin, "register_code", &[quote("bob"), bob.to_string()], 0);
    registered.expect("Bob's code on the contract alone");
    c.ok::<()>(&admin, "set_vault", &["None".into()], 0);
    let alone_logic: Option<[u8; 32]> = c.query_at(&alone, "logic_code", &[]);
    assert_eq!(alone_logic, None);

    let mut lives = Vec::new();
    for staking in [&entry, &alone] {
        c.staking = staking.clone();
        c.set_clock(config.genesis + 3_600_000);
        lives.push(a_stakers_life(&mut c));
    }
    c.staking = entry;
    assert!(lives[0][0].starts_with(&format!("Ok({})", 10 * UNIT)), "{}", lives[0][0]);
    assert!(lives[0].iter().any(|line| line.contains("InsufficientBalance")), "the refusals are in the life");
    assert_eq!(lives[0], lives[1], "the entry and the whole code alone differ");
}
