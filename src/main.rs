//! The `yusuan` binary: command-line front end and terminal explorer over the library.
//!
//! Everything printed goes through [`yusuan::output`], the one output boundary.

mod cli;
mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};
use yusuan::load::{self, Corpus};
use yusuan::output::{eprint_line, print};

/// Prints load errors to stderr; returns whether there were any.
fn report_errors(corpus: &Corpus) -> bool {
    for err in &corpus.errors {
        eprint_line(&format!("error: {err}"));
    }
    !corpus.errors.is_empty()
}

fn status(had_errors: bool) -> ExitCode {
    if had_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprint_line(&format!("error: {message}"));
    ExitCode::from(2)
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
    let corpus = load::load(&paths);
    let had_errors = report_errors(&corpus);
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
        Err(cli::show::Resolve::NotFound) => usage_error(&format!(
            "no node {:?}; run `yusuan ls --addresses` to see addresses",
            yusuan::text::cut_values(node)
        )),
        Err(cli::show::Resolve::Ambiguous(paths)) => {
            let mut msg = format!(
                "{:?} names {} nodes; use one of:",
                yusuan::text::cut_values(node),
                paths.len()
            );
            for p in paths.iter().take(20) {
                msg.push_str("\n  ");
                msg.push_str(&yusuan::text::sanitize(p));
            }
            usage_error(&msg)
        }
    }
}

/// Opens the triage marks for reading or writing, printing any notice (a file moved aside,
/// marks read-only) to stderr.
fn open_triage(author: Option<&str>) -> yusuan::triage::Store {
    let mut store = match yusuan::triage::default_path() {
        Some(p) => yusuan::triage::Store::open(p).unwrap_or_else(|e| {
            eprint_line(&format!(
                "warning: triage marks cannot be read: {e}; none are applied"
            ));
            yusuan::triage::Store::in_memory()
        }),
        None => yusuan::triage::Store::in_memory(),
    };
    if let Some(a) = author {
        store.set_author(a);
    }
    for n in store.take_notices() {
        eprint_line(&format!("warning: {n}"));
    }
    store
}

/// Reports marks whose finding no longer occurs: never dropped silently.
fn report_stale(review: &yusuan::triage::review::Review) {
    for (key, mark) in &review.stale {
        let id = yusuan::audit::short_id(key);
        eprint_line(&format!(
            "warning: stale triage mark {id} ({} {}): its finding no longer occurs; \
             `yusuan triage clear {id}` removes it",
            mark.status.label(),
            cli::triage::describe_key(key)
        ));
    }
}

fn run_audit(args: cli::audit::AuditArgs) -> ExitCode {
    let config = match cli::audit::config_from(&args) {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    let corpus = load::load(&args.paths);
    let had_errors = report_errors(&corpus);
    let findings = yusuan::audit::audit_corpus(&corpus, &config);
    let store = open_triage(None);
    // Below the full severity range a missing finding may only be filtered out, not gone.
    let full_range = config.min_severity == yusuan::audit::Severity::Info;
    let review = yusuan::triage::review::review(&findings, &store, args.include_dismissed, |k| {
        full_range && cli::triage::in_scope(&corpus, &config, k)
    });
    match args.format {
        cli::audit::Format::Text => print(&cli::audit::render_text(&corpus, &review)),
        cli::audit::Format::Json => {
            print(&cli::audit::render_json(&review));
            print("\n");
        }
    }
    report_stale(&review);
    if had_errors {
        ExitCode::from(2)
    } else if cli::audit::counted(&review)
        .iter()
        .any(|f| f.severity == yusuan::audit::Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_triage(args: cli::triage::TriageArgs) -> ExitCode {
    use cli::triage::TriageAction;
    use yusuan::triage::{Mark, Status};
    let (common, target) = match &args.action {
        TriageAction::Confirm(m) | TriageAction::Dismiss(m) => {
            (&m.target.common, Some(m.target.id.as_str()))
        }
        TriageAction::Clear(t) => (&t.common, Some(t.id.as_str())),
        TriageAction::List(c) => (c, None),
    };
    let (config, author) = match cli::triage::settings(common.config.as_deref()) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let corpus = load::load(&common.paths);
    let had_errors = report_errors(&corpus);
    let findings = yusuan::audit::audit_corpus(&corpus, &config);
    let mut store = open_triage(author.as_deref());
    let mark = match &args.action {
        TriageAction::Confirm(m) => Some(Mark::new(
            Status::Confirmed,
            m.note.clone().unwrap_or_default(),
        )),
        TriageAction::Dismiss(m) => Some(Mark::new(
            Status::Dismissed,
            m.note.clone().unwrap_or_default(),
        )),
        _ => None,
    };
    if target.is_some() && store.path().is_none() {
        return usage_error(
            "marks cannot be saved: no data directory (set YUSUAN_DATA_DIR) or the marks file \
             is unreadable (see the warning above)",
        );
    }
    let Some(id) = target else {
        print(&cli::triage::render_list(
            &store, &corpus, &config, &findings,
        ));
        return status(had_errors);
    };
    match cli::triage::apply(&mut store, &findings, id, mark) {
        Ok(line) => {
            print(&line);
            status(had_errors)
        }
        Err(e) => usage_error(&e),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Ls(args)) => {
            let corpus = load::load(&args.paths);
            let had_errors = report_errors(&corpus);
            print(&cli::ls::render(&corpus, args.addresses, args.depth));
            status(had_errors)
        }
        Some(Command::Show(args)) => run_show(args),
        Some(Command::Audit(args)) => run_audit(args),
        Some(Command::Triage(args)) => run_triage(args),
        Some(Command::Rules) => {
            print(&cli::audit::render_rules());
            ExitCode::SUCCESS
        }
        Some(Command::Explain { id }) => match cli::audit::render_explain(&id) {
            Some(text) => {
                print(&text);
                ExitCode::SUCCESS
            }
            None => usage_error(&format!(
                "no rule {:?}; `yusuan rules` lists them",
                yusuan::text::cut_values(&id)
            )),
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
            print(&cli::ls::render(&corpus, false, Some(1)));
            status(had_errors)
        }
    }
}
