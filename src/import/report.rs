//! The import report: what was found, what could not be placed, and the self-check.

use std::fmt;

use crate::model::Source;

/// Something the importer could not do, or had to decide, with where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub severity: IssueSeverity,
    pub source: Source,
    /// Title of the table it concerns, if any.
    pub table: Option<String>,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IssueSeverity {
    /// A decision worth knowing (a unit not printed, a placement chosen by the totals).
    Note,
    /// Something that may make the import wrong: text that could not be placed, a total the
    /// imported rows do not reproduce.
    Warning,
}

impl Issue {
    pub fn unplaced(page: u32, line: Option<u32>, table: &str, message: &str) -> Issue {
        Issue {
            severity: IssueSeverity::Warning,
            source: place(page, line),
            table: Some(table.to_string()),
            message: message.to_string(),
        }
    }
    pub fn note(page: u32, line: Option<u32>, table: Option<&str>, message: String) -> Issue {
        Issue {
            severity: IssueSeverity::Note,
            source: place(page, line),
            table: table.map(str::to_string),
            message,
        }
    }
    pub fn warning(page: u32, line: Option<u32>, table: Option<&str>, message: String) -> Issue {
        Issue {
            severity: IssueSeverity::Warning,
            source: place(page, line),
            table: table.map(str::to_string),
            message,
        }
    }
}

fn place(page: u32, line: Option<u32>) -> Source {
    match line {
        Some(l) => Source {
            line: Some(l),
            ..Source::default()
        },
        None => Source {
            page: Some(page),
            ..Source::default()
        },
    }
}

/// One table as imported, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSummary {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub place: String,
    pub rows: usize,
    pub columns: usize,
    pub unit: &'static str,
    pub empty: bool,
    /// Its figures could not be read (kept in the row notes, not audited).
    pub unread: bool,
}

/// Everything said about importing one disclosure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The input files, in the order they were read.
    pub files: Vec<String>,
    pub pages: usize,
    pub tables: Vec<TableSummary>,
    pub sections: usize,
    pub issues: Vec<Issue>,
    /// Identities of the document's own totals that the imported rows reproduce / do not.
    pub checks_passed: usize,
    pub checks_failed: usize,
}

impl ImportReport {
    pub fn warnings(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == IssueSeverity::Warning)
            .count()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} pages, {} tables, {} narrative sections",
            self.files.join(" + "),
            self.pages,
            self.tables.len(),
            self.sections
        )?;
        for t in &self.tables {
            writeln!(
                f,
                "  {:<4} {:<9} {:<36} {} rows × {} columns, {}{}  {}",
                t.id,
                t.place,
                t.kind,
                t.rows,
                t.columns,
                t.unit,
                if t.unread {
                    ", figures not read"
                } else if t.empty {
                    ", printed empty"
                } else {
                    ""
                },
                t.title
            )?;
        }
        writeln!(
            f,
            "  self-check: {} of {} printed totals reproduced by the imported rows",
            self.checks_passed,
            self.checks_passed + self.checks_failed
        )?;
        for i in &self.issues {
            let tag = match i.severity {
                IssueSeverity::Note => "note",
                IssueSeverity::Warning => "warning",
            };
            let table = i
                .table
                .as_deref()
                .map(|t| format!(" {t}:"))
                .unwrap_or_default();
            writeln!(f, "  {tag}: {}{table} {}", i.source, i.message)?;
        }
        Ok(())
    }
}
