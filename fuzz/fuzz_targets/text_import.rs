//! Fuzz target: the text-export importer from bytes to a document — decoding, tab and spaced
//! lines, the table finder, placement by the sums, targets, narrative and metadata. No input
//! may panic or hang; an imported document must serialize.
#![cfg_attr(fuzzing, no_main)]

use yusuan::import::text_export;

pub fn run(data: &[u8]) {
    let Ok(text) = text_export::decode(data) else {
        return;
    };
    let pages = text_export::pages(&text, 0);
    yusuan_fuzz::check_import(&pages, "fuzz.txt");
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("text_import", run);
}
