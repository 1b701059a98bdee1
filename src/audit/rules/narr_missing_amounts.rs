//! NARR-008: the narrative prints 万元 where a figure belongs, with no figure.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct MissingAmounts;

static META: RuleMeta = RuleMeta {
    id: "NARR-008",
    group: Group::Narrative,
    severity: Severity::Warning,
    title: "The narrative prints 万元 with no figure before it",
    title_zh: "说明中“万元”前缺少金额",
    explanation: "\
A template filled in without its figure reads “2019年政府性基金支出预算支出 万元”: 万元 straight
after 支出, 收入, 预算, 合计, 总计, 安排, 为 or a bracket, where the amount belongs. The reader
cannot tell 0 from an omission. 单位：万元 and 单位为万元 (the unit of a table) are not figures.

Example: “江苏省人大常委会办公厅2019年政府性基金支出预算支出 万元。” → reported.",
};

/// Words a figure in 万元 follows.
const BEFORE: [&str; 9] = [
    "支出", "收入", "预算", "合计", "总计", "安排", "为", "）", ")",
];

impl Rule for MissingAmounts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for s in cx.sentences() {
            let (section, sentence, compact) = (s.section, s.text, s.compact.as_str());
            let missing = compact.match_indices("万元").find(|&(at, _)| {
                let before = &compact[..at];
                BEFORE.iter().any(|w| before.ends_with(w))
                    && !before.ends_with("单位为")
                    && !before.ends_with("单位")
            });
            let Some((at, _)) = missing else {
                continue;
            };
            let start = compact[..at]
                .char_indices()
                .rev()
                .nth(7)
                .map_or(0, |(i, _)| i);
            let shown = &compact[start..at + "万元".len()];
            out.push(
                cx.finding(&META)
                    .section(section.heading.clone())
                    .sentence(sentence.trim())
                    .texts("an amount before 万元", "none")
                    .message(
                        format!("“…{shown}” prints no amount before 万元"),
                        format!("“…{shown}”中“万元”前缺少金额"),
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
            &format!(
                r#""sections":[{{"heading":"十、政府性基金预算支出预算情况说明","text":"{text}"}}]"#
            ),
        )
    }

    #[test]
    fn a_missing_figure_is_found_once_per_sentence() {
        let f = run(
            &MissingAmounts,
            &document(
                "江苏省人大常委会办公厅2019年政府性基金支出预算支出 万元。与上年相比增加（减少） 万元，增长（下降）%。",
            ),
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].message.contains("预算支出万元” prints no amount"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn figures_and_units_pass() {
        for text in [
            "2019年政府性基金支出预算支出 0 万元。",
            "本表单位：万元。金额单位为万元。",
            "支出合计 1758.18 万元，比上年减少 0.42 万元。",
        ] {
            assert!(run(&MissingAmounts, &document(text)).is_empty(), "{text}");
        }
    }
}
