//! A program month of the staking contract on the embedded sandbox: partners get codes,
//! stakers stake with them (the seed's cases included), shares move, the oracle reports
//! rewards every epoch; then each partner's dashboard and its share of the protocol fee,
//! pro rata to the time-weighted TVL that came through it (Ankr's rule, 50% of the fee).
//!
//! `scripts/demo [--stakers N] [--epochs N] [--partners N] [--seed N]`; the same seed
//! gives the same output.
use drink::AccountId32;
use referral_e2e_tests::{account_n, quote, Chain, Error, DAY_MS, START_MS, UNIT};
use referral_staking::PartnerStats;

/// Deterministic pseudo-random numbers (splitmix64): the demo must replay exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

struct Options {
    stakers: u32,
    epochs: u32,
    partners: u32,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options { stakers: 1_000, epochs: 30, partners: 5, seed: 7 };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("usage: scripts/demo [--stakers N] [--epochs N] [--partners N] [--seed N]");
            std::process::exit(0);
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number: u64 = value.parse().map_err(|_| format!("{flag}: not a number: {value}"))?;
        let small = || u32::try_from(number).map_err(|_| format!("{flag}: too large"));
        match flag.as_str() {
            "--stakers" => o.stakers = small()?,
            "--epochs" => o.epochs = small()?.max(1),
            "--partners" => o.partners = small()?.clamp(1, 200),
            "--seed" => o.seed = number,
            _ => return Err(format!("unknown option {flag} (try --help)")),
        }
    }
    Ok(o)
}

fn units(amount: u128) -> String {
    format!("{}.{:06}", amount / UNIT, (amount % UNIT) / 1_000_000)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("demo: {e}");
            std::process::exit(2);
        }
    };
    let mut rng = Rng(o.seed);
    let mut c = Chain::new();
    let w = &c.who;
    let (admin, oracle, alice, bob, eve, buyer) =
        (w.admin.clone(), w.oracle.clone(), w.alice.clone(), w.bob.clone(), w.eve.clone(), w.dex_buyer.clone());
    let charlie = w.charlie.clone();

    // Partners: Bob and Eve (codes "bob", "eve") and more.
    let mut partners: Vec<(String, AccountId32)> = vec![("bob".into(), bob.clone()), ("eve".into(), eve.clone())];
    for i in 2..o.partners.max(2) {
        let who = account_n(1, i);
        let code = format!("partner-{i}");
        c.ok::<()>(&admin, "register_code", &[quote(&code), who.to_string()], 0);
        partners.push((code, who));
    }
    println!("deployed the staking contract (fee 10%), {} partners with codes", partners.len());

    // The seed's cases.
    println!("\nthe seed's cases:");
    c.stake_with_code(&alice, 100 * UNIT, "bob").expect("alice");
    c.stake_with_code(&alice, 50 * UNIT, "eve").expect("alice again");
    println!("  Alice staked with Bob's code, then with Eve's: partner {}", name_of(&c.partner_of(&alice), &partners));
    c.stake(&charlie, 20 * UNIT).expect("charlie");
    c.transfer_shares(&charlie, &buyer, 5 * UNIT);
    c.stake_with_code(&buyer, 10 * UNIT, "bob").expect("buyer");
    println!("  a DEX buyer who received shares first, then staked with Bob's code: partner {}",
        name_of(&c.partner_of(&buyer), &partners));
    let refused = c.stake_with_code(&bob, 10 * UNIT, "bob");
    println!("  Bob staking with his own code: {refused:?}");
    assert_eq!(refused, Err(Error::SelfReferral));

    // Stakers arrive over the month; a fifth come without a code.
    let per_epoch = (o.stakers / o.epochs).max(1);
    let mut stakers: Vec<AccountId32> = Vec::new();
    let mut next = 0u32;
    for epoch in 0..o.epochs {
        c.set_time(u64::from(epoch) * DAY_MS + 3_600_000);
        let arrivals = if epoch + 1 == o.epochs { o.stakers.saturating_sub(next) } else { per_epoch.min(o.stakers - next) };
        for _ in 0..arrivals {
            let who = account_n(2, next);
            next += 1;
            c.endow(&who);
            let amount = (1 + u128::from(rng.below(1_000))) * UNIT;
            let pick = rng.below(partners.len() as u64 + 1) as usize;
            match partners.get(pick) {
                Some((code, _)) => c.stake_with_code(&who, amount, code).expect("stake with code"),
                None => c.stake(&who, amount).expect("stake"),
            };
            stakers.push(who);
        }
        // Some shares change hands, some leave.
        for _ in 0..(stakers.len() / 50).max(1) {
            let from = &stakers[rng.below(stakers.len() as u64) as usize].clone();
            let to = &stakers[rng.below(stakers.len() as u64) as usize].clone();
            let balance = c.balance_of(from);
            if balance > 0 && from != to {
                c.transfer_shares(from, to, balance / 4);
            }
        }
        if let Some(leaver) = stakers.get(rng.below(stakers.len() as u64) as usize).cloned() {
            let balance = c.balance_of(&leaver);
            if balance > 0 {
                let _: u128 = c.ok(&leaver, "unstake", &[(balance / 2).to_string()], 0);
            }
        }
        // The day's rewards: about 0.01% of the pool.
        c.set_time(u64::from(epoch) * DAY_MS + 23 * 3_600_000);
        let pooled: u128 = c.query("total_pooled", &[]);
        c.ok::<()>(&oracle, "report_rewards", &[], pooled / 10_000);
    }
    c.set_time(u64::from(o.epochs) * DAY_MS);
    println!("\n{} stakers staked over {} epochs; rewards reported every epoch", o.stakers, o.epochs);

    // Per epoch: the fee, each partner's share of the time-weighted TVL, 50% of it.
    println!("\npartner dashboards (Ankr's rule: 50% of the fee, pro rata to time-weighted TVL, daily):");
    println!("  {:<12} {:>9} {:>18} {:>16} {:>14} {:>14}", "partner", "referrals", "TVL (shares)", "value (units)", "TVL share", "reward (units)");
    let (mut total_reward, mut total_fee) = (0u128, 0u128);
    let mut fees = Vec::new();
    for epoch in 0..o.epochs {
        let record: referral_staking::EpochRewards = c.query("epoch_rewards", &[epoch.to_string()]);
        let (from, to) = (START_MS + u64::from(epoch) * DAY_MS, START_MS + u64::from(epoch + 1) * DAY_MS);
        let all: u128 = c.call(&admin, "share_seconds", &["Total".into(), from.to_string(), to.to_string()], 0).expect("total");
        fees.push((record.fee, from, to, all));
        total_fee += record.fee;
    }
    for (code, who) in &partners {
        let stats: PartnerStats = c.query("partner_stats", &[who.to_string()]);
        let value: u128 = c.call(&admin, "amount_for", &[stats.referred_shares.to_string()], 0).expect("value");
        let (mut reward, mut partner_ss, mut all_ss) = (0u128, 0u128, 0u128);
        for (fee, from, to, all) in &fees {
            let mine: u128 = c
                .call(&admin, "share_seconds", &[format!("Partner({who})"), from.to_string(), to.to_string()], 0)
                .expect("partner share-seconds");
            partner_ss += mine;
            all_ss += all;
            if *all > 0 {
                reward += fee * mine / all / 2; // rounded down, in the protocol's favour
            }
        }
        total_reward += reward;
        let share = if all_ss > 0 { partner_ss as f64 / all_ss as f64 * 100.0 } else { 0.0 };
        println!("  {:<12} {:>9} {:>18} {:>16} {:>13.3}% {:>14}", code, stats.referrals, stats.referred_shares, units(value), share, units(reward));
    }
    let fees_held: u128 = c.query("unwithdrawn_fees", &[]);
    println!("\nprotocol fee over the month: {} units; partners' 50% share: {} units; protocol keeps {} units",
        units(total_fee), units(total_reward), units(total_fee - total_reward));
    println!("fees held by the staking contract for the treasury: {} units", units(fees_held));
}

fn name_of(partner: &Option<AccountId32>, partners: &[(String, AccountId32)]) -> String {
    match partner {
        None => "none".into(),
        Some(p) => partners.iter().find(|(_, a)| a == p).map(|(c, _)| c.clone()).unwrap_or_else(|| p.to_string()),
    }
}
