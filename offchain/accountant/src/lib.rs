//! The accountant: a period of chain state in, the partners' allocation file out.
//!
//! Deterministic and exact: the same input gives the same file, byte for byte, and the
//! same blake2-256 hash (the one the vault records when the period opens). No chain is
//! needed: the caller gathers the input (the CLI reads it from the contracts).
//!
//! The rule, per epoch and per referee (a bound address):
//! - attributable fee = floor(epoch fee x referee's share-seconds / all share-seconds
//!   of the epoch);
//! - the referee's discount = floor(attributable x discount factor);
//! - the partner's reward = floor((attributable - discount) x effective reward);
//!
//! with the factors of the program in force in that epoch (`Program::benefits`): the
//! set's running volume is the partner's referred volume over the program's window (the
//! `window_length` epochs ending with this one), the referee's epochs in the set count
//! this one (bound in epoch b: `e - b + 1` in epoch e), the referrer's staked amount is
//! its associated governance tokens. Every floor favours the protocol, and
//! `allocated + remainder = fees` exactly.
//!
//! A program with multi-level rewards (`levels`, Frak's pool) pays referrers by level
//! instead of the tiers' reward factor: the referee's earnings (attributable - discount)
//! are summed over the period's epochs under one program version, and level k of its
//! referrer chain earns floor(sum x the program's k-th level factor), up to the depth,
//! the cap, or the top of the chain, whichever comes first. A link of the chain counts
//! from the epoch it was bound in. What the levels leave of the cap stays with the
//! protocol.
pub mod file;
pub mod input;
mod levels;

pub use file::{Allocation, AllocationFile, Breakdown};
pub use input::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};

use ink::primitives::AccountId;
use referral_common::math::{apply_factor, mul_div_floor};
use std::collections::BTreeMap;

/// Why an input could not be accounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// A referee's share-seconds list does not have one entry per epoch.
    ShareSecondsLength { referee: AccountId },
    /// A referee holds more share-seconds in an epoch than the whole supply.
    ShareSecondsAboveTotal { referee: AccountId, epoch: u32 },
    /// A referee's partner has no `PartnerInput`.
    UnknownPartner { partner: AccountId },
    /// Epochs must be consecutive and ascending.
    EpochsNotConsecutive,
    /// A sum left `u128`.
    Overflow,
}

/// Computes the period's allocation file.
pub fn allocate(input: &PeriodInput) -> Result<AllocationFile, InputError> {
    input.check()?;
    let partners: BTreeMap<AccountId, &PartnerInput> = input.partners.iter().map(|p| (p.partner, p)).collect();
    // Each partner's running volume per epoch, computed once (not once per referee).
    let running: BTreeMap<AccountId, Vec<u128>> = input
        .partners
        .iter()
        .map(|p| {
            let volumes = input
                .epochs
                .iter()
                .map(|e| e.program.as_ref().map_or(0, |program| p.running_volume(e.epoch, program.changes.window_length)))
                .collect();
            (p.partner, volumes)
        })
        .collect();
    let mut rows: BTreeMap<AccountId, Breakdown> = BTreeMap::new();
    let overflow = |_| InputError::Overflow;
    let mut chains = levels::Chains::new(input);
    for referee in &input.referees {
        let partner = partners.get(&referee.partner).ok_or(InputError::UnknownPartner { partner: referee.partner })?;
        let mut earnings = levels::Earnings::default();
        for (index, epoch) in input.epochs.iter().enumerate() {
            let (Some(program), Some(&held)) = (&epoch.program, referee.share_seconds.get(index)) else { continue };
            if held == 0 || epoch.total_share_seconds == 0 || epoch.epoch < referee.bound_epoch {
                continue;
            }
            let attributable = mul_div_floor(epoch.fee, held, epoch.total_share_seconds).ok_or(InputError::Overflow)?;
            let running_volume = running.get(&referee.partner).and_then(|v| v.get(index)).copied().unwrap_or(0);
            let epochs_in_set = epoch.epoch.saturating_sub(referee.bound_epoch).saturating_add(1);
            let benefits =
                program.changes.benefits(running_volume, epochs_in_set, partner.associated, program.max_reward_proportion);
            let discount = apply_factor(attributable, benefits.discount_factor).ok_or(InputError::Overflow)?;
            if discount > 0 {
                rows.entry(referee.referee).or_default().add_discount(discount).map_err(overflow)?;
            }
            let base = attributable.saturating_sub(discount);
            if program.changes.multi_level.is_some() {
                let links = chains.links_at(referee, epoch.epoch);
                earnings.add(program.version, links, base)?;
                continue;
            }
            let reward = apply_factor(base, benefits.effective_reward).ok_or(InputError::Overflow)?;
            if reward > 0 {
                rows.entry(referee.partner).or_default().add_reward(reward).map_err(overflow)?;
            }
        }
        earnings.pay_levels(&mut chains, referee, &mut rows)?;
    }
    AllocationFile::new(input, rows)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fuzz;
