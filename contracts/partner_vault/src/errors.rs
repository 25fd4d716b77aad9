//! Every refusal of the vault, one variant each.

/// Why a call was refused. A refused call changes nothing: no balance, no stored value.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// The caller does not have the role the message needs.
    Unauthorized,
    /// `accept_admin` was called by an account that is not the pending admin.
    NotPendingAdmin,
    /// Deposits (open, add, seal) are paused by the admin; claims never are.
    Paused,
    /// A constructor argument is out of range (challenge window above the maximum).
    InvalidConfig,
    /// The period is not the next one: periods are numbered upwards by one.
    PeriodOutOfOrder,
    /// The period's start is not before its end.
    InvalidInterval,
    /// The period has not ended yet at this block's time: it cannot be allocated.
    PeriodNotEnded,
    /// The period's interval starts before the end of the last period not revoked.
    OverlappingPeriod,
    /// The previous period is still open: seal or revoke it first.
    PreviousPeriodOpen,
    /// As many periods as the vault tracks at once are open or pending
    /// (`MAX_UNFINAL_PERIODS`): wait for the oldest window to end.
    TooManyUnfinalPeriods,
    /// No period of that number was opened.
    UnknownPeriod,
    /// The period is sealed or revoked: it takes no more allocations and no second seal.
    PeriodNotOpen,
    /// Only the distributor that opened a period adds to it and seals it.
    NotPeriodDistributor,
    /// A chunk without allocations.
    EmptyChunk,
    /// An allocation of zero.
    ZeroAmount,
    /// An account appears twice in the period.
    DuplicateAccount,
    /// Accounts must come in strictly ascending byte order across the period's chunks
    /// (the allocation file's order).
    AllocationsNotAscending,
    /// The transferred value is not exactly the chunk's sum.
    FundingMismatch,
    /// The period's recorded total or count is not what the seal expects.
    SealMismatch,
    /// The period's challenge window has ended: its amounts are claimable for good.
    PeriodFinal,
    /// The period was revoked already.
    PeriodRevoked,
    /// The account has nothing claimable.
    NothingToClaim,
    /// The vault itself cannot be a payout address.
    InvalidPayoutAddress,
    /// The bonus pool holds less than the amount asked.
    InsufficientPool,
    /// The referee has no sign-up bonus held (none was, or it was settled).
    NoBonusHeld,
    /// The referee's hold is not over: its bonus cannot be settled yet.
    HoldRunning,
    /// The linked staking contract does not know the referee's hold (no staking
    /// linked, relinked since the binding, or the call failed).
    HoldUnknown,
    /// The chain refused a native transfer out of the vault.
    TransferFailed,
    /// A figure would leave its integer range.
    Overflow,
    /// The constructor's `entry` is no uploaded code (or the whole code itself).
    UnknownEntry,
    /// The entry's code is never instantiated alone: the contract is instantiated as
    /// its whole code, with the entry's hash (`partner_vault::new`).
    EntryNotInstantiable,
}

/// The contract's results.
pub type Result<T> = core::result::Result<T, Error>;

referral_common::admin_error_into!(Error);
