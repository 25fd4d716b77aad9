//! Where every map of the contract lives in its storage. The keys are fixed here, not
//! derived from field names and nesting, for two reasons: an off-chain reader fetches
//! the values a month's accounting needs directly (`referral_client::storage`: a storage
//! read each, no contract code run), and the contract's two codes (its entry,
//! `referral_staking_entry`, and its whole code, to which the entry hands the cold
//! messages by delegate call) must find each map under the same key whatever their
//! storage structs are called. A reorganisation of the storage structs cannot move them
//! unnoticed. Each `Mapping` keeps the value for `k` under the SCALE encoding of
//! `(KEY, k)`.
use ink::primitives::{Key, KeyComposer};

/// `Mapping<AccountId, Holder>`: every account that ever held shares.
pub const HOLDERS: Key = KeyComposer::from_str("referral_staking.holders");
/// `Mapping<(AccountId, u32), EpochTotal>`: a bound account's share-seconds in each
/// closed epoch in which its balance changed.
pub const ACCOUNT_EPOCHS: Key = KeyComposer::from_str("referral_staking.account_epochs");
/// `Mapping<(AccountId, u32), Balance>`: native tokens staked per (partner, epoch), for
/// every epoch before the one the partner's stats hold (`PartnerStats::volume`).
pub const PARTNER_VOLUME: Key = KeyComposer::from_str("referral_staking.partner_volume");
/// `Mapping<(AccountId, AccountId), Balance>`: PSP22 allowances (owner, spender).
pub const ALLOWANCES: Key = KeyComposer::from_str("referral_staking.allowances");
/// `Mapping<AccountId, PartnerStats>`: per partner.
pub const PARTNERS: Key = KeyComposer::from_str("referral_staking.partners");
/// `Mapping<(AccountId, u32), EpochTotal>`: a partner's share-seconds per closed epoch.
pub const PARTNER_EPOCHS: Key = KeyComposer::from_str("referral_staking.partner_epochs");
/// `Mapping<u32, EpochTotal>`: the total supply's share-seconds per closed epoch.
pub const TOTAL_EPOCHS: Key = KeyComposer::from_str("referral_staking.total_epochs");
/// `Mapping<u32, EpochRewards>`: rewards and fees reported per epoch.
pub const EPOCH_REWARDS: Key = KeyComposer::from_str("referral_staking.epoch_rewards");
/// `Mapping<String, CodeInfo>`: the registered codes, by normal form.
pub const CODES: Key = KeyComposer::from_str("referral_staking.codes");
/// `Lazy<TokenMetadata>`: the liquid token's name, symbol and decimals.
pub const METADATA: Key = KeyComposer::from_str("referral_staking.metadata");
/// `Lazy<Hash>`: behind the entry, the code hash of the contract's whole code.
pub const LOGIC: Key = KeyComposer::from_str("referral_staking.logic");
