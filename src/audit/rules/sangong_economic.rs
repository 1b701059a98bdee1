//! SANGONG-001: the 三公 table agrees with the economic lines that carry the same spending.

use rust_decimal::Decimal;

use crate::audit::view::{Codes, blocks, convert, header, leaves};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Table, TableKind};

pub struct ThreePublicLines;

static META: RuleMeta = RuleMeta {
    id: "SANGONG-001",
    group: Group::ThreePublic,
    severity: Severity::Warning,
    title: "“三公” figures disagree with the economic classification",
    title_zh: "“三公”经费与经济分类科目数不一致",
    explanation: "\
Each 三公 item has its own economic code: 30212 因公出国（境）费用, 31013 公务用车购置, 30231 公务用车
运行维护费, 30217 公务接待费. The 三公 table (fiscal appropriations, basic and project) must agree with
those lines of the 支出经济分类汇总表 (its 财政拨款 column where printed). Where the document has only
the 一般公共预算基本支出表, which lacks project spending, the 三公 figure must be at least the
basic lines.

Example: 公务接待费 3.12; lines 30217 1.32 + 1.80 = 3.12 → consistent. 公务用车运行费 blank while
30231 公务用车运行维护费 8.00 is printed → reported, expected 8.00, actual 0.",
};

const ITEMS: &[(&str, &str)] = &[
    ("abroad", "30212"),
    ("vehicle_purchase", "31013"),
    ("vehicle_operation", "30231"),
    ("reception", "30217"),
];

/// Sum of `column` over leaf rows with economic code `code`.
fn lines(table: &Table, code: &str, column: &str) -> (Decimal, usize) {
    let mut sum = (Decimal::ZERO, 0);
    for (_, rows) in blocks(table) {
        for i in leaves(table, &rows, Codes::Economic) {
            let row = &table.rows[i];
            if row.econ.as_deref() == Some(code) {
                if let Some(a) = table.cell(row, column) {
                    sum.0 += a.0;
                }
                sum.1 += 1;
            }
        }
    }
    sum
}

impl Rule for ThreePublicLines {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(sangong) = doc.table(TableKind::ThreePublic) else {
            return;
        };
        let Some((ri, row)) = sangong
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.role == Some(crate::model::RowRole::Total))
            .or_else(|| {
                sangong
                    .rows
                    .iter()
                    .enumerate()
                    .find(|(_, r)| r.amounts.iter().any(Option::is_some))
            })
            .or_else(|| sangong.rows.iter().enumerate().next())
        else {
            return;
        };
        let (source, column, exact) = match doc.table(TableKind::EconomicSummary) {
            Some(t) => {
                let col = ["gpb_fiscal", "gpb", "total"]
                    .into_iter()
                    .find(|k| t.column_index(None, k).is_some())
                    .unwrap_or("total");
                (t, col, true)
            }
            None => match doc.table(TableKind::GeneralBudgetBasic) {
                Some(t) => (t, "total", false),
                None => return,
            },
        };
        for (key, code) in ITEMS {
            if sangong.column_index(row.side, key).is_none() {
                continue;
            }
            let (sum, n) = lines(source, code, column);
            if n == 0 && !exact {
                continue;
            }
            let expected = convert(sum, source.unit, sangong.unit);
            let actual = sangong.cell(row, key).map(|a| a.0).unwrap_or_default();
            let differs = if exact {
                cx.sum_differs(
                    expected,
                    actual,
                    n.max(1),
                    cx.printed(sangong).coarser(cx.printed(source)),
                )
            } else {
                expected - actual
                    > cx.sum_tolerance(n.max(1), cx.printed(sangong).coarser(cx.printed(source)))
            };
            if differs {
                out.push(
                    cx.finding(&META)
                        .table(sangong)
                        .row(sangong, ri)
                        .column(header(sangong, key))
                        .amounts(expected, actual)
                        .message(
                            format!("{} is {actual} but economic lines {code} in {} ({}) add up to {expected}", header(sangong, key), source.title, source.id),
                            format!("“{}”为 {actual}，但《{}》中 {code} 科目合计 {expected}", header(sangong, key), source.title),
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

    fn tables(reception: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"three_public","title":"三公","unit":"万元",
                 "columns":[{{"key":"three_public_total","header":["合计"]}},{{"key":"reception","header":["公务接待费"]}}],
                 "rows":[{{"label":"","amounts":["{reception}","{reception}"]}}]}},
                {{"id":"t02","kind":"economic_summary","title":"经济分类汇总表","unit":"万元","columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"econ":"30217","label":"公务接待费","amounts":["1.32"]}},{{"econ":"30217","label":"公务接待费","amounts":["1.80"]}}]}}]"#
        )
    }

    #[test]
    fn agreeing_lines_pass_and_others_warn() {
        assert!(run(&ThreePublicLines, &doc(&tables("3.12"), "")).is_empty());
        let f = run(&ThreePublicLines, &doc(&tables("3.00"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("3.12"));
    }
}
