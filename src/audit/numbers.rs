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

/// Half a unit of a printed amount's last digit, at most 0.005 (万元): an amount printed as
/// `293` is taken to be exact to the 分 of 万元, not to ±0.5.
pub fn half_unit(x: Decimal) -> Decimal {
    Decimal::new(5, x.scale().max(2) + 1)
}

/// The growth rates (change ÷ last year × 100) that two printed amounts `a` and `b` allow
/// before they were rounded to their printed digits: `change_and_prior` turns each corner of
/// `a ± half a unit`, `b ± half a unit` into the change and last year's amount. `None` when
/// last year's amount could be 0 or less.
pub fn growth_range(
    a: Decimal,
    b: Decimal,
    change_and_prior: impl Fn(Decimal, Decimal) -> (Decimal, Decimal),
) -> Option<(Decimal, Decimal)> {
    let (ha, hb) = (half_unit(a), half_unit(b));
    let mut range: Option<(Decimal, Decimal)> = None;
    for x in [a - ha, a + ha] {
        for y in [b - hb, b + hb] {
            let (change, prior) = change_and_prior(x, y);
            if prior <= Decimal::ZERO {
                return None;
            }
            let r = percent(change, prior)?;
            range = Some(range.map_or((r, r), |(lo, hi)| (lo.min(r), hi.max(r))));
        }
    }
    range
}

/// Rounds to `dp` decimals, half away from zero (as printed tables do).
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Whether `stated` is about ten times `computed` or a tenth of it (within 2%): a slipped
/// decimal point (6.73% printed for 0.67%) rather than a wrong figure.
pub fn off_by_ten(computed: Decimal, stated: Decimal) -> bool {
    if computed.is_zero() || stated.is_zero() {
        return false;
    }
    let Some(ratio) = stated.abs().checked_div(computed.abs()) else {
        return false;
    };
    let near = |target: Decimal| (ratio - target).abs() <= target * Decimal::new(2, 2);
    near(Decimal::TEN) || near(Decimal::new(1, 1))
}

/// The words a finding adds when [`off_by_ten`] holds: (English, Chinese).
pub fn off_by_ten_note(computed: Decimal, stated: Decimal) -> (&'static str, &'static str) {
    if off_by_ten(computed, stated) {
        (
            " — a factor of 10 off: a slipped decimal point?",
            "（相差约 10 倍，疑小数点错位）",
        )
    } else {
        ("", "")
    }
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

    #[test]
    fn tenfold_slips_are_recognised() {
        assert!(off_by_ten(Decimal::new(-67, 2), Decimal::new(-673, 2)));
        assert!(off_by_ten(Decimal::new(14652, 1), Decimal::new(14652, 2)));
        assert!(!off_by_ten(Decimal::new(-759, 2), Decimal::new(-8, 1)));
        assert!(!off_by_ten(Decimal::ZERO, Decimal::ONE));
    }
}
