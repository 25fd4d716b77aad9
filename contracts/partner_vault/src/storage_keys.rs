//! Where the vault's maps live in its storage: fixed keys, not derived from field names
//! and nesting (see `referral_staking::storage_keys`). They are what lets two codes run
//! on one storage: the vault's entry (`partner_vault_entry`: the claims) and the vault's
//! whole code, to which the entry hands every other call by delegate call, must find
//! each map under the same key whatever their storage structs are called. A `Mapping`
//! keeps the value for `k` under the SCALE encoding of `(KEY, k)`.
use ink::primitives::{Key, KeyComposer};

/// `Mapping<AccountId, ()>`: the accounts allowed to deposit.
pub const DISTRIBUTORS: Key = KeyComposer::from_str("partner_vault.distributors");
/// `Mapping<AccountId, AccountId>`: payout addresses other than the account itself.
pub const PAYOUTS: Key = KeyComposer::from_str("partner_vault.payouts");
/// `Mapping<u32, Period>`: every period opened.
pub const PERIODS: Key = KeyComposer::from_str("partner_vault.periods");
/// `Mapping<AccountId, AccountLedger>`: each account's unsettled entries and totals.
pub const ACCOUNTS: Key = KeyComposer::from_str("partner_vault.accounts");
/// `Mapping<(AccountId, u32), ClaimRecord>`: each account's claim history.
pub const CLAIMS: Key = KeyComposer::from_str("partner_vault.claims");
/// `Mapping<AccountId, ()>`: referees whose binding was credited a sign-up bonus.
pub const BONUS_REFEREES: Key = KeyComposer::from_str("partner_vault.bonus_referees");
/// `Lazy<Hash>`: behind the entry, the code hash of the vault's whole code.
pub const LOGIC: Key = KeyComposer::from_str("partner_vault.logic");
