use super::*;
use referral_common::math::ONE;
use referral_common::program::{BenefitTier, ProgramChanges, StakingTier};
use referral_common::testing::ankr_program;

const BNB: u128 = 1_000_000_000_000_000_000;
const DAY_SECONDS: u128 = 86_400;

fn who(byte: u8) -> AccountId {
    AccountId::from([byte; 32])
}

/// Ankr's program: one tier (any volume, any epochs), reward factor 0.5, no discount.
fn ankr() -> ProgramInForce {
    ProgramInForce { version: 1, changes: ankr_program(u64::MAX), max_reward_proportion: ONE / 2 }
}

fn partner(byte: u8, associated: u128, volumes: &[(u32, u128)]) -> PartnerInput {
    PartnerInput { partner: who(byte), associated, volumes: volumes.iter().copied().collect() }
}

/// `n` daily epochs from 0 with `fee` each and a supply of `supply` shares held all day.
fn epochs(n: u32, fee: u128, supply: u128, program: Option<ProgramInForce>) -> Vec<EpochInput> {
    (0..n).map(|epoch| EpochInput { epoch, fee, total_share_seconds: supply * DAY_SECONDS, program: program.clone() }).collect()
}

#[test]
fn ankr_example_one_percent_of_tvl_earns_half_a_percent_of_the_fee() {
    // 1 BNB of fees a day; the partner's referee holds 1% of the TVL all month.
    let input = PeriodInput {
        period: 1,
        start: 0,
        end: 30 * 86_400_000,
        epochs: epochs(30, BNB, 10_000 * BNB, Some(ankr())),
        referees: vec![RefereeInput {
            referee: who(20),
            partner: who(10),
            bound_epoch: 0,
            share_seconds: vec![100 * BNB * DAY_SECONDS; 30],
        }],
        partners: vec![partner(10, 0, &[(0, 100 * BNB)])],
    };
    let file = allocate(&input).unwrap();
    assert_eq!(
        file.allocations,
        vec![Allocation {
            account: who(10),
            amount: 150 * BNB / 1000, // 0.005 BNB a day, 0.15 over 30 days
            breakdown: Breakdown { partner_reward: 150 * BNB / 1000, referee_discount: 0, upline_reward: 0 },
        }]
    );
    assert_eq!((file.fees, file.allocated, file.remainder), (30 * BNB, 150 * BNB / 1000, 30 * BNB - 150 * BNB / 1000));
    assert_eq!(file.epochs, Some((0, 29)));
}

/// A program with a discount from the second epoch in the set and a staking tier.
fn tiered() -> ProgramInForce {
    ProgramInForce {
        version: 2,
        changes: ProgramChanges {
            end_of_program: u64::MAX,
            window_length: 2,
            benefit_tiers: vec![
                BenefitTier { minimum_running_volume: 10, minimum_epochs: 1, reward_factor: ONE / 10, discount_factor: 0 },
                BenefitTier { minimum_running_volume: 100, minimum_epochs: 2, reward_factor: ONE / 4, discount_factor: ONE / 10 },
            ],
            staking_tiers: vec![StakingTier { minimum_staked: 1_000, reward_multiplier: 3 * ONE }],
            multi_level: None,
            signup_bonus: None,
        },
        max_reward_proportion: ONE / 2,
    }
}

#[test]
fn every_figure_rounds_down_and_the_fees_are_conserved_exactly() {
    // Three epochs of 1,000 fee; the supply is 3 shares-days; the referee holds 1/3.
    // Bound in epoch 1: nothing in epoch 0; in epoch 1 one epoch in the set (no
    // discount); in epoch 2 two (discount 0.1). Running volume (window 2): epoch 1 sees
    // 60 + 50 = 110, epoch 2 sees 50 + 0 = 50 (the lower tier).
    let supply_seconds = 3 * DAY_SECONDS;
    let input = PeriodInput {
        period: 7,
        start: 0,
        end: 1,
        epochs: (0..3)
            .map(|epoch| EpochInput { epoch, fee: 1_000, total_share_seconds: supply_seconds, program: Some(tiered()) })
            .collect(),
        referees: vec![RefereeInput { referee: who(30), partner: who(10), bound_epoch: 1, share_seconds: vec![DAY_SECONDS; 3] }],
        partners: vec![partner(10, 0, &[(0, 60), (1, 50)])],
    };
    let file = allocate(&input).unwrap();
    // Epoch 1: attributable floor(1000/3) = 333, tier 2 by volume (110 >= 100) gives a
    // reward factor 0.25, but its discount needs 2 epochs: 0. Reward floor(333 x 0.25) = 83.
    // Epoch 2: volume 50: tier 1, reward 0.1, discount 0 (tier 1 has none): floor(33.3) = 33.
    assert_eq!(
        file.allocations,
        vec![Allocation {
            account: who(10),
            amount: 116,
            breakdown: Breakdown { partner_reward: 116, referee_discount: 0, upline_reward: 0 }
        }]
    );
    assert_eq!(file.allocated + file.remainder, file.fees);
    assert_eq!(file.remainder, 3_000 - 116);

    // With volume enough in epoch 2 (100 in epoch 2 itself) and 1,000 tokens associated:
    // discount floor(333 x 0.1) = 33 to the referee; reward floor(300 x min(0.25 x 3, 0.5))
    // = 150 in epoch 2; epoch 1 becomes floor(333 x 0.5) = 166 (multiplier, capped).
    let mut rich = input.clone();
    rich.partners = vec![partner(10, 1_000, &[(0, 60), (1, 50), (2, 100)])];
    let file = allocate(&rich).unwrap();
    assert_eq!(
        file.allocations,
        vec![
            Allocation {
                account: who(10),
                amount: 316,
                breakdown: Breakdown { partner_reward: 316, referee_discount: 0, upline_reward: 0 }
            },
            Allocation {
                account: who(30),
                amount: 33,
                breakdown: Breakdown { partner_reward: 0, referee_discount: 33, upline_reward: 0 }
            },
        ]
    );
    assert_eq!((file.allocated, file.remainder), (349, 3_000 - 349));
}

/// The epochs of the tiered example alone: 0 (before the binding), 83 and 33, which add
/// up to the period's 116; each file conserves its epoch's fee.
#[test]
fn each_epoch_alone_allocates_its_share_of_the_period_and_they_add_up_under_tiers() {
    let input = PeriodInput {
        period: 7,
        start: 0,
        end: 1,
        epochs: (0..3)
            .map(|epoch| EpochInput { epoch, fee: 1_000, total_share_seconds: 3 * DAY_SECONDS, program: Some(tiered()) })
            .collect(),
        referees: vec![RefereeInput {
            referee: who(30),
            partner: who(10),
            bound_epoch: 1,
            share_seconds: vec![DAY_SECONDS, 2 * DAY_SECONDS, DAY_SECONDS],
        }],
        partners: vec![partner(10, 0, &[(0, 60), (1, 50)])],
    };
    let per_epoch: Vec<u128> = (0..3)
        .map(|index| {
            let alone = input.epoch_alone(index).unwrap();
            assert_eq!((alone.epochs.len(), alone.referees[0].share_seconds.len()), (1, 1));
            let file = allocate(&alone).unwrap();
            assert_eq!(file.allocated + file.remainder, 1_000);
            file.allocations.iter().map(|a| a.amount).sum()
        })
        .collect();
    // Epoch 1 holds 2/3 of the supply: floor(666 x 0.25) = 166; epoch 2 1/3: 33.
    assert_eq!(per_epoch, vec![0, 166, 33]);
    assert_eq!(allocate(&input).unwrap().allocated, 199);
    assert!(input.epoch_alone(3).is_none());
}

#[test]
fn no_program_no_holding_or_no_supply_allocates_nothing() {
    let mut input = PeriodInput {
        period: 1,
        start: 0,
        end: 1,
        epochs: epochs(3, 1_000, 10, None),
        referees: vec![RefereeInput {
            referee: who(20),
            partner: who(10),
            bound_epoch: 0,
            share_seconds: vec![5 * DAY_SECONDS; 3],
        }],
        partners: vec![partner(10, 0, &[(0, 100)])],
    };
    let file = allocate(&input).unwrap();
    assert_eq!((file.allocations.len(), file.remainder), (0, 3_000));
    input.epochs[1].program = Some(ankr());
    input.epochs[2].program = Some(ankr());
    input.epochs[2].total_share_seconds = 0;
    input.referees[0].share_seconds[2] = 0;
    let file = allocate(&input).unwrap();
    // Only epoch 1: 1,000 x 1/2 x 0.5.
    assert_eq!(file.allocations[0].amount, 250);
}

#[test]
fn the_file_is_canonical_whatever_the_input_order() {
    let referees: Vec<RefereeInput> = (0..50u8)
        .map(|i| RefereeInput {
            referee: who(100 + i),
            partner: who(10 + i % 5),
            bound_epoch: u32::from(i % 3),
            share_seconds: vec![u128::from(i) * 1_000 + 7; 4],
        })
        .collect();
    let partners: Vec<PartnerInput> = (0..5u8).map(|i| partner(10 + i, u128::from(i) * 400, &[(0, 1_000)])).collect();
    let input = PeriodInput {
        period: 3,
        start: 10,
        end: 20,
        epochs: epochs(4, 987_654_321, 100_000, Some(tiered())),
        referees,
        partners,
    };
    let file = allocate(&input).unwrap();
    let mut shuffled = input.clone();
    shuffled.referees.reverse();
    shuffled.partners.rotate_left(2);
    let again = allocate(&shuffled).unwrap();
    assert_eq!(again.to_bytes(), file.to_bytes());
    assert_eq!(again.hash(), file.hash());
    assert_eq!(file.hash_hex().len(), 66);
    assert!(file.hash_hex().starts_with("0x") && file.hash_hex()[2..].bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(file.allocations.windows(2).all(|w| w[0].account < w[1].account));
    assert!(file.allocations.iter().all(|a| a.amount > 0));
    assert_eq!(AllocationFile::from_bytes(&file.to_bytes()), Some(file.clone()));
    assert_eq!(AllocationFile::from_bytes(&[file.to_bytes(), vec![0]].concat()), None, "trailing bytes");
    assert_eq!(file.allocated + file.remainder, file.fees);
    let chunks = file.chunks(7);
    assert_eq!(chunks.iter().map(Vec::len).sum::<usize>(), file.allocations.len());
    assert!(chunks.iter().all(|c| c.len() <= 7));
    // A different input, a different hash.
    let mut other = input.clone();
    other.epochs[0].fee += 1_000_000;
    assert_ne!(allocate(&other).unwrap().hash(), file.hash());
}

#[test]
fn inconsistent_inputs_are_refused() {
    let base = PeriodInput {
        period: 1,
        start: 0,
        end: 1,
        epochs: epochs(2, 1_000, 10, Some(ankr())),
        referees: vec![RefereeInput { referee: who(20), partner: who(10), bound_epoch: 0, share_seconds: vec![DAY_SECONDS; 2] }],
        partners: vec![partner(10, 0, &[(0, 100)])],
    };
    assert!(allocate(&base).is_ok());
    let mut short = base.clone();
    short.referees[0].share_seconds.pop();
    assert_eq!(allocate(&short), Err(InputError::ShareSecondsLength { referee: who(20) }));
    let mut above = base.clone();
    above.referees[0].share_seconds[1] = 10 * DAY_SECONDS + 1;
    assert_eq!(allocate(&above), Err(InputError::ShareSecondsAboveTotal { referee: who(20), epoch: 1 }));
    let mut orphan = base.clone();
    orphan.partners.clear();
    assert_eq!(allocate(&orphan), Err(InputError::UnknownPartner { partner: who(10) }));
    let mut gap = base.clone();
    gap.epochs[1].epoch = 5;
    assert_eq!(allocate(&gap), Err(InputError::EpochsNotConsecutive));
}

// ------------------------------------------------------------- multi-level (Frak)

use referral_common::levels::MultiLevel;

/// Frak's pool: 6% at level 1, each level 4/5 of the one below, 30% in all, `depth`
/// levels; no tiers, so no discount.
fn frak(depth: u32, decay: u64) -> ProgramInForce {
    ProgramInForce {
        version: 3,
        changes: ProgramChanges {
            end_of_program: u64::MAX,
            window_length: 1,
            benefit_tiers: vec![],
            staking_tiers: vec![],
            multi_level: Some(MultiLevel {
                level_one_factor: 60_000_000,
                decay_factor: decay,
                max_depth: depth,
                total_cap: 300_000_000,
            }),
            signup_bonus: None,
        },
        max_reward_proportion: ONE / 2,
    }
}

const FRAK_DECAY: u64 = 800_000_000;

/// A chain of `length` referrers above the earner `who(1)`: who(1) is bound to who(2),
/// who(2) to who(3), ... (link k bound in epoch `bound(k)`). The earner holds the whole
/// supply; each epoch's fee is `fee`.
fn chain_input(length: u8, epochs_count: u32, fee: u128, program: ProgramInForce, bound: impl Fn(u8) -> u32) -> PeriodInput {
    let referees = (1..=length)
        .map(|k| RefereeInput {
            referee: who(k),
            partner: who(k + 1),
            bound_epoch: bound(k),
            share_seconds: vec![if k == 1 { DAY_SECONDS } else { 0 }; epochs_count as usize],
        })
        .collect();
    PeriodInput {
        period: 1,
        start: 0,
        end: u64::from(epochs_count) * 86_400_000,
        epochs: epochs(epochs_count, fee, 1, Some(program)),
        referees,
        partners: (2..=length + 1).map(|k| partner(k, 0, &[])).collect(),
    }
}

fn amounts(file: &AllocationFile) -> Vec<(u8, u128, u128)> {
    file.allocations
        .iter()
        .map(|a| (AsRef::<[u8; 32]>::as_ref(&a.account)[0], a.breakdown.partner_reward, a.breakdown.upline_reward))
        .collect()
}

#[test]
fn frak_levels_earn_six_four_point_eight_and_three_point_eighty_four_percent_of_the_earnings() {
    // R = 1,000,000 (the earner's share of the fee); a chain of three referrers.
    let file = allocate(&chain_input(3, 1, 1_000_000, frak(10, FRAK_DECAY), |_| 0)).unwrap();
    assert_eq!(amounts(&file), vec![(2, 60_000, 0), (3, 0, 48_000), (4, 0, 38_400)]);
    // The top of the chain stops the walk; the rest of the cap stays with the protocol.
    assert_eq!((file.allocated, file.remainder), (146_400, 853_600));
}

#[test]
fn fifty_levels_stay_within_thirty_percent_and_a_flat_schedule_hits_the_cap() {
    let r = 1_000_000_000_000u128;
    let file = allocate(&chain_input(50, 1, r, frak(50, FRAK_DECAY), |_| 0)).unwrap();
    assert_eq!(file.allocations.len(), 50);
    assert!(file.allocated <= 3 * r / 10, "{}", file.allocated);
    assert!(file.allocated >= 2_999_950 * r / 10_000_000, "{}", file.allocated);
    // No decay: 6% a level would make 300% over 50 levels; the cap stops it at 30%,
    // paid to the first five levels.
    let flat = allocate(&chain_input(50, 1, r, frak(50, ONE), |_| 0)).unwrap();
    assert_eq!(flat.allocations.len(), 5);
    assert_eq!(flat.allocated, 3 * r / 10);
    assert!(flat.allocations.iter().all(|a| a.amount == 6 * r / 100));
}

#[test]
fn a_chain_deeper_than_the_maximum_depth_pays_only_that_many_levels() {
    let file = allocate(&chain_input(10, 1, 1_000_000, frak(3, FRAK_DECAY), |_| 0)).unwrap();
    assert_eq!(amounts(&file), vec![(2, 60_000, 0), (3, 0, 48_000), (4, 0, 38_400)]);
}

#[test]
fn a_link_pays_from_the_epoch_it_was_bound_in() {
    // Two epochs; the earner and its referrer were bound in epoch 0, the referrer's own
    // referrer only in epoch 1: level 2 earns on epoch 1 alone.
    let file = allocate(&chain_input(2, 2, 1_000_000, frak(10, FRAK_DECAY), |k| if k == 2 { 1 } else { 0 })).unwrap();
    assert_eq!(amounts(&file), vec![(2, 120_000, 0), (3, 0, 48_000)]);
    assert_eq!(file.allocated + file.remainder, file.fees);
}
