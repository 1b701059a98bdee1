//! The columns of a working paper, and what each holds for a finding.

use crate::audit::Finding;
use crate::lang::Lang;

use super::Report;

/// One column of the findings list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Document,
    Rule,
    Severity,
    Location,
    Expected,
    Actual,
    Difference,
    Unit,
    Message,
    Status,
    Note,
    Source,
}

/// The columns in printed order.
pub const COLUMNS: [Column; 12] = [
    Column::Document,
    Column::Rule,
    Column::Severity,
    Column::Location,
    Column::Expected,
    Column::Actual,
    Column::Difference,
    Column::Unit,
    Column::Message,
    Column::Status,
    Column::Note,
    Column::Source,
];

impl Column {
    pub fn header(self, lang: Lang) -> &'static str {
        match self {
            Column::Document => lang.t("Document", "文档"),
            Column::Rule => lang.t("Rule", "规则"),
            Column::Severity => lang.t("Severity", "严重程度"),
            Column::Location => lang.t("Location", "位置"),
            Column::Expected => lang.t("Expected", "期望"),
            Column::Actual => lang.t("Actual", "实际"),
            Column::Difference => lang.t("Difference", "差额"),
            Column::Unit => lang.t("Unit", "单位"),
            Column::Message => lang.t("Message", "说明"),
            Column::Status => lang.t("Status", "核查状态"),
            Column::Note => lang.t("Note", "备注"),
            Column::Source => lang.t("Source page", "来源页"),
        }
    }

    /// Whether the column holds an amount (where the finding has amounts).
    pub fn is_amount(self) -> bool {
        matches!(self, Column::Expected | Column::Actual | Column::Difference)
    }
}

/// Where a finding is, as one text: table › row › column › section, then the sentence.
pub fn location_text(f: &Finding) -> String {
    let place = f.location.to_string();
    match &f.location.sentence {
        Some(s) if place.is_empty() => format!("“{s}”"),
        Some(s) => format!("{place}\n“{s}”"),
        None => place,
    }
}

/// The text of `column` for finding `f`.
pub fn cell(report: &Report, f: &Finding, column: Column) -> String {
    let lang = report.lang;
    let mark = report.mark(f);
    match column {
        Column::Document => f.document.clone(),
        Column::Rule => f.rule.clone(),
        Column::Severity => match lang {
            Lang::Zh => f.severity.label_zh().to_string(),
            Lang::En => f.severity.label().to_string(),
        },
        Column::Location => location_text(f),
        Column::Expected => f.expected.clone().unwrap_or_default(),
        Column::Actual => f.actual.clone().unwrap_or_default(),
        Column::Difference => f.difference.map(|d| d.to_string()).unwrap_or_default(),
        Column::Unit => f.unit.clone().unwrap_or_default(),
        Column::Message => match lang {
            Lang::Zh if !f.message_zh.is_empty() => f.message_zh.clone(),
            _ => f.message.clone(),
        },
        Column::Status => match (mark, lang) {
            (Some(m), Lang::Zh) => m.status.label_zh().to_string(),
            (Some(m), Lang::En) => m.status.label().to_string(),
            (None, Lang::Zh) => "未核查".to_string(),
            (None, Lang::En) => "open".to_string(),
        },
        Column::Note => mark.map(|m| m.note.clone()).unwrap_or_default(),
        Column::Source => f.source.clone().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing;

    #[test]
    fn cells_carry_the_mark_and_the_language() {
        let docs = testing::documents();
        let findings = testing::findings();
        let marks = testing::marks(&findings);
        let zh = Report {
            documents: &docs,
            findings: &findings,
            marks: &marks,
            lang: Lang::Zh,
        };
        assert_eq!(cell(&zh, &findings[0], Column::Status), "已确认");
        assert_eq!(cell(&zh, &findings[0], Column::Note), "核对原文第7页，属实");
        assert_eq!(cell(&zh, &findings[0], Column::Severity), "错误");
        assert_eq!(cell(&zh, &findings[1], Column::Status), "未核查");
        assert_eq!(cell(&zh, &findings[0], Column::Difference), "293.00");
        assert!(cell(&zh, &findings[0], Column::Location).contains("\n“基本支出"));
        let en = Report {
            lang: Lang::En,
            ..zh
        };
        assert_eq!(cell(&en, &findings[0], Column::Status), "confirmed");
        assert_eq!(Column::Source.header(Lang::Zh), "来源页");
        assert_eq!(Column::Source.header(Lang::En), "Source page");
    }
}
