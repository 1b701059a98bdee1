//! PERF-002: a project's targets cover output, benefit and satisfaction.

use crate::audit::perf::{Category, category, is_stated};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct Categories;

static META: RuleMeta = RuleMeta {
    id: "PERF-002",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A project's targets lack an indicator category",
    title_zh: "项目绩效指标缺少必要类别",
    explanation: "\
Project targets are set as 产出指标 (quantity, quality, timeliness), 效益指标 (economic, social,
ecological, sustainable) and 满意度指标. A project whose stated indicators (a name and a value)
lack one of these three categories is reported. 成本指标 is read where printed (PERF-003) but
not required: older formats have none.

Example: 科普活动: 组织参加省科普讲解大赛 1次 (产出), 传播科学思想 促进 (效益), 服务群众满意度 ≥80%
(满意度) → complete.",
};

impl Rule for Categories {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // Targets whose indicators could not be read are not said to state none.
        let read = cx
            .doc
            .performance
            .projects
            .iter()
            .filter(|t| t.indicators_unread.is_none());
        for target in read {
            let present: Vec<Category> = target
                .indicators
                .iter()
                .filter(|i| is_stated(i))
                .map(category)
                .collect();
            let missing: Vec<&str> = [Category::Output, Category::Benefit, Category::Satisfaction]
                .into_iter()
                .filter(|c| !present.contains(c))
                .map(Category::label_zh)
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(
                cx.finding(&META)
                    .section(format!("绩效目标: {}", target.name))
                    .project(target.name.clone())
                    .texts(
                        "产出指标, 效益指标, 满意度指标",
                        format!("missing {}", missing.join(", ")),
                    )
                    .message(
                        format!(
                            "targets of {:?} state no {}",
                            target.name,
                            missing.join(", ")
                        ),
                        format!("项目“{}”绩效目标未设置{}", target.name, missing.join("、")),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(indicators: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"甲","money_unit":"万元","indicators":[{indicators}]}}]}}"#
            ),
        )
    }

    #[test]
    fn complete_targets_pass_missing_satisfaction_warns() {
        let output = r#"{"level2":"产出指标","name":"次数","value":"1次"}"#;
        let benefit = r#"{"level1":"效益指标","level2":"社会效益","name":"影响","value":"促进"}"#;
        let satisfaction = r#"{"level2":"满意度指标","name":"满意度","value":"≥80%"}"#;
        assert!(
            run(
                &Categories,
                &document(&[output, benefit, satisfaction].join(","))
            )
            .is_empty()
        );
        let empty_satisfaction = r#"{"level2":"满意度指标","name":"满意度","value":""}"#;
        let f = run(
            &Categories,
            &document(&[output, benefit, empty_satisfaction].join(",")),
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("满意度指标"));
    }

    #[test]
    fn targets_whose_indicators_were_not_read_are_not_judged() {
        let d = doc(
            "[]",
            r#""performance":{"projects":[{"name":"甲","money_unit":"元","indicators":[],
                "indicators_unread":"several labels in one cell"},
                {"name":"乙","money_unit":"元","indicators":[]}]}"#,
        );
        let f = run(&Categories, &d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("乙"), "{}", f[0].message);
    }
}
