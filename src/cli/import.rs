//! `yusuan import`: published disclosures (PDF, text exports) to JSON documents, with an
//! import report.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use yusuan::import::{self, Imported};

use super::progress::Progress;
use yusuan::load::{Listing, Origin};
use yusuan::output::eprint_line;
use yusuan::text::sanitize;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// PDF files, text exports (*.txt) or directories holding them. Files of one disclosure (the same folder,
    /// department and year, e.g. 公开文件.pdf + 公开表格.pdf) become one document.
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,

    /// Where to write the JSON documents (default: the current directory).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Print the JSON to stdout instead of writing files (one document only).
    #[arg(long)]
    pub stdout: bool,

    /// Print only the summary line of each report.
    #[arg(short, long)]
    pub quiet: bool,

    /// Import this many files at a time (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

/// Runs the command; returns the exit status (0 imported, 2 when a file could not be).
pub fn run(args: &ImportArgs) -> u8 {
    // The same listing every command uses: each folder's PDFs together, JSON files beside
    // them passed over (a PATH named explicitly must be a PDF).
    let listing = yusuan::load::enumerate(&args.paths);
    let mut failed = 0;
    for e in &listing.errors {
        failed += 1;
        eprint_line(&format!("error: {e}"));
    }
    let mut folders: Vec<&[PathBuf]> = Vec::new();
    for source in &listing.sources {
        match &source.origin {
            Origin::Published(pdfs) => folders.push(pdfs),
            Origin::File(path) if args.paths.contains(path) => {
                failed += 1;
                eprint_line(&format!(
                    "error: {}: not a PDF or text export; yusuan import reads published disclosures (*.pdf, *.txt)",
                    source.file
                ));
            }
            Origin::File(_) | Origin::Embedded(_) => {}
        }
    }
    if folders.is_empty() && failed == 0 {
        eprint_line(&format!(
            "error: no PDF or text files found in {}",
            shown(&args.paths)
        ));
        return 2;
    }
    // Two disclosures in different folders may share a stem: neither overwrites the other.
    // Documents already in the output directory are replaced, as a re-import should.
    let mut names = Listing::default().id_settler();
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !args.stdout
        && let Err(e) = std::fs::create_dir_all(&out_dir)
    {
        eprint_line(&format!(
            "error: {}: cannot create the output directory: {e}",
            out_dir.display()
        ));
        return 2;
    }
    if let Some(jobs) = args.jobs {
        yusuan::parallel::limit_jobs(jobs.into());
    }
    let jobs = yusuan::parallel::default_jobs();
    let files: usize = folders.iter().map(|f| f.len()).sum();
    let mut progress = Progress::new("imported", files);
    // --stdout prints one document: it is held until all are known to be one.
    let mut held: Vec<Imported> = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for folder in folders {
        import::import_files_each(
            folder,
            jobs,
            import::MAX_PAGES_HELD,
            |result| match result {
                Err(e) => {
                    progress.step();
                    progress.clear();
                    failed += 1;
                    eprint_line(&format!("error: {e}"));
                }
                Ok(imported) if args.stdout => {
                    for _ in &imported.files {
                        progress.step();
                    }
                    held.push(imported)
                }
                Ok(imported) => {
                    for _ in &imported.files {
                        progress.step();
                    }
                    progress.clear();
                    let target = out_dir.join(format!("{}.json", names.settle_id(&imported.id)));
                    match json(&imported).and_then(|json| {
                        write_atomically(&target, json.as_bytes())
                            .map_err(|e| format!("{}: cannot write: {e}", target.display()))
                    }) {
                        Ok(()) => print_report(&imported, Some(&target), args.quiet, &mut stdout),
                        Err(e) => {
                            failed += 1;
                            eprint_line(&format!("error: {e}"));
                        }
                    }
                }
            },
        );
    }
    progress.clear();
    if held.len() > 1 {
        eprint_line(&format!(
            "error: --stdout prints one document; these files make {}",
            held.len()
        ));
        return 2;
    }
    for imported in held {
        match json(&imported) {
            Ok(json) => {
                let _ = writeln!(stdout, "{}", yusuan::output::escape_json(&json));
                print_report(&imported, None, args.quiet, &mut std::io::stderr().lock());
            }
            Err(e) => {
                failed += 1;
                eprint_line(&format!("error: {e}"));
            }
        }
    }
    if failed > 0 { 2 } else { 0 }
}

/// The document as pretty JSON, or why it cannot be written.
fn json(imported: &Imported) -> Result<String, String> {
    serde_json::to_string_pretty(&imported.document)
        .map_err(|e| format!("{}: cannot write JSON: {e}", imported.files.join(" + ")))
}

fn shown(paths: &[PathBuf]) -> String {
    sanitize(
        &paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    )
    .into_owned()
}

fn print_report(imported: &Imported, target: Option<&Path>, quiet: bool, out: &mut dyn Write) {
    let r = &imported.report;
    let to = target
        .map(|t| format!(" → {}", t.display()))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        sanitize(&format!(
            "imported {}{to}: {} {}, {} tables, {} sections, {} import warnings",
            imported.files.join(" + "),
            imported.document.department.name,
            imported.document.year,
            r.tables.len(),
            r.sections,
            r.warnings()
        ))
    );
    if !quiet {
        for line in r.to_string().lines() {
            let _ = writeln!(out, "  {}", sanitize(line));
        }
    }
}

/// Writes via a temporary file and a rename, so a reader never sees half a document.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = target.with_extension(format!("json.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
