//! What a hot call would cost if it loaded only its own code, and what handing a call
//! from an entry to another code costs by itself: the two figures that say whether a
//! target missed could be met by giving each call its own code.
//!
//! The sizes come from `scripts/bench`, which builds each contract's entry to run one
//! hot call alone (`REFERRAL_ENTRY_ALONE`, see `referral_common::entry::runs`) and the
//! full entry the same way, optimized as contract-build optimizes the deployed ones.
use crate::report::CODE_LOAD_PS_PER_BYTE;
use referral_client::chain::Code;
use referral_e2e_tests::{deploy_alone, staking_constructor, Chain, Cost};
use referral_staking::Config;
use std::path::Path;

/// The optimized sizes of the entries built to run one call alone, by message name (and
/// of each full entry built the same way, by crate name).
#[derive(Debug, Default)]
pub struct AloneSizes {
    sizes: Vec<(String, u64)>,
}

impl AloneSizes {
    /// Reads `scripts/bench`'s list: a `<name> <bytes>` line each.
    pub fn read(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let sizes = text
            .lines()
            .filter_map(|line| line.rsplit_once(' '))
            .map(|(name, bytes)| {
                let parsed = bytes.parse().unwrap_or_else(|e| panic!("{}: {name} {bytes}: {e}", path.display()));
                (name.to_string(), parsed)
            })
            .collect();
        AloneSizes { sizes }
    }

    pub fn of(&self, name: &str) -> Option<u64> {
        self.sizes.iter().find(|(n, _)| n == name).map(|(_, bytes)| *bytes)
    }
}

/// The cost of one delegate hop: `current_epoch` (a read of the root) through the suite's
/// staking contract, whose entry hands it to the whole code, less the same read on the
/// whole code deployed alone and less loading the entry's `entry_bytes`. What is left
/// is the hop: the delegate call and the second start of a contract (its code load is
/// the whole code's, paid on both sides).
pub fn delegate_hop(c: &mut Chain, entry_bytes: u64) -> Cost {
    let config: Config = c.query("config", &[]);
    let alone = deploy_alone(c, Code::Staking, staking_constructor(&config, config.fee_rate, (None, None), None));
    let entry = c.staking.clone();
    let _: u32 = c.query_at(&entry, "current_epoch", &[]);
    let through_entry = c.last_cost();
    let _: u32 = c.query_at(&alone, "current_epoch", &[]);
    let direct = c.last_cost();
    Cost {
        ref_time: through_entry.ref_time.saturating_sub(direct.ref_time).saturating_sub(entry_bytes * CODE_LOAD_PS_PER_BYTE),
        proof_size: through_entry.proof_size.saturating_sub(direct.proof_size).saturating_sub(entry_bytes),
        storage_deposit: 0,
    }
}
