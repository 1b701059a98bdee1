//! PERF-013: an indicator's value gives the quantity its own name states.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::perf::indicator_sets;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::IndicatorValue;
use crate::text::compact;

pub struct NamedQuantity;

static META: RuleMeta = RuleMeta {
    id: "PERF-013",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "An indicator's value contradicts the quantity its name states",
    title_zh: "绩效指标值与指标名称中的数量不一致",
    explanation: "\
An indicator whose name states one quantity (采购5台电脑设备, 上缴国库80万非税收入, 资金到位率100%)
must have a value of that quantity: 5台, ≥80万, 100%. Reported: the value is a number of the same
measure (台, 人, 家, %, 万元 …) but another number. A name with several quantities, or a number
that is a date or an ordinal (2025年, 标准1), is not compared.

Example: 采购5台电脑设备 with value 3台 → reported: the name says 5台, the value 3台.",
};

/// Measures a count or an amount is given in; dates (年, 月, 日) are not among them.
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d+(?:\.\d+)?)(万元|亿元|元|万|%|人次|人|台|套|个|家|次|场|项|件|篇|册|份|户|所|名|批|辆|公里|平方米|亩|小时|课时|学时|座|处|条|本|张|吨)",
    )
    .expect("valid pattern")
});

/// The one quantity a name states: its number and measure.
fn stated(name: &str) -> Option<(Decimal, String)> {
    let name = compact(name);
    // A name that is itself a value (>10%, an import's shifted cell) states nothing.
    if IndicatorValue::new(name.as_str()).parsed.is_some() {
        return None;
    }
    let mut found = QUANTITY.captures_iter(&name).filter(|m| {
        // A digit run glued to a letter or another digit group (编号A3台区) is not a quantity.
        let start = m.get(0).map_or(0, |g| g.start());
        !name[..start].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
    });
    let m = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some((m[1].parse().ok()?, m[2].to_string()))
}

/// 万 and 万元 are one measure in a name (上缴80万非税收入 → ≥80万元).
fn same_measure(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        if s == "万" {
            "万元".to_string()
        } else {
            s.to_string()
        }
    };
    norm(a.trim()) == norm(b.trim())
}

impl Rule for NamedQuantity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for set in indicator_sets(cx.doc) {
            for ind in set.indicators {
                let (Some(value), Some((number, measure))) = (&ind.value.parsed, stated(&ind.name))
                else {
                    continue;
                };
                if !same_measure(&value.unit, &measure) || value.upper.is_some() {
                    continue;
                }
                if value.number == number {
                    continue;
                }
                let said = format!("{number}{measure}");
                let b = set
                    .finding(cx, &META)
                    .row_text(ind.name.clone())
                    .texts(said.clone(), ind.value.text.clone());
                let (of_en, of_zh) = set.owner();
                out.push(b.message(
                    format!(
                        "the indicator {:?} of {of_en} names {said}, but its value is {}",
                        ind.name, ind.value.text
                    ),
                    format!(
                        "{of_zh}的指标“{}”名称中为 {said}，指标值却为 {}",
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
                "indicators":[{{"level2":"数量指标","name":"{name}","value":"{value}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn a_value_other_than_the_named_quantity_is_reported() {
        let f = run(&NamedQuantity, &document("采购5台电脑设备", "3台"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("5台"));
        assert_eq!(f[0].actual.as_deref(), Some("3台"));
        assert!(f[0].message.contains("采购5台电脑设备"), "{}", f[0].message);
        assert_eq!(
            run(&NamedQuantity, &document("上缴国库80万非税收入", "≥60万元")).len(),
            1
        );
        assert_eq!(
            run(&NamedQuantity, &document("资金到位率100%", "≥95%")).len(),
            1
        );
    }

    #[test]
    fn names_without_one_comparable_quantity_pass() {
        for (n, v) in [
            ("采购5台电脑设备", "5台"),
            ("上缴国库80万非税收入", "≥80万"),
            ("2024年度省级产业技术创新战略联盟数量", "1家"),
            ("生活补助发放标准1", "≤682元/人/月"),
            ("2025年12月底完成", "1-12月"),
            // Another measure, or two quantities in the name.
            ("培训5期", "300人次"),
            ("支持5个项目每个20万元", "3个"),
            // A range is not one number.
            ("培训100人", "90-110人"),
            // A value printed in the name's place.
            (">10%", "≥95%"),
        ] {
            assert!(run(&NamedQuantity, &document(n, v)).is_empty(), "{n} {v}");
        }
    }
}
