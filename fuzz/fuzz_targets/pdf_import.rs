//! Fuzz target: the PDF importer from bytes to a document — the PDF reader, lines and rules,
//! tables, narrative and metadata — the path every published file takes. No input may panic
//! or hang; an imported document must serialize.
#![cfg_attr(fuzzing, no_main)]

use yusuan::import::{layout::Page, pdf};

pub fn run(data: &[u8]) {
    let Ok((raw, _failed)) = pdf::read(data) else {
        return;
    };
    let pages: Vec<Page> = raw.into_iter().map(|p| Page::from_pdf(0, p)).collect();
    yusuan_fuzz::check_import(&pages, "fuzz.pdf");
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("pdf_import", run);
}
