//! Unit tests of the contract on ink!'s off-chain engine: no chain, no wasm.
use crate::errors::Error;
use crate::events::{BindingSkipped, ReferralBound, SkipReason, Staked};
use crate::ledger::{PartnerStats, SeriesId};
use crate::referral_staking::ReferralStaking;
use ink::env::test::{self, DefaultAccounts};
use ink::env::DefaultEnvironment as Env;
use ink::primitives::AccountId;
use referral_common::psp22::{PSP22Error, PSP22Metadata, PSP22};
use referral_common::testing::{assert_refused, call, contract_id, events_of, set_contract, set_time, ED};

const UNIT: u128 = 1_000_000_000_000; // 12 decimals
const TENTH: u64 = 100_000_000; // 0.1 with 9 decimals
const DAY_MS: u64 = 86_400_000;
const START_MS: u64 = 1_700_000_000_000;
fn accounts() -> DefaultAccounts<Env> {
    test::default_accounts::<Env>()
}

/// Alice is admin; Django the oracle, Frank the treasury; codes "bob" and "eve".
fn setup() -> ReferralStaking {
    let a = accounts();
    set_time(START_MS);
    set_contract([0xC0; 32]);
    for who in [a.alice, a.bob, a.charlie, a.django, a.eve, a.frank] {
        test::set_account_balance::<Env>(who, 1_000_000_000 * UNIT);
    }
    test::set_caller::<Env>(a.alice);
    let mut c = ReferralStaking::new(
        TENTH,
        5 * TENTH,
        DAY_MS,
        a.django,
        a.frank,
        Some("Liquid staked unit".into()),
        Some("lsUNIT".into()),
        12,
        None,
    )
    .unwrap();
    c.register_code("Bob".into(), a.bob).unwrap();
    c.register_code("eve".into(), a.eve).unwrap();
    c
}

fn stake_with(c: &mut ReferralStaking, who: AccountId, amount: u128, code: &str) -> Result<u128, Error> {
    call(c, who, amount, |c| c.stake_with_code(code.into()))
}

fn stake(c: &mut ReferralStaking, who: AccountId, amount: u128) -> Result<u128, Error> {
    call(c, who, amount, |c| c.stake())
}

/// Everything observable about the given accounts and the pool.
fn snapshot(c: &ReferralStaking) -> String {
    let a = accounts();
    let mut out = format!(
        "supply={} pooled={} fees={} config={:?} contract_native={:?}\n",
        c.total_supply(),
        c.total_pooled(),
        c.unwithdrawn_fees(),
        c.config(),
        test::get_account_balance::<Env>(contract_id()),
    );
    for who in [a.alice, a.bob, a.charlie, a.django, a.eve, a.frank] {
        out += &format!(
            "{who:?}: bal={} partner={:?} held={} stats={:?} native={:?} vol={} allowance={}\n",
            c.balance_of(who),
            c.partner_of(who),
            c.has_ever_held(who),
            c.partner_stats(who),
            test::get_account_balance::<Env>(who),
            c.partner_epoch_volume(who, 0),
            c.allowance(who, a.charlie),
        );
    }
    for code in ["bob", "eve", "alice", "charlie"] {
        out += &format!("{code}: {:?}\n", c.code_info(code.into()));
    }
    out
}

/// Asserts that `f` is refused with `expected` and changes nothing observable.
fn refused<T: core::fmt::Debug>(
    c: &mut ReferralStaking,
    expected: Error,
    f: impl FnOnce(&mut ReferralStaking) -> Result<T, Error>,
) {
    assert_refused(c, expected, snapshot, f);
}

#[ink::test]
fn constructor_validates_config() {
    let a = accounts();
    let new = |fee, max, epoch| ReferralStaking::new(fee, max, epoch, a.django, a.frank, None, None, 12, None).map(|_| ());
    assert_eq!(new(TENTH, 2 * TENTH, DAY_MS), Ok(()));
    assert_eq!(new(3 * TENTH, 2 * TENTH, DAY_MS), Err(Error::InvalidConfig));
    assert_eq!(new(TENTH, 11 * TENTH, DAY_MS), Err(Error::InvalidConfig));
    assert_eq!(new(TENTH, TENTH, 0), Err(Error::InvalidConfig));
    assert_eq!(new(TENTH, TENTH, 1_500), Err(Error::InvalidConfig));
}

#[ink::test]
fn alice_stays_with_bob_after_staking_with_eves_code() {
    let a = accounts();
    let mut c = setup();
    assert_eq!(stake_with(&mut c, a.alice, 100 * UNIT, "BOB"), Ok(100 * UNIT));
    assert_eq!(c.partner_of(a.alice), Some(a.bob));
    assert_eq!(stake_with(&mut c, a.alice, 50 * UNIT, "eve"), Ok(50 * UNIT));
    assert_eq!(c.partner_of(a.alice), Some(a.bob));
    assert_eq!(stake(&mut c, a.alice, 10 * UNIT), Ok(10 * UNIT));
    assert_eq!(c.partner_tvl(a.bob), 160 * UNIT);
    assert_eq!(c.partner_tvl(a.eve), 0);
    assert_eq!(c.partner_stats(a.bob).referrals, 1);
    assert_eq!(c.partner_stats(a.eve).referrals, 0);
    // all three stakes count as Bob's referred volume in epoch 0
    assert_eq!(c.partner_epoch_volume(a.bob, 0), 160 * UNIT);
    assert_eq!(c.partner_epoch_volume(a.eve, 0), 0);
    assert_eq!(c.bound_epoch(a.alice), Some(0));
    let bound = events_of::<ReferralBound>();
    assert_eq!(bound.len(), 1);
    assert_eq!((bound[0].referee, bound[0].partner, bound[0].code.as_str()), (a.alice, a.bob, "bob"));
    let skipped = events_of::<BindingSkipped>();
    assert_eq!(skipped.len(), 1);
    assert_eq!((skipped[0].staker, skipped[0].reason), (a.alice, SkipReason::AlreadyBound));
    assert_eq!(skipped[0].code, "eve");
    assert_eq!(events_of::<Staked>().len(), 3);
}

#[ink::test]
fn a_dex_buyer_is_never_brand_new() {
    let a = accounts();
    let mut c = setup();
    stake(&mut c, a.charlie, 10 * UNIT).unwrap();
    test::set_caller::<Env>(a.charlie);
    c.transfer(a.django, 4 * UNIT, vec![]).unwrap();
    assert!(c.has_ever_held(a.django));
    assert_eq!(stake_with(&mut c, a.django, UNIT, "bob"), Ok(UNIT));
    assert_eq!(c.partner_of(a.django), None);
    let skipped = events_of::<BindingSkipped>();
    assert_eq!((skipped[0].staker, skipped[0].reason), (a.django, SkipReason::AlreadyHeld));
    assert_eq!(c.partner_tvl(a.bob), 0);
    assert_eq!(c.partner_stats(a.bob).referrals, 0);
    assert_eq!(c.partner_epoch_volume(a.bob, 0), 0);
}

#[ink::test]
fn a_former_holder_at_zero_is_not_brand_new() {
    let a = accounts();
    let mut c = setup();
    stake(&mut c, a.frank, 10 * UNIT).unwrap();
    test::set_caller::<Env>(a.frank);
    assert_eq!(c.unstake(10 * UNIT), Ok(10 * UNIT));
    assert_eq!(c.balance_of(a.frank), 0);
    assert!(c.has_ever_held(a.frank));
    stake_with(&mut c, a.frank, UNIT, "eve").unwrap();
    assert_eq!(c.partner_of(a.frank), None);
}

#[ink::test]
fn self_referral_and_cycles_are_refused() {
    let a = accounts();
    let mut c = setup();
    refused(&mut c, Error::SelfReferral, |c| stake_with(c, a.bob, 5, "bob"));
    // Charlie refers to Bob's code; Charlie gets a code; Bob (brand new) may not take it.
    stake_with(&mut c, a.charlie, UNIT, "bob").unwrap();
    test::set_caller::<Env>(a.alice);
    c.register_code("charlie".into(), a.charlie).unwrap();
    refused(&mut c, Error::ReferralCycle, |c| stake_with(c, a.bob, UNIT, "charlie"));
    // Three links: Django under Charlie; Django's code; Bob under Django closes the loop.
    stake_with(&mut c, a.django, UNIT, "charlie").unwrap();
    test::set_caller::<Env>(a.alice);
    c.register_code("django".into(), a.django).unwrap();
    refused(&mut c, Error::ReferralCycle, |c| stake_with(c, a.bob, UNIT, "django"));
    // A chain that is no cycle binds: Eve (brand new, no referrals) under Django.
    assert_eq!(stake_with(&mut c, a.eve, UNIT, "django"), Ok(UNIT));
    assert_eq!(c.partner_of(a.eve), Some(a.django));
}

#[ink::test]
fn bad_codes_are_refused_and_change_nothing() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.charlie, UNIT, "bob").unwrap();
    refused(&mut c, Error::InvalidCode, |c| stake_with(c, a.alice, UNIT, "b!"));
    refused(&mut c, Error::InvalidCode, |c| stake_with(c, a.alice, UNIT, "spaced code"));
    refused(&mut c, Error::UnknownCode, |c| stake_with(c, a.alice, UNIT, "nobody"));
    test::set_caller::<Env>(a.bob);
    c.set_code_active("bob".into(), false).unwrap();
    refused(&mut c, Error::InactiveCode, |c| stake_with(c, a.alice, UNIT, "bob"));
    refused(&mut c, Error::ZeroAmount, |c| stake_with(c, a.alice, 0, "eve"));
    assert!(!c.has_ever_held(a.alice));
    test::set_caller::<Env>(a.alice);
    c.set_code_active("BOB".into(), true).unwrap();
    assert_eq!(stake_with(&mut c, a.alice, UNIT, "bob"), Ok(UNIT));
    assert_eq!(c.partner_of(a.alice), Some(a.bob));
}

#[ink::test]
fn tvl_follows_transfers() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 100, "bob").unwrap();
    stake_with(&mut c, a.django, 40, "eve").unwrap();
    stake(&mut c, a.charlie, 30).unwrap();
    let tvl = |c: &ReferralStaking| (c.partner_tvl(a.bob), c.partner_tvl(a.eve));
    assert_eq!(tvl(&c), (100, 40));
    // bound -> unbound
    test::set_caller::<Env>(a.alice);
    c.transfer(a.charlie, 25, vec![]).unwrap();
    assert_eq!(tvl(&c), (75, 40));
    // unbound -> bound
    test::set_caller::<Env>(a.charlie);
    c.transfer(a.django, 5, vec![]).unwrap();
    assert_eq!(tvl(&c), (75, 45));
    // between partners, through an allowance
    test::set_caller::<Env>(a.alice);
    c.approve(a.charlie, 20).unwrap();
    test::set_caller::<Env>(a.charlie);
    c.transfer_from(a.alice, a.django, 15, vec![]).unwrap();
    assert_eq!(tvl(&c), (60, 60));
    assert_eq!(c.allowance(a.alice, a.charlie), 5);
    // between two referees of one partner: unchanged
    stake_with(&mut c, a.frank, 10, "bob").unwrap();
    test::set_caller::<Env>(a.frank);
    c.transfer(a.alice, 10, vec![]).unwrap();
    assert_eq!(tvl(&c), (70, 60));
    assert_eq!(c.total_supply(), 180);
    // and the partner's figure is always the sum of its referees' balances
    assert_eq!(c.partner_tvl(a.bob), c.balance_of(a.alice) + c.balance_of(a.frank));
    assert_eq!(c.partner_tvl(a.eve), c.balance_of(a.django));
}

#[ink::test]
fn psp22_refusals_change_nothing() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 100, "bob").unwrap();
    test::set_caller::<Env>(a.alice);
    let before = snapshot(&c);
    assert_eq!(c.transfer(a.charlie, 101, vec![]), Err(PSP22Error::InsufficientBalance));
    c.approve(a.charlie, 10).unwrap();
    let before_allowance = snapshot(&c);
    assert_ne!(before, before_allowance);
    test::set_caller::<Env>(a.charlie);
    assert_eq!(c.transfer_from(a.alice, a.charlie, 11, vec![]), Err(PSP22Error::InsufficientAllowance));
    test::set_caller::<Env>(a.alice);
    assert_eq!(c.decrease_allowance(a.charlie, 11), Err(PSP22Error::InsufficientAllowance));
    assert_eq!(snapshot(&c), before_allowance);
    assert!(!c.has_ever_held(a.charlie));
    assert_eq!(c.token_symbol().as_deref(), Some("lsUNIT"));
    assert_eq!(c.token_decimals(), 12);
    assert!(c.token_name().is_some());
}

#[ink::test]
fn share_seconds_match_a_hand_calculation() {
    let a = accounts();
    let mut c = setup();
    let (t0, day) = (START_MS, 86_400u128);
    stake_with(&mut c, a.alice, 100, "bob").unwrap(); // Bob: 100 from second 0 of epoch 0
    set_time(t0 + 10_000);
    stake_with(&mut c, a.charlie, 50, "bob").unwrap(); // Bob: 150 from second 10
    set_time(t0 + DAY_MS + 30_000);
    test::set_caller::<Env>(a.alice);
    c.transfer(a.django, 60, vec![]).unwrap(); // Bob: 90 from second 30 of epoch 1 (Django unbound)
    set_time(t0 + DAY_MS + 31_500); // the same whole second as second 31
    stake(&mut c, a.django, 10).unwrap();
    set_time(t0 + 3 * DAY_MS + 60_000);
    let bob = SeriesId::Partner(a.bob);
    let figures = |c: &ReferralStaking, series| (0..4).map(|e| c.epoch_share_seconds(series, e)).collect::<Vec<_>>();
    assert_eq!(
        figures(&c, bob),
        vec![Ok(100 * 10 + 150 * (day - 10)), Ok(150 * 30 + 90 * (day - 30)), Ok(90 * day), Ok(90 * 60)]
    );
    // Alice alone: 100, then 40 from second 30 of epoch 1.
    assert_eq!(
        figures(&c, SeriesId::Account(a.alice)),
        vec![Ok(100 * day), Ok(100 * 30 + 40 * (day - 30)), Ok(40 * day), Ok(40 * 60)]
    );
    // Total: 100, 150 from second 10, 160 from Django's stake at second 31 of epoch 1.
    assert_eq!(
        figures(&c, SeriesId::Total),
        vec![Ok(100 * 10 + 150 * (day - 10)), Ok(150 * 31 + 160 * (day - 31)), Ok(160 * day), Ok(160 * 60)]
    );
    // an unbound account has no series
    assert_eq!(figures(&c, SeriesId::Account(a.django)), vec![Ok(0); 4]);
    assert_eq!(c.epoch_share_seconds(bob, 4), Err(Error::EpochInFuture));
    // Bob's series stored epoch 0's total when it changed in epoch 1, and nothing since.
    let series = c.partner_stats(a.bob).series;
    assert_eq!((series.epoch, series.previous, series.in_epoch), (1, Some(0), 150 * 30));
}

#[ink::test]
fn report_rewards_raises_the_rate_and_sets_the_fee_aside() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 100_000 * UNIT, "bob").unwrap();
    // the seed's example: 10 units of daily rewards, 10% fee: 1 aside, 9 to stakers
    call(&mut c, a.django, 10 * UNIT, |c| c.report_rewards()).unwrap();
    assert_eq!(c.unwithdrawn_fees(), UNIT);
    assert_eq!(c.total_pooled(), 100_009 * UNIT);
    let record = c.epoch_rewards(0);
    assert_eq!((record.rewards, record.fee, record.reports), (10 * UNIT, UNIT, 1));
    // a later staker gets fewer shares per unit, rounded down in the pool's favour
    let shares = stake(&mut c, a.charlie, 100_009 * UNIT).unwrap();
    assert_eq!(shares, 100_000 * UNIT);
    assert_eq!(c.shares_for(7), Ok(6)); // 7 * 100000/100009 = 6.99.. -> 6
                                        // rounding of the fee: 0.1 x 7 = 0.7 -> 0 set aside, all 7 to the stakers
    set_time(START_MS + DAY_MS);
    call(&mut c, a.django, 7, |c| c.report_rewards()).unwrap();
    assert_eq!(c.unwithdrawn_fees(), UNIT);
    assert_eq!(c.epoch_rewards(1).fee, 0);
    assert_eq!(c.total_pooled(), 200_018 * UNIT + 7);
    // unstaking pays the raised rate, rounded down
    test::set_caller::<Env>(a.alice);
    let paid = c.unstake(100_000 * UNIT).unwrap();
    assert_eq!(paid, 100_009 * UNIT + 3); // floor((200018e12+7)/2)
}

#[ink::test]
fn only_the_oracle_reports_and_only_the_treasury_withdraws() {
    let a = accounts();
    let mut c = setup();
    refused(&mut c, Error::NothingStaked, |c| call(c, a.django, 5, |c| c.report_rewards()));
    stake(&mut c, a.alice, 1_000).unwrap();
    refused(&mut c, Error::Unauthorized, |c| call(c, a.alice, 5, |c| c.report_rewards()));
    refused(&mut c, Error::ZeroAmount, |c| call(c, a.django, 0, |c| c.report_rewards()));
    call(&mut c, a.django, 100, |c| c.report_rewards()).unwrap();
    assert_eq!(c.unwithdrawn_fees(), 10);
    refused(&mut c, Error::Unauthorized, |c| call(c, a.django, 0, |c| c.withdraw_fees(10)));
    refused(&mut c, Error::InsufficientFees, |c| call(c, a.frank, 0, |c| c.withdraw_fees(11)));
    refused(&mut c, Error::ZeroAmount, |c| call(c, a.frank, 0, |c| c.withdraw_fees(0)));
    let before = test::get_account_balance::<Env>(a.frank).unwrap();
    call(&mut c, a.frank, 0, |c| c.withdraw_fees(10)).unwrap();
    assert_eq!(test::get_account_balance::<Env>(a.frank).unwrap(), before + 10);
    assert_eq!(c.unwithdrawn_fees(), 0);
}

#[ink::test]
fn unstake_refusals_change_nothing() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 1_000, "bob").unwrap();
    refused(&mut c, Error::ZeroAmount, |c| call(c, a.alice, 0, |c| c.unstake(0)));
    refused(&mut c, Error::InsufficientBalance, |c| call(c, a.alice, 0, |c| c.unstake(1_001)));
    refused(&mut c, Error::InsufficientBalance, |c| call(c, a.charlie, 0, |c| c.unstake(1)));
}

#[ink::test]
fn the_last_holders_dust_goes_to_the_protocol() {
    let a = accounts();
    let mut c = setup();
    stake(&mut c, a.alice, 3).unwrap();
    call(&mut c, a.django, 2, |c| c.report_rewards()).unwrap(); // fee floor(0.2)=0
    assert_eq!(c.total_pooled(), 5);
    test::set_caller::<Env>(a.alice);
    assert_eq!(c.unstake(2), Ok(3)); // floor(2*5/3)
    assert_eq!(c.unstake(1), Ok(2));
    assert_eq!((c.total_pooled(), c.total_supply(), c.unwithdrawn_fees()), (0, 0, 0));
    assert_eq!(test::get_account_balance::<Env>(contract_id()), Ok(ED));
}

#[ink::test]
fn pause_stops_staking_never_unstaking() {
    let a = accounts();
    let mut c = setup();
    stake(&mut c, a.charlie, 100).unwrap();
    refused(&mut c, Error::Unauthorized, |c| call(c, a.bob, 0, |c| c.set_paused(true)));
    call(&mut c, a.alice, 0, |c| c.set_paused(true)).unwrap();
    refused(&mut c, Error::Paused, |c| stake_with(c, a.eve, 10, "bob"));
    refused(&mut c, Error::Paused, |c| call(c, a.charlie, 10, |c| c.stake()));
    assert_eq!(call(&mut c, a.charlie, 0, |c| c.unstake(40)), Ok(40));
    call(&mut c, a.alice, 0, |c| c.set_paused(false)).unwrap();
    assert_eq!(stake(&mut c, a.charlie, 10), Ok(10));
}

#[ink::test]
fn roles_and_the_two_step_admin_transfer() {
    let a = accounts();
    let mut c = setup();
    for who in [a.bob, a.django, a.frank] {
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.transfer_admin(who)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.set_oracle(who)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.set_treasury(who)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.set_fee_rate(1)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.register_code("abc".into(), who)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.reassign_code("eve".into(), who)));
    }
    refused(&mut c, Error::FeeRateTooHigh, |c| call(c, a.alice, 0, |c| c.set_fee_rate(5 * TENTH + 1)));
    call(&mut c, a.alice, 0, |c| c.set_fee_rate(5 * TENTH)).unwrap();
    call(&mut c, a.alice, 0, |c| c.transfer_admin(a.charlie)).unwrap();
    refused(&mut c, Error::NotPendingAdmin, |c| call(c, a.bob, 0, |c| c.accept_admin()));
    assert_eq!(c.config().admin.current, a.alice);
    call(&mut c, a.charlie, 0, |c| c.accept_admin()).unwrap();
    assert_eq!(c.config().admin, referral_common::admin::Admin::new(a.charlie));
    refused(&mut c, Error::Unauthorized, |c| call(c, a.alice, 0, |c| c.set_paused(true)));
    call(&mut c, a.charlie, 0, |c| c.set_oracle(a.eve)).unwrap();
    call(&mut c, a.charlie, 0, |c| c.set_treasury(a.bob)).unwrap();
    assert_eq!((c.config().oracle, c.config().treasury), (a.eve, a.bob));
}

#[ink::test]
fn codes_have_one_owner_and_move_only_by_owner_or_admin() {
    let a = accounts();
    let mut c = setup();
    refused(&mut c, Error::CodeTaken, |c| call(c, a.alice, 0, |c| c.register_code("BoB".into(), a.charlie)));
    refused(&mut c, Error::InvalidCode, |c| call(c, a.alice, 0, |c| c.register_code("x".into(), a.charlie)));
    assert_eq!(c.code_owner("BOB".into()), Some(a.bob));
    assert_eq!(c.code_owner("nope".into()), None);
    assert_eq!(c.code_owner("?".into()), None);
    refused(&mut c, Error::Unauthorized, |c| call(c, a.eve, 0, |c| c.transfer_code("bob".into(), a.eve)));
    refused(&mut c, Error::UnknownCode, |c| call(c, a.bob, 0, |c| c.transfer_code("nope".into(), a.eve)));
    refused(&mut c, Error::SameOwner, |c| call(c, a.bob, 0, |c| c.transfer_code("bob".into(), a.bob)));
    refused(&mut c, Error::Unauthorized, |c| call(c, a.eve, 0, |c| c.set_code_active("bob".into(), false)));
    // Alice binds to Bob; Bob hands the code to Charlie; Frank then binds to Charlie.
    stake_with(&mut c, a.alice, 10, "bob").unwrap();
    call(&mut c, a.bob, 0, |c| c.transfer_code("bob".into(), a.charlie)).unwrap();
    stake_with(&mut c, a.frank, 10, "bob").unwrap();
    assert_eq!(c.partner_of(a.alice), Some(a.bob));
    assert_eq!(c.partner_of(a.frank), Some(a.charlie));
    // the admin undoes squatting
    call(&mut c, a.alice, 0, |c| c.reassign_code("bob".into(), a.bob)).unwrap();
    assert_eq!(c.code_owner("bob".into()), Some(a.bob));
    assert!(c.code_info("bob".into()).unwrap().active);
}

#[ink::test]
fn epochs_split_volume_and_rewards() {
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 10, "bob").unwrap();
    set_time(START_MS + DAY_MS - 1);
    stake(&mut c, a.alice, 5).unwrap();
    set_time(START_MS + 2 * DAY_MS);
    stake(&mut c, a.alice, 7).unwrap();
    stake_with(&mut c, a.charlie, 3, "bob").unwrap();
    assert_eq!(c.current_epoch(), 2);
    assert_eq!(c.partner_epoch_volume(a.bob, 0), 15);
    assert_eq!(c.partner_epoch_volume(a.bob, 1), 0);
    assert_eq!(c.partner_epoch_volume(a.bob, 2), 10);
    assert_eq!(c.bound_epoch(a.charlie), Some(2));
    assert_eq!(c.epoch_at(START_MS - 1), 0);
}

#[ink::test]
fn partner_stats_count_referrals() {
    let a = accounts();
    let mut c = setup();
    for who in [a.alice, a.charlie, a.django] {
        stake_with(&mut c, who, 10, "eve").unwrap();
    }
    let stats: PartnerStats = c.partner_stats(a.eve);
    assert_eq!((stats.referrals, stats.referred_shares), (3, 30));
}

#[ink::test]
fn the_cycle_check_walks_a_bounded_chain() {
    let a = accounts();
    let mut c = setup();
    let acc = |i: u8| AccountId::from([i; 32]);
    let code = |i: u8| format!("c{i}");
    // A chain of 71 partners: 101 under 100, 102 under 101, ... 170 under 169.
    test::set_caller::<Env>(a.alice);
    c.register_code(code(100), acc(100)).unwrap();
    for i in 101..=170u8 {
        test::set_account_balance::<Env>(acc(i), 1_000 * UNIT);
        stake_with(&mut c, acc(i), 1, &code(i - 1)).unwrap();
        test::set_caller::<Env>(a.alice);
        c.register_code(code(i), acc(i)).unwrap();
    }
    assert_eq!(c.partner_of(acc(170)), Some(acc(169)));
    // A partner with a referral of its own, still brand new itself.
    test::set_account_balance::<Env>(acc(200), 1_000 * UNIT);
    test::set_account_balance::<Env>(acc(201), 1_000 * UNIT);
    c.register_code(code(200), acc(200)).unwrap();
    stake_with(&mut c, acc(201), 1, "c200").unwrap();
    // Under the bottom of the chain: more than MAX_CHAIN_WALK links to check.
    refused(&mut c, Error::ReferralChainTooDeep, |c| stake_with(c, acc(200), 1, "c170"));
    // Ten links up from 110 the chain ends: no cycle, bound.
    assert_eq!(stake_with(&mut c, acc(200), 1, "c110"), Ok(1));
    assert_eq!(c.partner_of(acc(200)), Some(acc(110)));
    // An unreferred newcomer binds under the bottom without any walk.
    test::set_account_balance::<Env>(acc(202), 1_000 * UNIT);
    assert_eq!(stake_with(&mut c, acc(202), 1, "c170"), Ok(1));
}

#[ink::test]
fn a_series_keeps_one_total_per_epoch_however_often_it_changes() {
    let a = accounts();
    let mut c = setup();
    // 50 stakes of one share each in each of three epochs, a second apart.
    for epoch in 0..3u64 {
        for second in 0..50u64 {
            set_time(START_MS + epoch * DAY_MS + second * 1_000);
            stake_with(&mut c, a.alice, 1, "bob").unwrap();
        }
    }
    set_time(START_MS + 3 * DAY_MS);
    let series = c.partner_stats(a.bob).series;
    assert_eq!((series.epoch, series.previous), (2, Some(1)));
    // Epoch k: k x 50 + (1..=50) shares over its first 50 seconds, then k x 50 + 50.
    for k in 0..3u128 {
        let ramp: u128 = (0..49u128).map(|s| k * 50 + s + 1).sum();
        let rest = (k * 50 + 50) * (86_400 - 49);
        assert_eq!(c.epoch_share_seconds(SeriesId::Partner(a.bob), k as u32), Ok(ramp + rest), "epoch {k}");
    }
}

#[ink::test]
fn a_stake_worth_less_than_a_share_is_refused() {
    let a = accounts();
    let mut c = setup();
    stake(&mut c, a.charlie, 10).unwrap();
    call(&mut c, a.django, 20, |c| c.report_rewards()).unwrap(); // fee 2, pool 28 for 10 shares
    assert_eq!(c.total_pooled(), 28);
    assert_eq!(c.shares_for(2), Ok(0));
    refused(&mut c, Error::StakeTooSmall, |c| stake_with(c, a.alice, 2, "bob"));
    refused(&mut c, Error::StakeTooSmall, |c| call(c, a.alice, 2, |c| c.stake()));
    assert!(!c.has_ever_held(a.alice));
    assert_eq!(stake_with(&mut c, a.alice, 3, "bob"), Ok(1));
}

#[ink::test]
fn code_management_refusals_change_nothing() {
    let a = accounts();
    let mut c = setup();
    for (caller, f) in [
        (
            a.bob,
            Box::new(|c: &mut ReferralStaking| c.transfer_code("no".into(), a.eve))
                as Box<dyn FnOnce(&mut ReferralStaking) -> Result<(), Error>>,
        ),
        (a.bob, Box::new(|c: &mut ReferralStaking| c.set_code_active("bad code".into(), false))),
        (a.alice, Box::new(|c: &mut ReferralStaking| c.reassign_code("b".into(), a.eve))),
    ] {
        refused(&mut c, Error::InvalidCode, |c| call(c, caller, 0, f));
    }
    refused(&mut c, Error::UnknownCode, |c| call(c, a.alice, 0, |c| c.set_code_active("ghost".into(), false)));
    refused(&mut c, Error::UnknownCode, |c| call(c, a.alice, 0, |c| c.reassign_code("ghost".into(), a.eve)));
    refused(&mut c, Error::SameOwner, |c| call(c, a.alice, 0, |c| c.reassign_code("bob".into(), a.bob)));
}

/// Without a vault, each binding (and only a binding) says its bonus was skipped, and
/// binds all the same. Only the admin links a vault. (Credits through a linked vault
/// are a cross-contract call: the drink suite covers them.)
#[ink::test]
fn a_binding_without_a_vault_binds_and_says_the_bonus_was_skipped() {
    use crate::events::VaultLinked;
    use referral_common::bonus::{BonusSkipReason, SignupBonusSkipped};
    let a = accounts();
    let mut c = setup();
    stake_with(&mut c, a.alice, 10 * UNIT, "bob").unwrap();
    stake_with(&mut c, a.alice, 10 * UNIT, "eve").unwrap();
    stake(&mut c, a.charlie, 10 * UNIT).unwrap();
    stake_with(&mut c, a.charlie, 10 * UNIT, "eve").unwrap();
    stake_with(&mut c, a.django, 10 * UNIT, "eve").unwrap();
    let skipped: Vec<_> = events_of::<SignupBonusSkipped>().iter().map(|e| (e.referrer, e.referee, e.reason)).collect();
    assert_eq!(skipped, vec![(a.bob, a.alice, BonusSkipReason::NoVault), (a.eve, a.django, BonusSkipReason::NoVault)]);
    assert_eq!((c.partner_of(a.alice), c.partner_of(a.charlie), c.partner_of(a.django)), (Some(a.bob), None, Some(a.eve)));
    refused(&mut c, Error::Unauthorized, |c| call(c, a.bob, 0, |c| c.set_vault(Some(a.bob))));
    let vault = AccountId::from([0x7A; 32]);
    call(&mut c, a.alice, 0, |c| c.set_vault(Some(vault))).unwrap();
    assert_eq!(c.config().vault, Some(vault));
    assert_eq!(events_of::<VaultLinked>(), vec![VaultLinked { vault: Some(vault) }]);
}
