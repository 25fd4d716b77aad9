//! Fuzz targets: the decimal parser against an exact model, and the Vega JSON reader
//! on arbitrary text and on the template with any field replaced by any JSON value.
//! Every input is read or refused with a named `FileError`; none panics.
use super::*;
use proptest::prelude::*;
use referral_common::testing::fuzz_cases;

const TEMPLATE: &str = include_str!("../tests/data/vega_template.json");

/// What `parse_decimal` promises: digits, optionally a point and 1 to 9 digits, read
/// into 9-decimal fixed point if that fits `u64`.
fn decimal_model(text: &str) -> Option<u64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) if !f.is_empty() => (w, f),
        Some(_) => return None,
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    // u64::MAX is 20 digits: a longer whole part (leading zeros aside) cannot fit.
    let significant = whole.trim_start_matches('0');
    if significant.len() > 20 {
        return None;
    }
    let whole: u128 = if significant.is_empty() { 0 } else { significant.parse().ok()? };
    let mut scaled: u128 = 0;
    for position in 0..9 {
        let digit = fraction.as_bytes().get(position).map_or(0, |b| u128::from(b - b'0'));
        scaled = scaled * 10 + digit;
    }
    u64::try_from(whole * 1_000_000_000 + scaled).ok()
}

/// Text that looks like a number, or nearly: signs, exponents, several points, spaces.
fn number_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,25}(\\.[0-9]{0,12})?",
        "[-+ ]?[0-9]{1,4}(\\.[0-9]{1,4})?([eE][-+]?[0-9]{1,3})?",
        "[0-9.]{0,12}",
        "\\PC{0,20}",
    ]
}

/// Any JSON value, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        number_like().prop_map(Value::String),
        Just(Value::String(u128::MAX.to_string())),
        Just(Value::String("340282366920938463463374607431768211456".into())),
        "\\PC{0,300}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z_]{1,12}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every value's path in `root` (objects' fields and arrays' items).
fn paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Object(fields) => {
            for (name, item) in fields {
                at.push(name.clone());
                paths(item, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(index.to_string());
                paths(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |value, step| match value {
        Value::Object(fields) => fields.get_mut(step),
        Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// A file read or refused: a refusal is one of the named errors, and a file that is
/// read passes the rules `read` checks.
fn read_or_refuse(json: &str) -> Result<(), TestCaseError> {
    let limits = ProgramLimits::default();
    match read(json, &limits) {
        Ok(call) => prop_assert_eq!(call.check(&limits), Ok(())),
        Err(error) => prop_assert!(!error.to_string().is_empty()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// Fuzz: the decimal parser agrees with the model on number-like and arbitrary text.
    #[test]
    fn fuzz_decimals_parse_exactly_or_are_refused(text in number_like()) {
        prop_assert_eq!(parse_decimal(&text), decimal_model(&text));
    }

    /// Fuzz: every fixed-point value prints and reads back to itself.
    #[test]
    fn fuzz_every_fixed_point_value_reads_back(value in any::<u64>()) {
        let text = format!("{}.{:09}", value / 1_000_000_000, value % 1_000_000_000);
        prop_assert_eq!(parse_decimal(&text), Some(value));
    }

    /// Fuzz: arbitrary text is refused with a named error, never a panic.
    #[test]
    fn fuzz_arbitrary_text_is_refused_by_name(json in "\\PC{0,200}|[\\[\\]{}\":,0-9a-z ]{0,200}") {
        read_or_refuse(&json)?;
    }

    /// Fuzz: the template with one value (any field, tier or the whole tree) replaced by
    /// any JSON value, or removed, is read or refused by name.
    #[test]
    fn fuzz_the_template_with_any_value_replaced_is_read_or_refused(
        pick in any::<prop::sample::Index>(),
        replacement in json_value(),
        remove in any::<bool>(),
    ) {
        let mut root: Value = serde_json::from_str(TEMPLATE).unwrap();
        let mut all = Vec::new();
        paths(&root, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        if remove && !path.is_empty() {
            let (last, parent) = path.split_last().unwrap();
            match at_path(&mut root, parent) {
                Some(Value::Object(fields)) => { fields.remove(last); }
                Some(Value::Array(items)) => { items.remove(last.parse::<usize>().unwrap()); }
                _ => {}
            }
        } else if let Some(value) = at_path(&mut root, &path) {
            *value = replacement;
        }
        read_or_refuse(&root.to_string())?;
    }
}

#[test]
fn numbers_at_their_edges() {
    assert_eq!(parse_decimal("18446744073.709551615"), Some(u64::MAX));
    assert_eq!(parse_decimal("18446744073.709551616"), None);
    assert_eq!(parse_decimal("000000000000000000000000000001"), Some(1_000_000_000));
    for edge in ["-0", "+1", "1e3", "1.", ".5", "1..2", " 1", "0x10", "1.0000000001", "١"] {
        assert_eq!(parse_decimal(edge), None, "{edge}");
    }
    // Timestamps: u64::MAX seconds cannot be milliseconds; the largest that can, can.
    let template: Value = serde_json::from_str(TEMPLATE).unwrap();
    let mut file = template.clone();
    file["proposalSubmission"]["terms"]["closingTimestamp"] = Value::from(u64::MAX);
    assert!(matches!(parse(&file.to_string()), Err(FileError::InvalidInteger { .. })));
    file["proposalSubmission"]["terms"]["closingTimestamp"] = Value::from(u64::MAX / 1000);
    assert_eq!(parse(&file.to_string()).map(|c| c.closing), Ok(u64::MAX / 1000 * 1000));
}
