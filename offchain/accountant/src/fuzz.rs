//! Fuzz targets: the accountant on any period input (hostile or inconsistent: unsorted
//! or huge epochs, share-seconds above the supply, unknown partners, referrer cycles,
//! programs outside governance's limits, amounts at 0, 1 and u128::MAX) and the
//! allocation file's reader on any bytes. Every input is accounted or refused with a
//! named `InputError`; none panics, and every file made balances.
use super::*;
use proptest::prelude::*;
use referral_common::bonus::SignupBonus;
use referral_common::levels::MultiLevel;
use referral_common::program::{BenefitTier, ProgramChanges, StakingTier};
use referral_common::testing::fuzz_cases;

fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![
        1 => Just(0u128),
        1 => Just(1u128),
        1 => Just(u128::MAX),
        5 => 0u128..1_000_000,
        2 => any::<u64>().prop_map(u128::from),
        1 => any::<u128>(),
    ]
}

fn factor() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), Just(1_000_000_000u64), 0u64..2_000_000_000, any::<u64>()]
}

fn epoch() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(u32::MAX), Just(u32::MAX - 1), 0u32..8]
}

/// A small account space so that referees, partners and chains meet (and cycle).
fn account() -> impl Strategy<Value = AccountId> {
    (0u8..6).prop_map(|b| AccountId::from([b; 32]))
}

fn program() -> impl Strategy<Value = ProgramInForce> {
    let benefit = (amount(), epoch(), factor(), factor()).prop_map(|(v, e, r, d)| BenefitTier {
        minimum_running_volume: v,
        minimum_epochs: e,
        reward_factor: r,
        discount_factor: d,
    });
    let staking = (amount(), factor()).prop_map(|(s, m)| StakingTier { minimum_staked: s, reward_multiplier: m });
    let levels = (factor(), factor(), any::<u32>(), factor()).prop_map(|(l, d, m, c)| MultiLevel {
        level_one_factor: l,
        decay_factor: d,
        max_depth: m,
        total_cap: c,
    });
    let bonus = (amount(), amount()).prop_map(|(referrer, referee)| SignupBonus::at_binding(referrer, referee));
    (
        0u32..3,
        epoch(),
        proptest::collection::vec(benefit, 0..4),
        proptest::collection::vec(staking, 0..3),
        proptest::option::of(levels),
        proptest::option::of(bonus),
        factor(),
    )
        .prop_map(
            |(version, window_length, benefit_tiers, staking_tiers, multi_level, signup_bonus, max_reward_proportion)| {
                ProgramInForce {
                    version,
                    changes: ProgramChanges {
                        end_of_program: u64::MAX,
                        window_length,
                        benefit_tiers,
                        staking_tiers,
                        multi_level,
                        signup_bonus,
                    },
                    max_reward_proportion,
                }
            },
        )
}

fn period_input() -> impl Strategy<Value = PeriodInput> {
    let epoch_input = (amount(), amount(), proptest::option::weighted(0.8, program()));
    let first = prop_oneof![8 => 0u32..10, 1 => Just(u32::MAX - 2), 1 => any::<u32>()];
    (first, proptest::collection::vec(epoch_input, 0..5), proptest::bool::weighted(0.9)).prop_flat_map(
        |(first, epochs, consecutive)| {
            let epochs: Vec<EpochInput> = epochs
                .into_iter()
                .enumerate()
                .map(|(i, (fee, total_share_seconds, program))| {
                    // Mostly consecutive (possibly wrapping past u32::MAX: refused by name).
                    let offset = if consecutive { i as u32 } else { (i as u32).wrapping_mul(7) };
                    EpochInput { epoch: first.wrapping_add(offset), fee, total_share_seconds, program }
                })
                .collect();
            let totals: Vec<u128> = epochs.iter().map(|e| e.total_share_seconds).collect();
            // Mostly a share of each epoch's supply, one per epoch; sometimes anything.
            let held = prop_oneof![
                9 => proptest::collection::vec(any::<u8>(), totals.len()).prop_map(move |parts| {
                    parts.iter().zip(&totals).map(|(p, t)| t / 255 * u128::from(*p)).collect::<Vec<u128>>()
                }),
                1 => proptest::collection::vec(amount(), 0..6),
            ];
            let referee = (account(), account(), epoch(), held).prop_map(|(referee, partner, bound_epoch, share_seconds)| {
                RefereeInput { referee, partner, bound_epoch, share_seconds }
            });
            let volumes = || proptest::collection::btree_map(epoch(), amount(), 0..4);
            let partner = (account(), amount(), volumes()).prop_map(|(partner, associated, volumes)| PartnerInput {
                partner,
                associated,
                volumes,
            });
            // Mostly every account is a partner; sometimes some are unknown.
            let every = proptest::collection::vec((amount(), volumes()), 6).prop_map(|rows| {
                rows.into_iter()
                    .enumerate()
                    .map(|(b, (associated, volumes))| PartnerInput {
                        partner: AccountId::from([b as u8; 32]),
                        associated,
                        volumes,
                    })
                    .collect::<Vec<_>>()
            });
            let partners = prop_oneof![9 => every, 1 => proptest::collection::vec(partner, 0..5)];
            (Just(epochs), proptest::collection::vec(referee, 0..6), partners, any::<u32>(), any::<u64>(), any::<u64>()).prop_map(
                |(epochs, referees, partners, period, start, end)| PeriodInput { period, start, end, epochs, referees, partners },
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// Fuzz: any input is accounted or refused by name; a file made balances (its
    /// allocations sum to `allocated`, `allocated + remainder = fees`), lists accounts
    /// in ascending order with amounts above zero, and reads back from its bytes.
    #[test]
    fn fuzz_any_period_input_is_accounted_or_refused_by_name(input in period_input()) {
        match allocate(&input) {
            Ok(file) => {
                let sum = file.allocations.iter().try_fold(0u128, |s, a| s.checked_add(a.amount));
                prop_assert_eq!(sum, Some(file.allocated));
                prop_assert_eq!(file.allocated.checked_add(file.remainder), Some(file.fees));
                prop_assert_eq!(Some(file.fees), input.fees());
                prop_assert!(file.allocations.windows(2).all(|w| w[0].account < w[1].account));
                prop_assert!(file.allocations.iter().all(|a| a.amount > 0 && a.breakdown.total() == Some(a.amount)));
                prop_assert_eq!(AllocationFile::from_bytes(&file.to_bytes()), Some(file));
            }
            Err(
                InputError::ShareSecondsLength { .. }
                | InputError::ShareSecondsAboveTotal { .. }
                | InputError::UnknownPartner { .. }
                | InputError::EpochsNotConsecutive
                | InputError::Overflow,
            ) => {}
        }
    }

    /// Fuzz: any bytes are an allocation file or `None`; a length prefix claiming more
    /// entries than the bytes hold allocates nothing big.
    #[test]
    fn fuzz_any_bytes_read_as_a_file_or_none(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Some(file) = AllocationFile::from_bytes(&bytes) {
            prop_assert_eq!(file.to_bytes(), bytes);
        }
    }
}

/// Governance never stores such a program, but the accountant must not trust that: a
/// program whose rewards exceed the fees is refused (`Overflow`), not paid.
#[test]
fn a_program_paying_more_than_the_fees_is_refused() {
    let greedy = ProgramInForce {
        version: 1,
        changes: ProgramChanges {
            end_of_program: u64::MAX,
            window_length: 1,
            benefit_tiers: vec![BenefitTier {
                minimum_running_volume: 0,
                minimum_epochs: 0,
                reward_factor: 2_000_000_000,
                discount_factor: 0,
            }],
            staking_tiers: vec![],
            multi_level: None,
            signup_bonus: None,
        },
        max_reward_proportion: u64::MAX,
    };
    let who = |b: u8| AccountId::from([b; 32]);
    let input = PeriodInput {
        period: 1,
        start: 0,
        end: 1,
        epochs: vec![EpochInput { epoch: 0, fee: 100, total_share_seconds: 10, program: Some(greedy) }],
        referees: vec![RefereeInput { referee: who(2), partner: who(1), bound_epoch: 0, share_seconds: vec![10] }],
        partners: vec![PartnerInput { partner: who(1), associated: 0, volumes: [(0, 1)].into_iter().collect() }],
    };
    assert_eq!(allocate(&input), Err(InputError::Overflow));
}
