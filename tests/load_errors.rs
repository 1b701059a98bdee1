//! Every kind of bad input gets a clear error naming the file and place, and never a panic.

use std::path::PathBuf;
use std::process::Command;

use yusuan::load::{self, LoadError, Place, parse_document};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn errors_of(text: &[u8]) -> Vec<LoadError> {
    parse_document("bad.json", text).expect_err("input should be rejected")
}

fn one_error(text: &[u8]) -> String {
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors[0].to_string()
}

/// The minimal fixture with one textual replacement.
fn minimal_with(from: &str, to: &str) -> String {
    assert!(MINIMAL.contains(from), "fixture lacks {from:?}");
    MINIMAL.replacen(from, to, 1)
}

#[test]
fn the_fixture_itself_loads() {
    let doc = parse_document("minimal.json", MINIMAL.as_bytes()).unwrap();
    assert_eq!(doc.units.len(), 2);
}

#[test]
fn empty_file() {
    let msg = one_error(b"");
    assert_eq!(
        msg,
        "bad.json: file is empty; expected a JSON document (see docs/FORMAT.md)"
    );
    let msg = one_error(b"  \n ");
    assert!(msg.contains("file is empty"), "{msg}");
}

#[test]
fn truncated_file_names_line_and_column() {
    let cut = &MINIMAL[..MINIMAL.len() / 2];
    let errors = errors_of(cut.as_bytes());
    let Place::Text { line, column, .. } = errors[0].place else {
        panic!("expected a text position: {errors:?}")
    };
    assert!(line > 1 && column > 0);
    assert!(errors[0].message.contains("truncated"), "{}", errors[0]);
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let msg = one_error(&bytes);
    assert!(msg.starts_with("bad.json:1:"), "{msg}");
    let msg = one_error(b"\xff\xfe{\"format_version\": 1}");
    assert_eq!(
        msg,
        "bad.json: the file is UTF-16; expected UTF-8 (re-save it as UTF-8)"
    );
}

#[test]
fn invalid_utf8_inside_a_string() {
    let mut bytes = minimal_with("示例市科技中心\", \"kind\"", "X\", \"kind\"").into_bytes();
    let at = bytes.windows(3).position(|w| w == b"X\",").unwrap();
    bytes[at] = 0xff;
    let msg = one_error(&bytes);
    let line = 1 + MINIMAL[..at].matches('\n').count();
    assert!(
        msg.starts_with(&format!("bad.json:{line}:"))
            && msg.contains(&format!("invalid UTF-8 at byte offset {at} (byte 0xff)")),
        "{msg}"
    );
}

#[test]
fn wrong_shape() {
    let msg = one_error(b"[1, 2, 3]");
    assert_eq!(
        msg,
        "bad.json:1:1: expected a JSON object describing one document (see docs/FORMAT.md)"
    );
    let msg = one_error(b"\n  \"text\"");
    assert_eq!(
        msg,
        "bad.json:2:3: expected a JSON object describing one document (see docs/FORMAT.md)"
    );
    let msg = one_error(minimal_with("\"year\": 2025", "\"year\": \"2025\"").as_bytes());
    assert!(
        msg.contains("at year: invalid type: string \"2025\", expected u16"),
        "{msg}"
    );
}

#[test]
fn missing_required_field() {
    let msg = one_error(minimal_with("\"title\": \"2025年示例局部门预算公开\",", "").as_bytes());
    assert!(msg.contains("missing field `title`"), "{msg}");
}

#[test]
fn unknown_field_is_rejected_with_the_fields_expected() {
    let msg = one_error(minimal_with("\"label\": \"合计\"", "\"lable\": \"合计\"").as_bytes());
    assert!(msg.contains("unknown field `lable`"), "{msg}");
    assert!(msg.contains("tables[0].rows[0]"), "{msg}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut text = "[".repeat(100_000);
    text.push_str(&"]".repeat(100_000));
    let msg = one_error(text.as_bytes());
    assert!(msg.starts_with("bad.json:1:"), "{msg}");
    let nested = format!(
        "{{\"format_version\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let msg = one_error(nested.as_bytes());
    assert!(msg.contains("bad.json:1:"), "{msg}");
}

#[test]
fn huge_strings_are_fine_and_huge_amounts_rejected() {
    let long = "科".repeat(2_000_000);
    let ok = minimal_with("一、收支预算总体情况", &long);
    assert!(parse_document("big.json", ok.as_bytes()).is_ok());
    let bad = minimal_with("\"60.00\"", &format!("\"{}\"", "9".repeat(5_000_000)));
    let msg = one_error(bad.as_bytes());
    assert!(msg.contains("too long"), "{}", &msg[..msg.len().min(300)]);
    assert!(
        msg.len() < 400,
        "the message must not repeat the huge input"
    );
}

#[test]
fn malformed_amounts_name_the_cell() {
    for (bad, reason) in [
        (
            "\"12.3.4\"",
            "the part after the decimal point must be digits",
        ),
        ("\"1e400\"", "only digits"),
        ("\"\"", "empty"),
        ("\"1,75.0\"", "thousands separators"),
    ] {
        let msg = one_error(minimal_with("\"60.00\"", bad).as_bytes());
        assert!(msg.contains(reason), "{bad}: {msg}");
        assert!(
            msg.contains("at tables[0].rows[1].amounts[0]"),
            "{bad}: {msg}"
        );
        assert!(msg.contains("expected a decimal"), "{bad}: {msg}");
    }
    // A JSON number is not accepted: floats lose cents.
    let msg = one_error(minimal_with("\"60.00\"", "60.0").as_bytes());
    assert!(msg.contains("expected an amount as a string"), "{msg}");
    let msg = one_error(minimal_with("\"60.00\"", "1e400").as_bytes());
    assert!(msg.contains("bad.json:"), "{msg}");
}

#[test]
fn unsupported_format_version() {
    let msg = one_error(minimal_with("\"format_version\": 1", "\"format_version\": 7").as_bytes());
    assert!(
        msg.contains("format_version: unsupported format_version 7"),
        "{msg}"
    );
}

#[test]
fn duplicate_unit_codes() {
    let errors = errors_of(minimal_with("\"code\": \"900002\"", "\"code\": \"900001\"").as_bytes());
    let msg = errors[0].to_string();
    assert_eq!(
        msg,
        "bad.json: units[1] (示例市科技中心): duplicate unit code \"900001\""
    );
}

#[test]
fn project_naming_an_unknown_unit() {
    let text = minimal_with(
        "\"role\": \"project\", \"project_type\": \"其他运转类\", \"unit\": \"900002\"",
        "\"role\": \"project\", \"project_type\": \"其他运转类\", \"unit\": \"900009\"",
    );
    let msg = one_error(text.as_bytes());
    assert!(msg.contains("tables[2] (t03) row 1 (科普活动)"), "{msg}");
    assert!(
        msg.contains("project names unit \"900009\", which is not in units"),
        "{msg}"
    );
}

#[test]
fn row_with_more_cells_than_headers() {
    let text = minimal_with(
        "\"amounts\": [\"60.00\", \"60.00\"]",
        "\"amounts\": [\"60.00\", \"60.00\", \"1.00\"]",
    );
    let msg = one_error(text.as_bytes());
    assert!(
        msg.contains(
            "tables[0] (t01) row 1 (示例市科学技术局): row has 3 cells but the table has 2 columns"
        ),
        "{msg}"
    );
}

#[test]
fn unknown_column_key_and_malformed_codes() {
    let text = minimal_with("{ \"key\": \"gpb\",", "{ \"key\": \"gbp\",");
    assert!(one_error(text.as_bytes()).contains("unknown column key \"gbp\""));
    let text = minimal_with("\"func\": \"2060101\"", "\"func\": \"206010\"");
    assert!(
        one_error(text.as_bytes()).contains("function code \"206010\" must be 3, 5 or 7 digits")
    );
}

#[test]
fn several_semantic_errors_are_all_reported() {
    let text = minimal_with("\"code\": \"900002\"", "\"code\": \"900001\"").replacen(
        "\"func\": \"2060101\"",
        "\"func\": \"2x60101\"",
        1,
    );
    let errors: Vec<String> = errors_of(text.as_bytes())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("duplicate unit code")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("function code \"2x60101\"")),
        "{errors:?}"
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
}

#[test]
fn a_bad_file_does_not_stop_the_good_ones_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.json"), MINIMAL).unwrap();
    std::fs::write(dir.path().join("b-bad.json"), "{\"format_version\": 1,").unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::fs::write(dir.path().join("nested/c-good.json"), MINIMAL).unwrap();
    std::fs::write(dir.path().join("nested/ignored.txt"), "not json").unwrap();
    let out = bin().arg("ls").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("a-good · 河南省"), "{stdout}");
    assert!(stdout.contains("c-good · 河南省"), "{stdout}");
    assert!(stderr.contains("b-bad.json:1:"), "{stderr}");
    assert!(stderr.contains("truncated"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let out = bin()
        .args(["ls", "/nonexistent/yusuan-test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/yusuan-test: cannot read"),
        "{stderr}"
    );
}

#[test]
fn control_characters_in_data_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let evil = minimal_with(
        "示例市科学技术局\", \"code\"",
        "示例\\u001b[2J局\", \"code\"",
    );
    std::fs::write(dir.path().join("evil.json"), evil).unwrap();
    let out = bin().arg("ls").arg(dir.path()).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.contains(&0x1b), "raw ESC written");
    assert!(String::from_utf8_lossy(&out.stdout).contains("示例␛[2J局"));
}

#[test]
fn directories_are_searched_recursively_and_symlink_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("x/y")).unwrap();
    std::fs::write(dir.path().join("x/y/deep.json"), MINIMAL).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("x/loop")).unwrap();
    let corpus = load::load_paths(&[PathBuf::from(dir.path())]);
    assert_eq!(corpus.documents.len(), 1, "{:?}", corpus.errors);
    assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{MINIMAL}");
    assert!(parse_document("bom.json", with_bom.as_bytes()).is_ok());
}

#[test]
fn long_values_in_messages_are_cut() {
    let long = "x".repeat(100_000);
    let msg =
        one_error(minimal_with("\"unit\": \"万元\"", &format!("\"unit\": \"{long}\"")).as_bytes());
    assert!(
        msg.len() < 400,
        "{} bytes: {}",
        msg.len(),
        &msg[..400.min(msg.len())]
    );
    assert!(msg.contains("(100000 characters)"), "{msg}");
}

#[test]
fn codes_with_anything_but_digits_or_letters_are_rejected() {
    let payload = r"310\u001b]52;c;UFdORUQ=\u0007\u001b[2J";
    let text = MINIMAL.replacen("\"code\": \"900\"", &format!("\"code\": \"{payload}\""), 1);
    assert_ne!(text, MINIMAL, "fixture lacks the department code");
    let msg = one_error(text.as_bytes());
    assert!(
        msg.contains("department code") && msg.contains("must be digits"),
        "{msg}"
    );
    assert!(
        !msg.contains('\u{1b}'),
        "Debug quoting escapes ESC: {msg:?}"
    );
}

/// Runs `yusuan ls PATH` and fails the test instead of hanging if it does not end.
fn ls_within(path: &std::path::Path, secs: u64) -> std::process::Output {
    let mut child = bin()
        .arg("ls")
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() >= secs {
            child.kill().unwrap();
            panic!("yusuan ls {} did not finish in {secs} s", path.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_skipped_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.json"), MINIMAL).unwrap();
    let fifo = dir.path().join("b-pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("c-zero.json")).unwrap();
    let out = ls_within(dir.path(), 20);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b-pipe.json: not a regular file (a FIFO); skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c-zero.json: not a regular file (a device); skipped"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a-good · "));
    // Named directly, too.
    let out = ls_within(&fifo, 20);
    assert!(String::from_utf8_lossy(&out.stderr).contains("(a FIFO); skipped"));
}
