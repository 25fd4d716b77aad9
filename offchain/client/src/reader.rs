//! Reads a period of chain state from the deployed contracts into the accountant's
//! input: the fees and supply share-seconds of each epoch (staking), the program in
//! force at each epoch's start (governance), each referee's binding and share-seconds,
//! each partner's associated tokens (governance) and referred volume over the window
//! (staking). Contracts do not enumerate their referees: the caller names them (the
//! index reads them from the `ReferralBound` events, as an indexer would). The per-epoch
//! figures are queries (a few per epoch); the per-referee and per-partner ones are read
//! from the contracts' maps directly ([`crate::storage`]), a stage at a time for all of
//! them, no contract run per referee: the records, then each referee's stored epoch
//! totals back from the latest one to the period's first epoch (one stage per total,
//! at most one total per epoch in which the referee's balance changed), then the
//! partners' associations and volumes.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::progress::Progress;
use accountant::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use program_governance::storage_keys as governance_keys;
use program_governance::Association;
use referral_staking::series::{seconds, Clock, Epochs};
use referral_staking::{storage_keys, Binding, EpochTotal, Holder, PartnerStats, SeriesId};
use std::collections::HashMap;

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Client(ClientError),
    /// A series' stored epoch totals do not chain up, or an epoch lies beyond `u64` ms.
    Inconsistent(&'static str),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Client(e) => write!(f, "{e}"),
            ReadError::Inconsistent(what) => write!(f, "the chain's state is inconsistent: {what}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<ClientError> for ReadError {
    fn from(e: ClientError) -> Self {
        ReadError::Client(e)
    }
}

/// The accountant's input for `period`, covering epochs `first..=last` (all ended), for
/// `referees`; each referee read is reported to `progress`.
pub fn period_input<C: Chain>(
    client: &mut Client<C>,
    period: u32,
    (first, last): (u32, u32),
    referees: &[AccountId],
    progress: &mut dyn Progress,
) -> Result<PeriodInput, ReadError> {
    let (staking, governance) = (client.suite.staking(), client.suite.governance());
    let config = client.query(staking.config())?;
    let params = client.query(governance.params())?;
    let bounds = |epoch: u32| -> Result<(u64, u64), ReadError> {
        let start = u64::from(epoch)
            .checked_mul(config.epoch_length)
            .and_then(|offset| config.genesis.checked_add(offset))
            .ok_or(ReadError::Inconsistent("an epoch beyond u64 ms"))?;
        Ok((start, start.saturating_add(config.epoch_length)))
    };
    let mut epochs = Vec::new();
    let mut longest_window = 1;
    for epoch in first..=last {
        let (from, _) = bounds(epoch)?;
        let rewards = client.query(staking.epoch_rewards(epoch))?;
        let program = client.query(governance.program_at(from))?;
        if let Some(p) = &program {
            longest_window = longest_window.max(p.changes.window_length);
        }
        let total = client
            .query(staking.epoch_share_seconds(SeriesId::Total, epoch))?
            .map_err(|e| ClientError::Refused(format!("{e:?}")))?;
        epochs.push(EpochInput {
            epoch,
            fee: rewards.fee,
            total_share_seconds: total,
            program: program.map(|p| ProgramInForce {
                version: p.version,
                changes: p.changes,
                max_reward_proportion: params.limits.max_reward_proportion,
            }),
        });
    }
    // Per-referee and per-partner figures come straight from the contracts' maps, a
    // stage at a time for all of them (a node answers the reads together, running no
    // contract code): the referees' records, then the bound ones' epoch totals, then the
    // partners' associations and volumes.
    progress.begin("reading referees", referees.len() as u64);
    let holders: Vec<Option<Holder>> =
        client.read_mapping(client.suite.staking, storage_keys::HOLDERS, referees.iter().copied())?;
    let bound: Vec<(AccountId, u128, Binding)> = referees
        .iter()
        .zip(holders)
        .filter_map(|(referee, holder)| holder.and_then(|h| h.binding.map(|b| (*referee, h.balance, b))))
        .collect();
    let totals = read_epoch_totals(client, &bound, first)?;
    // Every epoch of the period has ended: its figures are whole-epoch ones.
    let clock = Clock { now: seconds(bounds(last)?.1), epochs: Epochs::from_ms(config.genesis, config.epoch_length) };
    let (mut partners, mut seen) = (Vec::new(), std::collections::HashSet::new());
    let mut referee_inputs = Vec::with_capacity(bound.len());
    for (referee, balance, binding) in bound {
        progress.advance();
        let stored = |epoch: u32| totals.get(&(referee, epoch)).copied();
        let share_seconds = (first..=last)
            .map(|e| binding.series.share_seconds(balance, e, clock, &stored))
            .collect::<Result<_, _>>()
            .map_err(|_| ReadError::Inconsistent("a referee's epoch totals do not chain up"))?;
        if seen.insert(binding.partner) {
            partners.push(binding.partner);
        }
        referee_inputs.push(RefereeInput { referee, partner: binding.partner, bound_epoch: binding.epoch, share_seconds });
    }
    progress.end();
    let window_start = first.saturating_sub(longest_window - 1);
    // Volumes only matter to benefit tiers and associations to staking tiers: a program
    // without them (Frak's levels) reads neither.
    let programs = || epochs.iter().filter_map(|e| e.program.as_ref());
    let needs_volumes = programs().any(|p| !p.changes.benefit_tiers.is_empty());
    let needs_associations = programs().any(|p| !p.changes.staking_tiers.is_empty());
    let associations: Vec<Option<Association>> = match needs_associations {
        true => client.read_mapping(client.suite.governance, governance_keys::ASSOCIATIONS, partners.iter().copied())?,
        false => partners.iter().map(|_| None).collect(),
    };
    let window: Vec<u32> = match needs_volumes {
        true => (window_start..=last).collect(),
        false => Vec::new(),
    };
    // A partner's volume of the epoch of its latest referred stake is in its stats;
    // earlier epochs' are stored apart.
    let heads: Vec<Option<PartnerStats>> = match needs_volumes {
        true => client.read_mapping(client.suite.staking, storage_keys::PARTNERS, partners.iter().copied())?,
        false => partners.iter().map(|_| None).collect(),
    };
    let volume_keys = partners.iter().flat_map(|p| window.iter().map(|epoch| (*p, *epoch)));
    let mut volumes =
        client.read_mapping::<_, u128>(client.suite.staking, storage_keys::PARTNER_VOLUME, volume_keys)?.into_iter();
    let partner_inputs = partners
        .into_iter()
        .zip(associations)
        .zip(heads)
        .map(|((partner, association), head)| {
            let head = head.map(|stats| stats.volume).unwrap_or_default();
            PartnerInput {
                partner,
                associated: association.map(|a| a.amount).unwrap_or_default(),
                // Every window key was read: take each one's answer, used or not.
                volumes: window
                    .iter()
                    .map(|epoch| {
                        let stored = volumes.next().flatten();
                        (*epoch, head.of_epoch(*epoch, || stored))
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(PeriodInput {
        period,
        start: bounds(first)?.0,
        end: bounds(last)?.1,
        epochs,
        referees: referee_inputs,
        partners: partner_inputs,
    })
}

/// The stored epoch totals of each bound referee that a period from epoch `first` on
/// needs: from the one its head names back to the latest at or before `first` (which
/// gives the balance held into the period). A stage per step back, every referee's
/// next total read together.
fn read_epoch_totals<C: Chain>(
    client: &mut Client<C>,
    bound: &[(AccountId, u128, Binding)],
    first: u32,
) -> Result<HashMap<(AccountId, u32), EpochTotal>, ReadError> {
    let mut totals = HashMap::new();
    let mut next: Vec<(AccountId, u32)> =
        bound.iter().filter_map(|(referee, _, b)| b.series.previous.map(|epoch| (*referee, epoch))).collect();
    while !next.is_empty() {
        let read: Vec<Option<EpochTotal>> =
            client.read_mapping(client.suite.staking, storage_keys::ACCOUNT_EPOCHS, next.iter().copied())?;
        let mut further = Vec::new();
        for (key, total) in next.into_iter().zip(read) {
            let total = total.ok_or(ReadError::Inconsistent("an epoch total a series names is missing"))?;
            if let Some(previous) = total.previous.filter(|_| key.1 > first) {
                if previous >= key.1 {
                    return Err(ReadError::Inconsistent("epoch totals out of order"));
                }
                further.push((key.0, previous));
            }
            totals.insert(key, total);
        }
        next = further;
    }
    Ok(totals)
}
