//! NARR-006: a growth rate stated beside last year's and this year's amounts follows from them.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::numbers::{growth_range, percent, round};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct StatedRates;

static META: RuleMeta = RuleMeta {
    id: "NARR-006",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "A growth rate does not follow from the two amounts stated beside it",
    title_zh: "说明中的增减幅度与所列上年数、本年数不符",
    explanation: "\
“2022年当年预算执行数为 P 万元，2023年预算安排 C 万元，比2022年预算执行数增加 y%” (the way
Shanghai's 预算编制说明 describes each 项) states both amounts, so y must be (C − P) ÷ P × 100,
within what the rounding of P and C to their printed digits allows and half a unit of y's last
digit. A fall stated as an increase, or the reverse, is reported too. A rate from a last-year
amount of 0 is not checked (100% is the usual convention).

Example: “2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%”:
(45.41 − 11.67) ÷ 11.67 = 289.12% → reported: expected 289.12, actual 314.82.",
};

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(\d[\d,]*(?:\.\d+)?)";
    Regex::new(&format!(
        r"(\d{{4}})年(?:当年)?预算执行数为{num}万元[，,]?(\d{{4}})年预算(?:安排|数为|为)?{num}万元[，,]?比(\d{{4}})年(?:当年)?预算执行数(增加|减少|增长|下降){num}[%％]"
    ))
    .expect("valid pattern")
});

fn number(text: &str) -> Option<Decimal> {
    text.replace(',', "").parse().ok()
}

impl Rule for StatedRates {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for s in cx.sentences() {
            let (section, sentence, compact) = (s.section, s.text, s.compact.as_str());
            for m in PATTERN.captures_iter(compact) {
                // The base year is the one whose amount is stated.
                if m[1] != m[5] {
                    continue;
                }
                let (Some(prior), Some(current), Some(printed)) =
                    (number(&m[2]), number(&m[4]), number(&m[7]))
                else {
                    continue;
                };
                let Some((lo, hi)) = growth_range(prior, current, |p, c| (c - p, p)) else {
                    continue;
                };
                let falls = matches!(&m[6], "减少" | "下降");
                let pct = if falls { -printed } else { printed };
                let decimals = printed.scale();
                let tol =
                    Decimal::new(5, decimals + 1) + cx.config.percent_points.unwrap_or_default();
                if pct >= lo - tol && pct <= hi + tol {
                    continue;
                }
                let Some(exact) = percent(current - prior, prior) else {
                    continue;
                };
                let expected = round(exact, decimals.max(2));
                let said = m[0].to_string();
                out.push(
                    cx.finding(&META)
                        .section(section.heading.clone())
                        .sentence(sentence.trim())
                        .percents(expected, pct)
                        .message(
                            format!(
                                "“{said}”: from {prior} to {current} 万元 is {expected:+}%, but the narrative says {pct:+}%"
                            ),
                            format!(
                                "“{said}”：由 {prior} 万元到 {current} 万元，幅度为 {expected:+}%，说明中为 {pct:+}%"
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
            &format!(r#""sections":[{{"heading":"部门预算编制说明","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn a_rate_the_two_amounts_do_not_give_is_found() {
        // Shanghai 万里街道 2023, item 3.
        let f = run(
            &StatedRates,
            &document(
                "“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”45.41万元。2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%。",
            ),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("289.12"));
        assert_eq!(f[0].actual.as_deref(), Some("314.82"));
        assert!(
            f[0].message
                .contains("from 11.67 to 45.41 万元 is +289.12%"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn rates_that_follow_pass_as_do_falls_and_a_base_of_zero() {
        for text in [
            // (441.25 − 274.85) ÷ 274.85 = 60.54%.
            "2022年当年预算执行数为274.85万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。",
            // (110.60 − 114.00) ÷ 114.00 = −2.98%.
            "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数减少2.98%。",
            "2022年当年预算执行数为0万元，2023年预算安排60.13万元，比2022年预算执行数增加100.00%。",
            // Spaces inside the number and before % as printed.
            "2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。",
        ] {
            assert!(run(&StatedRates, &document(text)).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_fall_stated_as_an_increase_is_found() {
        let f = run(
            &StatedRates,
            &document(
                "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数增加2.98%。",
            ),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("-2.98"));
    }
}
