//! The rows of a collapsed table as printed: 序号, codes, names and figures, over as many lines
//! as the export wrapped each into.

use rust_decimal::Decimal;

use super::super::grid::RawLine;
use super::super::layout::compact;
use super::super::words::{is_amount, is_total_label};
use super::header::{Header, TextColumn};

/// One row as printed: its codes and names (one of each per pair of text columns), figures.
#[derive(Clone, Debug)]
pub(super) struct PrintedRow {
    pub(super) codes: Vec<String>,
    pub(super) labels: Vec<String>,
    pub(super) figures: Vec<String>,
    pub(super) values: Vec<Decimal>,
    pub(super) page: u32,
    pub(super) line: Option<u32>,
    pub(super) last_line: Option<u32>,
}

impl PrintedRow {
    pub(super) fn code(&self) -> &str {
        self.codes.first().map_or("", String::as_str)
    }
    pub(super) fn label(&self) -> &str {
        self.labels.first().map_or("", String::as_str)
    }
    /// A budget unit's line (`261 焦作市产业技术科学院`): the sum of the coded rows under it.
    pub(super) fn is_unit(&self) -> bool {
        self.code().len() == 3 && super::super::table::is_organisation(self.label())
    }
}

/// The table's rows. Numbered rows start with their 序号 (1, 2, 3 … in order); others start
/// with a code or a 合计, or after a line that ends in figures. A row runs over as many lines
/// as the export wrapped it into. A header printed again on a later page (from its first line
/// to its last) is skipped.
pub(super) fn rows(
    lines: &[&RawLine],
    header_lines: &[&RawLine],
    header: &Header,
) -> Result<Vec<PrintedRow>, String> {
    let first_header = header_lines.first().map(|l| compact(&l.text));
    let last_header = header_lines.last().map(|l| compact(&l.text));
    let mut out: Vec<PrintedRow> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut skipping = false;
    let mut current: Option<PrintedRow> = None;
    let mut ended = false;
    let mut codes_seen = 0;
    let pairs = header
        .text
        .iter()
        .filter(|t| t.0 == TextColumn::Name)
        .count();
    let flush = |row: Option<PrintedRow>, tokens: &mut Vec<String>, out: &mut Vec<PrintedRow>| {
        if let Some(mut row) = row {
            fill(&mut row, std::mem::take(tokens), pairs);
            out.push(row);
        }
    };
    for l in lines {
        let c = compact(&l.text);
        if skipping {
            skipping = Some(&c) != last_header.as_ref();
            continue;
        }
        if Some(&c) == first_header.as_ref() && header_lines.len() > 1 {
            skipping = true;
            continue;
        }
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let coded_line = starts_with_code(&words);
        let starts = if header.numbered {
            let expected = out.len() + usize::from(current.is_some()) + 1;
            words.first().and_then(|w| w.parse::<usize>().ok()) == Some(expected)
        } else {
            // A row of two code columns prints its second code on a line of its own too.
            ended
                || current.is_none()
                || coded_line && codes_seen >= pairs
                || words.first().is_some_and(|w| is_total_label(w))
        };
        ended = words.last().is_some_and(|w| is_amount(w));
        if starts {
            codes_seen = usize::from(coded_line);
            flush(current.take(), &mut tokens, &mut out);
            current = Some(PrintedRow {
                codes: Vec::new(),
                labels: Vec::new(),
                figures: Vec::new(),
                values: Vec::new(),
                page: l.page,
                line: l.line,
                last_line: None,
            });
            let skip = usize::from(header.numbered);
            tokens.extend(words[skip..].iter().map(|w| w.to_string()));
            // Lines are kept apart: a name wrapped over lines is joined without a space.
            tokens.push("\n".into());
            continue;
        }
        let Some(row) = current.as_mut() else {
            return Err(format!(
                "line {}: a row without its 序号",
                l.line.unwrap_or(0)
            ));
        };
        row.last_line = l.line;
        codes_seen += usize::from(coded_line);
        tokens.extend(words.iter().map(|w| w.to_string()));
        tokens.push("\n".into());
    }
    flush(current.take(), &mut tokens, &mut out);
    Ok(out)
}

/// A row's codes (wrapped or printed 类 款 项 apart: joined) and names, one of each per pair
/// of text columns, and its trailing figures.
pub(super) fn fill(row: &mut PrintedRow, tokens: Vec<String>, pairs: usize) {
    // Each word with whether a line break comes before it.
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut broke = true;
    for t in &tokens {
        if t == "\n" {
            broke = true;
        } else {
            words.push((t, broke));
            broke = false;
        }
    }
    let figures = words.iter().rev().take_while(|w| is_amount(w.0)).count();
    let (text, figures) = words.split_at(words.len() - figures);
    let plain: Vec<&str> = text.iter().map(|w| w.0).collect();
    let mut at = 0;
    for pair in 0..pairs.max(1) {
        let (code, used) = code_of(&plain[at..]);
        at += used;
        // The name runs to the next pair's code (the last name to the figures).
        let end = if pair + 1 < pairs {
            (at + 1..plain.len())
                .find(|&i| !code_of(&plain[i..]).0.is_empty())
                .unwrap_or(plain.len())
        } else {
            plain.len()
        };
        let mut label = String::new();
        for (w, broke) in &text[at..end] {
            if !broke && !label.is_empty() {
                label.push(' ');
            }
            label.push_str(w);
        }
        at = end;
        row.codes.push(code);
        row.labels.push(label);
    }
    row.figures = figures.iter().map(|f| f.0.to_string()).collect();
    row.values = figures
        .iter()
        .map(|f| f.0.replace(',', "").parse::<Decimal>().unwrap_or_default())
        .collect();
}

/// Whether a line starts with a code (`505 01` alone on its line included).
pub(super) fn starts_with_code(words: &[&str]) -> bool {
    let mut with_name = words.to_vec();
    with_name.push("·");
    !code_of(&with_name).0.is_empty()
}

/// The code a row's words start with, and how many words it took: 3, 5 or 7 digits, printed
/// whole, as 类 款 项 apart (`205 08 03`) or wrapped (`206010` / `1`). A name's leading number
/// (`2025 年…`) is no code.
pub(super) fn code_of(words: &[&str]) -> (String, usize) {
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let Some(first) = words.first().filter(|w| digits(w)) else {
        return (String::new(), 0);
    };
    let mut code = first.to_string();
    let mut used = 1;
    while used < words.len() - 1 || used < words.len() && code.len() == 6 {
        let w = words[used];
        let fits = digits(w)
            && (code.len() == 6 && w.len() == 1 || matches!(code.len(), 3 | 5) && w.len() == 2);
        if !fits {
            break;
        }
        code.push_str(w);
        used += 1;
    }
    if matches!(code.len(), 3 | 5 | 7) && used < words.len() {
        (code, used)
    } else {
        (String::new(), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_joined_when_printed_apart_or_wrapped_and_names_keep_their_numbers() {
        assert_eq!(
            code_of(&["205", "08", "03", "培训支出"]),
            ("2050803".into(), 3)
        );
        assert_eq!(code_of(&["206010", "1", "行政运行"]), ("2060101".into(), 2));
        assert_eq!(code_of(&["30101", "基本工资"]), ("30101".into(), 1));
        assert_eq!(code_of(&["2025", "年专项资金"]), (String::new(), 0));
        assert_eq!(code_of(&["206"]), (String::new(), 0));
    }
}
