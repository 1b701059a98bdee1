//! A two-sided summary (收支总表) from a text export that lost its empty cells, where each
//! side has one amount column (`项 目 预算数 项 目 预算数`). Nothing is left to the sums here:
//! a line prints each side's name followed by its figure, if any, so a figure belongs to the
//! name before it (`1 一、一般公共预算拨款收入 1076.91 一、一般公共服务支出`). A line with one
//! name is the side whose numbering it continues (`6 六、科学技术支出 241.05` after 五、 on
//! the income side and 五、教育支出 on the expenditure side), or, unnumbered, the side its
//! name says (年终结转结余 is spent, 上年结转结余 received).
//!
//! A 财政拨款收支总表 whose expenditure side prints a 合计 and a column per source of funds is
//! read the same way, the figures after each expenditure name then placed among its columns by
//! the table's sums ([`by_source`]).

use rust_decimal::Decimal;

use super::super::grid::{Grid, GridCell, GridColumn, GridRow, RawLine};
use super::super::words::is_amount;
use super::by_source;
use super::header::CELLS;
use super::nested;
use super::side_layout::{layout, ordinal, sub_ordinal};
use super::{Rebuilt, header_end, printed_lines};

/// A printed name with the figures after it.
type Item = (String, Vec<String>);

/// A line's income and expenditure items.
type Sides = [Option<Item>; 2];

/// The table read back into four columns (income name and amount, expenditure name and
/// amount), or why it cannot be.
pub fn rebuild(grid: &Grid) -> Result<Rebuilt, String> {
    let lines = printed_lines(grid);
    let (first_row, counted) = header_end(&lines)?;
    let header: Vec<String> = lines[..first_row]
        .iter()
        .flat_map(|l| l.text.split_whitespace().map(str::to_string))
        .collect();
    let amount_words: Vec<&String> = header
        .iter()
        .filter(|w| matches!(w.as_str(), "预算数" | "金额" | "预算金额"))
        .collect();
    // The expenditure side's 合计 and source columns, where it prints them.
    let parts = source_columns(&header);
    let by_sources = amount_words.len() == 1 && parts.len() >= 2;
    if by_sources {
        if counted.is_some_and(|n| n != 4 + parts.len()) {
            return Err(format!(
                "the 栏次 line counts {} columns where the header names {}",
                counted.unwrap_or(0),
                4 + parts.len()
            ));
        }
    } else if amount_words.len() != 2 || counted.is_some_and(|n| n != 4) {
        return Err("a two-sided table with more than one amount column a side".into());
    }
    let most_figures = [1, if by_sources { parts.len() + 1 } else { 1 }];
    let numbered = header.iter().any(|w| w == "序号");
    let header_texts: Vec<&str> = lines[..first_row].iter().map(|l| l.text.trim()).collect();
    let mut next_number = 1u32;
    let mut last = [0u32; 2];
    let mut last_sub = [0u32; 2];
    let mut rows: Vec<(&RawLine, Sides)> = Vec::new();
    // The item the previous line ended on, while it has no figures: (row, side, whether its
    // name was joined from wrapped pieces).
    let mut open: Option<(usize, usize, bool)> = None;
    let mut i = first_row;
    while i < lines.len() {
        let l = lines[i];
        i += 1;
        let mut words: Vec<&str> = l.text.split_whitespace().collect();
        if numbered {
            // The 序号 of the next row; anything else is a header printed again on a new page.
            if words.first().and_then(|w| w.parse::<u32>().ok()) != Some(next_number) {
                continue;
            }
            words.remove(0);
            next_number += 1;
        } else {
            // The header printed again on a new page, line for line.
            let again = header_texts.len() > 1
                && lines[i - 1..]
                    .iter()
                    .map(|l| l.text.trim())
                    .take(header_texts.len())
                    .eq(header_texts.iter().copied());
            if again {
                i += header_texts.len() - 1;
                open = None;
                continue;
            }
        }
        let (leading, mut items) = items(&words);
        let mut wrapped_into = None;
        if !numbered && let Some((r, s, wrapped)) = open {
            // A name wrapped onto this line (`（一）一般公共预算拨` / `款`), or the figure of a
            // wrapped name printed at the start of the next line (`85.26 （一）一般公共服务支出`).
            let piece = leading.is_empty()
                && items.first().is_some_and(|(n, _)| is_piece(n))
                && !(words.len() > 1 && is_header_line(&words, &header));
            if piece {
                let (name, figures) = items.remove(0);
                if let Some((n, f)) = rows[r].1[s].as_mut() {
                    n.push_str(&name);
                    f.extend(figures);
                }
                wrapped_into = Some((r, s));
            } else if wrapped && !leading.is_empty() {
                if let Some((_, f)) = rows[r].1[s].as_mut() {
                    f.extend(leading.iter().cloned());
                }
                wrapped_into = Some((r, s));
            }
        }
        if wrapped_into.is_none() {
            if !leading.is_empty() {
                // A line starting with a figure (a page's number and running head): not a row.
                continue;
            }
            if is_header_line(&words, &header) {
                continue;
            }
        }
        let mut sides: Sides = [None, None];
        match items.len() {
            0 => {
                open = wrapped_into
                    .filter(|&(r, s)| rows[r].1[s].as_ref().is_some_and(|(_, f)| f.is_empty()))
                    .map(|(r, s)| (r, s, true));
                continue;
            }
            1 => {
                let (name, figure) = items.into_iter().next().unwrap_or_default();
                let side = side_of(&name, last, last_sub);
                sides[side] = Some((name, figure));
            }
            2 => {
                let mut it = items.into_iter();
                sides = [it.next(), it.next()];
            }
            _ => return Err(format!("line {}: more than two names", l.line.unwrap_or(0))),
        }
        for (s, item) in sides.iter().enumerate() {
            if let Some((name, _)) = item {
                if let Some(n) = ordinal(name) {
                    last[s] = n;
                    last_sub[s] = 0;
                } else if let Some(n) = sub_ordinal(name) {
                    last_sub[s] = n;
                }
            }
        }
        open = (0..2)
            .rev()
            .find(|&s| sides[s].is_some())
            .filter(|&s| sides[s].as_ref().is_some_and(|(_, f)| f.is_empty()))
            .map(|s| (rows.len(), s, false));
        rows.push((l, sides));
    }
    for (l, sides) in &rows {
        for (s, item) in sides.iter().enumerate() {
            if let Some((name, figures)) = item
                && figures.len() > most_figures[s]
            {
                return Err(format!(
                    "line {}: more figures after {name} than its side has columns",
                    l.line.unwrap_or(0)
                ));
            }
        }
    }
    if rows.is_empty() {
        return Err("no rows".into());
    }
    let read: Vec<Sides> = rows.iter().map(|(_, sides)| sides.clone()).collect();
    totals_hold(&read)?;
    let mut headers: Vec<Vec<String>> = vec![
        vec!["收入".into(), "项目".into()],
        vec!["收入".into(), "预算数".into()],
        vec!["支出".into(), "项目".into()],
        vec!["支出".into(), "预算数".into()],
    ];
    // Where each expenditure line's figures go (the 合计, then the sources), and why.
    let mut slots: Vec<Vec<usize>> = Vec::new();
    let mut notes = Vec::new();
    if by_sources {
        headers[1][1] = amount_words[0].clone();
        headers[3][1] = "合计".into();
        headers.extend(parts.iter().map(|p| {
            std::iter::once("支出".to_string())
                .chain(p.iter().cloned())
                .collect()
        }));
        let number = |f: &String| f.parse::<crate::model::Amount>().ok().map(|a| a.0);
        let income: Vec<(&str, Decimal)> = read
            .iter()
            .filter_map(|r| r[0].as_ref())
            .filter_map(|(n, f)| Some((n.as_str(), number(f.first()?)?)))
            .collect();
        let spent: Vec<by_source::Line> = read
            .iter()
            .filter_map(|r| r[1].as_ref())
            .map(|(name, figures)| by_source::Line {
                name,
                figures: figures.iter().filter_map(number).collect(),
            })
            .collect();
        slots = by_source::place(&parts, &spent, &income)?;
        let qizhong = parts
            .iter()
            .any(|p| p.last().is_some_and(|l| l.starts_with("其中")));
        for ((l, sides), s) in rows
            .iter()
            .filter(|(_, sides)| sides[1].is_some())
            .zip(&slots)
        {
            let figures = sides[1].as_ref().map_or(&[][..], |(_, f)| f.as_slice());
            if !figures.is_empty() && figures.len() <= parts.len() {
                let placed: Vec<String> =
                    s.iter().map(|&c| headers[3 + c][1..].join("/")).collect();
                notes.push((
                    l.line,
                    format!(
                        "the export lost this row's empty cells: its figures {} were placed in {}, the only placement where each source column adds up to the 本年支出合计 and each source's 支出总计 is what the income side received from it{}",
                        figures.join(" "),
                        placed.join(", "),
                        if qizhong {
                            " (a 其中 column's at least what the income side's 其中 line received)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    }
    let columns = headers
        .into_iter()
        .enumerate()
        .map(|(i, header)| GridColumn {
            header,
            x0: i as f32 * 100.0,
            x1: i as f32 * 100.0 + 99.0,
        })
        .collect::<Vec<_>>();
    let width = columns.len();
    let cell = |t: &str| {
        Some(GridCell {
            text: t.to_string(),
            bbox: [0.0; 4],
        })
    };
    let mut spent_slots = slots.into_iter();
    let grid_rows = rows
        .into_iter()
        .map(|(l, sides)| {
            let mut cells = vec![None; width];
            for (s, item) in sides.iter().enumerate() {
                if let Some((name, figures)) = item {
                    cells[2 * s] = cell(name);
                    let at: Vec<usize> = match (s, by_sources) {
                        (1, true) => spent_slots.next().unwrap_or_default(),
                        _ => vec![0],
                    };
                    for (f, c) in figures.iter().zip(at) {
                        cells[2 * s + 1 + c] = cell(f);
                    }
                }
            }
            GridRow {
                cells,
                page: l.page,
                line: l.line,
                last_line: None,
                bbox: [0.0; 4],
            }
        })
        .collect();
    Ok(Rebuilt::of(grid, columns, grid_rows, notes, false))
}

/// The table's own totals as read: on each side the numbered lines add up to the 本年 total,
/// the 本年 total and the lines under it to the 总计, and the two 总计 agree. At least one of
/// them must be printed, and every one printed must hold.
fn totals_hold(rows: &[Sides]) -> Result<(), String> {
    let value = |f: &Vec<String>| {
        f.first()
            .and_then(|t| t.parse::<crate::model::Amount>().ok())
            .map_or(Decimal::ZERO, |a| a.0)
    };
    // Each side's figures rounded to the cent: allow a cent per line added.
    let close = |a: Decimal, b: Decimal, n: usize| (a - b).abs() <= Decimal::new(n as i64 + 1, 2);
    let mut checked = 0;
    let mut grand = [None, None];
    for (s, grand) in grand.iter_mut().enumerate() {
        let side: Vec<(&str, Decimal)> = rows
            .iter()
            .filter_map(|r| r[s].as_ref())
            .map(|(n, f)| (n.as_str(), value(f)))
            .collect();
        let names: Vec<&str> = side.iter().map(|(n, _)| *n).collect();
        let total = layout(&names)
            .and_then(|l| l.grand)
            .or_else(|| names.iter().position(|n| n.contains("总计")));
        if let Some(l) = layout(&names) {
            let c = l.current;
            let parts: Vec<Decimal> = l.parts.iter().map(|&i| side[i].1).collect();
            if !close(parts.iter().sum(), side[c].1, parts.len()) {
                return Err(format!("{} does not add up as read", side[c].0));
            }
            checked += 1;
            if let Some(t) = l.grand {
                // The lines beside, or those without an ordinal where they are numbered parts
                // of the line above them (年初财政拨款结转和结余 over 一、一般公共预算拨款 …).
                let n = l.beside.len() + 1;
                let sum: Decimal = side[c].1 + l.beside.iter().map(|&i| side[i].1).sum::<Decimal>();
                let unnumbered: Decimal = side[c].1
                    + l.beside
                        .iter()
                        .filter(|&&i| ordinal(side[i].0).is_none())
                        .map(|&i| side[i].1)
                        .sum::<Decimal>();
                if !close(sum, side[t].1, n) && !close(unnumbered, side[t].1, n) {
                    return Err(format!("{} does not add up as read", side[t].0));
                }
                checked += 1;
            }
        }
        *grand = total.map(|t| side[t].1);
    }
    if let [Some(a), Some(b)] = grand {
        if a != b {
            return Err("the two sides' 总计 differ as read".into());
        }
        checked += 1;
    }
    if checked == 0 {
        return Err("no totals printed to confirm the reading".into());
    }
    Ok(())
}

/// `收入 支出`, `项 目 预算数 …`, `栏次 1 2 3 4`, a wrapped column name: the header printed
/// again.
fn is_header_line(words: &[&str], header: &[String]) -> bool {
    words.iter().all(|w| {
        matches!(
            *w,
            "收入" | "支出" | "项" | "目" | "项目" | "预算数" | "金额" | "栏次"
        ) || w.parse::<u32>().is_ok()
            || header.iter().any(|h| h == w)
    })
}

/// The expenditure side's source columns named after its 合计, each as its header path: one
/// standard cell each (`合计 一般公共预 算财政拨款 政府性基金 预算财政 拨款 …`, wrapped
/// fragments joined), or groups over the 其中 columns printed in a row below (`一般公共预算
/// 政府性基 金 … 单位资 金小计 其中：财政 拨款 …` → `一般公共预算 / 小计`, `一般公共预算 /
/// 其中：财政拨款`, `政府性基金` …). None where they spell no such columns.
fn source_columns(header: &[String]) -> Vec<Vec<String>> {
    let Some(at) = header.iter().rposition(|w| w == "合计") else {
        return Vec::new();
    };
    let after: Vec<String> = header[at + 1..]
        .iter()
        .take_while(|w| w.as_str() != "栏次")
        .cloned()
        .collect();
    let mut rest: String = after.concat();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let Some(cell) = CELLS
            .iter()
            .filter(|c| rest.starts_with(**c) && c.contains("预算"))
            .max_by_key(|c| c.len())
        else {
            return nested_sources(&after);
        };
        out.push(vec![cell.to_string()]);
        rest.drain(..cell.len());
    }
    out
}

/// Source columns with 其中 columns under a source, printed row by row after the 合计.
fn nested_sources(after: &[String]) -> Vec<Vec<String>> {
    let standard = after.iter().all(|w| CELLS.contains(&w.as_str()));
    let Some(cells) = nested::cells(after).or_else(|| standard.then(|| after.to_vec())) else {
        return Vec::new();
    };
    let printed: Vec<String> = std::iter::once("合计".to_string()).chain(cells).collect();
    match nested::columns(&printed) {
        Some(columns) if columns.len() > 2 && columns[0] == ["合计"] => {
            columns.into_iter().skip(1).collect()
        }
        _ => Vec::new(),
    }
}

/// A line's figures before any name, and its names, each with the figures printed after it.
/// Single characters spaced out (`本 年 收 入 合 计`) are one name.
fn items(words: &[&str]) -> (Vec<String>, Vec<Item>) {
    let mut leading = Vec::new();
    let mut out: Vec<Item> = Vec::new();
    let mut spaced = false;
    for w in words {
        if is_amount(w) {
            match out.last_mut() {
                Some(item) => item.1.push(w.to_string()),
                None => leading.push(w.to_string()),
            }
            spaced = false;
            continue;
        }
        let single = w.chars().count() == 1;
        match out.last_mut() {
            Some((name, figures)) if single && spaced && figures.is_empty() => name.push_str(w),
            _ => out.push((w.to_string(), Vec::new())),
        }
        spaced = single;
    }
    (leading, out)
}

/// The side (0 income, 1 expenditure) of a line printing one name: the one whose numbering it
/// continues (`二十七、` or `（二十七）`), else the one its name says.
fn side_of(name: &str, last: [u32; 2], last_sub: [u32; 2]) -> usize {
    let numbered = ordinal(name)
        .map(|n| (n, last))
        .or_else(|| sub_ordinal(name).map(|n| (n, last_sub)));
    if let Some((n, last)) = numbered {
        if n == last[1] + 1 && n != last[0] + 1 {
            return 1;
        }
        if n == last[0] + 1 && n != last[1] + 1 {
            return 0;
        }
        // Numbering that skips items (二十四、 then 二十七、 where 二十五、 and 二十六、 are not
        // printed) continues the side it is nearest after.
        match (n > last[0], n > last[1]) {
            (true, true) if last[0] != last[1] => return usize::from(last[1] > last[0]),
            (true, false) => return 0,
            (false, true) => return 1,
            _ => {}
        }
    }
    let spent = name.contains("支出") || name.starts_with("年终") || name.starts_with("年末");
    usize::from(spent)
}

/// The rest of a name wrapped onto the next line (`款`, `算拨款`, `金收入`, `支出`): short,
/// and not the start of a name of its own (a header printed again is skipped before).
fn is_piece(text: &str) -> bool {
    text.chars().count() <= 4
        && ordinal(text).is_none()
        && sub_ordinal(text).is_none()
        && !text.starts_with("其中")
        && !["合计", "总计", "小计"].iter().any(|t| text.contains(t))
        && !matches!(text, "项目" | "金额" | "预算数" | "栏次")
}

#[cfg(test)]
mod tests {
    use super::super::super::grid::RawLine;
    use super::*;

    fn grid(text: &str) -> Grid {
        Grid {
            raw: text
                .lines()
                .enumerate()
                .map(|(i, t)| RawLine {
                    page: 0,
                    line: Some(i as u32 + 1),
                    text: t.to_string(),
                })
                .collect(),
            ..Grid::default()
        }
    }

    fn cells(r: &GridRow) -> Vec<&str> {
        r.cells
            .iter()
            .map(|c| c.as_ref().map_or("", |c| c.text.as_str()))
            .collect()
    }

    #[test]
    fn each_figure_goes_with_the_name_before_it_and_one_name_to_the_side_it_continues() {
        let g = grid(
            "序号\n收入 支出\n项 目 预算数 项 目 预算数\n栏次 1 2 3 4\n\
             1 一、一般公共预算拨款收入 1076.91 一、一般公共服务支出\n\
             2 二、政府性基金预算拨款收入 二、外交支出 5.00\n\
             3 三、教育支出 241.05\n\
             350 某部门 预算年度：2025 单位：万元\n\
             项 目 预算数 项 目 预算数\n\
             4 四、人行科目\n\
             5 本年收入合计 1076.91 本年支出合计 246.05\n\
             6 上年结转结余 年终结转结余 830.86\n",
        );
        let r = rebuild(&g).unwrap();
        let got: Vec<Vec<&str>> = r.grid.rows.iter().map(cells).collect();
        assert_eq!(
            got,
            [
                vec![
                    "一、一般公共预算拨款收入",
                    "1076.91",
                    "一、一般公共服务支出",
                    ""
                ],
                vec!["二、政府性基金预算拨款收入", "", "二、外交支出", "5.00"],
                vec!["", "", "三、教育支出", "241.05"],
                vec!["", "", "四、人行科目", ""],
                vec!["本年收入合计", "1076.91", "本年支出合计", "246.05"],
                vec!["上年结转结余", "", "年终结转结余", "830.86"],
            ]
        );
        assert_eq!(r.grid.rows[3].line, Some(10));
    }

    #[test]
    fn numbering_that_skips_items_continues_the_side_it_follows() {
        // 二十四、 then 二十七、: the income side stopped at 二、, so 二十七、预备费 (no 支出 in
        // its name) is spent.
        assert_eq!(side_of("二十七、预备费", [2, 24], [0, 0]), 1);
        assert_eq!(side_of("三、其他收入", [2, 24], [0, 0]), 0);
        assert_eq!(side_of("十、卫生健康", [9, 24], [0, 0]), 0);
        // Both sides at the same number: the name says.
        assert_eq!(side_of("六、科学技术支出", [5, 5], [0, 0]), 1);
        assert_eq!(side_of("六、其他收入", [5, 5], [0, 0]), 0);
        // Bracketed numbering is followed the same way, each side's from its own 一、 or 二、.
        assert_eq!(side_of("（七）文化体育旅游与传媒支", [2, 1], [0, 6]), 1);
        assert_eq!(side_of("（一）一般公共预算拨", [2, 1], [0, 6]), 0);
        assert_eq!(side_of("（二十七）预备费", [2, 1], [4, 24]), 1);
    }

    #[test]
    fn a_reading_whose_totals_do_not_hold_is_refused() {
        let g = grid(
            "收入 支出\n项目 预算数 项目 预算数\n\
             一、收入甲 5.00 一、支出甲 4.00\n\
             本年收入合计 5.00 本年支出合计 5.00\n",
        );
        assert!(rebuild(&g).unwrap_err().contains("本年支出合计"));
    }

    #[test]
    fn the_expenditure_side_by_source_is_placed_by_the_tables_sums() {
        // 003 河北's 财政拨款收支总表, shortened: the source columns' names wrapped, the header
        // printed again on a new page, 合计 and one source printed for most lines.
        let header = "序号\n收入 支出\n项 目 金额 项 目 合计\n一般公共预\n算财政拨款\n政府性基金\n预算财政\n拨款\n国有资本经\n营预算财政\n拨款\n栏次 1 2 3 4 5 6 7\n";
        let g = grid(&format!(
            "{header}\
             1 一、一般公共预算拨款 1076.91 一、科学技术支出 1176.91 1176.91\n\
             2 二、政府性基金预算拨款 二、外交支出\n\
             3 三、国有资本经营预算拨款 10.00 三、国有资本经营预算支出 10.00 10.00\n\
             350 科技和工信部门 预算年度：2025 单位：万元\n{header}\
             4 本年收入合计 1086.91 本年支出合计 1186.91 1176.91 10.00\n\
             5 年初财政拨款结转和结余 100.00 年末财政拨款结转和结余\n\
             6 一、一般公共预算拨款 100.00\n\
             7 收入总计 1186.91 支出总计 1186.91 1176.91 10.00\n"
        ));
        let r = rebuild(&g).unwrap();
        let headers: Vec<String> = r.grid.columns.iter().map(|c| c.header.join("/")).collect();
        assert_eq!(
            headers,
            [
                "收入/项目",
                "收入/金额",
                "支出/项目",
                "支出/合计",
                "支出/一般公共预算财政拨款",
                "支出/政府性基金预算财政拨款",
                "支出/国有资本经营预算财政拨款"
            ]
        );
        let got: Vec<Vec<&str>> = r.grid.rows.iter().map(cells).collect();
        assert_eq!(
            got[0][2..],
            ["一、科学技术支出", "1176.91", "1176.91", "", ""]
        );
        // The 10.00 of 三、 is the 国有资本经营 source's: the income side received it from there.
        assert_eq!(
            got[2][2..],
            ["三、国有资本经营预算支出", "10.00", "", "", "10.00"]
        );
        assert_eq!(
            got[3][2..],
            ["本年支出合计", "1186.91", "1176.91", "", "10.00"]
        );
        assert_eq!(got[5][..2], ["一、一般公共预算拨款", "100.00"]);
        assert_eq!(got[6][3..], ["1186.91", "1176.91", "", "10.00"]);
        // Each placement chosen is said, on the line it was made for.
        assert_eq!(r.notes.len(), 4, "{:?}", r.notes);
        assert!(
            r.notes[1]
                .1
                .contains("its figures 10.00 10.00 were placed in 合计, 国有资本经营预算财政拨款")
        );
    }

    #[test]
    fn wrapped_names_the_grand_total_first_and_qizhong_columns_are_read() {
        // 001 焦作's 财政拨款收支预算表, shortened: a web page's export with every cell wrapped,
        // the 收入合计 printed first, 一般公共预算 with 小计 and two 其中 columns, the header
        // printed again on the second page.
        let header = "收入 支出\n项目 金额 项目 合计\n一般公共预算\n政府性基\n金\n国有资本经营\n预算\n单位资\n金小计\n其中：财政\n拨款\n其中：上级专项转移支付\n安排支出\n";
        let g = grid(&format!(
            "{header}\
             收入合计 160.02 支出合计 160.02 160.02 160.02\n\
             一、本年收入 85.26 一、本年支出 85.26 85.26 85.26\n\
             （一）一般公共预算拨\n款\n85.26 （一）一般公共服务支出\n\
             其中：财政拨款 85.26 （二）外交支出\n\
             （二）政府性基金预算\n拨款\n（三）教育支出 0.27 0.27 0.27\n\
             二、上年结转 74.76\n\
             （四）文化体育旅游与传媒支\n出\n\
             {header}\
             （一）一般公共预算拨\n款\n74.76 （五）科学技术支出 84.99 84.99 84.99\n\
             二、年终结转结余 74.76 74.76 74.76\n"
        ));
        let r = rebuild(&g).unwrap();
        let headers: Vec<String> = r.grid.columns.iter().map(|c| c.header.join("/")).collect();
        assert_eq!(
            headers[3..],
            [
                "支出/合计",
                "支出/一般公共预算/小计",
                "支出/一般公共预算/其中：财政拨款",
                "支出/一般公共预算/其中：上级专项转移支付安排支出",
                "支出/政府性基金",
                "支出/国有资本经营预算",
                "支出/单位资金",
            ]
        );
        let got: Vec<Vec<&str>> = r.grid.rows.iter().map(cells).collect();
        let income: Vec<[&str; 2]> = got
            .iter()
            .filter(|c| !c[0].is_empty())
            .map(|c| [c[0], c[1]])
            .collect();
        assert_eq!(
            income,
            [
                ["收入合计", "160.02"],
                ["一、本年收入", "85.26"],
                ["（一）一般公共预算拨款", "85.26"],
                ["其中：财政拨款", "85.26"],
                ["（二）政府性基金预算拨款", ""],
                ["二、上年结转", "74.76"],
                ["（一）一般公共预算拨款", "74.76"],
            ]
        );
        let spent: Vec<&[&str]> = got
            .iter()
            .filter(|c| !c[2].is_empty())
            .map(|c| &c[2..])
            .collect();
        // Each line's three figures: 合计, 小计 and 其中：财政拨款 — the only placement where the
        // grand total holds at least the 85.26 the income side received as 财政拨款.
        let placed = ["160.02", "160.02", "160.02", "", "", "", ""];
        assert_eq!(spent[0][1..], placed);
        assert_eq!(
            spent[4],
            ["（三）教育支出", "0.27", "0.27", "0.27", "", "", "", ""]
        );
        assert_eq!(spent[5][0], "（四）文化体育旅游与传媒支出");
        assert_eq!(
            spent[6][..4],
            ["（五）科学技术支出", "84.99", "84.99", "84.99"]
        );
        assert_eq!(spent.len(), 8, "{spent:?}");
        assert!(
            r.notes.iter().all(|n| n.1.contains("其中 column")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn more_than_one_amount_column_a_side_is_not_read_here() {
        let g =
            grid("收入 支出\n项目 预算数 项目 合计 预算数\n1 一、收入 5.00 一、支出 5.00 5.00\n");
        assert!(rebuild(&g).is_err());
        let g = grid("收入 支出\n项目 预算数 项目 预算数\n一、收入 5.00 6.00 一、支出\n");
        assert!(rebuild(&g).is_err());
    }
}
