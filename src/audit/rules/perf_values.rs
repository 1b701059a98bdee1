//! PERF-004: every indicator has a well-formed value.

use crate::audit::perf::{category, indicator_sets};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Indicator;

pub struct Values;

static META: RuleMeta = RuleMeta {
    id: "PERF-004",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "An indicator's value is missing or malformed",
    title_zh: "绩效指标值缺失或格式不规范",
    explanation: "\
An indicator names what is measured and the value to reach: ≥90%, ≤20万元, 1-2个, 及时. Reported:
a named indicator with no value; a value with a comparison sign but no number (≥ 个); a value
with no indicator name.

Example: 客户满意度 with value blank, the ≥95% printed on another line, is reported.",
};

fn problem(ind: &Indicator) -> Option<(&'static str, &'static str)> {
    let name = ind.name.trim();
    let value = ind.value.text.trim();
    if name.is_empty() && value.is_empty() {
        return None; // an empty placeholder row of the printed form
    }
    if value.is_empty() {
        return Some(("has no value", "未填写指标值"));
    }
    if name.is_empty() {
        return Some(("has a value but no indicator name", "有指标值但无指标名称"));
    }
    let starts_with_sign = value.starts_with(['≥', '≤', '>', '<', '＞', '＜', '=', '≧', '≦']);
    if starts_with_sign && ind.value.parsed.is_none() {
        return Some(("has a comparison sign but no number", "有比较符号但无数值"));
    }
    None
}

impl Rule for Values {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for set in indicator_sets(cx.doc) {
            for ind in set.indicators {
                let Some((en, zh)) = problem(ind) else {
                    continue;
                };
                let (period_en, period_zh) = match ind.period {
                    Some(crate::model::Period::Implementation) => {
                        (" (implementation period)", "（实施期）")
                    }
                    Some(crate::model::Period::Annual) => (" (annual)", "（年度）"),
                    None => ("", ""),
                };
                let (kind_en, kind_zh) = match ind.level2.trim() {
                    "" => ("indicator".to_string(), "指标".to_string()),
                    level2 => (format!("{level2} indicator"), level2.to_string()),
                };
                let (of_en, of_zh) = set.owner();
                let (of_en, of_zh) = (format!(" of {of_en}"), format!("{of_zh}的"));
                let b = set
                    .finding(cx, &META)
                    .row_text(format!(
                        "{} / {} / {}{}",
                        ind.level1,
                        ind.level2,
                        ind.name,
                        match ind.period {
                            Some(crate::model::Period::Implementation) => "（实施期）",
                            Some(crate::model::Period::Annual) => "（年度）",
                            None => "",
                        }
                    ))
                    .column(category(ind).label_zh().to_string())
                    .texts(
                        "a name and a value such as ≥90%",
                        format!("{:?} {:?}", ind.name, ind.value.text),
                    );
                // An indicator without a name is told apart by its value.
                let (named_en, named_zh) = if ind.name.trim().is_empty() {
                    (
                        format!("{kind_en} valued {:?}", ind.value.text),
                        format!("{kind_zh}（指标值“{}”）", ind.value.text),
                    )
                } else {
                    (
                        format!("{kind_en} {:?}", ind.name),
                        format!("{kind_zh}“{}”", ind.name),
                    )
                };
                out.push(b.message(
                    format!("{named_en}{period_en}{of_en} {en}"),
                    format!("{of_zh}{named_zh}{period_zh}{zh}"),
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
                "indicators":[{{"level2":"满意度指标","name":"{name}","value":"{value}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn well_formed_values_pass() {
        for (n, v) in [("满意度", "≥95%"), ("及时性", "及时"), ("", "")] {
            assert!(run(&Values, &document(n, v)).is_empty(), "{n} {v}");
        }
    }

    #[test]
    fn missing_or_malformed_values_warn() {
        for (n, v) in [("客户满意度", ""), ("", "≥95%"), ("满意度", "≥ 个")] {
            assert_eq!(run(&Values, &document(n, v)).len(), 1, "{n} {v}");
        }
    }
}
