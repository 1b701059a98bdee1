//! STRUCT-007: 类 are named as the budget year's catalogue names them, not by retired names.

use crate::audit::narrative::sentences;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::catalogue::{obsolete_class_in_text, obsolete_class_name};
use crate::model::RowRole;

pub struct ObsoleteClasses;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-007",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "A 类 is printed under a name the catalogue no longer uses",
    title_zh: "功能分类类级科目使用已停用的名称",
    explanation: "\
The 2019 政府收支分类科目 renamed several 类: 210 医疗卫生与计划生育支出 became 卫生健康支出, 207
文化体育与传媒支出 文化旅游体育与传媒支出, 215 资源勘探信息等支出 资源勘探工业信息等支出, 220
国土海洋气象等支出 自然资源海洋气象等支出. A disclosure of a later budget year that still prints
the old name was made from an outdated template; its class lines may not match the tables by
function code. Each table row with a retired name is reported, and each narrative sentence that
uses one.

Example: a 2025 财政拨款收支总表 listing （九）医疗卫生与计划生育支出 → reported: expected 卫生健康支出.",
};

impl Rule for ObsoleteClasses {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let year = cx.doc.year;
        for table in &cx.doc.tables {
            for (i, row) in table.rows.iter().enumerate() {
                let is_class = row.role == Some(RowRole::ExpenditureClass)
                    || row.func.as_ref().is_some_and(|c| c.len() == 3);
                if !is_class {
                    continue;
                }
                let Some((code, current)) = obsolete_class_name(&row.label, year) else {
                    continue;
                };
                let printed = row.label.trim();
                out.push(
                    cx.finding(&META)
                        .table(table)
                        .row(table, i)
                        .texts(current, printed)
                        .message(
                            format!(
                                "class {code} is printed as {printed:?} in {}, a name no longer in the {year} catalogue, which names it {current}",
                                table.title
                            ),
                            format!(
                                "《{}》中类级科目 {code} 印为“{printed}”，该名称已停用，{year} 年科目名称为“{current}”",
                                table.title
                            ),
                        ),
                );
            }
        }
        for section in &cx.doc.sections {
            for sentence in sentences(&section.text) {
                let Some((old, code, current)) = obsolete_class_in_text(sentence, year) else {
                    continue;
                };
                out.push(
                    cx.finding(&META)
                        .section(section.heading.clone())
                        .sentence(sentence.trim())
                        .texts(current, old)
                        .message(
                            format!(
                                "the narrative names class {code} {old:?}, a name no longer in the {year} catalogue, which names it {current}"
                            ),
                            format!(
                                "说明中类级科目 {code} 称为“{old}”，该名称已停用，{year} 年科目名称为“{current}”"
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
    use crate::audit::testing::{doc, run, table};

    fn document(label: &str, year: u16) -> crate::model::Document {
        let t = table(
            "fiscal_summary",
            &["total"],
            &[&format!(
                r#"{{"role":"expenditure_class","label":"{label}","amounts":["1.00"]}}"#
            )],
        );
        let mut d = doc(&format!("[{t}]"), "");
        d.year = year;
        d
    }

    #[test]
    fn current_names_pass() {
        assert!(run(&ObsoleteClasses, &document("（九）卫生健康支出", 2025)).is_empty());
        // Before the renaming the old name was right.
        assert!(run(&ObsoleteClasses, &document("医疗卫生与计划生育支出", 2018)).is_empty());
    }

    #[test]
    fn a_retired_name_is_reported() {
        let f = run(
            &ObsoleteClasses,
            &document("（九）医疗卫生与计划生育支出", 2025),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("卫生健康支出"));
        assert!(f[0].message.contains("class 210"));
        assert_eq!(
            run(&ObsoleteClasses, &document("十五、资源勘探信息等", 2026)).len(),
            1
        );
    }
}
