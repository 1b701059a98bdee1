//! Per-keystroke search cost on 100,000 generated projects, and on the explorer's own index of
//! a generated corpus (1,000 documents; `YUSUAN_BENCH_DOCS=10000` for more, the corpus made
//! from the samples as for `cargo bench --bench corpus`, under `target/bench-corpus-N`).
//!
//! `cargo bench --bench search` reports, for each keystroke of `kjjl` typed into the search
//! box, the time to produce the ranked results: the first keystroke scans every entry, the
//! next ones re-examine only the previous matches. `full/*` is the worst case of a keystroke
//! that cannot narrow (after Backspace or a paste): a scan of every entry with the whole query.
//! The budget is one frame, 16 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;
use yusuan::search::{Entry, EntryKind, Index, Searcher};

#[path = "support/generate.rs"]
mod generate;

fn corpus_dir(n: usize) -> PathBuf {
    generate::cached_corpus(n)
}

/// The explorer's index of the generated corpus, as it builds it (trees, then entries).
fn corpus_index() -> Index {
    let n: usize = std::env::var("YUSUAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let corpus = yusuan::load::load_paths(&[corpus_dir(n)]);
    let started = Instant::now();
    let trees: Vec<_> = corpus.documents.iter().map(yusuan::tree::build).collect();
    let index = yusuan::search::corpus_index(&corpus, &trees);
    eprintln!(
        "corpus index: {n} documents, {} entries, trees and index built in {:.2} s",
        index.len(),
        started.elapsed().as_secs_f64()
    );
    index
}

const WORDS: &[&str] = &[
    "科技",
    "奖励",
    "专项",
    "资金",
    "管理",
    "运行",
    "经费",
    "项目",
    "建设",
    "研发",
    "平台",
    "补助",
    "人才",
    "引进",
    "创新",
    "服务",
    "中心",
    "调整",
    "银行",
    "重庆",
    "行政",
    "信息化",
    "知识产权",
    "科普",
    "活动",
    "技术",
    "交流",
    "合作",
    "招商",
    "引资",
    "成果",
    "转化",
    "实验室",
    "检测",
    "设备",
    "购置",
    "维护",
    "培训",
    "宣传",
    "统计",
    "调查",
    "规划",
    "编制",
    "课题",
    "研究",
];

/// 100,000 project names such as `科技创新平台建设专项资金0042`, deterministic.
pub fn projects(n: usize) -> Vec<Entry> {
    let mut state: u64 = 0x2025_0001;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..n)
        .map(|i| {
            let words = 3 + next() % 4;
            let mut text: String = (0..words).map(|_| WORDS[next() % WORDS.len()]).collect();
            text.push_str(&format!("{:04}", i % 10_000));
            Entry {
                text,
                kind: EntryKind::Project,
                doc: 0,
                node: format!("doc/projects/u/t/{i}").into(),
                context: "".into(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    keystrokes(c, "keystroke", &Index::with_entries(projects(100_000)));
    keystrokes(c, "corpus", &corpus_index());
}

/// Each keystroke of a query typed into the search box, and queries that cannot narrow.
fn keystrokes(c: &mut Criterion, name: &str, index: &Index) {
    let typed = ["k", "kj", "kjj", "kjjl"];
    let mut group = c.benchmark_group(name);
    for (i, q) in typed.iter().enumerate() {
        group.bench_function(format!("typed/{q}"), |b| {
            b.iter_batched(
                || {
                    // The searcher as it is when this key is pressed: previous prefix searched.
                    let mut s = Searcher::new();
                    for p in &typed[..i] {
                        s.search(index, p, 500);
                    }
                    s
                },
                |mut s| black_box(s.search(index, q, 500)),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    for q in ["kjjl", "kejijiangli", "科技奖励", "tz", "yh", "cq", "zxzj"] {
        group.bench_function(format!("full/{q}"), |b| {
            b.iter(|| black_box(index.search(q, 500)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
