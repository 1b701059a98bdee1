//! Copying with OSC 52: the terminal puts the text on the clipboard, so it works over SSH with
//! no clipboard tool on the server. The text is sanitised first (no control bytes from data
//! reach the terminal) and bounded, since some terminals refuse long sequences.

/// Longest text copied, in bytes (before encoding).
pub const MAX_COPY: usize = 64 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Text made safe to copy: control characters shown as placeholders (line feeds and tabs,
/// which a pasted table needs, are kept), cut to [`MAX_COPY`] bytes on a character boundary.
pub fn sanitize_copy(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| yusuan::text::sanitize(c).into_owned())
            .collect();
        out.push_str(&cells.join("\t"));
    }
    if out.len() > MAX_COPY {
        let mut end = MAX_COPY;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    format!("\x1b]52;c;{}\x07", base64(sanitize_copy(text).as_bytes())).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("科技".as_bytes()), "56eR5oqA");
    }

    #[test]
    fn control_bytes_never_reach_the_clipboard() {
        let seq = osc52("a\x1b]52;c;evil\x07b\tc\nd");
        let text = String::from_utf8(seq).unwrap();
        let payload = text
            .strip_prefix("\x1b]52;c;")
            .and_then(|t| t.strip_suffix('\x07'))
            .unwrap();
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let copied = sanitize_copy("a\x1b]52;c;evil\x07b\tc\nd");
        assert!(
            !copied.contains('\x1b') && !copied.contains('\x07'),
            "{copied:?}"
        );
        assert!(copied.contains("\tc\nd"), "tabs and line feeds kept");
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let s = "科".repeat(MAX_COPY);
        let c = sanitize_copy(&s);
        assert!(c.len() <= MAX_COPY);
        assert!(c.chars().all(|ch| ch == '科'));
    }
}
