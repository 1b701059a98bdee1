//! Writes a corpus of N documents generated from the five embedded samples, for benchmarks.
//!
//! `cargo run --release --example gen_corpus -- DIR N` writes `DIR/NN/IIIII-SAMPLE.json`
//! (1,000 files a folder). Each document differs from its sample: the place name (the city or
//! district, everywhere it is written), the department and unit codes, and every amount, which
//! is multiplied by a whole factor 1–4 in the tables and the narrative alike (see
//! `benches/support/generate.rs`).

use std::path::Path;

#[path = "../benches/support/generate.rs"]
mod generator;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: gen_corpus DIR N");
        std::process::exit(2);
    };
    match generator::write_corpus(Path::new(dir), n) {
        Ok(bytes) => eprintln!("wrote {n} documents, {bytes} bytes, to {dir}"),
        Err(err) => {
            eprintln!("error: {dir}: {err}");
            std::process::exit(1);
        }
    }
}
