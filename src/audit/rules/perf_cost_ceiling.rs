//! PERF-003: a cost ceiling stated in money does not exceed the project's budget.

use crate::audit::Printed;
use crate::audit::perf::{Category, category};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{MoneyUnit, Operator};

pub struct CostCeiling;

static META: RuleMeta = RuleMeta {
    id: "PERF-003",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A cost indicator exceeds the project's budget",
    title_zh: "成本指标超过项目预算",
    explanation: "\
A 成本指标 that states the project's cost in money (≤45万, ≤25万元, =0.4 万元, 30-40万元) cannot
exceed the project's own budget, whatever its operator: a larger cap means the indicator or the
budget is wrong, and a floor (≥) above the budget is usually a revenue or output target placed in
the cost column. Amounts per person or per day (元/人/天) and per-item costs are not compared.

Example: 机构运行费 48.00 万元 with 严格按照预算控制支出 ≤45万 → consistent; with ≤50万 it is reported:
expected at most 48.00, actual 50.",
};

/// The money unit of a value unit text, if it is a plain amount (`万`, `万元`, `元`).
fn money_unit(unit: &str) -> Option<MoneyUnit> {
    match unit.trim() {
        "万" | "万元" => Some(MoneyUnit::WanYuan),
        "元" => Some(MoneyUnit::Yuan),
        _ => None,
    }
}

impl Rule for CostCeiling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for target in &cx.doc.performance.projects {
            let Some(total) = target.total else { continue };
            for ind in target
                .indicators
                .iter()
                .filter(|i| category(i) == Category::Cost)
            {
                let Some(p) = &ind.value.parsed else { continue };
                let Some(unit) = money_unit(&p.unit) else {
                    continue;
                };
                // The largest amount the value allows or demands: a range's upper end.
                let stated = match p.operator {
                    Operator::Range => p.upper.unwrap_or(p.number),
                    _ => p.number,
                };
                let cap = crate::audit::view::convert(stated, unit, target.money_unit);
                let floor = matches!(p.operator, Operator::AtLeast | Operator::GreaterThan);
                if cap - total.0 > cx.sum_tolerance(1, Printed::of_targets(target)) {
                    out.push(
                        cx.finding(&META)
                            .section(format!("绩效目标: {}", target.name))
                            .row_text(ind.name.clone())
                            .project(target.name.clone())
                            .unit(target.money_unit)
                            .amounts(total.0, cap)
                            .message(
                                format!(
                                    "cost indicator {:?} ({}) exceeds the project's budget of {} {}{}",
                                    ind.name, ind.value.text, total.0, target.money_unit.label(),
                                    if floor { "; a floor in the cost column is likely a revenue or output target" } else { "" }
                                ),
                                format!(
                                    "成本指标“{}”（{}）超过项目预算 {}{}{}",
                                    ind.name, ind.value.text, total.0, target.money_unit.label(),
                                    if floor { "；成本指标设为下限，疑为收入或产出目标" } else { "" }
                                ),
                            ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(value: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"机构运行费","money_unit":"万元","total":"48.00",
                "indicators":[{{"level2":"成本指标","name":"严格按照预算控制支出","value":"{value}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn caps_within_budget_pass_larger_caps_warn() {
        assert!(run(&CostCeiling, &document("≤45万")).is_empty());
        assert!(run(&CostCeiling, &document("≤450元/人/天")).is_empty());
        let f = run(&CostCeiling, &document("≤50万"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual.as_deref(), Some("50"));
        assert_eq!(run(&CostCeiling, &document("≤600,000元")).len(), 1);
    }

    #[test]
    fn any_operator_above_the_budget_is_reported() {
        // A floor above the budget (a revenue target in the cost column), an exact amount, a range.
        for value in ["≥100万元", "50万元", "40-60万元", ">49万元"] {
            assert_eq!(run(&CostCeiling, &document(value)).len(), 1, "{value}");
        }
        for value in ["≥40万元", "48万元", "40-48万元"] {
            assert!(run(&CostCeiling, &document(value)).is_empty(), "{value}");
        }
    }
}
