//! What the document's other tables print for a row, for choosing between placements that
//! all add up. A collapsed table's `国有资本经营预算支出 10.00 10.00` under 合计 | 基本支出 |
//! 项目支出 holds either way; the 支出总表 printing 223 with 10.00 under 项目支出 says which.
//! The figure stays as printed: only where it is placed is chosen, and the row's note says so.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::model::Table;

/// Per row code, the figures other tables print for it under each column (by the column's
/// own name, the last part of its header), and the table they come from.
#[derive(Debug, Default)]
pub struct Hints {
    by_code: HashMap<String, Vec<Printed>>,
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
        Hints { by_code }
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
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
                settled: p.settled,
                cells: &p.cells,
            })
        })
    }
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
    fn a_placement_agrees_where_every_column_both_print_holds_the_same() {
        let cells = hint(&[
            ("合计", Some("10.00")),
            ("基本支出", None),
            ("项目支出", Some("10.00")),
            ("经营支出", None),
        ]);
        let h = Hint {
            table: "t03",
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
