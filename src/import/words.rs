//! What a printed word is: an amount, a code, a total label, a page number.

use super::layout::{Line, compact};

/// An amount as printed in a table: `371,514,655.00`, `24169.74`, `0`, `-12.50`, `1,000`.
/// Codes (`2010301`) are not amounts: an amount has a decimal point or thousands separators,
/// or is short enough not to be a code (`0`, `5`).
pub fn is_amount(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['-', '－', '−']).unwrap_or(t);
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    if !t.starts_with(|c: char| c.is_ascii_digit()) || t.ends_with(',') {
        return false;
    }
    if t.matches('.').count() > 1 {
        return false;
    }
    if t.contains('.') || t.contains(',') {
        // Thousands groups of three digits.
        let int = t.split('.').next().unwrap_or("");
        return !int.contains(',') || int.split(',').skip(1).all(|g| g.len() == 3);
    }
    t.len() <= 1
}

/// A classification code printed as digits: 2–7 digits for subjects (`201`, `13`, `2010301`,
/// `30101`), longer for units and projects.
pub fn is_code(text: &str) -> bool {
    let t = text.trim();
    (2..=24).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// A dash printed for "nothing" in an amount cell.
pub fn is_dash(text: &str) -> bool {
    matches!(text.trim(), "-" | "—" | "－" | "--" | "——" | "/" | "－－")
}

/// 合计, 总计, 小计 and their spaced forms.
pub fn is_total_label(text: &str) -> bool {
    let t = compact(text);
    matches!(t.as_str(), "合计" | "总计" | "小计")
}

/// Whether text starts with a printed ordinal: `一、`, `（一）`, `(1)`, `1.`, `1、`, `1．`.
pub fn starts_with_ordinal(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars().peekable();
    let numerals = "一二三四五六七八九十";
    match chars.peek().copied() {
        Some('（' | '(') => {
            chars.next();
            let n = chars
                .by_ref()
                .take_while(|c| numerals.contains(*c) || c.is_ascii_digit())
                .count();
            n > 0
        }
        Some(c) if numerals.contains(c) => {
            let n = chars.by_ref().take_while(|c| numerals.contains(*c)).count();
            n > 0
                && t.chars()
                    .nth(n)
                    .is_some_and(|c| c == '、' || c == '.' || c == '．')
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            let sep = t.chars().nth(digits);
            let rest: String = t.chars().skip(digits + 1).collect();
            // `1.2025年…` (an ordinal before a year) but not `10.5万元` (a decimal).
            let year_follows = rest.len() >= 5
                && rest.chars().take(4).all(|c| c.is_ascii_digit())
                && rest.chars().nth(4) == Some('年');
            digits <= 2
                && match sep {
                    Some('．' | '、') => true,
                    Some('.') => !rest.starts_with(|c: char| c.is_ascii_digit()) || year_follows,
                    _ => false,
                }
        }
        _ => false,
    }
}

/// A page number or running footer: `- 3 -`, `─7─`, `第 3 页`, `3`, alone near the top or
/// bottom edge of the page.
pub fn is_page_number(line: &Line, page_height: f32, text_grid: bool) -> bool {
    let t = line.compact();
    let stripped: String = t
        .chars()
        .filter(|c| !matches!(c, '-' | '—' | '─' | '－' | '–' | '第' | '页' | '共' | '/'))
        .collect();
    let numeric =
        !stripped.is_empty() && stripped.len() <= 4 && stripped.chars().all(|c| c.is_ascii_digit());
    if !numeric || line.words.len() > 3 {
        return false;
    }
    if text_grid {
        // A text export has no page geometry: a line that is only a page number is one.
        return t != stripped || stripped.len() <= 3;
    }
    let margin = page_height * 0.1;
    line.top > page_height - margin || line.bottom < margin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_codes() {
        for a in [
            "371,514,655.00",
            "24169.74",
            "0",
            "0.00",
            "-12.50",
            "1,000",
            "5",
        ] {
            assert!(is_amount(a), "{a}");
        }
        for a in [
            "2010301", "201", "13", "1,00", "1.2.3", "", "-", "12,34.5", "财政",
        ] {
            assert!(!is_amount(a), "{a}");
        }
        assert!(is_code("2010301"));
        assert!(is_code("01"));
        assert!(!is_code("1"));
        assert!(!is_code("1,000"));
    }

    #[test]
    fn ordinals() {
        for t in [
            "一、财政拨款收入",
            "（一）财政拨款",
            "(1)政府预算",
            "1. 一般公共预算资金",
            "1．2025年",
            "十二、住房",
        ] {
            assert!(starts_with_ordinal(t), "{t}");
        }
        for t in [
            "合计",
            "2025年部门收入预算总表",
            "201",
            "一般公共服务支出",
            "10.5万元",
        ] {
            assert!(!starts_with_ordinal(t), "{t}");
        }
    }

    #[test]
    fn totals() {
        assert!(is_total_label("合 计"));
        assert!(is_total_label("总计"));
        assert!(!is_total_label("收入总计"));
    }
}
