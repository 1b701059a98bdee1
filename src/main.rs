//! The `yusuan` binary: command-line front end and terminal explorer over the library.

mod cli;
mod ui;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};
use yusuan::load::{self, Corpus};

/// Prints load errors to stderr; returns whether there were any.
fn report_errors(corpus: &Corpus) -> bool {
    let mut stderr = std::io::stderr().lock();
    for err in &corpus.errors {
        let _ = writeln!(
            stderr,
            "error: {}",
            yusuan::text::sanitize(&err.to_string())
        );
    }
    !corpus.errors.is_empty()
}

/// Loads `paths` for a command; `Err` (after printing why) when the paths hold no document at
/// all, so `yusuan audit EMPTYDIR` fails loudly instead of reporting a clean audit of nothing.
fn load_or_fail(paths: &[PathBuf]) -> Result<(Corpus, bool), ExitCode> {
    let corpus = load::load(paths);
    let had_errors = report_errors(&corpus);
    if corpus.documents.is_empty() && !had_errors {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| yusuan::text::sanitize(&p.display().to_string()).into_owned())
            .collect();
        eprintln!(
            "error: no documents found in {}; expected *.json files in the yusuan format (docs/FORMAT.md)",
            shown.join(", ")
        );
        return Err(ExitCode::from(2));
    }
    Ok((corpus, had_errors))
}

fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`yusuan ls | head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn status(had_errors: bool) -> ExitCode {
    if had_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The audit configuration of the config file, or the default when there is none or it is
/// unusable (`show` is not the place to report config errors; `audit` does).
fn audit_config_from_file() -> yusuan::audit::Config {
    yusuan::config::locate(None)
        .and_then(|path| {
            let table = yusuan::config::read(&path).ok()?;
            yusuan::config::audit_config(Some(&table), &path).ok()
        })
        .unwrap_or_default()
}

fn run_show(args: cli::show::ShowArgs) -> ExitCode {
    let (node, paths) = args.args.split_last().expect("clap requires one argument");
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let (corpus, had_errors) = match load_or_fail(&paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let trees = cli::show::trees(&corpus);
    match cli::show::resolve(&trees, node) {
        Ok((loaded, found)) => {
            let mut detail = cli::show::build_detail(loaded, found);
            // The findings of the node and its subtree, as the explorer shows them.
            let below = |n: &str| n == found.path || n.starts_with(&format!("{}/", found.path));
            detail.findings = yusuan::audit::audit_document(loaded, &audit_config_from_file())
                .into_iter()
                .filter(|f| f.node.as_deref().is_some_and(below))
                .collect();
            if args.json {
                print(&cli::show::render_json(&detail));
                print("\n");
            } else {
                print(&cli::show::render_text(&detail));
            }
            status(had_errors)
        }
        Err(cli::show::Resolve::NotFound) => {
            eprintln!(
                "error: no node {:?}; run `yusuan ls --addresses` to see addresses",
                yusuan::text::sanitize(node)
            );
            ExitCode::from(2)
        }
        Err(cli::show::Resolve::Ambiguous(paths)) => {
            eprintln!(
                "error: {:?} names {} nodes; use one of:",
                yusuan::text::sanitize(node),
                paths.len()
            );
            for p in paths.iter().take(20) {
                eprintln!("  {}", yusuan::text::sanitize(p));
            }
            ExitCode::from(2)
        }
    }
}

/// Renders the audit in the chosen format and writes it to `-o FILE` or standard output (a
/// binary workbook never goes to a terminal).
fn write_audit_report(
    args: &cli::audit::AuditArgs,
    corpus: &Corpus,
    findings: &[yusuan::audit::Finding],
) -> Result<(), String> {
    use cli::audit::Format;
    let binary = matches!(args.format, Format::Xlsx);
    if binary && args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(
            "--format xlsx writes a binary workbook: give -o FILE or redirect standard output"
                .into(),
        );
    }
    let marks = match args.format {
        Format::Csv | Format::Xlsx | Format::Markdown => match yusuan::triage::default_path() {
            Some(path) => yusuan::triage::Store::open(path).map_err(|e| e.to_string())?,
            None => yusuan::triage::Store::in_memory(),
        },
        Format::Text | Format::Json => yusuan::triage::Store::in_memory(),
    };
    let bytes = cli::audit::render_report(
        args.format,
        corpus,
        findings,
        &marks,
        cli::audit::lang_of(args),
    )?;
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| format!("{}: cannot write the report: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&bytes);
            let _ = stdout.flush();
            Ok(())
        }
    }
}

fn run_audit(args: cli::audit::AuditArgs) -> ExitCode {
    let config = match cli::audit::config_from(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", yusuan::text::sanitize(&e));
            return ExitCode::from(2);
        }
    };
    let (corpus, had_errors) = match load_or_fail(&args.paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let findings = yusuan::audit::audit_corpus(&corpus, &config);
    if let Err(e) = write_audit_report(&args, &corpus, &findings) {
        eprintln!("error: {}", yusuan::text::sanitize(&e));
        return ExitCode::from(2);
    }
    if had_errors {
        ExitCode::from(2)
    } else if findings
        .iter()
        .any(|f| f.severity == yusuan::audit::Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Ls(args)) => {
            let (corpus, had_errors) = match load_or_fail(&args.paths) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            print(&cli::ls::render(&corpus, args.addresses, args.depth));
            status(had_errors)
        }
        Some(Command::Show(args)) => run_show(args),
        Some(Command::Audit(args)) => run_audit(args),
        Some(Command::Rules) => {
            print(&cli::audit::render_rules());
            ExitCode::SUCCESS
        }
        Some(Command::Explain { id }) => match cli::audit::render_explain(&id) {
            Some(text) => {
                print(&text);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "error: no rule {:?}; `yusuan rules` lists them",
                    yusuan::text::sanitize(&id)
                );
                ExitCode::from(2)
            }
        },
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => ui::run(ui::Options {
            paths: cli.paths,
            lang: cli.lang.map(|l| match l {
                cli::LangArg::Zh => ui::i18n::Lang::Zh,
                cli::LangArg::En => ui::i18n::Lang::En,
            }),
            no_mouse: cli.no_mouse,
            config: cli.config,
        }),
        None => {
            let (corpus, had_errors) = match load_or_fail(&cli.paths) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            print(&cli::ls::render(&corpus, false, Some(1)));
            status(had_errors)
        }
    }
}
