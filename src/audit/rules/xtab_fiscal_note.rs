//! XTAB-008: a table noted as holding current-year fiscal appropriations only does not hold more.

use crate::audit::view::{convert, table_total, total_row};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Table, TableKind};

pub struct FiscalNote;

static META: RuleMeta = RuleMeta {
    id: "XTAB-008",
    group: Group::CrossTable,
    severity: Severity::Warning,
    title: "A table noted as current-year fiscal money holds more than that",
    title_zh: "注明仅含当年财政拨款的表超出当年财政拨款数",
    explanation: "\
A 一般公共预算支出表 printed with the note 本表仅含当年财政拨款安排的支出 can total at most the
current year's general-budget fiscal appropriation: the 收入总表's 一般公共预算 “其中：财政拨款”
column. More means the table also holds other money (non-fiscal general budget, or carry-over)
and the note misleads the reader.

Example: note 仅含当年财政拨款, table total 1,758.18; 收入总表 其中：财政拨款 1,690.18 → reported,
expected at most 1690.18, actual 1758.18.",
};

/// Whether the table says it holds current-year fiscal appropriations only.
fn noted_fiscal_only(table: &Table) -> bool {
    table
        .printed_notes
        .iter()
        .any(|n| n.contains("仅含当年财政拨款") || n.contains("仅含当年一般公共预算财政拨款"))
}

impl Rule for FiscalNote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(income) = cx.doc.table(TableKind::IncomeSummary) else {
            return;
        };
        if income.column_index(None, "gpb_fiscal").is_none() {
            return;
        }
        let Some(fiscal) = table_total(income, "gpb_fiscal") else {
            return;
        };
        for table in cx
            .doc
            .tables_of(TableKind::GeneralBudgetExpenditure)
            .filter(|t| noted_fiscal_only(t))
        {
            let Some(total) = table_total(table, "total") else {
                continue;
            };
            let limit = convert(fiscal, income.unit, table.unit);
            if total - limit > cx.sum_tolerance(1, cx.printed(table).coarser(cx.printed(income))) {
                let mut b = cx.finding(&META).table(table).column("合计".to_string());
                if let Some((i, _)) = total_row(table) {
                    b = b.row(table, i);
                }
                out.push(b.amounts(limit, total).message(
                    format!(
                        "the table is noted as current-year fiscal appropriations only, but totals {total} while the income table's 其中：财政拨款 is {limit}"
                    ),
                    format!("本表注明仅含当年财政拨款安排的支出，但合计 {total}，超过收入总表“其中：财政拨款” {limit}"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn tables(gbe_total: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"income_summary","title":"收入总表","unit":"万元",
                 "columns":[{{"key":"gpb","header":["一般公共预算"]}},{{"key":"gpb_fiscal","header":["其中：财政拨款"]}}],
                 "rows":[{{"role":"total","label":"合计","amounts":["1758.18","1690.18"]}}]}},
                {{"id":"t02","kind":"general_budget_expenditure","title":"一般公共预算支出表","unit":"万元",
                 "columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"role":"total","label":"合计","amounts":["{gbe_total}"]}}],
                 "printed_notes":["备注：本表仅含当年财政拨款安排的支出"]}}]"#
        )
    }

    #[test]
    fn within_the_fiscal_appropriation_passes_beyond_it_warns() {
        assert!(run(&FiscalNote, &doc(&tables("1690.18"), "")).is_empty());
        let f = run(&FiscalNote, &doc(&tables("1758.18"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("1690.18"));
    }

    #[test]
    fn without_the_note_nothing_is_claimed() {
        let t = tables("1758.18").replace(
            r#""printed_notes":["备注：本表仅含当年财政拨款安排的支出"]"#,
            r#""printed_notes":[]"#,
        );
        assert!(run(&FiscalNote, &doc(&t, "")).is_empty());
    }
}
