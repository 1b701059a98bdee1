//! A small PDF 1.4 writer for importer tests: pages, text at a position, ruling lines and
//! ruled table grids, so hard cases are built in the test that checks them.
//!
//! Text is drawn in a Type0 font (`/Identity-H`, a CIDFontType2 descendant with `/DW 1000`
//! and ASCII characters 500 wide, no embedded font program). Each distinct character gets a
//! CID, in order of first use from 1, and the `/ToUnicode` CMap maps every CID back to its
//! character, so the text is extractable. [`Font::NoUnicode`] is the same font without the
//! map: what a PDF looks like whose glyphs cannot be decoded. Positions are in points from
//! the page's top-left corner, the way the importer reports them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A4 portrait, in points.
pub const A4: (f32, f32) = (595.0, 842.0);
/// A4 landscape, in points.
pub const A4_LANDSCAPE: (f32, f32) = (842.0, 595.0);

/// Glyph box above the baseline, per 1000 units of font size (the font descriptor's ascent;
/// the descent is 1000 − this).
const ASCENT: f32 = 880.0;
/// Thickness of a ruling line.
pub const RULE: f32 = 0.5;
/// Space between a cell's edge and its text.
const PAD: f32 = 3.0;
/// Line height inside a cell, as a multiple of the font size.
const LEADING: f32 = 1.25;

/// Which font a text is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// The Type0 font with a `/ToUnicode` map.
    Good,
    /// The same font without `/ToUnicode`: its glyphs cannot be decoded.
    NoUnicode,
}

#[derive(Clone, Debug)]
enum Op {
    Text {
        font: Font,
        x: f32,
        top: f32,
        size: f32,
        text: String,
    },
    /// A filled rectangle, top-left based.
    Rect { x: f32, top: f32, w: f32, h: f32 },
    /// The document's one image, drawn into a box.
    Image { x: f32, top: f32, w: f32, h: f32 },
}

/// One page being drawn.
#[derive(Clone, Debug)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    ops: Vec<Op>,
}

impl Page {
    pub fn new((width, height): (f32, f32)) -> Page {
        Page {
            width,
            height,
            ops: Vec::new(),
        }
    }

    /// Draws `text` with its glyph box's top-left corner at (`x`, `top`).
    pub fn text(&mut self, x: f32, top: f32, size: f32, text: &str) -> &mut Self {
        self.text_in(Font::Good, x, top, size, text)
    }

    pub fn text_in(&mut self, font: Font, x: f32, top: f32, size: f32, text: &str) -> &mut Self {
        self.ops.push(Op::Text {
            font,
            x,
            top,
            size,
            text: text.to_string(),
        });
        self
    }

    /// Draws `text` ending at `right`.
    pub fn text_right(&mut self, right: f32, top: f32, size: f32, text: &str) -> &mut Self {
        self.text(right - text_width(text, size), top, size, text)
    }

    /// Draws `text` centred on `cx`.
    pub fn text_centered(&mut self, cx: f32, top: f32, size: f32, text: &str) -> &mut Self {
        self.text(cx - text_width(text, size) / 2.0, top, size, text)
    }

    /// A filled rectangle (a ruling line when thin).
    pub fn rect(&mut self, x: f32, top: f32, w: f32, h: f32) -> &mut Self {
        self.ops.push(Op::Rect { x, top, w, h });
        self
    }

    /// A horizontal ruling line at height `y` from `x0` to `x1`.
    pub fn hrule(&mut self, x0: f32, x1: f32, y: f32) -> &mut Self {
        self.rect(x0, y - RULE / 2.0, x1 - x0, RULE)
    }

    /// A vertical ruling line at `x` from `y0` to `y1`.
    pub fn vrule(&mut self, x: f32, y0: f32, y1: f32) -> &mut Self {
        self.rect(x - RULE / 2.0, y0, RULE, y1 - y0)
    }

    /// Draws everything on `other` onto this page, its texts in `font`.
    pub fn append_in(&mut self, font: Font, other: &Page) -> &mut Self {
        for op in &other.ops {
            let mut op = op.clone();
            if let Op::Text { font: f, .. } = &mut op {
                *f = font;
            }
            self.ops.push(op);
        }
        self
    }

    /// The same page drawn back to front (a producer's drawing order is not reading order).
    pub fn reversed(mut self) -> Page {
        self.ops.reverse();
        self
    }

    /// Every text drawn a second time `dx` to the right (fake bold).
    pub fn overprinted(mut self, dx: f32) -> Page {
        let twice: Vec<Op> = self
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text {
                    font,
                    x,
                    top,
                    size,
                    text,
                } => Some(Op::Text {
                    font: *font,
                    x: x + dx,
                    top: *top,
                    size: *size,
                    text: text.clone(),
                }),
                _ => None,
            })
            .collect();
        self.ops.extend(twice);
        self
    }

    /// A small grey image stretched over the box (a scanned page).
    pub fn image(&mut self, x: f32, top: f32, w: f32, h: f32) -> &mut Self {
        self.ops.push(Op::Image { x, top, w, h });
        self
    }
}

/// Width of `text` in this font: ASCII characters half an em, others a full em.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// How a cell's text is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Amounts right, everything else left.
    Auto,
    Left,
    Right,
    Center,
}

#[derive(Clone, Debug)]
struct Cell {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    text: String,
    align: Align,
}

/// A ruled table: column boundaries `xs`, row boundaries `ys` (from the top), and cells.
/// Every grid slot not covered by a spanning cell is a ruled cell of its own; a cell's text
/// may hold `\n` for lines wrapped inside it.
#[derive(Clone, Debug)]
pub struct Table {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub size: f32,
    cells: Vec<Cell>,
}

impl Table {
    pub fn new(xs: &[f32], ys: &[f32], size: f32) -> Table {
        assert!(
            xs.len() >= 2 && ys.len() >= 2,
            "a table needs two boundaries each way"
        );
        Table {
            xs: xs.to_vec(),
            ys: ys.to_vec(),
            size,
            cells: Vec::new(),
        }
    }

    /// Row boundaries from `top`, `n` rows of `height` each.
    pub fn even_rows(top: f32, height: f32, n: usize) -> Vec<f32> {
        (0..=n).map(|i| top + height * i as f32).collect()
    }

    /// One row's texts, one per column from column 0; `""` is a blank cell.
    pub fn row(&mut self, row: usize, texts: &[&str]) -> &mut Self {
        for (col, t) in texts.iter().enumerate() {
            if !t.is_empty() {
                self.span_aligned(row, col, 1, 1, t, Align::Auto);
            }
        }
        self
    }

    /// A cell spanning `rows` × `cols` slots, its text centred (a header cell).
    pub fn span(
        &mut self,
        row: usize,
        col: usize,
        rows: usize,
        cols: usize,
        text: &str,
    ) -> &mut Self {
        self.span_aligned(row, col, rows, cols, text, Align::Center)
    }

    pub fn span_aligned(
        &mut self,
        row: usize,
        col: usize,
        rows: usize,
        cols: usize,
        text: &str,
        align: Align,
    ) -> &mut Self {
        assert!(
            row + rows < self.ys.len() && col + cols < self.xs.len(),
            "cell outside the table"
        );
        self.cells.push(Cell {
            row,
            col,
            rows,
            cols,
            text: text.to_string(),
            align,
        });
        self
    }

    /// Draws the rules of every cell and the texts.
    pub fn draw(&self, page: &mut Page) {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut covered = vec![vec![false; nc]; nr];
        let mut boxes: Vec<(usize, usize, usize, usize)> = Vec::new();
        for c in &self.cells {
            for row in covered.iter_mut().skip(c.row).take(c.rows) {
                for slot in row.iter_mut().skip(c.col).take(c.cols) {
                    *slot = true;
                }
            }
            boxes.push((c.row, c.col, c.rows, c.cols));
        }
        for (r, row) in covered.iter().enumerate() {
            for (col, &cov) in row.iter().enumerate() {
                if !cov {
                    boxes.push((r, col, 1, 1));
                }
            }
        }
        for (r, c, rows, cols) in boxes {
            let (x0, x1) = (self.xs[c], self.xs[c + cols]);
            let (y0, y1) = (self.ys[r], self.ys[r + rows]);
            page.hrule(x0, x1, y0).hrule(x0, x1, y1);
            page.vrule(x0, y0, y1).vrule(x1, y0, y1);
        }
        for c in &self.cells {
            let (x0, x1) = (self.xs[c.col], self.xs[c.col + c.cols]);
            let (y0, y1) = (self.ys[c.row], self.ys[c.row + c.rows]);
            let lines: Vec<&str> = c.text.split('\n').collect();
            let height = self.size * LEADING * (lines.len() - 1) as f32 + self.size;
            let mut top = (y0 + y1) / 2.0 - height / 2.0;
            for line in lines {
                let w = text_width(line, self.size);
                let align = match c.align {
                    Align::Auto if is_amount_like(line) => Align::Right,
                    Align::Auto => Align::Left,
                    a => a,
                };
                let x = match align {
                    Align::Right => x1 - PAD - w,
                    Align::Center => (x0 + x1) / 2.0 - w / 2.0,
                    _ => x0 + PAD,
                };
                page.text(x, top, self.size, line);
                top += self.size * LEADING;
            }
        }
    }
}

/// `1,234.00`, `0.00`, `-5`: printed right-aligned. Codes (`201`, `01`) are not.
fn is_amount_like(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && (body.contains('.') || body.contains(',') || body.len() == 1)
}

/// A whole document.
#[derive(Clone, Debug, Default)]
pub struct Pdf {
    pub pages: Vec<Page>,
    /// Write an `/Encrypt` entry in the trailer (the content itself stays plain).
    pub encrypted: bool,
}

impl Pdf {
    pub fn new() -> Pdf {
        Pdf::default()
    }

    pub fn page(&mut self, page: Page) -> &mut Self {
        self.pages.push(page);
        self
    }

    /// The characters drawn in the font with a Unicode map.
    pub fn characters(&self) -> std::collections::BTreeSet<char> {
        let mut out = std::collections::BTreeSet::new();
        for p in &self.pages {
            for op in &p.ops {
                if let Op::Text {
                    font: Font::Good,
                    text,
                    ..
                } = op
                {
                    out.extend(text.chars());
                }
            }
        }
        out
    }

    /// The PDF file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // CIDs: each distinct character, in order of first use, from 1.
        let mut cids: BTreeMap<char, u16> = BTreeMap::new();
        let mut order: Vec<char> = Vec::new();
        for p in &self.pages {
            for op in &p.ops {
                if let Op::Text { text, .. } = op {
                    for ch in text.chars() {
                        if let std::collections::btree_map::Entry::Vacant(slot) = cids.entry(ch) {
                            let cid = u16::try_from(order.len() + 1)
                                .expect("fewer than 65535 characters");
                            slot.insert(cid);
                            order.push(ch);
                        }
                    }
                }
            }
        }
        let has_image = self
            .pages
            .iter()
            .any(|p| p.ops.iter().any(|o| matches!(o, Op::Image { .. })));

        let mut w = Writer::default();
        // Fixed objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode,
        // 7 font without ToUnicode, 8 image, 9 encrypt; then content and page per page.
        let first_page_obj = 10;
        let page_ids: Vec<usize> = (0..self.pages.len())
            .map(|i| first_page_obj + 2 * i + 1)
            .collect();
        w.object(1, b"<< /Type /Catalog /Pages 2 0 R >>");
        let kids: String = page_ids.iter().map(|id| format!("{id} 0 R ")).collect();
        w.object(
            2,
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.trim_end(),
                page_ids.len()
            )
            .as_bytes(),
        );
        w.object(
            3,
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        );
        let mut widths = String::new();
        for (ch, cid) in &cids {
            if ch.is_ascii() {
                let _ = write!(widths, "{cid} [500] ");
            }
        }
        w.object(
            4,
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /W [{}] /CIDToGIDMap /Identity >>",
                widths.trim_end()
            )
            .as_bytes(),
        );
        w.object(
            5,
            format!(
                "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 {} 1000 {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight 700 /StemV 80 >>",
                ASCENT - 1000.0,
                ASCENT,
                ASCENT,
                ASCENT - 1000.0
            )
            .as_bytes(),
        );
        w.stream(6, "", to_unicode_cmap(&order).as_bytes());
        // The unmapped font is a font of its own (as in real files: another name, its own
        // CIDFont), so nothing ties its glyphs to the Unicode map of the first.
        w.object(
            7,
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /KaiTi /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KaiTi /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /KaiTi /Flags 4 /FontBBox [0 {} 1000 {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight 700 /StemV 80 >> /DW 1000 /W [{}] /CIDToGIDMap /Identity >>] >>",
                ASCENT - 1000.0,
                ASCENT,
                ASCENT,
                ASCENT - 1000.0,
                widths.trim_end()
            )
            .as_bytes(),
        );
        // A 2×2 grey image.
        w.stream(
            8,
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &[0x40, 0xC0, 0xC0, 0x40],
        );
        w.object(
            9,
            format!(
                "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{}> /U <{}> >>",
                "A5".repeat(32),
                "5A".repeat(32)
            )
            .as_bytes(),
        );
        for (i, page) in self.pages.iter().enumerate() {
            let content_id = first_page_obj + 2 * i;
            w.stream(content_id, "", &content(page, &cids));
            let xobject = if has_image {
                " /XObject << /Im1 8 0 R >>"
            } else {
                ""
            };
            w.object(
                content_id + 1,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 3 0 R /F2 7 0 R >>{xobject} >> /Contents {content_id} 0 R >>",
                    num(page.width),
                    num(page.height)
                )
                .as_bytes(),
            );
        }
        let encrypt = if self.encrypted {
            format!(
                " /Encrypt 9 0 R /ID [<{0}> <{0}>]",
                "0123456789ABCDEF0123456789ABCDEF"
            )
        } else {
            String::new()
        };
        w.finish(&format!("/Root 1 0 R{encrypt}"))
    }
}

/// The content stream of one page.
fn content(page: &Page, cids: &BTreeMap<char, u16>) -> Vec<u8> {
    let mut s = String::from("0 g\n");
    for op in &page.ops {
        match op {
            Op::Rect { x, top, w, h } => {
                let _ = writeln!(
                    s,
                    "{} {} {} {} re f",
                    num(*x),
                    num(page.height - top - h),
                    num(*w),
                    num(*h)
                );
            }
            Op::Image { x, top, w, h } => {
                let _ = writeln!(
                    s,
                    "q {} 0 0 {} {} {} cm /Im1 Do Q",
                    num(*w),
                    num(*h),
                    num(*x),
                    num(page.height - top - h)
                );
            }
            Op::Text {
                font,
                x,
                top,
                size,
                text,
            } => {
                let baseline = page.height - top - size * ASCENT / 1000.0;
                let hex: String = text.chars().map(|c| format!("{:04X}", cids[&c])).collect();
                let f = match font {
                    Font::Good => "F1",
                    Font::NoUnicode => "F2",
                };
                let _ = writeln!(
                    s,
                    "BT /{f} {} Tf 1 0 0 1 {} {} Tm <{hex}> Tj ET",
                    num(*size),
                    num(*x),
                    num(baseline)
                );
            }
        }
    }
    s.into_bytes()
}

/// A ToUnicode CMap mapping CID `i + 1` to `chars[i]`.
fn to_unicode_cmap(chars: &[char]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for (block, chunk) in chars.chunks(100).enumerate() {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (i, ch) in chunk.iter().enumerate() {
            let cid = block * 100 + i + 1;
            let mut units = [0u16; 2];
            let utf16: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(s, "<{cid:04X}> <{utf16}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A number for a content stream: at most two decimals, no exponent.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Objects written in order with their byte offsets, then the cross-reference table.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    offsets: BTreeMap<usize, usize>,
}

impl Writer {
    fn start(&mut self) {
        if self.out.is_empty() {
            self.out.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
        }
    }

    fn object(&mut self, id: usize, body: &[u8]) {
        self.start();
        self.offsets.insert(id, self.out.len());
        self.out
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn stream(&mut self, id: usize, dict: &str, data: &[u8]) {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.object(id, &body);
    }

    fn finish(mut self, trailer: &str) -> Vec<u8> {
        let size = self.offsets.keys().max().map_or(1, |m| m + 1);
        let xref = self.out.len();
        let mut x = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for id in 1..size {
            match self.offsets.get(&id) {
                Some(off) => {
                    let _ = writeln!(x, "{off:010} 00000 n ");
                }
                None => x.push_str("0000000000 65535 f \n"),
            }
        }
        let _ = write!(
            x,
            "trailer\n<< /Size {size} {trailer} >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out.extend_from_slice(x.as_bytes());
        self.out
    }
}
