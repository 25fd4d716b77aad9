//! The staking contract's storage, one type for the two codes that run on it: the
//! contract's whole code (`referral_staking`) and its entry (`referral_staking_entry`),
//! which runs the stakes, the unstake and the liquid token's transfers and approvals
//! itself and hands every other call to the whole code by delegate call. Both
//! contracts' storage is this struct, and every map and `Lazy` in it has a fixed key
//! (`storage_keys`), so the two codes read and write the same cells.
//!
//! The root (what every call reads) is the configuration and a few totals; everything
//! per account, partner, code or epoch is a map entry read only by the calls that touch
//! it.
use crate::code::CodeBook;
use crate::errors::{Error, Result};
use crate::ledger::Ledger;
use crate::pool::Pool;
use crate::series::{seconds, Clock, Epochs};
use crate::storage_keys;
use ink::prelude::string::String;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::ManualKey;
use ink::storage::Lazy;
use referral_common::admin::Admin;
use referral_common::math::ONE;

/// Roles and parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Config {
    pub admin: Admin,
    pub oracle: AccountId,
    pub treasury: AccountId,
    /// Share of reported rewards set aside as protocol fee (9 decimals).
    pub fee_rate: u64,
    /// The highest `fee_rate` the admin may set (9 decimals), fixed at instantiation.
    pub max_fee_rate: u64,
    /// Block time of epoch 0's start, in milliseconds (whole seconds).
    pub genesis: u64,
    /// Epoch length in milliseconds (whole seconds).
    pub epoch_length: u64,
    /// Staking (not unstaking) is paused.
    pub paused: bool,
    /// The vault asked to credit the sign-up bonus of each new binding.
    pub vault: Option<AccountId>,
}

/// The liquid token's PSP22 metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TokenMetadata {
    pub name: Option<String>,
    pub symbol: Option<String>,
    pub decimals: u8,
}

/// The constructor's arguments but the caller and the block time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub fee_rate: u64,
    pub max_fee_rate: u64,
    pub epoch_length: u64,
    pub oracle: AccountId,
    pub treasury: AccountId,
    pub metadata: TokenMetadata,
}

#[ink::storage_item]
#[derive(Debug)]
pub struct StakingState {
    pub config: Config,
    pub pool: Pool,
    pub ledger: Ledger,
    pub codes: CodeBook,
    pub metadata: Lazy<TokenMetadata, ManualKey<{ storage_keys::METADATA }>>,
    /// Behind the entry (`referral_staking_entry`): the hash of the contract's whole
    /// code, which runs the cold messages; none when the whole code is deployed alone.
    pub logic: Lazy<Hash, ManualKey<{ storage_keys::LOGIC }>>,
}

impl StakingState {
    /// A pool administered by `admin`, whose epoch 0 starts at `now` (ms) rounded down
    /// to the second.
    ///
    /// # Errors
    /// `InvalidConfig` if a rate is above 1.0, `fee_rate` above `max_fee_rate`, or the
    /// epoch length zero or not whole seconds.
    pub fn new(admin: AccountId, now: u64, params: Params) -> Result<Self> {
        let Params { fee_rate, max_fee_rate, epoch_length, oracle, treasury, metadata: token } = params;
        if max_fee_rate > ONE || fee_rate > max_fee_rate || epoch_length == 0 || epoch_length % 1000 != 0 {
            return Err(Error::InvalidConfig);
        }
        let mut metadata = Lazy::new();
        metadata.set(&token);
        Ok(Self {
            config: Config {
                admin: Admin::new(admin),
                oracle,
                treasury,
                fee_rate,
                max_fee_rate,
                genesis: now.saturating_sub(now % 1000),
                epoch_length,
                paused: false,
                vault: None,
            },
            pool: Pool::default(),
            ledger: Ledger::default(),
            codes: CodeBook::default(),
            metadata,
            logic: Lazy::new(),
        })
    }

    pub fn ensure_admin(&self, caller: AccountId) -> Result<()> {
        Ok(self.config.admin.ensure(caller)?)
    }

    /// The epoch `timestamp` (milliseconds) falls in; 0 before genesis.
    pub fn epoch_at(&self, timestamp: u64) -> u32 {
        let elapsed = timestamp.saturating_sub(self.config.genesis);
        let epoch = elapsed.checked_div(self.config.epoch_length).unwrap_or_default();
        u32::try_from(epoch).unwrap_or(u32::MAX)
    }

    /// The second of `timestamp` (ms) and the contract's epochs.
    pub fn clock(&self, timestamp: u64) -> Clock {
        Clock { now: seconds(timestamp), epochs: Epochs::from_ms(self.config.genesis, self.config.epoch_length) }
    }

    /// Refused when staking is paused or `amount` is zero.
    pub fn ensure_can_stake(&self, amount: u128) -> Result<()> {
        if self.config.paused {
            return Err(Error::Paused);
        }
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        Ok(())
    }

    /// The shares a stake of `amount` mints now; refused when that is none.
    pub fn shares_to_mint(&self, amount: u128) -> Result<u128> {
        match self.pool.shares_for(amount, self.ledger.total_supply())? {
            0 => Err(Error::StakeTooSmall),
            shares => Ok(shares),
        }
    }
}
