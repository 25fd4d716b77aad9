//! Multi-level rewards: each referee's referrer chain, and its earnings grouped so that
//! the chain is walked once per program version and chain length, not once per epoch.
use crate::file::Breakdown;
use crate::input::{PeriodInput, ProgramInForce, RefereeInput};
use crate::InputError;
use ink::primitives::AccountId;
use referral_common::levels::MAX_LEVELS;
use referral_common::math::apply_factor;
use std::collections::BTreeMap;

/// The bindings of the period's input and each program version's level factors.
pub(crate) struct Chains {
    /// referee -> (its referrer, the epoch it was bound in).
    bindings: BTreeMap<AccountId, (AccountId, u32)>,
    factors: BTreeMap<u32, Vec<u64>>,
    /// The referee whose chain `chain` holds.
    current: Option<AccountId>,
    /// Referrers up from `current`, each with the epoch from which its link counts.
    chain: Vec<(AccountId, u32)>,
}

impl Chains {
    pub fn new(input: &PeriodInput) -> Self {
        let bindings = input.referees.iter().map(|r| (r.referee, (r.partner, r.bound_epoch))).collect();
        let factors = input
            .epochs
            .iter()
            .filter_map(|e| e.program.as_ref())
            .filter_map(|p: &ProgramInForce| p.changes.multi_level.map(|l| (p.version, l.level_factors())))
            .collect();
        Self { bindings, factors, current: None, chain: Vec::new() }
    }

    /// How many links of `referee`'s chain hold in `epoch` (the first always does: the
    /// referee's own binding; each next one from the epoch its lower end was bound).
    pub fn links_at(&mut self, referee: &RefereeInput, epoch: u32) -> usize {
        self.load(referee);
        self.chain.iter().take_while(|(_, since)| *since <= epoch).count()
    }

    fn load(&mut self, referee: &RefereeInput) {
        if self.current == Some(referee.referee) {
            return;
        }
        self.current = Some(referee.referee);
        self.chain.clear();
        let (mut upper, mut since) = (referee.partner, referee.bound_epoch);
        // The staking contract refuses cycles; stop at a repeat all the same.
        while self.chain.len() < MAX_LEVELS as usize && upper != referee.referee && !self.chain.iter().any(|(a, _)| *a == upper) {
            self.chain.push((upper, since));
            match self.bindings.get(&upper) {
                // `links_at` counts links only while each holds, so a link bound
                // before the one below it still waits for that one.
                Some(&(next, bound)) => (upper, since) = (next, bound),
                None => break,
            }
        }
    }
}

/// One referee's earnings under multi-level programs, by (version, links holding).
#[derive(Default)]
pub(crate) struct Earnings {
    groups: Vec<((u32, usize), u128)>,
}

impl Earnings {
    pub fn add(&mut self, version: u32, links: usize, amount: u128) -> Result<(), InputError> {
        match self.groups.iter_mut().find(|(key, _)| *key == (version, links)) {
            Some((_, sum)) => *sum = sum.checked_add(amount).ok_or(InputError::Overflow)?,
            None => self.groups.push(((version, links), amount)),
        }
        Ok(())
    }

    /// Pays each level of `referee`'s chain its factor of each group's earnings.
    pub fn pay_levels(
        self,
        chains: &mut Chains,
        referee: &RefereeInput,
        rows: &mut BTreeMap<AccountId, Breakdown>,
    ) -> Result<(), InputError> {
        if self.groups.is_empty() {
            return Ok(());
        }
        chains.load(referee);
        for ((version, links), earnings) in self.groups {
            let Some(factors) = chains.factors.get(&version) else { continue };
            for (level, (factor, (referrer, _))) in factors.iter().zip(&chains.chain).take(links).enumerate() {
                let amount = apply_factor(earnings, *factor).ok_or(InputError::Overflow)?;
                if amount == 0 {
                    continue;
                }
                let row = rows.entry(*referrer).or_default();
                let added = if level == 0 { row.add_reward(amount) } else { row.add_upline(amount) };
                added.map_err(|_| InputError::Overflow)?;
            }
        }
        Ok(())
    }
}
