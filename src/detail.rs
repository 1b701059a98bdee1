//! Everything known about one tree node: its printed rows with headers, its children, and for a
//! project its performance targets. Shared by `yusuan show` and the explorer's panes.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::load::Loaded;
use crate::model::{MoneyUnit, Project, ProjectTargets, Source};
use crate::tree::{Node, NodeKind};

/// One printed cell with its column.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub key: String,
    /// Header path joined with ` / `.
    pub header: String,
    pub value: Option<Decimal>,
}

/// One printed row behind a node.
#[derive(Clone, Debug, Serialize)]
pub struct PrintedRow {
    pub table: String,
    pub table_title: String,
    pub row: usize,
    pub label: String,
    pub money_unit: MoneyUnit,
    pub cells: Vec<Cell>,
    /// Where the row was printed (the row's own source, else its table's), when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// How the row was read, where a transcriber or the importer had to decide (an export that
    /// lost empty cells: where each figure was placed and why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A child, summarised.
#[derive(Clone, Debug, Serialize)]
pub struct ChildSummary {
    pub path: String,
    pub label: String,
    pub amount: Option<Decimal>,
}

/// The details of a node.
#[derive(Clone, Debug, Serialize)]
pub struct Detail<'a> {
    pub document: &'a str,
    pub path: &'a str,
    pub kind: NodeKind,
    pub code: Option<&'a str>,
    pub label: &'a str,
    pub amount: Option<Decimal>,
    pub money_unit: MoneyUnit,
    pub computed: bool,
    pub rows: Vec<PrintedRow>,
    pub children: Vec<ChildSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<&'a ProjectTargets>,
    /// Audit findings on the node and below it (filled in by callers that ran the audit).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::audit::Finding>,
}

/// The printed rows a node stands for: the row its amount is read from first, then every other
/// table's row that prints the same code, unit or project.
pub fn printed_rows(loaded: &Loaded, node: &Node) -> Vec<PrintedRow> {
    node.rows
        .iter()
        .chain(&node.also)
        .filter_map(|r| {
            let table = loaded.doc.table_by_id(&r.table)?;
            let row = table.rows.get(r.row)?;
            Some(PrintedRow {
                table: table.id.clone(),
                table_title: table.title.clone(),
                row: r.row,
                label: row.label.clone(),
                money_unit: table.unit,
                cells: table
                    .columns_for(row.side)
                    .map(|(i, c)| Cell {
                        key: c.key.clone(),
                        header: c.header.join(" / "),
                        value: row.amounts.get(i).copied().flatten().map(|a| a.0),
                    })
                    .collect(),
                source: row
                    .source
                    .as_deref()
                    .cloned()
                    .or_else(|| table.source.clone()),
                note: row.note.as_deref().map(str::to_string),
            })
        })
        .collect()
}

/// The performance targets printed for a project, matched as the audit matches them (same
/// code, else same name preferring the same unit, else a near name).
pub fn targets_for<'a>(loaded: &'a Loaded, project: &Project) -> Option<&'a ProjectTargets> {
    if let crate::model::project::ProjectSource::Targets { index } = project.source {
        return loaded.doc.performance.projects.get(index);
    }
    crate::audit::projects::target_for(&loaded.doc, project).map(|(_, t, _)| t)
}

/// Builds the details of `node` of `loaded`.
pub fn detail<'a>(loaded: &'a Loaded, node: &'a Node) -> Detail<'a> {
    let project = node
        .project
        .and_then(|i| loaded.doc.projects().into_iter().nth(i));
    let targets = project.as_ref().and_then(|p| targets_for(loaded, p));
    Detail {
        document: &loaded.id,
        path: &node.path,
        kind: node.kind,
        code: node.code.as_deref(),
        label: &node.label,
        amount: node.amount,
        money_unit: node.money_unit,
        computed: node.computed,
        rows: printed_rows(loaded, node),
        children: node
            .children
            .iter()
            .map(|c| ChildSummary {
                path: c.path.clone(),
                label: c.label.clone(),
                amount: c.amount,
            })
            .collect(),
        project,
        targets,
        findings: Vec::new(),
    }
}
