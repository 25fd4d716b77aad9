//! Prints the weight (ref_time, proof_size) and storage deposit of the staker's calls on
//! the staking contract and of the vault's deposit and claim calls, on the deployed
//! release builds in drink's sandbox runtime, and the largest chunk of allocations one
//! call takes.
//!
//! Run through `scripts/bench`. Each figure is one call's `gas_consumed` as
//! pallet-contracts reports it, measured after a warm-up population of stakers so that
//! no call is the first of its kind.
use drink::Weight;
use referral_e2e_tests::{account, account_n, allocations_arg, hash_arg, month, Chain, Cost, VaultError, DAY_MS, START_MS, UNIT, WINDOW_MS};

fn row(name: &str, cost: Cost) {
    println!(
        "| {name:<44} | {:>13} | {:>10} | {:>15} |",
        cost.ref_time, cost.proof_size, cost.storage_deposit
    );
}

fn main() {
    let stakers: u8 = 50;
    let mut c = Chain::new();
    let bob = c.who.bob.clone();
    let oracle = c.who.oracle.clone();
    // A population: half referred by Bob, half by Eve, a day of rewards.
    for i in 0..stakers {
        let who = account(100u8.saturating_add(i));
        c.endow(&who);
        let code = if i % 2 == 0 { "bob" } else { "eve" };
        c.stake_with_code(&who, 10 * UNIT, code).expect("population stake");
    }
    c.ok::<()>(&oracle, "report_rewards", &[], UNIT);
    c.set_time(60_000);

    println!("| {:<44} | {:>13} | {:>10} | {:>15} |", "call", "ref_time", "proof_size", "storage deposit");
    println!("|{:-<46}|{:->15}|{:->12}|{:->17}|", "", "", "", "");

    let fresh = account(220);
    c.endow(&fresh);
    c.stake_with_code(&fresh, 10 * UNIT, "bob").expect("bind");
    row("stake_with_code (binds a new address)", c.last_cost());

    c.set_time(120_000);
    c.stake_with_code(&fresh, 10 * UNIT, "eve").expect("restake");
    row("stake_with_code (already bound)", c.last_cost());

    let plain = account(221);
    c.endow(&plain);
    c.stake(&plain, 10 * UNIT).expect("stake");
    row("stake (new unbound holder)", c.last_cost());

    c.set_time(180_000);
    c.stake(&fresh, 10 * UNIT).expect("stake");
    row("stake (bound holder)", c.last_cost());

    c.set_time(240_000);
    let referee_of_eve = account(101);
    c.transfer_shares(&fresh, &referee_of_eve, UNIT);
    row("PSP22::transfer (Bob's referee to Eve's)", c.last_cost());

    c.set_time(300_000);
    c.transfer_shares(&plain, &account(222), UNIT);
    row("PSP22::transfer (unbound to new address)", c.last_cost());

    c.set_time(360_000);
    let _: u128 = c.ok(&fresh, "unstake", &[UNIT.to_string()], 0);
    row("unstake (bound holder)", c.last_cost());

    c.set_time(420_000);
    c.ok::<()>(&oracle, "report_rewards", &[], UNIT);
    row("report_rewards", c.last_cost());

    let _: u128 = c.call(&fresh, "share_seconds", &[format!("Partner({bob})"), "1700000000000".into(), "1700000400000".into()], 0).expect("query");
    row("share_seconds (partner, dry query)", c.last_cost());

    vault(&mut c);
    governance(&mut c);
    reference_transfer(&mut c);
}

/// The psp22 crate's own token: a `transfer` between two holders, the yardstick.
fn reference_transfer(c: &mut Chain) {
    let (admin, alice, token) = (c.who.admin.clone(), c.who.alice.clone(), c.token.clone());
    let transfer = |c: &mut Chain, from: &drink::AccountId32, to: &drink::AccountId32| {
        let result: Result<(), referral_common::psp22::PSP22Error> =
            c.call_at(&token, from, "PSP22::transfer", &[to.to_string(), UNIT.to_string(), "[]".into()], 0);
        result.expect("reference transfer");
    };
    transfer(c, &admin, &alice);
    transfer(c, &admin, &alice);
    row("psp22 2.0 token PSP22::transfer (reference)", c.last_cost());
}

fn governance(c: &mut Chain) {
    use referral_common::math::ONE;
    use referral_common::program::{BenefitTier, ProgramChanges, StakingTier};
    let voters: Vec<drink::AccountId32> = (0..20u32).map(|i| account_n(9, i)).collect();
    for v in &voters {
        c.endow(v);
        c.give_votes(v, 1_000 * UNIT, 500 * UNIT);
    }
    let (alice, bob) = (c.who.alice.clone(), c.who.bob.clone());
    c.give_votes(&bob, 1_000 * UNIT, 400 * UNIT);
    row("governance associate (approve done)", c.last_cost());
    c.gov_call::<()>(&bob, "disassociate", &[UNIT.to_string()]).expect("disassociate");
    row("governance disassociate", c.last_cost());
    c.set_time(100 * DAY_MS);
    let now = START_MS + 100 * DAY_MS;
    let tiers = (1..=10u32)
        .map(|i| BenefitTier {
            minimum_running_volume: u128::from(i) * UNIT,
            minimum_epochs: i,
            reward_factor: ONE / 20 * u64::from(i) / 2,
            discount_factor: ONE / 100,
        })
        .collect();
    let staking = (1..=10u32).map(|i| StakingTier { minimum_staked: u128::from(i) * 100 * UNIT, reward_multiplier: ONE + u64::from(i) * ONE / 10 }).collect();
    let call = program_file::ProposalCall {
        changes: ProgramChanges { end_of_program: now + 400 * DAY_MS, window_length: 30, benefit_tiers: tiers, staking_tiers: staking, multi_level: None, signup_bonus: None },
        closing: now + DAY_MS,
        enactment: now + 2 * DAY_MS,
        title: "Ten tiers of each kind".into(),
        description: "The largest program the network allows.".into(),
    };
    let id: u32 = c.gov_call(&voters[0], "propose", &call.contract_args()).expect("propose");
    row("governance propose (10 + 10 tiers)", c.last_cost());
    c.gov_call::<()>(&voters[1], "vote", &[id.to_string(), "true".into()]).expect("vote");
    c.gov_call::<()>(&voters[2], "vote", &[id.to_string(), "true".into()]).expect("vote");
    row("governance vote", c.last_cost());
    c.gov_call::<()>(&voters[2], "vote", &[id.to_string(), "false".into()]).expect("vote");
    row("governance vote (changed)", c.last_cost());
    for v in &voters[3..] {
        c.gov_call::<()>(v, "vote", &[id.to_string(), "true".into()]).expect("vote");
    }
    c.set_time(101 * DAY_MS);
    c.gov_call::<()>(&alice, "finalize", &[id.to_string()]).expect("finalize");
    row("governance finalize (passes, enacts)", c.last_cost());
    c.set_time(103 * DAY_MS);
    let _: referral_common::program::Benefits =
        c.gov_query("benefits", &[(5 * UNIT).to_string(), "7".into(), (450 * UNIT).to_string()]);
    row("governance benefits (query, 10 + 10 tiers)", c.last_cost());
}

/// A chunk of `n` allocations of a milli-unit to numbered accounts of `group`, from
/// index `from`, in ascending order.
fn chunk(group: u8, from: u32, n: u32) -> Vec<(drink::AccountId32, u128)> {
    (from..from + n).map(|i| (account_n(group, i), UNIT / 1000)).collect()
}

fn add(c: &mut Chain, period: u32, allocations: &[(drink::AccountId32, u128)]) -> Result<(), VaultError> {
    c.add_allocations(period, allocations)
}

fn open(c: &mut Chain, period: u32) {
    c.open_period(period, month(u64::from(period)), hash_arg(period as u8)).expect("open");
}

fn vault(c: &mut Chain) {
    let distributor = c.who.distributor.clone();
    let (bob, eve) = (c.who.bob.clone(), c.who.eve.clone());
    c.endow(&distributor);
    // Period 1: a population of 200 partners, claimable before period 2 is measured.
    c.set_time(31 * DAY_MS);
    open(c, 1);
    add(c, 1, &chunk(7, 0, 200)).expect("population");
    let total = 200 * (UNIT / 1000);
    c.seal_period(1, total, 200).expect("seal");
    c.set_time(61 * DAY_MS);
    open(c, 2);
    row("vault open_period", c.last_cost());
    add(c, 2, &chunk(7, 0, 1)).expect("one allocation");
    let one = c.last_cost();
    row("vault add_allocations (1 allocation)", one);
    add(c, 2, &chunk(7, 1, 100)).expect("a hundred allocations");
    let hundred = c.last_cost();
    row("vault add_allocations (100 allocations)", hundred);
    let per = Cost {
        ref_time: (hundred.ref_time - one.ref_time) / 99,
        proof_size: (hundred.proof_size - one.proof_size) / 99,
        storage_deposit: (hundred.storage_deposit - one.storage_deposit) / 99,
    };
    row("vault add_allocations, per allocation", per);
    add(c, 2, &[(bob.clone(), UNIT), (eve.clone(), UNIT)]).expect("named partners");
    let total = 101 * (UNIT / 1000) + 2 * UNIT;
    c.seal_period(2, total, 103).expect("seal");
    row("vault seal_period", c.last_cost());
    c.set_time(61 * DAY_MS + WINDOW_MS);
    let _: u128 = c.vault_ok(&bob, "claim", &[], 0);
    row("vault claim (two periods)", c.last_cost());
    let _: u128 = c.vault_ok(&bob, "claim_for", &[eve.to_string()], 0);
    row("vault claim_for (one period)", c.last_cost());

    // The largest chunk one call takes: binary search; each accepted try is revoked and
    // the next try goes to a new period over the same month.
    let admin = c.who.admin.clone();
    c.set_time(91 * DAY_MS);
    let mut period = 3;
    open(c, period);
    let (mut fits, mut fails) = (1u32, 4096u32);
    while fails - fits > 1 {
        let n = (fits + fails) / 2;
        if fits_one_call(c, period, &chunk(8, 0, n)) {
            fits = n;
            c.vault_ok::<()>(&admin, "revoke_period", &[period.to_string()], 0);
            period += 1;
            c.open_period(period, month(3), hash_arg(3)).expect("reopen");
        } else {
            fails = n;
        }
    }
    // What the weights alone would allow within 75% of a 2-second block and 5 MiB of proof.
    let by_ref_time = (BLOCK_REF_TIME * 3 / 4 - one.ref_time) / per.ref_time + 1;
    let by_proof = (PROOF_LIMIT - one.proof_size) / per.proof_size + 1;
    println!();
    println!("largest chunk in one add_allocations call: {fits} allocations (measured, gas limit 75% of a 2 s block and 5 MiB of proof)");
    println!("  weight alone would allow {by_ref_time} (ref_time) and {by_proof} (proof_size): the bound is the input, ink!'s 16 KiB buffer");
}

/// Whether the chunk goes through in one call (a trap, e.g. an input larger than the
/// contract's buffer, counts as not fitting).
fn fits_one_call(c: &mut Chain, period: u32, allocations: &[(drink::AccountId32, u128)]) -> bool {
    let (vault, distributor) = (c.vault.clone(), c.who.distributor.clone());
    let value: u128 = allocations.iter().map(|(_, v)| v).sum();
    c.session.set_actor(distributor);
    c.forget_events();
    let sandbox_limit = c.session.set_gas_limit(Weight::from_parts(BLOCK_REF_TIME * 3 / 4, PROOF_LIMIT));
    let args = [period.to_string(), allocations_arg(allocations)];
    let result = c.session.call_with_address::<_, Result<(), VaultError>>(vault, "add_allocations", &args, Some(value));
    c.session.set_gas_limit(sandbox_limit);
    matches!(result, Ok(Ok(Ok(()))))
}

/// A 2-second block's ref_time (picoseconds).
const BLOCK_REF_TIME: u64 = 2_000_000_000_000;
/// The proof size budget of one call: 5 MiB.
const PROOF_LIMIT: u64 = 5 * 1024 * 1024;
