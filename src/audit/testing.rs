//! Builders for rule unit tests: a document from a few tables written as JSON.

use crate::audit::{Config, Context, Finding, Rule};
use crate::model::Document;

/// A document with the given `tables` JSON array and optional extra top-level fields.
pub fn doc(tables: &str, extra: &str) -> Document {
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(",{extra}")
    };
    let text = format!(
        r#"{{"format_version":1,"source_file":"t","title":"t","year":2025,
            "region":{{"province":"河南省","level":"city"}},
            "department":{{"name":"测试局","code":"900"}},
            "units":[{{"code":"900001","name":"测试局机关"}},{{"code":"900002","name":"测试中心"}}],
            "tables":{tables}{extra}}}"#
    );
    crate::load::parse_document("test.json", text.as_bytes())
        .unwrap_or_else(|e| panic!("test document does not load: {e:?}"))
}

/// Runs one rule on `doc` with the default configuration.
pub fn run(rule: &dyn Rule, doc: &Document) -> Vec<Finding> {
    let config = Config::default();
    let cx = Context::new("test", doc, &config);
    let mut out = Vec::new();
    rule.check(&cx, &mut out);
    out
}

/// A one-table document with columns `keys` and rows `(role-or-code, label, amounts)`.
pub fn table(kind: &str, keys: &[&str], rows: &[&str]) -> String {
    let columns: Vec<String> = keys
        .iter()
        .map(|k| format!(r#"{{"key":"{k}","header":["{k}"]}}"#))
        .collect();
    format!(
        r#"{{"id":"t01","kind":"{kind}","title":"表","unit":"万元","columns":[{}],"rows":[{}]}}"#,
        columns.join(","),
        rows.join(",")
    )
}
