//! The findings view: the filtered list with a location column and no two rows alike, and the
//! selected finding's detail, which scrolls in its own pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use yusuan::text::width;

use super::app::{App, Overlay};
use super::fmt::{cell, clean, fit, fit_left};
use super::panes;
use super::render::{pane_block, point_at, position_title};

/// A finding's place in a few cells: table and row, or the narrative section.
fn short_location(fd: &yusuan::audit::Finding) -> String {
    let l = &fd.location;
    let table_id = l
        .table
        .as_deref()
        .map(|t| t.split_whitespace().next().unwrap_or(t).to_string());
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = table_id {
        parts.push(t);
    }
    if let Some(r) = &l.row {
        parts.push(r.clone());
    } else if let Some(s) = &l.section {
        parts.push(s.clone());
    } else if let Some(p) = &fd.project {
        parts.push(p.clone());
    }
    let mut text = parts.join(" ");
    // The column, unless the row's path already starts with it (an indicator's category).
    let in_row = |c: &String| {
        l.row
            .as_ref()
            .is_some_and(|r| r.starts_with(&format!("{c} / ")))
    };
    if let Some(c) = l.column.as_ref().filter(|c| !in_row(c)) {
        text.push_str(&format!(" · {c}"));
    }
    clean(&text)
}

/// The text of each listed finding's row, made distinct: a row that reads like another gets
/// its column, then its sentence, then a number.
fn finding_rows(app: &App, lang: super::i18n::Lang) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = app
        .fview
        .list
        .iter()
        .map(|&i| {
            let fd = &app.findings[i];
            let msg = match lang {
                super::i18n::Lang::Zh if !fd.message_zh.is_empty() => &fd.message_zh,
                _ => &fd.message,
            };
            (short_location(fd), clean(msg))
        })
        .collect();
    let mut seen: std::collections::HashMap<(String, String, String, String), usize> =
        std::collections::HashMap::new();
    let key = |k: usize| {
        let fd = &app.findings[app.fview.list[k]];
        (
            fd.document.clone(),
            fd.rule.clone(),
            rows[k].0.clone(),
            rows[k].1.clone(),
        )
    };
    for k in 0..rows.len() {
        *seen.entry(key(k)).or_default() += 1;
    }
    let mut nth: std::collections::HashMap<(String, String, String, String), usize> =
        std::collections::HashMap::new();
    rows.iter()
        .enumerate()
        .map(|(k, (loc, msg))| {
            let kk = key(k);
            if seen[&kk] < 2 {
                return (loc.clone(), msg.clone());
            }
            let n = nth.entry(kk).or_default();
            *n += 1;
            let fd = &app.findings[app.fview.list[k]];
            let extra = fd
                .location
                .sentence
                .as_deref()
                .map(|s| fit(&clean(s), 16))
                .or(fd.expected.as_ref().map(|e| format!("≠{}", clean(e))))
                .unwrap_or_default();
            (
                format!("{loc} #{n}"),
                format!("{extra} {msg}").trim().to_string(),
            )
        })
        .collect()
}

/// The location column as shown, `loc_w` cells, so that no two rows look alike on screen: a row
/// that would read like another shows the end of its location (where look-alikes differ:
/// `…创新活力（实施期）`), and if it still reads alike, a number.
fn visible_locations(
    app: &App,
    texts: &[(String, String)],
    loc_w: usize,
    msg_w: usize,
    doc_w: usize,
) -> Vec<String> {
    let line = |k: usize, loc: &str| {
        let fd = &app.findings[app.fview.list[k]];
        let doc: String = fd.document.chars().take(doc_w).collect();
        format!(
            "{}{}{doc}{loc}{}",
            fd.severity.letter(),
            fd.rule,
            cell(&texts[k].1, msg_w)
        )
    };
    let dups = |locs: &[String]| {
        let mut count: std::collections::HashMap<String, usize> = Default::default();
        for (k, l) in locs.iter().enumerate() {
            *count.entry(line(k, l)).or_default() += 1;
        }
        (0..locs.len())
            .map(|k| count[&line(k, &locs[k])] > 1)
            .collect::<Vec<bool>>()
    };
    let mut locs: Vec<String> = texts.iter().map(|(l, _)| cell(l, loc_w)).collect();
    let first = dups(&locs);
    for (k, d) in first.iter().enumerate() {
        if *d {
            locs[k] = cell(&fit_left(&texts[k].0, loc_w), loc_w);
        }
    }
    let second = dups(&locs);
    let mut nth: std::collections::HashMap<String, usize> = Default::default();
    for (k, d) in second.iter().enumerate() {
        if *d {
            let n = nth.entry(line(k, &locs[k])).or_default();
            *n += 1;
            let tag = format!("#{n} ");
            let rest = fit_left(&texts[k].0, loc_w.saturating_sub(width(&tag)));
            locs[k] = cell(&format!("{tag}{rest}"), loc_w);
        }
    }
    locs
}

pub fn draw(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let block = pane_block(app, lang.t("Findings", "问题清单").to_string(), true);
    let inner = block.inner(area);
    if inner.height < 3 || inner.width < 10 {
        f.render_widget(block, area);
        return;
    }
    let w = inner.width as usize;
    let detail_h = (inner.height * 2 / 5).clamp(3, 14);
    let [filters, list, sep, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(detail_h),
    ])
    .areas(inner);
    let fv = &app.fview;
    let filter_text = format!(
        "{} {} │ {} {} │ {} {} │ {}/{}",
        lang.t("severity:", "级别:"),
        fv.severity.label(lang),
        lang.t("rule:", "规则:"),
        fv.rule.as_deref().unwrap_or(lang.t("all", "全部")),
        lang.t("dismissed:", "已排除:"),
        if fv.hide_dismissed {
            lang.t("hidden", "隐藏")
        } else {
            lang.t("shown", "显示")
        },
        fv.list.len(),
        app.findings.len(),
    );
    f.render_widget(
        Paragraph::new(Line::styled(fit(&filter_text, w), theme.dim)),
        filters,
    );
    app.view.list = list;
    let h = list.height as usize;
    if app.fview.selected < app.fview.offset {
        app.fview.offset = app.fview.selected;
    } else if h > 0 && app.fview.selected >= app.fview.offset + h {
        app.fview.offset = app.fview.selected + 1 - h;
    }
    let block = block.title_bottom(position_title(app.fview.offset, h, app.fview.list.len()));
    f.render_widget(block, area);
    if app.fview.list.is_empty() {
        let msg = if app.findings.is_empty() {
            lang.t(
                "No findings: the audit found nothing to report.",
                "没有发现问题。",
            )
        } else {
            lang.t("No findings match the filters.", "没有符合筛选条件的问题。")
        };
        f.render_widget(Paragraph::new(Line::styled(fit(msg, w), theme.dim)), list);
    } else {
        let texts = finding_rows(app, lang);
        let rule_w = app
            .fview
            .list
            .iter()
            .map(|&i| width(&app.findings[i].rule))
            .max()
            .unwrap_or(0)
            .min(14);
        // The document: its id in full on wide screens, its first characters (`000`) below.
        let many_docs = app.corpus.documents.len() > 1;
        let doc_w = if !many_docs {
            0
        } else if w >= 110 {
            app.fview
                .list
                .iter()
                .map(|&i| width(&app.findings[i].document))
                .max()
                .unwrap_or(0)
                .min(18)
        } else {
            3
        };
        let loc_w = texts
            .iter()
            .map(|(l, _)| width(l))
            .max()
            .unwrap_or(0)
            .min((w / 3).max(12));
        let msg_w =
            w.saturating_sub(4 + rule_w + 1 + if doc_w > 0 { doc_w + 1 } else { 0 } + loc_w + 1);
        let locs = visible_locations(app, &texts, loc_w, msg_w, doc_w);
        let mut lines = Vec::new();
        for (k, &i) in app
            .fview
            .list
            .iter()
            .enumerate()
            .skip(app.fview.offset)
            .take(h)
        {
            let fd = &app.findings[i];
            let selected = k == app.fview.selected;
            let base = if selected {
                theme.selected
            } else {
                Style::new()
            };
            let mark = app.mark_of(i).map(|m| m.status.symbol()).unwrap_or(' ');
            let msg = &texts[k].1;
            let mut spans = vec![
                Span::styled(format!("{mark} "), base),
                Span::styled(
                    format!("{} ", fd.severity.letter()),
                    base.patch(theme.severity(fd.severity)),
                ),
                Span::styled(format!("{} ", cell(&clean(&fd.rule), rule_w)), base),
            ];
            let mut used = 4 + rule_w + 1;
            if doc_w > 0 {
                // A short id is cut without an ellipsis: `000` reads as the document.
                let id: String = clean(&fd.document).chars().take(doc_w).collect();
                let id = if doc_w >= 18 {
                    cell(&clean(&fd.document), doc_w)
                } else {
                    cell(&id, doc_w)
                };
                spans.push(Span::styled(format!("{id} "), base.patch(theme.dim)));
                used += doc_w + 1;
            }
            spans.push(Span::styled(format!("{} ", locs[k]), base.patch(theme.dim)));
            used += loc_w + 1;
            spans.push(Span::styled(cell(msg, w.saturating_sub(used)), base));
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), list);
        let row = app.fview.selected.saturating_sub(app.fview.offset);
        point_at(f, list, row, app.overlay == Overlay::None);
    }
    let mut out = Vec::new();
    if let Some(&i) = app.fview.list.get(app.fview.selected) {
        panes::finding_lines(app, i, w, None, &mut out);
    }
    let dh = detail.height as usize;
    app.view.fdetail = detail;
    app.view.fdetail_lines = out.len();
    let max = out.len().saturating_sub(dh);
    app.fview.detail_scroll = app.fview.detail_scroll.min(max);
    let scroll = app.fview.detail_scroll;
    // The separator carries the detail's scroll position and how to scroll it.
    let pos = if out.len() > dh {
        format!(
            " {}–{}/{} J/K ",
            scroll + 1,
            (scroll + dh).min(out.len()),
            out.len()
        )
    } else {
        String::new()
    };
    let pw = width(&pos);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("─".repeat(w.saturating_sub(pw)), theme.border),
            Span::styled(pos, theme.dim),
        ])),
        sep,
    );
    let shown: Vec<Line> = out.into_iter().skip(scroll).take(dh).collect();
    f.render_widget(Paragraph::new(shown), detail);
}
