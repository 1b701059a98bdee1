//! Finding tables on pages: titles, ruled grids, header cells, columns and rows.
//!
//! In the manner of pdfplumber's table finder: ruling lines give the cells where a page has
//! them (the lattice), word positions where it does not (the stream). A number goes to the
//! column whose cell holds its centre, so a blank cell stays blank and nothing shifts. A grid
//! that starts a page with no title continues the table of the page before, whether or not
//! its header is repeated.

use super::layout::{Line, Page, Word, compact};
use super::pdf::Rule;
use super::words::{is_amount, is_code, is_page_number, is_total_label, starts_with_ordinal};

/// A table as found on the pages, before it is given meaning.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub title: String,
    /// `公开01表`, `预算03表`, `表一` where printed beside the title.
    pub number: Option<String>,
    /// Lines between the title and the table: 编制部门, 单位：元.
    pub meta: Vec<String>,
    pub file: usize,
    pub first_page: u32,
    pub last_page: u32,
    /// Text-export lines of the title and the last row.
    pub first_line: Option<u32>,
    pub last_line: Option<u32>,
    pub columns: Vec<GridColumn>,
    /// The header bands of the first page as rows, cell by cell (forms such as the
    /// performance target tables print labelled rows here, before any figure).
    pub header_rows: Vec<GridRow>,
    pub rows: Vec<GridRow>,
    /// Notes printed under the table (注：…, 本表为空).
    pub notes: Vec<String>,
    /// Continued on later pages.
    pub pieces: usize,
    /// A text export's table whose figures are separated by single spaces: the export lost
    /// the empty cells and the spacing, so positions say nothing of the columns.
    pub collapsed: bool,
    /// Laid out from a text export's tab-separated fields (cells by field, not by position).
    pub from_fields: bool,
    /// A text export's table lines as printed (not tab-separated), header and rows, with the
    /// lines the page-number filter would drop (a lone `1` is the tail of a wrapped code
    /// there): what [`super::collapsed`] reads a collapsed table from. Empty for a PDF.
    pub raw: Vec<RawLine>,
}

/// One printed line of a text export's table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawLine {
    pub page: u32,
    pub line: Option<u32>,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridColumn {
    /// Header cells from the outermost to the innermost.
    pub header: Vec<String>,
    pub x0: f32,
    pub x1: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridRow {
    /// One cell per column; `None` where nothing is printed.
    pub cells: Vec<Option<GridCell>>,
    pub page: u32,
    pub line: Option<u32>,
    pub last_line: Option<u32>,
    pub bbox: [f32; 4],
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridCell {
    pub text: String,
    pub bbox: [f32; 4],
}

/// A line of the document outside any table, for the narrative.
#[derive(Clone, Debug, PartialEq)]
pub struct FreeLine {
    pub file: usize,
    pub page: u32,
    pub line: Option<u32>,
    pub x0: f32,
    pub x1: f32,
    pub page_width: f32,
    pub text: String,
    pub size: f32,
}

/// Tables and free text of a disclosure's pages, in printed order.
pub fn find(pages: &[Page]) -> (Vec<Grid>, Vec<FreeLine>) {
    let mut grids: Vec<Grid> = Vec::new();
    let mut free: Vec<FreeLine> = Vec::new();
    // Whether the last thing on the previous page was a table (a grid at the top of this page
    // then continues it).
    let mut open = false;
    for page in pages {
        let lines: Vec<&Line> = page
            .lines
            .iter()
            .filter(|l| !is_page_number(l, page.height, page.text_grid))
            .collect();
        let regions = ruled_regions(page);
        let titles: Vec<usize> = (0..lines.len())
            .filter(|&i| is_title_at(&lines, i, &regions, page))
            .collect();
        let mut used = vec![false; lines.len()];
        // The regions in order, each with the title above it (if any on this page).
        let mut consumed_titles = Vec::new();
        let mut spans: Vec<(Option<usize>, Region)> = Vec::new();
        for region in &regions {
            let title = titles
                .iter()
                .copied()
                // Above the grid, or inside the top of a frame drawn around title and table.
                .filter(|&t| {
                    (lines[t].bottom <= region.top + 2.0
                        || lines[t].top >= region.top - 2.0 && lines[t].top <= region.top + 40.0)
                        && !consumed_titles.contains(&t)
                })
                .rfind(|&t| {
                    // No other region between the title and this one.
                    !regions
                        .iter()
                        .any(|r| r.top > lines[t].bottom && r.bottom < region.top)
                });
            if let Some(t) = title {
                consumed_titles.push(t);
            }
            spans.push((title, *region));
        }
        // Titles with no ruled region below them: a stream table from the title to the next
        // title or the end of the page.
        for &t in &titles {
            if consumed_titles.contains(&t) {
                continue;
            }
            let next = titles
                .iter()
                .copied()
                .filter(|&o| o > t)
                .map(|o| lines[o].top)
                .chain(
                    regions
                        .iter()
                        .map(|r| r.top)
                        .filter(|&y| y > lines[t].bottom),
                )
                .fold(page.height + 1.0, f32::min);
            // A text export has no rules and often one page: its last table ends where the
            // prose starts again (a sentence, a 第…部分 heading), not at the end of the text.
            let next = if page.text_grid {
                lines
                    .iter()
                    .filter(|l| l.top > lines[t].bottom && l.top < next && is_prose(l))
                    .map(|l| l.top)
                    .fold(next, f32::min)
            } else {
                next
            };
            spans.push((
                Some(t),
                Region {
                    top: lines[t].bottom,
                    bottom: next - 0.5,
                    x0: 0.0,
                    x1: page.width,
                    ruled: false,
                },
            ));
        }
        // A text export's page that starts with rows, under no title, continues the table of
        // the page before (a text has no rules to say so).
        if page.text_grid && open {
            let first_title = spans
                .iter()
                .map(|(t, r)| t.map_or(r.top, |t| lines[t].top))
                .fold(page.height + 1.0, f32::min);
            let before: Vec<&&Line> = lines.iter().filter(|l| l.bottom < first_title).collect();
            if before
                .iter()
                .any(|l| l.words.iter().any(|w| is_amount(&w.text)))
                && let Some(top) = before.first().map(|l| l.top)
            {
                spans.push((
                    None,
                    Region {
                        top: top - 0.5,
                        bottom: first_title - 0.5,
                        x0: 0.0,
                        x1: page.width,
                        ruled: false,
                    },
                ));
            }
        }
        spans.sort_by(|a, b| a.1.top.total_cmp(&b.1.top));
        for (index, (title, region)) in spans.iter().enumerate() {
            let next_top = spans
                .get(index + 1)
                .map(|(t, r)| t.map_or(r.top, |t| lines[t].top))
                .unwrap_or(page.height + 1.0);
            let mut grid_meta = Vec::new();
            let mut header_above: Vec<&Line> = Vec::new();
            // A text export can print a table's 单位 line and number before its title (the
            // page's header line, `单位：万元部门名称：…` then `预算02表`): they are its meta.
            if let Some(t) = title
                && page.text_grid
            {
                // (The annex's heading, 附件：…部门预算表, can stand between them.)
                let annex = |i: usize| lines[i].compact().starts_with("附件");
                let above: Vec<usize> = (t.saturating_sub(3)..*t)
                    .rev()
                    .take_while(|&i| {
                        !used[i] && (is_meta(lines[i]) && !has_figures(lines[i]) || annex(i))
                    })
                    .filter(|&i| !annex(i))
                    .collect();
                for &i in above.iter().rev() {
                    used[i] = true;
                    grid_meta.push(lines[i].text());
                }
            }
            if let Some(t) = title {
                used[*t] = true;
                // Lines between the title and the grid: number, 编制部门, 单位, and for a
                // ruled grid any header printed above its first rule.
                for (i, l) in lines.iter().enumerate() {
                    if i > *t
                        && l.top >= lines[*t].bottom - 0.5
                        && l.bottom <= region.top + 1.0
                        && !used[i]
                        && (region.ruled || is_meta(l))
                    {
                        used[i] = true;
                        // A text export's grid holds its whole header: what is above is meta.
                        if is_meta(l)
                            || page.text_grid
                            || grid_meta.len() < 3 && !looks_like_header(l)
                        {
                            grid_meta.push(l.text());
                        } else {
                            header_above.push(l);
                        }
                    }
                }
            }
            // Without rules, the 编制部门 / 单位 lines right under the title are meta too.
            if let Some(t) = title
                && !region.ruled
            {
                for (i, l) in lines.iter().enumerate().skip(t + 1) {
                    if used[i] || !region.holds(l) {
                        continue;
                    }
                    if !is_meta(l) {
                        break;
                    }
                    used[i] = true;
                    grid_meta.push(l.text());
                }
            }
            let inside: Vec<usize> = (0..lines.len())
                .filter(|&i| !used[i] && region.holds(lines[i]))
                .collect();
            for &i in &inside {
                used[i] = true;
            }
            // A text's table runs to the next title: a note inside that stretch (注：本部门无
            // 相关收支项目) is the table's note, not a row.
            let mut notes = Vec::new();
            let inside: Vec<usize> = if page.text_grid && !region.ruled {
                let (note_lines, rest): (Vec<usize>, Vec<usize>) =
                    inside.into_iter().partition(|&i| is_note(lines[i]));
                notes.extend(note_lines.into_iter().map(|i| lines[i].text()));
                // The next table's 单位 line and number (预算11表), printed before its title.
                let (next_meta, rest): (Vec<usize>, Vec<usize>) =
                    rest.into_iter().partition(|&i| {
                        let t = lines[i].compact();
                        is_meta(lines[i]) && !has_figures(lines[i])
                            || split_number(&t).0.is_empty() && !t.is_empty()
                    });
                for i in next_meta {
                    used[i] = false;
                }
                rest
            } else {
                inside
            };
            let mut body: Vec<&Line> = header_above;
            body.extend(inside.iter().map(|&i| lines[i]));
            // Notes right under the table.
            for (i, l) in lines.iter().enumerate() {
                if !used[i]
                    && l.top >= region.bottom - 1.0
                    && l.bottom <= next_top + 0.5
                    && is_note(l)
                {
                    used[i] = true;
                    notes.push(l.text());
                }
            }
            let mut piece = build_piece(page, region, &body);
            if page.text_grid && !region.ruled {
                let body_lines: Vec<Option<u32>> = body.iter().map(|l| l.line_no).collect();
                piece.raw = page
                    .lines
                    .iter()
                    .filter(|l| {
                        body_lines.contains(&l.line_no)
                            || region.holds(l) && is_page_number(l, page.height, page.text_grid)
                    })
                    .map(|l| RawLine {
                        page: page.number,
                        line: l.line_no,
                        text: l.text(),
                    })
                    .collect();
            }
            match title {
                Some(t) => {
                    let (title_text, number) = split_number(&lines[*t].text());
                    let number =
                        number.or_else(|| grid_meta.iter().find_map(|m| split_number(m).1));
                    grids.push(Grid {
                        title: title_text,
                        number,
                        meta: grid_meta,
                        file: page.file,
                        first_page: page.number,
                        last_page: page.number,
                        first_line: lines[*t].line_no,
                        last_line: piece.rows.last().and_then(|r| r.last_line.or(r.line)),
                        columns: piece.columns,
                        header_rows: piece.header_rows,
                        rows: piece.rows,
                        notes,
                        pieces: 1,
                        collapsed: piece.collapsed,
                        from_fields: page.text_grid && region.ruled,
                        raw: piece.raw,
                    });
                }
                None if open || index > 0 => {
                    if let Some(g) = grids.last_mut().filter(|g| g.file == page.file) {
                        continue_grid(g, piece, page.number);
                        g.notes.extend(notes);
                    }
                }
                None => {
                    // A ruled box with no title before it (a cover frame, a text box): text.
                    for &i in &inside {
                        used[i] = false;
                    }
                }
            }
        }
        // Everything not in a table is free text.
        let mut last_table_bottom = f32::MIN;
        for (_, r) in &spans {
            last_table_bottom = last_table_bottom.max(r.bottom);
        }
        let mut trailing_text = false;
        for (i, l) in lines.iter().enumerate() {
            if used[i] {
                continue;
            }
            if l.top > last_table_bottom {
                trailing_text = true;
            }
            free.push(FreeLine {
                file: page.file,
                page: page.number,
                line: l.line_no,
                x0: l.x0(),
                x1: l.x1(),
                page_width: page.width,
                text: l.text(),
                size: l.words.iter().map(|w| w.size).fold(0.0, f32::max),
            });
        }
        open = !spans.is_empty() && !trailing_text;
    }
    (grids, free)
}

/// A part of a page ruled as one table, or the stretch below a title without rules.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Region {
    top: f32,
    bottom: f32,
    x0: f32,
    x1: f32,
    ruled: bool,
}

impl Region {
    fn holds(&self, line: &Line) -> bool {
        let cy = line.cy();
        cy > self.top - 0.5
            && cy < self.bottom + 0.5
            && line.x1() > self.x0 - 2.0
            && line.x0() < self.x1 + 2.0
    }
}

/// Groups a page's horizontal rules into table regions: rules close together, or joined by a
/// vertical rule, belong to one table.
fn ruled_regions(page: &Page) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    let wide: Vec<&Rule> = page.hrules.iter().filter(|r| r.x1 - r.x0 > 40.0).collect();
    for r in wide {
        let bridged = |reg: &Region| {
            page.vrules.iter().any(|v| {
                v.top <= reg.bottom + 1.5
                    && v.bottom >= r.top - 1.5
                    && v.x0 >= reg.x0 - 2.0
                    && v.x0 <= reg.x1 + 2.0
            })
        };
        // A text export's tab blocks are whole tables (their blank lines are page breaks
        // inside them): a printed line between two blocks (the next form's title) parts them.
        // (A text export's lines are in printed order, top to bottom: the first line below
        // the region is found by bisection, not by a scan per rule.)
        let parted = |reg: &Region| {
            page.text_grid && {
                let below = page.lines.partition_point(|l| l.top < reg.bottom - 0.5);
                page.lines
                    .get(below)
                    .is_some_and(|l| l.bottom <= r.top + 0.5)
            }
        };
        match regions.last_mut() {
            Some(reg)
                if (r.top - reg.bottom < 45.0 && !parted(reg) || bridged(reg))
                    && r.x0 < reg.x1
                    && r.x1 > reg.x0 =>
            {
                reg.bottom = reg.bottom.max(r.bottom);
                reg.x0 = reg.x0.min(r.x0);
                reg.x1 = reg.x1.max(r.x1);
            }
            _ => regions.push(Region {
                top: r.top,
                bottom: r.bottom,
                x0: r.x0,
                x1: r.x1,
                ruled: true,
            }),
        }
    }
    // A single rule is an underline, not a table.
    regions.retain(|r| r.bottom - r.top > 8.0);
    regions
}

/// Whether line `i` is a table title: a short line naming a budget table, followed by the
/// table's unit line or a ruled grid. Table-of-contents entries (`1. 2025年…表`) and
/// sentences are not titles.
fn is_title_at(lines: &[&Line], i: usize, regions: &[Region], page: &Page) -> bool {
    let line = lines[i];
    if !looks_like_title(&line.compact()) || line.words.len() > 4 {
        return false;
    }
    let followed_by_meta = lines
        .iter()
        .skip(i + 1)
        .take(4)
        .any(|l| is_meta(l) && l.top - line.bottom < 120.0);
    let followed_by_grid = regions
        .iter()
        .any(|r| r.top >= line.bottom - 2.0 && r.top - line.bottom < 150.0);
    if !page.text_grid {
        return followed_by_meta || followed_by_grid;
    }
    // A text export: the 单位 line may come before the title (单位：万元部门名称：…), or not
    // at all; a title is then known by the figures under it.
    let preceded_by_meta = lines[i.saturating_sub(3)..i].iter().any(|l| is_meta(l));
    // Figures under it, or the 合计 line and the note of an empty table.
    let followed_by_figures = lines
        .iter()
        .skip(i + 1)
        .take(80)
        .take_while(|l| !looks_like_title(&l.compact()))
        .any(|l| {
            l.words.iter().filter(|w| is_amount(&w.text)).count() >= 2
                || is_total_label(&l.compact())
                || is_note(l) && l.compact().contains("无数据")
        });
    // A target form's title right above its tab-separated grid (项目支出绩效目标表, then
    // 项目名称 | | 课题研究经费) starts a table even with no unit line.
    let names_a_form = crate::import::kinds::is_performance_title(&line.compact());
    followed_by_meta || preceded_by_meta && followed_by_figures || names_a_form && followed_by_grid
}

/// A line of running text: a sentence, or a part heading (第三部分).
fn is_prose(line: &Line) -> bool {
    let t = line.compact();
    let len = t.chars().count();
    !line.words.iter().any(|w| is_amount(&w.text))
        && (len > 30 && t.contains('。') || t.starts_with('第') && t.contains("部分") && len < 30)
}

/// Whether compact text reads like a table title.
pub fn looks_like_title(t: &str) -> bool {
    let len = t.chars().count();
    if !(4..=60).contains(&len) || t.contains('。') || t.contains('，') || t.contains('；') {
        return false;
    }
    if starts_with_ordinal(t)
        // An aside in brackets: （项目绩效目标表公开情况见附件）.
        || t.starts_with(['（', '('])
        // A table number alone (预算公开表1): it belongs to the title beside it.
        || split_number(t).0.is_empty()
        || t.starts_with("详见")
        || t.starts_with("附件")
        || t.starts_with("备注")
        || t.starts_with("注")
        || t.starts_with('第') && t.contains("部分")
        || t.contains("公开报表")
        || t.contains("目录")
    {
        return false;
    }
    let tail: String = {
        let chars: Vec<char> = t.chars().collect();
        chars[chars.len().saturating_sub(14)..].iter().collect()
    };
    if !tail.contains('表') {
        return false;
    }
    [
        "预算", "决算", "收支", "收入", "支出", "经费", "绩效", "采购", "资产", "项目",
    ]
    .iter()
    .any(|k| t.contains(k))
}

/// 编制部门：…, 单位：元, 部门：…, 金额单位：万元.
fn is_meta(line: &Line) -> bool {
    let t = line.compact();
    t.contains("单位：")
        || t.contains("单位:")
        || t.starts_with("编制部门")
        || t.starts_with("部门名称")
        || t.starts_with("单位名称：")
        || t.starts_with("部门：")
        || t.starts_with("部门:")
        || t.starts_with("预算单位")
        || t.starts_with("主管部门")
        || split_number(&t).1.is_some() && t.chars().count() < 12
}

/// Whether a line prints a figure (a table's row, not its 单位 line).
fn has_figures(line: &Line) -> bool {
    line.words.iter().any(|w| is_amount(&w.text))
}

fn looks_like_header(line: &Line) -> bool {
    !line
        .words
        .iter()
        .any(|w| is_amount(&w.text) || is_code(&w.text))
}

/// A note printed under a table.
fn is_note(line: &Line) -> bool {
    is_note_text(&line.compact())
}

/// Whether compact text is a note on a table (注：…, 备注…, 本表…, 本表为空).
pub fn is_note_text(t: &str) -> bool {
    t.starts_with("注")
        || t.starts_with("备注")
        || t.starts_with("说明：")
        // 本表仅含当年财政拨款安排的支出, 本表反映…: a remark on the table.
        || t.starts_with("本表")
        || t.contains("本表为空")
        || t.contains("此表为空")
        || t.contains("本表无数据")
        || t.contains("空表")
        || t.contains("无此项")
        || t.starts_with('*')
}

/// Splits `公开01表 收支预算总表` into title and number.
fn split_number(text: &str) -> (String, Option<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_number = |w: &str| {
        let c = compact(w);
        (c.starts_with("公开")
            || c.starts_with("预算")
            || c.starts_with("附表")
            || c.starts_with("表"))
            && c.chars().count() <= 8
            && c.chars()
                .any(|ch| ch.is_ascii_digit() || "一二三四五六七八九十".contains(ch))
            && !c.contains("总表")
    };
    let number = words.iter().find(|w| is_number(w)).map(|w| w.to_string());
    let title: Vec<&str> = words.iter().copied().filter(|w| !is_number(w)).collect();
    (title.join(" "), number)
}

/// One page's part of a table.
struct Piece {
    columns: Vec<GridColumn>,
    header_rows: Vec<GridRow>,
    rows: Vec<GridRow>,
    collapsed: bool,
    raw: Vec<RawLine>,
}

fn build_piece(page: &Page, region: &Region, body: &[&Line]) -> Piece {
    // Row bands: between wide horizontal rules, or one per line without rules.
    let bands = bands(page, region, body);
    // The header is the bands above the first that holds data.
    let first_data = bands
        .iter()
        .position(|b| band_is_data(&b.1))
        .unwrap_or(bands.len());
    let header_bottom = bands
        .get(first_data)
        .map(|b| b.0.0)
        .unwrap_or(region.bottom);
    let header_words: Vec<&Word> = bands[..first_data]
        .iter()
        .flat_map(|b| b.1.iter().flat_map(|l| l.words.iter()))
        .collect();
    let data: Vec<&(Span, Vec<&Line>)> = bands[first_data..].iter().collect();
    let data_top = header_bottom;
    let data_bottom = data.last().map_or(region.bottom, |b| b.0.1);
    let boundaries = column_boundaries(page, region, data_top, data_bottom, &data, &header_words);
    let header_cells = header_cells(page, region, &header_words, data_top);
    let mut columns: Vec<GridColumn> = boundaries
        .windows(2)
        .map(|w| GridColumn {
            header: Vec::new(),
            x0: w[0],
            x1: w[1],
        })
        .collect();
    for col in &mut columns {
        let c = (col.x0 + col.x1) / 2.0;
        let mut cells: Vec<&HeaderCell> = header_cells
            .iter()
            .filter(|h| h.x0 <= c + 1.0 && h.x1 >= c - 1.0)
            .collect();
        cells.sort_by(|a, b| a.top.total_cmp(&b.top));
        col.header = cells.iter().map(|h| h.text.clone()).collect();
    }
    // Columns that hold nothing at all, neither header nor data, are artefacts of the rules.
    let mut rows: Vec<GridRow> = Vec::new();
    for (span, ls) in data.iter().filter(|(_, ls)| !ls.is_empty()) {
        if stacked_amounts(&columns, ls) {
            // Several rows drawn in one ruled band (merged category cells beside them): one
            // row per printed line.
            for l in ls {
                rows.push(make_row(page, &columns, (l.top, l.bottom), &[*l]));
            }
        } else {
            rows.push(make_row(page, &columns, *span, ls));
        }
    }
    // A table printed as one blank ruled line (an empty 三公 table) keeps that line.
    if rows.is_empty() && data.iter().any(|(_, ls)| ls.is_empty()) {
        let (span, _) = data
            .iter()
            .find(|(_, ls)| ls.is_empty())
            .expect("a blank band");
        rows.push(GridRow {
            cells: vec![None; columns.len()],
            page: page.number,
            line: None,
            last_line: None,
            bbox: [region.x0, span.0, region.x1, span.1],
        });
    }
    let mut header_rows: Vec<GridRow> = bands[..first_data]
        .iter()
        .filter(|(_, ls)| !ls.is_empty())
        .map(|(span, ls)| make_row(page, &columns, *span, ls))
        .collect();
    let empty: Vec<bool> = (0..columns.len())
        .map(|i| columns[i].header.is_empty() && rows.iter().all(|r| r.cells[i].is_none()))
        .collect();
    if empty.iter().any(|&e| e) {
        let keep: Vec<usize> = (0..columns.len()).filter(|&i| !empty[i]).collect();
        columns = keep.iter().map(|&i| columns[i].clone()).collect();
        for r in rows.iter_mut().chain(header_rows.iter_mut()) {
            r.cells = keep.iter().map(|&i| r.cells[i].clone()).collect();
        }
    }
    Piece {
        columns,
        header_rows,
        rows,
        collapsed: page.text_grid
            && (data.iter().any(|(_, ls)| ls.iter().any(|l| collapsed(l)))
                || single_spaced(data.iter().flat_map(|(_, ls)| ls.iter()))),
        raw: Vec::new(),
    }
}

type Span = (f32, f32);

/// Whether a text line prints two figures with a single space between them (`85.26 74.76`):
/// an export that kept no column spacing.
fn collapsed(line: &Line) -> bool {
    line.words
        .windows(2)
        .any(|w| is_amount(&w[0].text) && is_amount(&w[1].text) && w[1].x0 - w[0].x1 < w[0].size)
}

/// Whether a text table kept no column spacing at all, where no line prints two figures
/// side by side (a two-sided table with one figure a side: `85.26 一、一般公共服务`): at
/// least two lines print a figure and the next item's name (`一、…`) a single space apart, and no line
/// has a wider gap. (`pdftotext -layout` sets a figure against a name now and then, but
/// spaces its columns elsewhere.)
fn single_spaced<'a>(lines: impl Iterator<Item = &'a &'a Line>) -> bool {
    let mut against = 0;
    for line in lines {
        let gaps = || line.words.windows(2).map(|w| (w, w[1].x0 - w[0].x1));
        if gaps().any(|(w, gap)| gap >= w[0].size) {
            return false;
        }
        if gaps().any(|(w, _)| is_amount(&w[0].text) && starts_with_ordinal(&w[1].text)) {
            against += 1;
        }
    }
    against >= 2
}

/// Whether a band holds two amounts on different lines of one column.
fn stacked_amounts(columns: &[GridColumn], lines: &[&Line]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    columns.iter().any(|c| {
        lines
            .iter()
            .filter(|l| {
                l.words
                    .iter()
                    .any(|w| is_amount(&w.text) && w.cx() >= c.x0 && w.cx() < c.x1)
            })
            .count()
            > 1
    })
}

/// Row bands of a region: the stretches between wide horizontal rules, each with its lines;
/// without rules, one band per line.
fn bands<'a>(page: &Page, region: &Region, body: &[&'a Line]) -> Vec<(Span, Vec<&'a Line>)> {
    let width = region.x1 - region.x0;
    let mut ys: Vec<f32> = page
        .hrules
        .iter()
        .filter(|r| region.ruled && r.top >= region.top - 1.0 && r.bottom <= region.bottom + 1.0)
        // Rules across most of the table, or across its right part (rows of the item columns
        // beside cells merged over many rows, as in 政府采购预算表).
        .filter(|r| {
            r.x1 - r.x0 >= width * 0.5 || r.x1 >= region.x1 - 3.0 && r.x1 - r.x0 >= width * 0.25
        })
        .map(|r| (r.top + r.bottom) / 2.0)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    let mut out: Vec<(Span, Vec<&Line>)> = Vec::new();
    // Lines above the first rule (a header printed over an open grid) are bands of their own.
    let first = ys.first().copied().unwrap_or(f32::MAX);
    for l in body.iter().filter(|l| l.cy() < first) {
        out.push(((l.top, l.bottom), vec![*l]));
    }
    for w in ys.windows(2) {
        let lines: Vec<&Line> = body
            .iter()
            .copied()
            .filter(|l| l.cy() > w[0] && l.cy() < w[1])
            .collect();
        out.push(((w[0], w[1]), lines));
    }
    let last = ys.last().copied().unwrap_or(f32::MIN);
    for l in body.iter().filter(|l| l.cy() > last && ys.len() >= 2) {
        out.push(((l.top, l.bottom), vec![*l]));
    }
    if ys.len() < 2 {
        out.clear();
        for l in body {
            out.push(((l.top, l.bottom), vec![*l]));
        }
    }
    // Blank bands at the very top (above the header) say nothing.
    while out.first().is_some_and(|b| b.1.is_empty()) {
        out.remove(0);
    }
    out
}

/// A band holds data when it has an amount or a code, is blank (an empty row of a ruled
/// table), or is a total or numbered line.
fn band_is_data(lines: &[&Line]) -> bool {
    if lines.is_empty() {
        return true;
    }
    let words: Vec<&Word> = lines.iter().flat_map(|l| l.words.iter()).collect();
    if words.iter().any(|w| is_amount(&w.text) || is_code(&w.text)) {
        return true;
    }
    let first = compact(&words[0].text);
    (is_total_label(&first) && words.len() <= 2) || starts_with_ordinal(&first)
}

/// Column boundaries of the data rows: vertical rules crossing them, or, without rules, the
/// gaps between the words of the rows and of the header.
fn column_boundaries(
    page: &Page,
    region: &Region,
    top: f32,
    bottom: f32,
    data: &[&(Span, Vec<&Line>)],
    header: &[&Word],
) -> Vec<f32> {
    let height = (bottom - top).max(1.0);
    // A rule that stops at a merged last line (合计 across 类|款|项|名称) still bounds its column.
    let last_band = data.last().map_or(0.0, |b| b.0.1 - b.0.0);
    let mut xs: Vec<f32> = page
        .vrules
        .iter()
        .filter(|r| region.ruled && r.x0 >= region.x0 - 2.0 && r.x1 <= region.x1 + 2.0)
        .filter(|r| {
            let covered = r.bottom.min(bottom) - r.top.max(top);
            covered >= height * 0.6 || covered >= height - last_band - 3.0 && covered > 3.0
        })
        .map(|r| (r.x0 + r.x1) / 2.0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    if xs.len() >= 3 {
        return xs;
    }
    // Stream: merge the horizontal extents of all data words into runs; each run is a column.
    let mut spans: Vec<(f32, f32)> = data
        .iter()
        .flat_map(|(_, ls)| ls.iter().flat_map(|l| l.words.iter()))
        .map(|w| (w.x0, w.x1))
        .collect();
    // Header words stand for columns that may hold no data at all; only leaf-level ones
    // (narrow) are used, so a spanning header does not glue its columns together.
    let gap = if page.text_grid { 0.5 } else { 2.0 };
    let mut merged = merge_spans(spans.clone(), gap);
    for w in header {
        if !merged.iter().any(|&(a, b)| w.x0 < b && w.x1 > a) {
            spans.push((w.x0, w.x1));
        }
    }
    merged = merge_spans(spans, gap);
    let mut xs = vec![region.x0.min(merged.first().map_or(region.x0, |m| m.0)) - 0.5];
    for w in merged.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(region.x1.max(merged.last().map_or(region.x1, |m| m.1)) + 0.5);
    xs
}

fn merge_spans(mut spans: Vec<(f32, f32)>, gap: f32) -> Vec<(f32, f32)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(m) if a <= m.1 + gap => m.1 = m.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// A header cell: the words inside one ruled cell (or one word without rules).
#[derive(Clone, Debug)]
struct HeaderCell {
    text: String,
    x0: f32,
    x1: f32,
    top: f32,
}

fn header_cells(page: &Page, region: &Region, words: &[&Word], data_top: f32) -> Vec<HeaderCell> {
    // Each word's cell: the nearest rules around its centre that cross it.
    type CellKey = (i32, i32, i32, i32);
    let mut cells: Vec<(CellKey, Vec<&Word>)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let (cx, cy) = (w.cx(), w.cy());
        let left = page
            .vrules
            .iter()
            .filter(|r| region.ruled && r.x1 <= cx && r.top <= cy && r.bottom >= cy)
            .map(|r| r.x1)
            .fold(f32::MIN, f32::max);
        let right = page
            .vrules
            .iter()
            .filter(|r| region.ruled && r.x0 >= cx && r.top <= cy && r.bottom >= cy)
            .map(|r| r.x0)
            .fold(f32::MAX, f32::min);
        let above = page
            .hrules
            .iter()
            .filter(|r| region.ruled && r.bottom <= cy && r.x0 <= cx && r.x1 >= cx)
            .map(|r| r.bottom)
            .fold(f32::MIN, f32::max);
        let below = page
            .hrules
            .iter()
            .filter(|r| region.ruled && r.top >= cy && r.x0 <= cx && r.x1 >= cx)
            .map(|r| r.top)
            .fold(f32::MAX, f32::min)
            .min(data_top);
        let (x0, x1) = if left > f32::MIN && right < f32::MAX {
            (left, right)
        } else {
            // No rules: the word reaches half-way to its neighbours on the line.
            let same_line = |o: &&Word| (o.cy() - cy).abs() < w.size.max(o.size) * 0.5;
            let prev = words[..i]
                .iter()
                .filter(|o| same_line(o) && o.x1 <= w.x0)
                .map(|o| o.x1)
                .fold(region.x0, f32::max);
            let next = words[i + 1..]
                .iter()
                .filter(|o| same_line(o) && o.x0 >= w.x1)
                .map(|o| o.x0)
                .fold(region.x1, f32::min);
            let mut lo = if left > f32::MIN {
                left
            } else {
                (prev + w.x0) / 2.0
            };
            let mut hi = if right < f32::MAX {
                right
            } else {
                (w.x1 + next) / 2.0
            };
            if page.text_grid {
                // A text export's header word with no neighbour on one side reaches as far
                // that way as it reaches the other: a spanning header is centred over its
                // columns, and `项` after `类 款` covers its own column, not every one to its
                // right.
                let (has_prev, has_next) = (prev > region.x0, next < region.x1);
                match (has_prev, has_next) {
                    (true, false) if right == f32::MAX => hi = w.x1 + (w.x0 - lo),
                    (false, true) if left == f32::MIN => lo = w.x0 - (hi - w.x1),
                    (false, false) => {
                        if left == f32::MIN {
                            lo = w.x0 - w.size * 0.5;
                        }
                        if right == f32::MAX {
                            hi = w.x1 + w.size * 0.5;
                        }
                    }
                    _ => {}
                }
            }
            (lo, hi)
        };
        let (t, b) = if above > f32::MIN && below < f32::MAX {
            (above, below)
        } else {
            (w.top, w.bottom)
        };
        let key = (
            x0.round() as i32,
            t.round() as i32,
            x1.round() as i32,
            b.round() as i32,
        );
        match cells.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1.push(w),
            None => cells.push((key, vec![w])),
        }
    }
    cells
        .into_iter()
        .map(|(key, mut ws)| {
            ws.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
            HeaderCell {
                text: join_words(&ws),
                x0: key.0 as f32,
                x1: key.2 as f32,
                top: key.1 as f32,
            }
        })
        .filter(|c| !c.text.is_empty())
        .collect()
}

/// Joins a cell's words: with a space on one line, without one across a wrap (Chinese text
/// wraps anywhere).
fn join_words(words: &[&Word]) -> String {
    let mut out = String::new();
    let mut last: Option<&Word> = None;
    for w in words {
        if let Some(l) = last {
            let same_line = (w.cy() - l.cy()).abs() < l.size.max(w.size) * 0.5;
            if same_line {
                out.push(' ');
            }
        }
        out.push_str(&w.text);
        last = Some(w);
    }
    out
}

fn make_row(page: &Page, columns: &[GridColumn], span: Span, lines: &[&Line]) -> GridRow {
    let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); columns.len()];
    for w in lines.iter().flat_map(|l| l.words.iter()) {
        let cx = merged_cell_start(page, columns, w).unwrap_or(w.cx());
        let i = columns
            .iter()
            .position(|c| cx >= c.x0 && cx < c.x1)
            .or_else(|| {
                // Outside every column (a word spilling over the frame): the nearest one.
                columns
                    .iter()
                    .enumerate()
                    .min_by(|a, b| dist(a.1, cx).total_cmp(&dist(b.1, cx)))
                    .map(|(i, _)| i)
            });
        if let Some(i) = i {
            cells[i].push(w);
        }
    }
    let x0 = lines.iter().map(|l| l.x0()).fold(f32::MAX, f32::min);
    let x1 = lines.iter().map(|l| l.x1()).fold(f32::MIN, f32::max);
    GridRow {
        cells: cells
            .into_iter()
            .map(|mut ws| {
                if ws.is_empty() {
                    return None;
                }
                ws.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
                let bbox = [
                    ws.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
                    ws.iter().map(|w| w.top).fold(f32::MAX, f32::min),
                    ws.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
                    ws.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
                ];
                Some(GridCell {
                    text: join_words(&ws),
                    bbox,
                })
            })
            .collect(),
        page: page.number,
        line: lines.iter().filter_map(|l| l.line_no).min(),
        last_line: lines.iter().filter_map(|l| l.line_no).max(),
        bbox: [x0, span.0, x1, span.1],
    }
}

/// For a word in a cell merged over several columns (合计 across 类|款|项|名称, 当年支出小计
/// across a whole block), a point in the first of those columns: the name belongs to the
/// row's first column, not to the amount column its centre happens to fall in.
fn merged_cell_start(page: &Page, columns: &[GridColumn], w: &Word) -> Option<f32> {
    let cy = w.cy();
    let crossing = |r: &&Rule| r.top <= cy && r.bottom >= cy;
    let left = page
        .vrules
        .iter()
        .filter(crossing)
        .map(|r| (r.x0 + r.x1) / 2.0)
        .filter(|&x| x <= w.x0 + 1.0)
        .fold(f32::MIN, f32::max);
    let right = page
        .vrules
        .iter()
        .filter(crossing)
        .map(|r| (r.x0 + r.x1) / 2.0)
        .filter(|&x| x >= w.x1 - 1.0)
        .fold(f32::MAX, f32::min);
    if left == f32::MIN || right == f32::MAX {
        return None;
    }
    let spanned: Vec<&GridColumn> = columns
        .iter()
        .filter(|c| (c.x0 + c.x1) / 2.0 > left && (c.x0 + c.x1) / 2.0 < right)
        .collect();
    (spanned.len() > 1).then(|| (spanned[0].x0 + spanned[0].x1) / 2.0)
}

fn dist(c: &GridColumn, x: f32) -> f32 {
    if x < c.x0 {
        c.x0 - x
    } else if x > c.x1 {
        x - c.x1
    } else {
        0.0
    }
}

/// Adds a continued page to a table: its rows go to the table's columns by position, and a
/// repeated header is dropped.
fn continue_grid(grid: &mut Grid, piece: Piece, page: u32) {
    grid.last_page = page;
    grid.pieces += 1;
    grid.collapsed |= piece.collapsed;
    grid.raw.extend(piece.raw);
    if grid.columns.is_empty() {
        grid.columns = piece.columns;
        grid.rows.extend(piece.rows);
        return;
    }
    for row in piece.rows {
        let mut cells: Vec<Option<GridCell>> = vec![None; grid.columns.len()];
        for (pc, cell) in piece.columns.iter().zip(row.cells) {
            let Some(cell) = cell else { continue };
            let cx = (pc.x0 + pc.x1) / 2.0;
            let target = grid
                .columns
                .iter()
                .enumerate()
                .min_by(|a, b| dist(a.1, cx).total_cmp(&dist(b.1, cx)))
                .map(|(i, _)| i)
                .unwrap_or(0);
            match &mut cells[target] {
                Some(existing) => {
                    existing.text.push(' ');
                    existing.text.push_str(&cell.text);
                }
                slot => *slot = Some(cell),
            }
        }
        grid.last_line = row.last_line.or(row.line).or(grid.last_line);
        grid.rows.push(GridRow { cells, ..row });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert!(looks_like_title("2025年部门财务收支预算总表"));
        assert!(looks_like_title("财政拨款支出预算表（功能科目）"));
        assert!(looks_like_title("“三公”经费、会议费、培训费支出预算表"));
        assert!(looks_like_title("财政项目支出绩效目标填报表"));
        assert!(!looks_like_title("1.2025年部门财务收支预算总表"));
        assert!(!looks_like_title("五、部门预算表"));
        assert!(!looks_like_title("详见单位的项目绩效目标表"));
        assert!(!looks_like_title("本表反映部门收支预算情况，包括……表"));
    }

    #[test]
    fn numbers_beside_titles() {
        assert_eq!(
            split_number("公开01表 收支预算总表"),
            ("收支预算总表".to_string(), Some("公开01表".to_string()))
        );
        assert_eq!(
            split_number("收支预算总表"),
            ("收支预算总表".to_string(), None)
        );
    }
}
