//! Unit tests of the vault on ink!'s off-chain engine: no chain, no wasm.
use crate::events::{Allocated, ChunkAdded, Claimed, PeriodRevoked, PeriodSealed};
use crate::partner_vault::PartnerVault;
use crate::{Balances, ClaimRecord, Error, PeriodRange, PeriodState, MAX_UNFINAL_PERIODS};
use ink::env::test::{self, DefaultAccounts};
use ink::env::DefaultEnvironment as Env;
use ink::primitives::{AccountId, Hash};
use referral_common::testing::{assert_refused, call, contract_id, events_of, native, set_contract, set_time, Rng, ED};

const DAY_MS: u64 = 86_400_000;
const WINDOW: u64 = 7 * DAY_MS;
const START_MS: u64 = 1_700_000_000_000;
const ENDOWMENT: u128 = 1_000_000_000_000;
/// The clock after `setup`: three 30-day months have ended.
const NOW: u64 = START_MS + 100 * DAY_MS;

fn accounts() -> DefaultAccounts<Env> {
    test::default_accounts::<Env>()
}

fn hash(byte: u8) -> Hash {
    Hash::from([byte; 32])
}

/// Alice is admin, Django and Frank distributors; Bob < Charlie < Eve are partners.
/// The clock stands at `NOW`.
fn setup() -> PartnerVault {
    let a = accounts();
    set_contract([0xC1; 32]);
    for who in [a.alice, a.bob, a.charlie, a.django, a.eve, a.frank] {
        test::set_account_balance::<Env>(who, ENDOWMENT);
    }
    set_time(NOW);
    test::set_caller::<Env>(a.alice);
    let mut c = PartnerVault::new(WINDOW, None).unwrap();
    c.set_distributor(a.django, true).unwrap();
    c.set_distributor(a.frank, true).unwrap();
    c
}

/// The `n`-th 30-day month from `START_MS` (the first is 1), as (start, end).
fn month(n: u64) -> (u64, u64) {
    (START_MS + (n - 1) * 30 * DAY_MS, START_MS + n * 30 * DAY_MS)
}

fn open(c: &mut PartnerVault, by: AccountId, period: u32, (start, end): (u64, u64)) -> Result<(), Error> {
    call(c, by, 0, |c| c.open_period(period, start, end, hash(period as u8)))
}

fn add(c: &mut PartnerVault, by: AccountId, period: u32, chunk: &[(AccountId, u128)], value: u128) -> Result<(), Error> {
    call(c, by, value, |c| c.add_allocations(period, chunk.to_vec()))
}

fn seal(c: &mut PartnerVault, by: AccountId, period: u32, total: u128, count: u32) -> Result<(), Error> {
    call(c, by, 0, |c| c.seal_period(period, total, count))
}

fn sum(chunk: &[(AccountId, u128)]) -> u128 {
    chunk.iter().map(|(_, v)| v).sum()
}

/// Opens, funds and seals `period` by Django in one chunk.
fn deposit(c: &mut PartnerVault, period: u32, chunk: &[(AccountId, u128)]) {
    let django = accounts().django;
    open(c, django, period, month(u64::from(period))).unwrap();
    add(c, django, period, chunk, sum(chunk)).unwrap();
    seal(c, django, period, sum(chunk), chunk.len() as u32).unwrap();
}

fn balances(c: &PartnerVault, who: AccountId) -> Balances {
    Balances { pending: c.pending_of(who), claimable: c.claimable_of(who) }
}

/// Everything observable about the vault and the named accounts.
fn snapshot(c: &PartnerVault) -> String {
    let a = accounts();
    let mut out = format!("{:?} {:?} native={}\n", c.totals(), c.config(), native(contract_id()));
    for who in [a.alice, a.bob, a.charlie, a.django, a.eve, a.frank] {
        out += &format!(
            "{who:?}: {:?} claimed={} claims={} {:?} payout={:?} native={} distributor={}\n",
            balances(c, who),
            c.claimed_total_of(who),
            c.claim_count_of(who),
            c.claim_history(who, 0, 50),
            c.payout_address_of(who),
            native(who),
            c.is_distributor(who),
        );
    }
    for period in 0..12 {
        out += &format!("{period}: {:?}\n", c.period_info(period));
    }
    out
}

fn refused<T: core::fmt::Debug>(c: &mut PartnerVault, expected: Error, f: impl FnOnce(&mut PartnerVault) -> Result<T, Error>) {
    assert_refused(c, expected, snapshot, f);
}

#[ink::test]
fn the_constructor_refuses_a_window_above_ninety_days() {
    assert_eq!(PartnerVault::new(90 * DAY_MS + 1, None).err(), Some(Error::InvalidConfig));
    assert!(PartnerVault::new(90 * DAY_MS, None).is_ok());
}

#[ink::test]
fn deposits_in_chunks_are_pending_through_the_window_then_claimable_exactly() {
    let a = accounts();
    let mut c = setup();
    open(&mut c, a.django, 1, month(1)).unwrap();
    add(&mut c, a.django, 1, &[(a.bob, 100), (a.charlie, 200)], 300).unwrap();
    add(&mut c, a.django, 1, &[(a.eve, 50)], 50).unwrap();
    assert_eq!(native(contract_id()), ED + 350);
    assert_eq!(
        events_of::<Allocated>(),
        vec![
            Allocated { account: a.bob, period: 1, amount: 100 },
            Allocated { account: a.charlie, period: 1, amount: 200 },
            Allocated { account: a.eve, period: 1, amount: 50 },
        ]
    );
    assert_eq!(
        events_of::<ChunkAdded>(),
        vec![ChunkAdded { period: 1, chunk: 0, count: 2, amount: 300 }, ChunkAdded { period: 1, chunk: 1, count: 1, amount: 50 },]
    );
    // An open period's amounts are pending already.
    assert_eq!(balances(&c, a.charlie), Balances { pending: 200, claimable: 0 });
    let info = c.period_info(1).unwrap();
    assert_eq!((info.record.total, info.record.count, info.record.chunks, info.state), (350, 3, 2, PeriodState::Open));
    assert_eq!(info.record.allocation_hash, hash(1));

    let sealed_at = NOW;
    seal(&mut c, a.django, 1, 350, 3).unwrap();
    let until = sealed_at + WINDOW;
    assert_eq!(events_of::<PeriodSealed>(), vec![PeriodSealed { period: 1, total: 350, count: 3, pending_until: until }]);
    assert_eq!(c.period_info(1).unwrap().state, PeriodState::Pending { until });

    set_time(until - 1);
    assert_eq!(balances(&c, a.bob), Balances { pending: 100, claimable: 0 });
    refused(&mut c, Error::NothingToClaim, |c| call(c, a.bob, 0, |c| c.claim()));
    let t = c.totals();
    assert_eq!((t.deposited, t.outstanding, t.pending, t.claimable), (350, 350, 350, 0));

    set_time(until);
    assert_eq!(balances(&c, a.bob), Balances { pending: 0, claimable: 100 });
    let bob_before = native(a.bob);
    assert_eq!(call(&mut c, a.bob, 0, |c| c.claim()), Ok(100));
    assert_eq!(native(a.bob), bob_before + 100);
    assert_eq!(native(contract_id()), ED + 250);
    assert_eq!(balances(&c, a.bob), Balances::default());
    assert_eq!(c.claimed_total_of(a.bob), 100);
    let periods = Some(PeriodRange { first: 1, last: 1, count: 1 });
    assert_eq!(
        c.claim_history(a.bob, 0, 10),
        vec![ClaimRecord { amount: 100, bonus: 0, time: until, paid_to: a.bob, triggered_by: a.bob, periods }]
    );
    assert_eq!(
        events_of::<Claimed>(),
        vec![Claimed { account: a.bob, paid_to: a.bob, triggered_by: a.bob, amount: 100, bonus: 0, periods, index: 0 }]
    );
    refused(&mut c, Error::NothingToClaim, |c| call(c, a.bob, 0, |c| c.claim()));
    refused(&mut c, Error::NothingToClaim, |c| call(c, a.frank, 0, |c| c.claim()));
    let t = c.totals();
    assert_eq!((t.deposited, t.claimed, t.outstanding, t.pending, t.claimable, t.claims), (350, 100, 250, 0, 250, 1));
}

#[ink::test]
fn a_wrongly_funded_or_malformed_chunk_records_nothing() {
    let a = accounts();
    let mut c = setup();
    open(&mut c, a.django, 1, month(1)).unwrap();
    let chunk = [(a.bob, 100), (a.charlie, 200)];
    for value in [0, 299, 301, 600] {
        refused(&mut c, Error::FundingMismatch, |c| add(c, a.django, 1, &chunk, value));
    }
    refused(&mut c, Error::EmptyChunk, |c| add(c, a.django, 1, &[], 0));
    refused(&mut c, Error::ZeroAmount, |c| add(c, a.django, 1, &[(a.bob, 0), (a.charlie, 5)], 5));
    refused(&mut c, Error::Overflow, |c| add(c, a.django, 1, &[(a.bob, u128::MAX), (a.charlie, 1)], 0));
    refused(&mut c, Error::NotPeriodDistributor, |c| add(c, a.frank, 1, &chunk, 300));
    refused(&mut c, Error::Unauthorized, |c| add(c, a.bob, 1, &chunk, 300));
    refused(&mut c, Error::UnknownPeriod, |c| add(c, a.django, 2, &chunk, 300));
    add(&mut c, a.django, 1, &chunk, 300).unwrap();
}

#[ink::test]
fn an_account_twice_in_a_period_is_refused_within_and_across_chunks() {
    let a = accounts();
    let mut c = setup();
    open(&mut c, a.django, 1, month(1)).unwrap();
    refused(&mut c, Error::DuplicateAccount, |c| add(c, a.django, 1, &[(a.bob, 1), (a.bob, 2)], 3));
    refused(&mut c, Error::AllocationsNotAscending, |c| add(c, a.django, 1, &[(a.charlie, 1), (a.bob, 2)], 3));
    add(&mut c, a.django, 1, &[(a.bob, 1), (a.charlie, 2)], 3).unwrap();
    refused(&mut c, Error::DuplicateAccount, |c| add(c, a.django, 1, &[(a.charlie, 7)], 7));
    refused(&mut c, Error::AllocationsNotAscending, |c| add(c, a.django, 1, &[(a.bob, 7)], 7));
    add(&mut c, a.django, 1, &[(a.eve, 7)], 7).unwrap();
    // A new period starts a new order.
    seal(&mut c, a.django, 1, 10, 3).unwrap();
    open(&mut c, a.django, 2, month(2)).unwrap();
    add(&mut c, a.django, 2, &[(a.bob, 1)], 1).unwrap();
}

#[ink::test]
fn a_seal_must_match_the_recorded_totals_and_happens_once() {
    let a = accounts();
    let mut c = setup();
    open(&mut c, a.django, 1, month(1)).unwrap();
    add(&mut c, a.django, 1, &[(a.bob, 100), (a.charlie, 200)], 300).unwrap();
    refused(&mut c, Error::SealMismatch, |c| seal(c, a.django, 1, 299, 2));
    refused(&mut c, Error::SealMismatch, |c| seal(c, a.django, 1, 300, 3));
    refused(&mut c, Error::NotPeriodDistributor, |c| seal(c, a.frank, 1, 300, 2));
    refused(&mut c, Error::Unauthorized, |c| seal(c, a.eve, 1, 300, 2));
    refused(&mut c, Error::UnknownPeriod, |c| seal(c, a.django, 2, 0, 0));
    seal(&mut c, a.django, 1, 300, 2).unwrap();
    refused(&mut c, Error::PeriodNotOpen, |c| seal(c, a.django, 1, 300, 2));
    refused(&mut c, Error::PeriodNotOpen, |c| add(c, a.django, 1, &[(a.eve, 1)], 1));
}

#[ink::test]
fn claim_on_behalf_pays_the_owner_or_its_payout_address_never_the_caller() {
    let a = accounts();
    let mut c = setup();
    deposit(&mut c, 1, &[(a.bob, 100), (a.charlie, 200)]);
    set_time(NOW + 10 * DAY_MS);
    // Charlie's claim, triggered by Eve, goes to Charlie.
    let (eve_before, charlie_before) = (native(a.eve), native(a.charlie));
    assert_eq!(call(&mut c, a.eve, 0, |c| c.claim_for(a.charlie)), Ok(200));
    assert_eq!((native(a.eve), native(a.charlie)), (eve_before, charlie_before + 200));
    // Bob pays himself to a cold wallet; Eve triggers it.
    let cold = AccountId::from([0x77; 32]);
    test::set_account_balance::<Env>(cold, ED);
    refused(&mut c, Error::InvalidPayoutAddress, |c| call(c, a.bob, 0, |c| c.set_payout_address(Some(contract_id()))));
    call(&mut c, a.bob, 0, |c| c.set_payout_address(Some(cold))).unwrap();
    assert_eq!(c.payout_address_of(a.bob), cold);
    let bob_before = native(a.bob);
    assert_eq!(call(&mut c, a.eve, 0, |c| c.claim_for(a.bob)), Ok(100));
    assert_eq!((native(cold), native(a.bob), native(a.eve)), (ED + 100, bob_before, eve_before));
    assert_eq!(
        c.claim_history(a.bob, 0, 1),
        vec![ClaimRecord {
            amount: 100,
            bonus: 0,
            time: NOW + 10 * DAY_MS,
            paid_to: cold,
            triggered_by: a.eve,
            periods: Some(PeriodRange { first: 1, last: 1, count: 1 }),
        }]
    );
    refused(&mut c, Error::NothingToClaim, |c| call(c, a.eve, 0, |c| c.claim_for(a.bob)));
    // Back to itself.
    call(&mut c, a.bob, 0, |c| c.set_payout_address(None)).unwrap();
    assert_eq!(c.payout_address_of(a.bob), a.bob);
}

#[ink::test]
fn revoke_refunds_the_distributor_to_the_unit_and_clears_pending_balances() {
    let a = accounts();
    let mut c = setup();
    let django_start = native(a.django);
    // Revoked while open.
    open(&mut c, a.django, 1, month(1)).unwrap();
    add(&mut c, a.django, 1, &[(a.bob, 123_457), (a.eve, 1)], 123_458).unwrap();
    refused(&mut c, Error::Unauthorized, |c| call(c, a.django, 0, |c| c.revoke_period(1)));
    call(&mut c, a.alice, 0, |c| c.revoke_period(1)).unwrap();
    assert_eq!(native(a.django), django_start);
    assert_eq!(native(contract_id()), ED);
    assert_eq!(balances(&c, a.bob), Balances::default());
    assert_eq!(events_of::<PeriodRevoked>(), vec![PeriodRevoked { period: 1, distributor: a.django, refunded: 123_458 }]);
    refused(&mut c, Error::PeriodRevoked, |c| call(c, a.alice, 0, |c| c.revoke_period(1)));
    refused(&mut c, Error::PeriodNotOpen, |c| add(c, a.django, 1, &[(a.charlie, 1)], 1));

    // Its replacement covers the same month; revoked while pending.
    open(&mut c, a.django, 2, month(1)).unwrap();
    add(&mut c, a.django, 2, &[(a.bob, 40), (a.charlie, 60)], 100).unwrap();
    seal(&mut c, a.django, 2, 100, 2).unwrap();
    set_time(NOW + WINDOW - 1);
    call(&mut c, a.alice, 0, |c| c.revoke_period(2)).unwrap();
    assert_eq!(native(a.django), django_start);
    assert_eq!((balances(&c, a.bob), balances(&c, a.charlie)), (Balances::default(), Balances::default()));
    set_time(NOW + 20 * DAY_MS);
    refused(&mut c, Error::NothingToClaim, |c| call(c, a.bob, 0, |c| c.claim()));

    // A third one goes through; once its window ends it cannot be revoked.
    set_time(NOW + 21 * DAY_MS);
    deposit(&mut c, 3, &[(a.bob, 5)]);
    set_time(NOW + 21 * DAY_MS + WINDOW);
    refused(&mut c, Error::PeriodFinal, |c| call(c, a.alice, 0, |c| c.revoke_period(3)));
    refused(&mut c, Error::UnknownPeriod, |c| call(c, a.alice, 0, |c| c.revoke_period(4)));
    assert_eq!(call(&mut c, a.bob, 0, |c| c.claim()), Ok(5));
    let t = c.totals();
    assert_eq!((t.deposited, t.refunded, t.claimed, t.outstanding), (123_458 + 100 + 5, 123_458 + 100, 5, 0));
}

#[ink::test]
fn periods_are_numbered_upwards_one_open_at_a_time_and_never_overlap() {
    let a = accounts();
    let mut c = setup();
    refused(&mut c, Error::Unauthorized, |c| open(c, a.bob, 1, month(1)));
    refused(&mut c, Error::InvalidInterval, |c| call(c, a.django, 0, |c| c.open_period(1, START_MS, START_MS, hash(1))));
    refused(&mut c, Error::PeriodNotEnded, |c| open(c, a.django, 1, month(4)));
    open(&mut c, a.django, 7, month(1)).unwrap();
    refused(&mut c, Error::PreviousPeriodOpen, |c| open(c, a.frank, 8, month(1)));
    seal(&mut c, a.django, 7, 0, 0).unwrap();
    refused(&mut c, Error::PeriodOutOfOrder, |c| open(c, a.django, 9, month(1)));
    refused(&mut c, Error::PeriodOutOfOrder, |c| open(c, a.django, 6, month(1)));
    refused(&mut c, Error::PeriodOutOfOrder, |c| open(c, a.django, 7, month(1)));
    refused(&mut c, Error::OverlappingPeriod, |c| {
        call(c, a.django, 0, |c| c.open_period(8, month(1).1 - 1, month(1).1 + 1, hash(8)))
    });
    open(&mut c, a.frank, 8, month(2)).unwrap();
    assert_eq!(c.period_info(8).unwrap().record.distributor, a.frank);
}

#[ink::test]
fn a_pause_stops_deposits_never_claims_or_revokes() {
    let a = accounts();
    let mut c = setup();
    deposit(&mut c, 1, &[(a.bob, 10)]);
    set_time(NOW + 30 * DAY_MS);
    open(&mut c, a.django, 2, month(2)).unwrap();
    add(&mut c, a.django, 2, &[(a.bob, 3)], 3).unwrap();
    refused(&mut c, Error::Unauthorized, |c| call(c, a.bob, 0, |c| c.set_paused(true)));
    call(&mut c, a.alice, 0, |c| c.set_paused(true)).unwrap();
    refused(&mut c, Error::Paused, |c| add(c, a.django, 2, &[(a.eve, 3)], 3));
    refused(&mut c, Error::Paused, |c| seal(c, a.django, 2, 3, 1));
    assert_eq!(call(&mut c, a.bob, 0, |c| c.claim()), Ok(10));
    call(&mut c, a.alice, 0, |c| c.revoke_period(2)).unwrap();
    refused(&mut c, Error::Paused, |c| open(c, a.django, 3, month(2)));
    call(&mut c, a.alice, 0, |c| c.set_paused(false)).unwrap();
    open(&mut c, a.django, 3, month(2)).unwrap();
}

#[ink::test]
fn roles_distributors_and_the_two_step_admin() {
    let a = accounts();
    let mut c = setup();
    for who in [a.bob, a.django, a.eve] {
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.set_distributor(who, true)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.transfer_admin(who)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.set_paused(true)));
        refused(&mut c, Error::Unauthorized, |c| call(c, who, 0, |c| c.revoke_period(0)));
    }
    // A distributor that loses its role can no longer touch its open period.
    open(&mut c, a.django, 1, month(1)).unwrap();
    call(&mut c, a.alice, 0, |c| c.set_distributor(a.django, false)).unwrap();
    refused(&mut c, Error::Unauthorized, |c| add(c, a.django, 1, &[(a.bob, 1)], 1));
    call(&mut c, a.alice, 0, |c| c.transfer_admin(a.charlie)).unwrap();
    refused(&mut c, Error::NotPendingAdmin, |c| call(c, a.bob, 0, |c| c.accept_admin()));
    call(&mut c, a.charlie, 0, |c| c.accept_admin()).unwrap();
    assert_eq!(c.config().admin.current, a.charlie);
    refused(&mut c, Error::Unauthorized, |c| call(c, a.alice, 0, |c| c.revoke_period(1)));
    call(&mut c, a.charlie, 0, |c| c.revoke_period(1)).unwrap();
}

#[ink::test]
fn at_most_eight_periods_wait_at_once_and_claims_history_pages() {
    let a = accounts();
    set_contract([0xC1; 32]);
    for who in [a.alice, a.bob, a.django] {
        test::set_account_balance::<Env>(who, ENDOWMENT);
    }
    test::set_caller::<Env>(a.alice);
    // A 30-day window, daily periods: windows overlap.
    let mut c = PartnerVault::new(30 * DAY_MS, None).unwrap();
    c.set_distributor(a.django, true).unwrap();
    let day = |n: u64| (START_MS + n * DAY_MS, START_MS + (n + 1) * DAY_MS);
    set_time(START_MS + 100 * DAY_MS);
    for p in 1..=MAX_UNFINAL_PERIODS {
        open(&mut c, a.django, p, day(u64::from(p))).unwrap();
        add(&mut c, a.django, p, &[(a.bob, u128::from(p))], u128::from(p)).unwrap();
        seal(&mut c, a.django, p, u128::from(p), 1).unwrap();
    }
    let next = MAX_UNFINAL_PERIODS + 1;
    refused(&mut c, Error::TooManyUnfinalPeriods, |c| open(c, a.django, next, day(50)));
    assert_eq!(balances(&c, a.bob), Balances { pending: 36, claimable: 0 });
    // Once the first window ends, one more may open.
    set_time(START_MS + 130 * DAY_MS);
    open(&mut c, a.django, next, day(50)).unwrap();
    add(&mut c, a.django, next, &[(a.bob, 100)], 100).unwrap();
    assert_eq!(balances(&c, a.bob), Balances { pending: 100, claimable: 36 });
    assert_eq!(call(&mut c, a.bob, 0, |c| c.claim()), Ok(36));
    seal(&mut c, a.django, next, 100, 1).unwrap();
    set_time(START_MS + 200 * DAY_MS);
    assert_eq!(call(&mut c, a.bob, 0, |c| c.claim()), Ok(100));
    let history = c.claim_history(a.bob, 0, 10);
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].periods, Some(PeriodRange { first: 1, last: 8, count: 8 }));
    assert_eq!(history[1].periods, Some(PeriodRange { first: 9, last: 9, count: 1 }));
    assert_eq!(c.claim_history(a.bob, 1, 10), history[1..].to_vec());
    assert_eq!(c.claim_history(a.bob, 2, 10), vec![]);
    assert_eq!(c.claim_history(a.bob, u32::MAX, u32::MAX), vec![]);
}

struct ModelPeriod {
    number: u32,
    distributor: AccountId,
    allocations: Vec<(AccountId, u128)>,
    pending_until: Option<u64>,
    revoked: bool,
}

/// What the vault should hold, computed without it.
#[derive(Default)]
struct Model {
    periods: Vec<ModelPeriod>,
    claimed: Vec<(AccountId, u128)>,
}

impl Model {
    fn amounts(&self, who: AccountId, now: u64) -> Balances {
        let mut b = Balances::default();
        for period in &self.periods {
            let amount: u128 = period.allocations.iter().filter(|(a, _)| *a == who).map(|(_, v)| v).sum();
            match (period.pending_until, period.revoked) {
                (_, true) => {}
                (Some(until), false) if now >= until => b.claimable += amount,
                _ => b.pending += amount,
            }
        }
        let claimed: u128 = self.claimed.iter().filter(|(a, _)| *a == who).map(|(_, v)| v).sum();
        b.claimable -= claimed;
        b
    }
}

#[ink::test]
fn the_vault_stays_solvent_and_exact_over_a_random_sequence_of_1500_operations() {
    let a = accounts();
    let mut c = setup();
    let partners: Vec<AccountId> = (0..8u8).map(|i| AccountId::from([0x10 + i; 32])).collect();
    for p in &partners {
        test::set_account_balance::<Env>(*p, ED);
    }
    let distributors = [a.django, a.frank];
    let window = WINDOW; // 7 days; time advances up to 3 days a step
    let mut model = Model::default();
    let mut rng = Rng(0x5EED_0000_0000_0001);
    let mut now = START_MS + 10_000 * DAY_MS;
    set_time(now);
    let mut next_period: u32 = 1;
    let (mut accepted, mut refusals) = (0u32, 0u32);
    for step in 0..1500 {
        let before = snapshot(&c);
        let events_before = test::recorded_events().count();
        let op = rng.below(9);
        let result: Result<(), Error> = match op {
            0 => {
                let by = distributors[rng.below(2) as usize];
                let p = if rng.below(10) == 0 { next_period + 1 } else { next_period };
                let start = START_MS + u64::from(p) * DAY_MS;
                let r = call(&mut c, by, 0, |c| c.open_period(p, start, start + DAY_MS, hash(p as u8)));
                if r.is_ok() {
                    model.periods.push(ModelPeriod {
                        number: p,
                        distributor: by,
                        allocations: Vec::new(),
                        pending_until: None,
                        revoked: false,
                    });
                    next_period = p + 1;
                }
                r
            }
            1 => {
                let Some(last) = model.periods.last() else { continue };
                let (p, by) = (last.number, if rng.below(10) == 0 { a.eve } else { last.distributor });
                let taken: Vec<AccountId> = last.allocations.iter().map(|(x, _)| *x).collect();
                let mut chunk: Vec<(AccountId, u128)> = Vec::new();
                for x in partners.iter().filter(|x| taken.last().is_none_or(|t| *x > t)) {
                    if rng.below(3) == 0 {
                        chunk.push((*x, 1 + u128::from(rng.below(1_000_000))));
                    }
                }
                if rng.below(10) == 0 && !chunk.is_empty() {
                    chunk.push(chunk[0]); // a duplicate
                }
                let value = sum(&chunk) + u128::from(rng.below(10) == 0);
                let r = add(&mut c, by, p, &chunk, value);
                if r.is_ok() {
                    model.periods.last_mut().unwrap().allocations.extend(chunk);
                }
                r
            }
            2 => {
                let Some(last) = model.periods.last() else { continue };
                let (p, by) = (last.number, last.distributor);
                let total = sum(&last.allocations) + u128::from(rng.below(8) == 0);
                let r = seal(&mut c, by, p, total, last.allocations.len() as u32);
                if r.is_ok() {
                    model.periods.last_mut().unwrap().pending_until = Some(now + window);
                }
                r
            }
            3 => {
                if model.periods.is_empty() || rng.below(3) != 0 {
                    continue;
                }
                let i = rng.below(model.periods.len() as u64) as usize;
                let (p, by) = (model.periods[i].number, model.periods[i].distributor);
                let distributor_before = native(by);
                let r = call(&mut c, a.alice, 0, |c| c.revoke_period(p));
                if r.is_ok() {
                    let refund = sum(&model.periods[i].allocations);
                    assert_eq!(native(by), distributor_before + refund, "refund to the unit");
                    model.periods[i].revoked = true;
                }
                r
            }
            4 | 5 => {
                let who = partners[rng.below(8) as usize];
                let expected = model.amounts(who, now).claimable;
                let paid_to = c.payout_address_of(who);
                let payout_before = native(paid_to);
                let by = if op == 4 { who } else { partners[rng.below(8) as usize] };
                let r = call(&mut c, by, 0, |c| if op == 4 { c.claim() } else { c.claim_for(who) });
                if let Ok(amount) = r {
                    assert_eq!(amount, expected, "claim pays the model's claimable");
                    assert_eq!(native(paid_to), payout_before + amount);
                    model.claimed.push((who, amount));
                } else {
                    assert_eq!(expected, 0, "refused a claim of {expected}");
                }
                r.map(|_| ())
            }
            6 => {
                now += rng.below(3 * DAY_MS);
                set_time(now);
                continue;
            }
            7 => {
                let who = partners[rng.below(8) as usize];
                let to = (rng.below(2) == 0).then(|| partners[rng.below(8) as usize]);
                call(&mut c, who, 0, |c| c.set_payout_address(to))
            }
            _ => {
                let paused = rng.below(4) == 0;
                call(&mut c, a.alice, 0, |c| c.set_paused(paused))
            }
        };
        if result.is_err() {
            refusals += 1;
            assert_eq!(snapshot(&c), before, "step {step}: a refusal changed state ({result:?})");
            assert_eq!(test::recorded_events().count(), events_before, "step {step}: a refusal emitted");
        } else {
            accepted += 1;
        }
        // Solvency and exactness after every step.
        let totals = c.totals();
        assert_eq!(native(contract_id()), ED + totals.outstanding, "step {step}: balance = outstanding");
        let mut pending = 0;
        for who in &partners {
            let expected = model.amounts(*who, now);
            assert_eq!(balances(&c, *who), expected, "step {step}: balances of {who:?}");
            pending += expected.pending;
        }
        assert_eq!(totals.pending, pending, "step {step}: pending total");
        assert_eq!(totals.pending + totals.claimable, totals.outstanding);
    }
    // This seed: 549 accepted, 656 refused, 55 claims over 62 periods.
    assert!(accepted > 400 && refusals > 400, "accepted {accepted}, refused {refusals}");
    assert!(c.totals().claims > 40 && model.periods.len() > 40, "claims: {}", c.totals().claims);
}

/// The pool's messages and the credit's refusals that need no other contract (the
/// credits themselves read governance: the drink suite covers them).
#[ink::test]
fn the_bonus_pool_is_funded_by_anyone_withdrawn_by_the_admin_and_credits_only_for_the_linked_staking() {
    use referral_common::bonus::{BonusError, BonusOutcome, BonusSkipReason, SignupBonusSkipped, SignupBonusVault};
    let a = accounts();
    let mut c = setup();
    let staking = AccountId::from([0x5A; 32]);
    refused(&mut c, Error::ZeroAmount, |c| call(c, a.frank, 0, |c| c.fund_bonus_pool()));
    assert_eq!(call(&mut c, a.frank, 300, |c| c.fund_bonus_pool()), Ok(300));
    assert_eq!((c.bonus_pool(), c.totals().bonus_pool, native(contract_id())), (300, 300, ED + 300));
    refused(&mut c, Error::Unauthorized, |c| call(c, a.frank, 0, |c| c.withdraw_bonus_pool(1, a.frank)));
    refused(&mut c, Error::InsufficientPool, |c| call(c, a.alice, 0, |c| c.withdraw_bonus_pool(301, a.eve)));
    let eve_before = native(a.eve);
    assert_eq!(call(&mut c, a.alice, 0, |c| c.withdraw_bonus_pool(100, a.eve)), Ok(200));
    assert_eq!((native(a.eve), native(contract_id())), (eve_before + 100, ED + 200));
    // Links: admin only.
    refused(&mut c, Error::Unauthorized, |c| call(c, a.bob, 0, |c| c.set_bonus_links(Some(a.bob), None)));
    // Unlinked, nobody may credit: not even a would-be staking contract.
    let credit = |c: &mut PartnerVault, by: AccountId| {
        test::set_caller::<Env>(by);
        c.credit_signup_bonus(a.bob, a.charlie, 10)
    };
    assert_eq!(credit(&mut c, staking), Err(BonusError::Unauthorized));
    call(&mut c, a.alice, 0, |c| c.set_bonus_links(Some(staking), None)).unwrap();
    assert_eq!(credit(&mut c, a.bob), Err(BonusError::Unauthorized));
    // Linked staking, no governance: the bonus is off, and says so.
    let before = snapshot(&c);
    assert_eq!(credit(&mut c, staking), Ok(BonusOutcome::Skipped(BonusSkipReason::BonusOff)));
    call(&mut c, a.alice, 0, |c| c.set_paused(true)).unwrap();
    assert_eq!(credit(&mut c, staking), Ok(BonusOutcome::Skipped(BonusSkipReason::VaultPaused)));
    call(&mut c, a.alice, 0, |c| c.set_paused(false)).unwrap();
    assert_eq!(snapshot(&c), before, "a skipped bonus changes nothing");
    let skipped = events_of::<SignupBonusSkipped>();
    assert_eq!(
        skipped.iter().map(|e| (e.referrer, e.referee, e.reason)).collect::<Vec<_>>(),
        vec![(a.bob, a.charlie, BonusSkipReason::BonusOff), (a.bob, a.charlie, BonusSkipReason::VaultPaused)]
    );
    assert!(!c.bonus_credited_for(a.charlie));
    // Nothing held: nothing to settle, and no staking contract is asked.
    refused(&mut c, Error::NoBonusHeld, |c| call(c, a.frank, 0, |c| c.settle_signup_bonus(a.charlie)));
    assert_eq!(c.bonus_record(a.charlie), None);
}
