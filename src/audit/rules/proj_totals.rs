//! PROJ-001: the 项目支出表 adds up to the 支出总表's 项目支出, in total and by project type.

use rust_decimal::Decimal;

use crate::audit::view::{convert, header, table_total, total_row};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, Table, TableKind};

pub struct ProjectTotals;

/// Which project types a column counts.
type TypeFilter = fn(Option<&str>) -> bool;

static META: RuleMeta = RuleMeta {
    id: "PROJ-001",
    group: Group::Projects,
    severity: Severity::Error,
    title: "Projects do not add up to project expenditure",
    title_zh: "项目支出表与支出总表项目支出不一致",
    explanation: "\
The 项目支出表 lists every project; its projects add up to the 支出总表's 项目支出, and the
projects of each type to the matching column: 其他运转类 → 其他运转类, 特定目标类 → 特定目标类.

Example: eight 其他运转类 projects adding up to 293.00; 支出总表 项目支出 293.00 and 其他运转类 293.00
→ consistent.",
};

impl Rule for ProjectTotals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let tables: Vec<&Table> = doc.tables_of(TableKind::ProjectExpenditure).collect();
        let (Some(first), Some(expenditure)) =
            (tables.first(), doc.table(TableKind::ExpenditureSummary))
        else {
            return;
        };
        // Project rows of every 项目支出表 (本年 and 上年结转 may be printed apart), in the first
        // table's unit; a table printing no project rows contributes its own total.
        let mut items: Vec<(Option<&str>, Decimal)> = Vec::new();
        for t in &tables {
            let rows: Vec<&crate::model::Row> = t
                .rows
                .iter()
                .filter(|r| r.role == Some(RowRole::Project))
                .collect();
            if rows.is_empty()
                && let Some(total) = table_total(t, "total")
            {
                items.push((None, convert(total, t.unit, first.unit)));
            }
            for r in rows {
                if let Some(a) = t.cell(r, "total") {
                    items.push((r.project_type.as_deref(), convert(a.0, t.unit, first.unit)));
                }
            }
        }
        let checks: [(&str, TypeFilter); 3] = [
            ("project", |_| true),
            ("project_operating", |t| {
                t.is_some_and(|t| t.contains("其他运转"))
            }),
            ("project_specific", |t| {
                t.is_some_and(|t| t.contains("特定目标"))
            }),
        ];
        // By-type totals need the printed types (其他运转类 / 特定目标类) to mean anything.
        let typed = items
            .iter()
            .any(|(t, _)| t.is_some_and(|t| t.contains("其他运转") || t.contains("特定目标")));
        for (key, wanted) in checks {
            if expenditure.column_index(None, key).is_none() || (key != "project" && !typed) {
                continue;
            }
            let picked: Vec<Decimal> = items
                .iter()
                .filter(|(t, _)| wanted(*t))
                .map(|(_, v)| *v)
                .collect();
            let actual: Decimal = picked.iter().sum();
            let expected = convert(
                table_total(expenditure, key).unwrap_or_default(),
                expenditure.unit,
                first.unit,
            );
            if picked.is_empty() && expected.is_zero() {
                continue;
            }
            if cx.sum_differs(
                expected,
                actual,
                picked.len().max(1),
                tables
                    .iter()
                    .fold(cx.printed(first), |p, t| p.coarser(cx.printed(t))),
            ) {
                let mut b = cx
                    .finding(&META)
                    .table(first)
                    .column(header(expenditure, key));
                if let Some((i, _)) = total_row(first) {
                    b = b.row(first, i);
                }
                out.push(b.amounts(expected, actual).message(
                    format!("projects counted as {} add up to {actual} but the 支出总表 ({}) shows {expected}", header(expenditure, key), expenditure.id),
                    format!("项目支出表中“{}”项目合计 {actual}，支出总表为 {expected}", header(expenditure, key)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn tables(project: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"expenditure_summary","title":"支出总表","unit":"万元",
                 "columns":[{{"key":"total","header":["合计"]}},{{"key":"project","header":["项目支出"]}},{{"key":"project_operating","header":["其他运转类"]}}],
                 "rows":[{{"role":"total","label":"合计","amounts":["10.00","{project}","{project}"]}}]}},
                {{"id":"t02","kind":"project_expenditure","title":"项目支出表","unit":"万元","columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"role":"project","project_type":"其他运转类","label":"甲","amounts":["4.00"]}},
                         {{"role":"project","project_type":"其他运转类","label":"乙","amounts":["6.00"]}}]}}]"#
        )
    }

    #[test]
    fn projects_add_up_or_are_found_per_type() {
        assert!(run(&ProjectTotals, &doc(&tables("10.00"), "")).is_empty());
        assert_eq!(run(&ProjectTotals, &doc(&tables("9.00"), "")).len(), 2);
    }
}
