//! NARR-010: the money the narrative says the projects with targets have is what their printed
//! target forms give.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::MoneyUnit;

pub struct TargetTotals;

static META: RuleMeta = RuleMeta {
    id: "NARR-010",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "The narrative's total for the projects with targets is not the forms'",
    title_zh: "说明中编报绩效目标的项目资金与绩效目标表合计不符",
    explanation: "\
The narrative states how many projects have performance targets and the money they involve
(编报绩效目标的项目5个，涉及项目预算资金3328.13万元). Where the document prints exactly that many
project target forms, each with its year's total, the stated money is their sum (in 万元, within
half a unit of the narrative's last digit plus 0.005 万元). A count that differs from the forms
printed (a department printing some of its targets, or none) is not compared.

Example: five forms of 4,100,000.00 + 6,351,000.00 + 4,563,800.00 + 7,595,500.00 + 10,903,043.00
元 = 3,351.33 万元 while the narrative says 3328.13万元 → reported.",
};

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"编报绩效目标的(?:\d{4}年度?)?项目(?:共)?(\d+)个[，,]?涉及(?:项目)?(?:预算)?(?:资金|金额)(\d[\d,]*(?:\.\d+)?)万元",
    )
    .expect("valid pattern")
});

impl Rule for TargetTotals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let targets = &cx.doc.performance.projects;
        if targets.is_empty() {
            return;
        }
        let wan = Decimal::from(MoneyUnit::WanYuan.yuan_per_unit());
        let totals: Option<Vec<Decimal>> = targets
            .iter()
            .map(|t| {
                t.total
                    .map(|a| a.0 * Decimal::from(t.money_unit.yuan_per_unit()) / wan)
            })
            .collect();
        let Some(totals) = totals else { return };
        let sum: Decimal = totals.iter().sum();
        let mut seen: HashSet<String> = HashSet::new();
        for s in cx.sentences() {
            for m in PATTERN.captures_iter(&s.compact) {
                let (Ok(count), Ok(stated)) = (
                    m[1].parse::<usize>(),
                    m[2].replace(',', "").parse::<Decimal>(),
                ) else {
                    continue;
                };
                if count != targets.len() || !seen.insert(m[0].to_string()) {
                    continue;
                }
                let tol = Decimal::new(5, stated.scale() + 1) + Decimal::new(5, 3);
                if (sum - stated).abs() <= tol {
                    continue;
                }
                let expected = sum.round_dp(stated.scale().max(2));
                let parts = targets
                    .iter()
                    .zip(&totals)
                    .map(|(t, a)| format!("{} {}", t.name, a.round_dp(2)))
                    .collect::<Vec<_>>()
                    .join(" + ");
                out.push(
                    cx.finding(&META)
                        .section(s.section.heading.clone())
                        .sentence(s.text.trim())
                        .unit(MoneyUnit::WanYuan)
                        .amounts(expected, stated)
                        .message(
                            format!(
                                "the narrative says the {count} projects with targets involve {stated} 万元, but their {count} target forms give {expected} 万元 ({parts})"
                            ),
                            format!(
                                "说明称编报绩效目标的项目{count}个、涉及资金{stated}万元，而{count}张项目绩效目标表合计{expected}万元（{parts}）"
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

    fn document(text: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""sections":[{{"heading":"其他相关情况说明","text":"{text}"}}],
                "performance":{{"projects":[
                  {{"name":"甲","money_unit":"元","total":"4,100,000.00"}},
                  {{"name":"乙","money_unit":"元","total":"6,351,000.00"}}]}}"#
            ),
        )
    }

    #[test]
    fn a_stated_total_other_than_the_forms_is_reported_with_each_project() {
        let f = run(
            &TargetTotals,
            &document("编报绩效目标的项目2个，涉及项目预算资金1000.00万元。"),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("1045.10"), "{}", f[0].message);
        assert!(
            f[0].message.contains("甲 410.00 + 乙 635.10"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn the_forms_total_and_other_counts_pass() {
        for text in [
            "编报绩效目标的项目2个，涉及项目预算资金1045.10万元。",
            "编报绩效目标的项目共2个，涉及项目预算资金1045.1万元。",
            // Not every project's form is printed: nothing to compare with.
            "编报绩效目标的项目25个，涉及项目预算资金11381.60万元。",
        ] {
            assert!(run(&TargetTotals, &document(text)).is_empty(), "{text}");
        }
    }
}
