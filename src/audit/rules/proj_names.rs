//! PROJ-003: the project table and the performance targets list the same projects by the same names.

use crate::audit::projects::{MatchedBy, name_key, table_projects};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct ProjectNames;

static META: RuleMeta = RuleMeta {
    id: "PROJ-003",
    group: Group::Projects,
    severity: Severity::Warning,
    title: "A project's name differs between tables, or a target has no project",
    title_zh: "项目名称前后不一致，或绩效目标无对应项目",
    explanation: "\
Projects are matched by 项目编码 where both tables print one, else by name, else by a name that
differs in at most two characters. A project matched by code or near name whose names differ is
a warning: one of the two is misprinted. A target entry that matches no project of the 项目支出表
is a warning too.

Example: 项目支出表 科技交流合作与招商引资; its target is printed 科技交流合作与招商引智 → reported,
expected 科技交流合作与招商引资, actual 科技交流合作与招商引智.",
};

impl Rule for ProjectNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let projects: Vec<_> = table_projects(cx.projects()).collect();
        if projects.is_empty() {
            return;
        }
        let mut matched = vec![false; cx.doc.performance.projects.len()];
        for p in projects {
            let Some((i, target, by)) = cx.target_for(p) else {
                continue;
            };
            matched[i] = true;
            if by != MatchedBy::Name && name_key(&target.name) != name_key(&p.name) {
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", target.name))
                        .row_text(p.name.clone())
                        .project(p.name.clone())
                        .texts(p.name.clone(), target.name.clone())
                        .message(
                            format!(
                                "project {:?} is named {:?} in its targets",
                                p.name, target.name
                            ),
                            format!(
                                "项目支出表中的“{}”在绩效目标中名为“{}”",
                                p.name, target.name
                            ),
                        ),
                );
            }
        }
        for (i, target) in cx.doc.performance.projects.iter().enumerate() {
            if !matched[i] {
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", target.name))
                        .texts("a project of the 项目支出表", target.name.clone())
                        .message(
                            format!("targets are printed for {:?}, which the project table does not list", target.name),
                            format!("绩效目标所列项目“{}”在项目支出表中没有对应项目", target.name),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(target_name: &str) -> crate::model::Document {
        let tables = r#"[{"id":"t01","kind":"project_expenditure","title":"项目支出表","unit":"万元","columns":[{"key":"total","header":["合计"]}],
             "rows":[{"role":"project","project_code":"P1","label":"科技交流合作与招商引资","amounts":["1.00"]}]}]"#;
        doc(
            tables,
            &format!(
                r#""performance":{{"projects":[{{"name":"{target_name}","code":"P1","money_unit":"万元"}}]}}"#
            ),
        )
    }

    #[test]
    fn same_names_pass_differing_names_warn() {
        assert!(run(&ProjectNames, &document("科技交流合作与招商引资")).is_empty());
        let f = run(&ProjectNames, &document("科技交流合作与招商引智"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual.as_deref(), Some("科技交流合作与招商引智"));
    }
}
