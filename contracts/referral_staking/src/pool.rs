//! The pool: the native tokens behind the shares, the protocol fees set aside from the
//! reported rewards, and each epoch's record of them. What a share is worth follows
//! from it and the ledger's supply.
//!
//! Like the ledger (the `psp22` crate's model): methods take the figures they need,
//! check everything before they write anything, and return the event to emit, so they
//! are testable without a chain.
use crate::errors::{Error, Result};
use crate::events::RewardsReported;
use crate::storage_keys;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use referral_common::math::{mul_div_floor, ONE};

/// Rewards reported within one epoch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct EpochRewards {
    /// Staking rewards received.
    pub rewards: u128,
    /// The protocol fee set aside from them.
    pub fee: u128,
    /// Number of reports.
    pub reports: u32,
}

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Pool {
    /// Native tokens backing the shares (stakes plus stakers' part of rewards).
    total_pooled: u128,
    /// Protocol fees set aside and not yet withdrawn by the treasury.
    unwithdrawn_fees: u128,
    epochs: Mapping<u32, EpochRewards, ManualKey<{ storage_keys::EPOCH_REWARDS }>>,
}

impl Pool {
    pub fn total_pooled(&self) -> u128 {
        self.total_pooled
    }

    pub fn unwithdrawn_fees(&self) -> u128 {
        self.unwithdrawn_fees
    }

    pub fn epoch_rewards(&self, epoch: u32) -> EpochRewards {
        self.epochs.get(epoch).unwrap_or_default()
    }

    /// Shares a stake of `amount` mints when `supply` shares exist (rounded down; one
    /// share per unit while the pool is empty).
    pub fn shares_for(&self, amount: u128, supply: u128) -> Result<u128> {
        if supply == 0 || self.total_pooled == 0 {
            return Ok(amount);
        }
        mul_div_floor(amount, supply, self.total_pooled).ok_or(Error::Overflow)
    }

    /// Native tokens `shares` of `supply` are worth (rounded down).
    pub fn amount_for(&self, shares: u128, supply: u128) -> Result<u128> {
        if supply == 0 {
            return Ok(0);
        }
        mul_div_floor(shares, self.total_pooled, supply).ok_or(Error::Overflow)
    }

    /// The pool after a stake of `amount`, to be stored by [`Pool::set_pooled`] once
    /// every other figure of the stake is computed.
    pub fn pooled_after_stake(&self, amount: u128) -> Result<u128> {
        self.total_pooled.checked_add(amount).ok_or(Error::Overflow)
    }

    pub fn set_pooled(&mut self, pooled: u128) {
        self.total_pooled = pooled;
    }

    /// `amount` leaves the pool for an unstake that leaves `supply_after` shares. When
    /// none are left, the rounding dust stays behind as the protocol's.
    pub fn pay_out(&mut self, amount: u128, supply_after: u128) -> Result<()> {
        let pooled = self.total_pooled.checked_sub(amount).ok_or(Error::Overflow)?;
        if supply_after > 0 {
            self.total_pooled = pooled;
            return Ok(());
        }
        let fees = self.unwithdrawn_fees.checked_add(pooled).ok_or(Error::Overflow)?;
        self.unwithdrawn_fees = fees;
        self.total_pooled = 0;
        Ok(())
    }

    /// A report of `rewards` in `epoch` while `supply` shares exist: the fee,
    /// `floor(rewards x fee_rate)` (9 decimals), is set aside and recorded for the
    /// epoch; the rest joins the pool.
    pub fn report(&mut self, rewards: u128, fee_rate: u64, epoch: u32, supply: u128) -> Result<RewardsReported> {
        if rewards == 0 {
            return Err(Error::ZeroAmount);
        }
        if supply == 0 {
            return Err(Error::NothingStaked);
        }
        let fee = mul_div_floor(rewards, u128::from(fee_rate), u128::from(ONE)).ok_or(Error::Overflow)?;
        let to_stakers = rewards.checked_sub(fee).ok_or(Error::Overflow)?;
        let pooled = self.total_pooled.checked_add(to_stakers).ok_or(Error::Overflow)?;
        let fees = self.unwithdrawn_fees.checked_add(fee).ok_or(Error::Overflow)?;
        let mut record = self.epoch_rewards(epoch);
        record.rewards = record.rewards.checked_add(rewards).ok_or(Error::Overflow)?;
        record.fee = record.fee.checked_add(fee).ok_or(Error::Overflow)?;
        record.reports = record.reports.checked_add(1).ok_or(Error::Overflow)?;
        self.epochs.insert(epoch, &record);
        self.total_pooled = pooled;
        self.unwithdrawn_fees = fees;
        Ok(RewardsReported { epoch, rewards, fee, total_pooled: pooled, total_shares: supply })
    }

    /// `amount` of the fees set aside leaves for the treasury.
    pub fn withdraw_fees(&mut self, amount: u128) -> Result<()> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        self.unwithdrawn_fees = self.unwithdrawn_fees.checked_sub(amount).ok_or(Error::InsufficientFees)?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    //! The pool's arithmetic without a chain (storage is ink!'s off-chain engine).
    use super::*;

    const TENTH: u64 = ONE / 10;

    fn pool(pooled: u128, fees: u128) -> Pool {
        Pool { total_pooled: pooled, unwithdrawn_fees: fees, ..Pool::default() }
    }

    fn figures(p: &Pool, epoch: u32) -> (u128, u128, EpochRewards) {
        (p.total_pooled(), p.unwithdrawn_fees(), p.epoch_rewards(epoch))
    }

    #[ink::test]
    fn shares_and_amounts_follow_the_rate_rounded_down() {
        let empty = pool(0, 0);
        assert_eq!(empty.shares_for(500, 0), Ok(500), "one share per unit while empty");
        assert_eq!(empty.amount_for(500, 0), Ok(0));
        // 1,100 units behind 1,000 shares: a share is worth 1.1 units.
        let p = pool(1_100, 0);
        assert_eq!(p.shares_for(110, 1_000), Ok(100));
        assert_eq!(p.shares_for(109, 1_000), Ok(99));
        assert_eq!(p.amount_for(100, 1_000), Ok(110));
        assert_eq!(p.amount_for(9, 1_000), Ok(9));
        assert_eq!(pool(u128::MAX, 0).shares_for(u128::MAX, u128::MAX), Ok(u128::MAX));
        assert_eq!(pool(1, 0).shares_for(u128::MAX, 2), Err(Error::Overflow));
    }

    #[ink::test]
    fn a_report_sets_the_fee_aside_and_the_rest_raises_the_pool() {
        let mut p = pool(1_000, 7);
        let event = p.report(105, TENTH, 3, 900).unwrap();
        assert_eq!(event, RewardsReported { epoch: 3, rewards: 105, fee: 10, total_pooled: 1_095, total_shares: 900 });
        p.report(20, TENTH, 3, 900).unwrap();
        assert_eq!(figures(&p, 3), (1_113, 19, EpochRewards { rewards: 125, fee: 12, reports: 2 }));
        assert_eq!(p.epoch_rewards(4), EpochRewards::default());
    }

    #[ink::test]
    fn a_refused_report_changes_nothing() {
        let mut p = pool(1_000, 7);
        p.report(50, TENTH, 3, 900).unwrap();
        let before = figures(&p, 3);
        assert_eq!(p.report(0, TENTH, 3, 900), Err(Error::ZeroAmount));
        assert_eq!(p.report(50, TENTH, 3, 0), Err(Error::NothingStaked));
        // (Every pool of a test shares the engine's storage: this one reports for epoch 4.)
        let mut full = pool(u128::MAX - 1, 0);
        assert_eq!(full.report(10, TENTH, 4, 900), Err(Error::Overflow));
        assert_eq!(figures(&full, 4), (u128::MAX - 1, 0, EpochRewards::default()));
        assert_eq!(figures(&p, 3), before);
    }

    #[ink::test]
    fn the_last_unstake_leaves_the_dust_to_the_protocol() {
        let mut p = pool(1_000, 5);
        p.pay_out(400, 10).unwrap();
        assert_eq!((p.total_pooled(), p.unwithdrawn_fees()), (600, 5));
        p.pay_out(597, 0).unwrap();
        assert_eq!((p.total_pooled(), p.unwithdrawn_fees()), (0, 8));
        assert_eq!(p.pay_out(1, 0), Err(Error::Overflow));
        assert_eq!((p.total_pooled(), p.unwithdrawn_fees()), (0, 8));
    }

    #[ink::test]
    fn fees_leave_only_as_far_as_they_were_set_aside() {
        let mut p = pool(0, 30);
        assert_eq!(p.withdraw_fees(0), Err(Error::ZeroAmount));
        assert_eq!(p.withdraw_fees(31), Err(Error::InsufficientFees));
        assert_eq!(p.unwithdrawn_fees(), 30);
        p.withdraw_fees(30).unwrap();
        assert_eq!(p.unwithdrawn_fees(), 0);
    }
}
