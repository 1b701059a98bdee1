//! A header of three levels that a web page's export wrapped a word per line and ran together
//! (`特定目标` / `类小计`, `商品和服务支出资本性支出`): its fragments, joined, are cut back into
//! the standard cells they spell, and the cells, printed row by row as the page's table drew
//! them (总计 基本支出 项目支出 · 合计 人员经费 公用经费 合计 其他运转类 特定目标类 · 小计 …),
//! are read back into columns: each group's cells are the run of the next row's cells that
//! can stand under it, a total opening its run.

use super::super::words::is_total_label;
use super::header::CELLS;

/// The cells that stand under each group, by the standard budget tables' headers, and whether
/// the group must have them (a source of funds is often printed without its 其中 columns).
const UNDER: &[(&str, &[&str], bool)] = &[
    ("基本支出", &["人员经费", "公用经费"], true),
    ("人员经费", &["工资福利支出", "对个人和家庭的补助"], true),
    ("公用经费", &["商品和服务支出", "资本性支出"], true),
    ("项目支出", &["其他运转类", "特定目标类"], true),
    (
        "一般公共预算",
        &["其中：财政拨款", "其中：上级专项转移支付安排支出"],
        false,
    ),
];

/// Cells a header's run-together fragments spell, where every fragment is not already one:
/// the joined text cut into standard cells (the longest first where two fit), or none if some
/// of it spells no cell. `单位代码` and the like, printed among them, are text columns: left out.
pub(super) fn cells(fragments: &[String]) -> Option<Vec<String>> {
    if fragments.iter().all(|f| CELLS.contains(&f.as_str())) {
        return None;
    }
    let joined: String = fragments.concat();
    let chars: Vec<char> = joined.chars().collect();
    // best[i]: the fewest cells spelling chars[i..], with the first.
    let n = chars.len();
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0));
    let words: Vec<(Vec<char>, bool)> = CELLS
        .iter()
        .map(|c| (c.chars().collect(), true))
        .chain(
            ["单位代码", "单位编码"]
                .iter()
                .map(|c| (c.chars().collect(), false)),
        )
        .collect();
    for i in (0..n).rev() {
        for (w, (word, _)) in words.iter().enumerate() {
            let end = i + word.len();
            if end <= n
                && chars[i..end] == word[..]
                && let Some((count, _)) = best[end]
                && best[i].is_none_or(|(c, _)| count + 1 < c)
            {
                best[i] = Some((count + 1, w));
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, w) = best[i]?;
        let (word, amount) = &words[w];
        if *amount {
            out.push(word.iter().collect());
        }
        i += word.len();
    }
    Some(out)
}

/// The columns of cells printed row by row, or none where they do not read so.
pub(super) fn columns(cells: &[String]) -> Option<Vec<Vec<String>>> {
    let under = |group: &str| {
        UNDER
            .iter()
            .find(|(g, _, _)| *g == group)
            .map(|(_, c, m)| (*c, *m))
    };
    // The top row: up to the first total after the first cell.
    let top = 1 + cells.get(1..)?.iter().position(|c| is_total_label(c))?;
    // Each cell with its path and the cells under it.
    let mut nodes: Vec<(Vec<String>, Vec<usize>)> = cells[..top]
        .iter()
        .map(|c| (vec![c.clone()], Vec::new()))
        .collect();
    let mut level: Vec<usize> = (0..top).collect();
    let mut at = top;
    let mut groups = 0;
    // Row by row: each group of this row takes its run of the next row's cells.
    while !level.is_empty() {
        let mut next = Vec::new();
        for &id in &level {
            let Some((allowed, must)) = nodes[id].0.last().and_then(|l| under(l)) else {
                continue;
            };
            let mut kids = Vec::new();
            while let Some(c) = cells.get(at) {
                let opens = kids.is_empty() && is_total_label(c);
                if !opens && !allowed.contains(&c.as_str()) {
                    break;
                }
                let mut path = nodes[id].0.clone();
                path.push(c.clone());
                nodes.push((path, Vec::new()));
                kids.push(nodes.len() - 1);
                at += 1;
            }
            if kids.is_empty() && !must {
                continue;
            }
            if kids.len() < 2 {
                return None;
            }
            next.extend(&kids);
            nodes[id].1 = kids;
            groups += 1;
        }
        level = next;
    }
    if at != cells.len() || groups == 0 {
        return None;
    }
    // The columns left to right: each cell's in the order it was printed, a group's under it.
    fn leaves(id: usize, nodes: &[(Vec<String>, Vec<usize>)], out: &mut Vec<Vec<String>>) {
        if nodes[id].1.is_empty() {
            out.push(nodes[id].0.clone());
        }
        for &k in &nodes[id].1 {
            leaves(k, nodes, out);
        }
    }
    let mut out = Vec::new();
    for id in 0..top {
        leaves(id, &nodes, &mut out);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells of 001 焦作's 部门支出预算表 header, row by row as its web page drew them.
    const SPENDING: [&str; 15] = [
        "总计",
        "基本支出",
        "项目支出",
        "合计",
        "人员经费",
        "公用经费",
        "合计",
        "其他运转类",
        "特定目标类",
        "小计",
        "工资福利支出",
        "对个人和家庭的补助",
        "小计",
        "商品和服务支出",
        "资本性支出",
    ];

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn run_together_fragments_are_cut_into_the_cells_they_spell() {
        // 001 焦作's 部门支出预算表 as its web page's export prints the header.
        let f = strings(&[
            "单位代",
            "码",
            "总计",
            "基本支出",
            "项目支出",
            "合计",
            "人员经费",
            "公用经费",
            "合计",
            "其他运转类",
            "特定目标",
            "类小计",
            "工资福利支出",
            "对个人和家庭的补助",
            "小计",
            "商品和服务支出资本性支出",
        ]);
        assert_eq!(cells(&f).unwrap(), strings(&SPENDING));
        assert_eq!(cells(&strings(&["合计", "基本支出"])), None);
        assert_eq!(cells(&strings(&["合计", "某某"])), None);
    }

    #[test]
    fn cells_printed_row_by_row_are_read_back_into_columns() {
        let c = strings(&SPENDING);
        let got: Vec<String> = columns(&c).unwrap().iter().map(|p| p.join("/")).collect();
        assert_eq!(
            got,
            [
                "总计",
                "基本支出/合计",
                "基本支出/人员经费/小计",
                "基本支出/人员经费/工资福利支出",
                "基本支出/人员经费/对个人和家庭的补助",
                "基本支出/公用经费/小计",
                "基本支出/公用经费/商品和服务支出",
                "基本支出/公用经费/资本性支出",
                "项目支出/合计",
                "项目支出/其他运转类",
                "项目支出/特定目标类",
            ]
        );
        // Without totals opening the lowest row's runs, each group takes the cells it can hold.
        let c = strings(&[
            "合计",
            "基本支出",
            "项目支出",
            "小计",
            "人员经费",
            "公用经费",
            "小计",
            "其他运转类",
            "特定目标类",
            "工资福利支出",
            "对个人和家庭的补助",
            "商品和服务支出",
            "资本性支出",
        ]);
        let got: Vec<String> = columns(&c).unwrap().iter().map(|p| p.join("/")).collect();
        assert_eq!(
            got[..3],
            ["合计", "基本支出/小计", "基本支出/人员经费/工资福利支出"]
        );
        assert_eq!(got.len(), 9);
        // Cells left over, or a group with one cell under it: not read so.
        assert_eq!(
            columns(&strings(&["合计", "基本支出", "小计", "人员经费", "某"])),
            None
        );
        assert_eq!(columns(&strings(&["合计", "甲", "乙"])), None);
    }

    #[test]
    fn a_source_of_funds_takes_its_qizhong_columns_where_they_are_printed() {
        // 001 焦作's 财政拨款收支预算表: the sub-row (小计 其中：…) under 一般公共预算 only.
        let f = strings(&[
            "合计",
            "一般公共预算",
            "政府性基",
            "金",
            "国有资本经营",
            "预算",
            "财政专户管理资",
            "金收入",
            "单位资",
            "金小计",
            "其中：财政",
            "拨款",
            "其中：上级专项转移支付",
            "安排支出",
        ]);
        let c = cells(&f).unwrap();
        let got: Vec<String> = columns(&c).unwrap().iter().map(|p| p.join("/")).collect();
        assert_eq!(
            got,
            [
                "合计",
                "一般公共预算/小计",
                "一般公共预算/其中：财政拨款",
                "一般公共预算/其中：上级专项转移支付安排支出",
                "政府性基金",
                "国有资本经营预算",
                "财政专户管理资金收入",
                "单位资金",
            ]
        );
        // Printed without them, it is one column.
        let c = strings(&["合计", "一般公共预算", "政府性基金"]);
        assert_eq!(columns(&c), None, "no group: not a nested header");
    }
}
