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

use rust_decimal::Decimal;

use crate::model::{Column, MoneyUnit, Table, TableKind};

use super::grid::{Grid, GridCell, GridColumn, GridRow, RawLine};
use super::layout::compact;
use super::placement::{Sum, sums};
use super::words::{is_amount, is_total_label};

/// Search steps allowed per table, over all its header readings: a table whose placement takes
/// more is left unread (never a hang on a hostile file).
const BUDGET: usize = 400_000;

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
    /// Whether another placement satisfies every sum too (the leftmost was taken).
    pub ambiguous: bool,
}

/// One row as printed: its codes and names (one of each per pair of text columns), figures.
#[derive(Clone, Debug)]
struct PrintedRow {
    codes: Vec<String>,
    labels: Vec<String>,
    figures: Vec<String>,
    values: Vec<Decimal>,
    page: u32,
    line: Option<u32>,
    last_line: Option<u32>,
}

impl PrintedRow {
    fn code(&self) -> &str {
        self.codes.first().map_or("", String::as_str)
    }
    fn label(&self) -> &str {
        self.labels.first().map_or("", String::as_str)
    }
    /// A budget unit's line (`261 焦作市产业技术科学院`): the sum of the coded rows under it.
    fn is_unit(&self) -> bool {
        self.code().len() == 3 && super::table::is_organisation(self.label())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextColumn {
    Code,
    Name,
}

/// The text columns of the header (codes and names, each with its group), and the fragments
/// naming the amount columns.
#[derive(Clone, Debug, PartialEq)]
struct Header {
    text: Vec<(TextColumn, Vec<String>)>,
    /// Header fragments naming amount columns or their groups, in printed order.
    fragments: Vec<String>,
    /// Amount columns, where a 栏次 line numbers the columns.
    amounts: Option<usize>,
    /// Whether rows start with their 序号.
    numbered: bool,
}

/// A reading of the header (each amount column's path), the columns each row's figures were
/// placed in, and whether another placement holds too.
type Reading = (Vec<Vec<String>>, Vec<Vec<usize>>, bool);

/// Reads a collapsed table back into cells, or says why it cannot.
pub fn rebuild(grid: &Grid) -> Result<Rebuilt, String> {
    let lines: Vec<&RawLine> = grid
        .raw
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    // The header ends at the 栏次 line, or where the first figure is printed.
    let (at, count) = match lines.iter().position(|l| columns_line(&l.text).is_some()) {
        Some(at) => (at + 1, columns_line(&lines[at].text)),
        None => (
            lines
                .iter()
                .position(|l| l.text.split_whitespace().any(is_amount))
                .ok_or("no figures")?,
            None,
        ),
    };
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
    let mut budget = BUDGET;
    for paths in readings(&header) {
        let stated = header_sums(&paths).len();
        if stated < most || paths.len() > MAX_COLUMNS {
            continue;
        }
        if let Some((placement, ambiguous)) = place(&paths, &rows, &mut budget) {
            if stated > most {
                found.clear();
                most = stated;
            }
            found.push((paths, placement, ambiguous));
        }
    }
    let Some(first) = found.first() else {
        return Err(
            "no reading of the header and placement of the figures makes every sum hold".into(),
        );
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
    let (paths, placement, ambiguous) = first.clone();
    Ok(build(grid, &header, &paths, &rows, &placement, ambiguous))
}

/// The column count of a `栏次 1 2 3 … N` line.
fn columns_line(text: &str) -> Option<usize> {
    let mut words = text.split_whitespace();
    if compact(words.next()?) != "栏次" {
        return None;
    }
    let mut n = 0;
    for w in words {
        if w.parse::<usize>().ok()? != n + 1 {
            return None;
        }
        n += 1;
    }
    (n >= 2).then_some(n)
}

/// A line's words, runs of single characters joined (`项 目` → `项目`, `资 金 性 质` → `资金性质`).
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut single = false;
    for w in text.split_whitespace() {
        let one = w.chars().count() == 1 && !w.is_ascii();
        match out.last_mut() {
            Some(last) if one && single => last.push_str(w),
            _ => out.push(w.to_string()),
        }
        single = one;
    }
    out
}

/// Header cells of the standard tables, as printed: a cell wrapped over lines is joined back
/// when its pieces make one of these (政府性基 / 金, 财政专户 / 管理资金 / 收入).
const CELLS: &[&str] = &[
    "总计",
    "合计",
    "小计",
    "本年收入",
    "本年拨款",
    "本年支出",
    "上年结转",
    "上年结转结余",
    "财政拨款结转结余",
    "一般公共预算",
    "一般公共预算财政拨款",
    "一般公共预算拨款",
    "政府性基金",
    "政府性基金预算",
    "政府性基金预算拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算",
    "国有资本经营预算拨款",
    "国有资本经营预算财政拨款",
    "财政拨款",
    "财政拨款收入",
    "其中：财政拨款",
    "财政专户收入",
    "财政专户管理资金",
    "财政专户管理资金收入",
    "单位资金",
    "事业收入",
    "事业单位经营收入",
    "经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
    "基本支出",
    "项目支出",
    "经营支出",
    "上解上级支出",
    "对附属单位补助支出",
    "人员经费",
    "公用经费",
    "工资福利支出",
    "对个人和家庭的补助",
    "商品和服务支出",
    "资本性支出",
    "其他运转类",
    "特定目标类",
];

/// The second half of a header cell wrapped over two lines (`财政拨款` / `收入`).
fn is_tail(fragment: &str) -> bool {
    matches!(
        fragment,
        "收入" | "支出" | "出" | "补助支出" | "上缴收入" | "财政拨款"
    ) || fragment.starts_with("预算")
}

/// The header above the rows: its code and name columns, and the fragments naming the amount
/// columns; `count` is the 栏次 line's, where there is one.
fn header(lines: &[&RawLine], count: Option<usize>) -> Result<Header, String> {
    // Fragments with the line they are on; a line of one fragment may be half of a wrapped cell.
    let mut fragments: Vec<(String, bool)> = Vec::new();
    for l in lines {
        let w = words(&l.text);
        let alone = w.len() == 1;
        fragments.extend(w.into_iter().map(|f| (f, alone)));
    }
    // `科目` / `编码` wrapped, and a neighbour's `科目` run into a cell (`上年结转科目` / `编码`).
    let mut joined: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < fragments.len() {
        let (f, alone) = fragments[i].clone();
        let next = fragments.get(i + 1).map(|n| n.0.as_str());
        if next == Some("编码") && f.ends_with("科目") {
            let rest = f.trim_end_matches("科目");
            if !rest.is_empty() {
                joined.push((rest.to_string(), false));
            }
            joined.push(("科目编码".into(), false));
            i += 2;
            continue;
        }
        // A wrapped cell: fragments alone on their lines that together make a standard cell
        // (the longest such run), or a fragment and its tail.
        if alone && !is_text_column(&f) {
            let mut cell = f.clone();
            let mut best = None;
            for (j, (n, n_alone)) in fragments.iter().enumerate().skip(i + 1) {
                if !n_alone || is_text_column(n) {
                    break;
                }
                cell.push_str(n);
                if CELLS.contains(&cell.as_str()) {
                    best = Some((j, cell.clone()));
                }
            }
            let tail = fragments
                .get(i + 1)
                .filter(|(n, n_alone)| *n_alone && is_tail(n) && !is_text_column(n))
                .map(|(n, _)| (i + 1, format!("{f}{n}")));
            if let Some((j, cell)) = best.or(tail) {
                joined.push((cell, false));
                i = j + 1;
                continue;
            }
        }
        joined.push((f, alone));
        i += 1;
    }
    let mut numbered = false;
    let mut groups: Vec<String> = Vec::new();
    let mut text: Vec<(TextColumn, String)> = Vec::new();
    let mut amounts = Vec::new();
    for (f, _) in joined {
        match f.as_str() {
            "序号" => numbered = true,
            "科目编码" | "编码" | "代码" | "单位代码" | "单位编码" | "项目编码" | "类" | "类款"
            | "类款项" => text.push((TextColumn::Code, f)),
            // 类 款 项 printed over one code column.
            "款" | "项" if text.last().is_some_and(|t| t.0 == TextColumn::Code) => {}
            "科目名称" | "名称" | "项目" | "项目名称" | "单位名称" | "单位（科目名称）" => {
                text.push((TextColumn::Name, f))
            }
            // A group over code and name columns (功能分类科目, 政府预算支出经济分类科目编码).
            _ if f.contains("分类科目") || f.ends_with("分类") => groups.push(f),
            _ if f.ends_with("科目") => {}
            _ => amounts.push(f),
        }
    }
    if !text.iter().any(|t| t.0 == TextColumn::Name) {
        return Err("no column of row names in the header".into());
    }
    // Each group over one code and name pair, where there are as many of each.
    let pairs = text.iter().filter(|t| t.0 == TextColumn::Code).count();
    let mut pair = 0;
    let text: Vec<(TextColumn, Vec<String>)> = text
        .into_iter()
        .map(|(kind, leaf)| {
            let path = match groups.get(pair) {
                Some(g) if groups.len() == pairs && pairs > 1 => vec![g.clone(), leaf],
                _ => vec![leaf],
            };
            if kind == TextColumn::Name {
                pair += 1;
            }
            (kind, path)
        })
        .collect();
    let amount_columns = match count {
        Some(n) => Some(
            n.checked_sub(text.len())
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("the 栏次 line numbers {n} columns, no amount column"))?,
        ),
        None => None,
    };
    Ok(Header {
        text,
        fragments: amounts,
        amounts: amount_columns,
        numbered,
    })
}

fn is_text_column(f: &str) -> bool {
    f == "序号" || f.contains("编码") || f.contains("名称") || f.ends_with("科目")
}

/// The ways the header's fragments can be read as the amount columns' header paths: all of
/// them columns, or one of them a group over the fragments printed last (the header's lowest
/// row), those printed between being columns that span both rows, to the group's right.
/// Where a 栏次 line counts the columns, only readings with that many.
fn readings(header: &Header) -> Vec<Vec<Vec<String>>> {
    let f = &header.fragments;
    let column = |x: &String| vec![x.clone()];
    let mut out = Vec::new();
    if header.amounts.is_none_or(|n| n == f.len()) {
        out.push(f.iter().map(column).collect());
    }
    if header.amounts.is_none_or(|n| n + 1 == f.len()) {
        for group in 0..f.len() {
            for start in group + 1..f.len() {
                let mut paths: Vec<Vec<String>> = f[..group].iter().map(column).collect();
                paths.extend(f[start..].iter().map(|x| vec![f[group].clone(), x.clone()]));
                paths.extend(f[group + 1..start].iter().map(column));
                out.push(paths);
            }
        }
    }
    out.retain(|p| conventional(p));
    out
}

/// Whether a reading follows how these headers are drawn: a total (合计, 小计) comes first —
/// of the table or of its group.
fn conventional(paths: &[Vec<String>]) -> bool {
    paths.iter().enumerate().all(|(i, p)| {
        let total = p.last().is_some_and(|leaf| is_total_label(leaf));
        if !total {
            return true;
        }
        match &p[..p.len() - 1] {
            [] => i == 0,
            group => i == 0 || !paths[i - 1].starts_with(group),
        }
    })
}

/// The table's rows. Numbered rows start with their 序号 (1, 2, 3 … in order); others start
/// with a code or a 合计, or after a line that ends in figures. A row runs over as many lines
/// as the export wrapped it into. A header printed again on a later page (from its first line
/// to its last) is skipped.
fn rows(
    lines: &[&RawLine],
    header_lines: &[&RawLine],
    header: &Header,
) -> Result<Vec<PrintedRow>, String> {
    let first_header = header_lines.first().map(|l| compact(&l.text));
    let last_header = header_lines.last().map(|l| compact(&l.text));
    let mut out: Vec<PrintedRow> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut skipping = false;
    let mut current: Option<PrintedRow> = None;
    let mut ended = false;
    let mut codes_seen = 0;
    let pairs = header
        .text
        .iter()
        .filter(|t| t.0 == TextColumn::Name)
        .count();
    let flush = |row: Option<PrintedRow>, tokens: &mut Vec<String>, out: &mut Vec<PrintedRow>| {
        if let Some(mut row) = row {
            fill(&mut row, std::mem::take(tokens), pairs);
            out.push(row);
        }
    };
    for l in lines {
        let c = compact(&l.text);
        if skipping {
            skipping = Some(&c) != last_header.as_ref();
            continue;
        }
        if Some(&c) == first_header.as_ref() && header_lines.len() > 1 {
            skipping = true;
            continue;
        }
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let starts = if header.numbered {
            let expected = out.len() + usize::from(current.is_some()) + 1;
            words.first().and_then(|w| w.parse::<usize>().ok()) == Some(expected)
        } else {
            // A row of two code columns prints its second code on a line of its own too.
            let coded = starts_with_code(&words);
            ended
                || current.is_none()
                || coded && codes_seen >= pairs
                || words.first().is_some_and(|w| is_total_label(w))
        };
        let coded_line = starts_with_code(&words);
        ended = words.last().is_some_and(|w| is_amount(w));
        if starts {
            codes_seen = usize::from(coded_line);
            flush(current.take(), &mut tokens, &mut out);
            current = Some(PrintedRow {
                codes: Vec::new(),
                labels: Vec::new(),
                figures: Vec::new(),
                values: Vec::new(),
                page: l.page,
                line: l.line,
                last_line: None,
            });
            let skip = usize::from(header.numbered);
            tokens.extend(words[skip..].iter().map(|w| w.to_string()));
            // Lines are kept apart: a name wrapped over lines is joined without a space.
            tokens.push("\n".into());
            continue;
        }
        let Some(row) = current.as_mut() else {
            return Err(format!(
                "line {}: a row without its 序号",
                l.line.unwrap_or(0)
            ));
        };
        row.last_line = l.line;
        codes_seen += usize::from(coded_line);
        tokens.extend(words.iter().map(|w| w.to_string()));
        tokens.push("\n".into());
    }
    flush(current.take(), &mut tokens, &mut out);
    Ok(out)
}

/// A row's codes (wrapped or printed 类 款 项 apart: joined) and names, one of each per pair
/// of text columns, and its trailing figures.
fn fill(row: &mut PrintedRow, tokens: Vec<String>, pairs: usize) {
    // Each word with whether a line break comes before it.
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut broke = true;
    for t in &tokens {
        if t == "\n" {
            broke = true;
        } else {
            words.push((t, broke));
            broke = false;
        }
    }
    let figures = words.iter().rev().take_while(|w| is_amount(w.0)).count();
    let (text, figures) = words.split_at(words.len() - figures);
    let plain: Vec<&str> = text.iter().map(|w| w.0).collect();
    let mut at = 0;
    for pair in 0..pairs.max(1) {
        let (code, used) = code_of(&plain[at..]);
        at += used;
        // The name runs to the next pair's code (the last name to the figures).
        let end = if pair + 1 < pairs {
            (at + 1..plain.len())
                .find(|&i| !code_of(&plain[i..]).0.is_empty())
                .unwrap_or(plain.len())
        } else {
            plain.len()
        };
        let mut label = String::new();
        for (w, broke) in &text[at..end] {
            if !broke && !label.is_empty() {
                label.push(' ');
            }
            label.push_str(w);
        }
        at = end;
        row.codes.push(code);
        row.labels.push(label);
    }
    row.figures = figures.iter().map(|f| f.0.to_string()).collect();
    row.values = figures
        .iter()
        .map(|f| f.0.replace(',', "").parse::<Decimal>().unwrap_or_default())
        .collect();
}

/// Whether a line starts with a code (`505 01` alone on its line included).
fn starts_with_code(words: &[&str]) -> bool {
    let mut with_name = words.to_vec();
    with_name.push("·");
    !code_of(&with_name).0.is_empty()
}

/// Whether a row of this 部门预算经济分类 code may print a figure under this header: 人员经费
/// is 工资福利支出 (301) and 对个人和家庭的补助 (303), 公用经费 the rest; 工资福利支出,
/// 商品和服务支出, 对个人和家庭的补助 and 资本性支出 are their own classes. Other rows (a 功能分类
/// code, no code) may print anywhere.
fn fits_class(path: &[String], code: &str) -> bool {
    let Some(class) = code.get(..3).filter(|c| c.starts_with('3')) else {
        return true;
    };
    let leaf = path.last().map_or("", String::as_str);
    let personnel = matches!(class, "301" | "303");
    if leaf.contains("人员经费") {
        personnel
    } else if leaf.contains("公用经费") {
        !personnel
    } else if leaf.contains("工资福利") {
        class == "301"
    } else if leaf.contains("对个人和家庭") {
        class == "303"
    } else if leaf.contains("商品和服务") {
        class == "302"
    } else if leaf.contains("资本性支出") {
        matches!(class, "309" | "310")
    } else {
        true
    }
}

/// The code a row's words start with, and how many words it took: 3, 5 or 7 digits, printed
/// whole, as 类 款 项 apart (`205 08 03`) or wrapped (`206010` / `1`). A name's leading number
/// (`2025 年…`) is no code.
fn code_of(words: &[&str]) -> (String, usize) {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let Some(first) = words.first().filter(|w| digits(w)) else {
        return (String::new(), 0);
    };
    let mut code = first.to_string();
    let mut used = 1;
    while used < words.len() - 1 || used < words.len() && code.len() == 6 {
        let w = words[used];
        let fits = digits(w)
            && (code.len() == 6 && w.len() == 1 || matches!(code.len(), 3 | 5) && w.len() == 2);
        if !fits {
            break;
        }
        code.push_str(w);
        used += 1;
    }
    if matches!(code.len(), 3 | 5 | 7) && used < words.len() {
        (code, used)
    } else {
        (String::new(), 0)
    }
}

/// The sums the header's paths state, as the table builder reads them.
fn header_sums(paths: &[Vec<String>]) -> Vec<Sum> {
    let table = Table {
        id: String::new(),
        kind: TableKind::Other,
        number: None,
        title: String::new(),
        unit: MoneyUnit::Yuan,
        row_header: Vec::new(),
        columns: paths
            .iter()
            .map(|p| Column {
                key: String::new(),
                header: p.clone(),
                side: None,
            })
            .collect(),
        rows: Vec::new(),
        printed_notes: Vec::new(),
        note: None,
        unread: None,
        source: None,
    };
    sums(&table)
}

/// How many ways `k` figures go in order into `n` columns.
fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k) as u64;
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n as u64 - i) / (i + 1))
}

/// Every way of putting `k` figures in order into `n` columns, leftmost first.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut pick: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(pick.clone());
        let Some(i) = (0..k).rev().find(|&i| pick[i] < n - k + i) else {
            return out;
        };
        pick[i] += 1;
        for j in i + 1..k {
            pick[j] = pick[j - 1] + 1;
        }
    }
}

const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// Whether a row's figures in these columns keep every sum of the header.
fn row_holds(sums: &[Sum], values: &[Decimal], slots: &[usize], width: usize) -> bool {
    let mut cells = vec![None; width];
    for (&s, &v) in slots.iter().zip(values) {
        cells[s] = Some(v);
    }
    sums.iter().all(|s| {
        let whole = cells[s.whole];
        let parts: Vec<Option<Decimal>> = s.parts.iter().map(|&p| cells[p]).collect();
        if whole.is_none() && parts.iter().all(Option::is_none) {
            return true;
        }
        let sum: Decimal = parts.iter().flatten().sum();
        let tol = TOLERANCE * Decimal::from(s.parts.len() as u64 + 1);
        (whole.unwrap_or_default() - sum).abs() <= tol
    })
}

/// The table's own column sums: each coded row with rows under it (a 类 and its 款, a 款 and
/// its 项) is their sum; a budget unit's line the sum of the rows under no other after it;
/// and a 合计 row the sum of the units, or of the rows under no other.
fn groups(rows: &[PrintedRow]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    let parent = |i: usize| -> Option<usize> {
        let code = rows[i].code();
        if code.len() < 5 {
            return None;
        }
        let up = &code[..code.len() - 2];
        (0..i).rev().find(|&j| rows[j].code() == up)
    };
    let mut roots = Vec::new();
    let mut units: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.is_unit() {
            units.push((i, Vec::new()));
            continue;
        }
        if row.code().is_empty() {
            continue;
        }
        match parent(i) {
            Some(p) => match out.iter_mut().find(|g| g.0 == p) {
                Some(g) => g.1.push(i),
                None => out.push((p, vec![i])),
            },
            None => match units.last_mut() {
                Some(u) => u.1.push(i),
                None => roots.push(i),
            },
        }
    }
    let totals: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].code().is_empty() && is_total_label(rows[i].label()))
        .collect();
    let top: Vec<usize> = if units.is_empty() {
        roots
    } else {
        units.iter().map(|u| u.0).chain(roots).collect()
    };
    out.extend(units.into_iter().filter(|u| !u.1.is_empty()));
    if let [total] = totals[..]
        && !top.is_empty()
    {
        out.push((total, top));
    }
    out
}

/// Places every row's figures where all sums hold, rows in printed order and each figure as
/// far left as the sums allow; with whether another placement would hold too.
fn place(
    paths: &[Vec<String>],
    rows: &[PrintedRow],
    budget: &mut usize,
) -> Option<(Vec<Vec<usize>>, bool)> {
    let width = paths.len();
    let ways: u64 = rows
        .iter()
        .map(|r| binomial(width, r.figures.len()))
        .fold(0, u64::saturating_add);
    if ways > MAX_CANDIDATES {
        return None;
    }
    let sums = header_sums(paths);
    let candidates: Vec<Vec<Vec<usize>>> = rows
        .iter()
        .map(|r| {
            combinations(width, r.figures.len())
                .into_iter()
                .filter(|slots| row_holds(&sums, &r.values, slots, width))
                .filter(|slots| slots.iter().all(|&s| fits_class(&paths[s], r.code())))
                .collect()
        })
        .collect();
    if candidates.iter().any(Vec::is_empty) {
        return None;
    }
    let groups = groups(rows);
    // A group is checked once its last row is placed.
    let mut closes: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for (g, (whole, parts)) in groups.iter().enumerate() {
        let last = parts.iter().copied().chain([*whole]).max().unwrap_or(0);
        closes[last].push(g);
    }
    let mut search = Search {
        rows,
        candidates: &candidates,
        groups: &groups,
        closes: &closes,
        width,
        chosen: vec![0; rows.len()],
        steps: 0,
        limit: *budget,
        found: Vec::new(),
    };
    search.run(0);
    *budget -= search.steps.min(*budget);
    let first = search.found.first()?.clone();
    let ambiguous = search.found.len() > 1 || search.steps >= search.limit;
    Some((
        first
            .iter()
            .enumerate()
            .map(|(i, &c)| candidates[i][c].clone())
            .collect(),
        ambiguous,
    ))
}

/// A depth-first search over the rows' placements, leftmost first, stopping at two solutions.
struct Search<'a> {
    rows: &'a [PrintedRow],
    candidates: &'a [Vec<Vec<usize>>],
    groups: &'a [(usize, Vec<usize>)],
    closes: &'a [Vec<usize>],
    width: usize,
    chosen: Vec<usize>,
    steps: usize,
    limit: usize,
    found: Vec<Vec<usize>>,
}

impl Search<'_> {
    fn run(&mut self, i: usize) {
        if self.found.len() >= 2 || self.steps >= self.limit {
            return;
        }
        if i == self.rows.len() {
            self.found.push(self.chosen.clone());
            return;
        }
        for c in 0..self.candidates[i].len() {
            self.steps += 1;
            self.chosen[i] = c;
            if self.closes[i].iter().all(|&g| self.group_holds(g)) {
                self.run(i + 1);
            }
            if self.found.len() >= 2 || self.steps >= self.limit {
                return;
            }
        }
    }

    fn cell(&self, row: usize, column: usize) -> Decimal {
        let slots = &self.candidates[row][self.chosen[row]];
        slots
            .iter()
            .position(|&s| s == column)
            .map_or(Decimal::ZERO, |k| self.rows[row].values[k])
    }

    fn group_holds(&self, g: usize) -> bool {
        let (whole, parts) = &self.groups[g];
        let tol = TOLERANCE * Decimal::from(parts.len() as u64 + 1);
        (0..self.width).all(|c| {
            let sum: Decimal = parts.iter().map(|&p| self.cell(p, c)).sum();
            (self.cell(*whole, c) - sum).abs() <= tol
        })
    }
}

/// The grid the table builder reads: the code and name columns, the amount columns, and each
/// row's figures in the cells they were placed in.
fn build(
    grid: &Grid,
    header: &Header,
    paths: &[Vec<String>],
    rows: &[PrintedRow],
    placement: &[Vec<usize>],
    ambiguous: bool,
) -> Rebuilt {
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
        .map(|(r, slots)| {
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
                        if ambiguous {
                            "; other placements hold too, each figure was put as far left as the sums allow"
                        } else {
                            ""
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
    Rebuilt {
        grid: Grid {
            columns,
            header_rows: Vec::new(),
            rows: grid_rows,
            collapsed: false,
            raw: Vec::new(),
            ..grid.clone()
        },
        notes,
        ambiguous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_leftmost_first() {
        assert_eq!(
            combinations(4, 2),
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert!(combinations(2, 3).is_empty());
        assert_eq!(combinations(3, 0), vec![Vec::<usize>::new()]);
        for (n, k) in [(4, 2), (16, 8), (12, 3), (5, 0), (2, 3)] {
            assert_eq!(
                binomial(n, k),
                combinations(n, k).len() as u64,
                "C({n}, {k})"
            );
        }
    }

    #[test]
    fn the_column_count_comes_from_the_numbered_line() {
        assert_eq!(columns_line("栏次 1 2 3 4 5"), Some(5));
        assert_eq!(columns_line("栏 次 1 2 3"), None);
        assert_eq!(columns_line("栏次 1 3"), None);
        assert_eq!(columns_line("合计 1 2"), None);
    }

    #[test]
    fn letter_spaced_words_are_joined() {
        assert_eq!(words("序号 项 目"), ["序号", "项目"]);
        assert_eq!(words("资 金 性 质"), ["资金性质"]);
        assert_eq!(words("合计 基本支出"), ["合计", "基本支出"]);
    }

    #[test]
    fn codes_are_joined_when_printed_apart_or_wrapped_and_names_keep_their_numbers() {
        assert_eq!(
            code_of(&["205", "08", "03", "培训支出"]),
            ("2050803".into(), 3)
        );
        assert_eq!(code_of(&["206010", "1", "行政运行"]), ("2060101".into(), 2));
        assert_eq!(code_of(&["30101", "基本工资"]), ("30101".into(), 1));
        assert_eq!(code_of(&["2025", "年专项资金"]), (String::new(), 0));
        assert_eq!(code_of(&["206"]), (String::new(), 0));
    }

    #[test]
    fn a_total_comes_first_of_its_table_or_group() {
        let p = |s: &[&[&str]]| -> Vec<Vec<String>> {
            s.iter()
                .map(|x| x.iter().map(|y| y.to_string()).collect())
                .collect()
        };
        assert!(conventional(&p(&[
            &["合计"],
            &["本年收入", "小计"],
            &["本年收入", "事业收入"]
        ])));
        assert!(!conventional(&p(&[
            &["本年收入", "事业收入"],
            &["本年收入", "小计"]
        ])));
        assert!(!conventional(&p(&[&["基本支出"], &["合计"]])));
    }
}
