//! Prints the grids found in a PDF or text export (a development aid).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let filter = std::env::args().nth(2).unwrap_or_default();
    yusuan::import::dump_grids(std::path::Path::new(&path), &filter);
}
