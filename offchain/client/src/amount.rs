//! Amounts and factors as people read and type them, through the suite's one decimal
//! parser and formatter (`referral_common::decimal`).
use crate::chain::Balance;
use crate::constants::{DECIMALS, SHOWN_DECIMALS};
use referral_common::decimal::{format_fixed, format_trimmed, parse_fixed};
use referral_common::math::ONE;

/// The places of a 9-decimal factor.
const FACTOR_DECIMALS: u32 = ONE.ilog10();

/// An amount of 12-decimal units with 6 decimals shown (rounded down).
pub fn units(amount: Balance) -> String {
    format_fixed(amount, DECIMALS, SHOWN_DECIMALS)
}

/// An amount with every decimal, as the JSON API gives it ("1.5", "0.000000000001").
pub fn units_exact(amount: Balance) -> String {
    format_trimmed(amount, DECIMALS)
}

/// "100", "0.5" (at most 12 decimals) into the 12-decimal integer.
pub fn parse_units(text: &str) -> Result<Balance, String> {
    parse_fixed(text, DECIMALS).ok_or_else(|| format!("not an amount: {text} (units, up to 12 decimals, e.g. 100 or 0.5)"))
}

/// A 9-decimal factor as a percentage ("6", "4.8").
pub fn factor_percent(factor: u64) -> String {
    format_trimmed(u128::from(factor), FACTOR_DECIMALS - 2)
}

/// A 9-decimal factor as a decimal ("0.8").
pub fn factor_decimal(factor: u64) -> String {
    format_trimmed(u128::from(factor), FACTOR_DECIMALS)
}

/// A block time (ms since 1970) as a UTC date and time.
pub fn date(ms: u64) -> String {
    let (days, rest) = (ms / 86_400_000, ms % 86_400_000);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02} {:02}:{:02} UTC", rest / 3_600_000, rest % 3_600_000 / 60_000)
}

/// A duration: a number with a unit, `ms`, `s`, `m`, `h` or `d` ("7d", "90m"), into ms.
pub fn parse_duration(text: &str) -> Result<u64, String> {
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

/// An inclusive epoch range `FIRST..LAST` or `FIRST..=LAST` (or one epoch).
pub fn parse_epochs(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("not an epoch range: {text} (e.g. 1..30)");
    let (first, last) = text.split_once("..").unwrap_or((text, text));
    let last = last.strip_prefix('=').unwrap_or(last);
    let (first, last): (u32, u32) = (first.parse().map_err(|_| bad())?, last.parse().map_err(|_| bad())?);
    if first > last {
        return Err(bad());
    }
    Ok((first, last))
}

/// An integer with its thousands separated by commas (`1,446,413,445`), as the reports
/// print weights.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::UNIT;

    #[test]
    fn thousands_are_grouped_by_three() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (1_446_413_445, "1,446,413,445"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn values_parse_exactly_or_are_refused() {
        assert_eq!(parse_units("100"), Ok(100 * UNIT));
        assert_eq!(parse_units("0.5"), Ok(UNIT / 2));
        assert_eq!(parse_units("0.000000000001"), Ok(1));
        for bad in ["", ".", ".5", "1.0000000000001", "-1", "1e3", "1,5", "340282366920938463463374607431768211455"] {
            assert!(parse_units(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_duration("7d"), Ok(7 * 86_400_000));
        assert_eq!(parse_duration("90m"), Ok(5_400_000));
        assert_eq!(parse_duration("250ms"), Ok(250));
        for bad in ["7", "d", "7w", "-1d", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_epochs("1..30"), Ok((1, 30)));
        assert_eq!(parse_epochs("1..=30"), Ok((1, 30)));
        assert_eq!(parse_epochs("4"), Ok((4, 4)));
        assert!(parse_epochs("5..4").is_err());
    }

    #[test]
    fn amounts_factors_and_dates_print_as_the_reports_show_them() {
        assert_eq!(units(1_234_567_890_123_456), "1234.567890");
        assert_eq!(units_exact(UNIT + 1), "1.000000000001");
        assert_eq!(factor_percent(60_000_000), "6");
        assert_eq!(factor_percent(48_000_000), "4.8");
        assert_eq!(factor_decimal(800_000_000), "0.8");
        assert_eq!(date(1_700_000_000_000), "2023-11-14 22:13 UTC");
    }
}
