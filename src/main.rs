//! The `yusuan` binary: command-line front end and terminal explorer over the library.
//!
//! Everything printed goes through [`yusuan::output`], the one output boundary.

mod cli;
mod ui;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use cli::progress::Progress;
use cli::{Cli, Command};
use yusuan::audit::stream::{AuditWriter, DocumentAudit, SourceAudit, Totals, audit_source};
use yusuan::load::{self, Corpus, Listing, LoadError, Source};
use yusuan::output::{eprint_line, print};

/// Prints load errors to stderr; returns whether there were any.
fn report_errors(corpus: &Corpus) -> bool {
    for warning in &corpus.warnings {
        eprint_line(&format!("warning: {warning}"));
    }
    for err in &corpus.errors {
        eprint_line(&format!("error: {err}"));
    }
    !corpus.errors.is_empty()
}

fn usage_error(message: &str) -> ExitCode {
    eprint_line(&format!("error: {message}"));
    ExitCode::from(2)
}

/// Exit status 2 and a clear message when the paths hold nothing to open: an empty folder
/// must not pass for a clean audit in a cron job.
fn no_documents(paths: &[PathBuf]) -> ExitCode {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| yusuan::text::sanitize(&p.display().to_string()).into_owned())
        .collect();
    usage_error(&format!(
        "no documents found in {}; expected *.json files in the yusuan format (docs/FORMAT.md), published PDFs or their text exports (*.txt)",
        shown.join(", ")
    ))
}

/// Loads the whole corpus, or fails when it holds no document (see [`no_documents`]).
fn load_or_fail(paths: &[PathBuf]) -> Result<(Corpus, bool), ExitCode> {
    let corpus = load::load(paths);
    let had_errors = report_errors(&corpus);
    if corpus.documents.is_empty() && !had_errors {
        return Err(no_documents(paths));
    }
    Ok((corpus, had_errors))
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
    let (corpus, had_errors) = match load_or_fail(&paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
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
                usage_error(&format!(
                    "no node {:?}; run `yusuan ls --addresses` to see addresses",
                    yusuan::text::cut_values(node)
                ));
                failed = true;
            }
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
                usage_error(&msg);
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

/// Prints load errors to stderr, clearing the progress line first.
fn print_load_errors(errors: &[LoadError], progress: &mut Progress) {
    print_problems("error", errors, progress);
}

/// Prints load errors or import warnings, above the progress line.
fn print_problems(label: &str, problems: &[LoadError], progress: &mut Progress) {
    if problems.is_empty() {
        return;
    }
    progress.clear();
    for problem in problems {
        eprint_line(&format!("{label}: {problem}"));
    }
}

/// Audits every source of `listing` on `jobs` threads and hands each file's audits to `each`
/// in input order, ids settled, with a progress line; returns whether anything failed to
/// load. `each` returns false to stop early (stdout closed): the remaining files are skipped.
fn stream(
    listing: &Listing,
    jobs: usize,
    verb: &'static str,
    work: impl Fn(&Source) -> SourceAudit + Sync,
    mut each: impl FnMut(Vec<DocumentAudit>) -> bool,
) -> bool {
    let mut progress = Progress::new(verb, listing.sources.len());
    print_load_errors(&listing.errors, &mut progress);
    let mut had_errors = !listing.errors.is_empty();
    let mut settler = listing.id_settler();
    let stop = AtomicBool::new(false);
    yusuan::parallel::map_ordered(
        &listing.sources,
        jobs,
        |source| {
            if stop.load(Ordering::Relaxed) {
                None
            } else {
                Some(work(source))
            }
        },
        |_, result| {
            progress.step();
            let Some(mut result) = result else {
                return;
            };
            print_problems("warning", &result.warnings, &mut progress);
            if !result.errors.is_empty() {
                had_errors = true;
                print_load_errors(&result.errors, &mut progress);
            }
            for audit in &mut result.audits {
                audit.settle_id(&mut settler);
            }
            // A writer that cannot write stops the work still to come.
            stop.fetch_or(!each(result.audits), Ordering::Relaxed);
        },
    );
    had_errors
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
        Format::Text | Format::Json | Format::Jsonl => yusuan::triage::Store::in_memory(),
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

/// Warns of marks whose finding no longer occurs in an audited document: they are kept, and
/// `yusuan triage clear ID` removes them.
fn report_stale(
    store: &yusuan::triage::Store,
    seen: &std::collections::HashSet<String>,
    in_scope: impl Fn(&str) -> bool,
) {
    for (key, mark) in store.marks() {
        if seen.contains(key) || !in_scope(key) {
            continue;
        }
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
    if let Some(jobs) = args.jobs {
        yusuan::parallel::limit_jobs(jobs.into());
    }
    if matches!(
        args.format,
        cli::audit::Format::Csv | cli::audit::Format::Xlsx | cli::audit::Format::Markdown
    ) {
        // A working paper is one file over all documents: audit them all, then write it.
        let (corpus, had_errors) = match load_or_fail(&args.paths) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
        let findings = yusuan::audit::audit_corpus(&corpus, &config);
        if let Err(e) = write_audit_report(&args, &corpus, &findings) {
            return usage_error(&e);
        }
        return if had_errors {
            ExitCode::from(2)
        } else if findings
            .iter()
            .any(|f| f.severity == yusuan::audit::Severity::Error)
        {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let listing = load::sources(&args.paths);
    if listing.sources.is_empty() && listing.errors.is_empty() && !args.paths.is_empty() {
        return no_documents(&args.paths);
    }
    let jobs = yusuan::parallel::default_jobs();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut writer: Box<dyn AuditWriter> = match args.format {
        cli::audit::Format::Text => Box::new(cli::writers::Text(stdout)),
        cli::audit::Format::Json => Box::new(cli::writers::JsonArray::new(stdout)),
        cli::audit::Format::Jsonl => Box::new(cli::writers::JsonLines(stdout)),
        // Written above, after the whole audit.
        cli::audit::Format::Csv | cli::audit::Format::Xlsx | cli::audit::Format::Markdown => {
            return ExitCode::from(2);
        }
    };
    let store = open_triage(None);
    // Every finding's key and every audited document, for marks whose finding is gone.
    let mut seen = std::collections::HashSet::new();
    let mut audited = std::collections::HashSet::new();
    // A closed pipe (`yusuan audit | head`) ends the output, not the exit status.
    let mut open = writer.begin().is_ok();
    let mut totals = Totals::default();
    let had_errors = stream(
        &listing,
        jobs,
        "audit",
        |source| audit_source(source, &config),
        |mut audits| {
            for audit in &mut audits {
                audit.apply_marks(&store, args.include_dismissed, &mut seen);
                audited.insert(audit.id.clone());
                totals.add(audit);
                open = open && writer.document(audit).is_ok();
            }
            open
        },
    );
    // Folders holding only files that are no disclosure (a readme.txt): nothing was audited.
    if audited.is_empty() && !had_errors && !args.paths.is_empty() {
        return no_documents(&args.paths);
    }
    if open {
        let _ = writer.end(&totals);
    }
    // Below the full severity range a missing finding may only be filtered out, not gone.
    if config.min_severity == yusuan::audit::Severity::Info {
        report_stale(&store, &seen, |key| {
            let doc = yusuan::triage::review::key_document(key);
            audited.contains(doc)
                && yusuan::audit::rule(yusuan::triage::review::key_rule(key))
                    .is_some_and(|r| config.is_enabled(r.meta()))
        });
    }
    if had_errors {
        ExitCode::from(2)
    } else if totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `yusuan ls`: trees printed document by document.
/// `yusuan ls`: every tree, amounts in one column across all documents (so the whole corpus
/// is read first).
fn run_ls(paths: &[PathBuf], addresses: bool, depth: Option<usize>, full: bool) -> ExitCode {
    let (corpus, had_errors) = match load_or_fail(paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    print(&cli::ls::render(&corpus, addresses, depth, full));
    status(had_errors)
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
            // Into a pipe or a file names are written whole; on a terminal they are cut to fit.
            let full = !std::io::IsTerminal::is_terminal(&std::io::stdout());
            run_ls(&args.paths, args.addresses, args.depth, full)
        }
        Some(Command::Show(args)) => run_show(args),
        Some(Command::Audit(args)) => run_audit(args),
        Some(Command::Import(args)) => ExitCode::from(cli::import::run(&args)),
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
        None => run_ls(&cli.paths, false, Some(1), true),
    }
}
