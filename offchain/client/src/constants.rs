//! One constant per fact: the token's unit and the parameters the suite is deployed with
//! on the embedded sandbox (and by `deploy` on a node unless told otherwise).
use crate::chain::Balance;

/// Decimals of the native token and of the liquid and governance tokens.
pub const DECIMALS: u32 = 12;
/// One native unit (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// Decimals shown in reports.
pub const SHOWN_DECIMALS: u32 = 6;
/// 0.1 as a 9-decimal factor.
pub const TENTH: u64 = referral_common::math::ONE / 10;
/// An hour (ms): governance's shortest closing and enactment delay in the sandbox.
pub const HOUR_MS: u64 = 3_600_000;
/// One epoch: a day.
pub const DAY_MS: u64 = 24 * HOUR_MS;
/// The sandbox clock at deployment (ms, whole seconds).
pub const START_MS: u64 = 1_700_000_000_000;
/// The vault's challenge window: a week.
pub const WINDOW_MS: u64 = 7 * DAY_MS;
/// Governance's minimum proposer and voter balance, in governance tokens.
pub const MIN_GOVERNANCE_BALANCE: Balance = 100 * UNIT;
/// Governance tokens minted to the admin, who hands them out.
pub const TOKEN_SUPPLY: Balance = 1_000_000 * UNIT;
/// Native balance each named account starts with on the sandbox.
pub const ENDOWMENT: Balance = 1_000_000_000 * UNIT;
/// The protocol's fee on staking rewards, and the most it may be raised to.
pub const FEE_RATE: u64 = TENTH;
pub const MAX_FEE_RATE: u64 = 5 * TENTH;
/// Allocations per `add_allocations` call: ink!'s 16 KiB input buffer holds 341.
pub const MAX_CHUNK: usize = 341;
/// Allocations per `add_allocations` call unless told otherwise.
pub const DEFAULT_CHUNK: usize = 200;
