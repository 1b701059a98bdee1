//! A terminal backend that sends fewer bytes per frame than ratatui's crossterm backend.
//!
//! ratatui's crossterm backend moves the cursor before every cell that does not follow the
//! previous one by exactly one column. After a double-width character (every Chinese
//! character) the next cell is two columns on, so it writes a move that changes nothing: about
//! a third of the bytes of a frame of Chinese text. This backend
//! - tracks where the cursor really is (a symbol advances it by its width) and moves it only
//!   when it is elsewhere, with the shortest sequence that gets there (`ESC[nC`, `ESC[nG`, a
//!   line feed, else an absolute move);
//! - over a short gap of cells it knows the terminal already shows in the current style,
//!   prints them again when that is shorter than a move (it keeps a copy of the screen);
//! - erases a long run of blanks in place (`ESC[nX`) instead of printing the spaces;
//! - sends attribute and colour changes as one SGR sequence, only the colour that changed,
//!   and the 16 basic colours in their 16-colour form (`ESC[31m`, never `ESC[38;5;1m`);
//! - resets the style once at the end of a frame.
//!
//! Everything else (cursor visibility, clearing, size) is the crossterm backend's.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The style the terminal draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// What the terminal shows in a cell, as far as this backend knows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shown {
    Unknown,
    /// A one-column symbol in a style.
    Narrow(String, Pen),
    /// The left column of a wide symbol, in a style.
    WideLead(Pen),
    /// The right column of a wide symbol.
    WideTail(Pen),
}

/// Whether a blank left by erasing half of a wide symbol drawn in `p` looks like a plain space
/// (the terminal blanks the other half; with no background or reverse it is a plain space).
fn blank_is_plain(p: Pen) -> bool {
    p.bg == Color::Reset && !p.modifier.contains(Modifier::REVERSED)
}

/// The crossterm backend, sending fewer bytes.
pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// The screen as drawn, row by row, `cols` wide; empty until the first clear.
    shown: Vec<Shown>,
    cols: u16,
}

impl<W: Write> LeanBackend<W> {
    /// A backend that knows nothing of what the terminal shows.
    pub fn new(writer: W) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            shown: Vec::new(),
            cols: 0,
        }
    }

    /// A backend for a terminal just cleared to `size` (blank in the plain style).
    pub fn on_blank_screen(writer: W, size: Size) -> Self {
        let mut b = LeanBackend::new(writer);
        b.blank(size);
        b
    }

    fn blank(&mut self, size: Size) {
        self.cols = size.width;
        self.shown =
            vec![Shown::Narrow(" ".into(), PLAIN); size.width as usize * size.height as usize];
    }

    fn shown_at(&self, x: u16, y: u16) -> &Shown {
        if x >= self.cols {
            return &Shown::Unknown;
        }
        self.shown
            .get(y as usize * self.cols as usize + x as usize)
            .unwrap_or(&Shown::Unknown)
    }

    fn set_shown(&mut self, x: u16, y: u16, s: Shown) {
        if x < self.cols
            && let Some(c) = self
                .shown
                .get_mut(y as usize * self.cols as usize + x as usize)
        {
            *c = s;
        }
    }

    /// Printing over part of a wide symbol makes the terminal blank the rest of it.
    fn note_overwrite(&mut self, x: u16, y: u16, width: u16) {
        let blank = |p: Pen| {
            if blank_is_plain(p) {
                Shown::Narrow(" ".into(), PLAIN)
            } else {
                Shown::Unknown
            }
        };
        if let Shown::WideTail(p) = *self.shown_at(x, y)
            && x > 0
        {
            self.set_shown(x - 1, y, blank(p));
        }
        let end = x.saturating_add(width - 1);
        if let Shown::WideLead(p) = *self.shown_at(end, y) {
            self.set_shown(end + 1, y, blank(p));
        }
    }

    /// The screen is blank (after a clear): every cell a space in the plain style.
    fn reset_shown(&mut self) {
        match self.inner.size() {
            Ok(size) => self.blank(size),
            Err(_) => {
                self.cols = 0;
                self.shown.clear();
            }
        }
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// SGR parameters for a colour: 16-colour codes for the basic colours.
fn color_params(c: Color, background: bool, out: &mut Vec<String>) {
    let base = if background { 40 } else { 30 };
    let basic = |n: u8| {
        if n < 8 {
            base + n as u16
        } else {
            base + 60 + (n - 8) as u16
        }
    };
    let code = match c {
        Color::Reset => base + 9,
        Color::Black => basic(0),
        Color::Red => basic(1),
        Color::Green => basic(2),
        Color::Yellow => basic(3),
        Color::Blue => basic(4),
        Color::Magenta => basic(5),
        Color::Cyan => basic(6),
        Color::Gray => basic(7),
        Color::DarkGray => basic(8),
        Color::LightRed => basic(9),
        Color::LightGreen => basic(10),
        Color::LightYellow => basic(11),
        Color::LightBlue => basic(12),
        Color::LightMagenta => basic(13),
        Color::LightCyan => basic(14),
        Color::White => basic(15),
        Color::Indexed(n) if n < 16 => basic(n),
        Color::Indexed(n) => {
            out.push(format!("{};5;{n}", base + 8));
            return;
        }
        Color::Rgb(r, g, b) => {
            out.push(format!("{};2;{r};{g};{b}", base + 8));
            return;
        }
    };
    out.push(code.to_string());
}

/// SGR parameters that change the attributes from `from` to `to`.
fn modifier_params(from: Modifier, to: Modifier, out: &mut Vec<String>) {
    let mut p = |n: u8| out.push(n.to_string());
    let removed = from - to;
    let added = to - from;
    if removed.contains(Modifier::REVERSED) {
        p(27);
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        p(22);
        if to.contains(Modifier::DIM) {
            p(2);
        }
        if to.contains(Modifier::BOLD) {
            p(1);
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(m) {
            p(off);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        p(25);
    }
    if added.contains(Modifier::REVERSED) {
        p(7);
    }
    if !reset_intensity {
        if added.contains(Modifier::BOLD) {
            p(1);
        }
        if added.contains(Modifier::DIM) {
            p(2);
        }
    }
    for (m, on) in [
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::CROSSED_OUT, 9),
        (Modifier::HIDDEN, 8),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
    ] {
        if added.contains(m) {
            p(on);
        }
    }
}

/// The shortest way to move the cursor along a row from column `cx` to `x`. After the last
/// column the terminal waits to wrap and `cx` is the width: every `x` is then left of it, so
/// only absolute moves are used, which are right in that state too.
fn horizontal(cx: u16, x: u16) -> Vec<u8> {
    if x == cx {
        Vec::new()
    } else if x == 0 {
        b"\r".to_vec()
    } else if x > cx {
        match x - cx {
            1 => b"\x1b[C".to_vec(),
            n => format!("\x1b[{n}C").into_bytes(),
        }
    } else {
        format!("\x1b[{}G", x + 1).into_bytes()
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = PLAIN;
        // Where the terminal's cursor is after what was written, when known.
        let mut cursor: Option<(u16, u16)> = None;
        let mut wrote = false;
        let mut out: Vec<u8> = Vec::with_capacity(4096);
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let mut k = 0;
        while k < cells.len() {
            let (x, y, cell) = cells[k];
            k += 1;
            wrote = true;
            let want = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            // Get there: print the gap again when the terminal shows it in this pen and that is
            // shorter than a move, else the shortest move.
            if cursor != Some((x, y)) {
                let mut moved = false;
                if let Some((cx, cy)) = cursor
                    && cy == y
                    && x > cx
                    && x - cx <= 6
                    && pen == want
                {
                    let mut gap = String::new();
                    let all_known = (cx..x).all(|gx| match self.shown_at(gx, y) {
                        Shown::Narrow(s, p) if *p == pen => {
                            gap.push_str(s);
                            true
                        }
                        _ => false,
                    });
                    if all_known && gap.len() < horizontal(cx, x).len() {
                        out.extend_from_slice(gap.as_bytes());
                        moved = true;
                    }
                }
                if !moved {
                    let seq = match cursor {
                        Some((cx, cy)) if cy == y => horizontal(cx, x),
                        Some((cx, cy)) if y == cy + 1 => {
                            let mut s = b"\n".to_vec();
                            s.extend(horizontal(cx, x));
                            s
                        }
                        _ => {
                            let mut s = Vec::new();
                            queue!(s, MoveTo(x, y))?;
                            s
                        }
                    };
                    out.extend(seq);
                }
            }
            // One SGR sequence for every change of style.
            let mut params = Vec::new();
            if want.modifier != pen.modifier {
                modifier_params(pen.modifier, want.modifier, &mut params);
            }
            if want.fg != pen.fg {
                color_params(want.fg, false, &mut params);
            }
            if want.bg != pen.bg {
                color_params(want.bg, true, &mut params);
            }
            if !params.is_empty() {
                out.extend(format!("\x1b[{}m", params.join(";")).into_bytes());
            }
            pen = want;
            // A run of plain blanks is erased in place (`ESC[nX`) when that is shorter than
            // printing it: long runs, or runs that end the row's changes.
            let erasable = |c: &Cell| {
                c.symbol() == " "
                    && c.bg == Color::Reset
                    && !c.modifier.intersects(
                        Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT,
                    )
            };
            if erasable(cell) {
                // Cells of the run: changed blanks, and unchanged cells the terminal shows blank.
                let shows_blank = |s: &Shown| {
                    matches!(s, Shown::Narrow(t, p) if t == " "
                        && p.bg == Color::Reset
                        && !p.modifier.intersects(
                            Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT))
                };
                let mut run = 1u16; // cells
                let mut taken = 1; // diff entries
                while let Some(&(nx, ny, nc)) = cells.get(k - 1 + taken) {
                    let end = x + run;
                    if ny != y || nx < end || !erasable(nc) {
                        break;
                    }
                    if nx > end && !(end..nx).all(|gx| shows_blank(self.shown_at(gx, y))) {
                        break;
                    }
                    run = nx - x + 1;
                    taken += 1;
                }
                // Erasing half of a wide symbol is not done alike by every terminal (tmux keeps
                // one half): the run must not start or end inside one.
                let splits = matches!(self.shown_at(x, y), Shown::WideTail(_))
                    || matches!(self.shown_at(x + run - 1, y), Shown::WideLead(_));
                let row_ends = cells.get(k - 1 + taken).is_none_or(|&(_, ny, _)| ny != y);
                let erase = format!("\x1b[{run}X");
                let then_move = if row_ends {
                    0
                } else {
                    format!("\x1b[{run}C").len()
                };
                if !splits && erase.len() + then_move < run as usize {
                    out.extend(erase.into_bytes());
                    self.note_overwrite(x, y, run);
                    for i in 0..run {
                        let blank = if pen == PLAIN {
                            Shown::Narrow(" ".into(), PLAIN)
                        } else {
                            Shown::Unknown
                        };
                        self.set_shown(x + i, y, blank);
                    }
                    k += taken - 1;
                    cursor = Some((x, y));
                    continue;
                }
            }
            let symbol = cell.symbol();
            out.extend_from_slice(symbol.as_bytes());
            // A symbol advances the cursor by its width; a zero-width one leaves it unknown.
            let advance = UnicodeWidthStr::width(symbol) as u16;
            self.note_overwrite(x, y, advance.max(1));
            if advance == 1 {
                self.set_shown(x, y, Shown::Narrow(symbol.to_string(), pen));
            } else if advance == 2 {
                self.set_shown(x, y, Shown::WideLead(pen));
                self.set_shown(x + 1, y, Shown::WideTail(pen));
            } else {
                for i in 0..advance.max(1) {
                    self.set_shown(x.saturating_add(i), y, Shown::Unknown);
                }
            }
            cursor = (advance > 0).then(|| (x.saturating_add(advance), y));
        }
        if wrote && pen != PLAIN {
            out.extend_from_slice(b"\x1b[0m");
        }
        self.inner.write_all(&out)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()?;
        self.reset_shown();
        Ok(())
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        if clear_type == ClearType::All {
            self.reset_shown();
        } else {
            // Not tracked: nothing is reprinted from memory until the next full clear.
            self.shown.iter_mut().for_each(|c| *c = Shown::Unknown);
        }
        Ok(())
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.shown.iter_mut().for_each(|c| *c = Shown::Unknown);
        self.inner.append_lines(n)
    }
    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_colours_in_sixteen_colour_form() {
        let mut p = Vec::new();
        color_params(Color::Red, false, &mut p);
        color_params(Color::DarkGray, false, &mut p);
        color_params(Color::Cyan, true, &mut p);
        color_params(Color::White, true, &mut p);
        color_params(Color::Reset, true, &mut p);
        color_params(Color::Indexed(208), false, &mut p);
        assert_eq!(p, ["31", "90", "46", "107", "49", "38;5;208"]);
    }

    fn cell(sym: &str) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(sym);
        c
    }

    /// A writer whose bytes the test can read.
    #[derive(Clone, Default)]
    struct Capture(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Capture {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Draws `cells` (x, symbol) on row 0 and returns the bytes written.
    fn frame(b: &mut LeanBackend<Capture>, out: &Capture, cells: &[(u16, &str)]) -> String {
        let owned: Vec<(u16, Cell)> = cells.iter().map(|(x, s)| (*x, cell(s))).collect();
        out.0.borrow_mut().clear();
        b.draw(owned.iter().map(|(x, c)| (*x, 0u16, c))).unwrap();
        String::from_utf8_lossy(&out.0.borrow()).into_owned()
    }

    #[test]
    fn blank_runs_are_erased_but_never_from_inside_a_wide_symbol() {
        let w = Capture::default();
        let mut b = LeanBackend::on_blank_screen(w.clone(), Size::new(40, 2));
        frame(&mut b, &w, &[(2, "科"), (4, "学"), (6, "a")]);
        // Twelve blanks from column 10: erased in place.
        let blanks: Vec<(u16, &str)> = (10..22).map(|x| (x, " ")).collect();
        assert_eq!(frame(&mut b, &w, &blanks), "\x1b[1;11H\x1b[12X");
        // A run starting on the right half of 科: that cell is printed (the terminal blanks
        // the whole of 科), the rest, which covers 学 whole, is erased.
        let blanks: Vec<(u16, &str)> = (3..16).map(|x| (x, " ")).collect();
        assert_eq!(frame(&mut b, &w, &blanks), "\x1b[1;4H \x1b[12X");
        // A run ending on the left half of a wide symbol is printed, not erased.
        frame(&mut b, &w, &[(20, "局")]);
        let blanks: Vec<(u16, &str)> = (10..21).map(|x| (x, " ")).collect();
        let out = frame(&mut b, &w, &blanks);
        assert!(!out.contains('X'), "{out:?}");
        assert!(out.ends_with(&" ".repeat(11)), "{out:?}");
    }

    #[test]
    fn no_move_after_a_wide_symbol() {
        let w = Capture::default();
        let mut b = LeanBackend::on_blank_screen(w.clone(), Size::new(40, 2));
        let out = frame(&mut b, &w, &[(0, "科"), (2, "学"), (4, "局")]);
        assert_eq!(out, "\x1b[1;1H科学局");
    }

    #[test]
    fn moves_are_as_short_as_possible() {
        assert_eq!(horizontal(3, 4), b"\x1b[C");
        assert_eq!(horizontal(3, 10), b"\x1b[7C");
        assert_eq!(horizontal(10, 3), b"\x1b[4G");
        assert_eq!(horizontal(10, 0), b"\r");
        assert_eq!(
            horizontal(80, 79),
            b"\x1b[80G",
            "after the last column: absolute"
        );
        assert!(horizontal(5, 5).is_empty());
    }
}
