//! The PDF importer's speed and memory on real disclosures (`../shared/corpus/pdf`, or
//! `$YUSUAN_CORPUS/pdf`): pages per second of CPU time on one core, best of five, and the
//! process's peak RSS. `cargo bench --bench import`.

use std::path::{Path, PathBuf};
use std::time::Duration;

fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime failed");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Peak RSS of this process image in KiB: `VmHWM`, not `getrusage`, whose maximum survives
/// `execve` and would report cargo's own memory under `cargo bench`.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let dir = std::env::var_os("YUSUAN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
        .join("pdf");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (set YUSUAN_CORPUS)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| yusuan::load::is_pdf(p))
        .collect();
    paths.sort();
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let import = |jobs: usize| {
        let mut results = Vec::new();
        yusuan::import::import_files_each(&paths, jobs, yusuan::import::MAX_PAGES_HELD, |r| {
            results.push(r)
        });
        results
    };
    // One core: the thread's own CPU time, everything run on it.
    let mut best = Duration::MAX;
    let mut pages = 0;
    for _ in 0..5 {
        let start = thread_cpu();
        let results = import(1);
        best = best.min(thread_cpu() - start);
        pages = results
            .iter()
            .flatten()
            .map(|i| i.report.pages)
            .sum::<usize>();
        std::hint::black_box(results);
    }
    // Every core: wall time.
    let jobs = yusuan::parallel::default_jobs();
    let mut best_wall = Duration::MAX;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        std::hint::black_box(import(jobs));
        best_wall = best_wall.min(start.elapsed());
    }
    println!(
        "import: {} PDFs, {pages} pages, {:.1} MB: one core best of 5 {:.3} s CPU, {:.0} pages/s, {:.1} ms/page; \
         {jobs} threads best of 5 {:.3} s wall, {:.0} pages/s; peak RSS {:.1} MiB",
        paths.len(),
        bytes as f64 / 1e6,
        best.as_secs_f64(),
        pages as f64 / best.as_secs_f64(),
        best.as_secs_f64() * 1000.0 / pages.max(1) as f64,
        best_wall.as_secs_f64(),
        pages as f64 / best_wall.as_secs_f64(),
        peak_rss_kib() as f64 / 1024.0
    );
}
