//! Drawing the table list, one table as printed (header paths, a frozen label column, columns
//! scrolled sideways, blank distinct from 0, findings on rows and cells), the source view and
//! the rule picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use yusuan::text::{pad_left, width};

use super::app::{App, Overlay};
use super::fmt::{amount, cell, clean, fit, wrap};
use super::render::{centered, pane_block, point_at, position_title};
use super::tables::{self, CellValue};

/// Widest a scrolled column gets; its full header is in the status lines below the table.
const MAX_COL: usize = 14;

pub fn draw_tables(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let Some(l) = app.corpus.documents.get(app.tview.doc) else {
        return;
    };
    let title = format!(
        "{} — {}",
        lang.t("Tables", "报表"),
        clean(&l.doc.department.name)
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    let n = l.doc.tables.len();
    let h = inner.height as usize;
    let t = &mut app.tview;
    t.pick = t.pick.min(n.saturating_sub(1));
    let offset = if t.pick >= h { t.pick + 1 - h } else { 0 };
    let block = block.title_bottom(position_title(offset, h, n));
    f.render_widget(block, area);
    let w = inner.width as usize;
    let docs = app.doc_findings(app.tview.doc);
    let l = &app.corpus.documents[app.tview.doc];
    let mut lines = Vec::new();
    for (i, t) in l.doc.tables.iter().enumerate().skip(offset).take(h) {
        let m = tables::marks(t, &app.findings, docs.iter().copied());
        let total = m.table.len() + m.rows.values().map(|r| r.1.len()).sum::<usize>();
        let worst = m
            .rows
            .values()
            .map(|r| r.0)
            .chain(m.table.iter().map(|&i| app.findings[i].severity))
            .max();
        let marker = worst
            .map(|s| format!("{}{total}", s.letter()))
            .unwrap_or_default();
        // A table whose figures could not be read has no columns to count: it says so.
        let columns = if t.unread.is_some() {
            lang.t("not read", "未读取").to_string()
        } else {
            format!("{:>2}{}", t.columns.len(), lang.t(" cols", "列"))
        };
        let body = format!(
            " {} {:>3}{} {columns} ",
            t.unit.label(),
            t.rows.len(),
            lang.t(" rows", "行"),
        );
        let mark = format!("{marker:>4}");
        let right_w = width(&body) + width(&mark);
        let number = t
            .number
            .as_deref()
            .map(|n| format!("{} ", clean(n)))
            .unwrap_or_default();
        let left = format!("{} {number}{}", clean(&t.id), clean(&t.title));
        let lw = w.saturating_sub(right_w);
        let style = if i == app.tview.pick {
            theme.selected
        } else {
            Style::new()
        };
        let sev = worst.map_or(style, |s| style.patch(theme.severity(s)));
        lines.push(Line::from(vec![
            Span::styled(cell(&left, lw), style),
            Span::styled(body, style.patch(theme.dim)),
            Span::styled(mark, sev),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            fit(
                lang.t("This document prints no tables.", "该文件没有报表。"),
                w,
            ),
            theme.dim,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
    point_at(f, inner, app.tview.pick.saturating_sub(offset), true);
}

pub fn draw_table(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let docs = app.doc_findings(app.tview.doc);
    let Some((_, table)) = app.current_table() else {
        return;
    };
    let table = table.clone();
    let marks = tables::marks(&table, &app.findings, docs.iter().copied());
    let title = format!(
        "{} {}{} ({}){}",
        clean(&table.id),
        table
            .number
            .as_deref()
            .map(|n| format!("{} ", clean(n)))
            .unwrap_or_default(),
        clean(&table.title),
        table.unit.label(),
        // Its figures are in the row notes, not in the cells.
        if table.unread.is_some() {
            lang.t(" · figures not read", " · 数字未读取")
        } else {
            ""
        }
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    if inner.height < 4 || inner.width < 20 {
        f.render_widget(block, area);
        return;
    }
    let w = inner.width as usize;
    let depth = table
        .columns
        .iter()
        .map(|c| c.header.len())
        .max()
        .unwrap_or(1)
        .clamp(1, 3);
    let status_h = 3u16;
    let [head, body, status] = Layout::vertical([
        Constraint::Length(depth as u16),
        Constraint::Min(1),
        Constraint::Length(status_h),
    ])
    .areas(inner);
    let rows = table.rows.len();
    let h = body.height as usize;
    let t = &mut app.tview;
    t.row = t.row.min(rows.saturating_sub(1));
    if t.row < t.row_offset {
        t.row_offset = t.row;
    } else if h > 0 && t.row >= t.row_offset + h {
        t.row_offset = t.row + 1 - h;
    }
    t.row_offset = t.row_offset.min(rows.saturating_sub(h));
    let block = block.title_bottom(position_title(t.row_offset, h, rows));
    f.render_widget(block, area);
    app.view.table_body = body;

    // Column widths: the header's widest part or the widest figure, within MAX_COL.
    let texts: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            (0..table.columns.len())
                .map(|c| match tables::cell_value(&table, r, c) {
                    CellValue::Printed(a) => amount(a.0),
                    CellValue::Blank => "·".to_string(),
                    CellValue::NotApplicable => String::new(),
                })
                .collect()
        })
        .collect();
    let col_w: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let head = col.header.iter().map(|h| width(h)).max().unwrap_or(0);
            let data = texts.iter().map(|r| width(&r[c])).max().unwrap_or(0);
            head.max(data + 1).clamp(6, MAX_COL)
        })
        .collect();
    // The frozen label column: a third of the width at most, wide enough for a code and name.
    let label_need = table
        .rows
        .iter()
        .map(|r| width(&tables::row_label(r)))
        .max()
        .unwrap_or(4);
    let label_w = label_need.min(w / 3).max(8.min(w));
    let mark_w = 2;
    let avail = w.saturating_sub(label_w + mark_w);
    // Columns that fit from col_offset.
    let mut fit_n = 0;
    let mut used = 0;
    for cw in col_w.iter().skip(app.tview.col_offset) {
        if used + cw + 1 > avail {
            break;
        }
        used += cw + 1;
        fit_n += 1;
    }
    let fit_n = fit_n.max(1);
    app.view.table_cols = fit_n;
    let t = &mut app.tview;
    t.col = t.col.min(table.columns.len().saturating_sub(1));
    if t.col < t.col_offset {
        t.col_offset = t.col;
    } else if t.col >= t.col_offset + fit_n {
        t.col_offset = t.col + 1 - fit_n;
    }
    let shown: Vec<usize> = (t.col_offset..table.columns.len()).take(fit_n).collect();
    let more_left = t.col_offset > 0;
    let more_right = shown.last().is_some_and(|&c| c + 1 < table.columns.len());

    // Header paths: a part repeated from the column to the left is left blank, as printed
    // merged cells read.
    let mut head_lines = Vec::new();
    for level in 0..depth {
        let lead = if level == depth - 1 {
            let rh = table
                .row_header
                .last()
                .map(|s| clean(s))
                .unwrap_or_default();
            let arrows = format!(
                "{}{}",
                if more_left { "◀" } else { "" },
                if more_right { "▶" } else { "" }
            );
            let aw = width(&arrows);
            format!(
                "{}{arrows}",
                cell(&rh, (label_w + mark_w).saturating_sub(aw))
            )
        } else {
            " ".repeat(label_w + mark_w)
        };
        let mut spans = vec![Span::styled(lead, theme.dim)];
        for &c in &shown {
            let col = &table.columns[c];
            let part = col.header.get(level).map(|s| clean(s)).unwrap_or_default();
            let same_as_left = c > 0
                && c != shown[0]
                && table.columns[c - 1].header.get(..=level) == col.header.get(..=level)
                && level + 1 < col.header.len();
            let text = if same_as_left { String::new() } else { part };
            let style = if c == app.tview.col {
                theme.title
            } else {
                theme.dim
            };
            spans.push(Span::styled(
                format!("{} ", pad_left(&fit(&text, col_w[c]), col_w[c])),
                style,
            ));
        }
        head_lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(head_lines), head);

    let mut lines = Vec::new();
    for (ri, row) in table
        .rows
        .iter()
        .enumerate()
        .skip(app.tview.row_offset)
        .take(h)
    {
        let selected = ri == app.tview.row;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let mark = marks.rows.get(&ri);
        let mut spans = vec![
            Span::styled(cell(&clean(&tables::row_label(row)), label_w), base),
            match mark {
                Some((s, _)) => {
                    Span::styled(format!("{} ", s.letter()), base.patch(theme.severity(*s)))
                }
                None => Span::styled("  ", base),
            },
        ];
        for &c in &shown {
            let text = &texts[ri][c];
            let cell_mark = marks.cells.get(&(ri, c));
            let mut style = if matches!(tables::cell_value(&table, row, c), CellValue::Blank) {
                base.patch(theme.dim)
            } else {
                base
            };
            if let Some(s) = cell_mark {
                style = style.patch(theme.severity(*s));
            }
            if selected && c == app.tview.col {
                style = theme.tab_active;
            }
            // A finding on the cell is marked with `*`, readable without colour.
            let shown = match cell_mark {
                Some(_) => format!("{text}*"),
                None => format!("{text} "),
            };
            spans.push(Span::styled(pad_left(&shown, col_w[c]), style));
            spans.push(Span::styled(" ", base));
        }
        lines.push(Line::from(spans));
    }
    if table.rows.is_empty() {
        lines.push(Line::styled(
            fit(lang.t("No rows printed.", "本表无数据行。"), w),
            theme.dim,
        ));
    }
    f.render_widget(Paragraph::new(lines), body);
    point_at(
        f,
        body,
        app.tview.row.saturating_sub(app.tview.row_offset),
        true,
    );

    // Status: the selected row and column in full, the cell, the findings on the row.
    let mut st = Vec::new();
    if let Some(row) = table.rows.get(app.tview.row) {
        let col = table.columns.get(app.tview.col);
        let value = match tables::cell_value(&table, row, app.tview.col) {
            CellValue::Printed(a) => amount(a.0),
            CellValue::Blank => lang.t("blank (not 0)", "空白（非0）").to_string(),
            CellValue::NotApplicable => lang.t("other side", "另一侧").to_string(),
        };
        let place = match row.source.as_deref().or(table.source.as_ref()) {
            Some(s) => format!(" · {}", s.place()),
            None => String::new(),
        };
        st.push(Line::styled(
            fit(
                &format!(
                    "{}/{} {}{place}",
                    app.tview.row + 1,
                    rows,
                    clean(&tables::row_label(row))
                ),
                w,
            ),
            theme.title,
        ));
        st.push(Line::raw(fit(
            &format!(
                "{} = {value}",
                col.map(|c| clean(&c.header.join(" / ")))
                    .unwrap_or_default()
            ),
            w,
        )));
        let about: Vec<usize> = marks
            .rows
            .get(&app.tview.row)
            .map(|r| r.1.clone())
            .unwrap_or_default();
        // The finding about the selected cell first, else the row's first.
        let here = col.map(|c| c.header.join(" / "));
        let pick = about
            .iter()
            .find(|&&i| {
                app.findings[i].location.column.is_some() && app.findings[i].location.column == here
            })
            .or(about.first());
        let msg = match pick {
            Some(&i) => {
                let fd = &app.findings[i];
                let m = match lang {
                    super::i18n::Lang::Zh if !fd.message_zh.is_empty() => &fd.message_zh,
                    _ => &fd.message,
                };
                let more = if about.len() > 1 {
                    format!(" (+{})", about.len() - 1)
                } else {
                    String::new()
                };
                Line::styled(
                    fit(
                        &format!("{} {}{more} {}", fd.severity.letter(), fd.rule, clean(m)),
                        w,
                    ),
                    theme.severity(fd.severity),
                )
            }
            None if !marks.table.is_empty() => Line::styled(
                fit(
                    &format!(
                        "{} {}",
                        marks.table.len(),
                        lang.t(
                            "finding(s) on the table as a whole (f lists them)",
                            "个问题涉及整张报表（按 f 查看）"
                        )
                    ),
                    w,
                ),
                theme.dim,
            ),
            None => Line::styled(
                fit(
                    lang.t(
                        "· blank cell   * finding on the cell   ◀▶ more columns",
                        "· 空白单元格   * 单元格有问题   ◀▶ 还有其他列",
                    ),
                    w,
                ),
                theme.dim,
            ),
        };
        st.push(msg);
    }
    f.render_widget(Paragraph::new(st), status);
}

pub fn draw_source(f: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let title = format!(
        "{} — {}",
        lang.t("Source", "原文"),
        clean(&app.source.title)
    );
    let block = pane_block(app, title, true);
    let inner = block.inner(area);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let mut lines: Vec<Line> = Vec::new();
    match &app.source.text {
        Some(Ok(text)) => {
            lines.push(Line::styled(
                fit(
                    &format!(
                        "{} · {}",
                        // The file's name: where it lives is the loaded document's business.
                        clean(
                            &text
                                .file
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                        text.place
                    ),
                    w,
                ),
                theme.dim,
            ));
            let num_w = text.lines.last().map_or(1, |l| l.number.to_string().len());
            for l in &text.lines {
                let style = if l.cited { theme.title } else { Style::new() };
                let mark = if l.cited { "▶" } else { " " };
                // Tabs separate printed cells in the export: shown as wide gaps.
                let body = clean(&l.text.replace('\t', "  ")).replace('␉', "  ");
                let prefix = format!("{mark}{:>num_w$} │ ", l.number);
                let pw = width(&prefix);
                let parts = wrap(&body, w.saturating_sub(pw).max(1));
                for (k, part) in parts.into_iter().enumerate() {
                    let p = if k == 0 {
                        prefix.clone()
                    } else {
                        format!("{}│ ", " ".repeat(pw.saturating_sub(2)))
                    };
                    lines.push(Line::from(vec![
                        Span::styled(p, theme.dim),
                        Span::styled(part, style),
                    ]));
                }
            }
        }
        Some(Err(e)) => {
            for l in wrap(&clean(e), w) {
                lines.push(Line::styled(l, theme.warning));
            }
        }
        None => {}
    }
    app.view.source_lines = lines.len();
    let scroll = app.source.scroll.min(lines.len().saturating_sub(h));
    app.source.scroll = scroll;
    let block = block.title_bottom(position_title(scroll, h, lines.len()));
    f.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

pub fn draw_rule_picker(f: &mut Frame, app: &mut App, area: Rect) {
    let Overlay::RulePicker { selected } = app.overlay.clone() else {
        return;
    };
    let theme = app.settings.theme.clone();
    let lang = app.lang;
    let rules = app.rule_counts();
    let total: usize = rules.iter().map(|r| r.1).sum();
    let rect = centered(area, 48, (rules.len() as u16 + 3).min(area.height));
    f.render_widget(Clear, rect);
    let block = pane_block(
        app,
        lang.t("Rule — Enter picks", "规则 — Enter 选用")
            .to_string(),
        true,
    );
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let mut items = vec![(lang.t("every rule", "全部规则").to_string(), total)];
    items.extend(rules);
    let offset = if selected >= h { selected + 1 - h } else { 0 };
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, (r, n))| {
            let style = if i == selected {
                theme.selected
            } else {
                Style::new()
            };
            let count = n.to_string();
            Line::styled(
                format!(
                    "{}{count}",
                    cell(&clean(r), w.saturating_sub(width(&count)))
                ),
                style,
            )
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
    super::render::position_over(f, rect, offset, h, items.len());
    point_at(f, inner, selected.saturating_sub(offset), true);
}
