//! XTAB-001: the 收支总表's totals agree with the 收入总表 and the 支出总表.

use crate::audit::view::{convert, main_cell, table_total, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, TableKind};

pub struct SummaryTotals;

static META: RuleMeta = RuleMeta {
    id: "XTAB-001",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "Summary totals disagree with the income or expenditure table",
    title_zh: "收支总表总数与收入总表或支出总表不一致",
    explanation: "\
The 收支总表 restates the two detailed tables: its 收入总计 equals the 收入总表's 合计 (总计
column), and its 本年支出合计 equals the 支出总表's 合计 (all funds, spending this year).

Example: 收支总表 收入总计 1,758.18; 收入总表 合计/总计 1,758.18 → consistent.",
};

impl Rule for SummaryTotals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(summary) = cx.doc.table(TableKind::IncomeExpenditureSummary) else {
            return;
        };
        let pairs = [
            (RowRole::IncomeGrandTotal, TableKind::IncomeSummary),
            (
                RowRole::ExpenditureCurrentTotal,
                TableKind::ExpenditureSummary,
            ),
        ];
        for (role, kind) in pairs {
            let (Some((si, srow)), Some(detail)) = (with_role(summary, role), cx.doc.table(kind))
            else {
                continue;
            };
            let (Some(stated), Some(detailed)) =
                (main_cell(summary, srow), table_total(detail, "total"))
            else {
                continue;
            };
            let detailed = convert(detailed, detail.unit, summary.unit);
            if cx.sum_differs(
                detailed,
                stated,
                1,
                cx.printed(summary).coarser(cx.printed(detail)),
            ) {
                out.push(
                    cx.finding(&META)
                        .table(summary)
                        .row(summary, si)
                        .amounts(detailed, stated)
                        .message(
                            format!(
                                "{} is {stated} but the {} ({}) totals {detailed}",
                                srow.label, detail.title, detail.id
                            ),
                            format!(
                                "“{}”为 {stated}，但《{}》合计为 {detailed}",
                                srow.label, detail.title
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
    use crate::audit::testing::{doc, run, table};

    fn tables(income_total: &str) -> String {
        let summary = r#"{"id":"t00","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{"key":"amount","header":["金额"],"side":"income"}],
            "rows":[{"side":"income","role":"income_grand_total","label":"收入总计","amounts":["10.00"]}]}"#;
        let income = table(
            "income_summary",
            &["total"],
            &[&format!(
                r#"{{"role":"total","label":"合计","amounts":["{income_total}"]}}"#
            )],
        );
        format!("[{summary},{income}]")
    }

    #[test]
    fn agreeing_totals_pass_and_differing_fail() {
        assert!(run(&SummaryTotals, &doc(&tables("10.00"), "")).is_empty());
        let f = run(&SummaryTotals, &doc(&tables("12.00"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("12.00"));
        assert_eq!(f[0].actual.as_deref(), Some("10.00"));
    }
}
