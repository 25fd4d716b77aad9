//! A period: one distribution (a month in production), its lifecycle and its state at a
//! given time.
//!
//! Open (the distributor adds chunks) -> sealed, *pending* until the challenge window
//! ends -> *claimable* for good. Governance may revoke it while open or pending: every
//! unit goes back to its distributor.
use ink::primitives::{AccountId, Hash};

/// A period's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Period {
    /// The accounting interval the allocations were computed over (ms, start inclusive,
    /// end exclusive).
    pub start: u64,
    pub end: u64,
    /// blake2-256 of the allocation file (the accountant's canonical encoding).
    pub allocation_hash: Hash,
    /// Who opened and funds the period, and gets it back if it is revoked.
    pub distributor: AccountId,
    /// Sum and number of the allocations recorded so far.
    pub total: u128,
    pub count: u32,
    /// Chunks recorded so far.
    pub chunks: u32,
    /// The last account allocated: the next must be greater (ascending file order).
    pub last_account: Option<AccountId>,
    pub opened_at: u64,
    pub status: PeriodStatus,
    /// The end of the last period not revoked before this one opened: what may be
    /// covered again if this period is revoked while it is the latest.
    pub previous_end: Option<u64>,
}

/// Where a period is in its lifecycle, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum PeriodStatus {
    Open,
    Sealed { sealed_at: u64, pending_until: u64 },
    Revoked { revoked_at: u64 },
}

/// What a period's amounts are at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PeriodState {
    /// Taking chunks; its amounts are pending.
    Open,
    /// Sealed; its amounts are pending until `until` (the end of the challenge window).
    Pending { until: u64 },
    /// Its amounts are claimable, for good.
    Claimable,
    /// Revoked: its amounts went back to the distributor.
    Revoked,
}

impl PeriodState {
    /// Amounts in this state count as pending.
    pub fn is_pending(self) -> bool {
        matches!(self, PeriodState::Open | PeriodState::Pending { .. })
    }
}

impl Period {
    /// The period's state at block time `now`. The window ends at `pending_until`
    /// exactly: from then on the amounts are claimable.
    pub fn state(&self, now: u64) -> PeriodState {
        match self.status {
            PeriodStatus::Open => PeriodState::Open,
            PeriodStatus::Sealed { pending_until, .. } if now < pending_until => PeriodState::Pending { until: pending_until },
            PeriodStatus::Sealed { .. } => PeriodState::Claimable,
            PeriodStatus::Revoked { .. } => PeriodState::Revoked,
        }
    }
}

/// A period as the dashboard reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PeriodInfo {
    pub period: u32,
    pub record: Period,
    /// Its state at the block the query ran in.
    pub state: PeriodState,
}
