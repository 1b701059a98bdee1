//! `yusuan triage` and the audit reading its marks, through the real binary.

mod common;

use std::path::Path;
use std::process::Output;

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn run(data: &Path, args: &[&str]) -> Output {
    common::command()
        .env("YUSUAN_DATA_DIR", data)
        .env("USER", "auditor1")
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Ids of the sample's findings at `severity`.
fn ids(data: &Path, severity: &str) -> Vec<String> {
    let out = run(data, &["audit", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn dismissing_every_error_makes_the_audit_pass_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let errors = ids(data, "error");
    assert_eq!(errors.len(), 15);
    assert_eq!(run(data, &["audit"]).status.code(), Some(1));
    for id in &errors {
        let out = run(
            data,
            &["triage", "dismiss", id, "--note", "explained by the bureau"],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let line = text(&out.stdout);
        assert!(
            line.starts_with(&format!("✗ dismissed {id}")) && line.contains("by auditor1 at 20"),
            "{line}"
        );
    }
    let out = run(data, &["audit"]);
    assert_eq!(out.status.code(), Some(0), "only dismissed errors are left");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("5 documents audited: 0 errors, 53 warnings, 4 info (15 dismissed)"),
        "{stdout}"
    );
    assert!(!stdout.contains(&errors[0]));
    // --include-dismissed shows them, marked, and still exits 0.
    let out = run(data, &["audit", "--include-dismissed"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&errors[0]));
    assert!(stdout.contains("✗ dismissed by auditor1 at "), "{stdout}");
    assert!(stdout.contains(": explained by the bureau"));
    // JSON carries the id and the mark.
    let out = run(data, &["audit", "--format", "json", "--include-dismissed"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == errors[0].as_str())
        .unwrap();
    assert_eq!(f["triage"]["status"], "dismissed");
    assert_eq!(f["triage"]["author"], "auditor1");
    // Clearing brings the error back.
    let out = run(data, &["triage", "clear", &errors[0][..6]]);
    assert!(
        text(&out.stdout).starts_with("mark cleared"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(run(data, &["audit"]).status.code(), Some(1));
}

#[test]
fn confirmed_findings_are_marked_and_listed_with_author_from_config() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let config = data.join("config.toml");
    std::fs::write(&config, "[triage]\nauthor = \"王审计\"\n").unwrap();
    let id = &ids(data, "warning")[0];
    let out = common::command()
        .env("YUSUAN_DATA_DIR", data)
        .env("YUSUAN_CONFIG", &config)
        .args(["triage", "confirm", id, "--note", "见原件第3页"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&run(data, &["audit"]).stdout);
    assert!(stdout.contains("✓ confirmed by 王审计 at "), "{stdout}");
    let list = text(&run(data, &["triage", "list"]).stdout);
    assert!(list.contains(&format!("✓ confirmed {id}")), "{list}");
    assert!(
        list.contains("见原件第3页") && list.contains("1 mark: 1 confirmed, 0 dismissed; 0 stale"),
        "{list}"
    );
}

#[test]
fn unknown_and_ambiguous_ids_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["triage", "confirm", "ffffffffff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no finding with id ffffffffff"));
    let out = run(dir.path(), &["triage", "confirm", "not-an-id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a finding id"));
}

#[test]
fn a_mark_whose_finding_is_gone_is_reported_stale_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let file = docs.join("doc.json");
    // The unit rows no longer add up: a finding to mark.
    std::fs::write(&file, MINIMAL.replace("\"60.00\"", "\"61.00\"")).unwrap();
    let out = run(
        &data,
        &["audit", "--format", "json", docs.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v[0]["id"].as_str().unwrap().to_string();
    let out = run(&data, &["triage", "dismiss", &id, docs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The document is corrected: the finding no longer occurs.
    std::fs::write(&file, MINIMAL).unwrap();
    let out = run(&data, &["audit", docs.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("warning: stale triage mark {id} (dismissed doc ")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("`yusuan triage clear {id}`")));
    let list = text(&run(&data, &["triage", "list", docs.to_str().unwrap()]).stdout);
    assert!(
        list.contains("[stale: the finding no longer occurs]") && list.contains("1 stale"),
        "{list}"
    );
    // Other documents' marks are not stale, just not audited.
    let list = text(&run(&data, &["triage", "list"]).stdout);
    assert!(list.contains("[document not audited]"), "{list}");
    // A stale mark can be cleared, not re-marked.
    let out = run(&data, &["triage", "confirm", &id, docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no longer occurs"));
    let out = run(&data, &["triage", "clear", &id, docs.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(text(&run(&data, &["audit", docs.to_str().unwrap()]).stderr).is_empty());
}

#[test]
fn a_corrupt_store_is_moved_aside_with_a_message_and_marks_still_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    std::fs::write(data.join("triage.json"), "{\"version\": 1, \"marks\": {").unwrap();
    let id = &ids(data, "error")[0];
    // ids() ran an audit, which already moved the file aside; make it corrupt again.
    std::fs::write(data.join("triage.json"), "\u{0}\u{0}garbage").unwrap();
    let out = run(data, &["triage", "dismiss", id]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("triage.json could not be read")
            && stderr.contains("it was moved to ")
            && stderr.contains("triage.json.corrupt-"),
        "{stderr}"
    );
    let list = text(&run(data, &["triage", "list"]).stdout);
    assert!(list.contains(id.as_str()), "{list}");
    let aside = std::fs::read_dir(data)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".corrupt-")
        })
        .count();
    assert_eq!(aside, 2);
}

#[test]
fn a_newer_store_is_read_only_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let newer = "{\"version\": 3, \"marks\": {}, \"sessions\": [1, 2]}\n";
    std::fs::write(data.join("triage.json"), newer).unwrap();
    let id = &ids(data, "error")[0];
    let out = run(data, &["triage", "dismiss", id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("format version 3, newer than this yusuan"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(data.join("triage.json")).unwrap(),
        newer
    );
}

#[test]
fn two_triage_commands_at_once_keep_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut all = ids(&data, "warning");
    all.extend(ids(&data, "error"));
    let (left, right) = all.split_at(all.len() / 2);
    let workers: Vec<_> = [left.to_vec(), right.to_vec()]
        .into_iter()
        .map(|half| {
            let data = data.clone();
            std::thread::spawn(move || {
                for id in half {
                    let out = run(&data, &["triage", "confirm", &id]);
                    assert!(out.status.success(), "{}", text(&out.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let list = text(&run(&data, &["triage", "list"]).stdout);
    for id in &all {
        assert!(list.contains(id.as_str()), "lost {id}: {list}");
    }
    assert!(
        list.contains(&format!("{} marks: {} confirmed", all.len(), all.len())),
        "{list}"
    );
}
