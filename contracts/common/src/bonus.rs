//! The sign-up bonus (Frak's "reward for a new wallet"): when the staking contract
//! binds a brand-new address to a referrer, the vault credits a fixed bonus to both,
//! from a pool the operator funds. The amounts come from the program in force
//! (governance); the binding never fails because of the bonus.
//!
//! A program may make the bonus earned only by a referee that stays: a minimum stake
//! for the binding, and a hold of some epochs during which the referee keeps at least
//! that stake. The vault then sets the bonus aside at the binding, the staking contract
//! watches the referee's balance through the hold (`Hold`, kept in the referee's own
//! record, so a transfer reads nothing more), and anyone settles the bonus once the
//! hold is over (credited to both sides) or broken (back to the pool).
//!
//! The traits are the calls between the contracts (`contract_ref!`), the events are
//! shared so both the staking contract and the vault emit the same `SignupBonusSkipped`.
use ink::primitives::AccountId;

/// The longest hold a program may set, in epochs.
pub const MAX_HOLD_EPOCHS: u32 = 200;

/// The bonus a program pays on each new binding, in the chain's base units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SignupBonus {
    /// Credited to the referrer (the code's owner).
    pub referrer: u128,
    /// Credited to the new staker.
    pub referee: u128,
    /// The least native stake a binding must bring to earn the bonus (0: any stake).
    pub minimum_stake: u128,
    /// Epochs after the binding's own during which the referee must keep at least
    /// `minimum_stake` (in shares at the binding's rate); the bonus is credited only
    /// once they are over (0: credited at the binding).
    pub hold_epochs: u32,
}

impl SignupBonus {
    /// A bonus credited at every binding, whatever its stake (the program's rule
    /// before minimums and holds).
    pub const fn at_binding(referrer: u128, referee: u128) -> Self {
        SignupBonus { referrer, referee, minimum_stake: 0, hold_epochs: 0 }
    }

    /// Both amounts; `None` if their sum leaves `u128`.
    pub fn total(&self) -> Option<u128> {
        self.referrer.checked_add(self.referee)
    }
}

/// The referee's side of a held bonus, kept by the staking contract in the referee's
/// record: the hold runs through epoch `until_epoch`, and `kept` turns false for good
/// the first time the referee's shares fall below `minimum_shares` before it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Hold {
    pub until_epoch: u32,
    pub minimum_shares: u128,
    pub kept: bool,
}

impl Hold {
    /// The hold `bonus` sets on a binding in `epoch` that staked `staked` native units
    /// for `shares`, the referee holding `balance` shares after it: the minimum is the
    /// shares `bonus.minimum_stake` bought, rounded up (in the program's favour). `None`
    /// if the hold would end past the last epoch or the binding staked nothing.
    pub fn start(bonus: &SignupBonus, epoch: u32, staked: u128, shares: u128, balance: u128) -> Option<Hold> {
        let until_epoch = epoch.checked_add(bonus.hold_epochs)?;
        let minimum_shares = crate::math::mul_div_ceil(bonus.minimum_stake, shares, staked)?;
        Some(Hold { until_epoch, minimum_shares, kept: balance >= minimum_shares })
    }

    /// The referee's shares are now `balance`, in `epoch`.
    pub fn watch(&mut self, balance: u128, epoch: u32) {
        if epoch <= self.until_epoch && balance < self.minimum_shares {
            self.kept = false;
        }
    }

    /// Where the hold stands in `epoch`: broken from the first fall below the minimum
    /// (settled at once: the bonus goes back to the pool), else running through
    /// `until_epoch` and kept after it.
    pub fn state(&self, epoch: u32) -> HoldState {
        match (self.kept, epoch > self.until_epoch) {
            (false, _) => HoldState::Broken,
            (true, false) => HoldState::Running,
            (true, true) => HoldState::Kept,
        }
    }
}

/// Where a referee's hold stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum HoldState {
    /// Not over, and the stake kept so far.
    Running,
    /// Over, and the stake kept throughout: the bonus is earned.
    Kept,
    /// The stake fell below the minimum during the hold: the bonus is forfeited.
    Broken,
}

/// Why a binding's bonus was not credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum BonusSkipReason {
    /// The staking contract has no vault linked.
    NoVault,
    /// The vault refused or failed the call (not linked to this staking contract,
    /// paused, out of gas...).
    VaultRefused,
    /// No program is in force, it has no sign-up bonus, or the vault has no governance
    /// linked to read it from (or could not read it).
    BonusOff,
    /// The vault's admin paused it.
    VaultPaused,
    /// The bonus pool holds less than both amounts.
    PoolTooSmall,
    /// This referee was credited a bonus before (or has one held).
    AlreadyCredited,
    /// The binding's stake is below the program's minimum stake for the bonus.
    BelowMinimumStake,
}

/// What the vault did with a binding's bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum BonusOutcome {
    Credited(SignupBonus),
    Skipped(BonusSkipReason),
    /// Set aside from the pool until the hold is over: the staking contract starts the
    /// referee's hold of `hold_epochs` epochs after the binding's, at the shares
    /// `minimum_stake` bought in the binding (`Hold::minimum_shares`). The vault does no
    /// share arithmetic: a division is code every claim would load.
    Held(SignupBonus),
}

/// Why the vault refused a credit call outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum BonusError {
    /// The caller is not the staking contract linked to the vault.
    Unauthorized,
    /// A total would leave `u128`.
    Overflow,
}

/// The vault side: called by the staking contract for each new binding.
#[ink::trait_definition]
pub trait SignupBonusVault {
    /// Credits the program's bonus to `referrer` and `referee` (claimable at once) if
    /// the pool covers both and the binding staked at least the program's minimum,
    /// once per referee; when the program holds its bonus, sets it aside instead
    /// (`Held`); otherwise skips it. `staked` is the binding's stake, in native units.
    /// Only the linked staking contract may call.
    #[ink(message)]
    fn credit_signup_bonus(&mut self, referrer: AccountId, referee: AccountId, staked: u128) -> Result<BonusOutcome, BonusError>;
}

/// The staking side of a held bonus: where `referee`'s hold stands now, `None` if it
/// has none. The vault asks it when the bonus is settled.
#[ink::trait_definition]
pub trait SignupHoldSource {
    #[ink(message)]
    fn signup_hold_state(&self, referee: AccountId) -> Option<HoldState>;
}

/// The governance side: the bonus of the program in force at `time` (ms), if any.
#[ink::trait_definition]
pub trait SignupBonusSource {
    #[ink(message)]
    fn signup_bonus_at(&self, time: u64) -> Option<SignupBonus>;

    /// `signup_bonus_at(time)` and the time (ms, exclusive) until which that answer
    /// stands for every time from `time` on, whatever governance does meanwhile: the
    /// vault keeps it and asks again only after it (once an epoch, not once a binding).
    #[ink(message)]
    fn signup_bonus_until(&self, time: u64) -> (Option<SignupBonus>, u64);
}

/// The vault's copy of the bonus governance answered, good until `until` (ms,
/// exclusive). The default is good for no time.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct BonusCache {
    pub bonus: Option<SignupBonus>,
    pub until: u64,
}

impl BonusCache {
    /// The bonus kept, if it is still good at `now`.
    pub fn at(&self, now: u64) -> Option<Option<SignupBonus>> {
        (now < self.until).then_some(self.bonus)
    }
}

/// A binding's bonus was credited. (Its accounts are no topics: in the binding's call,
/// the PSP22 `Transfer` that mints the referee's shares indexes the referee and
/// `ReferralBound` the referrer; each topic costs the binding about 128 M of ref_time
/// and 2.5 KB of proof.)
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupBonusCredited {
    pub referrer: AccountId,
    pub referee: AccountId,
    pub bonus: SignupBonus,
    /// The pool after the credit.
    pub pool: u128,
}

/// A binding's bonus was set aside from the pool until the referee's hold is over.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupBonusHeld {
    pub referrer: AccountId,
    pub referee: AccountId,
    /// The hold's terms: through `hold_epochs` epochs after the binding's, the referee
    /// keeps the shares `minimum_stake` bought in the binding (its `Staked` event's
    /// `shares` x `minimum_stake` / `amount`, rounded up; kept in its staking record).
    pub bonus: SignupBonus,
    /// The pool after setting the bonus aside.
    pub pool: u128,
}

/// A held bonus was forfeited (the referee's stake fell below the minimum during the
/// hold): both amounts went back to the pool.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupBonusForfeited {
    pub referrer: AccountId,
    pub referee: AccountId,
    pub bonus: SignupBonus,
    /// The pool after the return.
    pub pool: u128,
}

/// A binding's bonus was skipped; the binding stands. (No topics but its signature,
/// as `SignupBonusCredited`.)
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupBonusSkipped {
    pub referrer: AccountId,
    pub referee: AccountId,
    pub reason: BonusSkipReason,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimum is the shares the minimum stake bought in the binding, rounded up;
    /// the hold runs through `hold_epochs` epochs after the binding's, and a binding
    /// already under the minimum (it cannot be: the vault checks the stake) starts broken.
    #[test]
    fn a_hold_starts_at_the_minimums_shares_rounded_up() {
        let bonus = SignupBonus { minimum_stake: 100, hold_epochs: 3, ..SignupBonus::at_binding(50, 30) };
        // 100 of 300 staked for 200 shares: 66.7 shares.
        assert_eq!(Hold::start(&bonus, 4, 300, 200, 200), Some(Hold { until_epoch: 7, minimum_shares: 67, kept: true }));
        assert_eq!(Hold::start(&bonus, 4, 100, 100, 99), Some(Hold { until_epoch: 7, minimum_shares: 100, kept: false }));
        let hold = Hold::start(&bonus, 4, 300, 200, 200).unwrap();
        assert_eq!((hold.state(7), hold.state(8)), (HoldState::Running, HoldState::Kept));
        // Past the last epoch, or a binding that staked nothing: no hold.
        assert_eq!((Hold::start(&bonus, u32::MAX - 2, 1, 1, 1), Hold::start(&bonus, 0, 0, 0, 0)), (None, None));
    }
}
