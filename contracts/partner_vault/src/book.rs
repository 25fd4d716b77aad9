//! The vault's books: periods, per-account ledgers and claim histories.
//!
//! Logic lives in this plain storage struct (the `psp22` crate's model): its methods
//! take the caller and the block time, check everything before they write anything,
//! and return the events to emit; the contract moves the native funds. So the rules are
//! testable without a chain.
//!
//! Costs: opening, sealing and revoking write one period whatever the number of
//! partners; an allocation reads and writes one account; a claim reads and writes one
//! account and reads at most `MAX_UNFINAL_PERIODS` periods (those its unsettled entries
//! belong to), whatever the number of partners or periods in the vault.
use crate::account::{AccountLedger, Balances, PeriodRange};
use crate::errors::{Error, Result};
use crate::events::{Allocated, ChunkAdded, Claimed, PeriodOpened, PeriodRevoked, PeriodSealed};
use crate::period::{Period, PeriodInfo, PeriodState, PeriodStatus};
use crate::storage_keys;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::{ManualKey, StorageKey};
use ink::storage::Mapping;
use referral_common::bonus::{BonusOutcome, BonusSkipReason, HoldState, SignupBonus, SignupBonusCredited, SignupBonusForfeited};

/// The most periods open or pending at once; also the most entries an account holds
/// unsettled, so the bound on a claim's period reads.
pub const MAX_UNFINAL_PERIODS: u32 = 8;
/// The most claim records one `claim_history` call returns.
pub const MAX_PAGE: u32 = 50;

/// One claim, as the account's history keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ClaimRecord {
    pub amount: u128,
    /// Of `amount`, sign-up bonuses.
    pub bonus: u128,
    /// Block time of the claim (ms).
    pub time: u64,
    pub paid_to: AccountId,
    pub triggered_by: AccountId,
    /// The periods whose allocations it paid; `None` when it paid bonuses only.
    pub periods: Option<PeriodRange>,
}

/// The vault's figures. `outstanding = deposited + bonuses credited - refunded -
/// claimed = pending + claimable`; the vault's balance must cover `outstanding`, the
/// bonus pool and the bonuses held.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Totals {
    /// Funded by all chunks ever.
    pub deposited: u128,
    /// Returned to distributors by revokes.
    pub refunded: u128,
    /// Paid out by claims.
    pub claimed: u128,
    pub outstanding: u128,
    /// Of `outstanding`, the amounts of open and pending periods.
    pub pending: u128,
    pub claimable: u128,
    pub claims: u32,
    pub last_period: Option<u32>,
    /// Funded for sign-up bonuses, not yet credited.
    pub bonus_pool: u128,
    /// Sign-up bonuses ever credited (claimable from then on).
    pub bonus_credited: u128,
    /// Sign-up bonuses set aside from the pool while their referees' holds run.
    pub bonus_held: u128,
}

/// What became of a referee's sign-up bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum BonusRecord {
    /// Credited to both sides (at the binding, or when the hold was kept).
    Credited,
    /// Set aside from the pool until the referee's hold is over.
    Held { referrer: AccountId, bonus: SignupBonus },
    /// The hold was broken: the bonus went back to the pool.
    Forfeited,
}

/// How a held bonus was settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    Credited(SignupBonusCredited),
    Forfeited(SignupBonusForfeited),
}

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Book {
    /// The latest period opened.
    last_period: Option<u32>,
    /// No period below this number is open or pending (advanced when a period opens).
    first_unfinal: u32,
    /// End of the latest period not revoked: the next period may not start before it.
    covered_until: Option<u64>,
    deposited: u128,
    refunded: u128,
    claimed: u128,
    claim_count: u32,
    bonus_pool: u128,
    bonus_credited: u128,
    bonus_held: u128,
    periods: Mapping<u32, Period, ManualKey<{ storage_keys::PERIODS }>>,
    accounts: Mapping<AccountId, AccountLedger, ManualKey<{ storage_keys::ACCOUNTS }>>,
    claims: Mapping<(AccountId, u32), ClaimRecord, ManualKey<{ storage_keys::CLAIMS }>>,
    /// What became of each referee's bonus: one cell per referee, read by every
    /// binding's credit, whatever the program.
    bonus_referees: Mapping<AccountId, BonusRecord, ManualKey<{ storage_keys::BONUS_REFEREES }>>,
}

/// Period states read within one call, each period read once.
struct PeriodStates<'a, K: StorageKey> {
    periods: &'a Mapping<u32, Period, K>,
    now: u64,
    seen: Vec<(u32, PeriodState)>,
}

impl<'a, K: StorageKey> PeriodStates<'a, K> {
    fn new(periods: &'a Mapping<u32, Period, K>, now: u64) -> Self {
        Self { periods, now, seen: Vec::new() }
    }

    fn state(&mut self, period: u32) -> Result<PeriodState> {
        if let Some((_, state)) = self.seen.iter().find(|(p, _)| *p == period) {
            return Ok(*state);
        }
        let state = self.periods.get(period).ok_or(Error::UnknownPeriod)?.state(self.now);
        self.seen.push((period, state));
        Ok(state)
    }
}

impl Book {
    /// Opens `period` for `distributor`'s chunks.
    pub fn open(
        &mut self,
        period: u32,
        start: u64,
        end: u64,
        allocation_hash: Hash,
        distributor: AccountId,
        now: u64,
    ) -> Result<PeriodOpened> {
        if let Some(last) = self.last_period {
            if period != last.checked_add(1).ok_or(Error::Overflow)? {
                return Err(Error::PeriodOutOfOrder);
            }
            if self.period(last)?.status == PeriodStatus::Open {
                return Err(Error::PreviousPeriodOpen);
            }
        }
        if start >= end {
            return Err(Error::InvalidInterval);
        }
        if end > now {
            return Err(Error::PeriodNotEnded);
        }
        if self.covered_until.is_some_and(|covered| start < covered) {
            return Err(Error::OverlappingPeriod);
        }
        let first_unfinal = match self.last_period {
            None => period,
            Some(last) => {
                let first = self.first_unfinal_at(now)?;
                let unfinal = if first > last { 0 } else { last.saturating_sub(first).saturating_add(1) };
                if unfinal >= MAX_UNFINAL_PERIODS {
                    return Err(Error::TooManyUnfinalPeriods);
                }
                first
            }
        };
        self.periods.insert(
            period,
            &Period {
                start,
                end,
                allocation_hash,
                distributor,
                total: 0,
                count: 0,
                chunks: 0,
                last_account: None,
                opened_at: now,
                status: PeriodStatus::Open,
                previous_end: self.covered_until,
            },
        );
        self.last_period = Some(period);
        self.first_unfinal = first_unfinal;
        self.covered_until = Some(end);
        Ok(PeriodOpened { period, distributor, start, end, allocation_hash })
    }

    /// Records one chunk of `period`'s allocations, funded with `value`.
    pub fn add(
        &mut self,
        period: u32,
        caller: AccountId,
        allocations: &[(AccountId, u128)],
        value: u128,
        now: u64,
    ) -> Result<(ChunkAdded, Vec<Allocated>)> {
        let mut record = self.open_period_of(period, caller)?;
        if allocations.is_empty() {
            return Err(Error::EmptyChunk);
        }
        let mut sum: u128 = 0;
        let mut previous = record.last_account;
        for (account, amount) in allocations {
            if *amount == 0 {
                return Err(Error::ZeroAmount);
            }
            match previous {
                Some(p) if p == *account => return Err(Error::DuplicateAccount),
                Some(p) if p > *account => return Err(Error::AllocationsNotAscending),
                _ => {}
            }
            previous = Some(*account);
            sum = sum.checked_add(*amount).ok_or(Error::Overflow)?;
        }
        if sum != value {
            return Err(Error::FundingMismatch);
        }
        let count = u32::try_from(allocations.len()).map_err(|_| Error::Overflow)?;
        let chunk = record.chunks;
        record.total = record.total.checked_add(sum).ok_or(Error::Overflow)?;
        record.count = record.count.checked_add(count).ok_or(Error::Overflow)?;
        record.chunks = chunk.checked_add(1).ok_or(Error::Overflow)?;
        record.last_account = previous;
        let deposited = self.deposited.checked_add(sum).ok_or(Error::Overflow)?;

        // Checked; now write. (Settling cannot fail here: every entry's period exists and
        // no account's balance can exceed the vault's, far below `u128::MAX`.)
        let mut states = PeriodStates::new(&self.periods, now);
        let mut events = Vec::with_capacity(allocations.len());
        for (account, amount) in allocations {
            let mut ledger = self.accounts.get(account).unwrap_or_default();
            ledger.settle(&mut |p| states.state(p))?;
            ledger.allocate(period, *amount);
            self.accounts.insert(account, &ledger);
            events.push(Allocated { account: *account, period, amount: *amount });
        }
        self.periods.insert(period, &record);
        self.deposited = deposited;
        Ok((ChunkAdded { period, chunk, count, amount: sum }, events))
    }

    /// Seals `period` if its recorded totals are the expected ones: its amounts are
    /// pending until `now + window`.
    pub fn seal(
        &mut self,
        period: u32,
        caller: AccountId,
        expected_total: u128,
        expected_count: u32,
        now: u64,
        window: u64,
    ) -> Result<PeriodSealed> {
        let mut record = self.open_period_of(period, caller)?;
        if record.total != expected_total || record.count != expected_count {
            return Err(Error::SealMismatch);
        }
        let pending_until = now.checked_add(window).ok_or(Error::Overflow)?;
        record.status = PeriodStatus::Sealed { sealed_at: now, pending_until };
        self.periods.insert(period, &record);
        Ok(PeriodSealed { period, total: record.total, count: record.count, pending_until })
    }

    /// Revokes an open or pending period: its amounts leave every account's pending
    /// balance (lazily: each entry of a revoked period is dropped when read). The caller
    /// refunds `refunded` to `distributor`.
    pub fn revoke(&mut self, period: u32, now: u64) -> Result<PeriodRevoked> {
        let mut record = self.period(period)?;
        match record.state(now) {
            PeriodState::Claimable => return Err(Error::PeriodFinal),
            PeriodState::Revoked => return Err(Error::PeriodRevoked),
            PeriodState::Open | PeriodState::Pending { .. } => {}
        }
        let refunded = self.refunded.checked_add(record.total).ok_or(Error::Overflow)?;
        record.status = PeriodStatus::Revoked { revoked_at: now };
        self.periods.insert(period, &record);
        self.refunded = refunded;
        if self.last_period == Some(period) {
            // Its interval may be allocated again, by a period that replaces it.
            self.covered_until = record.previous_end;
        }
        Ok(PeriodRevoked { period, distributor: record.distributor, refunded: record.total })
    }

    /// Takes `account`'s whole claimable balance and records the claim; the caller pays
    /// the amount to `paid_to`.
    pub fn claim(&mut self, account: AccountId, triggered_by: AccountId, paid_to: AccountId, now: u64) -> Result<Claimed> {
        let mut ledger = self.accounts.get(account).ok_or(Error::NothingToClaim)?;
        let mut states = PeriodStates::new(&self.periods, now);
        ledger.settle(&mut |p| states.state(p))?;
        let taken = ledger.take_claimable()?;
        let (amount, bonus, periods) = (taken.amount, taken.bonus, taken.periods);
        let claimed = self.claimed.checked_add(amount).ok_or(Error::Overflow)?;
        let claim_count = self.claim_count.checked_add(1).ok_or(Error::Overflow)?;
        let index = ledger.claims.saturating_sub(1);
        self.claims.insert((account, index), &ClaimRecord { amount, bonus, time: now, paid_to, triggered_by, periods });
        self.accounts.insert(account, &ledger);
        self.claimed = claimed;
        self.claim_count = claim_count;
        Ok(Claimed { account, paid_to, triggered_by, amount, bonus, periods, index })
    }

    // ------------------------------------------------------------ bonuses

    /// Adds `amount` to the bonus pool; returns the pool.
    pub fn fund_pool(&mut self, amount: u128) -> Result<u128> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        self.bonus_pool = self.bonus_pool.checked_add(amount).ok_or(Error::Overflow)?;
        Ok(self.bonus_pool)
    }

    /// Takes `amount` out of the bonus pool (the caller pays it out); returns the pool.
    pub fn withdraw_pool(&mut self, amount: u128) -> Result<u128> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        self.bonus_pool = self.bonus_pool.checked_sub(amount).ok_or(Error::InsufficientPool)?;
        Ok(self.bonus_pool)
    }

    /// A new binding's bonus, once per referee, from the pool: skipped (writing
    /// nothing) when the referee had one, its stake `staked` is below the program's
    /// minimum or the pool is short; else credited to `referrer` and `referee` at once,
    /// or, when the program holds it, set aside until the hold is over (the staking
    /// contract keeps the hold).
    pub fn credit_bonus(
        &mut self,
        referrer: AccountId,
        referee: AccountId,
        bonus: SignupBonus,
        staked: u128,
    ) -> Result<BonusOutcome> {
        if self.bonus_referees.contains(referee) {
            return Ok(BonusOutcome::Skipped(BonusSkipReason::AlreadyCredited));
        }
        if staked < bonus.minimum_stake {
            return Ok(BonusOutcome::Skipped(BonusSkipReason::BelowMinimumStake));
        }
        let total = bonus.total().ok_or(Error::Overflow)?;
        let Some(pool) = self.bonus_pool.checked_sub(total) else {
            return Ok(BonusOutcome::Skipped(BonusSkipReason::PoolTooSmall));
        };
        if bonus.hold_epochs == 0 {
            self.pay_bonus(referrer, referee, bonus, total)?;
            self.bonus_pool = pool;
            return Ok(BonusOutcome::Credited(bonus));
        }
        self.bonus_held = self.bonus_held.checked_add(total).ok_or(Error::Overflow)?;
        self.bonus_pool = pool;
        self.bonus_referees.insert(referee, &BonusRecord::Held { referrer, bonus });
        Ok(BonusOutcome::Held(bonus))
    }

    /// Settles `referee`'s held bonus by its hold's `state` (the staking contract's
    /// answer): credited to both sides if kept, back to the pool if broken.
    ///
    /// # Errors
    /// `NoBonusHeld` if the referee has no bonus held, `HoldRunning` while its hold
    /// runs; `Overflow`. Nothing changes on error.
    pub fn settle_bonus(&mut self, referee: AccountId, state: HoldState) -> Result<Settlement> {
        let (referrer, bonus) = self.held_bonus(referee).ok_or(Error::NoBonusHeld)?;
        let total = bonus.total().ok_or(Error::Overflow)?;
        let held = self.bonus_held.checked_sub(total).ok_or(Error::Overflow)?;
        match state {
            HoldState::Running => Err(Error::HoldRunning),
            HoldState::Kept => {
                self.pay_bonus(referrer, referee, bonus, total)?;
                self.bonus_held = held;
                Ok(Settlement::Credited(SignupBonusCredited { referrer, referee, bonus, pool: self.bonus_pool }))
            }
            HoldState::Broken => {
                let pool = self.bonus_pool.checked_add(total).ok_or(Error::Overflow)?;
                self.bonus_referees.insert(referee, &BonusRecord::Forfeited);
                self.bonus_held = held;
                self.bonus_pool = pool;
                Ok(Settlement::Forfeited(SignupBonusForfeited { referrer, referee, bonus, pool }))
            }
        }
    }

    /// Credits `bonus` (worth `total`) to both sides, claimable at once, and records
    /// the referee's bonus as credited; the caller takes `total` from where it was.
    fn pay_bonus(&mut self, referrer: AccountId, referee: AccountId, bonus: SignupBonus, total: u128) -> Result<()> {
        let credited = self.bonus_credited.checked_add(total).ok_or(Error::Overflow)?;
        let mut ledgers = [(referrer, bonus.referrer, None), (referee, bonus.referee, None)];
        for (account, amount, ledger) in ledgers.iter_mut() {
            if *amount > 0 {
                let mut updated = self.accounts.get(*account).unwrap_or_default();
                updated.credit_bonus(*amount)?;
                *ledger = Some(updated);
            }
        }
        // Everything checked: write.
        for (account, _, ledger) in ledgers {
            if let Some(ledger) = ledger {
                self.accounts.insert(account, &ledger);
            }
        }
        self.bonus_referees.insert(referee, &BonusRecord::Credited);
        self.bonus_credited = credited;
        Ok(())
    }

    /// Whether `referee`'s binding was credited a bonus.
    pub fn bonus_credited_for(&self, referee: AccountId) -> bool {
        self.bonus_referees.get(referee) == Some(BonusRecord::Credited)
    }

    /// What became of `referee`'s bonus, if it earned or was held one.
    pub fn bonus_record(&self, referee: AccountId) -> Option<BonusRecord> {
        self.bonus_referees.get(referee)
    }

    /// `referee`'s bonus set aside while its hold runs, and its referrer.
    pub fn held_bonus(&self, referee: AccountId) -> Option<(AccountId, SignupBonus)> {
        match self.bonus_referees.get(referee)? {
            BonusRecord::Held { referrer, bonus } => Some((referrer, bonus)),
            BonusRecord::Credited | BonusRecord::Forfeited => None,
        }
    }

    /// The bonuses set aside while their holds run.
    pub fn bonus_held(&self) -> u128 {
        self.bonus_held
    }

    pub fn bonus_pool(&self) -> u128 {
        self.bonus_pool
    }

    // ------------------------------------------------------------------ reads

    /// `account`'s pending and claimable amounts at `now`.
    pub fn balances(&self, account: AccountId, now: u64) -> Result<Balances> {
        match self.accounts.get(account) {
            None => Ok(Balances::default()),
            Some(ledger) => {
                let mut states = PeriodStates::new(&self.periods, now);
                ledger.balances(&mut |p| states.state(p))
            }
        }
    }

    /// Everything `account` was ever paid, and the number of its claims.
    pub fn claimed_of(&self, account: AccountId) -> (u128, u32) {
        self.accounts.get(account).map_or((0, 0), |l| (l.claimed_total, l.claims))
    }

    /// Up to `limit` (at most `MAX_PAGE`) of `account`'s claims from index `from`.
    pub fn claim_history(&self, account: AccountId, from: u32, limit: u32) -> Vec<ClaimRecord> {
        let (_, count) = self.claimed_of(account);
        let to = from.saturating_add(limit.min(MAX_PAGE)).min(count);
        (from..to).filter_map(|i| self.claims.get((account, i))).collect()
    }

    pub fn period_info(&self, period: u32, now: u64) -> Option<PeriodInfo> {
        self.periods.get(period).map(|record| PeriodInfo { period, record, state: record.state(now) })
    }

    /// What the vault owes: every pending and claimable amount.
    pub fn outstanding(&self) -> Result<u128> {
        self.deposited
            .checked_add(self.bonus_credited)
            .and_then(|d| d.checked_sub(self.refunded))
            .and_then(|d| d.checked_sub(self.claimed))
            .ok_or(Error::Overflow)
    }

    pub fn totals(&self, now: u64) -> Result<Totals> {
        let outstanding = self.outstanding()?;
        let mut pending: u128 = 0;
        if let Some(last) = self.last_period {
            // At most `MAX_UNFINAL_PERIODS` periods since `first_unfinal`.
            for p in self.first_unfinal..=last {
                let record = self.period(p)?;
                if record.state(now).is_pending() {
                    pending = pending.checked_add(record.total).ok_or(Error::Overflow)?;
                }
            }
        }
        Ok(Totals {
            deposited: self.deposited,
            refunded: self.refunded,
            claimed: self.claimed,
            outstanding,
            pending,
            claimable: outstanding.checked_sub(pending).ok_or(Error::Overflow)?,
            claims: self.claim_count,
            last_period: self.last_period,
            bonus_pool: self.bonus_pool,
            bonus_credited: self.bonus_credited,
            bonus_held: self.bonus_held,
        })
    }

    // -------------------------------------------------------------- internals

    fn period(&self, period: u32) -> Result<Period> {
        self.periods.get(period).ok_or(Error::UnknownPeriod)
    }

    /// `period`'s record if it is open and `caller` opened it.
    fn open_period_of(&self, period: u32, caller: AccountId) -> Result<Period> {
        let record = self.period(period)?;
        if record.status != PeriodStatus::Open {
            return Err(Error::PeriodNotOpen);
        }
        if record.distributor != caller {
            return Err(Error::NotPeriodDistributor);
        }
        Ok(record)
    }

    /// The lowest period still open or pending at `now` (one past the last if none).
    fn first_unfinal_at(&self, now: u64) -> Result<u32> {
        let mut first = self.first_unfinal;
        while let Some(last) = self.last_period {
            if first > last || self.period(first)?.state(now).is_pending() {
                break;
            }
            first = first.checked_add(1).ok_or(Error::Overflow)?;
        }
        Ok(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bonus(referrer: u128, referee: u128) -> SignupBonus {
        SignupBonus::at_binding(referrer, referee)
    }

    /// A bonus is credited once per referee, only from the pool, claimable at once, and
    /// counts in what the vault owes; a skipped one writes nothing.
    #[ink::test]
    fn bonuses_come_from_the_pool_once_per_referee() {
        let (referrer, alice, bob) = (AccountId::from([1; 32]), AccountId::from([2; 32]), AccountId::from([3; 32]));
        let mut book = Book::default();
        assert_eq!(book.fund_pool(0), Err(Error::ZeroAmount));
        assert_eq!(
            book.credit_bonus(referrer, alice, bonus(50, 50), 1),
            Ok(BonusOutcome::Skipped(BonusSkipReason::PoolTooSmall))
        );
        assert_eq!(book.fund_pool(150), Ok(150));
        assert_eq!(book.credit_bonus(referrer, alice, bonus(50, 50), 1), Ok(BonusOutcome::Credited(bonus(50, 50))));
        assert!(book.bonus_credited_for(alice) && !book.bonus_credited_for(referrer));
        // Never twice for the same referee, whoever the referrer.
        assert_eq!(book.credit_bonus(bob, alice, bonus(50, 50), 1), Ok(BonusOutcome::Skipped(BonusSkipReason::AlreadyCredited)));
        // 50 left: too little for both sides; nothing is written.
        let before = (book.bonus_pool(), book.totals(0), book.balances(referrer, 0), book.balances(bob, 0));
        assert_eq!(book.credit_bonus(referrer, bob, bonus(50, 50), 1), Ok(BonusOutcome::Skipped(BonusSkipReason::PoolTooSmall)));
        assert_eq!((book.bonus_pool(), book.totals(0), book.balances(referrer, 0), book.balances(bob, 0)), before);
        assert!(!book.bonus_credited_for(bob));
        // A one-sided bonus fits.
        assert_eq!(book.credit_bonus(referrer, bob, bonus(50, 0), 1), Ok(BonusOutcome::Credited(bonus(50, 0))));
        assert_eq!(book.balances(referrer, 0), Ok(Balances { pending: 0, claimable: 100 }));
        assert_eq!(book.balances(alice, 0), Ok(Balances { pending: 0, claimable: 50 }));
        assert_eq!(book.balances(bob, 0), Ok(Balances::default()));
        let totals = book.totals(0).unwrap();
        assert_eq!((totals.bonus_pool, totals.bonus_credited, totals.outstanding, totals.claimable), (0, 150, 150, 150));
        // Claimed like any allocation, with no period behind it.
        let claim = book.claim(referrer, referrer, referrer, 5).unwrap();
        assert_eq!((claim.amount, claim.bonus, claim.periods), (100, 100, None));
        assert_eq!(book.claim_history(referrer, 0, 5)[0].bonus, 100);
        assert_eq!(book.totals(5).unwrap().outstanding, 50);
        assert_eq!(book.claim(referrer, referrer, referrer, 5), Err(Error::NothingToClaim));
    }

    /// A held bonus: set aside from the pool at the binding, credited to both sides
    /// when the hold was kept, back to the pool when it was broken; never twice, never
    /// while the hold runs; a stake below the minimum earns nothing.
    #[ink::test]
    fn a_held_bonus_is_set_aside_then_credited_or_returned() {
        let [referrer, alice, bob, carol] = [1u8, 2, 3, 4].map(|b| AccountId::from([b; 32]));
        let held = SignupBonus { minimum_stake: 100, hold_epochs: 3, ..bonus(50, 30) };
        let mut book = Book::default();
        book.fund_pool(200).unwrap();
        let before = (book.bonus_pool(), book.totals(0));
        assert_eq!(book.credit_bonus(referrer, carol, held, 99), Ok(BonusOutcome::Skipped(BonusSkipReason::BelowMinimumStake)));
        assert_eq!((book.bonus_pool(), book.totals(0), book.bonus_record(carol)), (before.0, before.1, None));
        assert_eq!(book.credit_bonus(referrer, alice, held, 300), Ok(BonusOutcome::Held(held)));
        assert_eq!(book.credit_bonus(referrer, bob, held, 100), Ok(BonusOutcome::Held(held)));
        let totals = book.totals(0).unwrap();
        assert_eq!((totals.bonus_pool, totals.bonus_held, totals.bonus_credited, totals.outstanding), (40, 160, 0, 0));
        assert_eq!(book.bonus_record(alice), Some(BonusRecord::Held { referrer, bonus: held }));
        assert_eq!(book.credit_bonus(referrer, alice, held, 300), Ok(BonusOutcome::Skipped(BonusSkipReason::AlreadyCredited)));
        assert_eq!(book.credit_bonus(referrer, carol, held, 100), Ok(BonusOutcome::Skipped(BonusSkipReason::PoolTooSmall)));
        // Settled: not while running, not without a bonus held; nothing changes then.
        let before = (book.totals(0), book.balances(referrer, 0), book.bonus_record(alice));
        assert_eq!(book.settle_bonus(alice, HoldState::Running), Err(Error::HoldRunning));
        assert_eq!(book.settle_bonus(carol, HoldState::Kept), Err(Error::NoBonusHeld));
        assert_eq!((book.totals(0), book.balances(referrer, 0), book.bonus_record(alice)), before);
        // Kept: credited to both sides, claimable at once.
        let credited = SignupBonusCredited { referrer, referee: alice, bonus: held, pool: 40 };
        assert_eq!(book.settle_bonus(alice, HoldState::Kept), Ok(Settlement::Credited(credited)));
        assert_eq!(
            (book.balances(referrer, 0), book.balances(alice, 0)),
            (Ok(Balances { pending: 0, claimable: 50 }), Ok(Balances { pending: 0, claimable: 30 }))
        );
        assert!(book.bonus_credited_for(alice));
        // Broken: back to the pool, nobody credited, for good.
        let forfeited = SignupBonusForfeited { referrer, referee: bob, bonus: held, pool: 120 };
        assert_eq!(book.settle_bonus(bob, HoldState::Broken), Ok(Settlement::Forfeited(forfeited)));
        assert_eq!(
            (book.balances(bob, 0), book.bonus_record(bob), book.bonus_credited_for(bob)),
            (Ok(Balances::default()), Some(BonusRecord::Forfeited), false)
        );
        assert_eq!(book.settle_bonus(bob, HoldState::Kept), Err(Error::NoBonusHeld));
        assert_eq!(book.settle_bonus(alice, HoldState::Kept), Err(Error::NoBonusHeld));
        let totals = book.totals(0).unwrap();
        assert_eq!((totals.bonus_pool, totals.bonus_held, totals.bonus_credited, totals.outstanding), (120, 0, 80, 80));
        // The pool now covers another held bonus.
        assert_eq!(book.credit_bonus(referrer, carol, held, 100), Ok(BonusOutcome::Held(held)));
    }

    #[ink::test]
    fn the_pool_is_withdrawn_only_down_to_zero_and_overflow_is_refused() {
        let mut book = Book::default();
        book.fund_pool(100).unwrap();
        assert_eq!(book.withdraw_pool(101), Err(Error::InsufficientPool));
        assert_eq!(book.withdraw_pool(0), Err(Error::ZeroAmount));
        assert_eq!(book.withdraw_pool(60), Ok(40));
        assert_eq!(book.fund_pool(u128::MAX), Err(Error::Overflow));
        assert_eq!(book.bonus_pool(), 40);
        let who = AccountId::from([9; 32]);
        assert_eq!(book.credit_bonus(who, who, bonus(u128::MAX, 1), 1), Err(Error::Overflow));
        assert_eq!(book.bonus_pool(), 40);
    }

    /// The bound on a claim's cost: however many periods an account is allocated in
    /// without claiming, it never holds more than `MAX_UNFINAL_PERIODS` unsettled
    /// entries, so a claim reads at most that many periods.
    #[ink::test]
    fn an_account_that_never_claims_holds_a_bounded_number_of_entries() {
        let (distributor, partner) = (AccountId::from([4; 32]), AccountId::from([2; 32]));
        let mut book = Book::default();
        let day = 86_400_000u64;
        let window = 3 * day;
        let mut most = 0;
        for p in 0..100u32 {
            // A period a day, sealed at once, pending three days: the one sealed three
            // days ago turns claimable just as the next opens.
            let now = 1_000 * day + u64::from(p) * day;
            book.open(p, u64::from(p) * day, u64::from(p + 1) * day, Hash::from([0; 32]), distributor, now).unwrap();
            book.add(p, distributor, &[(partner, 1)], 1, now).unwrap();
            book.seal(p, distributor, 1, 1, now, window).unwrap();
            let entries = book.accounts.get(partner).unwrap().unsettled.len();
            most = most.max(entries);
        }
        assert_eq!(most, 3, "two pending periods and the new one");
        assert!(most <= MAX_UNFINAL_PERIODS as usize);
        let now = 1_000 * day + 100 * day;
        assert_eq!(book.balances(partner, now), Ok(Balances { pending: 2, claimable: 98 }));
        let claimed = book.claim(partner, partner, partner, now).unwrap();
        assert_eq!((claimed.amount, claimed.periods), (98, Some(PeriodRange { first: 0, last: 97, count: 98 })));
    }
}
