//! Command-line interface: argument parsing and the text commands.

pub mod audit;
pub mod import;
pub mod ls;
pub mod progress;
pub mod show;
pub mod triage;
pub mod writers;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Explore and audit Chinese department budget disclosures (部门预算公开).
///
/// With no PATH, every command uses the five sample disclosures built into the binary.
/// PATH may be a JSON file (docs/FORMAT.md), a published disclosure (*.pdf, or a text export
/// *.txt) imported as it is opened, or a directory searched recursively for *.json and *.pdf
/// (and for *.txt in the directory itself).
///
/// Exit status: 0 success, 1 the audit found errors, 2 input could not be loaded or bad usage.
#[derive(Debug, Parser)]
#[command(name = "yusuan", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or directories to open (default: the embedded sample).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Explorer labels: zh or en (default: [ui] lang in the config file, else the locale).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Explorer: ignore the mouse (no scroll or click reporting).
    #[arg(long)]
    pub no_mouse: bool,

    /// Explorer: config file (default: config.toml in the user config directory, or $YUSUAN_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Languages the explorer speaks.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the tree: department → units → function subjects 类→款→项 → economic subjects → projects.
    #[command(visible_alias = "tree")]
    Ls(ls::LsArgs),
    /// Print one node's details: printed rows with their columns, children, targets.
    ///
    /// NODE is an address as printed by `yusuan ls --addresses`: DOC (the file stem, e.g.
    /// 000-sanmenxia), DOC/units/CODE, DOC/func/CODE (206, 20601, 2060101), DOC/econ/CODE
    /// (301, 30101), DOC/projects/UNIT/TYPE/NAME. A bare code or name works when it names one
    /// node only.
    Show(show::ShowArgs),
    /// Check every identity an inspector checks; exit 1 if any error-level finding.
    ///
    /// Exit status: 0 nothing at error severity, 1 errors found, 2 input could not be loaded
    /// or bad usage. Rules can be switched off and tolerances set in the config file
    /// ([audit] table of config.toml) or by flags.
    Audit(audit::AuditArgs),
    /// Import published disclosures (PDF) into JSON documents, with an import report.
    ///
    /// Exit status: 0 every file imported, 2 a file could not be imported (the others still are).
    Import(import::ImportArgs),
    /// Mark findings confirmed or dismissed by id, or list the marks (the explorer's marks).
    ///
    /// Marks are kept in triage.json in the data directory ($YUSUAN_DATA_DIR, else
    /// ~/.local/share/yusuan); `yusuan audit` leaves dismissed findings out.
    Triage(triage::TriageArgs),
    /// List the audit rules with their ids, severities and titles.
    Rules,
    /// Explain one audit rule, with a worked example.
    Explain {
        /// Rule id, e.g. ARITH-001.
        id: String,
    },
}
