//! Reads a period of chain state from the deployed contracts into the accountant's
//! input: the fees and supply share-seconds of each epoch (staking), the program in
//! force at each epoch's start (governance), each referee's binding and share-seconds,
//! each partner's associated tokens (governance) and referred volume over the window
//! (staking). Contracts do not enumerate their referees: the caller names them (the
//! chain's index reads them from the `ReferralBound` events, as an indexer would).
use crate::{Chain, Progress};
use accountant::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use drink::AccountId32;
use program_governance::{Association, GovernanceParams, Program};
use referral_staking::series::{seconds, Series};
use referral_staking::{Checkpoint, Config, EpochRewards};

/// The staking contract's page size for `checkpoints`.
const CHECKPOINT_PAGE: u32 = referral_staking::referral_staking::MAX_PAGE;

/// The accountant's input for `period`, covering epochs `first..=last` (all ended).
pub fn period_input(chain: &mut Chain, period: u32, first: u32, last: u32, referees: &[AccountId32]) -> PeriodInput {
    period_input_with(chain, period, (first, last), referees, &mut crate::Transcript::default())
}

/// `period_input`, reporting each referee read to `progress`.
pub fn period_input_with(
    chain: &mut Chain,
    period: u32,
    (first, last): (u32, u32),
    referees: &[AccountId32],
    progress: &mut dyn Progress,
) -> PeriodInput {
    let config: Config = chain.query("config", &[]);
    let params: GovernanceParams = chain.gov_query("params", &[]);
    let bounds = |epoch: u32| {
        let start = config.genesis + u64::from(epoch) * config.epoch_length;
        (start, start + config.epoch_length)
    };
    let mut epochs = Vec::new();
    let mut longest_window = 1;
    for epoch in first..=last {
        let rewards: EpochRewards = chain.query("epoch_rewards", &[epoch.to_string()]);
        let program: Option<Program> = chain.gov_query("program_at", &[bounds(epoch).0.to_string()]);
        if let Some(p) = &program {
            longest_window = longest_window.max(p.changes.window_length);
        }
        let (from, to) = bounds(epoch);
        let total: u128 = chain
            .call(&chain.who.admin.clone(), "share_seconds", &["Total".into(), from.to_string(), to.to_string()], 0)
            .expect("share-seconds of an ended epoch");
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
    let mut partners: Vec<AccountId32> = Vec::new();
    let mut referee_inputs = Vec::new();
    progress.begin("reading referees", referees.len() as u64);
    for referee in referees {
        progress.advance();
        let Some(partner) = chain.partner_of(referee) else { continue };
        let bound_epoch: Option<u32> = chain.query("bound_epoch", &[referee.to_string()]);
        // One read of the referee's checkpoints instead of one query per epoch.
        let checkpoints = read_checkpoints(chain, &format!("Account({referee})"));
        let share_seconds = (first..=last).map(|e| share_seconds_between(&checkpoints, bounds(e))).collect();
        if !partners.contains(&partner) {
            partners.push(partner.clone());
        }
        referee_inputs.push(RefereeInput {
            referee: crate::id(referee),
            partner: crate::id(&partner),
            bound_epoch: bound_epoch.unwrap_or_default(),
            share_seconds,
        });
    }
    progress.end();
    let window_start = first.saturating_sub(longest_window - 1);
    // Volumes only matter to benefit tiers and associations to staking tiers: a program
    // without them (Frak's levels) reads neither, one query per partner per epoch less.
    let programs = || epochs.iter().filter_map(|e| e.program.as_ref());
    let needs_volumes = programs().any(|p| !p.changes.benefit_tiers.is_empty());
    let needs_associations = programs().any(|p| !p.changes.staking_tiers.is_empty());
    let partner_inputs = partners
        .iter()
        .map(|partner| {
            let associated = match needs_associations {
                true => chain.gov_query::<Association>("association_of", &[partner.to_string()]).amount,
                false => 0,
            };
            let volumes = match needs_volumes {
                true => (window_start..=last)
                    .map(|e| (e, chain.query::<u128>("partner_epoch_volume", &[partner.to_string(), e.to_string()])))
                    .collect(),
                false => Default::default(),
            };
            PartnerInput { partner: crate::id(partner), associated, volumes }
        })
        .collect();
    PeriodInput { period, start: bounds(first).0, end: bounds(last).1, epochs, referees: referee_inputs, partners: partner_inputs }
}

/// Every checkpoint of a series (`series` in the transcoder's syntax), page by page.
pub fn read_checkpoints(chain: &mut Chain, series: &str) -> Vec<Checkpoint> {
    let count: u32 = chain.query("checkpoint_count", &[series.to_string()]);
    let mut out: Vec<Checkpoint> = Vec::with_capacity(count as usize);
    while (out.len() as u32) < count {
        let page: Vec<Checkpoint> =
            chain.query("checkpoints", &[series.to_string(), out.len().to_string(), CHECKPOINT_PAGE.to_string()]);
        if page.is_empty() {
            break;
        }
        out.extend(page);
    }
    out
}

/// Share-seconds over `[from, to]` (ms, ended) from a series' checkpoints, with the
/// contract's own integration: the same figure its `share_seconds` message gives.
pub fn share_seconds_between(checkpoints: &[Checkpoint], (from, to): (u64, u64)) -> u128 {
    let Some(last) = checkpoints.last() else { return 0 };
    // The head of a series is its last checkpoint; the value after it is the current one.
    let head = Series { accumulated: last.accumulated, last: last.time, count: checkpoints.len() as u32 };
    let read = |i: u32| checkpoints.get(i as usize).copied();
    let (from, to) = (seconds(from), seconds(to));
    head.accumulated_between(last.value, from, to, to.max(last.time), &read).expect("checkpoints in order")
}
