//! Events of the staking contract (the liquid token's `Transfer` and `Approval` are the
//! PSP22 standard's, from `referral_common`). Each topic costs the call about 128 M of
//! ref_time and 2.5 KB of proof (an index entry the runtime writes), so a call indexes
//! each account once: a stake's staker by the PSP22 `Transfer` that mints or burns its
//! shares, which always comes with `Staked`, `Unstaked`, `ReferralBound` and
//! `BindingSkipped`; those have no topic for it. `ReferralBound` indexes its partner (a
//! partner follows its bindings, and reads the code from the event), admin events their
//! accounts and codes.
use ink::prelude::string::String;
use ink::primitives::AccountId;

/// Native tokens were staked and shares minted.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Staked {
    pub staker: AccountId,
    /// The staker's partner (after this call's binding, if any).
    pub partner: Option<AccountId>,
    pub amount: u128,
    pub shares: u128,
}

/// Shares were burned and native tokens paid out.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Unstaked {
    pub staker: AccountId,
    pub shares: u128,
    pub amount: u128,
}

/// A brand-new address was bound to a partner, for good.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ReferralBound {
    pub referee: AccountId,
    #[ink(topic)]
    pub partner: AccountId,
    pub code: String,
    pub epoch: u32,
}

/// Why a stake with a valid code bound nothing.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SkipReason {
    /// The staker is bound already; its first partner keeps it.
    AlreadyBound,
    /// The staker holds or once held shares (staked without a code, or received them).
    AlreadyHeld,
}

/// `stake_with_code` staked but did not bind.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct BindingSkipped {
    pub staker: AccountId,
    pub code: String,
    pub reason: SkipReason,
}

/// The oracle reported staking rewards: the fee was set aside, the rest raised the rate.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RewardsReported {
    #[ink(topic)]
    pub epoch: u32,
    pub rewards: u128,
    pub fee: u128,
    pub total_pooled: u128,
    pub total_shares: u128,
}

/// The treasury withdrew protocol fees.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct FeesWithdrawn {
    #[ink(topic)]
    pub to: AccountId,
    pub amount: u128,
}

/// A referral code was registered.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CodeRegistered {
    #[ink(topic)]
    pub code: String,
    #[ink(topic)]
    pub owner: AccountId,
}

/// A code changed hands: transferred by its owner, or reassigned by the admin.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CodeOwnerChanged {
    #[ink(topic)]
    pub code: String,
    #[ink(topic)]
    pub from: AccountId,
    #[ink(topic)]
    pub to: AccountId,
    pub by_admin: bool,
}

/// A code was activated or deactivated.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct CodeActiveSet {
    #[ink(topic)]
    pub code: String,
    pub active: bool,
}

/// The roles the admin assigns.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Role {
    Oracle,
    Treasury,
}

/// The admin gave a role to an account (replacing the previous holder).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct RoleSet {
    pub role: Role,
    #[ink(topic)]
    pub account: AccountId,
}

/// The protocol fee rate changed (9 decimals).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct FeeRateSet {
    pub fee_rate: u64,
}

/// The admin linked (or unlinked) the vault that credits sign-up bonuses.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct VaultLinked {
    pub vault: Option<AccountId>,
}
