use super::*;

const TENTH: u64 = ONE / 10;

fn tier(volume: u128, epochs: u32, reward: u64, discount: u64) -> BenefitTier {
    BenefitTier { minimum_running_volume: volume, minimum_epochs: epochs, reward_factor: reward, discount_factor: discount }
}

fn staking(minimum: u128, multiplier: u64) -> StakingTier {
    StakingTier { minimum_staked: minimum, reward_multiplier: multiplier }
}

/// A valid program enacted at 1_000: three benefit tiers, two staking tiers.
fn program() -> ProgramChanges {
    ProgramChanges {
        end_of_program: 10_000,
        window_length: 3,
        benefit_tiers: vec![tier(10_000, 6, TENTH, TENTH / 2), tier(100, 1, TENTH / 10, 0), tier(1_000, 3, TENTH / 2, TENTH / 4)],
        staking_tiers: vec![staking(500, 2 * ONE), staking(100, 3 * ONE / 2)],
        // Frak's figures.
        multi_level: Some(MultiLevel {
            level_one_factor: 60_000_000,
            decay_factor: 800_000_000,
            max_depth: 10,
            total_cap: 300_000_000,
        }),
        signup_bonus: Some(SignupBonus::at_binding(50, 50)),
    }
}

fn check(changes: &ProgramChanges) -> Result<(), ProgramError> {
    changes.validate(1_000, &ProgramLimits::default())
}

/// `edit` at the edge is accepted, one past it is refused with `error`.
fn edge(error: ProgramError, at_edge: impl Fn(&mut ProgramChanges), past_edge: impl Fn(&mut ProgramChanges)) {
    let mut ok = program();
    at_edge(&mut ok);
    assert_eq!(check(&ok), Ok(()), "{error:?} at the edge");
    let mut refused = program();
    past_edge(&mut refused);
    assert_eq!(check(&refused), Err(error));
}

#[test]
fn every_rule_accepts_its_edge_and_refuses_one_past_it() {
    use ProgramError::*;
    assert_eq!(check(&program()), Ok(()));
    edge(EndOfProgramRequired, |p| p.end_of_program = 1_000, |p| p.end_of_program = 0);
    edge(EndOfProgramBeforeEnactment, |p| p.end_of_program = 1_000, |p| p.end_of_program = 999);
    edge(WindowLengthOutOfRange, |p| p.window_length = 1, |p| p.window_length = 0);
    edge(WindowLengthOutOfRange, |p| p.window_length = 200, |p| p.window_length = 201);
    edge(
        BenefitTierVolumeZero,
        |p| p.benefit_tiers[1].minimum_running_volume = 1,
        |p| p.benefit_tiers[1].minimum_running_volume = 0,
    );
    edge(BenefitTierEpochsZero, |p| p.benefit_tiers[1].minimum_epochs = 1, |p| p.benefit_tiers[1].minimum_epochs = 0);
    edge(
        RewardFactorAboveMaximum,
        |p| p.benefit_tiers[0].reward_factor = ONE / 2,
        |p| p.benefit_tiers[0].reward_factor = ONE / 2 + 1,
    );
    edge(
        DiscountFactorAboveMaximum,
        |p| p.benefit_tiers[0].discount_factor = ONE / 2,
        |p| p.benefit_tiers[0].discount_factor = ONE / 2 + 1,
    );
    edge(StakingTierMinimumZero, |p| p.staking_tiers[1].minimum_staked = 1, |p| p.staking_tiers[1].minimum_staked = 0);
    edge(MultiplierBelowOne, |p| p.staking_tiers[1].reward_multiplier = ONE, |p| p.staking_tiers[1].reward_multiplier = ONE - 1);
    // Same volume, other epochs: distinct; same both: a duplicate.
    edge(DuplicateBenefitTier, |p| p.benefit_tiers[1] = tier(10_000, 5, 0, 0), |p| p.benefit_tiers[1] = tier(10_000, 6, 0, 0));
    edge(DuplicateStakingTier, |p| p.staking_tiers[1].minimum_staked = 499, |p| p.staking_tiers[1].minimum_staked = 500);
    let tiers = |n: u32| (1..=n).map(|i| tier(u128::from(i), 1, 0, 0)).collect::<Vec<_>>();
    let stakes = |n: u32| (1..=n).map(|i| staking(u128::from(i), ONE)).collect::<Vec<_>>();
    edge(TooManyBenefitTiers, |p| p.benefit_tiers = tiers(10), |p| p.benefit_tiers = tiers(11));
    edge(TooManyStakingTiers, |p| p.staking_tiers = stakes(10), |p| p.staking_tiers = stakes(11));
    // No tiers at all is a valid (benefit-free) program.
    edge(TooManyStakingTiers, |p| p.staking_tiers.clear(), |p| p.staking_tiers = stakes(11));
    fn ml(p: &mut ProgramChanges) -> &mut MultiLevel {
        p.multi_level.as_mut().unwrap()
    }
    edge(LevelOneFactorZero, |p| ml(p).level_one_factor = 1, |p| ml(p).level_one_factor = 0);
    edge(LevelOneFactorAboveCap, |p| ml(p).level_one_factor = 300_000_000, |p| ml(p).level_one_factor = 300_000_001);
    edge(DecayFactorAboveOne, |p| ml(p).decay_factor = ONE, |p| ml(p).decay_factor = ONE + 1);
    edge(DepthOutOfRange, |p| ml(p).max_depth = 1, |p| ml(p).max_depth = 0);
    edge(DepthOutOfRange, |p| ml(p).max_depth = MAX_LEVELS, |p| ml(p).max_depth = MAX_LEVELS + 1);
    edge(TotalCapAboveMaximum, |p| ml(p).total_cap = ONE / 2, |p| ml(p).total_cap = ONE / 2 + 1);
    edge(
        SignupBonusZero,
        |p| p.signup_bonus = Some(SignupBonus::at_binding(0, 1)),
        |p| p.signup_bonus = Some(SignupBonus::at_binding(0, 0)),
    );
    edge(
        SignupBonusOverflow,
        |p| p.signup_bonus = Some(SignupBonus::at_binding(u128::MAX, 0)),
        |p| p.signup_bonus = Some(SignupBonus::at_binding(u128::MAX, 1)),
    );
    let held =
        |minimum_stake: u128, hold_epochs: u32| Some(SignupBonus { minimum_stake, hold_epochs, ..SignupBonus::at_binding(1, 1) });
    edge(SignupHoldWithoutMinimum, |p| p.signup_bonus = held(1, 1), |p| p.signup_bonus = held(0, 1));
    // A minimum alone (no hold) is a rule of its own: the binding's stake.
    edge(SignupHoldWithoutMinimum, |p| p.signup_bonus = held(5, 0), |p| p.signup_bonus = held(0, 3));
    edge(SignupHoldTooLong, |p| p.signup_bonus = held(1, MAX_HOLD_EPOCHS), |p| p.signup_bonus = held(1, MAX_HOLD_EPOCHS + 1));
    // Both are optional.
    edge(
        SignupBonusZero,
        |p| (p.multi_level, p.signup_bonus) = (None, None),
        |p| p.signup_bonus = Some(SignupBonus::at_binding(0, 0)),
    );
}

#[test]
fn benefits_below_at_and_above_each_tier() {
    let mut p = program();
    p.sort_tiers();
    let max = ONE / 2;
    let b = |volume: u128, epochs: u32| p.benefits(volume, epochs, 0, max);
    // Below the lowest tier: nothing.
    assert_eq!(b(99, 100), Benefits { reward_factor: 0, discount_factor: 0, multiplier: ONE, effective_reward: 0 });
    // At 100 (epochs 1): the first tier.
    assert_eq!((b(100, 1).reward_factor, b(100, 1).discount_factor), (TENTH / 10, 0));
    // At 1_000 with 2 epochs: tier 2's reward, tier 1's discount (epochs not met).
    assert_eq!((b(1_000, 2).reward_factor, b(1_000, 2).discount_factor), (TENTH / 2, 0));
    assert_eq!((b(1_000, 3).reward_factor, b(1_000, 3).discount_factor), (TENTH / 2, TENTH / 4));
    assert_eq!((b(9_999, 100).reward_factor, b(9_999, 100).discount_factor), (TENTH / 2, TENTH / 4));
    // The top tier by volume; its discount needs 6 epochs.
    assert_eq!((b(10_000, 5).reward_factor, b(10_000, 5).discount_factor), (TENTH, TENTH / 4));
    assert_eq!((b(10_000, 6).reward_factor, b(10_000, 6).discount_factor), (TENTH, TENTH / 2));
    assert_eq!(b(u128::MAX, u32::MAX).effective_reward, TENTH);
}

#[test]
fn the_multiplier_comes_from_the_highest_staking_tier_met_and_the_cap_binds() {
    let mut p = program();
    p.sort_tiers();
    let max = ONE / 2;
    let m = |staked: u128| p.benefits(10_000, 6, staked, max);
    assert_eq!((m(99).multiplier, m(99).effective_reward), (ONE, TENTH));
    assert_eq!((m(100).multiplier, m(100).effective_reward), (3 * ONE / 2, 3 * TENTH / 2));
    assert_eq!((m(499).multiplier, m(500).multiplier), (3 * ONE / 2, 2 * ONE));
    assert_eq!(m(500).effective_reward, 2 * TENTH);
    // The cap: 0.1 x 2 = 0.2 capped at 0.15; and exactly at the cap.
    assert_eq!(p.benefits(10_000, 6, 500, 3 * TENTH / 2).effective_reward, 3 * TENTH / 2);
    assert_eq!(p.benefits(10_000, 6, 500, 2 * TENTH).effective_reward, 2 * TENTH);
    // Rounding down: 0.000000001 x 1.5 = 0.0000000015 -> 0.000000001.
    let tiny = ProgramChanges { benefit_tiers: vec![tier(1, 1, 1, 0)], ..p.clone() };
    assert_eq!(tiny.benefits(1, 1, 100, max).effective_reward, 1);
}

#[test]
fn the_short_sort_orders_by_key_and_keeps_equal_keys_in_order() {
    let mut items = vec![(5, 'a'), (1, 'b'), (5, 'c'), (0, 'd'), (3, 'e'), (1, 'f')];
    sort_short(&mut items, |item| item.0);
    assert_eq!(items, vec![(0, 'd'), (1, 'b'), (1, 'f'), (3, 'e'), (5, 'a'), (5, 'c')]);
    let mut descending: Vec<u32> = (0..10).rev().collect();
    sort_short(&mut descending, |x| *x);
    assert_eq!(descending, (0..10).collect::<Vec<_>>());
    let (mut empty, mut one): (Vec<u8>, Vec<u8>) = (vec![], vec![7]);
    sort_short(&mut empty, |x| *x);
    sort_short(&mut one, |x| *x);
    assert_eq!((empty, one), (vec![], vec![7]));
}
