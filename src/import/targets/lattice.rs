//! The indicator block of a ruled PDF form, read cell by cell from the page's ruling lines.
//!
//! A form such as Shanghai's 财政项目支出绩效目标填报表 rules its indicator block finer than
//! the rest of the form, so the table finder sees a few wide cells there, each holding several
//! labels. The block's own rules say what each label is: its columns are the vertical rules
//! under the `一级指标 | 二级指标 | 三级指标 | 指标值` header, and a merged 一级 or 二级 cell is
//! the band between the horizontal rules that cross its column — its label is printed in the
//! middle of that band, not on its first line, so it cannot be filled down.

use crate::model::{Indicator, IndicatorValue, Source};

use super::super::grid::Grid;
use super::super::layout::{Line, Page, Word, compact};
use super::wrap_joins;

/// How far a rule may stop short of a column's edge and still cross it, in points.
const SLACK: f32 = 2.0;

/// The header labels of the four columns, as printed (指标值 may read 年度(/项目)指标值).
const HEADER: [&str; 4] = ["一级指标", "二级指标", "三级指标", "指标值"];

/// The indicators of `grid`'s ruled indicator block, read from the page it is printed on;
/// `None` when the page has no such block, the block runs onto another page, or a word in it
/// stands in no cell (nothing is guessed).
pub(super) fn indicators(
    grid: &Grid,
    pages: &[Page],
    file: Option<&str>,
) -> Option<Vec<Indicator>> {
    let header_row = grid.header_rows.iter().chain(grid.rows.iter()).find(|r| {
        let text: String = r.cells.iter().flatten().map(|c| compact(&c.text)).collect();
        HEADER.iter().all(|h| text.contains(h))
    })?;
    if grid.last_page != header_row.page {
        return None;
    }
    let page = pages
        .iter()
        .find(|p| p.file == grid.file && p.number == header_row.page && !p.text_grid)?;
    // The grid's extent on the page, below the header.
    let bottom = grid
        .rows
        .iter()
        .filter(|r| r.page == page.number)
        .map(|r| r.bbox[3])
        .fold(header_row.bbox[3], f32::max);
    let block = Block::under_header(page, header_row.bbox[1], header_row.bbox[3], bottom)?;
    block.read(page, file)
}

/// The texts of the cells ruled under the cells printing `labels` (项目总目标, 年度总体目标:
/// the goals of a form whose goal cells sit beside a vertical 项目绩效目标 label, which the
/// table finder reads through them), one per label; `None` unless every one is read.
pub(super) fn cells_under(grid: &Grid, pages: &[Page], labels: &[&str]) -> Option<Vec<String>> {
    let page = pages
        .iter()
        .find(|p| p.file == grid.file && p.number == grid.first_page && !p.text_grid)?;
    let line = page.lines.iter().find(|l| {
        let t = l.compact();
        labels.iter().all(|h| t.contains(h))
    })?;
    let edges = edges_across(page, line);
    labels
        .iter()
        .map(|label| {
            let word = line.words.iter().find(|w| compact(&w.text) == *label)?;
            let right = edges.iter().position(|&e| e > word.cx())?;
            let [x0, x1] = [*edges.get(right.checked_sub(1)?)?, edges[right]];
            let mut ys: Vec<f32> = page
                .hrules
                .iter()
                .filter(|r| r.x0 <= x0 + SLACK && r.x1 >= x1 - SLACK && r.top >= line.bottom - 1.0)
                .map(|r| r.top)
                .collect();
            ys.sort_by(f32::total_cmp);
            ys.dedup_by(|a, b| (*a - *b).abs() < SLACK);
            let [top, bottom] = [*ys.first()?, *ys.get(1)?];
            let words: Vec<(usize, &Word)> = page
                .lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.cy() > top && l.cy() < bottom)
                .flat_map(|(i, l)| l.words.iter().map(move |w| (i, w)))
                .filter(|(_, w)| w.cx() > x0 && w.cx() < x1)
                .collect();
            let text = joined(&words);
            (!text.is_empty()).then_some(text)
        })
        .collect()
}

/// The x of the vertical rules crossing `line`, left to right, each once.
fn edges_across(page: &Page, line: &Line) -> Vec<f32> {
    let mut edges: Vec<f32> = page
        .vrules_across(line.top, line.bottom)
        .map(|r| r.x0)
        .collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < SLACK);
    edges
}

/// The columns of an indicator block and the band of the page it covers.
struct Block {
    /// `[x0, x1]` of the 一级, 二级, 三级 and 指标值 columns.
    columns: [[f32; 2]; 4],
    top: f32,
    bottom: f32,
}

impl Block {
    /// The block whose header line lies between `top` and `bottom` of the header row.
    fn under_header(page: &Page, top: f32, header_bottom: f32, bottom: f32) -> Option<Block> {
        let line = page.lines.iter().find(|l| {
            l.cy() >= top - 1.0 && l.cy() <= header_bottom + 1.0 && {
                let t = l.compact();
                HEADER.iter().all(|h| t.contains(h))
            }
        })?;
        let edges = edges_across(page, line);
        let mut columns = [[0.0f32; 2]; 4];
        for (k, label) in HEADER.iter().enumerate() {
            let word = line
                .words
                .iter()
                .find(|w| compact(&w.text).contains(label))?;
            let x = word.cx();
            let right = edges.iter().position(|&e| e > x)?;
            if right == 0 {
                return None;
            }
            columns[k] = [edges[right - 1], edges[right]];
        }
        // Left to right, each its own column.
        if columns.windows(2).any(|w| w[0][1] > w[1][0] + SLACK) {
            return None;
        }
        // The block starts at the rule under the header line.
        let top = page
            .hrules
            .iter()
            .map(|r| r.top)
            .filter(|&y| y >= line.bottom - 1.0 && y <= bottom)
            .fold(f32::INFINITY, f32::min);
        (top < bottom).then_some(Block {
            columns,
            top,
            bottom: bottom + 1.0,
        })
    }

    /// The bands of column `k`: between consecutive horizontal rules crossing it.
    fn bands(&self, page: &Page, k: usize) -> Vec<[f32; 2]> {
        let [x0, x1] = self.columns[k];
        let mut ys: Vec<f32> = page
            .hrules
            .iter()
            .filter(|r| r.x0 <= x0 + SLACK && r.x1 >= x1 - SLACK)
            .map(|r| r.top)
            .filter(|&y| y >= self.top - 1.0 && y <= self.bottom)
            .collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < SLACK);
        ys.windows(2).map(|w| [w[0], w[1]]).collect()
    }

    /// Which column a word of the block stands in; `None` left of the 一级 column (the
    /// block's own 绩效指标 label), `Some(None)` anywhere else outside the columns.
    fn column_of(&self, w: &Word) -> Option<Option<usize>> {
        let x = w.cx();
        if x < self.columns[0][0] {
            return None;
        }
        Some(self.columns.iter().position(|c| x >= c[0] && x <= c[1]))
    }

    fn read(&self, page: &Page, file: Option<&str>) -> Option<Vec<Indicator>> {
        let bands: Vec<Vec<[f32; 2]>> = (0..4).map(|k| self.bands(page, k)).collect();
        let mut cells: Vec<Vec<Vec<(usize, &Word)>>> =
            bands.iter().map(|b| vec![Vec::new(); b.len()]).collect();
        let words = page
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.cy() > self.top && l.cy() < self.bottom)
            .flat_map(|(i, l)| l.words.iter().map(move |w| (i, w)));
        for (line, w) in words {
            let Some(k) = self.column_of(w) else { continue };
            let k = k?;
            let band = bands[k]
                .iter()
                .position(|b| w.cy() > b[0] && w.cy() < b[1])?;
            cells[k][band].push((line, w));
        }
        let text = |k: usize, y: f32| -> Option<String> {
            let band = bands[k].iter().position(|b| y > b[0] && y < b[1])?;
            Some(joined(&cells[k][band]))
        };
        let mut out = Vec::new();
        for (band, words) in bands[2].iter().zip(&cells[2]) {
            let mid = (band[0] + band[1]) / 2.0;
            let name = joined(words);
            let value = text(3, mid)?;
            if name.is_empty() && value.is_empty() {
                continue;
            }
            out.push(Indicator {
                level1: text(0, mid)?,
                level2: text(1, mid)?,
                name,
                value: IndicatorValue::new(value),
                description: None,
                basis: None,
                period: None,
                note: None,
                source: Some(Source {
                    file: file.map(str::to_string),
                    page: Some(page.number),
                    bbox: Some([self.columns[0][0], band[0], self.columns[3][1], band[1]]),
                    ..Source::default()
                }),
            });
        }
        (!out.is_empty()).then_some(out)
    }
}

/// A cell's text: its words gathered line by line, left to right; the words of one line
/// spaced as printed, its wrapped lines joined.
fn joined(words: &[(usize, &Word)]) -> String {
    let mut out = String::new();
    let mut line = None;
    for &(l, w) in words {
        let text = w.text.trim();
        let (Some(last), Some(first)) = (out.chars().last(), text.chars().next()) else {
            out.push_str(text);
            line = Some(l);
            continue;
        };
        if line == Some(l) || !wrap_joins(last, first) {
            out.push(' ');
        }
        out.push_str(text);
        line = Some(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::{GridCell, GridRow};
    use crate::import::pdf::Rule;

    fn line(top: f32, words: &[(f32, f32, &str)]) -> Line {
        Line {
            words: words
                .iter()
                .map(|&(x0, x1, t)| Word {
                    text: t.to_string(),
                    x0,
                    top,
                    x1,
                    bottom: top + 8.0,
                    size: 8.0,
                })
                .collect(),
            top,
            bottom: top + 8.0,
            line_no: None,
        }
    }

    fn h(x0: f32, x1: f32, y: f32) -> Rule {
        Rule {
            x0,
            top: y,
            x1,
            bottom: y + 0.5,
        }
    }

    fn v(x: f32) -> Rule {
        Rule {
            x0: x,
            top: 95.0,
            x1: x + 0.5,
            bottom: 172.0,
        }
    }

    /// A block ruled like the 填报表: the 一级 cell 产出指标 merged over three lines and printed
    /// in the middle one, the 二级 cell 数量指标 over two, 质量指标 wrapped within its cell, and
    /// the form's own 绩效指标 label left of the block.
    fn page(extra: Option<Line>) -> Page {
        let mut lines = vec![
            line(
                100.0,
                &[
                    (105.0, 140.0, "一级指标"),
                    (155.0, 190.0, "二级指标"),
                    (280.0, 320.0, "三级指标"),
                    (420.0, 480.0, "年度(/项目)指标值"),
                ],
            ),
            line(
                118.0,
                &[(280.0, 320.0, "开展活动"), (430.0, 460.0, "≥10次")],
            ),
            line(128.0, &[(155.0, 190.0, "数量指标")]),
            line(
                138.0,
                &[
                    (60.0, 95.0, "绩效指标"),
                    (105.0, 140.0, "产出指标"),
                    (280.0, 320.0, "培训"),
                    (430.0, 460.0, "≥2次"),
                ],
            ),
            line(154.0, &[(155.0, 185.0, "质量指")]),
            line(158.0, &[(280.0, 320.0, "合格率"), (430.0, 460.0, "100%")]),
            line(163.0, &[(165.0, 175.0, "标")]),
        ];
        lines.extend(extra);
        Page {
            number: 3,
            width: 600.0,
            height: 800.0,
            lines,
            hrules: vec![
                h(50.0, 500.0, 95.0),
                h(50.0, 500.0, 112.0),
                h(200.0, 500.0, 132.0),
                h(150.0, 500.0, 152.0),
                h(50.0, 500.0, 172.0),
            ],
            vrules: [50.0, 100.0, 150.0, 200.0, 400.0, 500.0].map(v).to_vec(),
            ..Page::default()
        }
    }

    fn grid() -> Grid {
        let row = |text: &str, top: f32, bottom: f32| GridRow {
            cells: vec![Some(GridCell {
                text: text.to_string(),
                bbox: [50.0, top, 500.0, bottom],
            })],
            page: 3,
            bbox: [50.0, top, 500.0, bottom],
            ..GridRow::default()
        };
        Grid {
            title: "财政项目支出绩效目标填报表".into(),
            first_page: 3,
            last_page: 3,
            header_rows: vec![row(
                "一级指标 二级指标 三级指标 年度(/项目)指标值",
                95.0,
                112.0,
            )],
            rows: vec![row("…", 112.0, 172.0)],
            ..Grid::default()
        }
    }

    #[test]
    fn merged_cells_give_every_indicator_its_levels_from_the_rules() {
        let read = indicators(&grid(), &[page(None)], Some("表格.pdf")).expect("read");
        let got = crate::import::targets::tests::levels(&read);
        assert_eq!(
            got,
            [
                ("产出指标", "数量指标", "开展活动", "≥10次"),
                ("产出指标", "数量指标", "培训", "≥2次"),
                ("产出指标", "质量指标", "合格率", "100%"),
            ]
        );
        let s = read[2].source.as_ref().unwrap();
        assert_eq!(
            (s.file.as_deref(), s.page, s.bbox),
            (
                Some("表格.pdf"),
                Some(3),
                Some([100.0, 152.0, 500.0, 172.0])
            )
        );
    }

    #[test]
    fn a_word_in_no_cell_or_a_page_without_rules_reads_nothing() {
        let stray = line(140.0, &[(520.0, 540.0, "备注")]);
        assert!(indicators(&grid(), &[page(Some(stray))], None).is_none());
        let unruled = Page {
            hrules: Vec::new(),
            vrules: Vec::new(),
            ..page(None)
        };
        assert!(indicators(&grid(), &[unruled], None).is_none());
        // Continued on the next page: not read from one page alone.
        let continued = Grid {
            last_page: 4,
            ..grid()
        };
        assert!(indicators(&continued, &[page(None)], None).is_none());
    }
}
