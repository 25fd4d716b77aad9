//! A whole program month on a fresh test chain: governance enacts a program from a Vega
//! JSON file, partners get codes, stakers stake with them (the seed's cases included),
//! shares move, the oracle reports every epoch; then the accountant, the deposit in
//! chunks, verification, the challenge window, claims and dashboards. Deterministic:
//! the same options give the same report.
//!
//! A Frak-style month (`MonthOptions::frak`) runs `programs/frak.json` (sign-up bonus,
//! rewards up the referrer chain): the operator funds the bonus pool, and every staker
//! who binds gets a personal code that later stakers may use, so referrer chains form.
use crate::address::{account_n, ss58, AccountId};
use crate::amount::{date, units};
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::constants::{DAY_MS, DEFAULT_CHUNK, ENDOWMENT, HOUR_MS, START_MS, UNIT, WINDOW_MS};
use crate::dashboard::{name, partner_table, PartnerDashboard, SuiteTotals};
use crate::deploy::{deploy, Plan};
use crate::operator::{allocation_file, deposit, verify, Deposit, OperatorError};
use crate::progress::Progress;
use crate::voting::{hand_out_votes, propose};
use accountant::AllocationFile;
use program_file::ProposalCall;
use referral_common::psp22::PSP22;
use referral_common::xorshift::Xorshift;

/// What the month is made of.
#[derive(Debug, Clone)]
pub struct MonthOptions {
    pub stakers: u32,
    /// Epochs (days) in the accounted period; the program is enacted on the day before.
    pub epochs: u32,
    /// Partners with a code, Bob and Eve included (at least 2).
    pub partners: u32,
    pub seed: u64,
    /// The program, as read from its Vega JSON file (its closing and enactment times are
    /// replaced: the demo closes the vote an hour after proposing and enacts at once).
    pub program: ProposalCall,
    /// Allocations per `add_allocations` call.
    pub chunk: usize,
    /// Every staker who binds gets a personal code ("user-N") that later stakers use
    /// half of the time: referrer chains form.
    pub personal_codes: bool,
    /// What the operator puts in the sign-up bonus pool before the month (0: nothing).
    pub bonus_pool: u128,
}

/// The Ankr-style program that ships with the suite (`programs/ankr.json`).
pub const DEFAULT_PROGRAM: &str = include_str!("../../../programs/ankr.json");
/// The Frak-style program that ships with the suite (`programs/frak.json`).
pub const FRAK_PROGRAM: &str = include_str!("../../../programs/frak.json");
/// `programs/frak-hold.json`: Frak's bonus, earned only by a referee that stakes 1,000
/// tokens and keeps them through the 30 epochs after its binding's.
pub const FRAK_HOLD_PROGRAM: &str = include_str!("../../../programs/frak-hold.json");

impl MonthOptions {
    pub fn new(program: ProposalCall) -> Self {
        MonthOptions {
            stakers: 1_000,
            epochs: 30,
            partners: 5,
            seed: 7,
            program,
            chunk: DEFAULT_CHUNK,
            personal_codes: false,
            bonus_pool: 0,
        }
    }

    /// The Frak-style month for `stakers`: `programs/frak.json`, personal codes, and a
    /// bonus pool for the first half of the stakers' bindings (the later ones are
    /// skipped: the pool runs dry).
    pub fn frak(stakers: u32) -> Result<Self, program_file::FileError> {
        let program = program_file::parse(FRAK_PROGRAM)?;
        let per_binding = program.changes.signup_bonus.and_then(|b| b.total()).unwrap_or(0);
        let bonus_pool = per_binding.saturating_mul(u128::from(stakers / 2));
        Ok(MonthOptions { stakers, personal_codes: true, bonus_pool, ..Self::new(program) })
    }
}

/// What the month produced, for printing and for tests.
#[derive(Debug, Clone)]
pub struct MonthReport {
    pub file: AllocationFile,
    pub deposit: Deposit,
    pub verified: bool,
    /// Each partner after the claims.
    pub partners: Vec<PartnerDashboard>,
    pub totals: SuiteTotals,
}

/// Runs the month on `chain`, a fresh test chain whose named accounts hold their
/// endowment (it deploys the suite at `START_MS`); narrates through `out`.
pub fn run<C: Chain>(mut chain: C, o: &MonthOptions, out: &mut dyn Progress) -> Result<(Client<C>, MonthReport), OperatorError> {
    chain.set_time(START_MS).map_err(ClientError::from)?;
    let who = crate::address::Accounts::named();
    let mut c = deploy(chain, &Plan::standard(&who, START_MS))?;
    let mut rng = Xorshift::from_seed(o.seed);
    let (admin, oracle, alice, bob, eve, charlie, buyer, distributor) =
        (who.admin, who.oracle, who.alice, who.bob, who.eve, who.charlie, who.dex_buyer, who.distributor);
    let (staking, vault, governance) = (c.suite.staking(), c.suite.vault(), c.suite.governance());
    out.say(format!("== day 0, {}: the suite is deployed", date(START_MS)));
    out.say(format!("  staking contract  {} (fee 10% of rewards, daily epochs)", ss58(&c.suite.staking)));
    out.say(format!("  partner vault     {} (challenge window 7 days)", ss58(&c.suite.vault)));
    out.say(format!("  governance        {} over token {}", ss58(&c.suite.governance), ss58(&c.suite.token)));

    // Governance: Charlie and Alice associate tokens; Charlie proposes the program.
    hand_out_votes(&mut c)?;
    let mut call = o.program.clone();
    (call.closing, call.enactment) = (START_MS + HOUR_MS, START_MS + HOUR_MS);
    let proposal = propose(&mut c, &charlie, &call)?;
    c.send(&charlie, governance.clone().vote(proposal, true))?;
    c.send(&alice, governance.clone().vote(proposal, true))?;
    out.say(format!("  governance: Charlie proposed \"{}\" (proposal {proposal}); Charlie and Alice voted for it", call.title));

    // Partners: Bob and Eve (codes "bob", "eve") and more.
    let mut partners: Vec<AccountId> = vec![bob, eve];
    for i in 2..o.partners.max(2) {
        let partner = account_n(1, i);
        c.chain.fund(&partner, ENDOWMENT).map_err(ClientError::from)?;
        c.send(&admin, staking.clone().register_code(format!("partner-{i}"), partner))?;
        partners.push(partner);
    }
    let codes: Vec<String> = c.index.codes.iter().map(|(code, _)| code.clone()).collect();
    out.say(format!("  {} partners with codes: {}", partners.len(), codes.join(", ")));
    if o.bonus_pool > 0 {
        let pool = c.send(&distributor, vault.clone().fund_bonus_pool().transferred_value(o.bonus_pool))?;
        out.say(format!("  the operator funded the sign-up bonus pool with {} units", units(pool)));
    }

    // The seed's cases.
    out.say("  the seed's cases:".into());
    c.send(&alice, staking.clone().stake_with_code("bob".into()).transferred_value(100 * UNIT))?;
    c.send(&alice, staking.clone().stake_with_code("eve".into()).transferred_value(50 * UNIT))?;
    let partner_name = |c: &mut Client<C>, who: AccountId| -> Result<String, ClientError> {
        Ok(c.query(c.suite.staking().partner_of(who))?.map_or("none".into(), |p| name(c, &p)))
    };
    let partner = partner_name(&mut c, alice)?;
    out.say(format!("    Alice staked with Bob's code, then with Eve's: her partner is {partner}"));
    c.send(&charlie, staking.clone().stake().transferred_value(20 * UNIT))?;
    c.send(&charlie, c.suite.staking().transfer(buyer, 5 * UNIT, Vec::new()))?;
    c.send(&buyer, staking.clone().stake_with_code("bob".into()).transferred_value(10 * UNIT))?;
    let partner = partner_name(&mut c, buyer)?;
    out.say(format!("    a DEX buyer who received shares, then staked with Bob's code: partner {partner}"));
    let refused = c.try_send(&bob, staking.clone().stake_with_code("bob".into()).transferred_value(10 * UNIT))?;
    out.say(format!("    Bob staking with his own code: refused, {refused:?}"));

    c.chain.set_time(START_MS + HOUR_MS).map_err(ClientError::from)?;
    c.send(&charlie, governance.clone().finalize(proposal))?;
    let program = c.query(governance.program_at(START_MS + DAY_MS))?;
    let program = program.ok_or(ClientError::Refused("the program was not enacted".into()))?;
    out.say(format!("  the vote closed: program version {} in force from day 1 ({})", program.version, date(program.starts_at)));

    // Days 0 to N-1: stakers arrive; days 0 to N: shares move and the oracle reports.
    out.say(format!("== days 1 to {}: {} stakers arrive, shares move, rewards every day", o.epochs, o.stakers));
    out.begin("staking", u64::from(o.stakers));
    let per_day = (o.stakers / o.epochs.max(1)).max(1);
    let mut stakers: Vec<AccountId> = Vec::new();
    // Codes of stakers who hold a personal one.
    let mut coded: Vec<String> = Vec::new();
    for day in 0..=o.epochs {
        c.chain.set_time(START_MS + u64::from(day) * DAY_MS + 2 * HOUR_MS).map_err(ClientError::from)?;
        let left = o.stakers - stakers.len() as u32;
        let arrivals = if day + 1 >= o.epochs { left } else { per_day.min(left) };
        for _ in 0..arrivals {
            let staker = account_n(2, stakers.len() as u32);
            c.chain.fund(&staker, ENDOWMENT).map_err(ClientError::from)?;
            let amount = (1 + u128::from(rng.below(1_000))) * UNIT;
            // A fifth come without a code; with personal codes, half of the others use
            // an earlier staker's.
            let personal = o.personal_codes && !coded.is_empty() && rng.below(2) == 0;
            let code = match partners.get(rng.below(partners.len() as u64 * 5 / 4 + 1) as usize) {
                Some(_) if personal => Some(coded[rng.below(coded.len() as u64) as usize].clone()),
                Some(partner) => c.index.codes_of(partner).into_iter().next(),
                None => None,
            };
            match code {
                Some(code) => c.send(&staker, staking.clone().stake_with_code(code).transferred_value(amount))?,
                None => c.send(&staker, staking.clone().stake().transferred_value(amount))?,
            };
            if o.personal_codes && c.query(staking.partner_of(staker))?.is_some() {
                let code = format!("user-{}", stakers.len());
                c.send(&admin, staking.clone().register_code(code.clone(), staker))?;
                coded.push(code);
            }
            stakers.push(staker);
            out.advance();
        }
        move_shares(&mut c, &stakers, &mut rng)?;
        c.chain.set_time(START_MS + u64::from(day) * DAY_MS + 23 * HOUR_MS).map_err(ClientError::from)?;
        let pooled = c.query(staking.total_pooled())?;
        // The day's rewards: about 0.01% of the pool.
        c.send(&oracle, staking.clone().report_rewards().transferred_value(pooled / 10_000 + UNIT))?;
    }
    out.end();
    let (credited, bonus_amount, skipped) = c.index.bonus_counts();
    if credited > 0 || o.bonus_pool > 0 {
        let skipped: Vec<String> = skipped.iter().map(|(reason, n)| format!("{n} ({reason:?})")).collect();
        out.say(format!(
            "  sign-up bonuses: {credited} bindings credited {} units to both sides; skipped: {}",
            units(bonus_amount),
            if skipped.is_empty() { "none".into() } else { skipped.join(", ") }
        ));
    }
    if !c.index.held.is_empty() {
        out.say(format!("  sign-up bonuses held until their holds end: {} bindings (`settle-bonuses`)", c.index.held.len()));
    }
    if o.personal_codes {
        out.say(format!(
            "  {} stakers hold a personal code; the longest referrer chain has {} levels",
            coded.len(),
            longest_chain(&c)
        ));
    }

    // The month has ended: the accountant, the deposit, verification.
    let end = u64::from(o.epochs + 1) * DAY_MS;
    c.chain.set_time(START_MS + end + HOUR_MS).map_err(ClientError::from)?;
    out.say(format!("== day {}, {}: the month is over; the operator accounts it", o.epochs + 1, date(START_MS + end + HOUR_MS)));
    let file = allocation_file(&mut c, 1, (1, o.epochs), out)?;
    out.say(format!(
        "  allocation file: period 1, epochs 1..={}, {} allocations, hash {}",
        o.epochs,
        file.allocations.len(),
        file.hash_hex()
    ));
    out.say(format!(
        "  conservation: allocated {} + remainder {} = fees {} units: {}",
        units(file.allocated),
        units(file.remainder),
        units(file.fees),
        if file.allocated.checked_add(file.remainder) == Some(file.fees) { "exact" } else { "BROKEN" }
    ));
    let upline: Vec<_> = file.allocations.iter().filter(|a| a.breakdown.upline_reward > 0).collect();
    if !upline.is_empty() {
        let level_one: u128 = file.allocations.iter().map(|a| a.breakdown.partner_reward).sum();
        let above: u128 = upline.iter().map(|a| a.breakdown.upline_reward).sum();
        out.say(format!(
            "  levels: {} units to direct referrers, {} units to {} referrers further up",
            units(level_one),
            units(above),
            upline.len()
        ));
    }
    let deposit = deposit(&mut c, &distributor, &file, o.chunk, None, out)?;
    out.say(format!(
        "  deposited {} units in {} chunks of at most {} (ref_time {:.3e}, proof {} bytes in all), sealed",
        units(deposit.funded),
        deposit.chunks,
        o.chunk,
        deposit.ref_time as f64,
        deposit.proof_size
    ));
    let verification = verify(&mut c, 1, out)?;
    out.say(format!(
        "  verify: recomputed from the chain, hash {} the vault's",
        if verification.passed() { "equals" } else { "DIFFERS FROM" }
    ));
    out.say("  the partners' rewards are pending for the challenge window:".into());
    out.say(partner_table(&mut c, Some(&file))?.trim_end().to_string());

    // The challenge window passes; partners claim (Eve through a payout address, on her
    // behalf by the operator).
    c.chain.set_time(START_MS + end + HOUR_MS + WINDOW_MS).map_err(ClientError::from)?;
    out.say(format!(
        "== day {}, {}: the challenge window has passed; partners claim",
        o.epochs + 8,
        date(START_MS + end + HOUR_MS + WINDOW_MS)
    ));
    let cold = account_n(3, 0);
    c.send(&eve, vault.clone().set_payout_address(Some(cold)))?;
    for partner in &partners {
        if c.query(vault.claimable_of(*partner))? == 0 {
            continue;
        }
        let paid = match *partner == eve {
            true => c.send(&distributor, vault.clone().claim_for(*partner))?,
            false => c.send(partner, vault.clone().claim())?,
        };
        out.say(format!("  {} claimed {} units", name(&c, partner), units(paid)));
    }
    let mut dashboards = Vec::with_capacity(partners.len());
    for partner in &partners {
        dashboards.push(PartnerDashboard::read(&mut c, partner, Some(&file))?);
    }
    let totals = SuiteTotals::read(&mut c)?;
    let report = MonthReport { file, deposit, verified: verification.passed(), partners: dashboards, totals };
    Ok((c, report))
}

/// The most levels above any bound referee (from the index).
fn longest_chain<C>(c: &Client<C>) -> usize {
    let levels_above = |referee: &AccountId| {
        std::iter::successors(c.index.referrer_of(referee), |up| c.index.referrer_of(up))
            .take(referral_common::levels::MAX_LEVELS as usize)
            .count()
    };
    c.index.referees.iter().map(|(referee, _)| levels_above(referee)).max().unwrap_or(0)
}

/// A day's share movements: a fiftieth of the stakers send a quarter of their shares to
/// another staker, and one staker unstakes half.
fn move_shares<C: Chain>(c: &mut Client<C>, stakers: &[AccountId], rng: &mut Xorshift) -> Result<(), ClientError> {
    if stakers.is_empty() {
        return Ok(());
    }
    let pick = |rng: &mut Xorshift| stakers[rng.below(stakers.len() as u64) as usize];
    for _ in 0..(stakers.len() / 50).max(1) {
        let (from, to) = (pick(rng), pick(rng));
        let balance = c.query(c.suite.staking().balance_of(from))?;
        if balance > 0 && from != to {
            c.send(&from, c.suite.staking().transfer(to, balance / 4, Vec::new()))?;
        }
    }
    let leaver = pick(rng);
    let balance = c.query(c.suite.staking().balance_of(leaver))?;
    if balance > 1 {
        c.send(&leaver, c.suite.staking().unstake(balance / 2))?;
    }
    Ok(())
}
