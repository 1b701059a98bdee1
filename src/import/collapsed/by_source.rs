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

/// Most partial-sum states kept, over all lines, while placing the numbered lines (never a
/// hang, never memory without bound).
const MAX_STATES: usize = 1_000_000;

/// Most placements of the total lines (本年支出合计 to 支出总计) tried.
const MAX_TOTALS: usize = 10_000;

/// The source a column or an income line names, by the words that tell them apart.
fn source_of(name: &str) -> Option<usize> {
    ["一般公共预算", "政府性基金", "国有资本经营"]
        .iter()
        .position(|k| name.contains(k))
}

/// For each line, the columns its figures go to.
type Placement = Vec<Vec<usize>>;

/// One expenditure line: its name and its figures as printed.
pub struct Line<'a> {
    pub name: &'a str,
    pub figures: Vec<Decimal>,
}

/// For each line, the columns its figures go to (0 the 合计, 1.. the sources), or why no single
/// placement holds. `parts` names the source columns; `income` is the income side (name, figure).
pub fn place(
    parts: &[String],
    lines: &[Line],
    income: &[(&str, Decimal)],
) -> Result<Placement, String> {
    let p = parts.len();
    // Each line's choices of columns for its figures.
    let mut choices: Vec<Vec<Vec<usize>>> = Vec::with_capacity(lines.len());
    for l in lines {
        let m = l.figures.len();
        let c = match m {
            0 => vec![Vec::new()],
            _ if m == p + 1 => vec![(0..=p).collect()],
            1 if l.figures[0].is_zero() => vec![vec![0]],
            1 => {
                return Err(format!(
                    "{} prints one figure for {} columns",
                    l.name,
                    p + 1
                ));
            }
            _ if m > p + 1 => return Err(format!("{} prints more figures than columns", l.name)),
            _ => {
                let sum: Decimal = l.figures[1..].iter().sum();
                if sum != l.figures[0] {
                    return Err(format!("{}: its figures do not add up to its 合计", l.name));
                }
                subsets(p, m - 1)
                    .into_iter()
                    .map(|s| {
                        std::iter::once(0)
                            .chain(s.into_iter().map(|c| c + 1))
                            .collect()
                    })
                    .collect()
            }
        };
        choices.push(c);
    }
    let current = lines
        .iter()
        .position(|l| l.name.starts_with("本年") && l.name.contains("合计"))
        .ok_or("no 本年支出合计 line to place the sources by")?;
    let total = lines
        .iter()
        .position(|l| l.name.contains("总计"))
        .filter(|&t| t > current);
    // What each source gave on the income side, where the income side names its sources.
    let mut received = vec![Decimal::ZERO; p];
    let mut named = vec![false; p];
    let source_of_part: Vec<Option<usize>> = parts.iter().map(|n| source_of(n)).collect();
    for (name, v) in income {
        if name.contains("合计") || name.contains("总计") {
            continue;
        }
        if let Some(s) = source_of(name)
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
    // The totals' placements: 本年支出合计, the lines after it and the 支出总计.
    let tail: Vec<usize> = (current..total.map_or(current + 1, |t| t + 1)).collect();
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
    for combo in product(&sizes) {
        let picked: Vec<&Vec<usize>> = tail
            .iter()
            .zip(&combo)
            .map(|(&i, &k)| &choices[i][k])
            .collect();
        let col = |pos: usize, j: usize| value(tail[pos], picked[pos], j + 1);
        if let Some(t) = total {
            let last = t - current;
            let holds = (0..p).all(|j| {
                let sum: Decimal = (0..last).map(|pos| col(pos, j)).sum();
                sum == col(last, j) && (!named[j] || col(last, j) == received[j])
            });
            if !holds {
                continue;
            }
        } else if !(0..p).all(|j| !named[j] || col(0, j) == received[j]) {
            continue;
        }
        let targets: Vec<Decimal> = (0..p).map(|j| col(0, j)).collect();
        let (n, body) = numbered_lines(&lines[..current], &choices[..current], &targets)?;
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
    let rest = current + tail.len();
    if choices[rest..].iter().any(|c| c.len() > 1) {
        return Err("lines after the 支出总计 cannot be placed".into());
    }
    let mut out = body;
    out.extend(totals);
    out.extend(choices[rest..].iter().map(|c| c[0].clone()));
    Ok(out)
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

/// The `k`-element subsets of `0..n`, each in order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    (0..n)
        .flat_map(|first| {
            subsets(n - first - 1, k - 1).into_iter().map(move |rest| {
                std::iter::once(first)
                    .chain(rest.into_iter().map(|r| r + first + 1))
                    .collect()
            })
        })
        .collect()
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

    fn parts() -> Vec<String> {
        [
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]
        .map(String::from)
        .to_vec()
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
    fn subsets_and_products() {
        assert_eq!(subsets(3, 2), [vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(subsets(3, 0), [Vec::<usize>::new()]);
        assert_eq!(product(&[2, 1]), [vec![0, 0], vec![1, 0]]);
    }
}
