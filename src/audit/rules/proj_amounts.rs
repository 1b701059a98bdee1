//! PROJ-002: a project's amount in its performance targets equals its amount in the 项目支出表.

use crate::audit::Printed;
use crate::audit::projects::table_projects;
use crate::audit::view::convert;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct ProjectAmounts;

static META: RuleMeta = RuleMeta {
    id: "PROJ-002",
    group: Group::Projects,
    severity: Severity::Error,
    title: "Project amount differs between the project table and its targets",
    title_zh: "项目绩效目标中的金额与项目支出表不一致",
    explanation: "\
A project's 资金总额 in its 绩效目标 equals its 合计 in the 项目支出表. Target tables may be in 元
while the 项目支出表 is in 万元: amounts are converted before comparing (250,000 元 = 25.00 万元).

Example: 项目支出表 科普活动 10.00 万元; 绩效目标 资金总额 10.00 → consistent. A target printing
100,000 元 is also consistent.",
};

impl Rule for ProjectAmounts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for project in table_projects(cx.projects()) {
            let (Some(amount), Some((_, target, _))) = (project.total, cx.target_for(project))
            else {
                continue;
            };
            let Some(stated) = target.total else { continue };
            let expected = convert(amount.0, project.money_unit, target.money_unit);
            if cx.sum_differs(
                expected,
                stated.0,
                1,
                Printed::of_targets(target)
                    .coarser(Printed::of_amounts(project.money_unit, [&amount])),
            ) {
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", target.name))
                        .row_text(project.name.clone())
                        .project(project.name.clone())
                        .unit(target.money_unit)
                        .amounts(expected, stated.0)
                        .message(
                            format!(
                                "targets of {} state {} {} but the project table gives {} {}",
                                project.name,
                                stated.0,
                                target.money_unit.label(),
                                amount.0,
                                project.money_unit.label()
                            ),
                            format!(
                                "项目“{}”绩效目标资金总额 {}{}，项目支出表为 {}{}",
                                project.name,
                                stated.0,
                                target.money_unit.label(),
                                amount.0,
                                project.money_unit.label()
                            ),
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

    fn document(target_total: &str) -> crate::model::Document {
        let tables = r#"[{"id":"t01","kind":"project_expenditure","title":"项目支出表","unit":"万元","columns":[{"key":"total","header":["合计"]}],
             "rows":[{"role":"project","project_type":"其他运转类","label":"科普活动","amounts":["25.00"]}]}]"#;
        doc(
            tables,
            &format!(
                r#""performance":{{"projects":[{{"name":"科普活动","money_unit":"元","total":"{target_total}"}}]}}"#
            ),
        )
    }

    #[test]
    fn yuan_and_wan_yuan_are_compared_after_conversion() {
        assert!(run(&ProjectAmounts, &document("250,000")).is_empty());
        let f = run(&ProjectAmounts, &document("260,000"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("250000.00"));
    }

    #[test]
    fn a_whole_yuan_target_is_held_to_the_wan_yuan_tables_precision() {
        // 25.00 万元 stands for anything from 249,950 to 250,050 元.
        assert!(run(&ProjectAmounts, &document("250,040")).is_empty());
        assert_eq!(run(&ProjectAmounts, &document("250,060")).len(), 1);
    }
}
