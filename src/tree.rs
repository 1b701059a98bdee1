//! The navigable tree of a document: department → units, function subjects 类→款→项,
//! economic subjects, projects by unit and type.
//!
//! Every node has an address (`000-sanmenxia/func/2060101`) used by `yusuan show`, by findings
//! and by the explorer. Amounts come from the printed tables; where a parent (类, 款) is not
//! printed, its amount is the sum of its children and the node says so (`computed`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::load::Loaded;
use crate::model::{Document, MoneyUnit, Project, RowRole, Table, TableKind};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Department,
    Units,
    Unit,
    Functions,
    /// 类 (3 digits), 款 (5) or 项 (7): see `code`.
    Function,
    Economics,
    /// 301 or 30101.
    Economic,
    Projects,
    ProjectUnit,
    ProjectType,
    Project,
}

impl NodeKind {
    /// What the node is, for people: `功能分类 项 (item)` for a 7-digit function code.
    pub fn describe(self, code: Option<&str>) -> String {
        let len = code.map_or(0, str::len);
        match self {
            NodeKind::Department => "部门 department".into(),
            NodeKind::Units => "预算单位 budget units".into(),
            NodeKind::Unit => "预算单位 budget unit".into(),
            NodeKind::Functions => "支出功能分类 function classification".into(),
            NodeKind::Function => match len {
                3 => "功能分类 类 (class)".into(),
                5 => "功能分类 款 (section)".into(),
                7 => "功能分类 项 (item)".into(),
                _ => "功能分类 line printed without a code".into(),
            },
            NodeKind::Economics => "支出经济分类 economic classification".into(),
            NodeKind::Economic if len == 3 => "经济分类 类 (class)".into(),
            NodeKind::Economic => "经济分类 款 (item)".into(),
            NodeKind::Projects => "项目 projects".into(),
            NodeKind::ProjectUnit => "项目单位 implementing unit".into(),
            NodeKind::ProjectType => "项目类型 project type".into(),
            NodeKind::Project => "项目 project".into(),
        }
    }
}

/// A printed row behind a node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowRef {
    pub table: String,
    pub row: usize,
}

/// One node of the tree.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    /// Address: `DOC`, `DOC/units/310001`, `DOC/func/2060101`, `DOC/econ/30101`, `DOC/projects/<unit>/<type>/<name>`.
    pub path: String,
    pub kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    pub money_unit: MoneyUnit,
    /// The amount is a sum yusuan computed, not a printed figure.
    pub computed: bool,
    /// Printed rows this node stands for (the table its amount is read from).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowRef>,
    /// Rows of the other tables that print the same code, unit or project: shown beside
    /// `rows`, but findings attach by `rows` only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<RowRef>,
    /// For project nodes: index into [`Document::projects`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<usize>,
    pub children: Vec<Node>,
}

impl Node {
    fn group(
        path: String,
        kind: NodeKind,
        label: &str,
        unit: MoneyUnit,
        children: Vec<Node>,
    ) -> Node {
        let amount = sum_children(&children, unit);
        Node {
            path,
            kind,
            code: None,
            label: label.to_string(),
            amount,
            money_unit: unit,
            computed: true,
            rows: Vec::new(),
            also: Vec::new(),
            project: None,
            children,
        }
    }

    /// Depth-first iteration over this node and its descendants.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children.iter().rev());
            Some(node)
        })
    }

    /// The node at `path` in this subtree.
    pub fn find(&self, path: &str) -> Option<&Node> {
        self.walk().find(|n| n.path == path)
    }
}

/// Sum of the children's amounts in `unit` (children may be printed in 元 and 万元).
fn sum_children(children: &[Node], unit: MoneyUnit) -> Option<Decimal> {
    let mut total = None;
    for child in children {
        if let Some(amount) = child.amount {
            let amount = amount * Decimal::from(child.money_unit.yuan_per_unit())
                / Decimal::from(unit.yuan_per_unit());
            *total.get_or_insert(Decimal::ZERO) += amount;
        }
    }
    total
}

/// The printed total of `table` (its 合计 row, else its single department row), if any.
fn printed_total(table: &Table) -> Option<(Decimal, RowRef)> {
    let rows = &table.rows;
    let pick = rows
        .iter()
        .position(|r| r.role == Some(RowRole::Total))
        .or_else(|| {
            let mut depts = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.role == Some(RowRole::Department));
            match (depts.next(), depts.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })?;
    let amount = table.cell(&rows[pick], "total")?;
    Some((
        amount.0,
        RowRef {
            table: table.id.clone(),
            row: pick,
        },
    ))
}

/// Makes a group show its table's printed total instead of a computed sum, where printed.
fn with_printed_total(mut node: Node, table: Option<&Table>) -> Node {
    if let Some((amount, row)) = table.and_then(printed_total) {
        node.amount = Some(amount);
        node.computed = false;
        node.rows = vec![row];
    }
    node
}

/// Adds the table's amount lines printed without a code under the 类 of the coded line above
/// them, so the tree shows every printed line (STRUCT-004 reports the missing code).
fn add_uncoded_lines(table: &Table, id: &str, unit: MoneyUnit, classes: &mut [Node]) {
    let mut class_above: Option<String> = None;
    for (i, row) in table.rows.iter().enumerate() {
        if let Some(code) = &row.func {
            class_above = Some(code[..3].to_string());
            continue;
        }
        if matches!(row.role, Some(RowRole::Department | RowRole::Unit)) {
            class_above = None;
        }
        let printed =
            row.econ.is_none() && row.role.is_none() && row.amounts.iter().any(Option::is_some);
        let (Some(class), true) = (&class_above, printed) else {
            continue;
        };
        let Some(node) = classes
            .iter_mut()
            .find(|n| n.code.as_deref() == Some(class.as_str()))
        else {
            continue;
        };
        node.children.push(Node {
            path: format!("{id}/func/{class}/row{i}"),
            kind: NodeKind::Function,
            code: None,
            label: format!("{}（未列编码）", row.label),
            amount: table.cell(row, "total").map(|a| a.0),
            money_unit: unit,
            computed: false,
            rows: vec![RowRef {
                table: table.id.clone(),
                row: i,
            }],
            also: Vec::new(),
            project: None,
            children: Vec::new(),
        });
        if node.computed {
            node.amount = sum_children(&node.children, unit);
        }
    }
}

/// Makes a path segment safe: `/` inside names would split addresses.
fn segment(text: &str) -> String {
    text.replace('/', "／")
}

/// Builds the tree of one loaded document.
pub fn build(loaded: &Loaded) -> Node {
    let doc = &loaded.doc;
    let id = &loaded.id;
    let unit = doc
        .table(TableKind::ExpenditureSummary)
        .map(|t| t.unit)
        .unwrap_or(MoneyUnit::WanYuan);
    let children = vec![
        units_node(doc, id),
        functions_node(doc, id),
        economics_node(doc, id),
        projects_node(doc, id),
    ];
    let (amount, rows) = department_total(doc);
    let mut root = Node {
        path: id.clone(),
        kind: NodeKind::Department,
        code: doc.department.code.clone(),
        label: doc.department.name.clone(),
        amount,
        money_unit: unit,
        computed: false,
        rows,
        also: Vec::new(),
        project: None,
        children,
    };
    add_other_tables(doc, &mut root);
    root
}

/// What identifies a node's rows in any table: a function or economic code, a unit code, a
/// project name.
fn row_key(node: &Node) -> Option<(NodeKind, &str)> {
    match node.kind {
        NodeKind::Function | NodeKind::Economic | NodeKind::Unit => {
            node.code.as_deref().map(|c| (node.kind, c))
        }
        NodeKind::Project => Some((node.kind, node.label.as_str())),
        _ => None,
    }
}

/// Fills `also` of every node with the rows of other tables that print it.
fn add_other_tables(doc: &Document, root: &mut Node) {
    // (kind, key) -> rows, each table read at its department level (see collect_code_rows).
    let mut index: std::collections::HashMap<(NodeKind, String), Vec<RowRef>> =
        std::collections::HashMap::new();
    for table in &doc.tables {
        for (kind, rows) in [
            (
                NodeKind::Function,
                collect_code_rows(table, |r| r.func.as_deref()),
            ),
            (
                NodeKind::Economic,
                collect_code_rows(table, |r| r.econ.as_deref()),
            ),
        ] {
            for (code, printed) in rows {
                index.entry((kind, code)).or_default().extend(printed.rows);
            }
        }
        for (i, row) in table.rows.iter().enumerate() {
            let key = match row.role {
                Some(RowRole::Unit) => row.unit.as_deref().map(|c| (NodeKind::Unit, c.to_string())),
                Some(RowRole::Project) => Some((NodeKind::Project, row.label.clone())),
                _ => None,
            };
            if let Some(key) = key {
                index.entry(key).or_default().push(RowRef {
                    table: table.id.clone(),
                    row: i,
                });
            }
        }
    }
    fn fill(node: &mut Node, index: &std::collections::HashMap<(NodeKind, String), Vec<RowRef>>) {
        if let Some((kind, key)) = row_key(node)
            && let Some(rows) = index.get(&(kind, key.to_string()))
        {
            node.also = rows
                .iter()
                .filter(|r| !node.rows.contains(r))
                .cloned()
                .collect();
        }
        for child in &mut node.children {
            fill(child, index);
        }
    }
    fill(root, &index);
}

/// 支出总计 of the department: the 支出总表's total row, else the 收支总表's grand total.
fn department_total(doc: &Document) -> (Option<Decimal>, Vec<RowRef>) {
    if let Some(t) = doc.table(TableKind::ExpenditureSummary)
        && let Some((i, row)) = t
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| matches!(r.role, Some(RowRole::Total) | Some(RowRole::Department)))
        && let Some(a) = t.cell(row, "total")
    {
        return (
            Some(a.0),
            vec![RowRef {
                table: t.id.clone(),
                row: i,
            }],
        );
    }
    if let Some(t) = doc.table(TableKind::IncomeExpenditureSummary) {
        for role in [
            RowRole::ExpenditureGrandTotal,
            RowRole::ExpenditureCurrentTotal,
        ] {
            if let Some((i, row)) = t
                .rows
                .iter()
                .enumerate()
                .find(|(_, r)| r.role == Some(role))
                && let Some(a) = t.cell(row, "amount").or_else(|| t.cell(row, "total"))
            {
                return (
                    Some(a.0),
                    vec![RowRef {
                        table: t.id.clone(),
                        row: i,
                    }],
                );
            }
        }
    }
    (None, Vec::new())
}

fn units_node(doc: &Document, id: &str) -> Node {
    let income = doc.table(TableKind::IncomeSummary);
    let unit = income.map(|t| t.unit).unwrap_or(MoneyUnit::WanYuan);
    let children = doc
        .units
        .iter()
        .map(|u| {
            let key = u.code.clone().unwrap_or_else(|| u.name.clone());
            let found = income.and_then(|t| {
                t.rows.iter().enumerate().find(|(_, r)| {
                    r.role == Some(RowRole::Unit)
                        && (r.unit.is_some() && r.unit.as_deref() == u.code.as_deref()
                            || r.label == u.name)
                })
            });
            let amount = found
                .and_then(|(_, r)| income?.cell(r, "total"))
                .map(|a| a.0);
            Node {
                path: format!("{id}/units/{}", segment(&key)),
                kind: NodeKind::Unit,
                code: u.code.clone(),
                label: u.name.clone(),
                amount,
                money_unit: unit,
                computed: false,
                rows: found
                    .map(|(i, _)| {
                        vec![RowRef {
                            table: income.map(|t| t.id.clone()).unwrap_or_default(),
                            row: i,
                        }]
                    })
                    .unwrap_or_default(),
                also: Vec::new(),
                project: None,
                children: Vec::new(),
            }
        })
        .collect();
    let mut node = Node::group(
        format!("{id}/units"),
        NodeKind::Units,
        "预算单位",
        unit,
        children,
    );
    node.amount = None;
    node
}

/// One code as printed: summed `total` of the rows sharing it, whether any was printed, the
/// rows, and the first label.
#[derive(Default)]
struct Printed {
    total: Decimal,
    any: bool,
    rows: Vec<RowRef>,
    label: String,
}

/// Printed rows of a table by code. Where a table prints department-level code rows and
/// per-unit blocks repeating them, only the department level is read, so nothing counts twice.
fn collect_code_rows(
    table: &Table,
    code_of: impl Fn(&crate::model::Row) -> Option<&str>,
) -> BTreeMap<String, Printed> {
    let mut by_code: BTreeMap<String, Printed> = BTreeMap::new();
    let mut head = None;
    let heads: Vec<Option<RowRole>> = table
        .rows
        .iter()
        .map(|r| {
            if matches!(r.role, Some(RowRole::Department | RowRole::Unit)) {
                head = r.role;
            }
            head
        })
        .collect();
    let dept_level = |h: Option<RowRole>| h != Some(RowRole::Unit);
    let has_dept_codes = table
        .rows
        .iter()
        .zip(&heads)
        .any(|(r, h)| code_of(r).is_some() && dept_level(*h));
    for (i, row) in table.rows.iter().enumerate() {
        let Some(code) = code_of(row) else { continue };
        if has_dept_codes && !dept_level(heads[i]) {
            continue;
        }
        let entry = by_code.entry(code.to_string()).or_default();
        if entry.rows.is_empty() {
            entry.label = row.label.clone();
        }
        if let Some(a) = table.cell(row, "total") {
            entry.total += a.0;
            entry.any = true;
        }
        entry.rows.push(RowRef {
            table: table.id.clone(),
            row: i,
        });
    }
    by_code
}

/// Builds a code hierarchy (类→款→项, class→item) where each level's code prefixes its children's.
struct CodeTree<'a> {
    rows: BTreeMap<String, Printed>,
    id: &'a str,
    segment: &'a str,
    levels: &'a [usize],
    kind: NodeKind,
    unit: MoneyUnit,
    name_of: fn(&str) -> Option<&'static str>,
}

impl CodeTree<'_> {
    fn level(&self, prefix: &str, depth: usize) -> Vec<Node> {
        let Some(&len) = self.levels.get(depth) else {
            return Vec::new();
        };
        let mut codes: Vec<String> = self
            .rows
            .keys()
            .filter(|c| c.len() >= len && c.starts_with(prefix))
            .map(|c| c[..len].to_string())
            .collect();
        codes.dedup();
        codes
            .into_iter()
            .map(|code| {
                let children = self.level(&code, depth + 1);
                let printed = self.rows.get(&code);
                let (amount, computed) = match printed {
                    Some(p) if p.any => (Some(p.total), false),
                    _ => (sum_children(&children, self.unit), true),
                };
                let label = printed
                    .map(|p| p.label.clone())
                    .or_else(|| (self.name_of)(&code).map(str::to_string))
                    .unwrap_or_default();
                Node {
                    path: format!("{}/{}/{code}", self.id, self.segment),
                    kind: self.kind,
                    code: Some(code.clone()),
                    label,
                    amount,
                    money_unit: self.unit,
                    computed,
                    rows: printed.map(|p| p.rows.clone()).unwrap_or_default(),
                    also: Vec::new(),
                    project: None,
                    children,
                }
            })
            .collect()
    }
}

fn functions_node(doc: &Document, id: &str) -> Node {
    let table = doc
        .table(TableKind::ExpenditureSummary)
        .or_else(|| doc.table(TableKind::GeneralBudgetExpenditure));
    let unit = table.map(|t| t.unit).unwrap_or(MoneyUnit::WanYuan);
    let children = match table {
        Some(t) => {
            let rows = collect_code_rows(t, |r| r.func.as_deref());
            let mut classes = CodeTree {
                rows,
                id,
                segment: "func",
                levels: &[3, 5, 7],
                kind: NodeKind::Function,
                unit,
                name_of: crate::codes::function_name,
            }
            .level("", 0);
            add_uncoded_lines(t, id, unit, &mut classes);
            classes
        }
        None => Vec::new(),
    };
    let group = Node::group(
        format!("{id}/func"),
        NodeKind::Functions,
        "支出功能分类",
        unit,
        children,
    );
    with_printed_total(group, table)
}

fn economics_node(doc: &Document, id: &str) -> Node {
    // The 支出经济分类汇总表 covers all funds; without it, the basic-expenditure table covers the
    // general budget's basic expenditure only, and the label says so.
    let (table, label) = match doc.table(TableKind::EconomicSummary) {
        Some(t) => (Some(t), "支出经济分类"),
        None => match doc.table(TableKind::GeneralBudgetBasic) {
            Some(t) => (Some(t), "支出经济分类（一般公共预算基本支出）"),
            None => (None, "支出经济分类"),
        },
    };
    let unit = table.map(|t| t.unit).unwrap_or(MoneyUnit::WanYuan);
    let children = match table {
        Some(t) => {
            let rows = collect_code_rows(t, |r| r.econ.as_deref());
            CodeTree {
                rows,
                id,
                segment: "econ",
                levels: &[3, 5],
                kind: NodeKind::Economic,
                unit,
                name_of: crate::codes::economic_name,
            }
            .level("", 0)
        }
        None => Vec::new(),
    };
    let group = Node::group(
        format!("{id}/econ"),
        NodeKind::Economics,
        label,
        unit,
        children,
    );
    with_printed_total(group, table)
}

/// Projects of one unit, by type, in first-seen order.
type UnitGroup<'a> = (String, Vec<(String, Vec<(usize, &'a Project)>)>);

fn projects_node(doc: &Document, id: &str) -> Node {
    let projects = doc.projects();
    let unit = projects
        .first()
        .map(|p| p.money_unit)
        .unwrap_or(MoneyUnit::WanYuan);
    // unit name → type → projects, in first-seen order.
    let mut groups: Vec<UnitGroup> = Vec::new();
    for (i, p) in projects.iter().enumerate() {
        let unit_name = p
            .unit_name
            .clone()
            .or_else(|| {
                p.unit
                    .as_deref()
                    .and_then(|c| doc.unit(c))
                    .map(|u| u.name.clone())
            })
            .unwrap_or_else(|| doc.department.name.clone());
        let kind = p.project_type.clone().unwrap_or_else(|| "项目".to_string());
        let gi = match groups.iter().position(|g| g.0 == unit_name) {
            Some(gi) => gi,
            None => {
                groups.push((unit_name, Vec::new()));
                groups.len() - 1
            }
        };
        let types = &mut groups[gi].1;
        match types.iter_mut().find(|t| t.0 == kind) {
            Some(t) => t.1.push((i, p)),
            None => types.push((kind, vec![(i, p)])),
        }
    }
    let mut taken = std::collections::HashSet::new();
    let children = groups
        .into_iter()
        .map(|(unit_name, types)| {
            let unit_path = format!("{id}/projects/{}", segment(&unit_name));
            let type_nodes = types
                .into_iter()
                .map(|(kind, items)| {
                    let type_path = format!("{unit_path}/{}", segment(&kind));
                    let leaves = items
                        .into_iter()
                        .map(|(i, p)| {
                            let base = format!("{type_path}/{}", segment(&p.name));
                            let mut path = base.clone();
                            let mut n = 2;
                            while !taken.insert(path.clone()) {
                                path = format!("{base}~{n}");
                                n += 1;
                            }
                            Node {
                                path,
                                kind: NodeKind::Project,
                                code: p.code.clone(),
                                label: p.name.clone(),
                                amount: p.total.map(|a| a.0),
                                money_unit: p.money_unit,
                                computed: false,
                                rows: match &p.source {
                                    crate::model::project::ProjectSource::Table { table, row } => {
                                        vec![RowRef {
                                            table: table.clone(),
                                            row: *row,
                                        }]
                                    }
                                    crate::model::project::ProjectSource::Targets { .. } => {
                                        Vec::new()
                                    }
                                },
                                also: Vec::new(),
                                project: Some(i),
                                children: Vec::new(),
                            }
                        })
                        .collect();
                    Node::group(type_path, NodeKind::ProjectType, &kind, unit, leaves)
                })
                .collect();
            Node::group(
                unit_path,
                NodeKind::ProjectUnit,
                &unit_name,
                unit,
                type_nodes,
            )
        })
        .collect();
    Node::group(
        format!("{id}/projects"),
        NodeKind::Projects,
        "项目",
        unit,
        children,
    )
}
