//! Basic colours as 16-colour terminals expect them.
//!
//! crossterm writes even the 16 basic colours in 256-colour form (`ESC[38;5;1m`). A terminal that
//! only knows 16 colours (the Linux console, old serial terminals) may read the `5` as *blink*.
//! This writer collects a frame and, when it is flushed, rewrites those sequences to the classic
//! forms (`ESC[31m`, `ESC[91m`, `ESC[41m`, `ESC[101m`) before sending the frame in one write.
//! Data never carries raw ESC bytes (it is sanitised before drawing), so only the renderer's
//! own sequences are touched.

use std::io::{self, Write};

/// A buffering writer that rewrites 256-colour codes 0–15 to 16-colour codes on flush.
pub struct Ansi16<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> Ansi16<W> {
    pub fn new(inner: W) -> Self {
        Ansi16 {
            inner,
            buf: Vec::with_capacity(1 << 16),
        }
    }
}

/// Rewrites `ESC[38;5;Nm` / `ESC[48;5;Nm` with N < 16 in `input`.
pub fn rewrite(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if let Some((code, len)) = basic_colour_at(&input[i..]) {
            out.extend_from_slice(format!("\x1b[{code}m").as_bytes());
            i += len;
        } else {
            out.push(input[i]);
            i += 1;
        }
    }
    out
}

/// If `s` starts with `ESC[38;5;Nm` or `ESC[48;5;Nm` (N < 16): the 16-colour code and the length.
fn basic_colour_at(s: &[u8]) -> Option<(u8, usize)> {
    let ground = match s.get(..7)? {
        b"\x1b[38;5;" => 30,
        b"\x1b[48;5;" => 40,
        _ => return None,
    };
    let digits = s[7..].iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) || s.get(7 + digits) != Some(&b'm') {
        return None;
    }
    let n: u8 = std::str::from_utf8(&s[7..7 + digits]).ok()?.parse().ok()?;
    let code = match n {
        0..=7 => ground + n,
        8..=15 => ground + 60 + (n - 8),
        _ => return None,
    };
    Some((code, 7 + digits + 1))
}

impl<W: Write> Write for Ansi16<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let frame = rewrite(&self.buf);
            self.buf.clear();
            self.inner.write_all(&frame)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_colours_become_sixteen_colour_codes() {
        assert_eq!(
            rewrite(b"\x1b[38;5;1mE\x1b[48;5;9m \x1b[38;5;15mx"),
            b"\x1b[31mE\x1b[101m \x1b[97mx"
        );
        assert_eq!(rewrite(b"\x1b[38;5;0m\x1b[48;5;7m"), b"\x1b[30m\x1b[47m");
    }

    #[test]
    fn other_sequences_and_text_are_untouched() {
        let s = "\x1b[38;5;208m科技\x1b[38;2;1;2;3m\x1b[1m\x1b[38;5;m\x1b[38;5;1".as_bytes();
        assert_eq!(rewrite(s), s);
    }

    #[test]
    fn flush_sends_the_rewritten_frame_once() {
        let mut w = Ansi16::new(Vec::new());
        w.write_all(b"\x1b[38;5;").unwrap();
        w.write_all(b"2mok").unwrap();
        assert!(w.inner.is_empty());
        w.flush().unwrap();
        assert_eq!(w.inner, b"\x1b[32mok");
    }
}
