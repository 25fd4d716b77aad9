//! Reads a period of chain state from the deployed contracts into the accountant's
//! input: the fees and supply share-seconds of each epoch (staking), the program in
//! force at each epoch's start (governance), each referee's binding and share-seconds,
//! each partner's associated tokens (governance) and referred volume over the window
//! (staking). Contracts do not enumerate their referees: the caller names them (an
//! indexer reads them from the `ReferralBound` events; the sandbox knows its stakers).
use crate::Chain;
use accountant::{EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use drink::AccountId32;
use program_governance::{Association, GovernanceParams, Program};
use referral_staking::{Config, EpochRewards};

/// The accountant's input for `period`, covering epochs `first..=last` (all ended).
pub fn period_input(chain: &mut Chain, period: u32, first: u32, last: u32, referees: &[AccountId32]) -> PeriodInput {
    let config: Config = chain.query("config", &[]);
    let params: GovernanceParams = chain.gov_query("params", &[]);
    let bounds = |epoch: u32| {
        let start = config.genesis + u64::from(epoch) * config.epoch_length;
        (start, start + config.epoch_length)
    };
    let share_seconds = |chain: &mut Chain, series: String, (from, to): (u64, u64)| -> u128 {
        chain.call(&chain.who.admin.clone(), "share_seconds", &[series, from.to_string(), to.to_string()], 0).expect("share-seconds of an ended epoch")
    };
    let mut epochs = Vec::new();
    let mut longest_window = 1;
    for epoch in first..=last {
        let rewards: EpochRewards = chain.query("epoch_rewards", &[epoch.to_string()]);
        let program: Option<Program> = chain.gov_query("program_at", &[bounds(epoch).0.to_string()]);
        if let Some(p) = &program {
            longest_window = longest_window.max(p.changes.window_length);
        }
        epochs.push(EpochInput {
            epoch,
            fee: rewards.fee,
            total_share_seconds: share_seconds(chain, "Total".into(), bounds(epoch)),
            program: program.map(|p| ProgramInForce {
                version: p.version,
                changes: p.changes,
                max_reward_proportion: params.limits.max_reward_proportion,
            }),
        });
    }
    let mut partners: Vec<AccountId32> = Vec::new();
    let mut referee_inputs = Vec::new();
    for referee in referees {
        let Some(partner) = chain.partner_of(referee) else { continue };
        let bound_epoch: Option<u32> = chain.query("bound_epoch", &[referee.to_string()]);
        let share_seconds = (first..=last).map(|e| share_seconds(chain, format!("Account({referee})"), bounds(e))).collect();
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
    let window_start = first.saturating_sub(longest_window - 1);
    let partner_inputs = partners
        .iter()
        .map(|partner| {
            let association: Association = chain.gov_query("association_of", &[partner.to_string()]);
            let volumes = (window_start..=last)
                .map(|e| (e, chain.query::<u128>("partner_epoch_volume", &[partner.to_string(), e.to_string()])))
                .collect();
            PartnerInput { partner: crate::id(partner), associated: association.amount, volumes }
        })
        .collect();
    PeriodInput { period, start: bounds(first).0, end: bounds(last).1, epochs, referees: referee_inputs, partners: partner_inputs }
}
