//! PROJ-004: a project's implementing unit is one of the department's units.

use crate::audit::projects::{name_key, table_projects};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Document;

pub struct ProjectUnits;

static META: RuleMeta = RuleMeta {
    id: "PROJ-004",
    group: Group::Projects,
    severity: Severity::Warning,
    title: "A project names a unit the department does not list",
    title_zh: "项目单位不在部门预算单位之列",
    explanation:
        "\
The implementing unit (项目单位) of every project, in the 项目支出表 and in the 绩效目标, is one of
the budget units the department consolidates (or the department itself). A name that matches
none of them (Example: 三门峡科学技术局 for 三门峡市科学技术局, is a misprint or an unlisted unit.)",
};

fn known(doc: &Document, name: &str) -> bool {
    let key = name_key(name);
    let dept = &doc.department;
    std::iter::once(&dept.name)
        .chain(&dept.aliases)
        .chain(
            doc.units
                .iter()
                .flat_map(|u| std::iter::once(&u.name).chain(&u.aliases)),
        )
        .any(|n| name_key(n) == key)
}

impl Rule for ProjectUnits {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut seen = std::collections::HashSet::new();
        let from_table = table_projects(cx.projects())
            .filter_map(|p| Some((p.unit_name.clone()?, p.name.clone(), "项目支出表")));
        let from_targets = doc
            .performance
            .projects
            .iter()
            .filter_map(|t| Some((t.unit_name.clone()?, t.name.clone(), "绩效目标")));
        for (unit, project, source) in from_table.chain(from_targets) {
            if known(doc, &unit) || !seen.insert((unit.clone(), source)) {
                continue;
            }
            out.push(
                cx.finding(&META)
                    .section(source.to_string())
                    .row_text(project.clone())
                    .project(project.clone())
                    .texts("a unit of the department", unit.clone())
                    .message(
                        format!("project {project:?} names unit {unit:?}, which is not among the department's units"),
                        format!("项目“{project}”的项目单位“{unit}”不在本部门预算单位之列"),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(unit: &str) -> Document {
        doc(
            &format!(
                r#"[{{"id":"t01","kind":"project_expenditure","title":"项目支出表","unit":"万元","columns":[{{"key":"total","header":["合计"]}}],
                 "rows":[{{"role":"project","unit_name":"{unit}","label":"甲","amounts":["1.00"]}}]}}]"#
            ),
            "",
        )
    }

    #[test]
    fn known_units_pass_unknown_warn() {
        assert!(run(&ProjectUnits, &document("测试中心")).is_empty());
        assert!(run(&ProjectUnits, &document("测试局")).is_empty());
        assert_eq!(run(&ProjectUnits, &document("测试研究所")).len(), 1);
    }
}
