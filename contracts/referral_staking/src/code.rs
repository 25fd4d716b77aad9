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
    if !code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
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
}
