//! Each command: load the saved sandbox (or open the deployment on a node), act as the
//! caller through the client library, print what happened, save what changed.
use crate::bars::Bars;
use crate::{CodeAction, Command};
use accountant::AllocationFile;
use referral_client::address::{hex, parse_address, ss58};
use referral_client::amount::{date, parse_duration, parse_epochs, parse_units, units};
use referral_client::bonus::settle_bonuses;
use referral_client::constants::{MAX_CHUNK, START_MS};
use referral_client::dashboard::{name, partner_table, PartnerDashboard, SuiteTotals};
use referral_client::deploy::{deploy, Plan};
use referral_client::month::{self, MonthOptions, DEFAULT_PROGRAM};
use referral_client::operator::{allocation_file, deposit, verify};
use referral_client::progress::Progress;
use referral_client::voting::{hand_out_votes, propose};
use referral_client::{AccountId, Chain, Client, PSP22 as _};
use referral_node::deployment::Deployment;
use referral_node::keys::{keypair, Keyring};
use referral_node::Node;
use referral_sandbox::saved::{load, save, served};
use referral_sandbox::{bundle, Sandbox};
use referral_server::{Model, Served};
use std::path::{Path, PathBuf};

/// The chain the commands run on, and who signs there.
pub struct Target {
    pub state: PathBuf,
    pub url: Option<String>,
    pub suri: Option<String>,
    pub deployment: PathBuf,
}

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Stakers arriving over the month.
    #[arg(long, default_value_t = 1_000)]
    stakers: u32,
    /// Epochs (days) in the month.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=365))]
    epochs: u32,
    /// Partners with a referral code (Bob and Eve among them).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..=200))]
    partners: u32,
    /// Seed of the randomness: the same seed gives the same output.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// The program, a Vega proposalSubmission JSON file (default: the Ankr-style program
    /// that ships as programs/ankr.json).
    #[arg(long)]
    program: Option<PathBuf>,
    /// Allocations per deposit call.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=MAX_CHUNK as u64))]
    chunk: u64,
    /// A Frak-style month: programs/frak.json (sign-up bonus for both sides, rewards up
    /// the referrer chain), a bonus pool for half the stakers, personal codes for every
    /// bound staker so referrer chains form.
    #[arg(long, conflicts_with = "program")]
    frak: bool,
}

type Outcome = Result<(), String>;

pub fn run(command: Command, target: &Target) -> Outcome {
    if let Some(url) = &target.url {
        return on_node(command, target, url);
    }
    if target.suri.is_some() {
        return Err("--suri signs on a node (--url): the sandbox needs no keys".into());
    }
    let state = &target.state;
    match command {
        Command::Demo(a) => demo(a, state),
        Command::Deploy => Err("`deploy` instantiates the suite on a node (--url); the sandbox's is `init`".into()),
        Command::Serve { port } => serve_sandbox(state, port),
        Command::Init { at } => {
            let at = at.unwrap_or(START_MS);
            let mut sandbox = Sandbox::new();
            sandbox.set_time(at).map_err(text)?;
            let mut client = deploy(sandbox, &Plan::standard(&referral_client::Accounts::named(), at)).map_err(text)?;
            hand_out_votes(&mut client).map_err(text)?;
            print_status(&mut client)?;
            save_to(&mut client, state)
        }
        command => {
            let mut client =
                load(state).map_err(|e| format!("{}: {e} (run `referral init` or `referral demo` first)", state.display()))?;
            // Saved after a failure too: a command can fail after some of its calls went
            // through (a deposit stopped midway), and those stay, as on a node.
            let outcome = act(&mut client, command, None);
            if !matches!(outcome, Ok(false)) {
                save_to(&mut client, state)?;
            }
            outcome.map(|_| ())
        }
    }
}

/// A command on the node at `url`: `deploy` writes the deployment file, every other
/// command opens it (scanning the blocks since the last run into the index) and saves
/// the index again.
fn on_node(command: Command, target: &Target, url: &str) -> Outcome {
    let mut keys = Keyring::dev();
    let signer = match &target.suri {
        Some(suri) => Some(keys.add(keypair(suri).map_err(|e| format!("--suri: {e}"))?)),
        None => None,
    };
    let codes = Box::new(|code| bundle(code).map(|b| b.wasm));
    let node = Node::connect(url, keys, codes).map_err(text)?;
    let path = &target.deployment;
    match command {
        Command::Demo(_) | Command::Init { .. } => {
            Err("`demo` and `init` make a new embedded sandbox; on a node, `deploy`".into())
        }
        Command::Serve { port } => serve_node(node, path, port),
        Command::Deploy => {
            let mut node = node;
            let mut plan = Plan::standard(&referral_client::Accounts::named(), node.now().map_err(text)?);
            if let Some(who) = signer {
                (plan.admin, plan.oracle, plan.treasury, plan.distributor) = (who, who, who, who);
            }
            let (_, before) = node.best().map_err(text)?;
            let mut client = deploy(node, &plan).map_err(text)?;
            if signer.is_none() {
                hand_out_votes(&mut client).map_err(text)?;
            }
            let block = before.saturating_add(1);
            let block_hash = client.chain.block_hash(block).map_err(text)?.ok_or("the deployment's first block is gone")?;
            let deployment = Deployment { suite: client.suite, block, block_hash };
            deployment.save(path).map_err(text)?;
            let (mut client, mut scanned) = deployment.open(client.chain, path).map_err(text)?;
            print_status(&mut client)?;
            deployment.close(&mut client, &mut scanned, path).map_err(text)?;
            println!("deployment written to {}", path.display());
            Ok(())
        }
        command => {
            let deployment = Deployment::load(path).map_err(|e| format!("{e} (run `referral deploy --url {url}` first)"))?;
            let (mut client, mut scanned) = deployment.open(node, path).map_err(text)?;
            let outcome = act(&mut client, command, signer);
            // The index is saved whatever the command's outcome: the blocks it scanned stay read.
            deployment.close(&mut client, &mut scanned, path).map_err(text)?;
            outcome.map(|_| ())
        }
    }
}

/// `serve` on the saved sandbox, read again whenever a command changes it.
fn serve_sandbox(state: &Path, port: u16) -> Outcome {
    let served = served(state).map_err(|e| format!("{}: {e} (run `referral demo` first)", state.display()))?;
    serve_until_stopped(served, port)
}

/// `serve` on a node: the deployment's index follows the chain's new blocks.
fn serve_node(node: Node, path: &Path, port: u16) -> Outcome {
    let deployment = Deployment::load(path).map_err(|e| format!("{e} (run `referral deploy` first)"))?;
    let (client, mut scanned) = deployment.open(node, path).map_err(text)?;
    let suite = client.suite;
    let refresh = Box::new(move |model: &mut Model<Node>| {
        let before = scanned.block;
        model.client.chain.catch_up(&mut scanned, suite.staking, suite.vault).map_err(text)?;
        if model.client.index != scanned.index {
            model.client.index = scanned.index.clone();
        }
        // A new block: new state, and a new time.
        Ok(scanned.block != before)
    });
    serve_until_stopped(Served::new(Model::new(client), refresh), port)
}

fn serve_until_stopped<C: Chain + 'static>(mut served: Served<C>, port: u16) -> Outcome {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    let address = listener.local_addr().map_err(text)?;
    println!("serving {} at http://{address}/ (the JSON API under http://{address}/api/v1); Ctrl-C stops", served.chain);
    referral_server::serve(&mut served, listener, std::future::pending()).map_err(text)
}

/// Who signs a command: the account `--as` names, else the --suri account, else the
/// command's default named account.
fn signer<C>(
    client: &Client<C>,
    given: &Option<String>,
    suri: Option<AccountId>,
    default: &str,
) -> Result<(String, AccountId), String> {
    match (given, suri) {
        (Some(text), _) => Ok((text.clone(), account(client, text)?)),
        (None, Some(who)) => Ok((ss58(&who), who)),
        (None, None) => Ok((default.to_string(), account(client, default)?)),
    }
}

/// One command on any chain; whether it changed the chain. `suri` is the account the
/// --suri key signs for.
fn act<C: Chain>(client: &mut Client<C>, command: Command, suri: Option<AccountId>) -> Result<bool, String> {
    let (staking, vault, governance) = (client.suite.staking(), client.suite.vault(), client.suite.governance());
    match command {
        Command::Demo(_) | Command::Init { .. } | Command::Deploy | Command::Serve { .. } => {
            Err("`demo`, `init`, `deploy` and `serve` are not one call on a suite: see `run`".into())
        }
        Command::Status => {
            print_status(client)?;
            Ok(false)
        }
        Command::Stake { amount, code, caller } => {
            let (caller, who) = signer(client, &caller, suri, "alice")?;
            let amount = parse_units(&amount)?;
            let balance = client.native(&who).map_err(text)?;
            if balance <= amount {
                return Err(format!(
                    "{caller} has {} units, not enough to stake {} (on a test chain: `fund`)",
                    units(balance),
                    units(amount)
                ));
            }
            let shares = match code {
                Some(code) => client.send(&who, staking.clone().stake_with_code(code).transferred_value(amount)),
                None => client.send(&who, staking.clone().stake().transferred_value(amount)),
            }
            .map_err(text)?;
            let partner = client.query(staking.partner_of(who)).map_err(text)?;
            println!("{caller} staked {} units for {} shares", units(amount), units(shares));
            match partner {
                Some(p) => println!("partner: {} (bound for good)", name(client, &p)),
                None => println!("partner: none"),
            }
            Ok(true)
        }
        Command::Unstake { shares, caller } => {
            let (caller, who) = signer(client, &caller, suri, "alice")?;
            let shares = parse_units(&shares)?;
            let paid = client.send(&who, staking.clone().unstake(shares)).map_err(text)?;
            println!("{caller} burned {} shares for {} units", units(shares), units(paid));
            Ok(true)
        }
        Command::Transfer { to, amount, caller } => {
            let (caller, who) = signer(client, &caller, suri, "alice")?;
            let (to_account, amount) = (account(client, &to)?, parse_units(&amount)?);
            client.send(&who, staking.clone().transfer(to_account, amount, Vec::new())).map_err(text)?;
            println!("{caller} sent {} shares to {to}", units(amount));
            Ok(true)
        }
        Command::Code { action } => code(client, action, suri),
        Command::ReportRewards { amount, caller } => {
            let (_, who) = signer(client, &caller, suri, "oracle")?;
            let amount = parse_units(&amount)?;
            client.send(&who, staking.clone().report_rewards().transferred_value(amount)).map_err(text)?;
            let epoch = client.query(staking.current_epoch()).map_err(text)?;
            println!("reported {} units of rewards in epoch {epoch}", units(amount));
            Ok(true)
        }
        Command::Fund { to, amount } => {
            let who = account(client, &to)?;
            let amount = parse_units(&amount)?;
            client.chain.fund(&who, amount).map_err(text)?;
            let balance = client.native(&who).map_err(text)?;
            println!("{to} now has {} units", units(balance));
            Ok(true)
        }
        Command::Advance { by } => {
            let by = parse_duration(&by)?;
            let later = client.now().map_err(text)?.checked_add(by).ok_or("the clock would overflow")?;
            client.chain.set_time(later).map_err(text)?;
            let epoch = client.query(staking.current_epoch()).map_err(text)?;
            println!("the clock is at {} (epoch {epoch})", date(later));
            Ok(true)
        }
        Command::Propose { file, caller, closing_in, enactment_in } => {
            let (_, who) = signer(client, &caller, suri, "charlie")?;
            let json = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let mut call = program_file::parse(&json).map_err(|e| format!("{}: {e}", file.display()))?;
            let now = client.now().map_err(text)?;
            if let Some(d) = closing_in {
                call.closing = now.saturating_add(parse_duration(&d)?);
            }
            if let Some(d) = enactment_in {
                call.enactment = now.saturating_add(parse_duration(&d)?);
            }
            let id = propose(client, &who, &call).map_err(text)?;
            println!(
                "proposal {id}: \"{}\", vote closes {}, enacted from {}",
                call.title,
                date(call.closing),
                date(call.enactment)
            );
            Ok(true)
        }
        Command::Vote { proposal, choice, caller } => {
            let (caller, who) = signer(client, &caller, suri, "charlie")?;
            client.send(&who, governance.clone().vote(proposal, choice == "yes")).map_err(text)?;
            println!("{caller} voted {choice} on proposal {proposal}");
            Ok(true)
        }
        Command::Finalize { proposal, caller } => {
            let (_, who) = signer(client, &caller, suri, "charlie")?;
            client.send(&who, governance.clone().finalize(proposal)).map_err(text)?;
            let p = client.query(governance.proposal(proposal)).map_err(text)?;
            println!("proposal {proposal}: {:?}", p.map(|p| p.outcome));
            Ok(true)
        }
        Command::Allocate { period, epochs, out } => {
            let epochs = parse_epochs(&epochs)?;
            let file = allocation_file(client, period, epochs, &mut Bars::default()).map_err(text)?;
            print_file(client, &file);
            let out = out.unwrap_or_else(|| PathBuf::from(format!("allocation-{period}.scale")));
            std::fs::write(&out, file.to_bytes()).map_err(|e| format!("{}: {e}", out.display()))?;
            println!("written to {}", out.display());
            Ok(false)
        }
        Command::Deposit { file, chunk, stop_after_chunks, caller } => {
            let (_, who) = signer(client, &caller, suri, "distributor")?;
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let allocations = AllocationFile::from_bytes(&bytes).ok_or(format!("{}: not an allocation file", file.display()))?;
            let (chunk, period) = (chunk.clamp(1, MAX_CHUNK), allocations.period);
            let done = deposit(client, &who, &allocations, chunk, stop_after_chunks, &mut Bars::default()).map_err(text)?;
            if !done.sealed {
                println!("period {period}: already deposited and sealed under {}; nothing to do", allocations.hash_hex());
                return Ok(false);
            }
            if !done.opened {
                println!("period {period}: resumed, {} allocations were already in the vault", done.already);
            }
            println!(
                "period {period}: {} allocations, {} units in {} chunks added, sealed under {}",
                done.allocations,
                units(done.funded),
                done.chunks,
                allocations.hash_hex()
            );
            Ok(true)
        }
        Command::Verify { period } => {
            let v = verify(client, period, &mut Bars::default()).map_err(text)?;
            let record = &v.period.record;
            println!("period {period}: epochs {}..={}, state {:?}", v.epochs.0, v.epochs.1, v.period.state);
            println!(
                "  vault:      hash {}, {} units over {} allocations",
                hex(record.allocation_hash.as_ref()),
                units(record.total),
                record.count
            );
            println!(
                "  recomputed: hash {}, {} units over {} allocations",
                v.recomputed.hash_hex(),
                units(v.recomputed.allocated),
                v.recomputed.allocations.len()
            );
            match v.passed() {
                true => {
                    println!("verified: the vault holds exactly the file the chain's state gives");
                    Ok(false)
                }
                false => Err(format!("period {period} does NOT match the chain's state")),
            }
        }
        Command::Claim { caller, partner } => {
            let (_, who) = signer(client, &caller, suri, "bob")?;
            let paid = match &partner {
                Some(p) => {
                    let p = account(client, p)?;
                    client.send(&who, vault.clone().claim_for(p))
                }
                None => client.send(&who, vault.clone().claim()),
            }
            .map_err(text)?;
            println!("claimed {} units", units(paid));
            Ok(true)
        }
        Command::FundBonusPool { amount, caller } => {
            let (caller, who) = signer(client, &caller, suri, "distributor")?;
            let amount = parse_units(&amount)?;
            let pool = client.send(&who, vault.clone().fund_bonus_pool().transferred_value(amount)).map_err(text)?;
            println!("{caller} added {} units to the sign-up bonus pool, which holds {} units", units(amount), units(pool));
            Ok(true)
        }
        Command::SettleBonuses { caller, referee } => {
            let (_, who) = signer(client, &caller, suri, "distributor")?;
            let referees = match referee.is_empty() {
                true => None,
                false => Some(referee.iter().map(|r| account(client, r)).collect::<Result<Vec<_>, _>>()?),
            };
            let done = settle_bonuses(client, &who, referees).map_err(text)?;
            let names = |list: &[AccountId]| list.iter().map(|a| name(client, a)).collect::<Vec<_>>().join(", ");
            println!("credited to both sides ({}): {}", done.credited.len(), names(&done.credited));
            println!("forfeited, back to the pool ({}): {}", done.forfeited.len(), names(&done.forfeited));
            println!("hold still running ({}): {}", done.running.len(), names(&done.running));
            Ok(!done.credited.is_empty() || !done.forfeited.is_empty())
        }
        Command::Dashboard { partner } => {
            match partner {
                Some(p) => {
                    let p = account(client, &p)?;
                    print!("{}", PartnerDashboard::read(client, &p, None).map_err(text)?);
                }
                None => print_dashboards(client, None)?,
            }
            Ok(false)
        }
    }
}

fn code<C: Chain>(client: &mut Client<C>, action: CodeAction, suri: Option<AccountId>) -> Result<bool, String> {
    let staking = client.suite.staking();
    match action {
        CodeAction::Register { code, owner, caller } => {
            let (_, who) = signer(client, &caller, suri, "admin")?;
            let owner_account = account(client, &owner)?;
            client.send(&who, staking.clone().register_code(code.clone(), owner_account)).map_err(text)?;
            println!("code {code:?} registered for {owner}");
        }
        CodeAction::Transfer { code, to, caller } => {
            let owner = client.query(staking.code_owner(code.clone())).map_err(text)?.ok_or(format!("no code {code:?}"))?;
            let who = match (&caller, suri) {
                (None, None) => owner,
                _ => signer(client, &caller, suri, "admin")?.1,
            };
            let to_account = account(client, &to)?;
            client.send(&who, staking.clone().transfer_code(code.clone(), to_account)).map_err(text)?;
            println!("code {code:?} now belongs to {to}");
        }
        CodeAction::Active { code, active, caller } => {
            let (_, who) = signer(client, &caller, suri, "admin")?;
            client.send(&who, staking.clone().set_code_active(code.clone(), active == "yes")).map_err(text)?;
            println!("code {code:?} is {}", if active == "yes" { "active" } else { "inactive: it binds nobody" });
        }
        CodeAction::Show { code } => {
            let info = client.query(staking.code_info(code.clone())).map_err(text)?.ok_or(format!("no code {code:?}"))?;
            println!(
                "code {code:?}: owner {} ({}), {}",
                name(client, &info.owner),
                ss58(&info.owner),
                if info.active { "active" } else { "inactive" }
            );
            return Ok(false);
        }
    }
    Ok(true)
}

fn demo(a: DemoArgs, state: &Path) -> Outcome {
    let json = match &a.program {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => DEFAULT_PROGRAM.to_string(),
    };
    let program = program_file::parse(&json).map_err(|e| format!("program: {e}"))?;
    let base = match a.frak {
        true => MonthOptions::frak(a.stakers).map_err(|e| format!("programs/frak.json: {e}"))?,
        false => MonthOptions::new(program),
    };
    let options = MonthOptions {
        stakers: a.stakers,
        epochs: a.epochs,
        partners: a.partners,
        seed: a.seed,
        chunk: a.chunk as usize,
        ..base
    };
    let mut bars = Bars::default();
    let (mut client, report) = month::run(Sandbox::new(), &options, &mut bars).map_err(text)?;
    bars.say(String::new());
    print_dashboards(&mut client, Some(&report.file))?;
    for dashboard in &report.partners {
        println!("\n{dashboard}");
    }
    save_to(&mut client, state)?;
    println!("the sandbox is saved: try `scripts/referral dashboard --partner bob`, `scripts/referral verify --period 1`");
    match report.verified {
        true => Ok(()),
        false => Err("verify failed".into()),
    }
}

/// An account: a named one (alice, bob, eve, charlie, dex-buyer, admin, oracle, treasury,
/// distributor), a referral code's owner (`code:NAME`, or a bare code the index knows),
/// an SS58 address or 32 bytes of 0x-hex.
fn account<C>(client: &Client<C>, text: &str) -> Result<AccountId, String> {
    let code = text.strip_prefix("code:").unwrap_or(text);
    client
        .who
        .by_name(text)
        .or_else(|| client.index.owner_of(code))
        .or_else(|| parse_address(text))
        .ok_or_else(|| format!("not an account: {text} (a name, a code, an SS58 address or 0x + 64 hex digits)"))
}

/// The totals and one line per partner.
fn print_dashboards<C: Chain>(client: &mut Client<C>, file: Option<&AllocationFile>) -> Outcome {
    println!("== totals\n{}", SuiteTotals::read(client).map_err(text)?);
    println!("== partners\n{}", partner_table(client, file).map_err(text)?.trim_end());
    Ok(())
}

fn print_status<C: Chain>(client: &mut Client<C>) -> Outcome {
    let now = client.now().map_err(text)?;
    let epoch = client.query(client.suite.staking().current_epoch()).map_err(text)?;
    let genesis = client.query(client.suite.staking().config()).map_err(text)?.genesis;
    println!("{}, clock at {} (staking epoch {epoch}; epoch 0 began at {genesis} ms)", client.chain.describe(), date(now));
    let s = client.suite;
    println!(
        "  staking     {}\n  vault       {}\n  governance  {}\n  token       {}",
        ss58(&s.staking),
        ss58(&s.vault),
        ss58(&s.governance),
        ss58(&s.token)
    );
    println!("accounts (use their names with --as):");
    for (name, who) in client.who.all() {
        println!("  {name:<12} {}", ss58(who));
    }
    print!("{}", SuiteTotals::read(client).map_err(text)?);
    Ok(())
}

fn print_file<C>(client: &Client<C>, file: &AllocationFile) {
    println!(
        "period {}: epochs {}, {} to {}, {} allocations, hash {}",
        file.period,
        file.epochs.map_or("none".into(), |(a, b)| format!("{a}..={b}")),
        date(file.start),
        date(file.end),
        file.allocations.len(),
        file.hash_hex()
    );
    println!("  fees {} = allocated {} + remainder {} units", units(file.fees), units(file.allocated), units(file.remainder));
    for a in file.allocations.iter().take(20) {
        println!(
            "  {:<22} {:>14} (partner reward {}, referee discount {})",
            name(client, &a.account),
            units(a.amount),
            units(a.breakdown.partner_reward),
            units(a.breakdown.referee_discount)
        );
    }
    if file.allocations.len() > 20 {
        println!("  … and {} more", file.allocations.len() - 20);
    }
}

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn save_to(client: &mut Client<Sandbox>, state: &Path) -> Outcome {
    save(client, state).map_err(|e| format!("saving {}: {e}", state.display()))
}
