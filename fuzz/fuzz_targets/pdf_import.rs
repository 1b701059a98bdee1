//! Fuzz target: the PDF importer from bytes to a document — the PDF reader, lines and rules,
//! tables, narrative and metadata — the path every published file takes. No input may panic
//! or hang; an imported document must serialize.
#![cfg_attr(fuzzing, no_main)]

use yusuan::import::{build_document, layout::Page, pdf};

pub fn run(data: &[u8]) {
    let Ok((raw, _failed)) = pdf::read(data) else {
        return;
    };
    let pages: Vec<Page> = raw.into_iter().map(|p| Page::from_pdf(0, p)).collect();
    let (document, report) = build_document(&pages, &["fuzz.pdf".to_string()], Vec::new());
    assert_eq!(report.pages, pages.len());
    serde_json::to_string(&document).expect("an imported document serializes");
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("pdf_import", run);
}
