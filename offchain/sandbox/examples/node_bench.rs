//! The node's part of BENCHMARKS.md (`scripts/bench --node`): on the local node, the
//! dry-run weights of the main calls beside the embedded sandbox's for the same calls
//! on the same state, the seconds each transaction takes to reach a block, and the
//! seconds to read a month (the accountant's input) for 100 and 400 bound referees,
//! with the time of one storage read against one dry-run query for the same figure.
//! Writes its section between markers in the file given.
//!
//! usage: node_bench WS_URL BENCHMARKS.md
use referral_client::amount::thousands;
use referral_client::chain::Cost;
use referral_client::constants::{DAY_MS, HOUR_MS, UNIT};
use referral_client::deploy::{deploy, Plan};
use referral_client::month::DEFAULT_PROGRAM;
use referral_client::progress::Transcript;
use referral_client::reader::period_input;
use referral_client::voting::{hand_out_votes, propose};
use referral_client::{AccountId, Accounts, Balance, Chain, Client, PSP22 as _};
use referral_node::keys::{keypair, Keyring};
use referral_node::Node;
use referral_sandbox::{bundle, Sandbox};
use referral_staking::{storage_keys, Holder};
use std::time::Instant;

const BEGIN: &str = "<!-- node benchmarks: begin (scripts/bench --node) -->";
const END: &str = "<!-- node benchmarks: end -->";
const SIZES: [u32; 2] = [100, 400];

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

/// Both chains through the same steps; the costs of the calls measured.
struct Pair {
    node: Client<Node>,
    sandbox: Client<Sandbox>,
    rows: Vec<(String, Cost, Cost, f64)>,
}

impl Pair {
    /// `call` on both chains (the same message, the same caller), recorded as `label`.
    fn both<Args, T: ink::scale::Decode, E: ink::scale::Decode + std::fmt::Debug>(
        &mut self,
        label: &str,
        caller: AccountId,
        message: impl Fn(&referral_client::call::Suite) -> referral_client::call::Message<Args, Result<T, E>>,
    ) -> Fallible<()>
    where
        ink::env::call::ExecutionInput<Args>: ink::scale::Encode,
    {
        let started = Instant::now();
        self.node.send(&caller, message(&self.node.suite))?;
        let seconds = started.elapsed().as_secs_f64();
        let on_node = self.node.last_cost();
        self.sandbox.send(&caller, message(&self.sandbox.suite))?;
        self.rows.push((label.to_string(), on_node, self.sandbox.last_cost(), seconds));
        Ok(())
    }

    fn advance(&mut self, by: u64) -> Fallible<()> {
        let later = self.node.now()? + by;
        self.node.chain.set_time(later)?;
        self.sandbox.chain.set_time(later)?;
        Ok(())
    }
}

fn main() -> Fallible<()> {
    let args: Vec<String> = std::env::args().collect();
    let (url, out) = match args.as_slice() {
        [_, url, out] => (url.clone(), out.clone()),
        _ => return Err("usage: node_bench WS_URL BENCHMARKS.md".into()),
    };
    let who = Accounts::named();
    let mut keys = Keyring::dev();
    let referees: Vec<AccountId> =
        (0..SIZES[1]).map(|i| keypair(&format!("//Referee//{i}")).map(|k| keys.add(k))).collect::<Result<_, _>>()?;
    let mut node = Node::connect(&url, keys, Box::new(|code| bundle(code).map(|b| b.wasm)))?;
    let start = node.now()?;
    let mut node = deploy(node, &Plan::standard(&who, start))?;
    let genesis = node.query(node.suite.staking().config())?.genesis;
    let mut sandbox = Sandbox::new();
    sandbox.set_time(genesis)?;
    let sandbox = deploy(sandbox, &Plan::standard(&who, genesis))?;
    let mut pair = Pair { node, sandbox, rows: Vec::new() };

    // Governance enacts the default program on both.
    let program = program_file::parse(DEFAULT_PROGRAM)?;
    for c in [&mut pair.node as &mut dyn Voting, &mut pair.sandbox] {
        c.enact(&program, who.charlie)?;
    }
    pair.advance(3 * HOUR_MS)?;
    pair.both("`finalize` (enacts the program)", who.charlie, |s| s.governance().finalize(0))?;

    // The main calls, on the same state.
    pair.both("`stake_with_code` (binds a new address)", who.alice, |s| {
        s.staking().stake_with_code("bob".into()).transferred_value(100 * UNIT)
    })?;
    pair.both("`stake_with_code` (already bound)", who.alice, |s| {
        s.staking().stake_with_code("eve".into()).transferred_value(10 * UNIT)
    })?;
    pair.both("`stake` (bound holder)", who.alice, |s| s.staking().stake().transferred_value(10 * UNIT))?;
    pair.both("`stake` (new unbound holder)", who.charlie, |s| s.staking().stake().transferred_value(20 * UNIT))?;
    pair.both("`PSP22::transfer` (to a new address)", who.charlie, |s| {
        s.staking().transfer(who.dex_buyer, 5 * UNIT, Vec::new())
    })?;
    pair.both("`PSP22::approve`", who.charlie, |s| s.staking().approve(who.bob, UNIT))?;
    pair.both("`unstake` (bound holder)", who.alice, |s| s.staking().unstake(UNIT))?;
    pair.both("`report_rewards`", who.oracle, |s| s.staking().report_rewards().transferred_value(10 * UNIT))?;
    pair.both("`register_code`", who.admin, |s| s.staking().register_code("carol".into(), who.charlie))?;

    // Referees: funded in one storage write, each binding with Bob's code.
    let mut client = pair.node;
    let mut read_rows = Vec::new();
    let mut bound = 0usize;
    for size in SIZES {
        let batch: Vec<(AccountId, Balance)> = referees[bound..size as usize].iter().map(|r| (*r, 1_000 * UNIT)).collect();
        client.chain.fund_all(&batch)?;
        let started = Instant::now();
        for referee in &referees[bound..size as usize] {
            client.send(referee, client.suite.staking().stake_with_code("bob".into()).transferred_value(10 * UNIT))?;
        }
        let per_binding = started.elapsed().as_secs_f64() / f64::from(size - bound as u32);
        bound = size as usize;
        let later = client.now()? + DAY_MS;
        client.chain.set_time(later)?;
        let epoch = client.query(client.suite.staking().current_epoch())?;
        let named = client.index.referee_accounts();
        let started = Instant::now();
        let input = period_input(&mut client, 1, (0, epoch - 1), &named, &mut Transcript::default())?;
        let read = started.elapsed().as_secs_f64();
        assert_eq!(input.referees.len(), named.len(), "every named referee is bound");
        // The same figure (each referee's partner) from its record in storage and from a
        // query (the contract run by the node's runtime): what one read costs each way.
        let started = Instant::now();
        let holders: Vec<Option<Holder>> =
            client.read_mapping(client.suite.staking, storage_keys::HOLDERS, named.iter().copied())?;
        let by_storage = started.elapsed().as_secs_f64() / named.len() as f64;
        let started = Instant::now();
        let suite = client.suite;
        let partners = client.query_all(named.iter().map(|r| suite.staking().partner_of(*r)))?;
        let by_query = started.elapsed().as_secs_f64() / named.len() as f64;
        let from_storage: Vec<_> = holders.iter().map(|h| h.and_then(|h| h.binding).map(|b| b.partner)).collect();
        assert_eq!(from_storage, partners, "storage and queries agree");
        let (_, blocks) = client.chain.best()?;
        read_rows.push(ReadRow {
            referees: named.len(),
            epochs: input.epochs.len(),
            read,
            by_storage,
            by_query,
            per_binding,
            blocks,
        });
    }

    let section = report(&pair.rows, &read_rows, &url);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let text = match (text.find(BEGIN), text.find(END)) {
        (Some(b), Some(e)) if b < e => format!("{}{section}{}", &text[..b], &text[e + END.len()..]),
        _ => format!("{}\n{section}\n", text.trim_end()),
    };
    std::fs::write(&out, text)?;
    println!("{section}");
    Ok(())
}

/// Governance's steps before the vote closes, on either chain.
trait Voting {
    fn enact(&mut self, program: &program_file::ProposalCall, proposer: AccountId) -> Fallible<()>;
}

impl<C: Chain> Voting for Client<C> {
    fn enact(&mut self, program: &program_file::ProposalCall, proposer: AccountId) -> Fallible<()> {
        hand_out_votes(self)?;
        let now = self.now()?;
        let mut call = program.clone();
        (call.closing, call.enactment) = (now + 2 * HOUR_MS, now + 2 * HOUR_MS);
        let id = propose(self, &proposer, &call)?;
        let alice = self.who.alice;
        self.send(&proposer, self.suite.governance().vote(id, true))?;
        self.send(&alice, self.suite.governance().vote(id, true))?;
        Ok(())
    }
}

/// One size of the month read.
struct ReadRow {
    referees: usize,
    epochs: usize,
    /// Seconds to read the whole month.
    read: f64,
    /// Seconds per referee record read from storage, and per query for the same figure.
    by_storage: f64,
    by_query: f64,
    per_binding: f64,
    blocks: u64,
}

fn report(rows: &[(String, Cost, Cost, f64)], reads: &[ReadRow], url: &str) -> String {
    let mut s = format!("{BEGIN}\n## On a real node\n\n");
    s.push_str(&format!(
        "Generated by `scripts/bench --node` on the local node (`scripts/node`: chopsticks 1.1.0 serving contracts-node-runtime 0.41.0, pallet-contracts 31; here {url}). The same calls, by the same callers on the same state, dry-run by the node's runtime (`ContractsApi_call`, the weight a transaction is submitted with) and by the embedded sandbox. Seconds: from signing to the block's events on loopback, one block per transaction (informational, noisy).\n\n"
    ));
    s.push_str("| call | node ref_time | node proof_size | sandbox ref_time | sandbox proof_size | equal | seconds to a block |\n|---|---:|---:|---:|---:|---|---:|\n");
    for (label, node, sandbox, seconds) in rows {
        let equal = if node.ref_time == sandbox.ref_time && node.proof_size == sandbox.proof_size { "yes" } else { "no" };
        s.push_str(&format!(
            "| {label} | {} | {} | {} | {} | {equal} | {seconds:.2} |\n",
            thousands(node.ref_time),
            thousands(node.proof_size),
            thousands(sandbox.ref_time),
            thousands(sandbox.proof_size)
        ));
    }
    s.push_str("\nReading a month from the node (`allocate`'s input): a few queries per epoch (fees, supply share-seconds, the program in force), then every referee's record and stored epoch totals and every partner's association and volumes read straight from the contracts' storage (`childstate_getStorage`, 64 reads in flight, no contract code run). Beside it, what one referee's partner costs read from storage and asked as a query (a dry run: the runtime loads and runs the staking contract; the node runs them one after another):\n\n| bound referees | epochs | read the month (s) | per referee (ms) | one storage read (ms) | one query (ms) | seconds per binding transaction | chain length (blocks) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in reads {
        s.push_str(&format!(
            "| {} | {} | {:.2} | {:.1} | {:.2} | {:.1} | {:.2} | {} |\n",
            r.referees,
            r.epochs,
            r.read,
            1000.0 * r.read / r.referees as f64,
            1000.0 * r.by_storage,
            1000.0 * r.by_query,
            r.per_binding,
            r.blocks
        ));
    }
    if let [small, large] = reads {
        let growth = (large.read / small.read) / (large.referees as f64 / small.referees as f64);
        s.push_str(&format!(
            "\nGrowth from {} to {} referees, per referee: x{growth:.2} (1.00 = linear; the per-epoch queries are a fixed part, so below 1).\n",
            small.referees, large.referees
        ));
        s.push_str("chopsticks keeps every block's storage changes in memory as layers over genesis, so its block building and its reads slow down as the chain grows (the seconds per binding above say so); a real node (substrate-contracts-node, a parachain) does not grow that way.\n");
    }
    s.push_str(END);
    s
}
