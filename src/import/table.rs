//! From a found grid to a model table: which columns are codes, names and amounts, what each
//! row is, and every amount with the box it was printed in.

use std::str::FromStr;

use crate::codes::{economic_name, function_class_by_name, function_name};
use crate::model::{Amount, Column, MoneyUnit, Row, RowRole, Side, Source, Table, TableKind};

use super::collapsed;
use super::grid::{Grid, GridRow};
use super::kinds::{self, normalize};
use super::layout::compact;
use super::report::Issue;
use super::words::{is_amount, is_code, is_dash, is_total_label, starts_with_ordinal};

/// What a printed column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// Subject code digits (a 类, 款 or 项 column, or one column of whole codes).
    Code(CodeKind),
    /// Names: 科目名称, 项目, 单位名称.
    Label,
    /// The 政府预算经济分类 name printed beside the 部门预算 one (基本工资 | 工资奖金津补贴).
    GovEconLabel,
    /// A project's type beside its name (类型: 其他运转类, 特定目标类).
    ProjectType,
    /// The unit a project belongs to, beside its name (项目单位, 单位名称).
    UnitName,
    Amount,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Function,
    Economic,
    GovEconomic,
    Unit,
    Project,
}

/// The money unit printed with a table (`单位：元`, `金额单位：万元`), if any.
pub fn printed_unit(grid: &Grid) -> Option<MoneyUnit> {
    let texts = grid
        .meta
        .iter()
        .chain(std::iter::once(&grid.title))
        .chain(grid.columns.iter().flat_map(|c| c.header.iter()));
    for t in texts {
        let t = compact(t);
        for marker in ["单位：", "单位:", "（", "("] {
            if let Some(at) = t.find(marker) {
                let rest = &t[at + marker.len()..];
                if rest.starts_with("万元") {
                    return Some(MoneyUnit::WanYuan);
                }
                if rest.starts_with("元") {
                    return Some(MoneyUnit::Yuan);
                }
            }
        }
    }
    None
}

/// Decides each column's role from its header and its cells.
pub fn column_roles(grid: &Grid, kind: TableKind) -> Vec<ColumnRole> {
    let mut roles: Vec<ColumnRole> = grid
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let header = normalize(&col.header.join("/"));
            let leaf = col.header.last().map(|h| normalize(h)).unwrap_or_default();
            let cells: Vec<&str> = grid
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i).and_then(|c| c.as_ref()))
                .map(|c| c.text.as_str())
                // An empty field of a text export is a blank cell, not a name: a column of
                // them under 政府性基金 is an amount column with nothing printed.
                .filter(|t| !t.trim().is_empty())
                .collect();
            let code_table = kind != TableKind::ThreePublic && kind != TableKind::Other;
            // Whole numbers are amounts where no codes are printed (三公: 25 万元).
            let amounts = cells
                .iter()
                .filter(|t| {
                    is_amount(t)
                        || is_dash(t)
                        || !code_table && is_code(&compact(t)) && t.len() <= 12
                })
                .count();
            let codes = cells
                .iter()
                .filter(|t| code_table && is_code(&compact(t)))
                .count();
            let texts = cells.len() - amounts.max(codes).min(cells.len());
            let code_header = matches!(leaf.as_str(), "类" | "款" | "项")
                || leaf.contains("编码")
                || leaf.contains("代码")
                || leaf == "科目编码";
            if code_header || codes > 0 && codes >= amounts && codes >= texts {
                let kind = if (header.contains("单位") || leaf.starts_with("部门"))
                    && !header.contains("科目")
                {
                    CodeKind::Unit
                } else if header.contains("项目") && !header.contains("科目") {
                    CodeKind::Project
                } else if header.contains("政府预算") || header.contains("政府经济") {
                    CodeKind::GovEconomic
                } else if header.contains("经济") {
                    CodeKind::Economic
                } else if header.contains("功能") {
                    CodeKind::Function
                } else if let Some(k) = kind_by_value(&cells) {
                    k
                } else {
                    match kind {
                        TableKind::GeneralBudgetBasic
                        | TableKind::BasicExpenditureDetail
                        | TableKind::EconomicSummary => CodeKind::Economic,
                        _ => CodeKind::Function,
                    }
                };
                return ColumnRole::Code(kind);
            }
            let label_header = leaf.contains("名称")
                || leaf == "项目"
                || leaf.ends_with("项目")
                || leaf.contains("科目")
                || leaf.ends_with("单位")
                || leaf.contains("单位名称")
                || leaf.contains("内容")
                || leaf.contains("指标")
                || leaf.contains("用途");
            // Amount columns may hold a name that spills over from a merged cell, so a few
            // texts do not make a column of names.
            if amounts > 0 && amounts * 2 >= texts && !label_header
                || cells.is_empty() && !label_header && !header.is_empty()
            {
                ColumnRole::Amount
            } else if (header.contains("政府预算") || header.contains("政府经济"))
                && leaf.contains("名称")
            {
                ColumnRole::GovEconLabel
            } else if kind == TableKind::ProjectExpenditure
                && matches!(leaf.as_str(), "类型" | "项目类型" | "项目类别" | "类别")
            {
                ColumnRole::ProjectType
            } else if kind == TableKind::ProjectExpenditure
                && matches!(
                    leaf.as_str(),
                    "项目单位" | "单位名称" | "实施单位" | "预算单位" | "单位"
                )
            {
                ColumnRole::UnitName
            } else {
                ColumnRole::Label
            }
        })
        .collect();
    // A name column beside the row's name is the row's name when it is the only one.
    if !roles.contains(&ColumnRole::Label) {
        for r in &mut roles {
            if matches!(r, ColumnRole::GovEconLabel | ColumnRole::UnitName) {
                *r = ColumnRole::Label;
                break;
            }
        }
    }
    roles
}

/// The code set a column's codes belong to, from the codes themselves: 3xx/3xxxx are
/// 部门预算经济分类, 5xx 政府预算经济分类, 2xx with 3/5/7 digits 功能分类.
fn kind_by_value(cells: &[&str]) -> Option<CodeKind> {
    let codes: Vec<String> = cells
        .iter()
        .map(|c| compact(c))
        .filter(|c| is_code(c))
        .collect();
    let first = codes.iter().find(|c| c.len() >= 3)?;
    Some(match first.as_bytes()[0] {
        b'3' => CodeKind::Economic,
        b'5' => CodeKind::GovEconomic,
        _ => CodeKind::Function,
    })
}

/// Blocks of columns, each a set of code/label columns followed by amount columns: one for an
/// ordinary table, two or three for a table printed in halves (收入 | 支出).
fn blocks(roles: &[ColumnRole]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..roles.len() {
        if roles[i] != ColumnRole::Amount && roles[i - 1] == ColumnRole::Amount {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..roles.len());
    out
}

/// Builds the model table. Problems (cells that are not amounts, codes that cannot be one)
/// go to `issues` with their page.
pub fn to_table(
    grid: &Grid,
    id: String,
    unit: MoneyUnit,
    file_name: Option<&str>,
    issues: &mut Vec<Issue>,
) -> Table {
    to_table_with(
        grid,
        id,
        unit,
        file_name,
        &collapsed::hints::Hints::default(),
        issues,
    )
}

/// [`to_table`], a collapsed table's placements chosen, where several add up, by what the
/// document's other tables print for the same rows.
pub fn to_table_with(
    grid: &Grid,
    id: String,
    unit: MoneyUnit,
    file_name: Option<&str>,
    hints: &collapsed::hints::Hints,
    issues: &mut Vec<Issue>,
) -> Table {
    let kind = kinds::table_kind(&grid.title);
    if grid.collapsed {
        return read_collapsed(grid, kind, id, unit, file_name, hints, issues);
    }
    let roles = column_roles(grid, kind);
    let blocks = blocks(&roles);
    let two_sided = blocks.len() > 1;
    let side_of_block = |b: usize, range: &std::ops::Range<usize>| -> Option<Side> {
        if !two_sided {
            return None;
        }
        range
            .clone()
            .find_map(|i| kinds::side_of(&grid.columns[i].header))
            .or(Some(if b == 0 {
                Side::Income
            } else {
                Side::Expenditure
            }))
    };
    let sides: Vec<Option<Side>> = blocks
        .iter()
        .enumerate()
        .map(|(b, r)| side_of_block(b, r))
        .collect();
    let mut columns: Vec<Column> = Vec::new();
    // For each printed column: its index among the amount columns of its side.
    let mut amount_slot: Vec<Option<usize>> = vec![None; roles.len()];
    let mut used_keys: Vec<(Option<Side>, String)> = Vec::new();
    let mut merged_note: Vec<String> = Vec::new();
    for (b, range) in blocks.iter().enumerate() {
        let side = sides[b];
        for i in range.clone() {
            if roles[i] != ColumnRole::Amount {
                continue;
            }
            let header = grid.columns[i].header.clone();
            let mut key = kinds::column_key(kind, &header);
            // A side printed in two blocks (支出: 功能分类 | 支出用途, each with its 金额) has
            // one amount column: each row prints its amount in its own block.
            if key == "amount" && two_sided && used_keys.contains(&(side, key.clone())) {
                let slot = columns
                    .iter()
                    .filter(|c| c.side == side)
                    .position(|c| c.key == "amount")
                    .expect("the side's amount column");
                amount_slot[i] = Some(slot);
                merged_note.push(header.join(" / "));
                continue;
            }
            if used_keys.contains(&(side, key.clone())) {
                key = format!("x_{}", normalize(&header.join("/")));
                let mut n = 2;
                while used_keys.contains(&(side, key.clone())) {
                    key = format!("x_{}{n}", normalize(&header.join("/")));
                    n += 1;
                }
            }
            used_keys.push((side, key.clone()));
            let slot = columns
                .iter()
                .filter(|c| !two_sided || c.side == side)
                .count();
            amount_slot[i] = Some(slot);
            columns.push(Column { key, header, side });
        }
    }
    let row_header: Vec<String> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r != ColumnRole::Amount)
        .map(|(i, _)| grid.columns[i].header.join(" "))
        .collect();
    let mut rows = Vec::new();
    for grow in &grid.rows {
        let mut line: Vec<Row> = Vec::new();
        for (b, range) in blocks.iter().enumerate() {
            let side = sides[b];
            let width = columns
                .iter()
                .filter(|c| c.side == side || c.side.is_none())
                .count();
            if let Some(row) = make_row(
                grid,
                grow,
                range.clone(),
                &roles,
                &amount_slot,
                width,
                side,
                kind,
                file_name,
                issues,
            ) {
                // A name in one block and its amounts in the next block of the same side is
                // one row printed across a merged cell (当年支出小计 … 27,664.22).
                if let Some(prev) = line.last_mut()
                    && prev.side == row.side
                    && prev.amounts.iter().all(Option::is_none)
                    && !prev.label.is_empty()
                    && row.label.is_empty()
                    && row.func.is_none()
                {
                    let label = std::mem::take(&mut prev.label);
                    *prev = Row { label, ..row };
                    classify(prev, kind);
                    continue;
                }
                line.push(row);
            }
        }
        rows.extend(line);
    }
    // A table whose only row has no name is its total line (支出预算总表 printed as one line).
    if rows.len() == 1 && rows[0].label.is_empty() && rows[0].role.is_none() && !two_sided {
        rows[0].role = Some(RowRole::Total);
    }
    // In a project table, the first organisation's line above the others is the department's.
    if kind == TableKind::ProjectExpenditure
        && let Some(first) = rows
            .iter()
            .position(|r| matches!(r.role, Some(RowRole::Unit | RowRole::Department)))
        && rows[first].unit.as_ref().is_none_or(|u| u.len() <= 3)
        && rows[first].role == Some(RowRole::Unit)
        && rows[first + 1..]
            .iter()
            .any(|r| r.role == Some(RowRole::Unit))
    {
        rows[first].role = Some(RowRole::Department);
    }
    // A remark printed in the grid's last lines (备注：本表仅含当年财政拨款安排的支出) is the
    // table's note, not a row.
    let mut printed_notes = grid.notes.clone();
    rows.retain(|r| {
        let remark = is_remark(r);
        if remark {
            printed_notes.push(r.label.trim().to_string());
        }
        !remark
    });
    super::wrapped_rows::join(&mut rows);
    sub_items_of_sources(&mut rows);
    if kind == TableKind::ProjectExpenditure {
        projects_under_unit_lines(&mut rows);
    }
    carryover_sources(&mut rows);
    // Two-sided tables list the income side first, then the expenditure side.
    if two_sided {
        rows.sort_by_key(|r: &Row| match r.side {
            Some(Side::Income) => 0,
            _ => 1,
        });
    }
    let source = Source {
        file: file_name.map(str::to_string),
        page: Some(grid.first_page).filter(|&p| p > 0),
        last_page: Some(grid.last_page).filter(|&l| l > grid.first_page),
        line: grid.first_line,
        last_line: grid.last_line,
        ..Source::default()
    };
    Table {
        id,
        kind,
        number: grid.number.clone(),
        title: grid.title.clone(),
        unit,
        row_header,
        columns,
        rows,
        unread: None,
        printed_notes,
        note: (!merged_note.is_empty()).then(|| {
            format!(
                "Imported: the amounts of the block(s) {} share the side's 金额 column; each row's cell box gives the printed position.",
                merged_note.join(", ")
            )
        }),
        source: Some(source),
    }
}

#[allow(clippy::too_many_arguments)]
fn make_row(
    grid: &Grid,
    grow: &GridRow,
    range: std::ops::Range<usize>,
    roles: &[ColumnRole],
    amount_slot: &[Option<usize>],
    width: usize,
    side: Option<Side>,
    kind: TableKind,
    file_name: Option<&str>,
    issues: &mut Vec<Issue>,
) -> Option<Row> {
    let mut row = Row {
        side,
        amounts: vec![None; width],
        ..Row::default()
    };
    let mut cell_boxes: Vec<Option<[f32; 4]>> = vec![None; width];
    let mut labels: Vec<String> = Vec::new();
    let mut codes: Vec<(CodeKind, String)> = Vec::new();
    let mut row_notes: Vec<String> = Vec::new();
    let mut any = false;
    for i in range {
        let Some(cell) = grow.cells.get(i).and_then(|c| c.as_ref()) else {
            continue;
        };
        any = true;
        match roles[i] {
            ColumnRole::Code(k) => {
                let mut digits = compact(&cell.text);
                if digits.chars().all(|c| c.is_ascii_digit()) {
                    let header = grid.columns[i]
                        .header
                        .last()
                        .map(|h| compact(h))
                        .unwrap_or_default();
                    // A 款 or 项 column holds two digits; one digit is the 款 printed without its
                    // leading zero (301 | 2 for 30102). Read as two digits and say so.
                    if digits.len() == 1
                        && matches!(header.as_str(), "款" | "项")
                        && !codes.is_empty()
                    {
                        let printed = codes
                            .iter()
                            .map(|(_, d)| d.as_str())
                            .collect::<Vec<_>>()
                            .join(" | ");
                        issues.push(Issue::unplaced(
                            grow.page,
                            grow.line,
                            &grid.title,
                            &format!("the {header} of the code printed as “{printed} | {digits}” has one digit; read as 0{digits}"),
                        ));
                        row_notes.push(format!("code printed as {printed} | {digits} (the {header} with one digit), read as 0{digits}"));
                        digits = format!("0{digits}");
                    }
                    match codes.iter_mut().find(|(ck, _)| *ck == k) {
                        Some((_, s)) => s.push_str(&digits),
                        None => codes.push((k, digits)),
                    }
                } else if !matches!(digits.as_str(), "类" | "款" | "项" | "类款项") {
                    // A name printed in a code column (合计 across merged cells); the 类 款 项
                    // header words printed on the 合计 line are not part of it.
                    let words: Vec<&str> = cell
                        .text
                        .split_whitespace()
                        .filter(|w| !matches!(*w, "类" | "款" | "项"))
                        .collect();
                    if !words.is_empty() {
                        labels.push(words.join(" "));
                    }
                }
            }
            ColumnRole::Label => labels.push(cell.text.clone()),
            ColumnRole::GovEconLabel => row.gov_econ_label = Some(cell.text.as_str().into()),
            // 合计 printed in the cell merged across the name columns.
            ColumnRole::ProjectType | ColumnRole::UnitName if is_total_label(&cell.text) => {
                labels.push(cell.text.clone())
            }
            ColumnRole::ProjectType => row.project_type = Some(cell.text.as_str().into()),
            ColumnRole::UnitName => row.unit_name = Some(cell.text.as_str().into()),
            ColumnRole::Amount => {
                let slot = amount_slot[i].expect("amount column has a slot");
                let text = compact(&cell.text);
                if is_dash(&text) {
                    continue;
                }
                let plain = text.replace(['－', '−'], "-");
                match Amount::from_str(&plain) {
                    Ok(a) if is_amount(&plain) || plain.chars().all(|c| c.is_ascii_digit()) => {
                        if slot < width {
                            row.amounts[slot] = Some(a);
                            cell_boxes[slot] = Some(round_box(cell.bbox));
                        }
                    }
                    _ => {
                        // Text in an amount column: kept in the label, reported.
                        issues.push(Issue::unplaced(
                            grow.page,
                            grow.line,
                            &grid.title,
                            &format!(
                                "“{}” in the amount column {} is not an amount",
                                cell.text,
                                grid.columns[i].header.join(" / ")
                            ),
                        ));
                        labels.push(cell.text.clone());
                    }
                }
            }
        }
    }
    if !any && grow.cells.iter().any(Option::is_some) {
        // Nothing in this block, something in another: no row for this block.
        return None;
    }
    if !any && side.is_some() {
        return None;
    }
    // A text export wraps a narrow name cell with a space (装修等项 目).
    if grid.from_fields {
        for l in &mut labels {
            if let std::borrow::Cow::Owned(joined) = crate::text::join_han_wraps(l) {
                row_notes.push(format!("the name is printed wrapped ({l}); joined"));
                *l = joined;
            }
        }
    }
    row.label = labels.join(" ");
    // A unit's line in a project table: its code where the project's name goes, its name in
    // the unit column (310 | 市科学技术局).
    if kind == TableKind::ProjectExpenditure
        && is_code(&compact(&row.label))
        && row.unit_name.is_some()
    {
        row.unit = Some(compact(&row.label).into());
        row.label = row.unit_name.take().unwrap_or_default().to_string();
        row.role = Some(RowRole::Department);
    }
    for (k, digits) in codes {
        match k {
            CodeKind::Function if matches!(digits.len(), 3 | 5 | 7) => {
                row.func = Some(digits.into())
            }
            CodeKind::Economic if matches!(digits.len(), 3 | 5) => {
                if digits.starts_with('5') {
                    row.gov_econ = Some(digits.into())
                } else {
                    row.econ = Some(digits.into())
                }
            }
            CodeKind::GovEconomic if matches!(digits.len(), 3 | 5) => {
                row.gov_econ = Some(digits.into())
            }
            // 单位编码（项目编码）: a project's code is far longer than any unit's.
            CodeKind::Unit if digits.len() > 12 => row.project_code = Some(digits.into()),
            CodeKind::Unit => row.unit = Some(digits.into()),
            CodeKind::Project => row.project_code = Some(digits.into()),
            _ => {
                issues.push(Issue::unplaced(
                    grow.page,
                    grow.line,
                    &grid.title,
                    &format!(
                        "code “{digits}” has a length no {k:?} code has; kept in the row's name"
                    ),
                ));
                row.label = format!("{digits} {}", row.label).trim().to_string();
            }
        }
    }
    // A department's line printed with its code in the 类 column (310 | 市科学技术局): the
    // name is an organisation's, not the subject's.
    if let Some(code) = row.econ.clone().or_else(|| row.func.clone())
        && code.len() == 3
        && is_organisation(&row.label)
    {
        let catalogue = if row.econ.is_some() {
            economic_name(&code)
        } else {
            function_name(&code)
        };
        if catalogue.is_none_or(|name| compact(name) != compact(&row.label)) {
            row_notes.push(format!(
                "{code} printed in the code column is read as the unit code of {}",
                row.label
            ));
            row.unit = Some(code);
            row.econ = None;
            row.func = None;
        }
    }
    if !row_notes.is_empty() {
        row.note = Some(format!("Imported: {}.", row_notes.join("; ")).into());
    }
    // A line of a department or one of its units (017 | 017001), not of a subject.
    if let Some(unit) = &row.unit
        && row.role.is_none()
        && row.project_code.is_none()
        && (kind != TableKind::ProjectExpenditure || row.project_type.is_none())
    {
        row.role = Some(if unit.len() <= 3 {
            RowRole::Department
        } else {
            RowRole::Unit
        });
    }
    classify(&mut row, kind);
    let trailing = row
        .amounts
        .iter()
        .rposition(Option::is_some)
        .map_or(0, |p| p + 1);
    row.amounts
        .truncate(trailing.max(if row.amounts.iter().all(Option::is_none) {
            0
        } else {
            trailing
        }));
    cell_boxes.truncate(row.amounts.len());
    row.source = Some(Box::new(Source {
        file: file_name.map(str::to_string),
        page: Some(grow.page).filter(|&p| p > 0),
        line: grow.line,
        last_line: grow.last_line.filter(|&l| Some(l) != grow.line),
        bbox: (grow.line.is_none()).then(|| round_box(grow.bbox)),
        cells: if grow.line.is_none() {
            cell_boxes
        } else {
            Vec::new()
        },
        ..Source::default()
    }));
    Some(row)
}

/// A text export's table that lost its empty cells, read back by its sums where they say
/// where each figure goes ([`collapsed`]), or kept unread.
fn read_collapsed(
    grid: &Grid,
    kind: TableKind,
    id: String,
    unit: MoneyUnit,
    file_name: Option<&str>,
    hints: &collapsed::hints::Hints,
    issues: &mut Vec<Issue>,
) -> Table {
    if kinds::is_two_sided(kind) {
        return read_collapsed_two_sided(grid, id, unit, file_name, issues);
    }
    let rebuilt = collapsed::rebuild(grid, hints);
    let rebuilt = match rebuilt {
        Ok(r) => r,
        Err(why) => return unread_table(grid, id, unit, file_name, &why, issues),
    };
    let mut table = to_table(&rebuilt.grid, id, unit, file_name, issues);
    for row in &mut table.rows {
        let line = row.source.as_ref().and_then(|s| s.line);
        if let Some((_, note)) = rebuilt
            .notes
            .iter()
            .find(|(l, _)| *l == line && l.is_some())
        {
            let note = format!("Imported: {note}.");
            row.note = Some(match row.note.take() {
                Some(n) => format!("{n} {note}").into(),
                None => note.into(),
            });
        }
    }
    let placed = rebuilt.notes.len();
    if rebuilt.ambiguous {
        issues.push(Issue::warning(
            grid.first_page,
            grid.first_line,
            Some(&grid.title),
            format!("the export lost this table's empty cells; the figures of {placed} rows were placed where every sum of the table holds, but other placements hold too: {} (each row's note says where)", if rebuilt.agreeing { "the one agreeing with the rows other tables print was taken" } else { "each figure was put as far left as the sums allow" }),
        ));
    } else {
        issues.push(Issue::note(
            grid.first_page,
            grid.first_line,
            Some(&grid.title),
            format!("the export lost this table's empty cells; the figures of {placed} rows were placed where every sum of the table holds, the only placement that does (each row's note says where)"),
        ));
    }
    table.note = Some(format!(
        "Imported from a text export that lost the empty cells: the columns were read from the header and its 栏次 line, each row's figures placed where the table's sums hold{}.",
        if rebuilt.ambiguous {
            " (as far left as they allow, where several placements hold)"
        } else {
            ""
        }
    ));
    table
}

/// A two-sided summary that lost its empty cells, one amount column a side: each figure is
/// the name's before it ([`collapsed::two_sided`]), where the table's own totals hold so;
/// otherwise unread.
fn read_collapsed_two_sided(
    grid: &Grid,
    id: String,
    unit: MoneyUnit,
    file_name: Option<&str>,
    issues: &mut Vec<Issue>,
) -> Table {
    let rebuilt = match collapsed::two_sided::rebuild(grid) {
        Ok(r) => r,
        Err(why) => return unread_table(grid, id, unit, file_name, &why, issues),
    };
    let mut table = to_table(&rebuilt.grid, id, unit, file_name, issues);
    if rebuilt.grid.columns.len() == 4 {
        issues.push(Issue::note(
            grid.first_page,
            grid.first_line,
            Some(&grid.title),
            "the export lost this table's empty cells; each side has one amount column, so each figure was read as the one of the name printed before it, and the table's totals hold so".to_string(),
        ));
        table.note = Some(
            "Imported from a text export that lost the empty cells: one amount column a side, each figure read with the name printed before it; a line with one name is the side whose numbering it continues.".to_string(),
        );
        return table;
    }
    // The expenditure side by source: each placement is noted on its row.
    for row in &mut table.rows {
        let line = row.source.as_ref().and_then(|s| s.line);
        let note = rebuilt
            .notes
            .iter()
            .find(|(l, _)| l.is_some() && *l == line)
            .filter(|_| row.side == Some(crate::model::table::Side::Expenditure));
        if let Some((_, note)) = note {
            row.note = Some(format!("Imported: {note}.").into());
        }
    }
    issues.push(Issue::note(
        grid.first_page,
        grid.first_line,
        Some(&grid.title),
        format!("the export lost this table's empty cells; the income side has one amount column, each figure read as the one of the name printed before it; the expenditure side's figures of {} lines were placed by source where every sum of the table holds, the only placement that does (each row's note says where)", rebuilt.notes.len()),
    ));
    table.note = Some(
        "Imported from a text export that lost the empty cells: the income side's figures read with the name printed before each; the expenditure side's 合计 and sources placed where the source columns add up to the 本年支出合计 and each source's 支出总计 is what the income side received from it.".to_string(),
    );
    table
}

/// A text export's table that lost its empty cells (`合计 160.02 85.26 74.76`: which columns
/// these are, nothing says). Each printed line becomes a row with its code and name; its
/// figures, as printed and in order, go to the row's note, none to a column; the table says
/// why, and the report warns.
fn unread_table(
    grid: &Grid,
    id: String,
    unit: MoneyUnit,
    file_name: Option<&str>,
    why: &str,
    issues: &mut Vec<Issue>,
) -> Table {
    let kind = kinds::table_kind(&grid.title);
    issues.push(Issue::warning(
        grid.first_page,
        grid.first_line,
        Some(&grid.title),
        format!("the export lost this table's empty cells (figures one space apart) and they could not be placed by its sums ({why}): they are kept in each row's note and not audited"),
    ));
    let rows = grid
        .rows
        .iter()
        .filter_map(|g| {
            let words: Vec<&str> = g
                .cells
                .iter()
                .flatten()
                .flat_map(|c| c.text.split_whitespace())
                .collect();
            let figures: Vec<&str> = words.iter().copied().filter(|w| is_amount(w)).collect();
            let mut rest = words.iter().copied().filter(|w| !is_amount(w)).peekable();
            let mut code = String::new();
            while let Some(w) = rest.next_if(|w| w.chars().all(|c| c.is_ascii_digit())) {
                code.push_str(w);
            }
            let label = rest.collect::<Vec<_>>().join(" ");
            if label.is_empty() && code.is_empty() && figures.is_empty() {
                return None;
            }
            let mut row = Row {
                label,
                note: (!figures.is_empty()).then(|| figures_note(&figures).into()),
                source: Some(Box::new(Source {
                    file: file_name.map(str::to_string),
                    page: Some(g.page).filter(|&p| p > 0),
                    line: g.line,
                    last_line: g.last_line.filter(|&l| Some(l) != g.line),
                    ..Source::default()
                })),
                ..Row::default()
            };
            match (code.len(), code.as_bytes().first()) {
                (0, _) => {}
                (3 | 5 | 7, Some(b'2')) => row.func = Some(code.into()),
                (3 | 5, Some(b'3')) => row.econ = Some(code.into()),
                (3 | 5, Some(b'5')) => row.gov_econ = Some(code.into()),
                _ => row.unit = Some(code.into()),
            }
            if is_total_label(&row.label) {
                row.role = Some(RowRole::Total);
            }
            Some(row)
        })
        .collect();
    Table {
        id,
        kind,
        number: grid.number.clone(),
        title: grid.title.clone(),
        unit,
        row_header: Vec::new(),
        columns: Vec::new(),
        rows,
        printed_notes: grid.notes.clone(),
        note: None,
        unread: Some(
            "the text export lost the table's empty cells (figures one space apart), so its figures cannot be placed in their columns".into(),
        ),
        source: Some(Source {
            file: file_name.map(str::to_string),
            page: Some(grid.first_page).filter(|&p| p > 0),
            line: grid.first_line,
            last_line: grid.last_line,
            ..Source::default()
        }),
    }
}

/// The note of an unread table's row: its figures as printed, in order.
fn figures_note(figures: &[impl AsRef<str>]) -> String {
    let figures: Vec<&str> = figures.iter().map(AsRef::as_ref).collect();
    format!("Printed figures, not placed: {}.", figures.join(" "))
}

/// Marks a table unread: each row's figures move to its note, as printed, none to a column.
pub fn mark_unread(table: &mut Table, why: String) {
    for row in &mut table.rows {
        let printed: Vec<String> = row
            .amounts
            .drain(..)
            .flatten()
            .map(|a| a.to_string())
            .collect();
        if let Some(s) = row.source.as_mut() {
            s.cells.clear();
        }
        if !printed.is_empty() {
            let note = figures_note(&printed);
            row.note = Some(match row.note.take() {
                Some(n) => format!("{n} {note}").into(),
                None => note.into(),
            });
        }
    }
    table.unread = Some(why);
}

/// Whether a name is an organisation's (a department or unit): 市科学技术局, 产业技术研究中心.
pub fn is_organisation(name: &str) -> bool {
    let c = compact(name);
    let c = c
        .trim_end_matches(['）', ')'])
        .trim_end_matches("本级")
        .trim_end_matches(['（', '(']);
    [
        "局",
        "院",
        "中心",
        "委员会",
        "办公室",
        "厅",
        "所",
        "站",
        "馆",
        "处",
        "部",
        "委",
        "会",
        "学校",
        "大学",
    ]
    .iter()
    .any(|e| c.ends_with(e))
        && !c.ends_with("支出")
}

/// An unnumbered income line naming the source numbered above it (其他一般公共预算资金 under
/// 一、一般公共预算, 其中：政府性基金预算资金 under 二、政府性基金预算拨款收入) is a part of
/// that source, not the source again.
fn sub_items_of_sources(rows: &mut [Row]) {
    let numbered = |r: &Row| strip_ordinal(&normalize(&r.label)) != normalize(&r.label);
    let sources: Vec<arcstr::ArcStr> = rows
        .iter()
        .filter(|r| r.role == Some(RowRole::IncomeSource) && numbered(r))
        .filter_map(|r| r.key.clone())
        .collect();
    for row in rows.iter_mut() {
        if row.role == Some(RowRole::IncomeSource)
            && !numbered(row)
            && row.key.as_ref().is_some_and(|k| sources.contains(k))
        {
            row.role = Some(RowRole::Other);
            row.key = None;
            const WHY: &str =
                "a part of the income source numbered above it, not the source again.";
            row.note = Some(match row.note.as_deref() {
                Some(n) => format!("{n} {WHY}").into(),
                None => format!("Imported: {WHY}").into(),
            });
        }
    }
}

/// A line holding only a remark (备注：…, 注：…), as a note under the table would read.
fn is_remark(row: &Row) -> bool {
    row.func.is_none()
        && row.econ.is_none()
        && row.gov_econ.is_none()
        && row.amounts.iter().all(Option::is_none)
        && super::grid::is_note_text(&crate::text::compact(&row.label))
}

/// A project table that prints its units by name as lines over their projects (晋城市科学技
/// 术研究院 above 课题研究经费 …): each project without a printed unit is the line's above it.
fn projects_under_unit_lines(rows: &mut [Row]) {
    let mut unit: Option<arcstr::ArcStr> = None;
    for row in rows {
        match row.role {
            Some(RowRole::Unit) if row.unit.is_none() => unit = Some(row.label.as_str().into()),
            Some(RowRole::Unit | RowRole::Department) => unit = None,
            Some(RowRole::Project) if row.unit.is_none() && row.unit_name.is_none() => {
                row.unit_name = unit.clone();
            }
            _ => {}
        }
    }
}

fn round_box(b: [f32; 4]) -> [f32; 4] {
    b.map(|v| (v * 10.0).round() / 10.0)
}

/// Gives a row its role (and source key) from its label, as the summary tables print them.
fn classify(row: &mut Row, kind: TableKind) {
    let label = normalize(&row.label);
    let bare = strip_ordinal(&label);
    if row.func.is_some()
        || row.econ.is_some()
        || row.gov_econ.is_some()
        || matches!(row.role, Some(RowRole::Department | RowRole::Unit))
    {
        return;
    }
    if label.is_empty() {
        // The first line of a project table, amounts under no name, is its total.
        if kind == TableKind::ProjectExpenditure && row.amounts.iter().any(Option::is_some) {
            row.role = Some(RowRole::Total);
        }
        return;
    }
    let Some(side) = row.side else {
        // 部门合计, 单位合计: the table's total under another name.
        if is_total_label(&label)
            || label.ends_with("合计")
                && label.chars().count() <= 4
                && row.amounts.iter().any(Option::is_some)
        {
            row.role = Some(if label == "小计" {
                RowRole::Subtotal
            } else {
                RowRole::Total
            });
            return;
        }
        if kind == TableKind::ProjectExpenditure
            && row.role.is_none()
            && row.project_type.is_none()
            && is_organisation(&row.label)
        {
            // A department's or unit's line among the projects (晋城市科学技术局 above its
            // projects): the first is the department's.
            row.role = Some(RowRole::Unit);
            return;
        }
        if kind == TableKind::ProjectExpenditure && !label.contains("合计") && row.role.is_none()
        {
            row.role = Some(RowRole::Project);
        }
        return;
    };
    let has = |s: &str| bare.contains(s);
    let role_key: (RowRole, Option<&str>) = match side {
        Side::Income => {
            if has("收入总计")
                || has("收入合计") && !has("本年") && !has("当年")
                || label == "总计"
                || label == "合计"
            {
                (RowRole::IncomeGrandTotal, None)
            } else if has("本年收入合计")
                || has("当年收入小计")
                || has("本年收入小计")
                || bare == "本年收入"
            {
                (RowRole::IncomeCurrentTotal, None)
            } else if has("结转") && (has("上年") || has("年初")) || has("上年结余") {
                (RowRole::IncomeCarryover, None)
            } else if let Some(key) = source_key(&bare) {
                (RowRole::IncomeSource, Some(key))
            } else {
                (RowRole::Other, None)
            }
        }
        Side::Expenditure => {
            if has("支出总计")
                || has("支出合计") && !has("本年") && !has("当年")
                || label == "总计"
                || label == "合计"
            {
                (RowRole::ExpenditureGrandTotal, None)
            } else if has("本年支出合计")
                || has("当年支出小计")
                || has("本年支出小计")
                || bare == "本年支出"
            {
                (RowRole::ExpenditureCurrentTotal, None)
            } else if has("结转") && (has("年终") || has("年末") || has("下年")) {
                (RowRole::ExpenditureCarryover, None)
            } else if starts_with_ordinal(&label) && function_class_by_name(&bare).is_some() {
                (RowRole::ExpenditureClass, None)
            } else {
                (RowRole::Other, None)
            }
        }
    };
    row.role = Some(role_key.0);
    row.key = role_key.1.map(arcstr::ArcStr::from);
}

/// Source lines printed under a carry-over line (年初财政拨款结转和结余 / 一、一般公共预算财政拨款)
/// are parts of the carry-over, not current-year sources.
fn carryover_sources(rows: &mut [Row]) {
    let mut under = false;
    for row in rows.iter_mut().filter(|r| r.side == Some(Side::Income)) {
        match row.role {
            Some(RowRole::IncomeCarryover) => under = true,
            Some(RowRole::IncomeSource) if under => {
                if let Some(k) = row.key.as_mut().filter(|k| !k.starts_with("carryover")) {
                    *k = format!("carryover_{k}").into();
                }
            }
            Some(RowRole::IncomeSource) => {}
            _ => under = false,
        }
    }
}

/// The income source a summary line names.
pub(super) fn source_key(label: &str) -> Option<&'static str> {
    let has = |s: &str| label.contains(s);
    if has("非财政拨款") || has("使用") && has("结余") {
        // 决算: 使用非财政拨款结余 is its own line after 本年收入合计, not a source of it.
        return None;
    }
    Some(if has("其中") && has("财政拨款") {
        "gpb_fiscal"
    } else if has("一般公共预算") || has("公共财政") {
        "gpb"
    } else if has("政府性基金") {
        "gov_fund"
    } else if has("国有资本经营") {
        "state_capital"
    } else if has("财政专户") {
        "special_account"
    } else if has("财政拨款") {
        "fiscal"
    } else if has("事业单位经营") || has("经营收入") {
        "operating_income"
    } else if has("事业收入") {
        "business_income"
    } else if has("上级补助") {
        "superior_subsidy"
    } else if has("附属单位") {
        "subordinate_remit"
    } else if has("事业基金") {
        "fund_balance"
    } else if has("单位资金") {
        "unit_funds"
    } else if has("其他收入") {
        "other_income"
    } else {
        return None;
    })
}

/// `一、财政拨款收入` → `财政拨款收入`; `1.一般公共预算资金` → `一般公共预算资金`.
pub fn strip_ordinal(label: &str) -> String {
    if !starts_with_ordinal(label) {
        return label.to_string();
    }
    let seps = ['、', '.', '．', '）', ')'];
    match label.find(seps) {
        Some(at) => {
            let sep_len = label[at..].chars().next().map_or(0, char::len_utf8);
            label[at + sep_len..].trim_start_matches(seps).to_string()
        }
        None => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_stripped() {
        assert_eq!(strip_ordinal("一、财政拨款收入"), "财政拨款收入");
        assert_eq!(strip_ordinal("1.一般公共预算资金"), "一般公共预算资金");
        assert_eq!(strip_ordinal("（一）一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_ordinal("合计"), "合计");
    }

    #[test]
    fn a_source_named_again_under_its_number_is_a_part_of_it() {
        let income = |label: &str| {
            let mut r = Row {
                side: Some(Side::Income),
                label: label.into(),
                ..Row::default()
            };
            classify(&mut r, TableKind::IncomeExpenditureSummary);
            r
        };
        let mut rows = vec![
            income("一、一般公共预算"),
            income("其中：财政拨款"),
            income("其他一般公共预算资金"),
            income("二、政府性基金预算拨款收入"),
            income("其中：政府性基金预算资金"),
        ];
        sub_items_of_sources(&mut rows);
        let got: Vec<(Option<RowRole>, Option<&str>)> =
            rows.iter().map(|r| (r.role, r.key.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Some(RowRole::IncomeSource), Some("gpb")),
                (Some(RowRole::IncomeSource), Some("gpb_fiscal")),
                (Some(RowRole::Other), None),
                (Some(RowRole::IncomeSource), Some("gov_fund")),
                (Some(RowRole::Other), None),
            ]
        );
        assert!(rows[2].note.is_some());
    }

    #[test]
    fn summary_lines_get_roles() {
        let mut r = Row {
            side: Some(Side::Income),
            label: "一、财政拨款收入".into(),
            ..Row::default()
        };
        classify(&mut r, TableKind::IncomeExpenditureSummary);
        assert_eq!(
            (r.role, r.key.as_deref()),
            (Some(RowRole::IncomeSource), Some("fiscal"))
        );
        let mut r = Row {
            side: Some(Side::Expenditure),
            label: "五、资源勘探工业信息等支出".into(),
            ..Row::default()
        };
        classify(&mut r, TableKind::IncomeExpenditureSummary);
        assert_eq!(r.role, Some(RowRole::ExpenditureClass));
        let mut r = Row {
            side: Some(Side::Expenditure),
            label: "支出总计".into(),
            ..Row::default()
        };
        classify(&mut r, TableKind::IncomeExpenditureSummary);
        assert_eq!(r.role, Some(RowRole::ExpenditureGrandTotal));
        let mut r = Row {
            side: Some(Side::Income),
            label: "当年收入小计".into(),
            ..Row::default()
        };
        classify(&mut r, TableKind::IncomeExpenditureSummary);
        assert_eq!(r.role, Some(RowRole::IncomeCurrentTotal));
    }
}
