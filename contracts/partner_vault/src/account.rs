//! What the vault keeps per partner, and how periods' amounts move from pending to
//! claimable without any call touching every account.
//!
//! An allocation is recorded as an entry (period, amount) in the account's `unsettled`
//! list. Whether an entry counts as pending, claimable or nothing (revoked) follows from
//! its period's state, read when needed: so sealing, the end of a window and a revoke
//! each cost one period write, whatever the number of partners. Settling moves the
//! entries of claimable periods into `claimable` and drops revoked ones; the vault
//! settles an account whenever it writes it (a new allocation, a claim), so the list
//! only ever holds entries of periods still open or pending: at most
//! `MAX_UNFINAL_PERIODS`.
use crate::errors::{Error, Result};
use crate::period::PeriodState;
use ink::prelude::vec::Vec;

/// One allocation not yet settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Entry {
    pub period: u32,
    pub amount: u128,
}

/// Periods an amount came from: the first and last period numbers, and how many
/// periods in between (inclusive) contributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PeriodRange {
    pub first: u32,
    pub last: u32,
    pub count: u32,
}

impl PeriodRange {
    fn including(range: Option<PeriodRange>, period: u32) -> Result<PeriodRange> {
        Ok(match range {
            None => PeriodRange { first: period, last: period, count: 1 },
            Some(r) => PeriodRange {
                first: r.first.min(period),
                last: r.last.max(period),
                count: r.count.checked_add(1).ok_or(Error::Overflow)?,
            },
        })
    }
}

/// A partner's (or a referee's) balances in the vault.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct AccountLedger {
    /// Settled and not yet claimed (period amounts and sign-up bonuses).
    pub claimable: u128,
    /// The periods behind `claimable`.
    pub claimable_periods: Option<PeriodRange>,
    /// Of `claimable`, sign-up bonuses.
    pub claimable_bonus: u128,
    /// Entries whose periods were open or pending when last settled, in period order.
    pub unsettled: Vec<Entry>,
    /// Everything ever paid out by claims.
    pub claimed_total: u128,
    /// Number of claims (the length of the claim history).
    pub claims: u32,
}

/// The account's amounts at one moment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Balances {
    pub pending: u128,
    pub claimable: u128,
}

/// What one claim takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimable {
    pub amount: u128,
    /// Of `amount`, sign-up bonuses.
    pub bonus: u128,
    /// The periods behind the rest; `None` when it is all bonus.
    pub periods: Option<PeriodRange>,
}

impl AccountLedger {
    /// Moves the entries of claimable periods into `claimable` and drops those of
    /// revoked periods; entries of open or pending periods stay.
    pub fn settle(&mut self, state_of: &mut impl FnMut(u32) -> Result<PeriodState>) -> Result<()> {
        let mut kept = Vec::with_capacity(self.unsettled.len());
        for entry in self.unsettled.iter() {
            match state_of(entry.period)? {
                PeriodState::Claimable => {
                    self.claimable = self.claimable.checked_add(entry.amount).ok_or(Error::Overflow)?;
                    self.claimable_periods = Some(PeriodRange::including(self.claimable_periods, entry.period)?);
                }
                PeriodState::Revoked => {}
                PeriodState::Open | PeriodState::Pending { .. } => kept.push(*entry),
            }
        }
        self.unsettled = kept;
        Ok(())
    }

    /// Pending and claimable amounts, given the states of the periods.
    pub fn balances(&self, state_of: &mut impl FnMut(u32) -> Result<PeriodState>) -> Result<Balances> {
        let mut settled = self.clone();
        settled.settle(state_of)?;
        let pending =
            settled.unsettled.iter().try_fold(0u128, |sum, entry| sum.checked_add(entry.amount)).ok_or(Error::Overflow)?;
        Ok(Balances { pending, claimable: settled.claimable })
    }

    /// Records an allocation of `amount` in `period` (after settling).
    pub fn allocate(&mut self, period: u32, amount: u128) {
        self.unsettled.push(Entry { period, amount });
    }

    /// Credits a sign-up bonus, claimable at once.
    pub fn credit_bonus(&mut self, amount: u128) -> Result<()> {
        self.claimable = self.claimable.checked_add(amount).ok_or(Error::Overflow)?;
        self.claimable_bonus = self.claimable_bonus.checked_add(amount).ok_or(Error::Overflow)?;
        Ok(())
    }

    /// Takes the whole claimable balance, counting the claim: the amount, the part of
    /// it that is sign-up bonuses, and the periods behind the rest. Settle first.
    pub fn take_claimable(&mut self) -> Result<Claimable> {
        if self.claimable == 0 {
            return Err(Error::NothingToClaim);
        }
        let taken = Claimable { amount: self.claimable, bonus: self.claimable_bonus, periods: self.claimable_periods };
        self.claimed_total = self.claimed_total.checked_add(taken.amount).ok_or(Error::Overflow)?;
        self.claims = self.claims.checked_add(1).ok_or(Error::Overflow)?;
        self.claimable = 0;
        self.claimable_bonus = 0;
        self.claimable_periods = None;
        Ok(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states<'a>(now_claimable: &'a [u32], revoked: &'a [u32]) -> impl FnMut(u32) -> Result<PeriodState> + 'a {
        move |p| {
            Ok(if now_claimable.contains(&p) {
                PeriodState::Claimable
            } else if revoked.contains(&p) {
                PeriodState::Revoked
            } else {
                PeriodState::Pending { until: 1 }
            })
        }
    }

    #[test]
    fn settling_moves_claimable_periods_drops_revoked_and_keeps_pending() {
        let mut a = AccountLedger::default();
        for (p, amount) in [(3, 30), (4, 40), (5, 50), (7, 70)] {
            a.allocate(p, amount);
        }
        let mut s = states(&[3, 5], &[4]);
        assert_eq!(a.balances(&mut s), Ok(Balances { pending: 70, claimable: 80 }));
        a.settle(&mut s).unwrap();
        assert_eq!(a.unsettled, vec![Entry { period: 7, amount: 70 }]);
        assert_eq!((a.claimable, a.claimable_periods), (80, Some(PeriodRange { first: 3, last: 5, count: 2 })));
        let periods = Some(PeriodRange { first: 3, last: 5, count: 2 });
        assert_eq!(a.take_claimable(), Ok(Claimable { amount: 80, bonus: 0, periods }));
        assert_eq!((a.claimable, a.claimed_total, a.claims), (0, 80, 1));
        assert_eq!(a.take_claimable(), Err(Error::NothingToClaim));
        assert_eq!((a.claimed_total, a.claims), (80, 1), "a refused claim counts nothing");
    }

    #[test]
    fn bonuses_are_claimable_at_once_with_or_without_periods() {
        let mut a = AccountLedger::default();
        a.credit_bonus(50).unwrap();
        assert_eq!(a.balances(&mut states(&[], &[])), Ok(Balances { pending: 0, claimable: 50 }));
        assert_eq!(a.take_claimable(), Ok(Claimable { amount: 50, bonus: 50, periods: None }));
        a.allocate(2, 20);
        a.credit_bonus(5).unwrap();
        a.settle(&mut states(&[2], &[])).unwrap();
        let periods = Some(PeriodRange { first: 2, last: 2, count: 1 });
        assert_eq!(a.take_claimable(), Ok(Claimable { amount: 25, bonus: 5, periods }));
        assert_eq!((a.claimed_total, a.claims, a.claimable_bonus), (75, 2, 0));
        a.claimable = u128::MAX;
        assert_eq!(a.credit_bonus(1), Err(Error::Overflow));
    }

    #[test]
    fn balances_do_not_change_the_ledger_and_overflow_is_an_error() {
        let mut a = AccountLedger::default();
        a.allocate(1, u128::MAX);
        a.allocate(2, 1);
        let before = a.clone();
        assert_eq!(a.balances(&mut states(&[1, 2], &[])), Err(Error::Overflow));
        assert_eq!(a.balances(&mut states(&[], &[])), Err(Error::Overflow));
        assert_eq!(a.balances(&mut states(&[1], &[2])), Ok(Balances { pending: 0, claimable: u128::MAX }));
        assert_eq!(a, before);
    }
}
