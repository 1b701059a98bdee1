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

/// Renders the trees of `corpus` as aligned text: amounts in one column across every
/// document. `full` keeps names whole (for a pipe or a file); otherwise they are cut at 72
/// cells so a line fits a terminal.
pub fn render(corpus: &Corpus, show_paths: bool, depth: Option<usize>, full: bool) -> String {
    let mut out = String::new();
    let docs: Vec<(&yusuan::load::Loaded, Node, Vec<Line>)> = corpus
        .documents
        .iter()
        .map(|loaded| {
            let root = tree::build(loaded);
            let mut lines = Vec::new();
            collect(&root, 0, depth, None, &mut lines);
            (loaded, root, lines)
        })
        .collect();
    let all = || docs.iter().flat_map(|(_, _, lines)| lines.iter());
    let widest = all()
        .map(|l| l.indent * 2 + width(&l.text))
        .max()
        .unwrap_or(0);
    let label_width = if full { widest } else { widest.min(72) };
    let amount_width = all().map(|l| width(&l.amount)).max().unwrap_or(0);
    for (loaded, root, lines) in &docs {
        let doc = &loaded.doc;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The column (in cells) where each line's amount ends, for lines with an amount.
    fn amount_ends(text: &str) -> Vec<usize> {
        text.lines()
            .filter(|l| l.contains('.') && l.starts_with(' ') && !l.contains(" · "))
            .map(|l| width(l.trim_end_matches([' ', 'Σ'])))
            .collect()
    }

    #[test]
    fn amounts_align_across_documents_and_full_names_are_kept() {
        let corpus = yusuan::load::load_embedded();
        let text = render(&corpus, false, Some(2), true);
        let ends = amount_ends(&text);
        assert!(ends.len() > 20);
        // Every amount ends in the same column (the Σ mark or two spaces follow it).
        let first = ends[0];
        assert!(
            ends.iter()
                .all(|&e| e == first || e + 1 == first || e == first + 1),
            "{ends:?}"
        );
        assert!(!text.contains('…'), "no name is cut for a pipe");
        assert!(text.contains("济源产城融合示范区工业信息和科技局 [017]"));
        let cut = render(&corpus, false, None, false);
        assert!(
            cut.lines().all(|l| width(l) <= 72 + 2 + 20),
            "terminal lines stay short"
        );
    }
}
