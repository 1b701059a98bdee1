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

use super::super::grid::{Grid, GridCell, GridColumn, GridRow};
use super::super::words::is_amount;
use super::by_source;
use super::header::CELLS;
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
    let mut next_number = 1u32;
    let mut last = [0u32; 2];
    let mut rows = Vec::new();
    for l in &lines[first_row..] {
        let mut words: Vec<&str> = l.text.split_whitespace().collect();
        if numbered {
            // The 序号 of the next row; anything else is a header printed again on a new page.
            if words.first().and_then(|w| w.parse::<u32>().ok()) != Some(next_number) {
                continue;
            }
            words.remove(0);
            next_number += 1;
        } else if words.first().is_none_or(|w| is_amount(w)) || is_header_line(&words, &header) {
            continue;
        }
        let items = items(&words)
            .ok_or_else(|| format!("line {}: a figure before any name", l.line.unwrap_or(0)))?;
        let mut sides: Sides = [None, None];
        match items.len() {
            0 => continue,
            1 => {
                let (name, figure) = items.into_iter().next().unwrap_or_default();
                let side = side_of(&name, last);
                sides[side] = Some((name, figure));
            }
            2 => {
                let mut it = items.into_iter();
                sides = [it.next(), it.next()];
            }
            _ => return Err(format!("line {}: more than two names", l.line.unwrap_or(0))),
        }
        for (s, item) in sides.iter().enumerate() {
            if let Some((name, figures)) = item {
                if figures.len() > most_figures[s] {
                    return Err(format!(
                        "line {}: more figures after {name} than its side has columns",
                        l.line.unwrap_or(0)
                    ));
                }
                if let Some(n) = ordinal(name) {
                    last[s] = n;
                }
            }
        }
        rows.push((l, sides));
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
        headers.extend(parts.iter().map(|p| vec!["支出".into(), p.clone()]));
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
        for ((l, sides), s) in rows
            .iter()
            .filter(|(_, sides)| sides[1].is_some())
            .zip(&slots)
        {
            let figures = sides[1].as_ref().map_or(&[][..], |(_, f)| f.as_slice());
            if !figures.is_empty() && figures.len() <= parts.len() {
                let placed: Vec<&str> = s.iter().map(|&c| headers[3 + c][1].as_str()).collect();
                notes.push((
                    l.line,
                    format!(
                        "the export lost this row's empty cells: its figures {} were placed in {}, the only placement where each source column adds up to the 本年支出合计 and each source's 支出总计 is what the income side received from it",
                        figures.join(" "),
                        placed.join(", ")
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
        let current = side
            .iter()
            .position(|(n, _)| n.starts_with("本年") && (n.contains("合计") || n.contains("小计")));
        let total = side.iter().position(|(n, _)| n.contains("总计"));
        if let Some(c) = current {
            let parts: Vec<Decimal> = side[..c]
                .iter()
                .filter(|(n, _)| ordinal(n).is_some())
                .map(|(_, v)| *v)
                .collect();
            if !close(parts.iter().sum(), side[c].1, parts.len()) {
                return Err(format!("{} does not add up as read", side[c].0));
            }
            checked += 1;
            if let Some(t) = total.filter(|&t| t > c) {
                // The lines between, or those without an ordinal where they are numbered parts
                // of the line above them (年初财政拨款结转和结余 over 一、一般公共预算拨款 …).
                let sum: Decimal = side[c..t].iter().map(|(_, v)| *v).sum();
                let unnumbered: Decimal = side[c..t]
                    .iter()
                    .filter(|(n, _)| ordinal(n).is_none())
                    .map(|(_, v)| *v)
                    .sum();
                if !close(sum, side[t].1, t - c) && !close(unnumbered, side[t].1, t - c) {
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

/// The expenditure side's source columns named after its 合计 (`合计 一般公共预 算财政拨款
/// 政府性基金 预算财政 拨款 …`, wrapped fragments joined): each a standard cell, or none.
fn source_columns(header: &[String]) -> Vec<String> {
    let Some(at) = header.iter().rposition(|w| w == "合计") else {
        return Vec::new();
    };
    let mut rest: String = header[at + 1..]
        .iter()
        .take_while(|w| w.as_str() != "栏次")
        .map(String::as_str)
        .collect();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let Some(cell) = CELLS
            .iter()
            .filter(|c| rest.starts_with(**c) && c.contains("预算"))
            .max_by_key(|c| c.len())
        else {
            return Vec::new();
        };
        out.push(cell.to_string());
        rest.drain(..cell.len());
    }
    out
}

/// A line's names, each with the figures printed after it. Single characters spaced out
/// (`本 年 收 入 合 计`) are one name.
fn items(words: &[&str]) -> Option<Vec<Item>> {
    let mut out: Vec<Item> = Vec::new();
    let mut spaced = false;
    for w in words {
        if is_amount(w) {
            out.last_mut()?.1.push(w.to_string());
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
    Some(out)
}

/// The side (0 income, 1 expenditure) of a line printing one name.
fn side_of(name: &str, last: [u32; 2]) -> usize {
    if let Some(n) = ordinal(name) {
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

/// The number of a name's leading ordinal (`二十三、` → 23), if it has one.
fn ordinal(name: &str) -> Option<u32> {
    let (head, _) = name.split_once('、')?;
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = head.chars().collect();
    match chars.as_slice() {
        [a] => digit(*a).filter(|&d| d > 0).or((*a == '十').then_some(10)),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::grid::RawLine;
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("六、科学技术支出"), Some(6));
        assert_eq!(ordinal("十、卫生健康支出"), Some(10));
        assert_eq!(ordinal("十五、资源勘探"), Some(15));
        assert_eq!(ordinal("二十、住房保障支出"), Some(20));
        assert_eq!(ordinal("三十一、人行科目"), Some(31));
        assert_eq!(ordinal("本年收入合计"), None);
    }

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
        assert_eq!(side_of("二十七、预备费", [2, 24]), 1);
        assert_eq!(side_of("三、其他收入", [2, 24]), 0);
        assert_eq!(side_of("十、卫生健康", [9, 24]), 0);
        // Both sides at the same number: the name says.
        assert_eq!(side_of("六、科学技术支出", [5, 5]), 1);
        assert_eq!(side_of("六、其他收入", [5, 5]), 0);
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
    fn more_than_one_amount_column_a_side_is_not_read_here() {
        let g =
            grid("收入 支出\n项目 预算数 项目 合计 预算数\n1 一、收入 5.00 一、支出 5.00 5.00\n");
        assert!(rebuild(&g).is_err());
        let g = grid("收入 支出\n项目 预算数 项目 预算数\n一、收入 5.00 6.00 一、支出\n");
        assert!(rebuild(&g).is_err());
    }
}
