//! Valid but extreme documents: every part of the library must handle them without panicking.

use yusuan::audit::{Config, audit_document};
use yusuan::load::{Loaded, parse_document};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn loaded(text: &str) -> Loaded {
    let doc = parse_document("x.json", text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    Loaded {
        file: "x.json".into(),
        id: "x".into(),
        bytes: text.len(),
        doc,
        import: None,
    }
}

/// Audits, builds the tree and renders every node's details.
fn exercise(text: &str) -> usize {
    let l = loaded(text);
    let findings = audit_document(&l, &Config::default());
    let root = yusuan::tree::build(&l);
    for node in root.walk() {
        let detail = yusuan::detail::detail(&l, node);
        serde_json::to_string(&detail).unwrap();
    }
    findings.len()
}

#[test]
fn largest_amounts_in_yuan_and_wan_yuan_do_not_overflow() {
    let max = "999,999,999,999,999.999999";
    let mut text = MINIMAL.to_string();
    for a in [
        "\"100.00\"",
        "\"60.00\"",
        "\"40.00\"",
        "\"70.00\"",
        "\"30.00\"",
    ] {
        text = text.replace(a, &format!("\"{max}\""));
    }
    text = text.replacen("\"unit\": \"万元\"", "\"unit\": \"元\"", 1);
    text = text.replace("\"money_unit\": \"万元\"", "\"money_unit\": \"元\"");
    text = text.replace("≥10次", "≤999999999999999999万元");
    exercise(&text);
}

#[test]
fn negative_and_zero_amounts_and_empty_tables() {
    let text = MINIMAL
        .replace("\"60.00\"", "\"-60.00\"")
        .replace("\"40.00\"", "\"0\"");
    assert!(
        exercise(&text) > 0,
        "a negative unit amount breaks the unit sums"
    );
    let empty = MINIMAL.replace(
        "\"rows\": [\n        { \"role\": \"total\", \"label\": \"合计\", \"amounts\": [\"100.00\", \"70.00\", \"30.00\"] },",
        "\"rows\": [",
    );
    exercise(&empty);
}

#[test]
fn rows_with_fewer_cells_and_odd_codes() {
    let text = MINIMAL
        .replace(
            "\"amounts\": [\"70.00\", \"70.00\", null]",
            "\"amounts\": []",
        )
        .replace("\"func\": \"2060702\"", "\"func\": \"999\"");
    exercise(&text);
}

#[test]
fn narrative_with_huge_numbers_and_odd_text() {
    let text = MINIMAL.replace(
        "示例市科学技术局2025年收入总计100.00万元，支出总计100.00万元。",
        "收入总计99999999999999999999999999999万元，比上年增加99999999999999999999万元，增长1%。占100%。\\u001b[31m基本支出 1 万元，占 %；比上年减少 100 万元，下降 100%。",
    );
    exercise(&text);
}
