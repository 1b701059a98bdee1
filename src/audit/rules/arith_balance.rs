//! ARITH-006: income equals expenditure in a summary table (收入总计 = 支出总计).

use crate::audit::view::{main_cell, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::RowRole;

pub struct Balance;

static META: RuleMeta = RuleMeta {
    id: "ARITH-006",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "Income and expenditure totals differ",
    title_zh: "收入总计与支出总计不等",
    explanation: "\
A budget balances: in the 收支总表 and the 财政拨款收支总表, 收入总计 = 支出总计 (and, where no
grand totals are printed, 本年收入合计 = 本年支出合计).

Example: 收入总计 1,758.18 and 支出总计 1,758.18 → consistent. Had 支出总计 printed 1,757.18 the
finding is expected 1758.18 (the income side), actual 1757.18.",
};

impl Rule for Balance {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let pair = [
                (RowRole::IncomeGrandTotal, RowRole::ExpenditureGrandTotal),
                (
                    RowRole::IncomeCurrentTotal,
                    RowRole::ExpenditureCurrentTotal,
                ),
            ]
            .into_iter()
            .find_map(|(i, e)| Some((with_role(table, i)?, with_role(table, e)?)));
            let Some(((_, income), (ei, expenditure))) = pair else {
                continue;
            };
            let (Some(inc), exp) = (main_cell(table, income), main_cell(table, expenditure)) else {
                continue;
            };
            let exp = exp.unwrap_or_default();
            if cx.sum_differs(inc, exp, 1, cx.printed(table)) {
                out.push(
                    cx.finding(&META)
                        .table(table)
                        .row(table, ei)
                        .amounts(inc, exp)
                        .message(
                            format!(
                                "{} {exp} does not equal {} {inc}",
                                expenditure.label, income.label
                            ),
                            format!(
                                "“{}”{exp} 与“{}”{inc} 不等",
                                expenditure.label, income.label
                            ),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn summary(exp: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{{"key":"amount","header":["金额"],"side":"income"}},{{"key":"amount","header":["金额"],"side":"expenditure"}}],
            "rows":[{{"side":"income","role":"income_grand_total","label":"收入总计","amounts":["10.00"]}},
                    {{"side":"expenditure","role":"expenditure_grand_total","label":"支出总计","amounts":["{exp}"]}}]}}]"#
        )
    }

    #[test]
    fn balanced_passes_unbalanced_fails() {
        assert!(run(&Balance, &doc(&summary("10.00"), "")).is_empty());
        let f = run(&Balance, &doc(&summary("9.00"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].difference.map(|d| d.to_string()).as_deref(),
            Some("-1.00")
        );
    }
}
