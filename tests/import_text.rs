//! Text exports as input: encodings, bad input, provenance by line, and the commands that open
//! `.txt` files directly.

use std::path::{Path, PathBuf};
use std::process::Command;

use yusuan::import::{ImportError, Imported, import_files};

const DISCLOSURE: &str = "三门峡市科学技术局2025年部门预算\n\n\
2025年部门支出总体情况表\n\n部门名称：市科学技术局\n\n单位：万元\n\n\
科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
合计\t\t10.00\t6.00\t4.00\n\
206\t科学技术支出\t10.00\t6.00\t4.00\n\
2060101\t行政运行\t10.00\t6.00\t4.00\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import_one(path: &Path) -> Result<Imported, ImportError> {
    let mut out = import_files(&[path.to_path_buf()]);
    assert_eq!(out.len(), 1);
    out.remove(0)
}

#[test]
fn a_tab_separated_export_imports_with_the_line_of_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "budget.txt", DISCLOSURE.as_bytes());
    let imp = import_one(&path).unwrap();
    let doc = &imp.document;
    assert_eq!(doc.year, 2025);
    let t = &doc.tables[0];
    assert_eq!(t.title, "2025年部门支出总体情况表");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["total", "basic", "project"]);
    let row = t
        .rows
        .iter()
        .find(|r| r.func.as_deref() == Some("2060101"))
        .unwrap();
    assert_eq!(row.amounts.len(), 3);
    let source = row.source.as_ref().unwrap();
    assert_eq!(source.line, Some(12));
    // A text without form feeds has no pages: nothing is said to be on page 1.
    assert_eq!(source.page, None);
    assert_eq!(imp.report.checks_failed, 0, "{}", imp.report);
}

#[test]
fn gbk_text_is_decoded_not_passed_on_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(DISCLOSURE);
    assert!(!bad);
    let path = write(dir.path(), "gbk.txt", &gbk);
    let imp = import_one(&path).unwrap();
    assert_eq!(imp.document.tables[0].title, "2025年部门支出总体情况表");
    assert_eq!(imp.document.department.name, "市科学技术局");
}

#[test]
fn bad_input_gets_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write(
                dir.path(),
                "binary.txt",
                b"\x7fELF\x02\x01\x01\x00\x00\x00binary",
            ),
            "binary data",
        ),
        (
            write(dir.path(), "mixed.txt", b"\xe9\xa2\x84\xff\xfe\xfd\x80\x80"),
            "neither UTF-8",
        ),
        (
            write(
                dir.path(),
                "notes.txt",
                "meeting at ten; bring the laptop".as_bytes(),
            ),
            "not a budget disclosure",
        ),
    ];
    for (path, expected) in cases {
        let err = import_one(&path).unwrap_err();
        assert_eq!(err.file, path.display().to_string());
        assert!(err.message.contains(expected), "{}: {err}", path.display());
    }
}

#[test]
fn a_huge_line_is_cut_with_a_warning_and_a_huge_file_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = DISCLOSURE.to_string();
    text.push_str(&"很长".repeat(2_000_000));
    text.push('\n');
    let path = write(dir.path(), "long.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("longer than") && i.source.line == Some(13)),
        "{}",
        imp.report
    );
    assert_eq!(imp.document.tables[0].rows.len(), 3);
    // 100 MB is no disclosure: refused before it is read.
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = import_one(&big).unwrap_err();
    assert!(err.message.contains("larger than"), "{err}");
}

#[test]
fn figures_one_space_apart_are_kept_in_the_row_notes_and_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    let text = "2025年部门收入预算表\n单位：万元\n\
        部门代码 部门名称 总计 本年收入 上年结转\n\
        合计 160.02 85.26 74.76\n\
        261 焦作市产业技术科学院 160.02 85.26\n";
    let path = write(dir.path(), "collapsed.txt", text.as_bytes());
    let imp = import_one(&path).unwrap();
    let t = &imp.document.tables[0];
    assert!(t.unread.is_some());
    assert!(t.rows.iter().all(|r| r.amounts.is_empty()));
    let notes: Vec<&str> = t.rows.iter().filter_map(|r| r.note.as_deref()).collect();
    assert!(
        notes.contains(&"Printed figures, not placed: 160.02 85.26 74.76."),
        "{notes:?}"
    );
    assert!(
        imp.report
            .issues
            .iter()
            .any(|i| i.message.contains("lost this table's empty cells"))
    );
}

fn yusuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env(
            "YUSUAN_DATA_DIR",
            std::env::temp_dir().join("yusuan-import-text-test"),
        )
        .output()
        .unwrap()
}

#[test]
fn commands_open_text_exports_and_folders_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "budget.txt", DISCLOSURE.as_bytes());
    write(dir.path(), "readme.txt", b"how to read these files");
    let shown = dir.path().display().to_string();
    let out = yusuan(&["ls", "--depth", "0", &shown]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("市科学技术局"));
    // The readme is passed over with a warning naming it.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("readme.txt") && err.contains("skipped"),
        "{err}"
    );
    let out = yusuan(&["audit", &path.display().to_string()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 documents audited") || text.contains("1 document audited"),
        "{text}"
    );
    let out = yusuan(&["import", "--stdout", "-q", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["tables"][0]["rows"][2]["source"]["line"], 12);
}
