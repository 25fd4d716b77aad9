//! A sign-up bonus that cannot be farmed (`programs/frak-hold.json`: 50 + 50 units for
//! a binding that stakes at least 1,000 units and keeps them for the 30 epochs after
//! the binding's). The attack it answers: one code, many fresh addresses staking the
//! minimum, unstaking at once, each binding paying both bonuses to the attacker.
use drink::AccountId32;
use partner_vault::{BonusRecord, Totals};
use referral_common::bonus::{BonusSkipReason, SignupBonus};
use referral_e2e_tests::{account_n, assert_vault_refused, id, Chain, VaultError, DAY_MS, HOUR_MS, UNIT};

const BONUS: u128 = 50 * UNIT;
const MINIMUM: u128 = 1_000 * UNIT;
const HOLD_PROGRAM: &str = include_str!("../../../programs/frak-hold.json");
/// Bindings are made in epoch 1 (day 1); the hold runs through epoch 1 + 30.
const LAST_HOLD_DAY: u64 = 31;

/// Enacts the hold program from day 1 (epoch 1), funds the pool with `bonuses`
/// bindings' worth, and moves the clock into day 1.
fn enact_hold(c: &mut Chain, bonuses: u128) -> SignupBonus {
    c.hand_out_votes();
    let mut call = program_file::parse(HOLD_PROGRAM).expect("programs/frak-hold.json parses");
    (call.closing, call.enactment) = (c.clock() + HOUR_MS, c.clock() + HOUR_MS);
    let charlie = c.who.charlie.clone();
    c.enact(&charlie, &call);
    c.set_time(DAY_MS + HOUR_MS);
    let distributor = c.who.distributor.clone();
    let pool: u128 = c.vault_ok(&distributor, "fund_bonus_pool", &[], bonuses * 2 * BONUS);
    assert_eq!(pool, bonuses * 2 * BONUS);
    call.changes.signup_bonus.expect("the program has a bonus")
}

/// `n` fresh addresses of group `group`, endowed, each bound to Bob with the minimum
/// stake; each binding's bonus is held, none credited.
fn bind_minimum(c: &mut Chain, group: u8, n: u32, bonus: SignupBonus) -> Vec<AccountId32> {
    let bob = c.who.bob.clone();
    (0..n)
        .map(|i| {
            let who = account_n(group, i);
            c.endow(&who);
            c.stake_with_code(&who, MINIMUM, "bob").expect("stakes");
            let record: Option<BonusRecord> = c.vault_query("bonus_record", &[who.to_string()]);
            assert_eq!(record, Some(BonusRecord::Held { referrer: id(&bob), bonus }));
            who
        })
        .collect()
}

/// Anyone (the DEX buyer, a stranger to the bonus) settles `referee`'s held bonus.
fn settle(c: &mut Chain, referee: &AccountId32) {
    let anyone = c.who.dex_buyer.clone();
    c.vault_ok::<()>(&anyone, "settle_signup_bonus", &[referee.to_string()], 0);
}

/// The vault's balance covers every pending and claimable amount, the pool and the
/// bonuses held.
fn assert_solvent(c: &mut Chain) -> Totals {
    let vault = c.vault.clone();
    let totals: Totals = c.vault_query("totals", &[]);
    assert!(c.native(&vault) >= totals.outstanding + totals.bonus_pool + totals.bonus_held, "{totals:?}");
    totals
}

#[test]
fn a_hundred_fresh_addresses_that_unstake_in_the_next_epoch_earn_nothing() {
    let mut c = Chain::new();
    let bonus = enact_hold(&mut c, 100);
    let bob = c.who.bob.clone();
    // Below the minimum: no bonus at all, the binding stands.
    let short = account_n(6, 999);
    c.endow(&short);
    c.stake_with_code(&short, MINIMUM - 1, "bob").unwrap();
    assert_eq!(c.partner_of(&short), Some(bob.clone()));
    assert_eq!(c.index().bonuses.last(), Some(&(id(&short), Err(BonusSkipReason::BelowMinimumStake))));

    let attackers = bind_minimum(&mut c, 6, 100, bonus);
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.bonus_held, totals.bonus_credited), (0, 100 * 2 * BONUS, 0));
    // Nothing is settled while a hold runs unbroken.
    let anyone = c.who.dex_buyer.clone();
    assert_vault_refused(&mut c, VaultError::HoldRunning, &anyone, "settle_signup_bonus", &[attackers[0].to_string()], 0);
    // The next epoch: every address takes its stake back, which breaks its hold; a
    // broken hold is settled at once, and every bonus goes back to the pool.
    c.set_time(2 * DAY_MS + HOUR_MS);
    for who in &attackers {
        let shares = c.balance_of(who);
        c.ok::<u128>(who, "unstake", &[shares.to_string()], 0);
        settle(&mut c, who);
        let record: Option<BonusRecord> = c.vault_query("bonus_record", &[who.to_string()]);
        assert_eq!((record, c.claimable(who)), (Some(BonusRecord::Forfeited), 0));
    }
    assert_eq!(c.claimable(&bob), 0, "the attacker's code earned nothing");
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.bonus_held, totals.bonus_credited, totals.outstanding), (100 * 2 * BONUS, 0, 0, 0));
    // Restaking changes nothing, after the hold's end as before: settled once, for good.
    c.set_time((LAST_HOLD_DAY + 1) * DAY_MS);
    c.stake(&attackers[0], MINIMUM).unwrap();
    assert_vault_refused(&mut c, VaultError::NoBonusHeld, &anyone, "settle_signup_bonus", &[attackers[0].to_string()], 0);
    assert_eq!((c.claimable(&attackers[0]), c.claimable(&bob)), (0, 0));
}

#[test]
fn a_hundred_that_hold_earn_exactly_their_bonuses_and_one_that_dips_on_the_last_epoch_earns_nothing() {
    let mut c = Chain::new();
    let bonus = enact_hold(&mut c, 101);
    let (bob, eve) = (c.who.bob.clone(), c.who.eve.clone());
    let stayers = bind_minimum(&mut c, 7, 100, bonus);
    let dipper = bind_minimum(&mut c, 8, 1, bonus).remove(0);
    // A stayer may move shares above its minimum: received shares count.
    let anyone = c.who.dex_buyer.clone();
    c.stake(&anyone, 10 * UNIT).unwrap();
    c.transfer_shares(&anyone, &stayers[0], 5 * UNIT);
    c.transfer_shares(&stayers[0], &anyone, 5 * UNIT);
    // In the hold's last epoch, the dipper sends one share away and takes it back.
    c.set_time(LAST_HOLD_DAY * DAY_MS + 23 * HOUR_MS);
    c.transfer_shares(&dipper, &eve, 1);
    c.transfer_shares(&eve, &dipper, 1);
    assert_vault_refused(&mut c, VaultError::HoldRunning, &anyone, "settle_signup_bonus", &[stayers[0].to_string()], 0);
    // The hold is over: each stayer's bonus is credited to both sides, the dipper's
    // goes back to the pool.
    c.set_time((LAST_HOLD_DAY + 1) * DAY_MS);
    for who in stayers.iter().chain([&dipper]) {
        settle(&mut c, who);
    }
    for who in &stayers {
        assert_eq!(c.claimable(who), BONUS);
    }
    assert_eq!(c.claimable(&dipper), 0);
    assert_eq!(c.claimable(&bob), 100 * BONUS);
    let totals = assert_solvent(&mut c);
    assert_eq!((totals.bonus_pool, totals.bonus_held, totals.bonus_credited), (2 * BONUS, 0, 100 * 2 * BONUS));
    // The earned bonuses are claimed like any other.
    let paid: u128 = c.vault_ok(&stayers[0], "claim", &[], 0);
    assert_eq!(paid, BONUS);
}

/// The hold makes the binding no dearer: a binding whose bonus is held (the vault
/// writes one record, the staking contract the hold into the referee's own) costs no
/// more than one whose bonus is credited at once (the vault writes both sides'
/// accounts), both the epoch's second binding (governance's answer kept).
#[test]
fn a_held_binding_costs_no_more_than_a_credited_one() {
    let binding_cost = |hold: bool| {
        let mut c = Chain::new();
        if hold {
            enact_hold(&mut c, 10);
        } else {
            c.enact_frak();
            c.set_time(DAY_MS + HOUR_MS);
            let distributor = c.who.distributor.clone();
            c.vault_ok::<u128>(&distributor, "fund_bonus_pool", &[], 10 * 2 * BONUS);
        }
        let [first, second] = [0, 1].map(|i| account_n(9, i));
        for who in [&first, &second] {
            c.endow(who);
            c.stake_with_code(who, MINIMUM, "bob").expect("binds");
        }
        let cost = c.last_cost();
        let outcome = c.index().bonuses.iter().find(|(r, _)| *r == id(&second)).map(|(_, o)| *o);
        assert_eq!(outcome.is_some(), !hold, "a held bonus is no outcome yet");
        cost
    };
    let (credited, held) = (binding_cost(false), binding_cost(true));
    println!("binding, bonus credited: {credited:?}; bonus held: {held:?}");
    assert!(held.ref_time <= credited.ref_time && held.proof_size <= credited.proof_size, "{held:?} > {credited:?}");
}
