//! The benchmark command (`scripts/bench`): measures every public message of the three
//! contracts beside the psp22 crate's own `transfer`, in drink's sandbox runtime, at
//! growing populations; the monthly deposit's chunks; code sizes; the accountant's
//! time. Writes BENCHMARKS.md. A benchmark, not a test: nothing here asserts a target,
//! the report says which are met.
mod accountant_time;
mod alone;
mod chunk;
mod measure;
mod population;
mod report;
mod round;

use clap::Parser;
use measure::Contract;
use population::{largest_program, Grower, Population};
use referral_e2e_tests::{BundleProvider, Chain, START_MS, UNIT};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Regenerates BENCHMARKS.md")]
struct Args {
    /// Populations to measure at (stakers, partners, vault periods and programs each),
    /// ascending.
    #[arg(long, value_delimiter = ',', default_value = "10,1000,100000")]
    populations: Vec<u32>,
    /// Where the report goes.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: PathBuf,
    /// The sizes of the entries built to run one hot call alone (`scripts/bench` writes
    /// them); without, the report gives no such figures.
    #[arg(long)]
    alone: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    // The bundles' sizes first: nothing reads them again however long the run.
    let sizes = [
        (
            Contract::Staking,
            BundleProvider::ReferralStakingEntry,
            "referral_staking_entry",
            "the staking contract's entry: stakes, unstake, the token's transfers and approvals, on-chain reads",
        ),
        (
            Contract::Staking,
            BundleProvider::ReferralStaking,
            "referral_staking",
            "the staking contract's whole code: every other message, after the entry",
        ),
        (
            Contract::Vault,
            BundleProvider::PartnerVaultEntry,
            "partner_vault_entry",
            "the vault's entry: claims, the sign-up bonus credit",
        ),
        (
            Contract::Vault,
            BundleProvider::PartnerVault,
            "partner_vault",
            "the vault's whole code: every other message, after the entry",
        ),
        (Contract::Governance, BundleProvider::ProgramGovernance, "program_governance", "every message"),
        (Contract::Token, BundleProvider::Psp22, "psp22", "every message"),
    ]
    .map(|(contract, provider, bundle, runs)| {
        let bytes = provider.bundle().expect("bundle").wasm.len();
        report::CodeSize { contract, bundle, bytes, runs }
    });
    let mut c = Chain::new();
    c.hand_out_votes();
    // Sign-up bonuses for every binding of the run.
    let admin = c.who.admin.clone();
    c.vault_ok::<u128>(&admin, "fund_bonus_pool", &[], 10_000 * UNIT);
    let changes = largest_program();
    let mut grower = Grower { population: Population::default(), changes: &changes, covered_until: START_MS, next_period: 1 };
    let mut rounds = Vec::new();
    for (index, &size) in args.populations.iter().enumerate() {
        let started = Instant::now();
        grower.grow_to(&mut c, size);
        eprintln!("bench: grown to {:?} in {:.0?}", grower.population, started.elapsed());
        let sheet = round::round(&mut c, &mut grower, index as u8);
        rounds.push((size, sheet));
    }
    let (_, last) = rounds.last().expect("at least one population");
    let (one, hundred) = (
        last.cost(Contract::Vault, "add_allocations", "1 allocation"),
        last.cost(Contract::Vault, "add_allocations", "100 allocations"),
    );
    let deposit = chunk::deposit(&mut c, &mut grower, one, hundred);
    eprintln!("bench: largest chunk {}", deposit.largest_chunk);
    let entry_bytes = sizes.iter().find(|s| s.bundle == "referral_staking_entry").map_or(0, |s| s.bytes as u64);
    let hop = alone::delegate_hop(&mut c, entry_bytes);
    let alone = args.alone.as_deref().map(alone::AloneSizes::read).unwrap_or_default();
    let accountant = accountant_time::measure();
    let report = report::render(&report::Inputs { rounds: &rounds, deposit, sizes: &sizes, accountant, alone, hop });
    std::fs::write(&args.out, report).expect("write the report");
    eprintln!("bench: wrote {}", args.out.display());
}
