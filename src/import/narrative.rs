//! Narrative sections from the free text: headings verbatim, paragraphs rejoined.
//!
//! A PDF wraps a paragraph at the page width; the text is joined back (Chinese needs no space
//! at a wrap). A heading is a short line that starts with a part or an ordinal (`第二部分`,
//! `一、`, `（三）`), or a short centred line (`上海市普陀区商务委员会主要职能`).

use crate::model::{Section, Source};

use super::grid::FreeLine;
use super::layout::compact;
use super::words::starts_with_ordinal;

/// Groups free lines into sections. The first lines before any heading (the cover, the
/// table of contents) are kept as a section headed by the first line.
pub fn sections(lines: &[FreeLine], file_names: &[String]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut part: Option<String> = None;
    let mut paragraph_end = true;
    for (i, l) in lines.iter().enumerate() {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        let c = compact(text);
        let source = Some(Source {
            file: (file_names.len() > 1).then(|| file_names[l.file].clone()),
            page: Some(l.page).filter(|&p| p > 0),
            line: l.line,
            ..Source::default()
        });
        let starts_part = is_part(&c);
        if starts_part {
            part = Some(text.to_string());
        }
        if starts_part || is_heading(l, &c, lines.get(i + 1)) || out.is_empty() {
            out.push(Section {
                part: part.clone(),
                heading: text.to_string(),
                text: String::new(),
                source,
            });
            paragraph_end = true;
            continue;
        }
        let section = out.last_mut().expect("a section");
        // A section continued on later pages (of the same file) says so.
        if let Some(src) = section.source.as_mut()
            && l.line.is_none()
            && src.page.is_some_and(|p| l.page > p)
            && src.file == source.as_ref().and_then(|s| s.file.clone())
        {
            src.last_page = Some(l.page);
        }
        // A new paragraph starts indented, or after a line that stopped short of the margin.
        let indented = l.x0 > line_start(lines, l) + l.size.max(8.0) * 1.2;
        if !section.text.is_empty() && (paragraph_end || indented) {
            section.text.push('\n');
        }
        section.text.push_str(text);
        if let (Some(src), Some(line)) = (section.source.as_mut(), l.line) {
            src.last_line = Some(line).filter(|&n| Some(n) != src.line);
        }
        paragraph_end = if l.line.is_some() {
            // A text export wraps where its converter did, with blank lines or none: a
            // paragraph ends with its sentence, not with the line.
            c.ends_with(['。', '！', '？', '；', '：', ':', '!', '?', ';'])
                || c.chars().count() < 12
        } else {
            l.x1 < l.page_width * 0.7 || c.ends_with('：') && c.chars().count() < 20
        };
    }
    // Sections with neither text nor anything under them are headings of the table of
    // contents or of the tables part: keep them, they are printed.
    out
}

/// The usual left margin of the lines of this page.
fn line_start(lines: &[FreeLine], l: &FreeLine) -> f32 {
    let mut xs: Vec<f32> = lines
        .iter()
        .filter(|o| o.page == l.page && o.file == l.file)
        .map(|o| o.x0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.get(xs.len() / 5).copied().unwrap_or(l.x0)
}

/// `第一部分 …`, `第二部分 …`.
fn is_part(c: &str) -> bool {
    c.starts_with('第') && c.chars().nth(2) == Some('部')
        || c.starts_with('第') && c.chars().nth(3) == Some('部')
}

fn is_heading(l: &FreeLine, c: &str, next: Option<&FreeLine>) -> bool {
    let len = c.chars().count();
    if len > 40 || c.ends_with('。') || c.ends_with('；') || c.ends_with('，') {
        return false;
    }
    let ordinal_heading = starts_with_ordinal(c)
        && !c.starts_with(|ch: char| ch.is_ascii_digit())
        && (c.starts_with('（') || c.starts_with('(') || !c.contains('，'))
        && len <= 30;
    // A centred line is a title, unless it reads like a wrapped sentence of a paragraph
    // set in a narrow column (an amount, a comma: “…支出2940.05万元，主要用于以下”).
    let centred = {
        let mid = (l.x0 + l.x1) / 2.0;
        (mid - l.page_width / 2.0).abs() < l.page_width * 0.08
            && l.x0 > l.page_width * 0.2
            && len <= 30
            && !c.contains('，')
            && !c.contains("万元")
    };
    let followed_by_text = next.is_some();
    (ordinal_heading || centred) && followed_by_text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, page: u32) -> FreeLine {
        FreeLine {
            file: 0,
            page,
            line: None,
            x0,
            x1,
            page_width: 600.0,
            text: text.into(),
            size: 12.0,
        }
    }

    #[test]
    fn headings_and_wrapped_paragraphs() {
        let lines = vec![
            line("上海市普陀区2025年区级部门预算", 200.0, 400.0, 1),
            line("一、部门主要职能", 60.0, 160.0, 2),
            line(
                "上海市普陀区商务委员会是主管全区产业经济的区政府工作部门，为正处级，加挂",
                80.0,
                560.0,
                2,
            ),
            line("牌子。", 60.0, 100.0, 2),
            line("主要职能包括：", 80.0, 180.0, 2),
            line("（一）财政拨款收入", 60.0, 300.0, 2),
            line(
                "是区级预算主管部门本年度从本级财政部门取得的财政拨款。",
                80.0,
                500.0,
                2,
            ),
        ];
        let s = sections(&lines, &[]);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].heading, "一、部门主要职能");
        assert_eq!(
            s[1].text,
            "上海市普陀区商务委员会是主管全区产业经济的区政府工作部门，为正处级，加挂牌子。\n主要职能包括："
        );
        assert_eq!(s[1].source.as_ref().unwrap().page, Some(2));
        assert_eq!(s[1].source.as_ref().unwrap().last_page, None);
    }

    #[test]
    fn a_centred_line_of_a_paragraph_is_not_a_heading() {
        let lines = vec![
            line("五、一般公共预算财政拨款支出决算情况说明", 60.0, 400.0, 2),
            line(
                "一般公共预算财政拨款支出2940.05万元，主要用于以下",
                130.0,
                470.0,
                2,
            ),
            line(
                "方面：一般公共服务支出（类）2106.66万元，占71.73%。",
                130.0,
                400.0,
                2,
            ),
        ];
        let s = sections(&lines, &[]);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(
            s[0].text
                .starts_with("一般公共预算财政拨款支出2940.05万元，主要用于以下")
        );
        assert!(
            s[0].text
                .contains("方面：一般公共服务支出（类）2106.66万元")
        );
    }

    #[test]
    fn a_section_continued_on_the_next_page_names_its_last_page() {
        let lines = vec![
            line("一、部门主要职能", 60.0, 160.0, 2),
            line("负责全区商务工作，", 80.0, 560.0, 2),
            line("并承担区政府交办的其他事项。", 60.0, 300.0, 3),
            line("二、机构设置", 60.0, 160.0, 3),
            line("下设两个单位。", 80.0, 300.0, 3),
        ];
        let s = sections(&lines, &[]);
        let src = |i: usize| s[i].source.clone().unwrap();
        assert_eq!((src(0).page, src(0).last_page), (Some(2), Some(3)));
        assert_eq!((src(1).page, src(1).last_page), (Some(3), None));
    }
}
