//! `yusuan import`: published disclosures (PDF) to JSON documents, with an import report.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use yusuan::import::{self, Imported};
use yusuan::text::sanitize;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// PDF files or directories holding them. Files of one disclosure (the same folder,
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
}

/// Runs the command; returns the exit status (0 imported, 2 when a file could not be).
pub fn run(args: &ImportArgs) -> u8 {
    let (pdfs, mut failed) = collect(&args.paths);
    let results = import::import_pdfs(&pdfs);
    if pdfs.is_empty() && failed == 0 {
        eprintln!("error: no PDF files found in {}", shown(&args.paths));
        return 2;
    }
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !args.stdout
        && let Err(e) = std::fs::create_dir_all(&out_dir)
    {
        eprintln!(
            "error: {}: cannot create the output directory: {e}",
            sanitize(&out_dir.display().to_string())
        );
        return 2;
    }
    let documents = results.iter().filter(|r| r.is_ok()).count();
    if args.stdout && documents > 1 {
        eprintln!("error: --stdout prints one document; these files make {documents}");
        return 2;
    }
    let mut stdout = std::io::stdout().lock();
    for result in results {
        match result {
            Err(e) => {
                failed += 1;
                eprintln!("error: {}", sanitize(&e.to_string()));
            }
            Ok(imported) => {
                let json = match serde_json::to_string_pretty(&imported.document) {
                    Ok(j) => j,
                    Err(e) => {
                        failed += 1;
                        eprintln!(
                            "error: {}: cannot write JSON: {e}",
                            sanitize(&imported.files.join(" + "))
                        );
                        continue;
                    }
                };
                if args.stdout {
                    let _ = writeln!(stdout, "{json}");
                    print_report(&imported, None, args.quiet, &mut std::io::stderr().lock());
                } else {
                    let target = out_dir.join(format!("{}.json", imported.id));
                    if let Err(e) = write_atomically(&target, json.as_bytes()) {
                        failed += 1;
                        eprintln!(
                            "error: {}: cannot write: {e}",
                            sanitize(&target.display().to_string())
                        );
                        continue;
                    }
                    print_report(&imported, Some(&target), args.quiet, &mut stdout);
                }
            }
        }
    }
    if failed > 0 { 2 } else { 0 }
}

/// PDFs named or found in directories (recursively, in name order), and the count of paths
/// that could not be read (reported here).
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let mut out = Vec::new();
    let mut failed = 0;
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, 0, &mut out),
            Ok(_) => out.push(p.clone()),
            Err(e) => {
                failed += 1;
                eprintln!(
                    "error: {}: cannot read: {e}",
                    sanitize(&p.display().to_string())
                );
            }
        }
    }
    (out, failed)
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, depth + 1, out),
            Ok(_) if is_pdf(&p) => out.push(p),
            _ => {}
        }
    }
}

pub fn is_pdf(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
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
