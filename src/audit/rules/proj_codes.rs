//! PROJ-005: project codes of one document share one form.

use std::collections::HashMap;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct ProjectCodes;

static META: RuleMeta = RuleMeta {
    id: "PROJ-005",
    group: Group::Projects,
    severity: Severity::Warning,
    title: "A project code has an irregular form",
    title_zh: "项目编码格式不规范",
    explanation: "\
Project codes (项目编码) come from one system and share one length within a document, and hold
only letters and digits (41120025000000054539, 13030325P00385410058N). A code whose length
differs from most others', or that holds other characters, was probably mistyped: a digit lost
or doubled.

Example: 411200250000000054537 (21 characters) among codes like 41120025000000054539 (20): one of
the two lengths is wrong; the minority is reported, or, when neither length is in the majority,
one finding for the document names both.",
};

/// The shape of a code: its length, and whether it holds anything but ASCII letters and digits.
/// (Letters inside codes vary legitimately: 13030325P00442R10012N beside 13030325P003855100371.)
fn shape(code: &str) -> String {
    let odd = if code.chars().all(|c| c.is_ascii_alphanumeric()) {
        ""
    } else {
        "?"
    };
    format!("{}{odd}", code.chars().count())
}

impl Rule for ProjectCodes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut codes: Vec<(String, String)> = cx
            .projects()
            .iter()
            .filter_map(|p| Some((p.code.clone()?, p.name.clone())))
            .collect();
        for t in &doc.performance.projects {
            if let Some(code) = &t.code
                && !codes.iter().any(|(c, _)| c == code)
            {
                codes.push((code.clone(), t.name.clone()));
            }
        }
        let mut shapes: HashMap<String, usize> = HashMap::new();
        for (code, _) in &codes {
            *shapes.entry(shape(code)).or_default() += 1;
        }
        let Some((common, &count)) = shapes.iter().max_by_key(|(s, n)| (**n, s.len())) else {
            return;
        };
        // No majority form: one finding for the document, naming the lengths.
        let tied = shapes.values().filter(|&&n| n == count).count() > 1;
        if tied {
            let mut lengths: Vec<(&str, usize)> = shapes
                .iter()
                .map(|(s, n)| (s.trim_end_matches('?'), *n))
                .collect();
            lengths.sort();
            let forms: Vec<String> = lengths
                .iter()
                .map(|(l, n)| format!("{l} characters × {n}"))
                .collect();
            let forms_zh: Vec<String> = lengths
                .iter()
                .map(|(l, n)| format!("{l}位 {n} 个"))
                .collect();
            // Name every code and its project, so the finding can be checked line by line.
            let listing = |unit: &str, sep: &str| {
                lengths
                    .iter()
                    .map(|(l, _)| {
                        let of_length: Vec<String> = codes
                            .iter()
                            .filter(|(c, _)| shape(c).trim_end_matches('?') == *l)
                            .map(|(c, n)| format!("{c} {n}"))
                            .collect();
                        format!("{l}{unit}: {}", of_length.join(sep))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            out.push(
                cx.finding(&META)
                    .section("项目编码".to_string())
                    .texts("one length for all project codes", forms.join(", "))
                    .message(
                        format!("the document's project codes have {} different lengths ({}); some were mistyped — {}", shapes.len(), forms.join(", "), listing(" characters", ", ")),
                        format!("本文件项目编码长度不一（{}），部分编码有误——{}", forms_zh.join("，"), listing("位", "、")),
                    ),
            );
        }
        for (code, name) in &codes {
            let s = shape(code);
            let odd_chars = s.ends_with('?');
            if (!tied && s != *common && count > 1 && shapes[&s] < count) || odd_chars {
                out.push(
                    cx.finding(&META)
                        .section("项目编码".to_string())
                        .row_text(name.clone())
                        .project(name.clone())
                        .texts(format!("{} characters like the other codes", common.trim_end_matches('?')), format!("{code} ({} characters)", code.chars().count()))
                        .message(
                            format!("project code {code} of {name:?} does not have the form of the document's other {count} codes"),
                            format!("项目“{name}”的编码 {code} 与本文件其他 {count} 个项目编码格式不一致"),
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

    fn document(odd: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[
                {{"name":"甲","code":"41120025000000054539","money_unit":"万元"}},
                {{"name":"乙","code":"41120025000000054540","money_unit":"万元"}},
                {{"name":"丙","code":"{odd}","money_unit":"万元"}}]}}"#
            ),
        )
    }

    #[test]
    fn a_tie_between_lengths_is_one_finding() {
        let d = doc(
            "[]",
            r#""performance":{"projects":[
                {"name":"甲","code":"41120025000000054539","money_unit":"万元"},
                {"name":"乙","code":"411200250000000054540","money_unit":"万元"}]}"#,
        );
        let f = run(&ProjectCodes, &d);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].actual.as_deref(),
            Some("20 characters × 1, 21 characters × 1")
        );
        // Each code is named with its project.
        assert!(
            f[0].message.ends_with(
                "20 characters: 41120025000000054539 甲; 21 characters: 411200250000000054540 乙"
            ),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn the_odd_code_out_is_reported() {
        assert!(run(&ProjectCodes, &document("41120025000000054541")).is_empty());
        let f = run(&ProjectCodes, &document("411200250000000054537"));
        assert_eq!(f.len(), 1);
        assert!(
            f[0].actual
                .as_deref()
                .unwrap()
                .starts_with("411200250000000054537")
        );
    }
}
