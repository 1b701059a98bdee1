//! `yusuan audit`, `yusuan rules`, `yusuan explain`.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use yusuan::audit::{self, Config, Finding, Severity};
use yusuan::load::Corpus;
use yusuan::text::sanitize;
use yusuan::triage::review::Review;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Files or directories (default: the embedded sample).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: text for people, json for scripts (docs/AUDIT.md).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// Switch a rule off (repeatable): --disable NARR-002.
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Rounding tolerance per summed item, in the table's unit (default 0.005).
    #[arg(long, value_name = "DECIMAL")]
    pub tolerance: Option<Decimal>,
    /// Tolerance for percentages, in points (default 0.01).
    #[arg(long, value_name = "POINTS")]
    pub percent_tolerance: Option<Decimal>,
    /// Config file (default: config.toml in the user config directory, or $YUSUAN_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any config file.
    #[arg(long)]
    pub no_config: bool,
    /// Also report findings dismissed in triage (marked as such).
    #[arg(long)]
    pub include_dismissed: bool,
}

/// Builds the audit configuration from the config file and the flags.
pub fn config_from(args: &AuditArgs) -> Result<Config, String> {
    let mut config = if args.no_config {
        Config::default()
    } else {
        match yusuan::config::locate(args.config.as_deref()) {
            Some(path) => {
                let table = yusuan::config::read(&path).map_err(|e| e.to_string())?;
                yusuan::config::audit_config(Some(&table), &path).map_err(|e| e.to_string())?
            }
            None => Config::default(),
        }
    };
    for id in &args.disable {
        if audit::rule(id).is_none() {
            return Err(format!(
                "--disable {id}: no such rule; `yusuan rules` lists them"
            ));
        }
        config.disabled.insert(id.clone());
    }
    if let Some(t) = args.tolerance {
        if t.is_sign_negative() || t > yusuan::audit::MAX_TOLERANCE {
            return Err("--tolerance must be a decimal from 0 to 1000".into());
        }
        config.per_item = t;
    }
    if let Some(t) = args.percent_tolerance {
        if t.is_sign_negative() || t > yusuan::audit::MAX_TOLERANCE {
            return Err("--percent-tolerance must be a decimal from 0 to 1000".into());
        }
        config.percent_points = t;
    }
    if let Some(s) = args.min_severity {
        config.min_severity = s.into();
    }
    Ok(config)
}

fn counts(findings: &[&Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

fn summary((e, w, i): (usize, usize, usize), dismissed: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {}, {}",
        plural(e, "error"),
        plural(w, "warning"),
        i_word(i)
    );
    if dismissed > 0 {
        let _ = write!(s, " ({dismissed} dismissed)");
    }
    s
}

fn i_word(i: usize) -> String {
    format!("{i} info")
}

fn is_dismissed(mark: Option<&yusuan::triage::Mark>) -> bool {
    mark.is_some_and(|m| m.status == yusuan::triage::Status::Dismissed)
}

/// The findings that count: shown and not dismissed.
pub fn counted<'a>(review: &Review<'a>) -> Vec<&'a Finding> {
    review
        .shown
        .iter()
        .filter(|(_, m)| !is_dismissed(*m))
        .map(|(f, _)| *f)
        .collect()
}

/// Renders findings as text, grouped by document, with a summary per document and overall.
/// Each finding carries its id (for `yusuan triage`) and its triage mark, if any.
pub fn render_text(corpus: &Corpus, review: &Review) -> String {
    let dismissed_in = |doc: &str| {
        review.hidden.iter().filter(|f| f.document == doc).count()
            + review
                .shown
                .iter()
                .filter(|(f, m)| f.document == doc && is_dismissed(*m))
                .count()
    };
    let counted_all = counted(review);
    let mut out = String::new();
    for loaded in &corpus.documents {
        let mine: Vec<&(&Finding, Option<&yusuan::triage::Mark>)> = review
            .shown
            .iter()
            .filter(|(f, _)| f.document == loaded.id)
            .collect();
        let mine_counted: Vec<&Finding> = counted_all
            .iter()
            .copied()
            .filter(|f| f.document == loaded.id)
            .collect();
        let _ = writeln!(
            out,
            "{}  {} {}年 — {}",
            sanitize(&loaded.id),
            sanitize(&loaded.doc.department.name),
            loaded.doc.year,
            summary(counts(&mine_counted), dismissed_in(&loaded.id))
        );
        for (f, mark) in &mine {
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
            if let Some(m) = mark {
                let mut line = format!(
                    "      {} {}{}",
                    m.status.symbol(),
                    m.status.label(),
                    super::triage::byline(m)
                );
                if !m.note.is_empty() {
                    let _ = write!(line, ": {}", sanitize(&m.note));
                }
                let _ = writeln!(out, "{line}");
            }
        }
        out.push('\n');
    }
    let n = corpus.documents.len();
    let dismissed = review.hidden.len()
        + review
            .shown
            .iter()
            .filter(|(_, m)| is_dismissed(*m))
            .count();
    let _ = writeln!(
        out,
        "{n} document{} audited: {}",
        if n == 1 { "" } else { "s" },
        summary(counts(&counted_all), dismissed)
    );
    out
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

/// Renders findings as the documented JSON array, escaped for terminals.
pub fn render_json(review: &Review) -> String {
    let items: Vec<JsonFinding> = review
        .shown
        .iter()
        .map(|(f, m)| JsonFinding {
            id: f.id(),
            finding: f,
            triage: *m,
        })
        .collect();
    let json = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    yusuan::output::escape_json(&json).into_owned()
}

/// `yusuan rules`: the catalogue, one line each.
pub fn render_rules() -> String {
    let mut out = String::new();
    for rule in audit::rules::catalogue() {
        let m = rule.meta();
        let _ = writeln!(
            out,
            "{:<11} {:<8} {} {}  {}",
            m.id,
            m.severity.label(),
            yusuan::text::pad_right(m.group.label(), 12),
            m.title,
            m.title_zh
        );
    }
    out.push_str("\n`yusuan explain ID` prints a rule's explanation with a worked example.\n");
    out
}

/// `yusuan explain ID`.
pub fn render_explain(id: &str) -> Option<String> {
    let m = audit::rule(id)?.meta();
    Some(format!(
        "{} — {}\n{}\n\ngroup: {}    default severity: {}\n\n{}\n",
        m.id,
        m.title,
        m.title_zh,
        m.group.label(),
        m.severity.label(),
        m.explanation
    ))
}
