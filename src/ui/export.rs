//! CSV export of what the explorer shows: a table as printed, a node's children, the findings
//! list. Fields are sanitised (no control characters from data) and a field that a spreadsheet
//! would run as a formula (`=`, `+`, `@`, or `-` before text) is prefixed with `'`.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One CSV field.
pub fn field(text: &str) -> String {
    let clean = yusuan::text::sanitize(text);
    let numeric = clean.parse::<f64>().is_ok() || clean.replace(',', "").parse::<f64>().is_ok();
    let risky = clean.starts_with(['=', '+', '@']) || (clean.starts_with('-') && !numeric);
    let text = if risky {
        format!("'{clean}")
    } else {
        clean.into_owned()
    };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Rows as CSV text, CRLF line ends (RFC 4180), with a UTF-8 byte-order mark so spreadsheet
/// programs read the Chinese text as UTF-8.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for r in rows {
        let line: Vec<String> = r.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A file name made of safe characters from `stem`.
fn safe_stem(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if s.trim_matches(['.', '_']).is_empty() {
        "export".into()
    } else {
        s
    }
}

/// Writes `rows` to a new file `STEM.csv` (or `STEM-2.csv` …) in `dir`; never overwrites.
pub fn write(dir: &Path, stem: &str, rows: &[Vec<String>]) -> std::io::Result<PathBuf> {
    let stem = safe_stem(stem);
    let text = csv(rows);
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.csv")
        } else {
            format!("{stem}-{n}.csv")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                return Ok(std::path::absolute(&path).unwrap_or(path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many exports with this name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("1,758.18"), "\"1,758.18\"");
        assert_eq!(field("-0.42"), "-0.42");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("a\x1bb"), "a␛b");
        assert_eq!(field("行政运行"), "行政运行");
    }

    #[test]
    fn writes_new_files_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let rows = vec![vec!["a".to_string(), "b".to_string()]];
        let p1 = write(dir.path(), "t03/表", &rows).unwrap();
        let p2 = write(dir.path(), "t03/表", &rows).unwrap();
        assert_ne!(p1, p2);
        assert!(p1.file_name().unwrap().to_string_lossy().ends_with(".csv"));
        assert!(
            !p1.to_string_lossy().contains("t03/表"),
            "no directory from the name"
        );
        assert_eq!(std::fs::read_to_string(p1).unwrap(), "\u{feff}a,b\r\n");
    }
}
