//! Markdown: a heading and a findings table per document, for wikis and issue trackers.

use std::fmt::Write;

use super::Report;
use super::columns::{COLUMNS, Column, cell};
use crate::lang::Lang;

/// A cell's text safe inside a Markdown table: pipes escaped, line breaks as `<br>`, control
/// characters as visible placeholders.
fn escape(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            crate::text::sanitize(line)
                .replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace('<', "&lt;")
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The findings grouped by document, each with a summary line and a table.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lang.t("Audit findings", "审核发现"));
    // The document column is the heading's business; the table leaves it out.
    let columns: Vec<Column> = COLUMNS
        .into_iter()
        .filter(|&c| c != Column::Document)
        .collect();
    for doc in report.documents {
        let c = report.counts(&doc.id);
        let _ = writeln!(
            out,
            "## {} {} {}{}\n",
            escape(&doc.id),
            escape(&doc.department),
            doc.year,
            lang.t("", "年")
        );
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "{}。错误 {}，警告 {}，提示 {}；已确认 {}，已排除 {}。\n",
                escape(&doc.region),
                c.errors,
                c.warnings,
                c.info,
                c.confirmed,
                c.dismissed
            ),
            Lang::En => writeln!(
                out,
                "{}. {} errors, {} warnings, {} info; {} confirmed, {} dismissed.\n",
                escape(&doc.region),
                c.errors,
                c.warnings,
                c.info,
                c.confirmed,
                c.dismissed
            ),
        };
        let mut mine = report.findings_of(&doc.id).peekable();
        if mine.peek().is_none() {
            let _ = writeln!(out, "{}\n", lang.t("No findings.", "未发现问题。"));
            continue;
        }
        let header: Vec<&str> = columns.iter().map(|c| c.header(lang)).collect();
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let rule: Vec<&str> = columns
            .iter()
            .map(|c| if c.is_amount() { "---:" } else { "---" })
            .collect();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for f in mine {
            let cells: Vec<String> = columns
                .iter()
                .map(|&c| escape(&cell(report, f, c)))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing;

    #[test]
    fn markdown_has_a_table_per_document_with_escaped_cells() {
        let docs = testing::documents();
        let findings = testing::findings();
        let marks = testing::marks(&findings);
        let report = Report {
            documents: &docs,
            findings: &findings,
            marks: &marks,
            lang: Lang::Zh,
        };
        let text = render(&report);
        assert!(text.contains("## 000-sanmenxia 三门峡市科学技术局 2025年\n"));
        assert!(text.contains("错误 1，警告 1，提示 0；已确认 1，已排除 0。"));
        assert!(text.contains("| 规则 | 严重程度 | 位置 |"));
        assert!(text.contains("科技交流\\|合作"));
        assert!(text.contains("说明<br>“基本支出"));
        let rows = text.lines().filter(|l| l.starts_with("| ")).count();
        assert_eq!(rows, 4, "{text}"); // header, rule, two findings
    }
}
