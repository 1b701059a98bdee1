//! XTAB-005: the 支出经济分类汇总表 totals agree with the 支出总表 (all funds) and the
//! 一般公共预算支出表 (its 一般公共预算 column).

use crate::audit::view::{convert, current_year_only, header, table_total, total_row};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::TableKind;

pub struct EconomicTotals;

static META: RuleMeta = RuleMeta {
    id: "XTAB-005",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "Economic classification total differs from total expenditure",
    title_zh: "支出经济分类汇总表合计与支出总数不一致",
    explanation: "\
The 支出经济分类汇总表 classifies all expenditure by economic code, so its 合计 equals the 支出总表's
合计, and its 一般公共预算 column equals the 一般公共预算支出表's 合计 (plus the carry-over column
where that table is not limited to the current year and so spends carry-over too).

Example: 支出经济分类汇总表 合计 1,758.18; 支出总表 合计 1,758.18 → consistent.",
};

impl Rule for EconomicTotals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(econ) = cx.doc.table(TableKind::EconomicSummary) else {
            return;
        };
        let pairs = [
            (TableKind::ExpenditureSummary, "total"),
            (TableKind::GeneralBudgetExpenditure, "gpb"),
        ];
        for (kind, econ_key) in pairs {
            let Some(other) = cx.doc.table(kind) else {
                continue;
            };
            if !econ.columns.iter().any(|c| c.key == econ_key) {
                continue;
            }
            let (Some(expected), Some(actual)) =
                (table_total(other, "total"), table_total(econ, econ_key))
            else {
                continue;
            };
            let expected = convert(expected, other.unit, econ.unit);
            // A general-budget table not limited to the current year also spends the general
            // budget's carry-over, which the economic table may print in a column of its own.
            let carryover = ["carryover_gpb", "carryover"]
                .into_iter()
                .find(|k| econ.column_index(None, k).is_some())
                .and_then(|k| table_total(econ, k))
                .filter(|_| econ_key == "gpb" && !current_year_only(other))
                .unwrap_or_default();
            let explained = !carryover.is_zero()
                && !cx.sum_differs(
                    expected,
                    actual + carryover,
                    2,
                    cx.printed(econ).coarser(cx.printed(other)),
                );
            if cx.sum_differs(
                expected,
                actual,
                1,
                cx.printed(econ).coarser(cx.printed(other)),
            ) && !explained
            {
                let mut b = cx.finding(&META).table(econ).column(header(econ, econ_key));
                if let Some((i, _)) = total_row(econ) {
                    b = b.row(econ, i);
                }
                out.push(b.amounts(expected, actual).message(
                    format!(
                        "{} total is {actual} but {} ({}) totals {expected}",
                        header(econ, econ_key),
                        other.title,
                        other.id
                    ),
                    format!(
                        "“{}”合计为 {actual}，《{}》合计为 {expected}",
                        header(econ, econ_key),
                        other.title
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn tables(econ_total: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"expenditure_summary","title":"支出总表","unit":"万元","columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"role":"total","label":"合计","amounts":["10.00"]}}]}},
                {{"id":"t02","kind":"economic_summary","title":"经济分类汇总表","unit":"万元","columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"role":"total","label":"合计","amounts":["{econ_total}"]}}]}}]"#
        )
    }

    #[test]
    fn totals_agree_or_are_found() {
        assert!(run(&EconomicTotals, &doc(&tables("10.00"), "")).is_empty());
        assert_eq!(run(&EconomicTotals, &doc(&tables("10.10"), "")).len(), 1);
    }
}
