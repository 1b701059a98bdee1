//! Loading documents from files, directories and the embedded sample.
//!
//! Loading never panics and never stops at the first bad file: every file that parses is
//! returned, and every one that does not gets a [`LoadError`] naming the file, the place and
//! what was expected. The caller decides the exit status.

mod error;
mod validate;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{LoadError, Place};
pub use validate::validate;

use crate::model::Document;

/// Largest file yusuan reads; anything bigger is not a budget disclosure.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Longest place named in a message, in characters (a place can quote a name).
const MAX_PLACE_CHARS: usize = 160;

/// How deep directories are searched.
const MAX_DIR_DEPTH: usize = 64;

/// A document and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file as named to the user.
    pub file: String,
    /// Short id, unique in the corpus, used in node addresses (the file stem: `000-sanmenxia`).
    pub id: String,
    /// Size of the JSON text in bytes.
    pub bytes: usize,
    pub doc: Document,
}

/// Everything loaded, plus what could not be.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Loaded>,
    pub errors: Vec<LoadError>,
}

impl Corpus {
    fn push(&mut self, file: String, bytes: &[u8]) {
        match parse_document(&file, bytes) {
            Ok(doc) => {
                let stem = Path::new(&file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| file.clone());
                let id = unique_id(&stem, self.documents.iter().map(|d| d.id.as_str()));
                self.documents.push(Loaded {
                    file,
                    id,
                    bytes: bytes.len(),
                    doc,
                });
            }
            Err(errors) => self.errors.extend(errors),
        }
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Loaded> {
        self.documents.iter().find(|d| d.id == id)
    }
}

fn unique_id<'a>(stem: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut id = stem.to_string();
    let mut n = 2;
    while taken.clone().any(|t| t == id) {
        id = format!("{stem}~{n}");
        n += 1;
    }
    id
}

/// Parses and validates one document. All semantic problems are returned together.
pub fn parse_document(file: &str, bytes: &[u8]) -> Result<Document, Vec<LoadError>> {
    // Editors on Windows write a UTF-8 byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![LoadError {
            file: file.to_string(),
            place: Place::File,
            message: "file is empty; expected a JSON document (see docs/FORMAT.md)".into(),
        }]);
    }
    // A document is an object; anything else would be read as a struct-from-array and
    // produce confusing messages.
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(vec![LoadError {
            file: file.to_string(),
            place: Place::File,
            message: "the file is UTF-16; expected UTF-8 (re-save it as UTF-8)".into(),
        }]);
    }
    if bytes[start] != b'{' {
        let (line, column) = line_column(bytes, start);
        return Err(vec![LoadError {
            file: file.to_string(),
            place: Place::Text {
                line,
                column,
                path: None,
            },
            message: "expected a JSON object describing one document (see docs/FORMAT.md)".into(),
        }]);
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let (line, column) = line_column(bytes, at);
        return Err(vec![LoadError {
            file: file.to_string(),
            place: Place::Text {
                line,
                column,
                path: None,
            },
            message: format!(
                "invalid UTF-8 at byte offset {at} (byte 0x{:02x}); expected UTF-8 text (re-save the file as UTF-8, not GBK)",
                bytes[at]
            ),
        }]);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let doc: Document = match serde_path_to_error::deserialize(&mut de) {
        Ok(doc) => doc,
        Err(err) => {
            let path = err.path().to_string();
            return Err(vec![json_error(file, err.into_inner(), Some(path))]);
        }
    };
    if let Err(err) = de.end() {
        return Err(vec![json_error(file, err, None)]);
    }
    let problems = validate(&doc);
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems
            .into_iter()
            .map(|(place, message)| LoadError {
                file: file.to_string(),
                place: Place::Model(crate::text::truncate_chars(
                    &crate::text::cut_values(&place),
                    MAX_PLACE_CHARS,
                )),
                message: crate::text::cut_values(&message),
            })
            .collect())
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

fn json_error(file: &str, inner: serde_json::Error, path: Option<String>) -> LoadError {
    let mut message = crate::text::cut_values(&inner.to_string());
    // serde_json appends " at line L column C"; we print the position ourselves.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    if inner.classify() == serde_json::error::Category::Eof {
        message = format!("{message} (the file is truncated or a bracket is missing)");
    }
    if message.contains("recursion limit exceeded") {
        message = "nesting too deep; expected a document shaped as in docs/FORMAT.md".into();
    }
    LoadError {
        file: file.to_string(),
        place: Place::Text {
            line: inner.line(),
            column: inner.column(),
            path,
        },
        message,
    }
}

/// Loads files and directories (searched recursively for `*.json`, in name order).
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    let mut corpus = Corpus::default();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        let shown = path.display().to_string();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                load_dir(path, 0, &mut seen_dirs, &mut corpus);
            }
            Ok(_) => load_file(path, &mut corpus),
            Err(err) => corpus.errors.push(LoadError {
                file: shown,
                place: Place::File,
                message: format!("cannot read: {err}"),
            }),
        }
    }
    corpus
}

fn load_dir(dir: &Path, depth: usize, seen: &mut HashSet<PathBuf>, corpus: &mut Corpus) {
    let file_error = |message: String| LoadError {
        file: dir.display().to_string(),
        place: Place::File,
        message,
    };
    // Symlinks can make cycles; visit each real directory once.
    if let Ok(real) = fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return;
    }
    if depth > MAX_DIR_DEPTH {
        corpus.errors.push(file_error(format!(
            "directories nested deeper than {MAX_DIR_DEPTH}; not searched further"
        )));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            corpus
                .errors
                .push(file_error(format!("cannot read directory: {err}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            load_dir(&path, depth + 1, seen, corpus);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            load_file(&path, corpus);
        }
    }
}

fn load_file(path: &Path, corpus: &mut Corpus) {
    let shown = path.display().to_string();
    let error = |message: String| LoadError {
        file: shown.clone(),
        place: Place::File,
        message,
    };
    // Decide before opening: opening a FIFO blocks until a writer comes, and a device has no
    // end. Only regular files (symlinks to them included) are read, and only when not too big.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            corpus.errors.push(error(format!(
                "not a regular file ({}); skipped",
                file_kind(&meta)
            )));
            return;
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            corpus.errors.push(error(format!(
                "file is {} bytes, larger than {MAX_FILE_BYTES}; not a budget disclosure",
                meta.len()
            )));
            return;
        }
        Ok(_) => {}
        Err(err) => {
            corpus.errors.push(error(format!("cannot read: {err}")));
            return;
        }
    }
    // Still bounded, in case the file grows or is swapped between the check and the read.
    let mut bytes = Vec::new();
    let read =
        fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => {
            corpus.errors.push(error(format!(
                "file is larger than {MAX_FILE_BYTES} bytes; not a budget disclosure"
            )));
        }
        Ok(_) => corpus.push(shown, &bytes),
        Err(err) => corpus.errors.push(error(format!("cannot read: {err}"))),
    }
}

/// What a non-regular file is, in words.
fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// The sample documents built into the binary (`sample-data/*.json` at build time).
pub fn embedded_samples() -> &'static [(&'static str, &'static str)] {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"))
}

/// Loads the embedded sample.
pub fn load_embedded() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, text) in embedded_samples() {
        corpus.push(format!("<embedded>/{name}"), text.as_bytes());
    }
    corpus
}

/// Loads `paths`, or the embedded sample when there are none.
pub fn load(paths: &[PathBuf]) -> Corpus {
    if paths.is_empty() {
        load_embedded()
    } else {
        load_paths(paths)
    }
}
