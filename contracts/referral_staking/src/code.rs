//! Referral codes: the normal form they are stored and compared in, and the book of
//! registered codes with its rules (who may register, hand over, reassign, deactivate,
//! and which code may bind a staker). The book's methods take the caller, check
//! everything before they write, and return the event to emit.
use crate::errors::{Error, Result};
use crate::events::{CodeActiveSet, CodeOwnerChanged, CodeRegistered};
use crate::storage_keys;
use ink::prelude::string::String;
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;

/// A referral code's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CodeInfo {
    pub owner: AccountId,
    pub active: bool,
}

/// The registered codes, by normal form.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct CodeBook {
    codes: Mapping<String, CodeInfo, ManualKey<{ storage_keys::CODES }>>,
}

impl CodeBook {
    /// The record of `code` in any case; `None` if it is malformed or not registered.
    pub fn get(&self, code: &str) -> Option<CodeInfo> {
        normalize(code).ok().and_then(|c| self.codes.get(&c))
    }

    /// Registers `code` for `owner` (the caller has checked it is the admin).
    pub fn register(&mut self, code: &str, owner: AccountId) -> Result<CodeRegistered> {
        let code = normalize(code)?;
        if self.codes.contains(&code) {
            return Err(Error::CodeTaken);
        }
        self.codes.insert(&code, &CodeInfo { owner, active: true });
        Ok(CodeRegistered { code, owner })
    }

    /// The owner `caller` hands `code` to `new_owner`.
    pub fn transfer(&mut self, caller: AccountId, code: &str, new_owner: AccountId) -> Result<CodeOwnerChanged> {
        let (code, info) = self.record(code)?;
        if info.owner != caller {
            return Err(Error::Unauthorized);
        }
        self.set_owner(code, info, new_owner, false)
    }

    /// `code` goes to `new_owner` by the admin's decision (the caller has checked it).
    pub fn reassign(&mut self, code: &str, new_owner: AccountId) -> Result<CodeOwnerChanged> {
        let (code, info) = self.record(code)?;
        self.set_owner(code, info, new_owner, true)
    }

    /// `caller`, the code's owner or `admin`, activates or deactivates `code`.
    pub fn set_active(&mut self, caller: AccountId, admin: AccountId, code: &str, active: bool) -> Result<CodeActiveSet> {
        let (code, mut info) = self.record(code)?;
        if caller != info.owner && caller != admin {
            return Err(Error::Unauthorized);
        }
        info.active = active;
        self.codes.insert(&code, &info);
        Ok(CodeActiveSet { code, active })
    }

    /// The code `staker` stakes with, in normal form, and its owner: the partner a
    /// binding would go to. Refused when the code is malformed, unknown, inactive or the
    /// staker's own.
    pub fn partner_for(&self, code: &str, staker: AccountId) -> Result<(String, AccountId)> {
        let (code, info) = self.record(code)?;
        if !info.active {
            return Err(Error::InactiveCode);
        }
        if info.owner == staker {
            return Err(Error::SelfReferral);
        }
        Ok((code, info.owner))
    }

    fn record(&self, code: &str) -> Result<(String, CodeInfo)> {
        let code = normalize(code)?;
        let info = self.codes.get(&code).ok_or(Error::UnknownCode)?;
        Ok((code, info))
    }

    fn set_owner(&mut self, code: String, info: CodeInfo, new_owner: AccountId, by_admin: bool) -> Result<CodeOwnerChanged> {
        if info.owner == new_owner {
            return Err(Error::SameOwner);
        }
        self.codes.insert(&code, &CodeInfo { owner: new_owner, ..info });
        Ok(CodeOwnerChanged { code, from: info.owner, to: new_owner, by_admin })
    }
}

/// Shortest accepted code, in characters.
pub const MIN_CODE_LEN: usize = 3;
/// Longest accepted code, in characters.
pub const MAX_CODE_LEN: usize = 32;

/// The normal form of a referral code: ASCII lower case.
///
/// Accepts 3 to 32 ASCII letters, digits, `-` and `_`; anything else is `InvalidCode`.
/// Case is folded so that `Bob-2024` and `bob-2024` are one code with one owner.
pub fn normalize(code: &str) -> Result<String> {
    let len = code.len();
    if !(MIN_CODE_LEN..=MAX_CODE_LEN).contains(&len) {
        return Err(Error::InvalidCode);
    }
    if !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::InvalidCode);
    }
    Ok(code.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: [u8; 32] = [1; 32];
    const BOB: [u8; 32] = [2; 32];
    const EVE: [u8; 32] = [3; 32];

    fn id(bytes: [u8; 32]) -> AccountId {
        AccountId::from(bytes)
    }

    fn book() -> CodeBook {
        let mut book = CodeBook::default();
        book.register("Bob", id(BOB)).unwrap();
        book
    }

    #[ink::test]
    fn a_code_is_registered_once_in_any_case() {
        let mut book = book();
        assert_eq!(book.get("BOB"), Some(CodeInfo { owner: id(BOB), active: true }));
        assert_eq!(book.register("bOb", id(EVE)), Err(Error::CodeTaken));
        assert_eq!(book.register("b", id(EVE)), Err(Error::InvalidCode));
        assert_eq!(book.get("bob"), Some(CodeInfo { owner: id(BOB), active: true }));
        assert_eq!(book.get("nobody"), None);
        assert_eq!(book.get("?"), None);
    }

    #[ink::test]
    fn only_the_owner_hands_a_code_over_and_the_admin_reassigns_it() {
        let mut book = book();
        assert_eq!(book.transfer(id(EVE), "bob", id(EVE)), Err(Error::Unauthorized));
        assert_eq!(book.transfer(id(BOB), "bob", id(BOB)), Err(Error::SameOwner));
        assert_eq!(book.transfer(id(BOB), "carol", id(EVE)), Err(Error::UnknownCode));
        assert_eq!(book.get("bob").map(|i| i.owner), Some(id(BOB)), "refusals change nothing");
        let changed = book.transfer(id(BOB), "BOB", id(EVE)).unwrap();
        assert_eq!(changed, CodeOwnerChanged { code: "bob".into(), from: id(BOB), to: id(EVE), by_admin: false });
        let changed = book.reassign("bob", id(BOB)).unwrap();
        assert_eq!(changed, CodeOwnerChanged { code: "bob".into(), from: id(EVE), to: id(BOB), by_admin: true });
        assert_eq!(book.reassign("bob", id(BOB)), Err(Error::SameOwner));
    }

    #[ink::test]
    fn the_owner_or_the_admin_deactivates_and_then_the_code_binds_nobody() {
        let mut book = book();
        assert_eq!(book.partner_for("Bob", id(EVE)), Ok((String::from("bob"), id(BOB))));
        assert_eq!(book.set_active(id(EVE), id(ADMIN), "bob", false), Err(Error::Unauthorized));
        assert_eq!(book.partner_for("bob", id(EVE)), Ok((String::from("bob"), id(BOB))));
        assert_eq!(book.set_active(id(ADMIN), id(ADMIN), "bob", false), Ok(CodeActiveSet { code: "bob".into(), active: false }));
        assert_eq!(book.partner_for("bob", id(EVE)), Err(Error::InactiveCode));
        book.set_active(id(BOB), id(ADMIN), "bob", true).unwrap();
        assert_eq!(book.partner_for("bob", id(BOB)), Err(Error::SelfReferral));
        assert_eq!(book.partner_for("carol", id(EVE)), Err(Error::UnknownCode));
        assert_eq!(book.partner_for("a b", id(EVE)), Err(Error::InvalidCode));
    }

    #[test]
    fn codes_fold_case() {
        assert_eq!(normalize("Bob-2024_X"), Ok(String::from("bob-2024_x")));
        assert_eq!(normalize("abc"), Ok(String::from("abc")));
        assert_eq!(normalize(&"Z".repeat(32)), Ok("z".repeat(32)));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["", "ab", "a b", "abc!", "ümlaut", "tab\t", &"a".repeat(33), "дом-123"] {
            assert_eq!(normalize(bad), Err(Error::InvalidCode), "{bad:?}");
        }
    }

    /// What `normalize` promises, written out independently.
    fn model(code: &str) -> Result<String> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if code.len() < 3 || code.len() > 32 || !code.chars().all(allowed) {
            return Err(Error::InvalidCode);
        }
        Ok(code.chars().map(|c| c.to_ascii_lowercase()).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(referral_common::testing::fuzz_cases()))]

        /// Fuzz: any string (unicode, control characters, any length) is normalised as
        /// the model says or refused with `InvalidCode`; the normal form is a fixed point
        /// and ignores case.
        #[test]
        fn fuzz_any_string_normalises_or_is_invalid_code(code in "\\PC{0,40}|[A-Za-z0-9_\\-]{0,40}|.{0,40}") {
            let normal = normalize(&code);
            proptest::prop_assert_eq!(&normal, &model(&code));
            if let Ok(normal) = normal {
                proptest::prop_assert_eq!(normalize(&normal), Ok(normal.clone()));
                proptest::prop_assert_eq!(normalize(&code.to_ascii_uppercase()), Ok(normal));
            }
        }
    }
}
