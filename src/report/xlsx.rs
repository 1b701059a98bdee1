//! The xlsx working paper: a findings sheet (frozen header row, filters on every column,
//! amounts as numbers with their printed decimals) and one summary sheet per document.
//!
//! Written with rust_xlsxwriter: pure Rust, maintained, and it writes the files Excel and WPS
//! open without repair — a zip of XML parts we would otherwise have to get exactly right.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Report;
use super::columns::{COLUMNS, Column, cell};
use crate::audit::Finding;
use crate::lang::Lang;

/// Longest sheet name Excel accepts.
const MAX_SHEET_NAME: usize = 31;

/// Longest text a cell holds (Excel's limit is 32,767 characters).
const MAX_CELL_CHARS: usize = 32_000;

/// A cell's text: control characters visible, line breaks kept, cut to what a cell holds.
fn cell_text(text: &str) -> String {
    let text = crate::text::sanitize(text).replace('␤', "\n");
    if text.chars().count() > MAX_CELL_CHARS {
        let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        text
    }
}

/// Column widths in characters, by column.
fn width(c: Column) -> f64 {
    match c {
        Column::Document => 18.0,
        Column::Rule => 12.0,
        Column::Severity | Column::Status | Column::Unit => 9.0,
        Column::Location => 48.0,
        Column::Expected | Column::Actual | Column::Difference => 14.0,
        Column::Message => 60.0,
        Column::Note => 30.0,
        Column::Source => 12.0,
    }
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook.
fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let base: String = clean.chars().take(MAX_SHEET_NAME).collect();
    let base = if base.is_empty() { "_".into() } else { base };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        let suffix = format!("~{n}");
        let keep = MAX_SHEET_NAME - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// An amount cell as a number where the finding's values are amounts; `None` keeps it text.
fn number(f: &Finding, text: &str) -> Option<(f64, u32)> {
    f.unit.as_ref()?;
    let d: Decimal = text.parse().ok()?;
    Some((d.to_f64()?, d.scale()))
}

fn number_format(scale: u32) -> Format {
    let decimals = "0".repeat(scale.min(10) as usize);
    let pattern = if decimals.is_empty() {
        "#,##0".to_string()
    } else {
        format!("#,##0.{decimals}")
    };
    Format::new().set_num_format(pattern)
}

fn findings_sheet(report: &Report, name: String) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (i, &c) in COLUMNS.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(0, col, c.header(report.lang), &bold)?;
        ws.set_column_width(col, width(c))?;
    }
    for (r, f) in report.findings.iter().enumerate() {
        let row = r as u32 + 1;
        for (i, &c) in COLUMNS.iter().enumerate() {
            let col = i as u16;
            let text = cell_text(&cell(report, f, c));
            match (c.is_amount(), number(f, &text)) {
                (true, Some((value, scale))) => {
                    ws.write_number_with_format(row, col, value, &number_format(scale))?;
                }
                _ if matches!(c, Column::Location | Column::Message | Column::Note) => {
                    ws.write_string_with_format(row, col, text, &wrap)?;
                }
                _ => {
                    ws.write_string(row, col, text)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_row = report.findings.len() as u32;
    ws.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;
    Ok(ws)
}

fn summary_sheet(
    report: &Report,
    doc: &super::DocSummary,
    name: String,
) -> Result<Worksheet, XlsxError> {
    let lang = report.lang;
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 48)?;
    ws.set_column_width(2, 10)?;
    let c = report.counts(&doc.id);
    let facts: [(&str, String); 10] = [
        (lang.t("Document", "文档"), doc.id.clone()),
        (lang.t("Department", "部门"), doc.department.clone()),
        (lang.t("Region", "地区"), doc.region.clone()),
        (lang.t("Budget year", "预算年度"), doc.year.to_string()),
        (
            lang.t("Transcribed from", "来源文件"),
            doc.source_file.clone(),
        ),
        (lang.t("Errors", "错误"), c.errors.to_string()),
        (lang.t("Warnings", "警告"), c.warnings.to_string()),
        (lang.t("Info", "提示"), c.info.to_string()),
        (lang.t("Confirmed", "已确认"), c.confirmed.to_string()),
        (lang.t("Dismissed", "已排除"), c.dismissed.to_string()),
    ];
    for (r, (label, value)) in facts.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, *label, &bold)?;
        let value = cell_text(value);
        match value.parse::<u32>() {
            Ok(n) if r >= 5 => ws.write_number(r as u32, 1, n)?,
            _ => ws.write_string(r as u32, 1, value)?,
        };
    }
    // Findings by rule, for the 底稿's overview.
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in report.findings_of(&doc.id) {
        *by_rule.entry(f.rule.as_str()).or_default() += 1;
    }
    let top = facts.len() as u32 + 1;
    ws.write_string_with_format(top, 0, lang.t("Rule", "规则"), &bold)?;
    ws.write_string_with_format(top, 1, lang.t("Title", "规则名称"), &bold)?;
    ws.write_string_with_format(top, 2, lang.t("Findings", "数量"), &bold)?;
    for (i, (rule, n)) in by_rule.iter().enumerate() {
        let row = top + 1 + i as u32;
        ws.write_string(row, 0, *rule)?;
        if let Some(meta) = crate::audit::rule(rule).map(|r| r.meta()) {
            ws.write_string(row, 1, lang.t(meta.title, meta.title_zh))?;
        }
        ws.write_number(row, 2, *n as u32)?;
    }
    Ok(ws)
}

/// The workbook's bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut taken = HashSet::new();
    let findings_name = sheet_name(report.lang.t("Findings", "审核发现"), &mut taken);
    workbook.push_worksheet(findings_sheet(report, findings_name)?);
    for doc in report.documents {
        let prefix = match report.lang {
            Lang::Zh => "概要 ",
            Lang::En => "Summary ",
        };
        let name = sheet_name(&format!("{prefix}{}", doc.id), &mut taken);
        workbook.push_worksheet(summary_sheet(report, doc, name)?);
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds() {
        let long = "长".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("a\nb\u{1b}"), "a\nb␛");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
        let long = "x".repeat(40);
        let first = sheet_name(&long, &mut taken);
        let second = sheet_name(&long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("~2"));
        assert_eq!(sheet_name("A_B_C", &mut taken), "A_B_C~2");
    }
}
