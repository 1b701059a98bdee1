//! Drawing: every function here reads the state and draws it. The only state written is the
//! view cache (scroll offsets kept in view, pane areas for paging and the mouse).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use yusuan::text::width;
use yusuan::tree::NodeKind;

use super::app::{App, Focus, Overlay, Screen, Tab};
use super::fmt::{aligned, amount, cell, clean, decimal_widths, fit};
use super::forest::UKind;
use super::keymap::Ctx;
use super::panes;

/// Smallest screen the explorer draws in; below it a "too small" notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width one pane is shown at a time.
pub const TWO_PANE_WIDTH: u16 = 70;

pub fn draw(f: &mut Frame, app: &mut App) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, app, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(f, app, header);
    match app.screen {
        Screen::Explorer => draw_explorer(f, app, body),
        Screen::Findings => super::findings_view::draw(f, app, body),
        Screen::Tables => super::table_view::draw_tables(f, app, body),
        Screen::Table => super::table_view::draw_table(f, app, body),
        Screen::Source => super::table_view::draw_source(f, app, body),
    }
    draw_footer(f, app, footer);
    match app.overlay.clone() {
        Overlay::None => {}
        Overlay::Help => draw_help(f, app, body),
        Overlay::Search => draw_search(f, app, body),
        Overlay::Note { finding, status } => draw_note(f, app, body, finding, status),
        Overlay::RulePicker { .. } => super::table_view::draw_rule_picker(f, app, body),
    }
}

fn too_small(f: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let w = area.width as usize;
    let lines = [
        lang.t("Terminal too small", "终端窗口太小").to_string(),
        format!("{}×{}", area.width, area.height),
        format!("{} {MIN_WIDTH}×{MIN_HEIGHT}", lang.t("need", "至少需要")),
        lang.t("q quits", "按 q 退出").to_string(),
    ];
    let h = area.height as usize;
    let shown: Vec<Line> = lines.iter().take(h).map(|l| Line::raw(fit(l, w))).collect();
    let top = (h.saturating_sub(shown.len()) / 2) as u16;
    let rect = Rect::new(
        area.x,
        area.y + top,
        area.width,
        (shown.len() as u16).min(area.height),
    );
    f.render_widget(Paragraph::new(shown).centered(), rect);
}

fn draw_header(f: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let lang = app.lang;
    let w = area.width as usize;
    let mut left = " yusuan".to_string();
    let n = app.corpus.documents.len();
    left.push_str(&format!(
        " │ {n} {}",
        lang.t(if n == 1 { "document" } else { "documents" }, "份文件")
    ));
    // The document on screen: the table's or the source's, else the selected node's.
    let shown = match app.screen {
        Screen::Tables | Screen::Table => Some(app.tview.doc),
        Screen::Source => Some(app.source.doc),
        _ => app.forest.nodes.get(app.selected).and_then(|n| n.doc),
    };
    if let Some(doc) = shown.and_then(|d| app.corpus.documents.get(d)) {
        let d = &doc.doc;
        left.push_str(&format!(
            " │ {} · {} · {}{}",
            clean(&d.department.name),
            clean(&d.region.display()),
            d.year,
            lang.t("", "年")
        ));
    }
    let right = if app.corpus.errors.is_empty() {
        String::new()
    } else {
        format!(
            "⚠ {} {} ",
            app.corpus.errors.len(),
            lang.t("not loaded", "个未能载入")
        )
    };
    let rw = width(&right);
    let text = format!("{}{right}", cell(&left, w.saturating_sub(rw)));
    f.render_widget(Paragraph::new(Line::styled(text, theme.header)), area);
}

fn draw_footer(f: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let w = area.width as usize;
    let totals = app.totals();
    let counts = format!(
        " E{} W{} I{} ",
        totals.errors, totals.warnings, totals.infos
    );
    let cw = width(&counts);
    let ctx = app.ctx();
    // `?`, `f` and `q` never drop off: they are placed first, at the right, then the context's
    // keys fill what is left from the left.
    let essentials = app.settings.keymap.essentials(ctx, app.lang);
    let piece = |keys: &str, label: &str| width(keys) + 1 + width(label) + 2;
    let mut ess_w: usize = essentials.iter().map(|(k, l)| piece(k, l)).sum();
    // With a message, or when short of room, the essentials are their keys alone.
    let compact = app.message.is_some() || ess_w + cw > w;
    if compact {
        ess_w = essentials.iter().map(|(k, _)| width(k) + 2).sum();
    }
    let avail = w.saturating_sub(cw + ess_w);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    if let Some(msg) = &app.message {
        let m = fit(&clean(msg), avail.saturating_sub(1));
        used += width(&m) + 1;
        spans.push(Span::styled(format!(" {m}"), theme.title));
    } else {
        for (keys, label) in app.settings.keymap.hints(ctx, app.lang) {
            let p = piece(&keys, label);
            if used + p > avail {
                break;
            }
            used += p;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(keys, theme.key));
            spans.push(Span::raw(format!(" {label} ")));
        }
    }
    spans.push(Span::raw(" ".repeat(avail.saturating_sub(used))));
    if ess_w <= w {
        for (keys, label) in essentials {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(keys, theme.key));
            if compact {
                spans.push(Span::raw(" "));
            } else {
                spans.push(Span::raw(format!(" {label} ")));
            }
        }
    }
    let sev = if totals.errors > 0 {
        theme.error
    } else if totals.warnings > 0 {
        theme.warning
    } else {
        theme.info
    };
    if cw <= w {
        spans.push(Span::styled(counts, sev));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme.footer), area);
}

/// `12–30/80` for the bottom border of a pane showing lines `offset..offset+h` of `n`; empty
/// when everything fits.
pub fn position_title(offset: usize, h: usize, n: usize) -> Line<'static> {
    if n <= h || h == 0 {
        return Line::raw("");
    }
    let last = (offset + h).min(n);
    Line::raw(format!(" {}–{last}/{n} ", offset + 1)).right_aligned()
}

/// Writes the scroll position on the bottom border of a pane already drawn in `rect`.
pub fn position_over(f: &mut Frame, rect: Rect, offset: usize, h: usize, n: usize) {
    if rect.width < 4 || rect.height < 2 || n <= h {
        return;
    }
    let inner = Rect::new(rect.x + 1, rect.y, rect.width - 2, rect.height);
    f.render_widget(
        Block::default().title_bottom(position_title(offset, h, n)),
        inner,
    );
}

pub fn pane_block<'a>(app: &App, title: String, focused: bool) -> Block<'a> {
    let theme = &app.settings.theme;
    let style = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    // The focused pane is marked by a heavier border and ▶, not by colour alone.
    let title = if focused {
        format!("▶ {title} ")
    } else {
        format!(" {title} ")
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            ratatui::widgets::BorderType::Thick
        } else {
            ratatui::widgets::BorderType::Plain
        })
        .border_style(style)
        .title(Line::styled(title, style))
}

/// Marks row `row` of a list drawn in `list` with a pointer on the pane's left border, so the
/// selection shows without colour or attributes too (a plain-text capture, a screen reader):
/// `▶` in the focused pane, `▷` otherwise.
pub fn point_at(f: &mut Frame, list: Rect, row: usize, focused: bool) {
    if list.x == 0 || row >= list.height as usize {
        return;
    }
    let pos = (list.x - 1, list.y + row as u16);
    if let Some(cell) = f.buffer_mut().cell_mut(pos) {
        cell.set_symbol(if focused { "▶" } else { "▷" });
    }
}

fn draw_explorer(f: &mut Frame, app: &mut App, area: Rect) {
    if area.width >= TWO_PANE_WIDTH {
        // The tree gets its share, but at least 40 columns while the detail keeps 36.
        let share = (area.width as u32 * app.settings.tree_width as u32 / 100) as u16;
        let tree_w = share.max(40.min(area.width.saturating_sub(36)));
        let [tree, detail] =
            Layout::horizontal([Constraint::Length(tree_w.max(24)), Constraint::Min(20)])
                .areas(area);
        draw_tree(f, app, tree);
        draw_detail(f, app, detail);
    } else {
        match app.focus {
            Focus::Tree => {
                app.view.detail = Rect::default();
                draw_tree(f, app, area);
            }
            Focus::Detail => {
                app.view.tree = Rect::default();
                draw_detail(f, app, area);
            }
        }
    }
}

fn node_text(n: &super::forest::UNode) -> String {
    let label = clean(&n.label);
    match (&n.code, n.kind) {
        (Some(code), UKind::Node(NodeKind::Function | NodeKind::Economic | NodeKind::Unit)) => {
            format!("{} {label}", clean(code))
        }
        _ => label,
    }
}

fn draw_tree(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let mut title = lang.t("Tree", "目录树").to_string();
    if app.sort != super::app::SortMode::Printed {
        title.push_str(&format!(" · {}", app.sort.label(lang)));
    }
    if app.only_findings {
        title.push_str(&format!(" · {}", lang.t("with findings", "有问题")));
    }
    let block = pane_block(app, title, app.focus == Focus::Tree);
    let inner = block.inner(area);
    app.view.tree = inner;
    let h = inner.height as usize;
    let w = inner.width as usize;
    // Keep the selection in view.
    let row = app.selected_row();
    if row < app.tree_offset {
        app.tree_offset = row;
    } else if h > 0 && row >= app.tree_offset + h {
        app.tree_offset = row + 1 - h;
    }
    app.tree_offset = app.tree_offset.min(app.visible.len().saturating_sub(h));
    let block = block.title_bottom(position_title(app.tree_offset, h, app.visible.len()));
    f.render_widget(block, area);
    if h == 0 || w == 0 {
        return;
    }
    if app.visible.is_empty() {
        let msg = lang.t(
            "No documents loaded. Run yusuan PATH with JSON files.",
            "没有载入文件。请用 yusuan PATH 打开 JSON 文件。",
        );
        let lines: Vec<Line> = super::fmt::wrap(msg, w)
            .into_iter()
            .map(Line::raw)
            .collect();
        f.render_widget(Paragraph::new(lines).style(theme.dim), inner);
        return;
    }
    let rows: Vec<usize> = app
        .visible
        .iter()
        .skip(app.tree_offset)
        .take(h)
        .copied()
        .collect();

    // Right-hand columns of the rows in view: amount (decimal-aligned), unit/Σ, marker.
    let amounts: Vec<Option<String>> = rows
        .iter()
        .map(|&id| app.forest.nodes[id].amount.map(amount))
        .collect();
    let (int_w, frac_w) = decimal_widths(amounts.iter().flatten().map(String::as_str));
    let amount_w = int_w + frac_w;
    let suffix = |id: usize| {
        let n = &app.forest.nodes[id];
        let mut s = String::new();
        if n.amount.is_some() && n.money_unit == yusuan::model::MoneyUnit::Yuan {
            s.push('元');
        }
        if n.amount.is_some() && n.computed {
            s.push('Σ');
        }
        s
    };
    let suffix_w = rows.iter().map(|&id| width(&suffix(id))).max().unwrap_or(0);
    let marker = |id: usize| {
        let c = app.below.get(id).copied().unwrap_or_default();
        c.worst().map(|s| (format!("{}{}", s.letter(), c.total), s))
    };
    let marker_w = rows
        .iter()
        .filter_map(|&id| marker(id))
        .map(|(m, _)| width(&m))
        .max()
        .unwrap_or(0);
    let max_depth = rows
        .iter()
        .map(|&id| app.forest.nodes[id].depth)
        .max()
        .unwrap_or(0);
    let indent_of = |depth: usize| (depth * 2).min(w / 4);
    let min_left = indent_of(max_depth) + 2 + 6;
    let mut show_amount = amount_w > 0;
    let mut show_marker = marker_w > 0;
    let right_w = |a: bool, m: bool| {
        (if a {
            1 + amount_w + if suffix_w > 0 { suffix_w } else { 0 }
        } else {
            0
        }) + if m { 1 + marker_w } else { 0 }
    };
    if min_left + right_w(show_amount, show_marker) > w {
        show_amount = false; // never cut a number: drop the column
    }
    if min_left + right_w(show_amount, show_marker) > w {
        show_marker = false;
    }
    let rw = right_w(show_amount, show_marker);
    let mut lines = Vec::with_capacity(rows.len());
    for (k, &id) in rows.iter().enumerate() {
        let n = &app.forest.nodes[id];
        let indent = indent_of(n.depth);
        let fold = if n.children.is_empty() {
            "  "
        } else if app.expanded.contains(&id) {
            "▾ "
        } else {
            "▸ "
        };
        let label_w = w.saturating_sub(indent + 2 + rw);
        let left = format!(
            "{}{fold}{}",
            " ".repeat(indent),
            cell(&node_text(n), label_w)
        );
        let selected = id == app.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(left, base)];
        if show_amount {
            let a = amounts[k]
                .as_deref()
                .map(|a| aligned(a, int_w, frac_w))
                .unwrap_or_else(|| " ".repeat(amount_w));
            let style = if n.computed {
                base.patch(theme.dim)
            } else {
                base
            };
            spans.push(Span::styled(format!(" {a}"), style));
            if suffix_w > 0 {
                spans.push(Span::styled(
                    cell(&suffix(id), suffix_w),
                    base.patch(theme.dim),
                ));
            }
        }
        if show_marker {
            match marker(id) {
                Some((m, s)) => spans.push(Span::styled(
                    format!(" {m:>marker_w$}"),
                    base.patch(theme.severity(s)),
                )),
                None => spans.push(Span::styled(" ".repeat(marker_w + 1), base)),
            }
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let row = app.selected_row().saturating_sub(app.tree_offset);
    point_at(f, inner, row, app.focus == Focus::Tree);
}

fn draw_detail(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let title = lang.t("Detail", "详情").to_string();
    let block = pane_block(app, title, app.focus == Focus::Detail);
    let inner = block.inner(area);
    app.view.detail = inner;
    if inner.height < 2 || inner.width < 4 {
        f.render_widget(block, area);
        return;
    }
    let w = inner.width as usize;
    // Tab bar: number and name, the active one reversed and bracketed; shorter names, then
    // numbers alone, when the full names do not fit, so every tab stays visible.
    let counts = app
        .below
        .get(app.selected)
        .filter(|c| c.total > 0)
        .map(|c| format!(" {}", c.total))
        .unwrap_or_default();
    let tab_text = |t: Tab, i: usize, label: &str| {
        let counts = if t == Tab::Findings {
            counts.as_str()
        } else {
            ""
        };
        let sep = if label.is_empty() { "" } else { " " };
        if t == app.tab {
            format!("[{}{sep}{label}{counts}]", i + 1)
        } else {
            format!(" {}{sep}{label}{counts} ", i + 1)
        }
    };
    let fits = |label: &dyn Fn(Tab) -> &'static str| {
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| width(&tab_text(*t, i, label(*t))))
            .sum::<usize>()
            <= w
    };
    let long = |t: Tab| t.label(lang);
    let short = |t: Tab| t.short_label(lang);
    let none = |_: Tab| "";
    let label_of: &dyn Fn(Tab) -> &'static str = if fits(&long) {
        &long
    } else if fits(&short) {
        &short
    } else {
        &none
    };
    let mut spans = Vec::new();
    let mut used = 0;
    app.view.tabs = [Rect::default(); 4];
    for (i, t) in Tab::ALL.iter().enumerate() {
        let active = *t == app.tab;
        let text = tab_text(*t, i, label_of(*t));
        let tw = width(&text);
        if used + tw > w {
            break;
        }
        app.view.tabs[i] = Rect::new(inner.x + used as u16, inner.y, tw as u16, 1);
        used += tw;
        spans.push(Span::styled(
            text,
            if active {
                theme.tab_active
            } else {
                Style::new()
            },
        ));
    }
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let lines = panes::lines(app, w);
    app.view.detail_lines = lines.len();
    let h = body.height as usize;
    app.detail_scroll = app
        .detail_scroll
        .min(lines.len().saturating_sub(h.min(lines.len())));
    let block = block.title_bottom(position_title(app.detail_scroll, h, app.view.detail_lines));
    f.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(app.detail_scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), body);
}

/// A centred box within `area`.
pub fn centered(area: Rect, max_w: u16, max_h: u16) -> Rect {
    let w = area.width.min(max_w);
    let h = area.height.min(max_h);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_help(f: &mut Frame, app: &mut App, area: Rect) {
    f.render_widget(Clear, area);
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let rect = centered(area, 76, area.height);
    f.render_widget(Clear, rect);
    let block = pane_block(
        app,
        lang.t("Keys — Esc closes", "按键 — Esc 关闭").to_string(),
        true,
    );
    let inner = block.inner(rect);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (ctx, rows) in app.settings.keymap.help(lang) {
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::styled(fit(ctx.label(lang), w), theme.title));
        let key_w = rows
            .iter()
            .map(|(k, _, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(w / 3);
        let label_w = rows
            .iter()
            .map(|(_, l, _)| width(l))
            .max()
            .unwrap_or(0)
            .min(w.saturating_sub(key_w + 3));
        for (keys, label, name) in rows {
            // The action's name, as `[keys]` in the config file accepts it.
            let name_w = w.saturating_sub(key_w + 3 + label_w + 1);
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", cell(&keys, key_w)), theme.key),
                Span::raw(cell(label, label_w)),
                Span::styled(format!(" {}", fit(name, name_w)), theme.dim),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(fit(lang.t("Legend", "图例"), w), theme.title));
    for l in [
        lang.t(
            "E/W/I + count: worst severity and number of findings here and below",
            "E/W/I+数字：此处及下级问题的最高级别与数量",
        ),
        lang.t(
            "Σ amount computed by yusuan (not printed) · 元 amount in yuan",
            "Σ 为计算所得（文件未列示）· 元 表示以元为单位",
        ),
        lang.t(
            "▸ collapsed · ▾ expanded · ▶ focused pane, selected row",
            "▸ 折叠 · ▾ 展开 · ▶ 当前窗格、选中行",
        ),
        lang.t(
            "✓ confirmed · ✗ dismissed (triage marks)",
            "✓ 已确认 · ✗ 已排除（标记）",
        ),
        lang.t(
            "the dim name after each key is the action's name for [keys] in the config file",
            "每个按键后的灰色名称是配置文件 [keys] 中的动作名",
        ),
        lang.t(
            "␛ ␤ … control characters in data, shown not executed",
            "␛ ␤ … 数据中的控制字符，仅显示",
        ),
    ] {
        for l in super::fmt::wrap(l, w.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    // Files that could not be loaded come first: the header counts them, here they are named.
    // Then what may make an imported PDF's figures wrong, so a finding can be weighed.
    let mut top = Vec::new();
    for (problems, heading, style) in [
        (
            &app.corpus.errors,
            lang.t("⚠ Not loaded", "⚠ 未能载入的文件"),
            theme.error,
        ),
        (
            &app.corpus.warnings,
            lang.t("⚠ Import warnings", "⚠ 导入警告"),
            theme.warning,
        ),
    ] {
        if problems.is_empty() {
            continue;
        }
        top.push(Line::styled(fit(heading, w), style));
        for e in problems {
            for l in super::fmt::wrap(&clean(&e.to_string()), w.saturating_sub(2)) {
                top.push(Line::raw(format!("  {l}")));
            }
        }
        top.push(Line::raw(""));
    }
    lines.splice(0..0, top);
    app.view.help_lines = lines.len();
    let h = inner.height as usize;
    app.help_scroll = app.help_scroll.min(lines.len().saturating_sub(h));
    let block = block.title_bottom(position_title(app.help_scroll, h, lines.len()));
    f.render_widget(block, rect);
    let shown: Vec<Line> = lines.into_iter().skip(app.help_scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

fn draw_search(f: &mut Frame, app: &mut App, area: Rect) {
    f.render_widget(Clear, area);
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let rect = centered(area, 100, area.height);
    f.render_widget(Clear, rect);
    let block = pane_block(
        app,
        lang.t(
            "Search — Enter jumps, Esc returns",
            "搜索 — Enter 跳转，Esc 返回",
        )
        .to_string(),
        true,
    );
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    let w = inner.width as usize;
    let [input, sep, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let count = if app.search.query.trim().is_empty() {
        lang.t(
            "type Chinese, pinyin or initials (kjjl)",
            "输入汉字、拼音或首字母 (kjjl)",
        )
        .to_string()
    } else {
        format!(
            "{}/{}",
            app.search.hits.len().min(app.search.total),
            app.search.total
        )
    };
    let q = clean(&app.search.query);
    let cw = width(&count);
    let qw = w.saturating_sub(cw + 4);
    // Show the end of a long query, where the cursor is.
    let q_shown: String = {
        let mut s: Vec<char> = Vec::new();
        let mut used = 0;
        for c in q.chars().rev() {
            let cwid = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cwid > qw {
                break;
            }
            used += cwid;
            s.push(c);
        }
        s.into_iter().rev().collect()
    };
    let qsw = width(&q_shown);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::raw(q_shown),
            Span::raw(" ".repeat(w.saturating_sub(2 + qsw + cw))),
            Span::styled(count, theme.dim),
        ])),
        input,
    );
    f.set_cursor_position((input.x + 2 + qsw as u16, input.y));
    f.render_widget(
        Paragraph::new(Line::styled("─".repeat(w), theme.border)),
        sep,
    );
    app.view.list = list;
    let h = list.height as usize;
    let s = &mut app.search;
    if s.selected < s.offset {
        s.offset = s.selected;
    } else if h > 0 && s.selected >= s.offset + h {
        s.offset = s.selected + 1 - h;
    }
    let mut lines = Vec::new();
    let many_docs = app.corpus.documents.len() > 1;
    for (k, hit) in app
        .search
        .hits
        .iter()
        .enumerate()
        .skip(app.search.offset)
        .take(h)
    {
        let e = app.index.entry(hit.entry);
        let selected = k == app.search.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let tag = format!("[{}] ", lang.t(e.kind.label(), e.kind.label_zh()));
        let positions = app.index.positions(hit.entry, &app.search.query);
        let text = clean(&e.text);
        let tw = w.saturating_sub(width(&tag));
        let mut ctx = clean(&e.context);
        if many_docs && let Some(d) = app.corpus.documents.get(e.doc) {
            ctx = format!("{} · {ctx}", clean(&d.id));
        }
        // The text keeps at least half the width; the context gets the rest.
        let text_w = width(&text).min(tw);
        let ctx_w = tw.saturating_sub(text_w + 2);
        let mut spans = vec![Span::styled(tag, base.patch(theme.dim))];
        let mut used = 0;
        let fitted = fit(&text, text_w);
        let cut = fitted != text;
        for (ci, c) in fitted.chars().enumerate() {
            let style = if !(cut && ci + 1 == fitted.chars().count()) && positions.contains(&ci) {
                base.patch(theme.matched)
            } else {
                base
            };
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            spans.push(Span::styled(c.to_string(), style));
        }
        if ctx_w >= 6 {
            spans.push(Span::styled(
                format!("  {}", cell(&ctx, ctx_w)),
                base.patch(theme.dim),
            ));
            used += 2 + ctx_w;
        }
        spans.push(Span::styled(" ".repeat(tw.saturating_sub(used)), base));
        lines.push(Line::from(spans));
    }
    if lines.is_empty() && !app.search.query.trim().is_empty() {
        lines.push(Line::styled(
            fit(lang.t("No matches.", "没有匹配项。"), w),
            theme.dim,
        ));
    }
    let selected_shown = !app.search.hits.is_empty();
    f.render_widget(Paragraph::new(lines), list);
    position_over(f, rect, app.search.offset, h, app.search.hits.len());
    if selected_shown {
        let row = app.search.selected.saturating_sub(app.search.offset);
        point_at(f, list, row, true);
    }
}

fn draw_note(
    f: &mut Frame,
    app: &mut App,
    area: Rect,
    finding: usize,
    status: yusuan::triage::Status,
) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let rect = centered(area, 70, 5);
    f.render_widget(Clear, rect);
    let title = format!(
        "{} {} — {}",
        status.symbol(),
        lang.t(status.label(), status.label_zh()),
        lang.t(
            "note, Enter saves, Esc cancels",
            "备注，Enter 保存，Esc 取消"
        )
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let w = inner.width as usize;
    let rule = app
        .findings
        .get(finding)
        .map(|f| clean(&f.rule))
        .unwrap_or_default();
    let note = clean(&app.note);
    let nw = width(&note);
    let shown = if nw + 3 > w {
        fit(&note.chars().rev().collect::<String>(), w - 3)
            .chars()
            .rev()
            .collect()
    } else {
        note
    };
    let sw = width(&shown);
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::raw(shown),
    ])];
    if inner.height > 1 {
        lines.push(Line::styled(fit(&rule, w), theme.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
    f.set_cursor_position((inner.x + 2 + sw as u16, inner.y));
    let _ = Ctx::Note;
}
