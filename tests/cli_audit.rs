//! `yusuan audit`, `rules` and `explain` as a user and a script see them.

mod common;

use common::{stdout, yusuan};
use std::process::Output;

#[test]
fn audit_of_the_sample_reports_errors_and_exits_1() {
    let out = yusuan(&["audit"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("audit_sample_text", stdout(&out));
}

#[test]
fn json_findings_have_the_documented_fields() {
    let out = yusuan(&["audit", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("valid JSON array");
    assert!(!findings.is_empty());
    for f in &findings {
        for field in [
            "document",
            "rule",
            "severity",
            "location",
            "message",
            "message_zh",
        ] {
            assert!(f.get(field).is_some(), "missing {field}: {f}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
    }
    insta::assert_json_snapshot!("audit_sample_json", findings);
}

#[test]
fn min_severity_filters_and_exit_status_follows_errors() {
    let out = yusuan(&["audit", "--format", "json", "--min-severity", "error"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_consistent_document_exits_0() {
    let out = yusuan(&[
        "audit",
        "tests/fixtures/minimal.json",
        "--min-severity",
        "error",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 document audited: 0 errors"));
}

#[test]
fn disabling_rules_removes_their_findings() {
    let all = yusuan(&["audit", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&all.stdout).unwrap();
    let out = yusuan(&[
        "audit",
        "--format",
        "json",
        "--disable",
        "NARR-003",
        "--disable",
        "narr-001",
    ]);
    let some: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(all.iter().any(|f| f["rule"] == "NARR-003"));
    assert!(
        some.iter()
            .all(|f| f["rule"] != "NARR-003" && f["rule"] != "NARR-001")
    );
    assert!(some.len() < all.len());
}

#[test]
fn a_larger_tolerance_hides_small_differences() {
    let strict = yusuan(&["audit", "--format", "json", "--tolerance", "0"]);
    let loose = yusuan(&["audit", "--format", "json", "--tolerance", "100"]);
    let n = |o: &Output| {
        serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout)
            .unwrap()
            .len()
    };
    assert!(
        n(&strict) > n(&loose),
        "strict {} loose {}",
        n(&strict),
        n(&loose)
    );
}

#[test]
fn config_file_switches_rules_off_and_bad_config_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("config.toml");
    std::fs::write(
        &good,
        "[audit]\ndisable = [\"PROJ-003\"]\ntolerance = \"0.005\"\n",
    )
    .unwrap();
    let out = yusuan(&[
        "audit",
        "--format",
        "json",
        "--config",
        good.to_str().unwrap(),
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "PROJ-003"));

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[audit]\ndisable = [\"NOPE-001\"]\n").unwrap();
    let out = yusuan(&["audit", "--config", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml: [audit] disable = \"NOPE-001\": expected a rule id"),
        "{err}"
    );

    std::fs::write(&bad, "[audit]\ntolerence = \"1\"\n").unwrap();
    let out = yusuan(&["audit", "--config", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `tolerence`"));
}

#[test]
fn unknown_rule_and_bad_input_are_status_2() {
    assert_eq!(
        yusuan(&["audit", "--disable", "XYZ-999"]).status.code(),
        Some(2)
    );
    assert_eq!(yusuan(&["explain", "XYZ-999"]).status.code(), Some(2));
    assert_eq!(
        yusuan(&["audit", "/nonexistent/x.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        yusuan(&["audit", "--format", "yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn rules_lists_the_catalogue_and_explain_prints_an_example() {
    let out = stdout(&yusuan(&["rules"]));
    for id in [
        "ARITH-001",
        "XTAB-002",
        "NARR-003",
        "PERF-006",
        "STRUCT-001",
        "SANGONG-001",
    ] {
        assert!(out.contains(id), "{id} missing from:\n{out}");
    }
    let out = stdout(&yusuan(&["explain", "narr-003"]));
    assert!(out.starts_with("NARR-003 — "), "{out}");
    assert!(out.contains("Example:"));
}

#[test]
fn the_audit_documentation_lists_every_rule() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/AUDIT.md")).unwrap();
    let rules = stdout(&yusuan(&["rules"]));
    for line in rules
        .lines()
        .filter(|l| l.contains('-') && l.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        let id = line.split_whitespace().next().unwrap();
        assert!(
            doc.contains(&format!("| {id} |")),
            "docs/AUDIT.md does not list {id}"
        );
    }
}

#[test]
fn an_empty_directory_is_an_error_for_audit_and_ls() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("readme.txt"), "not a document").unwrap();
    let shown = dir.path().display().to_string();
    for cmd in ["audit", "ls"] {
        let out = yusuan(&[cmd, &shown]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("no documents found in {shown}")),
            "{cmd}: {err}"
        );
        assert!(out.stdout.is_empty(), "{cmd} printed a report of nothing");
    }
}

#[test]
fn findings_say_where_they_were_printed_when_the_document_carries_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("sample-data/000-sanmenxia.json").unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for section in doc["sections"].as_array_mut().unwrap() {
        if section["heading"] == "六、一般公共预算基本支出预算情况说明" {
            section["source"] = serde_json::json!({ "page": 7, "line": 184 });
        }
    }
    let path = dir.path().join("000-sanmenxia.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    let shown = path.display().to_string();
    let out = yusuan(&["audit", &shown]);
    let text = stdout(&out);
    // The finding's block: its heading line and the indented lines below it.
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains("NARR-001") && l.contains("六、一般公共预算基本支出"))
        .expect("the NARR-001 finding");
    let block: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with("      "))
        .copied()
        .collect();
    assert_eq!(
        block.last(),
        Some(&"      printed at p. 7 line 184"),
        "{block:?}"
    );
    let json = yusuan(&["audit", &shown, "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let narr: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "NARR-001")
        .collect();
    assert_eq!(narr[0]["source"], "p. 7 line 184");
    // Findings about places without provenance carry no source.
    assert!(findings.iter().any(|f| f.get("source").is_none()));
}

/// A finding's id is what triage marks hang on: two findings of one run never share one, on the
/// transcriptions and on their imported text sources alike (a row printing two economic codes
/// under two names once gave two STRUCT-008 findings one id).
#[test]
fn finding_ids_are_unique_within_a_run() {
    for dir in ["sample-data", "sample-data/sources"] {
        let out = yusuan(&["audit", "--format", "jsonl", dir]);
        assert_eq!(out.status.code(), Some(1), "{dir}");
        let mut ids = std::collections::HashMap::new();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let f: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = f["id"].as_str().unwrap().to_string();
            if let Some(before) = ids.insert(id.clone(), f.clone()) {
                panic!("{dir}: id {id} twice:\n{before}\n{f}");
            }
        }
        assert!(ids.len() > 50, "{dir}: {} findings", ids.len());
    }
}
