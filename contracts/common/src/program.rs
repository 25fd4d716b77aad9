//! A referral program as governance enacts it (Vega's model): benefit tiers by running
//! volume and epochs in the set, staking tiers by the referrer's associated tokens, and
//! the rules that validate a proposed program and read its benefits.
//!
//! Shared by the governance contract (which refuses a bad proposal), the off-chain
//! reader of Vega JSON files (which refuses the same files with the same rule names
//! before anything is sent) and the accountant (which reads the benefits).
//! Factors and multipliers are fixed point with 9 decimals (`ONE` = 1.0).
//!
//! Beyond Vega, a program may pay rewards up the referrer chain (`levels`, Frak's
//! n-level pool) and a sign-up bonus on each new binding (`bonus`), earned at once or
//! after a hold with a minimum stake.
use crate::bonus::{SignupBonus, MAX_HOLD_EPOCHS};
use crate::levels::{MultiLevel, MAX_LEVELS};
use crate::math::{mul_div_floor, ONE};
use ink::prelude::vec::Vec;

/// A benefit tier: what a referral set earns once its running volume (and, for the
/// discount, the referee's epochs in the set) reach the minimums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct BenefitTier {
    pub minimum_running_volume: u128,
    pub minimum_epochs: u32,
    /// Share of the referee's fees paid to the referrer (9 decimals).
    pub reward_factor: u64,
    /// Share of the referee's fees given back to the referee (9 decimals).
    pub discount_factor: u64,
}

/// A staking tier: the multiplier of a referrer with at least `minimum_staked`
/// governance tokens associated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct StakingTier {
    pub minimum_staked: u128,
    /// At least 1.0 (9 decimals).
    pub reward_multiplier: u64,
}

/// What a proposal changes: the whole program.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProgramChanges {
    /// After the first epoch start at or after this time (ms), no benefits apply.
    pub end_of_program: u64,
    /// Epochs over which a set's running volume is evaluated (1 to 200).
    pub window_length: u32,
    pub benefit_tiers: Vec<BenefitTier>,
    pub staking_tiers: Vec<StakingTier>,
    /// Rewards up the referrer chain. When set, referrers earn by these levels instead
    /// of the benefit tiers' reward factor (the tiers' discounts still apply).
    pub multi_level: Option<MultiLevel>,
    /// Credited to both sides of each new binding; none when `None`.
    pub signup_bonus: Option<SignupBonus>,
}

/// The network parameters a program is validated against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProgramLimits {
    /// The most tiers of each kind.
    pub max_tiers: u32,
    pub max_reward_factor: u64,
    pub max_discount_factor: u64,
    /// The cap on reward factor x multiplier.
    pub max_reward_proportion: u64,
}

impl Default for ProgramLimits {
    /// Vega's defaults: 10 tiers, every cap 0.5.
    fn default() -> Self {
        let half = ONE / 2;
        Self { max_tiers: 10, max_reward_factor: half, max_discount_factor: half, max_reward_proportion: half }
    }
}

/// The longest window a program may have, in epochs.
pub const MAX_WINDOW_LENGTH: u32 = 200;

/// The longest proposal title, in bytes.
pub const MAX_TITLE_LENGTH: usize = 100;
/// The longest proposal description, in bytes.
pub const MAX_DESCRIPTION_LENGTH: usize = 1024;

/// Why a proposal was refused by a rule that does not depend on the chain's state: the
/// program's own rules, and those of its times and texts. The governance contract's
/// `Error` has a variant of each name; the JSON reader reports these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalRule {
    Program(ProgramError),
    /// The enactment time is before the closing time.
    EnactmentBeforeClosing,
    /// The title is empty or longer than `MAX_TITLE_LENGTH` bytes.
    TitleLength,
    /// The description is longer than `MAX_DESCRIPTION_LENGTH` bytes.
    DescriptionTooLong,
}

impl From<ProgramError> for ProposalRule {
    fn from(error: ProgramError) -> Self {
        ProposalRule::Program(error)
    }
}

/// A proposal's times and texts: enactment not before closing, a title of 1 to
/// `MAX_TITLE_LENGTH` bytes, a description of at most `MAX_DESCRIPTION_LENGTH`.
pub fn check_proposal_text(closing: u64, enactment: u64, title: &str, description: &str) -> Result<(), ProposalRule> {
    if enactment < closing {
        return Err(ProposalRule::EnactmentBeforeClosing);
    }
    if title.is_empty() || title.len() > MAX_TITLE_LENGTH {
        return Err(ProposalRule::TitleLength);
    }
    if description.len() > MAX_DESCRIPTION_LENGTH {
        return Err(ProposalRule::DescriptionTooLong);
    }
    Ok(())
}

/// Why a program was refused: one variant per rule. The governance contract's `Error`
/// has a variant of each name, and the JSON reader reports these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ProgramError {
    /// The end of program is missing (zero).
    EndOfProgramRequired,
    /// The end of program is before the enactment.
    EndOfProgramBeforeEnactment,
    /// The window length is not 1 to `MAX_WINDOW_LENGTH` epochs.
    WindowLengthOutOfRange,
    /// A benefit tier's minimum running volume is zero.
    BenefitTierVolumeZero,
    /// A benefit tier's minimum epochs is zero.
    BenefitTierEpochsZero,
    /// A reward factor above the network's maximum.
    RewardFactorAboveMaximum,
    /// A discount factor above the network's maximum.
    DiscountFactorAboveMaximum,
    /// A staking tier's minimum staked is zero.
    StakingTierMinimumZero,
    /// A reward multiplier below 1.
    MultiplierBelowOne,
    /// Two benefit tiers with the same volume and epochs.
    DuplicateBenefitTier,
    /// Two staking tiers with the same minimum.
    DuplicateStakingTier,
    /// More benefit tiers than the network's maximum.
    TooManyBenefitTiers,
    /// More staking tiers than the network's maximum.
    TooManyStakingTiers,
    /// The multi-level level-1 factor is zero.
    LevelOneFactorZero,
    /// The level-1 factor is above the levels' total cap.
    LevelOneFactorAboveCap,
    /// The decay factor is above 1.
    DecayFactorAboveOne,
    /// The maximum depth is not 1 to `levels::MAX_LEVELS`.
    DepthOutOfRange,
    /// The levels' total cap is above the network's max reward proportion.
    TotalCapAboveMaximum,
    /// A sign-up bonus of zero for both sides (leave it out to turn it off).
    SignupBonusZero,
    /// The two sides' bonus amounts overflow together.
    SignupBonusOverflow,
    /// A sign-up bonus hold without a minimum stake (there would be nothing to keep).
    SignupHoldWithoutMinimum,
    /// A sign-up bonus hold longer than `bonus::MAX_HOLD_EPOCHS` epochs.
    SignupHoldTooLong,
}

impl ProgramChanges {
    /// Checks every rule, in the order listed in `ProgramError`'s documentation of
    /// Vega's rules, against `limits`, for a proposal enacted at `enactment` (ms).
    pub fn validate(&self, enactment: u64, limits: &ProgramLimits) -> Result<(), ProgramError> {
        if self.end_of_program == 0 {
            return Err(ProgramError::EndOfProgramRequired);
        }
        if self.end_of_program < enactment {
            return Err(ProgramError::EndOfProgramBeforeEnactment);
        }
        if self.window_length == 0 || self.window_length > MAX_WINDOW_LENGTH {
            return Err(ProgramError::WindowLengthOutOfRange);
        }
        if self.benefit_tiers.len() > limits.max_tiers as usize {
            return Err(ProgramError::TooManyBenefitTiers);
        }
        if self.staking_tiers.len() > limits.max_tiers as usize {
            return Err(ProgramError::TooManyStakingTiers);
        }
        for (i, tier) in self.benefit_tiers.iter().enumerate() {
            if tier.minimum_running_volume == 0 {
                return Err(ProgramError::BenefitTierVolumeZero);
            }
            if tier.minimum_epochs == 0 {
                return Err(ProgramError::BenefitTierEpochsZero);
            }
            if tier.reward_factor > limits.max_reward_factor {
                return Err(ProgramError::RewardFactorAboveMaximum);
            }
            if tier.discount_factor > limits.max_discount_factor {
                return Err(ProgramError::DiscountFactorAboveMaximum);
            }
            let same = |t: &BenefitTier| {
                (t.minimum_running_volume, t.minimum_epochs) == (tier.minimum_running_volume, tier.minimum_epochs)
            };
            if self.benefit_tiers.iter().skip(i.saturating_add(1)).any(same) {
                return Err(ProgramError::DuplicateBenefitTier);
            }
        }
        for (i, tier) in self.staking_tiers.iter().enumerate() {
            if tier.minimum_staked == 0 {
                return Err(ProgramError::StakingTierMinimumZero);
            }
            if tier.reward_multiplier < ONE {
                return Err(ProgramError::MultiplierBelowOne);
            }
            let same = |t: &StakingTier| t.minimum_staked == tier.minimum_staked;
            if self.staking_tiers.iter().skip(i.saturating_add(1)).any(same) {
                return Err(ProgramError::DuplicateStakingTier);
            }
        }
        if let Some(levels) = &self.multi_level {
            if levels.level_one_factor == 0 {
                return Err(ProgramError::LevelOneFactorZero);
            }
            if levels.level_one_factor > levels.total_cap {
                return Err(ProgramError::LevelOneFactorAboveCap);
            }
            if levels.decay_factor > ONE {
                return Err(ProgramError::DecayFactorAboveOne);
            }
            if levels.max_depth == 0 || levels.max_depth > MAX_LEVELS {
                return Err(ProgramError::DepthOutOfRange);
            }
            if levels.total_cap > limits.max_reward_proportion {
                return Err(ProgramError::TotalCapAboveMaximum);
            }
        }
        if let Some(bonus) = &self.signup_bonus {
            match bonus.total() {
                None => return Err(ProgramError::SignupBonusOverflow),
                Some(0) => return Err(ProgramError::SignupBonusZero),
                Some(_) => {}
            }
            if bonus.hold_epochs > 0 && bonus.minimum_stake == 0 {
                return Err(ProgramError::SignupHoldWithoutMinimum);
            }
            if bonus.hold_epochs > MAX_HOLD_EPOCHS {
                return Err(ProgramError::SignupHoldTooLong);
            }
        }
        Ok(())
    }

    /// The tiers in the order `benefits` reads them: benefit tiers by volume, then
    /// epochs; staking tiers by minimum.
    pub fn sort_tiers(&mut self) {
        sort_short(&mut self.benefit_tiers, |t| (t.minimum_running_volume, t.minimum_epochs));
        sort_short(&mut self.staking_tiers, |t| t.minimum_staked);
    }

    /// The benefits of a referral set under this program (tiers sorted):
    /// - reward factor: from the highest tier whose volume `running_volume` meets;
    /// - discount factor: from the highest tier whose volume and epochs
    ///   (`referee_epochs`) are both met;
    /// - multiplier: from the highest staking tier `referrer_staked` meets, 1 when none;
    /// - effective reward: min(reward factor x multiplier, `max_reward_proportion`),
    ///   rounded down.
    pub fn benefits(
        &self,
        running_volume: u128,
        referee_epochs: u32,
        referrer_staked: u128,
        max_reward_proportion: u64,
    ) -> Benefits {
        let met = self.benefit_tiers.iter().filter(|t| t.minimum_running_volume <= running_volume);
        let reward_factor = met.clone().last().map_or(0, |t| t.reward_factor);
        let discount_factor = met.filter(|t| t.minimum_epochs <= referee_epochs).last().map_or(0, |t| t.discount_factor);
        let multiplier =
            self.staking_tiers.iter().filter(|t| t.minimum_staked <= referrer_staked).last().map_or(ONE, |t| t.reward_multiplier);
        let product = mul_div_floor(u128::from(reward_factor), u128::from(multiplier), u128::from(ONE));
        let effective_reward = product.and_then(|p| u64::try_from(p).ok()).unwrap_or(u64::MAX).min(max_reward_proportion);
        Benefits { reward_factor, discount_factor, multiplier, effective_reward }
    }
}

/// A referral set's benefits under the program in force (9 decimals each).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Benefits {
    pub reward_factor: u64,
    pub discount_factor: u64,
    pub multiplier: u64,
    /// What the referrer earns of the referee's fees: min(reward factor x multiplier,
    /// the network's max reward proportion).
    pub effective_reward: u64,
}

/// Sorts a list of at most the network's tier limit in place by `key`, stably (an
/// insertion sort). Why not `sort_by_key`: core's stable sort brought about 7 KiB of
/// code into governance for lists of ten, and every call loads all of a contract's code.
pub fn sort_short<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while let Some(before) = j.checked_sub(1) {
            if key(&items[before]) <= key(&items[j]) {
                break;
            }
            items.swap(before, j);
            j = before;
        }
    }
}

#[cfg(test)]
mod tests;
