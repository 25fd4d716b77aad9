//! Reads a period of chain state from the deployed contracts into the accountant's
//! input: the fees and supply share-seconds of each epoch (staking), the program in
//! force at each epoch's start (governance), each referee's binding and share-seconds,
//! each partner's associated tokens (governance) and referred volume over the window
//! (staking). Contracts do not enumerate their referees: the caller names them (the
//! index reads them from the `ReferralBound` events, as an indexer would). Per-referee
//! reads go out a stage at a time for all referees ([`Client::query_all`]): a fixed
//! number of rounds, not one round trip per referee.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::progress::Progress;
use accountant::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use referral_staking::series::{seconds, Series};
use referral_staking::{Checkpoint, SeriesId};

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
    // Each stage asks about every referee at once (a node answers them together): the
    // bindings, then the bound ones' binding epochs and checkpoint counts, then their
    // checkpoints' first pages (the rare longer series page on).
    progress.begin("reading referees", referees.len() as u64);
    let bindings = client.query_all(referees.iter().map(|r| staking.partner_of(*r)))?;
    let bound: Vec<(AccountId, AccountId)> =
        referees.iter().zip(bindings).filter_map(|(referee, partner)| partner.map(|p| (*referee, p))).collect();
    let bound_epochs = client.query_all(bound.iter().map(|(r, _)| staking.bound_epoch(*r)))?;
    let counts = client.query_all(bound.iter().map(|(r, _)| staking.checkpoint_count(SeriesId::Account(*r))))?;
    let first_pages =
        client.query_all(bound.iter().map(|(r, _)| staking.checkpoints(SeriesId::Account(*r), 0, CHECKPOINT_PAGE)))?;
    let mut partners: Vec<AccountId> = Vec::new();
    let mut referee_inputs = Vec::with_capacity(bound.len());
    for (((referee, partner), bound_epoch), (count, mut checkpoints)) in
        bound.into_iter().zip(bound_epochs).zip(counts.into_iter().zip(first_pages))
    {
        progress.advance();
        if (checkpoints.len() as u32) < count {
            checkpoints.extend(read_checkpoints_from(client, SeriesId::Account(referee), checkpoints.len() as u32, count)?);
        }
        let share_seconds = (first..=last).map(|e| share_seconds_between(&checkpoints, bounds(e)?)).collect::<Result<_, _>>()?;
        if !partners.contains(&partner) {
            partners.push(partner);
        }
        referee_inputs.push(RefereeInput { referee, partner, bound_epoch: bound_epoch.unwrap_or_default(), share_seconds });
    }
    progress.end();
    let window_start = first.saturating_sub(longest_window - 1);
    // Volumes only matter to benefit tiers and associations to staking tiers: a program
    // without them (Frak's levels) reads neither, one query per partner per epoch less.
    let programs = || epochs.iter().filter_map(|e| e.program.as_ref());
    let needs_volumes = programs().any(|p| !p.changes.benefit_tiers.is_empty());
    let needs_associations = programs().any(|p| !p.changes.staking_tiers.is_empty());
    let mut partner_inputs = Vec::with_capacity(partners.len());
    for partner in partners {
        let associated = match needs_associations {
            true => client.query(governance.association_of(partner))?.amount,
            false => 0,
        };
        let mut volumes = Vec::new();
        if needs_volumes {
            for epoch in window_start..=last {
                volumes.push((epoch, client.query(staking.partner_epoch_volume(partner, epoch))?));
            }
        }
        partner_inputs.push(PartnerInput { partner, associated, volumes: volumes.into_iter().collect() });
    }
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
