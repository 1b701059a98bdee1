//! `yusuan audit`, `yusuan rules`, `yusuan explain`.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use yusuan::audit::{self, Config, Finding, Severity};
use yusuan::lang::Lang;
use yusuan::load::Corpus;
use yusuan::report::{self, DocSummary, Report};
use yusuan::text::sanitize;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// For Excel and WPS: UTF-8 with BOM, CRLF.
    Csv,
    /// A workbook: findings sheet plus one summary sheet per document (needs -o or a pipe).
    Xlsx,
    Markdown,
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
    /// Output format: text for people, json for scripts, csv/xlsx/markdown for working papers
    /// (docs/AUDIT.md).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of report headers and messages: zh or en (default: [ui] lang, else the locale).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::cli::LangArg>,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// Switch a rule off (repeatable): --disable NARR-002.
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Rounding tolerance per summed item in 万元 (default: half a unit of the table's last printed digit).
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
        config.per_item = Some(t);
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

fn summary((e, w, i): (usize, usize, usize)) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(e, "error"),
        plural(w, "warning"),
        i_word(i)
    )
}

fn i_word(i: usize) -> String {
    format!("{i} info")
}

/// Renders findings as text, grouped by document, with a summary per document and overall.
pub fn render_text(corpus: &Corpus, findings: &[Finding]) -> String {
    let mut out = String::new();
    for loaded in &corpus.documents {
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.document == loaded.id)
            .collect();
        let _ = writeln!(
            out,
            "{}  {} {}年 — {}",
            sanitize(&loaded.id),
            sanitize(&loaded.doc.department.name),
            loaded.doc.year,
            summary(counts(&mine))
        );
        for f in &mine {
            let _ = writeln!(
                out,
                "  {} {:<10} {}",
                f.severity.letter(),
                f.rule,
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
        }
        out.push('\n');
    }
    let all: Vec<&Finding> = findings.iter().collect();
    let n = corpus.documents.len();
    let _ = writeln!(
        out,
        "{n} document{} audited: {}",
        if n == 1 { "" } else { "s" },
        summary(counts(&all))
    );
    out
}

/// Renders a working paper (csv, xlsx, markdown) with the triage marks of `marks`.
pub fn render_report(
    format: Format,
    corpus: &Corpus,
    findings: &[Finding],
    marks: &yusuan::triage::Store,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let documents: Vec<DocSummary> = corpus.documents.iter().map(DocSummary::of).collect();
    let report = Report {
        documents: &documents,
        findings,
        marks,
        lang,
    };
    match format {
        Format::Text => Ok(render_text(corpus, findings).into_bytes()),
        Format::Json => Ok((render_json(findings) + "\n").into_bytes()),
        Format::Csv => Ok(report::csv::render(&report).into_bytes()),
        Format::Markdown => Ok(report::markdown::render(&report).into_bytes()),
        Format::Xlsx => {
            report::xlsx::render(&report).map_err(|e| format!("cannot write the workbook: {e}"))
        }
    }
}

/// The report language: `--lang`, else `[ui] lang` of the config file (as the explorer), else
/// the locale.
pub fn lang_of(args: &AuditArgs) -> Lang {
    let from_config = || {
        if args.no_config {
            return None;
        }
        let path = yusuan::config::locate(args.config.as_deref())?;
        let table = yusuan::config::read(&path).ok()?;
        let lang = table.get("ui")?.get("lang")?.as_str()?;
        Lang::parse(lang)
    };
    match args.lang {
        Some(crate::cli::LangArg::Zh) => Lang::Zh,
        Some(crate::cli::LangArg::En) => Lang::En,
        None => from_config().unwrap_or_else(Lang::from_env),
    }
}

/// Renders findings as the documented JSON array.
pub fn render_json(findings: &[Finding]) -> String {
    serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into())
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
