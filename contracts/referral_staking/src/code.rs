//! Referral codes: validation and the normal form they are stored and compared in.
use crate::errors::{Error, Result};
use ink::prelude::string::String;

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
