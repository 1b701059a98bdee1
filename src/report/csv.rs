//! CSV for Excel and WPS: UTF-8 with a byte-order mark (without it both read Chinese text as
//! GBK and show mojibake), CRLF line ends, every field quoted as RFC 4180 says where needed.

use super::Report;
use super::columns::{COLUMNS, cell};

/// A field as CSV: quoted when it holds a comma, quote or line break; a text that a spreadsheet
/// would run as a formula (`=`, `+`, `@`, or `-` not starting a number) gets a leading `'`.
fn field(text: &str) -> String {
    let text = clean(text);
    let formula = text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && text[1..].parse::<rust_decimal::Decimal>().is_err());
    let text = if formula { format!("'{text}") } else { text };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Control characters from data become visible placeholders; line breaks stay line breaks.
fn clean(text: &str) -> String {
    text.split('\n')
        .map(|line| crate::text::sanitize(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The findings as one CSV table with a header row.
pub fn render(report: &Report) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|c| field(c.header(report.lang)))
        .collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for f in report.findings {
        let row: Vec<String> = COLUMNS
            .iter()
            .map(|&c| field(&cell(report, f, c)))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::report::testing;

    #[test]
    fn csv_has_a_bom_crlf_and_quoted_fields() {
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
        assert!(text.starts_with(
            "\u{feff}文档,规则,严重程度,位置,期望,实际,差额,单位,说明,核查状态,备注,来源页\r\n"
        ));
        // Three records: the header and two findings; the sentence's line break is inside quotes.
        assert_eq!(text.matches("\r\n").count(), 3);
        assert!(text.contains("\"六、一般公共预算基本支出预算情况说明\n“基本支出为 1758.18 万元，其中：人员经费\"\"甲\"\"”\""));
        assert!(text.contains(",1465.18,1758.18,293.00,万元,"));
        assert!(text.contains(",已确认,核对原文第7页，属实,p. 7\r\n"));
        // A formula-looking text is defused; a negative number is not.
        assert!(text.contains(",'=SUM(A1),"));
        assert_eq!(field("-74.76"), "-74.76");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("x\u{1b}y"), "x␛y");
    }
}
