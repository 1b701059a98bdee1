//! NARR-005: the parts the narrative lists after 其中 do not add up to more than their whole.

use rust_decimal::Decimal;

use crate::audit::narrative::{Token, sentences, tokens};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct Parts;

static META: RuleMeta = RuleMeta {
    id: "NARR-005",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "The parts the narrative lists exceed their whole",
    title_zh: "说明中所列分项之和超过总额",
    explanation: "\
“X 万元，其中：A a 万元，B b 万元 …” lists parts of X. A 其中 list need not be complete, so
parts adding up to less than X are no finding; parts adding up to more than X are (one of the
figures is wrong). Lists with a breakdown inside (a second 其中, 包括, 含, brackets), or cut by a
year-on-year change, are not read.
Tolerance: half a unit of each printed figure's last digit.

Example: “收入 100.00 万元，其中：一般公共预算 80.00 万元，上年结转 30.00 万元” → reported: the parts add
up to 110.00, 10.00 more than the whole.",
};

/// Words that open a breakdown of a part.
const NESTING: [&str; 6] = ["其中", "包括", "含", "(", "（", "分别"];

/// Half a unit of the last digit of a figure printed with `decimals` decimals.
fn half(decimals: u32) -> Decimal {
    Decimal::new(5, decimals.min(26) + 1)
}

impl Rule for Parts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for section in &cx.doc.sections {
            for sentence in sentences(&section.text) {
                // A breakdown inside the list (包括, 含, a bracket, a second 其中) makes some
                // amounts parts of parts; such lists are not read.
                let Some((_, list)) = sentence.split_once("其中") else {
                    continue;
                };
                if NESTING.iter().any(|w| list.contains(w)) {
                    continue;
                }
                let tokens = tokens(sentence, cx.doc.year);
                let Some(start) = tokens
                    .iter()
                    .position(|t| matches!(t, Token::Amount { opens: true, .. }))
                else {
                    continue;
                };
                let Token::Amount {
                    value: whole,
                    decimals: whole_decimals,
                    ..
                } = &tokens[start]
                else {
                    continue;
                };
                let mut parts: Vec<(Decimal, u32)> = Vec::new();
                let mut nested = false;
                for t in &tokens[start + 1..] {
                    match t {
                        Token::Amount {
                            value,
                            decimals,
                            opens,
                            ..
                        } => {
                            nested |= *opens;
                            parts.push((*value, *decimals));
                        }
                        Token::Change { .. } => break,
                        Token::Share { .. } => {}
                    }
                }
                if nested || parts.len() < 2 {
                    continue;
                }
                let sum: Decimal = parts.iter().map(|p| p.0).sum();
                let slack: Decimal =
                    parts.iter().map(|p| half(p.1)).sum::<Decimal>() + half(*whole_decimals);
                if sum - whole <= slack {
                    continue;
                }
                let listed: Vec<String> = parts.iter().map(|p| p.0.to_string()).collect();
                out.push(
                    cx.finding(&META)
                        .section(section.heading.clone())
                        .sentence(sentence.trim())
                        .unit(crate::model::MoneyUnit::WanYuan)
                        .amounts(*whole, sum)
                        .message(
                            format!(
                                "the {} parts listed after {whole} 万元 add up to {sum} 万元, more than their whole: {}",
                                parts.len(),
                                listed.join(" + ")
                            ),
                            format!(
                                "{whole} 万元其中所列 {} 项之和为 {sum} 万元，超过总额：{}",
                                parts.len(),
                                listed.join(" + ")
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
            &format!(r#""sections":[{{"heading":"一、收支","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn complete_and_partial_lists_pass() {
        for text in [
            "收入总计 100.00 万元，其中：一般公共预算 70.00 万元，上年结转 30.00 万元。",
            "基本支出 100.00 万元，其中：人员经费 60.00 万元。",
            "基本支出 100.00 万元，其中：人员经费 60.00 万元，占 60%；公用经费 20.00 万元，占 20%。",
        ] {
            assert!(run(&Parts, &document(text)).is_empty(), "{text}");
        }
    }

    #[test]
    fn parts_exceeding_the_whole_are_reported() {
        let f = run(
            &Parts,
            &document("收入 100.00 万元，其中：一般公共预算 80.00 万元，上年结转 30.00 万元。"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("100.00"));
        assert_eq!(f[0].actual.as_deref(), Some("110.00"));
    }

    #[test]
    fn nested_lists_are_not_read() {
        for text in [
            "支出 100.00 万元，其中：项目 60.00 万元（其中：甲 30.00 万元），基本 40.00 万元。",
            "支出预算 1186.91 万元，其中基本支出 307.09 万元，包括人员经费 285.22 万元和日常公用经费 21.87 万元；项目支出 879.82 万元",
        ] {
            assert!(run(&Parts, &document(text)).is_empty(), "{text}");
        }
    }
}
