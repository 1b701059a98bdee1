//! The output boundary, end to end: a control-character payload in every string field of the
//! format, in the file name, in a triage note and in the author's name; every command is run,
//! and nothing that would act on a terminal (C0/C1 controls, ESC, bidi and zero-width
//! characters) may reach stdout or stderr.
//!
//! Fields that accept any text keep the payload and the document loads; fields the loader
//! validates (amounts, codes, enums) reject it, and then the error messages are checked.

mod common;

use std::path::Path;
use std::process::Output;

use common::payload::{PAYLOAD, SAMPLES, inject, leaves, poisoned};
use serde_json::Value;

/// Fails if `out` carries anything a terminal would act on or hide.
fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some((i, c)) = text
            .char_indices()
            .find(|&(_, c)| c != '\n' && yusuan::text::placeholder(c).is_some())
        {
            let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
            panic!(
                "{what}: {stream} carries U+{:04X} after {:?}",
                c as u32,
                &text[from..i]
            );
        }
    }
}

fn run(data: &Path, args: &[&str]) -> Output {
    common::command()
        .env("YUSUAN_DATA_DIR", data)
        .env("USER", format!("eve{PAYLOAD}"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn no_control_character_from_data_reaches_the_terminal_from_any_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let mut accepted_fields = 0;
    for (n, sample) in SAMPLES.iter().enumerate() {
        let (doc, rejected) = poisoned(sample);
        let mut leaves_now = Vec::new();
        leaves(&doc, String::new(), String::new(), &mut leaves_now);
        accepted_fields += leaves_now
            .iter()
            .filter(|(p, _)| {
                doc.pointer(p)
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.ends_with(PAYLOAD))
            })
            .count();
        // The file name carries the payload too (it becomes the document id).
        let name = format!("d{n}\u{1b}]0;title\u{7}\u{202e}.json");
        std::fs::write(docs.join(name), serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        // Each rejecting field: the load error is what reaches the terminal.
        for (schema, pointer) in rejected {
            let mut one: Value = serde_json::from_str(sample).unwrap();
            inject(&mut one, &pointer);
            let bad = dir.path().join(format!("bad{n}.json"));
            std::fs::write(&bad, serde_json::to_string(&one).unwrap()).unwrap();
            for cmd in ["ls", "audit"] {
                let out = run(&data, &[cmd, bad.to_str().unwrap()]);
                assert_eq!(out.status.code(), Some(2), "{schema} should be rejected");
                assert_clean(&format!("{cmd} with the payload in {schema}"), &out);
            }
        }
    }
    assert!(
        accepted_fields > 500,
        "only {accepted_fields} fields carry the payload"
    );
    let d = docs.to_str().unwrap();
    // Addresses of every node, to `show` each kind.
    let ls = run(&data, &["ls", "-a", d]);
    assert_clean("ls -a", &ls);
    let findings: Value =
        serde_json::from_slice(&run(&data, &["audit", "--format", "json", d]).stdout).unwrap();
    let ids: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 2, "the poisoned documents still have findings");
    let note = format!("note{PAYLOAD}");
    for (what, args) in [
        (
            "triage dismiss",
            vec!["triage", "dismiss", ids[0], d, "--note", &note],
        ),
        (
            "triage confirm",
            vec!["triage", "confirm", ids[1], d, "--note", &note],
        ),
    ] {
        let out = run(&data, &args);
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(what, &out);
    }
    let mut runs: Vec<Vec<String>> = [
        vec!["ls"],
        vec!["ls", "--depth", "0"],
        vec!["tree", "-a"],
        vec!["audit"],
        vec!["audit", "--include-dismissed"],
        vec!["audit", "--format", "json", "--include-dismissed"],
        vec!["audit", "--min-severity", "error"],
        vec!["triage", "list"],
        vec![],
    ]
    .iter()
    .map(|a| {
        let mut v: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        v.push(d.to_string());
        v
    })
    .collect();
    // show: every department, unit, subject and project address ls printed.
    let addresses: Vec<String> = String::from_utf8_lossy(&ls.stdout)
        .lines()
        .filter_map(|l| l.rsplit("  ").next())
        .filter(|a| a.starts_with('d') && a.contains('/'))
        .map(str::to_string)
        .collect();
    assert!(addresses.len() > 20, "{addresses:?}");
    for a in addresses.iter().step_by(3) {
        // Addresses print sanitized; a bare code or name resolves as well.
        let last = a.rsplit('/').next().unwrap().to_string();
        runs.push(vec!["show".into(), d.into(), last.clone()]);
        runs.push(vec!["show".into(), d.into(), last, "--json".into()]);
    }
    runs.push(vec!["show".into(), d.into(), format!("no-such{PAYLOAD}")]);
    runs.push(vec!["explain".into(), format!("X{PAYLOAD}")]);
    runs.push(vec!["triage".into(), "clear".into(), format!("{PAYLOAD}")]);
    runs.push(vec!["rules".into()]);
    for args in &runs {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&data, &refs);
        assert_clean(&format!("yusuan {}", args.join(" ")), &out);
    }
    // The JSON output still carries the data, escaped, and reads back to it.
    let out = run(
        &data,
        &["audit", "--format", "json", "--include-dismissed", d],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\\u202e") && text.contains("\\u009b") && text.contains("\\u001b"));
    let v: Value = serde_json::from_str(&text).unwrap();
    let marked = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == ids[0])
        .unwrap();
    assert_eq!(marked["triage"]["note"].as_str().unwrap(), note);
}
