//! Arithmetic helpers shared by rules: sums of optional cells, shares and growth rates.

use rust_decimal::Decimal;

/// `part / whole × 100`, or `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
    }
}

/// Rounds to `dp` decimals, half away from zero (as printed tables do).
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_and_rounding() {
        let p = percent(Decimal::new(146518, 2), Decimal::new(175818, 2)).unwrap();
        assert_eq!(round(p, 2), Decimal::new(8334, 2)); // 83.3351…
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(round(Decimal::new(2345, 3), 2), Decimal::new(235, 2));
    }
}
