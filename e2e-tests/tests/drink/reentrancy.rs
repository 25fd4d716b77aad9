//! Reentrancy: a hostile contract (`contracts/reentrancy_probe`) put in every place the
//! suite sends funds or makes a call, armed to call back into the suite.
//!
//! - Funds to it (a payout address, a code owner's bonus, a staker's unstake) run no
//!   code at all: pallet-contracts' transfers do not call the recipient.
//! - Calls to it (as the staking contract's vault, the vault's governance or staking
//!   contract, governance's token) cannot re-enter: a callback into a contract already on the call stack is
//!   refused by the runtime, the probe traps, and the suite's contract takes that as
//!   the callee failing: nothing is paid twice, nothing half-done stays.
//! - Each attack, made when it is not a reentry (the probe called directly), goes
//!   through: the refusals above are the reentrancy guard, not a broken probe.
use drink::session::NO_SALT;
use drink::AccountId32;
use reentrancy_probe::reentrancy_probe::Attempt;
use referral_common::bonus::BonusSkipReason;
use referral_e2e_tests::{
    account, hash_arg, id, message, month, params_arg, BundleProvider, Chain, Outcome, VaultError, DAY_MS, FRAK_HOLD_PROGRAM,
    HOUR_MS, MIN_GOVERNANCE_BALANCE, START_MS, UNIT,
};

fn deploy_probe(c: &mut Chain) -> AccountId32 {
    let admin = c.who.admin.clone();
    c.session().set_actor(admin);
    let bundle = BundleProvider::ReentrancyProbe.bundle().expect("probe bundle");
    let probe = c.session().deploy_bundle(bundle, "new", &[] as &[String], NO_SALT, None).expect("deploy probe");
    c.endow(&probe);
    probe
}

/// Arms `probe` to call `target` with `input` whenever the suite calls it.
fn arm(c: &mut Chain, probe: &AccountId32, target: &AccountId32, input: Vec<u8>) {
    let admin = c.who.admin.clone();
    assert!(c.raw_call(probe, &admin, message("arm", Some((id(target), input))), 0));
}

fn attempts(c: &mut Chain, probe: &AccountId32) -> Vec<Attempt> {
    c.read(probe, message("attempts", ()))
}

/// The probe makes a call of its own (as a staker, a partner claiming).
fn act(c: &mut Chain, probe: &AccountId32, target: &AccountId32, input: Vec<u8>, value: u128) -> bool {
    let admin = c.who.admin.clone();
    let answer: bool = match c.send(probe, &admin, message("act", (id(target), input, value)), 0) {
        Outcome::Done(data) => referral_e2e_tests::decode_answer(&data).expect("act answers a bool"),
        other => panic!("act: {other:?}"),
    };
    answer
}

fn shares(c: &mut Chain, who: &AccountId32) -> u128 {
    c.balance_of(who)
}

/// Frak's program (a sign-up bonus of 50 + 50 units) in force from day 1, a funded
/// bonus pool, and a month of allocations claimable by Alice (10 units).
fn suite_with_money_in_it() -> Chain {
    let mut c = Chain::new();
    c.enact_frak();
    let (vault, alice) = (c.vault.clone(), c.who.alice.clone());
    assert!(c.raw_call(&vault, &alice, message("fund_bonus_pool", ()), 1_000 * UNIT));
    c.set_time(31 * DAY_MS);
    c.open_period(1, month(1), hash_arg(1)).unwrap();
    c.add_allocations(1, &[(alice.clone(), 10 * UNIT)]).unwrap();
    c.seal_period(1, 10 * UNIT, 1).unwrap();
    c.set_time(39 * DAY_MS);
    assert_eq!(c.claimable(&alice), 10 * UNIT);
    c
}

#[test]
fn funds_sent_to_a_hostile_payout_address_code_owner_or_staker_run_no_code() {
    let mut c = suite_with_money_in_it();
    let probe = deploy_probe(&mut c);
    let (staking, vault, admin, alice) = (c.staking.clone(), c.vault.clone(), c.who.admin.clone(), c.who.alice.clone());
    // Armed to claim Alice's rewards again whenever it runs.
    arm(&mut c, &probe, &vault, message("claim_for", id(&alice)));
    // As Alice's payout address: the claim pays it, once; no code ran.
    c.vault_ok::<()>(&alice, "set_payout_address", &[format!("Some({probe})")], 0);
    let before = c.native(&probe);
    assert_eq!(c.vault_call::<u128>(&alice, "claim", &[], 0), Ok(10 * UNIT));
    assert_eq!(c.native(&probe) - before, 10 * UNIT);
    assert_eq!(c.vault_call::<u128>(&alice, "claim", &[], 0), Err(VaultError::NothingToClaim));
    // As a code owner: a binding credits it the bonus; it claims it, once.
    c.ok::<()>(&admin, "register_code", &["\"probe\"".into(), probe.to_string()], 0);
    let referee = account(40);
    c.endow(&referee);
    c.stake_with_code(&referee, 5 * UNIT, "probe").unwrap();
    assert_eq!(c.partner_of(&referee), Some(probe.clone()));
    assert_eq!(c.claimable(&probe), 50 * UNIT);
    let before = c.native(&probe);
    assert!(act(&mut c, &probe, &vault, message("claim", ()), 0));
    assert!(!act(&mut c, &probe, &vault, message("claim", ()), 0));
    assert_eq!(c.native(&probe) - before, 50 * UNIT);
    // As a staker: unstaking pays it; no code ran.
    assert!(act(&mut c, &probe, &staking, message("stake_with_code", "bob".to_string()), 20 * UNIT));
    let held = shares(&mut c, &probe);
    let before = c.native(&probe);
    assert!(act(&mut c, &probe, &staking, message("unstake", held), 0));
    assert_eq!(c.native(&probe) - before, 20 * UNIT);
    assert_eq!(attempts(&mut c, &probe), vec![], "the probe ran when it received funds");
    let totals: partner_vault::Totals = c.vault_query("totals", &[]);
    assert_eq!(totals.claimed, 60 * UNIT);
}

#[test]
fn a_hostile_vault_cannot_reenter_staking_from_the_bonus_call() {
    let mut c = Chain::new();
    let probe = deploy_probe(&mut c);
    let (staking, admin, stranger) = (c.staking.clone(), c.who.admin.clone(), c.who.dex_buyer.clone());
    assert!(act(&mut c, &probe, &staking, message("stake", ()), 30 * UNIT));
    // Linked as the vault, armed to unstake the probe's shares from inside a binding.
    c.ok::<()>(&admin, "set_vault", &[format!("Some({probe})")], 0);
    arm(&mut c, &probe, &staking, message("unstake", 10 * UNIT));
    let referee = account(41);
    c.endow(&referee);
    assert_eq!(c.stake_with_code(&referee, 5 * UNIT, "bob"), Ok(5 * UNIT));
    // The binding stands, the callback was refused, the probe's shares are intact.
    assert_eq!(c.partner_of(&referee), Some(c.who.bob.clone()));
    assert!(c.index().bonuses.contains(&(id(&referee), Err(BonusSkipReason::VaultRefused))));
    assert_eq!(shares(&mut c, &probe), 30 * UNIT);
    assert_eq!(attempts(&mut c, &probe), vec![]);
    // The same attack, not a reentry (anyone calling the probe), goes through.
    let direct = message("SignupBonusVault::credit_signup_bonus", (id(&stranger), id(&referee), 5 * UNIT));
    assert!(matches!(c.send(&probe, &stranger, direct, 0), Outcome::Done(_)));
    assert_eq!(attempts(&mut c, &probe), vec![Attempt::Done]);
    assert_eq!(shares(&mut c, &probe), 20 * UNIT);
}

#[test]
fn a_hostile_governance_cannot_reenter_the_vault_from_the_bonus_lookup() {
    let mut c = suite_with_money_in_it();
    let probe = deploy_probe(&mut c);
    let (staking, vault, admin, alice, stranger) =
        (c.staking.clone(), c.vault.clone(), c.who.admin.clone(), c.who.alice.clone(), c.who.dex_buyer.clone());
    c.vault_ok::<()>(&admin, "set_bonus_links", &[format!("Some({staking})"), format!("Some({probe})")], 0);
    arm(&mut c, &probe, &vault, message("claim_for", id(&alice)));
    let referee = account(42);
    c.endow(&referee);
    let before = c.native(&alice);
    c.stake_with_code(&referee, 5 * UNIT, "bob").unwrap();
    // The lookup failed (no bonus), Alice was not paid from inside it.
    assert!(c.index().bonuses.contains(&(id(&referee), Err(BonusSkipReason::BonusOff))));
    assert_eq!(c.claimable(&alice), 10 * UNIT);
    assert_eq!(c.native(&alice), before);
    assert_eq!(attempts(&mut c, &probe), vec![]);
    // Called directly, the probe's claim for Alice goes through, once.
    let direct = message("SignupBonusSource::signup_bonus_at", START_MS);
    assert!(matches!(c.send(&probe, &stranger, direct.clone(), 0), Outcome::Done(_)));
    assert_eq!(c.native(&alice) - before, 10 * UNIT);
    assert!(matches!(c.send(&probe, &stranger, direct, 0), Outcome::Done(_)));
    assert_eq!(attempts(&mut c, &probe), vec![Attempt::Done, Attempt::Refused]);
    assert_eq!(c.native(&alice) - before, 10 * UNIT);
}

#[test]
fn a_hostile_token_cannot_reenter_governance_from_a_transfer() {
    let mut c = Chain::new();
    let probe = deploy_probe(&mut c);
    let (staking, alice, admin) = (c.staking.clone(), c.who.alice.clone(), c.who.admin.clone());
    // A second governance over the probe as its token.
    let params =
        program_governance::GovernanceParams::with_vega_defaults(MIN_GOVERNANCE_BALANCE, HOUR_MS, 30 * DAY_MS, START_MS, DAY_MS);
    c.session().set_actor(admin);
    let bundle = BundleProvider::ProgramGovernance.bundle().expect("governance bundle");
    let governance = c
        .session()
        .deploy_bundle(bundle, "new", &[probe.to_string(), params_arg(&params)], vec![1], None)
        .expect("deploy governance");
    arm(&mut c, &probe, &governance, message("disassociate", 1u128));
    let before = c.fingerprint();
    let outcome = c.send(&governance, &alice, message("associate", 100 * UNIT), 0);
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
    assert_eq!(c.fingerprint(), before, "a trapped association changed the chain");
    // Armed at a contract not on the stack, the token's call goes through: governance
    // trusts its token (SECURITY.md), the reentry is what the runtime refuses.
    arm(&mut c, &probe, &staking, message("PSP22::approve", (id(&alice), 1u128)));
    assert!(matches!(c.send(&governance, &alice, message("associate", 100 * UNIT), 0), Outcome::Done(_)));
    assert_eq!(attempts(&mut c, &probe), vec![Attempt::Done]);
    let association: program_governance::Association = c.read(&governance, message("association_of", id(&alice)));
    assert_eq!(association.amount, 100 * UNIT);
}

#[test]
fn a_hostile_staking_contract_cannot_reenter_the_vault_from_the_hold_lookup() {
    let mut c = suite_with_money_in_it();
    let probe = deploy_probe(&mut c);
    let (vault, governance, admin, alice, bob, charlie, stranger) = (
        c.vault.clone(),
        c.governance.clone(),
        c.who.admin.clone(),
        c.who.alice.clone(),
        c.who.bob.clone(),
        c.who.charlie.clone(),
        c.who.dex_buyer.clone(),
    );
    // A program that holds its bonus, in force from day 40; the probe linked as the
    // vault's staking contract reports a binding, whose bonus is held.
    let mut call = program_file::parse(FRAK_HOLD_PROGRAM).expect("programs/frak-hold.json parses");
    (call.closing, call.enactment) = (c.clock() + HOUR_MS, c.clock() + HOUR_MS);
    c.enact(&charlie, &call);
    c.set_time(40 * DAY_MS + HOUR_MS);
    c.vault_ok::<()>(&admin, "set_bonus_links", &[format!("Some({probe})"), format!("Some({governance})")], 0);
    let referee = account(43);
    let binding = message("SignupBonusVault::credit_signup_bonus", (id(&bob), id(&referee), 1_000 * UNIT));
    assert!(act(&mut c, &probe, &vault, binding, 0));
    let record: Option<partner_vault::BonusRecord> = c.vault_query("bonus_record", &[referee.to_string()]);
    assert!(matches!(record, Some(partner_vault::BonusRecord::Held { .. })), "{record:?}");
    // Asked for the hold, the probe tries to claim Alice's rewards from inside.
    arm(&mut c, &probe, &vault, message("claim_for", id(&alice)));
    c.set_time(80 * DAY_MS);
    let before = c.native(&alice);
    referral_e2e_tests::assert_vault_refused(
        &mut c,
        VaultError::HoldUnknown,
        &stranger,
        "settle_signup_bonus",
        &[referee.to_string()],
        0,
    );
    assert_eq!((c.claimable(&alice), c.native(&alice)), (10 * UNIT, before));
    assert_eq!(attempts(&mut c, &probe), vec![]);
    // Called directly, the probe's claim for Alice goes through, once.
    let direct = message("SignupHoldSource::signup_hold_state", id(&referee));
    assert!(matches!(c.send(&probe, &stranger, direct, 0), Outcome::Done(_)));
    assert_eq!(attempts(&mut c, &probe), vec![Attempt::Done]);
    assert_eq!(c.native(&alice) - before, 10 * UNIT);
}
