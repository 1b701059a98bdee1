//! STRUCT-001: the disclosure contains the tables the finance rules require.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::TableKind;

pub struct RequiredTables;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-001",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "A required table is missing",
    title_zh: "缺少规定公开的预算表",
    explanation: "\
Department budget disclosures must publish eight core tables, an empty one with a statement
that it is empty: 收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本
支出表, 一般公共预算“三公”经费支出表, 政府性基金预算支出表; the 国有资本经营预算支出表 that recent
national templates add (checked from budget year 2022, a conservative start: the year it joined
the templates is not established here); and project performance targets (项目绩效目标). A
document without one of them is reported; a department with nothing to show still publishes the
table, empty, with a note (STRUCT-002).

Example: a document printing 收支总表 … 三公 but no 政府性基金预算支出表 (not even empty) is reported once.",
};

const REQUIRED: &[(TableKind, &str)] = &[
    (TableKind::IncomeExpenditureSummary, "收支总表"),
    (TableKind::IncomeSummary, "收入总表"),
    (TableKind::ExpenditureSummary, "支出总表"),
    (TableKind::FiscalSummary, "财政拨款收支总表"),
    (TableKind::GeneralBudgetExpenditure, "一般公共预算支出表"),
    (TableKind::GeneralBudgetBasic, "一般公共预算基本支出表"),
    (TableKind::ThreePublic, "一般公共预算“三公”经费支出表"),
    (TableKind::GovFundExpenditure, "政府性基金预算支出表"),
];

/// Tables the recent templates add, with the first budget year they are required here.
const RECENT: &[(TableKind, &str, u16)] = &[(
    TableKind::StateCapitalExpenditure,
    "国有资本经营预算支出表",
    2022,
)];

impl Rule for RequiredTables {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let year = cx.doc.year;
        let recent = RECENT
            .iter()
            .filter(|(_, _, since)| year >= *since)
            .map(|(kind, name, _)| (kind, name));
        for (kind, name) in REQUIRED.iter().map(|(k, n)| (k, n)).chain(recent) {
            if cx.doc.table(*kind).is_none() {
                out.push(
                    cx.finding(&META)
                        .section("附件 / 预算表".to_string())
                        .texts(*name, "missing")
                        .message(
                            format!(
                                "the disclosure has no {name} ({}), not even an empty one with a note",
                                kind.name()
                            ),
                            format!("未公开《{name}》（无数据时也应公开空表并说明）"),
                        ),
                );
            }
        }
        let has_project_targets = !cx.doc.performance.projects.is_empty();
        let has_projects = !cx.projects().is_empty();
        if has_projects && !has_project_targets {
            out.push(
                cx.finding(&META)
                    .section("项目绩效目标".to_string())
                    .texts("项目绩效目标", "missing")
                    .message("the disclosure lists projects but publishes no project performance targets", "列有项目支出，但未公开项目绩效目标"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn each_missing_core_table_is_reported() {
        let f = run(&RequiredTables, &doc("[]", ""));
        // The eight core tables and the 国有资本经营预算支出表 (a 2025 document).
        assert_eq!(f.len(), 9);
        assert!(
            f.iter()
                .any(|f| f.expected.as_deref() == Some("国有资本经营预算支出表"))
        );
        let mut old = doc("[]", "");
        old.year = 2019;
        assert_eq!(run(&RequiredTables, &old).len(), 8);
        let kinds = [
            "income_expenditure_summary",
            "income_summary",
            "expenditure_summary",
            "fiscal_summary",
            "general_budget_expenditure",
            "general_budget_basic",
            "three_public",
            "gov_fund_expenditure",
            "state_capital_expenditure",
        ];
        let tables: Vec<String> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| table(k, &["total"], &[]).replace("\"t01\"", &format!("\"t{i}\"")))
            .collect();
        assert!(
            run(
                &RequiredTables,
                &doc(&format!("[{}]", tables.join(",")), "")
            )
            .is_empty()
        );
    }
}
