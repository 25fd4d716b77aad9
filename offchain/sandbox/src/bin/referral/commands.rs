//! Each command: load the saved sandbox, act as the named caller through the client
//! library, print what happened, save it again when it changed.
use crate::bars::Bars;
use crate::Command;
use accountant::AllocationFile;
use referral_client::address::{hex, parse_address, ss58};
use referral_client::amount::{date, parse_duration, parse_epochs, parse_units, units};
use referral_client::constants::{MAX_CHUNK, START_MS};
use referral_client::dashboard::{name, partner_table, PartnerDashboard, SuiteTotals};
use referral_client::deploy::{deploy, Plan};
use referral_client::month::{self, MonthOptions, DEFAULT_PROGRAM};
use referral_client::operator::{allocation_file, deposit, verify};
use referral_client::progress::Progress;
use referral_client::voting::{hand_out_votes, propose};
use referral_client::{AccountId, Chain, Client};
use referral_sandbox::saved::{load, save};
use referral_sandbox::Sandbox;
use std::path::{Path, PathBuf};

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

pub fn run(command: Command, state: &Path) -> Outcome {
    match command {
        Command::Demo(a) => demo(a, state),
        Command::Init => {
            let mut client =
                deploy(Sandbox::new(), &Plan::standard(&referral_client::Accounts::named(), START_MS)).map_err(text)?;
            hand_out_votes(&mut client).map_err(text)?;
            print_status(&mut client)?;
            save_to(&mut client, state)
        }
        command => {
            let mut client =
                load(state).map_err(|e| format!("{}: {e} (run `referral init` or `referral demo` first)", state.display()))?;
            if act(&mut client, command)? {
                save_to(&mut client, state)?;
            }
            Ok(())
        }
    }
}

/// One command on any chain; whether it changed the chain.
fn act<C: Chain>(client: &mut Client<C>, command: Command) -> Result<bool, String> {
    let (staking, vault, governance) = (client.suite.staking(), client.suite.vault(), client.suite.governance());
    match command {
        Command::Demo(_) | Command::Init => Err("`demo` and `init` make a new sandbox: see `run`".into()),
        Command::Status => {
            print_status(client)?;
            Ok(false)
        }
        Command::Stake { amount, code, caller } => {
            let who = account(client, &caller)?;
            let amount = parse_units(&amount)?;
            let balance = client.native(&who).map_err(text)?;
            if balance <= amount {
                return Err(format!(
                    "{caller} has {} units, not enough to stake {} (sandbox: `fund`)",
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
            let who = account(client, &caller)?;
            let shares = parse_units(&shares)?;
            let paid = client.send(&who, staking.clone().unstake(shares)).map_err(text)?;
            println!("{caller} burned {} shares for {} units", units(shares), units(paid));
            Ok(true)
        }
        Command::ReportRewards { amount, caller } => {
            let who = account(client, &caller)?;
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
            println!("the sandbox clock is at {} (epoch {epoch})", date(later));
            Ok(true)
        }
        Command::Propose { file, caller, closing_in, enactment_in } => {
            let who = account(client, &caller)?;
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
            let who = account(client, &caller)?;
            client.send(&who, governance.clone().vote(proposal, choice == "yes")).map_err(text)?;
            println!("{caller} voted {choice} on proposal {proposal}");
            Ok(true)
        }
        Command::Finalize { proposal, caller } => {
            let who = account(client, &caller)?;
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
        Command::Deposit { file, chunk } => {
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let allocations = AllocationFile::from_bytes(&bytes).ok_or(format!("{}: not an allocation file", file.display()))?;
            let done = deposit(client, &allocations, chunk.clamp(1, MAX_CHUNK), &mut Bars::default()).map_err(text)?;
            println!(
                "period {}: {} allocations, {} units in {} chunks, sealed under {}",
                allocations.period,
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
            let who = account(client, &caller)?;
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
    println!("{}, clock at {} (staking epoch {epoch})", client.chain.describe(), date(now));
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
