//! The printed text around a [`Source`]: the lines an auditor compares a figure with.
//!
//! A text export is read beside the loaded JSON file (the `source.file` of the item, else the
//! document's `source_file`; then the same name in a `sources/` directory beside it, the layout
//! of `sample-data/`). A PDF page is read again through the importer's own text layer
//! ([`pdf_page_text`]): its lines as the importer saw them, those in the item's box cited.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Source;

/// Lines shown before and after the cited ones.
pub const CONTEXT_LINES: u32 = 8;
/// Pages of a section or table continued over pages shown in one source view.
const MAX_PAGES_SHOWN: u32 = 4;
/// Largest source file read (a text export of a disclosure is well below this).
const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// One printed line, 1-based, and whether it is one of the cited lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLine {
    pub number: u32,
    pub text: String,
    pub cited: bool,
}

/// The printed text around a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    /// The file read, as resolved.
    pub file: PathBuf,
    /// Where in it: `line 229`, `lines 210–235`.
    pub place: String,
    pub lines: Vec<SourceLine>,
}

/// Why the source text cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// The item says nothing about where it was printed.
    NoSource,
    /// The PDF could not be read, or has no such page.
    PdfPage {
        file: PathBuf,
        page: Option<u32>,
        reason: String,
    },
    /// The document was not loaded from a file (the embedded sample) and names no file.
    NoFile,
    /// The file could not be read.
    Unreadable { file: PathBuf, reason: String },
    /// The cited line is past the end of the file.
    LineOutOfRange {
        file: PathBuf,
        line: u32,
        lines: u32,
    },
    /// A source with neither a line nor a page.
    NoPosition,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::NoSource => f.write_str(
                "no source position recorded for this item (hand transcriptions carry none)",
            ),
            SourceError::PdfPage { file, page, reason } => match page {
                Some(p) => write!(f, "{} p. {p}: {reason}", file.display()),
                None => write!(f, "{}: {reason}", file.display()),
            },
            SourceError::NoFile => {
                f.write_str("the document names no source file that can be found beside it")
            }
            SourceError::Unreadable { file, reason } => {
                write!(f, "{}: cannot read: {reason}", file.display())
            }
            SourceError::LineOutOfRange { file, line, lines } => write!(
                f,
                "{}: line {line} cited, but the file has {lines} lines",
                file.display()
            ),
            SourceError::NoPosition => f.write_str("the source names neither a line nor a page"),
        }
    }
}

impl std::error::Error for SourceError {}

/// Where `name` lives for a document loaded from `json`: beside it, else in `sources/` beside it.
pub fn resolve_file(json: &Path, name: &str) -> Option<PathBuf> {
    let dir = json.parent().unwrap_or(Path::new("."));
    let beside = dir.join(name);
    if beside.is_file() {
        return Some(beside);
    }
    let file_name = Path::new(name).file_name()?;
    let in_sources = dir.join("sources").join(file_name);
    in_sources.is_file().then_some(in_sources)
}

/// The lines of the page of the PDF `file` that `source` names, as the importer read them:
/// words in reading order, cells apart by a wide gap. Lines within the source's box (or the
/// box of one of its cells) are cited.
pub fn pdf_page_text(file: &Path, source: &Source) -> Result<Vec<SourceLine>, SourceError> {
    let fail = |reason: String| SourceError::PdfPage {
        file: file.to_path_buf(),
        page: source.page,
        reason,
    };
    let Some(number) = source.page else {
        return Err(fail("the source names no page".into()));
    };
    let meta = std::fs::metadata(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    if meta.len() > crate::import::MAX_PDF_BYTES {
        return Err(fail(format!(
            "{} bytes, larger than a disclosure",
            meta.len()
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    let (pages, _) = crate::import::pdf::read(&bytes).map_err(|e| fail(e.to_string()))?;
    let count = pages.len();
    if number == 0 || number as usize > count {
        return Err(fail(format!(
            "page {number} cited, but the PDF has {count} pages"
        )));
    }
    // A section or table continued over pages: every page of it, at most a few.
    let last = source
        .last_page
        .unwrap_or(number)
        .clamp(number, number + MAX_PAGES_SHOWN - 1);
    let boxes: Vec<[f32; 4]> = source
        .bbox
        .iter()
        .copied()
        .chain(source.cells.iter().flatten().copied())
        .collect();
    let mut lines = Vec::new();
    for raw in pages
        .into_iter()
        .filter(|p| (number..=last).contains(&p.number))
    {
        let page_number = raw.number;
        if page_number > number {
            lines.push(SourceLine {
                number: lines.len() as u32 + 1,
                text: format!("— p. {page_number} —"),
                cited: false,
            });
        }
        let page = crate::import::layout::Page::from_pdf(0, raw);
        for line in &page.lines {
            lines.push(SourceLine {
                number: lines.len() as u32 + 1,
                text: line.text(),
                // A line is cited when its middle lies inside a cited box's height; boxes are
                // on the first page.
                cited: page_number == number
                    && boxes
                        .iter()
                        .any(|b| line.cy() >= b[1] - 0.5 && line.cy() <= b[3] + 0.5),
            });
        }
    }
    Ok(lines)
}

/// Marks the lines that print `quote` (a finding's sentence), however the text wraps it:
/// spaces are ignored and the quote may run over several lines. Returns whether it was found.
pub fn cite_quote(text: &mut SourceText, quote: &str) -> bool {
    let squeeze = crate::text::compact;
    let quote = squeeze(quote);
    if quote.is_empty() {
        return false;
    }
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(text.lines.len());
    for l in &text.lines {
        starts.push(joined.len());
        joined.push_str(&squeeze(&l.text));
    }
    let Some(at) = joined.find(&quote) else {
        return false;
    };
    let end = at + quote.len();
    for (i, l) in text.lines.iter_mut().enumerate() {
        let from = starts[i];
        let to = starts.get(i + 1).copied().unwrap_or(joined.len());
        if from < end && to > at {
            l.cited = true;
        }
    }
    true
}

/// The numbered printed lines around `source`, for a document loaded from `json` whose
/// `source_file` is `doc_source_file`. `json` is `None` for documents not read from disk.
pub fn source_text(
    json: Option<&Path>,
    doc_source_file: &str,
    source: Option<&Source>,
) -> Result<SourceText, SourceError> {
    let source = source
        .filter(|s| !s.is_empty())
        .ok_or(SourceError::NoSource)?;
    let name = source.file.as_deref().unwrap_or(doc_source_file);
    if crate::load::is_pdf(Path::new(name)) || (source.line.is_none() && source.page.is_some()) {
        let file = json
            .and_then(|j| resolve_file(j, name))
            .unwrap_or_else(|| PathBuf::from(name));
        let lines = pdf_page_text(&file, source)?;
        return Ok(SourceText {
            file,
            // The file is named beside the place; it is not repeated in it.
            place: Source {
                file: None,
                ..source.clone()
            }
            .place(),
            lines,
        });
    }
    let Some(first) = source.line else {
        return Err(SourceError::NoPosition);
    };
    let file = json
        .and_then(|j| resolve_file(j, name))
        .ok_or(SourceError::NoFile)?;
    let text = read_text(&file)?;
    let all: Vec<&str> = text.lines().collect();
    let count = all.len() as u32;
    let last = source.last_line.unwrap_or(first).max(first);
    if first == 0 || first > count {
        return Err(SourceError::LineOutOfRange {
            file,
            line: first,
            lines: count,
        });
    }
    let last = last.min(count);
    let from = first.saturating_sub(CONTEXT_LINES).max(1);
    let to = (last + CONTEXT_LINES).min(count);
    let lines = (from..=to)
        .map(|n| SourceLine {
            number: n,
            text: all[(n - 1) as usize].to_string(),
            cited: (first..=last).contains(&n),
        })
        .collect();
    Ok(SourceText {
        file,
        place: Source {
            line: Some(first),
            last_line: Some(last),
            ..Source::default()
        }
        .place(),
        lines,
    })
}

fn read_text(file: &Path) -> Result<String, SourceError> {
    let unreadable = |reason: String| SourceError::Unreadable {
        file: file.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(file).map_err(|e| unreadable(e.to_string()))?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(unreadable(format!(
            "{} bytes, more than a text export can be",
            meta.len()
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| unreadable(e.to_string()))?;
    // A text export is UTF-8; stray bytes are shown as replacement characters, not refused.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sourced.json")
    }

    #[test]
    fn text_lines_around_a_cited_line() {
        let s = Source {
            line: Some(229),
            ..Source::default()
        };
        let t = source_text(
            Some(&fixture()),
            "../../sample-data/sources/004_d2b944fced3ace59.txt",
            Some(&s),
        )
        .unwrap();
        let cited: Vec<&SourceLine> = t.lines.iter().filter(|l| l.cited).collect();
        assert_eq!(cited.len(), 1);
        assert_eq!(cited[0].number, 229);
        assert!(cited[0].text.contains("行政运行\t617.30"), "{:?}", cited[0]);
        assert_eq!(t.lines.first().unwrap().number, 229 - CONTEXT_LINES);
        assert_eq!(t.lines.last().unwrap().number, 229 + CONTEXT_LINES);
        assert_eq!(t.place, "line 229");
    }

    #[test]
    fn a_quoted_sentence_is_cited_on_every_line_it_wraps_over() {
        let lines = [
            "3．住房保障（类）支出3894.09万元，与上年",
            "相比增加878.93万元，增长30%。主要原因：",
            "一是增设机构。",
        ];
        let mut text = SourceText {
            file: PathBuf::from("x.pdf"),
            place: "p. 8".into(),
            lines: lines
                .iter()
                .zip(1..)
                .map(|(t, number)| SourceLine {
                    number,
                    text: t.to_string(),
                    cited: false,
                })
                .collect(),
        };
        assert!(cite_quote(&mut text, "与上年相比增加 878.93 万元，增长30%"));
        let cited: Vec<bool> = text.lines.iter().map(|l| l.cited).collect();
        assert_eq!(cited, [true, true, false]);
        assert!(!cite_quote(&mut text, "增长31%"));
    }

    #[test]
    fn the_sources_directory_beside_the_json_is_searched() {
        let json = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/000-sanmenxia.json");
        let found = resolve_file(&json, "000_12098a72aaf82213.txt").unwrap();
        assert!(found.ends_with("sample-data/sources/000_12098a72aaf82213.txt"));
    }

    #[test]
    fn errors_name_the_file_the_page_or_line_and_why() {
        let s = Source {
            file: Some("公开表格.pdf".into()),
            page: Some(12),
            ..Source::default()
        };
        let e = source_text(Some(&fixture()), "x.txt", Some(&s)).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("公开表格.pdf p. 12: cannot read: "),
            "{e}"
        );
        assert_eq!(
            source_text(Some(&fixture()), "x.txt", None).unwrap_err(),
            SourceError::NoSource
        );
        let far = Source {
            line: Some(99_999),
            ..Source::default()
        };
        let e = source_text(
            Some(&fixture()),
            "../../sample-data/sources/004_d2b944fced3ace59.txt",
            Some(&far),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("line 99999 cited, but the file has 604 lines")
        );
        let line = Source {
            line: Some(1),
            ..Source::default()
        };
        assert_eq!(
            source_text(None, "missing.txt", Some(&line)).unwrap_err(),
            SourceError::NoFile
        );
    }
}
