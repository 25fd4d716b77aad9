//! The operator's month-end work on a chain: turn a period of chain state into the
//! allocation file, deposit it into the vault in funded chunks under its hash, and verify
//! a deposited period against a recomputation.
use crate::chain_state::period_input_with;
use crate::{Chain, Progress, VaultError};
use accountant::{allocate, AllocationFile};
use drink::AccountId32;
use partner_vault::PeriodInfo;
use referral_staking::Config;

/// The allocation file of `period` over epochs `first..=last` (all ended), for the
/// referees the chain's index knows.
pub fn allocation_file(chain: &mut Chain, period: u32, (first, last): (u32, u32), progress: &mut dyn Progress) -> AllocationFile {
    let referees = chain.index.referee_accounts();
    let input = period_input_with(chain, period, (first, last), &referees, progress);
    allocate(&input).expect("the chain's state is consistent")
}

/// What a deposit cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deposit {
    pub chunks: u32,
    pub allocations: u32,
    pub funded: u128,
    /// ref_time and proof_size of all the distributor's calls together.
    pub ref_time: u64,
    pub proof_size: u64,
}

/// The distributor opens the file's period under its hash, adds the allocations in
/// chunks of `chunk_size` (each funded by its sum) and seals it. Stops at the first
/// refusal (the period stays open: add the rest, or revoke it).
pub fn deposit(chain: &mut Chain, file: &AllocationFile, chunk_size: usize, progress: &mut dyn Progress) -> Result<Deposit, VaultError> {
    let mut done = Deposit::default();
    let count = |chain: &Chain, done: &mut Deposit| {
        let cost = chain.last_cost();
        done.ref_time += cost.ref_time;
        done.proof_size += cost.proof_size;
    };
    chain.open_period(file.period, (file.start, file.end), file.hash_hex())?;
    count(chain, &mut done);
    let chunks = file.chunks(chunk_size);
    progress.begin("depositing chunks", chunks.len() as u64);
    for chunk in chunks {
        let chunk: Vec<(AccountId32, u128)> = chunk.iter().map(|(a, v)| (AccountId32::new(*a.as_ref()), *v)).collect();
        chain.add_allocations(file.period, &chunk)?;
        count(chain, &mut done);
        done.chunks += 1;
        done.allocations += chunk.len() as u32;
        done.funded += chunk.iter().map(|(_, v)| v).sum::<u128>();
        progress.advance();
    }
    progress.end();
    chain.seal_period(file.period, file.allocated, file.allocations.len() as u32)?;
    count(chain, &mut done);
    Ok(done)
}

/// A deposited period checked against the chain it was computed from.
#[derive(Debug, Clone)]
pub struct Verification {
    pub period: PeriodInfo,
    pub epochs: (u32, u32),
    pub recomputed: AllocationFile,
}

impl Verification {
    /// The vault's recorded hash is the recomputed file's, and so are its total and count.
    pub fn passed(&self) -> bool {
        let record = &self.period.record;
        record.allocation_hash.as_ref() == self.recomputed.hash().as_slice()
            && record.total == self.recomputed.allocated
            && record.count as usize == self.recomputed.allocations.len()
    }
}

/// Why a period cannot be verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// The vault has no such period.
    NoSuchPeriod(u32),
    /// The period's interval is not a whole number of the staking contract's epochs.
    NotWholeEpochs { start: u64, end: u64 },
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerifyError::NoSuchPeriod(p) => write!(f, "the vault has no period {p}"),
            VerifyError::NotWholeEpochs { start, end } => {
                write!(f, "the period [{start}, {end}) ms is not a whole number of staking epochs")
            }
        }
    }
}

/// Recomputes `period` from the chain's state (its epochs from the vault's record) and
/// compares it with what the vault recorded.
pub fn verify(chain: &mut Chain, period: u32, progress: &mut dyn Progress) -> Result<Verification, VerifyError> {
    let info: Option<PeriodInfo> = chain.vault_query("period_info", &[period.to_string()]);
    let info = info.ok_or(VerifyError::NoSuchPeriod(period))?;
    let epochs = epochs_of(chain, info.record.start, info.record.end)?;
    let recomputed = allocation_file(chain, period, epochs, progress);
    Ok(Verification { period: info, epochs, recomputed })
}

/// The staking epochs `first..=last` that exactly cover `[start, end)`.
pub fn epochs_of(chain: &mut Chain, start: u64, end: u64) -> Result<(u32, u32), VerifyError> {
    let config: Config = chain.query("config", &[]);
    let refuse = VerifyError::NotWholeEpochs { start, end };
    let offset = |t: u64| t.checked_sub(config.genesis).filter(|o| o % config.epoch_length == 0);
    let (Some(from), Some(to)) = (offset(start), offset(end)) else { return Err(refuse) };
    let (first, after) = (from / config.epoch_length, to / config.epoch_length);
    if after <= first {
        return Err(refuse);
    }
    Ok((first as u32, (after - 1) as u32))
}
