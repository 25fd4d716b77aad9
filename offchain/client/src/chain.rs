//! What the tools need of a chain, and nothing more: submit a signed call, dry-run one,
//! read a contract's storage, instantiate a contract, read the block time and native
//! balances. The embedded sandbox
//! and a node implement it; everything else in this crate is written against it.
use crate::address::AccountId;
use std::fmt;

/// Native and token amounts.
pub type Balance = u128;

/// A contract call as the runtime takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Who signs (a submitted call) or is taken as the caller (a dry run).
    pub caller: AccountId,
    pub contract: AccountId,
    /// The message's selector and SCALE-encoded arguments.
    pub input: Vec<u8>,
    /// Native value transferred with the call.
    pub value: Balance,
}

/// The contract's answer to a call that ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Returned normally: the message's SCALE answer (`Result<T, LangError>`).
    Returned(Vec<u8>),
    /// Reverted (the contract answered `Err`, and nothing it did stays): its answer.
    Reverted(Vec<u8>),
}

/// An event a contract emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractEvent {
    pub contract: AccountId,
    /// As deposited: the first is the event's signature topic.
    pub topics: Vec<[u8; 32]>,
    pub data: Vec<u8>,
}

/// Weight and storage deposit of one call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub ref_time: u64,
    pub proof_size: u64,
    /// Positive: charged to the caller; negative: refunded.
    pub storage_deposit: i128,
}

/// A call that ran: its answer, what it cost and the events it emitted (none when it
/// reverted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executed {
    pub answer: Answer,
    pub cost: Cost,
    pub events: Vec<ContractEvent>,
}

/// The suite's contracts, as code to upload or instantiate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The staking contract's whole code: instantiated, given its entry's hash, it
    /// hands the contract to the entry and runs for it every message but the stakes,
    /// the unstake, the liquid token's transfers and approvals and the on-chain reads.
    /// Its metadata is the staking contract's interface.
    Staking,
    /// The staking contract's entry (`referral_staking_entry`): uploaded, the code at
    /// the contract's address.
    StakingEntry,
    /// The vault's whole code: instantiated, given its entry's hash, it hands the vault
    /// to the entry and runs for it every message but the claims and the bonus credit.
    /// Its metadata is the vault's interface.
    Vault,
    /// The vault's entry (`partner_vault_entry`): uploaded, the code at the vault's
    /// address.
    VaultEntry,
    Governance,
    /// A PSP22 token (the psp22 crate's own): governance's voting token where the chain
    /// has none to use.
    Token,
}

/// Why a call did not run to an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// The runtime refused it before or while the contract ran: the caller cannot pay,
    /// the contract trapped, ran out of gas, or does not exist. Nothing changed.
    Rejected(String),
    /// The backend could not be reached or answered nonsense.
    Backend(String),
    /// What the backend cannot do (a faucet on a live chain, say).
    Unsupported(&'static str),
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainError::Rejected(why) => write!(f, "the chain rejected the call: {why}"),
            ChainError::Backend(why) => write!(f, "the chain backend failed: {why}"),
            ChainError::Unsupported(what) => write!(f, "not on this chain: {what}"),
        }
    }
}

impl std::error::Error for ChainError {}

/// A chain with pallet-contracts.
pub trait Chain {
    /// Submits `request` as a transaction signed by its caller and waits for it to be
    /// included.
    fn submit(&mut self, request: &Request) -> Result<Executed, ChainError>;

    /// Runs `request` without keeping anything it does (a query, or a call's forecast).
    fn dry_run(&mut self, request: &Request) -> Result<Executed, ChainError>;

    /// Dry runs of `requests`, in order. A node answers many at once over its connection
    /// (a round trip each, one after another, would make reading a month of 100,000
    /// referees take hours); the default runs them one by one.
    fn dry_run_all(&mut self, requests: &[Request]) -> Result<Vec<Executed>, ChainError> {
        requests.iter().map(|r| self.dry_run(r)).collect()
    }

    /// What `contract` keeps under each of `keys`, all read from the same state: the
    /// keys as ink! passes them to the runtime (before the runtime hashes them), `None`
    /// where nothing is stored. No contract code runs, so a node answers each read from
    /// its database: this is how a month of 100,000 referees is read (see `storage`).
    fn contract_storage(&mut self, contract: &AccountId, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>, ChainError>;

    /// Uploads `code`, signed by `caller`, unless the chain has it; its code hash.
    fn upload(&mut self, caller: &AccountId, code: Code) -> Result<ink::primitives::Hash, ChainError>;

    /// Instantiates `code` with the constructor `input` (selector and arguments), signed
    /// by `caller`; the new contract's address. `salt` tells apart two instances of one
    /// code by one caller.
    fn instantiate(&mut self, caller: &AccountId, code: Code, input: Vec<u8>, salt: Vec<u8>) -> Result<AccountId, ChainError>;

    /// The time of the latest block (ms since 1970): what contracts read as now.
    fn now(&mut self) -> Result<u64, ChainError>;

    /// `who`'s free native balance.
    fn native_balance(&mut self, who: &AccountId) -> Result<Balance, ChainError>;

    /// Moves the chain's clock to `ms` (not backwards): a test chain's power (the
    /// sandbox; a local node through its dev RPC), never a live chain's.
    fn set_time(&mut self, ms: u64) -> Result<(), ChainError> {
        let _ = ms;
        Err(ChainError::Unsupported("moving the clock (a test chain's power)"))
    }

    /// Gives `who` `amount` native units from nowhere: a test chain's faucet.
    fn fund(&mut self, who: &AccountId, amount: Balance) -> Result<(), ChainError> {
        let _ = (who, amount);
        Err(ChainError::Unsupported("a faucet (a test chain's power)"))
    }

    /// What the tools call this chain ("embedded sandbox", a node's URL).
    fn describe(&self) -> String;
}
