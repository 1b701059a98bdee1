//! The import's self-check: the document's own totals replayed on the imported rows.
//!
//! A number placed in the wrong column, or a row lost between pages, breaks an identity the
//! printed document satisfies: 合计 = Σ 类 in each column, a row's 合计 = 基本支出 + 项目支出.
//! Each broken one becomes an import warning naming the table, the row and the column. The
//! rows are never changed: they stay as printed, and the audit judges the document.

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
                if diff <= tolerance * Decimal::from(classes.len() as u64) {
                    passed += 1;
                } else {
                    failed += 1;
                    issues.push(warning(
                        t,
                        total,
                        format!(
                            "the 合计 of column {} is {} but its {} 类 rows add up to {sum}: a number may be misplaced or a row lost",
                            col.header.join(" / "),
                            printed.map_or("blank".into(), |p| p.to_string()),
                            classes.len()
                        ),
                    ));
                }
            }
        }
        // Row identities: 合计 = 基本支出 + 项目支出 (and 人员 + 公用 = 基本).
        for (whole, parts) in [
            ("total", ["basic", "project"]),
            ("basic", ["basic_personnel", "basic_public"]),
        ] {
            let (Some(w), Some(a), Some(b)) = (
                t.column_index(None, whole),
                t.column_index(None, parts[0]),
                t.column_index(None, parts[1]),
            ) else {
                continue;
            };
            // Columns of other parts of the whole a region prints beside them (Jiangsu's
            // 单位预留机动经费, 结转下年资金): the whole may be their sum too.
            let others: Vec<usize> = if whole == "total" {
                (0..t.columns.len())
                    .filter(|&i| t.columns[i].key.starts_with("x_"))
                    .collect()
            } else {
                Vec::new()
            };
            for row in t.rows.iter().filter(|r| r.side.is_none()) {
                let get = |i: usize| row.amounts.get(i).copied().flatten().map(|x| x.0);
                let (vw, va, vb) = (get(w), get(a), get(b));
                if vw.is_none() && va.is_none() && vb.is_none() {
                    continue;
                }
                let lhs = vw.unwrap_or_default();
                let rhs = va.unwrap_or_default() + vb.unwrap_or_default();
                let with_others = rhs + others.iter().filter_map(|&i| get(i)).sum::<Decimal>();
                let close = |x: Decimal| (lhs - x).abs() <= tolerance * Decimal::from(2);
                if close(rhs) || (!others.is_empty() && close(with_others)) {
                    passed += 1;
                    continue;
                }
                failed += 1;
                issues.push(warning(
                    t,
                    row,
                    format!(
                        "{} is {lhs} but {} + {} is {rhs}: check the row against the PDF",
                        t.columns[w].header.join(" / "),
                        t.columns[a].header.join(" / "),
                        t.columns[b].header.join(" / "),
                    ),
                ));
            }
        }
    }
    (passed, failed)
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
