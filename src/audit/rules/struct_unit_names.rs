//! STRUCT-005: a unit code carries the same name everywhere.

use crate::audit::projects::name_key;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::RowRole;

pub struct UnitNames;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-005",
    group: Group::Structure,
    severity: Severity::Info,
    title: "A unit is printed under different names",
    title_zh: "同一单位名称前后不一致",
    explanation: "\
A unit or department code (310001) names one body; every table should print the name the
预算单位构成 gives it (or a short form the document itself uses, recorded as an alias). A different
name under the same code is reported for information: it is usually a short form, sometimes a
misprint.

Example: 预算单位构成 names 310001 三门峡市科学技术局; a table row 310001 三门峡科学技术局 is reported.",
};

impl Rule for UnitNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut seen = std::collections::HashSet::new();
        for table in &doc.tables {
            for (i, row) in table.rows.iter().enumerate() {
                if !matches!(row.role, Some(RowRole::Unit | RowRole::Department)) {
                    continue;
                }
                let Some(code) = &row.unit else { continue };
                let names: Vec<&String> = if doc.department.code.as_deref() == Some(code.as_str()) {
                    std::iter::once(&doc.department.name)
                        .chain(&doc.department.aliases)
                        .collect()
                } else if let Some(u) = doc.unit(code) {
                    std::iter::once(&u.name).chain(&u.aliases).collect()
                } else {
                    continue;
                };
                let label = row.label.trim();
                if label.is_empty() || names.iter().any(|n| name_key(n) == name_key(label)) {
                    continue;
                }
                if !seen.insert((code.clone(), label.to_string())) {
                    continue;
                }
                out.push(
                    cx.finding(&META)
                        .table(table)
                        .row(table, i)
                        .texts(names[0].clone(), label.to_string())
                        .message(
                            format!(
                                "unit {code} is printed as {label:?}; elsewhere it is {:?}",
                                names[0]
                            ),
                            format!("单位 {code} 此处名为“{label}”，其他处为“{}”", names[0]),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn names_and_aliases_pass_others_are_reported() {
        let rows = |name: &str| {
            format!(r#"{{"role":"unit","unit":"900002","label":"{name}","amounts":["1.00"]}}"#)
        };
        let ok = table("income_summary", &["total"], &[&rows("测试中心")]);
        assert!(run(&UnitNames, &doc(&format!("[{ok}]"), "")).is_empty());
        let bad = table("income_summary", &["total"], &[&rows("测试研究中心")]);
        assert_eq!(run(&UnitNames, &doc(&format!("[{bad}]"), "")).len(), 1);
    }
}
