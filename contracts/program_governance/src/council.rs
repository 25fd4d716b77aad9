//! Governance's books: associations, proposals, votes and enacted programs.
//!
//! Logic lives in this plain storage struct (the `psp22` crate's model): its methods
//! take the caller and the block time, check everything before they write anything,
//! and return the events to emit; the contract moves the tokens. Every call's cost is
//! constant in the number of accounts, proposals and programs: `program_at` tries the
//! newest versions first (the program in force now is one of them: one read) and only
//! a time older than those falls back to a binary search over the versions.
use crate::errors::{Error, Result};
use crate::events::{Associated, Disassociated, ProgramEnacted, ProposalFinalized, ProposalSubmitted, VoteCast};
use crate::storage_keys;
use crate::types::{Association, GovernanceParams, Outcome, Program, Proposal, Rejection, Vote};
use ink::prelude::string::String;
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use referral_common::math::{mul_div_floor, ONE};
use referral_common::program::ProgramChanges;

pub use referral_common::program::{MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH};

/// A proposal as submitted.
pub struct Submission {
    pub changes: ProgramChanges,
    pub closing: u64,
    pub enactment: u64,
    pub title: String,
    pub description: String,
}

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Council {
    total_associated: u128,
    proposal_count: u32,
    program_count: u32,
    associations: Mapping<AccountId, Association, ManualKey<{ storage_keys::ASSOCIATIONS }>>,
    proposals: Mapping<u32, Proposal>,
    votes: Mapping<(u32, AccountId), Vote>,
    programs: Mapping<u32, Program>,
}

/// How many of the newest versions `program_at` tries before its binary search: the
/// versions passed but not yet started, plus the one in force, are fewer than this
/// unless several proposals pass within one enactment horizon.
const RECENT_VERSIONS: u32 = 4;

impl Council {
    /// Records `amount` more tokens associated by `account` (the contract pulled them).
    pub fn associate(&mut self, account: AccountId, amount: u128) -> Result<Associated> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut association = self.association(account);
        association.amount = association.amount.checked_add(amount).ok_or(Error::Overflow)?;
        let total = self.total_associated.checked_add(amount).ok_or(Error::Overflow)?;
        self.associations.insert(account, &association);
        self.total_associated = total;
        Ok(Associated { account, amount, total: association.amount })
    }

    /// Releases `amount` of `account`'s tokens (the contract returns them), refusing
    /// tokens behind votes on proposals still open.
    pub fn disassociate(&mut self, account: AccountId, amount: u128, now: u64) -> Result<Disassociated> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut association = self.association(account);
        if amount > association.amount {
            return Err(Error::InsufficientAssociation);
        }
        if amount > association.free(now) {
            return Err(Error::TokensLocked);
        }
        association.amount = association.amount.saturating_sub(amount);
        self.total_associated = self.total_associated.saturating_sub(amount);
        self.associations.insert(account, &association);
        Ok(Disassociated { account, amount, total: association.amount })
    }

    /// Records a proposal from `proposer` and returns its id.
    pub fn propose(
        &mut self,
        proposer: AccountId,
        submission: Submission,
        params: &GovernanceParams,
        now: u64,
    ) -> Result<(u32, ProposalSubmitted)> {
        let Submission { mut changes, closing, enactment, title, description } = submission;
        changes.validate(enactment, &params.limits)?;
        let within = |time: u64, min: u64, max: u64| {
            now.checked_add(min).is_some_and(|earliest| time >= earliest)
                && now.checked_add(max).is_none_or(|latest| time <= latest)
        };
        if !within(closing, params.min_close, params.max_close) {
            return Err(Error::ClosingOutOfRange);
        }
        if !within(enactment, params.min_enact, params.max_enact) {
            return Err(Error::EnactmentOutOfRange);
        }
        referral_common::program::check_proposal_text(closing, enactment, &title, &description)?;
        if self.association(proposer).amount < params.min_proposer_balance {
            return Err(Error::ProposerBalanceTooLow);
        }
        let id = self.proposal_count;
        let next = id.checked_add(1).ok_or(Error::Overflow)?;
        changes.sort_tiers();
        let proposal =
            Proposal { proposer, changes, closing, enactment, title, description, yes: 0, no: 0, outcome: Outcome::Open };
        self.proposals.insert(id, &proposal);
        self.proposal_count = next;
        Ok((id, ProposalSubmitted { proposal: id, proposer, closing, enactment }))
    }

    /// Records (or changes) `voter`'s vote with its whole association as weight, and
    /// locks that weight until the proposal closes.
    pub fn vote(&mut self, id: u32, voter: AccountId, accept: bool, params: &GovernanceParams, now: u64) -> Result<VoteCast> {
        let mut proposal = self.proposal(id)?;
        if now >= proposal.closing {
            return Err(Error::VotingClosed);
        }
        let mut association = self.association(voter);
        if association.amount < params.min_voter_balance {
            return Err(Error::VoterBalanceTooLow);
        }
        let weight = association.amount;
        if let Some(previous) = self.votes.get((id, voter)) {
            let side = if previous.accept { &mut proposal.yes } else { &mut proposal.no };
            *side = side.saturating_sub(previous.weight);
        }
        let side = if accept { &mut proposal.yes } else { &mut proposal.no };
        *side = side.checked_add(weight).ok_or(Error::Overflow)?;
        // The lock: the largest weight voted with, until the latest closing voted on.
        if now >= association.locked_until {
            association.locked_amount = 0;
        }
        association.locked_amount = association.locked_amount.max(weight);
        association.locked_until = association.locked_until.max(proposal.closing);
        self.proposals.insert(id, &proposal);
        self.votes.insert((id, voter), &Vote { accept, weight });
        self.associations.insert(voter, &association);
        Ok(VoteCast { proposal: id, voter, accept, weight })
    }

    /// Decides a proposal after its closing: passed when voted / total associated
    /// reaches the required participation and yes / voted the required majority (both
    /// compared exactly, as floor(ratio x 10^9) >= threshold); a passed proposal is
    /// enacted as the next program version.
    pub fn finalize(
        &mut self,
        id: u32,
        params: &GovernanceParams,
        now: u64,
    ) -> Result<(ProposalFinalized, Option<ProgramEnacted>)> {
        let mut proposal = self.proposal(id)?;
        if now < proposal.closing {
            return Err(Error::VotingOpen);
        }
        if proposal.outcome != Outcome::Open {
            return Err(Error::AlreadyFinalized);
        }
        let voted = proposal.yes.checked_add(proposal.no).ok_or(Error::Overflow)?;
        let ratio = |part: u128, whole: u128| if whole == 0 { Some(0) } else { mul_div_floor(part, u128::from(ONE), whole) };
        let participation = ratio(voted, self.total_associated).ok_or(Error::Overflow)?;
        let majority = ratio(proposal.yes, voted).ok_or(Error::Overflow)?;
        let mut enacted = None;
        proposal.outcome = if participation < u128::from(params.required_participation) {
            Outcome::Rejected(Rejection::ParticipationNotReached)
        } else if majority < u128::from(params.required_majority) {
            Outcome::Rejected(Rejection::MajorityNotReached)
        } else {
            let program = self.next_program(id, &proposal, params, now)?;
            enacted = Some(ProgramEnacted {
                version: program.version,
                proposal: id,
                starts_at: program.starts_at,
                ends_at: program.ends_at,
            });
            self.programs.insert(program.version, &program);
            self.program_count = program.version;
            Outcome::Passed { version: program.version }
        };
        self.proposals.insert(id, &proposal);
        let finalized = ProposalFinalized {
            proposal: id,
            outcome: proposal.outcome,
            yes: proposal.yes,
            no: proposal.no,
            total_associated: self.total_associated,
        };
        Ok((finalized, enacted))
    }

    // ------------------------------------------------------------------ reads

    pub fn association(&self, account: AccountId) -> Association {
        self.associations.get(account).unwrap_or_default()
    }

    pub fn total_associated(&self) -> u128 {
        self.total_associated
    }

    pub fn proposal(&self, id: u32) -> Result<Proposal> {
        self.proposals.get(id).ok_or(Error::UnknownProposal)
    }

    pub fn proposal_count(&self) -> u32 {
        self.proposal_count
    }

    pub fn vote_of(&self, id: u32, voter: AccountId) -> Option<Vote> {
        self.votes.get((id, voter))
    }

    pub fn program(&self, version: u32) -> Option<Program> {
        self.programs.get(version)
    }

    pub fn program_count(&self) -> u32 {
        self.program_count
    }

    /// The program in force at `time`: the latest version started by then, unless it
    /// has ended.
    pub fn program_at(&self, time: u64) -> Option<Program> {
        self.latest_started_by(time).filter(|program| time < program.ends_at)
    }

    /// The latest version whose start is at or before `time`. Versions start in order:
    /// the newest few are read one by one (the program in force now is the first or
    /// second read, whatever the number of versions), then a binary search over the
    /// older ones.
    fn latest_started_by(&self, time: u64) -> Option<Program> {
        let mut newest = self.program_count;
        for _ in 0..RECENT_VERSIONS {
            // There is no version 0: below version 1 nothing had started.
            let program = self.programs.get(newest)?;
            if program.starts_at <= time {
                return Some(program);
            }
            newest = newest.checked_sub(1)?;
        }
        let (mut low, mut high) = (1u32, newest);
        let mut found = None;
        while low <= high {
            let middle = low.saturating_add(high.saturating_sub(low) / 2);
            let program = self.programs.get(middle)?;
            if program.starts_at <= time {
                found = Some(program);
                low = middle.saturating_add(1);
            } else {
                high = middle.saturating_sub(1);
            }
        }
        found
    }

    // -------------------------------------------------------------- internals

    fn next_program(&self, proposal_id: u32, proposal: &Proposal, params: &GovernanceParams, now: u64) -> Result<Program> {
        let version = self.program_count.checked_add(1).ok_or(Error::Overflow)?;
        let mut starts_at = params.epoch_start_at_or_after(proposal.enactment).ok_or(Error::Overflow)?;
        // Finalized after its enactment time, a program starts at the next epoch, never
        // in the past: the program in force at any past time stays what it was, so a
        // period already accounted and sealed can be re-accounted to the same file.
        starts_at = starts_at.max(params.epoch_start_at_or_after(now).ok_or(Error::Overflow)?);
        // A program never starts before the one it replaces: versions stay in order.
        if let Some(previous) = self.programs.get(self.program_count) {
            starts_at = starts_at.max(previous.starts_at);
        }
        let ends_at = params.epoch_start_at_or_after(proposal.changes.end_of_program).ok_or(Error::Overflow)?;
        Ok(Program { version, proposal: proposal_id, starts_at, ends_at, changes: proposal.changes.clone() })
    }
}
