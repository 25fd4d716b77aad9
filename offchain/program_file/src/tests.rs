use super::*;
use referral_common::program::ProgramError;

const TEMPLATE: &str = include_str!("../tests/data/vega_template.json");

fn tier(volume: u128, epochs: u32, reward: u64, discount: u64) -> BenefitTier {
    BenefitTier { minimum_running_volume: volume, minimum_epochs: epochs, reward_factor: reward, discount_factor: discount }
}

/// The seed's template, as the call it makes.
fn template_call() -> ProposalCall {
    ProposalCall {
        changes: ProgramChanges {
            end_of_program: 1_234_567_890_000,
            window_length: 3,
            benefit_tiers: vec![tier(10_000, 6, 1_000_000, 1_000_000), tier(10_000, 6, 1_000_000, 1_000_000)],
            staking_tiers: vec![
                StakingTier { minimum_staked: 100, reward_multiplier: 1_500_000_000 },
                StakingTier { minimum_staked: 500, reward_multiplier: 2_000_000_000 },
            ],
            multi_level: None,
            signup_bonus: None,
        },
        closing: 1_111_111_111_000,
        enactment: 1_111_111_155_000,
        title: "Referral proposal title".into(),
        description: "This is why I want to enact or replace referral program".into(),
    }
}

#[test]
fn the_seed_template_parses_into_the_expected_call_and_its_duplicate_tier_is_refused() {
    assert_eq!(parse(TEMPLATE), Ok(template_call()));
    // As written, the template repeats its benefit tier: the contract would refuse it.
    assert_eq!(
        read(TEMPLATE, &ProgramLimits::default()),
        Err(FileError::Rule(Rule::Program(ProgramError::DuplicateBenefitTier)))
    );
    // With the second tier made distinct it is a valid program.
    let fixed = TEMPLATE.replacen("\"minimumEpochs\": \"6\"", "\"minimumEpochs\": \"7\"", 1);
    let call = read(&fixed, &ProgramLimits::default()).unwrap();
    assert_eq!(call.changes.benefit_tiers[0].minimum_epochs, 7);
}

#[test]
fn numbers_and_strings_read_alike() {
    let strings = TEMPLATE
        .replace("\"end_of_program_timestamp\": 1234567890", "\"end_of_program_timestamp\": \"1234567890\"")
        .replace("\"window_length\": 3", "\"window_length\": \"3\"")
        .replace("\"closingTimestamp\": 1111111111", "\"closingTimestamp\": \"1111111111\"");
    assert_eq!(parse(&strings), Ok(template_call()));
    let numbers = TEMPLATE.replace("\"referralRewardMultiplier\": \"1.5\"", "\"referralRewardMultiplier\": 1.5");
    assert_eq!(parse(&numbers), Ok(template_call()));
}

#[test]
fn decimals_are_read_exactly_or_refused() {
    assert_eq!(parse_decimal("0"), Some(0));
    assert_eq!(parse_decimal("0.001"), Some(1_000_000));
    assert_eq!(parse_decimal("1.5"), Some(1_500_000_000));
    assert_eq!(parse_decimal("2"), Some(2_000_000_000));
    assert_eq!(parse_decimal("0.000000001"), Some(1));
    assert_eq!(parse_decimal("18446744073.709551615"), Some(u64::MAX));
    for bad in ["", ".5", "5.", "-1", "+1", "1e3", "0.0000000001", "1.2.3", " 1", "0x10", "18446744073.709551616", "１"] {
        assert_eq!(parse_decimal(bad), None, "{bad:?}");
    }
}

#[test]
fn a_bad_file_is_refused_with_the_field_or_the_rule() {
    let limits = ProgramLimits::default();
    assert!(matches!(read("{", &limits), Err(FileError::Json(_))));
    let missing = TEMPLATE.replace("\"closingTimestamp\"", "\"closing\"");
    assert_eq!(read(&missing, &limits), Err(FileError::MissingField("proposalSubmission.terms.closingTimestamp".into())));
    let negative = TEMPLATE.replace("\"minimumStakedTokens\": \"100\"", "\"minimumStakedTokens\": \"-100\"");
    assert_eq!(
        read(&negative, &limits),
        Err(FileError::InvalidInteger {
            field: "proposalSubmission.terms.updateReferralProgram.changes.stakingTiers[0].minimumStakedTokens".into(),
            value: "-100".into()
        })
    );
    let untitled = TEMPLATE.replace("\"title\": \"Referral proposal title\"", "\"title\": 7");
    let field = "proposalSubmission.rationale.title".to_string();
    assert_eq!(read(&untitled, &limits), Err(FileError::WrongType { field, expected: "a string" }));
    let tierless = TEMPLATE.replacen("\"stakingTiers\": [", "\"stakingTiers\": {}, \"unused\": [", 1);
    assert!(matches!(read(&tierless, &limits), Err(FileError::WrongType { expected: "a list", .. })));
    let precise = TEMPLATE.replacen("\"0.001\"", "\"0.0000000001\"", 1);
    assert!(matches!(read(&precise, &limits), Err(FileError::InvalidDecimal { .. })));
    let fixed = TEMPLATE.replacen("\"minimumEpochs\": \"6\"", "\"minimumEpochs\": \"7\"", 1);
    let rule = |from: &str, to: &str| read(&fixed.replacen(from, to, 1), &limits);
    assert_eq!(
        rule("\"window_length\": 3", "\"window_length\": 0"),
        Err(FileError::Rule(Rule::Program(ProgramError::WindowLengthOutOfRange)))
    );
    assert_eq!(
        rule("\"referralRewardFactor\": \"0.001\"", "\"referralRewardFactor\": \"0.6\""),
        Err(FileError::Rule(Rule::Program(ProgramError::RewardFactorAboveMaximum)))
    );
    assert_eq!(
        rule("\"referralRewardMultiplier\": \"1.5\"", "\"referralRewardMultiplier\": \"0.9\""),
        Err(FileError::Rule(Rule::Program(ProgramError::MultiplierBelowOne)))
    );
    assert_eq!(
        rule("\"enactmentTimestamp\": 1111111155", "\"enactmentTimestamp\": 1111111110"),
        Err(FileError::Rule(Rule::EnactmentBeforeClosing))
    );
    assert_eq!(
        rule("\"end_of_program_timestamp\": 1234567890", "\"end_of_program_timestamp\": 0"),
        Err(FileError::Rule(Rule::Program(ProgramError::EndOfProgramRequired)))
    );
    assert_eq!(rule("\"title\": \"Referral proposal title\"", "\"title\": \"\""), Err(FileError::Rule(Rule::TitleLength)));
    assert_eq!(
        FileError::Rule(Rule::Program(ProgramError::DuplicateBenefitTier)).to_string(),
        "refused by rule DuplicateBenefitTier"
    );
}

#[test]
fn the_call_prints_as_contract_arguments() {
    let args = template_call().contract_args();
    assert_eq!(args.len(), 5);
    assert!(args[0].starts_with("ProgramChanges { end_of_program: 1234567890000, window_length: 3, benefit_tiers: [BenefitTier { minimum_running_volume: 10000, minimum_epochs: 6, reward_factor: 1000000, discount_factor: 1000000 }"));
    assert!(args[0].ends_with(
        "StakingTier { minimum_staked: 500, reward_multiplier: 2000000000 }], multi_level: None, signup_bonus: None }"
    ));
    assert_eq!(
        &args[1..],
        [
            "1111111111000",
            "1111111155000",
            "\"Referral proposal title\"",
            "\"This is why I want to enact or replace referral program\""
        ]
    );
}

#[test]
fn the_shipped_ankr_program_is_valid() {
    let call = read(include_str!("../../../programs/ankr.json"), &ProgramLimits::default()).unwrap();
    assert_eq!(call.changes.benefit_tiers, vec![tier(1, 1, ONE / 2, 0)]);
    assert_eq!((call.closing, call.enactment, call.changes.window_length), (1_796_083_200_000, 1_796_169_600_000, 30));
}

#[test]
fn the_shipped_tiered_program_is_valid() {
    let call = read(include_str!("../../../programs/tiers.json"), &ProgramLimits::default()).unwrap();
    let unit = 1_000_000_000_000u128;
    assert_eq!(
        call.changes.benefit_tiers,
        vec![tier(1, 1, 3 * ONE / 10, ONE / 20), tier(10_000 * unit, 3, 4 * ONE / 10, ONE / 10)]
    );
    let multipliers: Vec<(u128, u64)> =
        call.changes.staking_tiers.iter().map(|t| (t.minimum_staked, t.reward_multiplier)).collect();
    assert_eq!(multipliers, vec![(1_000 * unit, 5 * ONE / 4), (10_000 * unit, 3 * ONE / 2)]);
}

#[test]
fn the_shipped_frak_program_has_levels_and_a_bonus_and_prints_them() {
    let call = read(include_str!("../../../programs/frak.json"), &ProgramLimits::default()).unwrap();
    let levels = MultiLevel { level_one_factor: 60_000_000, decay_factor: 800_000_000, max_depth: 10, total_cap: 300_000_000 };
    assert_eq!(call.changes.multi_level, Some(levels));
    assert_eq!(call.changes.signup_bonus, Some(SignupBonus::at_binding(50_000_000_000_000, 50_000_000_000_000)));
    assert!(call.changes.benefit_tiers.is_empty() && call.changes.staking_tiers.is_empty());
    assert!(call.contract_args()[0].ends_with(
        "multi_level: Some(MultiLevel { level_one_factor: 60000000, decay_factor: 800000000, max_depth: 10, total_cap: 300000000 }), \
         signup_bonus: Some(SignupBonus { referrer: 50000000000000, referee: 50000000000000, minimum_stake: 0, hold_epochs: 0 }) }"
    ));
}

#[test]
fn bad_levels_and_bonuses_are_refused_by_name() {
    let frak = include_str!("../../../programs/frak.json");
    let read_with = |from: &str, to: &str| read(&frak.replacen(from, to, 1), &ProgramLimits::default());
    let rule = |e: ProgramError| Err(FileError::Rule(Rule::Program(e)));
    assert_eq!(read_with("\"decayFactor\": \"0.8\"", "\"decayFactor\": \"1.01\""), rule(ProgramError::DecayFactorAboveOne));
    assert_eq!(read_with("\"maxDepth\": \"10\"", "\"maxDepth\": \"65\""), rule(ProgramError::DepthOutOfRange));
    assert_eq!(read_with("\"totalCap\": \"0.3\"", "\"totalCap\": \"0.05\""), rule(ProgramError::LevelOneFactorAboveCap));
    assert_eq!(read_with("\"totalCap\": \"0.3\"", "\"totalCap\": \"0.6\""), rule(ProgramError::TotalCapAboveMaximum));
    let no_bonus = frak.replace("\"50000000000000\"", "\"0\"");
    assert_eq!(read(&no_bonus, &ProgramLimits::default()), rule(ProgramError::SignupBonusZero));
    let path = "proposalSubmission.terms.updateReferralProgram.changes.multiLevel.levelOneFactor";
    assert_eq!(
        read_with("\"levelOneFactor\": \"0.06\"", "\"levelOneFactor\": \"6%\""),
        Err(FileError::InvalidDecimal { field: path.into(), value: "6%".into() })
    );
    assert_eq!(
        read_with("\"referee\": \"50000000000000\"", "\"someone\": \"1\""),
        Err(FileError::MissingField("proposalSubmission.terms.updateReferralProgram.changes.signupBonus.referee".into()))
    );
}

#[test]
fn a_bonus_hold_is_read_and_its_rules_refused_by_name() {
    let held = include_str!("../../../programs/frak-hold.json");
    let call = read(held, &ProgramLimits::default()).unwrap();
    let bonus = SignupBonus {
        minimum_stake: 1_000_000_000_000_000,
        hold_epochs: 30,
        ..SignupBonus::at_binding(50_000_000_000_000, 50_000_000_000_000)
    };
    assert_eq!(call.changes.signup_bonus, Some(bonus));
    assert!(call.contract_args()[0].ends_with("minimum_stake: 1000000000000000, hold_epochs: 30 }) }"));
    let read_with = |from: &str, to: &str| read(&held.replacen(from, to, 1), &ProgramLimits::default());
    let rule = |e: ProgramError| Err(FileError::Rule(Rule::Program(e)));
    assert_eq!(read_with("\"1000000000000000\"", "\"0\""), rule(ProgramError::SignupHoldWithoutMinimum));
    assert_eq!(read_with("\"holdEpochs\": 30", "\"holdEpochs\": 201"), rule(ProgramError::SignupHoldTooLong));
    assert_eq!(
        read_with("\"holdEpochs\": 30", "\"holdEpochs\": 200").map(|c| c.changes.signup_bonus.map(|b| b.hold_epochs)),
        Ok(Some(200))
    );
    let path = "proposalSubmission.terms.updateReferralProgram.changes.signupBonus.holdEpochs";
    assert_eq!(
        read_with("\"holdEpochs\": 30", "\"holdEpochs\": \"-1\""),
        Err(FileError::InvalidInteger { field: path.into(), value: "-1".into() })
    );
    // Left out or null, the rules are off: the bonus is credited at the binding.
    let at_binding = read_with("\"holdEpochs\": 30", "\"holdEpochs\": null").unwrap().changes.signup_bonus.unwrap();
    assert_eq!((at_binding.minimum_stake, at_binding.hold_epochs), (1_000_000_000_000_000, 0));
}
