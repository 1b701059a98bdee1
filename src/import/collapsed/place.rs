//! Placing a collapsed table's figures: every way a row's figures go into the columns, kept
//! where the row's sums hold, searched for the placement where the table's column sums hold.

use rust_decimal::Decimal;

use super::super::placement::{Sum, header_sums};
use super::super::words::is_total_label;
use super::MAX_CANDIDATES;
use super::hints::{Hint, Hints, source_column};
use super::rows::PrintedRow;

/// Whether a row of this 部门预算经济分类 code may print a figure under this header: 人员经费
/// is 工资福利支出 (301) and 对个人和家庭的补助 (303), 公用经费 the rest; 工资福利支出,
/// 商品和服务支出, 对个人和家庭的补助 and 资本性支出 are their own classes. Other rows (a 功能分类
/// code, no code) may print anywhere.
pub(super) fn fits_class(path: &[String], code: &str) -> bool {
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

/// How many ways `k` figures go in order into `n` columns.
pub(super) fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k) as u64;
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n as u64 - i) / (i + 1))
}

/// Every way of putting `k` figures in order into `n` columns, leftmost first.
pub(super) fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
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

pub(super) const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// Whether a row's figures in these columns keep every sum of the header.
pub(super) fn row_holds(sums: &[Sum], values: &[Decimal], slots: &[usize], width: usize) -> bool {
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
pub(super) fn groups(rows: &[PrintedRow]) -> Vec<(usize, Vec<usize>)> {
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

/// What another table prints for this row, if it prints the row with the same 合计.
pub(super) fn hint_for<'h>(
    hints: &'h Hints,
    paths: &[Vec<String>],
    row: &PrintedRow,
) -> Option<Hint<'h>> {
    let code = row.code();
    if code.is_empty() && is_total_label(row.label()) {
        // The table's 合计 line: the department's spending by source, as the income side
        // received it.
        return hints.for_total(*row.values.first()?);
    }
    if code.is_empty() || row.is_unit() {
        return None;
    }
    let columns: Vec<&str> = paths
        .iter()
        .map(|p| p.last().map_or("", String::as_str))
        .collect();
    hints.for_row(code, *row.values.first()?, &columns)
}

/// Whether a row's figures in these columns agree with what another table prints for it.
pub(super) fn agrees(
    hint: &Hint,
    paths: &[Vec<String>],
    row: &PrintedRow,
    slots: &[usize],
) -> bool {
    let names: Vec<String> = paths
        .iter()
        .map(|p| match hint.by_source {
            true => source_column(p),
            false => p.last().cloned().unwrap_or_default(),
        })
        .collect();
    let placed: Vec<(&str, Decimal)> = slots
        .iter()
        .zip(&row.values)
        .map(|(&s, &v)| (names[s].as_str(), v))
        .collect();
    let columns: Vec<&str> = names.iter().map(String::as_str).collect();
    hint.agrees(&placed, &columns)
}

/// Places every row's figures where all sums hold, rows in printed order and each figure as
/// far left as the sums allow — or, where several placements hold and other tables print some
/// of the rows, the placement agreeing with them if one holds; with how it was chosen.
pub(super) fn place(
    paths: &[Vec<String>],
    rows: &[PrintedRow],
    hints: &Hints,
    budget: &mut Budget,
) -> Option<(Vec<Vec<usize>>, Ambiguity)> {
    let width = paths.len();
    let ways: u64 = rows
        .iter()
        .map(|r| binomial(width, r.figures.len()))
        .fold(0, u64::saturating_add);
    if ways > MAX_CANDIDATES {
        return None;
    }
    let candidates = candidates(paths, rows)?;
    let groups = groups(rows);
    let closes = closes(&groups, rows.len());
    let search = |candidates: &[Vec<Vec<usize>>], limit: usize| {
        let mut search = Search {
            rows,
            candidates,
            groups: &groups,
            closes: &closes,
            width,
            chosen: vec![0; rows.len()],
            steps: 0,
            limit,
            found: Vec::new(),
        };
        search.run(0);
        let steps = search.steps;
        let exhausted = search.steps >= search.limit;
        let first: Option<Vec<Vec<usize>>> = search.found.first().map(|f| {
            f.iter()
                .enumerate()
                .map(|(i, &c)| candidates[i][c].clone())
                .collect()
        });
        (first, search.found.len() > 1 || exhausted, steps)
    };
    let (first, ambiguous, steps) = search(&candidates, budget.sums);
    budget.sums -= steps.min(budget.sums);
    let first = first?;
    if !ambiguous {
        return Some((first, Ambiguity::Unique));
    }
    // Several placements add up: the one where every row another table prints agrees with it,
    // if one adds up.
    let mut hinted = false;
    let agreeing: Vec<Vec<Vec<usize>>> = rows
        .iter()
        .zip(&candidates)
        .map(|(r, c)| {
            let Some(h) = hint_for(hints, paths, r) else {
                return c.clone();
            };
            let kept: Vec<Vec<usize>> = c
                .iter()
                .filter(|slots| agrees(&h, paths, r, slots))
                .cloned()
                .collect();
            hinted |= !kept.is_empty() && kept.len() < c.len();
            if kept.is_empty() { c.clone() } else { kept }
        })
        .collect();
    if hinted {
        let (agreed, _, steps) = search(&agreeing, budget.agreeing);
        budget.agreeing -= steps.min(budget.agreeing);
        if let Some(agreed) = agreed {
            return Some((agreed, Ambiguity::Agreeing));
        }
    }
    Some((first, Ambiguity::Leftmost))
}

/// Search steps left for a table, over all readings of its header: for placing its figures by
/// its sums, and apart (the first search may have spent its steps proving a placement is not
/// alone) for the placement agreeing with the other tables.
pub(super) struct Budget {
    pub(super) sums: usize,
    pub(super) agreeing: usize,
}

/// Whether a table's placement is the only one that adds up, and if not, how it was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ambiguity {
    Unique,
    /// Each figure as far left as the sums allow.
    Leftmost,
    /// Agreeing with what other tables print for the same rows.
    Agreeing,
}

/// Each row's placements that keep the header's sums, leftmost first; none if a row has none.
fn candidates(paths: &[Vec<String>], rows: &[PrintedRow]) -> Option<Vec<Vec<Vec<usize>>>> {
    let width = paths.len();
    let sums = header_sums(paths);
    let out: Vec<Vec<Vec<usize>>> = rows
        .iter()
        .map(|r| {
            combinations(width, r.figures.len())
                .into_iter()
                .filter(|slots| row_holds(&sums, &r.values, slots, width))
                .filter(|slots| within_holds(paths, &r.values, slots))
                .filter(|slots| slots.iter().all(|&s| fits_class(&paths[s], r.code())))
                .collect::<Vec<_>>()
        })
        .collect();
    (!out.iter().any(Vec::is_empty)).then_some(out)
}

/// Whether each 其中 figure of a row sits with its group's total (`一般公共预算 / 小计` over
/// `一般公共预算 / 其中：财政拨款`), never above it: a part of the total, which the sums do not
/// count twice, cannot be printed without it.
pub(super) fn within_holds(paths: &[Vec<String>], values: &[Decimal], slots: &[usize]) -> bool {
    slots.iter().zip(values).all(|(&s, v)| {
        let Some((last, group)) = paths[s].split_last() else {
            return true;
        };
        if !last.starts_with("其中") {
            return true;
        }
        let total = paths.iter().position(|p| {
            p.split_last()
                .is_some_and(|(l, g)| g == group && is_total_label(l))
        });
        match total {
            None => true,
            Some(t) => slots
                .iter()
                .position(|&x| x == t)
                .is_some_and(|i| v.is_sign_negative() || *v <= values[i] + TOLERANCE),
        }
    })
}

/// For each group, the row after whose placement it is checked (its last).
fn closes(groups: &[(usize, Vec<usize>)], rows: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (g, (whole, parts)) in groups.iter().enumerate() {
        let last = parts.iter().copied().chain([*whole]).max().unwrap_or(0);
        out[last].push(g);
    }
    out
}

/// Which rows of a placement no other placement adding up moves: for each row, whether the
/// table's sums still hold with its figures anywhere else (tried within `steps` in all; a row
/// not proven settled is not).
pub(super) fn settled(
    paths: &[Vec<String>],
    rows: &[PrintedRow],
    placement: &[Vec<usize>],
    mut steps: usize,
) -> Vec<bool> {
    let Some(mut candidates) = candidates(paths, rows) else {
        return vec![false; rows.len()];
    };
    let groups = groups(rows);
    let closes = closes(&groups, rows.len());
    (0..rows.len())
        .map(|r| {
            // Row r anywhere but where it was placed, the others anywhere.
            let all = std::mem::take(&mut candidates[r]);
            candidates[r] = all
                .iter()
                .filter(|c| **c != placement[r])
                .cloned()
                .collect();
            if candidates[r].is_empty() {
                candidates[r] = all;
                return true;
            }
            let mut search = Search {
                rows,
                candidates: &candidates,
                groups: &groups,
                closes: &closes,
                width: paths.len(),
                chosen: vec![0; rows.len()],
                steps: 0,
                limit: steps,
                found: Vec::new(),
            };
            search.run(0);
            steps -= search.steps.min(steps);
            let settled = search.found.is_empty() && search.steps < search.limit;
            candidates[r] = all;
            settled
        })
        .collect()
}

/// A depth-first search over the rows' placements, leftmost first, stopping at two solutions.
pub(super) struct Search<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, label: &str, figures: &[&str]) -> PrintedRow {
        PrintedRow {
            codes: vec![code.to_string()],
            labels: vec![label.to_string()],
            figures: figures.iter().map(|f| f.to_string()).collect(),
            values: figures.iter().map(|f| f.parse().unwrap()).collect(),
            page: 0,
            line: None,
            last_line: None,
        }
    }

    #[test]
    fn a_qizhong_figure_is_placed_only_with_its_groups_total_and_not_above_it() {
        // 001 焦作's 支出经济分类汇总表: 总计 | 一般公共预算 {小计, 其中：财政拨款} | 政府性基金.
        let paths: Vec<Vec<String>> = [
            "总计",
            "一般公共预算/小计",
            "一般公共预算/其中：财政拨款",
            "政府性基金",
        ]
        .iter()
        .map(|p| p.split('/').map(String::from).collect())
        .collect();
        let r = row("30101", "基本工资", &["17.86", "17.86", "17.86"]);
        // Without the rule, 其中 beside 政府性基金 (总计 = 政府性基金 holds) would be a placement.
        assert_eq!(candidates(&paths, &[r]).unwrap(), [vec![vec![0, 1, 2]]]);
        let v = |x: &[&str]| -> Vec<Decimal> { x.iter().map(|f| f.parse().unwrap()).collect() };
        assert!(within_holds(&paths, &v(&["5", "3", "2"]), &[0, 1, 2]));
        assert!(
            !within_holds(&paths, &v(&["5", "2", "3"]), &[0, 1, 2]),
            "above its 小计"
        );
        assert!(
            !within_holds(&paths, &v(&["5", "5"]), &[0, 2]),
            "without its 小计"
        );
        assert!(within_holds(&paths, &v(&["5", "5"]), &[0, 3]));
    }

    #[test]
    fn a_row_the_sums_put_in_one_place_is_settled_though_the_table_reads_other_ways() {
        let paths: Vec<Vec<String>> = ["合计", "基本支出", "项目支出"]
            .iter()
            .map(|p| vec![p.to_string()])
            .collect();
        // The 合计 row prints all three: 206's 10.00 can only be 基本支出, 207's 5.00 项目支出.
        let rows = [
            row("", "合计", &["15.00", "10.00", "5.00"]),
            row("206", "科学技术支出", &["10.00", "10.00"]),
            row("207", "文化旅游体育与传媒支出", &["5.00", "5.00"]),
        ];
        let placement = [vec![0, 1, 2], vec![0, 1], vec![0, 2]];
        assert_eq!(settled(&paths, &rows, &placement, 1000), [true, true, true]);
        // Printed 10.00 10.00 throughout: 基本支出 or 项目支出, the sums cannot say.
        let rows = [
            row("", "合计", &["10.00", "10.00"]),
            row("206", "科学技术支出", &["10.00", "10.00"]),
        ];
        let placement = [vec![0, 1], vec![0, 1]];
        assert_eq!(settled(&paths, &rows, &placement, 1000), [false, false]);
        // Out of steps: not proven settled.
        assert_eq!(settled(&paths, &rows, &placement, 0), [false, false]);
    }

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
}
