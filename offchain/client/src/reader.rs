//! Reads a period of chain state from the deployed contracts into the accountant's
//! input: the fees and supply share-seconds of each epoch (staking), the program in
//! force at each epoch's start (governance), each referee's binding and share-seconds,
//! each partner's associated tokens (governance) and referred volume over the window
//! (staking). Contracts do not enumerate their referees: the caller names them (the
//! index reads them from the `ReferralBound` events, as an indexer would). The per-epoch
//! figures are queries (a few per epoch); the per-referee and per-partner ones are read
//! from the contracts' maps directly ([`crate::storage`]), a stage at a time for all of
//! them: a fixed number of rounds, no contract run per referee.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::progress::Progress;
use accountant::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use program_governance::storage_keys as governance_keys;
use program_governance::Association;
use referral_staking::series::{seconds, Series};
use referral_staking::{storage_keys, Binding, Checkpoint, Holder, SeriesId};

/// The staking contract's page size for `checkpoints`.
const CHECKPOINT_PAGE: u32 = referral_staking::referral_staking::MAX_PAGE;

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Client(ClientError),
    /// The chain's series are not in time order, or an epoch lies beyond `u64` ms.
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
        let (from, to) = bounds(epoch)?;
        let rewards = client.query(staking.epoch_rewards(epoch))?;
        let program = client.query(governance.program_at(from))?;
        if let Some(p) = &program {
            longest_window = longest_window.max(p.changes.window_length);
        }
        let total = client
            .query(staking.share_seconds(SeriesId::Total, from, to))?
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
    // contract code): the referees' records, then the bound ones' checkpoints, then the
    // partners' associations and volumes.
    progress.begin("reading referees", referees.len() as u64);
    let holders: Vec<Option<Holder>> =
        client.read_mapping(client.suite.staking, storage_keys::HOLDERS, referees.iter().copied())?;
    let bound: Vec<(AccountId, Binding)> = referees
        .iter()
        .zip(holders)
        .filter_map(|(referee, holder)| holder.and_then(|h| h.binding).map(|b| (*referee, b)))
        .collect();
    let checkpoint_keys = bound.iter().flat_map(|(referee, b)| (0..b.series.count).map(|i| (*referee, i)));
    let mut checkpoints = client
        .read_mapping::<_, Checkpoint>(client.suite.staking, storage_keys::ACCOUNT_CHECKPOINTS, checkpoint_keys)?
        .into_iter();
    let (mut partners, mut seen) = (Vec::new(), std::collections::HashSet::new());
    let mut referee_inputs = Vec::with_capacity(bound.len());
    for (referee, binding) in bound {
        progress.advance();
        let series: Vec<Checkpoint> = checkpoints
            .by_ref()
            .take(binding.series.count as usize)
            .collect::<Option<_>>()
            .ok_or(ReadError::Inconsistent("a checkpoint of a series is missing"))?;
        let share_seconds = (first..=last).map(|e| share_seconds_between(&series, bounds(e)?)).collect::<Result<_, _>>()?;
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
    let volume_keys = partners.iter().flat_map(|p| window.iter().map(|epoch| (*p, *epoch)));
    let mut volumes =
        client.read_mapping::<_, u128>(client.suite.staking, storage_keys::PARTNER_VOLUME, volume_keys)?.into_iter();
    let partner_inputs = partners
        .into_iter()
        .zip(associations)
        .map(|(partner, association)| PartnerInput {
            partner,
            associated: association.map(|a| a.amount).unwrap_or_default(),
            volumes: window.iter().map(|epoch| (*epoch, volumes.next().flatten().unwrap_or_default())).collect(),
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

/// Every checkpoint of a series, page by page.
pub fn read_checkpoints<C: Chain>(client: &mut Client<C>, series: SeriesId) -> Result<Vec<Checkpoint>, ClientError> {
    let count = client.query(client.suite.staking().checkpoint_count(series))?;
    read_checkpoints_from(client, series, 0, count)
}

/// A series' checkpoints `from..count`, page by page.
fn read_checkpoints_from<C: Chain>(
    client: &mut Client<C>,
    series: SeriesId,
    from: u32,
    count: u32,
) -> Result<Vec<Checkpoint>, ClientError> {
    let staking = client.suite.staking();
    let mut out: Vec<Checkpoint> = Vec::with_capacity(count.saturating_sub(from) as usize);
    while from.saturating_add(out.len() as u32) < count {
        let page = client.query(staking.checkpoints(series, from.saturating_add(out.len() as u32), CHECKPOINT_PAGE))?;
        if page.is_empty() {
            break;
        }
        out.extend(page);
    }
    Ok(out)
}

/// Share-seconds over `[from, to]` (ms, ended) from a series' checkpoints, with the
/// contract's own integration: the same figure its `share_seconds` message gives.
pub fn share_seconds_between(checkpoints: &[Checkpoint], (from, to): (u64, u64)) -> Result<u128, ReadError> {
    let Some(last) = checkpoints.last() else { return Ok(0) };
    // The head of a series is its last checkpoint; the value after it is the current one.
    let head = Series { accumulated: last.accumulated, last: last.time, count: checkpoints.len() as u32 };
    let read = |i: u32| checkpoints.get(i as usize).copied();
    let (from, to) = (seconds(from), seconds(to));
    head.accumulated_between(last.value, from, to, to.max(last.time), &read)
        .map_err(|_| ReadError::Inconsistent("checkpoints out of time order"))
}
