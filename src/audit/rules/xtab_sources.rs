//! XTAB-003: income by source agrees between the summary tables and the 收入总表.

use crate::audit::view::{all_with_role, convert, header, main_cell, table_total};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, TableKind};

pub struct SourceAgreement;

static META: RuleMeta = RuleMeta {
    id: "XTAB-003",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "Income by source differs from the income table",
    title_zh: "收入来源数与收入总表不一致",
    explanation: "\
Each income line of the 收支总表 and 财政拨款收支总表 (一般公共预算, 其中：财政拨款, 政府性基金,
国有资本经营, 财政专户, 事业收入 …) equals the same column of the 收入总表's 合计 row.

Example: 收支总表 一、一般公共预算 1,758.18 and 其中：财政拨款 1,690.18; 收入总表 合计 row:
一般公共预算 小计 1,758.18, 其中：财政拨款 1,690.18 → consistent.",
};

impl Rule for SourceAgreement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(income) = cx.doc.table(TableKind::IncomeSummary) else {
            return;
        };
        for kind in [
            TableKind::IncomeExpenditureSummary,
            TableKind::FiscalSummary,
        ] {
            let Some(summary) = cx.doc.table(kind) else {
                continue;
            };
            for i in all_with_role(summary, RowRole::IncomeSource) {
                let row = &summary.rows[i];
                let Some(key) = row.key.as_deref() else {
                    continue;
                };
                if !income.columns.iter().any(|c| c.key == key) {
                    continue;
                }
                let printed = main_cell(summary, row);
                let stated = printed.unwrap_or_default();
                let detailed = convert(
                    table_total(income, key).unwrap_or_default(),
                    income.unit,
                    summary.unit,
                );
                if cx.sum_differs(
                    detailed,
                    stated,
                    1,
                    cx.printed(summary).coarser(cx.printed(income)),
                ) {
                    out.push(
                        cx.finding(&META)
                            .table(summary)
                            .row(summary, i)
                            .amounts(detailed, stated)
                            .message(
                                format!(
                                    "{} is {} but the income table's {} total is {detailed}",
                                    row.label,
                                    printed.map_or("blank".to_string(), |v| v.to_string()),
                                    header(income, key)
                                ),
                                format!(
                                    "“{}”为 {}，但收入总表“{}”合计为 {detailed}",
                                    row.label,
                                    printed.map_or("空白".to_string(), |v| v.to_string()),
                                    header(income, key)
                                ),
                            ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    fn tables(gpb: &str) -> String {
        let summary = format!(
            r#"{{"id":"t00","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{{"key":"amount","header":["金额"],"side":"income"}}],
            "rows":[{{"side":"income","role":"income_source","key":"gpb","label":"一、一般公共预算","amounts":["{gpb}"]}}]}}"#
        );
        let income = table(
            "income_summary",
            &["total", "gpb"],
            &[r#"{"role":"total","label":"合计","amounts":["10.00","10.00"]}"#],
        );
        format!("[{summary},{income}]")
    }

    #[test]
    fn sources_agree_or_are_found() {
        assert!(run(&SourceAgreement, &doc(&tables("10.00"), "")).is_empty());
        assert_eq!(run(&SourceAgreement, &doc(&tables("9.00"), "")).len(), 1);
    }
}
