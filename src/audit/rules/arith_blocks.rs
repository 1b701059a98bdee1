//! ARITH-004: a table's total (or a department/unit row) equals the sum of the rows it heads.

use std::collections::HashSet;

use crate::audit::view::{Codes, blocks, has_printed_ancestor, report_sum};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, Table};

pub struct BlockTotals;

static META: RuleMeta = RuleMeta {
    id: "ARITH-004",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "A total row differs from the sum of the rows below it",
    title_zh: "合计行与所列明细之和不符",
    explanation: "\
The 合计 row of a table (or a department or unit row heading a block) equals, column by column,
the sum of the top-level rows it heads: the highest printed subject codes (类 where printed,
else 款, else 项), or the projects of a 项目支出表. Department rows are checked against their
units by UNIT-001.

Example: 项目支出表: 合计 293.00 over eight projects 4.00 + 46.00 + 40.00 + 10.00 + 44.60 + 48.00 +
68.00 + 32.40 = 293.00 → consistent. Had one project printed 45.60, the finding is expected
294.00, actual 293.00.",
};

/// Rows of `rows` that are top-level items: projects, or codes with no printed ancestor code.
fn top_items(table: &Table, rows: &[usize]) -> Vec<usize> {
    let code = |i: usize| Codes::any(&table.rows[i]);
    let printed: HashSet<&str> = rows.iter().filter_map(|&i| code(i)).collect();
    rows.iter()
        .copied()
        .filter(|&i| {
            let row = &table.rows[i];
            if row.role == Some(RowRole::Project) {
                return true;
            }
            // A printed amount line without a code is still an item of the table (STRUCT-004
            // reports the missing code); leaving it out would report a false sum.
            match code(i) {
                Some(c) => !has_printed_ancestor(c, &printed),
                None => row.role.is_none() && row.amounts.iter().any(Option::is_some),
            }
        })
        .collect()
}

impl Rule for BlockTotals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            if table.columns.iter().any(|c| c.side.is_some()) {
                continue; // two-sided summaries: ARITH-005..008
            }
            let has_heads = table
                .rows
                .iter()
                .any(|r| matches!(r.role, Some(RowRole::Department | RowRole::Unit)));
            for (head, rows) in blocks(table) {
                let head = match head {
                    Some(h) => h,
                    None if !has_heads => match table
                        .rows
                        .iter()
                        .position(|r| r.role == Some(RowRole::Total))
                    {
                        Some(t) => t,
                        None => continue,
                    },
                    None => continue,
                };
                let items = top_items(table, &rows);
                // Only tables of coded lines are summed: a table of labelled items (三公) has
                // “其中” lines that are not separate items.
                if !items.iter().any(|&i| {
                    table.rows[i].role == Some(RowRole::Project)
                        || Codes::any(&table.rows[i]).is_some()
                }) {
                    continue;
                }
                if items.is_empty() {
                    continue;
                }
                let head_row = &table.rows[head];
                // Name the rows summed (by code where printed), so the sum can be redone.
                let names: Vec<String> = items
                    .iter()
                    .map(|&i| {
                        let r = &table.rows[i];
                        Codes::any(r)
                            .map(str::to_string)
                            .unwrap_or_else(|| r.label.clone())
                    })
                    .collect();
                let (names_en, names_zh) = (names.join(", "), names.join("、"));
                report_sum(
                    cx,
                    &META,
                    table,
                    head,
                    &items,
                    out,
                    |header, sum, actual| {
                        (
                            format!(
                                "{} ({header}) is {actual} but the {} rows below it add up to {sum}: {names_en}",
                                head_row.label,
                                items.len()
                            ),
                            format!(
                                "“{}”（{header}）为 {actual}，但其下 {} 行之和为 {sum}：{names_zh}",
                                head_row.label,
                                items.len()
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
    use crate::audit::testing::{doc, run, table};

    fn project_table(total: &str) -> String {
        table(
            "project_expenditure",
            &["total"],
            &[
                &format!(r#"{{"role":"total","label":"合计","amounts":["{total}"]}}"#),
                r#"{"role":"department","unit":"900","label":"测试局","amounts":["14.00"]}"#,
                r#"{"role":"project","label":"甲","amounts":["4.00"]}"#,
                r#"{"role":"project","label":"乙","amounts":["10.00"]}"#,
            ],
        )
    }

    #[test]
    fn department_block_equal_to_its_projects_passes() {
        assert!(
            run(
                &BlockTotals,
                &doc(&format!("[{}]", project_table("14.00")), "")
            )
            .is_empty()
        );
    }

    #[test]
    fn total_row_without_heads_is_checked_against_top_codes() {
        let t = table(
            "general_budget_basic",
            &["total"],
            &[
                r#"{"role":"total","label":"合计","amounts":["5.00"]}"#,
                r#"{"econ":"30101","label":"基本工资","amounts":["1.00"]}"#,
                r#"{"econ":"30201","label":"办公费","amounts":["3.00"]}"#,
            ],
        );
        let f = run(&BlockTotals, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("4.00"));
    }

    #[test]
    fn department_row_not_matching_projects_is_found() {
        let t = table(
            "project_expenditure",
            &["total"],
            &[
                r#"{"role":"department","unit":"900","label":"测试局","amounts":["15.00"]}"#,
                r#"{"role":"project","label":"甲","amounts":["4.00"]}"#,
                r#"{"role":"project","label":"乙","amounts":["10.00"]}"#,
            ],
        );
        let f = run(&BlockTotals, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.row.as_deref(), Some("900 测试局"));
    }

    /// A whole-元 table of `n` economic lines under a total, each line 1 元 plus the total's slack.
    fn whole_yuan_table(total: &str) -> String {
        table(
            "general_budget_basic",
            &["total"],
            &[
                &format!(r#"{{"role":"total","label":"合计","amounts":["{total}"]}}"#),
                r#"{"econ":"30101","label":"基本工资","amounts":["1000"]}"#,
                r#"{"econ":"30102","label":"津贴补贴","amounts":["2000"]}"#,
                r#"{"econ":"30201","label":"办公费","amounts":["3000"]}"#,
            ],
        )
        .replace(r#""unit":"万元""#, r#""unit":"元""#)
    }

    #[test]
    fn whole_yuan_tables_allow_half_a_yuan_per_item() {
        // Three items rounded to 1 元 each may miss the total by up to 1.5 元.
        let ok = run(
            &BlockTotals,
            &doc(&format!("[{}]", whole_yuan_table("6001")), ""),
        );
        assert!(ok.is_empty(), "{ok:?}");
        // 2 元 is more than rounding explains (the old 50 元 per item hid it).
        let f = run(
            &BlockTotals,
            &doc(&format!("[{}]", whole_yuan_table("6002")), ""),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("6000"));
        assert_eq!(f[0].unit.as_deref(), Some("元"));
    }

    #[test]
    fn one_decimal_wan_yuan_tables_allow_five_hundredths_per_item() {
        let t = |total: &str| {
            table(
                "general_budget_basic",
                &["total"],
                &[
                    &format!(r#"{{"role":"total","label":"合计","amounts":["{total}"]}}"#),
                    r#"{"econ":"30101","label":"基本工资","amounts":["1.2"]}"#,
                    r#"{"econ":"30201","label":"办公费","amounts":["3.4"]}"#,
                ],
            )
        };
        assert!(run(&BlockTotals, &doc(&format!("[{}]", t("4.7")), "")).is_empty());
        assert_eq!(
            run(&BlockTotals, &doc(&format!("[{}]", t("4.8")), "")).len(),
            1
        );
    }
}
