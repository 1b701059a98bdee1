//! Basic colours as 16-colour terminals expect them.
//!
//! crossterm writes even the 16 basic colours in 256-colour form (`ESC[38;5;1m`). A terminal that
//! only knows 16 colours (the Linux console, old serial terminals) may read the `5` as *blink*.
//! This writer collects a frame and, when it is flushed, rewrites those parameters to the
//! classic forms (`ESC[31m`, `ESC[91m`, `ESC[41m`, `ESC[101m`) in every SGR sequence, including
//! the combined foreground;background form `ESC[38;5;6;49m`, before sending the frame in one
//! write.
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

/// Rewrites, in every SGR sequence of `input` (`ESC[` parameters `m`), the 256-colour
/// parameters `38;5;N` and `48;5;N` with N < 16 to their 16-colour codes, whatever else the
/// sequence holds: crossterm writes `ESC[38;5;6m`, `ESC[48;5;1m`, and for a foreground and
/// background set together `ESC[38;5;6;49m` or `ESC[38;5;0;48;5;6m`. Other parameters
/// (`38;2;r;g;b`, `1`, `39`, colours 16–255) are kept as they are.
pub fn rewrite(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if let Some((seq, len)) = sgr_at(&input[i..]) {
            out.extend_from_slice(&seq);
            i += len;
        } else {
            out.push(input[i]);
            i += 1;
        }
    }
    out
}

/// If `s` starts with an SGR sequence (`ESC[`, digits and `;`, `m`): its rewritten form and
/// its length.
fn sgr_at(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    if !s.starts_with(b"\x1b[") {
        return None;
    }
    let body_len = s[2..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    if s.get(2 + body_len) != Some(&b'm') {
        return None;
    }
    let body = std::str::from_utf8(&s[2..2 + body_len]).ok()?;
    let params: Vec<&str> = body.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(params.len());
    let mut k = 0;
    while k < params.len() {
        let p = params[k];
        let ground = match p {
            "38" => Some(30),
            "48" => Some(40),
            _ => None,
        };
        match (ground, params.get(k + 1).copied()) {
            (Some(g), Some("5")) => {
                let n: Option<u8> = params
                    .get(k + 2)
                    .filter(|d| (1..=2).contains(&d.len()))
                    .and_then(|d| d.parse().ok());
                match n {
                    Some(n @ 0..=7) => out.push((g + n).to_string()),
                    Some(n @ 8..=15) => out.push((g + 60 + n - 8).to_string()),
                    _ => out.extend(
                        params[k..(k + 3).min(params.len())]
                            .iter()
                            .map(|s| s.to_string()),
                    ),
                }
                k += 3;
            }
            (Some(_), Some("2")) => {
                // True colour: 38;2;r;g;b is kept whole.
                let end = (k + 5).min(params.len());
                out.extend(params[k..end].iter().map(|s| s.to_string()));
                k = end;
            }
            _ => {
                out.push(p.to_string());
                k += 1;
            }
        }
    }
    let seq = format!("\x1b[{}m", out.join(";")).into_bytes();
    Some((seq, 2 + body_len + 1))
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
    fn combined_foreground_and_background_forms() {
        // crossterm's SetColors with a reset background, and with both colours set.
        assert_eq!(rewrite(b"\x1b[38;5;6;49m"), b"\x1b[36;49m");
        assert_eq!(rewrite(b"\x1b[38;5;0;48;5;6m"), b"\x1b[30;46m");
        assert_eq!(rewrite(b"\x1b[39;48;5;12m"), b"\x1b[39;104m");
        assert_eq!(rewrite(b"\x1b[1;38;5;9m"), b"\x1b[1;91m");
        // 256-colour codes above 15 and true colour are kept.
        assert_eq!(rewrite(b"\x1b[38;5;208;48;5;1m"), b"\x1b[38;5;208;41m");
        assert_eq!(rewrite(b"\x1b[38;2;1;5;3;48;5;2m"), b"\x1b[38;2;1;5;3;42m");
    }

    #[test]
    fn every_colour_crossterm_writes_for_the_theme_comes_out_in_16_colour_form() {
        use ratatui::crossterm::style::{Color, Colors, SetColors};
        let basic = [
            Color::Black,
            Color::DarkRed,
            Color::DarkGreen,
            Color::DarkYellow,
            Color::DarkBlue,
            Color::DarkMagenta,
            Color::DarkCyan,
            Color::Grey,
            Color::DarkGrey,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::White,
            Color::Reset,
        ];
        for fg in basic {
            for bg in basic {
                let mut s = String::new();
                ratatui::crossterm::Command::write_ansi(&SetColors(Colors::new(fg, bg)), &mut s)
                    .unwrap();
                let out = String::from_utf8(rewrite(s.as_bytes())).unwrap();
                assert!(!out.contains(";5;"), "{s:?} became {out:?}");
            }
        }
    }

    #[test]
    fn other_sequences_and_text_are_untouched() {
        let s = "\x1b[38;5;208m科技\x1b[38;2;1;2;3m\x1b[1m\x1b[38;5;1\x1b[2J\x1b[10;20H".as_bytes();
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
