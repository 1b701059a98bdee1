//! `yusuan ls`: the tree as text.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;
use yusuan::load::Corpus;
use yusuan::model::amount::group_thousands;
use yusuan::text::{pad_left, pad_right, sanitize, width};
use yusuan::tree::{self, Node, NodeKind};

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Files or directories (default: the embedded sample).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Show each node's address (for `yusuan show`).
    #[arg(long, short = 'a')]
    pub addresses: bool,
    /// Only descend this many levels below each department.
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
}

struct Line {
    indent: usize,
    text: String,
    amount: String,
    path: String,
}

fn node_text(node: &Node) -> String {
    let label = sanitize(&node.label);
    let code = node.code.as_deref().map(sanitize);
    match (&code, node.kind) {
        (Some(code), NodeKind::Department) => format!("{label} [{code}]"),
        (Some(code), NodeKind::Project) => format!("{label} ({code})"),
        (Some(code), _) => format!("{code} {label}"),
        (None, _) => label.into_owned(),
    }
}

fn amount_text(node: &Node, parent_unit: Option<yusuan::model::MoneyUnit>) -> String {
    let Some(amount) = node.amount else {
        return String::new();
    };
    let mut text = group_thousands(amount);
    if parent_unit.is_some_and(|u| u != node.money_unit) {
        text.push(' ');
        text.push_str(node.money_unit.label());
    }
    if node.computed {
        text.push_str(" Σ");
    } else {
        text.push_str("  ");
    }
    text
}

fn collect(
    node: &Node,
    indent: usize,
    max_depth: Option<usize>,
    parent_unit: Option<yusuan::model::MoneyUnit>,
    out: &mut Vec<Line>,
) {
    out.push(Line {
        indent,
        text: node_text(node),
        amount: amount_text(node, parent_unit),
        path: node.path.clone(),
    });
    if max_depth.is_some_and(|d| indent >= d) {
        return;
    }
    for child in &node.children {
        collect(child, indent + 1, max_depth, Some(node.money_unit), out);
    }
}

/// Renders the trees of `corpus` as aligned text.
pub fn render(corpus: &Corpus, show_paths: bool, depth: Option<usize>) -> String {
    let mut out = String::new();
    for loaded in &corpus.documents {
        let doc = &loaded.doc;
        let root = tree::build(loaded);
        let mut lines = Vec::new();
        collect(&root, 0, depth, None, &mut lines);
        let label_width = lines
            .iter()
            .map(|l| l.indent * 2 + width(&l.text))
            .max()
            .unwrap_or(0)
            .min(72);
        let amount_width = lines.iter().map(|l| width(&l.amount)).max().unwrap_or(0);
        let _ = writeln!(
            out,
            "{} · {} · {}年 · {} · 金额单位：{}",
            sanitize(&loaded.id),
            sanitize(&doc.region.display()),
            doc.year,
            doc.region.level.label(),
            root.money_unit.label()
        );
        for line in lines {
            let left = format!("{}{}", "  ".repeat(line.indent), line.text);
            let left = if width(&left) > label_width {
                yusuan::text::truncate(&left, label_width).into_owned()
            } else {
                left
            };
            let mut text = format!(
                "{}  {}",
                pad_right(&left, label_width),
                pad_left(&line.amount, amount_width)
            );
            if show_paths {
                text.push_str("  ");
                text.push_str(&sanitize(&line.path));
            }
            let _ = writeln!(out, "{}", text.trim_end());
        }
        out.push('\n');
    }
    out.push_str("Σ = sum computed by yusuan where the document prints no total for the node.\n");
    out
}
