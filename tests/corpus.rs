//! The PDF importer against real disclosures no one here wrote (`../shared/corpus/pdf`).
//!
//! For every corpus document, `tests/corpus/figures/<stem>.tsv` lists figures read by eye from
//! the PDF (page, table, row, column, value as printed, or BLANK) and `tests/corpus/tables/`
//! every table with its pages, unit, rows and columns. The import must reproduce each figure
//! in its cell on its page, find every table, and its audit must report only the documents'
//! real defects (`tests/corpus/findings.tsv`, each reviewed against the PDF).
//!
//! The corpus is not part of the repository: these tests are ignored in a plain `cargo test`
//! and run by `.ci/run` (`cargo test --test corpus -- --ignored`), where a missing corpus is a
//! failure, never a skip. `YUSUAN_CORPUS` overrides the location.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use yusuan::import::{Imported, import_files};
use yusuan::model::{Amount, Document, Row, Side, Table};

fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("YUSUAN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let pdf = dir.join("pdf");
    assert!(
        pdf.is_dir(),
        "the corpus is missing: {} does not exist (set YUSUAN_CORPUS to the folder holding pdf/)",
        pdf.display()
    );
    pdf
}

/// Every corpus document imported once, by input file stem (both stems of a two-file one).
fn imported() -> &'static BTreeMap<String, Imported> {
    static ALL: OnceLock<BTreeMap<String, Imported>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = corpus_dir();
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        paths.sort();
        by_stem(&paths)
    })
}

/// Imports files; every import must succeed. Each document under each of its files' stems.
fn by_stem(paths: &[PathBuf]) -> BTreeMap<String, Imported> {
    let mut out = BTreeMap::new();
    for r in import_files(paths) {
        let imp = r.unwrap_or_else(|e| panic!("import failed: {e}"));
        for f in &imp.files {
            let stem = Path::new(f)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(stem, imp.clone());
        }
    }
    out
}

fn tsv(dir: &str, stem: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir)
        .join(format!("{stem}.tsv"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// The table a figure names: the one titled exactly so, else the one whose title holds it
/// (the shortest, so 收支预算总表 is not 财政拨款收支预算总表).
fn find_table<'a>(doc: &'a Document, name: &str, page: u32) -> Option<&'a Table> {
    let name = compact(name);
    let on_page = |t: &&Table| {
        t.source.as_ref().is_some_and(|s| {
            let first = s.page.unwrap_or(0);
            let last = s.last_page.unwrap_or(first);
            (first..=last).contains(&page)
        })
    };
    let mut candidates: Vec<&Table> = doc
        .tables
        .iter()
        .filter(|t| compact(&t.title).contains(&name) || name.contains(&compact(&t.title)))
        .filter(on_page)
        .collect();
    candidates.sort_by_key(|t| (compact(&t.title) != name, t.title.chars().count()));
    candidates.first().copied()
}

fn row_code(row: &Row) -> Option<&str> {
    row.func
        .as_deref()
        .or(row.econ.as_deref())
        .or(row.gov_econ.as_deref())
}

fn find_row<'a>(table: &'a Table, selector: &str, page: u32) -> Option<&'a Row> {
    // `收入:合计` picks a side; `年初结转和结余:一、一般公共预算` the row of that name after the
    // named one.
    let (side, after, sel) = match selector.split_once(':') {
        Some(("收入", s)) => (Some(Side::Income), None, s),
        Some(("支出", s)) => (Some(Side::Expenditure), None, s),
        Some((a, s)) => (None, Some(compact(a)), s),
        _ => (None, None, selector),
    };
    let start = after
        .and_then(|a| {
            table
                .rows
                .iter()
                .position(|r| compact(&r.label) == a || compact(&r.label).ends_with(&a))
        })
        .map_or(0, |i| i + 1);
    let sel_c = compact(sel);
    let on_page = |r: &&Row| r.source.as_ref().and_then(|s| s.page) == Some(page);
    let side_ok = |r: &&Row| side.is_none() || r.side == side;
    let rows: Vec<&Row> = table.rows[start.min(table.rows.len())..]
        .iter()
        .filter(side_ok)
        .collect();
    let is_code = sel_c.chars().all(|c| c.is_ascii_digit());
    let pick = |pred: &dyn Fn(&Row) -> bool| {
        rows.iter()
            .copied()
            .filter(|r| pred(r))
            .find(|r| on_page(r))
            .or_else(|| rows.iter().copied().find(|r| pred(r)))
    };
    if is_code {
        if let Some(r) = pick(&|r| row_code(r) == Some(sel_c.as_str())) {
            return Some(r);
        }
        // A 款 printed with one digit (301 | 2) is read as two (30102); the row's note says
        // how it was printed.
        if let Some(r) = pick(&|r| {
            r.note.as_deref().is_some_and(|n| {
                n.split("code printed as ").skip(1).any(|rest| {
                    let printed: String = rest
                        .split(" (")
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect();
                    printed == sel_c
                })
            })
        }) {
            return Some(r);
        }
        // A code printed malformed is kept in the row's name.
        return pick(&|r| compact(&r.label).starts_with(&sel_c) && row_code(r).is_none());
    }
    if sel_c == "(无行标签)" {
        return pick(&|r| r.label.trim().is_empty());
    }
    // A name under a group printed in a merged cell beside it (一般公共预算资金 | 公共财政拨款).
    // A table with several name columns (采购物品名称 | 采购组织形式) joins them with a space.
    pick(&|r| compact(&r.label) == sel_c)
        .or_else(|| pick(&|r| compact(&r.label).ends_with(&sel_c)))
        .or_else(|| {
            pick(&|r| {
                r.label
                    .split_whitespace()
                    .any(|part| compact(part) == sel_c)
            })
        })
        .or_else(|| pick(&|r| compact(&r.label).contains(&sel_c)))
}

fn find_column(table: &Table, side: Option<Side>, path: &str) -> Option<usize> {
    let want: Vec<String> = path.split(" / ").map(compact).collect();
    let cols: Vec<_> = table.columns_for(side).collect();
    let full = |c: &yusuan::model::Column| c.header.iter().map(|h| compact(h)).collect::<Vec<_>>();
    cols.iter()
        .find(|(_, c)| full(c) == want)
        .or_else(|| cols.iter().find(|(_, c)| full(c).ends_with(&want)))
        .or_else(|| cols.iter().find(|(_, c)| want.ends_with(&full(c))))
        .or_else(|| {
            // A side printed in two blocks shares one 金额 column.
            cols.iter()
                .find(|(_, c)| c.key == "amount" && want.last() == full(c).last())
        })
        .map(|(i, _)| *i)
}

/// Checks every figure of one document; returns the mismatches.
/// Every corpus document exported by `pdftotext -layout` (the converter auditors have at
/// hand) and imported from that text, by stem. The exports are written to a temporary
/// folder, never into the repository.
fn imported_layout() -> &'static BTreeMap<String, Imported> {
    static ALL: OnceLock<BTreeMap<String, Imported>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = corpus_dir();
        let out_dir = std::env::temp_dir().join(format!("yusuan-layout-{}", std::process::id()));
        fs::create_dir_all(&out_dir).unwrap();
        let mut texts = Vec::new();
        let mut pdfs: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        pdfs.sort();
        for pdf in pdfs {
            let txt = out_dir.join(pdf.file_stem().unwrap()).with_extension("txt");
            let status = std::process::Command::new("pdftotext")
                .arg("-layout")
                .arg(&pdf)
                .arg(&txt)
                .status()
                .unwrap_or_else(|e| {
                    panic!("pdftotext is needed for this test (apt-get install poppler-utils): {e}")
                });
            assert!(status.success(), "pdftotext failed on {}", pdf.display());
            texts.push(txt);
        }
        let out = by_stem(&texts);
        let _ = fs::remove_dir_all(&out_dir);
        out
    })
}

fn check_figures(stem: &str) -> (usize, Vec<String>) {
    check_figures_in(stem, imported())
}

fn check_figures_in(stem: &str, docs: &BTreeMap<String, Imported>) -> (usize, Vec<String>) {
    let Some(imp) = docs.get(stem) else {
        return (0, vec!["not imported".into()]);
    };
    let doc = &imp.document;
    let rows = tsv("figures", stem);
    let mut bad = Vec::new();
    for f in &rows {
        let [page, table, row, column, value] = &f[..] else {
            panic!("{stem}: bad figure line {f:?}");
        };
        let page: u32 = page.parse().unwrap();
        if table == "narrative" {
            if let Some(problem) = check_narrative(doc, stem, page, row, column, value) {
                bad.push(problem);
            }
            continue;
        }
        let Some(t) = find_table(doc, table, page) else {
            bad.push(format!("p{page} {table}: no such table"));
            continue;
        };
        if t.title.contains("绩效") {
            // Performance target forms are imported as printed text rows, not yet as targets:
            // the figure must be printed, with its name, in a row of that page.
            let name = row.rsplit(':').next().unwrap_or(row);
            let present = t.rows.iter().any(|r| {
                r.source.as_ref().and_then(|s| s.page) == Some(page)
                    && compact(&r.label).contains(&compact(name))
                    && compact(&r.label).contains(&compact(value))
            });
            if !present {
                bad.push(format!(
                    "p{page} {table} / {row}: {value} not printed in a row of that page"
                ));
            }
            continue;
        }
        let Some(r) = find_row(t, row, page) else {
            bad.push(format!("p{page} {table} / {row}: no such row"));
            continue;
        };
        let Some(c) = find_column(t, r.side, column) else {
            bad.push(format!(
                "p{page} {table} / {row} / {column}: no such column (have {:?})",
                t.columns_for(r.side)
                    .map(|(_, c)| c.header.join("/"))
                    .collect::<Vec<_>>()
            ));
            continue;
        };
        let got = r.amounts.get(c).copied().flatten();
        let ok = match value.as_str() {
            "BLANK" => got.is_none(),
            v => {
                let want: Amount = v
                    .replace(',', "")
                    .parse()
                    .unwrap_or_else(|e| panic!("{stem}: {v}: {e}"));
                got.is_some_and(|g| g.0 == want.0)
            }
        };
        if !ok {
            bad.push(format!(
                "p{page} {table} / {row} / {column}: expected {value}, imported {}",
                got.map_or("blank".into(), |g| g.to_string())
            ));
        }
        let row_page = r.source.as_ref().and_then(|s| s.page);
        if row_page != Some(page) {
            bad.push(format!(
                "p{page} {table} / {row}: imported on page {row_page:?}"
            ));
        }
    }
    (rows.len(), bad)
}

/// A narrative figure: the value is printed in the section with that heading or in one of the
/// sections after it (its sub-headings), and that text started on or before the page.
fn check_narrative(
    doc: &Document,
    stem: &str,
    page: u32,
    heading: &str,
    phrase: &str,
    value: &str,
) -> Option<String> {
    // BLANK: the sentence prints the unit with no amount before it (…支出预算支出 万元).
    let value_c = if value == "BLANK" {
        format!("{}万元", compact(phrase))
    } else {
        compact(value)
    };
    let heading_c = compact(heading);
    let start = doc.sections.iter().position(|s| {
        compact(&s.heading).contains(&heading_c)
            || heading_c.contains(&compact(&s.heading)) && !s.heading.is_empty()
    });
    let Some(start) = start else {
        return Some(format!(
            "{stem} p{page} narrative: no section headed {heading}"
        ));
    };
    let found = doc.sections[start..]
        .iter()
        .take_while(|s| {
            s.source
                .as_ref()
                .and_then(|x| x.page)
                .is_none_or(|p| p <= page)
        })
        .any(|s| compact(&format!("{}{}", s.heading, s.text)).contains(&value_c));
    (!found).then(|| {
        format!(
            "{stem} p{page} narrative {heading} / {phrase}: {value} not found under that heading"
        )
    })
}

fn check_tables(stem: &str) -> Vec<String> {
    let doc = &imported()[stem].document;
    let mut bad = Vec::new();
    let file = format!("{stem}.pdf");
    for t in tsv("tables", stem) {
        let [first, last, title, unit, data_rows, amount_columns, empty] = &t[..] else {
            panic!("{stem}: bad table line {t:?}");
        };
        let (first, last): (u32, u32) = (first.parse().unwrap(), last.parse().unwrap());
        let found = doc.tables.iter().find(|x| {
            compact(&x.title) == compact(title)
                && x.source.as_ref().is_some_and(|s| {
                    s.page == Some(first)
                        && (s.file.is_none() || s.file.as_deref() == Some(file.as_str()))
                })
        });
        let Some(x) = found else {
            bad.push(format!("table {title} (p{first}) not found"));
            continue;
        };
        let s = x.source.as_ref().unwrap();
        let got_last = s.last_page.unwrap_or(first);
        if got_last != last {
            bad.push(format!(
                "{title}: pages {first}–{got_last}, expected {first}–{last}"
            ));
        }
        if x.unit.label() != unit {
            bad.push(format!("{title}: unit {}, expected {unit}", x.unit.label()));
        }
        if title.contains("绩效") {
            continue; // Performance tables are counted differently (project fund lines).
        }
        // Printed lines: a two-sided table's income and expenditure items on one line count once.
        let mut lines: Vec<(u32, i32)> = x
            .rows
            .iter()
            .filter_map(|r| {
                let s = r.source.as_ref()?;
                Some((s.page?, s.bbox.map(|b| (b[1] * 10.0) as i32).unwrap_or(0)))
            })
            .collect();
        lines.sort();
        lines.dedup();
        let want_rows: usize = data_rows.parse().unwrap();
        if lines.len() != want_rows {
            bad.push(format!(
                "{title}: {} data rows, expected {want_rows}",
                lines.len()
            ));
        }
        let want_cols: usize = amount_columns.parse().unwrap();
        let merged = x
            .note
            .as_ref()
            .map_or(0, |n| n.matches(" / ").count().min(1));
        if x.columns.len() != want_cols && x.columns.len() + merged != want_cols {
            bad.push(format!(
                "{title}: {} amount columns {:?}, expected {want_cols}",
                x.columns.len(),
                x.columns
                    .iter()
                    .map(|c| c.header.join("/"))
                    .collect::<Vec<_>>()
            ));
        }
        if (empty == "yes") == x.has_data() {
            bad.push(format!(
                "{title}: printed empty = {empty}, imported has data = {}",
                x.has_data()
            ));
        }
    }
    bad
}

fn all_stems() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/figures");
    let mut stems: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    stems.sort();
    stems
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn every_figure_is_imported_in_its_cell_on_its_page() {
    let mut failures = Vec::new();
    let mut total = 0;
    for stem in all_stems() {
        let (n, bad) = check_figures(&stem);
        assert!(
            n >= 30,
            "{stem}: only {n} figures; at least 30 per document"
        );
        total += n;
        for b in bad {
            failures.push(format!("{stem}: {b}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} figures wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs ../shared/corpus and pdftotext; run by .ci/run"]
fn pdftotext_layout_exports_give_the_figures_of_the_pdfs() {
    let mut failures = Vec::new();
    let mut total = 0;
    for stem in all_stems() {
        let (n, bad) = check_figures_in(&stem, imported_layout());
        total += n;
        for b in bad {
            failures.push(format!("{stem}: {b}"));
        }
    }
    let right = total - failures.len();
    println!("{right} of {total} figures as in the PDF");
    if std::env::var_os("YUSUAN_DIFF").is_some() {
        println!("{}", failures.join("\n"));
    }
    // Not yet every figure: the floor reached, so the text importer never falls back. The
    // README reports the figure.
    assert!(
        right >= LAYOUT_FIGURES_FLOOR,
        "{right} of {total} figures as in the PDF, fewer than {LAYOUT_FIGURES_FLOOR}:\n{}",
        failures.join("\n")
    );
}

/// Figures of the corpus reproduced from `pdftotext -layout` exports, as measured. The others
/// are in tables kept unread (figures in the row notes, not audited) because the layout did
/// not give their columns reliably.
const LAYOUT_FIGURES_FLOOR: usize = 441;

#[test]
#[ignore = "needs ../shared/corpus and pdftotext; run by .ci/run"]
fn the_audit_of_pdftotext_layout_exports_reports_only_reviewed_defects() {
    let extra_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/layout_findings.tsv");
    let mut want = reviewed_findings();
    for l in fs::read_to_string(extra_path).unwrap().lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        assert!(f.len() >= 4, "layout_findings.tsv: {l}");
        let location = serde_json::from_str(f[3]).unwrap_or_else(|e| panic!("{l}: {e}"));
        want.push((f[0].into(), f[1].into(), f[2].into(), location));
    }
    let config = yusuan::audit::Config::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut got = Vec::new();
    for imp in imported_layout().values() {
        if !seen.insert(imp.id.clone()) {
            continue;
        }
        let loaded = yusuan::load::Loaded {
            file: imp.files.join(" + "),
            id: imp.id.clone(),
            bytes: 0,
            doc: imp.document.clone(),
            import: None,
        };
        for f in yusuan::audit::audit_document(&loaded, &config) {
            let v = serde_json::to_value(&f).unwrap();
            got.push((
                f.document.clone(),
                f.rule.to_string(),
                v["severity"].as_str().unwrap_or_default().to_string(),
                v["location"].clone(),
            ));
        }
    }
    let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
    println!("{} findings, all reviewed", got.len());
    assert!(
        extra.is_empty(),
        "not reviewed (false positives until reviewed): {extra:#?}"
    );
    assert!(!got.is_empty(), "the exports' audit finds nothing at all");
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn every_table_is_found_with_its_pages_unit_rows_and_columns() {
    let mut failures = Vec::new();
    for stem in all_stems() {
        for b in check_tables(&stem) {
            failures.push(format!("{stem}: {b}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} table problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The reviewed findings of `tests/corpus/findings.tsv`: (document, rule, severity, location).
fn reviewed_findings() -> Vec<(String, String, String, serde_json::Value)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/findings.tsv");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "findings.tsv: {l}");
            let location = serde_json::from_str(f[3]).unwrap_or_else(|e| panic!("{l}: {e}"));
            (f[0].into(), f[1].into(), f[2].into(), location)
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn the_audit_of_the_pdfs_reports_the_reviewed_defects_and_nothing_else() {
    // Through the real binary, the way an auditor runs it: a folder of PDFs, imported on the fly.
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["audit", "--format", "jsonl"])
        .arg(corpus_dir())
        .env("YUSUAN_DATA_DIR", data.path())
        .env("XDG_CONFIG_HOME", data.path())
        .env_remove("YUSUAN_CONFIG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.lines().any(|l| l.starts_with("error")),
        "every corpus PDF imports:\n{stderr}"
    );
    let got: Vec<(String, String, String, serde_json::Value)> =
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let f: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                (
                    s("document"),
                    s("rule"),
                    s("severity"),
                    f["location"].clone(),
                )
            })
            .collect();
    let want = reviewed_findings();
    let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
    let lost: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
    assert!(
        extra.is_empty() && lost.is_empty(),
        "not reviewed (false positives until reviewed): {extra:#?}\nno longer found: {lost:#?}"
    );
    // One error among them: the exit status says so.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn imported_json_loads_back_unchanged() {
    for (stem, imp) in imported() {
        // As `yusuan import` writes it.
        let json = serde_json::to_string_pretty(&imp.document).unwrap();
        let back = yusuan::load::parse_document(&format!("{stem}.json"), json.as_bytes())
            .unwrap_or_else(|e| panic!("{stem}: the imported JSON does not load: {e:?}"));
        assert!(
            back == imp.document,
            "{stem}: the document changed on reload"
        );
    }
}

/// The five 财政项目支出绩效目标填报表 of 万里街道 2023 (pp31–35, several labels per cell in the
/// grid) become targets: name, page, the year's total and its 当年财政拨款, read by eye from the
/// PDF; their indicators read cell by cell from the page's rules (the 一级 and 二级 labels
/// printed in the middle of their merged cells), their goals from the cells under 项目总目标 and
/// 年度总体目标.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn packed_target_forms_are_read_by_their_labels() {
    let doc = &imported()["sh-putuo-wanlijiedao-2023-dept"].document;
    let got: Vec<(&str, Option<u32>, String, String)> = doc
        .performance
        .projects
        .iter()
        .map(|t| {
            let fiscal = t
                .funding
                .iter()
                .find(|f| f.label == "当年财政拨款")
                .and_then(|f| f.amount)
                .map(|a| a.to_string())
                .unwrap_or_default();
            (
                t.name.as_str(),
                t.source.as_ref().and_then(|s| s.page),
                t.total.map(|a| a.to_string()).unwrap_or_default(),
                fiscal,
            )
        })
        .collect();
    let want = [
        (
            "新建万里街道社区公共服务中心",
            31,
            "4100000.00",
            "4100000.00",
        ),
        ("就业援助基地补贴", 32, "6351000.00", "6351000.00"),
        ("社区环境整治和建设经费", 33, "4563800.00", "4563800.00"),
        ("各类工作经费", 34, "7595500.00", "7595500.00"),
        ("公共服务设施运行经费", 35, "10903043.00", "11419043.00"),
    ];
    let want: Vec<(&str, Option<u32>, String, String)> = want
        .iter()
        .map(|&(n, p, t, f)| (n, Some(p), t.to_string(), f.to_string()))
        .collect();
    assert_eq!(got, want);
    // Indicators per form, counted by eye: p34 prints 15 数量, 8 质量, 14 社会效益 and 6 满意度.
    let counts: Vec<usize> = doc
        .performance
        .projects
        .iter()
        .map(|t| t.indicators.len())
        .collect();
    assert_eq!(counts, [5, 4, 4, 43, 9]);
    // (form, 一级, 二级, 三级, 指标值, page), read by eye.
    let want = [
        (
            0,
            "产出指标",
            "数量指标",
            "规划建筑面积",
            "≥13459.00(平方米)",
            31,
        ),
        (0, "产出指标", "成本指标", "预算内经费", "合规", 31),
        (
            0,
            "满意度指标",
            "服务对象满意度指标",
            "居民满意度",
            "满意度",
            31,
        ),
        (
            1,
            "效益指标",
            "社会效益指标",
            "补贴对象生活改善度",
            "补贴对象生活改善度不低于80%",
            32,
        ),
        (
            2,
            "产出指标",
            "数量指标",
            "整治行动、病媒消杀",
            "≥12.00(次)",
            33,
        ),
        (
            3,
            "产出指标",
            "数量指标",
            "成立社戒社康人员习得规范小组",
            ">6.00(次)",
            34,
        ),
        (
            3,
            "产出指标",
            "数量指标",
            "15个居民区全覆盖",
            "居民区全覆盖",
            34,
        ),
        (
            3,
            "产出指标",
            "质量指标",
            "做好禁毒示范城区标准化建设",
            "做好禁毒示范城区标准化建设",
            34,
        ),
        (
            3,
            "效益指标",
            "社会效益指标",
            "扩大禁毒宣传教育覆盖面",
            "扩大",
            34,
        ),
        (
            3,
            "满意度指标",
            "服务对象满意度指标",
            "党员群众满意度",
            "党员群众满意度不少于80%",
            34,
        ),
        (
            4,
            "产出指标",
            "数量指标",
            "环境卫生及保安服务",
            "卫生整洁、内部安全有序",
            35,
        ),
        (
            4,
            "产出指标",
            "质量指标",
            "居民参与率",
            "居民参与率不低于100%",
            35,
        ),
        (
            4,
            "效益指标",
            "社会效益指标",
            "安全责任事故",
            "安全无事故",
            35,
        ),
        (
            4,
            "满意度指标",
            "服务对象满意度指标",
            "工作人员满意度",
            "≥95.00(%)",
            35,
        ),
    ];
    for (form, l1, l2, name, value, page) in want {
        let t = &doc.performance.projects[form];
        let i = t
            .indicators
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("{}: no indicator {name}", t.name));
        assert_eq!(
            (
                i.level1.as_str(),
                i.level2.as_str(),
                i.value.text.as_str(),
                i.source.as_ref().and_then(|s| s.page)
            ),
            (l1, l2, value, Some(page)),
            "{}: {name}",
            t.name
        );
    }
    assert_eq!(
        doc.performance.projects[1].field("年度总体目标"),
        Some("管理各类下拨费用，实报实销")
    );
    for t in &doc.performance.projects {
        assert!(t.indicators_unread.is_none(), "{}", t.name);
        assert!(
            t.field("项目总目标").is_some() && t.field("绩效目标").is_none(),
            "{}: the goals read through the vertical label",
            t.name
        );
        assert_eq!(
            t.unit_name.as_deref(),
            Some("上海市普陀区人民政府万里街道办事处")
        );
    }
}

/// Where the tables print no unit lines, the units are those the 预算单位构成 lists as in the
/// budget (read by eye: the 2019 办公厅's four, not the 东郊国宾馆 and 西康宾馆 it leaves out; the
/// 2024 决算's numbered list of three), and none where it lists none.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn units_are_read_from_the_list_of_budget_units() {
    let units = |stem: &str| -> Vec<String> {
        imported()[stem]
            .document
            .units
            .iter()
            .map(|u| u.name.clone())
            .collect()
    };
    assert_eq!(
        units("js-shengweibangongting-2019-text"),
        [
            "江苏省委办公厅（本级）",
            "省委机要局（省国家密码管理局）",
            "机关后勤服务中心",
            "机关文印中心"
        ]
    );
    assert_eq!(
        units("js-shengweibangongting-2018-text"),
        ["江苏省委办公厅厅机关本级"]
    );
    assert_eq!(
        units("js-rendachangweihui-2019-dept"),
        ["江苏省人大常委会办公厅部门本级"]
    );
    assert_eq!(
        units("font-gbk-euc-h-sh-putuo-caizhengju-2024-final-accounts"),
        [
            "上海市普陀区财政局（本级）",
            "上海市普陀区财政局财政所",
            "上海市普陀区国库收付中心"
        ]
    );
    assert!(units("sh-putuo-caizhengju-2025-dept").is_empty());
}
