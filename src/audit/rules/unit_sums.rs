//! UNIT-001: unit rows add up to their department row; department rows to the 合计 row.

use crate::audit::view::report_sum;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::RowRole;

pub struct UnitSums;

static META: RuleMeta = RuleMeta {
    id: "UNIT-001",
    group: Group::Units,
    severity: Severity::Error,
    title: "Unit rows do not add up to the department",
    title_zh: "各单位数之和与部门数不符",
    explanation: "\
A department's budget consolidates its units: in the 收入总表 and 支出总表 the unit rows
(310001, 310002 …) add up, column by column, to the department row (310), and the department
rows to the 合计 row.

Example: 收入总表: 310001 821.92 + 310002 445.47 + 310003 334.45 + 310004 156.34 = 1,758.18 =
department 310 → consistent. Had 310004 printed 165.34, the finding is expected 1767.18 at the
department row, actual 1758.18.",
};

impl Rule for UnitSums {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let roles: Vec<Option<RowRole>> = table.rows.iter().map(|r| r.role).collect();
            let units: Vec<usize> = (0..roles.len())
                .filter(|&i| roles[i] == Some(RowRole::Unit))
                .collect();
            let depts: Vec<usize> = (0..roles.len())
                .filter(|&i| roles[i] == Some(RowRole::Department))
                .collect();
            let total = roles.iter().position(|r| *r == Some(RowRole::Total));
            let mut checks: Vec<(usize, Vec<usize>)> = Vec::new();
            if depts.len() == 1 && !units.is_empty() {
                checks.push((depts[0], units.clone()));
            }
            match (total, depts.is_empty()) {
                (Some(t), false) => checks.push((t, depts.clone())),
                (Some(t), true) if !units.is_empty() => checks.push((t, units.clone())),
                _ => {}
            }
            for (head, parts) in checks {
                let head_row = &table.rows[head];
                report_sum(
                    cx,
                    &META,
                    table,
                    head,
                    &parts,
                    out,
                    |header, sum, actual| {
                        (
                            format!(
                                "{} ({header}) is {actual} but its {} unit rows add up to {sum}",
                                head_row.label,
                                parts.len()
                            ),
                            format!(
                                "“{}”（{header}）为 {actual}，但 {} 个单位行之和为 {sum}",
                                head_row.label,
                                parts.len()
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

    fn income(dept: &str) -> String {
        table(
            "income_summary",
            &["total"],
            &[
                &format!(r#"{{"role":"total","label":"合计","amounts":["{dept}"]}}"#),
                &format!(
                    r#"{{"role":"department","unit":"900","label":"测试局","amounts":["{dept}"]}}"#
                ),
                r#"{"role":"unit","unit":"900001","label":"测试局机关","amounts":["6.00"]}"#,
                r#"{"role":"unit","unit":"900002","label":"测试中心","amounts":["4.00"]}"#,
            ],
        )
    }

    #[test]
    fn units_adding_up_pass_and_otherwise_fail() {
        assert!(run(&UnitSums, &doc(&format!("[{}]", income("10.00")), "")).is_empty());
        let f = run(&UnitSums, &doc(&format!("[{}]", income("11.00")), ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].location.row.as_deref(), Some("900 测试局"));
        assert_eq!(f[0].expected.as_deref(), Some("10.00"));
    }
}
