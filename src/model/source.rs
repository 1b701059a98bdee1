//! Provenance: where a table, row, amount, section or target was printed.
//!
//! Imported documents carry it so an auditor can check a figure against the PDF page or the
//! text line in seconds; hand transcriptions may omit it. Positions are PDF points measured
//! from the page's top-left corner (x to the right, y down), rounded to 0.1 pt.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A box on a page: `[x0, top, x1, bottom]` in points from the top-left corner.
pub type Bbox = [f32; 4];

/// Where something was printed. Every field is optional: a PDF gives a page and a box, a text
/// export a line, a document made of several files the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source file's name, for documents made of several files (公开文件.pdf + 公开表格.pdf).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based page of a PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Last page, for a table continued over several pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_page: Option<u32>,
    /// 1-based line of a text export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Last line, for something printed over several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<u32>,
    /// The box it was printed in, on `page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<Bbox>,
    /// For a row: the box of each amount cell, in the order of `amounts` (`null` for a blank cell).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Option<Bbox>>,
}

impl Eq for Source {}

impl Source {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.page.is_none() && self.line.is_none()
    }

    /// A short place for listings: `p. 5`, `pp. 5–7`, `line 12`, `tables.pdf p. 5`.
    pub fn place(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        match (self.page, self.last_page) {
            (Some(p), Some(l)) if l > p => parts.push(format!("pp. {p}–{l}")),
            (Some(p), _) => parts.push(format!("p. {p}")),
            _ => {}
        }
        match (self.line, self.last_line) {
            (Some(a), Some(b)) if b > a => parts.push(format!("lines {a}–{b}")),
            (Some(a), _) => parts.push(format!("line {a}")),
            _ => {}
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_like_citations() {
        let s = Source {
            page: Some(5),
            ..Source::default()
        };
        assert_eq!(s.place(), "p. 5");
        let s = Source {
            file: Some("tables.pdf".into()),
            page: Some(5),
            last_page: Some(7),
            ..Source::default()
        };
        assert_eq!(s.place(), "tables.pdf pp. 5–7");
        let s = Source {
            line: Some(12),
            last_line: Some(14),
            ..Source::default()
        };
        assert_eq!(s.place(), "lines 12–14");
        assert!(Source::default().is_empty());
    }

    #[test]
    fn round_trips_and_rejects_unknown_fields() {
        let s: Source =
            serde_json::from_str(r#"{"page":3,"bbox":[1.0,2.0,3.0,4.0],"cells":[null,[1,2,3,4]]}"#)
                .unwrap();
        assert_eq!(s.page, Some(3));
        assert_eq!(s.cells.len(), 2);
        let back: Source = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Source>(r#"{"pg":3}"#).is_err());
    }
}
