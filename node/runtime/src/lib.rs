//! The runtime of the local node: substrate-contracts-node's runtime crate as published,
//! compiled to the wasm blob a chain spec carries (`scripts/node` builds it).
#![no_std]
pub use contracts_node_runtime::*;
