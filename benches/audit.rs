//! Audit throughput on a corpus of 1,000 documents generated from the five samples.
//!
//! `cargo bench --bench audit` prints time per corpus and bytes per second; documents per second
//! is 1,000 divided by the time. Two measurements: parsing and validating plus auditing, and
//! auditing an already loaded corpus.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use yusuan::audit::{Config, audit_corpus};
use yusuan::load::{Corpus, Loaded, embedded_samples, parse_document};

const DOCUMENTS: usize = 1_000;

/// The samples repeated to `DOCUMENTS` files, each under its own name.
fn files() -> Vec<(String, &'static str)> {
    let samples = embedded_samples();
    (0..DOCUMENTS)
        .map(|i| {
            let (name, text) = samples[i % samples.len()];
            (format!("{i:04}-{name}"), text)
        })
        .collect()
}

fn load(files: &[(String, &str)]) -> Corpus {
    let mut corpus = Corpus::default();
    for (name, text) in files {
        let doc = parse_document(name, text.as_bytes()).expect("samples load");
        corpus.documents.push(Loaded {
            file: name.clone(),
            id: name.trim_end_matches(".json").to_string(),
            bytes: text.len(),
            doc,
        });
    }
    corpus
}

fn bench(c: &mut Criterion) {
    let files = files();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let config = Config::default();
    let mut group = c.benchmark_group("audit_1000_documents");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_and_audit", |b| {
        b.iter(|| {
            let corpus = load(&files);
            audit_corpus(&corpus, &config).len()
        })
    });
    let corpus = load(&files);
    group.bench_function("audit_only", |b| {
        b.iter(|| audit_corpus(&corpus, &config).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
