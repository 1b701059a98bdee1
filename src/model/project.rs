//! Projects as one list, whichever table the document prints them in.
//!
//! Most documents list projects in a 项目支出表; some (002) print only one 绩效目标表 per
//! project. [`Document::projects`] reads the former when it exists and falls back to the latter,
//! so the tree and rules see the same projects either way.

use serde::Serialize;

use super::{Amount, Document, MoneyUnit, RowRole, TableKind};

/// Where a project was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ProjectSource {
    /// Row `row` (0-based) of the table with id `table`.
    Table { table: String, row: usize },
    /// Entry `index` of `performance.projects`.
    Targets { index: usize },
}

/// One project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    pub code: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    pub project_type: Option<String>,
    pub money_unit: MoneyUnit,
    pub total: Option<Amount>,
    /// Every amount column printed for the project, by column key.
    pub amounts: Vec<(String, Option<Amount>)>,
    pub source: ProjectSource,
}

impl Document {
    /// Every project of the document, from its 项目支出表 (all of them: some documents print one
    /// for the current year and one for carry-over) or else from its target tables.
    pub fn projects(&self) -> Vec<Project> {
        let from_table: Vec<Project> = self
            .tables_of(TableKind::ProjectExpenditure)
            .flat_map(|table| {
                table
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.role == Some(RowRole::Project))
                    .map(move |(i, r)| Project {
                        code: r.project_code.as_deref().map(str::to_string),
                        name: r.label.clone(),
                        unit: r.unit.as_deref().map(str::to_string),
                        unit_name: r.unit_name.as_deref().map(str::to_string),
                        project_type: r.project_type.as_deref().map(str::to_string),
                        money_unit: table.unit,
                        total: table.cell(r, "total"),
                        amounts: table
                            .columns_for(r.side)
                            .map(|(ci, c)| (c.key.clone(), r.amounts.get(ci).copied().flatten()))
                            .collect(),
                        source: ProjectSource::Table {
                            table: table.id.clone(),
                            row: i,
                        },
                    })
            })
            .collect();
        if !from_table.is_empty() {
            return from_table;
        }
        self.performance
            .projects
            .iter()
            .enumerate()
            .map(|(i, t)| Project {
                code: t.code.clone(),
                name: t.name.clone(),
                unit: t.unit.clone(),
                unit_name: t.unit_name.clone(),
                project_type: None,
                money_unit: t.money_unit,
                total: t.total,
                amounts: t
                    .funding
                    .iter()
                    .filter_map(|f| Some((f.key.clone()?, f.amount)))
                    .collect(),
                source: ProjectSource::Targets { index: i },
            })
            .collect()
    }
}
