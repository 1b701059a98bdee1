//! What the document's other tables print for a row, for choosing between placements that
//! all add up. A collapsed table's `国有资本经营预算支出 10.00 10.00` under 合计 | 基本支出 |
//! 项目支出 holds either way; the 支出总表 printing 223 with 10.00 under 项目支出 says which.
//! The figure stays as printed: only where it is placed is chosen, and the row's note says so.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::super::table::source_key;
use crate::model::{RowRole, Side, Table, TableKind};

/// Per row code, the figures other tables print for it under each column (by the column's
/// own name, the last part of its header), and the table they come from.
#[derive(Debug, Default)]
pub struct Hints {
    by_code: HashMap<String, Vec<Printed>>,
    /// What the 收支总表's income side received from each source of funds (by source key:
    /// `gpb`, `gov_fund`, `carryover` …), with its 收入总计 as the 合计: the department's
    /// spending by source, for a table's 合计 line.
    sources: Option<Printed>,
}

#[derive(Debug)]
struct Printed {
    table: String,
    cells: Vec<(String, Option<Decimal>)>,
    /// Whether no other placement of that row's figures adds up in its own table.
    settled: bool,
}

/// What another table prints for a row, as far as it bears on a placement.
pub struct Hint<'h> {
    pub table: &'h str,
    /// Whether it is the income by source (its cells named by source key), not a row.
    pub by_source: bool,
    /// Whether the other table's row could not be placed otherwise.
    pub settled: bool,
    cells: &'h [(String, Option<Decimal>)],
}

impl Hints {
    /// The rows of the read `tables` with a 功能分类 or 经济分类 code, for the table at `at`:
    /// those of the tables printed before it, and of the tables after it those whose figures no
    /// other placement moves (so that two tables never choose each other's placement).
    pub fn from_tables(tables: &[Table], at: usize) -> Hints {
        let mut by_code: HashMap<String, Vec<Printed>> = HashMap::new();
        for (i, t) in tables.iter().enumerate() {
            if i == at || t.unread.is_some() {
                continue;
            }
            for row in &t.rows {
                let Some(code) = row.func.as_deref().or(row.econ.as_deref()) else {
                    continue;
                };
                let settled = !row
                    .note
                    .as_deref()
                    .is_some_and(|n| n.contains(super::UNSETTLED));
                if i > at && !settled {
                    continue;
                }
                let cells = t
                    .columns_for(row.side)
                    .map(|(i, c)| {
                        let name = c.header.last().cloned().unwrap_or_default();
                        (name, row.amounts.get(i).copied().flatten().map(|a| a.0))
                    })
                    .collect();
                by_code.entry(code.to_string()).or_default().push(Printed {
                    table: t.id.clone(),
                    cells,
                    settled,
                });
            }
        }
        Hints {
            by_code,
            sources: tables
                .iter()
                .enumerate()
                .find(|(i, t)| {
                    *i != at && t.unread.is_none() && t.kind == TableKind::IncomeExpenditureSummary
                })
                .and_then(|(_, t)| income_by_source(t)),
        }
    }

    /// What the income side received from each source, if it prints the same `total`.
    pub fn for_total(&self, total: Decimal) -> Option<Hint<'_>> {
        let p = self.sources.as_ref()?;
        let printed = p.cells.iter().find(|(name, _)| is_total(name))?.1?;
        (printed == total).then_some(Hint {
            table: &p.table,
            by_source: true,
            settled: p.settled,
            cells: &p.cells,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty() && self.sources.is_none()
    }

    /// What another table prints for the row of `code`, if it prints the same `total` under a
    /// 合计 and one of `columns` besides.
    pub fn for_row(&self, code: &str, total: Decimal, columns: &[&str]) -> Option<Hint<'_>> {
        self.by_code.get(code)?.iter().find_map(|p| {
            let printed_total = p.cells.iter().find(|(name, _)| is_total(name))?.1?;
            let shared = p
                .cells
                .iter()
                .any(|(name, _)| !is_total(name) && columns.contains(&name.as_str()));
            (printed_total == total && shared).then_some(Hint {
                table: &p.table,
                by_source: false,
                settled: p.settled,
                cells: &p.cells,
            })
        })
    }
}

/// A 收支总表's income side by source key, its 收入总计 as the 合计; none where a line is
/// not placed for certain.
fn income_by_source(t: &Table) -> Option<Printed> {
    let mut cells = Vec::new();
    for row in t.rows.iter().filter(|r| r.side == Some(Side::Income)) {
        if row
            .note
            .as_deref()
            .is_some_and(|n| n.contains(super::UNSETTLED))
        {
            return None;
        }
        let value = row.amounts.first().copied().flatten().map(|a| a.0);
        let key = match row.role {
            Some(RowRole::IncomeGrandTotal) => "合计",
            Some(RowRole::IncomeCarryover) => "carryover",
            Some(RowRole::IncomeSource) => match row.key.as_deref() {
                Some(k) if !k.starts_with("carryover") => k,
                _ => continue,
            },
            _ => continue,
        };
        cells.push((key.to_string(), value));
    }
    cells.iter().any(|(k, _)| k == "合计").then(|| Printed {
        table: t.id.clone(),
        cells,
        settled: true,
    })
}

/// The source key of an amount column by its header path (`一般公共预算 / 小计` → `gpb`,
/// `上年结转结余` → `carryover`), or its own name (a total, or no source).
pub fn source_column(path: &[String]) -> String {
    let leaf = path.last().map_or("", String::as_str);
    if path.len() == 1 && is_total(leaf) {
        return leaf.to_string();
    }
    let joined = path.concat();
    if joined.contains("上年结转") || joined.contains("年初结转") {
        return "carryover".into();
    }
    source_key(&joined).map_or_else(|| leaf.to_string(), str::to_string)
}

fn is_total(column: &str) -> bool {
    matches!(column, "合计" | "总计" | "小计")
}

impl Hint<'_> {
    /// Whether figures placed under these columns (by name) agree with what the other table
    /// prints: the same figure under each column both name, and nothing where it prints none.
    /// Columns it does not print, or prints more than once, and totals say nothing.
    pub fn agrees(&self, placed: &[(&str, Decimal)], columns: &[&str]) -> bool {
        let mut compared = false;
        for &column in columns {
            // Totals name different columns in different tables (a group's 合计, the table's):
            // the row's own total was matched already.
            if is_total(column) {
                continue;
            }
            let mut same = self.cells.iter().filter(|(name, _)| name == column);
            let (Some((_, theirs)), None) = (same.next(), same.next()) else {
                continue;
            };
            compared = true;
            let ours = placed
                .iter()
                .find(|(name, _)| *name == column)
                .map(|(_, v)| *v);
            let theirs = theirs.filter(|v| !v.is_zero());
            if ours.filter(|v| !v.is_zero()) != theirs {
                return false;
            }
        }
        compared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(cells: &[(&str, Option<&str>)]) -> Vec<(String, Option<Decimal>)> {
        cells
            .iter()
            .map(|(n, v)| (n.to_string(), v.map(|v| v.parse().unwrap())))
            .collect()
    }

    #[test]
    fn a_total_line_is_compared_with_the_income_by_source() {
        let json = r#"{"id": "t01", "title": "部门收支预算总表", "kind": "income_expenditure_summary",
            "unit": "万元",
            "columns": [{"key": "amount", "header": ["收入", "金额"], "side": "income"}],
            "rows": [
              {"role": "income_source", "side": "income", "key": "gpb", "label": "一、一般公共预算", "amounts": ["85.26"]},
              {"role": "income_source", "side": "income", "key": "gov_fund", "label": "二、政府性基金", "amounts": []},
              {"role": "income_current_total", "side": "income", "label": "本年收入合计", "amounts": ["85.26"]},
              {"role": "income_carryover", "side": "income", "label": "上年结转结余", "amounts": ["74.76"]},
              {"role": "income_grand_total", "side": "income", "label": "收入总计", "amounts": ["160.02"]}
            ]}"#;
        let t: Table = serde_json::from_str(json).unwrap();
        let hints = Hints::from_tables(&[t], 1);
        assert!(!hints.is_empty());
        let d = |s: &str| -> Decimal { s.parse().unwrap() };
        assert!(hints.for_total(d("99.00")).is_none(), "another total");
        let h = hints.for_total(d("160.02")).unwrap();
        assert!(h.by_source);
        let columns = ["总计", "gpb", "gov_fund", "carryover"];
        let placed =
            |at: &'static str| [("总计", d("160.02")), ("gpb", d("85.26")), (at, d("74.76"))];
        assert!(h.agrees(&placed("carryover"), &columns));
        assert!(
            !h.agrees(&placed("gov_fund"), &columns),
            "nothing received from 政府性基金"
        );
        let path = |p: &str| -> Vec<String> { p.split('/').map(String::from).collect() };
        assert_eq!(source_column(&path("一般公共预算/小计")), "gpb");
        assert_eq!(
            source_column(&path("一般公共预算/其中：财政拨款")),
            "gpb_fiscal"
        );
        assert_eq!(source_column(&path("上年结转结余")), "carryover");
        assert_eq!(source_column(&path("总计")), "总计");
        assert_eq!(source_column(&path("基本支出")), "基本支出");
    }

    #[test]
    fn a_placement_agrees_where_every_column_both_print_holds_the_same() {
        let cells = hint(&[
            ("合计", Some("10.00")),
            ("基本支出", None),
            ("项目支出", Some("10.00")),
            ("经营支出", None),
        ]);
        let h = Hint {
            table: "t03",
            by_source: false,
            settled: true,
            cells: &cells,
        };
        let ten: Decimal = "10.00".parse().unwrap();
        let columns = ["合计", "基本支出", "项目支出"];
        assert!(h.agrees(&[("合计", ten), ("项目支出", ten)], &columns));
        assert!(!h.agrees(&[("合计", ten), ("基本支出", ten)], &columns));
        // No column in common but the 合计: nothing to agree with.
        assert!(!h.agrees(&[("合计", ten), ("甲", ten)], &["合计", "甲"]));
    }
}
