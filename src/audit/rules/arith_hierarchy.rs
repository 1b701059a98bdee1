//! ARITH-003: a printed 类 row equals the sum of its 款 rows, a 款 the sum of its 项 rows;
//! an economic class (301) the sum of its items (30101 …).

use crate::audit::view::{Codes, blocks, children_by_code, report_sum};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Table;

pub struct CodeHierarchy;

static META: RuleMeta = RuleMeta {
    id: "ARITH-003",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "A subject row differs from the sum of its sub-subjects",
    title_zh: "科目金额与下级科目之和不符",
    explanation: "\
Function codes nest 类 (3 digits) → 款 (5) → 项 (7); economic codes class (3) → item (5). Where a
table prints a parent row, each of its amounts equals the sum of the rows one level below it
(rows of the same unit block). Blank cells count as zero; up to n × 0.005 is rounding.

Example: 206 科学技术支出 1,255.42 with 20601 科学技术管理事务 429.69, 20602 … must add up;
if 206 prints 1,255.42 while its 款 rows add up to 1,254.42, the finding is expected 1254.42,
actual 1255.42, difference 1.00.",
};

fn check_table(cx: &Context, table: &Table, codes: Codes, out: &mut Vec<Finding>) {
    for (_, rows) in blocks(table) {
        for (pi, parent, children) in children_by_code(table, &rows, codes) {
            let parent_row = &table.rows[pi];
            report_sum(
                cx,
                &META,
                table,
                pi,
                &children,
                out,
                |header, sum, actual| {
                    (
                        format!(
                            "{parent} {} ({header}) is {actual} but its {} sub-subjects add up to {sum}",
                            parent_row.label,
                            children.len()
                        ),
                        format!(
                            "科目 {parent} {}（{header}）为 {actual}，但其 {} 个下级科目之和为 {sum}",
                            parent_row.label,
                            children.len()
                        ),
                    )
                },
            );
        }
    }
}

impl Rule for CodeHierarchy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            check_table(cx, table, Codes::Function, out);
            check_table(cx, table, Codes::Economic, out);
            // Tables coded only in the government economic classification.
            if table.rows.iter().all(|r| r.econ.is_none()) {
                check_table(cx, table, Codes::GovEconomic, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn class_equal_to_its_sections_passes_and_otherwise_fails() {
        let rows = |class: &str| {
            vec![
                format!(r#"{{"func":"206","label":"科学技术支出","amounts":["{class}"]}}"#),
                r#"{"func":"20601","label":"科学技术管理事务","amounts":["10.00"]}"#.to_string(),
                r#"{"func":"2060101","label":"行政运行","amounts":["6.00"]}"#.to_string(),
                r#"{"func":"2060102","label":"一般行政管理事务","amounts":["4.00"]}"#.to_string(),
                r#"{"func":"20607","label":"科学技术普及","amounts":["5.00"]}"#.to_string(),
            ]
        };
        let make = |class: &str| {
            let r = rows(class);
            let refs: Vec<&str> = r.iter().map(String::as_str).collect();
            doc(
                &format!("[{}]", table("expenditure_summary", &["total"], &refs)),
                "",
            )
        };
        assert!(run(&CodeHierarchy, &make("15.00")).is_empty());
        let f = run(&CodeHierarchy, &make("16.00"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("15.00"));
        assert_eq!(f[0].actual.as_deref(), Some("16.00"));
    }

    #[test]
    fn economic_items_roll_up_to_their_class() {
        let t = table(
            "general_budget_basic",
            &["total"],
            &[
                r#"{"econ":"301","label":"工资福利支出","amounts":["3.00"]}"#,
                r#"{"econ":"30101","label":"基本工资","amounts":["1.00"]}"#,
                r#"{"econ":"30102","label":"津贴补贴","amounts":["1.00"]}"#,
            ],
        );
        let f = run(&CodeHierarchy, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("2.00"));
    }
}
