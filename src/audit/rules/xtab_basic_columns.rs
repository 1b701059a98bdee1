//! XTAB-006: in the basic-expenditure table, personnel codes (301, 303) sit in 人员经费 and the
//! rest in 公用经费.

use crate::audit::view::{Codes, blocks, leaves};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::TableKind;

pub struct BasicColumns;

static META: RuleMeta = RuleMeta {
    id: "XTAB-006",
    group: Group::CrossTable,
    severity: Severity::Warning,
    title: "A basic-expenditure line sits in the wrong column",
    title_zh: "基本支出科目所列经费类别有误",
    explanation: "\
By definition 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助, and 公用经费 = 302 商品和服务支出
(+ basic capital items). In the 一般公共预算基本支出表 a 301/303 line's amount belongs in the 人员经费
column and a 302 line's in 公用经费.

Example: 30302 退休费 247.39 with 人员经费 247.39 → consistent; 30229 福利费 8.36 printed under
人员经费 would be a finding: expected 公用经费 8.36, actual 0.",
};

impl Rule for BasicColumns {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in cx.doc.tables.iter().filter(|t| {
            matches!(
                t.kind,
                TableKind::GeneralBudgetBasic | TableKind::BasicExpenditureDetail
            )
        }) {
            if table.column_index(None, "basic_personnel").is_none()
                || table.column_index(None, "basic_public").is_none()
            {
                continue;
            }
            for (_, rows) in blocks(table) {
                for i in leaves(table, &rows, Codes::Economic) {
                    let row = &table.rows[i];
                    let Some(code) = row.econ.as_deref() else {
                        continue;
                    };
                    let Some(total) = table
                        .cell(row, "total")
                        .or_else(|| table.cell(row, "basic"))
                    else {
                        continue;
                    };
                    let personnel_code = code.starts_with("301") || code.starts_with("303");
                    let (key, name, name_zh) = if personnel_code {
                        ("basic_personnel", "人员经费 (personnel)", "人员经费")
                    } else {
                        ("basic_public", "公用经费 (public)", "公用经费")
                    };
                    let actual = table.cell(row, key).map(|a| a.0).unwrap_or_default();
                    if cx.sum_differs(total.0, actual, 1, cx.printed(table)) {
                        out.push(
                            cx.finding(&META)
                                .table(table)
                                .row(table, i)
                                .column(name_zh.to_string())
                                .amounts(total.0, actual)
                                .message(
                                    format!(
                                        "{code} {} totals {} but {name} shows {actual}",
                                        row.label, total.0
                                    ),
                                    format!(
                                        "{code} {} 合计 {}，但“{name_zh}”列为 {actual}",
                                        row.label, total.0
                                    ),
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
    fn lines_in_the_right_column_pass_and_misplaced_fail() {
        let keys = ["total", "basic_personnel", "basic_public"];
        let ok = table(
            "general_budget_basic",
            &keys,
            &[
                r#"{"econ":"30302","label":"退休费","amounts":["2.00","2.00",null]}"#,
                r#"{"econ":"30229","label":"福利费","amounts":["1.00",null,"1.00"]}"#,
            ],
        );
        assert!(run(&BasicColumns, &doc(&format!("[{ok}]"), "")).is_empty());
        let bad = table(
            "general_budget_basic",
            &keys,
            &[r#"{"econ":"30229","label":"福利费","amounts":["1.00","1.00",null]}"#],
        );
        assert_eq!(run(&BasicColumns, &doc(&format!("[{bad}]"), "")).len(), 1);
    }
}
