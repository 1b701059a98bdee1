//! `yusuan audit` and `ls` over a folder: streamed document by document, on several threads,
//! in input order, with JSON Lines for pipelines.

mod common;

use std::path::Path;

use common::{stdout, yusuan};

/// Writes the five samples twice into `dir`, as `a/NAME` and `b/NAME`: ten files, five names.
fn two_copies(dir: &Path) {
    copies(dir, &["a", "b"]);
}

/// Writes the five samples into each folder `dir/SUB`.
fn copies(dir: &Path, subs: &[&str]) {
    for sub in subs {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data")).unwrap()
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                std::fs::copy(&path, dir.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
}

#[test]
fn json_lines_hold_the_findings_of_the_json_array_one_per_line() {
    let array = yusuan(&["audit", "--format", "json"]);
    let lines = yusuan(&["audit", "--format", "jsonl"]);
    assert_eq!(lines.status.code(), Some(1));
    let want: Vec<serde_json::Value> = serde_json::from_slice(&array.stdout).unwrap();
    let got: Vec<serde_json::Value> = stdout(&lines)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON finding"))
        .collect();
    assert_eq!(got.len(), 72);
    assert_eq!(got, want);
}

#[test]
fn output_is_in_input_order_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    two_copies(dir.path());
    let root = dir.path().to_str().unwrap();
    let one = yusuan(&["audit", root, "-j", "1"]);
    assert_eq!(one.status.code(), Some(1));
    for jobs in ["2", "3", "8"] {
        let many = yusuan(&["audit", root, "-j", jobs]);
        assert_eq!(stdout(&many), stdout(&one), "-j {jobs}");
        assert_eq!(many.status.code(), Some(1));
    }
    let text = stdout(&one);
    // a/ before b/, each in name order; the second file of a name gets `~2`.
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(" — "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "000-sanmenxia",
            "001-jiaozuo",
            "002-jincheng",
            "003-hebei-district",
            "004-jiyuan",
            "000-sanmenxia~2",
            "001-jiaozuo~2",
            "002-jincheng~2",
            "003-hebei-district~2",
            "004-jiyuan~2"
        ]
    );
    assert!(text.ends_with("10 documents audited: 30 errors, 106 warnings, 8 info\n"));
}

#[test]
fn a_bad_file_is_reported_and_the_others_are_still_audited() {
    let dir = tempfile::tempdir().unwrap();
    two_copies(dir.path());
    std::fs::write(dir.path().join("a/0-bad.json"), "{\"format_version\": 1,").unwrap();
    let out = yusuan(&["audit", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0-bad.json:1:"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(stdout(&out).lines().count(), 144);
}

/// Fifty files: enough for a progress line.
const FOLDERS: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

#[test]
fn no_progress_line_is_written_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    copies(dir.path(), FOLDERS);
    for args in [&["audit"][..], &["ls"][..]] {
        let mut args = args.to_vec();
        args.push(dir.path().to_str().unwrap());
        let out = yusuan(&args);
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {:?}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn ls_streams_every_document_in_order_with_one_footer() {
    let dir = tempfile::tempdir().unwrap();
    two_copies(dir.path());
    let out = yusuan(&["ls", dir.path().to_str().unwrap(), "--depth", "0"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let ids: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" · 金额单位"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 10);
    assert_eq!(ids[0], "000-sanmenxia");
    assert_eq!(ids[5], "000-sanmenxia~2");
    assert_eq!(text.matches("Σ = sum computed by yusuan").count(), 1);
}

#[test]
fn zero_jobs_is_a_usage_error() {
    let out = yusuan(&["audit", "-j", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_progress_line_is_written_when_stderr_is_a_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let dir = tempfile::tempdir().unwrap();
    copies(dir.path(), FOLDERS);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yusuan"));
    cmd.args(["audit", "--no-config", "--format", "jsonl"]);
    cmd.arg(dir.path());
    let mut child = pair.slave.spawn_command(cmd).expect("spawn yusuan");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        // Reading ends when the child exits and the terminal closes (EIO on Linux).
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    let status = child.wait().expect("yusuan ends");
    drop(pair.master);
    let out = String::from_utf8_lossy(&reading.join().unwrap()).into_owned();
    assert_eq!(status.exit_code(), 1);
    assert!(out.contains("audit 1/50 documents"), "{out}");
    assert!(out.contains("ETA"), "{out}");
    // The line is cleared before the program ends.
    assert!(out.contains("\r\x1b[2K"), "{out}");
}
