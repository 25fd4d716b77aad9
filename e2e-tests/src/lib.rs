//! The suite deployed on the embedded sandbox (the product's own `referral_sandbox`
//! chain, deployed by the client library), with the tests' helpers to drive it by
//! message name and raw input as well: shared by the sandbox tests and the benchmark
//! command.
use drink::minimal::MinimalSandbox;
use drink::sandbox_api::prelude::*;
use drink::session::Session;
use drink::AccountId32;
use ink::scale::Decode;
pub use partner_vault::Error as VaultError;
pub use program_governance::Error as GovernanceError;
use referral_client::deploy::{deploy, Plan};
use referral_client::index::Index;
use referral_client::Client;
use referral_sandbox::Sandbox;
pub use referral_staking::Error;

/// The contracts' release bundles, built by the sandbox crate's provider (in this
/// workspace it also builds this crate's reentrancy probe).
pub use referral_sandbox::BundleProvider;

pub use referral_client::amount::units;
pub use referral_client::constants::{
    DAY_MS, ENDOWMENT, HOUR_MS, MIN_GOVERNANCE_BALANCE, START_MS, TENTH, TOKEN_SUPPLY, UNIT, WINDOW_MS,
};
pub use referral_client::month::{MonthOptions, MonthReport, DEFAULT_PROGRAM, FRAK_HOLD_PROGRAM, FRAK_PROGRAM};
pub use referral_client::progress::{Progress, Transcript};

/// The named accounts of the tests (the client library's, in the sandbox's account type).
pub type Accounts = referral_client::address::Accounts<AccountId32>;

/// An account made from one byte, endowed by `Chain::new` or `Chain::endow`.
pub fn account(byte: u8) -> AccountId32 {
    AccountId32::new([byte; 32])
}

/// The `index`-th account of a numbered group (`group` < 256): for populations larger
/// than the one-byte accounts allow.
pub fn account_n(group: u8, index: u32) -> AccountId32 {
    let mut bytes = [group; 32];
    bytes[28..].copy_from_slice(&index.to_be_bytes());
    AccountId32::new(bytes)
}

/// The contracts' `AccountId` of a sandbox account.
pub fn id(who: &AccountId32) -> ink::primitives::AccountId {
    let bytes: &[u8; 32] = who.as_ref();
    ink::primitives::AccountId::from(*bytes)
}

/// What a call through [`Chain::send`] came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Went through; the message's SCALE answer (`Result<T, LangError>`).
    Done(Vec<u8>),
    /// Reverted (the contract answered `Err`): its SCALE answer.
    Refused(Vec<u8>),
    /// Trapped, or refused by the runtime before the contract ran (the caller cannot
    /// pay the value, say).
    Failed(String),
}

impl Outcome {
    /// The contract's error, for a refused `Result`-returning message.
    pub fn error<E: Decode>(&self) -> Option<E> {
        match self {
            Outcome::Refused(data) => decode_answer::<Result<(), E>>(data).and_then(|r| r.err()),
            _ => None,
        }
    }
}

/// The answer of a message refused with `error`: `Ok(Err(error))` of
/// `Result<Result<T, E>, LangError>` (the same bytes whatever `T`), as `Outcome::Refused`
/// carries it.
pub fn refusal<E: ink::scale::Encode>(error: E) -> Vec<u8> {
    ink::scale::Encode::encode(&Ok::<Result<(), E>, ink::LangError>(Err(error)))
}

/// A message's answer: `Ok(value)` of ink!'s `Result<T, LangError>`, all bytes used.
pub fn decode_answer<T: Decode>(mut data: &[u8]) -> Option<T> {
    match <Result<T, ink::LangError>>::decode(&mut data) {
        Ok(Ok(value)) if data.is_empty() => Some(value),
        _ => None,
    }
}

/// Weight and storage deposit of one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub ref_time: u64,
    pub proof_size: u64,
    /// Positive: charged to the caller; negative: refunded.
    pub storage_deposit: i128,
}

/// The suite on the sandbox: the product's client, and the contracts' addresses and the
/// named accounts in the sandbox's own account type.
pub struct Chain {
    pub client: Client<Sandbox>,
    pub staking: AccountId32,
    pub vault: AccountId32,
    /// The governance token: the psp22 crate's own token.
    pub token: AccountId32,
    pub governance: AccountId32,
    pub who: Accounts,
}

impl Chain {
    /// The suite as the client library deploys it on a fresh sandbox at `START_MS`
    /// (`Plan::standard`): staking (fee 10%, cap 50%, daily epochs) with codes "bob"
    /// (Bob's) and "eve" (Eve's), the vault (a week's challenge window, the admin as
    /// governance, one distributor), the psp22 crate's token as governance token (the
    /// whole supply to the admin) and governance over it (Vega's defaults, daily epochs
    /// from `START_MS`, proposals closing and enacted 1 hour to 30 days ahead).
    pub fn new() -> Self {
        let plan = Plan::standard(&referral_client::Accounts::named(), START_MS);
        Self::from_client(deploy(Sandbox::new(), &plan).expect("the suite deploys"))
    }

    /// The tests' view of a client on the sandbox.
    pub fn from_client(client: Client<Sandbox>) -> Self {
        let s = client.suite;
        let address = referral_sandbox::sandbox_account;
        Chain {
            staking: address(&s.staking),
            vault: address(&s.vault),
            token: address(&s.token),
            governance: address(&s.governance),
            who: client.who.map(referral_sandbox::sandbox_account),
            client,
        }
    }

    /// The demo's month (`referral_client::month::run`) on a fresh sandbox.
    pub fn month(options: &MonthOptions, out: &mut dyn Progress) -> (Self, MonthReport) {
        let (client, report) = referral_client::month::run(Sandbox::new(), options, out).expect("the month runs");
        (Self::from_client(client), report)
    }

    /// drink's session over the sandbox.
    pub fn session(&mut self) -> &mut Session<MinimalSandbox> {
        &mut self.client.chain.session
    }

    /// What the staking contract's (and the vault's bonus) events told so far.
    pub fn index(&self) -> &Index {
        &self.client.index
    }

    /// Gives `who` the standard endowment.
    pub fn endow(&mut self, who: &AccountId32) {
        self.session().sandbox().mint_into(who, ENDOWMENT).expect("endow");
    }

    /// Moves the sandbox clock to `START_MS + offset_ms`.
    pub fn set_time(&mut self, offset_ms: u64) {
        self.session().sandbox().set_timestamp(START_MS + offset_ms);
    }

    /// The sandbox clock (ms).
    pub fn clock(&mut self) -> u64 {
        self.session().sandbox().get_timestamp()
    }

    /// Sets the sandbox clock to `ms`.
    pub fn set_clock(&mut self, ms: u64) {
        self.session().sandbox().set_timestamp(ms);
    }

    /// Native free balance of `who`.
    pub fn native(&mut self, who: &AccountId32) -> u128 {
        self.session().sandbox().free_balance(who)
    }

    /// Calls a `Result`-returning message of the staking contract as `caller`,
    /// transferring `value`; returns the contract's own result (a reverted call included).
    pub fn call<V: Decode>(&mut self, caller: &AccountId32, message: &str, args: &[String], value: u128) -> Result<V, Error> {
        let staking = self.staking.clone();
        self.call_at(&staking, caller, message, args, value)
    }

    /// `call` on any deployed contract whose errors decode as `E`.
    pub fn call_at<V: Decode, E: Decode + std::fmt::Debug>(
        &mut self,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &str,
        args: &[String],
        value: u128,
    ) -> Result<V, E> {
        self.session().set_actor(caller.clone());
        self.forget_events();
        let endowment = (value > 0).then_some(value);
        let outcome = self.session().call_with_address::<_, Result<V, E>>(contract.clone(), message, args, endowment);
        if *contract == self.staking {
            self.index_events();
        }
        match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(lang)) => panic!("{message}: {lang:?}"),
            Err(error) => match error.decode_revert::<Result<V, E>>() {
                Ok(Ok(result)) => result,
                Ok(Err(lang)) => panic!("{message}: {lang:?}"),
                Err(error) => panic!("{message}: {error:?}"),
            },
        }
    }

    /// Calls a `Result`-returning message of the vault.
    pub fn vault_call<V: Decode>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: &[String],
        value: u128,
    ) -> Result<V, VaultError> {
        let vault = self.vault.clone();
        self.call_at(&vault, caller, message, args, value)
    }

    /// `vault_call` that must succeed.
    pub fn vault_ok<V: Decode>(&mut self, caller: &AccountId32, message: &str, args: &[String], value: u128) -> V {
        self.vault_call(caller, message, args, value).unwrap_or_else(|e| panic!("vault {message}({args:?}) refused: {e:?}"))
    }

    /// Reads a plain-value message of the vault.
    pub fn vault_query<V: Decode>(&mut self, message: &str, args: &[String]) -> V {
        let vault = self.vault.clone();
        self.query_at(&vault, message, args)
    }

    /// What `who` could claim from the vault now.
    pub fn claimable(&mut self, who: &AccountId32) -> u128 {
        self.vault_query("claimable_of", &[who.to_string()])
    }

    /// The distributor opens `period` over [`start`, `end`) with `hash` (0x-hex).
    pub fn open_period(&mut self, period: u32, (start, end): (u64, u64), hash: String) -> Result<(), VaultError> {
        let distributor = self.who.distributor.clone();
        self.vault_call(&distributor, "open_period", &[period.to_string(), start.to_string(), end.to_string(), hash], 0)
    }

    /// The distributor adds a chunk of `period`'s allocations, funded by its sum.
    pub fn add_allocations(&mut self, period: u32, chunk: &[(AccountId32, u128)]) -> Result<(), VaultError> {
        let distributor = self.who.distributor.clone();
        let value = chunk.iter().map(|(_, v)| v).sum();
        self.vault_call(&distributor, "add_allocations", &[period.to_string(), allocations_arg(chunk)], value)
    }

    /// The distributor seals `period`, expecting `total` over `count` allocations.
    pub fn seal_period(&mut self, period: u32, total: u128, count: u32) -> Result<(), VaultError> {
        let distributor = self.who.distributor.clone();
        self.vault_call(&distributor, "seal_period", &[period.to_string(), total.to_string(), count.to_string()], 0)
    }

    /// Calls a `Result`-returning message of governance.
    pub fn gov_call<V: Decode>(&mut self, caller: &AccountId32, message: &str, args: &[String]) -> Result<V, GovernanceError> {
        let governance = self.governance.clone();
        self.call_at(&governance, caller, message, args, 0)
    }

    /// Reads a plain-value message of governance.
    pub fn gov_query<V: Decode>(&mut self, message: &str, args: &[String]) -> V {
        let governance = self.governance.clone();
        self.query_at(&governance, message, args)
    }

    /// Gives `who` `amount` governance tokens from the admin, and has it associate
    /// `associated` of them (approving governance first).
    pub fn give_votes(&mut self, who: &AccountId32, amount: u128, associated: u128) {
        referral_client::voting::give_votes(&mut self.client, &id(who), amount, associated).expect("votes handed out");
    }

    /// `proposer` proposes `call`, votes for it (its association must carry the vote)
    /// and finalizes it once voting closes, the clock moved to `call.closing`; the
    /// proposal's id.
    pub fn enact(&mut self, proposer: &AccountId32, call: &program_file::ProposalCall) -> u32 {
        let id = referral_client::voting::propose(&mut self.client, &id(proposer), call).expect("propose");
        self.gov_call::<()>(proposer, "vote", &[id.to_string(), "true".into()]).expect("vote");
        self.set_clock(call.closing);
        self.gov_call::<()>(proposer, "finalize", &[id.to_string()]).expect("finalize");
        id
    }

    /// Enacts `programs/frak.json` (a sign-up bonus of 50 + 50 units, rewards up the
    /// chain) from the first epoch after `START_MS`, Charlie proposing after the
    /// sandbox's voters got their tokens; the clock is left at the vote's closing.
    pub fn enact_frak(&mut self) {
        self.hand_out_votes();
        let mut call = program_file::parse(FRAK_PROGRAM).expect("programs/frak.json parses");
        (call.closing, call.enactment) = (START_MS + HOUR_MS, START_MS + HOUR_MS);
        let charlie = self.who.charlie.clone();
        self.enact(&charlie, &call);
    }

    /// The sandbox's voters: Charlie 1,000, Alice 500 and Bob 1,000 governance tokens,
    /// all associated (Bob's reach the shipped programs' first staking tier).
    pub fn hand_out_votes(&mut self) {
        referral_client::voting::hand_out_votes(&mut self.client).expect("votes handed out");
    }

    /// Governance tokens held by `who`.
    pub fn token_balance(&mut self, who: &AccountId32) -> u128 {
        let token = self.token.clone();
        self.query_at(&token, "PSP22::balance_of", &[who.to_string()])
    }

    /// `call` that must succeed.
    pub fn ok<V: Decode>(&mut self, caller: &AccountId32, message: &str, args: &[String], value: u128) -> V {
        self.call(caller, message, args, value).unwrap_or_else(|e| panic!("{message}({args:?}) refused: {e:?}"))
    }

    /// Reads a message that returns a plain value.
    pub fn query<V: Decode>(&mut self, message: &str, args: &[String]) -> V {
        let staking = self.staking.clone();
        self.query_at(&staking, message, args)
    }

    /// `query` on any deployed contract.
    pub fn query_at<V: Decode>(&mut self, contract: &AccountId32, message: &str, args: &[String]) -> V {
        let admin = self.who.admin.clone();
        self.session().set_actor(admin);
        self.forget_events();
        match self.session().call_with_address::<_, V>(contract.clone(), message, args, None) {
            Ok(Ok(value)) => value,
            Ok(Err(lang)) => panic!("{message}: {lang:?}"),
            Err(error) => panic!("{message}: {error:?}"),
        }
    }

    /// Calls `contract` with SCALE-encoded `input` (selector and arguments, see
    /// [`message`]) as `caller`, outside drink's session record, which keeps every
    /// call's result and would fill memory over the hundreds of thousands of calls that
    /// build a large population or run the property tests.
    pub fn send(&mut self, contract: &AccountId32, caller: &AccountId32, input: Vec<u8>, value: u128) -> Outcome {
        let gas_limit = self.session().get_gas_limit();
        // Appending to a long event list copies it within each call's storage
        // transaction: the list is emptied first, as for every call.
        self.forget_events();
        let result = self.session().sandbox().call_contract(
            contract.clone(),
            value,
            input,
            caller.clone(),
            gas_limit,
            None,
            drink::pallet_contracts::Determinism::Enforced,
        );
        match result.result {
            Ok(output) if output.did_revert() => Outcome::Refused(output.data),
            Ok(output) => Outcome::Done(output.data),
            Err(error) => Outcome::Failed(format!("{error:?}")),
        }
    }

    /// `send` that tells whether the call went through (neither trapped nor reverted:
    /// an `Err` answer reverts).
    pub fn raw_call(&mut self, contract: &AccountId32, caller: &AccountId32, input: Vec<u8>, value: u128) -> bool {
        matches!(self.send(contract, caller, input, value), Outcome::Done(_))
    }

    /// Reads a message's answer through `send` (as the admin, no value).
    pub fn read<T: Decode>(&mut self, contract: &AccountId32, input: Vec<u8>) -> T {
        let admin = self.who.admin.clone();
        match self.send(contract, &admin, input, 0) {
            Outcome::Done(data) => decode_answer(&data).unwrap_or_else(|| panic!("undecodable answer {data:?}")),
            other => panic!("read refused: {other:?}"),
        }
    }

    /// The root hash of the whole chain state (every account, balance and contract
    /// storage), the event list emptied first: two equal fingerprints mean nothing
    /// changed anywhere.
    pub fn fingerprint(&mut self) -> [u8; 32] {
        self.forget_events();
        self.snapshot().storage_root.to_fixed_bytes()
    }

    /// The whole chain state, to go back to with [`Chain::restore`].
    pub fn snapshot(&mut self) -> ink_sandbox::Snapshot {
        use drink::Sandbox;
        self.session().sandbox().take_snapshot()
    }

    /// Puts the chain back as `snapshot` found it.
    pub fn restore(&mut self, snapshot: ink_sandbox::Snapshot) {
        use drink::Sandbox;
        self.session().sandbox().restore_snapshot(snapshot);
    }

    /// Rebuilds the sandbox's storage from a snapshot of itself, which empties its
    /// in-memory overlay of changes (a copy of the whole state). Emptying the event list
    /// (before every call) clears the event topics by a walk over every key in that
    /// overlay: after many calls, this makes each later call cheap again.
    pub fn compact_storage(&mut self) {
        let snapshot = self.snapshot();
        self.restore(snapshot);
    }

    /// Runs `grow` with the runtime depositing no events: frame_system deposits none at
    /// block zero, where the chain is put meanwhile (and put back after). Contract state
    /// is made exactly as otherwise. What is saved is emptying the event list before
    /// each call (`forget_events` skips it at block zero): its topic index is cleared
    /// by a walk over every key changed since the sandbox's storage was last rebuilt
    /// (`compact_storage`), so in a long growth each call would cost more than the one
    /// before.
    pub fn without_events<T>(&mut self, grow: impl FnOnce(&mut Self) -> T) -> T {
        use drink::minimal::MinimalSandboxRuntime;
        use drink::Sandbox;
        use ink_sandbox::frame_system::Pallet as System;
        self.forget_events();
        let block = self.session().sandbox().execute_with(|| {
            let block = System::<MinimalSandboxRuntime>::block_number();
            System::<MinimalSandboxRuntime>::set_block_number(0);
            block
        });
        let grown = grow(self);
        self.session().sandbox().execute_with(|| System::<MinimalSandboxRuntime>::set_block_number(block));
        grown
    }

    /// Empties the runtime's event list (see [`Sandbox::forget_events`]).
    pub fn forget_events(&mut self) {
        self.client.chain.forget_events();
    }

    /// Reads the staking contract's (and the vault's bonus) events of the last call
    /// into the index.
    fn index_events(&mut self) {
        use drink::minimal::RuntimeEvent;
        use drink::pallet_contracts::Event;
        let (staking, vault) = (self.staking.clone(), self.vault.clone());
        for record in self.session().sandbox().events() {
            if let RuntimeEvent::Contracts(Event::ContractEmitted { contract, data }) = &record.event {
                if *contract == staking || *contract == vault {
                    let topics: Vec<[u8; 32]> = record.topics.iter().map(|t| t.to_fixed_bytes()).collect();
                    self.client.index.take(&topics, data);
                }
            }
        }
    }

    /// Weight and storage deposit of the last call.
    pub fn last_cost(&self) -> Cost {
        let result = self.client.chain.session.record().last_call_result();
        let storage_deposit = match result.storage_deposit {
            drink::pallet_contracts::StorageDeposit::Charge(c) => c as i128,
            drink::pallet_contracts::StorageDeposit::Refund(r) => -(r as i128),
        };
        Cost { ref_time: result.gas_consumed.ref_time(), proof_size: result.gas_consumed.proof_size(), storage_deposit }
    }

    /// Stakes `amount` as `who` with `code`; the contract's answer.
    pub fn stake_with_code(&mut self, who: &AccountId32, amount: u128, code: &str) -> Result<u128, Error> {
        self.call(who, "stake_with_code", &[quote(code)], amount)
    }

    /// Stakes `amount` as `who` without a code.
    pub fn stake(&mut self, who: &AccountId32, amount: u128) -> Result<u128, Error> {
        self.call(who, "stake", &[], amount)
    }

    /// PSP22 transfer of liquid shares.
    pub fn transfer_shares(&mut self, from: &AccountId32, to: &AccountId32, value: u128) {
        let staking = self.staking.clone();
        let result: Result<(), referral_common::psp22::PSP22Error> =
            self.call_at(&staking, from, "PSP22::transfer", &[to.to_string(), value.to_string(), "[]".into()], 0);
        result.expect("share transfer");
    }

    pub fn balance_of(&mut self, who: &AccountId32) -> u128 {
        self.query("PSP22::balance_of", &[who.to_string()])
    }

    pub fn partner_of(&mut self, who: &AccountId32) -> Option<AccountId32> {
        let partner: Option<[u8; 32]> = self.query("partner_of", &[who.to_string()]);
        partner.map(AccountId32::new)
    }

    pub fn partner_tvl(&mut self, partner: &AccountId32) -> u128 {
        self.query("partner_tvl", &[partner.to_string()])
    }
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

/// A string argument in the transcoder's syntax.
pub fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

/// The `n`-th 30-day month from `START_MS` (the first is 1), as (start, end) in ms.
pub fn month(n: u64) -> (u64, u64) {
    (START_MS + (n - 1) * 30 * DAY_MS, START_MS + n * 30 * DAY_MS)
}

/// A `Vec<(AccountId, Balance)>` argument (a chunk of allocations).
pub fn allocations_arg(chunk: &[(AccountId32, u128)]) -> String {
    let items: Vec<String> = chunk.iter().map(|(who, amount)| format!("({who}, {amount})")).collect();
    format!("[{}]", items.join(", "))
}

/// Governance's constructor parameters in the transcoder's syntax.
pub fn params_arg(p: &program_governance::GovernanceParams) -> String {
    let l = &p.limits;
    format!(
        "GovernanceParams {{ limits: ProgramLimits {{ max_tiers: {}, max_reward_factor: {}, max_discount_factor: {}, \
         max_reward_proportion: {} }}, required_participation: {}, required_majority: {}, min_proposer_balance: {}, \
         min_voter_balance: {}, min_close: {}, max_close: {}, min_enact: {}, max_enact: {}, epoch_start: {}, epoch_length: {} }}",
        l.max_tiers,
        l.max_reward_factor,
        l.max_discount_factor,
        l.max_reward_proportion,
        p.required_participation,
        p.required_majority,
        p.min_proposer_balance,
        p.min_voter_balance,
        p.min_close,
        p.max_close,
        p.min_enact,
        p.max_enact,
        p.epoch_start,
        p.epoch_length
    )
}

/// A `Hash` argument of 32 equal bytes.
pub fn hash_arg(byte: u8) -> String {
    format!("0x{}", format!("{byte:02x}").repeat(32))
}

/// Everything observable about the pool, the vault, the named accounts and the codes:
/// two equal observations mean a call changed nothing anyone can see, native balances
/// included.
pub fn observe(chain: &mut Chain) -> String {
    use partner_vault::{ClaimRecord, PeriodInfo, Totals, VaultConfig};
    use referral_staking::{CodeInfo, Config, PartnerStats};
    let mut out = String::new();
    let supply: u128 = chain.query("PSP22::total_supply", &[]);
    let pooled: u128 = chain.query("total_pooled", &[]);
    let fees: u128 = chain.query("unwithdrawn_fees", &[]);
    let config: Config = chain.query("config", &[]);
    let (staking, vault) = (chain.staking.clone(), chain.vault.clone());
    let contract_native = chain.native(&staking);
    out += &format!("supply={supply} pooled={pooled} fees={fees} native={contract_native} {config:?}\n");
    let totals: Totals = chain.vault_query("totals", &[]);
    let vault_config: VaultConfig = chain.vault_query("config", &[]);
    let vault_native = chain.native(&vault);
    out += &format!("vault: {totals:?} {vault_config:?} native={vault_native}\n");
    if let Some(last) = totals.last_period {
        for period in last.saturating_sub(3)..=last {
            let info: Option<PeriodInfo> = chain.vault_query("period_info", &[period.to_string()]);
            out += &format!("period {period}: {info:?}\n");
        }
    }
    let named = [
        chain.who.admin.clone(),
        chain.who.oracle.clone(),
        chain.who.treasury.clone(),
        chain.who.distributor.clone(),
        chain.who.alice.clone(),
        chain.who.bob.clone(),
        chain.who.eve.clone(),
        chain.who.charlie.clone(),
        chain.who.dex_buyer.clone(),
    ];
    for who in &named {
        let balance = chain.balance_of(who);
        let partner = chain.partner_of(who);
        let held: bool = chain.query("has_ever_held", &[who.to_string()]);
        let stats: PartnerStats = chain.query("partner_stats", &[who.to_string()]);
        let native = chain.native(who);
        let allowance: u128 = chain.query("PSP22::allowance", &[who.to_string(), named[7].to_string()]);
        out += &format!("{who}: {balance} {partner:?} {held} {stats:?} native={native} allowance={allowance}\n");
        let arg = [who.to_string()];
        let pending: u128 = chain.vault_query("pending_of", &arg);
        let claimable: u128 = chain.vault_query("claimable_of", &arg);
        let claimed: u128 = chain.vault_query("claimed_total_of", &arg);
        let payout: [u8; 32] = chain.vault_query("payout_address_of", &arg);
        let history: Vec<ClaimRecord> = chain.vault_query("claim_history", &[who.to_string(), "0".into(), "50".into()]);
        let distributor: bool = chain.vault_query("is_distributor", &arg);
        out += &format!("  vault: {pending} {claimable} {claimed} {payout:?} {history:?} {distributor}\n");
    }
    let total_associated: u128 = chain.gov_query("total_associated", &[]);
    let proposals: u32 = chain.gov_query("proposal_count", &[]);
    let programs: u32 = chain.gov_query("program_count", &[]);
    out += &format!("governance: {total_associated} {proposals} {programs}\n");
    for id in 0..proposals {
        let proposal: Option<program_governance::Proposal> = chain.gov_query("proposal", &[id.to_string()]);
        out += &format!("proposal {id}: {proposal:?}\n");
    }
    for who in &named {
        let association: program_governance::Association = chain.gov_query("association_of", &[who.to_string()]);
        let tokens = chain.token_balance(who);
        out += &format!("{who}: {association:?} tokens={tokens}\n");
    }
    for code in ["bob", "eve", "alice", "charlie"] {
        let info: Option<CodeInfo> = chain.query("code_info", &[quote(code)]);
        out += &format!("{code}: {info:?}\n");
    }
    out
}

/// Asserts that a call to `contract` is refused with `expected` and changes nothing
/// observable.
#[allow(clippy::too_many_arguments)]
pub fn assert_refused_at<E: Decode + std::fmt::Debug + PartialEq>(
    chain: &mut Chain,
    contract: &AccountId32,
    expected: E,
    caller: &AccountId32,
    message: &str,
    args: &[String],
    value: u128,
) {
    let before = observe(chain);
    // A refused call's answer decodes the same whatever the success type: `()` will do.
    let got = chain.call_at::<(), E>(contract, caller, message, args, value).err();
    assert_eq!(got, Some(expected), "{message}({args:?}) should be refused");
    assert_eq!(observe(chain), before, "{message}({args:?}) refused but changed state");
}

/// `assert_refused_at` for the staking contract.
pub fn assert_refused(chain: &mut Chain, expected: Error, caller: &AccountId32, message: &str, args: &[String], value: u128) {
    let staking = chain.staking.clone();
    assert_refused_at(chain, &staking, expected, caller, message, args, value);
}

/// `assert_refused_at` for governance.
pub fn assert_gov_refused(chain: &mut Chain, expected: GovernanceError, caller: &AccountId32, message: &str, args: &[String]) {
    let governance = chain.governance.clone();
    assert_refused_at(chain, &governance, expected, caller, message, args, 0);
}

/// `assert_refused_at` for the vault.
pub fn assert_vault_refused(
    chain: &mut Chain,
    expected: VaultError,
    caller: &AccountId32,
    message: &str,
    args: &[String],
    value: u128,
) {
    let vault = chain.vault.clone();
    assert_refused_at(chain, &vault, expected, caller, message, args, value);
}

/// A message's input for [`Chain::raw_call`]: its selector (the message's name, with
/// the trait's for trait messages, e.g. `"PSP22::transfer"`, as ink! derives it) and
/// its SCALE-encoded arguments.
pub fn message(name: &str, args: impl ink::scale::Encode) -> Vec<u8> {
    let mut hash = <ink::env::hash::Blake2x256 as ink::env::hash::HashOutput>::Type::default();
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(name.as_bytes(), &mut hash);
    let mut input = hash[..4].to_vec();
    args.encode_to(&mut input);
    input
}

/// Instantiates `code` alone (no entry in front of it), as the admin, with the
/// constructor `input`: a second contract beside the suite's, to compare with it.
pub fn deploy_alone(chain: &mut Chain, code: referral_client::chain::Code, input: Vec<u8>) -> AccountId32 {
    use referral_client::chain::Chain as _;
    let admin = id(&chain.who.admin);
    let address = chain.client.chain.instantiate(&admin, code, input, b"alone".to_vec());
    referral_sandbox::sandbox_account(&address.unwrap_or_else(|e| panic!("{code:?} deploys alone: {e}")))
}

/// Instantiates `code` as the admin with the constructor `input`, which must be
/// refused with `expected` (the constructor's answer reverted, no contract made).
pub fn assert_instantiation_refused<E: ink::scale::Encode>(
    chain: &mut Chain,
    code: referral_client::chain::Code,
    input: Vec<u8>,
    expected: E,
) {
    use referral_client::chain::{Chain as _, ChainError};
    let admin = id(&chain.who.admin);
    let before = chain.fingerprint();
    let outcome = chain.client.chain.instantiate(&admin, code, input, b"refused".to_vec());
    let answer = format!("the {code:?} constructor reverted: {:?}", refusal(expected));
    assert_eq!(outcome, Err(ChainError::Rejected(answer)));
    assert_eq!(chain.fingerprint(), before, "a refused instantiation changed the chain");
}

/// The staking contract's constructor input (`referral_staking::new`) with `config`'s
/// rates, epoch length, oracle and treasury (but `fee_rate`), the token's `name` and
/// `symbol`, 12 decimals, and the entry to hand the contract to, if any.
pub fn staking_constructor(
    config: &referral_staking::Config,
    fee_rate: u64,
    (name, symbol): (Option<String>, Option<String>),
    entry: Option<ink::primitives::Hash>,
) -> Vec<u8> {
    let (max_fee_rate, epoch_length, oracle, treasury) =
        (config.max_fee_rate, config.epoch_length, config.oracle, config.treasury);
    message("new", (fee_rate, max_fee_rate, epoch_length, oracle, treasury, name, symbol, 12u8, entry))
}

/// The first 4 bytes of `code`'s input for message `name` with `args` (in the
/// transcoder's syntax): the selector its metadata gives.
pub fn metadata_selector(code: referral_client::chain::Code, name: &str, args: &[String]) -> [u8; 4] {
    let bundle = referral_sandbox::bundle(code).expect("the code's bundle");
    let input = bundle.transcoder.encode(name, args).unwrap_or_else(|e| panic!("{name} of {code:?}: {e:?}"));
    input[..4].try_into().expect("a selector")
}

/// Sends each of `inputs` to `contract` as `caller`: each must be refused as input no
/// message takes (ink!'s `CouldNotReadInput`), the chain unchanged.
pub fn assert_unreadable(chain: &mut Chain, contract: &AccountId32, caller: &AccountId32, inputs: &[Vec<u8>]) {
    let before = chain.fingerprint();
    for input in inputs {
        let outcome = chain.send(contract, caller, input.clone(), 0);
        let lang_error = match &outcome {
            Outcome::Refused(data) => <Result<(), ink::LangError> as Decode>::decode(&mut &data[..]).ok(),
            _ => None,
        };
        assert_eq!(lang_error, Some(Err(ink::LangError::CouldNotReadInput)), "{input:?}: {outcome:?}");
        assert_eq!(chain.fingerprint(), before, "{input:?} changed the chain");
    }
}

/// Sends each of `inputs` to `contract` as `caller` with one unit of value: each must
/// trap (no message it reaches takes value), the chain unchanged.
pub fn assert_value_refused(chain: &mut Chain, contract: &AccountId32, caller: &AccountId32, inputs: &[Vec<u8>]) {
    let before = chain.fingerprint();
    for input in inputs {
        let outcome = chain.send(contract, caller, input.clone(), 1);
        assert!(matches!(outcome, Outcome::Failed(_)), "{input:?} with value: {outcome:?}");
        assert_eq!(chain.fingerprint(), before, "{input:?} with value changed the chain");
    }
}
