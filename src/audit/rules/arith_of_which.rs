//! ARITH-002: an “其中” (of which) amount never exceeds the amount it is part of.

use crate::audit::view::header;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};

pub struct OfWhich;

static META: RuleMeta = RuleMeta {
    id: "ARITH-002",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "An “of which” amount exceeds its whole",
    title_zh: "“其中”数大于其所属总数",
    explanation: "\
“其中：财政拨款” is the fiscal-appropriation part of 一般公共预算; it cannot be larger than it.
Example: 收入总表, row 310004: 一般公共预算 156.34, 其中：财政拨款 88.34 → consistent.
If 其中：财政拨款 were 160.00 the finding is: expected at most 156.34, actual 160.00.",
};

impl Rule for OfWhich {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            for prefix in ["", "carryover_", "prior_"] {
                let (part_key, whole_key) = (format!("{prefix}gpb_fiscal"), format!("{prefix}gpb"));
                for (i, row) in table.rows.iter().enumerate() {
                    let (Some(part), whole) =
                        (table.cell(row, &part_key), table.cell(row, &whole_key))
                    else {
                        continue;
                    };
                    if table.column_index(row.side, &whole_key).is_none() {
                        continue;
                    }
                    let whole = whole.map(|a| a.0).unwrap_or_default();
                    if part.0 - whole > cx.sum_tolerance(1, cx.printed(table)) {
                        out.push(
                            cx.finding(&META)
                                .table(table)
                                .row(table, i)
                                .column(header(table, &part_key))
                                .amounts(whole, part.0)
                                .message(
                                    format!(
                                        "of which {} is {} but the whole ({}) is only {whole}",
                                        header(table, &part_key),
                                        part.0,
                                        header(table, &whole_key)
                                    ),
                                    format!(
                                        "“{}”{} 大于所属“{}” {whole}",
                                        header(table, &part_key),
                                        part.0,
                                        header(table, &whole_key)
                                    ),
                                ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn part_within_whole_passes_and_larger_part_fails() {
        let ok = table(
            "income_summary",
            &["gpb", "gpb_fiscal"],
            &[r#"{"label":"a","amounts":["156.34","88.34"]}"#],
        );
        assert!(run(&OfWhich, &doc(&format!("[{ok}]"), "")).is_empty());
        let bad = table(
            "income_summary",
            &["gpb", "gpb_fiscal"],
            &[r#"{"label":"a","amounts":["156.34","160.00"]}"#],
        );
        let f = run(&OfWhich, &doc(&format!("[{bad}]"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("156.34"));
    }
}
