//! Each command: load the saved sandbox, act as the named caller, print what happened,
//! save it again when it changed.
use crate::args;
use crate::bars::Bars;
use crate::Command;
use accountant::AllocationFile;
use drink::sandbox_api::prelude::*;
use drink::AccountId32;
use referral_e2e_tests::dashboard::{date, name, partner_table, PartnerDashboard, SuiteTotals};
use referral_e2e_tests::operator::{allocation_file, deposit, verify};
use referral_e2e_tests::program_month::{self, MonthOptions, DEFAULT_PROGRAM};
use referral_e2e_tests::{units, Chain, Progress, START_MS};
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
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=341))]
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
            let mut chain = Chain::new();
            chain.hand_out_votes();
            print_status(&mut chain);
            save(&mut chain, state)
        }
        Command::Status => {
            let mut chain = load(state)?;
            print_status(&mut chain);
            Ok(())
        }
        Command::Stake { amount, code, caller } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let amount = args::units(&amount)?;
            let balance = chain.native(&who);
            if balance <= amount {
                return Err(format!("{caller} has {} units, not enough to stake {} (sandbox: `fund`)", units(balance), units(amount)));
            }
            let shares = match &code {
                Some(code) => chain.stake_with_code(&who, amount, code),
                None => chain.stake(&who, amount),
            }
            .map_err(refused)?;
            let partner = chain.partner_of(&who);
            println!("{caller} staked {} units for {} shares", units(amount), units(shares));
            match partner {
                Some(p) => println!("partner: {} (bound for good)", name(&chain, &p)),
                None => println!("partner: none"),
            }
            save(&mut chain, state)
        }
        Command::Unstake { shares, caller } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let shares = args::units(&shares)?;
            let paid: u128 = chain.call(&who, "unstake", &[shares.to_string()], 0).map_err(refused)?;
            println!("{caller} burned {} shares for {} units", units(shares), units(paid));
            save(&mut chain, state)
        }
        Command::ReportRewards { amount, caller } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let amount = args::units(&amount)?;
            chain.call::<()>(&who, "report_rewards", &[], amount).map_err(refused)?;
            let epoch: u32 = chain.query("current_epoch", &[]);
            println!("reported {} units of rewards in epoch {epoch}", units(amount));
            save(&mut chain, state)
        }
        Command::Fund { to, amount } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &to)?;
            let amount = args::units(&amount)?;
            chain.session.sandbox().mint_into(&who, amount).map_err(|e| format!("{e:?}"))?;
            let balance = chain.native(&who);
            println!("{to} now has {} units", units(balance));
            save(&mut chain, state)
        }
        Command::Advance { by } => {
            let mut chain = load(state)?;
            let by = args::duration(&by)?;
            let now = now(&mut chain);
            chain.set_time(now - START_MS + by);
            let epoch: u32 = chain.query("current_epoch", &[]);
            println!("the sandbox clock is at {} (epoch {epoch})", date(now + by));
            save(&mut chain, state)
        }
        Command::Propose { file, caller, closing_in, enactment_in } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let json = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let mut call = program_file::parse(&json).map_err(|e| format!("{}: {e:?}", file.display()))?;
            let now = now(&mut chain);
            if let Some(d) = closing_in {
                call.closing = now + args::duration(&d)?;
            }
            if let Some(d) = enactment_in {
                call.enactment = now + args::duration(&d)?;
            }
            let id: u32 = chain.gov_call(&who, "propose", &call.contract_args()).map_err(refused)?;
            println!("proposal {id}: \"{}\", vote closes {}, enacted from {}", call.title, date(call.closing), date(call.enactment));
            save(&mut chain, state)
        }
        Command::Vote { proposal, choice, caller } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let approve = choice == "yes";
            chain.gov_call::<()>(&who, "vote", &[proposal.to_string(), approve.to_string()]).map_err(refused)?;
            println!("{caller} voted {choice} on proposal {proposal}");
            save(&mut chain, state)
        }
        Command::Finalize { proposal, caller } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            chain.gov_call::<()>(&who, "finalize", &[proposal.to_string()]).map_err(refused)?;
            let p: Option<program_governance::Proposal> = chain.gov_query("proposal", &[proposal.to_string()]);
            println!("proposal {proposal}: {:?}", p.map(|p| p.outcome));
            save(&mut chain, state)
        }
        Command::Allocate { period, epochs, out } => {
            let mut chain = load(state)?;
            let epochs = args::epochs(&epochs)?;
            let file = allocation_file(&mut chain, period, epochs, &mut Bars::default());
            print_file(&mut chain, &file);
            let out = out.unwrap_or_else(|| PathBuf::from(format!("allocation-{period}.scale")));
            std::fs::write(&out, file.to_bytes()).map_err(|e| format!("{}: {e}", out.display()))?;
            println!("written to {}", out.display());
            Ok(())
        }
        Command::Deposit { file, chunk } => {
            let mut chain = load(state)?;
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let allocations = AllocationFile::from_bytes(&bytes).ok_or(format!("{}: not an allocation file", file.display()))?;
            let done = deposit(&mut chain, &allocations, chunk.clamp(1, 341), &mut Bars::default()).map_err(refused)?;
            println!(
                "period {}: {} allocations, {} units in {} chunks, sealed under {}",
                allocations.period,
                done.allocations,
                units(done.funded),
                done.chunks,
                allocations.hash_hex()
            );
            save(&mut chain, state)
        }
        Command::Verify { period } => {
            let mut chain = load(state)?;
            let v = verify(&mut chain, period, &mut Bars::default()).map_err(|e| e.to_string())?;
            let record = &v.period.record;
            println!("period {period}: epochs {}..={}, state {:?}", v.epochs.0, v.epochs.1, v.period.state);
            println!("  vault:      hash 0x{}, {} units over {} allocations", hex(record.allocation_hash.as_ref()), units(record.total), record.count);
            println!("  recomputed: hash {}, {} units over {} allocations", v.recomputed.hash_hex(), units(v.recomputed.allocated), v.recomputed.allocations.len());
            if v.passed() {
                println!("verified: the vault holds exactly the file the chain's state gives");
                Ok(())
            } else {
                Err(format!("period {period} does NOT match the chain's state"))
            }
        }
        Command::Claim { caller, partner } => {
            let mut chain = load(state)?;
            let who = args::account(&chain, &caller)?;
            let paid: u128 = match &partner {
                Some(p) => {
                    let p = args::account(&chain, p)?;
                    chain.vault_call(&who, "claim_for", &[p.to_string()], 0)
                }
                None => chain.vault_call(&who, "claim", &[], 0),
            }
            .map_err(refused)?;
            println!("claimed {} units", units(paid));
            save(&mut chain, state)
        }
        Command::Dashboard { partner } => {
            let mut chain = load(state)?;
            match partner {
                Some(p) => {
                    let p = args::account(&chain, &p)?;
                    print!("{}", PartnerDashboard::read(&mut chain, &p, None));
                }
                None => print_dashboards(&mut chain, None),
            }
            Ok(())
        }
    }
}

fn demo(a: DemoArgs, state: &Path) -> Outcome {
    let json = match &a.program {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => DEFAULT_PROGRAM.to_string(),
    };
    let program = program_file::parse(&json).map_err(|e| format!("program: {e:?}"))?;
    let base = if a.frak { MonthOptions::frak(a.stakers) } else { MonthOptions::new(program) };
    let options = MonthOptions {
        stakers: a.stakers,
        epochs: a.epochs,
        partners: a.partners,
        seed: a.seed,
        chunk: a.chunk as usize,
        ..base
    };
    let mut bars = Bars::default();
    let (mut chain, report) = program_month::run(&options, &mut bars);
    bars.say(String::new());
    print_dashboards(&mut chain, Some(&report.file));
    for dashboard in &report.partners {
        println!("\n{dashboard}");
    }
    save(&mut chain, state)?;
    println!("the sandbox is saved: try `scripts/referral dashboard --partner bob`, `scripts/referral verify --period 1`");
    if report.verified {
        Ok(())
    } else {
        Err("verify failed".into())
    }
}

/// The totals and one line per partner.
fn print_dashboards(chain: &mut Chain, file: Option<&AllocationFile>) {
    println!("== totals\n{}", SuiteTotals::read(chain));
    println!("== partners\n{}", partner_table(chain, file).trim_end());
}

fn print_status(chain: &mut Chain) {
    let now = now(chain);
    let epoch: u32 = chain.query("current_epoch", &[]);
    println!("embedded sandbox, clock at {} (staking epoch {epoch})", date(now));
    println!("  staking     {}\n  vault       {}\n  governance  {}\n  token       {}", chain.staking, chain.vault, chain.governance, chain.token);
    println!("accounts (use their names with --as):");
    for (name, who) in chain.who.all() {
        println!("  {name:<12} {who}");
    }
    print!("{}", SuiteTotals::read(chain));
}

fn print_file(chain: &mut Chain, file: &AllocationFile) {
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
        let who = AccountId32::new(*a.account.as_ref());
        println!(
            "  {:<22} {:>14} (partner reward {}, referee discount {})",
            name(chain, &who),
            units(a.amount),
            units(a.breakdown.partner_reward),
            units(a.breakdown.referee_discount)
        );
    }
    if file.allocations.len() > 20 {
        println!("  … and {} more", file.allocations.len() - 20);
    }
}

fn now(chain: &mut Chain) -> u64 {
    use drink::sandbox_api::prelude::TimestampAPI;
    chain.session.sandbox().get_timestamp()
}

fn refused(error: impl std::fmt::Debug) -> String {
    format!("refused: {error:?}")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn load(state: &Path) -> Result<Chain, String> {
    Chain::load(state).map_err(|e| format!("{}: {e} (run `referral init` or `referral demo` first)", state.display()))
}

fn save(chain: &mut Chain, state: &Path) -> Outcome {
    chain.save(state).map_err(|e| format!("saving {}: {e}", state.display()))
}
