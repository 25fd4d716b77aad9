//! The operator's month-end work on a chain: turn a period of chain state into the
//! allocation file, deposit it into the vault in funded chunks under its hash, and verify
//! a deposited period against a recomputation.
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::progress::Progress;
use crate::reader::{period_input, ReadError};
use accountant::{allocate, AllocationFile};
use partner_vault::PeriodInfo;

/// Why the month end could not go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperatorError {
    Read(ReadError),
    /// The accountant refused the chain's state (its error).
    Accountant(String),
    /// A call to the vault failed or was refused.
    Client(ClientError),
    /// The vault has no such period.
    NoSuchPeriod(u32),
    /// The period's interval is not a whole number of the staking contract's epochs.
    NotWholeEpochs {
        start: u64,
        end: u64,
    },
}

impl std::fmt::Display for OperatorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OperatorError::Read(e) => write!(f, "{e}"),
            OperatorError::Accountant(e) => write!(f, "the accountant refused the period: {e}"),
            OperatorError::Client(e) => write!(f, "{e}"),
            OperatorError::NoSuchPeriod(p) => write!(f, "the vault has no period {p}"),
            OperatorError::NotWholeEpochs { start, end } => {
                write!(f, "the period [{start}, {end}) ms is not a whole number of staking epochs")
            }
        }
    }
}

impl std::error::Error for OperatorError {}

impl From<ClientError> for OperatorError {
    fn from(e: ClientError) -> Self {
        OperatorError::Client(e)
    }
}

impl From<ReadError> for OperatorError {
    fn from(e: ReadError) -> Self {
        OperatorError::Read(e)
    }
}

/// The allocation file of `period` over epochs `first..=last` (all ended), for the
/// referees the client's index knows.
pub fn allocation_file<C: Chain>(
    client: &mut Client<C>,
    period: u32,
    epochs: (u32, u32),
    progress: &mut dyn Progress,
) -> Result<AllocationFile, OperatorError> {
    let referees = client.index.referee_accounts();
    let input = period_input(client, period, epochs, &referees, progress)?;
    allocate(&input).map_err(|e| OperatorError::Accountant(format!("{e:?}")))
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

impl Deposit {
    fn count<C: Chain>(&mut self, client: &Client<C>) {
        let cost = client.last_cost();
        self.ref_time += cost.ref_time;
        self.proof_size += cost.proof_size;
    }
}

/// The distributor opens the file's period under its hash, adds the allocations in
/// chunks of `chunk_size` (each funded by its sum) and seals it. Stops at the first
/// refusal (the period stays open: add the rest, or revoke it).
pub fn deposit<C: Chain>(
    client: &mut Client<C>,
    file: &AllocationFile,
    chunk_size: usize,
    progress: &mut dyn Progress,
) -> Result<Deposit, OperatorError> {
    let distributor = client.who.distributor;
    let mut vault = client.suite.vault();
    let mut done = Deposit::default();
    let hash = ink::primitives::Hash::from(file.hash());
    client.send(&distributor, vault.open_period(file.period, file.start, file.end, hash))?;
    done.count(client);
    let chunks = file.chunks(chunk_size);
    progress.begin("depositing chunks", chunks.len() as u64);
    for chunk in chunks {
        let funded: u128 = chunk.iter().map(|(_, v)| v).sum();
        let count = chunk.len() as u32;
        let mut vault = client.suite.vault();
        client.send(&distributor, vault.add_allocations(file.period, chunk).transferred_value(funded))?;
        done.count(client);
        done.chunks += 1;
        done.allocations += count;
        done.funded += funded;
        progress.advance();
    }
    progress.end();
    client.send(&distributor, vault.seal_period(file.period, file.allocated, file.allocations.len() as u32))?;
    done.count(client);
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

/// Recomputes `period` from the chain's state (its epochs from the vault's record) and
/// compares it with what the vault recorded.
pub fn verify<C: Chain>(client: &mut Client<C>, period: u32, progress: &mut dyn Progress) -> Result<Verification, OperatorError> {
    let info = client.query(client.suite.vault().period_info(period))?;
    let info = info.ok_or(OperatorError::NoSuchPeriod(period))?;
    let epochs = epochs_of(client, info.record.start, info.record.end)?;
    let recomputed = allocation_file(client, period, epochs, progress)?;
    Ok(Verification { period: info, epochs, recomputed })
}

/// The staking epochs `first..=last` that exactly cover `[start, end)`.
pub fn epochs_of<C: Chain>(client: &mut Client<C>, start: u64, end: u64) -> Result<(u32, u32), OperatorError> {
    let config = client.query(client.suite.staking().config())?;
    let refuse = OperatorError::NotWholeEpochs { start, end };
    let offset = |t: u64| t.checked_sub(config.genesis).filter(|o| config.epoch_length > 0 && o % config.epoch_length == 0);
    let (Some(from), Some(to)) = (offset(start), offset(end)) else { return Err(refuse) };
    let (first, after) = (from / config.epoch_length, to / config.epoch_length);
    let (Ok(first), Ok(last)) = (u32::try_from(first), u32::try_from(after.saturating_sub(1))) else { return Err(refuse) };
    if after <= u64::from(first) {
        return Err(refuse);
    }
    Ok((first, last))
}
