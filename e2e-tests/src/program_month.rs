//! A whole program month on the embedded sandbox: governance enacts a program from a
//! Vega JSON file, partners get codes, stakers stake with them (the seed's cases
//! included), shares move, the oracle reports every epoch; then the accountant, the
//! deposit in chunks, verification, the challenge window, claims and dashboards.
//! Deterministic: the same options give the same report.
//!
//! A Frak-style month (`MonthOptions::frak`) runs `programs/frak.json` (sign-up bonus,
//! rewards up the referrer chain): the operator funds the bonus pool, and every staker
//! who binds gets a personal code that later stakers may use, so referrer chains form.
use crate::dashboard::{date, name, partner_table, PartnerDashboard, SuiteTotals};
use crate::operator::{allocation_file, deposit, verify, Deposit};
use crate::{account_n, units, Chain, Error, Progress, DAY_MS, HOUR_MS, UNIT, WINDOW_MS};
use accountant::AllocationFile;
use drink::AccountId32;
use program_file::ProposalCall;
use referral_common::testing::Rng;


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
pub const DEFAULT_PROGRAM: &str = include_str!("../../programs/ankr.json");
/// The Frak-style program that ships with the suite (`programs/frak.json`).
pub const FRAK_PROGRAM: &str = include_str!("../../programs/frak.json");

impl MonthOptions {
    pub fn new(program: ProposalCall) -> Self {
        MonthOptions { stakers: 1_000, epochs: 30, partners: 5, seed: 7, program, chunk: 200, personal_codes: false, bonus_pool: 0 }
    }

    /// The Frak-style month for `stakers`: `programs/frak.json`, personal codes, and a
    /// bonus pool for the first half of the stakers' bindings (the later ones are
    /// skipped: the pool runs dry).
    pub fn frak(stakers: u32) -> Self {
        let program = program_file::parse(FRAK_PROGRAM).expect("programs/frak.json parses");
        let per_binding = program.changes.signup_bonus.and_then(|b| b.total()).unwrap_or(0);
        MonthOptions { stakers, personal_codes: true, bonus_pool: per_binding * u128::from(stakers / 2), ..Self::new(program) }
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

/// Runs the month on a fresh chain; narrates through `out`.
pub fn run(o: &MonthOptions, out: &mut dyn Progress) -> (Chain, MonthReport) {
    // xorshift needs a state other than zero.
    let mut rng = Rng((o.seed << 1) | 1);
    let mut c = Chain::new();
    let w = &c.who;
    let (admin, oracle, alice, bob, eve, charlie, buyer, distributor) = (
        w.admin.clone(),
        w.oracle.clone(),
        w.alice.clone(),
        w.bob.clone(),
        w.eve.clone(),
        w.charlie.clone(),
        w.dex_buyer.clone(),
        w.distributor.clone(),
    );
    out.say(format!("== day 0, {}: the suite is deployed", date(crate::START_MS)));
    out.say(format!("  staking contract  {} (fee 10% of rewards, daily epochs)", c.staking));
    out.say(format!("  partner vault     {} (challenge window 7 days)", c.vault));
    out.say(format!("  governance        {} over token {}", c.governance, c.token));

    // Governance: Charlie and Alice associate tokens; Charlie proposes the program.
    c.hand_out_votes();
    let mut call = o.program.clone();
    let now = crate::START_MS;
    call.closing = now + HOUR_MS;
    call.enactment = now + HOUR_MS;
    let proposal: u32 = c.gov_call(&charlie, "propose", &call.contract_args()).expect("the program is valid");
    c.gov_call::<()>(&charlie, "vote", &[proposal.to_string(), "true".into()]).expect("vote");
    c.gov_call::<()>(&alice, "vote", &[proposal.to_string(), "true".into()]).expect("vote");
    out.say(format!("  governance: Charlie proposed \"{}\" (proposal {proposal}); Charlie and Alice voted for it", call.title));

    // Partners: Bob and Eve (codes "bob", "eve") and more.
    let mut partners: Vec<AccountId32> = vec![bob.clone(), eve.clone()];
    for i in 2..o.partners.max(2) {
        let who = account_n(1, i);
        c.endow(&who);
        c.ok::<()>(&admin, "register_code", &[crate::quote(&format!("partner-{i}")), who.to_string()], 0);
        partners.push(who);
    }
    let codes: Vec<String> = c.index.codes.iter().map(|(code, _)| code.clone()).collect();
    out.say(format!("  {} partners with codes: {}", partners.len(), codes.join(", ")));
    if o.bonus_pool > 0 {
        let pool: u128 = c.vault_ok(&distributor, "fund_bonus_pool", &[], o.bonus_pool);
        out.say(format!("  the operator funded the sign-up bonus pool with {} units", units(pool)));
    }

    // The seed's cases.
    out.say("  the seed's cases:".into());
    c.stake_with_code(&alice, 100 * UNIT, "bob").expect("alice");
    c.stake_with_code(&alice, 50 * UNIT, "eve").expect("alice again");
    let partner = c.partner_of(&alice).map_or("none".into(), |p| name(&c, &p));
    out.say(format!("    Alice staked with Bob's code, then with Eve's: her partner is {partner}"));
    c.stake(&charlie, 20 * UNIT).expect("charlie");
    c.transfer_shares(&charlie, &buyer, 5 * UNIT);
    c.stake_with_code(&buyer, 10 * UNIT, "bob").expect("buyer");
    let partner = c.partner_of(&buyer).map_or("none".into(), |p| name(&c, &p));
    out.say(format!("    a DEX buyer who received shares, then staked with Bob's code: partner {partner}"));
    let refused = c.stake_with_code(&bob, 10 * UNIT, "bob");
    assert_eq!(refused, Err(Error::SelfReferral));
    out.say(format!("    Bob staking with his own code: refused, {refused:?}"));

    c.set_time(HOUR_MS);
    c.gov_call::<()>(&charlie, "finalize", &[proposal.to_string()]).expect("finalize");
    let program: Option<program_governance::Program> = c.gov_query("program_at", &[(crate::START_MS + DAY_MS).to_string()]);
    let program = program.expect("enacted");
    out.say(format!("  the vote closed: program version {} in force from day 1 ({})", program.version, date(program.starts_at)));

    // Days 0 to N-1: stakers arrive; days 0 to N: shares move and the oracle reports.
    out.say(format!("== days 1 to {}: {} stakers arrive, shares move, rewards every day", o.epochs, o.stakers));
    out.begin("staking", u64::from(o.stakers));
    let per_day = (o.stakers / o.epochs.max(1)).max(1);
    let mut stakers: Vec<AccountId32> = Vec::new();
    // Stakers with a personal code, and the code.
    let mut coded: Vec<String> = Vec::new();
    for day in 0..=o.epochs {
        c.set_time(u64::from(day) * DAY_MS + 2 * HOUR_MS);
        let left = o.stakers - stakers.len() as u32;
        let arrivals = if day + 1 >= o.epochs { left } else { per_day.min(left) };
        for _ in 0..arrivals {
            let who = account_n(2, stakers.len() as u32);
            c.endow(&who);
            let amount = (1 + u128::from(rng.below(1_000))) * UNIT;
            // A fifth come without a code; with personal codes, half of the others use
            // an earlier staker's.
            let personal = o.personal_codes && !coded.is_empty() && rng.below(2) == 0;
            match partners.get(rng.below(partners.len() as u64 * 5 / 4 + 1) as usize) {
                Some(_) if personal => {
                    let code = coded[rng.below(coded.len() as u64) as usize].clone();
                    c.stake_with_code(&who, amount, &code).expect("stake with a personal code")
                }
                Some(partner) => {
                    let code = c.index.codes_of(partner).remove(0);
                    c.stake_with_code(&who, amount, &code).expect("stake with code")
                }
                None => c.stake(&who, amount).expect("stake"),
            };
            if o.personal_codes && c.partner_of(&who).is_some() {
                let code = format!("user-{}", stakers.len());
                c.ok::<()>(&admin, "register_code", &[crate::quote(&code), who.to_string()], 0);
                coded.push(code);
            }
            stakers.push(who);
            out.advance();
        }
        move_shares(&mut c, &stakers, &mut rng);
        c.set_time(u64::from(day) * DAY_MS + 23 * HOUR_MS);
        let pooled: u128 = c.query("total_pooled", &[]);
        // The day's rewards: about 0.01% of the pool.
        c.ok::<()>(&oracle, "report_rewards", &[], pooled / 10_000 + UNIT);
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
    if o.personal_codes {
        out.say(format!("  {} stakers hold a personal code; the longest referrer chain has {} levels", coded.len(), longest_chain(&c)));
    }

    // The month has ended: the accountant, the deposit, verification.
    let end = u64::from(o.epochs + 1) * DAY_MS;
    c.set_time(end + HOUR_MS);
    out.say(format!("== day {}, {}: the month is over; the operator accounts it", o.epochs + 1, date(crate::START_MS + end + HOUR_MS)));
    let file = allocation_file(&mut c, 1, (1, o.epochs), out);
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
        if file.allocated + file.remainder == file.fees { "exact" } else { "BROKEN" }
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
    let deposit = deposit(&mut c, &file, o.chunk, out).expect("the deposit is accepted");
    out.say(format!(
        "  deposited {} units in {} chunks of at most {} (ref_time {:.3e}, proof {} bytes in all), sealed",
        units(deposit.funded),
        deposit.chunks,
        o.chunk,
        deposit.ref_time as f64,
        deposit.proof_size
    ));
    let verification = verify(&mut c, 1, out).expect("period 1 exists");
    out.say(format!(
        "  verify: recomputed from the chain, hash {} the vault's",
        if verification.passed() { "equals" } else { "DIFFERS FROM" }
    ));
    out.say("  the partners' rewards are pending for the challenge window:".into());
    out.say(partner_table(&mut c, Some(&file)).trim_end().to_string());

    // The challenge window passes; partners claim (Eve through a payout address, on her
    // behalf by the operator).
    c.set_time(end + HOUR_MS + WINDOW_MS);
    out.say(format!("== day {}, {}: the challenge window has passed; partners claim", o.epochs + 8, date(crate::START_MS + end + HOUR_MS + WINDOW_MS)));
    let cold = account_n(3, 0);
    c.vault_ok::<()>(&eve, "set_payout_address", &[format!("Some({cold})")], 0);
    for partner in &partners {
        let claimable: u128 = c.vault_query("claimable_of", &[partner.to_string()]);
        if claimable == 0 {
            continue;
        }
        let paid: u128 = if *partner == eve {
            c.vault_ok(&distributor, "claim_for", &[partner.to_string()], 0)
        } else {
            c.vault_ok(partner, "claim", &[], 0)
        };
        out.say(format!("  {} claimed {} units", name(&c, partner), units(paid)));
    }
    let dashboards = partners.iter().map(|p| PartnerDashboard::read(&mut c, p, Some(&file))).collect();
    let totals = SuiteTotals::read(&mut c);
    let report = MonthReport { file, deposit, verified: verification.passed(), partners: dashboards, totals };
    (c, report)
}

/// The most levels above any bound referee (from the index).
fn longest_chain(c: &Chain) -> usize {
    let levels_above = |referee: &AccountId32| {
        std::iter::successors(c.index.referrer_of(referee), |up| c.index.referrer_of(up))
            .take(referral_common::levels::MAX_LEVELS as usize)
            .count()
    };
    c.index.referees.iter().map(|(referee, _)| levels_above(referee)).max().unwrap_or(0)
}

/// A day's share movements: a fiftieth of the stakers send a quarter of their shares to
/// another staker, and one staker unstakes half.
fn move_shares(c: &mut Chain, stakers: &[AccountId32], rng: &mut Rng) {
    if stakers.is_empty() {
        return;
    }
    let pick = |rng: &mut Rng| stakers[rng.below(stakers.len() as u64) as usize].clone();
    for _ in 0..(stakers.len() / 50).max(1) {
        let (from, to) = (pick(rng), pick(rng));
        let balance = c.balance_of(&from);
        if balance > 0 && from != to {
            c.transfer_shares(&from, &to, balance / 4);
        }
    }
    let leaver = pick(rng);
    let balance = c.balance_of(&leaver);
    if balance > 1 {
        let _: u128 = c.ok(&leaver, "unstake", &[(balance / 2).to_string()], 0);
    }
}
