//! Placement by the document's own arithmetic, for text exports.
//!
//! A text export can put a run of figures one cell off (a merged header cell printed one field
//! short, the data with it). The printed table's header says what adds up to what: a 合计 or
//! 小计 column is the sum of the other columns under the same header, a leading 总计 the sum of
//! the groups beside it. When a row breaks those sums as exported, and moving one run of its
//! figures by one cell makes every sum hold, that placement is the printed one: the row is
//! changed and says so in its note, and the import report lists the decision. Anything less
//! certain is left as exported, for the self-check and the audit to report.

use rust_decimal::Decimal;

use crate::model::{Amount, Table};

use super::kinds::normalize;
use super::report::Issue;

/// One identity: the column `whole` is the sum of `parts`.
pub(super) struct Sum {
    pub(super) whole: usize,
    pub(super) parts: Vec<usize>,
}

fn is_total(leaf: &str) -> bool {
    matches!(leaf, "合计" | "小计" | "总计")
}

/// The sums a table's header states (only where the table has no sides).
fn sums(table: &Table) -> Vec<Sum> {
    if table.columns.iter().any(|c| c.side.is_some()) {
        return Vec::new();
    }
    let headers: Vec<Vec<String>> = table.columns.iter().map(|c| c.header.clone()).collect();
    header_sums(&headers)
}

/// The sums a header states, from each column's header path.
pub(super) fn header_sums(headers: &[Vec<String>]) -> Vec<Sum> {
    let paths: Vec<Vec<String>> = headers
        .iter()
        .map(|h| h.iter().map(|x| normalize(x)).collect())
        .collect();
    let mut out = Vec::new();
    for (c, path) in paths.iter().enumerate() {
        let Some(leaf) = path.last() else { continue };
        if !is_total(leaf) {
            continue;
        }
        let prefix = &path[..path.len() - 1];
        let parts: Vec<usize> = if prefix.is_empty() {
            // A leading 总计: the groups beside it, each by its own total where it prints one;
            // a group with no total of its own states no sum.
            let mut groups: Vec<&String> = Vec::new();
            for p in paths.iter() {
                // Columns printed without a header belong to no group.
                let Some(first) = p.first() else { continue };
                if (p.len() > 1 || *first != path[0]) && !groups.contains(&first) {
                    groups.push(first);
                }
            }
            let parts: Option<Vec<usize>> = groups
                .into_iter()
                .map(|g| {
                    let members: Vec<usize> = (0..paths.len())
                        .filter(|&i| i != c && paths[i].first() == Some(g))
                        .collect();
                    members
                        .iter()
                        .copied()
                        .find(|&i| paths[i].len() == 2 && is_total(&paths[i][1]))
                        .or_else(|| {
                            (members.len() == 1 && paths[members[0]].len() == 1).then(|| members[0])
                        })
                })
                .collect();
            parts.unwrap_or_default()
        } else {
            // The other columns under the same header, a nested group by its own total.
            let depth = prefix.len();
            let mut parts = Vec::new();
            let mut seen_groups: Vec<&String> = Vec::new();
            for (i, p) in paths.iter().enumerate() {
                if i == c || p.len() <= depth || p[..depth] != *prefix {
                    continue;
                }
                if p[depth].starts_with("其中") {
                    continue;
                }
                if p.len() == depth + 1 {
                    parts.push(i);
                    continue;
                }
                let g = &p[depth];
                if seen_groups.contains(&g) {
                    continue;
                }
                seen_groups.push(g);
                match (0..paths.len()).find(|&j| {
                    paths[j].len() == depth + 2
                        && paths[j][..=depth] == p[..=depth]
                        && is_total(&paths[j][depth + 1])
                }) {
                    Some(t) => parts.push(t),
                    None => {
                        parts.clear();
                        break;
                    }
                }
            }
            parts
        };
        if !parts.is_empty() {
            out.push(Sum { whole: c, parts });
        }
    }
    out
}

/// How many of the sums a row's figures state (print something for), and how many of those
/// they break.
fn tally(sums: &[Sum], amounts: &[Option<Amount>], tolerance: Decimal) -> (usize, usize) {
    let get = |i: usize| amounts.get(i).copied().flatten().map(|a| a.0);
    let mut stated = 0;
    let mut broken = 0;
    for s in sums {
        let whole = get(s.whole);
        let parts: Vec<Option<Decimal>> = s.parts.iter().map(|&p| get(p)).collect();
        if whole.is_none() && parts.iter().all(Option::is_none) {
            continue;
        }
        stated += 1;
        let sum: Decimal = parts.iter().flatten().sum();
        let tol = tolerance * Decimal::from(s.parts.len() as u64 + 1);
        if (whole.unwrap_or_default() - sum).abs() > tol {
            broken += 1;
        }
    }
    (stated, broken)
}

/// Moves a run of a row's figures by one cell where that alone makes every sum hold.
pub fn confirm(table: &mut Table, issues: &mut Vec<Issue>) {
    let sums = sums(table);
    if sums.is_empty() {
        return;
    }
    let width = table.columns.len();
    let tolerance = Decimal::new(5, 3);
    let title = table.title.clone();
    let headers: Vec<String> = table.columns.iter().map(|c| c.header.join("/")).collect();
    for row in &mut table.rows {
        if row.source.as_ref().and_then(|s| s.line).is_none() {
            continue;
        }
        if row.amounts.len() > width {
            continue;
        }
        let mut amounts = row.amounts.clone();
        amounts.resize(width, None);
        let (stated, broken) = tally(&sums, &amounts, tolerance);
        if broken == 0 {
            continue;
        }
        // Every part of a run moved by one cell into a blank one: the tail of a run to the
        // right, its head to the left. The move must leave every sum holding and say as much
        // as the row did (not make its figures vanish from the sums).
        let candidates: Vec<(usize, usize, bool)> = runs(&amounts)
            .into_iter()
            .flat_map(|(s, e)| {
                (s..e)
                    .map(move |a| (a, e, true))
                    .chain((s + 1..=e).map(move |b| (s, b, false)))
            })
            .filter(|&(a, b, right)| {
                if right {
                    b < width && amounts[b].is_none()
                } else {
                    a > 0 && amounts[a - 1].is_none()
                }
            })
            .filter(|&(a, b, right)| {
                let (s, k) = tally(&sums, &moved(&amounts, a, b, right), tolerance);
                k == 0 && s >= stated
            })
            .collect();
        // The move of fewest figures, when it is the only one of its size.
        let fewest = candidates.iter().map(|&(a, b, _)| b - a).min();
        let best: Vec<&(usize, usize, bool)> = candidates
            .iter()
            .filter(|&&(a, b, _)| Some(b - a) == fewest)
            .collect();
        let [&(a, b, right)] = best[..] else {
            continue;
        };
        let new = moved(&amounts, a, b, right);
        let to = |i: usize| if right { i + 1 } else { i - 1 };
        let moves: Vec<String> = (a..b)
            .map(|i| format!("{} → {}", headers[i], headers[to(i)]))
            .collect();
        let message = format!(
            "the exported figures of this row break the table's sums; moved one cell {} ({}), where every sum holds",
            if right { "right" } else { "left" },
            moves.join(", ")
        );
        issues.push(Issue::note(
            0,
            row.source.as_ref().and_then(|s| s.line),
            Some(&title),
            format!("row “{}”: {message}", row.label),
        ));
        let note = format!("Imported: {message}.");
        row.note = Some(match row.note.take() {
            Some(n) => format!("{n} {note}").into(),
            None => note.into(),
        });
        row.amounts = trim(new);
    }
}

/// The runs of consecutive printed figures, as `[start, end)`.
fn runs(amounts: &[Option<Amount>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < amounts.len() {
        if amounts[i].is_some() {
            let start = i;
            while i < amounts.len() && amounts[i].is_some() {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

fn moved(amounts: &[Option<Amount>], a: usize, b: usize, right: bool) -> Vec<Option<Amount>> {
    let mut out = amounts.to_vec();
    if right {
        out.copy_within(a..b, a + 1);
        out[a] = None;
    } else {
        out.copy_within(a..b, a - 1);
        out[b - 1] = None;
    }
    out
}

fn trim(mut amounts: Vec<Option<Amount>>) -> Vec<Option<Amount>> {
    while amounts.last().is_some_and(Option::is_none) {
        amounts.pop();
    }
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        serde_json::from_str(
            r#"{"id": "t01", "title": "收入总表", "kind": "income_summary", "unit": "万元",
                "columns": [
                    {"key": "total", "header": ["总计"]},
                    {"key": "current_total", "header": ["本年收入", "合计"]},
                    {"key": "gpb", "header": ["本年收入", "一般公共预算"]},
                    {"key": "other_income", "header": ["本年收入", "其他收入"]},
                    {"key": "carryover", "header": ["上年结转结余", "合计"]},
                    {"key": "carryover_gpb", "header": ["上年结转结余", "一般公共预算"]}],
                "rows": [{"label": "合计", "amounts": ["7454.80", "7253.80", "7253.80", "201.00", "201.00"],
                          "source": {"line": 7}}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_run_one_cell_off_is_moved_where_every_sum_holds_and_says_so() {
        let mut t = table();
        let mut issues = Vec::new();
        confirm(&mut t, &mut issues);
        let got: Vec<Option<String>> = t.rows[0]
            .amounts
            .iter()
            .map(|a| a.map(|a| a.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                Some("7454.80".into()),
                Some("7253.80".into()),
                Some("7253.80".into()),
                None,
                Some("201.00".into()),
                Some("201.00".into())
            ]
        );
        assert!(
            t.rows[0]
                .note
                .as_deref()
                .unwrap()
                .contains("moved one cell right")
        );
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn columns_without_a_header_state_no_sum_and_do_not_break_the_others() {
        let mut t = table();
        t.columns
            .push(serde_json::from_str(r#"{"key": "x_列", "header": []}"#).unwrap());
        let mut issues = Vec::new();
        confirm(&mut t, &mut issues);
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn a_row_that_adds_up_or_cannot_be_made_to_is_left_as_exported() {
        let mut t = table();
        t.rows[0].amounts = t.rows[0].amounts[..3].to_vec();
        t.rows[0].amounts.push(None);
        t.rows[0].amounts.push(Some("201.00".parse().unwrap()));
        t.rows[0].amounts.push(Some("201.00".parse().unwrap()));
        let before = t.clone();
        let mut issues = Vec::new();
        confirm(&mut t, &mut issues);
        assert_eq!(t, before);
        // A row no single move repairs (a printed error) stays as it is, for the audit.
        let mut t = table();
        t.rows[0].amounts[0] = Some("9999.00".parse().unwrap());
        let before = t.clone();
        confirm(&mut t, &mut issues);
        assert_eq!(t, before);
        assert!(issues.is_empty());
    }
}
