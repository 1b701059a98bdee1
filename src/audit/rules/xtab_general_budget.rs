//! XTAB-004: the 一般公共预算支出表 agrees with the 财政拨款收支总表's 一般公共预算 column, and its
//! basic expenditure with the 一般公共预算基本支出表.

use rust_decimal::Decimal;

use crate::audit::view::{
    convert, current_year_only, fiscal_carryover, table_total, total_or_parts, with_role,
};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, Table, TableKind};

pub struct GeneralBudget;

static META: RuleMeta = RuleMeta {
    id: "XTAB-004",
    group: Group::CrossTable,
    severity: Severity::Error,
    title: "General-public-budget tables disagree",
    title_zh: "一般公共预算各表之间不一致",
    explanation: "\
Three tables describe the same money, the general public budget of the current year:
  一般公共预算支出表 合计 = 财政拨款收支总表 本年支出, 一般公共预算 column (less the 一般公共预算
  carry-over where the table covers the current year only: 不含上年结转, 仅含当年);
  一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出;
  its 人员经费 and 公用经费 = the 一般公共预算支出表's 人员经费 (工资福利 + 对个人和家庭的补助) and
  公用经费 (商品和服务 + 资本性).

Example: 一般公共预算支出表 基本支出 1,465.18; 一般公共预算基本支出表 合计 1,465.18 → consistent.",
};

impl Rule for GeneralBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(gbe) = doc.table(TableKind::GeneralBudgetExpenditure) else {
            return;
        };
        let mut report = |table: &Table,
                          row: Option<usize>,
                          column: &str,
                          expected: Decimal,
                          actual: Decimal,
                          other: &str| {
            let mut b = cx.finding(&META).table(table).column(column.to_string());
            if let Some(r) = row {
                b = b.row(table, r);
            }
            out.push(b.amounts(expected, actual).message(
                format!("{column} is {actual} here but {expected} in {other}"),
                format!("“{column}”本表为 {actual}，《{other}》为 {expected}"),
            ));
        };
        if let Some(fiscal) = doc.table(TableKind::FiscalSummary)
            && let Some((fi, frow)) = with_role(fiscal, RowRole::ExpenditureCurrentTotal)
            && let (Some(stated), Some(detailed)) =
                (fiscal.cell(frow, "gpb"), table_total(gbe, "total"))
        {
            let detailed = convert(detailed, gbe.unit, fiscal.unit);
            // A current-year-only table leaves out the spending of carried-over money.
            let carryover = if current_year_only(gbe) {
                fiscal_carryover(doc, "gpb")
            } else {
                Decimal::ZERO
            };
            let same = !cx.sum_differs(
                detailed,
                stated.0,
                1,
                cx.printed(fiscal).coarser(cx.printed(gbe)),
            );
            let explained = !carryover.is_zero()
                && !cx.sum_differs(
                    detailed + carryover,
                    stated.0,
                    2,
                    cx.printed(fiscal).coarser(cx.printed(gbe)),
                );
            if !same && !explained {
                report(
                    fiscal,
                    Some(fi),
                    "一般公共预算",
                    detailed,
                    stated.0,
                    &gbe.title,
                );
            }
        }
        let Some(gbb) = doc.table(TableKind::GeneralBudgetBasic) else {
            return;
        };
        let checks: [(&str, &str, &[&str], &[&str]); 3] = [
            (
                "合计 / 基本支出",
                "basic",
                &[
                    "basic_personnel",
                    "basic_public",
                    "basic_wages",
                    "basic_family",
                    "basic_goods",
                    "basic_capital",
                ],
                &["total"],
            ),
            (
                "人员经费",
                "basic_personnel",
                &["basic_wages", "basic_family"],
                &["basic_personnel"],
            ),
            (
                "公用经费",
                "basic_public",
                &["basic_goods", "basic_capital"],
                &["basic_public"],
            ),
        ];
        for (label, key, parts, gbb_keys) in checks {
            let expected = if key == "basic" {
                total_or_parts(gbe, "basic", &parts[..2])
                    .or_else(|| total_or_parts(gbe, "basic", &parts[2..]))
            } else {
                total_or_parts(gbe, key, parts)
            };
            let gbb_key = gbb_keys[0];
            let actual = if gbb.columns.iter().any(|c| c.key == gbb_key) {
                table_total(gbb, gbb_key)
            } else {
                None
            };
            let (Some(expected), Some(actual)) = (expected, actual) else {
                continue;
            };
            let expected = convert(expected, gbe.unit, gbb.unit);
            if cx.sum_differs(
                expected,
                actual,
                1,
                cx.printed(gbb).coarser(cx.printed(gbe)),
            ) {
                let row = crate::audit::view::total_row(gbb).map(|(i, _)| i);
                report(gbb, row, label, expected, actual, &gbe.title);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn tables(basic_total: &str) -> String {
        let gbe = r#"{"id":"t01","kind":"general_budget_expenditure","title":"一般公共预算支出表","unit":"万元",
            "columns":[{"key":"total","header":["合计"]},{"key":"basic","header":["基本支出"]},{"key":"basic_personnel","header":["人员经费"]},{"key":"basic_public","header":["公用经费"]}],
            "rows":[{"role":"total","label":"合计","amounts":["10.00","10.00","7.00","3.00"]}]}"#;
        let gbb = format!(
            r#"{{"id":"t02","kind":"general_budget_basic","title":"基本支出表","unit":"万元",
            "columns":[{{"key":"total","header":["合计"]}},{{"key":"basic_personnel","header":["人员经费"]}},{{"key":"basic_public","header":["公用经费"]}}],
            "rows":[{{"role":"total","label":"合计","amounts":["{basic_total}","7.00","3.00"]}}]}}"#
        );
        format!("[{gbe},{gbb}]")
    }

    #[test]
    fn basic_table_agrees_with_the_expenditure_table() {
        assert!(run(&GeneralBudget, &doc(&tables("10.00"), "")).is_empty());
        // The basic table's total is not checked against its own columns here (ARITH-001 does).
        let tables = tables("10.00").replace(r#""7.00","3.00"]}]}]"#, r#""8.00","3.00"]}]}]"#);
        let f = run(&GeneralBudget, &doc(&tables, ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].location.column.as_deref(), Some("人员经费"));
    }
}
