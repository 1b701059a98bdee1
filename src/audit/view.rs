//! Read-only views of tables that several rules need: leaf code rows, sums by code prefix,
//! the total row, blocks of rows belonging to one unit.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use crate::model::{Document, Row, RowRole, Table, TableKind};

/// Which classification a rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codes {
    Function,
    Economic,
    /// 政府预算支出经济分类 (501, 50101), for tables coded only in it.
    GovEconomic,
}

impl Codes {
    pub fn of(self, row: &Row) -> Option<&str> {
        match self {
            Codes::Function => row.func.as_deref(),
            Codes::Economic => row.econ.as_deref(),
            Codes::GovEconomic => row.gov_econ.as_deref(),
        }
    }

    /// Any code the row carries.
    pub fn any(row: &Row) -> Option<&str> {
        row.func
            .as_deref()
            .or(row.econ.as_deref())
            .or(row.gov_econ.as_deref())
    }
}

/// Ranges of row indices, split at department and unit rows: within one block, code rows
/// belong to the unit (or department) row that opens it.
pub fn blocks(table: &Table) -> Vec<(Option<usize>, Vec<usize>)> {
    let mut blocks: Vec<(Option<usize>, Vec<usize>)> = vec![(None, Vec::new())];
    for (i, row) in table.rows.iter().enumerate() {
        match row.role {
            Some(RowRole::Department | RowRole::Unit) => blocks.push((Some(i), Vec::new())),
            _ => blocks.last_mut().expect("one block").1.push(i),
        }
    }
    blocks.retain(|(head, rows)| head.is_some() || !rows.is_empty());
    blocks
}

/// Code rows of `rows` that no other code row in `rows` refines (the deepest printed level).
pub fn leaves(table: &Table, rows: &[usize], codes: Codes) -> Vec<usize> {
    let coded: Vec<(usize, &str)> = rows
        .iter()
        .filter_map(|&i| Some((i, codes.of(&table.rows[i])?)))
        .collect();
    // Every proper prefix of every code: a code in this set is refined by another row.
    let refined: HashSet<&str> = coded
        .iter()
        .flat_map(|(_, c)| (1..c.len()).filter_map(move |n| c.get(..n)))
        .collect();
    coded
        .iter()
        .filter(|(_, code)| !refined.contains(code))
        .map(|(i, _)| *i)
        .collect()
}

/// For each printed code of `rows`, the rows one printed level below it (款 under 类, 项 under
/// 款; an item directly under its class where the 款 is not printed). Linear in the rows.
pub fn children_by_code<'a>(
    table: &'a Table,
    rows: &[usize],
    codes: Codes,
) -> Vec<(usize, &'a str, Vec<usize>)> {
    let coded: Vec<(usize, &str)> = rows
        .iter()
        .filter_map(|&i| Some((i, codes.of(&table.rows[i])?)))
        .collect();
    let printed: HashSet<&str> = coded.iter().map(|(_, c)| *c).collect();
    // Each row under its nearest printed ancestor.
    let mut under: HashMap<&str, Vec<usize>> = HashMap::new();
    for &(i, c) in &coded {
        if let Some(parent) = (1..c.len())
            .rev()
            .filter_map(|n| c.get(..n))
            .find(|p| printed.contains(p))
        {
            under.entry(parent).or_default().push(i);
        }
    }
    coded
        .iter()
        .filter_map(|&(i, c)| Some((i, c, under.remove(c)?)))
        .collect()
}

/// Whether `code` has a printed ancestor among `printed`.
pub fn has_printed_ancestor(code: &str, printed: &HashSet<&str>) -> bool {
    (1..code.len())
        .filter_map(|n| code.get(..n))
        .any(|p| printed.contains(p))
}

/// Sums `column` over the leaf rows of the whole table, grouped by the first `len` code digits.
pub fn sums_by_prefix(
    table: &Table,
    codes: Codes,
    column: &str,
    len: usize,
) -> BTreeMap<String, (Decimal, usize)> {
    let mut sums: BTreeMap<String, (Decimal, usize)> = BTreeMap::new();
    for (_, rows) in blocks(table) {
        let mut items = leaves(table, &rows, codes);
        if len == 3 {
            items.extend(uncoded_lines(table, &rows));
        }
        items.sort_unstable();
        for i in items {
            let row = &table.rows[i];
            let Some(code) = codes
                .of(row)
                .or_else(|| class_above(table, &rows, i, codes))
            else {
                continue;
            };
            if code.len() < len {
                continue;
            }
            let entry = sums.entry(code[..len].to_string()).or_default();
            if let Some(a) = table.cell(row, column) {
                entry.0 += a.0;
            }
            entry.1 += 1;
        }
    }
    sums
}

/// Printed amount lines with no code and no role: items whose code the document omitted.
fn uncoded_lines<'a>(table: &'a Table, rows: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    rows.iter().copied().filter(move |&i| {
        let r = &table.rows[i];
        Codes::any(r).is_none() && r.role.is_none() && r.amounts.iter().any(Option::is_some)
    })
}

/// The class (first three digits) of the nearest coded row above `i` in `rows`: a line printed
/// without its code among a class's lines belongs to that class.
fn class_above<'a>(table: &'a Table, rows: &[usize], i: usize, codes: Codes) -> Option<&'a str> {
    rows.iter()
        .rev()
        .filter(|&&j| j < i)
        .find_map(|&j| codes.of(&table.rows[j]))
        .map(|c| &c[..3])
}

/// The row that carries the table's overall total: the 合计 row, else the single department row.
pub fn total_row(table: &Table) -> Option<(usize, &Row)> {
    let find = |role| {
        table
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.role == Some(role))
    };
    find(RowRole::Total).or_else(|| {
        let mut depts = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == Some(RowRole::Department));
        let first = depts.next();
        if depts.next().is_none() { first } else { None }
    })
}

/// The table's overall total in `column`.
pub fn table_total(table: &Table, column: &str) -> Option<Decimal> {
    total_row(table)
        .and_then(|(_, r)| table.cell(r, column))
        .map(|a| a.0)
}

/// Header of a column as printed, for locations.
pub fn header(table: &Table, key: &str) -> String {
    table
        .columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.header.join(" / "))
        .unwrap_or_else(|| key.to_string())
}

/// The first row with `role`, with its index.
pub fn with_role(table: &Table, role: RowRole) -> Option<(usize, &Row)> {
    table
        .rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.role == Some(role))
}

/// All rows with `role`.
pub fn all_with_role(table: &Table, role: RowRole) -> Vec<usize> {
    (0..table.rows.len())
        .filter(|&i| table.rows[i].role == Some(role))
        .collect()
}

/// The main amount of a summary row: `total`, else `amount`.
pub fn main_cell(table: &Table, row: &Row) -> Option<Decimal> {
    table
        .cell(row, "total")
        .or_else(|| table.cell(row, "amount"))
        .map(|a| a.0)
}

/// Compares `head` with the sum of `parts`, column by column over the head's side, and reports a
/// finding of `meta` for every column that differs beyond rounding. `describe(column header,
/// expected, actual)` gives the English and Chinese messages.
pub fn report_sum(
    cx: &crate::audit::Context,
    meta: &'static crate::audit::RuleMeta,
    table: &Table,
    head: usize,
    parts: &[usize],
    out: &mut Vec<crate::audit::Finding>,
    describe: impl Fn(&str, Decimal, Decimal) -> (String, String),
) {
    let head_row = &table.rows[head];
    let printed_as = cx.printed(table);
    for (ci, column) in table.columns_for(head_row.side) {
        let printed = head_row.amounts.get(ci).copied().flatten();
        let (mut sum, mut n) = (Decimal::ZERO, 0);
        for &p in parts {
            if let Some(a) = table.rows[p].amounts.get(ci).copied().flatten() {
                sum += a.0;
                n += 1;
            }
        }
        if printed.is_none() && n == 0 {
            continue;
        }
        let actual = printed.map(|a| a.0).unwrap_or_default();
        if cx.sum_differs(sum, actual, n, printed_as) {
            let header = column.header.join(" / ");
            let (en, zh) = describe(&header, sum, actual);
            out.push(
                cx.finding(meta)
                    .table(table)
                    .row(table, head)
                    .column(header)
                    .amounts(sum, actual)
                    .message(en, zh),
            );
        }
    }
}

/// `value` in `from` expressed in `to` (元 ↔ 万元).
pub fn convert(
    value: Decimal,
    from: crate::model::MoneyUnit,
    to: crate::model::MoneyUnit,
) -> Decimal {
    if from == to {
        return value;
    }
    value * Decimal::from(from.yuan_per_unit()) / Decimal::from(to.yuan_per_unit())
}

/// Sums of `column` by 类 for the expenditure-class lines of a summary table (matched by name).
pub fn class_lines(table: &Table, column: &str) -> BTreeMap<String, (usize, Decimal)> {
    let mut out = BTreeMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        if row.role != Some(RowRole::ExpenditureClass) {
            continue;
        }
        let Some(code) = crate::codes::function_class_by_name(&row.label) else {
            continue;
        };
        if let Some(a) = table.cell(row, column) {
            out.insert(code.to_string(), (i, a.0));
        } else {
            out.entry(code.to_string()).or_insert((i, Decimal::ZERO));
        }
    }
    out
}

/// Whether a table states that it covers current-year money only (不含上年结转, 仅含当年…).
pub fn current_year_only(table: &Table) -> bool {
    table.title.contains("不含上年结转")
        || table
            .printed_notes
            .iter()
            .any(|n| n.contains("仅含当年") || n.contains("不含上年结转"))
}

/// The fiscal carry-over of one fund in the 财政拨款收支总表 (income line `carryover_<fund>`), in
/// that table's unit; zero when not printed.
pub fn fiscal_carryover(doc: &Document, fund: &str) -> Decimal {
    let Some(fiscal) = doc.table(TableKind::FiscalSummary) else {
        return Decimal::ZERO;
    };
    let key = format!("carryover_{fund}");
    fiscal
        .rows
        .iter()
        .find(|r| r.role == Some(RowRole::IncomeSource) && r.key.as_deref() == Some(key.as_str()))
        .and_then(|r| main_cell(fiscal, r))
        .unwrap_or_default()
}

/// The total of column `key`, or, where the table does not print it, the sum of the totals of
/// the `parts` it does print; `None` when it prints neither.
pub fn total_or_parts(table: &Table, key: &str, parts: &[&str]) -> Option<Decimal> {
    if table.column_index(None, key).is_some() {
        return Some(table_total(table, key).unwrap_or_default());
    }
    let present: Vec<&&str> = parts
        .iter()
        .filter(|p| table.column_index(None, p).is_some())
        .collect();
    if present.is_empty() {
        return None;
    }
    Some(
        present
            .iter()
            .map(|p| table_total(table, p).unwrap_or_default())
            .sum(),
    )
}
