//! ARITH-005: in a summary table, 本年 + 结转 = 总计 on each side.

use crate::audit::view::{report_sum, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::RowRole;

pub struct GrandTotal;

static META: RuleMeta = RuleMeta {
    id: "ARITH-005",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "Current year plus carry-over differs from the grand total",
    title_zh: "本年数加结转数不等于总计",
    explanation: "\
收支总表 and 财政拨款收支总表: 本年收入合计 + 上年结转结余 = 收入总计, and 本年支出合计 + 年终结转结余
= 支出总计, for every amount column of that side.

Example: 本年收入合计 1,758.18 + 上年结转结余 (blank) = 收入总计 1,758.18 → consistent. Had
收入总计 printed 1,768.18, the finding is expected 1758.18, actual 1768.18.",
};

impl Rule for GrandTotal {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let sides = [
            (
                RowRole::IncomeGrandTotal,
                RowRole::IncomeCurrentTotal,
                RowRole::IncomeCarryover,
            ),
            (
                RowRole::ExpenditureGrandTotal,
                RowRole::ExpenditureCurrentTotal,
                RowRole::ExpenditureCarryover,
            ),
        ];
        for table in &cx.doc.tables {
            for (grand, current, carry) in sides {
                let (Some((g, grow)), Some((c, _))) =
                    (with_role(table, grand), with_role(table, current))
                else {
                    continue;
                };
                let mut parts = vec![c];
                parts.extend(with_role(table, carry).map(|(i, _)| i));
                report_sum(
                    cx,
                    &META,
                    table,
                    g,
                    &parts,
                    out,
                    |column, expected, actual| {
                        (
                            format!(
                                "{} ({column}) is {actual} but current year plus carry-over is {expected}",
                                grow.label
                            ),
                            format!(
                                "“{}”（{column}）为 {actual}，但本年数与结转数之和为 {expected}",
                                grow.label
                            ),
                        )
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn summary(grand: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{{"key":"amount","header":["金额"],"side":"income"}},{{"key":"amount","header":["金额"],"side":"expenditure"}}],
            "rows":[{{"side":"income","role":"income_current_total","label":"本年收入合计","amounts":["10.00"]}},
                    {{"side":"income","role":"income_carryover","label":"上年结转结余","amounts":["2.00"]}},
                    {{"side":"income","role":"income_grand_total","label":"收入总计","amounts":["{grand}"]}}]}}]"#
        )
    }

    #[test]
    fn grand_total_is_current_plus_carryover() {
        assert!(run(&GrandTotal, &doc(&summary("12.00"), "")).is_empty());
        let f = run(&GrandTotal, &doc(&summary("13.00"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("12.00"));
    }
}
