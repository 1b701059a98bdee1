//! NARR-002: a share the narrative states (占 x%) is the part over the whole it names.

use rust_decimal::Decimal;

use crate::audit::narrative::{ClaimKind, Stated};
use crate::audit::numbers::{percent, round};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct Shares;

static META: RuleMeta = RuleMeta {
    id: "NARR-002",
    group: Group::Narrative,
    severity: Severity::Warning,
    title: "A stated share does not match its amounts",
    title_zh: "说明中的占比与金额不符",
    explanation: "\
In “支出合计 1758.18 万元，其中：基本支出 1465.18 万元，占 83.33%”, the share is the part (1465.18)
over the amount that opens the enumeration (1758.18): 83.335…%. A share is consistent when it is
within the percentage tolerance (default 0.01 points, plus half a unit of its last digit) of the
ratio of the printed amounts, or of the amounts the tables give for the same subjects.

Example: “公务接待费 3.12 万元，占 50%” of a 3.12 total → reported: expected 100, actual 50.",
};

pub fn percent_tolerance(cx: &Context, decimals: u32) -> Decimal {
    cx.config.percent_points.unwrap_or(Decimal::new(1, 2)) + Decimal::new(5, decimals + 1)
}

impl Rule for Shares {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for claim in cx.claims() {
            let ClaimKind::Share {
                part,
                wholes,
                pct,
                decimals,
            } = &claim.kind
            else {
                continue;
            };
            let (pct, decimals) = (*pct, *decimals);
            let tol = percent_tolerance(cx, decimals);
            let matches =
                |p: Decimal, w: Decimal| percent(p, w).is_some_and(|e| (e - pct).abs() <= tol);
            if wholes.iter().any(|w| matches(part.value, w.value)) {
                continue;
            }
            // The printed amounts may themselves be misprinted: accept the tables' figures too.
            let values = |s: &Stated| {
                let mut v = vec![s.value];
                v.extend(s.subject.map(|s| cx.readings(s)).unwrap_or_default());
                v
            };
            let parts = values(part);
            if parts
                .iter()
                .any(|p| wholes.iter().flat_map(values).any(|w| matches(*p, w)))
            {
                continue;
            }
            let whole = wholes[0].value;
            let Some(expected) = percent(part.value, whole) else {
                continue;
            };
            let expected = round(expected, decimals.max(2));
            let part = part.value;
            out.push(
                cx.finding(&META)
                    .section(claim.section.clone())
                    .sentence(claim.sentence.clone())
                    .percents(expected, pct)
                    .message(
                        format!("{part} of {whole} is {expected}%, but the narrative says {pct}%"),
                        format!("{part} 占 {whole} 的 {expected}%，说明中为 {pct}%"),
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
            &format!(r#""sections":[{{"heading":"三","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn shares_within_tolerance_pass_and_others_warn() {
        let ok = "支出合计 1758.18 万元，其中：基本支出 1465.18 万元，占 83.33%；项目支出 293 万元，占 16.67%。";
        assert!(run(&Shares, &document(ok)).is_empty());
        let bad = "支出合计 1758.18 万元，其中：基本支出 1465.18 万元，占 80.33%；项目支出 293 万元，占 16.67%。";
        let f = run(&Shares, &document(bad));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("83.34"));
    }
}
