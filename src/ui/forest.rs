//! The explorer's tree: the documents' trees under year and province groups, flattened into an
//! arena with parents, plus finding counts on each node and below it.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use yusuan::audit::{Finding, Severity};
use yusuan::load::Corpus;
use yusuan::model::MoneyUnit;
use yusuan::tree::{Node, NodeKind};

/// What a row of the explorer's tree stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UKind {
    /// All documents of one year.
    Year,
    /// All documents of one province within a year.
    Region,
    Node(NodeKind),
}

/// One node of the explorer's tree.
#[derive(Clone, Debug)]
pub struct UNode {
    pub path: String,
    pub kind: UKind,
    pub code: Option<String>,
    pub label: String,
    pub amount: Option<Decimal>,
    pub money_unit: MoneyUnit,
    pub computed: bool,
    /// Document index (none for groups).
    pub doc: Option<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
}

/// Findings on a node, or on it and below it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        self.total += 1;
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
    pub fn worst(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// The whole tree.
#[derive(Clone, Debug, Default)]
pub struct Forest {
    pub nodes: Vec<UNode>,
    pub roots: Vec<usize>,
    pub by_path: HashMap<String, usize>,
    /// Arena index of each document's department node.
    pub doc_roots: Vec<usize>,
    /// Every node in display order (depth first).
    pub preorder: Vec<usize>,
}

impl Forest {
    /// Builds the tree of `corpus`; `trees[i]` is document `i`'s tree.
    pub fn build(corpus: &Corpus, trees: &[Node]) -> Forest {
        let mut f = Forest::default();
        let docs = &corpus.documents;
        let years: BTreeMap<u16, Vec<usize>> =
            docs.iter()
                .enumerate()
                .fold(BTreeMap::new(), |mut m, (i, d)| {
                    m.entry(d.doc.year).or_insert_with(Vec::new).push(i);
                    m
                });
        let group_years = docs.len() > 1 && years.len() > 1;
        f.doc_roots = vec![0; docs.len()];
        for (year, members) in years.iter() {
            let year_id = if group_years {
                let id = f.push_group(
                    format!("@{year}"),
                    UKind::Year,
                    format!("{year}年"),
                    None,
                    0,
                );
                f.roots.push(id);
                Some(id)
            } else {
                None
            };
            let mut provinces: Vec<(&str, Vec<usize>)> = Vec::new();
            for &i in members {
                let p = docs[i].doc.region.province.as_str();
                match provinces.iter_mut().find(|(q, _)| *q == p) {
                    Some((_, v)) => v.push(i),
                    None => provinces.push((p, vec![i])),
                }
            }
            let group_regions = docs.len() > 1 && provinces.len() > 1;
            for (province, members) in provinces {
                let depth = usize::from(year_id.is_some());
                let region_id = if group_regions {
                    let id = f.push_group(
                        format!("@{year}/{province}"),
                        UKind::Region,
                        province.to_string(),
                        year_id,
                        depth,
                    );
                    Some(id)
                } else {
                    None
                };
                let parent = region_id.or(year_id);
                let depth = depth + usize::from(region_id.is_some());
                for i in members {
                    let id = f.push_tree(&trees[i], i, parent, depth);
                    f.doc_roots[i] = id;
                    if parent.is_none() {
                        f.roots.push(id);
                    }
                }
            }
        }
        let mut stack: Vec<usize> = f.roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            f.preorder.push(id);
            stack.extend(f.nodes[id].children.iter().rev());
        }
        f
    }

    fn push_group(
        &mut self,
        path: String,
        kind: UKind,
        label: String,
        parent: Option<usize>,
        depth: usize,
    ) -> usize {
        let id = self.nodes.len();
        self.by_path.insert(path.clone(), id);
        self.nodes.push(UNode {
            path,
            kind,
            code: None,
            label,
            amount: None,
            money_unit: MoneyUnit::WanYuan,
            computed: false,
            doc: None,
            parent,
            children: Vec::new(),
            depth,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
        id
    }

    fn push_tree(&mut self, node: &Node, doc: usize, parent: Option<usize>, depth: usize) -> usize {
        let id = self.nodes.len();
        self.by_path.entry(node.path.clone()).or_insert(id);
        self.nodes.push(UNode {
            path: node.path.clone(),
            kind: UKind::Node(node.kind),
            code: node.code.clone(),
            label: node.label.clone(),
            amount: node.amount,
            money_unit: node.money_unit,
            computed: node.computed,
            doc: Some(doc),
            parent,
            children: Vec::new(),
            depth,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
        for child in &node.children {
            self.push_tree(child, doc, Some(id), depth + 1);
        }
        id
    }

    /// The arena node a finding belongs to: its `node` path, else its document's root.
    pub fn node_of(&self, corpus: &Corpus, f: &Finding) -> Option<usize> {
        f.node
            .as_deref()
            .and_then(|p| self.by_path.get(p).copied())
            .or_else(|| {
                corpus
                    .documents
                    .iter()
                    .position(|d| d.id == f.document)
                    .and_then(|i| self.doc_roots.get(i).copied())
            })
    }

    /// Whether `id` is `ancestor` or below it.
    pub fn is_within(&self, id: usize, ancestor: usize) -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.nodes[c].parent;
        }
        false
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.nodes.get(id).and_then(|n| n.parent);
        while let Some(c) = cur {
            out.push(c);
            cur = self.nodes[c].parent;
        }
        out
    }

    /// The department node `id` belongs to, if any.
    pub fn department_of(&self, id: usize) -> Option<usize> {
        let doc = self.nodes.get(id)?.doc?;
        self.doc_roots.get(doc).copied()
    }

    /// Counts on each node (`own`) and on each node and below it (`below`).
    pub fn counts(
        &self,
        findings: impl Iterator<Item = (usize, Severity)>,
    ) -> (Vec<Counts>, Vec<Counts>) {
        let mut own = vec![Counts::default(); self.nodes.len()];
        let mut below = vec![Counts::default(); self.nodes.len()];
        for (node, sev) in findings {
            if node >= self.nodes.len() {
                continue;
            }
            own[node].add(sev);
            below[node].add(sev);
            for a in self.ancestors(node) {
                below[a].add(sev);
            }
        }
        (own, below)
    }
}
