//! Tables of a text export that lost their empty cells and their spacing (`1 合计 1186.91
//! 307.09 879.82` under six amount columns), read by the document's own arithmetic.
//!
//! Positions say nothing here, so such a table is read from its lines. The 栏次 line
//! (`栏次 1 2 … 12`) says how many columns the table has; the header's words, wrapped fragments
//! joined (`上解上级` + `支出`), name its amount columns in order, a group's children after it
//! (`本年收入` over `小计 … 其他收入`); each row is its 序号, its code (a wrapped `206010` + `1`
//! joined), its name and its figures. A row's figures are then placed in the columns where
//! every sum holds — the row's own (合计 = its parts, as the header states) and the table's (a
//! 类 = its 款, a 款 = its 项, the 合计 row = the 类) — rows taken in printed order, each figure
//! as far left as the sums allow. Where the header reads more than one way, the reading whose
//! sums hold is taken. A table no reading adds up for is not read: it stays unread, as
//! before.

mod by_source;
mod header;
pub mod hints;
mod nested;
mod place;
mod rows;
mod side_layout;
pub mod two_sided;

use super::grid::{Grid, GridCell, GridColumn, GridRow, RawLine};
use super::words::is_amount;

use super::placement::header_sums;
use header::{Header, TextColumn, columns_line, drawn, header, readings};
use hints::Hints;
use place::{Ambiguity, Budget, agrees, hint_for, place, settled};
use rows::{PrintedRow, rows};

/// Search steps allowed per table, over all its header readings, for placing its figures by
/// its sums, and as many again for the placement agreeing with other tables: a table whose
/// placement takes more is left unread (never a hang on a hostile file).
const BUDGET: usize = 400_000;

/// Most rows of a table whose rows are each tried for another placement.
const MAX_SETTLED_ROWS: usize = 200;

/// Most amount columns a table is read with.
const MAX_COLUMNS: usize = 16;

/// Most rows a table is read with (the search recurses once per row).
const MAX_ROWS: usize = 2_000;

/// Most placements enumerated over all rows of a table, for one reading of its header.
const MAX_CANDIDATES: u64 = 500_000;

/// A collapsed table read back into cells.
#[derive(Debug)]
pub struct Rebuilt {
    /// The table as a grid with one cell per column, for the ordinary table builder.
    pub grid: Grid,
    /// Per printed line of a row with figures: what was decided, for the row's note.
    pub notes: Vec<(Option<u32>, String)>,
    /// Whether another placement satisfies every sum too (the leftmost was taken, or the one
    /// agreeing with the other tables).
    pub ambiguous: bool,
    /// Whether the placement taken is the one agreeing with what other tables print.
    pub agreeing: bool,
}

/// A reading of the header (each amount column's path), the columns each row's figures were
/// placed in, and whether another placement holds too.
type Reading = (Vec<Vec<String>>, Vec<Vec<usize>>, Ambiguity);

/// The table's printed lines, blank ones left out.
fn printed_lines(grid: &Grid) -> Vec<&RawLine> {
    grid.raw
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect()
}

/// Where the header ends: after the 栏次 line (with the number of columns it counts), or at
/// the first line printing a figure.
fn header_end(lines: &[&RawLine]) -> Result<(usize, Option<usize>), String> {
    Ok(
        match lines.iter().position(|l| columns_line(&l.text).is_some()) {
            Some(at) => (at + 1, columns_line(&lines[at].text)),
            None => (
                lines
                    .iter()
                    .position(|l| l.text.split_whitespace().any(is_amount))
                    .ok_or("no figures")?,
                None,
            ),
        },
    )
}

/// Reads a collapsed table back into cells, or says why it cannot. Where several placements
/// add up, `hints` (what the other tables print for the same rows) choose among them.
pub fn rebuild(grid: &Grid, hints: &Hints) -> Result<Rebuilt, String> {
    let lines = printed_lines(grid);
    let (at, count) = header_end(&lines)?;
    let header_lines = &lines[..at - usize::from(count.is_some())];
    let header = header(header_lines, count)?;
    let rows = rows(&lines[at..], &lines[..at], &header)?;
    if rows.is_empty() {
        return Err("no rows".into());
    }
    if rows.len() > MAX_ROWS {
        return Err(format!("more than {MAX_ROWS} rows"));
    }
    // The readings that state the most sums and add up.
    let mut found: Vec<Reading> = Vec::new();
    let mut most = 0;
    let mut budget = Budget {
        sums: BUDGET,
        agreeing: BUDGET,
    };
    // Only the readings stating the most sums are kept: try those first, so that a reading
    // stating none (every placement holds) does not spend the steps the others need.
    let mut readings = readings(&header);
    readings.sort_by_key(|paths| std::cmp::Reverse(header_sums(paths).len()));
    for paths in readings {
        let stated = header_sums(&paths).len();
        if stated < most || paths.len() > MAX_COLUMNS {
            continue;
        }
        if let Some((placement, ambiguous)) = place(&paths, &rows, hints, &mut budget) {
            if stated > most {
                found.clear();
                most = stated;
            }
            found.push((paths, placement, ambiguous));
        }
    }
    if found.is_empty() {
        return Err(
            "no reading of the header and placement of the figures makes every sum hold".into(),
        );
    }
    // Readings that add up alike but place the figures differently: the one drawing each
    // group over the cells the standard tables put under it (其中：财政拨款 under
    // 一般公共预算) is how the table was drawn.
    if found.len() > 1
        && let Some(drawn) = drawn(&header)
        && found.iter().any(|f| f.0 == drawn)
    {
        found.retain(|f| f.0 == drawn);
    }
    let Some(first) = found.first() else {
        return Err("no reading".into());
    };
    let placed_headers = |(paths, placement, _): &Reading| {
        placement
            .iter()
            .map(|slots| slots.iter().map(|&s| paths[s].clone()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    if found
        .iter()
        .any(|f| placed_headers(f) != placed_headers(first))
    {
        return Err("the header reads more than one way, each adding up".into());
    }
    let (paths, placement, ambiguity) = first.clone();
    // Where several placements add up, which rows' figures none of them moves (tried row by
    // row in tables of ordinary size; in a longer one, none is taken as settled).
    let settled = match ambiguity {
        Ambiguity::Unique => vec![true; rows.len()],
        _ if rows.len() > MAX_SETTLED_ROWS => vec![false; rows.len()],
        _ => settled(&paths, &rows, &placement, BUDGET / 4),
    };
    let chosen = Chosen {
        placement,
        ambiguity,
        settled,
    };
    Ok(build(grid, &header, &paths, &rows, &chosen, hints))
}

/// The placement taken for a reading of the header: each row's columns, how it was chosen,
/// and which rows no other placement moves.
struct Chosen {
    placement: Vec<Vec<usize>>,
    ambiguity: Ambiguity,
    settled: Vec<bool>,
}

/// What the note of a row says when another placement of its figures adds up too: its
/// figures are where the importer chose, not where the sums put them (so no other table's
/// reading is chosen by them).
pub const UNSETTLED: &str = "other placements hold too";

/// The grid the table builder reads: the code and name columns, the amount columns, and each
/// row's figures in the cells they were placed in.
fn build(
    grid: &Grid,
    header: &Header,
    paths: &[Vec<String>],
    rows: &[PrintedRow],
    chosen: &Chosen,
    hints: &Hints,
) -> Rebuilt {
    let Chosen {
        placement,
        ambiguity,
        settled,
    } = chosen;
    let ambiguity = *ambiguity;
    let ambiguous = ambiguity != Ambiguity::Unique;
    let mut columns: Vec<GridColumn> = header
        .text
        .iter()
        .map(|(_, path)| path.clone())
        .chain(paths.iter().cloned())
        .enumerate()
        .map(|(i, header)| GridColumn {
            header,
            x0: i as f32 * 100.0,
            x1: i as f32 * 100.0 + 99.0,
        })
        .collect();
    columns.shrink_to_fit();
    let offset = header.text.len();
    let cell = |text: &str| {
        (!text.is_empty()).then(|| GridCell {
            text: text.to_string(),
            bbox: [0.0; 4],
        })
    };
    let mut notes = Vec::new();
    let grid_rows = rows
        .iter()
        .zip(placement)
        .zip(settled)
        .map(|((r, slots), &settled)| {
            let mut cells: Vec<Option<GridCell>> = vec![None; columns.len()];
            // The n-th code and name in the n-th code and name column; a code printed where
            // the header has no code column stays with its name.
            let mut pair = 0;
            let mut code_shown = false;
            for (i, (kind, _)) in header.text.iter().enumerate() {
                let code = r.codes.get(pair).map_or("", String::as_str);
                match kind {
                    TextColumn::Code => {
                        cells[i] = cell(code);
                        code_shown = true;
                    }
                    TextColumn::Name => {
                        let label = r.labels.get(pair).map_or("", String::as_str);
                        cells[i] = if code_shown {
                            cell(label)
                        } else {
                            cell(format!("{code} {label}").trim())
                        };
                        pair += 1;
                        code_shown = false;
                    }
                }
            }
            for (&s, f) in slots.iter().zip(&r.figures) {
                cells[offset + s] = cell(f);
            }
            if !r.figures.is_empty() && r.figures.len() < paths.len() {
                let placed: Vec<String> = slots.iter().map(|&s| paths[s].join("/")).collect();
                notes.push((
                    r.line,
                    format!(
                        "the export lost this row's empty cells: its figures {} were placed in {}, where the row's sums and the table's (its totals, the rows under it) hold{}",
                        r.figures.join(" "),
                        placed.join(", "),
                        match ambiguity {
                            Ambiguity::Unique => String::new(),
                            _ if settled => "; the table's figures add up other ways too, none moving this row's".to_string(),
                            Ambiguity::Leftmost => format!("; {UNSETTLED}, each figure was put as far left as the sums allow"),
                            Ambiguity::Agreeing => match hint_for(hints, paths, r).filter(|h| agrees(h, paths, r, slots)) {
                                Some(h) if h.by_source => format!("; {UNSETTLED}, this one agrees with what the income side of {} received from each source", h.table),
                                Some(h) if h.settled => format!("; {UNSETTLED}, this one agrees with the same row of {}", h.table),
                                Some(h) => format!("; {UNSETTLED}, this one agrees with the same row of {} (itself one of several placements there)", h.table),
                                None => format!("; {UNSETTLED}, this one is where the sums put it once the rows other tables print are placed as they print them"),
                            },
                        }
                    ),
                ));
            }
            GridRow {
                cells,
                page: r.page,
                line: r.line,
                last_line: r.last_line,
                bbox: [0.0; 4],
            }
        })
        .collect();
    let mut rebuilt = Rebuilt::of(grid, columns, grid_rows, notes, ambiguous);
    rebuilt.agreeing = ambiguity == Ambiguity::Agreeing;
    rebuilt
}

impl Rebuilt {
    /// `grid` with its columns and rows read back: an ordinary grid for the table builder.
    fn of(
        grid: &Grid,
        columns: Vec<GridColumn>,
        rows: Vec<GridRow>,
        notes: Vec<(Option<u32>, String)>,
        ambiguous: bool,
    ) -> Rebuilt {
        Rebuilt {
            grid: Grid {
                columns,
                header_rows: Vec::new(),
                rows,
                collapsed: false,
                raw: Vec::new(),
                ..grid.clone()
            },
            notes,
            ambiguous,
            agreeing: false,
        }
    }
}
