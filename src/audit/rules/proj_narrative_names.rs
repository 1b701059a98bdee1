//! PROJ-007: a project the narrative quotes is named as the tables name it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::audit::projects::{distance, name_key, similar};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct NarrativeProjectNames;

static META: RuleMeta = RuleMeta {
    id: "PROJ-007",
    group: Group::Projects,
    severity: Severity::Warning,
    title: "A project the narrative quotes is named otherwise in the tables",
    title_zh: "说明中引用的项目名称与预算表不一致",
    explanation: "\
A name the narrative quotes (“…”, 《…》) that no project carries, but that differs in at most two
characters, and in at most one of four, from exactly one project of the 项目支出表 or the targets
(names of six characters or more), is that project misnamed in one of the two places. A quoted name that contains a
project's name or is contained in it (the project with or without 项目, a policy named after it)
is not reported.

Example: the narrative quotes “科技交流合作与招商引智” while the 项目支出表 prints 科技交流合作与招商引资
→ reported, expected 科技交流合作与招商引资, actual 科技交流合作与招商引智.",
};

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[“《「]([^“”《》「」]{4,60})[”》」]").expect("valid pattern"));

/// Near enough to be one name misprinted, stricter than between tables (free text quotes many
/// names): six characters at least, and at most one in four of them different.
fn close(project: &str, quoted: &str) -> bool {
    let shorter = project.chars().count().min(quoted.chars().count());
    shorter >= 6 && similar(project, quoted) && distance(project, quoted) * 4 <= shorter
}

impl Rule for NarrativeProjectNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let projects = cx.projects();
        if projects.is_empty() {
            return;
        }
        let keys: Vec<(String, usize)> = projects
            .iter()
            .map(|p| name_key(&p.name))
            .map(|k| {
                let n = k.chars().count();
                (k, n)
            })
            .collect();
        let known: HashSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let mut seen: HashSet<String> = HashSet::new();
        for s in cx.sentences() {
            for m in QUOTED.captures_iter(&s.compact) {
                let quoted = name_key(&m[1]);
                if known.contains(quoted.as_str()) || seen.contains(&quoted) {
                    continue;
                }
                // At most two characters apart: lengths tell most names apart at once.
                let len = quoted.chars().count();
                let near: HashSet<&str> = keys
                    .iter()
                    .filter(|(_, n)| n.abs_diff(len) <= 2)
                    .map(|(k, _)| k.as_str())
                    .filter(|k| !k.contains(quoted.as_str()) && !quoted.contains(k))
                    .filter(|k| close(k, &quoted))
                    .collect();
                let Some(&key) = near.iter().next().filter(|_| near.len() == 1) else {
                    continue;
                };
                let Some(p) = projects.iter().find(|p| name_key(&p.name) == key) else {
                    continue;
                };
                seen.insert(quoted.clone());
                out.push(
                    cx.finding(&META)
                        .section(s.section.heading.clone())
                        .sentence(s.text.trim())
                        .project(p.name.clone())
                        .texts(p.name.clone(), m[1].to_string())
                        .message(
                            format!(
                                "the narrative quotes {:?}, which no project is called; the tables name the project {:?}",
                                &m[1], p.name
                            ),
                            format!(
                                "说明中引用“{}”，无此名称的项目；预算表中的项目名为“{}”",
                                &m[1], p.name
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
            r#"[{"id":"t09","kind":"project_expenditure","title":"项目支出表","unit":"万元",
                 "columns":[{"key":"total","header":["合计"]}],
                 "rows":[
                   {"role":"project","label":"科技交流合作与招商引资","amounts":["10.00"]},
                   {"role":"project","label":"科普宣传","amounts":["5.00"]},
                   {"role":"project","label":"2025年科技创新券","amounts":["5.00"]}]}]"#,
            &format!(r#""sections":[{{"heading":"项目支出说明","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn a_project_quoted_under_another_name_is_reported_once() {
        let said = "安排“科技交流合作与招商引智”项目10万元。";
        let f = run(&NarrativeProjectNames, &document(&format!("{said}{said}")));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("科技交流合作与招商引资"));
        assert_eq!(f[0].actual.as_deref(), Some("科技交流合作与招商引智"));
        assert_eq!(f[0].project.as_deref(), Some("科技交流合作与招商引资"));
    }

    #[test]
    fn names_as_printed_and_names_built_on_them_pass() {
        for text in [
            "安排“科技交流合作与招商引资”项目10万元。",
            "安排“科技交流合作与招商引资项目”10万元。",
            "依据《科普宣传管理办法》。",
            // Too short, or too different, to tell a misprint from another name.
            "开展“科普讲座”。",
            "开展“科技交流合作与学术研讨”。",
            "根据《中华人民共和国预算法》编制。",
        ] {
            assert!(
                run(&NarrativeProjectNames, &document(text)).is_empty(),
                "{text}"
            );
        }
    }
}
