//! NARR-003: a year-on-year change (增加/减少 x 万元，增长/下降 y%) is arithmetically consistent.

use rust_decimal::Decimal;

use crate::audit::narrative::{ClaimKind, clause_around};
use crate::audit::numbers::{growth_range, percent, round};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct Changes;

static META: RuleMeta = RuleMeta {
    id: "NARR-003",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "A stated year-on-year change does not add up",
    title_zh: "说明中的增减额与增减幅度不符",
    explanation: "\
“A 万元，比上年减少 d 万元，下降 p%” implies last year's amount was A + d and p = d ÷ (A + d) × 100
(for an increase, A − d and d ÷ (A − d) × 100). A is the amount the change follows (or, after a
其中 enumeration, the amount that opens it); the table figure for the same subject is also
accepted. An increase stated as a fall, or the reverse, is reported too.

Example: “机构运转经费支出预算 5.11 万元，比 2024 年减少 0.42 万元，下降 0.8%”: last year 5.53, so the
fall is 7.59% → reported: expected 7.59, actual 0.8.",
};

impl Rule for Changes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for claim in cx.claims() {
            let ClaimKind::Change {
                currents,
                subject,
                delta,
                pct,
                decimals,
            } = &claim.kind
            else {
                continue;
            };
            let (delta, pct) = (*delta, *pct);
            let expected_of = |current: Decimal| {
                let prior = current - delta;
                if prior <= Decimal::ZERO {
                    None
                } else {
                    percent(delta, prior)
                }
            };
            // Half a unit of the percentage's last printed digit, plus what the config adds.
            let tol = Decimal::new(5, decimals + 1) + cx.config.percent_points.unwrap_or_default();
            let signs_agree = delta.is_sign_negative() == pct.is_sign_negative()
                || delta.is_zero()
                || pct.is_zero();
            let fits = |c: Decimal| {
                growth_range(c, delta, |c, d| (d, c - d))
                    .is_some_and(|(lo, hi)| pct >= lo - tol && pct <= hi + tol)
            };
            // Any amount the text allows, else the tables' figure for the subject it names.
            let consistent = signs_agree
                && (currents.iter().any(|c| fits(c.value))
                    || currents
                        .iter()
                        .filter_map(|c| c.subject)
                        .chain(*subject)
                        .any(|s| cx.readings(s).into_iter().any(fits)));
            if consistent {
                continue;
            }
            let Some(current) = currents.first().map(|c| c.value) else {
                continue;
            };
            let Some(expected) = expected_of(current) else {
                continue;
            };
            let expected = round(expected, (*decimals).max(2));
            // Quote the words checked: one sentence may state several changes.
            let quoted = clause_around(&claim.sentence, &format!("{}%", pct.abs()))
                .map(|c| (format!("“{c}”: "), format!("“{c}”：")))
                .unwrap_or_default();
            let ten = crate::audit::numbers::off_by_ten_note(expected, pct);
            out.push(
                cx.finding(&META)
                    .section(claim.section.clone())
                    .sentence(claim.sentence.clone())
                    .percents(expected, pct)
                    .message(
                        format!(
                            "{}a change of {delta} 万元 on {current} 万元 (last year {}) is {expected}%, but the narrative says {pct}%{}",
                            quoted.0,
                            current - delta,
                            ten.0
                        ),
                        format!("{}由上年 {} 万元变动 {delta} 万元至 {current} 万元，幅度为 {expected}%，说明中为 {pct}%{}", quoted.1, current - delta, ten.1),
                    ),
            );
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
            &format!(r#""sections":[{{"heading":"十","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn consistent_changes_pass_and_others_are_found() {
        assert!(
            run(
                &Changes,
                &document("“三公”经费预算为 3.12 万元。比 2024 年减少 0.07 万元，下降 2.19%。")
            )
            .is_empty()
        );
        let f = run(
            &Changes,
            &document(
                "机构运转经费支出预算 5.11 万元，比 2024 年减少 0.42 万元，下降 0.8%，主要原因：人员变化。",
            ),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("-7.59"));
        assert_eq!(f[0].actual.as_deref(), Some("-0.8"));
        // The message quotes the clause checked and is no slipped decimal point.
        assert!(
            f[0].message
                .starts_with("“比 2024 年减少 0.42 万元，下降 0.8%”: ")
        );
        assert!(!f[0].message.contains("factor of 10"));
        let f = run(
            &Changes,
            &document("收入总计 1758.18 万元，与 2024 年相比，收入减少 11.93 万元，减少 6.73%。"),
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .ends_with("a factor of 10 off: a slipped decimal point?"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_rate_truncated_instead_of_rounded_is_found_and_the_amounts_rounding_is_allowed() {
        // Jiangsu 2019: 1297.83 / 8072.29 = 16.0776%: 16.08%, not 16.07%.
        let f = run(
            &Changes,
            &document("行政运行（项）支出9370.12万元，与上年相比增加1297.83万元，增长16.07%。"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("16.08"));
        assert!(
            run(
                &Changes,
                &document("行政运行（项）支出9370.12万元，与上年相比增加1297.83万元，增长16.08%。")
            )
            .is_empty()
        );
        // 0.07 on 3.12 is 2.19%, but 0.065–0.075 on 3.115–3.125 allows 2.04%–2.47%: small
        // amounts printed to the 分 of 万元 cannot pin the rate down further.
        assert!(
            run(
                &Changes,
                &document("经费预算为 3.12 万元。比 2024 年减少 0.07 万元，下降 2.4%。")
            )
            .is_empty()
        );
    }

    #[test]
    fn direction_must_agree() {
        assert_eq!(
            run(
                &Changes,
                &document("预算 5.11 万元，比上年增加 0.42 万元，下降 8.96%。")
            )
            .len(),
            1
        );
    }
}
