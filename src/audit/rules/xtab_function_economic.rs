//! XTAB-009: where a function subject and an economic item stand for the same payment, they
//! carry the same amount.

use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Row, RowRole, Table, TableKind};

pub struct FunctionEconomic;

static META: RuleMeta = RuleMeta {
    id: "XTAB-009",
    group: Group::CrossTable,
    severity: Severity::Warning,
    title: "Function and economic classifications disagree on a payment both name",
    title_zh: "功能分类与经济分类对同一支出的金额不一致",
    explanation: "\
Some payments have a function subject and an economic item of their own, and the two tables must
tell the same story: 2080505 机关事业单位基本养老保险缴费支出 = 30108 机关事业单位基本养老保险缴费;
2080506 机关事业单位职业年金缴费支出 = 30109 职业年金缴费; 21011 行政事业单位医疗 (2101101, 2101102,
2101103) = 30110 职工基本医疗保险缴费 + 30111 公务员医疗补助缴费; 2210201 住房公积金 = 30113 住房公积金.
Compared: the 支出总表 with the 支出经济分类汇总表 (all funds), else the basic column of the
一般公共预算支出表 with the 一般公共预算基本支出表. A pair is compared only when both tables print
lines for it. Tolerance: the items' printed precision.

Example: 2101102 事业单位医疗 2.31 and 2101103 公务员医疗补助 1.84 (4.15) while the economic lines give
30110 2.31 and no 30111 → reported: expected 4.15, actual 2.31.",
};

/// (function codes, their name; economic codes, their name).
const PAIRS: &[(&[&str], &str, &[&str], &str)] = &[
    (
        &["2080505"],
        "机关事业单位基本养老保险缴费支出",
        &["30108"],
        "机关事业单位基本养老保险缴费",
    ),
    (
        &["2080506"],
        "机关事业单位职业年金缴费支出",
        &["30109"],
        "职业年金缴费",
    ),
    (
        &["2101101", "2101102", "2101103"],
        "行政事业单位医疗",
        &["30110", "30111"],
        "职工基本医疗保险缴费 + 公务员医疗补助缴费",
    ),
    (&["2210201"], "住房公积金", &["30113"], "住房公积金"),
];

/// The sum of the department-level lines whose code is in `codes`, in column `key`, and how
/// many lines there were. Unit blocks repeat the department's lines and are left out.
fn lines(
    table: &Table,
    key: &str,
    code: impl Fn(&Row) -> Option<&str>,
    codes: &[&str],
) -> (Decimal, usize) {
    let mut sum = Decimal::ZERO;
    let mut n = 0;
    for row in &table.rows {
        if row.role == Some(RowRole::Unit) {
            break;
        }
        if row.role.is_some() || !code(row).is_some_and(|c| codes.contains(&c)) {
            continue;
        }
        if let Some(a) = table.cell(row, key) {
            sum += a.0;
            n += 1;
        }
    }
    (sum, n)
}

impl Rule for FunctionEconomic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let (func, func_key, econ) = match (
            doc.table(TableKind::ExpenditureSummary),
            doc.table(TableKind::EconomicSummary),
        ) {
            (Some(f), Some(e)) => (f, "total", e),
            _ => match (
                doc.table(TableKind::GeneralBudgetExpenditure),
                doc.table(TableKind::GeneralBudgetBasic),
            ) {
                (Some(f), Some(e)) if f.column_index(None, "basic").is_some() => (f, "basic", e),
                _ => return,
            },
        };
        if func.unit != econ.unit {
            return;
        }
        for (fcodes, fname, ecodes, ename) in PAIRS {
            let (expected, nf) = lines(func, func_key, |r| r.func.as_deref(), fcodes);
            let (actual, ne) = lines(econ, "total", |r| r.econ.as_deref(), ecodes);
            if nf == 0 || ne == 0 {
                continue;
            }
            let printed = cx.printed(func).coarser(cx.printed(econ));
            if !cx.sum_differs(expected, actual, nf + ne, printed) {
                continue;
            }
            let (fl, el) = (fcodes.join("+"), ecodes.join("+"));
            out.push(
                cx.finding(&META)
                    .table(econ)
                    .row_text(format!("{el} {ename}"))
                    .amounts(expected, actual)
                    .message(
                        format!(
                            "{el} {ename} add up to {actual} in {} but {fl} {fname} add up to {expected} in {} ({})",
                            econ.title, func.title, crate::audit::view::header(func, func_key)
                        ),
                        format!(
                            "《{}》中 {el}（{ename}）合计 {actual}，《{}》中 {fl}（{fname}）合计 {expected}（{}）",
                            econ.title, func.title, crate::audit::view::header(func, func_key)
                        ),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    fn document(fund: &str) -> crate::model::Document {
        let func = table(
            "expenditure_summary",
            &["total"],
            &[
                r#"{"role":"total","label":"合计","amounts":["7.00"]}"#,
                r#"{"func":"2101102","label":"事业单位医疗","amounts":["2.31"]}"#,
                r#"{"func":"2101103","label":"公务员医疗补助","amounts":["1.84"]}"#,
                r#"{"func":"2210201","label":"住房公积金","amounts":["2.85"]}"#,
            ],
        );
        let econ = table(
            "economic_summary",
            &["total"],
            &[
                r#"{"econ":"30110","label":"职工基本医疗保险缴费","amounts":["2.31"]}"#,
                &format!(r#"{{"econ":"30111","label":"公务员医疗补助缴费","amounts":["{fund}"]}}"#),
                r#"{"econ":"30113","label":"住房公积金","amounts":["2.85"]}"#,
            ],
        )
        .replace(r#""id":"t01""#, r#""id":"t02""#);
        doc(&format!("[{func},{econ}]"), "")
    }

    #[test]
    fn matching_classifications_pass() {
        assert!(run(&FunctionEconomic, &document("1.84")).is_empty());
        // One 分 of rounding over three items is not a finding.
        assert!(run(&FunctionEconomic, &document("1.85")).is_empty());
    }

    #[test]
    fn a_payment_told_two_ways_is_reported() {
        let f = run(&FunctionEconomic, &document("0.10"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("4.15"));
        assert_eq!(f[0].actual.as_deref(), Some("2.41"));
        assert!(f[0].message.starts_with("30110+30111"), "{}", f[0].message);
    }
}
