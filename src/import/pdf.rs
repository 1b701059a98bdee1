//! The PDF text layer: glyphs with their boxes and the ruling lines of each page.
//!
//! This is the only file that knows which PDF crate yusuan uses (pdfplumber, the Rust port of
//! Python's pdfplumber: pure Rust, decodes CID fonts through their CMaps, reports characters
//! with page-space boxes and the rectangles tables are ruled with). Everything after this
//! works on [`RawPage`], so the crate can be replaced without touching the table pipeline.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdfplumber::{ExtractOptions, Pdf, PdfErrorKind};

/// One glyph as drawn: its text and box in points from the page's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// Font size in points.
    pub size: f32,
}

/// A ruling line: a thin rectangle, a drawn line or the edge of a stroked box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Rule {
    pub fn is_vertical(&self) -> bool {
        self.x1 - self.x0 <= RULE_THICKNESS && self.bottom - self.top > RULE_THICKNESS
    }
    pub fn is_horizontal(&self) -> bool {
        self.bottom - self.top <= RULE_THICKNESS && self.x1 - self.x0 > RULE_THICKNESS
    }
}

/// Thickest rectangle still taken as a line rather than a filled area.
const RULE_THICKNESS: f32 = 2.5;

/// One page of the PDF's text layer.
#[derive(Clone, Debug, Default)]
pub struct RawPage {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Glyphs inside the page box, in drawing order.
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs drawn outside the page box (dropped: nobody can read them in the PDF).
    pub outside: usize,
    /// Glyphs whose font gave no Unicode text (dropped and reported).
    pub undecodable: usize,
    /// Images on the page (a page with images and no text is a scan).
    pub images: usize,
}

/// Why a PDF could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfProblem {
    NotPdf(String),
    Encrypted,
    Damaged(String),
    TooLarge(String),
}

impl std::fmt::Display for PdfProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfProblem::NotPdf(why) => write!(f, "not a PDF file ({why})"),
            PdfProblem::Encrypted => f.write_str(
                "the PDF is encrypted with a password; open it with the password and save an unencrypted copy",
            ),
            PdfProblem::Damaged(why) => write!(f, "the PDF is damaged or truncated: {why}"),
            PdfProblem::TooLarge(why) => write!(f, "the PDF exceeds yusuan's limits: {why}"),
        }
    }
}

/// A page that could not be interpreted: its number and why.
pub type PageFailure = (u32, String);

/// Most pages a disclosure PDF may have.
pub const MAX_PAGES: usize = 2_000;

/// Reads every page of a PDF. A page that cannot be interpreted is returned empty with its
/// problem in the second list (page number, message); the others still come back.
pub fn read(bytes: &[u8]) -> Result<(Vec<RawPage>, Vec<PageFailure>), PdfProblem> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(PdfProblem::NotPdf("no %PDF- header".into()));
    }
    let options = ExtractOptions {
        max_pages: Some(MAX_PAGES),
        max_stream_bytes: 64 * 1024 * 1024,
        collect_warnings: false,
        ..ExtractOptions::default()
    };
    let pdf = guarded(|| Pdf::open_bytes(bytes, Some(options)))
        .map_err(PdfProblem::Damaged)?
        .map_err(|e| match e.kind() {
            PdfErrorKind::PasswordRequired | PdfErrorKind::InvalidPassword => PdfProblem::Encrypted,
            PdfErrorKind::ResourceLimit => PdfProblem::TooLarge(e.to_string()),
            _ => PdfProblem::Damaged(e.to_string()),
        })?;
    let unmapped = guarded(|| unmapped_fonts(bytes)).unwrap_or_default();
    let count = pdf.page_count();
    if count > MAX_PAGES {
        return Err(PdfProblem::TooLarge(format!(
            "{count} pages; at most {MAX_PAGES} are read"
        )));
    }
    let mut pages = Vec::with_capacity(count);
    let mut problems = Vec::new();
    for index in 0..count {
        let number = index as u32 + 1;
        match guarded(|| pdf.page(index)) {
            Ok(Ok(page)) => pages.push(convert(number, &page, &unmapped)),
            Ok(Err(e)) => {
                problems.push((number, e.to_string()));
                pages.push(RawPage {
                    number,
                    ..RawPage::default()
                });
            }
            Err(panic) => {
                problems.push((number, panic));
                pages.push(RawPage {
                    number,
                    ..RawPage::default()
                });
            }
        }
    }
    Ok((pages, problems))
}

fn convert(number: u32, page: &pdfplumber::Page, unmapped: &HashSet<String>) -> RawPage {
    let (width, height) = (page.width() as f32, page.height() as f32);
    let mut out = RawPage {
        number,
        width,
        height,
        images: page.images().len(),
        ..RawPage::default()
    };
    for c in page.chars() {
        let g = Glyph {
            text: c.text.clone(),
            x0: c.bbox.x0 as f32,
            top: c.bbox.top as f32,
            x1: c.bbox.x1 as f32,
            bottom: c.bbox.bottom as f32,
            size: c.size as f32,
        };
        let cx = (g.x0 + g.x1) / 2.0;
        let cy = (g.top + g.bottom) / 2.0;
        if !(0.0..=width).contains(&cx) || !(0.0..=height).contains(&cy) {
            out.outside += 1;
            continue;
        }
        if g.text.is_empty()
            || g.text.chars().any(undecoded)
            || g.text.starts_with("(cid:")
            || unmapped.contains(base_name(&c.fontname))
        {
            out.undecodable += 1;
            continue;
        }
        out.glyphs.push(g);
    }
    for r in page.rects() {
        let rule = Rule {
            x0: r.x0 as f32,
            top: r.top as f32,
            x1: r.x1 as f32,
            bottom: r.bottom as f32,
        };
        if rule.is_vertical() || rule.is_horizontal() {
            out.rules.push(rule);
        } else if r.stroke {
            // A stroked box: its four edges rule the cells around it.
            let (x0, t, x1, b) = (rule.x0, rule.top, rule.x1, rule.bottom);
            out.rules.extend([
                Rule {
                    x0,
                    top: t,
                    x1,
                    bottom: t,
                },
                Rule {
                    x0,
                    top: b,
                    x1,
                    bottom: b,
                },
                Rule {
                    x0,
                    top: t,
                    x1: x0,
                    bottom: b,
                },
                Rule {
                    x0: x1,
                    top: t,
                    x1,
                    bottom: b,
                },
            ]);
        }
    }
    for l in page.lines() {
        let rule = Rule {
            x0: l.x0.min(l.x1) as f32,
            top: l.top.min(l.bottom) as f32,
            x1: l.x0.max(l.x1) as f32,
            bottom: l.top.max(l.bottom) as f32,
        };
        out.rules.push(rule);
    }
    out
}

/// Fonts that cannot give text: composite (Type0) fonts with an Identity encoding, no
/// ToUnicode map and no character collection (Adobe-GB1 …) to decode their CIDs through. The
/// PDF crate would read their glyph ids as if they were Unicode, which is garbage; fonts with
/// a collection (GBK-EUC-H, UniGB-UCS2-H) are decoded through its CMap and are not listed.
fn unmapped_fonts(bytes: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut mapped = HashSet::new();
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return out;
    };
    for page in doc.get_pages().values() {
        let Ok(fonts) = doc.get_page_fonts(*page) else {
            continue;
        };
        for font in fonts.values() {
            let name = |d: &lopdf::Dictionary, key: &[u8]| {
                d.get(key)
                    .ok()
                    .and_then(|o| o.as_name().ok())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
            };
            let base = name(font, b"BaseFont").unwrap_or_default();
            if name(font, b"Subtype").as_deref() != Some("Type0")
                || font.has(b"ToUnicode")
                || !name(font, b"Encoding").is_some_and(|e| e.starts_with("Identity"))
            {
                mapped.insert(base_name(&base).to_string());
                continue;
            }
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            // The text layer names a glyph's font by its descriptor's FontName or its BaseFont.
            let mut names = vec![base_name(&base).to_string()];
            if let Some(d) = descendant {
                names.extend(name(d, b"BaseFont").map(|n| base_name(&n).to_string()));
                let descriptor = d
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_dict().ok());
                names.extend(
                    descriptor
                        .and_then(|fd| name(fd, b"FontName"))
                        .map(|n| base_name(&n).to_string()),
                );
            }
            let ordering = descendant
                .and_then(|d| d.get(b"CIDSystemInfo").ok())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .and_then(|d| d.get(b"Ordering").ok())
                .and_then(|o| {
                    o.as_str()
                        .ok()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                });
            if ordering.as_deref().is_none_or(|o| o == "Identity") {
                out.extend(names);
            } else {
                mapped.extend(names);
            }
        }
    }
    // A name also used by a font that can be decoded cannot tell the glyphs apart: keep them.
    out.retain(|n| !mapped.contains(n));
    out
}

/// `ABCDEF+SimSun` → `SimSun`: the subset tag is not part of the font's name.
fn base_name(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// A character that means the font gave no real text: the replacement character, a control
/// character, or a private-use code point (a glyph id passed through as if it were Unicode).
fn undecoded(c: char) -> bool {
    c == '\u{FFFD}'
        || (c.is_control() && c != '\t')
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || ('\u{F0000}'..).contains(&c)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs the PDF crate, turning a panic on hostile input into an error: a malformed PDF must
/// never bring yusuan down. The panic message is kept out of the terminal.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".into());
        format!(
            "the PDF reader failed on this input ({})",
            crate::text::truncate(&what, 120)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_is_named() {
        assert!(matches!(read(b"hello"), Err(PdfProblem::NotPdf(_))));
        assert!(matches!(read(b""), Err(PdfProblem::NotPdf(_))));
    }

    #[test]
    fn truncated_pdf_is_an_error_not_a_panic() {
        let r = read(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        assert!(
            r.is_err()
                || r.as_ref()
                    .is_ok_and(|(p, _)| p.iter().all(|p| p.glyphs.is_empty()))
        );
    }

    #[test]
    fn undecoded_characters() {
        assert!(undecoded('\u{FFFD}'));
        assert!(undecoded('\u{E123}'));
        assert!(undecoded('\u{1}'));
        assert!(!undecoded('预'));
        assert!(!undecoded('1'));
    }
}
