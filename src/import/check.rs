//! The import's self-check: the document's own totals replayed on the imported rows.
//!
//! A number placed in the wrong column, or a row lost between pages, breaks an identity the
//! printed document satisfies: 合计 = Σ 类 in each column, a row's 合计 = 基本支出 + 项目支出.
//! Each broken one becomes an import warning naming the table, the row and the column. Where
//! one printed figure standing in another (blank) cell of its row would make the broken
//! identity hold, the warning says which: a number the finder may have put one cell off, to
//! check against the page. The rows are never changed: they stay as printed, and the audit
//! judges the document.

use rust_decimal::Decimal;

use crate::model::{Row, RowRole, Table};

use super::report::Issue;

/// Checks every table; returns (identities reproduced, identities broken).
pub fn self_check(tables: &[Table], issues: &mut Vec<Issue>) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for t in tables {
        let tolerance = tolerance(t);
        // Column totals: the 合计 row against the sum of the 类 rows (3-digit codes).
        let total = t
            .rows
            .iter()
            .find(|r| r.role == Some(RowRole::Total) && r.side.is_none());
        let classes: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| {
                r.func.as_deref().is_some_and(|c| c.len() == 3)
                    || r.econ.as_deref().is_some_and(|c| c.len() == 3) && r.func.is_none()
            })
            .collect();
        if let Some(total) = total
            && !classes.is_empty()
        {
            for (c, col) in t.columns.iter().enumerate() {
                let printed = total.amounts.get(c).copied().flatten().map(|a| a.0);
                let sum: Decimal = classes
                    .iter()
                    .filter_map(|r| r.amounts.get(c).copied().flatten())
                    .map(|a| a.0)
                    .sum();
                let any = classes
                    .iter()
                    .any(|r| r.amounts.get(c).copied().flatten().is_some());
                if printed.is_none() && !any {
                    continue;
                }
                let diff = (printed.unwrap_or_default() - sum).abs();
                let allowed = tolerance * Decimal::from(classes.len() as u64);
                if diff <= allowed {
                    passed += 1;
                } else {
                    failed += 1;
                    let hint = column_move(t, total, &classes, c, allowed)
                        .map(|m| format!("; {m}"))
                        .unwrap_or_default();
                    issues.push(warning(
                        t,
                        total,
                        format!(
                            "the 合计 of column {} is {} but its {} 类 rows add up to {sum}: a number may be misplaced or a row lost{hint}",
                            col.header.join(" / "),
                            printed.map_or("blank".into(), |p| p.to_string()),
                            classes.len()
                        ),
                    ));
                }
            }
        }
        // Row identities: 合计 = 基本支出 + 项目支出 (and 人员 + 公用 = 基本).
        let identities = identities(t);
        for id in &identities {
            for row in t.rows.iter().filter(|r| r.side.is_none()) {
                let amounts = values(row);
                match id.holds(&amounts, tolerance) {
                    None => continue,
                    Some(true) => {
                        passed += 1;
                        continue;
                    }
                    Some(false) => failed += 1,
                }
                let get = |i: usize| amounts.get(i).copied().flatten().unwrap_or_default();
                let hint = row_move(t, &identities, &amounts, tolerance)
                    .map(|m| format!("; {m}"))
                    .unwrap_or_default();
                issues.push(warning(
                    t,
                    row,
                    format!(
                        "{} is {} but {} + {} is {}: check the row against the PDF{hint}",
                        t.columns[id.whole].header.join(" / "),
                        get(id.whole),
                        t.columns[id.parts[0]].header.join(" / "),
                        t.columns[id.parts[1]].header.join(" / "),
                        get(id.parts[0]) + get(id.parts[1]),
                    ),
                ));
            }
        }
    }
    (passed, failed)
}

/// A row identity of a table: the column `whole` is the sum of the two `parts`, or of them and
/// the `others` (parts a region prints beside them: Jiangsu's 单位预留机动经费, 结转下年资金).
struct Identity {
    whole: usize,
    parts: [usize; 2],
    others: Vec<usize>,
}

impl Identity {
    /// Whether it holds for a row's figures; `None` when the row prints none of them.
    fn holds(&self, amounts: &[Option<Decimal>], tolerance: Decimal) -> Option<bool> {
        let get = |i: usize| amounts.get(i).copied().flatten();
        let [a, b] = self.parts;
        if get(self.whole).is_none() && get(a).is_none() && get(b).is_none() {
            return None;
        }
        let lhs = get(self.whole).unwrap_or_default();
        let rhs = get(a).unwrap_or_default() + get(b).unwrap_or_default();
        let with_others = rhs + self.others.iter().filter_map(|&i| get(i)).sum::<Decimal>();
        let close = |x: Decimal| (lhs - x).abs() <= tolerance * Decimal::from(2);
        Some(close(rhs) || (!self.others.is_empty() && close(with_others)))
    }
}

/// The row identities the table's columns allow.
fn identities(t: &Table) -> Vec<Identity> {
    [
        ("total", ["basic", "project"]),
        ("basic", ["basic_personnel", "basic_public"]),
    ]
    .into_iter()
    .filter_map(|(whole, parts)| {
        let others = if whole == "total" {
            (0..t.columns.len())
                .filter(|&i| t.columns[i].key.starts_with("x_"))
                .collect()
        } else {
            Vec::new()
        };
        Some(Identity {
            whole: t.column_index(None, whole)?,
            parts: [
                t.column_index(None, parts[0])?,
                t.column_index(None, parts[1])?,
            ],
            others,
        })
    })
    .collect()
}

fn values(row: &Row) -> Vec<Option<Decimal>> {
    row.amounts.iter().map(|a| a.map(|a| a.0)).collect()
}

/// The one move of a printed figure into a blank cell of its row that makes every identity of
/// the row hold, described; `None` when no move does, or more than one.
fn row_move(
    t: &Table,
    identities: &[Identity],
    amounts: &[Option<Decimal>],
    tolerance: Decimal,
) -> Option<String> {
    let mut found = Vec::new();
    for from in (0..amounts.len()).filter(|&i| amounts[i].is_some()) {
        for to in (0..amounts.len()).filter(|&j| amounts[j].is_none()) {
            let mut moved = amounts.to_vec();
            moved.swap(from, to);
            if identities
                .iter()
                .all(|id| id.holds(&moved, tolerance) != Some(false))
            {
                found.push((from, to));
            }
        }
    }
    let [(from, to)] = found[..] else {
        return None;
    };
    Some(moved_message(t, amounts[from]?, from, to))
}

/// The one class row figure whose move into a blank cell of its row, from column `c` or into
/// it, makes the 合计 of both columns hold, described.
fn column_move(
    t: &Table,
    total: &Row,
    classes: &[&Row],
    c: usize,
    allowed: Decimal,
) -> Option<String> {
    let column_sum = |k: usize| -> Decimal {
        classes
            .iter()
            .filter_map(|r| r.amounts.get(k).copied().flatten())
            .map(|a| a.0)
            .sum()
    };
    let printed = |k: usize| {
        total
            .amounts
            .get(k)
            .copied()
            .flatten()
            .map_or(Decimal::ZERO, |a| a.0)
    };
    // What each column's rows lack against its 合计.
    let short: Vec<Decimal> = (0..t.columns.len())
        .map(|k| printed(k) - column_sum(k))
        .collect();
    let mut found = Vec::new();
    for r in classes {
        let cell = |k: usize| r.amounts.get(k).copied().flatten().map(|a| a.0);
        for from in 0..t.columns.len() {
            let Some(v) = cell(from) else { continue };
            for to in (0..t.columns.len()).filter(|&to| to != from && cell(to).is_none()) {
                let moves_c = from == c || to == c;
                if moves_c && (short[to] - v).abs() <= allowed && (short[from] + v).abs() <= allowed
                {
                    found.push((v, from, to));
                }
            }
        }
    }
    let [(v, from, to)] = found[..] else {
        return None;
    };
    Some(moved_message(t, v, from, to))
}

fn moved_message(t: &Table, v: Decimal, from: usize, to: usize) -> String {
    format!(
        "it would hold with {v} under {} instead of {}, where it is printed: check its cell on the page (kept as printed)",
        t.columns[to].header.join(" / "),
        t.columns[from].header.join(" / "),
    )
}

fn warning(t: &Table, row: &Row, message: String) -> Issue {
    let source = row.source.clone().unwrap_or_default();
    let label = [row.func.as_deref(), row.econ.as_deref()]
        .into_iter()
        .flatten()
        .next()
        .map(|c| format!("{c} {}", row.label))
        .unwrap_or_else(|| row.label.clone());
    let label = if label.trim().is_empty() {
        "(no label)".to_string()
    } else {
        label
    };
    let mut issue = Issue::warning(
        source.page.unwrap_or(0),
        source.line,
        Some(&t.title),
        format!("row “{label}”: {message}"),
    );
    issue.source.file = source.file;
    issue
}

/// Half a unit of the table's printed precision (0.005 for two decimals, 0.5 for whole 元).
fn tolerance(t: &Table) -> Decimal {
    let scale = t
        .rows
        .iter()
        .flat_map(|r| r.amounts.iter().flatten())
        .map(|a| a.0.scale())
        .max()
        .unwrap_or(2);
    Decimal::new(5, scale + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> Table {
        serde_json::from_str(&format!(
            r#"{{"id": "t01", "title": "支出预算总表", "kind": "expenditure_summary", "unit": "万元",
                "columns": [{{"key": "total", "header": ["合计"]}}, {{"key": "basic", "header": ["基本支出"]}},
                            {{"key": "project", "header": ["项目支出"]}},
                            {{"key": "x_单位预留机动经费", "header": ["单位预留机动经费"]}}],
                "rows": [{rows}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_total_with_other_printed_parts_is_their_sum() {
        // Jiangsu 2019: 27,664.22 = 11,700.63 + 13,025.38 + 2,938.21 (单位预留机动经费).
        let t =
            table(r#"{"label": "", "amounts": ["27664.22", "11700.63", "13025.38", "2938.21"]}"#);
        let mut issues = Vec::new();
        assert_eq!(self_check(&[t], &mut issues), (1, 0), "{issues:?}");
    }

    #[test]
    fn a_figure_one_cell_off_is_named_with_the_cell_that_would_make_the_row_hold() {
        // 40.00 printed under 单位预留机动经费 where 项目支出 is blank: 100 = 60 + 40 only there.
        let t = table(r#"{"label": "机构运行", "amounts": ["100.00", "60.00", null, "40.00"]}"#);
        let mut issues = Vec::new();
        // With 单位预留机动经费 as an other part, the row holds as printed.
        assert_eq!(self_check(std::slice::from_ref(&t), &mut issues), (1, 0));
        let mut t = t;
        t.columns[3].key = "reserve".into();
        assert_eq!(self_check(&[t], &mut issues), (0, 1));
        assert!(
            issues[0]
                .message
                .ends_with("it would hold with 40.00 under 项目支出 instead of 单位预留机动经费, where it is printed: check its cell on the page (kept as printed)"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn a_class_figure_in_the_wrong_column_is_named_from_the_column_totals() {
        let t: Table = serde_json::from_str(
            r#"{"id": "t01", "title": "支出预算总表", "kind": "expenditure_summary", "unit": "万元",
                "columns": [{"key": "basic", "header": ["基本支出"]}, {"key": "project", "header": ["项目支出"]}],
                "rows": [{"label": "合计", "role": "total", "amounts": ["50.00", "30.00"]},
                         {"label": "一般公共服务支出", "func": "201", "amounts": ["50.00", null]},
                         {"label": "教育支出", "func": "205", "amounts": [null, null]},
                         {"label": "科学技术支出", "func": "206", "amounts": ["30.00", null]}]}"#,
        )
        .unwrap();
        let mut issues = Vec::new();
        assert_eq!(self_check(&[t], &mut issues), (0, 2));
        let hints: Vec<bool> = issues
            .iter()
            .map(|i| {
                i.message
                    .contains("it would hold with 30.00 under 项目支出 instead of 基本支出")
            })
            .collect();
        assert_eq!(hints, [true, true], "{issues:?}");
    }

    #[test]
    fn no_hint_where_no_move_or_several_would_do() {
        // 100 ≠ 60 + 30 whatever cell 30 stands in.
        let t = table(r#"{"label": "", "amounts": ["100.00", "60.00", null, "30.00"]}"#);
        let mut t = t;
        t.columns[3].key = "reserve".into();
        let mut issues = Vec::new();
        assert_eq!(self_check(&[t], &mut issues), (0, 1));
        assert!(
            !issues[0].message.contains("would hold"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn a_total_that_no_sum_of_its_parts_gives_is_reported_with_the_row() {
        let t =
            table(r#"{"label": "", "amounts": ["27664.22", "11700.63", "13025.38", "1000.00"]}"#);
        let mut issues = Vec::new();
        assert_eq!(self_check(&[t], &mut issues), (0, 1));
        assert!(
            issues[0]
                .message
                .starts_with("row “(no label)”: 合计 is 27664.22"),
            "{}",
            issues[0].message
        );
    }
}
