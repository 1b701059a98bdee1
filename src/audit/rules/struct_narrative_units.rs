//! STRUCT-006: the units the 预算单位构成 names are named as the tables name them.

use crate::audit::narrative::sentences;
use crate::audit::projects::name_key;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Unit;

pub struct NarrativeUnitNames;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-006",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "A unit is named differently in the narrative and the tables",
    title_zh: "说明与预算表中的单位名称不一致",
    explanation: "\
The 预算单位构成 lists the units the budget consolidates (“具体是：甲、乙、丙。”). Each should be named
as the tables name it. A listed name that is no unit's name or alias, but clearly stands for one
unit (it shares a long start with that unit's name and no other's), is reported with both names.
Names that resemble no unit are left alone.

Example: the 概况 lists 三门峡市有色金属技术发展中心 while the tables print 310004
三门峡市有色金属科学研究中心 → reported.",
};

/// Words after which a section lists unit names.
const LIST_OPENERS: [&str; 3] = ["具体是：", "分别是", "包括："];

/// Endings of a body's name; other list items (本级预算, 内设科室) are not unit names.
const UNIT_ENDINGS: [&str; 10] = [
    "中心",
    "局",
    "院",
    "所",
    "站",
    "队",
    "馆",
    "校",
    "委员会",
    "办公室",
];

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The names listed after an opener in `sentence`.
fn listed_names(sentence: &str) -> Vec<String> {
    let Some(rest) = LIST_OPENERS
        .iter()
        .find_map(|o| sentence.split_once(o).map(|(_, r)| r))
    else {
        return Vec::new();
    };
    rest.trim_start_matches(['：', ':'])
        .split(['、', '，', ',', '；'])
        .map(|s| s.trim().trim_end_matches(['。', '.']).trim().to_string())
        .filter(|s| UNIT_ENDINGS.iter().any(|e| s.ends_with(e)))
        .collect()
}

/// The one unit `name` stands for, if it is not a unit's own name.
fn misnamed<'u>(name: &str, units: &'u [Unit], shared: usize) -> Option<&'u Unit> {
    let key = name_key(name);
    let names = |u: &'u Unit| std::iter::once(&u.name).chain(&u.aliases);
    if units.iter().any(|u| names(u).any(|n| name_key(n) == key)) {
        return None;
    }
    let mut best: Vec<(&Unit, usize)> = units
        .iter()
        .map(|u| (u, common_prefix(&key, &name_key(&u.name))))
        .collect();
    best.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    match best.as_slice() {
        [(u, n), rest @ ..] if *n >= shared + 2 && rest.first().is_none_or(|(_, m)| m < n) => {
            Some(u)
        }
        _ => None,
    }
}

impl Rule for NarrativeUnitNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let units = &cx.doc.units;
        if units.len() < 2 {
            return;
        }
        // The start all unit names share (the region: 三门峡市) says nothing about which is meant.
        let shared = units
            .iter()
            .map(|u| common_prefix(&name_key(&units[0].name), &name_key(&u.name)))
            .min()
            .unwrap_or(0);
        for section in cx
            .doc
            .sections
            .iter()
            .filter(|s| s.heading.contains("构成"))
        {
            for sentence in sentences(&section.text) {
                for name in listed_names(sentence) {
                    let Some(unit) = misnamed(&name, units, shared) else {
                        continue;
                    };
                    let code = unit.code.as_deref().unwrap_or("");
                    out.push(
                        cx.finding(&META)
                            .section(section.heading.clone())
                            .sentence(sentence.trim())
                            .texts(unit.name.clone(), name.clone())
                            .message(
                                format!(
                                    "the narrative names unit {code} {name:?}; the tables name it {:?}",
                                    unit.name
                                ),
                                format!(
                                    "说明中单位 {code} 名为“{name}”，预算表中为“{}”",
                                    unit.name
                                ),
                            ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn document(list: &str) -> crate::model::Document {
        // Units of the test document: 900001 测试局机关, 900002 测试中心.
        doc(
            "[]",
            &format!(
                r#""sections":[{{"heading":"三、预算单位构成","text":"本预算为汇总预算，具体是：{list}。"}}]"#
            ),
        )
    }

    #[test]
    fn the_tables_names_pass() {
        assert!(run(&NarrativeUnitNames, &document("测试局机关、测试中心")).is_empty());
        // A name like no unit is not guessed at.
        assert!(run(&NarrativeUnitNames, &document("测试局机关、另一个站")).is_empty());
    }

    #[test]
    fn a_unit_named_otherwise_is_reported() {
        let mut d = doc(
            "[]",
            r#""sections":[{"heading":"三、预算单位构成情况","text":"具体是：三门峡市产业技术研究中心、三门峡市有色金属技术发展中心。"}]"#,
        );
        let unit = |code: &str, name: &str| Unit {
            code: Some(code.into()),
            name: name.into(),
            kind: None,
            aliases: Vec::new(),
        };
        d.units = vec![
            unit("310003", "三门峡市产业技术研究中心"),
            unit("310004", "三门峡市有色金属科学研究中心"),
        ];
        let f = run(&NarrativeUnitNames, &d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].expected.as_deref(),
            Some("三门峡市有色金属科学研究中心")
        );
        assert_eq!(f[0].actual.as_deref(), Some("三门峡市有色金属技术发展中心"));
        assert!(f[0].message.contains("310004"));
    }
}
