//! PERF-010: a per-person cost standard is not below the rate the project's 概况 says it pays.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::perf::{Category, category};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Operator;

pub struct RateStandards;

static META: RuleMeta = RuleMeta {
    id: "PERF-010",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A cost standard contradicts the rates the project's 概况 states",
    title_zh: "成本指标标准与项目概况所述标准矛盾",
    explanation: "\
Cost indicators often cap a rate per person and period (生活补助发放标准 ≤682元/人/月), and the
项目概况 says what is paid (一名按每月643元发放，一名按每月682元发放). When the project has as many
such caps as the 概况 states distinct rates for the same period, the caps and the rates are
paired smallest to smallest; a rate above its cap means the indicator contradicts the project's
own description.

Example: 遗属生活补助 caps 标准1 ≤682 and 标准2 ≤642 元/人/月 while its 概况 pays 643 and 682 元 a month →
标准2 is reported: the 概况 pays 643, the cap is 642.",
};

/// `每月643元`, `每人每月1000元`: a rate in 元 and its period.
static RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"每(?:人)?(?:每)?(月|年|天|日)\s*([0-9]+(?:\.[0-9]+)?)\s*元").expect("valid")
});

/// The period of an indicator unit such as `元/人/月` or `元/月`, if it is a rate in 元.
fn period_of(unit: &str) -> Option<&str> {
    let rest = unit.trim().strip_prefix("元/")?;
    let period = rest.rsplit('/').next()?;
    Some(match period {
        "日" => "天",
        p => p,
    })
}

impl Rule for RateStandards {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for t in &cx.doc.performance.projects {
            let overview: String = t
                .fields
                .iter()
                .filter(|f| f.label.contains("概况") || f.label.contains("概述"))
                .map(|f| f.text.as_str())
                .collect();
            for period in ["月", "年", "天"] {
                // Caps of this period, once per name and value (annual and implementation
                // columns repeat them).
                let mut caps: Vec<(Decimal, &str, &str)> = Vec::new();
                for ind in t
                    .indicators
                    .iter()
                    .filter(|i| category(i) == Category::Cost)
                {
                    let Some(p) = &ind.value.parsed else { continue };
                    let is_cap = matches!(p.operator, Operator::AtMost | Operator::LessThan);
                    if !is_cap || period_of(&p.unit) != Some(period) {
                        continue;
                    }
                    let entry = (p.number, ind.name.as_str(), ind.value.text.as_str());
                    if !caps.contains(&entry) {
                        caps.push(entry);
                    }
                }
                if caps.is_empty() {
                    continue;
                }
                let rates: BTreeSet<Decimal> = RATE
                    .captures_iter(&overview)
                    .filter(|m| {
                        let p = &m[1];
                        p == period || (period == "天" && p == "日")
                    })
                    .filter_map(|m| m[2].parse().ok())
                    .collect();
                if rates.len() != caps.len() {
                    continue;
                }
                caps.sort();
                for ((cap, name, text), rate) in caps.iter().zip(&rates) {
                    if rate <= cap {
                        continue;
                    }
                    out.push(
                        cx.finding(&META)
                            .section(format!("绩效目标: {}", t.name))
                            .row_text(name.to_string())
                            .project(t.name.clone())
                            .texts(format!("≥{rate}元/{period}"), text.to_string())
                            .message(
                                format!(
                                    "cost standard {name:?} caps the rate at {text}, but the 项目概况 of {:?} pays {rate} 元 per {period} (rates stated: {})",
                                    t.name,
                                    rates.iter().map(|r| format!("{r} 元")).collect::<Vec<_>>().join(", ")
                                ),
                                format!(
                                    "成本指标“{name}”为 {text}，但项目“{}”概况中按每{period}{rate}元发放（所述标准：{}）",
                                    t.name,
                                    rates.iter().map(|r| format!("{r}元")).collect::<Vec<_>>().join("、")
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

    fn document(cap2: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"遗属生活补助","money_unit":"元","total":"15900",
                "fields":[{{"label":"项目概况","text":"一名按每月643元发放，一名按每月682元发放，共计15900元。"}}],
                "indicators":[
                  {{"level2":"成本指标","name":"生活补助发放标准1","value":"≤682元/人/月","period":"annual"}},
                  {{"level2":"成本指标","name":"生活补助发放标准2","value":"{cap2}","period":"annual"}},
                  {{"level2":"成本指标","name":"生活补助发放标准2","value":"{cap2}","period":"implementation"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn caps_covering_the_rates_pass() {
        assert!(run(&RateStandards, &document("≤643元/人/月")).is_empty());
        // A floor is no cap.
        assert!(run(&RateStandards, &document("≥600元/人/月")).is_empty());
    }

    #[test]
    fn a_cap_below_the_rate_paid_is_reported_once() {
        let f = run(&RateStandards, &document("≤642元/人/月"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].location.row.as_deref(), Some("生活补助发放标准2"));
        assert_eq!(f[0].actual.as_deref(), Some("≤642元/人/月"));
        assert!(
            f[0].message.contains("pays 643 元 per 月"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn periods_are_read_from_the_unit() {
        assert_eq!(period_of("元/人/月"), Some("月"));
        assert_eq!(period_of("元/人/日"), Some("天"));
        assert_eq!(period_of("万元"), None);
    }
}
