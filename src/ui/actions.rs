//! The explorer's second-round actions: the table view, the source view, copy, export and
//! the rule picker. Pure state transitions like the rest of [`App`]; the only effects are a
//! CSV file written on `e` and text queued for the clipboard on `y`.

use std::path::Path;

use yusuan::audit::Finding;
use yusuan::load::Loaded;
use yusuan::model::{Source, Table};
use yusuan::tree::NodeKind;

use super::app::{App, Focus, Overlay, Screen, SourceState, Tab};
use super::fmt::amount;
use super::forest::UKind;
use super::keymap::Action;
use super::tables::{self, CellValue, TableState};

/// The file a document was read from, when it was read from disk (not the embedded sample).
pub fn json_path(l: &Loaded) -> Option<&Path> {
    (!l.file.starts_with("<embedded>")).then(|| Path::new(&l.file))
}

impl App {
    /// The document of the selected node, else the first document.
    fn current_doc(&self) -> Option<usize> {
        self.forest
            .nodes
            .get(self.selected)
            .and_then(|n| n.doc)
            .or_else(|| (!self.corpus.documents.is_empty()).then_some(0))
    }

    /// The table the table view shows.
    pub fn current_table(&self) -> Option<(&Loaded, &Table)> {
        let l = self.corpus.documents.get(self.tview.doc)?;
        let t = l.doc.tables.get(self.tview.table)?;
        Some((l, t))
    }

    /// Findings the table view marks (counted ones of its document).
    pub fn doc_findings(&self, doc: usize) -> Vec<usize> {
        let Some(id) = self.corpus.documents.get(doc).map(|d| d.id.as_str()) else {
            return Vec::new();
        };
        (0..self.findings.len())
            .filter(|&i| self.counted(i) && self.findings[i].document == id)
            .collect()
    }

    /// Opens table `table` of document `doc` at `row` (and column `col`, an index into its
    /// columns), remembering where the explorer was.
    pub fn open_table(&mut self, doc: usize, table: usize, row: usize, col: Option<usize>) {
        let Some(t) = self
            .corpus
            .documents
            .get(doc)
            .and_then(|l| l.doc.tables.get(table))
        else {
            return;
        };
        let row = row.min(t.rows.len().saturating_sub(1));
        self.remember();
        self.tview = TableState {
            doc,
            pick: table,
            table,
            row,
            row_offset: row.saturating_sub(3),
            col: col.unwrap_or(0),
            // Scrolled by the first frame just far enough to show the column, with the columns
            // left of it as context.
            col_offset: 0,
        };
        self.overlay = Overlay::None;
        self.screen = Screen::Table;
    }

    /// `t` in the explorer: the document's table list, the node's first table preselected.
    pub fn open_tables_for_node(&mut self) {
        let Some(doc) = self.current_doc() else {
            return;
        };
        let first = self
            .tree_node(self.selected)
            .and_then(|n| n.rows.first().or(n.also.first()).cloned());
        let pick = first
            .as_ref()
            .and_then(|r| {
                self.corpus.documents[doc]
                    .doc
                    .tables
                    .iter()
                    .position(|t| t.id == r.table)
            })
            .unwrap_or(0);
        self.remember();
        self.tview = TableState {
            doc,
            pick,
            table: pick,
            row: first.map_or(0, |r| r.row),
            ..TableState::default()
        };
        self.screen = Screen::Tables;
    }

    /// Enter on a finding: its table at its row when it is about a table and no deeper node
    /// stands for it (a table-level finding), else its node in the explorer.
    pub fn open_finding(&mut self, i: usize) {
        let node = self.finding_node[i];
        let at_root = self
            .forest
            .nodes
            .get(node)
            .is_none_or(|n| n.kind == UKind::Node(NodeKind::Department));
        if at_root && self.open_finding_table(i) {
            return;
        }
        if node != usize::MAX {
            self.remember();
            self.reveal(node);
            self.screen = Screen::Explorer;
            self.focus = Focus::Tree;
            self.set_tab(Tab::Findings);
        }
    }

    /// Opens the table finding `i` names, at its row and column; false when it names none.
    pub fn open_finding_table(&mut self, i: usize) -> bool {
        let f = &self.findings[i];
        let Some(doc) = self
            .corpus
            .documents
            .iter()
            .position(|d| d.id == f.document)
        else {
            return false;
        };
        let tables = &self.corpus.documents[doc].doc.tables;
        let Some(ti) = tables
            .iter()
            .position(|t| tables::finding_in_table(f, &t.id))
        else {
            return false;
        };
        let t = &tables[ti];
        let row = f
            .row_ref
            .as_ref()
            .filter(|(id, _)| *id == t.id)
            .map_or(0, |(_, r)| *r);
        let col = f.location.column.as_deref().and_then(|c| {
            t.columns
                .iter()
                .position(|k| k.header.join(" / ") == c || k.key == c)
        });
        self.open_table(doc, ti, row, col);
        true
    }

    pub fn tables_action(&mut self, action: Action) {
        let n = self
            .corpus
            .documents
            .get(self.tview.doc)
            .map_or(0, |l| l.doc.tables.len());
        let last = n.saturating_sub(1);
        let t = &mut self.tview;
        match action {
            Action::Up => t.pick = t.pick.saturating_sub(1),
            Action::Down => t.pick = (t.pick + 1).min(last),
            Action::PageUp => t.pick = t.pick.saturating_sub(10),
            Action::PageDown => t.pick = (t.pick + 10).min(last),
            Action::Top => t.pick = 0,
            Action::Bottom => t.pick = last,
            Action::Activate if n > 0 => {
                let (doc, table) = (t.doc, t.pick);
                // Open at the node's row when the list was opened from a node in this table.
                let row = if table == t.table { t.row } else { 0 };
                self.open_table(doc, table, row, None);
            }
            Action::Back => self.history_back(),
            Action::Export => self.export_table(self.tview.doc, self.tview.pick),
            _ => {}
        }
    }

    pub fn table_action(&mut self, action: Action) {
        let Some((_, table)) = self.current_table() else {
            if action == Action::Back {
                self.history_back();
            }
            return;
        };
        let rows = table.rows.len();
        let cols = table.columns.len();
        let page = (self.view.table_body.height as usize).max(1);
        let fit = self.view.table_cols.max(1);
        let t = &mut self.tview;
        let last = rows.saturating_sub(1);
        match action {
            Action::Up => t.row = t.row.saturating_sub(1),
            Action::Down => t.row = (t.row + 1).min(last),
            Action::PageUp => t.row = t.row.saturating_sub(page),
            Action::PageDown => t.row = (t.row + page).min(last),
            Action::Top => t.row = 0,
            Action::Bottom => t.row = last,
            Action::Collapse => t.col = t.col.saturating_sub(1),
            Action::Expand => t.col = (t.col + 1).min(cols.saturating_sub(1)),
            Action::Back => return self.history_back(),
            Action::OpenTables => {
                self.remember();
                self.tview.pick = self.tview.table;
                self.screen = Screen::Tables;
                return;
            }
            Action::OpenSource => return self.open_source_for_row(),
            Action::Activate => return self.open_row_node(),
            Action::Copy => return self.copy_cell(false),
            Action::CopyAddress => return self.copy_cell(true),
            Action::Export => return self.export_table(self.tview.doc, self.tview.table),
            _ => {}
        }
        let t = &mut self.tview;
        if t.col < t.col_offset {
            t.col_offset = t.col;
        } else if t.col >= t.col_offset + fit {
            t.col_offset = t.col + 1 - fit;
        }
    }

    /// Enter on a table row: the tree node that stands for it, if any.
    pub fn open_row_node(&mut self) {
        let Some((l, t)) = self.current_table() else {
            return;
        };
        let (tid, row) = (t.id.clone(), self.tview.row);
        let Some(doc) = self.corpus.documents.iter().position(|d| d.id == l.id) else {
            return;
        };
        let root = &self.trees[doc];
        let found = root
            .walk()
            .find(|n| {
                n.rows
                    .iter()
                    .chain(&n.also)
                    .any(|r| r.table == tid && r.row == row)
                    && n.kind != NodeKind::Department
            })
            .map(|n| n.path.clone());
        match found {
            Some(path) => {
                self.remember();
                self.jump_to_path(&path);
                self.set_tab(Tab::Amounts);
            }
            None => {
                self.message = Some(
                    self.lang
                        .t("no tree node stands for this row", "此行没有对应的目录节点")
                        .into(),
                )
            }
        }
    }

    // ----- source --------------------------------------------------------------------------

    /// Opens the source view on `source` of document `doc`.
    pub fn open_source(&mut self, doc: usize, title: String, source: Option<&Source>) {
        let Some(l) = self.corpus.documents.get(doc) else {
            return;
        };
        let text = yusuan::source_text::source_text(json_path(l), &l.doc.source_file, source)
            .map_err(|e| e.to_string());
        self.remember();
        self.source = SourceState {
            doc,
            title,
            text: Some(text),
            scroll: 0,
        };
        self.overlay = Overlay::None;
        self.screen = Screen::Source;
    }

    /// `v` in the table view: the selected row's source, else the table's.
    pub fn open_source_for_row(&mut self) {
        let Some((_, t)) = self.current_table() else {
            return;
        };
        let Some(row) = t.rows.get(self.tview.row) else {
            return;
        };
        let source = row.source.as_deref().cloned().or_else(|| t.source.clone());
        let title = source_title(t, row);
        self.open_source(self.tview.doc, title, source.as_ref());
    }

    /// `v` in the explorer: where the selected node was printed; on the findings tab, where
    /// the first finding listed there was.
    pub fn open_source_for_node(&mut self) {
        if self.tab == Tab::Findings
            && let Some(&first) = self.findings_below(self.selected).first()
        {
            return self.open_source_for_finding(first);
        }
        let Some(doc) = self.current_doc() else {
            return;
        };
        let (title, source) = self.node_source(doc);
        self.open_source(doc, title, source.as_ref());
    }

    /// The source of the selected node: its first printed row (or that row's table); a
    /// project's targets; the department's targets; a narrative section on the narrative tab.
    pub fn node_source(&self, doc: usize) -> (String, Option<Source>) {
        let l = &self.corpus.documents[doc];
        let label = self
            .forest
            .nodes
            .get(self.selected)
            .map(|n| n.label.clone())
            .unwrap_or_default();
        if let Some(node) = self.tree_node(self.selected) {
            for r in node.rows.iter().chain(&node.also) {
                if let Some(t) = l.doc.table_by_id(&r.table)
                    && let Some(row) = t.rows.get(r.row)
                    && let Some(s) = row.source.as_deref().cloned().or_else(|| t.source.clone())
                {
                    return (source_title(t, row), Some(s));
                }
            }
            if let Some(p) = node
                .project
                .and_then(|i| l.doc.projects().into_iter().nth(i))
                && let Some(t) = yusuan::detail::targets_for(l, &p)
                && t.source.is_some()
            {
                return (format!("{label} · 绩效目标"), t.source.clone());
            }
            if node.kind == NodeKind::Department {
                if self.tab == Tab::Text
                    && let Some(s) = l.doc.sections.iter().find(|s| s.source.is_some())
                {
                    return (s.heading.clone(), s.source.clone());
                }
                if let Some(d) = &l.doc.performance.department
                    && d.source.is_some()
                {
                    return (d.title.clone(), d.source.clone());
                }
            }
        }
        (label, None)
    }

    /// `v` on a finding: its row's source, else its table's, else its narrative section's.
    pub fn open_source_for_finding(&mut self, i: usize) {
        let f = &self.findings[i];
        let Some(doc) = self
            .corpus
            .documents
            .iter()
            .position(|d| d.id == f.document)
        else {
            return;
        };
        let d = &self.corpus.documents[doc].doc;
        let mut source = None;
        let mut title = f.location.to_string();
        if let Some(t) = d.tables.iter().find(|t| tables::finding_in_table(f, &t.id)) {
            let row = f
                .row_ref
                .as_ref()
                .filter(|(id, _)| *id == t.id)
                .and_then(|(_, r)| t.rows.get(*r));
            source = row
                .and_then(|r| r.source.as_deref().cloned())
                .or_else(|| t.source.clone());
        }
        if source.is_none()
            && let Some(h) = &f.location.section
            && let Some(s) = d.sections.iter().find(|s| &s.heading == h)
        {
            source = s.source.clone();
            title = h.clone();
        }
        let quote = f.location.sentence.clone();
        self.open_source(doc, title, source.as_ref());
        // A narrative finding: its sentence marked where it is printed, and scrolled to.
        if let Some(quote) = quote
            && let Some(Ok(text)) = &mut self.source.text
            && yusuan::source_text::cite_quote(text, &quote)
            && let Some(first) = text.lines.iter().position(|l| l.cited)
        {
            self.source.scroll = first.saturating_sub(3);
        }
    }

    pub fn source_action(&mut self, action: Action) {
        let max = self.view.source_lines.saturating_sub(1);
        let s = &mut self.source;
        match action {
            Action::Up => s.scroll = s.scroll.saturating_sub(1),
            Action::Down => s.scroll = (s.scroll + 1).min(max),
            Action::PageUp => s.scroll = s.scroll.saturating_sub(10),
            Action::PageDown => s.scroll = (s.scroll + 10).min(max),
            Action::Top => s.scroll = 0,
            Action::Bottom => s.scroll = max,
            Action::Back => self.history_back(),
            _ => {}
        }
    }

    // ----- rule picker ---------------------------------------------------------------------

    /// Rules with findings under the current severity and dismissed filters, with counts.
    pub fn rule_counts(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for (i, f) in self.findings.iter().enumerate() {
            if self.counted(i) && self.fview.severity.admits(f.severity) {
                *counts.entry(f.rule.as_str()).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|(r, n)| (r.to_string(), n))
            .collect()
    }

    pub fn picker_action(&mut self, action: Action) {
        let Overlay::RulePicker { selected } = self.overlay.clone() else {
            return;
        };
        let rules = self.rule_counts();
        let last = rules.len();
        let sel = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (selected + 1).min(last),
            Action::PageUp => selected.saturating_sub(10),
            Action::PageDown => (selected + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Activate => {
                self.fview.rule = selected
                    .checked_sub(1)
                    .and_then(|i| rules.get(i))
                    .map(|(r, _)| r.clone());
                self.overlay = Overlay::None;
                self.refresh_findings();
                return;
            }
            Action::Back => {
                self.overlay = Overlay::None;
                return;
            }
            _ => selected,
        };
        self.overlay = Overlay::RulePicker { selected: sel };
    }

    // ----- copy ----------------------------------------------------------------------------

    /// Queues `text` for the clipboard and says so in the status line.
    pub fn copy(&mut self, text: String) {
        if text.is_empty() {
            self.message = Some(self.lang.t("nothing to copy", "没有可复制的内容").into());
            return;
        }
        let shown = super::fmt::fit(&super::fmt::clean(&text), 40);
        self.message = Some(format!(
            "{} {shown}",
            self.lang.t("copied (OSC 52):", "已复制（OSC 52）：")
        ));
        self.clipboard = Some(text);
    }

    /// `y` on a node: its amount as printed (else its name); `Y`: its address.
    pub fn copy_node(&mut self, address: bool) {
        let Some(n) = self.forest.nodes.get(self.selected) else {
            return;
        };
        let text = if address {
            n.path.clone()
        } else {
            n.amount.map(amount).unwrap_or_else(|| n.label.clone())
        };
        self.copy(text);
    }

    /// `y` in the table view: the selected cell as printed; `Y`: the whole row, tab-separated.
    pub fn copy_cell(&mut self, whole_row: bool) {
        let Some((_, t)) = self.current_table() else {
            return;
        };
        let Some(row) = t.rows.get(self.tview.row) else {
            return;
        };
        let text = if whole_row {
            let mut cells = vec![tables::row_label(row)];
            cells.extend((0..t.columns.len()).map(|c| cell_text(t, row, c)));
            cells.join("\t")
        } else {
            cell_text(t, row, self.tview.col)
        };
        self.copy(text);
    }

    /// A finding as one block of text for a report.
    pub fn finding_text(&self, i: usize) -> String {
        let f = &self.findings[i];
        let mut out = format!("{} {} {}", f.document, f.severity.letter(), f.rule);
        let loc = f.location.to_string();
        if !loc.is_empty() {
            out.push_str(&format!(" @ {loc}"));
        }
        out.push_str(&format!("\n{}", f.message));
        if !f.message_zh.is_empty() {
            out.push_str(&format!("\n{}", f.message_zh));
        }
        let mut nums = Vec::new();
        if let Some(e) = &f.expected {
            nums.push(format!("expected {e}"));
        }
        if let Some(a) = &f.actual {
            nums.push(format!("actual {a}"));
        }
        if let Some(d) = f.difference {
            nums.push(format!("difference {}", amount(d)));
        }
        if !nums.is_empty() {
            out.push_str(&format!("\n{}", nums.join("  ")));
        }
        out
    }

    // ----- export --------------------------------------------------------------------------

    fn export(&mut self, stem: &str, rows: Vec<Vec<String>>) {
        match super::export::write(&self.export_dir, stem, &rows) {
            Ok(path) => {
                self.message = Some(format!(
                    "{} {} {}",
                    self.lang.t("exported", "已导出"),
                    rows.len().saturating_sub(1),
                    format_args!("{} → {}", self.lang.t("rows", "行"), path.display())
                ))
            }
            Err(e) => {
                self.message = Some(format!(
                    "{} {}: {e}",
                    self.lang.t("export failed in", "导出失败："),
                    self.export_dir.display()
                ))
            }
        }
    }

    /// Exports table `table` of document `doc` as printed: header paths, labels, cells.
    pub fn export_table(&mut self, doc: usize, table: usize) {
        let Some(l) = self.corpus.documents.get(doc) else {
            return;
        };
        let Some(t) = l.doc.tables.get(table) else {
            return;
        };
        let mut header = vec![
            "row".to_string(),
            "code".to_string(),
            "label".to_string(),
            "side".to_string(),
        ];
        header.extend(t.columns.iter().map(|c| c.header.join(" / ")));
        let mut rows = vec![header];
        for (i, r) in t.rows.iter().enumerate() {
            let code = r
                .func
                .clone()
                .or(r.econ.clone())
                .or(r.project_code.clone())
                .or(r.unit.clone())
                .unwrap_or_default();
            let side = match r.side {
                Some(yusuan::model::Side::Income) => "income",
                Some(yusuan::model::Side::Expenditure) => "expenditure",
                None => "",
            };
            let mut line = vec![
                i.to_string(),
                code.to_string(),
                r.label.clone(),
                side.to_string(),
            ];
            line.extend((0..t.columns.len()).map(|c| cell_text(t, r, c)));
            rows.push(line);
        }
        let stem = format!("{}-{}", l.id, t.id);
        self.export(&stem, rows);
    }

    /// Exports the selected node's children (or the node itself when it has none).
    pub fn export_children(&mut self) {
        let Some(n) = self.forest.nodes.get(self.selected) else {
            return;
        };
        let ids: Vec<usize> = if n.children.is_empty() {
            vec![self.selected]
        } else {
            let mut kids = n.children.clone();
            self.sort_children(&mut kids);
            kids
        };
        let mut rows = vec![vec![
            "address".to_string(),
            "code".to_string(),
            "name".to_string(),
            "amount".to_string(),
            "unit".to_string(),
            "computed".to_string(),
        ]];
        for id in ids {
            let k = &self.forest.nodes[id];
            rows.push(vec![
                k.path.clone(),
                k.code.clone().unwrap_or_default(),
                k.label.clone(),
                k.amount.map(|a| a.to_string()).unwrap_or_default(),
                k.money_unit.label().to_string(),
                if k.computed { "Σ" } else { "" }.to_string(),
            ]);
        }
        let stem = n.path.replace('/', "-");
        self.export(&stem, rows);
    }

    /// Exports the findings list as filtered.
    pub fn export_findings(&mut self) {
        let mut rows = vec![
            [
                "document",
                "severity",
                "rule",
                "location",
                "message",
                "message_zh",
                "expected",
                "actual",
                "difference",
                "unit",
                "node",
                "mark",
                "note",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
        ];
        for &i in &self.fview.list {
            let f: &Finding = &self.findings[i];
            let mark = self.mark_of(i);
            rows.push(vec![
                f.document.clone(),
                f.severity.label().to_string(),
                f.rule.clone(),
                f.location.to_string(),
                f.message.clone(),
                f.message_zh.clone(),
                f.expected.clone().unwrap_or_default(),
                f.actual.clone().unwrap_or_default(),
                f.difference.map(|d| d.to_string()).unwrap_or_default(),
                f.unit.clone().unwrap_or_default(),
                f.node.clone().unwrap_or_default(),
                mark.map(|m| m.status.label().to_string())
                    .unwrap_or_default(),
                mark.map(|m| m.note.clone()).unwrap_or_default(),
            ]);
        }
        self.export("yusuan-findings", rows);
    }
}

/// A cell as CSV and the clipboard want it: the printed figure, empty when blank or not part
/// of the row's side.
fn cell_text(t: &Table, row: &yusuan::model::Row, col: usize) -> String {
    match tables::cell_value(t, row, col) {
        CellValue::Printed(a) => a.to_string(),
        CellValue::Blank | CellValue::NotApplicable => String::new(),
    }
}

/// The source view's title for a row: table id and row, or the table's title for a row
/// printed without a label (a one-row summary).
fn source_title(t: &Table, row: &yusuan::model::Row) -> String {
    let label = tables::row_label(row);
    if label.trim().is_empty() {
        format!("{} · {}", t.id, t.title)
    } else {
        format!("{} · {label}", t.id)
    }
}
