//! Where the map that a month's accounting reads lives in the contract's storage: a
//! fixed key (see `referral_staking::storage_keys` for why). A `Mapping` keeps the value
//! for `k` under the SCALE encoding of `(KEY, k)`.
use ink::primitives::{Key, KeyComposer};

/// `Mapping<AccountId, Association>`: the tokens each account associated.
pub const ASSOCIATIONS: Key = KeyComposer::from_str("program_governance.associations");
