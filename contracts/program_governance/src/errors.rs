//! Every refusal of the governance contract, one variant each.
use referral_common::program::{ProgramError, ProposalRule};
use referral_common::psp22::PSP22Error;

/// Why a call was refused. A refused call changes nothing: no balance, no stored value.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// A constructor parameter is out of range (see `GovernanceParams::validate`).
    InvalidConfig,
    /// The program breaks one of its rules, named by the variant
    /// (`referral_common::program::ProgramError`, shared with the JSON reader).
    Program(ProgramError),
    /// The closing time is not within the allowed range from now.
    ClosingOutOfRange,
    /// The enactment time is not within the allowed range from now.
    EnactmentOutOfRange,
    /// The enactment time is before the closing time.
    EnactmentBeforeClosing,
    /// The title is empty or longer than `MAX_TITLE_LENGTH` bytes.
    TitleLength,
    /// The description is longer than `MAX_DESCRIPTION_LENGTH` bytes.
    DescriptionTooLong,
    /// The proposer's associated balance is below the minimum.
    ProposerBalanceTooLow,
    /// The voter's associated balance is below the minimum.
    VoterBalanceTooLow,
    /// No proposal of that id.
    UnknownProposal,
    /// Voting on the proposal has closed.
    VotingClosed,
    /// The proposal is still open for votes: it cannot be finalized yet.
    VotingOpen,
    /// The proposal was finalized already.
    AlreadyFinalized,
    /// An amount of zero.
    ZeroAmount,
    /// The account has fewer tokens associated than it asks back.
    InsufficientAssociation,
    /// The tokens are behind votes on proposals still open.
    TokensLocked,
    /// The governance token refused the transfer.
    Token(PSP22Error),
    /// A figure would leave its integer range.
    Overflow,
}

/// The contract's results.
pub type Result<T> = core::result::Result<T, Error>;

impl From<ProgramError> for Error {
    fn from(error: ProgramError) -> Self {
        Error::Program(error)
    }
}

impl From<ProposalRule> for Error {
    fn from(rule: ProposalRule) -> Self {
        match rule {
            ProposalRule::Program(error) => Error::Program(error),
            ProposalRule::EnactmentBeforeClosing => Error::EnactmentBeforeClosing,
            ProposalRule::TitleLength => Error::TitleLength,
            ProposalRule::DescriptionTooLong => Error::DescriptionTooLong,
        }
    }
}
