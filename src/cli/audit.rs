//! `yusuan audit`, `yusuan rules`, `yusuan explain`.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use yusuan::audit::{self, Config, Finding, Severity};
use yusuan::lang::Lang;
use yusuan::load::Corpus;
use yusuan::report::{self, DocSummary, Report};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// JSON Lines: one finding per line, for pipelines and databases.
    Jsonl,
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
    /// Output format: text for people, json for scripts, jsonl (one finding per line) for
    /// pipelines and databases, csv/xlsx/markdown for working papers (docs/AUDIT.md).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of report headers and messages: zh or en (default: [ui] lang, else the locale).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::cli::LangArg>,
    /// Audit this many documents at a time (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// Switch a rule off (repeatable): --disable NARR-002.
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Rounding tolerance per summed item, in the table's unit (default 0.005).
    #[arg(long, value_name = "DECIMAL")]
    pub tolerance: Option<Decimal>,
    /// Tolerance for percentages beyond their printed rounding, in points (default: 0.01 for
    /// shares, 0 for changes).
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
        config.per_item = Some(t);
    }
    if let Some(t) = args.percent_tolerance {
        if t.is_sign_negative() || t > yusuan::audit::MAX_TOLERANCE {
            return Err("--percent-tolerance must be a decimal from 0 to 1000".into());
        }
        config.percent_points = Some(t);
    }
    if let Some(s) = args.min_severity {
        config.min_severity = s.into();
    }
    Ok(config)
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
        Format::Text | Format::Json | Format::Jsonl => {
            Err("text, json and jsonl are written as the audit streams".into())
        }
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
