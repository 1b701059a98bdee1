//! PERF-006: a quarterly spending plan is cumulative and ends at the budget.

use crate::audit::Printed;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct SpendingPlan;

static META: RuleMeta = RuleMeta {
    id: "PERF-006",
    group: Group::Performance,
    severity: Severity::Error,
    title: "The spending plan is not cumulative or does not reach the budget",
    title_zh: "资金支出计划未逐期累计或未达到预算数",
    explanation: "\
A 资金支出计划 gives the cumulative amount spent by 3月底, 6月底, 10月底 and 12月底: each figure is at
least the one before, and the 12月底 figure equals the project's 预算数.

Example: 预算数 0.40; plan 0.10, 0.20, 0.30, 0.40 → consistent. A plan ending at 0.30 is reported
(expected 0.40, actual 0.30); a plan 0.20, 0.10 … is reported as decreasing.",
};

impl Rule for SpendingPlan {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for target in &cx.doc.performance.projects {
            let plan: Vec<_> = target
                .spending_plan
                .iter()
                .filter_map(|p| Some((p, p.amount?)))
                .collect();
            for pair in plan.windows(2) {
                let ((a, va), (b, vb)) = (pair[0], pair[1]);
                if vb.0 < va.0 {
                    out.push(
                        cx.finding(&META)
                            .section(format!("绩效目标: {}", target.name))
                            .row_text(format!("资金支出计划 {}", b.label))
                            .project(target.name.clone())
                            .unit(target.money_unit)
                            .amounts(va.0, vb.0)
                            .message(
                                format!("plan for {:?} falls from {} at {} to {} at {}; it should be cumulative", target.name, va.0, a.label, vb.0, b.label),
                                format!("项目“{}”资金支出计划由{}的 {} 降至{}的 {}，应逐期累计", target.name, a.label, va.0, b.label, vb.0),
                            ),
                    );
                }
            }
            let (Some(total), Some((last, value))) = (target.total, plan.last()) else {
                continue;
            };
            if last.month == 12 && cx.sum_differs(total.0, value.0, 1, Printed::of_targets(target))
            {
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", target.name))
                        .row_text(format!("资金支出计划 {}", last.label))
                        .project(target.name.clone())
                        .unit(target.money_unit)
                        .amounts(total.0, value.0)
                        .message(
                            format!(
                                "plan for {:?} reaches {} by year end but the budget is {}",
                                target.name, value.0, total.0
                            ),
                            format!(
                                "项目“{}”资金支出计划年底累计 {}，与预算数 {} 不符",
                                target.name, value.0, total.0
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

    fn document(plan: [&str; 4]) -> crate::model::Document {
        let points: Vec<String> = [3, 6, 10, 12]
            .iter()
            .zip(plan)
            .map(|(m, a)| format!(r#"{{"label":"{m}月底","month":{m},"amount":"{a}"}}"#))
            .collect();
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"车保险","money_unit":"万元","total":"0.40","spending_plan":[{}]}}]}}"#,
                points.join(",")
            ),
        )
    }

    #[test]
    fn cumulative_plan_reaching_budget_passes() {
        assert!(run(&SpendingPlan, &document(["0.10", "0.20", "0.30", "0.40"])).is_empty());
        assert_eq!(
            run(&SpendingPlan, &document(["0.10", "0.20", "0.30", "0.30"])).len(),
            1
        );
        assert_eq!(
            run(&SpendingPlan, &document(["0.20", "0.10", "0.30", "0.40"])).len(),
            1
        );
    }
}
