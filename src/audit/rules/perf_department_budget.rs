//! PERF-008: the 整体绩效目标表's 预算情况 adds up internally.

use crate::audit::Printed;
use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct DepartmentBudget;

static META: RuleMeta = RuleMeta {
    id: "PERF-008",
    group: Group::Performance,
    severity: Severity::Error,
    title: "Department performance budget lines do not add up",
    title_zh: "整体绩效目标表预算情况内部不平衡",
    explanation: "\
In the 部门（单位）整体绩效目标表, 部门预算总额 = 资金来源 (政府预算资金 + 财政专户管理资金 + 单位资金)
= 资金结构 (基本支出 + 项目支出).

Example: 总额 1,758.18; 政府预算资金 1,758.18; 基本支出 1,465.18 + 项目支出 293.00 = 1,758.18 →
consistent.",
};

impl Rule for DepartmentBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(d) = &cx.doc.performance.department else {
            return;
        };
        let find = |k: &str| d.budget.iter().find(|l| l.key.as_deref() == Some(k));
        let Some(total) = find("total").and_then(|l| l.amount) else {
            return;
        };
        let groups: [(&str, &str, &[&str]); 2] = [
            (
                "资金来源",
                "sources",
                &["government", "special_account", "unit_funds"],
            ),
            ("资金结构", "structure", &["basic", "project"]),
        ];
        for (zh, en, keys) in groups {
            let lines: Vec<_> = keys.iter().filter_map(|k| find(k)).collect();
            if lines.is_empty() {
                continue;
            }
            let sum: Decimal = lines.iter().filter_map(|l| l.amount).map(|a| a.0).sum();
            let n = lines.iter().filter(|l| l.amount.is_some()).count();
            if cx.sum_differs(sum, total.0, n, Printed::of_department_targets(d)) {
                out.push(
                    cx.finding(&META)
                        .section(d.title.clone())
                        .row_text(zh.to_string())
                        .unit(d.unit)
                        .amounts(sum, total.0)
                        .message(
                            format!(
                                "部门预算总额 is {} but the {en} lines add up to {sum}",
                                total.0
                            ),
                            format!("部门预算总额 {}，{zh}各项之和为 {sum}", total.0),
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

    fn document(project: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"department":{{"title":"整体绩效目标表","unit":"万元","budget":[
                {{"label":"部门预算总额","key":"total","amount":"10.00"}},
                {{"label":"（1）政府预算资金","key":"government","amount":"10.00"}},
                {{"label":"（1）基本支出","key":"basic","amount":"7.00"}},
                {{"label":"（2）项目支出","key":"project","amount":"{project}"}}]}}}}"#
            ),
        )
    }

    #[test]
    fn balanced_budget_passes() {
        assert!(run(&DepartmentBudget, &document("3.00")).is_empty());
        assert_eq!(run(&DepartmentBudget, &document("4.00")).len(), 1);
    }
}
