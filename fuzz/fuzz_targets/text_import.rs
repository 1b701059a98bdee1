//! Fuzz target: the text-export importer from bytes to a document — decoding, tab and spaced
//! lines, the table finder, placement by the sums, targets, narrative and metadata. No input
//! may panic or hang; an imported document must serialize.
#![cfg_attr(fuzzing, no_main)]

use yusuan::import::{build_document, text_export};

pub fn run(data: &[u8]) {
    let Ok(text) = text_export::decode(data) else {
        return;
    };
    let pages = text_export::pages(&text, 0);
    let (document, report) = build_document(&pages, &["fuzz.txt".to_string()], Vec::new());
    assert_eq!(report.pages, pages.len());
    serde_json::to_string(&document).expect("an imported document serializes");
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("text_import", run);
}
