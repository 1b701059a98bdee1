//! Audit throughput on a generated corpus against a parse-only floor, and the audit's peak
//! memory, in one run.
//!
//! `cargo bench --bench corpus` (1,000 documents; `YUSUAN_BENCH_DOCS=10000` for more). The
//! corpus is generated from the samples (`benches/support/generate.rs`) under
//! `target/bench-corpus-N` once and reused. It prints:
//! - one core, in process: reading and parsing every file with serde_json into the model (the
//!   floor), then `audit_source` (read, parse, validate, audit) on the same files; the ratio;
//! - `yusuan audit --format jsonl` as a child process with `-j 1` and on all cores, and the
//!   text report on all cores: wall time, CPU time, documents per second and peak RSS.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/generate.rs"]
mod generate;

use yusuan::audit::Config;
use yusuan::audit::stream::audit_source;
use yusuan::model::Document;

const ROUNDS: usize = 3;

fn main() {
    let n: usize = std::env::var("YUSUAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let dir = corpus_dir(n);
    let listing = yusuan::load::enumerate(std::slice::from_ref(&dir));
    assert_eq!(listing.sources.len(), n, "corpus at {}", dir.display());
    let bytes: u64 = listing
        .sources
        .iter()
        .map(|s| std::fs::metadata(&s.file).map_or(0, |m| m.len()))
        .sum();
    println!(
        "corpus: {n} documents, {:.1} MiB, {}; {} cores",
        bytes as f64 / 1048576.0,
        dir.display(),
        yusuan::parallel::default_jobs()
    );

    let config = Config::default();
    let mut floor = Duration::MAX;
    let mut audit = Duration::MAX;
    let mut findings = 0;
    // CPU time of this thread, so other work on a shared machine does not count.
    for _ in 0..ROUNDS {
        let start = thread_cpu();
        for s in &listing.sources {
            let text = std::fs::read(&s.file).expect("corpus file");
            let doc: Document = serde_json::from_slice(&text).expect("corpus parses");
            std::hint::black_box(&doc);
        }
        floor = floor.min(thread_cpu() - start);
        let start = thread_cpu();
        findings = 0;
        for s in &listing.sources {
            let audited = audit_source(s, &config);
            assert!(
                audited.errors.is_empty(),
                "corpus loads: {:?}",
                audited.errors
            );
            findings += audited
                .audits
                .iter()
                .map(|a| a.findings.len())
                .sum::<usize>();
        }
        audit = audit.min(thread_cpu() - start);
    }
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!("one core, in process, CPU time (best of {ROUNDS}):");
    println!(
        "  parse only (serde_json)        {:>8.2} s  {:>7.0} documents/s  {:>6.1} MiB/s",
        floor.as_secs_f64(),
        rate(floor),
        bytes as f64 / 1048576.0 / floor.as_secs_f64()
    );
    println!(
        "  load + audit                   {:>8.2} s  {:>7.0} documents/s  {:>6.1} MiB/s  ({findings} findings)",
        audit.as_secs_f64(),
        rate(audit),
        bytes as f64 / 1048576.0 / audit.as_secs_f64()
    );
    println!(
        "  ratio to the parse floor       {:>8.2}",
        audit.as_secs_f64() / floor.as_secs_f64()
    );

    println!("yusuan audit as a child process:");
    for (label, args) in [
        ("--format jsonl -j 1", &["--format", "jsonl", "-j", "1"][..]),
        ("--format jsonl (all cores)", &["--format", "jsonl"][..]),
        ("text report (all cores)", &[][..]),
    ] {
        let run = child(&dir, args);
        println!(
            "  {label:<28} {:>8.2} s wall  {:>6.2} s CPU  {:>7.0} documents/s  peak RSS {:>6.1} MiB",
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            rate(run.wall),
            run.max_rss_kib as f64 / 1024.0
        );
    }
}

/// CPU time consumed by the calling thread.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime failed");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn corpus_dir(n: usize) -> PathBuf {
    generate::cached_corpus(n)
}

struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: i64,
}

/// Runs `yusuan audit DIR ARGS > /dev/null` and measures it with wait4.
// The child is reaped by wait4, which also gives its resource usage; Child::wait cannot.
#[allow(clippy::zombie_processes)]
fn child(dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("audit")
        .arg(dir)
        .args(args)
        .arg("--no-config")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("yusuan runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 gets a live child's pid and valid
    // pointers; the Child is not waited on elsewhere.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
        "yusuan audit failed: {status}"
    );
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss,
    }
}
