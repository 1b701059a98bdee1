//! The audit of a corpus as a stream: one source at a time, findings handed to a writer as
//! each document is done, so memory does not grow with the corpus.

use std::io;

use super::{Config, Finding, Severity, audit_document};
use crate::load::{self, IdSettler, LoadError, Source};

/// What a writer is told about one audited document.
#[derive(Clone, Debug)]
pub struct DocumentAudit {
    /// The file as named to the user.
    pub file: String,
    pub id: String,
    pub department: String,
    pub year: u16,
    pub findings: Vec<Finding>,
    /// The auditor's mark on each finding (parallel to `findings`; empty when none applied).
    pub marks: Vec<Option<crate::triage::Mark>>,
    /// Findings dismissed by the auditor: left out of `findings`, or kept and marked with
    /// `--include-dismissed`; never counted.
    pub dismissed: usize,
    /// Imported from PDFs as it was opened: its id is settled in listing order.
    pub imported: bool,
}

/// What auditing one source gave: its documents' audits, the errors of what could not be
/// loaded, and warnings about what was (a PDF's import warnings).
#[derive(Clone, Debug, Default)]
pub struct SourceAudit {
    pub audits: Vec<DocumentAudit>,
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadError>,
}

impl DocumentAudit {
    /// Gives an imported document its final id (see [`IdSettler`]), in its findings too.
    pub fn settle_id(&mut self, settler: &mut IdSettler) {
        if !self.imported {
            return;
        }
        let id = settler.settle_id(&self.id);
        if id != self.id {
            for f in &mut self.findings {
                f.document = id.clone();
            }
            self.id = id;
        }
    }

    /// The mark of finding `i`, if any.
    pub fn mark(&self, i: usize) -> Option<&crate::triage::Mark> {
        self.marks.get(i).and_then(Option::as_ref)
    }

    /// Applies the auditor's marks: dismissed findings go (or stay marked with `include`);
    /// the key of every finding that has a mark goes to `seen`, for stale marks (only marked
    /// keys: what `seen` holds is bounded by the store, not by the corpus).
    pub fn apply_marks(
        &mut self,
        store: &crate::triage::Store,
        include: bool,
        seen: &mut std::collections::HashSet<String>,
    ) {
        if store.is_empty() {
            // No marks: no key to compute (a tenth of a second per thousand documents).
            self.marks = vec![None; self.findings.len()];
            return;
        }
        let mut kept = Vec::with_capacity(self.findings.len());
        let mut marks = Vec::with_capacity(self.findings.len());
        for f in std::mem::take(&mut self.findings) {
            let key = f.key();
            let mark = store.get(&key).cloned();
            if mark.is_some() {
                seen.insert(key);
            }
            if mark
                .as_ref()
                .is_some_and(|m| m.status == crate::triage::Status::Dismissed)
            {
                self.dismissed += 1;
                if !include {
                    continue;
                }
            }
            kept.push(f);
            marks.push(mark);
        }
        self.findings = kept;
        self.marks = marks;
    }

    /// The findings that count (not dismissed).
    pub fn counted(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().enumerate().filter_map(|(i, f)| {
            let dismissed = self
                .mark(i)
                .is_some_and(|m| m.status == crate::triage::Status::Dismissed);
            (!dismissed).then_some(f)
        })
    }
}

/// Findings counted by severity over everything written so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub dismissed: usize,
}

impl Totals {
    /// Counts of `findings` alone.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Totals {
        let mut t = Totals::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }

    /// Adds one document and its findings.
    pub fn add(&mut self, audit: &DocumentAudit) {
        let t = Totals::of(audit.counted());
        self.dismissed += audit.dismissed;
        self.documents += 1;
        self.errors += t.errors;
        self.warnings += t.warnings;
        self.infos += t.infos;
    }
}

/// A report format: told when the report begins, once per document in input order, and when
/// it ends. Text, JSON and JSON Lines are in the binary; other formats plug in the same way.
pub trait AuditWriter {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn document(&mut self, audit: &DocumentAudit) -> io::Result<()>;
    fn end(&mut self, totals: &Totals) -> io::Result<()>;
}

/// Loads one source and audits each document in it; the work of one worker thread.
pub fn audit_source(source: &Source, config: &Config) -> SourceAudit {
    let loads = load::load_one(source);
    SourceAudit {
        audits: loads
            .documents
            .into_iter()
            .map(|l| DocumentAudit {
                findings: audit_document(&l, config),
                marks: Vec::new(),
                dismissed: 0,
                imported: l.import.is_some(),
                file: l.file,
                id: l.id,
                department: l.doc.department.name,
                year: l.doc.year,
            })
            .collect(),
        errors: loads.errors,
        warnings: loads.warnings,
    }
}
