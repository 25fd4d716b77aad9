//! Parsing of the command line's values: accounts, amounts, durations, epoch ranges.
use drink::{AccountId32, Ss58Codec};
use referral_e2e_tests::{Chain, UNIT};

/// An account: a named one (alice, bob, eve, charlie, dex-buyer, admin, oracle, treasury,
/// distributor), a referral code's owner (`code:NAME`, or a bare code the index knows),
/// an SS58 address or 32 bytes of 0x-hex.
pub fn account(chain: &Chain, text: &str) -> Result<AccountId32, String> {
    if let Some((_, who)) = chain.who.all().into_iter().find(|(name, _)| *name == text) {
        return Ok(who.clone());
    }
    let code = text.strip_prefix("code:").unwrap_or(text);
    if let Some(owner) = chain.index.owner_of(code) {
        return Ok(owner);
    }
    if let Ok(who) = AccountId32::from_ss58check(text) {
        return Ok(who);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect();
        if let Some(bytes) = bytes.filter(|b| b.len() == 32) {
            let mut raw = [0u8; 32];
            raw.copy_from_slice(&bytes);
            return Ok(AccountId32::new(raw));
        }
    }
    Err(format!("not an account: {text} (a name, a code, an SS58 address or 0x + 64 hex digits)"))
}

/// An amount in units with up to 12 decimals ("100", "0.5") into the 12-decimal integer.
pub fn units(text: &str) -> Result<u128, String> {
    let bad = || format!("not an amount: {text} (units, up to 12 decimals)");
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 12 || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let fraction: u128 = if fraction.is_empty() { 0 } else { format!("{fraction:0<12}").parse().map_err(|_| bad())? };
    whole.checked_mul(UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// A duration: a number with a unit, `ms`, `s`, `m`, `h` or `d` ("7d", "90m"), into ms.
pub fn duration(text: &str) -> Result<u64, String> {
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let scale = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("not a duration: {text} (e.g. 90m, 7d)")),
    };
    number.parse::<u64>().ok().and_then(|n| n.checked_mul(scale)).ok_or(format!("not a duration: {text}"))
}

/// An inclusive epoch range `FIRST..LAST` (or one epoch).
pub fn epochs(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("not an epoch range: {text} (e.g. 1..30)");
    let (first, last) = text.split_once("..").unwrap_or((text, text));
    let last = last.strip_prefix('=').unwrap_or(last);
    let (first, last): (u32, u32) = (first.parse().map_err(|_| bad())?, last.parse().map_err(|_| bad())?);
    if first > last {
        return Err(bad());
    }
    Ok((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_exactly_or_are_refused() {
        assert_eq!(units("100"), Ok(100 * UNIT));
        assert_eq!(units("0.5"), Ok(UNIT / 2));
        assert_eq!(units(".000000000001"), Ok(1));
        for bad in ["", ".", "1.0000000000001", "-1", "1e3", "1,5", "340282366920938463463374607431768211455"] {
            assert!(units(bad).is_err(), "{bad}");
        }
        assert_eq!(duration("7d"), Ok(7 * 86_400_000));
        assert_eq!(duration("90m"), Ok(5_400_000));
        assert_eq!(duration("250ms"), Ok(250));
        for bad in ["7", "d", "7w", "-1d", "99999999999999999999d"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
        assert_eq!(epochs("1..30"), Ok((1, 30)));
        assert_eq!(epochs("1..=30"), Ok((1, 30)));
        assert_eq!(epochs("4"), Ok((4, 4)));
        assert!(epochs("5..4").is_err());
    }
}
