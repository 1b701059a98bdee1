//! Search ranks like a person expects: on the embedded sample, each query of a set lists first
//! the entry a person would pick. A contiguous match, a match at a word or character start and
//! a shorter name rank above letters scattered over a long name, for Chinese text, full pinyin
//! and initials alike.

use yusuan::search::{Index, corpus_index};

fn index() -> Index {
    let corpus = yusuan::load::load_embedded();
    let trees: Vec<_> = corpus.documents.iter().map(yusuan::tree::build).collect();
    corpus_index(&corpus, &trees)
}

fn top(ix: &Index, q: &str, n: usize) -> Vec<String> {
    ix.search(q, n)
        .1
        .iter()
        .map(|h| ix.entry(h.entry).text.clone())
        .collect()
}

/// Query → the text a person expects listed first.
const FIRST: &[(&str, &str)] = &[
    // Full pinyin: the contiguous 奖励 beats letters strewn over 工业行业管理与服务经费-…
    ("jiangli", "30309 奖励金"),
    ("奖励", "30309 奖励金"),
    ("kjjl", "2069901 科技奖励"),
    ("kejijiangli", "2069901 科技奖励"),
    ("kejjl", "2069901 科技奖励"),
    ("xzyx", "2060101 行政运行"),
    ("xingzhengyunxing", "2060101 行政运行"),
    ("行政运行", "2060101 行政运行"),
    ("kp", "科普活动"),
    ("kepu", "科普活动"),
    ("gwjd", "30217 公务接待费"),
    ("公务接待", "30217 公务接待费"),
    ("zfcg", "政府采购执行率"),
    ("shbz", "30305 生活补助"),
    // Codes and amounts.
    ("2060101", "2060101 行政运行"),
    ("301", "301 工资福利支出"),
    ("379.69", "379.69"),
    ("1758.18", "1,758.18"),
    ("1,758.18", "1,758.18"),
];

#[test]
fn each_query_lists_first_what_a_person_expects() {
    let ix = index();
    let mut wrong = Vec::new();
    for (q, want) in FIRST {
        let got = top(&ix, q, 5);
        if got.first().map(String::as_str) != Some(*want) {
            wrong.push(format!("{q}: expected {want} first, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_scattered_subsequence_ranks_below_contiguous_matches() {
    let ix = index();
    let got = top(&ix, "jiangli", 20);
    let scattered = got
        .iter()
        .position(|t| t.starts_with("工业行业管理与服务经费"))
        .unwrap_or(usize::MAX);
    let contiguous = got.iter().position(|t| t.contains("奖励")).unwrap();
    assert!(contiguous < scattered, "{got:?}");
    // Every one of the first five holds 奖励 as typed.
    assert!(got[..5].iter().all(|t| t.contains("奖励")), "{got:?}");
}

#[test]
fn amounts_lead_to_the_node_that_prints_them() {
    let ix = index();
    let (_, hits) = ix.search("379.69", 5);
    let e = ix.entry(hits[0].entry);
    assert_eq!(&*e.node, "000-sanmenxia/func/2060101");
    assert!(e.context.starts_with("2060101 行政运行"), "{}", e.context);
}

#[test]
#[ignore]
fn print_rankings() {
    let ix = index();
    for q in std::env::var("Q").unwrap_or_default().split(',') {
        println!("{q}: {:?}", top(&ix, q, 8));
    }
}
