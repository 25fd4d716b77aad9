//! A deployed suite on a chain: typed calls in, decoded answers out, the event index kept
//! up to date from every submitted call's events.
use crate::address::{AccountId, Accounts};
use crate::call::{request, Message, Suite};
use crate::chain::{Answer, Balance, Chain, ChainError, Cost, Executed};
use crate::index::Index;
use ink::env::call::ExecutionInput;
use ink::scale::{Decode, Encode};
use std::fmt;

/// Why a call came to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The chain did not run it (see [`ChainError`]).
    Chain(ChainError),
    /// The contract refused it: its error, by name.
    Refused(String),
    /// The answer is not of the message's type: the contract at that address is not the
    /// one the suite expects.
    Undecodable,
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Chain(e) => write!(f, "{e}"),
            ClientError::Refused(error) => write!(f, "refused: {error}"),
            ClientError::Undecodable => write!(f, "the contract's answer does not decode as the message's type"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<ChainError> for ClientError {
    fn from(e: ChainError) -> Self {
        ClientError::Chain(e)
    }
}

/// The suite on a chain, with what its events told so far.
pub struct Client<C> {
    pub chain: C,
    pub suite: Suite,
    /// Bindings, codes and bonuses, from the events of every call this client submitted
    /// (or from a scan of the chain's events).
    pub index: Index,
    /// The named accounts the tools accept by name.
    pub who: Accounts,
    /// The caller of queries (a dry run needs one; queries do not depend on it).
    pub reader: AccountId,
    /// Whether the index takes in the events of this client's own calls (the sandbox);
    /// on a node it is built from a scan of the chain's blocks instead.
    pub follow_events: bool,
    last_cost: Cost,
}

impl<C: Chain> Client<C> {
    pub fn new(chain: C, suite: Suite, index: Index) -> Self {
        let who = Accounts::named();
        Client { chain, suite, index, reader: who.admin, who, follow_events: true, last_cost: Cost::default() }
    }

    /// Submits `message` signed by `caller`: the contract's answer, refusals included.
    pub fn try_send<Args, T: Decode, E: Decode>(
        &mut self,
        caller: &AccountId,
        message: Message<Args, Result<T, E>>,
    ) -> Result<Result<T, E>, ClientError>
    where
        ExecutionInput<Args>: Encode,
    {
        let executed = self.chain.submit(&request(caller, message))?;
        self.last_cost = executed.cost;
        self.take_events(&executed);
        decode(&executed.answer)
    }

    /// `try_send`, a refusal as [`ClientError::Refused`] with the contract's error.
    pub fn send<Args, T: Decode, E: Decode + fmt::Debug>(
        &mut self,
        caller: &AccountId,
        message: Message<Args, Result<T, E>>,
    ) -> Result<T, ClientError>
    where
        ExecutionInput<Args>: Encode,
    {
        self.try_send(caller, message)?.map_err(|e| ClientError::Refused(format!("{e:?}")))
    }

    /// The answer of `message` run as a dry run: a query, or the forecast of a call.
    pub fn query<Args, R: Decode>(&mut self, message: Message<Args, R>) -> Result<R, ClientError>
    where
        ExecutionInput<Args>: Encode,
    {
        let executed = self.chain.dry_run(&request(&self.reader, message))?;
        decode(&executed.answer)
    }

    /// The answers of `messages` (queries), asked all at once.
    pub fn query_all<Args, R: Decode>(
        &mut self,
        messages: impl IntoIterator<Item = Message<Args, R>>,
    ) -> Result<Vec<R>, ClientError>
    where
        ExecutionInput<Args>: Encode,
    {
        let requests: Vec<_> = messages.into_iter().map(|m| request(&self.reader, m)).collect();
        self.chain.dry_run_all(&requests)?.iter().map(|executed| decode(&executed.answer)).collect()
    }

    /// Weight and storage deposit of the last submitted call.
    pub fn last_cost(&self) -> Cost {
        self.last_cost
    }

    /// The chain's time (ms).
    pub fn now(&mut self) -> Result<u64, ClientError> {
        Ok(self.chain.now()?)
    }

    /// `who`'s native balance.
    pub fn native(&mut self, who: &AccountId) -> Result<Balance, ClientError> {
        Ok(self.chain.native_balance(who)?)
    }

    fn take_events(&mut self, executed: &Executed) {
        if !self.follow_events {
            return;
        }
        for event in &executed.events {
            if event.contract == self.suite.staking || event.contract == self.suite.vault {
                self.index.take(&event.topics, &event.data);
            }
        }
    }
}

/// A message's answer: `Ok(value)` of ink!'s `Result<R, LangError>`, every byte used.
/// A reverted call answers the same way (its `R` is an `Err`).
pub fn decode<R: Decode>(answer: &Answer) -> Result<R, ClientError> {
    let (Answer::Returned(data) | Answer::Reverted(data)) = answer;
    let mut bytes = data.as_slice();
    match <Result<R, ink::LangError>>::decode(&mut bytes) {
        Ok(Ok(value)) if bytes.is_empty() => Ok(value),
        _ => Err(ClientError::Undecodable),
    }
}
