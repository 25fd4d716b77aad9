//! The vault's storage, one type for the two codes that run on it: the vault's whole
//! code (`partner_vault`) and its entry (`partner_vault_entry`), which runs the claims
//! and the sign-up bonus credit itself and hands every other call to the whole code by
//! delegate call. Both contracts' storage is this struct, and every map and `Lazy` in
//! it has a fixed key (`storage_keys`), so the two codes read and write the same cells.
//!
//! The rules that need the roles and the payout addresses live here, chain-free like
//! the `Book`'s; `crate::run` adds what needs the chain (caller, time, transfers,
//! events, the governance contract).
use crate::book::Book;
use crate::errors::{Error, Result};
use crate::events::Claimed;
use crate::storage_keys;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::ManualKey;
use ink::storage::{Lazy, Mapping};
use referral_common::admin::Admin;
use referral_common::bonus::BonusCache;

/// The longest challenge window the constructor accepts: 90 days (ms).
pub const MAX_CHALLENGE_WINDOW: u64 = 90 * 86_400_000;

/// Roles and parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VaultConfig {
    /// Governance: revokes periods, names distributors, pauses deposits.
    pub admin: Admin,
    /// How long a sealed period stays pending (ms), fixed at instantiation.
    pub challenge_window: u64,
    /// Deposits (open, add, seal) and bonus credits are paused; claims never are.
    pub paused: bool,
    /// The staking contract whose new bindings earn the sign-up bonus.
    pub staking: Option<AccountId>,
    /// The governance contract whose program in force sets the bonus.
    pub governance: Option<AccountId>,
}

#[ink::storage_item]
#[derive(Debug)]
pub struct VaultState {
    pub config: VaultConfig,
    pub distributors: Mapping<AccountId, (), ManualKey<{ storage_keys::DISTRIBUTORS }>>,
    pub payouts: Mapping<AccountId, AccountId, ManualKey<{ storage_keys::PAYOUTS }>>,
    pub book: Book,
    /// The sign-up bonus governance answered last and until when it stands: a binding
    /// asks governance at most once an epoch.
    pub bonus_cache: BonusCache,
    /// Behind the entry (`partner_vault_entry`): the hash of the vault's whole code,
    /// which runs the cold messages; none when the whole code is deployed alone.
    pub logic: Lazy<Hash, ManualKey<{ storage_keys::LOGIC }>>,
}

impl VaultState {
    /// A vault administered by `admin`, with no distributor and no links.
    ///
    /// # Errors
    /// `InvalidConfig` if `challenge_window` exceeds `MAX_CHALLENGE_WINDOW`.
    pub fn new(admin: AccountId, challenge_window: u64) -> Result<Self> {
        if challenge_window > MAX_CHALLENGE_WINDOW {
            return Err(Error::InvalidConfig);
        }
        Ok(Self {
            config: VaultConfig { admin: Admin::new(admin), challenge_window, paused: false, staking: None, governance: None },
            distributors: Mapping::new(),
            payouts: Mapping::new(),
            book: Book::default(),
            bonus_cache: BonusCache::default(),
            logic: Lazy::new(),
        })
    }

    pub fn ensure_admin(&self, caller: AccountId) -> Result<()> {
        Ok(self.config.admin.ensure(caller)?)
    }

    /// `caller`, if it may deposit now.
    pub fn ensure_depositing(&self, caller: AccountId) -> Result<AccountId> {
        if !self.distributors.contains(caller) {
            return Err(Error::Unauthorized);
        }
        if self.config.paused {
            return Err(Error::Paused);
        }
        Ok(caller)
    }

    /// Where `account`'s claims are paid.
    pub fn payout_address_of(&self, account: AccountId) -> AccountId {
        self.payouts.get(account).unwrap_or(account)
    }

    /// Takes `account`'s whole claimable balance for its payout address (the caller
    /// pays it out).
    pub fn claim(&mut self, account: AccountId, triggered_by: AccountId, now: u64) -> Result<Claimed> {
        let paid_to = self.payout_address_of(account);
        self.book.claim(account, triggered_by, paid_to, now)
    }
}
