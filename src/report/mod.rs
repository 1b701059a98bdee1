//! Working papers (底稿): the audit's findings as CSV, an xlsx workbook or Markdown, with the
//! auditor's triage marks beside each finding, for handing in or filing.
//!
//! Every format has the same columns ([`columns`]), named in Chinese or English. The writers
//! take the findings and a short summary of each document, not the documents themselves, so
//! they work however the audit is driven.

pub mod columns;
pub mod csv;
pub mod markdown;
pub mod xlsx;

use crate::audit::{Finding, Severity};
use crate::lang::Lang;
use crate::load::Loaded;
use crate::triage::{Mark, Status, Store};

/// What a report says about one audited document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSummary {
    pub id: String,
    pub department: String,
    pub region: String,
    pub year: u16,
    pub source_file: String,
}

impl DocSummary {
    pub fn of(loaded: &Loaded) -> DocSummary {
        DocSummary {
            id: loaded.id.clone(),
            department: loaded.doc.department.name.clone(),
            region: loaded.doc.region.display(),
            year: loaded.doc.year,
            source_file: loaded.doc.source_file.clone(),
        }
    }
}

/// Everything a writer needs.
pub struct Report<'a> {
    pub documents: &'a [DocSummary],
    pub findings: &'a [Finding],
    pub marks: &'a Store,
    pub lang: Lang,
}

impl Report<'_> {
    /// The auditor's mark on a finding, if any.
    pub fn mark(&self, f: &Finding) -> Option<&Mark> {
        self.marks.get(&f.key())
    }

    /// The findings of one document, in audit order.
    pub fn findings_of<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Finding> + 's {
        self.findings.iter().filter(move |f| f.document == id)
    }

    /// Counts of one document's findings: (errors, warnings, info, confirmed, dismissed).
    pub fn counts(&self, id: &str) -> Counts {
        let mut c = Counts::default();
        for f in self.findings_of(id) {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.info += 1,
            }
            match self.mark(f).map(|m| m.status) {
                Some(Status::Confirmed) => c.confirmed += 1,
                Some(Status::Dismissed) => c.dismissed += 1,
                None => {}
            }
        }
        c
    }
}

/// How many findings of each kind a document has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    pub confirmed: usize,
    pub dismissed: usize,
}

#[cfg(test)]
pub(crate) mod testing {
    //! A small report for the writers' tests.
    use super::*;
    use crate::audit::Location;

    pub fn documents() -> Vec<DocSummary> {
        vec![DocSummary {
            id: "000-sanmenxia".into(),
            department: "三门峡市科学技术局".into(),
            region: "河南省 三门峡市".into(),
            year: 2025,
            source_file: "000.txt".into(),
        }]
    }

    pub fn findings() -> Vec<Finding> {
        let base = Finding {
            document: "000-sanmenxia".into(),
            rule: "NARR-001".into(),
            severity: Severity::Error,
            location: Location {
                section: Some("六、一般公共预算基本支出预算情况说明".into()),
                sentence: Some("基本支出为 1758.18 万元，其中：人员经费\"甲\"".into()),
                ..Location::default()
            },
            expected: Some("1465.18".into()),
            actual: Some("1758.18".into()),
            difference: Some(rust_decimal::Decimal::new(29300, 2)),
            unit: Some("万元".into()),
            message: "the narrative states 1758.18 万元, the tables 1465.18".into(),
            message_zh: "说明中为 1758.18 万元，预算表为 1465.18 万元".into(),
            node: None,
            source: Some("p. 7".into()),
            row_ref: None,
            project: None,
        };
        let second = Finding {
            rule: "PROJ-003".into(),
            severity: Severity::Warning,
            location: Location {
                table: Some("t09 项目支出表".into()),
                row: Some("科技交流|合作".into()),
                ..Location::default()
            },
            expected: Some("=SUM(A1)".into()),
            actual: Some("科技交流合作".into()),
            difference: None,
            unit: None,
            message: "project named differently".into(),
            message_zh: "项目名称不一致".into(),
            source: None,
            ..base.clone()
        };
        vec![base, second]
    }

    /// Marks: the first finding confirmed with a note.
    pub fn marks(findings: &[Finding]) -> Store {
        let mut s = Store::in_memory();
        s.set(
            &findings[0].key(),
            Some(Mark {
                status: Status::Confirmed,
                note: "核对原文第7页，属实".into(),
                author: None,
                at: None,
            }),
        )
        .unwrap();
        s
    }
}
