//! Prints the weight (ref_time, proof_size) and storage deposit of the staker's calls on
//! the deployed release build of the staking contract, in drink's sandbox runtime.
//!
//! Run through `scripts/bench`. Each figure is one call's `gas_consumed` as
//! pallet-contracts reports it, measured after a warm-up population of stakers so that
//! no call is the first of its kind.
use referral_e2e_tests::{account, Chain, Cost, UNIT};

fn row(name: &str, cost: Cost) {
    println!(
        "| {name:<40} | {:>13} | {:>10} | {:>15} |",
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

    println!("| {:<40} | {:>13} | {:>10} | {:>15} |", "call", "ref_time", "proof_size", "storage deposit");
    println!("|{:-<42}|{:->15}|{:->12}|{:->17}|", "", "", "", "");

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
}
