//! The explorer's state and its transitions. Pure: no terminal here, so every transition is
//! unit-tested. Rendering reads this state; input becomes [`Action`]s through the keymap.

use std::collections::HashSet;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use yusuan::audit::{Finding, Severity};
use yusuan::load::Corpus;
use yusuan::search::{Hit, Index, Searcher};
use yusuan::tree::Node;
use yusuan::triage::{Mark, Status, Store};

use super::forest::{Counts, Forest, UKind};
use super::history::History;
use super::i18n::Lang;
use super::keymap::{Action, Ctx, Key};
use super::settings::Settings;
use super::tables::TableState;

/// Which pane has the keyboard in the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// The full-screen views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Explorer,
    Findings,
    /// The list of the selected document's tables.
    Tables,
    /// One table as printed.
    Table,
    /// The printed text around a figure.
    Source,
}

/// The detail pane's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Amounts,
    Performance,
    Findings,
    Text,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Amounts, Tab::Performance, Tab::Findings, Tab::Text];
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Amounts => lang.t("Amounts", "金额"),
            Tab::Performance => lang.t("Performance", "绩效"),
            Tab::Findings => lang.t("Findings", "问题"),
            Tab::Text => lang.t("Narrative", "说明"),
        }
    }

    /// A shorter label for narrow panes.
    pub fn short_label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Amounts => lang.t("Amt", "金额"),
            Tab::Performance => lang.t("Perf", "绩效"),
            Tab::Findings => lang.t("Find", "问题"),
            Tab::Text => lang.t("Text", "说明"),
        }
    }
}

/// What the findings view shows by severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SevFilter {
    All,
    AtLeastWarning,
    ErrorsOnly,
    WarningsOnly,
}

impl SevFilter {
    pub fn admits(self, s: Severity) -> bool {
        match self {
            SevFilter::All => true,
            SevFilter::AtLeastWarning => s >= Severity::Warning,
            SevFilter::ErrorsOnly => s == Severity::Error,
            SevFilter::WarningsOnly => s == Severity::Warning,
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SevFilter::All => lang.t("all", "全部"),
            SevFilter::AtLeastWarning => lang.t("E+W", "错误+警告"),
            SevFilter::ErrorsOnly => lang.t("E only", "仅错误"),
            SevFilter::WarningsOnly => lang.t("W only", "仅警告"),
        }
    }
    pub fn next(self) -> SevFilter {
        match self {
            SevFilter::All => SevFilter::AtLeastWarning,
            SevFilter::AtLeastWarning => SevFilter::ErrorsOnly,
            SevFilter::ErrorsOnly => SevFilter::WarningsOnly,
            SevFilter::WarningsOnly => SevFilter::All,
        }
    }
}

/// How a node's children are ordered in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortMode {
    /// As the document prints them.
    #[default]
    Printed,
    /// Largest amount first.
    Amount,
    Code,
    Name,
}

impl SortMode {
    pub fn next(self) -> SortMode {
        match self {
            SortMode::Printed => SortMode::Amount,
            SortMode::Amount => SortMode::Code,
            SortMode::Code => SortMode::Name,
            SortMode::Name => SortMode::Printed,
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SortMode::Printed => lang.t("as printed", "按列示顺序"),
            SortMode::Amount => lang.t("by amount", "按金额"),
            SortMode::Code => lang.t("by code", "按编码"),
            SortMode::Name => lang.t("by name", "按名称"),
        }
    }
}

/// The source view: the printed lines around a figure, or why they cannot be shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceState {
    /// The document it belongs to.
    pub doc: usize,
    /// What the text is the source of (`t03 row 12 行政运行`).
    pub title: String,
    pub text: Option<Result<yusuan::source_text::SourceText, String>>,
    pub scroll: usize,
}

/// A place in the explorer, for back and forward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub screen: Screen,
    pub node: usize,
    pub tab: Tab,
    pub focus: Focus,
    pub detail_scroll: usize,
    pub finding: usize,
    pub table: TableState,
    pub source: SourceState,
}

/// Overlays drawn over the current screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Search,
    /// Typing a triage note for finding `finding`.
    Note {
        finding: usize,
        status: Status,
    },
    /// Choosing the findings view's rule filter: the selected line (0 = every rule).
    RulePicker {
        selected: usize,
    },
}

/// The search overlay.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub selected: usize,
    pub offset: usize,
    pub searcher: Searcher,
    /// Just opened: the previous query is shown, and the first character typed replaces it.
    pub fresh: bool,
}

/// The findings view.
#[derive(Debug)]
pub struct FindingsState {
    pub severity: SevFilter,
    /// Only this rule, when set.
    pub rule: Option<String>,
    pub hide_dismissed: bool,
    /// Indices into `App::findings`, filtered.
    pub list: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// Scroll of the selected finding's detail.
    pub detail_scroll: usize,
}

/// Areas of the last frame, for paging and the mouse.
#[derive(Clone, Copy, Debug, Default)]
pub struct ViewCache {
    pub tree: Rect,
    pub detail: Rect,
    pub list: Rect,
    pub detail_lines: usize,
    pub help_lines: usize,
    /// The findings view's detail area and its line count.
    pub fdetail: Rect,
    pub fdetail_lines: usize,
    /// The table view's body (rows) and the number of scrolled columns that fit.
    pub table_body: Rect,
    pub table_cols: usize,
    pub source_lines: usize,
    /// Tab labels of the detail pane, for clicks.
    pub tabs: [Rect; 4],
}

/// Upper bound of search results kept (the rest are counted).
pub const SEARCH_LIMIT: usize = 500;

/// The explorer.
pub struct App {
    pub corpus: Corpus,
    pub trees: Vec<Node>,
    pub forest: Forest,
    pub findings: Vec<Finding>,
    /// Arena node of each finding.
    pub finding_node: Vec<usize>,
    pub finding_key: Vec<String>,
    pub own: Vec<Counts>,
    pub below: Vec<Counts>,
    pub triage: Store,
    pub index: Index,
    pub settings: Settings,
    pub lang: Lang,
    pub expanded: HashSet<usize>,
    pub visible: Vec<usize>,
    pub selected: usize,
    pub tree_offset: usize,
    pub focus: Focus,
    pub screen: Screen,
    pub overlay: Overlay,
    pub tab: Tab,
    pub detail_scroll: usize,
    pub help_scroll: usize,
    pub search: SearchState,
    pub fview: FindingsState,
    pub note: String,
    /// A one-line message for the status line, until the next key.
    pub message: Option<String>,
    pub quit: bool,
    pub view: ViewCache,
    pub history: History<Place>,
    pub tview: TableState,
    pub source: SourceState,
    pub sort: SortMode,
    /// The tree shows only nodes with findings on or below them.
    pub only_findings: bool,
    /// Where `e` writes CSV files.
    pub export_dir: std::path::PathBuf,
    /// Text to put on the clipboard with OSC 52 after the next frame.
    pub clipboard: Option<String>,
}

impl App {
    pub fn new(
        corpus: Corpus,
        findings: Vec<Finding>,
        triage: Store,
        settings: Settings,
        lang: Lang,
    ) -> App {
        let trees: Vec<Node> = corpus.documents.iter().map(yusuan::tree::build).collect();
        let forest = Forest::build(&corpus, &trees);
        let index = yusuan::search::corpus_index(&corpus, &trees);
        let finding_node: Vec<usize> = findings
            .iter()
            .map(|f| forest.node_of(&corpus, f).unwrap_or(usize::MAX))
            .collect();
        let finding_key = findings.iter().map(Finding::key).collect();
        let mut expanded = HashSet::new();
        // Groups and the departments start open, so the first screen shows the structure.
        for (id, n) in forest.nodes.iter().enumerate() {
            if matches!(
                n.kind,
                UKind::Year | UKind::Region | UKind::Node(yusuan::tree::NodeKind::Department)
            ) {
                expanded.insert(id);
            }
        }
        let hide_dismissed = settings.hide_dismissed;
        let mut app = App {
            corpus,
            trees,
            forest,
            findings,
            finding_node,
            finding_key,
            own: Vec::new(),
            below: Vec::new(),
            triage,
            index,
            settings,
            lang,
            expanded,
            visible: Vec::new(),
            selected: 0,
            tree_offset: 0,
            focus: Focus::Tree,
            screen: Screen::Explorer,
            overlay: Overlay::None,
            tab: Tab::Amounts,
            detail_scroll: 0,
            help_scroll: 0,
            search: SearchState::default(),
            fview: FindingsState {
                severity: SevFilter::All,
                rule: None,
                hide_dismissed,
                list: Vec::new(),
                selected: 0,
                offset: 0,
                detail_scroll: 0,
            },
            note: String::new(),
            message: None,
            quit: false,
            view: ViewCache::default(),
            history: History::default(),
            tview: TableState::default(),
            source: SourceState::default(),
            sort: SortMode::Printed,
            only_findings: false,
            export_dir: std::path::PathBuf::from("."),
            clipboard: None,
        };
        app.refresh_visible();
        app.refresh_findings();
        if let Some(&first) = app.visible.first() {
            app.selected = app.forest.doc_roots.first().copied().unwrap_or(first);
        }
        app
    }

    // ----- derived state -------------------------------------------------------------------

    /// Recomputes the rows the tree shows from the expansion set, the sort order and the
    /// findings filter.
    pub fn refresh_visible(&mut self) {
        let mut out = Vec::new();
        let keep =
            |id: usize| !self.only_findings || self.below.get(id).is_some_and(|c| c.total > 0);
        let mut stack: Vec<usize> = self
            .forest
            .roots
            .iter()
            .rev()
            .copied()
            .filter(|&id| keep(id))
            .collect();
        while let Some(id) = stack.pop() {
            out.push(id);
            if self.expanded.contains(&id) {
                let mut kids: Vec<usize> = self.forest.nodes[id]
                    .children
                    .iter()
                    .copied()
                    .filter(|&k| keep(k))
                    .collect();
                self.sort_children(&mut kids);
                stack.extend(kids.into_iter().rev());
            }
        }
        self.visible = out;
        // A selection the filter hides moves to its nearest shown ancestor.
        if !self.visible.is_empty() && !self.visible.contains(&self.selected) {
            let mut id = self.selected;
            while let Some(p) = self.forest.nodes.get(id).and_then(|n| n.parent) {
                id = p;
                if self.visible.contains(&id) {
                    break;
                }
            }
            self.selected = if self.visible.contains(&id) {
                id
            } else {
                self.visible[0]
            };
        }
    }

    /// Orders sibling nodes by the current sort mode (stable: ties keep the printed order).
    pub fn sort_children(&self, kids: &mut [usize]) {
        let nodes = &self.forest.nodes;
        let yuan = |id: usize| {
            nodes[id]
                .amount
                .map(|a| a * rust_decimal::Decimal::from(nodes[id].money_unit.yuan_per_unit()))
        };
        match self.sort {
            SortMode::Printed => {}
            SortMode::Amount => kids.sort_by_key(|&a| std::cmp::Reverse(yuan(a))),
            SortMode::Code => kids.sort_by(|&a, &b| {
                let key = |id: usize| (nodes[id].code.is_none(), nodes[id].code.clone());
                key(a).cmp(&key(b))
            }),
            SortMode::Name => kids.sort_by(|&a, &b| {
                yusuan::search::sort_key(&nodes[a].label)
                    .cmp(&yusuan::search::sort_key(&nodes[b].label))
            }),
        }
    }

    /// Whether the finding is dismissed.
    pub fn mark_of(&self, i: usize) -> Option<&Mark> {
        self.triage.get(&self.finding_key[i])
    }

    pub fn counted(&self, i: usize) -> bool {
        !(self.fview.hide_dismissed
            && self
                .mark_of(i)
                .is_some_and(|m| m.status == Status::Dismissed))
    }

    /// Recomputes counts and the findings view after a filter or triage change.
    pub fn refresh_findings(&mut self) {
        let pairs: Vec<(usize, Severity)> = (0..self.findings.len())
            .filter(|&i| self.counted(i))
            .map(|i| (self.finding_node[i], self.findings[i].severity))
            .collect();
        let (own, below) = self.forest.counts(pairs.into_iter());
        self.own = own;
        self.below = below;
        let keep_key = self
            .fview
            .list
            .get(self.fview.selected)
            .map(|&i| self.finding_key[i].clone());
        let mut list: Vec<usize> = (0..self.findings.len())
            .filter(|&i| {
                let f = &self.findings[i];
                self.counted(i)
                    && self.fview.severity.admits(f.severity)
                    && self.fview.rule.as_ref().is_none_or(|r| *r == f.rule)
            })
            .collect();
        // Worst first, then in tree order, then as reported.
        let order: std::collections::HashMap<usize, usize> = self
            .forest
            .preorder
            .iter()
            .enumerate()
            .map(|(pos, &id)| (id, pos))
            .collect();
        list.sort_by_key(|&i| {
            (
                std::cmp::Reverse(self.findings[i].severity),
                order
                    .get(&self.finding_node[i])
                    .copied()
                    .unwrap_or(usize::MAX),
                i,
            )
        });
        self.fview.list = list;
        self.fview.selected = keep_key
            .and_then(|k| {
                self.fview
                    .list
                    .iter()
                    .position(|&i| self.finding_key[i] == k)
            })
            .unwrap_or(0)
            .min(self.fview.list.len().saturating_sub(1));
        // The tree's findings filter follows the counts.
        if self.only_findings {
            self.refresh_visible();
        }
    }

    /// Totals over every counted finding.
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for i in 0..self.findings.len() {
            if self.counted(i) {
                c.add(self.findings[i].severity);
            }
        }
        c
    }

    /// Findings on `node` and below it, in the order of the findings view.
    pub fn findings_below(&self, node: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.findings.len())
            .filter(|&i| {
                self.counted(i)
                    && self.finding_node[i] != usize::MAX
                    && self.forest.is_within(self.finding_node[i], node)
            })
            .collect();
        v.sort_by_key(|&i| (std::cmp::Reverse(self.findings[i].severity), i));
        v
    }

    /// The library node behind an arena node.
    pub fn tree_node(&self, id: usize) -> Option<&Node> {
        let n = self.forest.nodes.get(id)?;
        let doc = n.doc?;
        self.trees.get(doc)?.find(&n.path)
    }

    /// Position of the selection among visible rows.
    pub fn selected_row(&self) -> usize {
        self.visible
            .iter()
            .position(|&id| id == self.selected)
            .unwrap_or(0)
    }

    /// The context keys are read in.
    pub fn ctx(&self) -> Ctx {
        match &self.overlay {
            Overlay::Help => Ctx::Help,
            Overlay::Search => Ctx::Search,
            Overlay::Note { .. } => Ctx::Note,
            Overlay::RulePicker { .. } => Ctx::Picker,
            Overlay::None => match (self.screen, self.focus) {
                (Screen::Findings, _) => Ctx::Findings,
                (Screen::Tables, _) => Ctx::Tables,
                (Screen::Table, _) => Ctx::Table,
                (Screen::Source, _) => Ctx::Source,
                (Screen::Explorer, Focus::Tree) => Ctx::Tree,
                (Screen::Explorer, Focus::Detail) => Ctx::Detail,
            },
        }
    }

    // ----- history -------------------------------------------------------------------------

    /// Where the explorer is now.
    pub fn place(&self) -> Place {
        Place {
            screen: self.screen,
            node: self.selected,
            tab: self.tab,
            focus: self.focus,
            detail_scroll: self.detail_scroll,
            finding: self.fview.selected,
            table: self.tview.clone(),
            source: self.source.clone(),
        }
    }

    /// Remembers where the explorer is before a jump.
    pub fn remember(&mut self) {
        let here = self.place();
        self.history.push(here);
    }

    fn restore(&mut self, p: Place) {
        self.overlay = Overlay::None;
        self.screen = p.screen;
        if p.node < self.forest.nodes.len() {
            self.reveal(p.node);
        }
        self.tab = p.tab;
        self.focus = p.focus;
        self.detail_scroll = p.detail_scroll;
        self.fview.selected = p.finding.min(self.fview.list.len().saturating_sub(1));
        self.tview = p.table;
        self.source = p.source;
    }

    pub fn history_back(&mut self) {
        let here = self.place();
        match self.history.back(here) {
            Some(p) => self.restore(p),
            None => {
                self.message = Some(
                    self.lang
                        .t("nothing to go back to", "没有可后退的位置")
                        .into(),
                )
            }
        }
    }

    pub fn history_forward(&mut self) {
        let here = self.place();
        match self.history.forward(here) {
            Some(p) => self.restore(p),
            None => {
                self.message = Some(
                    self.lang
                        .t("nothing to go forward to", "没有可前进的位置")
                        .into(),
                )
            }
        }
    }

    // ----- input ---------------------------------------------------------------------------

    /// Handles one terminal event; returns whether the screen must be redrawn.
    pub fn handle_event(&mut self, ev: &Event) -> bool {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                self.handle_key(k);
                true
            }
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Resize(..) => true,
            Event::Paste(text) => {
                match self.overlay {
                    Overlay::Search => {
                        self.search
                            .query
                            .push_str(&text.replace(['\n', '\r', '\t'], ""));
                        self.run_search();
                    }
                    Overlay::Note { .. } => {
                        self.note.push_str(&text.replace(['\n', '\r', '\t'], " "))
                    }
                    _ => return false,
                }
                true
            }
            _ => false,
        }
    }

    pub fn handle_key(&mut self, ev: &KeyEvent) {
        self.message = None;
        let key = Key::from_event(ev);
        let ctx = self.ctx();
        let action = self.settings.keymap.lookup(ctx, &key);
        // Esc and the next key arriving together (a quick typist, a slow link) reach us as one
        // Alt-key; unless that Alt-key is bound, it is the two keys.
        if action.is_none() && key.alt && !key.ctrl && matches!(key.code, KeyCode::Char(_)) {
            self.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mut plain = *ev;
            plain.modifiers.remove(KeyModifiers::ALT);
            return self.handle_key(&plain);
        }
        match action {
            Some(action) => {
                self.search.fresh = false;
                self.apply(action)
            }
            None if matches!(ctx, Ctx::Search | Ctx::Note) => self.type_key(&key),
            None => {}
        }
    }

    fn type_key(&mut self, key: &Key) {
        let fresh = std::mem::take(&mut self.search.fresh);
        let target = match self.overlay {
            Overlay::Search if fresh && matches!(key.code, KeyCode::Char(_)) => {
                self.search.query.clear();
                &mut self.search.query
            }
            Overlay::Search => &mut self.search.query,
            Overlay::Note { .. } => &mut self.note,
            _ => return,
        };
        match key.code {
            KeyCode::Char(c) if !key.ctrl && !key.alt && !c.is_control() => {
                if target.chars().count() < 200 {
                    target.push(c);
                }
            }
            KeyCode::Backspace => {
                target.pop();
            }
            KeyCode::Char('c') if key.ctrl => {
                self.apply(Action::Back);
                return;
            }
            _ => return,
        }
        if self.overlay == Overlay::Search {
            self.run_search();
        }
    }

    fn handle_mouse(&mut self, m: &MouseEvent) -> bool {
        if !self.settings.mouse || self.overlay != Overlay::None {
            return false;
        }
        let pos = Position::new(m.column, m.row);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                let step = if down { Action::Down } else { Action::Up };
                if self.screen == Screen::Findings && self.view.fdetail.contains(pos) {
                    for _ in 0..3 {
                        self.apply(if down {
                            Action::ScrollDetailDown
                        } else {
                            Action::ScrollDetailUp
                        });
                    }
                } else if self.screen != Screen::Explorer {
                    for _ in 0..3 {
                        self.apply(step);
                    }
                } else if self.view.detail.contains(pos) {
                    self.focus = Focus::Detail;
                    for _ in 0..3 {
                        self.apply(step);
                    }
                } else if self.view.tree.contains(pos) {
                    self.focus = Focus::Tree;
                    for _ in 0..3 {
                        self.apply(step);
                    }
                } else {
                    return false;
                }
                true
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if self.screen == Screen::Findings && self.view.list.contains(pos) {
                    let row = self.fview.offset + (m.row - self.view.list.y) as usize;
                    if row < self.fview.list.len() {
                        self.fview.selected = row;
                    }
                    true
                } else if self.screen == Screen::Explorer && self.view.tree.contains(pos) {
                    self.focus = Focus::Tree;
                    let row = self.tree_offset + (m.row - self.view.tree.y) as usize;
                    if let Some(&id) = self.visible.get(row) {
                        if id == self.selected {
                            self.toggle(id);
                        } else {
                            self.select(id);
                        }
                    }
                    true
                } else if self.screen == Screen::Explorer
                    && let Some(t) = self.view.tabs.iter().position(|r| r.contains(pos))
                {
                    self.set_tab(Tab::ALL[t]);
                    true
                } else if self.screen == Screen::Explorer && self.view.detail.contains(pos) {
                    self.focus = Focus::Detail;
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// Applies an action in the current context.
    pub fn apply(&mut self, action: Action) {
        let ctx = self.ctx();
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = if self.overlay == Overlay::Help {
                    Overlay::None
                } else {
                    Overlay::Help
                };
                self.help_scroll = 0;
            }
            Action::Search => self.open_search(),
            Action::FindingsView => {
                self.overlay = Overlay::None;
                if self.screen == Screen::Findings {
                    self.screen = Screen::Explorer;
                } else {
                    self.remember();
                    self.screen = Screen::Findings;
                }
            }
            Action::HistoryBack if ctx != Ctx::Help => self.history_back(),
            Action::HistoryForward if ctx != Ctx::Help => self.history_forward(),
            _ => match ctx {
                Ctx::Tree => self.tree_action(action),
                Ctx::Detail => self.detail_action(action),
                Ctx::Findings => self.findings_action(action),
                Ctx::Search => self.search_action(action),
                Ctx::Note => self.note_action(action),
                Ctx::Help => self.help_action(action),
                Ctx::Tables => self.tables_action(action),
                Ctx::Table => self.table_action(action),
                Ctx::Source => self.source_action(action),
                Ctx::Picker => self.picker_action(action),
                Ctx::Global => {}
            },
        }
    }

    fn page(&self, area: Rect) -> usize {
        (area.height as usize).saturating_sub(1).max(1)
    }

    fn tree_action(&mut self, action: Action) {
        if self.forest.nodes.is_empty() {
            return self.common_action(action);
        }
        let row = self.selected_row();
        let last = self.visible.len().saturating_sub(1);
        let page = self.page(self.view.tree);
        match action {
            Action::Up => self.select_row(row.saturating_sub(1)),
            Action::Down => self.select_row((row + 1).min(last)),
            Action::Top => self.select_row(0),
            Action::Bottom => self.select_row(last),
            Action::PageUp => self.select_row(row.saturating_sub(page)),
            Action::PageDown => self.select_row((row + page).min(last)),
            Action::Collapse => {
                let id = self.selected;
                if self.expanded.contains(&id) && !self.forest.nodes[id].children.is_empty() {
                    self.expanded.remove(&id);
                    self.refresh_visible();
                } else if let Some(p) = self.forest.nodes[id].parent {
                    self.select(p);
                }
            }
            Action::Expand => {
                let id = self.selected;
                let children = &self.forest.nodes[id].children;
                if children.is_empty() {
                    self.focus = Focus::Detail;
                } else if !self.expanded.contains(&id) {
                    self.expanded.insert(id);
                    self.refresh_visible();
                } else {
                    let first = children[0];
                    self.select(first);
                }
            }
            Action::Activate => {
                let id = self.selected;
                if self.forest.nodes[id].children.is_empty() {
                    self.focus = Focus::Detail;
                } else {
                    self.toggle(id);
                }
            }
            Action::ExpandAll => {
                let id = self.selected;
                for n in self.forest.preorder.clone() {
                    if self.forest.is_within(n, id) && !self.forest.nodes[n].children.is_empty() {
                        self.expanded.insert(n);
                    }
                }
                self.refresh_visible();
            }
            Action::CollapseAll => {
                self.expanded
                    .retain(|&id| self.forest.nodes[id].doc.is_none());
                self.refresh_visible();
                // The selection moves to its nearest visible ancestor.
                let mut id = self.selected;
                while !self.visible.contains(&id) {
                    match self.forest.nodes[id].parent {
                        Some(p) => id = p,
                        None => break,
                    }
                }
                self.select(id);
            }
            Action::NextPane | Action::PrevPane => self.focus = Focus::Detail,
            Action::SortChildren => {
                self.sort = self.sort.next();
                self.refresh_visible();
                self.message = Some(format!(
                    "{} {}",
                    self.lang.t("children sorted", "下级已排序："),
                    self.sort.label(self.lang)
                ));
            }
            Action::FilterFindings => {
                self.only_findings = !self.only_findings;
                self.refresh_visible();
                self.message = Some(
                    if self.only_findings {
                        self.lang
                            .t("showing only nodes with findings", "仅显示有问题的节点")
                    } else {
                        self.lang.t("showing every node", "显示全部节点")
                    }
                    .into(),
                );
            }
            _ => self.common_action(action),
        }
    }

    fn detail_action(&mut self, action: Action) {
        let page = self.page(self.view.detail);
        let max = self.view.detail_lines.saturating_sub(1);
        match action {
            Action::Up => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::Down => self.detail_scroll = (self.detail_scroll + 1).min(max),
            Action::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(page),
            Action::PageDown => self.detail_scroll = (self.detail_scroll + page).min(max),
            Action::Top => self.detail_scroll = 0,
            Action::Bottom => self.detail_scroll = max,
            Action::Back | Action::NextPane | Action::PrevPane => self.focus = Focus::Tree,
            _ => self.common_action(action),
        }
    }

    /// Actions shared by the tree and the detail panes.
    fn common_action(&mut self, action: Action) {
        match action {
            Action::NextFinding => self.goto_finding(true),
            Action::PrevFinding => self.goto_finding(false),
            Action::TabAmounts => self.set_tab(Tab::Amounts),
            Action::TabPerformance => self.set_tab(Tab::Performance),
            Action::TabFindings => self.set_tab(Tab::Findings),
            Action::TabText => self.set_tab(Tab::Text),
            Action::OpenTables => self.open_tables_for_node(),
            Action::OpenSource => self.open_source_for_node(),
            Action::Copy => self.copy_node(false),
            Action::CopyAddress => self.copy_node(true),
            Action::Export => self.export_children(),
            _ => {}
        }
    }

    pub fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.detail_scroll = 0;
    }

    fn findings_action(&mut self, action: Action) {
        let before = self.fview.selected;
        self.findings_action_inner(action);
        if self.fview.selected != before {
            self.fview.detail_scroll = 0;
        }
    }

    fn findings_action_inner(&mut self, action: Action) {
        let len = self.fview.list.len();
        let last = len.saturating_sub(1);
        let page = self.page(self.view.list);
        let sel = self.fview.selected;
        match action {
            Action::Up => self.fview.selected = sel.saturating_sub(1),
            Action::Down => self.fview.selected = (sel + 1).min(last),
            Action::PageUp => self.fview.selected = sel.saturating_sub(page),
            Action::PageDown => self.fview.selected = (sel + page).min(last),
            Action::Top => self.fview.selected = 0,
            Action::Bottom => self.fview.selected = last,
            Action::Back => self.screen = Screen::Explorer,
            Action::Activate => {
                if let Some(&i) = self.fview.list.get(sel) {
                    self.open_finding(i);
                }
            }
            Action::OpenTables => {
                if let Some(&i) = self.fview.list.get(sel)
                    && !self.open_finding_table(i)
                {
                    self.message = Some(
                        self.lang
                            .t("this finding names no table", "此问题未涉及报表")
                            .into(),
                    );
                }
            }
            Action::OpenSource => {
                if let Some(&i) = self.fview.list.get(sel) {
                    self.open_source_for_finding(i);
                }
            }
            Action::Copy | Action::CopyAddress => {
                if let Some(&i) = self.fview.list.get(sel) {
                    let text = if action == Action::Copy {
                        self.finding_text(i)
                    } else {
                        let n = self.finding_node[i];
                        self.forest
                            .nodes
                            .get(n)
                            .map(|n| n.path.clone())
                            .unwrap_or_default()
                    };
                    self.copy(text);
                }
            }
            Action::Export => self.export_findings(),
            Action::ScrollDetailDown => {
                let max = self
                    .view
                    .fdetail_lines
                    .saturating_sub(self.view.fdetail.height as usize);
                self.fview.detail_scroll = (self.fview.detail_scroll + 1).min(max);
            }
            Action::ScrollDetailUp => {
                self.fview.detail_scroll = self.fview.detail_scroll.saturating_sub(1)
            }
            Action::CycleSeverity => {
                self.fview.severity = self.fview.severity.next();
                self.refresh_findings();
            }
            Action::CycleRule | Action::PrevRule => {
                let rules = self.rule_counts();
                let names: Vec<&str> = rules.iter().map(|(r, _)| r.as_str()).collect();
                let pos = self
                    .fview
                    .rule
                    .as_deref()
                    .and_then(|cur| names.iter().position(|r| *r == cur));
                // Positions 0..n are rules; n stands for "all rules".
                let n = names.len();
                let at = pos.unwrap_or(n);
                let to = if action == Action::CycleRule {
                    (at + 1) % (n + 1)
                } else {
                    (at + n) % (n + 1)
                };
                self.fview.rule = names.get(to).map(|r| r.to_string());
                self.refresh_findings();
            }
            Action::PickRule => {
                let rules = self.rule_counts();
                let selected = self
                    .fview
                    .rule
                    .as_deref()
                    .and_then(|cur| rules.iter().position(|(r, _)| r == cur))
                    .map_or(0, |p| p + 1);
                self.overlay = Overlay::RulePicker { selected };
            }
            Action::ToggleDismissed => {
                self.fview.hide_dismissed = !self.fview.hide_dismissed;
                self.refresh_findings();
            }
            Action::Confirm | Action::Dismiss => {
                if let Some(&i) = self.fview.list.get(sel) {
                    let status = if action == Action::Confirm {
                        Status::Confirmed
                    } else {
                        Status::Dismissed
                    };
                    self.note = self.mark_of(i).map(|m| m.note.clone()).unwrap_or_default();
                    self.overlay = Overlay::Note { finding: i, status };
                }
            }
            Action::Unmark => {
                if let Some(&i) = self.fview.list.get(sel) {
                    self.save_mark(i, None);
                }
            }
            _ => {}
        }
    }

    fn note_action(&mut self, action: Action) {
        match action {
            Action::Activate => {
                if let Overlay::Note { finding, status } = self.overlay.clone() {
                    let note = self.note.trim().to_string();
                    self.overlay = Overlay::None;
                    self.save_mark(finding, Some(Mark::new(status, note)));
                }
            }
            Action::Back => self.overlay = Overlay::None,
            Action::ClearInput => self.note.clear(),
            _ => {}
        }
    }

    fn save_mark(&mut self, i: usize, mark: Option<Mark>) {
        let key = self.finding_key[i].clone();
        let status = mark.as_ref().map(|m| m.status);
        match self.triage.set(&key, mark) {
            Ok(()) => {
                self.message = Some(match status {
                    Some(s) => format!("{} {}", s.symbol(), self.lang.t(s.label(), s.label_zh())),
                    None => self.lang.t("mark cleared", "已清除标记").to_string(),
                });
            }
            Err(e) => self.message = Some(format!("{}: {e}", self.lang.t("not saved", "未保存"))),
        }
        self.refresh_findings();
    }

    fn help_action(&mut self, action: Action) {
        match action {
            Action::Back => self.overlay = Overlay::None,
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down => {
                self.help_scroll =
                    (self.help_scroll + 1).min(self.view.help_lines.saturating_sub(1))
            }
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
            Action::PageDown => {
                self.help_scroll =
                    (self.help_scroll + 10).min(self.view.help_lines.saturating_sub(1))
            }
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = self.view.help_lines.saturating_sub(1),
            _ => {}
        }
    }

    // ----- search --------------------------------------------------------------------------

    pub fn open_search(&mut self) {
        self.overlay = Overlay::Search;
        self.search.fresh = true;
        self.run_search();
    }

    pub fn run_search(&mut self) {
        let s = &mut self.search;
        s.hits = s.searcher.search(&self.index, &s.query, SEARCH_LIMIT);
        s.total = s.searcher.total;
        s.selected = 0;
        s.offset = 0;
    }

    fn search_action(&mut self, action: Action) {
        let last = self.search.hits.len().saturating_sub(1);
        let page = self.page(self.view.list);
        let s = &mut self.search;
        match action {
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::Down => s.selected = (s.selected + 1).min(last),
            Action::PageUp => s.selected = s.selected.saturating_sub(page),
            Action::PageDown => s.selected = (s.selected + page).min(last),
            Action::Back => self.overlay = Overlay::None,
            Action::ClearInput => {
                s.query.clear();
                self.run_search();
            }
            Action::Activate => {
                if let Some(hit) = s.hits.get(s.selected).copied() {
                    let path = self.index.entry(hit.entry).node.clone();
                    self.overlay = Overlay::None;
                    self.remember();
                    self.jump_to_path(&path);
                }
            }
            _ => {}
        }
    }

    // ----- selection -----------------------------------------------------------------------

    fn select_row(&mut self, row: usize) {
        if let Some(&id) = self.visible.get(row) {
            self.select(id);
        }
    }

    /// Selects a visible node; the detail pane starts at its top.
    pub fn select(&mut self, id: usize) {
        if id != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = id;
    }

    pub fn toggle(&mut self, id: usize) {
        if self.forest.nodes[id].children.is_empty() {
            return;
        }
        if !self.expanded.remove(&id) {
            self.expanded.insert(id);
        }
        self.refresh_visible();
    }

    /// Opens every ancestor of `id` and selects it.
    pub fn reveal(&mut self, id: usize) {
        for a in self.forest.ancestors(id) {
            self.expanded.insert(a);
        }
        self.refresh_visible();
        self.select(id);
    }

    /// Jumps to the node at `path` in the explorer.
    pub fn jump_to_path(&mut self, path: &str) -> bool {
        match self.forest.by_path.get(path).copied() {
            Some(id) => {
                self.reveal(id);
                self.screen = Screen::Explorer;
                self.focus = Focus::Tree;
                true
            }
            None => false,
        }
    }

    /// Moves to the next (or previous) node, in tree order, with findings on it.
    pub fn goto_finding(&mut self, forward: bool) {
        let order = &self.forest.preorder;
        if order.is_empty() {
            return;
        }
        let here = order
            .iter()
            .position(|&id| id == self.selected)
            .unwrap_or(0);
        let n = order.len();
        let found = (1..=n)
            .map(|step| {
                if forward {
                    (here + step) % n
                } else {
                    (here + n - step % n) % n
                }
            })
            .map(|pos| order[pos])
            .find(|&id| self.own.get(id).is_some_and(|c| c.total > 0));
        match found {
            Some(id) => {
                self.remember();
                self.reveal(id);
                self.tab = Tab::Findings;
                self.detail_scroll = 0;
            }
            None => self.message = Some(self.lang.t("no findings", "没有问题").to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Corpus {
        let text = include_str!("../../tests/fixtures/minimal.json");
        let mut corpus = Corpus::default();
        corpus.documents.push(yusuan::load::Loaded {
            file: "minimal.json".into(),
            id: "minimal".into(),
            bytes: text.len(),
            doc: yusuan::load::parse_document("minimal.json", text.as_bytes()).unwrap(),
            import: None,
        });
        corpus
    }

    fn finding(node: &str, sev: Severity, rule: &str) -> Finding {
        Finding {
            document: "minimal".into(),
            rule: rule.into(),
            severity: sev,
            location: yusuan::audit::Location {
                table: Some(format!("t02 {node}")),
                ..Default::default()
            },
            expected: Some("1".into()),
            actual: Some("2".into()),
            difference: None,
            unit: None,
            message: format!("{rule} message"),
            message_zh: format!("{rule} 消息"),
            node: Some(node.into()),
            source: None,
            row_ref: None,
            project: None,
        }
    }

    fn app() -> App {
        let findings = vec![
            finding("minimal/func/2060101", Severity::Error, "ARITH-001"),
            finding(
                "minimal/projects/示例市科技中心/其他运转类/科普活动",
                Severity::Warning,
                "PROJ-001",
            ),
            finding("minimal", Severity::Info, "STRUCT-001"),
        ];
        App::new(
            fixture(),
            findings,
            Store::in_memory(),
            Settings::defaults(false),
            Lang::En,
        )
    }

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            key(app, KeyCode::Char(c));
        }
    }

    fn path(app: &App) -> &str {
        &app.forest.nodes[app.selected].path
    }

    #[test]
    fn starts_on_the_department_with_its_children_visible() {
        let a = app();
        assert_eq!(path(&a), "minimal");
        let labels: Vec<&str> = a
            .visible
            .iter()
            .map(|&i| a.forest.nodes[i].label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "示例市科学技术局",
                "预算单位",
                "支出功能分类",
                "支出经济分类",
                "项目"
            ]
        );
    }

    #[test]
    fn moving_expanding_collapsing() {
        let mut a = app();
        key(&mut a, KeyCode::Char('j'));
        key(&mut a, KeyCode::Char('j'));
        assert_eq!(path(&a), "minimal/func");
        key(&mut a, KeyCode::Char('l'));
        assert!(a.visible.len() > 5, "expanded");
        key(&mut a, KeyCode::Char('l'));
        assert_eq!(path(&a), "minimal/func/206");
        key(&mut a, KeyCode::Char('h'));
        assert_eq!(
            path(&a),
            "minimal/func",
            "h on a collapsed node goes to the parent"
        );
        key(&mut a, KeyCode::Char('h'));
        assert_eq!(a.visible.len(), 5, "collapsed");
        key(&mut a, KeyCode::Char('G'));
        assert_eq!(path(&a), "minimal/projects");
        key(&mut a, KeyCode::Char('g'));
        assert_eq!(path(&a), "minimal");
        key(&mut a, KeyCode::Up);
        assert_eq!(path(&a), "minimal", "clamped at the top");
    }

    #[test]
    fn expansion_is_kept_while_moving_around() {
        let mut a = app();
        key(&mut a, KeyCode::Char('j'));
        key(&mut a, KeyCode::Enter);
        let n = a.visible.len();
        key(&mut a, KeyCode::Char('G'));
        key(&mut a, KeyCode::Char('g'));
        assert_eq!(a.visible.len(), n);
    }

    #[test]
    fn tab_switches_focus_and_escape_returns() {
        let mut a = app();
        key(&mut a, KeyCode::Tab);
        assert_eq!(a.focus, Focus::Detail);
        key(&mut a, KeyCode::Char('j'));
        assert_eq!(a.detail_scroll, 0, "nothing to scroll yet: no frame drawn");
        key(&mut a, KeyCode::Esc);
        assert_eq!(a.focus, Focus::Tree);
        key(&mut a, KeyCode::Char('3'));
        assert_eq!(a.tab, Tab::Findings);
    }

    #[test]
    fn next_and_previous_finding_reveal_nodes() {
        let mut a = app();
        key(&mut a, KeyCode::Char('n'));
        assert_eq!(path(&a), "minimal/func/2060101");
        assert_eq!(a.tab, Tab::Findings);
        key(&mut a, KeyCode::Char('n'));
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
        key(&mut a, KeyCode::Char('n'));
        assert_eq!(path(&a), "minimal", "wraps around");
        key(&mut a, KeyCode::Char('N'));
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
    }

    #[test]
    fn counts_roll_up_to_ancestors() {
        let a = app();
        let root = a.forest.doc_roots[0];
        assert_eq!(a.below[root].total, 3);
        assert_eq!(a.below[root].worst(), Some(Severity::Error));
        assert_eq!(a.own[root].total, 1);
        let func = a.forest.by_path["minimal/func"];
        assert_eq!(a.below[func].total, 1);
    }

    #[test]
    fn search_by_initials_and_jump() {
        let mut a = app();
        key(&mut a, KeyCode::Char('/'));
        assert_eq!(a.overlay, Overlay::Search);
        typed(&mut a, "kphd");
        assert_eq!(
            a.search.query, "kphd",
            "q and j are typed, not bound, while searching"
        );
        assert!(!a.search.hits.is_empty());
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
        assert!(a.visible.contains(&a.selected));
    }

    #[test]
    fn search_escape_keeps_the_selection() {
        let mut a = app();
        let before = a.selected;
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "xz");
        key(&mut a, KeyCode::Backspace);
        assert_eq!(a.search.query, "x");
        key(&mut a, KeyCode::Esc);
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(a.selected, before);
        assert!(!a.quit);
        // Reopening shows the last query; typing replaces it, Backspace edits it.
        key(&mut a, KeyCode::Char('/'));
        assert_eq!(a.search.query, "x");
        typed(&mut a, "kp");
        assert_eq!(a.search.query, "kp");
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::Char('/'));
        key(&mut a, KeyCode::Backspace);
        assert_eq!(a.search.query, "k");
    }

    #[test]
    fn escape_and_a_key_read_as_one_alt_key_are_both_applied() {
        let mut a = app();
        key(&mut a, KeyCode::Char('?'));
        a.handle_key(&KeyEvent::new(KeyCode::Char('/'), KeyModifiers::ALT));
        assert_eq!(
            a.overlay,
            Overlay::Search,
            "Esc closed help, / opened search"
        );
        a.handle_key(&KeyEvent::new(KeyCode::Char('f'), KeyModifiers::ALT));
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(a.screen, Screen::Findings);
        assert_eq!(a.search.query, "", "nothing typed into the closed search");
    }

    #[test]
    fn help_toggles_and_quit_quits() {
        let mut a = app();
        key(&mut a, KeyCode::Char('?'));
        assert_eq!(a.overlay, Overlay::Help);
        key(&mut a, KeyCode::Esc);
        assert_eq!(a.overlay, Overlay::None);
        key(&mut a, KeyCode::Char('q'));
        assert!(a.quit);
    }

    #[test]
    fn findings_view_filters_and_jumps() {
        let mut a = app();
        key(&mut a, KeyCode::Char('f'));
        assert_eq!(a.screen, Screen::Findings);
        assert_eq!(a.fview.list.len(), 3);
        assert_eq!(
            a.findings[a.fview.list[0]].severity,
            Severity::Error,
            "worst first"
        );
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.fview.list.len(), 2);
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.fview.list.len(), 1);
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.fview.severity, SevFilter::WarningsOnly);
        assert_eq!(a.findings[a.fview.list[0]].rule, "PROJ-001");
        assert_eq!(a.fview.list.len(), 1);
        key(&mut a, KeyCode::Char('s'));
        assert_eq!(a.fview.severity, SevFilter::All);
        key(&mut a, KeyCode::Char('r'));
        assert_eq!(a.fview.rule.as_deref(), Some("ARITH-001"));
        assert_eq!(a.fview.list.len(), 1);
        key(&mut a, KeyCode::Char('r'));
        key(&mut a, KeyCode::Char('r'));
        key(&mut a, KeyCode::Char('r'));
        assert_eq!(a.fview.rule, None, "cycles back to all rules");
        key(&mut a, KeyCode::Char('R'));
        assert_eq!(a.fview.rule.as_deref(), Some("STRUCT-001"), "R steps back");
        key(&mut a, KeyCode::Char('R'));
        assert_eq!(a.fview.rule.as_deref(), Some("PROJ-001"));
        // The picker lists every rule with its count; Enter on the first line clears it.
        key(&mut a, KeyCode::Char('p'));
        assert_eq!(a.overlay, Overlay::RulePicker { selected: 2 });
        assert_eq!(
            a.rule_counts(),
            [
                ("ARITH-001".to_string(), 1),
                ("PROJ-001".to_string(), 1),
                ("STRUCT-001".to_string(), 1)
            ]
        );
        key(&mut a, KeyCode::Char('g'));
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.fview.rule, None);
        assert_eq!(a.overlay, Overlay::None);
        key(&mut a, KeyCode::Char('g'));
        key(&mut a, KeyCode::Char('j'));
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::Explorer);
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
    }

    #[test]
    fn triage_with_note_and_hiding_dismissed() {
        let mut a = app();
        key(&mut a, KeyCode::Char('f'));
        key(&mut a, KeyCode::Char('x'));
        assert!(matches!(
            a.overlay,
            Overlay::Note {
                status: Status::Dismissed,
                ..
            }
        ));
        typed(&mut a, "rounding, q ok");
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.overlay, Overlay::None);
        let first = a.fview.list[0];
        let mark = a.mark_of(first).unwrap();
        assert_eq!(mark.status, Status::Dismissed);
        assert_eq!(mark.note, "rounding, q ok");
        key(&mut a, KeyCode::Char('d'));
        assert!(a.fview.hide_dismissed);
        assert_eq!(a.fview.list.len(), 2);
        assert_eq!(a.totals().total, 2);
        key(&mut a, KeyCode::Char('d'));
        assert_eq!(a.fview.list.len(), 3);
        key(&mut a, KeyCode::Char('g'));
        let sel = a.fview.list[a.fview.selected];
        assert_eq!(sel, first);
        key(&mut a, KeyCode::Char('u'));
        assert!(a.mark_of(sel).is_none());
        // Escape in the note prompt cancels.
        key(&mut a, KeyCode::Char('c'));
        typed(&mut a, "x");
        key(&mut a, KeyCode::Esc);
        assert!(a.mark_of(sel).is_none());
    }

    #[test]
    fn table_view_opens_at_the_node_row_and_back_returns() {
        let mut a = app();
        assert!(a.jump_to_path("minimal/func/2060101"));
        key(&mut a, KeyCode::Char('t'));
        assert_eq!(a.screen, Screen::Tables);
        assert_eq!(a.tview.pick, 1, "the node's table is preselected");
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::Table);
        let (_, t) = a.current_table().unwrap();
        assert_eq!(t.id, "t02");
        assert_eq!(a.tview.row, 1, "at the node's row");
        key(&mut a, KeyCode::Char('l'));
        assert_eq!(a.tview.col, 1);
        key(&mut a, KeyCode::Char('y'));
        assert_eq!(a.clipboard.as_deref(), Some("70.00"));
        key(&mut a, KeyCode::Right);
        a.clipboard = None;
        key(&mut a, KeyCode::Char('y'));
        assert_eq!(a.clipboard, None, "a blank cell is not copied as 0");
        assert_eq!(a.message.as_deref(), Some("nothing to copy"));
        key(&mut a, KeyCode::Char('['));
        assert_eq!(a.screen, Screen::Tables);
        key(&mut a, KeyCode::Char('['));
        assert_eq!(a.screen, Screen::Explorer);
        assert_eq!(path(&a), "minimal/func/2060101");
        key(&mut a, KeyCode::Char(']'));
        assert_eq!(a.screen, Screen::Tables);
    }

    #[test]
    fn enter_on_a_table_level_finding_opens_its_table_at_the_row() {
        let mut a = app();
        // A finding on the department with a row of t02 (as the audit reports a table total).
        let mut f = finding("minimal", Severity::Error, "ARITH-002");
        f.row_ref = Some(("t02".into(), 2));
        f.location.column = Some("项目支出".into());
        a.findings.push(f);
        a.finding_node.push(a.forest.doc_roots[0]);
        a.finding_key.push("k".into());
        a.refresh_findings();
        key(&mut a, KeyCode::Char('f'));
        let pos = a.fview.list.iter().position(|&i| i == 3).unwrap();
        a.fview.selected = pos;
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.screen, Screen::Table);
        assert_eq!(a.current_table().unwrap().1.id, "t02");
        assert_eq!((a.tview.row, a.tview.col), (2, 2));
        key(&mut a, KeyCode::Esc);
        assert_eq!(
            a.screen,
            Screen::Findings,
            "Esc goes back where the jump started"
        );
    }

    #[test]
    fn history_covers_search_and_finding_jumps() {
        let mut a = app();
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "kphd");
        key(&mut a, KeyCode::Enter);
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
        key(&mut a, KeyCode::Char('n'));
        let after_n = path(&a).to_string();
        assert_ne!(
            after_n,
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
        key(&mut a, KeyCode::Backspace);
        assert_eq!(
            path(&a),
            "minimal/projects/示例市科技中心/其他运转类/科普活动"
        );
        key(&mut a, KeyCode::Char('['));
        assert_eq!(path(&a), "minimal", "back to where the search started");
        key(&mut a, KeyCode::Char('['));
        assert!(
            a.message.is_some(),
            "nothing further back is said, not silent"
        );
    }

    #[test]
    fn copy_and_export() {
        let mut a = app();
        let dir = tempfile::tempdir().unwrap();
        a.export_dir = dir.path().to_path_buf();
        key(&mut a, KeyCode::Char('y'));
        assert_eq!(a.clipboard.as_deref(), Some("100.00"));
        key(&mut a, KeyCode::Char('Y'));
        assert_eq!(a.clipboard.as_deref(), Some("minimal"));
        key(&mut a, KeyCode::Char('e'));
        let msg = a.message.clone().unwrap();
        assert!(msg.contains("exported 4 rows"), "{msg}");
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        assert!(
            msg.contains(&file.display().to_string()),
            "the path is in the status line"
        );
        let csv = std::fs::read_to_string(&file).unwrap();
        assert!(
            csv.contains("minimal/func,,支出功能分类,100.00,万元,"),
            "{csv}"
        );
        key(&mut a, KeyCode::Char('f'));
        key(&mut a, KeyCode::Char('y'));
        assert!(a.clipboard.as_deref().unwrap().contains("ARITH-001"));
        key(&mut a, KeyCode::Char('e'));
        assert!(a.message.clone().unwrap().contains("exported 3 rows"));
    }

    #[test]
    fn sort_and_filter_the_tree() {
        let mut a = app();
        key(&mut a, KeyCode::Char('F'));
        assert!(a.only_findings);
        let shown: Vec<&str> = a
            .visible
            .iter()
            .map(|&i| a.forest.nodes[i].path.as_str())
            .collect();
        assert_eq!(shown, ["minimal", "minimal/func", "minimal/projects"]);
        key(&mut a, KeyCode::Char('F'));
        assert!(a.jump_to_path("minimal/func/206"));
        key(&mut a, KeyCode::Char('l'));
        key(&mut a, KeyCode::Char('l'));
        key(&mut a, KeyCode::Char('o'));
        assert_eq!(a.sort, SortMode::Amount);
        let kids = |a: &App| -> Vec<String> {
            let id = a.forest.by_path["minimal/func/206"];
            let pos = a.visible.iter().position(|&v| v == id).unwrap();
            a.visible[pos + 1..pos + 3]
                .iter()
                .map(|&i| a.forest.nodes[i].label.clone())
                .collect()
        };
        assert_eq!(kids(&a)[0], "科学技术管理事务");
    }

    #[test]
    fn source_view_explains_what_is_missing() {
        let mut a = app();
        key(&mut a, KeyCode::Char('v'));
        assert_eq!(a.screen, Screen::Source);
        let text = a.source.text.clone().unwrap().unwrap_err();
        assert!(text.contains("no source position"), "{text}");
        key(&mut a, KeyCode::Esc);
        assert_eq!(a.screen, Screen::Explorer);
    }

    #[test]
    fn empty_corpus_does_not_panic() {
        let mut a = App::new(
            Corpus::default(),
            Vec::new(),
            Store::in_memory(),
            Settings::defaults(false),
            Lang::Zh,
        );
        for c in ['j', 'k', 'h', 'l', 'g', 'G', 'n', 'N', 'e', 'c', '\t'] {
            key(&mut a, KeyCode::Char(c));
        }
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::PageDown);
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "abc");
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::Esc);
        key(&mut a, KeyCode::Char('f'));
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::Char('c'));
        assert!(!a.quit);
    }
}
