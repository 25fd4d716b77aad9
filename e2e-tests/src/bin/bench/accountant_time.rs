//! The accountant's time on a month of 100,000 bound stakers (30 daily epochs, 1,000
//! partners, the largest program), against the time it takes just to read its input
//! (decoding the period's chain state from its SCALE bytes). Wall-clock on this
//! machine: noisy, so each figure is the fastest of a few runs.
use accountant::{allocate, EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use ink::primitives::AccountId;
use ink::scale::{Decode, Encode};
use referral_common::math::ONE;
use std::time::{Duration, Instant};

pub const STAKERS: u32 = 100_000;
pub const PARTNERS: u32 = 1_000;
pub const EPOCHS: u32 = 30;
const RUNS: usize = 3;

#[derive(Debug, Clone, Copy)]
pub struct AccountantTime {
    pub input_bytes: usize,
    pub read: Duration,
    pub allocate: Duration,
    pub allocations: usize,
}

fn id(group: u8, index: u32) -> AccountId {
    let mut bytes = [group; 32];
    bytes[28..].copy_from_slice(&index.to_be_bytes());
    AccountId::from(bytes)
}

/// A month of chain state: every staker bound, holding in every epoch.
fn month() -> PeriodInput {
    let mut changes = crate::population::largest_program();
    // Tiers and levels exclude each other in the accountant: time the tiered program,
    // whose per-referee work (running volumes, tier lookups) is the larger.
    changes.multi_level = None;
    let program = ProgramInForce { version: 1, changes, max_reward_proportion: ONE / 2 };
    PeriodInput {
        period: 1,
        start: 0,
        end: 1,
        epochs: (0..EPOCHS)
            .map(|epoch| EpochInput {
                epoch,
                fee: 1_000_000_000_000_000_000,
                total_share_seconds: u128::from(STAKERS) * 86_400 * 1_000_000,
                program: Some(program.clone()),
            })
            .collect(),
        referees: (0..STAKERS)
            .map(|i| RefereeInput {
                referee: id(1, i),
                partner: id(2, i % PARTNERS),
                bound_epoch: i % EPOCHS,
                share_seconds: (0..EPOCHS).map(|e| u128::from((i + e) % 1_000 + 1) * 86_400 * 1_000).collect(),
            })
            .collect(),
        partners: (0..PARTNERS)
            .map(|p| PartnerInput {
                partner: id(2, p),
                associated: u128::from(p) * 1_000_000_000_000,
                volumes: (0..EPOCHS).map(|e| (e, u128::from(p * 10 + e) * 1_000_000_000_000)).collect(),
            })
            .collect(),
    }
}

fn fastest<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let out = run();
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, out));
        }
    }
    best.expect("at least one run")
}

pub fn measure() -> AccountantTime {
    let bytes = month().encode();
    let (read, input) = fastest(|| PeriodInput::decode(&mut &bytes[..]).expect("decodes"));
    let (allocate, file) = fastest(|| allocate(&input).expect("allocates"));
    AccountantTime { input_bytes: bytes.len(), read, allocate, allocations: file.allocations.len() }
}
