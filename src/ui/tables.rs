//! The printed tables as the table view shows them: every column of both sides, each cell
//! printed, blank or not applicable to its row, and the findings on rows and cells.

use std::collections::HashMap;

use yusuan::audit::{Finding, Severity};
use yusuan::model::{Row, Table};

/// Where the table view is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableState {
    /// Document index in the corpus.
    pub doc: usize,
    /// Selected entry of the document's table list.
    pub pick: usize,
    /// Table index in the document, once opened.
    pub table: usize,
    /// Selected row and the first row shown.
    pub row: usize,
    pub row_offset: usize,
    /// Selected column (index into `table.columns`) and the first scrolled column shown.
    pub col: usize,
    pub col_offset: usize,
}

/// One cell as the table view sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellValue<'a> {
    /// A printed figure, as printed.
    Printed(&'a yusuan::model::Amount),
    /// A blank cell (`null`, or trailing cells not given).
    Blank,
    /// The column belongs to the other side of a two-sided table.
    NotApplicable,
}

/// The cell of `row` in column `col` (an index into `table.columns`).
pub fn cell_value<'a>(table: &'a Table, row: &'a Row, col: usize) -> CellValue<'a> {
    if col >= table.columns.len() {
        return CellValue::NotApplicable;
    }
    match table
        .columns_for(row.side)
        .find(|(_, c)| std::ptr::eq(*c, &table.columns[col]))
        .map(|(i, _)| i)
    {
        None => CellValue::NotApplicable,
        Some(i) => match row.amounts.get(i).and_then(Option::as_ref) {
            Some(a) => CellValue::Printed(a),
            None => CellValue::Blank,
        },
    }
}

/// A row's label with its code, as the table prints them side by side.
pub fn row_label(row: &Row) -> String {
    let code = row
        .func
        .as_deref()
        .or(row.econ.as_deref())
        .or(row.gov_econ.as_deref())
        .or(row.project_code.as_deref())
        .or(row.unit.as_deref());
    match code {
        Some(c) => format!("{c} {}", row.label),
        None => row.label.clone(),
    }
}

/// Whether `f` is about table `id` (its location names the table).
pub fn finding_in_table(f: &Finding, id: &str) -> bool {
    f.row_ref.as_ref().is_some_and(|(t, _)| t == id)
        || f.location
            .table
            .as_deref()
            .is_some_and(|t| t == id || t.starts_with(&format!("{id} ")))
}

/// Findings on a table: by row, by cell, and on the table as a whole.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// Row index → (worst severity, findings).
    pub rows: HashMap<usize, (Severity, Vec<usize>)>,
    /// (row, column index into `table.columns`) → worst severity.
    pub cells: HashMap<(usize, usize), Severity>,
    /// Findings naming the table but no row.
    pub table: Vec<usize>,
}

/// The marks of `table` from `findings` (indices `candidates` into it).
pub fn marks(
    table: &Table,
    findings: &[Finding],
    candidates: impl Iterator<Item = usize>,
) -> Marks {
    let mut m = Marks::default();
    for i in candidates {
        let f = &findings[i];
        if !finding_in_table(f, &table.id) {
            continue;
        }
        let row = f
            .row_ref
            .as_ref()
            .filter(|(t, _)| *t == table.id)
            .map(|(_, r)| *r);
        let Some(r) = row.filter(|r| *r < table.rows.len()) else {
            m.table.push(i);
            continue;
        };
        let e = m.rows.entry(r).or_insert((f.severity, Vec::new()));
        e.0 = e.0.max(f.severity);
        e.1.push(i);
        if let Some(col) = f.location.column.as_deref()
            && let Some(c) = table
                .columns
                .iter()
                .position(|c| c.header.join(" / ") == col || c.key == col)
        {
            let s = m.cells.entry((r, c)).or_insert(f.severity);
            *s = (*s).max(f.severity);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        serde_json::from_str(
            r#"{ "id": "t01", "kind": "income_expenditure_summary", "title": "收支总表", "unit": "万元",
                 "columns": [ { "key": "amount", "header": ["收入", "金额"], "side": "income" },
                              { "key": "total", "header": ["支出", "合计"], "side": "expenditure" },
                              { "key": "gpb", "header": ["支出", "一般公共预算"], "side": "expenditure" } ],
                 "rows": [ { "side": "income", "label": "一、本年收入", "amounts": ["10.00"] },
                           { "side": "expenditure", "label": "科学技术支出", "amounts": [null, "0.00"] },
                           { "side": "expenditure", "label": "支出合计", "amounts": ["5.00"] } ] }"#,
        )
        .unwrap()
    }

    #[test]
    fn blank_zero_and_other_side_are_three_things() {
        let t = table();
        assert!(matches!(
            cell_value(&t, &t.rows[0], 0),
            CellValue::Printed(a) if a.to_string() == "10.00"
        ));
        assert_eq!(cell_value(&t, &t.rows[0], 1), CellValue::NotApplicable);
        assert_eq!(cell_value(&t, &t.rows[1], 1), CellValue::Blank);
        assert!(matches!(
            cell_value(&t, &t.rows[1], 2),
            CellValue::Printed(a) if a.to_string() == "0.00"
        ));
        assert_eq!(
            cell_value(&t, &t.rows[2], 2),
            CellValue::Blank,
            "trailing cells not given are blank"
        );
        assert_eq!(cell_value(&t, &t.rows[0], 9), CellValue::NotApplicable);
    }

    #[test]
    fn findings_mark_rows_cells_and_the_table() {
        let t = table();
        let mk = |row: Option<usize>, col: Option<&str>| Finding {
            document: "d".into(),
            rule: "R".into(),
            severity: Severity::Warning,
            location: yusuan::audit::Location {
                table: Some("t01 收支总表".into()),
                column: col.map(str::to_string),
                ..Default::default()
            },
            expected: None,
            actual: None,
            difference: None,
            unit: None,
            message: String::new(),
            message_zh: String::new(),
            node: None,
            source: None,
            row_ref: row.map(|r| ("t01".to_string(), r)),
            project: None,
        };
        let fs = vec![mk(Some(1), Some("支出 / 一般公共预算")), mk(None, None)];
        let m = marks(&t, &fs, 0..2);
        assert_eq!(m.rows[&1].1, vec![0]);
        assert_eq!(m.cells[&(1, 2)], Severity::Warning);
        assert_eq!(m.table, vec![1]);
    }
}
