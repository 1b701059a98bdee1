//! XTAB-007: the 整体绩效目标表's 预算情况 agrees with the tables.

use crate::audit::Printed;
use rust_decimal::Decimal;

use crate::audit::view::{convert, main_cell, table_total, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{MoneyUnit, RowRole, TableKind};

pub struct DepartmentTargets;

static META: RuleMeta = RuleMeta {
    id: "XTAB-007",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "Department performance budget disagrees with the tables",
    title_zh: "整体绩效目标表预算情况与预算表不一致",
    explanation: "\
The 部门（单位）整体绩效目标表 restates the budget: 部门预算总额 = 支出总计 (收支总表), and its
资金结构 基本支出 and 项目支出 = the 支出总表's 基本支出 and 项目支出 totals.

Example: 部门预算总额 1,758.18, 支出总计 1,758.18; 基本支出 1,465.18 and 项目支出 293.00 as in
the 支出总表 → consistent.",
};

impl Rule for DepartmentTargets {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(targets) = &doc.performance.department else {
            return;
        };
        let expenditure = doc.table(TableKind::ExpenditureSummary);
        let grand_total = doc
            .table(TableKind::IncomeExpenditureSummary)
            .and_then(|t| {
                let (_, row) = with_role(t, RowRole::ExpenditureGrandTotal)?;
                Some((main_cell(t, row)?, t.unit, t.title.clone()))
            });
        let from_expenditure = |key: &str| {
            let t = expenditure?;
            Some((table_total(t, key)?, t.unit, t.title.clone()))
        };
        for line in &targets.budget {
            let Some(key) = line.key.as_deref() else {
                continue;
            };
            let expected: Option<(Decimal, MoneyUnit, String)> = match key {
                "total" => grand_total.clone().or_else(|| from_expenditure("total")),
                "basic" | "project" => from_expenditure(key),
                _ => None,
            };
            let Some((expected, unit, source)) = expected else {
                continue;
            };
            let expected = convert(expected, unit, targets.unit);
            let actual = line.amount.map(|a| a.0).unwrap_or_default();
            let printed =
                Printed::of_department_targets(targets).coarser(Printed::default_for(unit));
            if cx.sum_differs(expected, actual, 1, printed) {
                out.push(
                    cx.finding(&META)
                        .section(targets.title.clone())
                        .row_text(line.label.clone())
                        .unit(targets.unit)
                        .amounts(expected, actual)
                        .message(
                            format!("{} is {actual} but {source} gives {expected}", line.label),
                            format!("“{}”为 {actual}，《{source}》为 {expected}", line.label),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(basic: &str) -> crate::model::Document {
        let tables = r#"[{"id":"t01","kind":"expenditure_summary","title":"支出总表","unit":"万元",
            "columns":[{"key":"total","header":["合计"]},{"key":"basic","header":["基本支出"]},{"key":"project","header":["项目支出"]}],
            "rows":[{"role":"total","label":"合计","amounts":["10.00","7.00","3.00"]}]}]"#;
        let perf = format!(
            r#""performance":{{"department":{{"title":"整体绩效目标表","unit":"万元","budget":[
                {{"label":"部门预算总额","key":"total","amount":"10.00"}},
                {{"label":"（1）基本支出","key":"basic","amount":"{basic}"}}]}}}}"#
        );
        doc(tables, &perf)
    }

    #[test]
    fn budget_lines_agree_or_are_found() {
        assert!(run(&DepartmentTargets, &document("7.00")).is_empty());
        let f = run(&DepartmentTargets, &document("7.50"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.row.as_deref(), Some("（1）基本支出"));
    }
}
