//! Unit tests of governance's books on ink!'s off-chain engine. (Token transfers are
//! cross-contract calls, which only the sandbox tests can make.)
use crate::council::{Council, Submission, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH};
use crate::errors::Error;
use crate::types::{GovernanceParams, Outcome, Rejection};
use ink::primitives::AccountId;
use referral_common::math::ONE;
use referral_common::program::{BenefitTier, ProgramChanges, ProgramError, StakingTier};

const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
/// Epoch 0 starts here; the clock of the tests starts 10 days later.
const GENESIS: u64 = 1_700_000_000_000;
const NOW: u64 = GENESIS + 10 * DAY;
const MIN_BALANCE: u128 = 100;

fn params() -> GovernanceParams {
    GovernanceParams::with_vega_defaults(MIN_BALANCE, HOUR, 30 * DAY, GENESIS, DAY)
}

fn who(byte: u8) -> AccountId {
    AccountId::from([byte; 32])
}

fn changes(end_of_program: u64) -> ProgramChanges {
    ProgramChanges {
        end_of_program,
        window_length: 3,
        benefit_tiers: vec![
            BenefitTier { minimum_running_volume: 1_000, minimum_epochs: 2, reward_factor: ONE / 10, discount_factor: ONE / 20 },
            BenefitTier { minimum_running_volume: 10, minimum_epochs: 1, reward_factor: ONE / 100, discount_factor: 0 },
        ],
        staking_tiers: vec![StakingTier { minimum_staked: 500, reward_multiplier: 2 * ONE }],
        multi_level: None,
        signup_bonus: None,
    }
}

fn submission(closing: u64, enactment: u64) -> Submission {
    Submission { changes: changes(enactment + 100 * DAY), closing, enactment, title: "Enable".into(), description: String::new() }
}

/// A council where account 1 holds `weights[0]`, account 2 `weights[1]`, ...
fn council(weights: &[u128]) -> Council {
    let mut c = Council::default();
    for (i, w) in weights.iter().enumerate() {
        c.associate(who(i as u8 + 1), *w).unwrap();
    }
    c
}

/// Everything observable about the council (accounts 1 to 5, proposals 0 to 3).
fn snapshot(c: &Council) -> String {
    let mut out = format!("total={} proposals={} programs={}\n", c.total_associated(), c.proposal_count(), c.program_count());
    for i in 1..=5 {
        out += &format!("{:?}\n", c.association(who(i)));
        for p in 0..4 {
            out += &format!("  {:?}\n", c.vote_of(p, who(i)));
        }
    }
    for p in 0..4 {
        out += &format!("{:?}\n", c.proposal(p));
    }
    for v in 0..4 {
        out += &format!("{:?}\n", c.program(v));
    }
    out
}

fn refused<T: core::fmt::Debug>(c: &mut Council, expected: Error, f: impl FnOnce(&mut Council) -> Result<T, Error>) {
    let before = snapshot(c);
    assert_eq!(f(c).unwrap_err(), expected);
    assert_eq!(snapshot(c), before, "a refusal ({expected:?}) changed state");
}

#[ink::test]
fn every_proposal_rule_accepts_its_edge_and_refuses_one_past_it() {
    let p = params();
    let mut c = council(&[MIN_BALANCE, MIN_BALANCE - 1]);
    let proposer = who(1);
    let ok = |c: &mut Council, s: Submission| c.propose(proposer, s, &p, NOW).map(|(id, _)| id);
    // Closing: from now + 1 hour to now + 30 days.
    assert_eq!(ok(&mut c, submission(NOW + HOUR, NOW + HOUR)), Ok(0));
    refused(&mut c, Error::ClosingOutOfRange, |c| ok(c, submission(NOW + HOUR - 1, NOW + HOUR)));
    assert_eq!(ok(&mut c, submission(NOW + 30 * DAY, NOW + 30 * DAY)), Ok(1));
    refused(&mut c, Error::ClosingOutOfRange, |c| ok(c, submission(NOW + 30 * DAY + 1, NOW + 30 * DAY + 1)));
    // Enactment: the same range, and not before closing.
    refused(&mut c, Error::EnactmentOutOfRange, |c| ok(c, submission(NOW + 2 * HOUR, NOW + 30 * DAY + 1)));
    refused(&mut c, Error::EnactmentBeforeClosing, |c| ok(c, submission(NOW + 2 * HOUR, NOW + 2 * HOUR - 1)));
    // Title and description lengths.
    let with_text = |title: usize, description: usize| Submission {
        title: "t".repeat(title),
        description: "d".repeat(description),
        ..submission(NOW + HOUR, NOW + HOUR)
    };
    assert!(ok(&mut c, with_text(MAX_TITLE_LENGTH, MAX_DESCRIPTION_LENGTH)).is_ok());
    refused(&mut c, Error::TitleLength, |c| ok(c, with_text(0, 0)));
    refused(&mut c, Error::TitleLength, |c| ok(c, with_text(MAX_TITLE_LENGTH + 1, 0)));
    refused(&mut c, Error::DescriptionTooLong, |c| ok(c, with_text(1, MAX_DESCRIPTION_LENGTH + 1)));
    // The proposer's balance: at the minimum (account 1), one under (account 2).
    refused(&mut c, Error::ProposerBalanceTooLow, |c| c.propose(who(2), submission(NOW + HOUR, NOW + HOUR), &p, NOW).map(|_| ()));
    // A program rule, by its name.
    let mut duplicate = submission(NOW + HOUR, NOW + HOUR);
    duplicate.changes.staking_tiers.push(StakingTier { minimum_staked: 500, reward_multiplier: ONE });
    refused(&mut c, Error::Program(ProgramError::DuplicateStakingTier), |c| ok(c, duplicate));
    let mut early_end = submission(NOW + HOUR, NOW + 2 * HOUR);
    early_end.changes.end_of_program = NOW + 2 * HOUR - 1;
    refused(&mut c, Error::Program(ProgramError::EndOfProgramBeforeEnactment), |c| ok(c, early_end));
    // Stored with its tiers sorted.
    let stored = c.proposal(0).unwrap();
    assert_eq!(stored.changes.benefit_tiers[0].minimum_running_volume, 10);
}

/// Voters 1..=n with `weights`; a proposal closing in a day; votes as given; finalized.
/// Each decision on fresh storage.
fn decide(weights: &[u128], votes: &[(u8, bool)]) -> Outcome {
    let mut outcome = None;
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let p = params();
        let mut c = council(weights);
        let (id, _) = c.propose(who(1), submission(NOW + DAY, NOW + 2 * DAY), &p, NOW).unwrap();
        for (voter, accept) in votes {
            c.vote(id, who(*voter), *accept, &p, NOW).unwrap();
        }
        outcome = Some(c.finalize(id, &p, NOW + DAY).unwrap().0.outcome);
        Ok(())
    })
    .unwrap();
    outcome.unwrap()
}

#[ink::test]
fn participation_and_majority_pass_exactly_at_their_thresholds() {
    // Participation 0.01: voter 2 holds 100 of 10_000 (exactly 1%), then 100 of 10_001.
    assert_eq!(decide(&[9_900, 100], &[(2, true)]), Outcome::Passed { version: 1 });
    assert_eq!(decide(&[9_901, 100], &[(2, true)]), Outcome::Rejected(Rejection::ParticipationNotReached));
    // Majority 0.66: 66 yes of 100 voted; then 659 of 1_000.
    assert_eq!(decide(&[6_600, 3_400], &[(1, true), (2, false)]), Outcome::Passed { version: 1 });
    assert_eq!(decide(&[6_590, 3_410], &[(1, true), (2, false)]), Outcome::Rejected(Rejection::MajorityNotReached));
    // Nobody votes.
    assert_eq!(decide(&[1_000], &[]), Outcome::Rejected(Rejection::ParticipationNotReached));
}

#[ink::test]
fn votes_can_change_and_lock_their_weight_until_closing() {
    let p = params();
    let mut c = council(&[1_000, 300]);
    let (id, _) = c.propose(who(1), submission(NOW + DAY, NOW + 2 * DAY), &p, NOW).unwrap();
    c.vote(id, who(2), true, &p, NOW).unwrap();
    assert_eq!((c.proposal(id).unwrap().yes, c.proposal(id).unwrap().no), (300, 0));
    // More weight, then a changed vote: the tally follows.
    c.associate(who(2), 200).unwrap();
    c.vote(id, who(2), false, &p, NOW + HOUR).unwrap();
    assert_eq!((c.proposal(id).unwrap().yes, c.proposal(id).unwrap().no), (0, 500));
    // Locked: 500 until closing; nothing free.
    refused(&mut c, Error::TokensLocked, |c| c.disassociate(who(2), 1, NOW + DAY - 1));
    refused(&mut c, Error::InsufficientAssociation, |c| c.disassociate(who(2), 501, NOW + DAY));
    refused(&mut c, Error::ZeroAmount, |c| c.disassociate(who(2), 0, NOW + DAY));
    // Tokens associated after the vote are free.
    c.associate(who(2), 50).unwrap();
    c.disassociate(who(2), 50, NOW + 2 * HOUR).unwrap();
    refused(&mut c, Error::VoterBalanceTooLow, |c| c.vote(id, who(3), true, &p, NOW));
    refused(&mut c, Error::VotingClosed, |c| c.vote(id, who(2), true, &p, NOW + DAY));
    refused(&mut c, Error::VotingOpen, |c| c.finalize(id, &p, NOW + DAY - 1));
    refused(&mut c, Error::UnknownProposal, |c| c.vote(9, who(2), true, &p, NOW));
    c.disassociate(who(2), 500, NOW + DAY).unwrap();
    assert_eq!(c.total_associated(), 1_000);
    c.finalize(id, &p, NOW + DAY).unwrap();
    refused(&mut c, Error::AlreadyFinalized, |c| c.finalize(id, &p, NOW + DAY));
}

/// Passes a proposal enacted at `enactment` with `end` as end of program; returns its
/// version.
fn enact(c: &mut Council, enactment: u64, end: u64) -> u32 {
    let p = params();
    let now = enactment - 2 * DAY;
    let s = Submission { changes: changes(end), ..submission(now + DAY, enactment) };
    let (id, _) = c.propose(who(1), s, &p, now).unwrap();
    c.vote(id, who(1), true, &p, now).unwrap();
    let (finalized, enacted) = c.finalize(id, &p, now + DAY).unwrap();
    let Outcome::Passed { version } = finalized.outcome else { panic!("{finalized:?}") };
    assert_eq!(enacted.unwrap().version, version);
    version
}

#[ink::test]
fn programs_start_and_end_on_epoch_starts_and_replace_each_other() {
    let mut c = council(&[1_000]);
    let epoch = |n: u64| GENESIS + n * DAY;
    // Enacted an hour into epoch 12: in force from epoch 13 to the epoch start after
    // its end (an hour into epoch 40 -> epoch 41).
    let v1 = enact(&mut c, epoch(12) + HOUR, epoch(40) + HOUR);
    let program = c.program(v1).unwrap();
    assert_eq!((program.version, program.starts_at, program.ends_at), (1, epoch(13), epoch(41)));
    assert_eq!(c.program_at(epoch(13) - 1), None);
    assert_eq!(c.program_at(epoch(13)).map(|p| p.version), Some(1));
    // Enacted exactly at an epoch start: from that epoch.
    let v2 = enact(&mut c, epoch(20), epoch(60));
    assert_eq!(c.program(v2).unwrap().starts_at, epoch(20));
    assert_eq!(c.program_at(epoch(20) - 1).map(|p| p.version), Some(1));
    assert_eq!(c.program_at(epoch(20)).map(|p| p.version), Some(2));
    assert_eq!(c.program_at(epoch(59)).map(|p| p.version), Some(2));
    assert_eq!(c.program_at(epoch(60)), None);
    // Ending it early: the same tiers, end of program = enactment.
    let v3 = enact(&mut c, epoch(30) + 5, epoch(30) + 5);
    let end = c.program(v3).unwrap();
    assert_eq!((end.starts_at, end.ends_at), (epoch(31), epoch(31)));
    assert_eq!(c.program_at(epoch(31) - 1).map(|p| p.version), Some(2));
    assert_eq!(c.program_at(epoch(31)), None);
    assert_eq!(c.program_at(epoch(50)), None);
    assert_eq!(c.program_count(), 3);
}

#[ink::test]
fn a_program_finalized_late_starts_at_the_next_epoch_never_in_the_past() {
    let mut c = council(&[1_000]);
    let p = params();
    let epoch = |n: u64| GENESIS + n * DAY;
    let v1 = enact(&mut c, epoch(12), epoch(100));
    // Enactment an hour into epoch 14, finalized in epoch 20 (an hour in) and at the
    // very start of epoch 30.
    for (finalized_at, expected_start) in [(epoch(20) + HOUR, epoch(21)), (epoch(30), epoch(30))] {
        let now = epoch(13);
        let s = Submission { changes: changes(epoch(100)), ..submission(now + DAY, epoch(14) + HOUR) };
        let (id, _) = c.propose(who(1), s, &p, now).unwrap();
        c.vote(id, who(1), true, &p, now).unwrap();
        let before: Vec<Option<u32>> = (12..=30).map(|n| c.program_at(epoch(n) - 1).map(|p| p.version)).collect();
        let (_, enacted) = c.finalize(id, &p, finalized_at).unwrap();
        let enacted = enacted.unwrap();
        assert_eq!(enacted.starts_at, expected_start);
        assert_eq!(c.program(enacted.version).unwrap().starts_at, expected_start);
        // Nothing before the finalization changed.
        let after: Vec<Option<u32>> = (12..=30).map(|n| c.program_at(epoch(n) - 1).map(|p| p.version)).collect();
        let past = (finalized_at - epoch(12)) / DAY + 1;
        assert_eq!(after[..past as usize], before[..past as usize]);
        assert_eq!(c.program_at(finalized_at - 1).map(|p| p.version), before[past as usize - 1]);
        assert_eq!(c.program_at(expected_start).map(|p| p.version), Some(enacted.version));
    }
    assert_eq!(c.program_at(epoch(20) + HOUR).map(|p| p.version), Some(v1));
    assert_eq!(c.program_at(epoch(21)).map(|p| p.version), Some(2));
    assert_eq!(c.program_at(epoch(30)).map(|p| p.version), Some(3));
}

#[ink::test]
fn the_program_of_a_time_stands_until_its_settled_time_whatever_is_finalized_later() {
    let p = params();
    let epoch = |n: u64| GENESIS + n * DAY;
    // Inside an epoch: settled until the next epoch start; at an epoch start, not at all
    // (a program finalized in that millisecond starts then); before epoch 0, until it.
    assert_eq!(p.settled_until(epoch(13) + HOUR), Some(epoch(14)));
    assert_eq!(p.settled_until(epoch(14) - 1), Some(epoch(14)));
    assert_eq!(p.settled_until(epoch(13)), Some(epoch(13)));
    assert_eq!(p.settled_until(GENESIS - HOUR), Some(GENESIS));
    // A vault asks at `asked` and keeps the answer until `settled_until(asked)`; a
    // program finalized at any time from `asked` on (its enactment long passed) never
    // changes the program in force before then.
    for asked in [epoch(13) + HOUR, epoch(14) - 1, epoch(13)] {
        let until = p.settled_until(asked).unwrap();
        for finalized_at in [asked, asked + 1, until.saturating_sub(1).max(asked), until, until + HOUR] {
            let mut c = council(&[1_000]);
            enact(&mut c, epoch(12), epoch(100));
            let now = epoch(11);
            let s = Submission { changes: changes(epoch(100)), ..submission(now + DAY, epoch(12) + HOUR) };
            let (id, _) = c.propose(who(1), s, &p, now).unwrap();
            c.vote(id, who(1), true, &p, now).unwrap();
            let kept = c.program_at(asked).map(|p| p.version);
            let (_, enacted) = c.finalize(id, &p, finalized_at).unwrap();
            assert!(enacted.unwrap().starts_at >= until, "asked {asked}, finalized {finalized_at}");
            for t in [asked, until.saturating_sub(1).max(asked)] {
                if t < until {
                    assert_eq!(c.program_at(t).map(|p| p.version), kept, "asked {asked}, at {t}");
                }
            }
        }
    }
}

#[ink::test]
fn a_finalization_whose_next_epoch_start_overflows_is_refused_and_changes_nothing() {
    let mut c = council(&[1_000]);
    let p = params();
    let (id, _) = c.propose(who(1), submission(NOW + DAY, NOW + DAY), &p, NOW).unwrap();
    c.vote(id, who(1), true, &p, NOW).unwrap();
    refused(&mut c, Error::Overflow, |c| c.finalize(id, &p, u64::MAX));
    // At a representable time the same proposal passes.
    assert!(matches!(c.finalize(id, &p, NOW + DAY).unwrap().0.outcome, Outcome::Passed { version: 1 }));
}

#[ink::test]
fn the_program_at_any_time_is_the_latest_started_whether_recent_or_searched() {
    let mut c = council(&[1_000]);
    let epoch = |n: u64| GENESIS + n * DAY;
    // Twenty versions, two starting at each of epochs 12, 14, ... 30 (the later wins),
    // all ending at epoch 100: more than the newest few that are tried first.
    for k in 0..20u64 {
        enact(&mut c, epoch(12 + k / 2 * 2), epoch(100));
    }
    // The model: the highest version whose start is at or before the time.
    let model = |time: u64| (1..=20u32).filter(|v| epoch(12 + u64::from(v - 1) / 2 * 2) <= time).last();
    for time in (epoch(11)..=epoch(32)).step_by((DAY / 2) as usize).chain([epoch(12) - 1, epoch(99), epoch(100)]) {
        let expected = model(time).filter(|_| time < epoch(100));
        assert_eq!(c.program_at(time).map(|p| p.version), expected, "at {}", time - GENESIS);
    }
    assert_eq!(c.program_at(epoch(13)).map(|p| p.version), Some(2));
    assert_eq!(c.program_at(epoch(30)).map(|p| p.version), Some(20));
}

#[ink::test]
fn the_constructor_refuses_parameters_out_of_range() {
    use crate::program_governance::ProgramGovernance;
    let token = who(9);
    assert!(ProgramGovernance::new(token, params()).is_ok());
    let broken: [fn(&mut GovernanceParams); 9] = [
        |p| p.limits.max_tiers = 0,
        |p| p.limits.max_reward_factor = ONE + 1,
        |p| p.limits.max_discount_factor = ONE + 1,
        |p| p.limits.max_reward_proportion = ONE + 1,
        |p| p.required_participation = ONE + 1,
        |p| p.required_majority = ONE + 1,
        |p| p.min_close = p.max_close + 1,
        |p| p.min_enact = p.max_enact + 1,
        |p| p.epoch_length = 0,
    ];
    for (i, breaks) in broken.iter().enumerate() {
        let mut p = params();
        breaks(&mut p);
        assert_eq!(ProgramGovernance::new(token, p).err(), Some(Error::InvalidConfig), "parameter {i}");
    }
    // At the edges: ratios of exactly 1.0, equal ranges.
    let mut edge = params();
    edge.required_majority = ONE;
    edge.min_close = edge.max_close;
    assert!(ProgramGovernance::new(token, edge).is_ok());
}
