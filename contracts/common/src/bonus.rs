//! The sign-up bonus (Frak's "reward for a new wallet"): when the staking contract
//! binds a brand-new address to a referrer, the vault credits a fixed bonus to both,
//! from a pool the operator funds. The amounts come from the program in force
//! (governance); the binding never fails because of the bonus.
//!
//! The traits are the calls between the contracts (`contract_ref!`), the events are
//! shared so both the staking contract and the vault emit the same `SignupBonusSkipped`.
use ink::primitives::AccountId;

/// The bonus a program pays on each new binding, in the chain's base units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SignupBonus {
    /// Credited to the referrer (the code's owner).
    pub referrer: u128,
    /// Credited to the new staker.
    pub referee: u128,
}

impl SignupBonus {
    /// Both amounts; `None` if their sum leaves `u128`.
    pub fn total(&self) -> Option<u128> {
        self.referrer.checked_add(self.referee)
    }
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
    /// This referee was credited a bonus before.
    AlreadyCredited,
}

/// What the vault did with a binding's bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum BonusOutcome {
    Credited(SignupBonus),
    Skipped(BonusSkipReason),
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
    /// the pool covers both, once per referee; otherwise skips it. Only the linked
    /// staking contract may call.
    #[ink(message)]
    fn credit_signup_bonus(&mut self, referrer: AccountId, referee: AccountId) -> Result<BonusOutcome, BonusError>;
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

/// A binding's bonus was credited. (Its accounts are no topics: the binding's
/// `ReferralBound`, in the same call, indexes both; each topic costs the binding about
/// 128 M of ref_time and 2.5 KB of proof.)
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupBonusCredited {
    pub referrer: AccountId,
    pub referee: AccountId,
    pub bonus: SignupBonus,
    /// The pool after the credit.
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
