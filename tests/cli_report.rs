//! Working-paper reports: `yusuan audit --format csv|xlsx|markdown`, as Excel, WPS and a wiki
//! receive them.

mod common;

use std::io::Read;

use common::{stdout, yusuan};

/// Runs yusuan with marks kept in `data` (an empty directory: no triage marks).
fn audit_with(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env_remove("YUSUAN_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-yusuan-test")
        .env("YUSUAN_DATA_DIR", data)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run yusuan")
}

#[test]
fn csv_opens_in_excel_with_chinese_headers() {
    let data = tempfile::tempdir().unwrap();
    let out = audit_with(data.path(), &["audit", "--format", "csv", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "\u{feff}文档,规则,严重程度,位置,期望,实际,差额,单位,说明,核查状态,备注,来源页\r\n"
    ));
    // Every record ends in CRLF and no bare LF is outside quotes: each line break in the file
    // is either CRLF or inside a quoted field.
    let records = text.matches("\r\n").count();
    let json = yusuan(&["audit", "--format", "json"]);
    let n: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(records, n.len() + 1);
    assert!(text.contains("000-sanmenxia,NARR-001,错误,"));
}

#[test]
fn english_csv_and_markdown_follow_the_language() {
    let data = tempfile::tempdir().unwrap();
    let csv = audit_with(data.path(), &["audit", "--format", "csv", "--lang", "en"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("\u{feff}Document,Rule,Severity,Location,"));
    let md = audit_with(
        data.path(),
        &["audit", "--format", "markdown", "--lang", "zh"],
    );
    let text = stdout(&md);
    assert!(text.starts_with("# 审核发现\n"));
    assert_eq!(text.matches("\n## ").count(), 5, "one heading per document");
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn xlsx_has_a_filtered_findings_sheet_and_a_summary_per_document() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("底稿.xlsx");
    let shown = file.display().to_string();
    let out = audit_with(
        data.path(),
        &["audit", "--format", "xlsx", "--lang", "zh", "-o", &shown],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&file).unwrap();
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="审核发现""#));
    for id in ["000-sanmenxia", "004-jiyuan"] {
        assert!(
            workbook.contains(&format!(r#"<sheet name="概要 {id}""#)),
            "{workbook}"
        );
    }
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#), "header row frozen");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:L"),
        "filters on every column"
    );
    let strings = zip_part(&bytes, "xl/sharedStrings.xml");
    for header in [
        "文档",
        "规则",
        "严重程度",
        "位置",
        "期望",
        "实际",
        "差额",
        "说明",
        "核查状态",
        "备注",
        "来源页",
    ] {
        assert!(strings.contains(&format!(">{header}<")), "{header}");
    }
}

#[test]
fn xlsx_goes_to_a_pipe_and_marks_fill_the_status_column() {
    let data = tempfile::tempdir().unwrap();
    // Dismiss one finding through the triage file, as the explorer would.
    let json = yusuan(&["audit", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let f = &findings[0];
    let loc = &f["location"];
    let part = |k: &str| loc[k].as_str().unwrap_or("").to_string();
    let key = format!(
        "{}|{}|{}|{}|{}|{}|{}",
        f["document"].as_str().unwrap(),
        f["rule"].as_str().unwrap(),
        part("table"),
        part("row"),
        part("column"),
        part("section"),
        part("sentence")
    );
    let marks = serde_json::json!({
        "version": 1,
        "marks": { key: { "status": "dismissed", "note": "口径差异，已核实" } }
    });
    std::fs::write(data.path().join("triage.json"), marks.to_string()).unwrap();
    let out = audit_with(data.path(), &["audit", "--format", "csv", "--lang", "zh"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.split("\r\n").nth(1).unwrap();
    assert!(first.contains(",已排除,口径差异，已核实,"), "{first}");
    // Standard output that is a pipe receives the workbook's bytes (a zip: PK).
    let out = audit_with(data.path(), &["audit", "--format", "xlsx"]);
    assert_eq!(&out.stdout[..2], b"PK");
}

#[test]
fn the_report_language_follows_the_config_unless_a_flag_says_otherwise() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("config.toml");
    std::fs::write(&config, "[ui]\nlang = \"zh\"\n").unwrap();
    let shown = config.display().to_string();
    let zh = audit_with(
        data.path(),
        &["audit", "--format", "csv", "--config", &shown],
    );
    assert!(stdout(&zh).starts_with("\u{feff}文档,"));
    let en = audit_with(
        data.path(),
        &[
            "audit", "--format", "csv", "--config", &shown, "--lang", "en",
        ],
    );
    assert!(stdout(&en).starts_with("\u{feff}Document,"));
}
