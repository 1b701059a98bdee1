//! Fuzz target: the JSON loader, and everything that runs on what it accepts (validation,
//! the audit, the tree, node details, search, rendering to the terminal).
#![cfg_attr(fuzzing, no_main)]

use yusuan::load::{Loaded, parse_document};

pub fn run(data: &[u8]) {
    let Ok(doc) = parse_document("fuzz.json", data) else {
        return;
    };
    let loaded = Loaded {
        file: "fuzz.json".into(),
        id: "fuzz".into(),
        bytes: data.len(),
        doc,
        import: None,
    };
    let findings = yusuan::audit::audit_document(&loaded, &yusuan::audit::Config::default());
    for f in &findings {
        let _ = f.id();
        let _ = yusuan::output::for_terminal(&f.message);
    }
    let root = yusuan::tree::build(&loaded);
    for node in root.walk() {
        let detail = yusuan::detail::detail(&loaded, node);
        let json = serde_json::to_string(&detail).expect("details serialize");
        let _ = yusuan::output::escape_json(&json);
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

#[cfg(not(fuzzing))]
fn main() {
    yusuan_fuzz::stable_main("json_loader", run);
}
