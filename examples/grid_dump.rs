//! Prints the grids the table finder sees in a PDF or a text export, header lines and rows
//! cell by cell — a development aid for the importer:
//! `cargo run --example grid_dump -- FILE [TITLE-FILTER]`.

use yusuan::import::{grid, layout::Page, pdf, text_export};
use yusuan::text::sanitize;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: grid_dump FILE [TITLE-FILTER]");
        std::process::exit(2);
    };
    let filter = args.next().unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let pages: Vec<Page> = if path.ends_with(".txt") {
        let text = text_export::decode(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        text_export::pages(&text, 0)
    } else {
        let (raw, _) = pdf::read(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        raw.into_iter().map(|p| Page::from_pdf(0, p)).collect()
    };
    let (grids, _) = grid::find(&pages);
    for g in grids.iter().filter(|g| g.title.contains(&filter)) {
        println!(
            "== {} p{}-{} cols {}",
            sanitize(&g.title),
            g.first_page,
            g.last_page,
            g.columns.len()
        );
        for (i, c) in g.columns.iter().enumerate() {
            println!("  col {i}: {}", sanitize(&format!("{:?}", c.header)));
        }
        for (kind, rows) in [("H", &g.header_rows), ("R", &g.rows)] {
            for r in rows {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| c.as_ref().map_or(String::new(), |c| c.text.clone()))
                    .collect();
                println!("  {kind} p{} {}", r.page, sanitize(&format!("{cells:?}")));
            }
        }
    }
}
