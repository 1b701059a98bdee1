//! Generates benchmark documents from the five embedded samples (shared by the `gen_corpus`
//! example and the `corpus` benchmark).
//!
//! Document `i` is sample `i % 5` with three things changed so no two documents are the same:
//! the place name (city or district) wherever it is written, the department code and the unit
//! codes built on it, and every amount — multiplied by a whole factor 1–4 in the tables, the
//! performance targets and the narrative alike. Exact sums, shares and growth rates still hold,
//! so the audit does the same work as on the samples; a printed rounding residue (0.01) is
//! multiplied too and can exceed the tolerance, so scaled documents carry a few more findings.

#![allow(dead_code)]

use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value;
use yusuan::load::embedded_samples;
use yusuan::model::Amount;
use yusuan::model::amount::group_thousands;

/// Syllables of generated place names: 22³ names before one repeats.
const SYLLABLES: &[&str] = &[
    "东", "西", "南", "北", "安", "平", "宁", "和", "新", "长", "泰", "兴", "丰", "临", "清", "阳",
    "山", "河", "林", "川", "原", "江",
];

static TEXT_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?(\s*万元)").expect("valid regex"));

/// The name of the place of document `i`, unique up to 10,648 documents.
pub fn place_name(i: usize, suffix: char) -> String {
    let n = SYLLABLES.len();
    format!(
        "{}{}{}{suffix}",
        SYLLABLES[i % n],
        SYLLABLES[(i / n) % n],
        SYLLABLES[(i / n / n) % n]
    )
}

/// The file stem and JSON text of document `i`.
pub fn document(i: usize) -> (String, String) {
    let samples = embedded_samples();
    let (name, text) = samples[i % samples.len()];
    let stem = name.trim_end_matches(".json");
    let mut value: Value = serde_json::from_str(text).expect("embedded samples are JSON");
    let factor = Decimal::from(1 + (i / samples.len()) % 4);
    let place = most_specific_place(&value);
    let new_place = place
        .as_deref()
        .map(|p| place_name(i, p.chars().last().unwrap_or('市')));
    let old_code = value["department"]["code"].as_str().map(str::to_string);
    let new_code = format!("{:03}", 100 + i % 900);
    if old_code.is_some() {
        value["department"]["code"] = Value::String(new_code.clone());
    }
    let edit = Edit {
        factor,
        place: place.zip(new_place),
        code: old_code.map(|c| (c, new_code)),
    };
    edit.value(&mut value, false);
    let text = serde_json::to_string_pretty(&value).expect("a Value serializes");
    (format!("{i:05}-{stem}"), text)
}

fn most_specific_place(doc: &Value) -> Option<String> {
    let region = &doc["region"];
    region["district"]
        .as_str()
        .or(region["city"].as_str())
        .map(str::to_string)
}

struct Edit {
    factor: Decimal,
    /// Old and new place name.
    place: Option<(String, String)>,
    /// Old and new department code: unit codes that start with it are renumbered.
    code: Option<(String, String)>,
}

impl Edit {
    fn value(&self, value: &mut Value, amount: bool) {
        match value {
            Value::String(s) => *s = self.string(s, amount),
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v, amount)),
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let amount = matches!(key.as_str(), "amounts" | "amount" | "total");
                    self.value(v, amount);
                }
            }
            _ => {}
        }
    }

    fn string(&self, s: &str, amount: bool) -> String {
        if amount && let Ok(a) = s.parse::<Amount>() {
            return self.amount(a.0, s.contains(','));
        }
        if let Some((old, new)) = &self.code
            && s.len() == 6
            && s.bytes().all(|b| b.is_ascii_digit())
            && let Some(rest) = s.strip_prefix(old.as_str())
        {
            return format!("{new}{rest}");
        }
        let mut text = match &self.place {
            Some((old, new)) => s.replace(old.as_str(), new),
            None => s.to_string(),
        };
        if self.factor != Decimal::ONE && text.contains("万元") {
            text = TEXT_AMOUNT
                .replace_all(&text, |c: &regex::Captures| {
                    let whole = &c[0];
                    let number = &whole[..whole.len() - c[1].len()];
                    match number.parse::<Amount>() {
                        Ok(a) => format!("{}{}", self.amount(a.0, number.contains(',')), &c[1]),
                        Err(_) => whole.to_string(),
                    }
                })
                .into_owned();
        }
        text
    }

    fn amount(&self, value: Decimal, grouped: bool) -> String {
        let scaled = value * self.factor;
        if grouped {
            group_thousands(scaled)
        } else {
            scaled.to_string()
        }
    }
}

/// Where document `i` is written under `dir`: 1,000 files a folder.
pub fn path_of(dir: &Path, i: usize, stem: &str) -> PathBuf {
    dir.join(format!("{:02}", i / 1000))
        .join(format!("{stem}.json"))
}

/// Writes documents `0..n` under `dir`; returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize) -> io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let (stem, text) = document(i);
        let path = path_of(dir, i, &stem);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

/// The generated corpus of `n` documents under `target/bench-corpus-N`, written on first use
/// and shared by the benches.
#[allow(dead_code, reason = "each bench uses part of this module")]
pub fn cached_corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-corpus-{n}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating {n} documents in {} …", dir.display());
        write_corpus(&dir, n).expect("corpus written");
        std::fs::write(&done, b"").expect("marker written");
    }
    dir
}
