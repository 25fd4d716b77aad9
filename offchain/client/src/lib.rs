//! The referral suite's client library: everything a user runs off-chain, written
//! against one [`Chain`](chain::Chain) trait so that it works the same on the embedded
//! sandbox and on a node.
//!
//! - [`call`]: typed calls, made by the contracts' own call builders;
//! - [`client`]: a deployed suite on a chain, with the event [`index`];
//! - [`deploy`]: instantiating and linking the suite;
//! - [`reader`] and [`operator`]: the month end (allocate, deposit, verify);
//! - [`storage`]: the contracts' per-account maps read directly, for the reader;
//! - [`dashboard`]: what partners and the operator read;
//! - [`month`]: the demo's whole program month;
//! - [`address`], [`amount`], [`constants`]: how accounts and amounts are written, and the
//!   deployment's figures.
pub mod address;
pub mod amount;
pub mod bonus;
pub mod call;
pub mod chain;
pub mod client;
pub mod constants;
pub mod dashboard;
pub mod deploy;
pub mod index;
pub mod month;
pub mod operator;
pub mod progress;
pub mod reader;
pub mod storage;
pub mod voting;

pub use address::{AccountId, Accounts};
pub use chain::{Balance, Chain, ChainError};
pub use client::{Client, ClientError};
/// The PSP22 standard's trait: in scope, the liquid token's messages on the staking calls.
pub use referral_common::psp22::PSP22;
