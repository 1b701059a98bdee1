//! The triage store under real processes: two writers at once lose nothing, and a writer
//! killed with SIGKILL mid-write leaves a valid file with every mark saved before.
//!
//! The writers are this test binary run again with `TRIAGE_WRITER` set (the ignored test
//! `writer` is their body), so they do nothing but write.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use yusuan::triage::{Mark, Status, Store};

/// Spawns a writer that marks `PREFIX-0`, `PREFIX-1`, … up to `count` and prints each number
/// once it is saved.
fn spawn_writer(path: &Path, prefix: &str, count: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            "TRIAGE_WRITER",
            format!("{}|{prefix}|{count}", path.display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
#[ignore = "run by the other tests as a child process"]
fn writer() {
    let spec = std::env::var("TRIAGE_WRITER").expect("only run as a child");
    let mut parts = spec.split('|');
    let path = parts.next().unwrap();
    let prefix = parts.next().unwrap();
    let count: usize = parts.next().unwrap().parse().unwrap();
    let mut store = Store::open(path).unwrap();
    for i in 0..count {
        let status = if i % 2 == 0 {
            Status::Confirmed
        } else {
            Status::Dismissed
        };
        store
            .set(
                &format!("{prefix}-{i}"),
                Some(Mark::new(status, format!("note {i}"))),
            )
            .unwrap();
        println!("saved {i}");
    }
}

fn file_is_valid(path: &Path) -> Store {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("triage.json is not valid JSON ({e}): {text}"));
    assert_eq!(value["version"], 2);
    let mut store = Store::open(path).unwrap();
    assert!(store.take_notices().is_empty(), "the file was unreadable");
    store
}

#[test]
fn two_processes_marking_at_once_keep_every_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("triage.json");
    for round in 0..3 {
        let n = 150;
        let a = spawn_writer(&path, &format!("a{round}"), n);
        let b = spawn_writer(&path, &format!("b{round}"), n);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "a writer failed");
        }
        let store = file_is_valid(&path);
        for p in ["a", "b"] {
            for i in 0..n {
                let key = format!("{p}{round}-{i}");
                let mark = store
                    .get(&key)
                    .unwrap_or_else(|| panic!("round {round}: lost {key}"));
                assert_eq!(mark.note, format!("note {i}"));
            }
        }
        assert_eq!(store.len(), 2 * n * (round + 1));
    }
}

#[test]
fn kill_9_during_writes_leaves_a_valid_file_and_loses_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("triage.json");
    let mut saved_before = Vec::new();
    let mut temporaries_seen = 0;
    for round in 0..25 {
        let mut child = spawn_writer(&path, &format!("k{round}"), 100_000);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it save a few (a different number each round), then kill it mid-stream.
        let mut last = None;
        for _ in 0..(3 + round * 7 % 23) {
            match lines.next() {
                Some(Ok(l)) => {
                    last = l
                        .strip_prefix("saved ")
                        .map(|n| n.parse::<usize>().unwrap())
                }
                _ => break,
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Everything the writer reported saved before the kill is in a valid file.
        if std::fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp"))
        {
            temporaries_seen += 1;
        }
        let store = file_is_valid(&path);
        if let Some(last) = last {
            saved_before.extend((0..=last).map(|i| format!("k{round}-{i}")));
        }
        for key in &saved_before {
            assert!(store.get(key).is_some(), "round {round}: lost {key}");
        }
    }
    // The next writer removes any temporary file a killed one left.
    let mut store = Store::open(&path).unwrap();
    store
        .set("after", Some(Mark::new(Status::Confirmed, "")))
        .unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
    eprintln!("{temporaries_seen} of 25 kills left a temporary file behind (all cleaned)");
}
