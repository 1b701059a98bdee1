//! Text for the terminal: control characters made visible, CJK-aware widths, padding.
//!
//! Data comes from files anyone can write. Nothing from a file is ever written to the
//! terminal raw: C0/C1 control characters (including ESC, which starts escape sequences)
//! become visible placeholders such as `␛`.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces control characters with visible placeholders (`\n` → `␤`, ESC → `␛`, others → `�`).
/// Line and paragraph separators (U+2028/2029) become `␤` too, and invisible format characters
/// (bidi controls, zero-width characters, BOM, soft hyphen, tag characters) become `�`, so two
/// names that look alike on screen are alike in data, and nothing shifts a row.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| placeholder(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| placeholder(c).unwrap_or(c)).collect())
}

/// The placeholder shown instead of `c`, if `c` must not reach the terminal as it is.
pub fn placeholder(c: char) -> Option<char> {
    match c {
        '\n' | '\u{2028}' | '\u{2029}' => Some('␤'),
        '\t' => Some('␉'),
        '\r' => Some('␍'),
        '\u{1b}' => Some('␛'),
        '\u{7f}' => Some('␡'),
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
        c if c.is_control() => Some('�'),
        '\u{00ad}'
        | '\u{061c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Some('�'),
        _ => None,
    }
}

/// Display width in terminal cells (CJK characters take two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` cells, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads `text` with spaces on the right to `cells` cells.
pub fn pad_right(text: &str, cells: usize) -> String {
    let w = width(text);
    format!("{text}{}", " ".repeat(cells.saturating_sub(w)))
}

/// Pads `text` with spaces on the left to `cells` cells.
pub fn pad_left(text: &str, cells: usize) -> String {
    let w = width(text);
    format!("{}{text}", " ".repeat(cells.saturating_sub(w)))
}

/// Longest quoted value kept in a message, in characters.
const MAX_QUOTED_CHARS: usize = 60;

/// Cuts every value quoted in `message` (between backticks or double quotes) to a readable
/// length: `unknown variant `xxxx…` (100000 characters)`. A 100 KB value echoed in an error
/// helps no one.
pub fn cut_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            rest = after;
            out.push_str(&cut(rest));
            return out;
        };
        out.push_str(&cut(&after[..close]));
        out.push(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` cut to `max` characters, ending with `…` when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn cut(value: &str) -> String {
    let n = value.chars().count();
    if n <= MAX_QUOTED_CHARS {
        return value.to_string();
    }
    let head: String = value.chars().take(MAX_QUOTED_CHARS).collect();
    format!("{head}… ({n} characters)")
}

/// `text` without the spaces between two Chinese characters: where a text export wrapped a
/// narrow cell (`装修等项 目`), never printed. Spaces beside Latin letters or figures stay.
pub fn join_han_wraps(text: &str) -> Cow<'_, str> {
    let is_han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    drop_wrap_spaces(text, |a, b| is_han(a) && is_han(b))
}

/// `text` without the runs of spaces between two printed characters for which `joins(before,
/// after)` holds; spaces at either end stay.
pub fn drop_wrap_spaces(text: &str, joins: impl Fn(char, char) -> bool) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let wrap_at = |i: usize| {
        chars[i].is_whitespace() && {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[i..].iter().find(|c| !c.is_whitespace());
            matches!((before, after), (Some(&a), Some(&b)) if joins(a, b))
        }
    };
    if !(0..chars.len()).any(wrap_at) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        (0..chars.len())
            .filter(|&i| !wrap_at(i))
            .map(|i| chars[i])
            .collect(),
    )
}

/// `text` without spaces of any kind: how printed labels and sentences are compared, since
/// PDFs and text exports space Chinese text arbitrarily.
pub fn compact(text: &str) -> String {
    // Copied by runs between spaces, not char by char: every narrative sentence passes here.
    let mut out = String::with_capacity(text.len());
    for run in text.split(char::is_whitespace) {
        out.push_str(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_between_chinese_characters_are_joined() {
        assert_eq!(join_han_wraps("装修等项 目"), "装修等项目");
        assert_eq!(
            join_han_wraps("职工基本 医疗保险  缴费"),
            "职工基本医疗保险缴费"
        );
        assert_eq!(join_han_wraps("2024年 100项"), "2024年 100项");
        assert!(matches!(join_han_wraps("行政运行"), Cow::Borrowed(_)));
    }

    #[test]
    fn compact_drops_every_kind_of_space() {
        assert_eq!(
            compact(" 支出 \t1,758.18\u{3000}万元\n"),
            "支出1,758.18万元"
        );
        assert_eq!(compact(""), "");
        assert_eq!(compact("   "), "");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize("x\ny\u{7}"), "x␤y␇");
        assert_eq!(sanitize("\u{9b}31m"), "�31m");
        assert_eq!(sanitize("\u{202e}evil"), "�evil");
        assert!(matches!(sanitize("科技"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize("局X\u{2028}Y\u{feff}\u{00ad}\u{e0041}"),
            "局X␤Y���"
        );
    }

    #[test]
    fn long_quoted_values_are_cut() {
        let long = "x".repeat(100_000);
        let msg = cut_values(&format!("unknown variant `{long}`, expected `a` or \"b\""));
        assert!(msg.len() < 200, "{msg}");
        assert!(
            msg.contains("… (100000 characters)`, expected `a` or \"b\""),
            "{msg}"
        );
        assert_eq!(cut_values("no quotes"), "no quotes");
        let open = cut_values(&format!("unterminated \"{long}"));
        assert!(open.ends_with("(100000 characters)"), "{open}");
    }

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(width("科技abc"), 7);
        assert_eq!(truncate("科学技术局", 5), "科学…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(pad_left("科", 4), "  科");
        assert_eq!(pad_right("科", 3), "科 ");
    }
}
