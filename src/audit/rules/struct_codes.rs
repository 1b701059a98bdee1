//! STRUCT-004: subject codes are present and well formed.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::catalogue::{economic_class_exists, function_class_exists};
use crate::model::TableKind;

pub struct Codes;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-004",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "A subject code is missing or unknown",
    title_zh: "科目编码缺失或不存在",
    explanation: "\
Tables by function classification give every amount line a 7-digit code whose first three digits
are a 类 of the national classification (201 一般公共服务 … 234); economic lines a code whose class
exists (301–313, 399 and 501–514, 599). Reported: an amount line of a function table with no code, and a
code whose 类 or class does not exist.

Example: a 支出总表 line 其他工业和信息产业支出 89.10 with no code → reported; 2180101 → reported (no 类 218).",
};

const FUNCTION_TABLES: &[TableKind] = &[
    TableKind::ExpenditureSummary,
    TableKind::GeneralBudgetExpenditure,
    TableKind::GovFundExpenditure,
    TableKind::StateCapitalExpenditure,
];

impl Rule for Codes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let function_table = FUNCTION_TABLES.contains(&table.kind);
            for (i, row) in table.rows.iter().enumerate() {
                if let Some(code) = &row.func {
                    if !function_class_exists(code) {
                        out.push(
                            cx.finding(&META)
                                .table(table)
                                .row(table, i)
                                .texts("a 类 of 201–234", code.as_str())
                                .message(
                                    format!("function code {code} has no class {}", &code[..3]),
                                    format!("功能分类科目 {code} 的类级科目 {} 不存在", &code[..3]),
                                ),
                        );
                    }
                } else if function_table
                    && row.role.is_none()
                    && row.amounts.iter().any(Option::is_some)
                {
                    out.push(
                        cx.finding(&META)
                            .table(table)
                            .row(table, i)
                            .texts("a function code", "none")
                            .message(
                                format!("amount line {:?} has no function code", row.label),
                                format!("金额行“{}”缺少功能分类科目编码", row.label),
                            ),
                    );
                }
                for code in [&row.econ, &row.gov_econ].into_iter().flatten() {
                    if !economic_class_exists(code) {
                        out.push(
                            cx.finding(&META)
                                .table(table)
                                .row(table, i)
                                .texts("a class of 301–313, 399, 501–514 or 599", code.as_str())
                                .message(
                                    format!("economic code {code} has no class {}", &code[..3]),
                                    format!("经济分类科目 {code} 的类级科目 {} 不存在", &code[..3]),
                                ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn known_codes_pass_unknown_and_missing_warn() {
        let ok = table(
            "expenditure_summary",
            &["total"],
            &[r#"{"func":"2060101","label":"行政运行","amounts":["1.00"]}"#],
        );
        assert!(run(&Codes, &doc(&format!("[{ok}]"), "")).is_empty());
        let bad = table(
            "expenditure_summary",
            &["total"],
            &[
                r#"{"func":"2180101","label":"?","amounts":["1.00"]}"#,
                r#"{"label":"行政运行","amounts":["1.00"]}"#,
                r#"{"econ":"30401","label":"?","amounts":["1.00"], "func":"2060101"}"#,
            ],
        );
        assert_eq!(run(&Codes, &doc(&format!("[{bad}]"), "")).len(), 3);
    }
}
