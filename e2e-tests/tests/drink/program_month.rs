//! The demo's month as a test: its dashboards against the chain, the conservation line,
//! the deposit in several chunks, verification, determinism, and the saved sandbox.
use drink::AccountId32;
use referral_client::amount::date;
use referral_client::reader::period_input;
use referral_e2e_tests::{
    account_n, id, observe, Chain, MonthOptions, MonthReport, Progress, Transcript, DEFAULT_PROGRAM, START_MS, UNIT,
};

fn run(o: &MonthOptions, out: &mut dyn Progress) -> (Chain, MonthReport) {
    Chain::month(o, out)
}

fn options(stakers: u32, epochs: u32, seed: u64) -> MonthOptions {
    let mut o = MonthOptions::new(program_file::parse(DEFAULT_PROGRAM).expect("the shipped program parses"));
    (o.stakers, o.epochs, o.partners, o.seed, o.chunk) = (stakers, epochs, 4, seed, 2);
    o
}

#[test]
fn the_month_conserves_fees_pays_every_line_and_verifies() {
    let mut transcript = Transcript::default();
    let (mut c, report) = run(&options(120, 6, 11), &mut transcript);
    let file = &report.file;

    // Conservation: the fees are the staking contract's, split exactly.
    let fees: u128 = (1..=6u32).map(|e| c.query::<referral_staking::EpochRewards>("epoch_rewards", &[e.to_string()]).fee).sum();
    assert!(fees > 0);
    assert_eq!(file.fees, fees);
    assert_eq!(file.allocated + file.remainder, file.fees);
    assert!(file.allocated > 0 && file.remainder > 0);
    assert!(transcript.lines.iter().any(|l| l.contains("conservation") && l.ends_with("exact")));

    // The deposit: two allocations a chunk, every line funded, then verified.
    assert_eq!(report.deposit.allocations as usize, file.allocations.len());
    assert_eq!(report.deposit.chunks as usize, file.allocations.len().div_ceil(2));
    assert_eq!(report.deposit.funded, file.allocated);
    assert!(report.verified);
    assert!(transcript.lines.iter().any(|l| l.contains("hash equals the vault's")));

    // Each partner's dashboard agrees with the chain and with the file.
    assert_eq!(report.partners.len(), 4);
    let referees = c.index().referees.clone();
    let cold = account_n(3, 0);
    let mut referred_total = 0;
    for d in &report.partners {
        let partner = referral_sandbox::sandbox_account(&d.account);
        let mine: Vec<AccountId32> =
            referees.iter().filter(|(_, p)| *p == d.account).map(|(r, _)| referral_sandbox::sandbox_account(r)).collect();
        assert_eq!(d.referrals as usize, mine.len(), "{}", d.name_short());
        let held: u128 = mine.iter().map(|r| c.balance_of(r)).sum();
        assert_eq!(d.referred_shares, held, "{}: referred shares are its referees' balances", d.name_short());
        assert_eq!(d.referred_shares, c.partner_tvl(&partner));
        let line = file.allocations.iter().find(|a| a.account == d.account).map(|a| a.amount);
        assert_eq!(d.allocation, Some(line.unwrap_or(0)));
        assert!(d.allocation > Some(0), "{} earned nothing", d.name_short());
        assert_eq!(
            (d.pending, d.claimable, d.claimed_total),
            (0, 0, d.allocation.unwrap()),
            "{} claimed its line",
            d.name_short()
        );
        assert_eq!(d.claims.len(), 1);
        assert_eq!(d.claims[0].amount, d.claimed_total);
        let paid_to = AccountId32::new(*d.claims[0].paid_to.as_ref());
        if partner == c.who.eve {
            assert_eq!(paid_to, cold, "Eve's claim went to her payout address");
            assert_eq!(c.native(&cold), d.claimed_total);
        } else {
            assert_eq!(paid_to, partner);
        }
        referred_total += d.referrals;
    }
    // Alice (bound to Bob) is among the referees; the DEX buyer is not.
    assert_eq!(referred_total as usize, referees.len());
    assert!(referees.iter().any(|(r, p)| *r == id(&c.who.alice) && *p == id(&c.who.bob)));
    assert!(!referees.iter().any(|(r, _)| *r == id(&c.who.dex_buyer)));

    // The vault paid exactly what was deposited.
    let t = &report.totals;
    assert_eq!((t.vault.deposited, t.vault.claimed, t.vault.outstanding), (file.allocated, file.allocated, 0));
    assert_eq!(t.vault.claims, 4);
    assert_eq!(t.referees, referees.len());

    // The reader's figures, from the stored epoch totals, are the contract's own.
    let sampled: Vec<_> = referees.iter().step_by(7).map(|(r, _)| *r).collect();
    let input = period_input(&mut c.client, 1, (1, 6), &sampled, &mut Transcript::default()).unwrap();
    assert_eq!(input.referees.len(), sampled.len());
    for read in &input.referees {
        let referee = referral_sandbox::sandbox_account(&read.referee);
        for (index, epoch) in (1..=6u32).enumerate() {
            let on_chain: Result<u128, referral_staking::Error> =
                c.call(&c.who.admin.clone(), "epoch_share_seconds", &[format!("Account({referee})"), epoch.to_string()], 0);
            assert_eq!(Ok(read.share_seconds[index]), on_chain, "epoch {epoch}");
        }
    }
    assert!(input.referees.iter().any(|r| r.share_seconds.iter().any(|s| *s > 0)));
}

#[test]
fn the_same_seed_gives_the_same_month_and_another_seed_another() {
    let first = run(&options(40, 3, 5), &mut Transcript::default()).1;
    let mut again = Transcript::default();
    let second = run(&options(40, 3, 5), &mut again).1;
    assert_eq!(first.file, second.file);
    assert_eq!(first.partners, second.partners);
    let other = run(&options(40, 3, 6), &mut Transcript::default()).1;
    assert_ne!(first.file.hash(), other.file.hash());
    assert_eq!(date(START_MS), "2023-11-14 22:13 UTC");
    assert_eq!(date(0), "1970-01-01 00:00 UTC");
    assert_eq!(date(951_782_400_000), "2000-02-29 00:00 UTC");
}

#[test]
fn a_saved_sandbox_loads_back_as_it_was_and_goes_on() {
    let (mut c, _) = run(&options(30, 2, 3), &mut Transcript::default());
    let path = std::env::temp_dir().join(format!("referral-saved-{}.state", std::process::id()));
    referral_sandbox::saved::save(&mut c.client, &path).unwrap();
    let mut loaded = Chain::from_client(referral_sandbox::saved::load(&path).unwrap());
    assert_eq!(observe(&mut loaded), observe(&mut c));
    assert_eq!(loaded.index(), c.index());
    // It goes on: a brand-new staker binds, and the index learns it.
    let newcomer = account_n(9, 0);
    loaded.endow(&newcomer);
    loaded.stake_with_code(&newcomer, 10 * UNIT, "eve").unwrap();
    assert_eq!(loaded.index().referees.last(), Some(&(id(&newcomer), id(&loaded.who.eve))));
    assert_eq!(loaded.partner_of(&newcomer), Some(loaded.who.eve.clone()));
    // A file that is not a saved sandbox is refused.
    std::fs::write(&path, b"something else").unwrap();
    assert!(matches!(referral_sandbox::saved::load(&path), Err(referral_sandbox::saved::LoadError::Format)));
    std::fs::remove_file(&path).unwrap();
}
