//! The vault as the suite deploys it: its entry (`partner_vault_entry`), which runs the
//! claims and the sign-up bonus credit itself, over its whole code (`partner_vault`),
//! which runs every other message by delegate call. The entry answers the whole code's
//! selectors as the whole code does, refuses what it refuses with nothing changed, and
//! a vault of the whole code alone pays the same claims with the same events.
use drink::AccountId32;
use ink::primitives::Hash;
use partner_vault::Totals;
use partner_vault_entry::selectors;
use referral_client::chain::Code;
use referral_e2e_tests::{
    assert_instantiation_refused, assert_unreadable, assert_value_refused, deploy_alone, id, message, metadata_selector, month,
    Chain, VaultError, DAY_MS, UNIT, WINDOW_MS,
};

#[test]
fn the_entry_runs_the_whole_codes_own_selectors() {
    let someone = AccountId32::new([7; 32]).to_string();
    assert_eq!(metadata_selector(Code::Vault, "claim", &[]), selectors::CLAIM);
    assert_eq!(metadata_selector(Code::Vault, "claim_for", &[someone.clone()]), selectors::CLAIM_FOR);
    assert_eq!(
        metadata_selector(Code::Vault, "SignupBonusVault::credit_signup_bonus", &[someone.clone(), someone, "1".into()]),
        selectors::CREDIT_SIGNUP_BONUS
    );
}

#[test]
fn the_vault_is_instantiated_as_its_whole_code_never_as_its_entry() {
    let mut c = Chain::new();
    // The entry's code alone: its only constructor refuses.
    assert_instantiation_refused(&mut c, Code::VaultEntry, message("new", ()), VaultError::EntryNotInstantiable);
    // The whole code handing the vault to a code nobody uploaded, or to itself.
    let whole: Option<Hash> = c.vault_query("logic_code", &[]);
    for entry in [Hash::from([9; 32]), whole.expect("the suite's vault runs behind its entry")] {
        let input = message("new", (WINDOW_MS, Some(entry)));
        assert_instantiation_refused(&mut c, Code::Vault, input, VaultError::UnknownEntry);
    }
}

#[test]
fn value_sent_to_a_message_that_takes_none_traps_and_changes_nothing() {
    let mut c = Chain::new();
    let (vault, admin, bob) = (c.vault.clone(), c.who.admin.clone(), c.who.bob.clone());
    // The hot calls go to the whole code when value comes with them, and trap there as
    // they do on the whole code alone; so does a cold message that is not payable.
    let inputs = [message("claim", ()), message("claim_for", id(&bob)), message("set_paused", true)];
    assert_value_refused(&mut c, &vault, &admin, &inputs);
}

#[test]
fn an_input_no_message_takes_is_refused_by_the_whole_code_and_changes_nothing() {
    let mut c = Chain::new();
    let (vault, admin) = (c.vault.clone(), c.who.admin.clone());
    let mut truncated_claim_for = selectors::CLAIM_FOR.to_vec();
    truncated_claim_for.extend([1; 10]);
    // No selector; one nobody has; the one ink! reserves beside the entry's wildcard;
    // a hot selector with its argument cut short (the entry hands it on, undecoded).
    let inputs = [vec![], vec![0xde, 0xad, 0xbe, 0xef], vec![0x9b, 0xae, 0x9d, 0x5e], truncated_claim_for];
    assert_unreadable(&mut c, &vault, &admin, &inputs);
}

/// Opens, funds and seals month `period` on the vault `c.vault` points at: Bob 100
/// units, Eve 50.
fn deposit_month(c: &mut Chain, period: u32) {
    let (bob, eve) = (c.who.bob.clone(), c.who.eve.clone());
    c.open_period(period, month(u64::from(period)), referral_e2e_tests::hash_arg(period as u8)).expect("open");
    c.add_allocations(period, &[(bob, 100 * UNIT), (eve, 50 * UNIT)]).expect("add");
    c.seal_period(period, 150 * UNIT, 2).expect("seal");
}

#[test]
fn a_vault_of_the_whole_code_alone_pays_the_same_claims_with_the_same_events() {
    let mut c = Chain::new();
    let (admin, distributor, bob, eve) = (c.who.admin.clone(), c.who.distributor.clone(), c.who.bob.clone(), c.who.eve.clone());
    let entry = c.vault.clone();
    let alone = deploy_alone(&mut c, Code::Vault, message("new", (WINDOW_MS, None::<Hash>)));
    let enabled: Result<(), VaultError> =
        c.call_at(&alone, &admin, "set_distributor", &[distributor.to_string(), "true".into()], 0);
    enabled.expect("a distributor for the vault alone");
    let logic: Option<[u8; 32]> = c.vault_query("logic_code", &[]);
    assert!(logic.is_some(), "the suite's vault runs behind its entry");

    c.set_time(31 * DAY_MS);
    let mut answers = Vec::new();
    for vault in [&entry, &alone] {
        c.vault = vault.clone();
        deposit_month(&mut c, 1);
    }
    c.set_time(31 * DAY_MS + WINDOW_MS);
    for vault in [&entry, &alone] {
        c.vault = vault.clone();
        let bob_paid: u128 = c.vault_ok(&bob, "claim", &[], 0);
        let bob_event = c.session().record().last_event_batch().contract_events().last().map(|data| data.to_vec());
        let eve_paid: u128 = c.vault_ok(&bob, "claim_for", &[eve.to_string()], 0);
        let eve_event = c.session().record().last_event_batch().contract_events().last().map(|data| data.to_vec());
        let refused: Result<u128, VaultError> = c.vault_call(&bob, "claim", &[], 0);
        let totals: Totals = c.vault_query("totals", &[]);
        answers.push((bob_paid, bob_event, eve_paid, eve_event, refused, totals));
    }
    c.vault = entry;
    assert_eq!(answers[0].0, 100 * UNIT);
    assert_eq!(answers[0].2, 50 * UNIT);
    assert_eq!(answers[0].4, Err(VaultError::NothingToClaim));
    assert!(answers[0].1.is_some() && answers[0].3.is_some(), "claims emit events");
    assert_eq!(answers[0], answers[1], "the entry and the whole code alone differ");
    let alone_logic: Option<[u8; 32]> = c.query_at(&alone, "logic_code", &[]);
    assert_eq!(alone_logic, None);
}
