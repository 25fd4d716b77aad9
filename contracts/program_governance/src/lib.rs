//! Program governance (Vega's referral program model).
//!
//! Token holders associate a PSP22 governance token as voting weight, propose a whole
//! referral program (benefit and staking tiers, window, end), vote, and anyone
//! finalizes a proposal after its closing. A passed program takes effect at the first
//! epoch start at or after its enactment, replacing the one in force, and ends at the
//! first epoch start at or after its end of program. The accountant reads the program
//! in force in each epoch, and the benefits it gives, from here.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod council;
pub mod errors;
pub mod events;
pub mod storage_keys;
pub mod types;

pub use council::{MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH};
pub use errors::Error;
pub use types::{Association, GovernanceParams, Outcome, Program, Proposal, Rejection, Vote};

#[ink::contract]
pub mod program_governance {
    use crate::council::{Council, Submission};
    use crate::errors::{Error, Result};
    use crate::types::{Association, GovernanceParams, Program, Proposal, Vote};
    use ink::prelude::{string::String, vec::Vec};
    use referral_common::bonus::{SignupBonus, SignupBonusSource};
    use referral_common::program::{Benefits, ProgramChanges};
    use referral_common::psp22::PSP22;

    #[ink(storage)]
    pub struct ProgramGovernance {
        token: AccountId,
        params: GovernanceParams,
        council: Council,
    }

    impl ProgramGovernance {
        /// Instantiates governance over the PSP22 token at `token`.
        ///
        /// # Errors
        /// `InvalidConfig` unless `params.is_valid()`.
        #[ink(constructor)]
        pub fn new(token: AccountId, params: GovernanceParams) -> Result<Self> {
            if !params.is_valid() {
                return Err(Error::InvalidConfig);
            }
            Ok(Self { token, params, council: Council::default() })
        }

        // -------------------------------------------------------- association

        /// Pulls `amount` governance tokens from the caller (who approved this contract
        /// first) and adds them to its voting weight.
        ///
        /// # Errors
        /// `ZeroAmount`, `Token(_)` if the token refuses the transfer, `Overflow`.
        ///
        /// # Events
        /// `Associated` (and the token's `Transfer`).
        #[ink(message)]
        pub fn associate(&mut self, amount: Balance) -> Result<()> {
            let caller = self.env().caller();
            // The weight is recorded first; a refused transfer reverts the whole call.
            let event = self.council.associate(caller, amount)?;
            let mut token: ink::contract_ref!(PSP22) = self.token.into();
            token.transfer_from(caller, self.env().account_id(), amount, Vec::new()).map_err(Error::Token)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Returns `amount` of the caller's associated tokens.
        ///
        /// # Errors
        /// `ZeroAmount`, `InsufficientAssociation`, `TokensLocked` (behind votes on
        /// proposals still open), `Token(_)`.
        ///
        /// # Events
        /// `Disassociated` (and the token's `Transfer`).
        #[ink(message)]
        pub fn disassociate(&mut self, amount: Balance) -> Result<()> {
            let caller = self.env().caller();
            let event = self.council.disassociate(caller, amount, self.env().block_timestamp())?;
            let mut token: ink::contract_ref!(PSP22) = self.token.into();
            token.transfer(caller, amount, Vec::new()).map_err(Error::Token)?;
            self.env().emit_event(event);
            Ok(())
        }

        // ---------------------------------------------------------- proposals

        /// Proposes to enable or replace the referral program; returns the proposal id.
        ///
        /// # Errors
        /// `Program(rule)` for each program rule (`EndOfProgramRequired`, ...,
        /// `TooManyStakingTiers`),
        /// `ClosingOutOfRange`, `EnactmentOutOfRange`, `EnactmentBeforeClosing`,
        /// `TitleLength`, `DescriptionTooLong`, `ProposerBalanceTooLow`, `Overflow`.
        ///
        /// # Events
        /// `ProposalSubmitted`.
        #[ink(message)]
        pub fn propose(
            &mut self,
            changes: ProgramChanges,
            closing: Timestamp,
            enactment: Timestamp,
            title: String,
            description: String,
        ) -> Result<u32> {
            let submission = Submission { changes, closing, enactment, title, description };
            let (id, event) =
                self.council.propose(self.env().caller(), submission, &self.params, self.env().block_timestamp())?;
            self.env().emit_event(event);
            Ok(id)
        }

        /// Votes for (`accept`) or against a proposal until its closing, with the
        /// caller's whole association as weight; a second vote replaces the first. The
        /// weight stays associated until the proposal closes.
        ///
        /// # Errors
        /// `UnknownProposal`, `VotingClosed`, `VoterBalanceTooLow`, `Overflow`.
        ///
        /// # Events
        /// `VoteCast`.
        #[ink(message)]
        pub fn vote(&mut self, proposal: u32, accept: bool) -> Result<()> {
            let event = self.council.vote(proposal, self.env().caller(), accept, &self.params, self.env().block_timestamp())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Anyone, after closing: decides the proposal and, if it passed, enacts it from
        /// the first epoch start at or after its enactment time, or after now if that
        /// is later (never in the past).
        ///
        /// # Errors
        /// `UnknownProposal`, `VotingOpen`, `AlreadyFinalized`, `Overflow`.
        ///
        /// # Events
        /// `ProposalFinalized`, then `ProgramEnacted` if it passed.
        #[ink(message)]
        pub fn finalize(&mut self, proposal: u32) -> Result<()> {
            let (finalized, enacted) = self.council.finalize(proposal, &self.params, self.env().block_timestamp())?;
            self.env().emit_event(finalized);
            if let Some(enacted) = enacted {
                self.env().emit_event(enacted);
            }
            Ok(())
        }

        // -------------------------------------------------------------- reads

        /// The program in force at `time` (ms), if any.
        #[ink(message)]
        pub fn program_at(&self, time: Timestamp) -> Option<Program> {
            self.council.program_at(time)
        }

        /// The program in force now, if any.
        #[ink(message)]
        pub fn current_program(&self) -> Option<Program> {
            self.council.program_at(self.env().block_timestamp())
        }

        /// Program `version` (1 is the first enacted).
        #[ink(message)]
        pub fn program(&self, version: u32) -> Option<Program> {
            self.council.program(version)
        }

        #[ink(message)]
        pub fn program_count(&self) -> u32 {
            self.council.program_count()
        }

        /// The benefits of a referral set under the program in force now; none (and a
        /// multiplier of 1) when no program is.
        #[ink(message)]
        pub fn benefits(&self, set_running_volume: Balance, referee_epochs_in_set: u32, referrer_staked: Balance) -> Benefits {
            self.benefits_at(self.env().block_timestamp(), set_running_volume, referee_epochs_in_set, referrer_staked)
        }

        /// `benefits` under the program in force at `time`.
        #[ink(message)]
        pub fn benefits_at(
            &self,
            time: Timestamp,
            set_running_volume: Balance,
            referee_epochs_in_set: u32,
            referrer_staked: Balance,
        ) -> Benefits {
            self.council.program_at(time).map_or(
                Benefits { multiplier: referral_common::math::ONE, ..Benefits::default() },
                |program| {
                    program.changes.benefits(
                        set_running_volume,
                        referee_epochs_in_set,
                        referrer_staked,
                        self.params.limits.max_reward_proportion,
                    )
                },
            )
        }

        #[ink(message)]
        pub fn proposal(&self, proposal: u32) -> Option<Proposal> {
            self.council.proposal(proposal).ok()
        }

        #[ink(message)]
        pub fn proposal_count(&self) -> u32 {
            self.council.proposal_count()
        }

        #[ink(message)]
        pub fn vote_of(&self, proposal: u32, voter: AccountId) -> Option<Vote> {
            self.council.vote_of(proposal, voter)
        }

        /// `account`'s associated tokens (its voting weight) and what its votes lock.
        #[ink(message)]
        pub fn association_of(&self, account: AccountId) -> Association {
            self.council.association(account)
        }

        #[ink(message)]
        pub fn total_associated(&self) -> Balance {
            self.council.total_associated()
        }

        #[ink(message)]
        pub fn params(&self) -> GovernanceParams {
            self.params
        }

        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }
    }

    /// What the vault reads to credit a new binding's sign-up bonus.
    impl SignupBonusSource for ProgramGovernance {
        /// The sign-up bonus of the program in force at `time` (ms): none when no program
        /// is in force or it has no bonus.
        #[ink(message)]
        fn signup_bonus_at(&self, time: Timestamp) -> Option<SignupBonus> {
            self.council.program_at(time).and_then(|program| program.changes.signup_bonus)
        }

        /// `signup_bonus_at(time)`, and until when it stands: the next epoch start (see
        /// `GovernanceParams::settled_until`); `time` itself at an epoch start.
        #[ink(message)]
        fn signup_bonus_until(&self, time: Timestamp) -> (Option<SignupBonus>, Timestamp) {
            let until = self.params.settled_until(time).unwrap_or(time);
            (self.signup_bonus_at(time), until)
        }
    }
}

#[cfg(test)]
mod tests;
