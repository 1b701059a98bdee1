//! Fuzz target: the narrative scanner (sentences, tokens, claims of amounts, shares and
//! changes). The first two bytes choose the budget year; the rest is the section text.
#![cfg_attr(fuzzing, no_main)]

use yusuan::audit::narrative::{claims, sentences, tokens};
use yusuan::model::Section;

pub fn run(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let year = 2000 + u16::from_le_bytes([data[0], data[1]]) % 100;
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    for s in sentences(text) {
        assert!(text.contains(s), "a sentence is a part of the text");
        let _ = tokens(s, year);
    }
    let section: Section =
        serde_json::from_value(serde_json::json!({ "heading": "一、说明", "text": text }))
            .expect("a section from any text");
    let _ = claims(&section, year);
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("narrative", run);
}
