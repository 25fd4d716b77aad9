//! The operator's month-end work on a chain: turn a period of chain state into the
//! allocation file, deposit it into the vault in funded chunks under its hash, and verify
//! a deposited period against a recomputation.
use crate::address::AccountId;
use crate::chain::Chain;
use crate::client::{Client, ClientError};
use crate::progress::Progress;
use crate::reader::{period_input, ReadError};
use accountant::{allocate, AllocationFile};
use partner_vault::{PeriodInfo, PeriodStatus};

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
    /// The vault holds the period under another file's hash.
    AnotherFile {
        period: u32,
    },
    /// The vault's record of the period is not a prefix of this file (same hash, other
    /// content: never written by `deposit`).
    NotThisFile {
        period: u32,
    },
    /// The period was revoked: deposit a corrected file under the next period.
    Revoked {
        period: u32,
    },
    /// Stopped on purpose after this many chunks (`stop_after`); run again to resume.
    Stopped {
        chunks: u32,
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
            OperatorError::AnotherFile { period } => write!(f, "the vault holds period {period} under another file's hash"),
            OperatorError::NotThisFile { period } => {
                write!(f, "the vault's record of period {period} is not a prefix of this file")
            }
            OperatorError::Revoked { period } => write!(f, "period {period} was revoked"),
            OperatorError::Stopped { chunks } => {
                write!(f, "stopped after {chunks} chunks as asked; run the deposit again to add the rest")
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

/// What a deposit did and cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deposit {
    /// Chunks, allocations and units this run added.
    pub chunks: u32,
    pub allocations: u32,
    pub funded: u128,
    /// Allocations the vault already held when this run began (a resumed deposit).
    pub already: u32,
    /// Whether this run opened the period, and whether it sealed it.
    pub opened: bool,
    pub sealed: bool,
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

/// Where the vault stands with a file's period before a deposit.
enum Standing {
    /// No such period yet: open it.
    New,
    /// Open under the file's hash, holding the file's first `count` allocations.
    Open { count: u32 },
    /// Sealed (or past its window) with exactly the file's total and count.
    Done,
}

fn standing(info: Option<PeriodInfo>, file: &AllocationFile) -> Result<Standing, OperatorError> {
    let Some(info) = info else { return Ok(Standing::New) };
    let record = info.record;
    let period = file.period;
    if record.allocation_hash.as_ref() != file.hash().as_slice() {
        return Err(OperatorError::AnotherFile { period });
    }
    let count = record.count as usize;
    let prefix = file.allocations.get(..count).ok_or(OperatorError::NotThisFile { period })?;
    let prefix_total = prefix.iter().try_fold(0u128, |sum, a| sum.checked_add(a.amount));
    if prefix_total != Some(record.total) || prefix.last().map(|a| a.account) != record.last_account {
        return Err(OperatorError::NotThisFile { period });
    }
    match record.status {
        PeriodStatus::Open => Ok(Standing::Open { count: record.count }),
        PeriodStatus::Sealed { .. } if count == file.allocations.len() => Ok(Standing::Done),
        PeriodStatus::Sealed { .. } => Err(OperatorError::NotThisFile { period }),
        PeriodStatus::Revoked { .. } => Err(OperatorError::Revoked { period }),
    }
}

/// The distributor deposits `file`: opens its period under the file's hash, adds the
/// allocations in chunks of `chunk_size` (each funded by its sum) and seals it.
///
/// Resumable: the vault's record of the period says how far an earlier run got (the
/// allocations are added in the file's order, so the record's count, total and last
/// account name the file's prefix already there). Run again after a stop, it adds only
/// what is missing; after completion it changes nothing. `stop_after` stops after that
/// many chunks (to test the resumption).
pub fn deposit<C: Chain>(
    client: &mut Client<C>,
    distributor: &AccountId,
    file: &AllocationFile,
    chunk_size: usize,
    stop_after: Option<u32>,
    progress: &mut dyn Progress,
) -> Result<Deposit, OperatorError> {
    let mut vault = client.suite.vault();
    let mut done = Deposit::default();
    let info = client.query(vault.period_info(file.period))?;
    let already = match standing(info, file)? {
        Standing::Done => return Ok(done),
        Standing::Open { count } => count,
        Standing::New => {
            let hash = ink::primitives::Hash::from(file.hash());
            client.send(distributor, vault.open_period(file.period, file.start, file.end, hash))?;
            done.count(client);
            done.opened = true;
            0
        }
    };
    done.already = already;
    let rest: Vec<(AccountId, u128)> = file.allocations.iter().skip(already as usize).map(|a| (a.account, a.amount)).collect();
    let chunks: Vec<&[(AccountId, u128)]> = rest.chunks(chunk_size.max(1)).collect();
    progress.begin("depositing chunks", chunks.len() as u64);
    for chunk in chunks {
        if stop_after.is_some_and(|k| done.chunks >= k) {
            progress.end();
            return Err(OperatorError::Stopped { chunks: done.chunks });
        }
        let funded = chunk
            .iter()
            .try_fold(0u128, |sum, (_, v)| sum.checked_add(*v))
            .ok_or(OperatorError::Accountant("the chunk's sum overflows".into()))?;
        let count = chunk.len() as u32;
        let mut vault = client.suite.vault();
        client.send(distributor, vault.add_allocations(file.period, chunk.to_vec()).transferred_value(funded))?;
        done.count(client);
        done.chunks += 1;
        done.allocations += count;
        done.funded += funded;
        progress.advance();
    }
    progress.end();
    client.send(distributor, vault.seal_period(file.period, file.allocated, file.allocations.len() as u32))?;
    done.count(client);
    done.sealed = true;
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

#[cfg(test)]
mod tests {
    //! Where a deposit starts from: every answer of [`standing`] for one file, from the
    //! vault's record of its period.
    use super::*;
    use accountant::{Allocation, Breakdown};
    use ink::primitives::Hash;
    use partner_vault::{Period, PeriodState};

    fn file() -> AllocationFile {
        let line = |byte: u8, amount: u128| Allocation {
            account: AccountId::from([byte; 32]),
            amount,
            breakdown: Breakdown { partner_reward: amount, ..Breakdown::default() },
        };
        let allocations = vec![line(1, 10), line(2, 20), line(3, 30)];
        AllocationFile { period: 7, start: 0, end: 1, epochs: Some((0, 0)), fees: 100, allocated: 60, remainder: 40, allocations }
    }

    /// The vault's record after `count` of the file's allocations, with `status`.
    fn record(file: &AllocationFile, count: u32, status: PeriodStatus) -> PeriodInfo {
        let prefix = &file.allocations[..count as usize];
        let record = Period {
            start: file.start,
            end: file.end,
            allocation_hash: Hash::from(file.hash()),
            distributor: AccountId::from([9; 32]),
            total: prefix.iter().map(|a| a.amount).sum(),
            count,
            chunks: count,
            last_account: prefix.last().map(|a| a.account),
            opened_at: 0,
            status,
            previous_end: None,
        };
        PeriodInfo { period: file.period, record, state: PeriodState::Open }
    }

    const SEALED: PeriodStatus = PeriodStatus::Sealed { sealed_at: 1, pending_until: 2 };

    #[test]
    fn a_period_the_vault_does_not_hold_is_opened() {
        assert!(matches!(standing(None, &file()), Ok(Standing::New)));
    }

    #[test]
    fn an_open_period_holding_a_prefix_of_the_file_resumes_after_it() {
        let file = file();
        for count in 0..=3 {
            let info = record(&file, count, PeriodStatus::Open);
            assert!(matches!(standing(Some(info), &file), Ok(Standing::Open { count: c }) if c == count));
        }
    }

    #[test]
    fn a_sealed_period_holding_the_whole_file_is_done() {
        let file = file();
        assert!(matches!(standing(Some(record(&file, 3, SEALED)), &file), Ok(Standing::Done)));
    }

    #[test]
    fn a_period_under_another_hash_is_another_file() {
        let file = file();
        let mut info = record(&file, 1, PeriodStatus::Open);
        info.record.allocation_hash = Hash::from([0xAA; 32]);
        assert_eq!(standing(Some(info), &file).err(), Some(OperatorError::AnotherFile { period: 7 }));
    }

    /// Same hash, other content: a record no run of `deposit` of this file could leave.
    #[test]
    fn a_record_that_is_not_a_prefix_of_the_file_is_refused() {
        let file = file();
        let not_this = Some(OperatorError::NotThisFile { period: 7 });
        let altered = |change: fn(&mut Period)| {
            let mut info = record(&file, 2, PeriodStatus::Open);
            change(&mut info.record);
            standing(Some(info), &file).err()
        };
        // More allocations than the file has.
        assert_eq!(altered(|r| r.count = 4), not_this);
        // The right count with another total, or another last account.
        assert_eq!(altered(|r| r.total = 31), not_this);
        assert_eq!(altered(|r| r.last_account = Some(AccountId::from([3; 32]))), not_this);
        assert_eq!(altered(|r| r.last_account = None), not_this);
        // Sealed before the whole file was in.
        assert_eq!(standing(Some(record(&file, 2, SEALED)), &file).err(), not_this);
    }

    #[test]
    fn a_revoked_period_is_refused_whatever_it_held() {
        let file = file();
        for count in [0, 2, 3] {
            let status = PeriodStatus::Revoked { revoked_at: 5 };
            assert_eq!(standing(Some(record(&file, count, status)), &file).err(), Some(OperatorError::Revoked { period: 7 }));
        }
    }
}
