//! The output boundary: everything yusuan writes for a terminal passes through here.
//!
//! Field-level [`sanitize`](crate::text::sanitize) makes data readable where it is placed;
//! this module is the last line: whatever a command prints, on stdout or stderr, no C0/C1
//! control character, ESC or invisible format character from data reaches the terminal (only
//! the newlines of the output's own layout pass). JSON output additionally escapes those
//! characters inside strings (`\u202e`), so it stays valid JSON, reads back to the same
//! strings, and is safe to `cat`.

use std::borrow::Cow;
use std::io::Write;

use crate::text::placeholder;

/// `text` with every character that must not reach a terminal replaced by a visible
/// placeholder, except `\n` (the line structure of the output itself).
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && placeholder(c).is_some();
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    placeholder(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Escapes, in JSON text produced by `serde_json`, every character a terminal would act on or
/// hide (C1 controls, bidi and zero-width characters, line separators) as `\uXXXX`.
///
/// Valid because serde_json already escapes C0 controls inside strings, so such characters
/// occur only inside strings, where `\uXXXX` means the same character; the raw newlines and
/// spaces left are the layout of pretty-printed JSON.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let needs = |c: char| !matches!(c, '\n' | ' ') && placeholder(c).is_some();
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` to stdout through [`for_terminal`]. A closed pipe (`yusuan ls | head`) is not
/// an error worth reporting.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(for_terminal(text).as_bytes());
    let _ = stdout.flush();
}

/// Writes one line to stderr through [`for_terminal`].
pub fn eprint_line(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(for_terminal(text).as_bytes());
    let _ = stderr.write_all(b"\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str =
        "310\u{1b}]52;c;UFdORUQ=\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{200b}\u{85}\r\t";

    #[test]
    fn terminal_text_keeps_newlines_only() {
        let text = format!("a\n{PAYLOAD}\n");
        let out = for_terminal(&text);
        assert!(out.starts_with("a\n") && out.ends_with('\n'));
        assert!(
            !out.chars()
                .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}' || c == '\u{200b}')),
            "{out:?}"
        );
        assert!(matches!(for_terminal("科技\n局"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_round_trip() {
        let value = serde_json::json!({ "code": PAYLOAD, "emoji": "😀", "k\u{202e}": 1 });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let safe = escape_json(&pretty);
        assert!(safe.contains("\\u202e") && safe.contains("\\u0085") && safe.contains("\\u009b"));
        assert!(
            !safe
                .chars()
                .any(|c| c != '\n' && (c.is_control() || crate::text::placeholder(c).is_some())),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
        // Characters outside the BMP that need no escape stay as they are.
        assert!(safe.contains('😀'));
    }
}
