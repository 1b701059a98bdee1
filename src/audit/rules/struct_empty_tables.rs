//! STRUCT-002: an empty table says that it is empty.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Document, Table, TableKind};

/// What the table is about, as the narrative would name it.
fn topic(kind: TableKind) -> Option<&'static str> {
    match kind {
        TableKind::GovFundExpenditure => Some("政府性基金"),
        TableKind::StateCapitalExpenditure => Some("国有资本经营"),
        TableKind::ThreePublic => Some("三公"),
        TableKind::ProjectExpenditure => Some("项目支出"),
        _ => None,
    }
}

/// Whether the table or the narrative says the table is empty.
fn stated(doc: &Document, table: &Table) -> bool {
    if table
        .printed_notes
        .iter()
        .any(|n| n.contains('无') || n.contains("空表"))
    {
        return true;
    }
    let Some(topic) = topic(table.kind) else {
        return false;
    };
    doc.sections
        .iter()
        .flat_map(|s| crate::audit::narrative::sentences(&s.text))
        .any(|sentence| {
            sentence.contains(topic)
                && (sentence.contains("无")
                    || sentence.contains("没有")
                    || sentence.contains("未安排"))
        })
}

pub struct EmptyTables;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-002",
    group: Group::Structure,
    severity: Severity::Info,
    title: "An empty table carries no statement",
    title_zh: "空表未作说明",
    explanation: "\
The rules ask that a table with no data is still published, with a statement such as 本表无数据
or 本部门无政府性基金预算支出 printed under it, or in the narrative (a sentence naming the table's
subject and saying there is none: 我部门无政府性基金收支预算). An empty table with neither
is reported for information: the reader cannot tell an omission from a true zero.

Example: 政府性基金预算支出情况表 with only its headers and a blank 合计 row, and no 本表无数据 → reported.",
};

impl Rule for EmptyTables {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // A table without amount columns (a form of text, such as an imported 绩效目标填报表)
        // is not an empty money table; nor is a 绩效目标 form whatever its columns, nor a table
        // whose figures could not be read.
        for table in cx.doc.tables.iter().filter(|t| {
            !t.has_data()
                && (!t.columns.is_empty() || t.rows.is_empty())
                && !t.title.contains("绩效")
                && t.unread.is_none()
        }) {
            if !stated(cx.doc, table) {
                out.push(
                    cx.finding(&META)
                        .table(table)
                        .texts("a statement such as 本表无数据", "none")
                        .message(
                            format!("{} is empty and says nothing about why", table.title),
                            format!("《{}》为空表，且未说明", table.title),
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
    fn empty_tables_need_a_statement() {
        let bare = table(
            "gov_fund_expenditure",
            &["total"],
            &[r#"{"role":"total","label":"合计"}"#],
        );
        assert_eq!(run(&EmptyTables, &doc(&format!("[{bare}]"), "")).len(), 1);
        let stated = bare.replace(r#""rows""#, r#""printed_notes":["本表无数据"],"rows""#);
        assert!(run(&EmptyTables, &doc(&format!("[{stated}]"), "")).is_empty());
        let narrative = r#""sections":[{"heading":"九","text":"我部门无政府性基金收支预算。"}]"#;
        assert!(run(&EmptyTables, &doc(&format!("[{bare}]"), narrative)).is_empty());
    }

    #[test]
    fn a_target_form_or_an_unread_table_is_not_an_empty_money_table() {
        let form = table(
            "other",
            &["x_项目名称"],
            &[r#"{"label":"项目概况 规划编制"}"#],
        )
        .replace(r#""title":"表""#, r#""title":"项目支出绩效目标表""#);
        assert!(
            run(&EmptyTables, &doc(&format!("[{form}]"), "")).is_empty(),
            "{form}"
        );
        let unread = table(
            "gov_fund_expenditure",
            &["total"],
            &[r#"{"label":"合计","note":"Printed figures, not placed: 1.00."}"#],
        )
        .replace(r#""rows""#, r#""unread":"lost its empty cells","rows""#);
        assert!(run(&EmptyTables, &doc(&format!("[{unread}]"), "")).is_empty());
    }
}
