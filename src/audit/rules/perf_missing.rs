//! PERF-001: every project has performance targets.

use crate::audit::projects::table_projects;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct MissingTargets;

static META: RuleMeta = RuleMeta {
    id: "PERF-001",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A project has no performance targets",
    title_zh: "项目未公开绩效目标",
    explanation: "\
Every project of the 项目支出表 is expected to publish its 绩效目标 (budget performance management
rules require targets for all project expenditure). A project with no target entry, matched by
项目编码 or name, is reported.

Example: 项目支出表 lists 机构运行费; the 项目绩效目标表 has an entry 机构运行费 → consistent.",
};

impl Rule for MissingTargets {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.doc.performance.projects.is_empty() && cx.doc.performance.department.is_none() {
            // The document publishes no targets at all: STRUCT-001 reports the missing table once.
            return;
        }
        for p in table_projects(cx.projects()) {
            if cx.target_for(p).is_none() {
                out.push(
                    cx.finding(&META)
                        .row_text(p.name.clone())
                        .project(p.name.clone())
                        .section("项目绩效目标".to_string())
                        .texts("a 绩效目标 entry", "none")
                        .message(
                            format!("project {:?} has no performance targets", p.name),
                            format!("项目“{}”未公开绩效目标", p.name),
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

    fn document(target: &str) -> crate::model::Document {
        let tables = r#"[{"id":"t01","kind":"project_expenditure","title":"项目支出表","unit":"万元","columns":[{"key":"total","header":["合计"]}],
             "rows":[{"role":"project","label":"科普活动","amounts":["1.00"]}]}]"#;
        doc(
            tables,
            &format!(r#""performance":{{"projects":[{{"name":"{target}","money_unit":"万元"}}]}}"#),
        )
    }

    #[test]
    fn projects_with_targets_pass_without_warn() {
        assert!(run(&MissingTargets, &document("科普活动")).is_empty());
        assert_eq!(run(&MissingTargets, &document("别的项目")).len(), 1);
    }
}
