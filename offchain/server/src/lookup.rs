//! What a path segment names: an account (SS58 with any one-byte network prefix, or 0x
//! and 64 hex digits) or a referral code (the staking contract's own rule for codes).
//! The two never overlap: a code has at most 32 characters, an address at least 47.
use referral_client::address::parse_address;
use referral_client::AccountId;
use referral_staking::code::{normalize, MAX_CODE_LEN, MIN_CODE_LEN};

/// A partner as the API is asked for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnerKey {
    Account(AccountId),
    /// In its normal form (lower case).
    Code(String),
}

/// Why a segment names nothing: the field's name and what it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadField {
    pub field: &'static str,
    pub message: String,
}

pub fn account(field: &'static str, text: &str) -> Result<AccountId, BadField> {
    parse_address(text)
        .ok_or_else(|| BadField { field, message: format!("not an address: {text:?} (SS58, or 0x and 64 hex digits)") })
}

pub fn partner(field: &'static str, text: &str) -> Result<PartnerKey, BadField> {
    if let Some(who) = parse_address(text) {
        return Ok(PartnerKey::Account(who));
    }
    normalize(text).map(PartnerKey::Code).map_err(|_| BadField {
        field,
        message: format!(
            "neither an address (SS58, or 0x and 64 hex digits) nor a referral code ({MIN_CODE_LEN} to {MAX_CODE_LEN} letters, digits, - or _): {text:?}"
        ),
    })
}

pub fn period(field: &'static str, text: &str) -> Result<u32, BadField> {
    text.parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| BadField { field, message: format!("not a period number: {text:?} (1, 2, ...)") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use referral_client::address::{hex, ss58};

    #[test]
    fn addresses_in_ss58_and_hex_name_the_same_account_and_codes_are_normalized() {
        let who = AccountId::from([7u8; 32]);
        assert_eq!(account("address", &ss58(&who)), Ok(who));
        assert_eq!(account("address", &hex(&[7u8; 32])), Ok(who));
        assert_eq!(partner("partner", &ss58(&who)), Ok(PartnerKey::Account(who)));
        assert_eq!(partner("partner", "Bob-2024"), Ok(PartnerKey::Code("bob-2024".into())));
    }

    #[test]
    fn malformed_segments_name_their_field() {
        let who = ss58(&AccountId::from([7u8; 32]));
        let last = if who.ends_with('x') { 'y' } else { 'x' };
        let broken = format!("{}{last}", &who[..who.len() - 1]);
        for bad in [broken.as_str(), "0x1234", "", "5Grw"] {
            assert_eq!(account("address", bad).unwrap_err().field, "address", "{bad:?}");
        }
        let long = "c".repeat(33);
        for bad in ["a b", "x", "0x12:34", long.as_str()] {
            let e = partner("partner", bad).unwrap_err();
            assert_eq!(e.field, "partner");
            assert!(e.message.contains("referral code"), "{}", e.message);
        }
        assert_eq!(period("period", "3"), Ok(3));
        for bad in ["0", "-1", "x", "4294967296"] {
            assert_eq!(period("period", bad).unwrap_err().field, "period", "{bad:?}");
        }
    }
}
