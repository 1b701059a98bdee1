//! Printed precision: how finely a table's amounts are printed, so the rounding tolerance of a
//! sum follows the table (whole 元 rounds each item to 1 元, 万元 with one decimal to 0.1 万元)
//! instead of one figure for every table.

use rust_decimal::Decimal;

use crate::model::{Amount, DepartmentTargets, MoneyUnit, ProjectTargets, Table};

/// Decimals assumed where nothing is printed to infer them from (the common `1,758.18`).
const DEFAULT_DECIMALS: u32 = 2;

/// The unit amounts are printed in and the number of decimals printed. Negative decimals stand
/// for a coarser figure expressed in a finer unit: a 万元 table with two decimals, compared in
/// 元, is accurate to 100 元 (`decimals` −2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Printed {
    pub unit: MoneyUnit,
    pub decimals: i32,
}

impl Printed {
    /// Two decimals in `unit`: for figures with no printed amounts to infer from.
    pub fn default_for(unit: MoneyUnit) -> Printed {
        Printed {
            unit,
            decimals: DEFAULT_DECIMALS as i32,
        }
    }

    /// The precision of these printed amounts: the most decimals any of them shows (`"81.20"`
    /// shows two, `"560000"` none). Amounts keep their printed scale, so this is as printed.
    pub fn of_amounts<'a>(unit: MoneyUnit, amounts: impl IntoIterator<Item = &'a Amount>) -> Self {
        let decimals = amounts.into_iter().map(|a| a.0.scale()).max();
        Printed {
            unit,
            decimals: decimals.unwrap_or(DEFAULT_DECIMALS) as i32,
        }
    }

    /// The precision of a table's cells.
    pub fn of_table(table: &Table) -> Printed {
        Printed::of_amounts(
            table.unit,
            table.rows.iter().flat_map(|r| r.amounts.iter().flatten()),
        )
    }

    /// The precision of a project's target amounts (total, funding lines, spending plan).
    pub fn of_targets(t: &ProjectTargets) -> Printed {
        let funding = t.funding.iter().filter_map(|f| f.amount.as_ref());
        let plan = t.spending_plan.iter().filter_map(|p| p.amount.as_ref());
        Printed::of_amounts(t.money_unit, t.total.iter().chain(funding).chain(plan))
    }

    /// The precision of the 整体绩效目标表's 预算情况 lines.
    pub fn of_department_targets(d: &DepartmentTargets) -> Printed {
        Printed::of_amounts(d.unit, d.budget.iter().filter_map(|f| f.amount.as_ref()))
    }

    /// The same precision expressed in `unit` (two decimals of 万元 are −2 decimals of 元).
    pub fn expressed_in(self, unit: MoneyUnit) -> Printed {
        let shift = match (self.unit, unit) {
            (MoneyUnit::WanYuan, MoneyUnit::Yuan) => -4,
            (MoneyUnit::Yuan, MoneyUnit::WanYuan) => 4,
            _ => 0,
        };
        Printed {
            unit,
            decimals: self.decimals + shift,
        }
    }

    /// The coarser of two precisions, in this one's unit: what a comparison of figures from two
    /// tables can hold them to.
    pub fn coarser(self, other: Printed) -> Printed {
        let other = other.expressed_in(self.unit);
        if other.decimals < self.decimals {
            other
        } else {
            self
        }
    }

    /// Half a unit of the last printed digit: the most rounding can move one printed item
    /// (0.005 for two decimals, 0.5 for whole numbers, 50 for −2).
    pub fn half_unit(self) -> Decimal {
        let d = self.decimals.clamp(-20, 26);
        if d >= 0 {
            Decimal::new(5, d as u32 + 1)
        } else {
            Decimal::from(5) * Decimal::from(10u64.pow((-d - 1) as u32))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(texts: &[&str]) -> Vec<Amount> {
        texts.iter().map(|t| t.parse().unwrap()).collect()
    }

    #[test]
    fn precision_is_the_finest_printed_scale() {
        let whole = Printed::of_amounts(MoneyUnit::Yuan, &amounts(&["560000", "12"]));
        assert_eq!(whole.decimals, 0);
        assert_eq!(whole.half_unit(), Decimal::new(5, 1));
        let one = Printed::of_amounts(MoneyUnit::WanYuan, &amounts(&["12.3", "4"]));
        assert_eq!(one.half_unit(), Decimal::new(5, 2));
        let two = Printed::of_amounts(MoneyUnit::WanYuan, &amounts(&["12.3", "1,758.18"]));
        assert_eq!(two.half_unit(), Decimal::new(5, 3));
        assert_eq!(Printed::of_amounts(MoneyUnit::Yuan, &[]).decimals, 2);
    }

    #[test]
    fn comparisons_across_units_take_the_coarser_precision() {
        let wan = Printed::default_for(MoneyUnit::WanYuan);
        let yuan = Printed {
            unit: MoneyUnit::Yuan,
            decimals: 0,
        };
        // 0.01 万元 is 100 元: compared in 元, half of it is 50 元.
        assert_eq!(yuan.coarser(wan).half_unit(), Decimal::from(50));
        assert_eq!(yuan.coarser(wan).unit, MoneyUnit::Yuan);
        // Compared in 万元, whole 元 are finer than two decimals: 0.005 万元 stays.
        assert_eq!(wan.coarser(yuan).half_unit(), Decimal::new(5, 3));
    }
}
