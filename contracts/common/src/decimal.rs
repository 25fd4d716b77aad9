//! Decimal text and fixed-point integers: the one parser and the one formatter of the
//! off-chain side (amounts with the token's 12 decimals, factors with 9). Contracts never
//! read text; this lives here because every off-chain crate shares this crate.
use ink::prelude::string::String;

/// "1.5" with `decimals` = 9 -> 1_500_000_000: a non-negative decimal with at most
/// `decimals` places, read exactly. `None` for anything else: a sign, an exponent, a
/// point without digits on both sides, more places, a value above `u128`.
pub fn parse_fixed(text: &str, decimals: u32) -> Option<u128> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let has_point = text.contains('.');
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (has_point && fraction.is_empty()) {
        return None;
    }
    let places = u32::try_from(fraction.len()).ok().filter(|p| *p <= decimals)?;
    let scale = 10u128.checked_pow(decimals)?;
    let whole: u128 = whole.parse().ok()?;
    let fraction: u128 = if fraction.is_empty() { 0 } else { fraction.parse().ok()? };
    let fraction = fraction.checked_mul(10u128.checked_pow(decimals.checked_sub(places)?)?)?;
    whole.checked_mul(scale)?.checked_add(fraction)
}

/// `value` of fixed point with `decimals` places as text with `shown` places (at most
/// `decimals`), rounded down: `format_fixed(1_500_000, 6, 2)` is "1.50".
pub fn format_fixed(value: u128, decimals: u32, shown: u32) -> String {
    let shown = shown.min(decimals);
    // 10^39 is past u128: with more places than that the whole part is zero.
    let scale = 10u128.checked_pow(decimals);
    let whole = scale.and_then(|s| value.checked_div(s)).unwrap_or(0);
    let fraction = scale.and_then(|s| value.checked_rem(s)).unwrap_or(value);
    if shown == 0 {
        return ink::prelude::format!("{whole}");
    }
    let cut = decimals.saturating_sub(shown);
    let fraction = 10u128.checked_pow(cut).and_then(|c| fraction.checked_div(c)).unwrap_or(0);
    ink::prelude::format!("{whole}.{fraction:0width$}", width = shown as usize)
}

/// `format_fixed` with every place shown and trailing zeros (and a bare point) cut:
/// `format_trimmed(4_800_000_000, 9)` is "4.8".
pub fn format_trimmed(value: u128, decimals: u32) -> String {
    let text = format_fixed(value, decimals, decimals);
    match text.contains('.') {
        true => String::from(text.trim_end_matches('0').trim_end_matches('.')),
        false => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_exactly_or_not_at_all() {
        assert_eq!(parse_fixed("1.5", 9), Some(1_500_000_000));
        assert_eq!(parse_fixed("0.000000001", 9), Some(1));
        assert_eq!(parse_fixed("100", 12), Some(100_000_000_000_000));
        assert_eq!(parse_fixed("0", 0), Some(0));
        assert_eq!(parse_fixed("340282366920938463463374607431768211455", 0), Some(u128::MAX));
        for bad in [
            "",
            ".",
            ".5",
            "5.",
            "1.0000000001",
            "-1",
            "+1",
            "1e3",
            "1,5",
            "1.2.3",
            " 1",
            "340282366920938463463374607431768211456",
        ] {
            assert_eq!(parse_fixed(bad, 9), None, "{bad:?}");
        }
        assert_eq!(parse_fixed("340282366920938463463374607431768211455", 1), None, "overflow when scaled");
    }

    #[test]
    fn fixed_point_prints_rounded_down() {
        assert_eq!(format_fixed(1_234_567_890_123, 12, 6), "1.234567");
        assert_eq!(format_fixed(999_999, 12, 6), "0.000000");
        assert_eq!(format_fixed(5, 0, 3), "5");
        assert_eq!(format_fixed(u128::MAX, 12, 12), "340282366920938463463374607.431768211455");
        assert_eq!(format_trimmed(4_800_000_000, 9), "4.8");
        assert_eq!(format_trimmed(6_000_000_000, 9), "6");
        assert_eq!(format_trimmed(60_000_000, 7), "6");
        for text in ["0.5", "12.000000001", "7"] {
            assert_eq!(format_trimmed(parse_fixed(text, 9).unwrap(), 9), text);
        }
    }
}
