//! The three contracts and the accountant together: governance enacts Ankr's program,
//! stakers stake with codes, the oracle reports a fee every epoch, the accountant turns
//! the chain state into the allocation file, the distributor deposits it in chunks under
//! its hash, and after the window the partners claim exactly their lines.
use accountant::allocate;
use drink::AccountId32;
use program_governance::Outcome;
use referral_client::operator::{deposit, Deposit, OperatorError};
use referral_client::reader::period_input;
use referral_common::testing::ankr_program;
use referral_e2e_tests::{account, id, Chain, Transcript, DAY_MS, HOUR_MS, START_MS, UNIT, WINDOW_MS};

#[test]
fn a_program_month_from_stakes_to_claims() {
    let mut c = Chain::new();
    let w = &c.who;
    let (alice, bob, eve, charlie, oracle) = (w.alice.clone(), w.bob.clone(), w.eve.clone(), w.charlie.clone(), w.oracle.clone());
    // Governance: Ankr's program, in force from epoch 1.
    c.give_votes(&charlie, 1_000 * UNIT, 1_000 * UNIT);
    let call = program_file::ProposalCall {
        changes: ankr_program(START_MS + 365 * DAY_MS),
        closing: START_MS + HOUR_MS,
        enactment: START_MS + HOUR_MS,
        title: "Ankr".into(),
        description: String::new(),
    };
    let proposal_id = c.enact(&charlie, &call);
    let proposal: Option<program_governance::Proposal> = c.gov_query("proposal", &[proposal_id.to_string()]);
    assert_eq!(proposal.unwrap().outcome, Outcome::Passed { version: 1 });

    // Stakers: Alice through Bob's code (epoch 0), Charlie without, a late one through Eve's.
    c.stake_with_code(&alice, 100 * UNIT, "bob").unwrap();
    c.stake(&charlie, 300 * UNIT).unwrap();
    let late = account(50);
    c.endow(&late);
    c.set_time(2 * DAY_MS + 6 * HOUR_MS);
    c.stake_with_code(&late, 100 * UNIT, "eve").unwrap();
    // The oracle: 10 units of rewards in the middle of each epoch 1 to 4 (fee 10%).
    for epoch in 1..=4u64 {
        c.set_time(epoch * DAY_MS + 12 * HOUR_MS);
        c.ok::<()>(&oracle, "report_rewards", &[], 10 * UNIT);
    }

    // The month (epochs 1 to 4) has ended: account it.
    c.set_time(5 * DAY_MS + HOUR_MS);
    // The index learned the bound referees from the events; Charlie (no code) is not one
    // of them, and naming him anyway adds nothing to the file.
    assert_eq!(c.index().referee_accounts(), vec![id(&alice), id(&late)]);
    let input =
        period_input(&mut c.client, 1, (1, 4), &[id(&alice), id(&charlie), id(&late)], &mut Transcript::default()).unwrap();
    let file = allocate(&input).unwrap();
    assert_eq!(file.fees, 4 * UNIT);
    assert_eq!(file.allocated + file.remainder, file.fees);
    let amount_of =
        |who: &AccountId32| file.allocations.iter().find(|a| a.account == referral_e2e_tests::id(who)).map(|a| a.amount);
    // Bob: half of the fee share of Alice's 100 of 400 shares (epoch 1), then of 500
    // (epochs 2 from 06:00, 3, 4) -- about 0.5 x (0.25 + 0.2 x 3 + 0.05 x 0.25) units.
    let bob_amount = amount_of(&bob).unwrap();
    let ideal = UNIT / 2 * 25 / 100 + 3 * (UNIT / 2 * 20 / 100) + UNIT / 2 * 5 / 100 / 4;
    assert!(bob_amount.abs_diff(ideal) < UNIT / 100, "bob {bob_amount} vs about {ideal}");
    assert!(amount_of(&eve).unwrap() > 0);
    assert_eq!(amount_of(&charlie), None, "unbound stakers earn nobody anything");

    // The distributor deposits the file under its hash, one line per chunk, and seals;
    // stopped after the first chunk, a second run adds only the rest, a third nothing.
    let distributor = c.client.who.distributor;
    assert!(file.allocations.len() >= 2);
    let stopped = deposit(&mut c.client, &distributor, &file, 1, Some(1), &mut Transcript::default());
    assert_eq!(stopped, Err(OperatorError::Stopped { chunks: 1 }));
    let done = deposit(&mut c.client, &distributor, &file, 1, None, &mut Transcript::default()).unwrap();
    assert_eq!((done.already, done.opened, done.sealed), (1, false, true));
    assert_eq!((done.chunks as usize + 1, done.funded + file.allocations[0].amount), (file.allocations.len(), file.allocated));
    let again = deposit(&mut c.client, &distributor, &file, 1, None, &mut Transcript::default()).unwrap();
    assert_eq!(again, Deposit::default(), "a completed deposit changes nothing");
    // Another file for the same period (its last line one unit less): refused by name
    // before any call, the chain unchanged.
    let mut other = file.clone();
    other.allocations.last_mut().unwrap().amount -= 1;
    other.allocated -= 1;
    let before = c.fingerprint();
    let refused = deposit(&mut c.client, &distributor, &other, 1, None, &mut Transcript::default());
    assert_eq!(refused, Err(OperatorError::AnotherFile { period: 1 }));
    assert_eq!(c.fingerprint(), before, "a refused deposit changes nothing");
    // Verify: the recorded hash is the recomputed file's.
    let info: Option<partner_vault::PeriodInfo> = c.vault_query("period_info", &["1".into()]);
    let recomputed =
        allocate(&period_input(&mut c.client, 1, (1, 4), &[id(&late), id(&alice)], &mut Transcript::default()).unwrap()).unwrap();
    assert_eq!(info.unwrap().record.allocation_hash.as_ref(), &recomputed.hash()[..]);

    // After the window the partners claim exactly their lines.
    c.set_time(5 * DAY_MS + HOUR_MS + WINDOW_MS);
    for partner in [&bob, &eve] {
        let paid: u128 = c.vault_ok(partner, "claim", &[], 0);
        assert_eq!(Some(paid), amount_of(partner));
    }
}
