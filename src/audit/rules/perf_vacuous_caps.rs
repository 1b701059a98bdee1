//! PERF-011: a rate that should be reached (a floor) is not capped at ≤100%.

use crate::audit::perf::indicator_sets;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Operator;

pub struct VacuousCaps;

static META: RuleMeta = RuleMeta {
    id: "PERF-011",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "A rate to be reached is capped at ≤100%",
    title_zh: "应设下限的比率指标设为≤100%",
    explanation: "\
A rate that measures what is to be achieved (满足要求比例, 覆盖率, 合格率, 达标率, 完成率, 满意度) is a
floor: ≥95%, =100%. Capped at ≤100% it says nothing, since every share is at most 100%; the sign
was very likely typed the wrong way round. Rates that are ceilings by nature (控制率, 调整率, 结余率,
差错率, 投诉率) are left alone.

Example: 车辆纳入新能源汽车国家监管平台比例 ≤100% → reported; “三公经费”控制率 ≤100% → consistent.",
};

/// Words that make a rate something to reach.
const FLOOR_WORDS: &[&str] = &[
    "满足",
    "纳入",
    "覆盖",
    "合格",
    "达标",
    "完成",
    "满意",
    "到位",
    "执行率",
    "及时率",
    "知晓",
    "通过率",
    "验收",
    "兑现",
    "发放率",
    "入库",
];

/// Words that make a rate something to stay under.
const CEILING_WORDS: &[&str] = &[
    "控制", "调整", "结余", "结转", "差错", "失误", "误差", "偏差", "投诉", "事故", "超支", "降低",
    "下降", "成本", "损耗",
];

fn is_floor(name: &str) -> bool {
    let rate = name.contains('率') || name.contains("比例") || name.contains("满意度");
    rate && FLOOR_WORDS.iter().any(|w| name.contains(w))
        && !CEILING_WORDS.iter().any(|w| name.contains(w))
}

impl Rule for VacuousCaps {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for set in indicator_sets(cx.doc) {
            for ind in set.indicators {
                let Some(p) = &ind.value.parsed else { continue };
                let capped = matches!(p.operator, Operator::AtMost | Operator::LessThan);
                if !capped || p.unit.trim() != "%" || p.number < 100.into() || !is_floor(&ind.name)
                {
                    continue;
                }
                let b = set
                    .finding(cx, &META)
                    .row_text(ind.name.clone())
                    .texts("a floor such as ≥95% or =100%", ind.value.text.clone());
                let (of_en, of_zh) = set.owner();
                out.push(b.message(
                    format!(
                        "{:?} of {of_en} is a rate to reach, but it is capped at {}, which every share meets",
                        ind.name, ind.value.text
                    ),
                    format!(
                        "{of_zh}的“{}”应为下限指标，却设为 {}，任何比例都满足",
                        ind.name, ind.value.text
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(name: &str, value: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"甲","money_unit":"万元",
                "indicators":[{{"level2":"质量指标","name":"{name}","value":"{value}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn floors_and_true_ceilings_pass() {
        for (n, v) in [
            ("车辆纳入监管平台比例", "≥95%"),
            ("车辆纳入监管平台比例", "100%"),
            ("“三公经费”控制率", "≤100%"),
            ("成本控制率", "≤100%"),
            ("预算调整率", "≤20%"),
        ] {
            assert!(run(&VacuousCaps, &document(n, v)).is_empty(), "{n} {v}");
        }
    }

    #[test]
    fn a_floor_capped_at_100_percent_is_reported() {
        let f = run(
            &VacuousCaps,
            &document("有运营里程要求的车辆满足要求比例", "≤100%"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual.as_deref(), Some("≤100%"));
    }
}
