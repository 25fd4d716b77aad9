//! What the governance contract stores and answers.
use ink::prelude::string::String;
use ink::primitives::AccountId;
use referral_common::math::ONE;
use referral_common::program::{ProgramChanges, ProgramLimits};

/// The network parameters, fixed at instantiation. Times are the chain's milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct GovernanceParams {
    pub limits: ProgramLimits,
    /// Voted weight / total associated needed to decide (9 decimals).
    pub required_participation: u64,
    /// Yes / voted needed to pass (9 decimals).
    pub required_majority: u64,
    pub min_proposer_balance: u128,
    pub min_voter_balance: u128,
    /// Closing must be within [now + min_close, now + max_close].
    pub min_close: u64,
    pub max_close: u64,
    /// Enactment must be within [now + min_enact, now + max_enact].
    pub min_enact: u64,
    pub max_enact: u64,
    /// Epoch 0 starts at `epoch_start`; each lasts `epoch_length`.
    pub epoch_start: u64,
    pub epoch_length: u64,
}

impl GovernanceParams {
    /// Vega's defaults (10 tiers, caps 0.5, participation 0.01, majority 0.66) with the
    /// given balances, time ranges and epochs.
    pub fn with_vega_defaults(min_balance: u128, min_time: u64, max_time: u64, epoch_start: u64, epoch_length: u64) -> Self {
        Self {
            limits: ProgramLimits::default(),
            required_participation: ONE / 100,
            required_majority: 660_000_000,
            min_proposer_balance: min_balance,
            min_voter_balance: min_balance,
            min_close: min_time,
            max_close: max_time,
            min_enact: min_time,
            max_enact: max_time,
            epoch_start,
            epoch_length,
        }
    }

    /// Ratios and caps at most 1.0, at least one tier, ranges in order, epochs of
    /// non-zero length.
    pub fn is_valid(&self) -> bool {
        let l = &self.limits;
        l.max_tiers >= 1
            && l.max_reward_factor <= ONE
            && l.max_discount_factor <= ONE
            && l.max_reward_proportion <= ONE
            && self.required_participation <= ONE
            && self.required_majority <= ONE
            && self.min_close <= self.max_close
            && self.min_enact <= self.max_enact
            && self.epoch_length > 0
    }

    /// Until when the program in force at `time` stands, whatever is finalized later
    /// (exclusive): programs start and end at epoch starts, and one finalized at `t`
    /// starts at the first epoch start at or after `t`. So the program of `time`'s
    /// epoch is settled after that epoch's first millisecond (a finalization within it
    /// may still start a program then): until the next epoch start, or nothing settled
    /// (`time` itself) at an epoch start.
    pub fn settled_until(&self, time: u64) -> Option<u64> {
        self.epoch_start_at_or_after(time)
    }

    /// The first epoch start at or after `time`.
    pub fn epoch_start_at_or_after(&self, time: u64) -> Option<u64> {
        if time <= self.epoch_start {
            return Some(self.epoch_start);
        }
        let since = time.checked_sub(self.epoch_start)?;
        let epochs = since.checked_add(self.epoch_length.checked_sub(1)?)?.checked_div(self.epoch_length)?;
        self.epoch_start.checked_add(epochs.checked_mul(self.epoch_length)?)
    }
}

/// An account's association: its voting weight, and what its votes lock.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Association {
    pub amount: u128,
    /// The largest weight voted with on proposals closing by `locked_until`.
    pub locked_amount: u128,
    pub locked_until: u64,
}

impl Association {
    /// What may be disassociated at `now`.
    pub fn free(&self, now: u64) -> u128 {
        let locked = if now < self.locked_until { self.locked_amount } else { 0 };
        self.amount.saturating_sub(locked)
    }
}

/// A vote as recorded: the side and the weight it carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Vote {
    pub accept: bool,
    pub weight: u128,
}

/// Why a proposal did not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Rejection {
    /// Voted weight / total associated below the required participation.
    ParticipationNotReached,
    /// Yes / voted below the required majority.
    MajorityNotReached,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Outcome {
    /// Open for votes until closing, then awaiting `finalize`.
    Open,
    /// Passed and enacted as program `version`.
    Passed {
        version: u32,
    },
    Rejected(Rejection),
}

/// A proposal to enable or replace the referral program.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    pub proposer: AccountId,
    /// The program, tiers sorted as `benefits` reads them.
    pub changes: ProgramChanges,
    pub closing: u64,
    pub enactment: u64,
    pub title: String,
    pub description: String,
    pub yes: u128,
    pub no: u128,
    pub outcome: Outcome,
}

/// An enacted program.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Program {
    /// 1 for the first program, + 1 for each that replaces one.
    pub version: u32,
    pub proposal: u32,
    /// The first epoch start at or after the enactment (never before the start of the
    /// program it replaces).
    pub starts_at: u64,
    /// The first epoch start at or after the end of program: no benefits from then on.
    pub ends_at: u64,
    pub changes: ProgramChanges,
}
