//! PERF-012: a project's targets state a cost indicator when the document's form asks for one.

use crate::audit::perf::{Category, category, is_stated};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::ProjectTargets;

pub struct CostMissing;

static META: RuleMeta = RuleMeta {
    id: "PERF-012",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A project's targets state no cost indicator (成本指标)",
    title_zh: "项目绩效目标未设置成本指标",
    explanation: "\
Recent national guidance on project performance targets makes 成本指标 one of the indicator
categories beside 产出, 效益 and 满意度, and regional forms print a 成本指标 column. The budget year
from which every project must state one is not established here, so the rule is conservative:
it applies only where the document's own form asks for cost indicators, that is where most
projects of the same document that state indicators state one (more than state none). A
project with none is then the exception, and reported. Where a few projects print a 成本指标
among free-form labels (a form with no cost column) the rest are not judged.

Example: a 项目绩效目标汇总表 whose other projects give 工作经费 ≤10万元 in the 成本指标 column, and
综合救助专项-春节慰问经费项目 with that column blank → reported.",
};

fn states_cost(t: &ProjectTargets) -> bool {
    t.indicators
        .iter()
        .any(|i| category(i) == Category::Cost && is_stated(i))
}

impl Rule for CostMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let targets = &cx.doc.performance.projects;
        let with_cost = targets.iter().filter(|t| states_cost(t)).count();
        let stating = targets
            .iter()
            .filter(|t| t.indicators.iter().any(is_stated))
            .count();
        if with_cost * 2 <= stating {
            return; // the document's form does not ask for cost indicators
        }
        for t in targets {
            // A target entry with no indicators at all is PERF-002's business.
            if t.indicators.iter().all(|i| !is_stated(i)) || states_cost(t) {
                continue;
            }
            out.push(
                cx.finding(&META)
                    .section(format!("绩效目标: {}", t.name))
                    .project(t.name.clone())
                    .texts("a 成本指标", "none")
                    .message(
                        format!(
                            "the targets of {:?} state no 成本指标, while {with_cost} other projects of this document do",
                            t.name
                        ),
                        format!(
                            "项目“{}”绩效目标未设置成本指标，本文件其他 {with_cost} 个项目均已设置",
                            t.name
                        ),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(second: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[
                  {{"name":"甲","money_unit":"万元","indicators":[
                    {{"level2":"成本指标","name":"工作经费","value":"≤10万元"}},
                    {{"level2":"数量指标","name":"企业覆盖率","value":"100%"}}]}},
                  {{"name":"丙","money_unit":"万元","indicators":[
                    {{"level2":"成本指标","name":"培训经费","value":"≤2万元"}}]}},
                  {{"name":"乙","money_unit":"万元","indicators":[{second}]}}]}}"#
            ),
        )
    }

    #[test]
    fn projects_with_cost_indicators_pass() {
        let d = document(r#"{"level2":"成本指标","name":"慰问标准","value":"≤500元/人"}"#);
        assert!(run(&CostMissing, &d).is_empty());
        // A form with no cost indicators anywhere is not judged.
        let none = doc(
            "[]",
            r#""performance":{"projects":[{"name":"甲","money_unit":"万元","indicators":[
                {"level2":"数量指标","name":"企业覆盖率","value":"100%"}]}]}"#,
        );
        assert!(run(&CostMissing, &none).is_empty());
        // One project of three printing a 成本指标 among free labels: the form asks for none.
        let one = doc(
            "[]",
            r#""performance":{"projects":[
                {"name":"甲","money_unit":"元","indicators":[
                  {"level1":"产出指标","level2":"成本指标","name":"预算内经费","value":"合规"}]},
                {"name":"乙","money_unit":"元","indicators":[
                  {"level2":"数量指标","name":"补贴对象","value":"=100.00(%)"}]},
                {"name":"丙","money_unit":"元","indicators":[
                  {"level2":"质量指标","name":"项目质量","value":"可控"}]}]}"#,
        );
        assert!(run(&CostMissing, &one).is_empty());
    }

    #[test]
    fn a_project_without_one_is_reported() {
        let d = document(r#"{"level2":"数量指标","name":"慰问困难职工","value":"≥280人"}"#);
        let f = run(&CostMissing, &d);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("\"乙\""));
    }
}
