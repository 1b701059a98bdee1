//! What the fuzz targets share: the stable-toolchain driver.
//!
//! Each target in `fuzz_targets/` is one file with a `run(&[u8])` that must never panic or
//! hang. Under cargo-fuzz (`--cfg fuzzing`) libFuzzer drives it; otherwise [`stable_main`]
//! does: it replays the seed corpus (`corpus/TARGET/`, plus files given as arguments) and,
//! with `--seconds N`, mutates the seeds at random for N seconds. Either way a panic aborts
//! with the input saved to `artifacts/TARGET/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The directory of this crate, where `corpus/` and `artifacts/` are.
fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed inputs of `target`, in name order.
pub fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = here().join("corpus").join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .filter_map(|e| Some((e.path(), std::fs::read(e.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A small, fixed xorshift generator: the mutation loop needs no crate and no randomness
/// source beyond a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Bytes that matter to the formats: JSON structure, digits and signs, CJK units and
/// operators, control characters.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"null",
    b"\\u0000",
    b"\\ud800",
    b"0",
    b"9",
    b".",
    b"-",
    b"%",
    b"1e999",
    b"99999999999999999999999999999",
    "万元".as_bytes(),
    "元".as_bytes(),
    "≥".as_bytes(),
    "≤".as_bytes(),
    "＞".as_bytes(),
    "增长".as_bytes(),
    "减少".as_bytes(),
    "占".as_bytes(),
    "。".as_bytes(),
    "，".as_bytes(),
    "年".as_bytes(),
    "月底前".as_bytes(),
    "\u{1b}[2J".as_bytes(),
    "\u{202e}".as_bytes(),
    b"\xff",
    b"\xef\xbb\xbf",
];

/// Changes `data` in one to four random ways.
pub fn mutate(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next_u64() as u8;
            }
            1 if !data.is_empty() => {
                let i = rng.below(data.len());
                let n = 1 + rng.below(16.min(data.len() - i));
                data.drain(i..i + n);
            }
            2 => {
                let i = rng.below(data.len() + 1);
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                data.splice(i..i, piece.iter().copied());
            }
            3 if !data.is_empty() => {
                // Repeat a slice: long runs and deep nesting.
                let i = rng.below(data.len());
                let n = 1 + rng.below(64.min(data.len() - i));
                let piece: Vec<u8> = data[i..i + n].to_vec();
                for _ in 0..1 + rng.below(8) {
                    data.splice(i..i, piece.iter().copied());
                }
            }
            4 if !corpus.is_empty() => {
                // Splice in part of another seed.
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let n = 1 + rng.below(256.min(other.len() - from));
                    let at = rng.below(data.len() + 1);
                    data.splice(at..at, other[from..from + n].iter().copied());
                }
            }
            5 if data.len() > 1 => {
                let i = rng.below(data.len());
                data.truncate(i);
            }
            _ => {
                let i = rng.below(data.len() + 1);
                data.insert(i, b"0123456789"[rng.below(10)]);
            }
        }
    }
    data.truncate(1 << 20);
}

/// Saves an input that made a target fail.
fn save_artifact(target: &str, data: &[u8]) -> PathBuf {
    let dir = here().join("artifacts").join(target);
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("crash-{:016x}", {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in data {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
        h
    }));
    let _ = std::fs::write(&path, data);
    path
}

fn run_one(target: &str, run: fn(&[u8]), data: &[u8]) {
    if std::panic::catch_unwind(|| run(data)).is_err() {
        let path = save_artifact(target, data);
        eprintln!("{target}: panic; input saved to {}", path.display());
        std::process::exit(1);
    }
}

/// The driver for a stable toolchain: `TARGET [--seconds N] [--seed S] [FILE]...`.
pub fn stable_main(target: &str, run: fn(&[u8])) {
    let mut args = std::env::args().skip(1);
    let mut seconds = 0u64;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(60),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            _ => files.push(PathBuf::from(a)),
        }
    }
    let mut inputs: Vec<Vec<u8>> = seeds(target).into_iter().map(|(_, d)| d).collect();
    for f in &files {
        match std::fs::read(f) {
            Ok(d) => inputs.push(d),
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    for d in &inputs {
        run_one(target, run, d);
    }
    println!("{target}: {} seed inputs ran clean", inputs.len());
    if seconds == 0 {
        return;
    }
    let mut rng = Rng::new(seed);
    let start = Instant::now();
    let limit = Duration::from_secs(seconds);
    let mut execs: u64 = 0;
    while start.elapsed() < limit {
        let mut data = if inputs.is_empty() {
            Vec::new()
        } else {
            inputs[rng.below(inputs.len())].clone()
        };
        mutate(&mut rng, &mut data, &inputs);
        run_one(target, run, &data);
        execs += 1;
    }
    println!(
        "{target}: {execs} mutated inputs in {} s ran clean (seed {seed})",
        start.elapsed().as_secs()
    );
}

/// What every importer target asserts of its pages: they become a document and a report
/// without a panic, the report counts them, and the document serializes.
pub fn check_import(pages: &[yusuan::import::layout::Page], name: &str) {
    let (document, report) = yusuan::import::build_document(pages, &[name.to_string()], Vec::new());
    assert_eq!(report.pages, pages.len());
    serde_json::to_string(&document).expect("an imported document serializes");
}
