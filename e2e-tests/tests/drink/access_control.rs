//! The access-control matrix: every privileged message of the three contracts, called
//! by every role that may not call it and by a stranger, is refused with its named
//! error and leaves the whole chain's state root unchanged; called by the role that
//! may, the same call goes through (so the refusals are about the caller, not the
//! arguments). And the two-step admin transfer of the staking contract and the vault.
use drink::AccountId32;
use ink::primitives::{AccountId, Hash};
use referral_common::bonus::BonusError;
use referral_common::psp22::PSP22Error;
use referral_e2e_tests::FRAK_PROGRAM;
use referral_e2e_tests::{
    account, id, message, month, refusal, Chain, Error, GovernanceError, Outcome, VaultError, DAY_MS, HOUR_MS, START_MS, UNIT,
};

/// The roles of the matrix, by name.
struct Roles {
    named: Vec<(&'static str, AccountId32)>,
}

impl Roles {
    fn get(&self, name: &str) -> AccountId32 {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, a)| a.clone()).expect(name)
    }
}

/// One privileged message: where, what, who may call it, and the refusal anyone else
/// gets (`refusal_for` names roles refused otherwise).
struct Row {
    contract: AccountId32,
    name: &'static str,
    input: Vec<u8>,
    value: u128,
    allowed: &'static [&'static str],
    refusal: Vec<u8>,
    refusal_for: Vec<(&'static str, Vec<u8>)>,
}

impl Row {
    fn new(
        contract: &AccountId32,
        name: &'static str,
        input: Vec<u8>,
        allowed: &'static [&'static str],
        refusal: Vec<u8>,
    ) -> Self {
        Row { contract: contract.clone(), name, input, value: 0, allowed, refusal, refusal_for: Vec::new() }
    }

    fn paying(self, value: u128) -> Self {
        Row { value, ..self }
    }

    fn except(mut self, role: &'static str, refusal: Vec<u8>) -> Self {
        self.refusal_for.push((role, refusal));
        self
    }

    fn expected(&self, role: &str) -> &[u8] {
        self.refusal_for.iter().find(|(special, _)| *special == role).map_or(&self.refusal, |(_, refusal)| refusal)
    }
}

/// Two hours after the matrix's clock: a valid closing for a proposal.
const CLOSING: u64 = START_MS + 31 * DAY_MS + 2 * HOUR_MS;

/// The suite with every role in place: fees set aside, an open period of the
/// distributor's and a second distributor, a funded bonus pool, a pending admin named
/// on both contracts, a voter with an open proposal.
fn setup() -> (Chain, Roles) {
    let mut c = Chain::new();
    let who = &c.who;
    let (admin, oracle, treasury, distributor) =
        (who.admin.clone(), who.oracle.clone(), who.treasury.clone(), who.distributor.clone());
    let (alice, bob, charlie, stranger) = (who.alice.clone(), who.bob.clone(), who.charlie.clone(), who.dex_buyer.clone());
    let (second_distributor, voter) = (account(30), account(31));
    c.endow(&second_distributor);
    c.endow(&voter);
    let (staking, vault, governance) = (c.staking.clone(), c.vault.clone(), c.governance.clone());
    // Contracts as callers pay the value of payable messages like anyone.
    c.endow(&staking);
    c.endow(&governance);
    assert_eq!(c.stake_with_code(&alice, 100 * UNIT, "bob"), Ok(100 * UNIT));
    assert!(c.raw_call(&staking, &oracle, message("report_rewards", ()), 10 * UNIT));
    assert!(c.raw_call(&vault, &admin, message("set_distributor", (id(&second_distributor), true)), 0));
    c.set_time(31 * DAY_MS);
    let (start, end) = month(1);
    assert!(c.raw_call(&vault, &distributor, message("open_period", (1u32, start, end, Hash::from([1; 32]))), 0));
    assert!(c.raw_call(&vault, &alice, message("fund_bonus_pool", ()), 100 * UNIT));
    for contract in [&staking, &vault] {
        assert!(c.raw_call(contract, &admin, message("transfer_admin", id(&charlie)), 0));
    }
    c.give_votes(&voter, 1_000 * UNIT, 1_000 * UNIT);
    assert!(c.raw_call(&governance, &voter, propose_input(), 0));
    let named = vec![
        ("admin", admin),
        ("oracle", oracle),
        ("treasury", treasury),
        ("distributor", distributor),
        ("second distributor", second_distributor),
        ("code owner", bob),
        ("pending admin", charlie),
        ("staker", alice),
        ("voter", voter),
        ("staking contract", staking),
        ("governance contract", governance),
        ("stranger", stranger),
    ];
    (c, Roles { named })
}

fn propose_input() -> Vec<u8> {
    let changes = program_file::parse(FRAK_PROGRAM).expect("frak.json").changes;
    message("propose", (changes, CLOSING, CLOSING, "title".to_string(), String::new()))
}

fn rows(c: &Chain, r: &Roles) -> Vec<Row> {
    let (staking, vault, governance) = (&c.staking, &c.vault, &c.governance);
    let alice = id(&r.get("staker"));
    let stranger = id(&r.get("stranger"));
    let code = |s: &str| s.to_string();
    let unauthorized = || refusal(Error::Unauthorized);
    let vault_unauthorized = || refusal(VaultError::Unauthorized);
    let none: Option<AccountId> = None;
    let (_, end) = month(1);
    vec![
        Row::new(staking, "report_rewards", message("report_rewards", ()), &["oracle"], unauthorized()).paying(UNIT),
        Row::new(staking, "withdraw_fees", message("withdraw_fees", 1u128), &["treasury"], unauthorized()),
        Row::new(staking, "register_code", message("register_code", (code("new-code"), alice)), &["admin"], unauthorized()),
        Row::new(staking, "reassign_code", message("reassign_code", (code("eve"), alice)), &["admin"], unauthorized()),
        Row::new(
            staking,
            "set_code_active",
            message("set_code_active", (code("bob"), false)),
            &["admin", "code owner"],
            unauthorized(),
        ),
        Row::new(staking, "transfer_code", message("transfer_code", (code("bob"), alice)), &["code owner"], unauthorized()),
        Row::new(staking, "set_oracle", message("set_oracle", alice), &["admin"], unauthorized()),
        Row::new(staking, "set_treasury", message("set_treasury", alice), &["admin"], unauthorized()),
        Row::new(staking, "set_vault", message("set_vault", none), &["admin"], unauthorized()),
        Row::new(staking, "set_paused", message("set_paused", true), &["admin"], unauthorized()),
        Row::new(staking, "set_fee_rate", message("set_fee_rate", 1u64), &["admin"], unauthorized()),
        Row::new(staking, "transfer_admin", message("transfer_admin", alice), &["admin"], unauthorized()),
        Row::new(staking, "accept_admin", message("accept_admin", ()), &["pending admin"], refusal(Error::NotPendingAdmin)),
        Row::new(
            staking,
            "PSP22::transfer_from (the staker's shares)",
            message("PSP22::transfer_from", (alice, stranger, UNIT, Vec::<u8>::new())),
            &[],
            refusal(PSP22Error::InsufficientAllowance),
        ),
        Row::new(
            vault,
            "open_period (the next)",
            message("open_period", (2u32, end, end + 1, Hash::from([2; 32]))),
            &[],
            vault_unauthorized(),
        )
        .except("distributor", refusal(VaultError::PreviousPeriodOpen))
        .except("second distributor", refusal(VaultError::PreviousPeriodOpen)),
        Row::new(
            vault,
            "add_allocations",
            message("add_allocations", (1u32, vec![(alice, UNIT)])),
            &["distributor"],
            vault_unauthorized(),
        )
        .paying(UNIT)
        .except("second distributor", refusal(VaultError::NotPeriodDistributor)),
        Row::new(vault, "seal_period", message("seal_period", (1u32, 0u128, 0u32)), &["distributor"], vault_unauthorized())
            .except("second distributor", refusal(VaultError::NotPeriodDistributor)),
        Row::new(vault, "revoke_period", message("revoke_period", 1u32), &["admin"], vault_unauthorized()),
        Row::new(vault, "withdraw_bonus_pool", message("withdraw_bonus_pool", (UNIT, alice)), &["admin"], vault_unauthorized()),
        Row::new(vault, "set_bonus_links", message("set_bonus_links", (none, none)), &["admin"], vault_unauthorized()),
        Row::new(vault, "set_distributor", message("set_distributor", (alice, true)), &["admin"], vault_unauthorized()),
        Row::new(vault, "set_paused", message("set_paused", true), &["admin"], vault_unauthorized()),
        Row::new(vault, "transfer_admin", message("transfer_admin", alice), &["admin"], vault_unauthorized()),
        Row::new(vault, "accept_admin", message("accept_admin", ()), &["pending admin"], refusal(VaultError::NotPendingAdmin)),
        // No program is in force in the matrix: the bonus is skipped, and the vault keeps
        // governance's answer (no bonus) for the rest of the epoch: the chain changes.
        Row::new(
            vault,
            "credit_signup_bonus",
            message("SignupBonusVault::credit_signup_bonus", (alice, stranger, UNIT)),
            &["staking contract"],
            refusal(BonusError::Unauthorized),
        ),
        Row::new(governance, "propose", propose_input(), &["voter"], refusal(GovernanceError::ProposerBalanceTooLow)),
        Row::new(governance, "vote", message("vote", (0u32, true)), &["voter"], refusal(GovernanceError::VoterBalanceTooLow)),
    ]
}

#[test]
fn every_privileged_message_refuses_every_other_role_and_changes_nothing() {
    let (mut c, roles) = setup();
    let mut refused = 0;
    let rows = rows(&c, &roles);
    for row in &rows {
        let snapshot = c.snapshot();
        for (role, caller) in &roles.named {
            if row.allowed.contains(role) {
                continue;
            }
            let before = c.fingerprint();
            let outcome = c.send(&row.contract, caller, row.input.clone(), row.value);
            assert_eq!(outcome, Outcome::Refused(row.expected(role).to_vec()), "{} by {role}", row.name);
            assert_eq!(c.fingerprint(), before, "{} by {role}: refused but changed the chain", row.name);
            refused += 1;
        }
        // The same call by a role allowed to make it goes through, and the fingerprint
        // sees what it changed.
        for role in row.allowed {
            let before = c.fingerprint();
            let outcome = c.send(&row.contract, &roles.get(role), row.input.clone(), row.value);
            assert!(matches!(outcome, Outcome::Done(_)), "{} by {role}: {outcome:?}", row.name);
            // It changes the chain, so that the refusals' unchanged state roots cannot
            // pass vacuously.
            assert_ne!(c.fingerprint(), before, "{} by {role}: changed nothing", row.name);
            c.restore(snapshot.clone());
        }
        c.restore(snapshot);
    }
    println!(
        "access-control matrix: {} messages x {} roles, {refused} calls refused by name with the chain unchanged",
        rows.len(),
        roles.named.len()
    );
    assert_eq!(rows.len(), 27);
    assert!(refused >= 27 * 10, "{refused}");
}

/// The two-step transfer: naming a successor changes nothing until it accepts; only the
/// last one named can; the old admin loses every power, the new one has them all.
#[test]
fn the_admin_role_moves_in_two_steps_on_staking_and_the_vault() {
    let mut c = Chain::new();
    let (admin, alice, charlie, stranger) =
        (c.who.admin.clone(), c.who.alice.clone(), c.who.charlie.clone(), c.who.dex_buyer.clone());
    for contract in [c.staking.clone(), c.vault.clone()] {
        let unauthorized = if contract == c.staking { refusal(Error::Unauthorized) } else { refusal(VaultError::Unauthorized) };
        let not_pending =
            if contract == c.staking { refusal(Error::NotPendingAdmin) } else { refusal(VaultError::NotPendingAdmin) };
        let send = |c: &mut Chain, who: &AccountId32, input: Vec<u8>| c.send(&contract, who, input, 0);
        assert!(matches!(send(&mut c, &admin, message("transfer_admin", id(&alice))), Outcome::Done(_)));
        // Named, not yet admin: the admin keeps its powers, the successor has none.
        assert_eq!(send(&mut c, &alice, message("set_paused", true)), Outcome::Refused(unauthorized.clone()));
        assert!(matches!(send(&mut c, &admin, message("set_paused", false)), Outcome::Done(_)));
        // A second naming replaces the first.
        assert!(matches!(send(&mut c, &admin, message("transfer_admin", id(&charlie))), Outcome::Done(_)));
        for who in [&alice, &stranger, &admin] {
            assert_eq!(send(&mut c, who, message("accept_admin", ())), Outcome::Refused(not_pending.clone()));
        }
        assert!(matches!(send(&mut c, &charlie, message("accept_admin", ())), Outcome::Done(_)));
        // Taken over: the old admin is refused, the new one acts, and cannot accept twice.
        assert_eq!(send(&mut c, &admin, message("set_paused", true)), Outcome::Refused(unauthorized.clone()));
        assert_eq!(send(&mut c, &admin, message("transfer_admin", id(&admin))), Outcome::Refused(unauthorized));
        assert!(matches!(send(&mut c, &charlie, message("set_paused", true)), Outcome::Done(_)));
        assert_eq!(send(&mut c, &charlie, message("accept_admin", ())), Outcome::Refused(not_pending));
    }
}
