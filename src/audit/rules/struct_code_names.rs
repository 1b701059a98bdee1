//! STRUCT-008: a code carries the name the national catalogue gives it.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::catalogue::{economic_item_name, function_item_name, name_key};

pub struct CodeNames;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-008",
    group: Group::Structure,
    severity: Severity::Info,
    title: "A subject code is printed with a name other than the catalogue's",
    title_zh: "科目编码与科目名称不一致",
    explanation: "\
Every function 款/项 and economic item code has one name in the 政府收支分类科目 (2060499
其他技术研究与开发支出, 21505 工业和信息产业监管, 30113 住房公积金). A row whose printed name differs
is reported for information: it is a shortened or mistyped name, or the code is wrong. Codes the
catalogue here does not list are not judged. Spaces and bracket widths are ignored.

Example: 2060499 printed as 其他技术与开发支出 → reported: expected 其他技术研究与开发支出.",
};

impl Rule for CodeNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut seen = std::collections::HashSet::new();
        for table in &cx.doc.tables {
            for (i, row) in table.rows.iter().enumerate() {
                // The government-budget code is a column of its own: a row can print both
                // economic codes under names of their own, two findings at one row.
                let candidates = [
                    (
                        row.func.as_deref(),
                        Some(row.label.as_str()),
                        "function",
                        None,
                    ),
                    (
                        row.econ.as_deref(),
                        Some(row.label.as_str()),
                        "economic",
                        None,
                    ),
                    (
                        row.gov_econ.as_deref(),
                        row.gov_econ_label.as_deref(),
                        "economic",
                        Some("政府预算支出经济分类"),
                    ),
                ];
                for (code, printed, kind, column) in candidates {
                    let (Some(code), Some(printed)) = (code, printed) else {
                        continue;
                    };
                    let expected = match kind {
                        "function" => function_item_name(code),
                        _ => economic_item_name(code),
                    };
                    let Some(expected) = expected else { continue };
                    let printed = printed.trim();
                    // A label that is only the code, or absent, says nothing about the name.
                    if printed.is_empty()
                        || name_key(printed) == name_key(expected)
                        || kind == "function"
                            && crate::catalogue::former_item_name(code, printed, cx.doc.year)
                    {
                        continue;
                    }
                    // Once per code and printed name and table.
                    if !seen.insert((table.id.clone(), code, printed.to_string())) {
                        continue;
                    }
                    let mut b = cx.finding(&META).table(table).row(table, i);
                    if let Some(c) = column {
                        b = b.column(c);
                    }
                    out.push(
                        b.texts(expected, printed)
                            .message(
                                format!("{kind} code {code} is printed as {printed:?} in {}; the catalogue names it {expected}", table.title),
                                format!("《{}》中科目 {code} 印为“{printed}”，科目名称应为“{expected}”", table.title),
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
    use crate::audit::testing::{doc, run, table};

    fn document(row: &str) -> crate::model::Document {
        doc(
            &format!("[{}]", table("general_budget_basic", &["total"], &[row])),
            "",
        )
    }

    #[test]
    fn catalogue_names_pass() {
        for row in [
            r#"{"func":"2060499","label":"其他技术研究与开发支出","amounts":["1.00"]}"#,
            r#"{"econ":"30213","label":"维修（护）费","amounts":["1.00"]}"#,
            r#"{"econ":"30198","label":"不在目录中的科目","amounts":["1.00"]}"#,
        ] {
            assert!(run(&CodeNames, &document(row)).is_empty(), "{row}");
        }
    }

    #[test]
    fn other_names_are_reported() {
        let f = run(
            &CodeNames,
            &document(r#"{"func":"2060499","label":"其他技术与开发支出","amounts":["1.00"]}"#),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("其他技术研究与开发支出"));
        let f = run(
            &CodeNames,
            &document(
                r#"{"econ":"30113","gov_econ":"50103","gov_econ_label":"社会保障缴费","label":"住房公积金","amounts":["1.00"]}"#,
            ),
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("50103"));
    }
}
