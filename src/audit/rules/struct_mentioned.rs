//! STRUCT-003: tables the narrative or the contents list mention are in the document.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Document, TableKind};

pub struct MentionedTables;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-003",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "The text mentions a table the document lacks",
    title_zh: "正文提及的预算表未公开",
    explanation: "\
The contents list and the narrative name the tables the document publishes (《支出经济分类汇总表》,
九、政府性基金预算支出情况表 …). A table named there but not printed is reported.

Example: the contents list 七、支出经济分类汇总表 but no such table follows → reported once.",
};

/// Keywords that identify a table kind in a printed name, most specific first.
const NAMES: &[(&str, TableKind)] = &[
    ("财政拨款收支", TableKind::FiscalSummary),
    ("收支总", TableKind::IncomeExpenditureSummary),
    ("收支预算表", TableKind::IncomeExpenditureSummary),
    ("收入总", TableKind::IncomeSummary),
    ("收入预算表", TableKind::IncomeSummary),
    ("支出总", TableKind::ExpenditureSummary),
    ("基本支出明细", TableKind::BasicExpenditureDetail),
    ("基本支出", TableKind::GeneralBudgetBasic),
    ("一般公共预算支出", TableKind::GeneralBudgetExpenditure),
    (
        "一般公共预算财政拨款支出",
        TableKind::GeneralBudgetExpenditure,
    ),
    ("三公", TableKind::ThreePublic),
    ("政府性基金", TableKind::GovFundExpenditure),
    ("国有资本经营", TableKind::StateCapitalExpenditure),
    ("项目支出表", TableKind::ProjectExpenditure),
    ("项目支出预算表", TableKind::ProjectExpenditure),
    ("经济分类汇总", TableKind::EconomicSummary),
    ("运行经费", TableKind::OfficeRunningCosts),
];

/// Table names (`…表`) printed in `text`, taken as the run of CJK text before each `表`.
fn table_names(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut names = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '表' {
            continue;
        }
        let mut start = i;
        while start > 0 {
            let p = chars[start - 1];
            let cjk = ('\u{4e00}'..='\u{9fff}').contains(&p) || "“”\"（）()".contains(p);
            if !cjk || "、。，；：《".contains(p) || i - start >= 30 {
                break;
            }
            start -= 1;
        }
        if i - start >= 4 {
            names.push(chars[start..=i].iter().collect());
        }
    }
    names
}

fn kind_of(name: &str) -> Option<TableKind> {
    if name.contains("绩效") || name.contains("资产") {
        return None;
    }
    NAMES
        .iter()
        .find(|(k, _)| name.contains(k))
        .map(|(_, kind)| *kind)
}

fn has(doc: &Document, kind: TableKind) -> bool {
    doc.table(kind).is_some()
        || (kind == TableKind::BasicExpenditureDetail
            && doc.table(TableKind::GeneralBudgetBasic).is_some())
}

impl Rule for MentionedTables {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reported = std::collections::HashSet::new();
        for section in &cx.doc.sections {
            for name in table_names(&section.text)
                .into_iter()
                .chain(table_names(&section.heading))
            {
                let Some(kind) = kind_of(&name) else { continue };
                if has(cx.doc, kind) || !reported.insert(kind) {
                    continue;
                }
                out.push(
                    cx.finding(&META)
                        .section(section.heading.clone())
                        .texts(name.clone(), "not in the document")
                        .message(
                            format!(
                                "the text names {name} but the document has no such table ({})",
                                kind.name()
                            ),
                            format!("正文提及《{name}》，但文件中没有该表"),
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
    fn names_are_found_and_checked() {
        assert_eq!(
            table_names("我单位《支出经济分类汇总表》按两套"),
            vec!["支出经济分类汇总表"]
        );
        let sections = r#""sections":[{"heading":"目录","text":"七、支出经济分类汇总表\n十二、部门预算项目绩效目标汇总表"}]"#;
        assert_eq!(run(&MentionedTables, &doc("[]", sections)).len(), 1);
        let econ = table("economic_summary", &["total"], &[]);
        assert!(run(&MentionedTables, &doc(&format!("[{econ}]"), sections)).is_empty());
    }
}
