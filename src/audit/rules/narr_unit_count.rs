//! NARR-004: the number of budget units the narrative states is the number the tables list.

use std::sync::LazyLock;

use regex::Regex;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Document, RowRole, TableKind};

pub struct UnitCount;

static META: RuleMeta = RuleMeta {
    id: "NARR-004",
    group: Group::Narrative,
    severity: Severity::Warning,
    title: "The narrative counts a different number of units than the tables",
    title_zh: "说明中的预算单位数与预算表不一致",
    explanation: "\
The 预算单位构成 (and the 绩效目标 paragraph) say how many budget units the department's budget
consolidates: “机关及下属预算单位4个”, “包括局机关本级和 3 个局属部门预算” (3 + the bureau = 4),
“另设有1个局属单位” (1 + the bureau). The tables list the units: one row per unit in the 收入总表,
else the units of the 预算单位构成. A count that differs is reported.

Example: “机关及下属预算单位4个” while the tables list 晋城市科学技术局, 晋城市科学技术研究院 and
晋城市科学技术发展中心 → reported: expected 3, actual 4.",
};

/// A count of units and whether the bureau itself is to be added to it.
static PATTERNS: LazyLock<Vec<(Regex, u32)>> = LazyLock::new(|| {
    let n = "([0-9]+|[一二两三四五六七八九十]+)";
    [
        (format!("(?:机关|本级)及(?:下属|所属)?预算单位{n}个"), 0),
        (format!("预算单位(?:共|共有)?{n}个"), 0),
        (
            format!("(?:机关)?本级(?:预算)?和{n}个(?:局属|所属|下属|二级)?(?:部门|单位|事业单位)"),
            1,
        ),
        (format!("另设(?:有)?{n}个(?:局属|所属|下属|二级)单位"), 1),
    ]
    .into_iter()
    .map(|(p, add)| (Regex::new(&p).expect("valid pattern"), add))
    .collect()
});

/// `4`, `四`, `十二` as a number.
fn count(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let digit = |c: char| if c == '两' { Some(2) } else { digit(c) };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// The units the tables list: the 收入总表's unit rows, else the 预算单位构成.
fn listed_units(doc: &Document) -> Vec<String> {
    let rows: Vec<String> = doc
        .table(TableKind::IncomeSummary)
        .map(|t| {
            t.rows
                .iter()
                .filter(|r| r.role == Some(RowRole::Unit))
                .map(|r| r.label.clone())
                .collect()
        })
        .unwrap_or_default();
    if rows.is_empty() {
        doc.units.iter().map(|u| u.name.clone()).collect()
    } else {
        rows
    }
}

impl Rule for UnitCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let units = listed_units(cx.doc);
        if units.is_empty() {
            return;
        }
        let listed = units.len() as u32;
        for s in cx.sentences() {
            let (section, sentence, compact) = (s.section, s.text, s.compact.as_str());
            for (re, add) in PATTERNS.iter() {
                let Some(m) = re.captures(compact) else {
                    continue;
                };
                let Some(n) = count(&m[1]) else { continue };
                // “预算单位3个项目” counts projects, not units.
                let after = &compact[m.get(0).map_or(0, |w| w.end())..];
                if after.starts_with("项目") || after.starts_with("部门项目") {
                    break;
                }
                let stated = n + add;
                if stated != listed {
                    let said = m[0].to_string();
                    out.push(
                        cx.finding(&META)
                            .section(section.heading.clone())
                            .sentence(sentence.trim())
                            .texts(listed.to_string(), stated.to_string())
                            .message(
                                format!(
                                    "the narrative says {said:?} ({stated} units) but the tables list {listed}: {}",
                                    units.join(", ")
                                ),
                                format!(
                                    "说明中“{said}”（{stated} 个单位），预算表列出 {listed} 个：{}",
                                    units.join("、")
                                ),
                            ),
                    );
                }
                break; // one count per sentence
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(text: &str) -> Document {
        // The test document has two units (测试局机关, 测试中心).
        doc(
            "[]",
            &format!(r#""sections":[{{"heading":"三、预算单位构成","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn counts_that_match_the_units_pass() {
        for text in [
            "本预算包括局机关本级和 1 个局属单位预算。",
            "机关及下属预算单位2个，其中0个单位编报了整体绩效目标。",
            "另设有1个局属单位，分别是测试中心。",
            "预算单位构成：测试局本级。",
            "涉及预算单位5个项目。",
        ] {
            assert!(run(&UnitCount, &document(text)).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_count_that_differs_is_reported_with_the_units_listed() {
        let f = run(
            &UnitCount,
            &document("机关及下属预算单位4个，其中0个单位编报了。"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("2"));
        assert_eq!(f[0].actual.as_deref(), Some("4"));
        assert!(
            f[0].message.ends_with("测试局机关, 测试中心"),
            "{}",
            f[0].message
        );
        let f = run(&UnitCount, &document("包括局机关本级和三个局属部门预算。"));
        assert_eq!(f[0].actual.as_deref(), Some("4"));
    }

    #[test]
    fn chinese_numerals_are_read() {
        assert_eq!(count("三"), Some(3));
        assert_eq!(count("十二"), Some(12));
        assert_eq!(count("二十"), Some(20));
        assert_eq!(count("两"), Some(2));
        assert_eq!(count("百"), None);
    }
}
