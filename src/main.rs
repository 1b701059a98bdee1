//! The `yusuan` binary: command-line front end and terminal explorer over the library.

mod cli;
mod ui;

use std::io::Write;
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
    let (paths, nodes) = cli::show::split_args(&args.args);
    let corpus = load::load(&paths);
    let had_errors = report_errors(&corpus);
    let trees = cli::show::trees(&corpus);
    let config = audit_config_from_file();
    let mut texts = Vec::new();
    let mut json = Vec::new();
    let mut failed = false;
    for node in &nodes {
        match cli::show::resolve(&trees, node) {
            Ok((loaded, found)) => {
                let mut detail = cli::show::build_detail(loaded, found);
                // The findings of the node and its subtree, as the explorer shows them.
                let below = |n: &str| n == found.path || n.starts_with(&format!("{}/", found.path));
                detail.findings = yusuan::audit::audit_document(loaded, &config)
                    .into_iter()
                    .filter(|f| f.node.as_deref().is_some_and(below))
                    .collect();
                if args.json {
                    json.push(cli::show::render_json(&detail));
                } else {
                    texts.push(cli::show::render_text(&detail));
                }
            }
            Err(cli::show::Resolve::NotFound) => {
                eprintln!(
                    "error: no node {:?}; run `yusuan ls --addresses` to see addresses",
                    yusuan::text::sanitize(node)
                );
                failed = true;
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
                failed = true;
            }
        }
    }
    if args.json {
        // One node: its object, as before; several: an array of them.
        match json.len() {
            0 => {}
            1 if nodes.len() == 1 => print(&format!("{}\n", json[0])),
            _ => print(&format!("[\n{}\n]\n", json.join(",\n"))),
        }
    } else {
        print(&texts.join("\n"));
    }
    if failed {
        ExitCode::from(2)
    } else {
        status(had_errors)
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
    let corpus = load::load(&args.paths);
    let had_errors = report_errors(&corpus);
    let findings = yusuan::audit::audit_corpus(&corpus, &config);
    match args.format {
        cli::audit::Format::Text => print(&cli::audit::render_text(&corpus, &findings)),
        cli::audit::Format::Json => {
            print(&cli::audit::render_json(&findings));
            print("\n");
        }
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
            let corpus = load::load(&args.paths);
            let had_errors = report_errors(&corpus);
            // Into a pipe or a file names are written whole; on a terminal they are cut to fit.
            let full = !std::io::IsTerminal::is_terminal(&std::io::stdout());
            print(&cli::ls::render(&corpus, args.addresses, args.depth, full));
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
            let corpus = load::load(&cli.paths);
            let had_errors = report_errors(&corpus);
            print(&cli::ls::render(&corpus, false, Some(1), true));
            status(had_errors)
        }
    }
}
