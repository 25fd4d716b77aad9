//! Events of the vault (the admin and pause events are the suite's shared ones, from
//! `referral_common::admin`). Periods and accounts are topics, so a partner can follow
//! its own allocations and claims, and an auditor one period.
use crate::account::PeriodRange;
use ink::primitives::{AccountId, Hash};

/// A distributor opened a period.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct PeriodOpened {
    #[ink(topic)]
    pub period: u32,
    #[ink(topic)]
    pub distributor: AccountId,
    pub start: u64,
    pub end: u64,
    pub allocation_hash: Hash,
}

/// One account's allocation in a period, recorded and funded.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Allocated {
    #[ink(topic)]
    pub account: AccountId,
    pub period: u32,
    pub amount: u128,
}

/// A chunk of a period's allocations was recorded, funded by exactly its sum.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ChunkAdded {
    #[ink(topic)]
    pub period: u32,
    /// The chunk's index in the period (0 for the first).
    pub chunk: u32,
    pub count: u32,
    pub amount: u128,
}

/// The period's totals matched; its amounts are pending until `pending_until`.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct PeriodSealed {
    #[ink(topic)]
    pub period: u32,
    pub total: u128,
    pub count: u32,
    pub pending_until: u64,
}

/// Governance revoked the period; `refunded` went back to its distributor.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct PeriodRevoked {
    #[ink(topic)]
    pub period: u32,
    #[ink(topic)]
    pub distributor: AccountId,
    pub refunded: u128,
}

/// An account's claimable balance was paid to its payout address. Indexed by the
/// account only: each topic costs a claim about 128 M of ref_time and 2.5 KB of proof,
/// and the payout address is the account itself unless it named another
/// (`PayoutAddressSet`).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Claimed {
    #[ink(topic)]
    pub account: AccountId,
    pub paid_to: AccountId,
    /// Who called: the account itself, or anyone through `claim_for`.
    pub triggered_by: AccountId,
    pub amount: u128,
    /// Of `amount`, sign-up bonuses.
    pub bonus: u128,
    /// The periods behind the rest of `amount`; `None` when it is all bonus.
    pub periods: Option<PeriodRange>,
    /// The claim's index in the account's history.
    pub index: u32,
}

/// An account chose where its claims are paid (itself when `payout` is `None`).
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct PayoutAddressSet {
    #[ink(topic)]
    pub account: AccountId,
    pub payout: Option<AccountId>,
}

/// The admin gave or took the distributor role.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct DistributorSet {
    #[ink(topic)]
    pub account: AccountId,
    pub enabled: bool,
}

/// Someone added to the sign-up bonus pool.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct BonusPoolFunded {
    #[ink(topic)]
    pub by: AccountId,
    pub amount: u128,
    pub pool: u128,
}

/// The admin took `amount` out of the bonus pool.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct BonusPoolWithdrawn {
    #[ink(topic)]
    pub to: AccountId,
    pub amount: u128,
    pub pool: u128,
}

/// The admin linked the staking contract that may credit bonuses, and the governance
/// contract their amounts are read from.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct BonusLinksSet {
    pub staking: Option<AccountId>,
    pub governance: Option<AccountId>,
}
