//! Hostile arguments on the deployed contracts: amounts at 0, 1 and `u128::MAX`,
//! timestamps at 0 and `u64::MAX`, indexes at `u32::MAX`, oversized strings. Each call
//! answers or is refused by a named error, never traps, and a refusal leaves the whole
//! chain's state root unchanged.
use ink::primitives::{AccountId, Hash};
use program_governance::Error as GovernanceError;
use referral_common::program::{ProgramChanges, ProgramError};
use referral_common::psp22::PSP22Error;
use referral_e2e_tests::FRAK_PROGRAM;
use referral_e2e_tests::{id, message, Chain, Error, Outcome, VaultError, UNIT};
use referral_staking::SeriesId;

fn refused<E: ink::scale::Encode>(error: E) -> Option<Vec<u8>> {
    Some(referral_e2e_tests::refusal(error))
}

/// A hostile call: contract, caller, what it is, input, value, and the refusal expected
/// (`None`: it answers).
type Case<'a> = (&'a drink::AccountId32, &'a drink::AccountId32, &'a str, Vec<u8>, u128, Option<Vec<u8>>);

#[test]
fn edge_arguments_answer_or_are_refused_by_name_and_never_trap() {
    let mut c = Chain::new();
    let alice = c.who.alice.clone();
    assert_eq!(c.stake_with_code(&alice, 10 * UNIT, "bob"), Ok(10 * UNIT));
    let (staking, vault, governance) = (c.staking.clone(), c.vault.clone(), c.governance.clone());
    let (a, b, max, big) = (id(&alice), id(&c.who.bob), u128::MAX, "x".repeat(10_000));
    let changes = program_file::parse(FRAK_PROGRAM).unwrap().changes;
    let none: Option<Vec<u8>> = None;
    let (admin, distributor) = (c.who.admin.clone(), c.who.distributor.clone());
    // (contract, caller, what, input, value, the refusal expected; None: it answers)
    let cases: Vec<Case> = vec![
        (
            &staking,
            &alice,
            "epoch_share_seconds of epoch u32::MAX",
            message("epoch_share_seconds", (SeriesId::Total, u32::MAX)),
            0,
            refused(Error::EpochInFuture),
        ),
        (
            &staking,
            &alice,
            "epoch_share_seconds of nobody",
            message("epoch_share_seconds", (SeriesId::Account(AccountId::from([9; 32])), 0u32)),
            0,
            none.clone(),
        ),
        (&staking, &alice, "epoch_at u64::MAX", message("epoch_at", u64::MAX), 0, none.clone()),
        (&staking, &alice, "shares_for u128::MAX", message("shares_for", max), 0, none.clone()),
        (&staking, &alice, "amount_for u128::MAX", message("amount_for", max), 0, none.clone()),
        (&staking, &alice, "unstake u128::MAX", message("unstake", max), 0, refused(Error::InsufficientBalance)),
        (&staking, &alice, "unstake 0", message("unstake", 0u128), 0, refused(Error::ZeroAmount)),
        (&staking, &alice, "unstake 1 share (worth 1)", message("unstake", 1u128), 0, none.clone()),
        (&staking, &alice, "stake 1", message("stake", ()), 1, none.clone()),
        (
            &staking,
            &alice,
            "stake_with_code 10 KB code",
            message("stake_with_code", big.clone()),
            UNIT,
            refused(Error::InvalidCode),
        ),
        (
            &staking,
            &admin,
            "register_code 10 KB code",
            message("register_code", (big.clone(), a)),
            0,
            refused(Error::InvalidCode),
        ),
        (&staking, &alice, "code_info 10 KB code", message("code_info", big.clone()), 0, none.clone()),
        (
            &staking,
            &alice,
            "transfer u128::MAX",
            message("PSP22::transfer", (b, max, Vec::<u8>::new())),
            0,
            refused(PSP22Error::InsufficientBalance),
        ),
        (&staking, &alice, "approve u128::MAX", message("PSP22::approve", (b, max)), 0, none.clone()),
        (
            &staking,
            &alice,
            "increase_allowance past u128::MAX",
            message("PSP22::increase_allowance", (b, max)),
            0,
            refused(PSP22Error::Custom("Overflow".into())),
        ),
        (&staking, &admin, "set_fee_rate u64::MAX", message("set_fee_rate", u64::MAX), 0, refused(Error::FeeRateTooHigh)),
        (
            &vault,
            &distributor,
            "open_period ending at u64::MAX",
            message("open_period", (u32::MAX, 0u64, u64::MAX, Hash::from([1; 32]))),
            0,
            refused(VaultError::PeriodNotEnded),
        ),
        (
            &vault,
            &distributor,
            "open_period of no length",
            message("open_period", (0u32, 5u64, 5u64, Hash::from([1; 32]))),
            0,
            refused(VaultError::InvalidInterval),
        ),
        (
            &vault,
            &distributor,
            "add_allocations to a period never opened",
            message("add_allocations", (u32::MAX, vec![(a, max)])),
            0,
            refused(VaultError::UnknownPeriod),
        ),
        (
            &vault,
            &distributor,
            "seal_period u32::MAX",
            message("seal_period", (u32::MAX, max, u32::MAX)),
            0,
            refused(VaultError::UnknownPeriod),
        ),
        (&vault, &admin, "revoke_period u32::MAX", message("revoke_period", u32::MAX), 0, refused(VaultError::UnknownPeriod)),
        (&vault, &alice, "claim_history from u32::MAX", message("claim_history", (a, u32::MAX, u32::MAX)), 0, none.clone()),
        (&vault, &alice, "period_info u32::MAX", message("period_info", u32::MAX), 0, none.clone()),
        (
            &vault,
            &admin,
            "withdraw_bonus_pool u128::MAX",
            message("withdraw_bonus_pool", (max, a)),
            0,
            refused(VaultError::InsufficientPool),
        ),
        (&vault, &alice, "fund_bonus_pool 0", message("fund_bonus_pool", ()), 0, refused(VaultError::ZeroAmount)),
        (&governance, &alice, "program_at u64::MAX", message("program_at", u64::MAX), 0, none.clone()),
        (&governance, &alice, "benefits at their edges", message("benefits_at", (u64::MAX, max, u32::MAX, max)), 0, none.clone()),
        (
            &governance,
            &alice,
            "associate u128::MAX",
            message("associate", max),
            0,
            refused(GovernanceError::Token(PSP22Error::InsufficientAllowance)),
        ),
        (
            &governance,
            &alice,
            "propose enacted at u64::MAX",
            message("propose", (changes.clone(), u64::MAX, u64::MAX, "t".to_string(), String::new())),
            0,
            refused(GovernanceError::Program(ProgramError::EndOfProgramBeforeEnactment)),
        ),
        (
            &governance,
            &alice,
            "propose closing at u64::MAX",
            message(
                "propose",
                (ProgramChanges { end_of_program: u64::MAX, ..changes }, u64::MAX, u64::MAX, "t".to_string(), String::new()),
            ),
            0,
            refused(GovernanceError::ClosingOutOfRange),
        ),
        (
            &governance,
            &alice,
            "vote on u32::MAX",
            message("vote", (u32::MAX, true)),
            0,
            refused(GovernanceError::UnknownProposal),
        ),
        (&governance, &alice, "finalize u32::MAX", message("finalize", u32::MAX), 0, refused(GovernanceError::UnknownProposal)),
    ];
    for (contract, caller, what, input, value, expected) in cases {
        let before = c.fingerprint();
        let outcome = c.send(contract, caller, input, value);
        match expected {
            None => assert!(matches!(outcome, Outcome::Done(_)), "{what}: {outcome:?}"),
            Some(refusal) => {
                assert_eq!(outcome, Outcome::Refused(refusal), "{what}");
                assert_eq!(c.fingerprint(), before, "{what}: refused but changed the chain");
            }
        }
    }
}
