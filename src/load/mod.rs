//! Loading documents from files, directories and the embedded sample.
//!
//! Loading never panics and never stops at the first bad file: every file that parses is
//! returned, and every one that does not gets a [`LoadError`] naming the file, the place and
//! what was expected. The caller decides the exit status.
//!
//! Two ways in: [`load`] reads a whole corpus into memory (the explorer, `show`); [`sources`]
//! lists the files first and [`load_one`] reads one file at a time, so `audit` and `ls` work
//! document by document with bounded memory.

mod error;
mod sources;
mod validate;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{LoadError, Place};
pub use sources::{
    IdSettler, Listing, Loads, Origin, Source, embedded_sources, enumerate, is_pdf, sources,
};
pub use validate::validate;

use crate::model::Document;

/// Largest file yusuan reads; anything bigger is not a budget disclosure.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Longest place named in a message, in characters (a place can quote a name).
const MAX_PLACE_CHARS: usize = 160;

/// A document and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file as named to the user.
    pub file: String,
    /// Short id, unique in the corpus, used in node addresses (the file stem: `000-sanmenxia`).
    pub id: String,
    /// Size of the JSON text (or the PDFs) in bytes.
    pub bytes: usize,
    pub doc: Document,
    /// For a document imported from published PDFs as it was opened: the import report.
    pub import: Option<Box<crate::import::ImportReport>>,
}

/// Everything loaded, plus what could not be.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Loaded>,
    pub errors: Vec<LoadError>,
    /// What may make a loaded document wrong: the warnings of PDFs imported on opening.
    pub warnings: Vec<LoadError>,
}

impl Corpus {
    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Loaded> {
        self.documents.iter().find(|d| d.id == id)
    }
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
    // Checked once: the parse below reads the text as a str, so serde_json does not check it
    // again.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
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
    };
    // Parse at full speed; only a file that fails is parsed again, tracking the path to the
    // error (serde_path_to_error costs about a fifth of the parse on every file).
    let Ok(doc) = serde_json::from_str::<Document>(text) else {
        return Err(vec![parse_error(file, bytes)]);
    };
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

/// The error of a file that does not parse, with the model path where it happened.
fn parse_error(file: &str, bytes: &[u8]) -> LoadError {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, Document>(&mut de) {
        Err(err) => {
            let path = err.path().to_string();
            json_error(file, err.into_inner(), Some(path))
        }
        Ok(_) => match de.end() {
            Err(err) => json_error(file, err, None),
            Ok(()) => LoadError {
                file: file.to_string(),
                place: Place::File,
                message: "the JSON could not be read; expected a document as in docs/FORMAT.md"
                    .into(),
            },
        },
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

/// Reads one source and parses the documents in it; the one step per file of every command.
/// A folder's PDFs are imported here, and their documents get the ids they wish for (see
/// [`IdSettler`]).
pub fn load_one(source: &Source) -> Loads {
    let bytes = match &source.origin {
        Origin::File(path) => match read_file(path, &source.file) {
            Ok(bytes) => bytes,
            Err(errors) => {
                return Loads {
                    errors,
                    ..Loads::default()
                };
            }
        },
        Origin::Published(paths) => return import_files(paths),
        Origin::Embedded(name) => embedded_samples()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.as_bytes().to_vec())
            .unwrap_or_default(),
    };
    let documents = match parse_file(&source.file, &bytes) {
        Ok(documents) => documents,
        Err(errors) => {
            return Loads {
                errors,
                ..Loads::default()
            };
        }
    };
    let several = documents.len() > 1;
    Loads {
        documents: documents
            .into_iter()
            .enumerate()
            .map(|(i, doc)| Loaded {
                file: source.file.clone(),
                id: if several {
                    format!("{}#{}", source.id, i + 1)
                } else {
                    source.id.clone()
                },
                bytes: bytes.len(),
                doc,
                import: None,
            })
            .collect(),
        ..Loads::default()
    }
}

/// Imports the PDFs of one folder as they are opened: each disclosure a document, each file
/// that cannot be imported an error, each import warning a warning naming file, page and table.
fn import_files(paths: &[PathBuf]) -> Loads {
    let mut loads = Loads::default();
    for result in crate::import::import_files(paths) {
        match result {
            // A README.txt beside the disclosures is passed over, and said so.
            Err(e) if e.not_a_disclosure => loads.warnings.push(LoadError {
                file: e.file,
                place: Place::File,
                message: format!("{}; skipped", e.message),
            }),
            Err(e) => loads.errors.push(LoadError {
                file: e.file,
                place: e
                    .page
                    .map_or(Place::File, |p| Place::Printed(format!("p. {p}"))),
                message: e.message,
            }),
            Ok(imported) => {
                let shown = |name: Option<&str>| {
                    name.and_then(|n| {
                        imported.files.iter().find(|f| {
                            Path::new(f)
                                .file_name()
                                .is_some_and(|f| f.to_string_lossy() == n)
                        })
                    })
                    .or(imported.files.first())
                    .cloned()
                    .unwrap_or_default()
                };
                for issue in imported
                    .report
                    .issues
                    .iter()
                    .filter(|i| i.severity == crate::import::IssueSeverity::Warning)
                {
                    let mut at = crate::model::Source {
                        file: None,
                        ..issue.source.clone()
                    }
                    .place();
                    if let Some(table) = &issue.table {
                        at = format!("{at} {table}").trim().to_string();
                    }
                    loads.warnings.push(LoadError {
                        file: shown(issue.source.file.as_deref()),
                        place: if at.is_empty() {
                            Place::File
                        } else {
                            Place::Printed(at)
                        },
                        message: issue.message.clone(),
                    });
                }
                let bytes = imported
                    .files
                    .iter()
                    .filter_map(|f| fs::metadata(f).ok())
                    .map(|m| m.len() as usize)
                    .sum();
                loads.documents.push(Loaded {
                    file: imported.files.first().cloned().unwrap_or_default(),
                    id: imported.id,
                    bytes,
                    doc: imported.document,
                    import: Some(Box::new(imported.report)),
                });
            }
        }
    }
    loads
}

/// The documents in one file's bytes. A JSON file holds one document; this is where readers
/// of other formats slot in.
pub fn parse_file(file: &str, bytes: &[u8]) -> Result<Vec<Document>, Vec<LoadError>> {
    parse_document(file, bytes).map(|doc| vec![doc])
}

fn read_file(path: &Path, shown: &str) -> Result<Vec<u8>, Vec<LoadError>> {
    let error = |message: String| {
        vec![LoadError {
            file: shown.to_string(),
            place: Place::File,
            message,
        }]
    };
    // Decide before opening: opening a FIFO blocks until a writer comes, and a device has no
    // end. Only regular files (symlinks to them included) are read, and only when not too big.
    let size = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(error(format!(
                "not a regular file ({}); skipped",
                file_kind(&meta)
            )));
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Err(error(format!(
                "file is {} bytes, larger than {MAX_FILE_BYTES}; not a budget disclosure",
                meta.len()
            )));
        }
        Ok(meta) => meta.len(),
        Err(err) => {
            return Err(error(format!("cannot read: {err}")));
        }
    };
    // Still bounded, in case the file grows or is swapped between the check and the read; sized
    // from the file so a large one is not held twice while the buffer doubles.
    let mut bytes = Vec::with_capacity(usize::try_from(size + 1).unwrap_or(0));
    let read =
        fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(error(format!(
            "file is larger than {MAX_FILE_BYTES} bytes; not a budget disclosure"
        ))),
        Ok(_) => Ok(bytes),
        Err(err) => Err(error(format!("cannot read: {err}"))),
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

/// Loads every source of a listing into one corpus, in listing order, on all cores.
pub fn load_listing(listing: Listing) -> Corpus {
    load_listing_with(listing, |_, _| {})
}

/// [`load_listing`], telling `progress` after each batch how many sources were read and how
/// many documents they gave (for a progress line or screen).
pub fn load_listing_with(listing: Listing, mut progress: impl FnMut(usize, usize)) -> Corpus {
    let mut settler = listing.id_settler();
    let mut corpus = Corpus {
        documents: Vec::new(),
        errors: listing.errors,
        warnings: Vec::new(),
    };
    crate::parallel::map_ordered(
        &listing.sources,
        crate::parallel::default_jobs(),
        load_one,
        |_, mut loads| {
            progress(1, loads.documents.len());
            for l in &mut loads.documents {
                settler.settle(l);
            }
            corpus.documents.extend(loads.documents);
            corpus.errors.extend(loads.errors);
            corpus.warnings.extend(loads.warnings);
        },
    );
    corpus
}

/// Loads files and directories (searched recursively for `*.json` and `*.pdf`, and for `*.txt` in the folders named, in name order).
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    load_listing(enumerate(paths))
}

/// Loads the embedded sample.
pub fn load_embedded() -> Corpus {
    load_listing(embedded_sources())
}

/// Loads `paths`, or the embedded sample when there are none.
pub fn load(paths: &[PathBuf]) -> Corpus {
    load_listing(sources(paths))
}
