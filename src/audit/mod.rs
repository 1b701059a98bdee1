//! The audit: a catalogue of rules, each checking one identity a finance-bureau inspector checks.
//!
//! Rules live one per file under `rules/`, grouped by prefix: `ARITH` (arithmetic inside a
//! table), `UNIT` (units sum to the department), `XTAB` (tables agree with each other), `SANGONG`
//! (三公经费), `PROJ` (projects), `PERF` (performance targets), `NARR` (narrative claims),
//! `STRUCT` (what a disclosure must contain). Each has a stable id, a default severity, a title
//! and an explanation with a worked example (`yusuan explain ID`).

mod config;
/// The `[audit]` table of the config file.
pub mod config_file {
    pub use super::config::AuditFile;
}
pub mod figures;
mod finding;
pub mod narrative;
pub mod numbers;
pub mod perf;
pub mod precision;
pub mod projects;
mod provenance;
pub mod rules;
pub mod stream;
#[cfg(test)]
pub mod testing;
pub mod view;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

pub use config::{Config, ConfigError, MAX_TOLERANCE};
pub use finding::{Finding, Location, Severity, short_id};
pub use precision::Printed;

use rust_decimal::Decimal;

use crate::load::{Corpus, Loaded};
use crate::model::{Document, MoneyUnit, Row, Table, TableKind};
use crate::tree::{self, Node};

/// Which family a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Arithmetic,
    Units,
    CrossTable,
    ThreePublic,
    Projects,
    Performance,
    Narrative,
    Structure,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Arithmetic => "arithmetic",
            Group::Units => "units",
            Group::CrossTable => "cross-table",
            Group::ThreePublic => "三公",
            Group::Projects => "projects",
            Group::Performance => "performance",
            Group::Narrative => "narrative",
            Group::Structure => "structure",
        }
    }
}

/// What a rule is, for `yusuan rules` and `yusuan explain`.
#[derive(Debug, serde::Serialize)]
pub struct RuleMeta {
    pub id: &'static str,
    pub group: Group,
    pub severity: Severity,
    pub title: &'static str,
    pub title_zh: &'static str,
    /// Why it matters, what it compares, and a worked example.
    pub explanation: &'static str,
}

/// One rule of the catalogue.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
}

/// One sentence of the narrative ([`Context::sentences`]).
pub struct Sentence<'a> {
    pub section: &'a crate::model::Section,
    /// As printed.
    pub text: &'a str,
    /// Without spaces ([`crate::text::compact`]).
    pub compact: String,
}

/// What a rule sees: one document and the configuration, plus what several rules derive from
/// the document (narrative claims, table readings), computed once per document.
pub struct Context<'a> {
    pub id: &'a str,
    pub doc: &'a Document,
    pub config: &'a Config,
    claims: OnceCell<Vec<narrative::Claim>>,
    sentences: OnceCell<Vec<Sentence<'a>>>,
    projects: OnceCell<Vec<crate::model::Project>>,
    targets: OnceCell<projects::TargetIndex>,
    class_readings: OnceCell<HashMap<String, Vec<Decimal>>>,
    readings: RefCell<HashMap<narrative::Subject, (Vec<Decimal>, bool)>>,
    printed: RefCell<HashMap<String, Printed>>,
    /// Kinds of the tables printed but left out of `doc` because their figures were not read.
    unread_kinds: Vec<TableKind>,
}

impl<'a> Context<'a> {
    pub fn new(id: &'a str, doc: &'a Document, config: &'a Config) -> Self {
        Context {
            id,
            doc,
            config,
            claims: OnceCell::new(),
            sentences: OnceCell::new(),
            projects: OnceCell::new(),
            targets: OnceCell::new(),
            class_readings: OnceCell::new(),
            readings: RefCell::new(HashMap::new()),
            printed: RefCell::new(HashMap::new()),
            unread_kinds: Vec::new(),
        }
    }

    /// Every claim of the narrative, section by section.
    pub fn claims(&self) -> &[narrative::Claim] {
        self.claims.get_or_init(|| {
            // Final accounts (决算) print their tables' figures as 决算数: an amount the
            // narrative calls the 年初预算 is another figure, no subject's of the tables.
            let final_accounts = self.doc.title.contains("决算");
            self.doc
                .sections
                .iter()
                .flat_map(|s| narrative::claims(s, self.doc.year))
                .filter(|c| !(final_accounts && c.states_initial_budget()))
                .collect()
        })
    }

    /// Every sentence of the narrative with its section and its text without spaces, split
    /// and compacted once for all the rules that read sentences.
    pub fn sentences(&self) -> &[Sentence<'a>] {
        self.sentences.get_or_init(|| {
            self.doc
                .sections
                .iter()
                .flat_map(|section| {
                    narrative::sentences(&section.text).map(move |text| Sentence {
                        section,
                        text,
                        compact: crate::text::compact(text),
                    })
                })
                .collect()
        })
    }

    /// The document's projects ([`Document::projects`]), built once for all rules.
    pub fn projects(&self) -> &[crate::model::Project] {
        self.projects.get_or_init(|| self.doc.projects())
    }

    /// The performance-target entry of a project ([`projects::target_for`]), with the
    /// entries' names normalised once for all projects and rules.
    pub fn target_for(
        &self,
        project: &crate::model::Project,
    ) -> Option<(usize, &'a crate::model::ProjectTargets, projects::MatchedBy)> {
        self.targets
            .get_or_init(|| projects::TargetIndex::new(self.doc))
            .find(self.doc, project)
    }

    /// The table readings of a narrative subject (see [`figures::readings`]).
    pub fn readings(&self, subject: narrative::Subject) -> Vec<Decimal> {
        if let narrative::Subject::Class(code) = subject {
            let classes = self
                .class_readings
                .get_or_init(|| figures::class_readings(self.doc));
            return classes.get(code).cloned().unwrap_or_default();
        }
        self.readings_of(subject).0
    }

    /// Whether a table `subject` is read from was printed but its figures not read (see
    /// [`figures::readings_of`]): a claim its readings do not confirm is then not known to be
    /// wrong.
    pub fn readings_unsure(&self, subject: narrative::Subject) -> bool {
        self.readings_of(subject).1
    }

    fn readings_of(&self, subject: narrative::Subject) -> (Vec<Decimal>, bool) {
        self.readings
            .borrow_mut()
            .entry(subject)
            .or_insert_with(|| figures::readings_of(self.doc, &self.unread_kinds, subject))
            .clone()
    }

    /// Starts a finding of `meta` at its configured severity.
    pub fn finding(&self, meta: &'static RuleMeta) -> FindingBuilder {
        FindingBuilder(Finding {
            document: self.id.to_string(),
            rule: meta.id.to_string(),
            severity: self.config.severity_of(meta),
            location: Location::default(),
            expected: None,
            actual: None,
            difference: None,
            unit: None,
            message: String::new(),
            message_zh: String::new(),
            node: None,
            source: None,
            row_ref: None,
            project: None,
        })
    }

    /// How finely `table` prints its amounts, worked out once per table.
    pub fn printed(&self, table: &Table) -> Printed {
        if let Some(p) = self.printed.borrow().get(&table.id) {
            return *p;
        }
        let p = Printed::of_table(table);
        self.printed.borrow_mut().insert(table.id.clone(), p);
        p
    }

    /// Tolerance for a sum of `n` items printed as `printed` (see [`Config::sum_tolerance`]).
    pub fn sum_tolerance(&self, n: usize, printed: Printed) -> Decimal {
        self.config.sum_tolerance(n, printed)
    }

    /// Whether `actual` differs from the sum of `n` items `expected` by more than rounding explains.
    pub fn sum_differs(
        &self,
        expected: Decimal,
        actual: Decimal,
        n: usize,
        printed: Printed,
    ) -> bool {
        (actual - expected).abs() > self.sum_tolerance(n, printed)
    }
}

/// Builds a finding step by step.
pub struct FindingBuilder(Finding);

/// A row's name for locations: its code and label.
pub fn row_name(row: &Row) -> String {
    let code = row
        .func
        .as_ref()
        .or(row.econ.as_ref())
        .or(row.unit.as_ref())
        .or(row.project_code.as_ref());
    match code {
        Some(code) if !row.label.contains(code.as_str()) => format!("{code} {}", row.label),
        _ => row.label.clone(),
    }
}

impl FindingBuilder {
    pub fn table(mut self, table: &Table) -> Self {
        self.0.location.table = Some(format!("{} {}", table.id, table.title));
        self.0.unit = Some(table.unit.label().to_string());
        self
    }
    pub fn row(mut self, table: &Table, index: usize) -> Self {
        if let Some(name) = table
            .rows
            .get(index)
            .map(row_name)
            .filter(|n| !n.trim().is_empty())
        {
            self.0.location.row = Some(name);
        }
        self.0.row_ref = Some((table.id.clone(), index));
        self
    }
    pub fn row_text(mut self, text: impl Into<String>) -> Self {
        self.0.location.row = Some(text.into());
        self
    }
    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.0.location.column = Some(column.into());
        self
    }
    pub fn section(mut self, section: impl Into<String>) -> Self {
        self.0.location.section = Some(section.into());
        self
    }
    pub fn sentence(mut self, sentence: impl AsRef<str>) -> Self {
        self.0.location.sentence = Some(sentence.as_ref().to_string());
        self
    }
    pub fn project(mut self, name: impl Into<String>) -> Self {
        self.0.project = Some(name.into());
        self
    }
    pub fn unit(mut self, unit: MoneyUnit) -> Self {
        self.0.unit = Some(unit.label().to_string());
        self
    }
    /// Expected and actual amounts; the difference is computed.
    pub fn amounts(mut self, expected: Decimal, actual: Decimal) -> Self {
        // Keep the printed scale (8.00, not 8) so expected and actual read like the tables.
        self.0.expected = Some(expected.to_string());
        self.0.actual = Some(actual.to_string());
        self.0.difference = Some(actual - expected);
        self
    }
    /// Expected and actual percentages (points); the difference is computed.
    pub fn percents(self, expected: Decimal, actual: Decimal) -> Self {
        let mut b = self.amounts(expected, actual);
        b.0.unit = Some("%".to_string());
        b
    }

    /// Expected and actual as text (names, codes).
    pub fn texts(mut self, expected: impl Into<String>, actual: impl Into<String>) -> Self {
        self.0.expected = Some(expected.into());
        self.0.actual = Some(actual.into());
        self.0.unit = None;
        self
    }
    pub fn message(mut self, en: impl Into<String>, zh: impl Into<String>) -> Finding {
        self.0.message = en.into();
        self.0.message_zh = zh.into();
        self.0
    }
}

/// Runs every enabled rule on one document.
pub fn audit_document(loaded: &Loaded, config: &Config) -> Vec<Finding> {
    let cx = Context::new(&loaded.id, &loaded.doc, config);
    // Tables whose figures could not be read are printed all the same: the rules that ask
    // which tables a disclosure prints see them, the rules that check figures do not.
    let read_only;
    let figures_cx = if loaded.doc.tables.iter().any(|t| t.unread.is_some()) {
        let mut doc = loaded.doc.clone();
        doc.tables.retain(|t| t.unread.is_none());
        read_only = doc;
        let mut f = Context::new(&loaded.id, &read_only, config);
        f.unread_kinds = loaded
            .doc
            .tables
            .iter()
            .filter(|t| t.unread.is_some())
            .map(|t| t.kind)
            .collect();
        Some(f)
    } else {
        None
    };
    let mut findings = Vec::new();
    for rule in rules::catalogue() {
        if config.is_enabled(rule.meta()) {
            let presence = matches!(rule.meta().id, "STRUCT-001" | "STRUCT-003");
            match &figures_cx {
                Some(f) if !presence => rule.check(f, &mut findings),
                _ => rule.check(&cx, &mut findings),
            }
        }
    }
    provenance::attach(&loaded.doc, &mut findings);
    findings.retain(|f| f.severity >= config.min_severity);
    // The tree is only needed to place findings; most documents have few or none.
    if !findings.is_empty() {
        let root = tree::build(loaded);
        attach_nodes(&root, &mut findings);
    }
    findings
}

/// Runs the audit over a corpus, document by document.
pub fn audit_corpus(corpus: &Corpus, config: &Config) -> Vec<Finding> {
    audit_corpus_with(corpus, config, || {})
}

/// [`audit_corpus`], calling `progress` after each document (for a progress screen).
pub fn audit_corpus_with(
    corpus: &Corpus,
    config: &Config,
    mut progress: impl FnMut(),
) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &corpus.documents {
        out.extend(audit_document(d, config));
        progress();
    }
    out
}

/// Points each finding at the deepest tree node that stands for its row or project.
fn attach_nodes(root: &Node, findings: &mut [Finding]) {
    let mut by_row: HashMap<(&str, usize), &str> = HashMap::new();
    let mut by_project: HashMap<&str, &str> = HashMap::new();
    for node in root.walk() {
        for r in &node.rows {
            by_row.insert((r.table.as_str(), r.row), node.path.as_str());
        }
        if node.kind == tree::NodeKind::Project {
            by_project
                .entry(node.label.as_str())
                .or_insert(node.path.as_str());
        }
    }
    for f in findings {
        let node = f
            .row_ref
            .as_ref()
            .and_then(|(t, r)| by_row.get(&(t.as_str(), *r)))
            .or_else(|| f.project.as_deref().and_then(|p| by_project.get(p)))
            .copied()
            .unwrap_or(root.path.as_str());
        f.node = Some(node.to_string());
    }
}

/// Finds the rule with this id (case-insensitive).
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    rules::catalogue()
        .iter()
        .copied()
        .find(|r| r.meta().id.eq_ignore_ascii_case(id))
}
