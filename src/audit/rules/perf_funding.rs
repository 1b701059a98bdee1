//! PERF-005: a target's funding lines add up to its stated total.

use crate::audit::Printed;
use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Period;

pub struct Funding;

static META: RuleMeta = RuleMeta {
    id: "PERF-005",
    group: Group::Performance,
    severity: Severity::Error,
    title: "Funding lines do not add up to the project total",
    title_zh: "项目资金来源之和与资金总额不符",
    explanation: "\
A project target table splits its money by source: 中央财政资金 + 省级财政资金 + 市县财政资金 +
单位自筹 + 其他资金 (or 政府预算资金 + 财政专户管理资金 + 单位资金) = 资金总额, for the annual amount and,
where printed, for the whole implementation period.

Example: 年度资金总额 250,000 = 0 + 0 + 250,000 + 0 → consistent.",
};

/// The ways a total is split, each a partition of it: (keys one of which must be printed for
/// the partition to apply, further keys of the partition). A line may be the whole of a finer
/// split (财政资金 = 中央 + 省级 + 市县), so partitions are checked one at a time, never added up.
const PARTITIONS: &[(&[&str], &[&str])] = &[
    (
        &["central", "provincial", "local", "self_raised"],
        &["other"],
    ),
    // 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金 (Shanghai's 填报表).
    (&["fiscal"], &["other", "carryover"]),
    (&["government", "special_account", "unit_funds"], &[]),
];

impl Rule for Funding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for target in &cx.doc.performance.projects {
            for period in [None, Some(Period::Annual), Some(Period::Implementation)] {
                let lines: Vec<_> = target
                    .funding
                    .iter()
                    .filter(|f| f.period == period)
                    .collect();
                let total = lines
                    .iter()
                    .find(|f| f.key.as_deref() == Some("total"))
                    .and_then(|f| f.amount)
                    .or(if period != Some(Period::Implementation) {
                        target.total
                    } else {
                        None
                    });
                let Some(total) = total else { continue };
                for (required, optional) in PARTITIONS {
                    let parts: Vec<_> = lines
                        .iter()
                        .filter(|f| {
                            f.key
                                .as_deref()
                                .is_some_and(|k| required.contains(&k) || optional.contains(&k))
                        })
                        .collect();
                    if !parts
                        .iter()
                        .any(|f| f.key.as_deref().is_some_and(|k| required.contains(&k)))
                    {
                        continue;
                    }
                    let sum: Decimal = parts.iter().filter_map(|f| f.amount).map(|a| a.0).sum();
                    let n = parts.iter().filter(|f| f.amount.is_some()).count();
                    if cx.sum_differs(sum, total.0, n, Printed::of_targets(target)) {
                        let which = match period {
                            Some(Period::Implementation) => "implementation-period ",
                            _ => "",
                        };
                        out.push(
                            cx.finding(&META)
                                .section(format!("绩效目标: {}", target.name))
                                .row_text(format!("{which}资金总额 = {}", parts.iter().map(|f| f.label.as_str()).collect::<Vec<_>>().join(" + ")))
                                .project(target.name.clone())
                                .unit(target.money_unit)
                                .amounts(sum, total.0)
                                .message(
                                    format!("{which}total of {:?} is {} but its {} funding lines add up to {sum}", target.name, total.0, parts.len()),
                                    format!("项目“{}”资金总额 {}，各资金来源之和为 {sum}", target.name, total.0),
                                ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(local: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"甲","money_unit":"元","total":"250,000","funding":[
                {{"label":"年度资金总额","key":"total","period":"annual","amount":"250,000"}},
                {{"label":"其中:中央财政资金","key":"central","period":"annual","amount":"0"}},
                {{"label":"市县(区)财政资金","key":"local","period":"annual","amount":"{local}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn nested_lines_are_checked_one_split_at_a_time() {
        let d = doc(
            "[]",
            r#""performance":{"projects":[{"name":"甲","money_unit":"万元","total":"30","funding":[
                {"label":"财政资金","key":"fiscal","amount":"30"},
                {"label":"其中：中央","key":"central","amount":"10"},
                {"label":"市县","key":"local","amount":"20"}]}]}"#,
        );
        assert!(run(&Funding, &d).is_empty());
    }

    #[test]
    fn lines_adding_up_pass() {
        assert!(run(&Funding, &document("250,000")).is_empty());
        assert_eq!(run(&Funding, &document("200,000")).len(), 1);
    }
}
