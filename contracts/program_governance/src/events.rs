//! Events of the governance contract.
use crate::types::Outcome;
use ink::primitives::AccountId;

/// Tokens were associated: voting weight.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Associated {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
    /// The account's association after the call.
    pub total: u128,
}

/// Tokens were returned to their owner.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Disassociated {
    #[ink(topic)]
    pub account: AccountId,
    pub amount: u128,
    pub total: u128,
}

/// A program proposal was submitted.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProposalSubmitted {
    #[ink(topic)]
    pub proposal: u32,
    #[ink(topic)]
    pub proposer: AccountId,
    pub closing: u64,
    pub enactment: u64,
}

/// A vote was cast or changed.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct VoteCast {
    #[ink(topic)]
    pub proposal: u32,
    #[ink(topic)]
    pub voter: AccountId,
    pub accept: bool,
    pub weight: u128,
}

/// A proposal was decided.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProposalFinalized {
    #[ink(topic)]
    pub proposal: u32,
    pub outcome: Outcome,
    pub yes: u128,
    pub no: u128,
    pub total_associated: u128,
}

/// A passed proposal became a program version.
#[ink::event]
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct ProgramEnacted {
    #[ink(topic)]
    pub version: u32,
    pub proposal: u32,
    pub starts_at: u64,
    pub ends_at: u64,
}
