//! `referral`: the suite's command line. Every command runs against a chain: by default
//! the embedded sandbox (drink's in-process runtime with the contracts deployed), saved
//! to a state file between commands so that one user's commands follow another's.
//! `--url` names a node instead; this build has the sandbox only. Parsing and printing
//! only: every command is the client library's work.
mod bars;
mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "referral",
    version,
    about = "The referral suite: a program month on the embedded sandbox, and each user's commands"
)]
struct Cli {
    /// Where the embedded sandbox is saved between commands.
    #[arg(long, global = true, env = "REFERRAL_STATE", default_value_os_t = default_state())]
    state: PathBuf,
    /// A node's WebSocket URL instead of the embedded sandbox.
    #[arg(long, global = true, env = "REFERRAL_URL")]
    url: Option<String>,
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
    Init,
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
        #[arg(long = "as", default_value = "alice")]
        caller: String,
    },
    /// Burn shares for native units.
    Unstake {
        #[arg(long)]
        shares: String,
        #[arg(long = "as", default_value = "alice")]
        caller: String,
    },
    /// The oracle reports an epoch's staking rewards (the fee is taken from them).
    ReportRewards {
        #[arg(long)]
        amount: String,
        #[arg(long = "as", default_value = "oracle")]
        caller: String,
    },
    /// Give an account native units (sandbox only: its faucet).
    Fund {
        #[arg(long)]
        to: String,
        #[arg(long)]
        amount: String,
    },
    /// Move the sandbox clock forward (sandbox only), e.g. `advance 7d`.
    Advance {
        /// A duration: 90m, 3h, 7d.
        by: String,
    },
    /// Submit a program update from a Vega proposalSubmission JSON file.
    Propose {
        file: PathBuf,
        #[arg(long = "as", default_value = "charlie")]
        caller: String,
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
        #[arg(long = "as", default_value = "charlie")]
        caller: String,
    },
    /// Close a proposal whose vote has closed: enacts it when it passed.
    Finalize {
        proposal: u32,
        #[arg(long = "as", default_value = "charlie")]
        caller: String,
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
    },
    /// Recompute a deposited period from the chain and compare it with the vault's record.
    Verify {
        #[arg(long)]
        period: u32,
    },
    /// Claim what is claimable (for yourself, or on behalf of a partner with `--for`).
    Claim {
        #[arg(long = "as", default_value = "bob")]
        caller: String,
        #[arg(long = "for")]
        partner: Option<String>,
    },
    /// One partner's figures (`--partner`: a name, a code, an address), or all partners'.
    Dashboard {
        #[arg(long)]
        partner: Option<String>,
    },
}

fn default_state() -> PathBuf {
    let cache = std::env::var_os("REFERRAL_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/referral-suite")))
        .unwrap_or_else(|| PathBuf::from("."));
    cache.join("sandbox.state")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(url) = &cli.url {
        // The commands are written against the client library's `Chain`; a node backend
        // (JSON-RPC with real signers) is the next one to plug in.
        eprintln!("referral: --url {url}: this build drives the embedded sandbox only; omit --url");
        return ExitCode::from(2);
    }
    match commands::run(cli.command, &cli.state) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("referral: {message}");
            ExitCode::FAILURE
        }
    }
}
