//! Text exports of disclosures — copied from the web page, exported by another converter, or
//! run through `pdftotext -layout` — as pages of positioned words for the same table finder
//! as the PDF.
//!
//! A text line gives its cells by tabs or by runs of spaces. Tab-separated lines keep their
//! empty cells, so a block of them is laid out as a ruled grid: one cell per field, with rules
//! around each, and in the header rows an empty field joined to the cell on its left or above
//! (a merged header cell), as the printed table had it. Other lines keep their character
//! columns as positions, which is all `pdftotext -layout` gives and all a stream table needs.

use unicode_width::UnicodeWidthChar;

use super::layout::{Line, Page, Word, compact, merge_rules};
use super::pdf::Rule;
use super::words::{is_amount, is_code, is_total_label, starts_with_ordinal};

/// Height of one text line, in the page's units.
const LINE: f32 = 10.0;
/// Height of a word (its "font size").
const SIZE: f32 = 8.0;
/// Width of one character column.
const COLUMN: f32 = 5.0;
/// Width of one tab-separated field.
const FIELD: f32 = 200.0;
/// Thickness of a drawn rule.
const RULE: f32 = 0.4;

/// Largest text file imported.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Longest line kept whole; longer lines are cut (a line of a disclosure is a paragraph at
/// most, never megabytes).
pub const MAX_LINE_CHARS: usize = 20_000;

/// Decodes a text export: UTF-8 (with or without a BOM), UTF-16 with a BOM, or GBK/GB18030 —
/// the encodings Chinese disclosures are saved in. Binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0
        && !bytes.starts_with(&[0xff, 0xfe])
        && !bytes.starts_with(&[0xfe, 0xff])
    {
        return Err("binary data (NUL bytes), not a text export".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| {
            format!(
                "invalid UTF-8 after the BOM at byte {}",
                e.valid_up_to() + 3
            )
        });
    }
    for (bom, enc) in [
        (&[0xff, 0xfe][..], encoding_rs::UTF_16LE),
        (&[0xfe, 0xff][..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(format!("invalid {} text", enc.name()));
            }
            return Ok(text.into_owned());
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(utf8) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(format!(
                    "neither UTF-8 (invalid at byte {}) nor GBK/GB18030 text",
                    utf8.valid_up_to()
                ));
            }
            Ok(text.into_owned())
        }
    }
}

/// The pages of a text export: one per form feed (numbered from 1, as `pdftotext` writes
/// them), or one in all numbered 0 (the text has no pages). Line numbers count from the start
/// of the file.
pub fn pages(text: &str, file: usize) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut current: Vec<(u32, String)> = Vec::new();
    let mut number = 1;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let mut parts = raw.split('\u{c}');
        current.push((line_no, clean(parts.next().unwrap_or(""))));
        for part in parts {
            pages.push(page(file, number, std::mem::take(&mut current)));
            number += 1;
            current.push((line_no, clean(part)));
        }
    }
    if current.iter().any(|(_, l)| !l.trim().is_empty()) || pages.is_empty() {
        pages.push(page(file, number, current));
    }
    pages.retain(|p| !p.lines.is_empty() || p.number == 1);
    // Without form feeds the text has no pages: 0, so nothing is said to be on "page 1".
    if pages.len() == 1 {
        pages[0].number = 0;
    }
    pages
}

/// A line without its carriage return and control characters, cut to [`MAX_LINE_CHARS`].
/// A no-break space standing alone between spaces (a web page's `&nbsp;` for an empty cell,
/// `二、政府性基金预算拨款收入 \u{a0} 三、国防 \u{a0}`) goes with the space before it, so the
/// cells stay one space apart, as the rest of such a line prints them.
fn clean(line: &str) -> String {
    let kept: String = line
        .chars()
        .filter(|&c| c == '\t' || !c.is_control())
        .take(MAX_LINE_CHARS)
        .collect();
    if !kept.contains('\u{a0}') {
        return kept;
    }
    let chars: Vec<char> = kept.chars().collect();
    let mut out = String::with_capacity(kept.len());
    for (i, &c) in chars.iter().enumerate() {
        let alone = |j: usize| {
            chars[j] == '\u{a0}'
                && (j == 0 || chars[j - 1] == ' ')
                && chars.get(j + 1).is_none_or(|&n| n == ' ')
        };
        // The space before a lone no-break space, and the no-break space itself.
        if alone(i) || c == ' ' && i + 1 < chars.len() && alone(i + 1) {
            continue;
        }
        out.push(c);
    }
    out
}

fn page(file: usize, number: u32, lines: Vec<(u32, String)>) -> Page {
    let mut out = Page {
        file,
        number,
        text_grid: true,
        ..Page::default()
    };
    let mut rules = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].1.contains('\t') {
            // A block of tab-separated lines (blank lines inside it are page breaks of the
            // original, not the end of the table).
            let mut block = Vec::new();
            let mut j = i;
            while j < lines.len() {
                if lines[j].1.contains('\t') {
                    block.push(&lines[j]);
                    j += 1;
                } else if lines[j].1.trim().is_empty()
                    && lines[j..]
                        .iter()
                        .find(|l| !l.1.trim().is_empty())
                        .is_some_and(|l| l.1.contains('\t'))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            tab_block(&block, &mut out.lines, &mut rules);
            i = j;
        } else {
            if let Some(line) = spaced_line(lines[i].0, &lines[i].1) {
                out.lines.push(line);
            }
            i += 1;
        }
    }
    let (h, v) = merge_rules(&rules);
    out.hrules = h;
    out.vrules = v;
    out.width = out
        .lines
        .iter()
        .map(|l| l.x1())
        .chain(out.hrules.iter().map(|r| r.x1))
        .fold(80.0 * COLUMN, f32::max);
    out.height = out.lines.last().map_or(LINE, |l| l.bottom + LINE);
    out
}

fn top_of(line_no: u32) -> f32 {
    (line_no.saturating_sub(1)) as f32 * LINE
}

fn display_width(text: &str) -> f32 {
    text.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() as f32 * COLUMN
}

/// A line whose cells are separated by spaces: each run of text a word at its character
/// column (counted in characters). Runs of text separated by one space are one word unless either side is a number
/// (`本 年 收 入 合 计` is one label, `一般公共预算 85.26` two cells).
fn spaced_line(line_no: u32, text: &str) -> Option<Line> {
    let top = top_of(line_no);
    let mut tokens: Vec<(f32, String)> = Vec::new();
    let mut col = 0.0;
    let mut current: Option<(f32, String)> = None;
    for c in text.chars() {
        // One column per character, wide or not: that is how `pdftotext -layout` places
        // text (a CJK character takes one column; right-aligned figures line up by
        // character count).
        let w = COLUMN;
        if c.is_whitespace() {
            tokens.extend(current.take());
            col += w;
            continue;
        }
        match current.as_mut() {
            Some((_, s)) => s.push(c),
            None => current = Some((col, c.to_string())),
        }
        col += w;
    }
    tokens.extend(current);
    let mut words: Vec<Word> = Vec::new();
    for (x0, t) in tokens {
        let x1 = x0 + t.chars().count() as f32 * COLUMN;
        let numeric = |s: &str| is_amount(s) || is_code(s) || s.chars().all(|c| c.is_ascii_digit());
        if let Some(last) = words.last_mut()
            && x0 - last.x1 <= COLUMN + 0.01
            && !numeric(&last.text)
            && !numeric(&t)
        {
            last.text.push(' ');
            last.text.push_str(&t);
            last.x1 = x1;
            continue;
        }
        words.push(Word {
            text: t,
            x0,
            top,
            x1,
            bottom: top + SIZE,
            size: SIZE,
        });
    }
    (!words.is_empty()).then_some(Line {
        words,
        top,
        bottom: top + SIZE,
        line_no: Some(line_no),
    })
}

/// How a field of a header row belongs to its cell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Owner {
    /// The field starts a cell (it has text).
    Start,
    /// An empty field continuing the cell on its left (a header spanning columns).
    Left,
    /// An empty field continuing the cell above (a header spanning rows).
    Above,
}

/// Whether a row of fields holds data (so the header ends above it).
fn is_data_row(fields: &[&str]) -> bool {
    let printed: Vec<&&str> = fields.iter().filter(|f| !f.is_empty()).collect();
    fields.iter().any(|f| is_amount(f) || is_code(f))
        || fields.first().is_some_and(|f| {
            let c = compact(f);
            is_total_label(&c) || starts_with_ordinal(&c)
        })
        // 合计 alone on its line, in whichever column its merged cell starts.
        || printed.len() == 1 && is_total_label(printed[0])
}

/// Whether a tab-separated line only numbers the columns: `1 2 3 … n`, or `栏次 1 2 3`.
fn numbers_columns(line: &str) -> bool {
    let fields: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "栏次")
        .collect();
    fields.len() >= 3
        && fields
            .iter()
            .enumerate()
            .all(|(i, f)| f.parse::<usize>() == Ok(i + 1))
}

/// How each field of the header rows belongs to its cell.
fn owners(rows: &[Vec<&str>]) -> Vec<Vec<Owner>> {
    let mut owners: Vec<Vec<Owner>> = Vec::new();
    for (r, fields) in rows.iter().enumerate() {
        let mut row = Vec::with_capacity(fields.len());
        for (j, text) in fields.iter().enumerate() {
            // A cell merged downwards has nothing printed under it in the header.
            let printed_below = rows[r + 1..].iter().any(|b| !b[j].is_empty());
            let owner = if !text.is_empty() {
                Owner::Start
            } else if r > 0 && owners[r - 1][j] != Owner::Left && !printed_below {
                Owner::Above
            } else if j > 0 {
                Owner::Left
            } else {
                Owner::Start
            };
            row.push(owner);
        }
        owners.push(row);
    }
    owners
}

/// Puts the innermost header cells back under the cells they divide, when the export shifted
/// them left (`类 款 项 工资福利支出 对个人和家庭的补助 …` printed under 单位代码 and 合计):
/// the fields of the line above that span several columns need one cell each below them,
/// and when the innermost line holds exactly as many cells as those fields, they are
/// reseated in order. Nothing is moved when a cell below a single column is all that is
/// out of place.
fn reseat_innermost_headers(rows: &mut [Vec<&str>]) {
    let Some(last) = rows.len().checked_sub(1).filter(|&l| l > 0) else {
        return;
    };
    let above = owners(&rows[..last]);
    let n = rows[last].len();
    // Fields of the line above that are part of a cell spanning several columns.
    let parent = &above[last - 1];
    let spanning: Vec<bool> = (0..n)
        .map(|j| parent[j] == Owner::Left || j + 1 < n && parent[j + 1] == Owner::Left)
        .collect();
    let slots: Vec<usize> = (0..n).filter(|&j| spanning[j]).collect();
    let printed: Vec<usize> = (0..n).filter(|&j| !rows[last][j].is_empty()).collect();
    let orphans = printed.iter().any(|&j| !spanning[j]);
    if !orphans || printed.len() != slots.len() {
        return;
    }
    let texts: Vec<&str> = printed.iter().map(|&j| rows[last][j]).collect();
    let mut line = vec![""; n];
    for (slot, text) in slots.into_iter().zip(texts) {
        line[slot] = text;
    }
    rows[last] = line;
}

/// Moves a spanning header cell to where the cells under it start: exports drop an empty
/// field of a merged header line (`项目支出` printed one field left, over the last field of
/// `公用经费`), and the first field a spanning cell covers always has a cell under it.
fn align_spanning_headers(rows: &mut [Vec<&str>]) {
    for r in (0..rows.len().saturating_sub(1)).rev() {
        let owners = owners(&rows[..=r]);
        let n = rows[r].len();
        let mut j = 1;
        while j < n {
            let end = (j + 1..n)
                .take_while(|&k| owners[r][k] == Owner::Left)
                .last()
                .unwrap_or(j);
            if !rows[r][j].is_empty()
                && end > j
                && rows[r + 1][j].is_empty()
                && let Some(to) = (j + 1..=end).find(|&k| !rows[r + 1][k].is_empty())
            {
                rows[r].swap(j, to);
                j = to;
            } else if !rows[r][j].is_empty()
                && end > j
                && j > 1
                && rows[r][j - 1].is_empty()
                && !is_total_cell(rows[r + 1][j])
                && crate::text::compact(rows[r + 1][j]) != "项目"
                && is_total_cell(rows[r + 1][j + 1])
            {
                // A group that starts with its own 合计, printed one field left over the last
                // item of the group before (`上年结转结余` over `其他收入`, its 合计 next). The
                // row label column (项目) of a two-sided table is not such an item.
                rows[r].swap(j, j + 1);
                j += 1;
            }
            j += 1;
        }
    }
}

/// A header cell naming a group's total.
fn is_total_cell(text: &str) -> bool {
    matches!(crate::text::compact(text).as_str(), "合计" | "小计")
}

/// Lays out a block of tab-separated lines as a ruled grid.
fn tab_block(block: &[&(u32, String)], lines: &mut Vec<Line>, rules: &mut Vec<Rule>) {
    // The line numbering the columns (栏次 1 2 3 …) says nothing the header does not.
    let block: Vec<&(u32, String)> = block
        .iter()
        .copied()
        .filter(|(_, l)| !numbers_columns(l))
        .collect();
    if block.is_empty() {
        return;
    }
    let mut rows: Vec<Vec<&str>> = block
        .iter()
        .map(|(_, l)| l.split('\t').map(str::trim).collect())
        .collect();
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    // The header ends at the first row of data; in a table with no figures, at the first row
    // that names only its first field (因公出国（境）费 with every cell blank).
    let header_rows = rows
        .iter()
        .enumerate()
        .position(|(r, fields)| {
            is_data_row(fields)
                || r > 0
                    && n >= 3
                    && !fields[0].is_empty()
                    && fields[1..].iter().all(|f| f.is_empty())
        })
        .unwrap_or(rows.len());
    for r in rows.iter_mut() {
        r.resize(n, "");
    }
    align_spanning_headers(&mut rows[..header_rows]);
    reseat_innermost_headers(&mut rows[..header_rows]);
    let owners = owners(&rows[..header_rows]);
    // A table continued on the next page of the source prints its header again, wrapped
    // otherwise (`政府性 基金`): those lines are not rows.
    let header_keys: Vec<Vec<String>> = rows[..header_rows]
        .iter()
        .map(|f| f.iter().map(|t| crate::text::compact(t)).collect())
        .collect();
    let repeated: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(r, f)| {
            r >= header_rows
                && f.iter().any(|t| !t.is_empty())
                && header_keys
                    .iter()
                    .any(|h| h.iter().zip(f).all(|(a, b)| *a == crate::text::compact(b)))
        })
        .collect();
    let kept = |i: &usize| !repeated[*i];
    let rows: Vec<Vec<&str>> = (0..rows.len())
        .filter(kept)
        .map(|i| std::mem::take(&mut rows[i]))
        .collect();
    let block: Vec<&(u32, String)> = (0..block.len()).filter(kept).map(|i| block[i]).collect();
    // Row boundaries: half-way between printed lines.
    let tops: Vec<f32> = block.iter().map(|(n, _)| top_of(*n)).collect();
    let mut ys: Vec<f32> = Vec::with_capacity(tops.len() + 1);
    ys.push(tops[0] - 1.0);
    for w in tops.windows(2) {
        ys.push((w[0] + SIZE + w[1]) / 2.0);
    }
    ys.push(tops[tops.len() - 1] + SIZE + 1.0);
    let right = n as f32 * FIELD;
    for (r, fields) in rows.iter().enumerate() {
        let (y0, y1) = (ys[r], ys[r + 1]);
        let owner = |j: usize| owners.get(r).map_or(Owner::Start, |o| o[j]);
        // The rule above the row, except over fields that continue the cell above.
        for j in 0..n {
            if owner(j) == Owner::Above {
                continue;
            }
            rules.push(Rule {
                x0: j as f32 * FIELD,
                top: y0,
                x1: (j + 1) as f32 * FIELD,
                bottom: y0 + RULE,
            });
        }
        // The rules left of each field, except where a header cell spans on.
        for j in 0..=n {
            if j < n && j > 0 && owner(j) == Owner::Left {
                continue;
            }
            let x = j as f32 * FIELD;
            rules.push(Rule {
                x0: x,
                top: y0,
                x1: x + RULE,
                bottom: y1,
            });
        }
        let top = tops[r];
        let words: Vec<Word> = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
            .map(|(j, f)| {
                let x0 = j as f32 * FIELD + 2.0;
                Word {
                    text: f.to_string(),
                    x0,
                    top,
                    x1: x0 + display_width(f).min(FIELD - 4.0),
                    bottom: top + SIZE,
                    size: SIZE,
                }
            })
            .collect();
        if !words.is_empty() {
            lines.push(Line {
                words,
                top,
                bottom: top + SIZE,
                line_no: Some(block[r].0),
            });
        }
    }
    rules.push(Rule {
        x0: 0.0,
        top: ys[rows.len()],
        x1: right,
        bottom: ys[rows.len()] + RULE,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_no_break_space_is_an_empty_cell_one_space_wide() {
        assert_eq!(
            clean("二、政府性基金预算拨款收入 \u{a0} 三、国防 \u{a0}"),
            "二、政府性基金预算拨款收入 三、国防"
        );
        assert_eq!(clean("\u{a0} （五）教育支出 0.27"), " （五）教育支出 0.27");
        // Inside a word it is kept.
        assert_eq!(clean("单位\u{a0}万元"), "单位\u{a0}万元");
        assert_eq!(clean("合计\r"), "合计");
    }

    #[test]
    fn encodings_are_decoded_and_binary_refused() {
        assert_eq!(decode("预算".as_bytes()).unwrap(), "预算");
        assert_eq!(decode(b"\xef\xbb\xbf\xe9\xa2\x84").unwrap(), "预");
        // 预算 in GBK.
        assert_eq!(decode(b"\xd4\xa4\xcb\xe3").unwrap(), "预算");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("预算".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "预算");
        assert!(
            decode(b"\x00\x01\x02binary")
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(b"\xff\xff\xff\x80").is_err());
    }

    #[test]
    fn a_header_printed_again_inside_a_table_is_not_a_row() {
        let text = "2026年支出经济分类汇总表\n单位：万元\n\
            科目编码\t科目名称\t总计\t政府性基金\n\
            301\t工资福利支出\t10.00\t\n\
            科目 编码\t科目名称\t总计\t政府性 基金\n\
            302\t商品和服务支出\t5.00\t\n";
        let pages = pages(text, 0);
        let (grids, _) = super::super::grid::find(&pages);
        let grid = grids.first().expect("a grid");
        let rows: Vec<String> = grid
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .flatten()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(rows, ["301|工资福利支出|10.00", "302|商品和服务支出|5.00"]);
    }

    #[test]
    fn form_feeds_start_pages_and_line_numbers_count_the_file() {
        let p = pages("一\n二\u{c}三\n四\n", 0);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].lines[0].words[0].text, "三");
        assert_eq!(p[1].lines[0].line_no, Some(2));
        assert_eq!(p[1].lines[1].line_no, Some(3));
    }

    #[test]
    fn spaced_cells_split_at_numbers_and_wide_gaps() {
        let l = spaced_line(1, "本 年 收 入 合 计 85.26  本年支出合计 160.02").unwrap();
        let texts: Vec<&str> = l.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            ["本 年 收 入 合 计", "85.26", "本年支出合计", "160.02"]
        );
        // Character columns are positions, one per character.
        assert_eq!(l.words[1].x0, 12.0 * COLUMN);
    }

    #[test]
    fn tab_fields_become_ruled_cells_with_merged_headers() {
        let text =
            "收入\t\t支出\t\n项目\t金额\t项目\t金额\n一、一般公共预算\t1.00\t一、教育支出\t\n";
        let p = pages(text, 0);
        let page = &p[0];
        assert_eq!(page.lines.len(), 3);
        assert_eq!(page.lines[2].words[1].text, "1.00");
        assert!(page.lines[2].words[1].x0 > FIELD && page.lines[2].words[1].x1 < 2.0 * FIELD);
        // 收入 spans two fields: no rule between them on the first row, one on the others.
        let crossing = |x: f32, y: f32| {
            page.vrules
                .iter()
                .any(|r| (r.x0 - x).abs() < 1.0 && r.top <= y && r.bottom >= y)
        };
        let y0 = page.lines[0].cy();
        let y2 = page.lines[2].cy();
        assert!(!crossing(FIELD, y0));
        assert!(crossing(2.0 * FIELD, y0));
        assert!(crossing(FIELD, y2));
    }

    #[test]
    fn a_spanning_header_moved_left_by_a_dropped_field_is_put_back_over_its_cells() {
        let mut rows = vec![
            vec!["合计", "基本支出", "", "", "项目支出", ""],
            vec!["", "小计", "人员经费", "公用经费", "", "小计"],
            vec!["", "", "", "商品和服务支出", "资本性支出", ""],
        ];
        align_spanning_headers(&mut rows);
        assert_eq!(rows[0], ["合计", "基本支出", "", "", "", "项目支出"]);
        let o = owners(&rows);
        assert_eq!(o[1][4], Owner::Left);
        assert_eq!(o[2][0], Owner::Above);
    }

    #[test]
    fn a_group_printed_one_field_left_of_its_total_is_put_back_over_it() {
        // 004's 收入总体情况表: 上年结转结余 over 其他收入, its own 合计 one field right.
        let mut rows = vec![
            vec![
                "部门代码",
                "总计",
                "本年收入",
                "",
                "上年结转结余",
                "",
                "",
                "",
            ],
            vec![
                "",
                "",
                "合计",
                "一般公共预算",
                "其他收入",
                "合计",
                "一般公共预算",
                "单位资金",
            ],
        ];
        align_spanning_headers(&mut rows);
        assert_eq!(
            rows[0],
            [
                "部门代码",
                "总计",
                "本年收入",
                "",
                "",
                "上年结转结余",
                "",
                ""
            ]
        );
        // A two-sided table's 项目 column heads no group.
        let mut two_sided = vec![
            vec!["收入", "", "支出", ""],
            vec!["项目", "预算数", "项目", "合计"],
        ];
        let before = two_sided.clone();
        align_spanning_headers(&mut two_sided);
        assert_eq!(two_sided, before);
    }

    #[test]
    fn innermost_header_cells_shifted_left_are_reseated_under_their_parents() {
        let mut rows = vec![
            vec!["科目编码", "", "单位代码", "合计", "基本支出", "", "", ""],
            vec!["", "", "", "", "人员经费", "", "公用经费", ""],
            vec![
                "类",
                "款",
                "工资福利支出",
                "对个人和家庭的补助",
                "商品和服务支出",
                "",
                "资本性支出",
                "",
            ],
        ];
        reseat_innermost_headers(&mut rows);
        assert_eq!(
            rows[2],
            [
                "类",
                "款",
                "",
                "",
                "工资福利支出",
                "对个人和家庭的补助",
                "商品和服务支出",
                "资本性支出"
            ]
        );
        // A line already in place is left alone.
        let before = rows.clone();
        reseat_innermost_headers(&mut rows);
        assert_eq!(rows, before);
    }

    #[test]
    fn an_empty_header_field_under_a_cell_continues_it_downwards() {
        let text = "项目\t金额\t\n\t小计\t其中\n合计\t1.00\t1.00\n";
        let p = pages(text, 0);
        let page = &p[0];
        // No rule under 项目 between the two header rows.
        let y = (page.lines[0].bottom + page.lines[1].top) / 2.0;
        let under = |x: f32| {
            page.hrules
                .iter()
                .any(|r| (r.top - y).abs() < 1.0 && r.x0 <= x && r.x1 >= x)
        };
        assert!(!under(FIELD / 2.0));
        assert!(under(FIELD * 1.5));
    }
}
