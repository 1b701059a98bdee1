//! `yusuan show`: one node's details.

use std::fmt::Write;

use clap::Args;
use yusuan::detail::{self, Detail};
use yusuan::load::{Corpus, Loaded};
use yusuan::model::amount::group_thousands;
use yusuan::text::{pad_left, pad_right, sanitize, width};
use yusuan::tree::{self, Node};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// [PATH]... NODE...: optional files or directories (arguments that exist on disk), then
    /// one or more node addresses.
    #[arg(value_name = "PATH|NODE", required = true, num_args = 1..)]
    pub args: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Splits `show`'s arguments: leading arguments that exist on disk are files or directories,
/// the rest are node addresses (`yusuan show 000-sanmenxia/func/206 000-sanmenxia/func/20601`).
/// When every argument exists on disk, the last one is the node, as an address may look like a
/// file name.
pub fn split_args(args: &[String]) -> (Vec<std::path::PathBuf>, Vec<String>) {
    let n_paths = args
        .iter()
        .take_while(|a| std::path::Path::new(a).exists())
        .count()
        .min(args.len().saturating_sub(1));
    let paths = args[..n_paths]
        .iter()
        .map(std::path::PathBuf::from)
        .collect();
    (paths, args[n_paths..].to_vec())
}

/// Why a node could not be resolved.
pub enum Resolve {
    NotFound,
    Ambiguous(Vec<String>),
}

/// Finds the node `query` names: an exact address, else the one node whose code, label or
/// last address segment equals it.
pub fn resolve<'a>(
    trees: &'a [(&'a Loaded, Node)],
    query: &str,
) -> Result<(&'a Loaded, &'a Node), Resolve> {
    for (loaded, root) in trees {
        if let Some(node) = root.find(query) {
            return Ok((loaded, node));
        }
    }
    let mut hits = Vec::new();
    for (loaded, root) in trees {
        for node in root.walk() {
            let last = node.path.rsplit('/').next().unwrap_or_default();
            if node.code.as_deref() == Some(query) || node.label == query || last == query {
                hits.push((*loaded, node));
            }
        }
    }
    match hits.len() {
        0 => Err(Resolve::NotFound),
        1 => Ok(hits[0]),
        _ => Err(Resolve::Ambiguous(
            hits.iter().map(|(_, n)| n.path.clone()).collect(),
        )),
    }
}

/// Builds the trees of every document of the corpus.
pub fn trees(corpus: &Corpus) -> Vec<(&Loaded, Node)> {
    corpus
        .documents
        .iter()
        .map(|l| (l, tree::build(l)))
        .collect()
}

fn money(value: Option<rust_decimal::Decimal>) -> String {
    value.map(group_thousands).unwrap_or_else(|| "—".into())
}

/// Renders a node's details as text.
pub fn render_text(detail: &Detail) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", sanitize(detail.path));
    let _ = writeln!(out, "  kind    {}", detail.kind.describe(detail.code));
    if let Some(code) = detail.code {
        let _ = writeln!(out, "  code    {}", sanitize(code));
    }
    let _ = writeln!(out, "  name    {}", sanitize(detail.label));
    let _ = writeln!(
        out,
        "  amount  {} {}{}",
        money(detail.amount),
        detail.money_unit.label(),
        if detail.computed {
            " (sum computed by yusuan)"
        } else {
            ""
        }
    );
    if let Some(p) = &detail.project {
        for (label, value) in [
            ("type", p.project_type.as_deref()),
            ("unit", p.unit_name.as_deref()),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "  {label:<7} {}", sanitize(v));
            }
        }
    }
    for row in &detail.rows {
        let place = row
            .source
            .as_ref()
            .map(|s| format!(" · printed at {}", sanitize(&s.place())))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n  {} · {} · row {} ({}){place}",
            sanitize(&row.table),
            sanitize(&row.table_title),
            row.row + 1,
            row.money_unit.label()
        );
        let header_width = row
            .cells
            .iter()
            .map(|c| width(&c.header))
            .max()
            .unwrap_or(0);
        let value_width = row
            .cells
            .iter()
            .map(|c| width(&money(c.value)))
            .max()
            .unwrap_or(0);
        for cell in &row.cells {
            let _ = writeln!(
                out,
                "    {}  {}",
                pad_right(&sanitize(&cell.header), header_width),
                pad_left(&money(cell.value), value_width)
            );
        }
        if let Some(note) = &row.note {
            let _ = writeln!(out, "    note: {}", sanitize(note));
        }
    }
    if !detail.children.is_empty() {
        let _ = writeln!(out, "\n  children");
        for child in &detail.children {
            let _ = writeln!(
                out,
                "    {}  {}",
                pad_left(&money(child.amount), 14),
                sanitize(&child.path)
            );
        }
    }
    if let Some(t) = detail.targets {
        let _ = writeln!(
            out,
            "\n  performance targets ({} indicators, {}){}",
            t.indicators.len(),
            t.money_unit.label(),
            t.source
                .as_ref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" · printed at {}", sanitize(&s.place())))
                .unwrap_or_default()
        );
        for f in &t.funding {
            let _ = writeln!(
                out,
                "    {}  {}",
                sanitize(&f.label),
                money(f.amount.map(|a| a.0))
            );
        }
        for i in &t.indicators {
            let path: Vec<&str> = [i.level1.as_str(), i.level2.as_str(), i.name.as_str()]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect();
            let _ = writeln!(
                out,
                "    {}  {}",
                sanitize(&path.join(" / ")),
                sanitize(&i.value.text)
            );
        }
    }
    if !detail.findings.is_empty() {
        let _ = writeln!(
            out,
            "\n  findings on this node and below ({})",
            detail.findings.len()
        );
        for f in &detail.findings {
            let _ = writeln!(
                out,
                "    {} {:<11} {}",
                f.severity.letter(),
                f.rule,
                sanitize(&f.message)
            );
            let _ = writeln!(out, "                  {}", sanitize(&f.message_zh));
            if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
                let _ = writeln!(
                    out,
                    "                  expected {}  actual {}",
                    sanitize(e),
                    sanitize(a)
                );
            }
        }
    }
    out
}

/// Renders a node's details as JSON.
pub fn render_json(detail: &Detail) -> String {
    let json = serde_json::to_string_pretty(detail)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    yusuan::output::escape_json(&json).into_owned()
}

pub use detail::detail as build_detail;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_addresses_are_two_nodes_and_existing_paths_are_files() {
        let a = |v: &[&str]| split_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let (p, n) = a(&["000-sanmenxia/func/206", "000-sanmenxia/func/20601"]);
        assert!(p.is_empty());
        assert_eq!(n, ["000-sanmenxia/func/206", "000-sanmenxia/func/20601"]);
        let (p, n) = a(&["sample-data", "001-jiaozuo", "001-jiaozuo/func"]);
        assert_eq!(p, [std::path::PathBuf::from("sample-data")]);
        assert_eq!(n, ["001-jiaozuo", "001-jiaozuo/func"]);
        let (p, n) = a(&["sample-data"]);
        assert!(p.is_empty(), "the last argument is always a node");
        assert_eq!(n, ["sample-data"]);
    }
}
