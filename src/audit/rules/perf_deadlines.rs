//! PERF-007: dates in annual targets fall inside the budget year.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Period;

pub struct Deadlines;

static META: RuleMeta = RuleMeta {
    id: "PERF-007",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "An annual target's date falls outside the budget year",
    title_zh: "年度绩效目标的时间不在预算年度内",
    explanation: "\
An annual target (年度目标) is to be met within the budget year. A value naming another year, such
as 2025年12月底前 in a 2026 budget, was probably copied from last year's targets. Targets marked
as implementation-period (实施期) targets may end in a later year, but a deadline (前, 底, 完成)
before the budget year is past before the money is spent and is reported there too.

Example: 2026 budget, “十五五”规划整体编制完成时间 2026年12月底前 → consistent.",
};

/// Years written as `2025年` in `text`.
fn years(text: &str) -> Vec<u16> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 0..chars.len() {
        if i + 4 < chars.len() && chars[i + 4] == '年' && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let digits: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = digits.parse::<u16>()
                && (1990..2100).contains(&y)
            {
                found.push(y);
            }
        }
    }
    found
}

impl Rule for Deadlines {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let year = cx.doc.year;
        for target in &cx.doc.performance.projects {
            for ind in &target.indicators {
                let text = &ind.value.text;
                let whole_period = ind.period == Some(Period::Implementation);
                let deadline = ["前", "底", "完成"].iter().any(|w| text.contains(w));
                let outside = |y: u16| {
                    if whole_period {
                        deadline && y < year
                    } else {
                        y != year
                    }
                };
                let Some(&other) = years(text).iter().find(|&&y| outside(y)) else {
                    continue;
                };
                let period = if whole_period { "（实施期）" } else { "" };
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", target.name))
                        .row_text(format!("{}{period}", ind.name))
                        .project(target.name.clone())
                        .texts(format!("a date in {year}"), ind.value.text.clone())
                        .message(
                            format!(
                                "{:?} targets {} ({other}), outside the {year} budget year",
                                ind.name, ind.value.text
                            ),
                            format!(
                                "指标“{}”的指标值“{}”不在 {year} 预算年度内",
                                ind.name, ind.value.text
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

    fn document(value: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"甲","money_unit":"万元",
                "indicators":[{{"level2":"时效指标","name":"完成时间","value":"{value}"}}]}}]}}"#
            ),
        )
    }

    #[test]
    fn dates_in_the_budget_year_pass_others_warn() {
        assert!(run(&Deadlines, &document("2025年12月底前")).is_empty());
        assert!(run(&Deadlines, &document("及时")).is_empty());
        assert_eq!(run(&Deadlines, &document("2024年12月底前")).len(), 1);
        assert_eq!(years("12025年"), Vec::<u16>::new());
    }

    #[test]
    fn implementation_period_deadlines_before_the_budget_year_warn() {
        let d = |value: &str| {
            doc(
                "[]",
                &format!(
                    r#""performance":{{"projects":[{{"name":"甲","money_unit":"万元",
                    "indicators":[{{"level2":"时效指标","name":"完成时间","value":"{value}","period":"implementation"}}]}}]}}"#
                ),
            )
        };
        // A multi-year project may end later; it may not end before the budget year starts.
        assert!(run(&Deadlines, &d("2027年12月底前")).is_empty());
        assert!(run(&Deadlines, &d("2024-2026年")).is_empty());
        let f = run(&Deadlines, &d("2024年12月底前完成"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.row.as_deref(), Some("完成时间（实施期）"));
    }
}
