//! One round of measured calls: every public message of the three contracts, and the
//! reference token's transfer, each in the case a user or operator meets, with actors
//! of the round's own (so that every round, at every population, measures the same
//! cases).
use crate::measure::{Caller, Contract, Sheet};
use crate::population::{staker as population_staker, Grower};
use drink::AccountId32;
use referral_e2e_tests::{account_n, hash_arg, quote, Chain, DAY_MS, HOUR_MS, TENTH, UNIT, WINDOW_MS};

use Caller::{Operator, Query, User};
use Contract::{Governance, Staking, Token, Vault};

/// Runs round `round` (0, 1, ...) on the chain as it stands.
pub fn round(c: &mut Chain, g: &mut Grower, round: u8) -> Sheet {
    let mut s = Sheet::default();
    let actor = |i: u32| account_n(60 + round, i);
    for i in 0..17 {
        c.endow(&actor(i));
    }
    // A new epoch, in which the last program enacted is in force.
    let t0 = c.clock() + DAY_MS;
    c.set_clock(t0);
    staking(c, &mut s, &actor, round);
    let proposal = governance_votes(c, &mut s, &actor);
    let period = vault_period(c, &mut s, g, t0);
    c.set_clock(t0 + HOUR_MS);
    governance_finalize(c, &mut s, &actor, proposal, t0);
    c.set_clock(t0 + HOUR_MS + WINDOW_MS);
    vault_claims(c, &mut s, g, &actor, period);
    reference(c, &mut s, &actor);
    s
}

fn staking(c: &mut Chain, s: &mut Sheet, actor: &impl Fn(u32) -> AccountId32, round: u8) {
    let (admin, oracle, treasury, bob) = (c.who.admin.clone(), c.who.oracle.clone(), c.who.treasury.clone(), c.who.bob.clone());
    let (staker, plain, spender) = (actor(0), actor(1), actor(2));
    let stake = 10 * UNIT;
    // The round's first binding is its epoch's: the vault asks governance for the bonus
    // and keeps the answer for the epoch, which the next binding reads.
    s.call(
        c,
        Staking,
        ("stake_with_code", "binds a new address, the epoch's first bonus"),
        User,
        &staker,
        &[quote("bob")],
        stake,
    );
    s.call(c, Staking, ("stake_with_code", "binds a new address, bonus credited"), User, &actor(16), &[quote("bob")], stake);
    s.call(c, Staking, ("stake_with_code", "already bound"), User, &staker, &[quote("eve")], stake);
    s.call(c, Staking, ("stake", "new unbound holder"), User, &plain, &[], stake);
    s.call(c, Staking, ("stake", "bound holder"), User, &staker, &[], stake);
    let to = |who: &AccountId32| [who.to_string(), UNIT.to_string(), "[]".into()];
    s.call(c, Staking, ("PSP22::transfer", "bound holder to a new address"), User, &staker, &to(&actor(3)), 0);
    s.call(c, Staking, ("PSP22::transfer", "to another partner's referee"), User, &staker, &to(&population_staker(0)), 0);
    let spend = [spender.to_string(), UNIT.to_string()];
    s.call(c, Staking, ("PSP22::approve", ""), User, &staker, &spend, 0);
    s.call(c, Staking, ("PSP22::increase_allowance", ""), User, &staker, &spend, 0);
    s.call(c, Staking, ("PSP22::decrease_allowance", ""), User, &staker, &spend, 0);
    let from = [staker.to_string(), actor(4).to_string(), UNIT.to_string(), "[]".into()];
    s.call(c, Staking, ("PSP22::transfer_from", "to a new address"), User, &spender, &from, 0);
    s.call(c, Staking, ("unstake", "bound holder"), User, &staker, &[UNIT.to_string()], 0);
    s.call(c, Staking, ("report_rewards", ""), Operator, &oracle, &[], UNIT);
    s.call(c, Staking, ("withdraw_fees", ""), Operator, &treasury, &[1_000.to_string()], 0);

    let code = quote(&format!("round-{round}"));
    let (owner, next_owner) = (actor(5), actor(6));
    s.call(c, Staking, ("register_code", ""), Operator, &admin, &[code.clone(), owner.to_string()], 0);
    s.call(c, Staking, ("transfer_code", "by its owner"), User, &owner, &[code.clone(), next_owner.to_string()], 0);
    s.call(c, Staking, ("set_code_active", "by its owner"), User, &next_owner, &[code.clone(), "false".into()], 0);
    s.call(c, Staking, ("reassign_code", ""), Operator, &admin, &[code.clone(), owner.to_string()], 0);
    s.call(c, Staking, ("set_oracle", ""), Operator, &admin, &[oracle.to_string()], 0);
    s.call(c, Staking, ("set_treasury", ""), Operator, &admin, &[treasury.to_string()], 0);
    s.call(c, Staking, ("set_fee_rate", ""), Operator, &admin, &[TENTH.to_string()], 0);
    s.call(c, Staking, ("set_paused", "pauses"), Operator, &admin, &["true".into()], 0);
    c.ok::<()>(&admin, "set_paused", &["false".into()], 0);
    let vault = c.vault.clone();
    s.call(c, Staking, ("set_vault", ""), Operator, &admin, &[format!("Some({vault})")], 0);
    let successor = actor(7);
    s.call(c, Staking, ("transfer_admin", ""), Operator, &admin, &[successor.to_string()], 0);
    s.call(c, Staking, ("accept_admin", ""), Operator, &successor, &[], 0);
    c.ok::<()>(&successor, "transfer_admin", &[admin.to_string()], 0);
    c.ok::<()>(&admin, "accept_admin", &[], 0);
    // The same binding with no vault to ask: the difference is the bonus's cost.
    c.ok::<()>(&admin, "set_vault", &["None".into()], 0);
    s.call(c, Staking, ("stake_with_code", "binds a new address, no vault linked"), User, &actor(8), &[quote("bob")], stake);
    c.ok::<()>(&admin, "set_vault", &[format!("Some({vault})")], 0);

    let epoch: u32 = c.query("current_epoch", &[]);
    let t = c.clock();
    let bob_series = format!("Partner({bob})");
    let queries: [(&'static str, Vec<String>); 23] = [
        ("code_owner", vec![quote("bob")]),
        ("code_info", vec![quote("bob")]),
        ("partner_of", vec![staker.to_string()]),
        ("bound_epoch", vec![staker.to_string()]),
        ("has_ever_held", vec![staker.to_string()]),
        ("partner_tvl", vec![bob.to_string()]),
        ("partner_stats", vec![bob.to_string()]),
        ("epoch_share_seconds", vec![bob_series, epoch.saturating_sub(1).to_string()]),
        ("partner_epoch_volume", vec![bob.to_string(), epoch.to_string()]),
        ("epoch_rewards", vec![epoch.to_string()]),
        ("current_epoch", vec![]),
        ("epoch_at", vec![t.to_string()]),
        ("total_pooled", vec![]),
        ("unwithdrawn_fees", vec![]),
        ("shares_for", vec![UNIT.to_string()]),
        ("amount_for", vec![UNIT.to_string()]),
        ("config", vec![]),
        ("PSP22::total_supply", vec![]),
        ("PSP22::balance_of", vec![staker.to_string()]),
        ("PSP22::allowance", vec![staker.to_string(), spender.to_string()]),
        ("PSP22Metadata::token_name", vec![]),
        ("PSP22Metadata::token_symbol", vec![]),
        ("PSP22Metadata::token_decimals", vec![]),
    ];
    for (message, args) in queries {
        s.call(c, Staking, (message, ""), Query, &admin, &args, 0);
    }
}

/// A voter associates and votes on a proposal of the largest program; the proposal.
fn governance_votes(c: &mut Chain, s: &mut Sheet, actor: &impl Fn(u32) -> AccountId32) -> u32 {
    let (admin, token, governance, charlie) = (c.who.admin.clone(), c.token.clone(), c.governance.clone(), c.who.charlie.clone());
    let voter = actor(9);
    let tokens = 1_000 * UNIT;
    let transfer: Result<(), referral_common::psp22::PSP22Error> =
        c.call_at(&token, &admin, "PSP22::transfer", &[voter.to_string(), tokens.to_string(), "[]".into()], 0);
    transfer.expect("voter's tokens");
    let approve: Result<(), referral_common::psp22::PSP22Error> =
        c.call_at(&token, &voter, "PSP22::approve", &[governance.to_string(), tokens.to_string()], 0);
    approve.expect("approve governance");
    s.call(c, Governance, ("associate", ""), User, &voter, &[tokens.to_string()], 0);
    s.call(c, Governance, ("disassociate", ""), User, &voter, &[(tokens / 10).to_string()], 0);
    let t = c.clock();
    let call = program_file::ProposalCall {
        changes: crate::population::largest_program(),
        closing: t + HOUR_MS,
        enactment: t + HOUR_MS,
        title: "The largest program".into(),
        description: "Ten benefit and ten staking tiers, ten levels, a sign-up bonus.".into(),
    };
    s.call(c, Governance, ("propose", "10 + 10 tiers, levels, bonus"), User, &voter, &call.contract_args(), 0);
    let proposal = c.gov_query::<u32>("proposal_count", &[]) - 1;
    let id = proposal.to_string();
    s.call(c, Governance, ("vote", "first vote"), User, &voter, &[id.clone(), "false".into()], 0);
    s.call(c, Governance, ("vote", "changed"), User, &voter, &[id.clone(), "true".into()], 0);
    c.gov_call::<()>(&charlie, "vote", &[id, "true".into()]).expect("Charlie's vote");
    proposal
}

fn governance_finalize(c: &mut Chain, s: &mut Sheet, actor: &impl Fn(u32) -> AccountId32, proposal: u32, t0: u64) {
    let admin = c.who.admin.clone();
    let id = proposal.to_string();
    s.call(c, Governance, ("finalize", "passes, enacts"), User, &actor(9), &[id.clone()], 0);
    let version: u32 = c.gov_query("program_count", &[]);
    let benefits = [(5 * UNIT).to_string(), "7".into(), (450 * UNIT).to_string()];
    let t = t0.to_string();
    let queries: [(&'static str, Vec<String>); 15] = [
        ("program_at", vec![t.clone()]),
        ("current_program", vec![]),
        ("program", vec![version.to_string()]),
        ("program_count", vec![]),
        ("benefits", benefits.to_vec()),
        ("benefits_at", [vec![t.clone()], benefits.to_vec()].concat()),
        ("proposal", vec![id.clone()]),
        ("proposal_count", vec![]),
        ("vote_of", vec![id, actor(9).to_string()]),
        ("association_of", vec![actor(9).to_string()]),
        ("total_associated", vec![]),
        ("params", vec![]),
        ("token", vec![]),
        ("SignupBonusSource::signup_bonus_at", vec![t.clone()]),
        ("SignupBonusSource::signup_bonus_until", vec![t]),
    ];
    for (message, args) in queries {
        s.call(c, Governance, (message, ""), Query, &admin, &args, 0);
    }
}

/// Bob's, Eve's and 99 more allocations in a new period, sealed; the period.
fn vault_period(c: &mut Chain, s: &mut Sheet, g: &mut Grower, end: u64) -> u32 {
    let (distributor, bob, eve) = (c.who.distributor.clone(), c.who.bob.clone(), c.who.eve.clone());
    let period = g.next_period;
    let open = [period.to_string(), g.covered_until.to_string(), end.to_string(), hash_arg(period as u8)];
    s.call(c, Vault, ("open_period", ""), Operator, &distributor, &open, 0);
    // A period's accounts come in ascending byte order across its chunks.
    let mut all: Vec<_> =
        [(bob, UNIT), (eve, UNIT)].into_iter().chain((0..99).map(|i| (account_n(90, i), UNIT / 1000))).collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let hundred = all.split_off(1);
    let one = all;
    for (case, chunk) in [("1 allocation", &one), ("100 allocations", &hundred)] {
        let value: u128 = chunk.iter().map(|(_, v)| v).sum();
        let args = [period.to_string(), referral_e2e_tests::allocations_arg(chunk)];
        s.call(c, Vault, ("add_allocations", case), Operator, &distributor, &args, value);
    }
    let total = 2 * UNIT + 99 * (UNIT / 1000);
    s.call(c, Vault, ("seal_period", ""), Operator, &distributor, &[period.to_string(), total.to_string(), "101".into()], 0);
    g.next_period = period + 1;
    g.covered_until = end;
    period
}

/// The period's window has passed: claims, the admin's messages, and the reads.
fn vault_claims(c: &mut Chain, s: &mut Sheet, g: &mut Grower, actor: &impl Fn(u32) -> AccountId32, period: u32) {
    let (admin, distributor, bob, eve) = (c.who.admin.clone(), c.who.distributor.clone(), c.who.bob.clone(), c.who.eve.clone());
    let (staking, governance) = (c.staking.clone(), c.governance.clone());
    s.call(c, Vault, ("claim", "a period and sign-up bonuses"), User, &bob, &[], 0);
    s.call(c, Vault, ("claim_for", "a period, for another"), User, &actor(10), &[eve.to_string()], 0);
    s.call(c, Vault, ("set_payout_address", ""), User, &actor(0), &[format!("Some({})", actor(11))], 0);
    s.call(c, Vault, ("fund_bonus_pool", ""), User, &actor(12), &[], UNIT);
    s.call(c, Vault, ("withdraw_bonus_pool", ""), Operator, &admin, &[(UNIT / 10).to_string(), admin.to_string()], 0);
    s.call(c, Vault, ("set_bonus_links", ""), Operator, &admin, &[format!("Some({staking})"), format!("Some({governance})")], 0);
    s.call(c, Vault, ("set_distributor", ""), Operator, &admin, &[actor(13).to_string(), "true".into()], 0);
    s.call(c, Vault, ("set_paused", "pauses"), Operator, &admin, &["true".into()], 0);
    c.vault_ok::<()>(&admin, "set_paused", &["false".into()], 0);
    let successor = actor(14);
    s.call(c, Vault, ("transfer_admin", ""), Operator, &admin, &[successor.to_string()], 0);
    s.call(c, Vault, ("accept_admin", ""), Operator, &successor, &[], 0);
    c.vault_ok::<()>(&successor, "transfer_admin", &[admin.to_string()], 0);
    c.vault_ok::<()>(&admin, "accept_admin", &[], 0);
    // A period revoked in its window.
    let (revoked, start, end) = (g.next_period, g.covered_until, c.clock());
    c.open_period(revoked, (start, end), hash_arg(revoked as u8)).expect("open");
    c.add_allocations(revoked, &[(bob.clone(), UNIT)]).expect("add");
    s.call(c, Vault, ("revoke_period", "open, one chunk"), Operator, &admin, &[revoked.to_string()], 0);
    (g.next_period, g.covered_until) = (revoked + 1, end);

    let queries: [(&'static str, Vec<String>); 12] = [
        ("pending_of", vec![bob.to_string()]),
        ("claimable_of", vec![bob.to_string()]),
        ("claimed_total_of", vec![bob.to_string()]),
        ("claim_count_of", vec![bob.to_string()]),
        ("claim_history", vec![bob.to_string(), "0".into(), "10".into()]),
        ("payout_address_of", vec![actor(0).to_string()]),
        ("period_info", vec![period.to_string()]),
        ("totals", vec![]),
        ("bonus_pool", vec![]),
        ("bonus_credited_for", vec![actor(0).to_string()]),
        ("is_distributor", vec![distributor.to_string()]),
        ("config", vec![]),
    ];
    for (message, args) in queries {
        s.call(c, Vault, (message, ""), Query, &admin, &args, 0);
    }
}

/// The psp22 crate's own token: a transfer between two holders, the yardstick.
fn reference(c: &mut Chain, s: &mut Sheet, actor: &impl Fn(u32) -> AccountId32) {
    let (admin, alice) = (c.who.admin.clone(), c.who.alice.clone());
    let args = |to: &AccountId32| [to.to_string(), UNIT.to_string(), "[]".into()];
    s.call(c, Token, ("PSP22::transfer", "to a new holder"), User, &admin, &args(&actor(15)), 0);
    s.call(c, Token, ("PSP22::transfer", "between two holders"), User, &admin, &args(&alice), 0);
}
