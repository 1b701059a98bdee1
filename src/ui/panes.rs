//! The detail panes' contents for the selected node, as lines fitted to a width: amounts,
//! performance targets, findings, narrative. Amounts are never cut: columns are dropped first.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;
use yusuan::model::{Indicator, MoneyUnit};
use yusuan::text::{pad_left, width};
use yusuan::tree::NodeKind;

use super::app::{App, Tab};
use super::fmt::{
    aligned, amount, bar_on, cell, clean, decimal_widths, fit, fit_left, share, wrap,
};
use super::forest::UKind;
use super::theme::Theme;

type Lines = Vec<Line<'static>>;

/// One row of an amount table.
pub struct ARow {
    pub label: String,
    pub amount: Option<String>,
    /// Extra columns (shares), dropped from the right when space is short.
    pub extra: Vec<String>,
    pub style: Style,
}

/// Lays out amount rows in `width` cells: label | amount (decimal-aligned) | extras. Extras
/// are dropped right to left before the label is narrowed; the amount is never cut (when even
/// it cannot fit beside a short label, it goes on a line of its own).
pub fn amount_table(
    rows: &[ARow],
    header: Option<(&str, &str, &[&str])>,
    width_total: usize,
    theme: &Theme,
) -> Lines {
    let (int_w, frac_w) = decimal_widths(rows.iter().filter_map(|r| r.amount.as_deref()));
    let mut amount_w = int_w + frac_w;
    if let Some((_, h, _)) = header {
        amount_w = amount_w.max(width(h));
    }
    let n_extra = rows.iter().map(|r| r.extra.len()).max().unwrap_or(0);
    let extra_w: Vec<usize> = (0..n_extra)
        .map(|i| {
            let h = header
                .and_then(|(_, _, e)| e.get(i))
                .map_or(0, |h| width(h));
            rows.iter()
                .filter_map(|r| r.extra.get(i))
                .map(|e| width(e))
                .max()
                .unwrap_or(0)
                .max(h)
        })
        .collect();
    const MIN_LABEL: usize = 8;
    let mut keep = n_extra;
    let needed = |keep: usize| {
        MIN_LABEL + 1 + amount_w + extra_w[..keep].iter().map(|w| w + 2).sum::<usize>()
    };
    while keep > 0 && needed(keep) > width_total {
        keep -= 1;
    }
    let right_w = amount_w + extra_w[..keep].iter().map(|w| w + 2).sum::<usize>();
    let label_w = width_total.saturating_sub(right_w + 1);
    let own_line = label_w < 4;
    let mut out = Vec::new();
    if let Some((l, a, e)) = header {
        let mut s = String::new();
        if !own_line {
            s.push_str(&cell(l, label_w));
            s.push(' ');
        }
        s.push_str(&pad_left(a, amount_w));
        for (i, h) in e.iter().take(keep).enumerate() {
            s.push_str(&format!("  {}", pad_left(h, extra_w[i])));
        }
        out.push(Line::styled(s, theme.dim));
    }
    for r in rows {
        let num = r
            .amount
            .as_deref()
            .map(|a| aligned(a, int_w, frac_w))
            .unwrap_or_default();
        let mut right = pad_left(&num, amount_w);
        for (i, e) in r.extra.iter().take(keep).enumerate() {
            right.push_str(&format!("  {}", pad_left(e, extra_w[i])));
        }
        if own_line {
            for l in wrap(&r.label, width_total) {
                out.push(Line::styled(l, r.style));
            }
            out.push(Line::styled(pad_left(&right, width_total), r.style));
        } else {
            // A label too long for its column wraps (it is never cut): the figure goes on its
            // last line.
            let mut parts = wrap_path(&r.label, label_w);
            let last = parts.pop().unwrap_or_default();
            for l in parts {
                out.push(Line::styled(l, r.style));
            }
            out.push(Line::styled(
                format!("{} {right}", cell(&last, label_w)),
                r.style,
            ));
        }
    }
    out
}

/// Wraps a header path (`基本支出 / 人员经费 / 工资福利支出`) at its separators where it can, so
/// each line holds whole names; a name longer than a line wraps inside.
fn wrap_path(text: &str, max: usize) -> Vec<String> {
    if width(text) <= max {
        return vec![text.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, part) in text.split(" / ").enumerate() {
        let piece = if i == 0 {
            part.to_string()
        } else {
            format!(" / {part}")
        };
        if !line.is_empty() && width(&line) + width(&piece) > max {
            out.push(std::mem::take(&mut line));
            line = format!("/ {part}");
        } else {
            line.push_str(&piece);
        }
    }
    out.push(line);
    out.into_iter().flat_map(|l| wrap(&l, max)).collect()
}

fn blank() -> Line<'static> {
    Line::raw("")
}

fn heading(text: &str, theme: &Theme, w: usize) -> Line<'static> {
    Line::styled(fit(text, w), theme.title)
}

/// Wrapped text; a line feed in the data starts a new line (narrative paragraphs are joined
/// with `\n`), every other control character is shown as a placeholder.
fn para(out: &mut Lines, text: &str, indent: usize, w: usize, style: Style) {
    let pad = " ".repeat(indent);
    for p in text.split('\n') {
        for l in wrap(&clean(p), w.saturating_sub(indent).max(1)) {
            out.push(Line::styled(format!("{pad}{l}"), style));
        }
    }
}

/// Lines of the current tab for the selected node.
pub fn lines(app: &App, w: usize) -> Lines {
    let theme = &app.settings.theme;
    let Some(node) = app.forest.nodes.get(app.selected) else {
        return vec![Line::styled(
            app.lang
                .t("No documents loaded.", "没有载入文件。")
                .to_string(),
            theme.dim,
        )];
    };
    let mut out = Vec::new();
    // Title: code and label, then the address.
    let title = match &node.code {
        Some(c) if node.kind != UKind::Node(NodeKind::Department) => {
            format!("{} {}", clean(c), clean(&node.label))
        }
        _ => clean(&node.label),
    };
    for l in wrap(&title, w) {
        out.push(Line::styled(l, theme.title));
    }
    // Breadcrumb: the names above the node, cut from the left so the nearest stay readable.
    let crumbs: Vec<String> = app
        .forest
        .ancestors(app.selected)
        .into_iter()
        .rev()
        .filter(|&a| app.forest.nodes[a].doc.is_some())
        .map(|a| clean(&app.forest.nodes[a].label))
        .collect();
    if !crumbs.is_empty() {
        let text = format!("{} ›", crumbs.join(" › "));
        out.push(Line::styled(fit_left(&text, w), theme.dim));
    }
    out.push(Line::styled(fit(&clean(&node.path), w), theme.dim));
    out.push(blank());
    match app.tab {
        Tab::Amounts => amounts(app, w, &mut out),
        Tab::Performance => performance(app, w, &mut out),
        Tab::Findings => findings(app, w, &mut out),
        Tab::Text => narrative(app, w, &mut out),
    }
    out
}

fn with_unit(a: Decimal, unit: MoneyUnit) -> (Decimal, MoneyUnit) {
    (a, unit)
}

fn amounts(app: &App, w: usize, out: &mut Lines) {
    let theme = &app.settings.theme;
    let lang = app.lang;
    let id = app.selected;
    let node = &app.forest.nodes[id];
    let parent = node.parent.map(|p| &app.forest.nodes[p]);
    let dept = app.forest.department_of(id).map(|d| &app.forest.nodes[d]);
    let me = node.amount.map(|a| with_unit(a, node.money_unit));
    let of_parent = share(me, parent.and_then(|p| p.amount.map(|a| (a, p.money_unit))));
    let of_dept = share(me, dept.and_then(|d| d.amount.map(|a| (a, d.money_unit))));
    let mut rows = vec![ARow {
        label: lang.t("Amount", "金额").to_string(),
        // A node the tables print no figure for (a unit the narrative lists) says so.
        amount: Some(node.amount.map_or_else(|| "—".to_string(), amount)),
        extra: vec![match node.amount {
            Some(_) => format!(
                "{}{}",
                node.money_unit.label(),
                if node.computed { " Σ" } else { "" }
            ),
            None => String::new(),
        }],
        style: theme.title,
    }];
    if let Some(s) = of_parent.filter(|_| parent.is_some_and(|p| p.doc.is_some())) {
        rows.push(ARow {
            label: lang.t("Share of parent", "占上级").into(),
            amount: Some(s),
            extra: vec![],
            style: Style::new(),
        });
    }
    if let Some(s) = of_dept.filter(|_| dept.is_some_and(|d| d.path != node.path)) {
        rows.push(ARow {
            label: lang.t("Share of department", "占部门").into(),
            amount: Some(s),
            extra: vec![],
            style: Style::new(),
        });
    }
    out.extend(amount_table(&rows, None, w, theme));
    if node.computed && node.amount.is_some() {
        out.push(Line::styled(
            fit(
                lang.t(
                    "Σ computed: the sum of the children, not printed",
                    "Σ 为子项合计，文件未列示",
                ),
                w,
            ),
            theme.dim,
        ));
    }

    let tnode = app.tree_node(id);
    let loaded = node.doc.and_then(|d| app.corpus.documents.get(d));
    let detail = match (tnode, loaded) {
        (Some(t), Some(l)) => Some(yusuan::detail::detail(l, t)),
        _ => None,
    };

    // Composition: basic vs project, from the printed row's cells.
    if let Some(d) = &detail
        && let Some(row) = d.rows.first()
    {
        let get = |k: &str| row.cells.iter().find(|c| c.key == k).and_then(|c| c.value);
        let parts: Vec<(String, Decimal)> = [
            ("basic", lang.t("Basic", "基本支出")),
            ("project", lang.t("Project", "项目支出")),
        ]
        .iter()
        .filter_map(|(k, l)| get(k).map(|v| (l.to_string(), v)))
        .collect();
        if parts.len() == 2 {
            out.push(blank());
            out.push(heading(
                lang.t("Composition: basic vs project", "构成：基本支出与项目支出"),
                theme,
                w,
            ));
            chart(&parts, w, theme, out);
        }
    }
    // Composition by child (for the department: by 类).
    let chart_of = match node.kind {
        UKind::Node(NodeKind::Department) => node
            .children
            .iter()
            .copied()
            .find(|&c| app.forest.nodes[c].kind == UKind::Node(NodeKind::Functions)),
        _ => Some(id),
    };
    if let Some(c) = chart_of {
        let kids: Vec<(String, Decimal)> = app.forest.nodes[c]
            .children
            .iter()
            .map(|&k| &app.forest.nodes[k])
            .filter_map(|k| {
                let label = match &k.code {
                    Some(code)
                        if matches!(
                            k.kind,
                            UKind::Node(NodeKind::Function | NodeKind::Economic)
                        ) =>
                    {
                        format!("{} {}", clean(code), clean(&k.label))
                    }
                    _ => clean(&k.label),
                };
                k.amount
                    .map(|a| (label, a * Decimal::from(k.money_unit.yuan_per_unit())))
            })
            .collect();
        if kids.len() >= 2 {
            out.push(blank());
            let title = if c != id {
                lang.t("Composition by class (类)", "按类构成")
            } else {
                lang.t("Composition", "构成")
            };
            out.push(heading(title, theme, w));
            chart(
                &kids.into_iter().take(12).collect::<Vec<_>>(),
                w,
                theme,
                out,
            );
        }
    }

    // Every printed column of every printed row.
    if let Some(d) = &detail {
        for row in &d.rows {
            out.push(blank());
            out.push(heading(
                &format!(
                    "{} {} ({})",
                    clean(&row.table),
                    clean(&row.table_title),
                    row.money_unit.label()
                ),
                theme,
                w,
            ));
            // Where it was printed, once imported documents carry it.
            if let Some(s) = &row.source {
                out.push(Line::styled(
                    fit(
                        &format!(
                            "{} {} · {} {}",
                            lang.t("printed at", "原文位置"),
                            clean(&s.place()),
                            lang.t("row", "行"),
                            clean(&row.label)
                        ),
                        w,
                    ),
                    theme.dim,
                ));
            }
            let rows: Vec<ARow> = row
                .cells
                .iter()
                .filter(|c| !c.key.starts_with("x_") || c.value.is_some())
                .map(|c| ARow {
                    label: clean(&c.header),
                    amount: c.value.map(amount),
                    extra: vec![],
                    style: Style::new(),
                })
                .collect();
            out.extend(amount_table(&rows, None, w, theme));
            if let Some(note) = &row.note {
                let note = format!("{} {}", lang.t("note:", "说明："), clean(note));
                out.extend(
                    wrap(&note, w)
                        .into_iter()
                        .map(|l| Line::styled(l, theme.dim)),
                );
            }
        }
        if d.rows.is_empty()
            && let Some(p) = &d.project
            && !p.amounts.is_empty()
        {
            out.push(blank());
            out.push(heading(lang.t("Project amounts", "项目金额"), theme, w));
            let rows: Vec<ARow> = p
                .amounts
                .iter()
                .map(|(k, v)| ARow {
                    label: clean(k),
                    amount: v.map(|a| amount(a.0)),
                    extra: vec![],
                    style: Style::new(),
                })
                .collect();
            out.extend(amount_table(&rows, None, w, theme));
        }
    }

    // Children with shares.
    if !node.children.is_empty() {
        out.push(blank());
        let title = format!("{} ({})", lang.t("Below", "下级"), node.children.len());
        let rows: Vec<ARow> = node
            .children
            .iter()
            .map(|&k| &app.forest.nodes[k])
            .map(|k| {
                let ka = k.amount.map(|a| (a, k.money_unit));
                let label = match &k.code {
                    Some(code)
                        if matches!(
                            k.kind,
                            UKind::Node(NodeKind::Function | NodeKind::Economic | NodeKind::Unit)
                        ) =>
                    {
                        format!("{} {}", clean(code), clean(&k.label))
                    }
                    _ => clean(&k.label),
                };
                let unit = if k.money_unit != node.money_unit {
                    format!(" {}", k.money_unit.label())
                } else {
                    String::new()
                };
                ARow {
                    label,
                    amount: k.amount.map(|a| format!("{}{unit}", amount(a))),
                    extra: vec![
                        share(ka, me).unwrap_or_else(|| "—".into()),
                        share(ka, dept.and_then(|d| d.amount.map(|a| (a, d.money_unit))))
                            .unwrap_or_else(|| "—".into()),
                    ],
                    style: Style::new(),
                }
            })
            .collect();
        out.extend(amount_table(
            &rows,
            Some((
                &title,
                node.money_unit.label(),
                &[lang.t("%parent", "占上级"), lang.t("%dept", "占部门")],
            )),
            w,
            theme,
        ));
    }
}

/// A bar chart: label, bar, percentage. Values are shares of their sum.
fn chart(parts: &[(String, Decimal)], w: usize, theme: &Theme, out: &mut Lines) {
    let total: Decimal = parts
        .iter()
        .map(|(_, v)| *v)
        .filter(|v| v.is_sign_positive())
        .sum();
    let label_w = parts
        .iter()
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0)
        .min(w / 3)
        .max(4);
    let fracs: Vec<f64> = parts
        .iter()
        .map(|(_, v)| {
            if total.is_zero() {
                0.0
            } else {
                (v / total).to_string().parse::<f64>().unwrap_or(0.0)
            }
        })
        .collect();
    let pcts: Vec<String> = fracs.iter().map(|f| format!("{:.1}%", f * 100.0)).collect();
    // Wide enough for every percentage (a negative part gives `-100.0%`), never cut.
    let pct_w = pcts.iter().map(|p| width(p)).max().unwrap_or(0).max(6);
    let bar_w = w.saturating_sub(label_w + 2 + pct_w).min(30);
    for (((label, _), frac), pct) in parts.iter().zip(fracs).zip(pcts) {
        let pct = pad_left(&pct, pct_w);
        if bar_w >= 4 {
            out.push(Line::from(vec![
                Span::raw(format!("{} ", cell(label, label_w))),
                // With colour the bar stands out alone; without, a dotted track shows the scale.
                Span::styled(
                    bar_on(frac, bar_w, if theme.color { ' ' } else { '·' }),
                    theme.bar,
                ),
                Span::raw(format!(" {pct}")),
            ]));
        } else {
            out.push(Line::raw(format!(
                "{} {pct}",
                cell(label, w.saturating_sub(pct_w + 1))
            )));
        }
    }
}

/// Indicators, in separate labelled sets where the document prints 实施期 and 年度 targets.
fn indicator_sets(list: &[Indicator], w: usize, theme: &Theme, out: &mut Lines) {
    use yusuan::model::Period;
    let has = |p: Period| list.iter().any(|i| i.period == Some(p));
    if !has(Period::Implementation) {
        return indicators(list, w, theme, out);
    }
    for (period, title) in [
        (Some(Period::Implementation), "实施期目标"),
        (Some(Period::Annual), "年度目标"),
        (None, "未注明期间"),
    ] {
        let set: Vec<Indicator> = list
            .iter()
            .filter(|i| i.period == period)
            .cloned()
            .collect();
        if set.is_empty() {
            continue;
        }
        out.push(Line::styled(
            fit(&format!("── {title} ({}) ──", set.len()), w),
            theme.key,
        ));
        indicators(&set, w, theme, out);
    }
}

fn indicators(list: &[Indicator], w: usize, theme: &Theme, out: &mut Lines) {
    let mut last1 = None;
    let mut last2 = None;
    for ind in list {
        if last1 != Some(&ind.level1) && !ind.level1.is_empty() {
            out.push(Line::styled(fit(&clean(&ind.level1), w), theme.title));
            last2 = None;
        }
        last1 = Some(&ind.level1);
        if last2 != Some(&ind.level2) && !ind.level2.is_empty() {
            out.push(Line::styled(
                format!("  {}", fit(&clean(&ind.level2), w.saturating_sub(2))),
                theme.title,
            ));
        }
        last2 = Some(&ind.level2);
        let value = clean(&ind.value.text);
        let name = clean(&ind.name);
        let vw = width(&value);
        if 6 + vw + 8 <= w {
            // The name wraps when it is long (never cut); the value ends its last line.
            let label_w = (w - 6 - vw).saturating_sub(1);
            let mut parts = wrap(&name, label_w);
            let last = parts.pop().unwrap_or_default();
            for (k, l) in parts.into_iter().enumerate() {
                let lead = if k == 0 { "    · " } else { "      " };
                out.push(Line::raw(format!("{lead}{l}")));
            }
            let lead = if width(&name) <= label_w {
                "    · "
            } else {
                "      "
            };
            out.push(Line::from(vec![
                Span::raw(format!("{lead}{} ", cell(&last, label_w))),
                Span::styled(value, theme.key),
            ]));
        } else {
            para(out, &format!("· {name}"), 4, w, Style::new());
            para(out, &value, 8, w, theme.key);
        }
        if let Some(d) = &ind.description {
            para(out, d, 8, w, theme.dim);
        }
    }
}

fn performance(app: &App, w: usize, out: &mut Lines) {
    let theme = &app.settings.theme;
    let lang = app.lang;
    let node = &app.forest.nodes[app.selected];
    let Some(doc) = node.doc.and_then(|d| app.corpus.documents.get(d)) else {
        out.push(Line::styled(
            fit(
                lang.t("Select a department or a project.", "请选择部门或项目。"),
                w,
            ),
            theme.dim,
        ));
        return;
    };
    match node.kind {
        UKind::Node(NodeKind::Project) => {
            let project = app
                .tree_node(app.selected)
                .and_then(|t| t.project)
                .and_then(|i| doc.doc.projects().into_iter().nth(i));
            let targets = project
                .as_ref()
                .and_then(|p| yusuan::detail::targets_for(doc, p));
            let Some(t) = targets else {
                out.push(Line::styled(
                    fit(
                        lang.t(
                            "No performance targets printed for this project.",
                            "文件未列示该项目的绩效目标。",
                        ),
                        w,
                    ),
                    theme.dim,
                ));
                return;
            };
            if let Some(s) = &t.source_title {
                para(out, s, 0, w, theme.dim);
            }
            printed_at(out, t.source.as_ref(), lang, w, theme);
            for f in &t.fields {
                out.push(Line::styled(fit(&clean(&f.label), w), theme.title));
                para(out, &f.text, 2, w, Style::new());
            }
            if t.total.is_some() || !t.funding.is_empty() {
                out.push(blank());
                out.push(heading(
                    &format!("{} ({})", lang.t("Funding", "资金"), t.money_unit.label()),
                    theme,
                    w,
                ));
                let mut rows = Vec::new();
                if let Some(total) = t.total {
                    rows.push(ARow {
                        label: lang.t("Total", "资金总额").into(),
                        amount: Some(amount(total.0)),
                        extra: vec![],
                        style: theme.title,
                    });
                }
                rows.extend(t.funding.iter().map(|f| ARow {
                    // The period is named where the printed label does not name it already.
                    label: match f.period {
                        _ if f.label.contains("实施期") || f.label.contains("年度") => {
                            clean(&f.label)
                        }
                        Some(yusuan::model::Period::Implementation) => {
                            format!("{} · 实施期", clean(&f.label))
                        }
                        Some(yusuan::model::Period::Annual) => {
                            format!("{} · 年度", clean(&f.label))
                        }
                        None => clean(&f.label),
                    },
                    amount: f.amount.map(|a| amount(a.0)),
                    extra: vec![],
                    style: Style::new(),
                }));
                out.extend(amount_table(&rows, None, w, theme));
            }
            if !t.spending_plan.is_empty() {
                out.push(blank());
                out.push(heading(
                    lang.t("Spending plan (cumulative)", "资金支出计划（累计）"),
                    theme,
                    w,
                ));
                let rows: Vec<ARow> = t
                    .spending_plan
                    .iter()
                    .map(|p| ARow {
                        label: clean(&p.label),
                        amount: p.amount.map(|a| amount(a.0)),
                        extra: vec![],
                        style: Style::new(),
                    })
                    .collect();
                out.extend(amount_table(&rows, None, w, theme));
            }
            if !t.indicators.is_empty() {
                out.push(blank());
                out.push(heading(lang.t("Indicators", "绩效指标"), theme, w));
                indicator_sets(&t.indicators, w, theme, out);
            }
        }
        UKind::Node(NodeKind::Department) => {
            let Some(d) = &doc.doc.performance.department else {
                out.push(Line::styled(
                    fit(
                        lang.t("No 整体绩效 table printed.", "文件未列示整体绩效目标表。"),
                        w,
                    ),
                    theme.dim,
                ));
                return;
            };
            para(out, &d.title, 0, w, theme.dim);
            printed_at(out, d.source.as_ref(), lang, w, theme);
            if !d.goal.is_empty() {
                out.push(heading(lang.t("Annual goal", "年度履职目标"), theme, w));
                para(out, &d.goal, 2, w, Style::new());
            }
            if !d.tasks.is_empty() {
                out.push(blank());
                out.push(heading(lang.t("Main tasks", "年度主要任务"), theme, w));
                for t in &d.tasks {
                    let a = t
                        .amount
                        .map(|a| format!("  {} {}", amount(a.0), d.unit.label()))
                        .unwrap_or_default();
                    para(out, &format!("· {}{a}", t.name), 2, w, theme.title);
                    if !t.content.is_empty() {
                        para(out, &t.content, 4, w, Style::new());
                    }
                }
            }
            if !d.budget.is_empty() {
                out.push(blank());
                out.push(heading(
                    &format!("{} ({})", lang.t("Budget", "预算情况"), d.unit.label()),
                    theme,
                    w,
                ));
                let rows: Vec<ARow> = d
                    .budget
                    .iter()
                    .map(|f| ARow {
                        label: clean(&f.label),
                        amount: f.amount.map(|a| amount(a.0)),
                        extra: vec![],
                        style: Style::new(),
                    })
                    .collect();
                out.extend(amount_table(&rows, None, w, theme));
            }
            if !d.indicators.is_empty() {
                out.push(blank());
                out.push(heading(lang.t("Indicators", "绩效指标"), theme, w));
                indicator_sets(&d.indicators, w, theme, out);
            }
        }
        _ => {
            out.push(Line::styled(
                fit(
                    lang.t(
                        "Targets belong to projects and the department: select one.",
                        "绩效目标属于项目和部门，请选择。",
                    ),
                    w,
                ),
                theme.dim,
            ));
        }
    }
}

/// `printed at p. 5` under a heading, when the document says where it was printed.
fn printed_at(
    out: &mut Lines,
    source: Option<&yusuan::model::Source>,
    lang: super::i18n::Lang,
    w: usize,
    theme: &Theme,
) {
    if let Some(s) = source.filter(|s| !s.is_empty()) {
        out.push(Line::styled(
            fit(
                &format!("{} {}", lang.t("printed at", "原文位置"), clean(&s.place())),
                w,
            ),
            theme.dim,
        ));
    }
}

/// Lines describing finding `i`.
pub fn finding_lines(app: &App, i: usize, w: usize, here: Option<usize>, out: &mut Lines) {
    let theme = &app.settings.theme;
    let lang = app.lang;
    let f = &app.findings[i];
    let mark = app.mark_of(i);
    let mut head = vec![
        Span::styled(
            format!("{} ", f.severity.letter()),
            theme.severity(f.severity),
        ),
        Span::styled(clean(&f.rule), theme.title),
    ];
    if let Some(m) = mark {
        let style = match m.status {
            yusuan::triage::Status::Confirmed => theme.confirmed,
            yusuan::triage::Status::Dismissed => theme.dismissed,
        };
        head.push(Span::styled(
            format!(
                "  {} {}",
                m.status.symbol(),
                lang.t(m.status.label(), m.status.label_zh())
            ),
            style,
        ));
    }
    out.push(Line::from(head));
    let msg = match lang {
        super::i18n::Lang::Zh if !f.message_zh.is_empty() => &f.message_zh,
        _ => &f.message,
    };
    para(out, msg, 2, w, Style::new());
    let unit = f
        .unit
        .as_deref()
        .map(|u| format!(" {}", clean(u)))
        .unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(e) = &f.expected {
        rows.push(ARow {
            label: format!("  {}", lang.t("expected", "应为")),
            amount: Some(clean(e)),
            extra: vec![],
            style: Style::new(),
        });
    }
    if let Some(a) = &f.actual {
        rows.push(ARow {
            label: format!("  {}", lang.t("actual", "列示数")),
            amount: Some(clean(a)),
            extra: vec![],
            style: Style::new(),
        });
    }
    if let Some(d) = f.difference {
        rows.push(ARow {
            label: format!("  {}", lang.t("difference", "差额")),
            amount: Some(amount(d)),
            extra: vec![unit.trim().to_string()],
            style: Style::new(),
        });
    }
    // Text values (names) go on their own lines; amounts through the table.
    let numeric = rows.iter().all(|r| {
        r.amount
            .as_deref()
            .is_some_and(|a| a.chars().all(|c| c.is_ascii_digit() || ",.-".contains(c)))
    });
    if numeric {
        out.extend(amount_table(&rows, None, w.min(48), theme));
    } else {
        for r in &rows {
            para(
                out,
                &format!("{}: {}", r.label.trim(), r.amount.as_deref().unwrap_or("")),
                2,
                w,
                Style::new(),
            );
        }
    }
    let loc = f.location.to_string();
    if !loc.is_empty() {
        para(out, &format!("@ {loc}"), 2, w, theme.dim);
    }
    if let Some(place) = finding_source(app, f) {
        para(
            out,
            &format!("{} {place}", lang.t("source:", "原文：")),
            2,
            w,
            theme.dim,
        );
    }
    if let Some(s) = &f.location.sentence {
        para(out, &format!("“{s}”"), 2, w, theme.dim);
    }
    let node = app.finding_node[i];
    if here != Some(node)
        && let Some(n) = app.forest.nodes.get(node)
    {
        para(out, &format!("→ {}", n.path), 2, w, theme.dim);
    }
    if let Some(m) = mark
        && !m.note.is_empty()
    {
        para(
            out,
            &format!("{}: {}", lang.t("note", "备注"), m.note),
            2,
            w,
            theme.confirmed,
        );
    }
}

/// Where the finding's row (else its table, else its narrative section) was printed.
fn finding_source(app: &App, f: &yusuan::audit::Finding) -> Option<String> {
    let d = &app
        .corpus
        .documents
        .iter()
        .find(|d| d.id == f.document)?
        .doc;
    let table = d
        .tables
        .iter()
        .find(|t| super::tables::finding_in_table(f, &t.id));
    let from_table = table.and_then(|t| {
        let row = f
            .row_ref
            .as_ref()
            .filter(|(id, _)| *id == t.id)
            .and_then(|(_, r)| t.rows.get(*r));
        row.and_then(|r| r.source.as_deref()).or(t.source.as_ref())
    });
    let from_section = || {
        let h = f.location.section.as_deref()?;
        d.sections.iter().find(|s| s.heading == h)?.source.as_ref()
    };
    from_table.or_else(from_section).map(|s| s.place())
}

fn findings(app: &App, w: usize, out: &mut Lines) {
    let list = app.findings_below(app.selected);
    let theme = &app.settings.theme;
    if list.is_empty() {
        out.push(Line::styled(
            fit(
                app.lang
                    .t("No findings here or below.", "此处及下级没有问题。"),
                w,
            ),
            theme.dim,
        ));
        return;
    }
    let c = app.below[app.selected];
    out.push(Line::raw(format!(
        "E{} W{} I{}",
        c.errors, c.warnings, c.infos
    )));
    for i in list {
        out.push(blank());
        finding_lines(app, i, w, Some(app.selected), out);
    }
}

/// Sentences of `text` (split after 。；！？ and line ends).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c == '\n' {
            if !cur.trim().is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        cur.push(c);
        if matches!(c, '。' | '；' | '！' | '？' | ';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// Terms that identify a node in prose: its label (without a trailing 支出), its code.
fn terms(app: &App, id: usize) -> Vec<String> {
    let n = &app.forest.nodes[id];
    let mut t = Vec::new();
    let label = n.label.trim();
    if width(label) >= 4 {
        t.push(label.to_string());
        for suffix in ["支出", "经费", "项目"] {
            if let Some(s) = label.strip_suffix(suffix)
                && width(s) >= 4
            {
                t.push(s.to_string());
            }
        }
    }
    if let Some(c) = &n.code
        && c.len() >= 3
        && n.kind != UKind::Node(NodeKind::Function)
    {
        t.push(c.clone());
    }
    t
}

fn narrative(app: &App, w: usize, out: &mut Lines) {
    let theme = &app.settings.theme;
    let lang = app.lang;
    let node = &app.forest.nodes[app.selected];
    let Some(doc) = node.doc.and_then(|d| app.corpus.documents.get(d)) else {
        out.push(Line::styled(
            fit(lang.t("Select a document.", "请选择文件。"), w),
            theme.dim,
        ));
        return;
    };
    let whole = matches!(node.kind, UKind::Node(NodeKind::Department));
    let terms = terms(app, app.selected);
    let mut any = false;
    for s in &doc.doc.sections {
        let picked: Vec<String> = if whole {
            vec![s.text.clone()]
        } else if terms.is_empty() {
            Vec::new()
        } else {
            sentences(&s.text)
                .into_iter()
                .filter(|x| terms.iter().any(|t| x.contains(t.as_str())))
                .collect()
        };
        if picked.is_empty() {
            continue;
        }
        any = true;
        out.push(heading(&clean(&s.heading), theme, w));
        printed_at(out, s.source.as_ref(), lang, w, theme);
        for p in picked {
            para(out, p.trim(), 2, w, Style::new());
        }
        out.push(blank());
    }
    if !any {
        out.push(Line::styled(
            fit(
                lang.t(
                    "The narrative does not mention this node.",
                    "预算说明未提及此项。",
                ),
                w,
            ),
            theme.dim,
        ));
    }
}
