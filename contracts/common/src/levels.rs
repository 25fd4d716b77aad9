//! Multi-level referral rewards (Frak's referral pool): a referee's earnings pay its
//! direct referrer (level 1) a factor of them, and each referrer further up the chain a
//! decaying share of the level below, all levels together capped.
//!
//! With Frak's figures (level 1 = 0.06, decay = 0.8, cap = 0.3) level k earns
//! 0.06 x 0.8^(k-1) of the earnings: 6%, 4.8%, 3.84%, ...; the sum tends to 30%.
use crate::math::{mul_div_floor, ONE};
use ink::prelude::vec::Vec;

/// The most levels a program may pay.
pub const MAX_LEVELS: u32 = 64;

/// A program's multi-level parameters (factors with 9 decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct MultiLevel {
    /// Share of a referee's earnings paid to its direct referrer (level 1).
    pub level_one_factor: u64,
    /// Each level earns this share of what the level below it earns (at most 1.0).
    pub decay_factor: u64,
    /// The most levels paid (1 to `MAX_LEVELS`).
    pub max_depth: u32,
    /// What all levels together may earn (at most the network's max reward proportion).
    pub total_cap: u64,
}

impl MultiLevel {
    /// The factor each level earns, level 1 first: `level_one x decay^(k-1)`, each
    /// rounded down from the one below, cut where the running total reaches the cap
    /// (the level that reaches it earns what is left of the cap) or at `max_depth`.
    /// Levels that would earn nothing are not listed. At most `MAX_LEVELS` entries.
    pub fn level_factors(&self) -> Vec<u64> {
        let depth = self.max_depth.min(MAX_LEVELS);
        let mut factors = Vec::new();
        let (mut factor, mut total) = (self.level_one_factor, 0u64);
        for _ in 0..depth {
            let paid = factor.min(self.total_cap.saturating_sub(total));
            if paid == 0 {
                break;
            }
            factors.push(paid);
            total = total.saturating_add(paid);
            factor = mul_div_floor(u128::from(factor), u128::from(self.decay_factor), u128::from(ONE))
                .and_then(|f| u64::try_from(f).ok())
                .unwrap_or(0);
        }
        factors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::apply_factor;

    /// Frak's figures; `depth` levels.
    fn frak(depth: u32) -> MultiLevel {
        MultiLevel { level_one_factor: 60_000_000, decay_factor: 800_000_000, max_depth: depth, total_cap: 300_000_000 }
    }

    #[test]
    fn frak_levels_earn_six_then_four_point_eight_then_three_point_eighty_four_percent() {
        let factors = frak(3).level_factors();
        assert_eq!(factors, vec![60_000_000, 48_000_000, 38_400_000]);
        let earnings = 1_000_000u128;
        let paid: Vec<u128> = factors.iter().map(|f| apply_factor(earnings, *f).unwrap()).collect();
        assert_eq!(paid, vec![60_000, 48_000, 38_400]);
    }

    #[test]
    fn fifty_levels_stay_under_thirty_percent() {
        let factors = frak(50).level_factors();
        assert_eq!(factors.len(), 50);
        let total: u64 = factors.iter().sum();
        assert!(total <= 300_000_000, "{total}");
        // 0.3 x (1 - 0.8^50) = 0.29999571...: within rounding of that.
        assert!(total >= 299_995_000, "{total}");
        assert!(factors.windows(2).all(|w| w[1] < w[0]), "each level earns less than the one below");
    }

    #[test]
    fn the_cap_binds_where_the_levels_would_exceed_it() {
        // No decay: 6% a level, capped at 30%: five levels, then nothing.
        let flat = MultiLevel { decay_factor: ONE, ..frak(50) };
        assert_eq!(flat.level_factors(), vec![60_000_000; 5]);
        // A 15% cap cuts the fourth level to what is left: 15 - 6 - 4.8 - 3.84 = 0.36%.
        let low_cap = MultiLevel { total_cap: 150_000_000, ..frak(50) };
        assert_eq!(low_cap.level_factors(), vec![60_000_000, 48_000_000, 38_400_000, 3_600_000]);
        let total: u64 = low_cap.level_factors().iter().sum();
        assert_eq!(total, 150_000_000);
    }

    #[test]
    fn depth_limits_the_levels_and_decay_zero_pays_level_one_only() {
        assert_eq!(frak(2).level_factors().len(), 2);
        assert_eq!(frak(1).level_factors(), vec![60_000_000]);
        assert_eq!(MultiLevel { decay_factor: 0, ..frak(10) }.level_factors(), vec![60_000_000]);
        assert_eq!(frak(u32::MAX).level_factors().len(), MAX_LEVELS as usize);
        assert!(MultiLevel { level_one_factor: 0, ..frak(5) }.level_factors().is_empty());
    }
}
