//! Semantic checks a file must pass to be loaded: things JSON types cannot say.
//!
//! These are errors in the *file* (a transcription mistake), not findings about the
//! *document*: a row with more cells than columns cannot be read at all, whereas a row whose
//! cells do not add up is exactly what the audit is for.

use std::collections::HashSet;

use crate::model::{Document, FORMAT_VERSION, RowRole, table::is_known_column_key};

/// A semantic error: the place in the model and what is wrong.
pub type Problem = (String, String);

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Longest project code accepted (real ones have about 20 characters).
const MAX_PROJECT_CODE: usize = 64;

/// A project code (项目编码) is letters and digits, possibly with `-`, `_` or `.`:
/// `13030325P00385410058N`, `419001240000000011239`.
fn is_project_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_PROJECT_CODE
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// Every semantic problem in `doc`, in document order.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |place: String, message: String| problems.push((place, message));

    if doc.format_version != FORMAT_VERSION {
        report(
            "format_version".into(),
            format!(
                "unsupported format_version {}; this build reads version {FORMAT_VERSION}",
                doc.format_version
            ),
        );
    }

    if let Some(code) = &doc.department.code
        && !is_digits(code)
    {
        report(
            "department".into(),
            format!("department code {code:?} must be digits (e.g. \"310\")"),
        );
    }

    let mut unit_codes = HashSet::new();
    for (i, unit) in doc.units.iter().enumerate() {
        if let Some(code) = &unit.code {
            if !is_digits(code) {
                report(
                    format!("units[{i}] ({})", unit.name),
                    format!("unit code {code:?} must be digits"),
                );
            }
            if !unit_codes.insert(code.as_str()) {
                report(
                    format!("units[{i}] ({})", unit.name),
                    format!("duplicate unit code {code:?}"),
                );
            }
        }
    }
    let known_unit =
        |code: &str| unit_codes.contains(code) || doc.department.code.as_deref() == Some(code);

    let mut table_ids = HashSet::new();
    for (ti, table) in doc.tables.iter().enumerate() {
        let at = format!("tables[{ti}] ({})", table.id);
        if table.id.is_empty() {
            report(at.clone(), "table id must not be empty".into());
        }
        if !table_ids.insert(table.id.as_str()) {
            report(at.clone(), format!("duplicate table id {:?}", table.id));
        }
        for (ci, column) in table.columns.iter().enumerate() {
            if !is_known_column_key(&column.key) {
                report(
                    format!("{at} column {ci}"),
                    format!(
                        "unknown column key {:?}; expected a key listed in docs/FORMAT.md (e.g. total, gpb, basic) or one starting with x_",
                        column.key
                    ),
                );
            }
        }
        let two_sided = table.columns.iter().any(|c| c.side.is_some());
        for (ri, row) in table.rows.iter().enumerate() {
            let at = format!("{at} row {ri} ({})", row.label);
            if two_sided && row.side.is_none() && !row.amounts.is_empty() {
                report(
                    at.clone(),
                    "row of a two-sided table needs \"side\": \"income\" or \"expenditure\"".into(),
                );
            }
            let width = table.columns_for(row.side).count();
            if row.amounts.len() > width {
                report(
                    at.clone(),
                    format!(
                        "row has {} cells but the table has {width} columns for it",
                        row.amounts.len()
                    ),
                );
            }
            if let Some(code) = &row.func
                && (!is_digits(code) || ![3, 5, 7].contains(&code.len()))
            {
                report(
                    at.clone(),
                    format!("function code {code:?} must be 3, 5 or 7 digits"),
                );
            }
            for (name, code) in [("econ", &row.econ), ("gov_econ", &row.gov_econ)] {
                if let Some(code) = code
                    && (!is_digits(code) || ![3, 5].contains(&code.len()))
                {
                    report(
                        at.clone(),
                        format!("{name} code {code:?} must be 3 or 5 digits"),
                    );
                }
            }
            if let Some(code) = &row.project_code
                && !is_project_code(code)
            {
                report(
                    at.clone(),
                    format!(
                        "project code {code:?} must be letters and digits (e.g. \"13030325P00385410058N\")"
                    ),
                );
            }
            if let Some(code) = &row.unit {
                if !is_digits(code) {
                    report(at.clone(), format!("unit code {code:?} must be digits"));
                } else if row.role == Some(RowRole::Project) && !known_unit(code) {
                    report(
                        at.clone(),
                        format!("project names unit {code:?}, which is not in units"),
                    );
                }
            }
        }
    }

    for (pi, target) in doc.performance.projects.iter().enumerate() {
        if let Some(code) = &target.code
            && !is_project_code(code)
        {
            report(
                format!("performance.projects[{pi}] ({})", target.name),
                format!("project code {code:?} must be letters and digits"),
            );
        }
        if let Some(code) = &target.unit
            && !known_unit(code)
        {
            report(
                format!("performance.projects[{pi}] ({})", target.name),
                format!("project names unit {code:?}, which is not in units"),
            );
        }
    }
    problems
}
