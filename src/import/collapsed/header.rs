//! The header of a collapsed table: its code and name columns, and the ways its fragments
//! read as the amount columns' header paths.

use super::super::grid::RawLine;
use super::super::layout::compact;
use super::super::words::is_total_label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TextColumn {
    Code,
    Name,
}

/// The text columns of the header (codes and names, each with its group), and the fragments
/// naming the amount columns.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Header {
    pub(super) text: Vec<(TextColumn, Vec<String>)>,
    /// Header fragments naming amount columns or their groups, in printed order.
    pub(super) fragments: Vec<String>,
    /// Amount columns, where a 栏次 line numbers the columns.
    pub(super) amounts: Option<usize>,
    /// Whether rows start with their 序号.
    pub(super) numbered: bool,
}

/// The column count of a `栏次 1 2 3 … N` line.
pub(super) fn columns_line(text: &str) -> Option<usize> {
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
pub(super) fn words(text: &str) -> Vec<String> {
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
pub(super) const CELLS: &[&str] = &[
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
    "其中：上级专项转移支付安排支出",
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
pub(super) fn is_tail(fragment: &str) -> bool {
    matches!(
        fragment,
        "收入" | "支出" | "出" | "补助支出" | "上缴收入" | "财政拨款"
    ) || fragment.starts_with("预算")
}

/// The header above the rows: its code and name columns, and the fragments naming the amount
/// columns; `count` is the 栏次 line's, where there is one.
pub(super) fn header(lines: &[&RawLine], count: Option<usize>) -> Result<Header, String> {
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
            // 类 款 项 under a 科目编码 printed before the names (a web page's row order): the
            // code column's own sub-header, not another code column.
            "类" | "类款" | "类款项"
                if text.iter().any(|t| t.1 == "科目编码")
                    && text.last().is_some_and(|t| t.0 == TextColumn::Name) => {}
            // 科目编码 over 单位代码 and one 单位（科目名称）: one column of codes, a unit's or a
            // subject's by the line (`261 焦作市产业技术科学院`, `205 08 03 培训支出`).
            "单位代码" | "单位编码" if text.last().is_some_and(|t| t.1 == "科目编码") =>
                {}
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

pub(super) fn is_text_column(f: &str) -> bool {
    f == "序号" || f.contains("编码") || f.contains("名称") || f.ends_with("科目")
}

/// The ways the header's fragments can be read as the amount columns' header paths: all of
/// them columns, or one of them a group over the fragments printed last (the header's lowest
/// row), those printed between being columns that span both rows, to the group's right.
/// Where a 栏次 line counts the columns, only readings with that many.
pub(super) fn readings(header: &Header) -> Vec<Vec<Vec<String>>> {
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
    out.extend(drawn(header));
    out.retain(|p| conventional(p));
    out
}

/// The reading of a header of groups within groups printed row by row, each group over the
/// cells the standard tables draw under it (its fragments, run together, cut back into the
/// cells they spell), if it reads so.
pub(super) fn drawn(header: &Header) -> Option<Vec<Vec<String>>> {
    let f = &header.fragments;
    let cells = super::nested::cells(f);
    super::nested::columns(cells.as_deref().unwrap_or(f))
        .filter(|paths| header.amounts.is_none_or(|n| n == paths.len()))
        .filter(|paths| conventional(paths))
}

/// Whether a reading follows how these headers are drawn: a total (合计, 小计) comes first —
/// of the table or of its group.
pub(super) fn conventional(paths: &[Vec<String>]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
