//! Text fitting for the terminal: sanitised, CJK-aware truncation and wrapping, amounts with
//! thousands separators aligned on the decimal point.

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthChar;
use yusuan::model::MoneyUnit;
use yusuan::model::amount::group_thousands;
use yusuan::text::{sanitize, width};

/// Text from data made safe for the screen (see [`yusuan::text::sanitize`]).
pub fn clean(text: &str) -> String {
    sanitize(text).into_owned()
}

/// Cuts to `max` cells with `…`.
pub fn fit(text: &str, max: usize) -> String {
    yusuan::text::truncate(text, max).into_owned()
}

/// Cuts `text` to `max` cells from the left, keeping its end: `…支出功能分类 › 206 ›`.
pub fn fit_left(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > max {
            break;
        }
        used += cw;
        kept.push(c);
    }
    format!("…{}", kept.into_iter().rev().collect::<String>())
}

/// Pads or cuts to exactly `cells` cells.
pub fn cell(text: &str, cells: usize) -> String {
    let t = fit(text, cells);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cells.saturating_sub(w)))
}

/// Punctuation that must not start a line (closing marks, pauses, stops).
fn no_line_start(c: char) -> bool {
    "。，、；：？！）》」』】〕〉”’…·％,.;:?!)]}%".contains(c)
}

/// Punctuation that must not end a line (opening marks).
fn no_line_end(c: char) -> bool {
    "（《「『【〔〈“‘([{".contains(c)
}

/// Wraps text to lines of at most `max` cells, breaking anywhere (CJK has no spaces) except
/// inside a Latin word or a number, which moves to the next line whole when the line has a
/// space to break at; a break at a space drops the space. Chinese line-breaking rules hold: a
/// closing mark (。，、）》 …) never starts a line and an opening mark (（《“ …) never ends one:
/// the character before the break moves down with it.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let word = |c: char| c.is_ascii_graphic();
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > max && !line.is_empty() {
                let mut carry = String::new();
                if word(c)
                    && line.ends_with(word)
                    && let Some(p) = line.rfind(' ')
                    && !line[..p].trim().is_empty()
                {
                    carry = line[p + 1..].to_string();
                    line.truncate(p);
                } else if max >= 4 {
                    // Move characters down until the line neither ends with an opening mark
                    // nor leaves a closing mark to start the next one (at most two: a line of
                    // punctuation alone is cut where it must be).
                    let mut next_first = c;
                    for _ in 0..2 {
                        let last = line.chars().last();
                        let must = no_line_start(next_first) || last.is_some_and(no_line_end);
                        if !must || line.chars().count() <= 1 {
                            break;
                        }
                        let moved = line.pop().unwrap_or_default();
                        carry.insert(0, moved);
                        next_first = moved;
                    }
                }
                out.push(std::mem::take(&mut line).trim_end().to_string());
                used = width(&carry);
                line = carry;
                if c == ' ' && line.is_empty() {
                    continue;
                }
            }
            line.push(c);
            used += w;
        }
        out.push(line);
    }
    out
}

/// An amount with thousands separators, keeping its printed scale.
pub fn amount(value: Decimal) -> String {
    group_thousands(value)
}

/// Widths to align amounts on the decimal point: (integer part, fraction part with its point).
pub fn decimal_widths<'a>(texts: impl Iterator<Item = &'a str>) -> (usize, usize) {
    texts.fold((0, 0), |(i, f), t| {
        let (int, frac) = split_point(t);
        (i.max(width(int)), f.max(width(frac)))
    })
}

fn split_point(t: &str) -> (&str, &str) {
    match t.find('.') {
        Some(p) => (&t[..p], &t[p..]),
        None => (t, ""),
    }
}

/// `text` aligned on its decimal point within `int_w + frac_w` cells.
pub fn aligned(text: &str, int_w: usize, frac_w: usize) -> String {
    let (int, frac) = split_point(text);
    format!(
        "{}{int}{frac}{}",
        " ".repeat(int_w.saturating_sub(width(int))),
        " ".repeat(frac_w.saturating_sub(width(frac)))
    )
}

/// `part` as a percentage of `whole`, both converted to yuan: `45.2%`.
pub fn share(
    part: Option<(Decimal, MoneyUnit)>,
    whole: Option<(Decimal, MoneyUnit)>,
) -> Option<String> {
    let (p, pu) = part?;
    let (w, wu) = whole?;
    let p = p * Decimal::from(pu.yuan_per_unit());
    let w = w * Decimal::from(wu.yuan_per_unit());
    if w.is_zero() {
        return None;
    }
    let pct = (p / w * Decimal::from(100)).round_dp(1);
    Some(format!("{pct:.1}%"))
}

/// A bar of `cells` cells filled to `fraction` (0..=1), readable without colour: the rest of
/// the track is dotted.
#[cfg(test)]
pub fn bar(fraction: f64, cells: usize) -> String {
    bar_on(fraction, cells, '·')
}

/// A bar whose empty part is `track` (a blank where colour already shows the bar).
pub fn bar_on(fraction: f64, cells: usize, track: char) -> String {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (f * cells as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let rest = eighths % 8;
    let mut s = "█".repeat(full.min(cells));
    if full < cells && rest > 0 {
        s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest - 1]);
    }
    let w = width(&s);
    s.extend(std::iter::repeat_n(track, cells.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn wraps_cjk_by_width() {
        assert_eq!(wrap("科学技术局", 4), ["科学", "技术", "局"]);
        assert_eq!(wrap("ab cd", 2), ["ab", "cd"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a\nb", 5), ["a", "b"]);
        assert_eq!(wrap("tables give 1465.18", 14), ["tables give", "1465.18"]);
        assert_eq!(
            wrap("说明 give 1,465.18 万元", 12),
            ["说明 give", "1,465.18 万", "元"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"], "no space: cut");
    }

    #[test]
    fn chinese_line_breaking_rules() {
        // 。 would start the second line: 元 moves down with it.
        assert_eq!(
            wrap("支出合计一百万元。其余", 8),
            ["支出合计", "一百万", "元。其余"]
        );
        // （ would end the first line: it moves down.
        assert_eq!(wrap("科学技术（一）项目", 10), ["科学技术", "（一）项目"]);
        for text in [
            "甲乙丙丁，戊己庚辛、壬癸。子丑寅卯（辰巳）午未",
            "一、二、三、四、五、六、七",
        ] {
            for w in 4..12 {
                let lines = wrap(text, w);
                assert_eq!(lines.concat(), text, "nothing lost at {w}");
                for l in &lines[1..] {
                    let first = l.chars().next().unwrap();
                    assert!(!no_line_start(first), "{l:?} starts with {first} at {w}");
                }
                for l in &lines[..lines.len() - 1] {
                    assert!(!l.ends_with(no_line_end), "{l:?} at {w}");
                    assert!(width(l) <= w, "{l:?} wider than {w}");
                }
            }
        }
    }

    #[test]
    fn aligns_on_the_point() {
        let v = ["1,758.18", "81.2", "5"];
        let (i, f) = decimal_widths(v.iter().copied());
        assert_eq!((i, f), (5, 3));
        assert_eq!(aligned("1,758.18", i, f), "1,758.18");
        assert_eq!(aligned("81.2", i, f), "   81.2 ");
        assert_eq!(aligned("5", i, f), "    5   ");
    }

    #[test]
    fn shares_and_bars() {
        let d = |s| Some((Decimal::from_str(s).unwrap(), MoneyUnit::WanYuan));
        assert_eq!(share(d("30"), d("100")).unwrap(), "30.0%");
        assert_eq!(share(d("1"), d("0")), None);
        let yuan = Some((Decimal::from(150_000), MoneyUnit::Yuan));
        assert_eq!(share(yuan, d("30")).unwrap(), "50.0%");
        assert_eq!(bar(0.5, 4), "██··");
        assert_eq!(width(&bar(0.33, 10)), 10);
        assert_eq!(bar(f64::NAN, 3), "···");
    }

    #[test]
    fn fits_and_cleans() {
        assert_eq!(cell("科学技术", 5), "科学…");
        assert_eq!(width(&cell("科学技术", 5)), 5);
        assert_eq!(clean("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(clean("X\u{2028}Y\u{feff}Z\u{2060}"), "X␤Y�Z�");
        assert_eq!(clean("科学"), "科学");
    }
}
