//! Where the per-account maps that a month's accounting reads live in the contract's
//! storage. Their keys are fixed here, not derived from field names and nesting, so that
//! an off-chain reader fetches the values directly (`referral_client::storage`: a storage
//! read each, no contract code run) and a reorganisation of the storage structs cannot
//! move them unnoticed. Each `Mapping` keeps the value for `k` under the SCALE encoding
//! of `(KEY, k)`.
use ink::primitives::{Key, KeyComposer};

/// `Mapping<AccountId, Holder>`: every account that ever held shares.
pub const HOLDERS: Key = KeyComposer::from_str("referral_staking.holders");
/// `Mapping<(AccountId, u32), EpochTotal>`: a bound account's share-seconds in each
/// closed epoch in which its balance changed.
pub const ACCOUNT_EPOCHS: Key = KeyComposer::from_str("referral_staking.account_epochs");
/// `Mapping<(AccountId, u32), Balance>`: native tokens staked per (partner, epoch).
pub const PARTNER_VOLUME: Key = KeyComposer::from_str("referral_staking.partner_volume");
