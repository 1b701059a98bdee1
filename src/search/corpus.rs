//! The search entries of a corpus: departments, units, subject codes, projects, indicators.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Entry, EntryKind, Index};
use crate::load::Corpus;
use crate::tree::{Node, NodeKind};

/// Every searchable thing in `corpus`; `roots[i]` is the tree of document `i`.
pub fn corpus_entries(corpus: &Corpus, roots: &[Node]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (doc_index, (loaded, root)) in corpus.documents.iter().zip(roots).enumerate() {
        let doc = &loaded.doc;
        let projects = doc.projects();
        let mut targets_seen = HashSet::new();
        let dept = doc.department.name.as_str();
        let mut stack: Vec<(&Node, Vec<&str>)> = vec![(root, Vec::new())];
        while let Some((node, trail)) = stack.pop() {
            let context: Arc<str> = if trail.is_empty() {
                format!("{} {}", doc.year, doc.region.display()).into()
            } else {
                trail.join(" › ").into()
            };
            let path: Arc<str> = node.path.as_str().into();
            let mut push = |text: String, kind| {
                out.push(Entry {
                    text,
                    kind,
                    doc: doc_index,
                    node: path.clone(),
                    context: context.clone(),
                })
            };
            match node.kind {
                NodeKind::Department => push(node.label.clone(), EntryKind::Department),
                NodeKind::Unit => push(
                    match &node.code {
                        Some(c) => format!("{c} {}", node.label),
                        None => node.label.clone(),
                    },
                    EntryKind::Unit,
                ),
                NodeKind::Function | NodeKind::Economic => push(
                    format!("{} {}", node.code.as_deref().unwrap_or(""), node.label)
                        .trim()
                        .to_string(),
                    EntryKind::Subject,
                ),
                NodeKind::Project => {
                    push(node.label.clone(), EntryKind::Project);
                    if let Some(code) = &node.code {
                        push(format!("{code} {}", node.label), EntryKind::Project);
                    }
                    if let Some(p) = node.project.and_then(|i| projects.get(i))
                        && let Some(t) = crate::detail::targets_for(loaded, p)
                    {
                        targets_seen.insert(t as *const _ as usize);
                        for ind in &t.indicators {
                            push(ind.name.clone(), EntryKind::Indicator);
                        }
                    }
                }
                _ => {}
            }
            // The figure itself, so typing `379.69` finds the node that prints it.
            if let Some(a) = node.amount.filter(|_| !node.computed) {
                let name = match &node.code {
                    Some(c) if node.kind != NodeKind::Project => format!("{c} {}", node.label),
                    _ => node.label.clone(),
                };
                out.push(Entry {
                    text: crate::model::amount::group_thousands(a),
                    kind: EntryKind::Amount,
                    doc: doc_index,
                    node: path.clone(),
                    context: format!("{name} · {context}").into(),
                });
            }
            let mut next = trail.clone();
            if node.kind != NodeKind::Department {
                next.push(node.label.as_str());
            } else {
                next.push(dept);
            }
            for child in node.children.iter().rev() {
                stack.push((child, next.clone()));
            }
        }
        // Department-wide indicators, and targets no project node stands for, go to the root.
        let root_path: Arc<str> = root.path.as_str().into();
        let mut root_push = |text: &str, context: &Arc<str>| {
            out.push(Entry {
                text: text.to_string(),
                kind: EntryKind::Indicator,
                doc: doc_index,
                node: root_path.clone(),
                context: context.clone(),
            })
        };
        if let Some(d) = &doc.performance.department {
            let context: Arc<str> = format!("{dept} › {}", d.title).into();
            for ind in &d.indicators {
                root_push(&ind.name, &context);
            }
        }
        for t in &doc.performance.projects {
            if !targets_seen.contains(&(t as *const _ as usize)) {
                let context: Arc<str> = format!("{dept} › {}", t.name).into();
                for ind in &t.indicators {
                    root_push(&ind.name, &context);
                }
            }
        }
    }
    out
}

/// The search index of `corpus`.
pub fn corpus_index(corpus: &Corpus, roots: &[Node]) -> Index {
    Index::with_entries(corpus_entries(corpus, roots))
}
