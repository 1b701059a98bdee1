//! XTAB-002: expenditure by 类 agrees between the summary tables and the detailed tables.

use rust_decimal::Decimal;

use crate::audit::view::{
    Codes, class_lines, convert, current_year_only, fiscal_carryover, sums_by_prefix,
};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::codes::function_name;
use crate::model::{Table, TableKind};

pub struct ClassAgreement;

static META: RuleMeta = RuleMeta {
    id: "XTAB-002",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "Expenditure by class differs between tables",
    title_zh: "各表间按功能分类（类）的支出数不一致",
    explanation: "\
Each 类 amount of a summary table must equal the sum of that 类's rows in the detailed table of
the same scope:
  收支总表 (all funds)            ↔ 支出总表 合计 column;
  财政拨款收支总表, 一般公共预算 column ↔ 一般公共预算支出表 合计 column;
  财政拨款收支总表, 政府性基金 column  ↔ 政府性基金预算支出表 合计 column.
Classes are matched by name (ordinals differ between regions). A class missing from one table
counts as zero there. Where the detail table covers the current year only (不含上年结转, 仅含当年),
the summary may exceed it by at most the carry-over the 财政拨款收支总表 shows for that fund.

Example: 收支总表 六、科学技术 1,255.42; 支出总表 rows 206xxxx add up to 1,255.42 → consistent.",
};

/// `carryover`: money of the summary's column that the detail table leaves out by definition
/// (it covers the current year only); then the detail may fall short by up to that much.
fn compare(
    cx: &Context,
    summary: &Table,
    column: &str,
    detail: &Table,
    carryover: Decimal,
    out: &mut Vec<Finding>,
) {
    if summary.columns.iter().all(|c| c.key != column) {
        return;
    }
    // A detail table printed without function codes (Jiangsu's 支出预算总表 is one 合计 line)
    // says nothing about classes.
    if !detail.rows.iter().any(|r| r.func.is_some()) {
        return;
    }
    let stated = class_lines(summary, column);
    let detailed = sums_by_prefix(detail, Codes::Function, "total", 3);
    let mut codes: Vec<&String> = stated.keys().chain(detailed.keys()).collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let Some(&(row, actual)) = stated.get(code) else {
            // A class the detail table has but the summary does not list at all: only a finding
            // when the summary lists classes by name and this one has money.
            let (value, _) = detailed[code];
            if !value.is_zero() && !stated.is_empty() {
                out.push(
                    cx.finding(&META)
                        .table(summary)
                        .row_text(format!("{code} {}", function_name(code).unwrap_or("")))
                        .column(column.to_string())
                        .amounts(convert(value, detail.unit, summary.unit), Decimal::ZERO)
                        .message(
                            format!(
                                "class {code} has {value} in {} ({}) but no line in this table",
                                detail.title, detail.id
                            ),
                            format!("《{}》中 {code} 类支出 {value}，本表未列", detail.title),
                        ),
                );
            }
            continue;
        };
        let (value, n) = detailed.get(code).copied().unwrap_or_default();
        let expected = convert(value, detail.unit, summary.unit);
        let tolerance = cx.sum_tolerance(n.max(1), cx.printed(summary).coarser(cx.printed(detail)));
        let explained = !carryover.is_zero()
            && expected <= actual + tolerance
            && actual - expected <= carryover + tolerance;
        if cx.sum_differs(
            expected,
            actual,
            n.max(1),
            cx.printed(summary).coarser(cx.printed(detail)),
        ) && !explained
        {
            let label = &summary.rows[row].label;
            out.push(
                cx.finding(&META)
                    .table(summary)
                    .row(summary, row)
                    .column(crate::audit::view::header(summary, column))
                    .amounts(expected, actual)
                    .message(
                        format!("{label} is {actual} but class {code} rows in {} ({}) add up to {expected}", detail.title, detail.id),
                        format!("“{label}”为 {actual}，但《{}》中 {code} 类各行之和为 {expected}", detail.title),
                    ),
            );
        }
    }
}

impl Rule for ClassAgreement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if let (Some(s), Some(d)) = (
            doc.table(TableKind::IncomeExpenditureSummary),
            doc.table(TableKind::ExpenditureSummary),
        ) {
            let side = Some(crate::model::Side::Expenditure);
            let column = ["amount", "total"]
                .into_iter()
                .find(|k| s.column_index(side, k).is_some())
                .unwrap_or("total");
            compare(cx, s, column, d, Decimal::ZERO, out);
        }
        if let Some(fiscal) = doc.table(TableKind::FiscalSummary) {
            let pairs = [
                (TableKind::GeneralBudgetExpenditure, "gpb"),
                (TableKind::GovFundExpenditure, "gov_fund"),
                (TableKind::StateCapitalExpenditure, "state_capital"),
            ];
            for (kind, fund) in pairs {
                let Some(d) = doc.table(kind) else { continue };
                let carryover = if current_year_only(d) {
                    fiscal_carryover(doc, fund)
                } else {
                    Decimal::ZERO
                };
                compare(cx, fiscal, fund, d, carryover, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    fn tables(science: &str) -> String {
        let summary = format!(
            r#"{{"id":"t00","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{{"key":"amount","header":["金额"],"side":"expenditure"}}],
            "rows":[{{"side":"expenditure","role":"expenditure_class","label":"六、科学技术","amounts":["{science}"]}},
                    {{"side":"expenditure","role":"expenditure_class","label":"八、社会保障和就业","amounts":["2.00"]}}]}}"#
        );
        let detail = table(
            "expenditure_summary",
            &["total"],
            &[
                r#"{"func":"2060101","label":"行政运行","amounts":["6.00"]}"#,
                r#"{"func":"2060702","label":"科普活动","amounts":["4.00"]}"#,
                r#"{"func":"2080505","label":"养老","amounts":["2.00"]}"#,
            ],
        );
        format!("[{summary},{detail}]")
    }

    #[test]
    fn class_sums_agree_or_are_found() {
        assert!(run(&ClassAgreement, &doc(&tables("10.00"), "")).is_empty());
        let f = run(&ClassAgreement, &doc(&tables("11.00"), ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("10.00"));
    }
}
