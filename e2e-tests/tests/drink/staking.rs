//! The staking contract deployed in the sandbox: the staker's story and its refusals.
use referral_e2e_tests::{assert_refused, quote, Chain, Error, DAY_MS, UNIT};
use referral_staking::{EpochRewards, PartnerStats};

/// The `SeriesId::Partner` argument in the transcoder's syntax.
fn partner_series(who: &drink::AccountId32) -> String {
    format!("Partner({who})")
}

#[test]
fn alice_bob_eve_first_partner_keeps_the_referee() {
    let mut c = Chain::new();
    let (alice, bob, eve) = (c.who.alice.clone(), c.who.bob.clone(), c.who.eve.clone());
    assert_eq!(c.stake_with_code(&alice, 100 * UNIT, "Bob"), Ok(100 * UNIT));
    assert_eq!(c.partner_of(&alice), Some(bob.clone()));
    assert_eq!(c.stake_with_code(&alice, 50 * UNIT, "eve"), Ok(50 * UNIT));
    assert_eq!(c.stake(&alice, 10 * UNIT), Ok(10 * UNIT));
    assert_eq!(c.partner_of(&alice), Some(bob.clone()));
    assert_eq!(c.partner_tvl(&bob), 160 * UNIT);
    assert_eq!(c.partner_tvl(&eve), 0);
    let stats: PartnerStats = c.query("partner_stats", &[bob.to_string()]);
    assert_eq!((stats.referrals, stats.referred_shares), (1, 160 * UNIT));
    let volume: u128 = c.query("partner_epoch_volume", &[bob.to_string(), "0".into()]);
    assert_eq!(volume, 160 * UNIT);
    // the seed's API: is this address assigned to a partner?
    let owner: Option<[u8; 32]> = c.query("code_owner", &[quote("BOB")]);
    assert_eq!(owner, Some(*bob.as_ref()));
}

#[test]
fn a_dex_buyer_who_received_shares_is_not_bound() {
    let mut c = Chain::new();
    let (charlie, buyer, bob) = (c.who.charlie.clone(), c.who.dex_buyer.clone(), c.who.bob.clone());
    c.stake(&charlie, 10 * UNIT).unwrap();
    c.transfer_shares(&charlie, &buyer, 3 * UNIT);
    let held: bool = c.query("has_ever_held", &[buyer.to_string()]);
    assert!(held);
    assert_eq!(c.stake_with_code(&buyer, UNIT, "bob"), Ok(UNIT));
    assert_eq!(c.partner_of(&buyer), None);
    assert_eq!(c.partner_tvl(&bob), 0);
}

#[test]
fn a_former_holder_at_zero_balance_is_not_bound() {
    let mut c = Chain::new();
    let (alice, eve) = (c.who.alice.clone(), c.who.eve.clone());
    c.stake(&alice, 5 * UNIT).unwrap();
    let paid: u128 = c.ok(&alice, "unstake", &[(5 * UNIT).to_string()], 0);
    assert_eq!(paid, 5 * UNIT);
    assert_eq!(c.balance_of(&alice), 0);
    assert_eq!(c.stake_with_code(&alice, UNIT, "eve"), Ok(UNIT));
    assert_eq!(c.partner_of(&alice), None);
    assert_eq!(c.partner_tvl(&eve), 0);
}

#[test]
fn self_referral_and_a_cycle_are_refused_and_change_nothing() {
    let mut c = Chain::new();
    let (admin, alice, bob) = (c.who.admin.clone(), c.who.alice.clone(), c.who.bob.clone());
    assert_refused(&mut c, Error::SelfReferral, &bob, "stake_with_code", &[quote("bob")], UNIT);
    // Alice is Bob's referee and gets a code; Bob, still brand new, may not bind to it.
    c.stake_with_code(&alice, UNIT, "bob").unwrap();
    c.ok::<()>(&admin, "register_code", &[quote("alice"), alice.to_string()], 0);
    assert_refused(&mut c, Error::ReferralCycle, &bob, "stake_with_code", &[quote("alice")], 7 * UNIT);
    let held: bool = c.query("has_ever_held", &[bob.to_string()]);
    assert!(!held);
}

#[test]
fn tvl_follows_transfers_between_bound_and_unbound_holders_and_partners() {
    let mut c = Chain::new();
    let (alice, charlie, buyer) = (c.who.alice.clone(), c.who.charlie.clone(), c.who.dex_buyer.clone());
    let (bob, eve) = (c.who.bob.clone(), c.who.eve.clone());
    c.stake_with_code(&alice, 100, "bob").unwrap();
    c.stake_with_code(&charlie, 40, "eve").unwrap();
    c.stake(&buyer, 30).unwrap();
    c.transfer_shares(&alice, &buyer, 25); // bound -> unbound
    assert_eq!((c.partner_tvl(&bob), c.partner_tvl(&eve)), (75, 40));
    c.transfer_shares(&buyer, &charlie, 5); // unbound -> bound
    assert_eq!((c.partner_tvl(&bob), c.partner_tvl(&eve)), (75, 45));
    c.transfer_shares(&alice, &charlie, 15); // between partners
    assert_eq!((c.partner_tvl(&bob), c.partner_tvl(&eve)), (60, 60));
    assert_eq!(c.balance_of(&alice), 60);
    assert_eq!(c.balance_of(&charlie), 60);
}

#[test]
fn share_seconds_of_each_epoch_match_a_hand_calculation() {
    let mut c = Chain::new();
    let (alice, charlie, buyer, bob) = (c.who.alice.clone(), c.who.charlie.clone(), c.who.dex_buyer.clone(), c.who.bob.clone());
    c.stake_with_code(&alice, 1_000, "bob").unwrap(); // Bob 1000 from 0 s
    c.set_time(3_600_000);
    c.stake_with_code(&charlie, 500, "bob").unwrap(); // 1500 from 3600 s
    c.set_time(7_200_000);
    c.transfer_shares(&alice, &buyer, 400); // 1100 from 7200 s
    c.set_time(DAY_MS + 600_000); // ten minutes into epoch 1
    let in_epoch = |c: &mut Chain, series: String, epoch: u32| -> Result<u128, Error> {
        c.call::<u128>(&alice, "epoch_share_seconds", &[series, epoch.to_string()], 0)
    };
    let series = partner_series(&bob);
    assert_eq!(in_epoch(&mut c, series.clone(), 0), Ok(1_000 * 3_600 + 1_500 * 3_600 + 1_100 * (86_400 - 7_200)));
    assert_eq!(in_epoch(&mut c, series, 1), Ok(1_100 * 600), "the current epoch, up to the block");
    assert_eq!(in_epoch(&mut c, "Total".into(), 0), Ok(1_000 * 3_600 + 1_500 * (86_400 - 3_600)));
    assert_eq!(in_epoch(&mut c, format!("Account({alice})"), 0), Ok(1_000 * 7_200 + 600 * (86_400 - 7_200)));
    assert_eq!(in_epoch(&mut c, format!("Account({buyer})"), 0), Ok(0), "an unbound holder has no series");
    assert_refused(&mut c, Error::EpochInFuture, &alice, "epoch_share_seconds", &["Total".into(), "2".into()], 0);
}

#[test]
fn report_rewards_raises_the_rate_and_sets_the_fee_aside_exactly() {
    let mut c = Chain::new();
    let (alice, charlie, oracle, treasury) =
        (c.who.alice.clone(), c.who.charlie.clone(), c.who.oracle.clone(), c.who.treasury.clone());
    c.stake_with_code(&alice, 100_000 * UNIT, "bob").unwrap();
    let staking = c.staking.clone();
    let native_before = c.native(&staking);
    // The seed's day: 10 units of rewards, 10% fee: 1 set aside, 9 raise the rate.
    c.ok::<()>(&oracle, "report_rewards", &[], 10 * UNIT);
    assert_eq!(c.native(&staking), native_before + 10 * UNIT);
    let fees: u128 = c.query("unwithdrawn_fees", &[]);
    let pooled: u128 = c.query("total_pooled", &[]);
    assert_eq!((fees, pooled), (UNIT, 100_009 * UNIT));
    let epoch: EpochRewards = c.query("epoch_rewards", &["0".into()]);
    assert_eq!((epoch.rewards, epoch.fee, epoch.reports), (10 * UNIT, UNIT, 1));
    // 7 units of the smallest denomination: the fee 0.7 rounds down to 0.
    c.set_time(DAY_MS);
    c.ok::<()>(&oracle, "report_rewards", &[], 7);
    let epoch: EpochRewards = c.query("epoch_rewards", &["1".into()]);
    assert_eq!((epoch.rewards, epoch.fee), (7, 0));
    // a later staker gets fewer shares per unit, rounded down
    assert_eq!(c.stake(&charlie, 100_009 * UNIT + 7), Ok(100_000 * UNIT));
    // the treasury withdraws exactly the fee
    let before = c.native(&treasury);
    c.ok::<()>(&treasury, "withdraw_fees", &[UNIT.to_string()], 0);
    assert_eq!(c.native(&treasury), before + UNIT);
    assert_refused(&mut c, Error::InsufficientFees, &treasury, "withdraw_fees", &["1".into()], 0);
    // Alice, alone when both reports came, has her stake, the 9 units and the 7.
    let amount: u128 = c.call(&alice, "amount_for", &[(100_000 * UNIT).to_string()], 0).unwrap();
    assert_eq!(amount, 100_009 * UNIT + 7);
}

#[test]
fn every_refusal_changes_nothing_and_the_caller_keeps_its_tokens() {
    let mut c = Chain::new();
    let w = &c.who;
    let (admin, oracle, treasury, alice, bob, charlie) =
        (w.admin.clone(), w.oracle.clone(), w.treasury.clone(), w.alice.clone(), w.bob.clone(), w.charlie.clone());
    assert_refused(&mut c, Error::NothingStaked, &oracle, "report_rewards", &[], UNIT);
    c.stake_with_code(&alice, 10 * UNIT, "bob").unwrap();
    c.ok::<()>(&oracle, "report_rewards", &[], UNIT);
    let code = |s: &str| vec![quote(s)];
    assert_refused(&mut c, Error::InvalidCode, &charlie, "stake_with_code", &code("b!"), UNIT);
    assert_refused(&mut c, Error::UnknownCode, &charlie, "stake_with_code", &code("nobody"), UNIT);
    assert_refused(&mut c, Error::ZeroAmount, &charlie, "stake_with_code", &code("bob"), 0);
    assert_refused(&mut c, Error::ZeroAmount, &charlie, "stake", &[], 0);
    // after the rewards a share is worth more than one unit: a 1-unit stake mints none
    assert_refused(&mut c, Error::StakeTooSmall, &charlie, "stake_with_code", &code("eve"), 1);
    assert_refused(&mut c, Error::StakeTooSmall, &charlie, "stake", &[], 1);
    assert_refused(&mut c, Error::EpochInFuture, &charlie, "epoch_share_seconds", &["Total".into(), "1".into()], 0);
    c.ok::<()>(&bob, "set_code_active", &[quote("bob"), "false".into()], 0);
    assert_refused(&mut c, Error::InactiveCode, &charlie, "stake_with_code", &code("bob"), UNIT);
    c.ok::<()>(&admin, "set_paused", &["true".into()], 0);
    assert_refused(&mut c, Error::Paused, &charlie, "stake_with_code", &code("eve"), UNIT);
    assert_refused(&mut c, Error::Paused, &charlie, "stake", &[], UNIT);
    c.ok::<()>(&admin, "set_paused", &["false".into()], 0);
    assert_refused(&mut c, Error::ZeroAmount, &alice, "unstake", &["0".into()], 0);
    assert_refused(&mut c, Error::InsufficientBalance, &alice, "unstake", &[(11 * UNIT).to_string()], 0);
    assert_refused(&mut c, Error::Unauthorized, &alice, "report_rewards", &[], UNIT);
    assert_refused(&mut c, Error::ZeroAmount, &oracle, "report_rewards", &[], 0);
    assert_refused(&mut c, Error::Unauthorized, &alice, "withdraw_fees", &["1".into()], 0);
    assert_refused(&mut c, Error::ZeroAmount, &treasury, "withdraw_fees", &["0".into()], 0);
    for stranger in [&alice, &oracle, &treasury] {
        assert_refused(&mut c, Error::Unauthorized, stranger, "register_code", &[quote("new-code"), alice.to_string()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "reassign_code", &[quote("eve"), alice.to_string()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "set_paused", &["true".into()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "set_fee_rate", &["1".into()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "set_oracle", &[alice.to_string()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "set_treasury", &[alice.to_string()], 0);
        assert_refused(&mut c, Error::Unauthorized, stranger, "transfer_admin", &[alice.to_string()], 0);
    }
    assert_refused(&mut c, Error::Unauthorized, &alice, "transfer_code", &[quote("bob"), alice.to_string()], 0);
    assert_refused(&mut c, Error::Unauthorized, &alice, "set_code_active", &[quote("bob"), "true".into()], 0);
    assert_refused(&mut c, Error::CodeTaken, &admin, "register_code", &[quote("BOB"), alice.to_string()], 0);
    assert_refused(&mut c, Error::InvalidCode, &admin, "register_code", &[quote("no"), alice.to_string()], 0);
    assert_refused(&mut c, Error::SameOwner, &bob, "transfer_code", &[quote("bob"), bob.to_string()], 0);
    assert_refused(&mut c, Error::FeeRateTooHigh, &admin, "set_fee_rate", &["500000001".into()], 0);
    assert_refused(&mut c, Error::NotPendingAdmin, &alice, "accept_admin", &[], 0);
    // the two-step admin transfer
    c.ok::<()>(&admin, "transfer_admin", &[alice.to_string()], 0);
    assert_refused(&mut c, Error::NotPendingAdmin, &bob, "accept_admin", &[], 0);
    c.ok::<()>(&alice, "accept_admin", &[], 0);
    assert_refused(&mut c, Error::Unauthorized, &admin, "set_paused", &["true".into()], 0);
}

#[test]
fn binding_and_skipping_are_told_by_events_on_chain() {
    use ink::scale::Decode;
    use referral_common::psp22::Transfer;
    use referral_staking::events::{BindingSkipped, ReferralBound, SkipReason, Staked};
    let mut c = Chain::new();
    let (alice, bob) = (c.who.alice.clone(), c.who.bob.clone());
    let id = |a: &drink::AccountId32| ink::primitives::AccountId::from(*<drink::AccountId32 as AsRef<[u8; 32]>>::as_ref(a));
    c.stake_with_code(&alice, 5 * UNIT, "BOB").unwrap();
    let events: Vec<Vec<u8>> = c.session().record().last_event_batch().contract_events().iter().map(|e| e.to_vec()).collect();
    assert_eq!(events.len(), 4, "ReferralBound, Transfer, Staked, then the vault's SignupBonusSkipped");
    let bound = ReferralBound::decode(&mut &events[0][..]).unwrap();
    assert_eq!((bound.referee, bound.partner, bound.code.as_str(), bound.epoch), (id(&alice), id(&bob), "bob", 0));
    let minted = Transfer::decode(&mut &events[1][..]).unwrap();
    assert_eq!((minted.from, minted.to, minted.value), (None, Some(id(&alice)), 5 * UNIT));
    let staked = Staked::decode(&mut &events[2][..]).unwrap();
    assert_eq!((staked.partner, staked.amount, staked.shares), (Some(id(&bob)), 5 * UNIT, 5 * UNIT));
    // No program in force: the vault skips the bonus, the binding stands.
    let bonus = referral_common::bonus::SignupBonusSkipped::decode(&mut &events[3][..]).unwrap();
    assert_eq!(
        (bonus.referrer, bonus.referee, bonus.reason),
        (id(&bob), id(&alice), referral_common::bonus::BonusSkipReason::BonusOff)
    );
    c.stake_with_code(&alice, UNIT, "eve").unwrap();
    let events: Vec<Vec<u8>> = c.session().record().last_event_batch().contract_events().iter().map(|e| e.to_vec()).collect();
    let skipped = BindingSkipped::decode(&mut &events[0][..]).unwrap();
    assert_eq!((skipped.code.as_str(), skipped.reason), ("eve", SkipReason::AlreadyBound));
    assert_eq!(events.len(), 3, "BindingSkipped, Transfer, Staked: no bonus without a binding");
}
