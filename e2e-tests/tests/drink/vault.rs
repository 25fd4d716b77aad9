//! The partner vault deployed in the sandbox: the monthly deposit, the partner's claim,
//! governance's revoke, and every refusal recording nothing.
use drink::AccountId32;
use ink::scale::Decode;
use partner_vault::events::Claimed;
use partner_vault::{ClaimRecord, PeriodInfo, PeriodRange, PeriodState, Totals};
use referral_common::testing::Rng;
use referral_e2e_tests::{
    account, allocations_arg, assert_vault_refused, hash_arg, id, month, Chain, VaultError, DAY_MS, START_MS, UNIT, WINDOW_MS,
};

/// The sandbox clock when the first month's deposit arrives.
const DEPOSIT_AT: u64 = 31 * DAY_MS;

/// The `n`-th 30-day month, as arguments.
fn month_args(n: u64) -> [String; 2] {
    let (start, end) = month(n);
    [start.to_string(), end.to_string()]
}

fn open(c: &mut Chain, period: u32) -> Result<(), VaultError> {
    c.open_period(period, month(u64::from(period)), hash_arg(period as u8))
}

fn add(c: &mut Chain, period: u32, chunk: &[(AccountId32, u128)]) -> Result<(), VaultError> {
    c.add_allocations(period, chunk)
}

fn seal(c: &mut Chain, period: u32, total: u128, count: u32) -> Result<(), VaultError> {
    c.seal_period(period, total, count)
}

fn amounts(c: &mut Chain, who: &AccountId32) -> (u128, u128) {
    (c.vault_query("pending_of", &[who.to_string()]), c.vault_query("claimable_of", &[who.to_string()]))
}

/// The `Claimed` event of the last call.
fn claimed_event(c: &mut Chain) -> Claimed {
    let batch = c.session().record().last_event_batch();
    let events = batch.contract_events();
    let data = events.last().expect("an event");
    Claimed::decode(&mut &data[..]).expect("a Claimed event")
}

#[test]
fn a_month_deposited_in_chunks_is_pending_a_week_then_claimed_exactly() {
    let mut c = Chain::new();
    let (bob, eve, charlie) = (c.who.bob.clone(), c.who.eve.clone(), c.who.charlie.clone());
    c.set_time(DEPOSIT_AT);
    open(&mut c, 1).unwrap();
    // In the accounts' byte order, as the file lists them: Bob, Charlie, Eve.
    add(&mut c, 1, &[(bob.clone(), 100 * UNIT), (charlie.clone(), 25 * UNIT + 1)]).unwrap();
    add(&mut c, 1, &[(eve.clone(), 50 * UNIT)]).unwrap();
    seal(&mut c, 1, 175 * UNIT + 1, 3).unwrap();
    let info: Option<PeriodInfo> = c.vault_query("period_info", &["1".into()]);
    let info = info.unwrap();
    let until = START_MS + DEPOSIT_AT + WINDOW_MS;
    assert_eq!((info.record.total, info.record.count, info.record.chunks), (175 * UNIT + 1, 3, 2));
    assert_eq!(info.state, PeriodState::Pending { until });
    assert_eq!(amounts(&mut c, &bob), (100 * UNIT, 0));

    c.set_time(DEPOSIT_AT + WINDOW_MS - 1);
    assert_vault_refused(&mut c, VaultError::NothingToClaim, &bob, "claim", &[], 0);

    c.set_time(DEPOSIT_AT + WINDOW_MS);
    assert_eq!(amounts(&mut c, &bob), (0, 100 * UNIT));
    let before = c.native(&bob);
    let paid: u128 = c.vault_ok(&bob, "claim", &[], 0);
    let deposit = c.last_cost().storage_deposit;
    assert_eq!(paid, 100 * UNIT);
    // Bob receives the amount and pays the storage deposit of his claim record.
    assert_eq!(c.native(&bob) as i128, (before + paid) as i128 - deposit);
    let periods = Some(PeriodRange { first: 1, last: 1, count: 1 });
    assert_eq!(
        claimed_event(&mut c),
        Claimed { account: id(&bob), paid_to: id(&bob), triggered_by: id(&bob), amount: paid, bonus: 0, periods, index: 0 }
    );
    let history: Vec<ClaimRecord> = c.vault_query("claim_history", &[bob.to_string(), "0".into(), "10".into()]);
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].amount, history[0].time, history[0].periods), (paid, START_MS + DEPOSIT_AT + WINDOW_MS, periods));
    assert_vault_refused(&mut c, VaultError::NothingToClaim, &bob, "claim", &[], 0);
    let totals: Totals = c.vault_query("totals", &[]);
    assert_eq!((totals.deposited, totals.claimed, totals.outstanding), (175 * UNIT + 1, 100 * UNIT, 75 * UNIT + 1));
    assert_eq!((totals.pending, totals.claimable), (0, 75 * UNIT + 1));
}

#[test]
fn a_claim_on_behalf_pays_the_owner_or_its_payout_address_never_the_caller() {
    let mut c = Chain::new();
    let (bob, eve, charlie) = (c.who.bob.clone(), c.who.eve.clone(), c.who.charlie.clone());
    c.set_time(DEPOSIT_AT);
    open(&mut c, 1).unwrap();
    add(&mut c, 1, &[(bob.clone(), 100 * UNIT), (eve.clone(), 50 * UNIT)]).unwrap();
    seal(&mut c, 1, 150 * UNIT, 2).unwrap();
    c.set_time(DEPOSIT_AT + WINDOW_MS);
    // Eve's cold wallet: a fresh address.
    let cold = account(0xCE);
    c.vault_ok::<()>(&eve, "set_payout_address", &[format!("Some({cold})")], 0);
    let (charlie_before, eve_before, bob_before) = (c.native(&charlie), c.native(&eve), c.native(&bob));
    let paid: u128 = c.vault_ok(&charlie, "claim_for", &[eve.to_string()], 0);
    assert_eq!((paid, c.native(&cold), c.native(&eve)), (50 * UNIT, 50 * UNIT, eve_before));
    let paid: u128 = c.vault_ok(&charlie, "claim_for", &[bob.to_string()], 0);
    assert_eq!((paid, c.native(&bob)), (100 * UNIT, bob_before + 100 * UNIT));
    // Charlie paid the two records' storage deposits, and received nothing.
    assert!(c.native(&charlie) < charlie_before);
    let history: Vec<ClaimRecord> = c.vault_query("claim_history", &[eve.to_string(), "0".into(), "10".into()]);
    assert_eq!((history[0].paid_to, history[0].triggered_by), (id(&cold), id(&charlie)));
    assert_vault_refused(&mut c, VaultError::NothingToClaim, &charlie, "claim_for", &[bob.to_string()], 0);
    let vault = c.vault.clone();
    assert_vault_refused(&mut c, VaultError::InvalidPayoutAddress, &bob, "set_payout_address", &[format!("Some({vault})")], 0);
}

#[test]
fn a_revoke_refunds_the_distributor_to_the_unit_and_clears_pending_balances() {
    let mut c = Chain::new();
    let (admin, bob, eve, distributor) = (c.who.admin.clone(), c.who.bob.clone(), c.who.eve.clone(), c.who.distributor.clone());
    c.set_time(DEPOSIT_AT);
    open(&mut c, 1).unwrap();
    add(&mut c, 1, &[(bob.clone(), 7 * UNIT + 3), (eve.clone(), 11)]).unwrap();
    seal(&mut c, 1, 7 * UNIT + 14, 2).unwrap();
    c.set_time(DEPOSIT_AT + WINDOW_MS - 1);
    assert_vault_refused(&mut c, VaultError::Unauthorized, &distributor, "revoke_period", &["1".into()], 0);
    let before = c.native(&distributor);
    c.vault_ok::<()>(&admin, "revoke_period", &["1".into()], 0);
    assert_eq!(c.native(&distributor), before + 7 * UNIT + 14);
    assert_eq!((amounts(&mut c, &bob), amounts(&mut c, &eve)), ((0, 0), (0, 0)));
    c.set_time(DEPOSIT_AT + 2 * WINDOW_MS);
    assert_eq!(amounts(&mut c, &bob), (0, 0));
    assert_vault_refused(&mut c, VaultError::NothingToClaim, &bob, "claim", &[], 0);
    assert_vault_refused(&mut c, VaultError::PeriodRevoked, &admin, "revoke_period", &["1".into()], 0);
    // The corrected period replaces it over the same month, and stands once its window ends.
    let [start, end] = month_args(1);
    c.vault_ok::<()>(&distributor, "open_period", &["2".into(), start, end, hash_arg(2)], 0);
    add(&mut c, 2, &[(bob.clone(), 7 * UNIT)]).unwrap();
    seal(&mut c, 2, 7 * UNIT, 1).unwrap();
    c.set_time(DEPOSIT_AT + 3 * WINDOW_MS);
    assert_vault_refused(&mut c, VaultError::PeriodFinal, &admin, "revoke_period", &["2".into()], 0);
    assert_eq!(amounts(&mut c, &bob), (0, 7 * UNIT));
    let totals: Totals = c.vault_query("totals", &[]);
    assert_eq!((totals.deposited, totals.refunded, totals.outstanding), (14 * UNIT + 14, 7 * UNIT + 14, 7 * UNIT));
}

#[test]
fn every_refusal_records_nothing_and_the_caller_keeps_its_tokens() {
    let mut c = Chain::new();
    let w = &c.who;
    let (admin, distributor, bob, eve, charlie) =
        (w.admin.clone(), w.distributor.clone(), w.bob.clone(), w.eve.clone(), w.charlie.clone());
    let period_args = |p: u32, m: u64| {
        let [start, end] = month_args(m);
        vec![p.to_string(), start, end, hash_arg(1)]
    };
    c.set_time(DEPOSIT_AT);
    assert_vault_refused(&mut c, VaultError::Unauthorized, &bob, "open_period", &period_args(1, 1), 0);
    assert_vault_refused(&mut c, VaultError::PeriodNotEnded, &distributor, "open_period", &period_args(1, 2), 0);
    open(&mut c, 1).unwrap();
    assert_vault_refused(&mut c, VaultError::PreviousPeriodOpen, &distributor, "open_period", &period_args(2, 1), 0);
    let chunk = |list: &[(&AccountId32, u128)]| {
        let owned: Vec<(AccountId32, u128)> = list.iter().map(|(a, v)| ((*a).clone(), *v)).collect();
        vec!["1".to_string(), allocations_arg(&owned)]
    };
    let good = chunk(&[(&bob, UNIT), (&eve, 2 * UNIT)]);
    for value in [0, 3 * UNIT - 1, 3 * UNIT + 1] {
        assert_vault_refused(&mut c, VaultError::FundingMismatch, &distributor, "add_allocations", &good, value);
    }
    assert_vault_refused(
        &mut c,
        VaultError::DuplicateAccount,
        &distributor,
        "add_allocations",
        &chunk(&[(&bob, UNIT), (&bob, UNIT)]),
        2 * UNIT,
    );
    assert_vault_refused(
        &mut c,
        VaultError::AllocationsNotAscending,
        &distributor,
        "add_allocations",
        &chunk(&[(&eve, UNIT), (&bob, UNIT)]),
        2 * UNIT,
    );
    assert_vault_refused(&mut c, VaultError::ZeroAmount, &distributor, "add_allocations", &chunk(&[(&bob, 0)]), 0);
    assert_vault_refused(&mut c, VaultError::EmptyChunk, &distributor, "add_allocations", &chunk(&[]), 0);
    assert_vault_refused(&mut c, VaultError::Unauthorized, &bob, "add_allocations", &good, 3 * UNIT);
    c.vault_ok::<()>(&distributor, "add_allocations", &good, 3 * UNIT);
    assert_vault_refused(&mut c, VaultError::DuplicateAccount, &distributor, "add_allocations", &chunk(&[(&eve, UNIT)]), UNIT);
    let seal_args = |total: u128, count: u32| vec!["1".to_string(), total.to_string(), count.to_string()];
    assert_vault_refused(&mut c, VaultError::SealMismatch, &distributor, "seal_period", &seal_args(3 * UNIT + 1, 2), 0);
    assert_vault_refused(&mut c, VaultError::SealMismatch, &distributor, "seal_period", &seal_args(3 * UNIT, 3), 0);
    assert_vault_refused(&mut c, VaultError::Unauthorized, &charlie, "seal_period", &seal_args(3 * UNIT, 2), 0);
    c.vault_ok::<()>(&admin, "set_paused", &["true".into()], 0);
    assert_vault_refused(&mut c, VaultError::Paused, &distributor, "seal_period", &seal_args(3 * UNIT, 2), 0);
    c.vault_ok::<()>(&admin, "set_paused", &["false".into()], 0);
    c.vault_ok::<()>(&distributor, "seal_period", &seal_args(3 * UNIT, 2), 0);
    assert_vault_refused(&mut c, VaultError::PeriodNotOpen, &distributor, "seal_period", &seal_args(3 * UNIT, 2), 0);
    assert_vault_refused(&mut c, VaultError::PeriodNotOpen, &distributor, "add_allocations", &chunk(&[(&charlie, UNIT)]), UNIT);
    assert_vault_refused(&mut c, VaultError::PeriodOutOfOrder, &distributor, "open_period", &period_args(3, 2), 0);
    assert_vault_refused(&mut c, VaultError::OverlappingPeriod, &distributor, "open_period", &period_args(2, 1), 0);
    assert_vault_refused(&mut c, VaultError::NothingToClaim, &bob, "claim", &[], 0);
    for stranger in [&bob, &distributor] {
        assert_vault_refused(&mut c, VaultError::Unauthorized, stranger, "set_distributor", &[bob.to_string(), "true".into()], 0);
        assert_vault_refused(&mut c, VaultError::Unauthorized, stranger, "set_paused", &["true".into()], 0);
        assert_vault_refused(&mut c, VaultError::Unauthorized, stranger, "transfer_admin", &[bob.to_string()], 0);
    }
    assert_vault_refused(&mut c, VaultError::NotPendingAdmin, &bob, "accept_admin", &[], 0);
}

/// After every one of 1,000 random operations (deposits right and wrong, seals, revokes,
/// claims, claims on behalf, payout changes, time passing), the vault's balance minus
/// what it owes stays what it was at deployment, and what it owes is exactly the sum of
/// every account's pending and claimable amounts.
#[test]
fn the_vault_stays_solvent_over_1000_random_operations() {
    let mut c = Chain::new();
    let (admin, distributor) = (c.who.admin.clone(), c.who.distributor.clone());
    let partners: Vec<AccountId32> = (0..6u8).map(|i| account(0x40 + i)).collect();
    for p in &partners {
        c.endow(p);
    }
    let vault = c.vault.clone();
    let surplus = c.native(&vault);
    let mut rng = Rng(0x5EED_0000_0000_0002);
    let mut now = 400 * DAY_MS;
    c.set_time(now);
    // The open period's number, its allocations so far; the next number.
    let mut open_period: Option<(u32, Vec<(AccountId32, u128)>)> = None;
    let mut next: u32 = 1;
    let (mut accepted, mut claims) = (0, 0);
    for step in 0..1000 {
        let op = rng.below(8);
        let ok = match op {
            0 => {
                let start = START_MS + u64::from(next) * DAY_MS;
                let args = [next.to_string(), start.to_string(), (start + DAY_MS).to_string(), hash_arg(next as u8)];
                let r = c.vault_call::<()>(&distributor, "open_period", &args, 0).is_ok();
                if r {
                    open_period = Some((next, Vec::new()));
                    next += 1;
                }
                r
            }
            1 => {
                let Some((p, taken)) = open_period.as_mut() else { continue };
                let mut chunk: Vec<(AccountId32, u128)> = Vec::new();
                for who in partners.iter().filter(|x| taken.last().is_none_or(|(t, _)| *x > t)) {
                    if rng.below(2) == 0 {
                        chunk.push((who.clone(), 1 + u128::from(rng.below(1_000)) * UNIT / 1_000));
                    }
                }
                let sum: u128 = chunk.iter().map(|(_, v)| v).sum();
                let wrong = rng.below(8) == 0;
                let value = if wrong { sum + 1 } else { sum };
                let args = [p.to_string(), allocations_arg(&chunk)];
                let r = c.vault_call::<()>(&distributor, "add_allocations", &args, value).is_ok();
                assert!(!(r && wrong), "step {step}: a wrongly funded chunk was accepted");
                if r {
                    taken.extend(chunk);
                }
                r
            }
            2 => {
                let Some((p, taken)) = open_period.as_ref() else { continue };
                let sum: u128 = taken.iter().map(|(_, v)| v).sum();
                let args = [p.to_string(), sum.to_string(), taken.len().to_string()];
                let r = c.vault_call::<()>(&distributor, "seal_period", &args, 0).is_ok();
                if r {
                    open_period = None;
                }
                r
            }
            3 => {
                if next == 1 || rng.below(3) != 0 {
                    continue;
                }
                let p = 1 + rng.below(u64::from(next - 1)) as u32;
                let r = c.vault_call::<()>(&admin, "revoke_period", &[p.to_string()], 0).is_ok();
                if r && open_period.as_ref().is_some_and(|(o, _)| *o == p) {
                    open_period = None;
                }
                r
            }
            4 | 5 => {
                let who = partners[rng.below(6) as usize].clone();
                let by = if op == 4 { who.clone() } else { partners[rng.below(6) as usize].clone() };
                let (_, claimable) = amounts(&mut c, &who);
                let r = if op == 4 {
                    c.vault_call::<u128>(&by, "claim", &[], 0)
                } else {
                    c.vault_call::<u128>(&by, "claim_for", &[who.to_string()], 0)
                };
                match r {
                    Ok(paid) => {
                        assert_eq!(paid, claimable, "step {step}: paid what was claimable");
                        claims += 1;
                    }
                    Err(e) => assert_eq!((e, claimable), (VaultError::NothingToClaim, 0), "step {step}"),
                }
                r.is_ok()
            }
            6 => {
                now += rng.below(3 * DAY_MS);
                c.set_time(now);
                continue;
            }
            _ => {
                let who = partners[rng.below(6) as usize].clone();
                let to = partners[rng.below(6) as usize].clone();
                c.vault_call::<()>(&who, "set_payout_address", &[format!("Some({to})")], 0).is_ok()
            }
        };
        accepted += u32::from(ok);
        let totals: Totals = c.vault_query("totals", &[]);
        assert_eq!(c.native(&vault), surplus + totals.outstanding, "step {step}: balance = outstanding + surplus");
        let mut owed = 0;
        for who in &partners {
            let (pending, claimable) = amounts(&mut c, who);
            owed += pending + claimable;
        }
        assert_eq!(owed, totals.outstanding, "step {step}: owed to accounts = outstanding");
    }
    assert!(accepted > 300 && claims > 30, "accepted {accepted}, claims {claims}");
}
