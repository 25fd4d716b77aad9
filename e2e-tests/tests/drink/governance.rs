//! Program governance deployed in the sandbox with the psp22 crate's token as voting
//! token: association, a program proposed, voted, finalized and in force.
use program_governance::{Association, Outcome, Program, Proposal};
use referral_common::math::ONE;
use referral_common::program::{BenefitTier, Benefits, ProgramChanges, ProgramError, StakingTier};
use referral_e2e_tests::{assert_gov_refused, Chain, GovernanceError, DAY_MS, HOUR_MS, START_MS, UNIT};

/// Ankr's program in Vega's terms: one tier, reward factor 0.5, no discount; a staking
/// tier doubling the reward of referrers with 1,000 tokens associated (capped at 0.5).
fn program(end_of_program: u64) -> ProgramChanges {
    ProgramChanges {
        end_of_program,
        window_length: 30,
        benefit_tiers: vec![
            BenefitTier { minimum_running_volume: UNIT, minimum_epochs: 1, reward_factor: ONE / 2, discount_factor: 0 },
            BenefitTier {
                minimum_running_volume: 100 * UNIT,
                minimum_epochs: 7,
                reward_factor: ONE / 2,
                discount_factor: ONE / 10,
            },
        ],
        staking_tiers: vec![StakingTier { minimum_staked: 1_000 * UNIT, reward_multiplier: 2 * ONE }],
        multi_level: None,
        signup_bonus: None,
    }
}

fn propose_args(changes: &ProgramChanges, closing: u64, enactment: u64, title: &str) -> Vec<String> {
    let call = program_file::ProposalCall {
        changes: changes.clone(),
        closing,
        enactment,
        title: title.into(),
        description: "Ankr's split, on chain".into(),
    };
    call.contract_args()
}

#[test]
fn votes_come_from_tokens_associated_through_the_psp22_token() {
    let mut c = Chain::new();
    let (alice, bob, governance) = (c.who.alice.clone(), c.who.bob.clone(), c.governance.clone());
    c.give_votes(&alice, 1_000 * UNIT, 600 * UNIT);
    assert_eq!((c.token_balance(&alice), c.token_balance(&governance)), (400 * UNIT, 600 * UNIT));
    let association: Association = c.gov_query("association_of", &[alice.to_string()]);
    assert_eq!(association.amount, 600 * UNIT);
    c.gov_call::<()>(&alice, "disassociate", &[(100 * UNIT).to_string()]).unwrap();
    assert_eq!(c.token_balance(&alice), 500 * UNIT);
    let total: u128 = c.gov_query("total_associated", &[]);
    assert_eq!(total, 500 * UNIT);
    // Without an allowance the token refuses, and nothing changes.
    let refusal = GovernanceError::Token(referral_common::psp22::PSP22Error::InsufficientAllowance);
    assert_gov_refused(&mut c, refusal, &alice, "associate", &[UNIT.to_string()]);
    assert_gov_refused(&mut c, GovernanceError::InsufficientAssociation, &alice, "disassociate", &[(501 * UNIT).to_string()]);
    assert_gov_refused(&mut c, GovernanceError::ZeroAmount, &bob, "associate", &["0".into()]);
}

#[test]
fn a_passed_program_takes_effect_at_the_next_epoch_and_gives_its_benefits() {
    let mut c = Chain::new();
    let (alice, bob, eve) = (c.who.alice.clone(), c.who.bob.clone(), c.who.eve.clone());
    c.give_votes(&alice, 2_000 * UNIT, 1_000 * UNIT);
    c.give_votes(&bob, 500 * UNIT, 500 * UNIT);
    c.give_votes(&eve, 200 * UNIT, 200 * UNIT);
    let now = START_MS + 3 * DAY_MS + HOUR_MS;
    c.set_time(now - START_MS);
    let closing = now + DAY_MS;
    let enactment = now + 2 * DAY_MS; // an hour into epoch 5: in force from epoch 6
    let end = START_MS + 40 * DAY_MS;
    let id: u32 = c.gov_call(&alice, "propose", &propose_args(&program(end), closing, enactment, "Enable")).unwrap();
    assert_eq!(id, 0);
    c.gov_call::<()>(&alice, "vote", &["0".into(), "true".into()]).unwrap();
    c.gov_call::<()>(&bob, "vote", &["0".into(), "false".into()]).unwrap();
    c.gov_call::<()>(&bob, "vote", &["0".into(), "true".into()]).unwrap(); // changed
    c.gov_call::<()>(&eve, "vote", &["0".into(), "false".into()]).unwrap();
    // Weight behind open votes stays; the rest is free.
    assert_gov_refused(&mut c, GovernanceError::TokensLocked, &alice, "disassociate", &[UNIT.to_string()]);
    assert_gov_refused(&mut c, GovernanceError::VotingOpen, &eve, "finalize", &["0".into()]);
    c.set_time(closing - START_MS);
    assert_gov_refused(&mut c, GovernanceError::VotingClosed, &eve, "vote", &["0".into(), "true".into()]);
    c.gov_call::<()>(&eve, "finalize", &["0".into()]).unwrap();
    let proposal: Option<Proposal> = c.gov_query("proposal", &["0".into()]);
    let proposal = proposal.unwrap();
    assert_eq!((proposal.yes, proposal.no, proposal.outcome), (1_500 * UNIT, 200 * UNIT, Outcome::Passed { version: 1 }));
    assert_gov_refused(&mut c, GovernanceError::AlreadyFinalized, &eve, "finalize", &["0".into()]);
    c.gov_call::<()>(&alice, "disassociate", &[UNIT.to_string()]).unwrap();

    let epoch = |n: u64| START_MS + n * DAY_MS;
    let before: Option<Program> = c.gov_query("program_at", &[(epoch(6) - 1).to_string()]);
    assert_eq!(before, None);
    let program_in_force: Option<Program> = c.gov_query("program_at", &[epoch(6).to_string()]);
    let program_in_force = program_in_force.unwrap();
    assert_eq!((program_in_force.version, program_in_force.starts_at, program_in_force.ends_at), (1, epoch(6), epoch(40)));
    c.set_time(6 * DAY_MS);
    let current: Option<Program> = c.gov_query("current_program", &[]);
    assert_eq!(current.map(|p| p.version), Some(1));
    // Benefits: below, at and above the tiers; the multiplier and its cap.
    let benefits = |c: &mut Chain, volume: u128, epochs: u32, staked: u128| -> Benefits {
        c.gov_query("benefits", &[volume.to_string(), epochs.to_string(), staked.to_string()])
    };
    assert_eq!(benefits(&mut c, UNIT - 1, 9, 0).effective_reward, 0);
    assert_eq!(
        benefits(&mut c, UNIT, 1, 0),
        Benefits { reward_factor: ONE / 2, discount_factor: 0, multiplier: ONE, effective_reward: ONE / 2 }
    );
    assert_eq!(benefits(&mut c, 100 * UNIT, 6, 0).discount_factor, 0);
    assert_eq!(benefits(&mut c, 100 * UNIT, 7, 0).discount_factor, ONE / 10);
    let doubled = benefits(&mut c, 100 * UNIT, 7, 1_000 * UNIT);
    assert_eq!((doubled.multiplier, doubled.effective_reward), (2 * ONE, ONE / 2), "capped at the max reward proportion");
    // After the end of program: no benefits.
    let after: Benefits = c.gov_query("benefits_at", &[epoch(40).to_string(), UNIT.to_string(), "1".into(), "0".into()]);
    assert_eq!(after, Benefits { multiplier: ONE, ..Benefits::default() });
}

#[test]
fn a_bad_proposal_is_refused_by_rule_name_and_records_nothing() {
    let mut c = Chain::new();
    let (alice, bob) = (c.who.alice.clone(), c.who.bob.clone());
    c.give_votes(&alice, 1_000 * UNIT, 1_000 * UNIT);
    c.give_votes(&bob, 99 * UNIT, 99 * UNIT);
    let now = START_MS;
    let (closing, enactment) = (now + DAY_MS, now + 2 * DAY_MS);
    let mut duplicate = program(now + 10 * DAY_MS);
    duplicate.benefit_tiers.push(duplicate.benefit_tiers[0]);
    assert_gov_refused(
        &mut c,
        GovernanceError::Program(ProgramError::DuplicateBenefitTier),
        &alice,
        "propose",
        &propose_args(&duplicate, closing, enactment, "Dup"),
    );
    let mut greedy = program(now + 10 * DAY_MS);
    greedy.benefit_tiers[0].reward_factor = ONE / 2 + 1;
    assert_gov_refused(
        &mut c,
        GovernanceError::Program(ProgramError::RewardFactorAboveMaximum),
        &alice,
        "propose",
        &propose_args(&greedy, closing, enactment, "Greedy"),
    );
    let good = program(now + 10 * DAY_MS);
    assert_gov_refused(
        &mut c,
        GovernanceError::ProposerBalanceTooLow,
        &bob,
        "propose",
        &propose_args(&good, closing, enactment, "Bob"),
    );
    assert_gov_refused(
        &mut c,
        GovernanceError::ClosingOutOfRange,
        &alice,
        "propose",
        &propose_args(&good, now + HOUR_MS - 1, enactment, "Soon"),
    );
    assert_gov_refused(
        &mut c,
        GovernanceError::EnactmentBeforeClosing,
        &alice,
        "propose",
        &propose_args(&good, closing, closing - 1, "Early"),
    );
    assert_gov_refused(&mut c, GovernanceError::TitleLength, &alice, "propose", &propose_args(&good, closing, enactment, ""));
    assert_gov_refused(&mut c, GovernanceError::UnknownProposal, &alice, "vote", &["0".into(), "true".into()]);
    let id: u32 = c.gov_call(&alice, "propose", &propose_args(&good, closing, enactment, "Good")).unwrap();
    assert_gov_refused(&mut c, GovernanceError::VoterBalanceTooLow, &bob, "vote", &[id.to_string(), "true".into()]);
}
