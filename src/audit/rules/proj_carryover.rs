//! PROJ-006: a project named as carried over (结转) is funded from the carry-over columns.

use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, TableKind};

pub struct CarryoverProjects;

static META: RuleMeta = RuleMeta {
    id: "PROJ-006",
    group: Group::Projects,
    severity: Severity::Warning,
    title: "A carried-over (结转) project is funded as current-year money",
    title_zh: "结转项目列为当年拨款",
    explanation: "\
A project whose name says it is carried over from last year (…（结转）, …（上年结转）) is paid from
last year's money: in a 项目支出表 with 上年结转结余 columns its amount belongs there, not under
本年拨款. Such a project funded from the current-year columns only overstates this year's
appropriation and understates the carry-over. Tables without carry-over columns are not judged.

Example: 豫财建2025-236号…补助资金（结转） 1,160.40 printed under 本年拨款 / 一般公共预算, nothing under
上年结转结余 → reported.",
};

/// Column keys of money that is not from either year's appropriation.
const NEITHER: [&str; 3] = ["total", "special_account", "unit_funds"];

impl Rule for CarryoverProjects {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in cx.doc.tables_of(TableKind::ProjectExpenditure) {
            let columns: Vec<(usize, bool, String)> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| !NEITHER.contains(&c.key.as_str()))
                .map(|(i, c)| (i, c.key.starts_with("carryover"), c.header.join(" / ")))
                .collect();
            if !columns.iter().any(|(_, carry, _)| *carry) {
                continue;
            }
            for (ri, row) in table.rows.iter().enumerate() {
                if row.role != Some(RowRole::Project) || !row.label.contains("结转") {
                    continue;
                }
                let cell = |i: usize| {
                    row.amounts
                        .get(i)
                        .copied()
                        .flatten()
                        .map_or(Decimal::ZERO, |a| a.0)
                };
                let carried: Decimal = columns.iter().filter(|c| c.1).map(|c| cell(c.0)).sum();
                let current: Vec<(&String, Decimal)> = columns
                    .iter()
                    .filter(|c| !c.1 && !cell(c.0).is_zero())
                    .map(|c| (&c.2, cell(c.0)))
                    .collect();
                if !carried.is_zero() || current.is_empty() {
                    continue;
                }
                let amount: Decimal = current.iter().map(|c| c.1).sum();
                let where_: Vec<String> = current.iter().map(|(h, a)| format!("{h} {a}")).collect();
                out.push(
                    cx.finding(&META)
                        .table(table)
                        .row(table, ri)
                        .column(current[0].0.clone())
                        .project(row.label.clone())
                        .amounts(amount, Decimal::ZERO)
                        .message(
                            format!(
                                "project {:?} is named as carried over but its {amount} is under current-year columns ({}) and nothing under 上年结转",
                                row.label,
                                where_.join(", ")
                            ),
                            format!(
                                "项目“{}”名为结转项目，但 {amount} 列在当年拨款（{}），上年结转栏为空",
                                row.label,
                                where_.join("，")
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

    fn document(cells: &str) -> crate::model::Document {
        let t = table(
            "project_expenditure",
            &["total", "gpb", "carryover_gpb"],
            &[&format!(
                r#"{{"role":"project","label":"燃料电池补助资金（结转）","amounts":{cells}}}"#
            )],
        );
        doc(&format!("[{t}]"), "")
    }

    #[test]
    fn carried_over_money_in_the_carryover_column_passes() {
        assert!(run(&CarryoverProjects, &document(r#"["200.00",null,"200.00"]"#)).is_empty());
    }

    #[test]
    fn carried_over_project_in_current_year_columns_is_reported() {
        let f = run(
            &CarryoverProjects,
            &document(r#"["1,160.40","1,160.40",null]"#),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("1160.40"));
        assert!(f[0].message.contains("gpb 1160.40"), "{}", f[0].message);
    }
}
