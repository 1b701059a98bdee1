//! Checks the transcriptions against the source texts, figure by figure.
//!
//! `tests/figures/<doc>.tsv` lists cells (table, row selector, column, value as printed),
//! each read by eye from the source. For every line the test checks that the JSON holds that
//! value in that cell AND that the printed value occurs in the source text, so a figure typed
//! wrong in both the JSON and the TSV is still caught.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use yusuan::model::{Amount, Document, Row, Table};

const MIN_FIGURES: usize = 25;

fn field_matches(row: &Row, field: &str, value: &str) -> bool {
    let opt = |o: &Option<arcstr::ArcStr>| o.as_deref() == Some(value);
    match field {
        "role" => row.role.map(|r| serde_json::to_value(r).unwrap()) == Some(value.into()),
        "side" => row.side.map(|r| serde_json::to_value(r).unwrap()) == Some(value.into()),
        "func" => opt(&row.func),
        "econ" => opt(&row.econ),
        "gov_econ" => opt(&row.gov_econ),
        "unit" => opt(&row.unit),
        "project_code" => opt(&row.project_code),
        "key" => opt(&row.key),
        "label" => row.label == value,
        other => panic!("unknown selector field {other:?}"),
    }
}

fn select<'a>(table: &'a Table, selector: &str) -> Option<&'a Row> {
    if let Some(n) = selector.strip_prefix('#') {
        return table.rows.get(n.parse::<usize>().ok()?);
    }
    let conditions: Vec<(&str, &str)> = selector
        .split(',')
        .map(|c| {
            c.split_once('=')
                .unwrap_or_else(|| panic!("bad selector {selector:?}"))
        })
        .collect();
    table
        .rows
        .iter()
        .find(|row| conditions.iter().all(|(f, v)| field_matches(row, f, v)))
}

fn check_document(tsv: &Path) -> Vec<String> {
    let stem = tsv.file_stem().unwrap().to_string_lossy().to_string();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = root.join("sample-data").join(format!("{stem}.json"));
    let text = fs::read_to_string(&json).unwrap_or_else(|e| panic!("{}: {e}", json.display()));
    let doc: Document = yusuan::load::parse_document(&stem, text.as_bytes())
        .unwrap_or_else(|e| panic!("{stem} does not load: {e:?}"));
    let source_path = root.join("sample-data/sources").join(&doc.source_file);
    let source = fs::read_to_string(&source_path)
        .unwrap_or_else(|e| panic!("{}: {e}", source_path.display()));

    let mut failures = Vec::new();
    let mut checked = 0;
    let mut tables_checked = BTreeSet::new();
    for (n, line) in fs::read_to_string(tsv).unwrap().lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{stem}.tsv:{}", n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [table_id, selector, column, printed] = fields[..] else {
            failures.push(format!(
                "{at}: expected 4 tab-separated fields, got {}",
                fields.len()
            ));
            continue;
        };
        let Some(table) = doc.table_by_id(table_id) else {
            failures.push(format!("{at}: no table {table_id}"));
            continue;
        };
        let Some(row) = select(table, selector) else {
            failures.push(format!("{at}: no row {selector:?} in {table_id}"));
            continue;
        };
        if table.column_index(row.side, column).is_none() {
            failures.push(format!(
                "{at}: no column {column:?} in {table_id} for that row"
            ));
            continue;
        }
        let actual = table.cell(row, column);
        let expected: Option<Amount> = if printed == "blank" {
            None
        } else {
            match printed.parse() {
                Ok(a) => Some(a),
                Err(e) => {
                    failures.push(format!("{at}: {e}"));
                    continue;
                }
            }
        };
        if actual != expected {
            failures.push(format!(
                "{at}: {table_id} {selector} {column}: JSON has {actual:?}, the source prints {printed}"
            ));
        }
        if printed != "blank" && !source.contains(printed) {
            failures.push(format!(
                "{at}: {printed:?} does not occur in the source text"
            ));
        }
        checked += 1;
        tables_checked.insert(table_id.to_string());
    }
    if checked < MIN_FIGURES {
        failures.push(format!(
            "{stem}: only {checked} figures checked; at least {MIN_FIGURES} expected"
        ));
    }
    for table in doc.tables.iter().filter(|t| t.has_data()) {
        if !tables_checked.contains(&table.id) {
            failures.push(format!(
                "{stem}: no figure checks table {} ({})",
                table.id, table.title
            ));
        }
    }
    failures
}

#[test]
fn every_sample_document_has_figures_that_match_the_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut samples: Vec<_> = fs::read_dir(root.join("sample-data"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    samples.sort();
    assert_eq!(samples.len(), 5, "the five seed documents: {samples:?}");
    let mut failures = Vec::new();
    for json in &samples {
        let stem = json.file_stem().unwrap().to_string_lossy();
        let tsv = root.join("tests/figures").join(format!("{stem}.tsv"));
        if !tsv.exists() {
            failures.push(format!("{stem}: no tests/figures/{stem}.tsv"));
            continue;
        }
        failures.extend(check_document(&tsv));
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
