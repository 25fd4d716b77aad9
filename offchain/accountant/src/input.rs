//! What the accountant reads: one period of chain state.
use crate::InputError;
use ink::primitives::AccountId;
use referral_common::program::ProgramChanges;
use std::collections::BTreeMap;

/// The program in force in an epoch (from governance's `program_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct ProgramInForce {
    pub version: u32,
    /// Tiers sorted, as governance stores them.
    pub changes: ProgramChanges,
    /// The network's cap on reward factor x multiplier (9 decimals).
    pub max_reward_proportion: u64,
}

/// One epoch of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct EpochInput {
    pub epoch: u32,
    /// The protocol fee set aside in the epoch (staking's `epoch_rewards(e).fee`).
    pub fee: u128,
    /// Share-seconds of the whole supply over the epoch (`share_seconds(Total, ...)`).
    pub total_share_seconds: u128,
    /// `None`: no program in force, nothing is allocated for the epoch.
    pub program: Option<ProgramInForce>,
}

/// A bound address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct RefereeInput {
    pub referee: AccountId,
    pub partner: AccountId,
    pub bound_epoch: u32,
    /// Share-seconds held in each epoch of the period, in the order of
    /// `PeriodInput::epochs` (`share_seconds(Account(referee), ...)`).
    pub share_seconds: Vec<u128>,
}

/// A partner (referrer).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct PartnerInput {
    pub partner: AccountId,
    /// Governance tokens associated (`association_of(partner).amount`).
    pub associated: u128,
    /// Stake its referees brought in, per epoch (`partner_epoch_volume`), including the
    /// epochs before the period that the program's window reaches back to.
    pub volumes: BTreeMap<u32, u128>,
}

impl PartnerInput {
    /// Referred volume over the `window` epochs ending with `epoch`.
    pub fn running_volume(&self, epoch: u32, window: u32) -> u128 {
        let first = epoch.saturating_sub(window.saturating_sub(1));
        self.volumes.range(first..=epoch).fold(0u128, |sum, (_, v)| sum.saturating_add(*v))
    }
}

/// One period (one vault deposit). SCALE-encoded, it is what the benchmark times the
/// accountant's reading against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode)]
pub struct PeriodInput {
    pub period: u32,
    /// The period's interval (ms), as the vault records it.
    pub start: u64,
    pub end: u64,
    /// Consecutive epochs, ascending.
    pub epochs: Vec<EpochInput>,
    pub referees: Vec<RefereeInput>,
    pub partners: Vec<PartnerInput>,
}

impl PeriodInput {
    pub(crate) fn check(&self) -> Result<(), InputError> {
        if self.epochs.windows(2).any(|w| w[0].epoch.checked_add(1) != Some(w[1].epoch)) {
            return Err(InputError::EpochsNotConsecutive);
        }
        for r in &self.referees {
            if r.share_seconds.len() != self.epochs.len() {
                return Err(InputError::ShareSecondsLength { referee: r.referee });
            }
            for (held, epoch) in r.share_seconds.iter().zip(&self.epochs) {
                if *held > epoch.total_share_seconds {
                    return Err(InputError::ShareSecondsAboveTotal { referee: r.referee, epoch: epoch.epoch });
                }
            }
        }
        Ok(())
    }

    /// The protocol fees of the period.
    pub fn fees(&self) -> Option<u128> {
        self.epochs.iter().try_fold(0u128, |sum, e| sum.checked_add(e.fee))
    }

    /// The same input reduced to its `index`-th epoch: what that epoch alone allocates
    /// (a dashboard's reward per epoch). Under tiers the epochs' files add up to the
    /// period's exactly (every floor is per epoch and referee); under levels the period
    /// sums a referee's earnings before it floors, so they may add up to a little less.
    pub fn epoch_alone(&self, index: usize) -> Option<PeriodInput> {
        let epoch = self.epochs.get(index)?.clone();
        let referees = self
            .referees
            .iter()
            .map(|r| {
                let held = r.share_seconds.get(index).copied().unwrap_or(0);
                RefereeInput { share_seconds: vec![held], ..r.clone() }
            })
            .collect();
        Some(PeriodInput { epochs: vec![epoch], referees, ..self.clone() })
    }
}
