//! Frak's referral pool on the sandbox: the sign-up bonus credited by the vault when the
//! staking contract binds a brand-new address (once, from the pool, never blocking the
//! binding), and a month of rewards up the referrer chain.
use drink::AccountId32;
use partner_vault::{ClaimRecord, Totals};
use referral_common::bonus::{BonusError, BonusOutcome, BonusSkipReason, SignupBonus};
use referral_e2e_tests::{account_n, id, BundleProvider, Chain, MonthOptions, Transcript, DAY_MS, FRAK_PROGRAM, HOUR_MS, UNIT};

const BONUS: u128 = 50 * UNIT;

/// Enacts `programs/frak.json` from day 1 and moves the clock into day 1.
fn enact_frak(c: &mut Chain) {
    c.enact_frak();
    c.set_time(DAY_MS + HOUR_MS);
}

/// The bonus outcome the index recorded for `referee`'s binding, if any.
fn bonus_of(c: &Chain, referee: &AccountId32) -> Vec<Result<u128, BonusSkipReason>> {
    c.index().bonuses.iter().filter(|(r, _)| *r == id(referee)).map(|(_, o)| *o).collect()
}

/// The vault's balance covers every pending and claimable amount and the pool.
fn assert_solvent(c: &mut Chain) -> Totals {
    let vault = c.vault.clone();
    let totals: Totals = c.vault_query("totals", &[]);
    assert!(c.native(&vault) >= totals.outstanding + totals.bonus_pool, "{totals:?}");
    totals
}

#[test]
fn a_new_binding_credits_both_sides_once_from_the_pool_and_always_binds() {
    let mut c = Chain::new();
    let (admin, bob, distributor) = (c.who.admin.clone(), c.who.bob.clone(), c.who.distributor.clone());
    let [early, first, second, third, holder, unlinked] = [0, 1, 2, 3, 4, 5].map(|i| account_n(2, i));
    for who in [&early, &first, &second, &third, &holder, &unlinked] {
        c.endow(who);
    }
    // No program in force yet: the bonus is off; the binding stands.
    c.stake_with_code(&early, 10 * UNIT, "bob").unwrap();
    assert_eq!((c.partner_of(&early), bonus_of(&c, &early)), (Some(bob.clone()), vec![Err(BonusSkipReason::BonusOff)]));

    enact_frak(&mut c);
    // The program pays 50 + 50, the pool is empty: skipped, bound all the same.
    c.stake_with_code(&first, 10 * UNIT, "bob").unwrap();
    assert_eq!((c.partner_of(&first), bonus_of(&c, &first)), (Some(bob.clone()), vec![Err(BonusSkipReason::PoolTooSmall)]));
    assert_eq!((c.claimable(&bob), c.claimable(&first)), (0, 0));

    // The operator funds one and a half bonuses.
    let pool: u128 = c.vault_ok(&distributor, "fund_bonus_pool", &[], 3 * BONUS);
    assert_eq!(pool, 3 * BONUS);
    c.stake_with_code(&second, 10 * UNIT, "bob").unwrap();
    assert_eq!(bonus_of(&c, &second), vec![Ok(2 * BONUS)]);
    assert_eq!((c.claimable(&bob), c.claimable(&second)), (BONUS, BONUS));
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.bonus_credited, totals.outstanding), (BONUS, 2 * BONUS, 2 * BONUS));

    // Never twice for the same referee (it is no longer brand new), with any code.
    c.stake_with_code(&second, 10 * UNIT, "eve").unwrap();
    c.stake_with_code(&second, 10 * UNIT, "bob").unwrap();
    assert_eq!(bonus_of(&c, &second).len(), 1);
    // Never for a staker that held shares before its first code.
    c.stake(&holder, 10 * UNIT).unwrap();
    c.stake_with_code(&holder, 10 * UNIT, "bob").unwrap();
    assert_eq!((c.partner_of(&holder), bonus_of(&c, &holder)), (None, vec![]));
    // Half a bonus left: too little for both sides; binds.
    c.stake_with_code(&third, 10 * UNIT, "eve").unwrap();
    assert_eq!((c.partner_of(&third), bonus_of(&c, &third)), (Some(c.who.eve.clone()), vec![Err(BonusSkipReason::PoolTooSmall)]));
    let eve = c.who.eve.clone();
    assert_eq!(c.claimable(&eve), 0);
    assert_eq!(assert_solvent(&mut c).bonus_pool, BONUS);

    // Only the linked staking contract credits: the admin, a partner or a referee
    // calling the vault directly is refused, and nothing moves.
    let vault = c.vault.clone();
    for caller in [&admin, &bob, &third] {
        let args = [bob.to_string(), third.to_string(), (10 * UNIT).to_string()];
        let direct: Result<BonusOutcome, BonusError> =
            c.call_at(&vault, caller, "SignupBonusVault::credit_signup_bonus", &args, 0);
        assert_eq!(direct, Err(BonusError::Unauthorized));
    }
    assert_eq!((c.claimable(&bob), assert_solvent(&mut c).bonus_credited), (BONUS, 2 * BONUS));

    // A vault that no longer recognises the staking contract refuses; staking says so
    // and binds.
    let governance = c.governance.clone();
    c.vault_ok::<()>(&admin, "set_bonus_links", &["None".into(), format!("Some({governance})")], 0);
    c.stake_with_code(&unlinked, 10 * UNIT, "bob").unwrap();
    assert_eq!((c.partner_of(&unlinked), bonus_of(&c, &unlinked)), (Some(bob.clone()), vec![Err(BonusSkipReason::VaultRefused)]));

    // The referee claims its bonus: a claim with no period behind it.
    let paid: u128 = c.vault_ok(&second, "claim", &[], 0);
    assert_eq!(paid, BONUS);
    let history: Vec<ClaimRecord> = c.vault_query("claim_history", &[second.to_string(), "0".into(), "5".into()]);
    assert_eq!((history[0].amount, history[0].bonus, history[0].periods), (BONUS, BONUS, None));
    // The admin takes back what is left of the pool.
    let left: u128 = c.vault_ok(&admin, "withdraw_bonus_pool", &[BONUS.to_string(), admin.to_string()], 0);
    assert_eq!(left, 0);
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.outstanding, totals.claimed), (0, BONUS, BONUS));
}

#[test]
fn a_frak_month_pays_bonuses_and_rewards_up_the_referrer_chains() {
    let mut o = MonthOptions::frak(120).expect("programs/frak.json parses");
    (o.epochs, o.partners, o.chunk) = (6, 3, 50);
    let mut transcript = Transcript::default();
    let (mut c, report) = Chain::month(&o, &mut transcript);
    let file = &report.file;
    assert!(report.verified);
    assert_eq!(file.allocated + file.remainder, file.fees);
    // No discounts: every unit goes to referrers, at most 30% of the fees in all.
    assert!(file.allocations.iter().all(|a| a.breakdown.referee_discount == 0));
    assert!(file.allocated <= file.fees * 3 / 10, "{} of {}", file.allocated, file.fees);
    // Chains formed and referrers above level 1 earned.
    let upline: Vec<_> = file.allocations.iter().filter(|a| a.breakdown.upline_reward > 0).collect();
    assert!(!upline.is_empty());
    for line in &upline {
        // Someone two levels below it: a referee of one of its referees.
        let has_grandchild = c.index().referees.iter().any(|(_, partner)| c.index().referrer_of(partner) == Some(&line.account));
        assert!(has_grandchild, "an upline reward without a chain below");
    }
    // Bonuses: the pool held 60 bindings' worth; the seed's bindings came before the
    // program (off), the rest were credited until the pool ran dry.
    let (credited, amount, skipped) = c.index().bonus_counts();
    assert_eq!((credited, amount), (60, 60 * 2 * BONUS));
    assert!(skipped.iter().any(|(r, n)| *r == BonusSkipReason::PoolTooSmall && *n > 0), "{skipped:?}");
    assert!(skipped.iter().any(|(r, _)| *r == BonusSkipReason::BonusOff));
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.bonus_credited), (0, 60 * 2 * BONUS));
    assert_eq!(report.totals.vault.bonus_credited, 60 * 2 * BONUS);
    assert!(transcript.lines.iter().any(|l| l.contains("sign-up bonuses: 60 bindings")));
    assert!(transcript.lines.iter().any(|l| l.contains("referrers further up")));
}

#[test]
fn the_vault_keeps_the_programs_bonus_for_the_epoch_and_takes_the_next_programs_from_its_start() {
    let mut c = Chain::new();
    let (distributor, charlie) = (c.who.distributor.clone(), c.who.charlie.clone());
    let referees = [0, 1, 2, 3].map(|i| account_n(3, i));
    for who in &referees {
        c.endow(who);
    }
    enact_frak(&mut c);
    let pool: u128 = c.vault_ok(&distributor, "fund_bonus_pool", &[], 20 * BONUS);
    assert_eq!(pool, 20 * BONUS);
    // The epoch's first binding asks governance and pays Frak's 50 + 50.
    c.stake_with_code(&referees[0], 10 * UNIT, "bob").unwrap();
    let asked = c.last_cost();
    assert_eq!(bonus_of(&c, &referees[0]), vec![Ok(2 * BONUS)]);
    // A program paying 7 + 3 passes within the epoch, in force from the next one.
    let mut call = program_file::parse(FRAK_PROGRAM).expect("programs/frak.json parses");
    call.changes.signup_bonus = Some(SignupBonus::at_binding(7 * UNIT, 3 * UNIT));
    (call.closing, call.enactment) = (c.clock() + HOUR_MS, c.clock() + HOUR_MS);
    c.enact(&charlie, &call);
    // The rest of the epoch keeps the program in force, read from the vault's copy: the
    // binding does not load governance's code (its proof is smaller by more than that).
    c.stake_with_code(&referees[1], 10 * UNIT, "bob").unwrap();
    let kept = c.last_cost();
    assert_eq!(bonus_of(&c, &referees[1]), vec![Ok(2 * BONUS)]);
    let governance_code = BundleProvider::ProgramGovernance.bundle().expect("governance bundle").wasm.len() as u64;
    assert!(asked.proof_size > kept.proof_size + governance_code, "{asked:?} then {kept:?}");
    // From the next epoch's start, the new program's bonus, for every binding.
    for (referee, at) in [(&referees[2], 2 * DAY_MS + HOUR_MS), (&referees[3], 2 * DAY_MS + 2 * HOUR_MS)] {
        c.set_time(at);
        c.stake_with_code(referee, 10 * UNIT, "bob").unwrap();
        assert_eq!(bonus_of(&c, referee), vec![Ok(10 * UNIT)]);
    }
    assert_solvent(&mut c);
}
