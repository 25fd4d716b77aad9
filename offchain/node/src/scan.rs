//! The chain's own record of the suite: the contracts' events, block by block, from the
//! deployment block on. The index of bindings and codes is built from them (an indexer's
//! job, done by the tool), so the operator's month end needs no one to name the
//! referees, whoever's wallet sent the stakes.
use crate::{backend, Config, Node};
use futures::stream::{self, StreamExt, TryStreamExt};
use parity_scale_codec::Decode;
use referral_client::chain::ContractEvent;
use referral_client::index::Index;
use referral_client::{AccountId, ChainError};
use subxt::events::EventDetails;

/// Requests in flight at once on the one connection (blocks scanned, queries asked).
pub const IN_FLIGHT: usize = 16;

/// A `Contracts::ContractEmitted` event as the client library takes it; other events
/// are `None`.
pub fn contract_event(event: &EventDetails<Config>) -> Result<Option<ContractEvent>, ChainError> {
    if event.pallet_name() != "Contracts" || event.variant_name() != "ContractEmitted" {
        return Ok(None);
    }
    let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes()).map_err(backend)?;
    let topics = event.topics().iter().map(|t| t.0).collect();
    Ok(Some(ContractEvent { contract: AccountId::from(contract), topics, data }))
}

/// Where a scan stopped, and what it learnt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Scanned {
    /// The last block read (its events are in `index`).
    pub block: u64,
    pub index: Index,
}

impl Node {
    /// The events of `contracts` in blocks `from..=to`, in chain order.
    pub fn contract_events_between(&self, contracts: &[AccountId], from: u64, to: u64) -> Result<Vec<ContractEvent>, ChainError> {
        let blocks = self.block_on(
            stream::iter(from..=to)
                .map(|number| async move {
                    let hash = self
                        .rpc
                        .chain_get_block_hash(Some(number.into()))
                        .await?
                        .ok_or_else(|| subxt::Error::Other(format!("no block {number}")))?;
                    self.api.events().at(hash).await
                })
                .buffered(IN_FLIGHT)
                .try_collect::<Vec<_>>(),
        );
        let mut out = Vec::new();
        for events in blocks.map_err(backend)? {
            for event in events.iter() {
                let event = event.map_err(backend)?;
                if let Some(e) = contract_event(&event)?.filter(|e| contracts.contains(&e.contract)) {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    /// Brings `scanned` up to the best block: the staking contract's and the vault's events
    /// since the last block it read go into its index.
    pub fn catch_up(&self, scanned: &mut Scanned, staking: AccountId, vault: AccountId) -> Result<u64, ChainError> {
        let (_, best) = self.best()?;
        if best <= scanned.block {
            return Ok(0);
        }
        let events = self.contract_events_between(&[staking, vault], scanned.block.saturating_add(1), best)?;
        for event in &events {
            scanned.index.take(&event.topics, &event.data);
        }
        scanned.block = best;
        Ok(events.len() as u64)
    }
}
