//! The audit report formats, written document by document as the audit streams:
//! text for people, a JSON array, and JSON Lines (one finding per line) for pipelines.

use std::fmt::Write as _;
use std::io::{self, Write};

use yusuan::audit::Finding;
use yusuan::audit::stream::{AuditWriter, DocumentAudit, Totals};
use yusuan::text::sanitize;

fn summary(t: &Totals) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {}, {} info",
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        t.infos
    );
    if t.dismissed > 0 {
        let _ = write!(s, " ({} dismissed)", t.dismissed);
    }
    s
}

/// A finding as JSON: its fields, its id and its triage mark.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    id: String,
    #[serde(flatten)]
    finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    triage: Option<&'a yusuan::triage::Mark>,
}

fn json_finding<'a>(audit: &'a DocumentAudit, i: usize) -> JsonFinding<'a> {
    let f = &audit.findings[i];
    JsonFinding {
        id: f.id(),
        finding: f,
        triage: audit.mark(i),
    }
}

/// Findings grouped by document, with a summary per document and overall.
pub struct Text<W: Write>(pub W);

impl<W: Write> AuditWriter for Text<W> {
    fn document(&mut self, audit: &DocumentAudit) -> io::Result<()> {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}  {} {}年 — {}",
            sanitize(&audit.id),
            sanitize(&audit.department),
            audit.year,
            summary(&Totals {
                dismissed: audit.dismissed,
                ..Totals::of(audit.counted())
            })
        );
        for (i, f) in audit.findings.iter().enumerate() {
            finding_text(&mut out, f, audit.mark(i));
        }
        out.push('\n');
        self.0.write_all(out.as_bytes())
    }

    fn end(&mut self, totals: &Totals) -> io::Result<()> {
        let n = totals.documents;
        writeln!(
            self.0,
            "{n} document{} audited: {}",
            if n == 1 { "" } else { "s" },
            summary(totals)
        )?;
        self.0.flush()
    }
}

fn finding_text(out: &mut String, f: &Finding, mark: Option<&yusuan::triage::Mark>) {
    let _ = writeln!(
        out,
        "  {} {:<10} {}  {}",
        f.severity.letter(),
        f.rule,
        f.id(),
        sanitize(&f.location.to_string())
    );
    let _ = writeln!(out, "      {}", sanitize(&f.message));
    let _ = writeln!(out, "      {}", sanitize(&f.message_zh));
    if f.expected.is_some() || f.actual.is_some() {
        let mut line = format!(
            "      expected {}  actual {}",
            sanitize(f.expected.as_deref().unwrap_or("—")),
            sanitize(f.actual.as_deref().unwrap_or("—"))
        );
        if let Some(d) = f.difference {
            let _ = write!(line, "  difference {d}");
        }
        if let Some(u) = &f.unit {
            let _ = write!(line, " {u}");
        }
        let _ = writeln!(out, "{line}");
    }
    if let Some(s) = &f.location.sentence {
        let _ = writeln!(out, "      “{}”", sanitize(s));
    }
    if let Some(s) = &f.source {
        let _ = writeln!(out, "      printed at {}", sanitize(s));
    }
    if let Some(m) = mark {
        let mut line = format!(
            "      {} {}{}",
            m.status.symbol(),
            m.status.label(),
            crate::cli::triage::byline(m)
        );
        if !m.note.is_empty() {
            let _ = write!(line, ": {}", sanitize(&m.note));
        }
        let _ = writeln!(out, "{line}");
    }
}

/// The documented JSON array (docs/AUDIT.md), pretty-printed, written as findings arrive.
pub struct JsonArray<W: Write> {
    out: W,
    any: bool,
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> Self {
        JsonArray { out, any: false }
    }
}

impl<W: Write> AuditWriter for JsonArray<W> {
    fn document(&mut self, audit: &DocumentAudit) -> io::Result<()> {
        let mut text = String::new();
        for n in 0..audit.findings.len() {
            text.push_str(if self.any { ",\n" } else { "[\n" });
            self.any = true;
            // Each element indented as in a pretty-printed array; JSON strings hold no raw
            // newlines, so indenting every line is safe. Non-printing characters are escaped
            // (\u202e), so the output is safe to `cat`.
            let json = serde_json::to_string_pretty(&json_finding(audit, n))?;
            for (i, line) in yusuan::output::escape_json(&json).lines().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str("  ");
                text.push_str(line);
            }
        }
        self.out.write_all(text.as_bytes())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        self.out
            .write_all(if self.any { b"\n]\n" } else { b"[]\n" })?;
        self.out.flush()
    }
}

/// JSON Lines: one finding per line, the same fields as the JSON array.
pub struct JsonLines<W: Write>(pub W);

impl<W: Write> AuditWriter for JsonLines<W> {
    fn document(&mut self, audit: &DocumentAudit) -> io::Result<()> {
        let mut text = Vec::new();
        for n in 0..audit.findings.len() {
            let json = serde_json::to_string(&json_finding(audit, n))?;
            text.extend_from_slice(yusuan::output::escape_json(&json).as_bytes());
            text.push(b'\n');
        }
        self.0.write_all(&text)
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan::audit::stream::audit_source;

    fn sample_audits() -> Vec<DocumentAudit> {
        let config = yusuan::audit::Config::default();
        yusuan::load::embedded_sources()
            .sources
            .iter()
            .flat_map(|s| {
                let audited = audit_source(s, &config);
                assert!(audited.errors.is_empty(), "{:?}", audited.errors);
                audited.audits
            })
            .collect()
    }

    fn write_all(writer: &mut dyn AuditWriter, audits: &[DocumentAudit]) {
        let mut totals = Totals::default();
        writer.begin().unwrap();
        for a in audits {
            totals.add(a);
            writer.document(a).unwrap();
        }
        writer.end(&totals).unwrap();
    }

    #[test]
    fn the_streamed_json_array_is_the_pretty_printed_array() {
        let audits = sample_audits();
        let all: Vec<JsonFinding> = audits
            .iter()
            .flat_map(|a| (0..a.findings.len()).map(move |i| json_finding(a, i)))
            .collect();
        assert!(!all.is_empty());
        let mut out = Vec::new();
        write_all(&mut JsonArray::new(&mut out), &audits);
        let want = serde_json::to_string_pretty(&all).unwrap() + "\n";
        assert_eq!(
            String::from_utf8(out).unwrap(),
            yusuan::output::escape_json(&want)
        );
    }

    #[test]
    fn an_empty_json_array_is_brackets() {
        let mut out = Vec::new();
        write_all(&mut JsonArray::new(&mut out), &[]);
        assert_eq!(out, b"[]\n");
    }

    #[test]
    fn json_lines_hold_one_finding_each_in_order() {
        let audits = sample_audits();
        let mut out = Vec::new();
        write_all(&mut JsonLines(&mut out), &audits);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        let want: Vec<serde_json::Value> = audits
            .iter()
            .flat_map(|a| &a.findings)
            .map(|f| {
                let mut v = serde_json::to_value(f).unwrap();
                v["id"] = f.id().into();
                v
            })
            .collect();
        assert_eq!(lines, want);
    }
}
