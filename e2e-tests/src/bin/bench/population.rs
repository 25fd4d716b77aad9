//! Grows the sandbox chain to a population: stakers bound to partners' codes, partners
//! with allocations in the vault over as many sealed periods, and as many enacted
//! programs in governance. Every member is made by the contracts' own messages (no
//! storage is written behind their back), through `Chain::raw_call`, which keeps no
//! record of the calls.
use drink::AccountId32;
use referral_common::program::ProgramChanges;
use referral_e2e_tests::{account_n, id, message, Chain, DAY_MS, HOUR_MS, START_MS, UNIT, WINDOW_MS};

/// Groups of the numbered accounts the population is made of.
const PARTNERS: u8 = 30;
const STAKERS: u8 = 31;

/// A sealed period's interval: one millisecond, so that any number of them fit
/// before the clock.
const PERIOD_MS: u64 = 1;

/// How many of each the chain holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Population {
    /// Stakers, each bound to the code of a partner of its own (as many partners).
    pub stakers: u32,
    /// Vault periods sealed, each with one allocation to one partner.
    pub periods: u32,
    /// Programs enacted in governance.
    pub programs: u32,
}

/// What growing needs that `Chain::new` does not set up.
pub struct Grower<'a> {
    pub population: Population,
    /// The program every enacted version carries.
    pub changes: &'a ProgramChanges,
    /// Where the vault's next period starts.
    pub covered_until: u64,
    /// The vault's next period number.
    pub next_period: u32,
}

impl Grower<'_> {
    /// Adds members until the chain holds `size` of each, with no events deposited
    /// (`Chain::without_events`): no one reads them, and they would make each call's
    /// cost grow with the calls before it.
    pub fn grow_to(&mut self, c: &mut Chain, size: u32) {
        c.without_events(|c| self.grow(c, size));
        // The measured calls do empty the event list: one rebuild, so that they do not
        // each walk every key the growth wrote.
        c.compact_storage();
    }

    fn grow(&mut self, c: &mut Chain, size: u32) {
        let admin = c.who.admin.clone();
        let (staking, vault, governance) = (c.staking.clone(), c.vault.clone(), c.governance.clone());
        let p = &mut self.population;
        while p.stakers < size {
            let i = p.stakers;
            let (partner, staker) = (account_n(PARTNERS, i), staker(i));
            let code = code_of(i);
            assert!(c.raw_call(&staking, &admin, message("register_code", (&code, id(&partner))), 0), "register {code}");
            c.endow(&staker);
            assert!(c.raw_call(&staking, &staker, message("stake_with_code", &code), 10 * UNIT), "stake {i}");
            p.stakers = i + 1;
            progress("stakers", p.stakers);
        }
        let distributor = c.who.distributor.clone();
        while p.periods < size {
            let period = self.next_period;
            let start = self.covered_until;
            let end = start + PERIOD_MS;
            let open = message("open_period", (period, start, end, [period as u8; 32]));
            if !c.raw_call(&vault, &distributor, open.clone(), 0) {
                // Eight periods in their challenge window at most: let the window pass.
                let now = c.clock();
                c.set_clock(now + WINDOW_MS);
                assert!(c.raw_call(&vault, &distributor, open, 0), "open period {period}");
            }
            let partner = account_n(PARTNERS, p.periods % p.stakers.max(1));
            let amount = UNIT / 1000;
            assert!(
                c.raw_call(&vault, &distributor, message("add_allocations", (period, vec![(id(&partner), amount)])), amount),
                "add {period}"
            );
            assert!(c.raw_call(&vault, &distributor, message("seal_period", (period, amount, 1u32)), 0), "seal {period}");
            (self.next_period, self.covered_until) = (period + 1, end);
            p.periods += 1;
            progress("periods", p.periods);
        }
        let proposer = c.who.charlie.clone();
        let mut proposal: u32 = c.gov_query("proposal_count", &[]);
        while p.programs < size {
            let now = c.clock();
            let propose = message("propose", (self.changes, now + HOUR_MS, now + HOUR_MS, "Population", ""));
            assert!(c.raw_call(&governance, &proposer, propose, 0), "propose");
            assert!(c.raw_call(&governance, &proposer, message("vote", (proposal, true)), 0), "vote");
            c.set_clock(now + HOUR_MS);
            assert!(c.raw_call(&governance, &proposer, message("finalize", proposal), 0), "finalize");
            (proposal, p.programs) = (proposal + 1, p.programs + 1);
            progress("programs", p.programs);
        }
    }
}

/// Every 10,000 members a line on stderr with the seconds since the first member: the
/// largest population takes a while.
fn progress(what: &str, count: u32) {
    use std::sync::OnceLock;
    use std::time::Instant;
    static STARTED: OnceLock<Instant> = OnceLock::new();
    let started = STARTED.get_or_init(Instant::now);
    if count % 10_000 == 0 {
        eprintln!("bench: {count} {what} ({} s)", started.elapsed().as_secs());
    }
}

/// The `i`-th staker of the population, bound to the `i`-th partner.
pub fn staker(i: u32) -> AccountId32 {
    account_n(STAKERS, i)
}

/// The code of the `i`-th partner.
fn code_of(i: u32) -> String {
    format!("partner-{i}")
}

/// The program every population version enacts: the largest the network allows (ten
/// benefit and ten staking tiers), with multi-level rewards and a sign-up bonus, ending
/// long after any run's clock.
pub fn largest_program() -> ProgramChanges {
    use referral_common::bonus::SignupBonus;
    use referral_common::levels::MultiLevel;
    use referral_common::math::ONE;
    use referral_common::program::{BenefitTier, StakingTier};
    ProgramChanges {
        end_of_program: START_MS + 1_000_000 * DAY_MS,
        window_length: 30,
        benefit_tiers: (1..=10u32)
            .map(|i| BenefitTier {
                minimum_running_volume: u128::from(i) * UNIT,
                minimum_epochs: i,
                reward_factor: ONE / 20 * u64::from(i) / 2,
                discount_factor: ONE / 100,
            })
            .collect(),
        staking_tiers: (1..=10u32)
            .map(|i| StakingTier { minimum_staked: u128::from(i) * 100 * UNIT, reward_multiplier: ONE + u64::from(i) * ONE / 10 })
            .collect(),
        multi_level: Some(MultiLevel {
            level_one_factor: ONE / 100 * 6,
            decay_factor: ONE / 10 * 8,
            max_depth: 10,
            total_cap: ONE / 10 * 3,
        }),
        signup_bonus: Some(SignupBonus::at_binding(UNIT / 100, UNIT / 100)),
    }
}
