//! One sequence: a freshly deployed suite, the model kept beside it, and the step that
//! makes a call, then checks every invariant against the chain and the model.
use super::action::{Action, Amount, Caller, CODES};
use drink::AccountId32;
use ink::primitives::AccountId;
use partner_vault::Totals;
use program_governance::Association;
use referral_e2e_tests::{id, message, Chain, Outcome, DAY_MS, HOUR_MS, START_MS, UNIT};
use referral_e2e_tests::{FRAK_HOLD_PROGRAM, FRAK_PROGRAM};
use referral_staking::{CodeInfo, PartnerStats, SeriesId};
use std::collections::{BTreeMap, BTreeSet};

/// What the sequences did, summed over all of them.
#[derive(Debug, Default)]
pub struct Tally {
    pub steps: u64,
    /// Invariant comparisons made (each a value read from the chain).
    pub checks: u64,
    /// Refused calls whose chain state root was compared (and equal).
    pub refusals_unchanged: u64,
    /// (went through, refused) per action kind.
    pub by_kind: BTreeMap<&'static str, (u64, u64)>,
    /// Refusals per (action kind, reason).
    pub reasons: BTreeMap<(&'static str, String), u64>,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.steps += other.steps;
        self.checks += other.checks;
        self.refusals_unchanged += other.refusals_unchanged;
        for (kind, (done, refused)) in &other.by_kind {
            let entry = self.by_kind.entry(kind).or_default();
            entry.0 += done;
            entry.1 += refused;
        }
        for (key, count) in &other.reasons {
            *self.reasons.entry(key.clone()).or_default() += count;
        }
    }

    pub fn report(&self, seed: u64) -> String {
        let mut out = format!(
            "property sequences (seed {seed}): {} steps, {} invariant checks, {} refused calls left the state root unchanged\n",
            self.steps, self.checks, self.refusals_unchanged
        );
        for (kind, (done, refused)) in &self.by_kind {
            let reasons: Vec<String> =
                self.reasons.iter().filter(|((k, _), _)| k == kind).map(|((_, why), n)| format!("{why} {n}")).collect();
            out += &format!("  {kind:<20} {done:>6} went through {refused:>6} refused: {}\n", reasons.join(", "));
        }
        out
    }
}

/// What was read from the chain after a step.
#[derive(Debug, Clone, Default)]
struct Seen {
    now: u64,
    supply: u128,
    balances: Vec<u128>,
    partners: Vec<Option<AccountId>>,
    stats: Vec<PartnerStats>,
    pending: Vec<u128>,
    claimable: Vec<u128>,
}

/// The vault's period bookkeeping as the model keeps it, to make deposits that fit.
#[derive(Debug, Default)]
struct Periods {
    last: Option<u32>,
    /// The open period: (number, total, count, last account).
    open: Option<(u32, u128, u32, Option<AccountId>)>,
    /// End of each period opened, dropped when revoked.
    ends: BTreeMap<u32, u64>,
}

pub struct Run {
    c: Chain,
    users: Vec<AccountId32>,
    seen: Seen,
    /// Share-seconds integrated by the model per epoch: total, per partner, per bound
    /// account.
    total_seconds: BTreeMap<u32, u128>,
    partner_seconds: Vec<BTreeMap<u32, u128>>,
    account_seconds: Vec<BTreeMap<u32, u128>>,
    /// Bindings once made: (partner, epoch).
    bindings: BTreeMap<usize, (AccountId, u32)>,
    periods: Periods,
    proposals: u32,
    codes_registered: BTreeSet<u8>,
}

type Check = Result<(), String>;

fn ensure(condition: bool, what: impl FnOnce() -> String) -> Check {
    if condition {
        Ok(())
    } else {
        Err(what())
    }
}

impl Run {
    /// The suite as `Chain::new` deploys it; five users with the sandbox's endowment
    /// and 10,000 governance tokens each (all approved to governance, 1,000 associated:
    /// enough to propose and vote).
    pub fn new() -> Self {
        let mut c = Chain::new();
        let users: Vec<AccountId32> =
            vec![c.who.alice.clone(), c.who.bob.clone(), c.who.eve.clone(), c.who.charlie.clone(), c.who.dex_buyer.clone()];
        let (admin, token, governance, vault) = (c.who.admin.clone(), c.token.clone(), c.governance.clone(), c.vault.clone());
        for user in &users {
            assert!(c.raw_call(&token, &admin, message("PSP22::transfer", (id(user), 10_000 * UNIT, Vec::<u8>::new())), 0));
            assert!(c.raw_call(&token, user, message("PSP22::approve", (id(&governance), u128::MAX)), 0));
            assert!(c.raw_call(&governance, user, message("associate", 1_000 * UNIT), 0));
        }
        // In force from the first epoch, a program that holds its bonus (one unit kept
        // for one epoch), with a pool for ten bonuses: the sequences reach held bonuses,
        // broken and kept holds and their settlement; Frak's program (the bonus at the
        // binding) takes over once a proposal of it passes.
        let mut call = program_file::parse(FRAK_HOLD_PROGRAM).expect("frak-hold.json");
        if let Some(bonus) = call.changes.signup_bonus.as_mut() {
            (bonus.minimum_stake, bonus.hold_epochs) = (UNIT, 1);
        }
        let closing = c.clock() + HOUR_MS;
        (call.closing, call.enactment) = (closing, closing);
        let proposal = message("propose", (call.changes, call.closing, call.enactment, call.title, call.description));
        assert!(c.raw_call(&governance, &users[3], proposal, 0));
        for voter in &users[..4] {
            assert!(c.raw_call(&governance, voter, message("vote", (0u32, true)), 0));
        }
        c.set_clock(closing);
        assert!(c.raw_call(&governance, &admin, message("finalize", 0u32), 0));
        // Into epoch 1, where the program starts: the first bindings already earn it.
        c.set_clock(closing + DAY_MS);
        assert!(c.raw_call(&vault, &admin, message("fund_bonus_pool", ()), 1_000 * UNIT));
        let n = users.len();
        let mut run = Run {
            c,
            users,
            seen: Seen::default(),
            total_seconds: BTreeMap::new(),
            partner_seconds: vec![BTreeMap::new(); n],
            account_seconds: vec![BTreeMap::new(); n],
            bindings: BTreeMap::new(),
            periods: Periods::default(),
            proposals: 1,
            codes_registered: [0u8, 1].into_iter().collect(),
        };
        run.seen = run.observe();
        run
    }

    fn user(&self, index: u8) -> AccountId32 {
        self.users[usize::from(index)].clone()
    }

    fn caller(&self, caller: Caller, role: &AccountId32) -> AccountId32 {
        caller.map_or_else(|| role.clone(), |u| self.user(u))
    }

    fn read<T: ink::scale::Decode>(&mut self, contract: &AccountId32, name: &str, args: impl ink::scale::Encode) -> T {
        self.c.read(contract, message(name, args))
    }

    fn staking<T: ink::scale::Decode>(&mut self, name: &str, args: impl ink::scale::Encode) -> T {
        let staking = self.c.staking.clone();
        self.read(&staking, name, args)
    }

    fn vault<T: ink::scale::Decode>(&mut self, name: &str, args: impl ink::scale::Encode) -> T {
        let vault = self.c.vault.clone();
        self.read(&vault, name, args)
    }

    fn observe(&mut self) -> Seen {
        let mut seen = Seen { now: self.c.clock(), supply: self.staking("PSP22::total_supply", ()), ..Seen::default() };
        for index in 0..self.users.len() {
            let who = id(&self.users[index]);
            seen.balances.push(self.staking("PSP22::balance_of", who));
            seen.partners.push(self.staking("partner_of", who));
            seen.stats.push(self.staking("partner_stats", who));
            seen.pending.push(self.vault("pending_of", who));
            seen.claimable.push(self.vault("claimable_of", who));
        }
        seen
    }

    /// Makes the action's call (if it is one) and checks every invariant after it.
    pub fn step(&mut self, action: &Action, tally: &mut Tally) -> Check {
        tally.steps += 1;
        let before = self.seen.clone();
        if let Action::Advance { seconds } = action {
            let (then, now) = (self.c.clock(), self.c.clock() + u64::from(*seconds) * 1000);
            self.c.set_clock(now);
            self.integrate(then, now);
            tally.by_kind.entry(action.kind()).or_default().0 += 1;
            return self.check(action, &before, None, tally);
        }
        let fingerprint = self.c.fingerprint();
        let context = self.context(action);
        let (contract, caller, input, value) = self.call_of(action);
        let outcome = self.c.send(&contract, &caller, input, value);
        let entry = tally.by_kind.entry(action.kind()).or_default();
        match &outcome {
            Outcome::Done(_) => entry.0 += 1,
            Outcome::Refused(_) | Outcome::Failed(_) => {
                entry.1 += 1;
                let after = self.c.fingerprint();
                ensure(after == fingerprint, || format!("refused ({outcome:?}) but the chain state changed"))?;
                tally.refusals_unchanged += 1;
                let reason = self.reason(action, &contract, &outcome);
                *tally.reasons.entry((action.kind(), reason)).or_default() += 1;
            }
        }
        if let Outcome::Done(data) = &outcome {
            self.learn(action, data);
        }
        self.check(action, &before, Some((&outcome, context, caller)), tally)
    }

    /// A refusal's reason: the contract's error by name, or the runtime's.
    fn reason(&self, action: &Action, contract: &AccountId32, outcome: &Outcome) -> String {
        let named = if matches!(action, Action::Transfer { .. } | Action::TransferFrom { .. } | Action::Approve { .. }) {
            outcome.error::<referral_common::psp22::PSP22Error>().map(|e| format!("{e:?}"))
        } else if *contract == self.c.staking {
            outcome.error::<referral_staking::Error>().map(|e| format!("{e:?}"))
        } else if *contract == self.c.vault {
            outcome.error::<partner_vault::Error>().map(|e| format!("{e:?}"))
        } else {
            outcome.error::<program_governance::Error>().map(|e| format!("{e:?}"))
        };
        match (named, outcome) {
            (Some(name), _) => name,
            (None, Outcome::Failed(why)) => format!("runtime {}", why.split(['{', '(']).next().unwrap_or_default().trim()),
            (None, _) => "undecodable".to_string(),
        }
    }

    /// Adds the share-seconds of `[from, to)` (ms) to the model's epochs (a day each
    /// from `START_MS`), from the values last seen.
    fn integrate(&mut self, from: u64, to: u64) {
        let (genesis, length) = (START_MS / 1000, DAY_MS / 1000);
        let (mut t, end) = (from / 1000, to / 1000);
        while t < end {
            let epoch = epoch_of(t * 1000);
            let span_end = (genesis + (u64::from(epoch) + 1) * length).min(end);
            let span = u128::from(span_end - t);
            *self.total_seconds.entry(epoch).or_default() += self.seen.supply * span;
            for index in 0..self.users.len() {
                *self.partner_seconds[index].entry(epoch).or_default() += self.seen.stats[index].referred_shares * span;
                if self.seen.partners[index].is_some() {
                    *self.account_seconds[index].entry(epoch).or_default() += self.seen.balances[index] * span;
                }
            }
            t = span_end;
        }
    }

    /// What the checks need from before the call: whether the staker ever held shares
    /// and the code's record (a stake with a code), the payout's native balance and
    /// address (a claim).
    fn context(&mut self, action: &Action) -> Context {
        match *action {
            Action::Stake { who, code: Some(code), .. } => {
                let held: bool = self.staking("has_ever_held", id(&self.user(who)));
                let info: Option<CodeInfo> = self.staking("code_info", CODES[usize::from(code)].to_string());
                Context::Stake { held, info }
            }
            Action::Claim { who: account } | Action::ClaimFor { account, .. } => {
                let payout: AccountId = self.vault("payout_address_of", id(&self.user(account)));
                let payout = AccountId32::new(*payout.as_ref());
                let native = self.c.native(&payout);
                Context::Claim { account: usize::from(account), payout, native }
            }
            _ => Context::None,
        }
    }

    /// The call an action makes: contract, caller, input, value.
    fn call_of(&mut self, action: &Action) -> (AccountId32, AccountId32, Vec<u8>, u128) {
        let (staking, vault, governance) = (self.c.staking.clone(), self.c.vault.clone(), self.c.governance.clone());
        let w = self.c.who.admin.clone();
        let (admin, oracle, treasury, distributor) =
            (w, self.c.who.oracle.clone(), self.c.who.treasury.clone(), self.c.who.distributor.clone());
        let part_of = |whole: u128, part: u8| whole / 200 * u128::from(part) + whole % 200 * u128::from(part) / 200;
        match action.clone() {
            Action::Stake { who, amount, code: Some(code) } => {
                (staking, self.user(who), message("stake_with_code", CODES[usize::from(code)].to_string()), amount.value())
            }
            Action::Stake { who, amount, code: None } => (staking, self.user(who), message("stake", ()), amount.value()),
            Action::Unstake { who, part } => {
                let shares = part_of(self.seen.balances[usize::from(who)], part);
                (staking, self.user(who), message("unstake", shares), 0)
            }
            Action::Transfer { from, to, part } => {
                let value = part_of(self.seen.balances[usize::from(from)], part);
                let input = message("PSP22::transfer", (id(&self.user(to)), value, Vec::<u8>::new()));
                (staking, self.user(from), input, 0)
            }
            Action::Approve { owner, spender, amount } => {
                (staking, self.user(owner), message("PSP22::approve", (id(&self.user(spender)), amount.value())), 0)
            }
            Action::TransferFrom { spender, from, to, part } => {
                let value = part_of(self.seen.balances[usize::from(from)], part);
                let input = message("PSP22::transfer_from", (id(&self.user(from)), id(&self.user(to)), value, Vec::<u8>::new()));
                (staking, self.user(spender), input, 0)
            }
            Action::ReportRewards { caller, amount } => {
                (staking, self.caller(caller, &oracle), message("report_rewards", ()), amount.value())
            }
            Action::WithdrawFees { caller, part } => {
                let fees: u128 = self.staking("unwithdrawn_fees", ());
                (staking, self.caller(caller, &treasury), message("withdraw_fees", part_of(fees, part)), 0)
            }
            Action::RegisterCode { caller, code, owner } => {
                let input = message("register_code", (CODES[usize::from(code)].to_string(), id(&self.user(owner))));
                (staking, self.caller(caller, &admin), input, 0)
            }
            Action::SetCodeActive { caller, code, active } => {
                let owner = self.code_owner(code).unwrap_or(admin.clone());
                let input = message("set_code_active", (CODES[usize::from(code)].to_string(), active));
                (staking, self.caller(caller, &owner), input, 0)
            }
            Action::TransferCode { caller, code, to } => {
                let owner = self.code_owner(code).unwrap_or(admin.clone());
                let input = message("transfer_code", (CODES[usize::from(code)].to_string(), id(&self.user(to))));
                (staking, self.caller(caller, &owner), input, 0)
            }
            Action::PauseStaking { caller, paused } => (staking, self.caller(caller, &admin), message("set_paused", paused), 0),
            Action::PauseVault { caller, paused } => (vault, self.caller(caller, &admin), message("set_paused", paused), 0),
            Action::OpenPeriod { caller, days } => {
                let (number, start, end) = self.next_period(days);
                let input = message("open_period", (number, start, end, ink::primitives::Hash::from([days; 32])));
                (vault, self.caller(caller, &distributor), input, 0)
            }
            Action::AddChunk { caller, allocations, hostile } => {
                let (period, chunk) = self.chunk(&allocations, hostile);
                let value = chunk.iter().fold(0u128, |sum, (_, v)| sum.saturating_add(*v));
                let value = if hostile { value.saturating_add(u128::from(allocations.len() as u8 % 2)) } else { value };
                (vault, self.caller(caller, &distributor), message("add_allocations", (period, chunk)), value)
            }
            Action::Seal { caller, exact } => {
                let (period, total, count) = match self.periods.open {
                    Some((period, total, count, _)) => (period, total, count),
                    None => (self.periods.last.unwrap_or(1), 0, 0),
                };
                let total = if exact { total } else { total + 1 };
                (vault, self.caller(caller, &distributor), message("seal_period", (period, total, count)), 0)
            }
            Action::Revoke { caller, back } => {
                let period = self.periods.last.unwrap_or(1).saturating_sub(u32::from(back));
                (vault, self.caller(caller, &admin), message("revoke_period", period), 0)
            }
            Action::Claim { who } => (vault, self.user(who), message("claim", ()), 0),
            Action::ClaimFor { caller, account } => (vault, self.user(caller), message("claim_for", id(&self.user(account))), 0),
            Action::SetPayout { who, to } => {
                let payout = to.map(|u| id(&self.user(u)));
                (vault, self.user(who), message("set_payout_address", payout), 0)
            }
            Action::FundBonus { by, amount } => (vault, self.user(by), message("fund_bonus_pool", ()), amount.value()),
            Action::WithdrawBonus { caller, part, to } => {
                let pool: u128 = self.vault("bonus_pool", ());
                let input = message("withdraw_bonus_pool", (part_of(pool, part), id(&self.user(to))));
                (vault, self.caller(caller, &admin), input, 0)
            }
            Action::SettleBonus { by, referee } => {
                (vault, self.user(by), message("settle_signup_bonus", id(&self.user(referee))), 0)
            }
            Action::Associate { who, amount } => (governance, self.user(who), message("associate", amount.value()), 0),
            Action::Disassociate { who, part } => {
                let association: Association = self.read(&governance, "association_of", id(&self.user(who)));
                (governance, self.user(who), message("disassociate", part_of(association.amount, part)), 0)
            }
            Action::Propose { who, timely } => {
                let mut call = program_file::parse(FRAK_PROGRAM).expect("frak.json");
                let now = self.c.clock();
                let closing = if timely { now + 48 * HOUR_MS } else { now };
                (call.closing, call.enactment) = (closing, closing);
                let input = message("propose", (call.changes, call.closing, call.enactment, call.title, call.description));
                (governance, self.user(who), input, 0)
            }
            Action::Vote { who, back, accept } => {
                let proposal = self.proposals.saturating_sub(1 + u32::from(back));
                (governance, self.user(who), message("vote", (proposal, accept)), 0)
            }
            Action::Finalize { by, back } => {
                let proposal = self.proposals.saturating_sub(1 + u32::from(back));
                (governance, self.user(by), message("finalize", proposal), 0)
            }
            Action::Advance { .. } => unreachable!("not a call"),
        }
    }

    /// The next period's number and interval: from the end of the last period not
    /// revoked, `days` long but not past the clock.
    fn next_period(&mut self, days: u8) -> (u32, u64, u64) {
        let number = self.periods.last.map_or(1, |p| p + 1);
        let start = self.periods.ends.values().copied().max().unwrap_or(START_MS);
        (number, start, (start + u64::from(days) * DAY_MS).min(self.c.clock()))
    }

    fn code_owner(&mut self, code: u8) -> Option<AccountId32> {
        let info: Option<CodeInfo> = self.staking("code_info", CODES[usize::from(code)].to_string());
        info.map(|i| AccountId32::new(*i.owner.as_ref()))
    }

    /// The chunk an `AddChunk` sends: as the allocation file would order it (ascending
    /// accounts after the period's last, amounts above zero) or, hostile, as drawn.
    fn chunk(&self, allocations: &[(u8, Amount)], hostile: bool) -> (u32, Vec<(AccountId, u128)>) {
        let (period, last) = match self.periods.open {
            Some((period, _, _, last)) => (period, last),
            None => (self.periods.last.unwrap_or(1), None),
        };
        let mut chunk: Vec<(AccountId, u128)> =
            allocations.iter().map(|(u, amount)| (id(&self.users[usize::from(*u)]), amount.value())).collect();
        if !hostile {
            chunk.retain(|(who, amount)| *amount > 0 && *amount < u128::MAX && last.is_none_or(|l| *who > l));
            chunk.sort_by_key(|(who, _)| *who);
            chunk.dedup_by_key(|(who, _)| *who);
        }
        (period, chunk)
    }

    /// Updates the model after a call that went through.
    fn learn(&mut self, action: &Action, data: &[u8]) {
        match action {
            Action::OpenPeriod { days, .. } => {
                let (number, _, end) = self.next_period(*days);
                self.periods.last = Some(number);
                self.periods.open = Some((number, 0, 0, None));
                self.periods.ends.insert(number, end);
            }
            Action::AddChunk { allocations, hostile, .. } => {
                let (_, chunk) = self.chunk(allocations, *hostile);
                if let Some((_, total, count, last)) = &mut self.periods.open {
                    *total += chunk.iter().map(|(_, v)| v).sum::<u128>();
                    *count += chunk.len() as u32;
                    *last = chunk.last().map(|(who, _)| *who);
                }
            }
            Action::Seal { .. } => self.periods.open = None,
            Action::Revoke { back, .. } => {
                let period = self.periods.last.unwrap_or(1).saturating_sub(u32::from(*back));
                self.periods.ends.remove(&period);
                if self.periods.open.is_some_and(|(open, ..)| open == period) {
                    self.periods.open = None;
                }
            }
            Action::Propose { .. } => {
                if let Some(Ok::<u32, program_governance::Error>(id)) = referral_e2e_tests::decode_answer(data) {
                    self.proposals = id + 1;
                }
            }
            Action::RegisterCode { code, .. } => {
                self.codes_registered.insert(*code);
            }
            _ => {}
        }
    }

    /// Every invariant, after a step.
    fn check(
        &mut self,
        action: &Action,
        before: &Seen,
        call: Option<(&Outcome, Context, AccountId32)>,
        tally: &mut Tally,
    ) -> Check {
        let seen = self.observe();
        let n = self.users.len();
        let mut checks = 0u64;
        // 1. Supply = sum of balances (every holder is one of the users).
        ensure(seen.supply == seen.balances.iter().sum::<u128>(), || {
            format!("supply {} != balances {:?}", seen.supply, seen.balances)
        })?;
        checks += 1;
        // 2. Referred TVL and referrals = the bound addresses' shares and number.
        for p in 0..n {
            let partner = id(&self.users[p]);
            let bound: Vec<usize> = (0..n).filter(|&a| seen.partners[a] == Some(partner)).collect();
            let shares: u128 = bound.iter().map(|&a| seen.balances[a]).sum();
            let stats = &seen.stats[p];
            ensure(stats.referred_shares == shares && stats.referrals as usize == bound.len(), || {
                format!("partner {p}: {stats:?} but bound {bound:?} hold {shares}")
            })?;
            checks += 2;
        }
        // 2b. Share-seconds = the model's integral, for every series: in the current
        // epoch, the one before (its total just stored, or still in the head) and, in
        // turn from step to step, every earlier one.
        let current = epoch_of(seen.now);
        let (staking, vault) = (self.c.staking.clone(), self.c.vault.clone());
        let mut epochs = vec![current, current.saturating_sub(1), (tally.steps % (u64::from(current) + 1)) as u32];
        epochs.sort_unstable();
        epochs.dedup();
        for epoch in epochs {
            let in_epoch = |m: &BTreeMap<u32, u128>| m.get(&epoch).copied().unwrap_or(0);
            let mut series = vec![(SeriesId::Total, in_epoch(&self.total_seconds))];
            for u in 0..n {
                let who = id(&self.users[u]);
                series.push((SeriesId::Partner(who), in_epoch(&self.partner_seconds[u])));
                series.push((SeriesId::Account(who), in_epoch(&self.account_seconds[u])));
            }
            for (which, model) in series {
                let chain: Result<u128, referral_staking::Error> = self.read(&staking, "epoch_share_seconds", (which, epoch));
                ensure(chain == Ok(model), || {
                    format!("share-seconds of {which:?} in epoch {epoch}: chain {chain:?}, model {model}")
                })?;
                checks += 1;
            }
        }
        // 3. The staking contract holds pooled stake plus fees.
        let pooled: u128 = self.staking("total_pooled", ());
        let fees: u128 = self.staking("unwithdrawn_fees", ());
        let native = self.c.native(&staking);
        ensure(native >= pooled + fees, || format!("staking holds {native} < pooled {pooled} + fees {fees}"))?;
        checks += 1;
        // 4. The vault holds every pending and claimable amount, the pool and the
        // bonuses held, and the users' amounts are the vault's.
        let totals: Totals = self.vault("totals", ());
        let native = self.c.native(&vault);
        let owed = totals.outstanding + totals.bonus_pool + totals.bonus_held;
        ensure(native >= owed, || format!("vault holds {native} < {totals:?}"))?;
        let (pending, claimable): (u128, u128) = (seen.pending.iter().sum(), seen.claimable.iter().sum());
        ensure(totals.pending == pending && totals.claimable == claimable && totals.outstanding == pending + claimable, || {
            format!("{totals:?} but users hold pending {pending}, claimable {claimable}")
        })?;
        checks += 4;
        // 5. Claimable falls only by the account's own claim, to zero, paying exactly
        // what it was; pending + claimable falls only by a claim or a revoke.
        let claimed = match &call {
            Some((Outcome::Done(data), Context::Claim { account, payout, native }, caller)) => {
                let paid: Option<Result<u128, partner_vault::Error>> = referral_e2e_tests::decode_answer(data);
                let paid = paid.and_then(Result::ok).unwrap_or_default();
                ensure(paid == before.claimable[*account] && seen.claimable[*account] == 0, || {
                    format!("claim paid {paid} of {} claimable", before.claimable[*account])
                })?;
                if payout != caller {
                    let received = self.c.native(payout) - native;
                    ensure(received == paid, || format!("payout received {received}, claim paid {paid}"))?;
                }
                checks += 2;
                Some(*account)
            }
            _ => None,
        };
        let revoked = matches!((action, &call), (Action::Revoke { .. }, Some((Outcome::Done(_), ..))));
        for a in 0..n {
            if claimed == Some(a) {
                continue;
            }
            ensure(seen.claimable[a] >= before.claimable[a], || {
                format!("account {a}'s claimable fell {} -> {}", before.claimable[a], seen.claimable[a])
            })?;
            if !revoked {
                let (was, is) = (before.pending[a] + before.claimable[a], seen.pending[a] + seen.claimable[a]);
                ensure(is >= was, || format!("account {a}'s pending + claimable fell {was} -> {is}"))?;
            }
            checks += 2;
        }
        // 6. Bindings never change; a new one is made exactly by a brand-new address
        // staking with an active code of someone else.
        for a in 0..n {
            if let Some((partner, _)) = self.bindings.get(&a) {
                ensure(seen.partners[a] == Some(*partner), || {
                    format!("account {a}'s binding changed to {:?}", seen.partners[a])
                })?;
            } else if let Some(partner) = seen.partners[a] {
                let epoch: Option<u32> = self.staking("bound_epoch", id(&self.users[a]));
                self.bindings.insert(a, (partner, epoch.unwrap_or_default()));
            }
            checks += 1;
        }
        if let (Action::Stake { who, .. }, Some((Outcome::Done(_), Context::Stake { held, info }, _))) = (action, &call) {
            let who = usize::from(*who);
            let expected = if *held { before.partners[who] } else { info.map(|i| i.owner) };
            ensure(seen.partners[who] == expected, || {
                format!("after stake_with_code (held before: {held}, code {info:?}) partner is {:?}", seen.partners[who])
            })?;
            let epoch: Option<u32> = self.staking("bound_epoch", id(&self.users[who]));
            let current: u32 = self.staking("current_epoch", ());
            ensure(*held || epoch == Some(current), || format!("bound in epoch {epoch:?}, now {current}"))?;
            checks += 2;
        }
        tally.checks += checks;
        self.seen = seen;
        Ok(())
    }
}

/// What a step's checks need from before its call.
enum Context {
    None,
    Stake { held: bool, info: Option<CodeInfo> },
    Claim { account: usize, payout: AccountId32, native: u128 },
}

/// The staking contract's epoch of block time `ms` (a day each from `START_MS`).
fn epoch_of(ms: u64) -> u32 {
    ((ms.saturating_sub(START_MS)) / DAY_MS) as u32
}
