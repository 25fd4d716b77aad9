//! Times the accountant on a month of 100,000 bound stakers (30 daily epochs, 1,000
//! partners, a 10-tier program): `cargo run --release -p accountant --example scale`.
//! Wall-clock time on this machine, so noisy: a figure for the benchmark report, not a
//! test.
use accountant::{allocate, EpochInput, PartnerInput, PeriodInput, ProgramInForce, RefereeInput};
use ink::primitives::AccountId;
use referral_common::math::ONE;
use referral_common::program::{BenefitTier, ProgramChanges, StakingTier};
use std::time::Instant;

fn id(group: u8, index: u32) -> AccountId {
    let mut bytes = [group; 32];
    bytes[28..].copy_from_slice(&index.to_be_bytes());
    AccountId::from(bytes)
}

fn main() {
    let (stakers, partners, epochs) = (100_000u32, 1_000u32, 30u32);
    let program = ProgramInForce {
        version: 1,
        changes: ProgramChanges {
            end_of_program: u64::MAX,
            window_length: 30,
            benefit_tiers: (1..=10u32)
                .map(|i| BenefitTier { minimum_running_volume: u128::from(i) * 1_000, minimum_epochs: i, reward_factor: ONE / 20 * u64::from(i) / 2, discount_factor: ONE / 100 })
                .collect(),
            staking_tiers: (1..=10u32).map(|i| StakingTier { minimum_staked: u128::from(i) * 100, reward_multiplier: ONE + u64::from(i) * ONE / 10 }).collect(),
            multi_level: None,
            signup_bonus: None,
        },
        max_reward_proportion: ONE / 2,
    };
    let started = Instant::now();
    let input = PeriodInput {
        period: 1,
        start: 0,
        end: 1,
        epochs: (0..epochs).map(|epoch| EpochInput { epoch, fee: 1_000_000_000_000_000_000, total_share_seconds: u128::from(stakers) * 86_400 * 1_000_000, program: Some(program.clone()) }).collect(),
        referees: (0..stakers)
            .map(|i| RefereeInput {
                referee: id(1, i),
                partner: id(2, i % partners),
                bound_epoch: i % epochs,
                share_seconds: (0..epochs).map(|e| u128::from((i + e) % 1_000 + 1) * 86_400 * 1_000).collect(),
            })
            .collect(),
        partners: (0..partners)
            .map(|p| PartnerInput { partner: id(2, p), associated: u128::from(p), volumes: (0..epochs).map(|e| (e, u128::from(p * 10 + e))).collect() })
            .collect(),
    };
    let built = started.elapsed();
    let started = Instant::now();
    let file = allocate(&input).expect("allocate");
    let computed = started.elapsed();
    let started = Instant::now();
    let hash = file.hash_hex();
    let hashed = started.elapsed();
    println!(
        "{stakers} stakers x {epochs} epochs, {partners} partners: input built in {built:?}, allocated in {computed:?}, encoded+hashed in {hashed:?}; {} allocations, remainder {}, hash {hash}",
        file.allocations.len(),
        file.remainder,
    );
}
