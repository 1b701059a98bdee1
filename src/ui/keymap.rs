//! The one keymap table: input → action. The footer hints and the `?` help overlay are both
//! generated from it, so they cannot drift from what the keys do. `[keys]` in the config file
//! replaces the keys of an action: `search = ["/", "ctrl-f"]`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::i18n::Lang;

/// Everything a key can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Search,
    FindingsView,
    Up,
    Down,
    Collapse,
    Expand,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Activate,
    Back,
    NextPane,
    PrevPane,
    NextFinding,
    PrevFinding,
    TabAmounts,
    TabPerformance,
    TabFindings,
    TabText,
    ExpandAll,
    CollapseAll,
    CycleSeverity,
    CycleRule,
    ToggleDismissed,
    Confirm,
    Dismiss,
    Unmark,
    ClearInput,
    OpenTables,
    OpenSource,
    HistoryBack,
    HistoryForward,
    Copy,
    CopyAddress,
    Export,
    SortChildren,
    FilterFindings,
    PrevRule,
    PickRule,
    ScrollDetailUp,
    ScrollDetailDown,
}

impl Action {
    /// Name used in the `[keys]` table of the config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Search => "search",
            Action::FindingsView => "findings_view",
            Action::Up => "up",
            Action::Down => "down",
            Action::Collapse => "collapse",
            Action::Expand => "expand",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Activate => "activate",
            Action::Back => "back",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::NextFinding => "next_finding",
            Action::PrevFinding => "prev_finding",
            Action::TabAmounts => "tab_amounts",
            Action::TabPerformance => "tab_performance",
            Action::TabFindings => "tab_findings",
            Action::TabText => "tab_text",
            Action::ExpandAll => "expand_all",
            Action::CollapseAll => "collapse_all",
            Action::CycleSeverity => "cycle_severity",
            Action::CycleRule => "cycle_rule",
            Action::ToggleDismissed => "toggle_dismissed",
            Action::Confirm => "confirm",
            Action::Dismiss => "dismiss",
            Action::Unmark => "unmark",
            Action::ClearInput => "clear_input",
            Action::OpenTables => "tables",
            Action::OpenSource => "source",
            Action::HistoryBack => "history_back",
            Action::HistoryForward => "history_forward",
            Action::Copy => "copy",
            Action::CopyAddress => "copy_address",
            Action::Export => "export",
            Action::SortChildren => "sort",
            Action::FilterFindings => "filter_findings",
            Action::PrevRule => "prev_rule",
            Action::PickRule => "pick_rule",
            Action::ScrollDetailUp => "scroll_detail_up",
            Action::ScrollDetailDown => "scroll_detail_down",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Action::Quit => lang.t("quit", "退出"),
            Action::Help => lang.t("help", "帮助"),
            Action::Search => lang.t("search", "搜索"),
            Action::FindingsView => lang.t("findings", "问题清单"),
            Action::Up => lang.t("up", "上移"),
            Action::Down => lang.t("down", "下移"),
            Action::Collapse => lang.t("collapse / parent", "折叠/上级"),
            Action::Expand => lang.t("expand / child", "展开/下级"),
            Action::Top => lang.t("first", "首项"),
            Action::Bottom => lang.t("last", "末项"),
            Action::PageUp => lang.t("page up", "上一页"),
            Action::PageDown => lang.t("page down", "下一页"),
            Action::Activate => lang.t("open / jump", "打开/跳转"),
            Action::Back => lang.t("back", "返回"),
            Action::NextPane => lang.t("next pane", "下一窗格"),
            Action::PrevPane => lang.t("previous pane", "上一窗格"),
            Action::NextFinding => lang.t("next finding", "下一问题"),
            Action::PrevFinding => lang.t("previous finding", "上一问题"),
            Action::TabAmounts => lang.t("amounts tab", "金额页"),
            Action::TabPerformance => lang.t("performance tab", "绩效页"),
            Action::TabFindings => lang.t("findings tab", "问题页"),
            Action::TabText => lang.t("narrative tab", "说明页"),
            Action::ExpandAll => lang.t("expand all below", "全部展开"),
            Action::CollapseAll => lang.t("collapse all", "全部折叠"),
            Action::CycleSeverity => lang.t("filter severity", "按级别筛选"),
            Action::CycleRule => lang.t("next rule", "下一规则"),
            Action::ToggleDismissed => lang.t("hide/show dismissed", "隐藏/显示已排除"),
            Action::Confirm => lang.t("confirm + note", "确认并备注"),
            Action::Dismiss => lang.t("dismiss + note", "排除并备注"),
            Action::Unmark => lang.t("clear mark", "清除标记"),
            Action::ClearInput => lang.t("clear input", "清空输入"),
            Action::OpenTables => lang.t("tables", "报表"),
            Action::OpenSource => lang.t("source text", "原文"),
            Action::HistoryBack => lang.t("back (history)", "后退"),
            Action::HistoryForward => lang.t("forward (history)", "前进"),
            Action::Copy => lang.t("copy", "复制"),
            Action::CopyAddress => lang.t("copy address", "复制地址"),
            Action::Export => lang.t("export CSV", "导出CSV"),
            Action::SortChildren => lang.t("sort children", "排序"),
            Action::FilterFindings => lang.t("only nodes with findings", "仅显示有问题的节点"),
            Action::PrevRule => lang.t("previous rule", "上一规则"),
            Action::PickRule => lang.t("pick rule", "选择规则"),
            Action::ScrollDetailUp => lang.t("scroll detail up", "详情上滚"),
            Action::ScrollDetailDown => lang.t("scroll detail down", "详情下滚"),
        }
    }

    /// The label in a context where the action means something more precise.
    pub fn label_in(self, ctx: Ctx, lang: Lang) -> &'static str {
        match (self, ctx) {
            (Action::Activate, Ctx::Note) => lang.t("save the note", "保存备注"),
            (Action::Back, Ctx::Note) => lang.t("cancel", "取消"),
            (Action::Activate, Ctx::Tables) => lang.t("open table", "打开报表"),
            (Action::Activate, Ctx::Picker) => lang.t("use rule", "选用规则"),
            (Action::Activate, Ctx::Table) => lang.t("open row's node", "打开对应节点"),
            (Action::Collapse, Ctx::Table) => lang.t("column left", "左一列"),
            (Action::Expand, Ctx::Table) => lang.t("column right", "右一列"),
            (Action::Copy, Ctx::Table) => lang.t("copy cell", "复制单元格"),
            (Action::Copy, Ctx::Findings) => lang.t("copy finding", "复制问题"),
            (Action::Copy, Ctx::Tree | Ctx::Detail) => lang.t("copy amount", "复制金额"),
            (Action::Export, Ctx::Table | Ctx::Tables) => lang.t("export table CSV", "导出报表CSV"),
            (Action::Export, Ctx::Findings) => lang.t("export findings CSV", "导出问题CSV"),
            (Action::Export, Ctx::Tree | Ctx::Detail) => {
                lang.t("export children CSV", "导出下级CSV")
            }
            _ => self.label(lang),
        }
    }

    pub fn all() -> impl Iterator<Item = Action> {
        DEFAULTS.iter().map(|d| d.0)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::all().find(|a| a.name() == name)
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Everywhere except text input.
    Global,
    Tree,
    Detail,
    Findings,
    Search,
    Note,
    Help,
    /// The list of a document's tables.
    Tables,
    /// One table as printed.
    Table,
    /// The source text view.
    Source,
    /// The rule picker of the findings view.
    Picker,
}

impl Ctx {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Ctx::Global => lang.t("Everywhere", "全局"),
            Ctx::Tree => lang.t("Tree", "树"),
            Ctx::Detail => lang.t("Detail panes", "详情窗格"),
            Ctx::Findings => lang.t("Findings view", "问题清单"),
            Ctx::Search => lang.t("Search", "搜索"),
            Ctx::Note => lang.t("Triage note", "标记备注"),
            Ctx::Help => lang.t("Help", "帮助"),
            Ctx::Tables => lang.t("Table list", "报表列表"),
            Ctx::Table => lang.t("Table view", "报表"),
            Ctx::Source => lang.t("Source text", "原文"),
            Ctx::Picker => lang.t("Rule picker", "规则选择"),
        }
    }
    /// Whether global bindings apply too (not while typing).
    fn takes_global(self) -> bool {
        !matches!(self, Ctx::Search | Ctx::Note)
    }
    /// Whether printable keys are typed text here (so only other keys can be bound).
    pub fn types_text(self) -> bool {
        !self.takes_global()
    }
}

/// A key as bound: code and modifiers (shift is part of the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `q`, `G`, `ctrl-c`, `alt-x`, `enter`, `esc`, `tab`, `backtab`, `up`, `pagedown`,
    /// `home`, `f1`, `space`, `backspace`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && (lower.starts_with("ctrl-") || lower.starts_with("c-")) {
                ctrl = true;
                rest = &rest[rest.find('-')? + 1..];
            } else if rest.chars().count() > 2
                && (lower.starts_with("alt-") || lower.starts_with("m-"))
            {
                alt = true;
                rest = &rest[rest.find('-')? + 1..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| *n <= 24)?),
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }

    /// Short display: `j`, `↓`, `PgDn`, `C-c`.
    pub fn display(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("C-{base}"),
            (_, true) => format!("M-{base}"),
            _ => base,
        }
    }
}

/// Default bindings: action, contexts, keys, shown in the footer.
type DefaultBinding = (Action, &'static [Ctx], &'static [&'static str], bool);

const NAV: &[Ctx] = &[
    Ctx::Tree,
    Ctx::Detail,
    Ctx::Findings,
    Ctx::Help,
    Ctx::Tables,
    Ctx::Table,
    Ctx::Source,
    Ctx::Picker,
];
const LISTS: &[Ctx] = &[
    Ctx::Tree,
    Ctx::Detail,
    Ctx::Findings,
    Ctx::Search,
    Ctx::Help,
    Ctx::Tables,
    Ctx::Table,
    Ctx::Source,
    Ctx::Picker,
];
/// Screens with a place in the history.
const PLACES: &[Ctx] = &[
    Ctx::Tree,
    Ctx::Detail,
    Ctx::Findings,
    Ctx::Tables,
    Ctx::Table,
    Ctx::Source,
];

/// The keymap table.
pub const DEFAULTS: &[DefaultBinding] = &[
    (Action::Up, LISTS, &["up", "k"], false),
    (Action::Down, LISTS, &["down", "j"], false),
    (
        Action::Collapse,
        &[Ctx::Tree, Ctx::Table],
        &["left", "h"],
        false,
    ),
    (
        Action::Expand,
        &[Ctx::Tree, Ctx::Table],
        &["right", "l"],
        false,
    ),
    (Action::Top, NAV, &["home", "g"], false),
    (Action::Bottom, NAV, &["end", "G"], false),
    (Action::PageUp, LISTS, &["pageup", "ctrl-b"], false),
    (Action::PageDown, LISTS, &["pagedown", "ctrl-f"], false),
    (
        Action::Activate,
        &[
            Ctx::Tree,
            Ctx::Findings,
            Ctx::Search,
            Ctx::Note,
            Ctx::Tables,
            Ctx::Table,
            Ctx::Picker,
        ],
        &["enter"],
        true,
    ),
    (
        Action::Back,
        &[
            Ctx::Detail,
            Ctx::Findings,
            Ctx::Search,
            Ctx::Note,
            Ctx::Help,
            Ctx::Tables,
            Ctx::Table,
            Ctx::Source,
            Ctx::Picker,
        ],
        &["esc"],
        true,
    ),
    (Action::NextPane, &[Ctx::Tree, Ctx::Detail], &["tab"], true),
    (
        Action::PrevPane,
        &[Ctx::Tree, Ctx::Detail],
        &["backtab"],
        false,
    ),
    (Action::Search, &[Ctx::Global], &["/"], true),
    (Action::NextFinding, &[Ctx::Tree, Ctx::Detail], &["n"], true),
    (
        Action::PrevFinding,
        &[Ctx::Tree, Ctx::Detail],
        &["N"],
        false,
    ),
    (Action::FindingsView, &[Ctx::Global], &["f"], true),
    (Action::TabAmounts, &[Ctx::Tree, Ctx::Detail], &["1"], false),
    (
        Action::TabPerformance,
        &[Ctx::Tree, Ctx::Detail],
        &["2"],
        false,
    ),
    (
        Action::TabFindings,
        &[Ctx::Tree, Ctx::Detail],
        &["3"],
        false,
    ),
    (Action::TabText, &[Ctx::Tree, Ctx::Detail], &["4"], false),
    (
        Action::OpenTables,
        &[Ctx::Tree, Ctx::Detail, Ctx::Findings, Ctx::Table],
        &["t"],
        true,
    ),
    (
        Action::OpenSource,
        &[Ctx::Tree, Ctx::Detail, Ctx::Findings, Ctx::Table],
        &["v"],
        true,
    ),
    (Action::HistoryBack, PLACES, &["[", "backspace"], true),
    (Action::HistoryForward, PLACES, &["]"], false),
    (
        Action::Copy,
        &[Ctx::Tree, Ctx::Detail, Ctx::Findings, Ctx::Table],
        &["y"],
        true,
    ),
    (
        Action::CopyAddress,
        &[Ctx::Tree, Ctx::Detail, Ctx::Findings, Ctx::Table],
        &["Y"],
        false,
    ),
    (
        Action::Export,
        &[
            Ctx::Tree,
            Ctx::Detail,
            Ctx::Findings,
            Ctx::Table,
            Ctx::Tables,
        ],
        &["e"],
        true,
    ),
    (Action::SortChildren, &[Ctx::Tree], &["o"], false),
    (Action::FilterFindings, &[Ctx::Tree], &["F"], false),
    (Action::ExpandAll, &[Ctx::Tree], &["E"], false),
    (Action::CollapseAll, &[Ctx::Tree], &["c"], false),
    (Action::CycleSeverity, &[Ctx::Findings], &["s"], true),
    (Action::CycleRule, &[Ctx::Findings], &["r"], true),
    (Action::PrevRule, &[Ctx::Findings], &["R"], false),
    (Action::PickRule, &[Ctx::Findings], &["p"], true),
    (Action::ScrollDetailDown, &[Ctx::Findings], &["J"], false),
    (Action::ScrollDetailUp, &[Ctx::Findings], &["K"], false),
    (Action::ToggleDismissed, &[Ctx::Findings], &["d"], true),
    (Action::Confirm, &[Ctx::Findings], &["c"], true),
    (Action::Dismiss, &[Ctx::Findings], &["x"], true),
    (Action::Unmark, &[Ctx::Findings], &["u"], false),
    (
        Action::ClearInput,
        &[Ctx::Search, Ctx::Note],
        &["ctrl-u"],
        false,
    ),
    (Action::Help, &[Ctx::Global], &["?", "f1"], true),
    (Action::Quit, &[Ctx::Global], &["q", "ctrl-c"], true),
];

/// Rows of the help overlay for one context: keys, label, `[keys]` action name.
pub type HelpRows = Vec<(String, &'static str, &'static str)>;

/// One binding in force.
#[derive(Clone, Debug)]
pub struct Binding {
    pub action: Action,
    pub contexts: &'static [Ctx],
    pub keys: Vec<Key>,
    pub footer: bool,
}

/// The keymap in force: defaults with the config's replacements.
#[derive(Clone, Debug)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|(action, contexts, keys, footer)| Binding {
                    action: *action,
                    contexts,
                    keys: keys.iter().filter_map(|k| Key::parse(k)).collect(),
                    footer: *footer,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Replaces the keys of `action`.
    pub fn rebind(&mut self, action: Action, keys: Vec<Key>) {
        for b in &mut self.bindings {
            if b.action == action {
                b.keys = keys.clone();
            }
        }
    }

    /// Whether `action` has a key that triggers it in the tree (where every session starts),
    /// not shadowed by another binding.
    pub fn reachable(&self, action: Action) -> bool {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .flat_map(|b| &b.keys)
            .any(|k| self.lookup(Ctx::Tree, k) == Some(action))
    }

    /// The action `key` triggers in `ctx`: the context's own bindings first, then global ones.
    /// Ctrl-C quits everywhere, whatever the config says.
    pub fn lookup(&self, ctx: Ctx, key: &Key) -> Option<Action> {
        if key.ctrl && !key.alt && key.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        // While typing, printable characters are text, whatever they are bound to elsewhere.
        if !ctx.takes_global() && matches!(key.code, KeyCode::Char(_)) && !key.ctrl && !key.alt {
            return None;
        }
        let find = |c: Ctx| {
            self.bindings
                .iter()
                .find(|b| b.contexts.contains(&c) && b.keys.contains(key))
                .map(|b| b.action)
        };
        find(ctx).or_else(|| {
            if ctx.takes_global() {
                find(Ctx::Global)
            } else {
                None
            }
        })
    }

    /// Keys of `action` for display (`j/↓`), at most two.
    #[cfg(test)]
    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| {
                b.keys
                    .iter()
                    .take(2)
                    .map(Key::display)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The keys that work in `ctx` (printable keys type text where text is typed).
    fn usable_keys(&self, b: &Binding, ctx: Ctx) -> Vec<Key> {
        b.keys
            .iter()
            .filter(|k| !ctx.types_text() || !matches!(k.code, KeyCode::Char(_)) || k.ctrl || k.alt)
            .copied()
            .collect()
    }

    /// The footer keys that must never drop off: help, findings view, quit.
    pub fn essentials(&self, ctx: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
        if !ctx.takes_global() {
            return Vec::new();
        }
        [Action::Help, Action::FindingsView, Action::Quit]
            .iter()
            .filter_map(|a| {
                let b = self.bindings.iter().find(|b| b.action == *a)?;
                let key = b.keys.first()?;
                Some((key.display(), a.label_in(ctx, lang)))
            })
            .collect()
    }

    /// Footer hints for `ctx` besides the essentials: (keys, label), the context's own first.
    pub fn hints(&self, ctx: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        let essential = [Action::Help, Action::FindingsView, Action::Quit];
        let mut push = |c: Ctx| {
            for b in &self.bindings {
                if b.footer
                    && !essential.contains(&b.action)
                    && b.contexts.contains(&c)
                    && let Some(k) = self.usable_keys(b, ctx).first()
                {
                    out.push((k.display(), b.action.label_in(ctx, lang)));
                }
            }
        };
        push(ctx);
        if ctx.takes_global() {
            push(Ctx::Global);
        }
        out
    }

    /// Every binding, by context, for the help overlay: (context, [(keys, label, the action's
    /// name in `[keys]`)]).
    pub fn help(&self, lang: Lang) -> Vec<(Ctx, HelpRows)> {
        [
            Ctx::Global,
            Ctx::Tree,
            Ctx::Detail,
            Ctx::Findings,
            Ctx::Tables,
            Ctx::Table,
            Ctx::Source,
            Ctx::Search,
            Ctx::Note,
            Ctx::Picker,
            Ctx::Help,
        ]
        .into_iter()
        .map(|ctx| {
            let rows = self
                .bindings
                .iter()
                .filter(|b| b.contexts.contains(&ctx))
                .filter_map(|b| {
                    let keys = self.usable_keys(b, ctx);
                    // A key that types text here does nothing else: not listed.
                    if keys.is_empty() && !b.keys.is_empty() {
                        return None;
                    }
                    let keys = if keys.is_empty() {
                        "—".to_string()
                    } else {
                        keys.iter().map(Key::display).collect::<Vec<_>>().join(" ")
                    };
                    Some((keys, b.action.label_in(ctx, lang), b.action.name()))
                })
                .collect();
            (ctx, rows)
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new(code, m))
    }

    #[test]
    fn defaults_resolve_by_context() {
        let k = Keymap::default();
        let j = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.lookup(Ctx::Tree, &j), Some(Action::Down));
        assert_eq!(k.lookup(Ctx::Search, &j), None, "typing in search");
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(k.lookup(Ctx::Tree, &q), Some(Action::Quit));
        assert_eq!(k.lookup(Ctx::Search, &q), None);
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(k.lookup(Ctx::Tree, &g), Some(Action::Bottom));
        let bt = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(k.lookup(Ctx::Tree, &bt), Some(Action::PrevPane));
        let cc = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(k.lookup(Ctx::Findings, &cc), Some(Action::Quit));
        let c = ev(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(k.lookup(Ctx::Tree, &c), Some(Action::CollapseAll));
    }

    #[test]
    fn parse_and_display_round_trip() {
        for (text, shown) in [
            ("q", "q"),
            ("G", "G"),
            ("ctrl-c", "C-c"),
            ("pagedown", "PgDn"),
            ("backtab", "S-Tab"),
            ("f1", "F1"),
            ("space", "Space"),
            ("-", "-"),
        ] {
            assert_eq!(Key::parse(text).unwrap().display(), shown, "{text}");
        }
        assert!(Key::parse("nonsense").is_none());
        assert!(Key::parse("f99").is_none());
    }

    #[test]
    fn every_action_has_a_binding_row_and_a_unique_name() {
        let mut names = std::collections::HashSet::new();
        for a in Action::all() {
            assert!(names.insert(a.name()), "{}", a.name());
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
    }

    #[test]
    fn rebinding_changes_hints_and_help_together() {
        let mut k = Keymap::default();
        k.rebind(Action::Search, vec![Key::parse("s").unwrap()]);
        let hints = k.hints(Ctx::Tree, Lang::En);
        assert!(hints.iter().any(|(keys, l)| keys == "s" && *l == "search"));
        let help = k.help(Lang::En);
        let global = &help.iter().find(|(c, _)| *c == Ctx::Global).unwrap().1;
        assert!(
            global
                .iter()
                .any(|(keys, l, name)| keys == "s" && *l == "search" && *name == "search")
        );
    }

    #[test]
    fn typing_contexts_list_only_keys_that_work_there() {
        let k = Keymap::default();
        let help = k.help(Lang::En);
        let search = &help.iter().find(|(c, _)| *c == Ctx::Search).unwrap().1;
        // `k` and `j` type letters in the search box: only the arrows are listed.
        let up = search.iter().find(|(_, _, n)| *n == "up").unwrap();
        assert_eq!(up.0, "↑");
        assert!(
            search
                .iter()
                .all(|(keys, _, _)| !keys.split(' ').any(|k| k == "k"))
        );
        let note = &help.iter().find(|(c, _)| *c == Ctx::Note).unwrap().1;
        assert!(
            note.iter()
                .any(|(k, l, _)| k == "Enter" && *l == "save the note")
        );
        let hints = k.hints(Ctx::Note, Lang::En);
        assert!(
            hints
                .iter()
                .any(|(k, l)| k == "Enter" && *l == "save the note")
        );
    }

    #[test]
    fn the_essentials_are_help_findings_and_quit() {
        let k = Keymap::default();
        for ctx in [Ctx::Tree, Ctx::Findings, Ctx::Table, Ctx::Source] {
            let keys: Vec<String> = k
                .essentials(ctx, Lang::En)
                .into_iter()
                .map(|e| e.0)
                .collect();
            assert_eq!(keys, ["?", "f", "q"], "{ctx:?}");
        }
        assert!(k.essentials(Ctx::Search, Lang::En).is_empty());
    }
}
