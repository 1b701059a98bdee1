//! The expenditure side of a 财政拨款收支总表 printed with a 合计 and one column per source of
//! funds (`合计 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款`),
//! from an export that lost its empty cells: `六、科学技术支出 241.05 241.05` says the 合计 and
//! one source, not which. The table's own arithmetic decides:
//! - a line's 合计 is the sum of its sources (its first figure, the rest its parts);
//! - each source column of the numbered lines adds up to the 本年支出合计 line's figure in it;
//! - the 支出总计 is the 本年支出合计 and the lines between them, column by column;
//! - each source's 支出总计 is what the income side received from it (本年 and 结转 lines naming
//!   that source: 一般公共预算拨款 → 一般公共预算财政拨款).
//!
//! The figures are placed only where exactly one placement makes every printed sum hold.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::super::words::is_total_label;
use super::place::{binomial, combinations};
use super::side_layout::layout;
use crate::text::compact;

/// Most partial-sum states kept, over all lines, while placing the numbered lines (never a
/// hang, never memory without bound).
const MAX_STATES: usize = 1_000_000;

/// Most placements of the total lines (本年支出合计 to 支出总计) tried.
const MAX_TOTALS: usize = 10_000;

/// The source a column or an income line names, by the words that tell them apart.
fn source_of(name: &str) -> Option<usize> {
    [
        "一般公共预算",
        "政府性基金",
        "国有资本经营",
        "财政专户",
        "单位资金",
    ]
    .iter()
    .position(|k| name.contains(k))
}

/// Most placements of one line's figures among its columns tried.
const MAX_CHOICES: usize = 10_000;

/// For each line, the columns its figures go to.
type Placement = Vec<Vec<usize>>;

/// One expenditure line: its name and its figures as printed.
pub struct Line<'a> {
    pub name: &'a str,
    pub figures: Vec<Decimal>,
}

/// What a source column is: a part of the 合计, or a 其中 column within the column at the index
/// (一般公共预算 / 小计 over 其中：财政拨款), which the 合计 does not count again.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Part,
    Within(usize),
}

/// Each source column's kind, from its header path (`一般公共预算 / 其中：财政拨款`).
fn kinds(parts: &[Vec<String>]) -> Result<Vec<Kind>, String> {
    parts
        .iter()
        .map(|path| {
            let Some((last, group)) = path.split_last() else {
                return Ok(Kind::Part);
            };
            if !last.starts_with("其中") {
                return Ok(Kind::Part);
            }
            parts
                .iter()
                .position(|p| {
                    p.split_last()
                        .is_some_and(|(l, g)| g == group && is_total_label(l))
                })
                .map(Kind::Within)
                .ok_or_else(|| format!("{} has no 小计 to be part of", path.join("/")))
        })
        .collect()
}

/// The ways a line's figures after its 合计 can sit among the source columns (1.. the sources):
/// the parts add up to the 合计, and a 其中 figure is printed with its 小计, never above it.
fn choices_of(line: &Line, kinds: &[Kind]) -> Result<Vec<Vec<usize>>, String> {
    let p = kinds.len();
    let m = line.figures.len();
    if m == 0 {
        return Ok(vec![Vec::new()]);
    }
    if m == 1 {
        return if line.figures[0].is_zero() {
            Ok(vec![vec![0]])
        } else {
            Err(format!(
                "{} prints one figure for {} columns",
                line.name,
                p + 1
            ))
        };
    }
    if m > p + 1 {
        return Err(format!("{} prints more figures than columns", line.name));
    }
    if binomial(p, m - 1) > MAX_CHOICES as u64 {
        return Err(format!(
            "too many ways to place the figures of {} to try",
            line.name
        ));
    }
    let holds = |cols: &[usize]| {
        let at = |c: usize| {
            cols.iter()
                .position(|&x| x == c)
                .map(|i| line.figures[i + 1])
        };
        let parts: Decimal = cols
            .iter()
            .zip(&line.figures[1..])
            .filter(|(c, _)| kinds[**c] == Kind::Part)
            .map(|(_, f)| f)
            .sum();
        parts == line.figures[0]
            && cols
                .iter()
                .zip(&line.figures[1..])
                .all(|(&c, f)| match kinds[c] {
                    Kind::Part => true,
                    Kind::Within(of) => {
                        at(of).is_some_and(|total| f.is_sign_negative() || *f <= total)
                    }
                })
    };
    let out: Vec<Vec<usize>> = combinations(p, m - 1)
        .into_iter()
        .filter(|s| holds(s))
        .map(|s| {
            std::iter::once(0)
                .chain(s.into_iter().map(|c| c + 1))
                .collect()
        })
        .collect();
    if out.is_empty() {
        return Err(format!(
            "{}: its figures do not add up to its 合计",
            line.name
        ));
    }
    Ok(out)
}

/// For each line, the columns its figures go to (0 the 合计, 1.. the sources), or why no single
/// placement holds. `parts` are the source columns' header paths; `income` is the income side
/// (name, figure).
pub fn place(
    parts: &[Vec<String>],
    lines: &[Line],
    income: &[(&str, Decimal)],
) -> Result<Placement, String> {
    let p = parts.len();
    let kinds = kinds(parts)?;
    // Each line's choices of columns for its figures.
    let choices: Vec<Vec<Vec<usize>>> = lines
        .iter()
        .map(|l| choices_of(l, &kinds))
        .collect::<Result<_, _>>()?;
    let names: Vec<&str> = lines.iter().map(|l| l.name).collect();
    let layout = layout(&names).ok_or("no 本年支出合计 line to place the sources by")?;
    // What each source gave on the income side, where the income side names its sources, and
    // at least what a 其中 column received (其中：财政拨款 under 一般公共预算拨款).
    let mut received = vec![Decimal::ZERO; p];
    let mut named = vec![false; p];
    let mut at_least = vec![Decimal::ZERO; p];
    let source_of_part: Vec<Option<usize>> = parts
        .iter()
        .zip(&kinds)
        .map(|(n, k)| (*k == Kind::Part).then(|| source_of(&n.concat())).flatten())
        .collect();
    for (name, v) in income {
        if name.contains("合计") || name.contains("总计") {
            continue;
        }
        if name.starts_with("其中") {
            let mut within = parts.iter().enumerate().filter(|(j, path)| {
                matches!(kinds[*j], Kind::Within(_))
                    && path.last().is_some_and(|l| compact(l) == compact(name))
            });
            if let (Some((j, _)), None) = (within.next(), within.next()) {
                at_least[j] += v;
            }
        } else if let Some(s) = source_of(name)
            && let Some(j) = source_of_part.iter().position(|&x| x == Some(s))
        {
            received[j] += v;
            named[j] = true;
        }
    }
    let value = |line: usize, choice: &[usize], col: usize| -> Decimal {
        choice
            .iter()
            .position(|&c| c == col)
            .map_or(Decimal::ZERO, |i| lines[line].figures[i])
    };
    // The totals' placements: the 本年支出合计, the lines beside it and the grand total.
    let mut tail: Vec<usize> = std::iter::once(layout.current)
        .chain(layout.beside.iter().copied())
        .collect();
    tail.extend(layout.grand);
    let (n_beside, has_grand) = (layout.beside.len(), layout.grand.is_some());
    // (the numbered lines' placement, the totals'), for each placement that holds.
    let mut solutions: Vec<(Placement, Placement)> = Vec::new();
    let mut ways = 0usize;
    let sizes: Vec<usize> = tail.iter().map(|&i| choices[i].len()).collect();
    if sizes
        .iter()
        .try_fold(1usize, |n, &k| {
            n.checked_mul(k).filter(|&n| n <= MAX_TOTALS)
        })
        .is_none()
    {
        return Err("too many ways to place the totals' figures to try".into());
    }
    let numbered_lines_of: Vec<Line> = layout
        .parts
        .iter()
        .map(|&i| Line {
            name: lines[i].name,
            figures: lines[i].figures.clone(),
        })
        .collect();
    let numbered_choices: Vec<Vec<Vec<usize>>> =
        layout.parts.iter().map(|&i| choices[i].clone()).collect();
    for combo in product(&sizes) {
        let picked: Vec<&Vec<usize>> = tail
            .iter()
            .zip(&combo)
            .map(|(&i, &k)| &choices[i][k])
            .collect();
        let col = |pos: usize, j: usize| value(tail[pos], picked[pos], j + 1);
        // The column the income side is compared with: the grand total where one is printed.
        let last = if has_grand { n_beside + 1 } else { 0 };
        let holds = (0..p).all(|j| {
            let sum: Decimal = (0..=n_beside).map(|pos| col(pos, j)).sum();
            (!has_grand || sum == col(last, j))
                && (!named[j] || col(last, j) == received[j])
                && col(last, j) >= at_least[j]
        });
        if !holds {
            continue;
        }
        let targets: Vec<Decimal> = (0..p).map(|j| col(0, j)).collect();
        let (n, body) = numbered_lines(&numbered_lines_of, &numbered_choices, &targets)?;
        ways += n;
        if n > 0 {
            solutions.push((body, picked.into_iter().cloned().collect()));
        }
        if ways > 1 {
            return Err("several placements of the figures add up".into());
        }
    }
    let Some((body, totals)) = solutions.pop() else {
        return Err("no placement of the figures makes every sum hold".into());
    };
    let mut out: Vec<Option<Vec<usize>>> = vec![None; lines.len()];
    for (&i, c) in layout.parts.iter().zip(body) {
        out[i] = Some(c);
    }
    for (&i, c) in tail.iter().zip(totals) {
        out[i] = Some(c);
    }
    out.into_iter()
        .zip(&choices)
        .map(|(placed, options)| match (placed, options.as_slice()) {
            (Some(c), _) => Ok(c),
            (None, [only]) => Ok(only.clone()),
            (None, _) => Err("lines outside the totals' sums cannot be placed".to_string()),
        })
        .collect()
}

/// How many ways (0, 1 or 2 meaning more) the numbered lines' sources add up to `targets`,
/// column by column, and the one placement when there is one.
fn numbered_lines(
    lines: &[Line],
    choices: &[Vec<Vec<usize>>],
    targets: &[Decimal],
) -> Result<(usize, Placement), String> {
    let p = targets.len();
    // State: the sums so far per source column → (ways, the previous state, the choice made).
    type State = Vec<Decimal>;
    let mut layers: Vec<HashMap<State, (usize, State, usize)>> = Vec::new();
    let mut frontier: HashMap<State, usize> = HashMap::from([(vec![Decimal::ZERO; p], 1)]);
    let nonnegative = lines
        .iter()
        .all(|l| l.figures.iter().all(|f| !f.is_sign_negative()))
        && targets.iter().all(|t| !t.is_sign_negative());
    let mut kept = 0;
    for (l, options) in lines.iter().zip(choices) {
        let mut next: HashMap<State, (usize, State, usize)> = HashMap::new();
        for (state, ways) in &frontier {
            for (k, choice) in options.iter().enumerate() {
                let mut s = state.clone();
                for (f, &c) in l.figures.iter().zip(choice) {
                    if c > 0 {
                        s[c - 1] += f;
                    }
                }
                if nonnegative && s.iter().zip(targets).any(|(a, t)| a > t) {
                    continue;
                }
                let e = next.entry(s).or_insert((0, state.clone(), k));
                e.0 = (e.0 + ways).min(2);
            }
        }
        kept += next.len();
        if kept > MAX_STATES {
            return Err("too many ways to place the figures to try".into());
        }
        frontier = next.iter().map(|(s, (w, _, _))| (s.clone(), *w)).collect();
        layers.push(next);
    }
    let Some(&ways) = frontier.get(targets) else {
        return Ok((0, Vec::new()));
    };
    if ways != 1 {
        return Ok((ways, Vec::new()));
    }
    let mut out = vec![Vec::new(); lines.len()];
    let mut state = targets.to_vec();
    for (i, layer) in layers.iter().enumerate().rev() {
        let (_, prev, k) = &layer[&state];
        out[i] = choices[i][*k].clone();
        state = prev.clone();
    }
    Ok((1, out))
}

/// Every combination of one index per position (`sizes[i]` choices at position i).
fn product(sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for &n in sizes {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                (0..n).map(move |i| {
                    let mut v = prefix.clone();
                    v.push(i);
                    v
                })
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn line<'a>(name: &'a str, figures: &[&str]) -> Line<'a> {
        Line {
            name,
            figures: figures.iter().map(|f| d(f)).collect(),
        }
    }

    fn parts() -> Vec<Vec<String>> {
        [
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]
        .map(|p| vec![p.to_string()])
        .to_vec()
    }

    fn nested_parts() -> Vec<Vec<String>> {
        [
            "一般公共预算/小计",
            "一般公共预算/其中：财政拨款",
            "一般公共预算/其中：上级专项转移支付安排支出",
            "政府性基金",
        ]
        .map(|p| p.split('/').map(String::from).collect())
        .to_vec()
    }

    #[test]
    fn a_qizhong_figure_sits_with_its_subtotal_and_is_not_added_to_the_total() {
        let kinds = kinds(&nested_parts()).unwrap();
        assert_eq!(
            kinds,
            [Kind::Part, Kind::Within(0), Kind::Within(0), Kind::Part]
        );
        let l = line("（六）科学技术支出", &["72.23", "72.23", "72.23"]);
        // 小计 with either 其中; never 其中 without its 小计, nor two parts adding to twice it.
        assert_eq!(
            choices_of(&l, &kinds).unwrap(),
            [vec![0, 1, 2], vec![0, 1, 3]]
        );
        let l = line("（六）科学技术支出", &["5.00", "3.00", "4.00"]);
        assert!(choices_of(&l, &kinds).is_err(), "a 其中 above its 小计");
        assert!(super::kinds(&[vec!["单位资金".into(), "其中：财政拨款".into()]]).is_err());
    }

    #[test]
    fn the_income_sides_qizhong_line_decides_which_qizhong_column() {
        // 001 焦作: the grand total first; only 其中：财政拨款 can hold the 85.26 the income side
        // says it received as 财政拨款.
        let lines = [
            line("支出合计", &["160.02", "160.02", "160.02"]),
            line("一、本年支出", &["85.26", "85.26", "85.26"]),
            line("（一）教育支出", &["0.27", "0.27", "0.27"]),
            line("（二）科学技术支出", &["84.99", "84.99", "84.99"]),
            line("二、年终结转结余", &["74.76", "74.76", "74.76"]),
        ];
        let income = [
            ("收入合计", d("160.02")),
            ("一、本年收入", d("85.26")),
            ("（一）一般公共预算拨款", d("85.26")),
            ("其中：财政拨款", d("85.26")),
            ("二、上年结转", d("74.76")),
            ("（一）一般公共预算拨款", d("74.76")),
        ];
        let got = place(&nested_parts(), &lines, &income).unwrap();
        assert!(got.iter().all(|c| c == &[0, 1, 2]), "{got:?}");
        // Without that line, 其中：上级专项 would hold as well: refused.
        let without: Vec<(&str, Decimal)> = income
            .iter()
            .filter(|(n, _)| !n.starts_with("其中"))
            .copied()
            .collect();
        let err = place(&nested_parts(), &lines, &without).unwrap_err();
        assert!(err.contains("several"), "{err}");
    }

    #[test]
    fn the_sources_are_placed_where_the_column_sums_and_the_income_side_hold() {
        // 003 河北's 财政拨款收支总表 as its export prints it.
        let lines = [
            line("六、科学技术支出", &["241.05", "241.05"]),
            line("八、社会保障和就业支出", &["82.89", "82.89"]),
            line("二十、住房保障支出", &["16.21", "16.21"]),
            line("十五、资源勘探工业信息等支出", &["836.76", "836.76"]),
            line("二十二、国有资本经营预算支出", &["10.00", "10.00"]),
            line("本年支出合计", &["1186.91", "1176.91", "10.00"]),
            line("年末财政拨款结转和结余", &[]),
            line("支出总计", &["1186.91", "1176.91", "10.00"]),
        ];
        let income = [
            ("一、一般公共预算拨款", d("1076.91")),
            ("三、国有资本经营预算拨款", d("10.00")),
            ("本年收入合计", d("1086.91")),
            ("一、一般公共预算拨款", d("100.00")),
            ("收入总计", d("1186.91")),
        ];
        let got = place(&parts(), &lines, &income).unwrap();
        assert_eq!(
            got,
            [
                vec![0, 1],
                vec![0, 1],
                vec![0, 1],
                vec![0, 1],
                vec![0, 3],
                vec![0, 1, 3],
                vec![],
                vec![0, 1, 3],
            ]
        );
    }

    #[test]
    fn two_placements_that_both_add_up_are_refused() {
        // Two sources of 5.00 each and two lines of 5.00: either line could be either source.
        let lines = [
            line("一、甲支出", &["5.00", "5.00"]),
            line("二、乙支出", &["5.00", "5.00"]),
            line("本年支出合计", &["10.00", "5.00", "5.00"]),
        ];
        let income = [
            ("一、一般公共预算拨款", d("5.00")),
            ("二、政府性基金预算拨款", d("5.00")),
        ];
        assert!(
            place(&parts(), &lines, &income)
                .unwrap_err()
                .contains("several")
        );
    }

    #[test]
    fn sums_that_hold_for_no_placement_are_refused() {
        let lines = [
            line("一、甲支出", &["5.00", "4.00"]),
            line("本年支出合计", &["5.00", "5.00"]),
        ];
        assert!(place(&parts(), &lines, &[]).is_err());
        let lines = [
            line("一、甲支出", &["5.00", "5.00"]),
            line("本年支出合计", &["6.00", "6.00"]),
        ];
        assert!(
            place(&parts(), &lines, &[])
                .unwrap_err()
                .contains("no placement")
        );
    }

    #[test]
    fn too_many_lines_between_the_totals_are_refused_not_tried() {
        let mut lines = vec![line("本年支出合计", &["3.00", "1.00", "1.00", "1.00"])];
        for _ in 0..40 {
            lines.push(line("其他", &["2.00", "1.00", "1.00"]));
        }
        lines.push(line("支出总计", &["3.00", "1.00", "1.00", "1.00"]));
        assert!(
            place(&parts(), &lines, &[])
                .unwrap_err()
                .contains("too many")
        );
    }

    #[test]
    fn products() {
        assert_eq!(product(&[2, 1]), [vec![0, 0], vec![1, 0]]);
    }
}
