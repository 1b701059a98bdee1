//! A control-character payload, and documents carrying it in every string field that accepts
//! it (for the output-boundary tests).

use std::collections::BTreeMap;

use serde_json::Value;
use yusuan::load::parse_document;

/// OSC 52 (set the clipboard), a screen clear, CSI in its C1 form, a bidi override, a
/// zero-width space, NEL, CR/LF/TAB, a line separator and a BOM.
pub const PAYLOAD: &str =
    "\u{1b}]52;c;UFdORUQ=\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{200b}\u{85}\r\n\t\u{2028}\u{feff}\u{7f}";

pub const SAMPLES: [&str; 2] = [
    include_str!("../../sample-data/003-hebei-district.json"),
    include_str!("../../sample-data/000-sanmenxia.json"),
];

/// Every string leaf of `v` as (JSON pointer, schema path without indices).
pub fn leaves(v: &Value, pointer: String, schema: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(_) => out.push((pointer, schema)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, format!("{pointer}/{i}"), format!("{schema}[]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                leaves(item, format!("{pointer}/{k}"), format!("{schema}.{k}"), out);
            }
        }
        _ => {}
    }
}

pub fn inject(doc: &mut Value, pointer: &str) {
    if let Some(Value::String(s)) = doc.pointer_mut(pointer) {
        s.push_str(PAYLOAD);
    }
}

pub fn loads(doc: &Value) -> bool {
    parse_document("x.json", serde_json::to_string(doc).unwrap().as_bytes()).is_ok()
}

/// The payload in every field that accepts it (and the schema paths that reject it).
pub fn poisoned(sample: &str) -> (Value, Vec<(String, String)>) {
    let mut doc: Value = serde_json::from_str(sample).unwrap();
    let mut all = Vec::new();
    leaves(&doc, String::new(), String::new(), &mut all);
    let mut by_schema: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (pointer, schema) in all {
        by_schema.entry(schema).or_default().push(pointer);
    }
    let mut rejected = Vec::new();
    for (schema, pointers) in &by_schema {
        let mut trial = doc.clone();
        for p in pointers {
            inject(&mut trial, p);
        }
        if loads(&trial) {
            doc = trial;
        } else {
            rejected.push((schema.clone(), pointers[0].clone()));
        }
    }
    assert!(loads(&doc));
    (doc, rejected)
}
