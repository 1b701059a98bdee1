//! Fuzz target: the indicator-value parser (指标值: `≥90%`, `≤270元/人/天`, `1-2个`,
//! `2026年12月底前`), directly and through deserialization.
#![cfg_attr(fuzzing, no_main)]

use yusuan::model::indicator_value::{IndicatorValue, parse};

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Parsing never panics; what it returns can be shown.
    if let Some(parsed) = parse(text) {
        let _ = format!("{parsed:?}");
    }
    let json = serde_json::to_string(text).expect("a str serializes");
    let value: IndicatorValue = serde_json::from_str(&json).expect("any string is a value");
    assert_eq!(serde_json::to_string(&value).expect("serializes"), json);
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("indicator_value", run);
}
