//! Every refusal of the staking contract, one variant each.

/// Why a call was refused. A refused call changes nothing: no balance, no stored value.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// The caller does not have the role the message needs.
    Unauthorized,
    /// Staking is paused by the admin (unstaking never is).
    Paused,
    /// The amount (transferred value, shares or fees) is zero.
    ZeroAmount,
    /// The stake is too small to mint a single share at the current rate.
    StakeTooSmall,
    /// The shares are too few to pay out a single unit at the current rate.
    UnstakeTooSmall,
    /// The account holds fewer shares than the operation moves.
    InsufficientBalance,
    /// The spender's allowance is smaller than the operation moves.
    InsufficientAllowance,
    /// A referral code must be 3 to 32 ASCII letters, digits, `-` or `_`.
    InvalidCode,
    /// No code of that name is registered.
    UnknownCode,
    /// The code exists but its owner or the admin deactivated it.
    InactiveCode,
    /// The code is registered already (codes compare case-insensitively).
    CodeTaken,
    /// The code belongs to the caller: nobody refers themselves.
    SelfReferral,
    /// The binding would close a cycle of referrers.
    ReferralCycle,
    /// The referrer chain above the code's owner is longer than the contract walks
    /// when checking for cycles (`MAX_CHAIN_WALK`).
    ReferralChainTooDeep,
    /// The code already belongs to that account.
    SameOwner,
    /// Rewards were reported while no shares exist: nobody could receive them.
    NothingStaked,
    /// The treasury asked for more than the fees set aside.
    InsufficientFees,
    /// The fee rate is above the cap fixed at instantiation.
    FeeRateTooHigh,
    /// A constructor argument is out of range (fee rates above 1.0, an epoch length
    /// that is zero or not whole seconds).
    InvalidConfig,
    /// `accept_admin` was called by an account that is not the pending admin.
    NotPendingAdmin,
    /// The chain refused a native transfer out of the contract.
    TransferFailed,
    /// A figure would leave its integer range.
    Overflow,
    /// A share-seconds query asks for an epoch after the current one.
    EpochInFuture,
    /// The constructor's `entry` is no uploaded code (or the whole code itself).
    UnknownEntry,
    /// The entry's code is never instantiated alone: the contract is instantiated as
    /// its whole code, with the entry's hash (`referral_staking::new`).
    EntryNotInstantiable,
}

/// The contract's results.
pub type Result<T> = core::result::Result<T, Error>;

referral_common::admin_error_into!(Error);
