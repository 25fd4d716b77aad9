//! `referral`: the suite's command line. Every command runs against a chain: by default
//! the embedded sandbox (drink's in-process runtime with the contracts deployed), saved
//! to a state file between commands so that one user's commands follow another's; with
//! `--url` a pallet-contracts node, where `deploy` writes the deployment file the other
//! commands read. Parsing and printing only: every command is the client library's work.
mod bars;
mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "referral",
    version,
    about = "The referral suite: a program month on the embedded sandbox, and each user's commands on it or on a node"
)]
struct Cli {
    /// Where the embedded sandbox is saved between commands.
    #[arg(long, global = true, env = "REFERRAL_STATE", default_value_os_t = cache_file("sandbox.state"))]
    state: PathBuf,
    /// A pallet-contracts node's WebSocket URL (ws:// on loopback, wss:// elsewhere)
    /// instead of the embedded sandbox.
    #[arg(long, global = true, env = "REFERRAL_URL")]
    url: Option<String>,
    /// On a node: the signer's secret URI (a seed phrase, optionally with a derivation
    /// path, or a dev URI like //Alice). Never printed. Prefer the environment variable
    /// or --suri-file: an argument shows in the process list. Without it, the named
    /// accounts sign with their dev URIs (a local dev node's).
    #[arg(long, global = true, env = "REFERRAL_SURI", hide_env_values = true)]
    suri: Option<String>,
    /// On a node: a file holding the signer's secret URI.
    #[arg(long, global = true, conflicts_with = "suri")]
    suri_file: Option<PathBuf>,
    /// On a node: the deployment file `deploy` writes and the other commands read.
    #[arg(long, global = true, env = "REFERRAL_DEPLOYMENT", default_value_os_t = cache_file("deployment.json"))]
    deployment: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// A whole program month on a fresh sandbox: governance enacts the program, partners
    /// get codes, stakers stake, the oracle reports, the accountant allocates, the
    /// operator deposits, partners claim; dashboards at the end. Saves the sandbox.
    Demo(commands::DemoArgs),
    /// A fresh sandbox with the suite deployed (codes "bob" and "eve", a distributor,
    /// governance tokens for Charlie, Alice and Bob), saved for the other commands.
    Init {
        /// The sandbox clock at deployment (ms since 1970; default 2023-11-14 22:13:20
        /// UTC): to replay a node's month at the node's times.
        #[arg(long)]
        at: Option<u64>,
    },
    /// On a node (--url): instantiate the suite from its release bundles and link it as
    /// `init` does on the sandbox (the --suri account, if given, takes every role), and
    /// write the deployment file.
    Deploy,
    /// Contracts, clock, the program in force and the suite's totals.
    Status,
    /// Stake native units, with a referral code (binds a brand-new address for good).
    Stake {
        /// Units to stake.
        #[arg(long)]
        amount: String,
        /// A partner's referral code.
        #[arg(long)]
        code: Option<String>,
        /// The staker.
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else alice).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Burn shares for native units.
    Unstake {
        #[arg(long)]
        shares: String,
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else alice).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Send liquid shares (the staking contract's PSP22 token) to another account.
    Transfer {
        #[arg(long)]
        to: String,
        /// Shares to send.
        #[arg(long)]
        amount: String,
        /// Who signs (default: the --suri account, else alice).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Referral codes: register (admin), transfer (owner), activate or deactivate, show.
    Code {
        #[command(subcommand)]
        action: CodeAction,
    },
    /// The oracle reports an epoch's staking rewards (the fee is taken from them).
    ReportRewards {
        #[arg(long)]
        amount: String,
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else oracle).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Give an account native units (a test chain's faucet: the sandbox, a local dev node).
    Fund {
        #[arg(long)]
        to: String,
        #[arg(long)]
        amount: String,
    },
    /// Move the clock forward (a test chain's power: the sandbox, a local dev node), e.g.
    /// `advance 7d`.
    Advance {
        /// A duration: 90m, 3h, 7d.
        by: String,
    },
    /// Submit a program update from a Vega proposalSubmission JSON file.
    Propose {
        file: PathBuf,
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else charlie).
        #[arg(long = "as")]
        caller: Option<String>,
        /// Close the vote this long from now instead of at the file's closing time.
        #[arg(long)]
        closing_in: Option<String>,
        /// Enact this long from now instead of at the file's enactment time.
        #[arg(long)]
        enactment_in: Option<String>,
    },
    /// Vote on a proposal (a changed vote replaces the earlier one).
    Vote {
        proposal: u32,
        #[arg(value_parser = ["yes", "no"])]
        choice: String,
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else charlie).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Close a proposal whose vote has closed: enacts it when it passed.
    Finalize {
        proposal: u32,
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else charlie).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Compute a period's allocation file from the chain's state and write it.
    Allocate {
        #[arg(long)]
        period: u32,
        /// The ended epochs it covers, e.g. 1..30.
        #[arg(long)]
        epochs: String,
        /// Where to write the file (SCALE bytes; its blake2-256 is the vault's hash).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The distributor opens the file's period in the vault under its hash, adds it in
    /// funded chunks and seals it.
    Deposit {
        file: PathBuf,
        /// Allocations per call (at most 341 fit one call).
        #[arg(long, default_value_t = referral_client::constants::DEFAULT_CHUNK)]
        chunk: usize,
        /// Stop after this many chunks, as a crash would (to try the resumption: run
        /// `deposit` again and it adds only what is missing).
        #[arg(long)]
        stop_after_chunks: Option<u32>,
        /// Who signs (default: the --suri account, else distributor).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Recompute a deposited period from the chain and compare it with the vault's record.
    Verify {
        #[arg(long)]
        period: u32,
    },
    /// Claim what is claimable (for yourself, or on behalf of a partner with `--for`).
    Claim {
        /// Who signs (a name, a code's owner, an address; default: the --suri account, else bob).
        #[arg(long = "as")]
        caller: Option<String>,
        #[arg(long = "for")]
        partner: Option<String>,
    },
    /// Add to the vault's sign-up bonus pool (anyone may; the operator does).
    FundBonusPool {
        /// Units, with up to 12 decimals.
        #[arg(long)]
        amount: String,
        /// Who signs (default: the --suri account, else the distributor).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Settle the held sign-up bonuses whose hold is over or broken (a program with
    /// `signupBonus.holdEpochs`): every one the index holds, or those of `--referee`.
    /// Credited to both sides if the referee kept the minimum stake, back to the pool if
    /// not; holds still running are left. Anyone may settle.
    SettleBonuses {
        /// Who signs (default: the --suri account, else the distributor).
        #[arg(long = "as")]
        caller: Option<String>,
        /// A referee (a name or an address); repeat for several.
        #[arg(long)]
        referee: Vec<String>,
    },
    /// One partner's figures (`--partner`: a name, a code, an address), or all partners'.
    Dashboard {
        #[arg(long)]
        partner: Option<String>,
    },
    /// Serve the partner dashboard and the overview (web pages) and the JSON API
    /// (/api/v1) on 127.0.0.1 until interrupted: the saved sandbox, read again whenever a
    /// command changes it, or with --url a node, followed block by block.
    Serve {
        /// The port on 127.0.0.1 (0: any free one; the address is printed).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
}

#[derive(Subcommand)]
pub enum CodeAction {
    /// Admin: register CODE for --owner.
    Register {
        code: String,
        #[arg(long)]
        owner: String,
        /// Who signs (default: the --suri account, else admin).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Owner: hand CODE to --to (existing bindings stay with their partners).
    Transfer {
        code: String,
        #[arg(long)]
        to: String,
        /// Who signs (default: the --suri account, else the code's owner).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// Owner or admin: `yes` activates CODE, `no` deactivates it (it then binds nobody).
    Active {
        code: String,
        #[arg(value_parser = ["yes", "no"])]
        active: String,
        /// Who signs (default: the --suri account, else admin).
        #[arg(long = "as")]
        caller: Option<String>,
    },
    /// CODE's owner and whether it is active.
    Show { code: String },
}

fn cache_file(name: &str) -> PathBuf {
    let cache = std::env::var_os("REFERRAL_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/referral-suite")))
        .unwrap_or_else(|| PathBuf::from("."));
    cache.join(name)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let suri = match (&cli.suri, &cli.suri_file) {
        (Some(suri), _) => Some(suri.clone()),
        (None, Some(file)) => match std::fs::read_to_string(file) {
            Ok(text) => Some(text.trim().to_string()),
            Err(e) => {
                eprintln!("referral: --suri-file {}: {e}", file.display());
                return ExitCode::from(2);
            }
        },
        (None, None) => None,
    };
    let target = commands::Target { state: cli.state, url: cli.url, suri, deployment: cli.deployment };
    match commands::run(cli.command, &target) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("referral: {message}");
            ExitCode::FAILURE
        }
    }
}
