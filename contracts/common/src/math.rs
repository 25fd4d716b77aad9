//! Exact integer arithmetic for amounts and fixed-point factors.
//!
//! Every function rounds down, but `mul_div_ceil`. Where the result is a payout, rounding down keeps the
//! remainder in the contract that pays: rounding never creates money.

/// Fixed-point factors and multipliers carry 9 decimals: `ONE` is 1.0.
pub const ONE: u64 = 1_000_000_000;

/// `floor(a * b / denominator)`, exact for every `u128` input: the product is formed in
/// 256 bits. `None` when `denominator` is zero or the quotient does not fit `u128`.
///
/// In a contract every product takes the long division, even one that fits `u128`: a
/// `u128` division would link the compiler's 128-bit division and shift routines (1.5 KB
/// of wasm) into every contract that divides, and a call pays more for loading those
/// bytes than for the loop's instructions. Off chain, where the accountant divides
/// millions of times, a product that fits takes the machine's division (the same
/// quotient: a fuzz test compares the two).
pub fn mul_div_floor(a: u128, b: u128, denominator: u128) -> Option<u128> {
    if denominator == 0 {
        return None;
    }
    if !cfg!(target_arch = "wasm32") {
        if let Some(product) = a.checked_mul(b) {
            return product.checked_div(denominator);
        }
    }
    let (high, low) = widening_mul(a, b);
    div_wide(high, low, denominator)
}

/// `ceil(a * b / denominator)`, exact as `mul_div_floor`. `None` when `denominator` is
/// zero or the quotient does not fit `u128`. (The one function here that rounds up: for
/// a minimum the payer sets, rounding up is what favours the payer.)
pub fn mul_div_ceil(a: u128, b: u128, denominator: u128) -> Option<u128> {
    let floor = mul_div_floor(a, b, denominator)?;
    let (high, low) = widening_mul(floor, denominator);
    // Exact iff floor x denominator = a x b (compared in 256 bits, so it cannot overflow).
    if (high, low) == widening_mul(a, b) {
        Some(floor)
    } else {
        floor.checked_add(1)
    }
}

/// `floor(amount * factor / ONE)` for a 9-decimal fixed-point factor.
pub fn apply_factor(amount: u128, factor: u64) -> Option<u128> {
    mul_div_floor(amount, u128::from(factor), u128::from(ONE))
}

/// The 256-bit product of two `u128`, as (high, low) halves.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a.wrapping_shr(64), a & MASK);
    let (b_hi, b_lo) = (b.wrapping_shr(64), b & MASK);
    // Each partial product of two 64-bit halves fits u128; the sums below are arranged
    // so that no step can overflow (the carries are at most 2).
    let lo_lo = a_lo.wrapping_mul(b_lo);
    let hi_lo = a_hi.wrapping_mul(b_lo);
    let lo_hi = a_lo.wrapping_mul(b_hi);
    let hi_hi = a_hi.wrapping_mul(b_hi);
    let middle = lo_lo.wrapping_shr(64).wrapping_add(hi_lo & MASK).wrapping_add(lo_hi & MASK);
    let low = middle.wrapping_shl(64) | (lo_lo & MASK);
    let high =
        hi_hi.wrapping_add(hi_lo.wrapping_shr(64)).wrapping_add(lo_hi.wrapping_shr(64)).wrapping_add(middle.wrapping_shr(64));
    (high, low)
}

/// `floor((high * 2^128 + low) / d)` by binary long division; `None` if it overflows.
/// Shifts are by constants only (a shift by a variable amount links a runtime routine).
fn div_wide(high: u128, low: u128, d: u128) -> Option<u128> {
    if high >= d {
        return None;
    }
    // A numerator below 2^64 starts 64 bits in: its upper bits add nothing.
    let (mut bits, mut low) = match high == 0 && low.wrapping_shr(64) == 0 {
        true => (64u32, low.wrapping_shl(64)),
        false => (128u32, low),
    };
    let mut remainder = high;
    let mut quotient: u128 = 0;
    while bits > 0 {
        bits = bits.wrapping_sub(1);
        let carry = remainder.wrapping_shr(127);
        remainder = remainder.wrapping_shl(1) | low.wrapping_shr(127);
        low = low.wrapping_shl(1);
        quotient = quotient.wrapping_shl(1);
        // With the carried-out bit the true remainder is >= 2^128 > d.
        if carry == 1 || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1;
        }
    }
    Some(quotient)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    #[test]
    fn small_products_divide_exactly() {
        assert_eq!(mul_div_floor(10, 7, 3), Some(23));
        assert_eq!(mul_div_floor(0, u128::MAX, 1), Some(0));
        assert_eq!(mul_div_floor(5, 5, 0), None);
    }

    /// The long division (the contracts' path) starts 64 bits in for a numerator below
    /// 2^64: either side of it.
    #[test]
    fn long_division_either_side_of_64_bits_is_exact() {
        let max64 = u128::from(u64::MAX);
        assert_eq!(div_wide(0, max64, 1), Some(max64));
        assert_eq!(div_wide(0, max64, 7), Some(max64 / 7));
        assert_eq!(div_wide(0, max64 + 1, 3), Some((max64 + 1) / 3));
        assert_eq!(div_wide(0, 1 << 64, (1 << 32) + 1), Some((1u128 << 64) / ((1 << 32) + 1)));
        assert_eq!(div_wide(0, 0, 1), Some(0));
        assert_eq!(div_wide(1, 0, 2), Some(1 << 127));
    }

    #[test]
    fn wide_products_divide_exactly() {
        // (2^127) * 4 / 8 = 2^126, the product needing 130 bits.
        assert_eq!(mul_div_floor(1 << 127, 4, 8), Some(1 << 126));
        assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
        // (2^128 - 1)^2 / (2^128 - 2) = 2^128 rounded down, which does not fit.
        assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX - 1), None);
        // 10^24 * 3*10^24 / 10^30 = 3*10^18.
        let e24 = 10u128.pow(24);
        assert_eq!(mul_div_floor(e24, 3 * e24, 10u128.pow(30)), Some(3 * 10u128.pow(18)));
        // Rounds down: (u128::MAX * 3) / 7.
        let expect = u128::MAX / 7 * 3 + (u128::MAX % 7) * 3 / 7;
        assert_eq!(mul_div_floor(u128::MAX, 3, 7), Some(expect));
    }

    #[test]
    fn the_ceiling_rounds_up_only_a_remainder() {
        assert_eq!((mul_div_ceil(10, 3, 5), mul_div_ceil(10, 3, 7), mul_div_ceil(0, 3, 7)), (Some(6), Some(5), Some(0)));
        assert_eq!((mul_div_ceil(1, 1, 0), mul_div_ceil(u128::MAX, 2, 2)), (None, Some(u128::MAX)));
        assert_eq!(mul_div_ceil(u128::MAX, 3, 2), None);
    }

    #[test]
    fn factors_round_down() {
        assert_eq!(apply_factor(1_000, 500_000_000), Some(500));
        assert_eq!(apply_factor(3, 500_000_000), Some(1));
        assert_eq!(apply_factor(u128::MAX, ONE), Some(u128::MAX));
    }

    /// Amounts that reach the edges: 0, 1, u128::MAX and its neighbours, powers of two,
    /// and anything else.
    fn amount() -> impl proptest::strategy::Strategy<Value = u128> {
        use proptest::prelude::*;
        prop_oneof![
            Just(0u128),
            Just(1u128),
            Just(u128::MAX),
            Just(u128::MAX - 1),
            (0u32..128).prop_map(|bit| 1u128 << bit),
            any::<u64>().prop_map(u128::from),
            any::<u128>(),
        ]
    }

    /// Compares 256-bit numbers held as (high, low).
    fn le(a: (u128, u128), b: (u128, u128)) -> bool {
        a.0 < b.0 || (a.0 == b.0 && a.1 <= b.1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(crate::testing::fuzz_cases()))]

        /// Fuzz: `q = floor(a x b / d)` satisfies `q x d <= a x b < (q + 1) x d`
        /// (checked in 256 bits), or is `None` exactly when `d` is 0 or `q` would not fit.
        #[test]
        fn fuzz_mul_div_floor_is_the_exact_floor(a in amount(), b in amount(), d in amount()) {
            let product = widening_mul(a, b);
            match mul_div_floor(a, b, d) {
                Some(q) => {
                    proptest::prop_assert!(d != 0);
                    proptest::prop_assert!(le(widening_mul(q, d), product));
                    // (q + 1) x d > a x b, with q + 1 possibly 2^128.
                    let next = match q.checked_add(1) {
                        Some(q1) => widening_mul(q1, d),
                        None => (d, 0),
                    };
                    proptest::prop_assert!(!le(next, product));
                }
                None => {
                    // d = 0, or the quotient is at least 2^128: 2^128 x d <= a x b.
                    proptest::prop_assert!(d == 0 || le((d, 0), product));
                }
            }
            proptest::prop_assert_eq!(mul_div_floor(a, b, d), mul_div_floor(b, a, d));
            // The contracts' path, the long division, whatever the product's width.
            let long = match d {
                0 => None,
                _ => div_wide(product.0, product.1, d),
            };
            proptest::prop_assert_eq!(long, mul_div_floor(a, b, d));
        }

        /// Fuzz: `c = ceil(a x b / d)` satisfies `(c - 1) x d < a x b <= c x d`, and is
        /// the floor exactly when the division is exact.
        #[test]
        fn fuzz_mul_div_ceil_is_the_exact_ceiling(a in amount(), b in amount(), d in amount()) {
            let product = widening_mul(a, b);
            match (mul_div_ceil(a, b, d), mul_div_floor(a, b, d)) {
                (Some(c), Some(f)) => {
                    proptest::prop_assert!(le(product, widening_mul(c, d)));
                    proptest::prop_assert!(c == f || c == f + 1);
                    proptest::prop_assert_eq!(c == f, widening_mul(f, d) == product);
                }
                (None, Some(f)) => proptest::prop_assert_eq!(f, u128::MAX),
                (c, None) => proptest::prop_assert_eq!(c, None),
            }
        }

        /// Fuzz: the 256-bit product agrees with u128 wherever that does not overflow.
        #[test]
        fn fuzz_widening_mul_matches_narrow_products(a in amount(), b in amount()) {
            if let Some(narrow) = a.checked_mul(b) {
                proptest::prop_assert_eq!(widening_mul(a, b), (0, narrow));
            } else {
                proptest::prop_assert!(widening_mul(a, b).0 > 0);
            }
        }
    }

    #[test]
    fn the_widest_product_is_exact() {
        // (2^128 - 1)^2 = 2^256 - 2^129 + 1.
        assert_eq!(widening_mul(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
    }
}
