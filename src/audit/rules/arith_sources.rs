//! ARITH-007: the income sources listed in a summary table add up to 本年收入合计, and the
//! carry-over sources to 上年结转.

use crate::audit::view::{all_with_role, report_sum, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{RowRole, Table};

pub struct Sources;

static META: RuleMeta = RuleMeta {
    id: "ARITH-007",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "Income sources do not add up to the current-year income",
    title_zh: "各项收入之和与本年收入合计不符",
    explanation: "\
In the 收支总表 and 财政拨款收支总表 the income lines (一般公共预算, 政府性基金, 国有资本经营, 财政专户,
事业收入 …) add up to 本年收入合计; “其中：财政拨款” is a part of 一般公共预算, not another source.
The carry-over lines add up to 上年结转.

Example: 一般公共预算 1,758.18 (其中：财政拨款 1,690.18) and nothing else → 本年收入合计 1,758.18
→ consistent. Had 本年收入合计 printed 1,790.18, the finding is expected 1758.18, actual 1790.18.",
};

const UNIT_FUND_PARTS: &[&str] = &[
    "business_income",
    "operating_income",
    "superior_subsidy",
    "subordinate_remit",
    "other_income",
    "fund_balance",
];

/// The parts of 财政拨款（收入）: where a 财政拨款 line is printed, these lines under it are
/// its breakdown, not more sources.
const FISCAL_PARTS: &[&str] = &["gpb", "gov_fund", "state_capital"];

fn is_current_source(table: &Table, i: usize, has_unit_funds: bool, has_fiscal: bool) -> bool {
    let row = &table.rows[i];
    match row.key.as_deref() {
        Some(k) if k.starts_with("carryover") => false,
        Some(k) if k.ends_with("gpb_fiscal") => false,
        Some(k) if has_unit_funds && UNIT_FUND_PARTS.contains(&k) => false,
        Some(k) if has_fiscal && FISCAL_PARTS.contains(&k) => false,
        Some(_) => true,
        None => !row.label.trim_start().starts_with("其中"),
    }
}

impl Rule for Sources {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let sources = all_with_role(table, RowRole::IncomeSource);
            if sources.is_empty() {
                continue;
            }
            let has_unit_funds = sources
                .iter()
                .any(|&i| table.rows[i].key.as_deref() == Some("unit_funds"));
            let has_fiscal = sources
                .iter()
                .any(|&i| table.rows[i].key.as_deref() == Some("fiscal"));
            let current: Vec<usize> = sources
                .iter()
                .copied()
                .filter(|&i| is_current_source(table, i, has_unit_funds, has_fiscal))
                .collect();
            let carry: Vec<usize> = sources
                .iter()
                .copied()
                .filter(|&i| {
                    table.rows[i]
                        .key
                        .as_deref()
                        .is_some_and(|k| k.starts_with("carryover") && !k.ends_with("gpb_fiscal"))
                })
                .collect();
            for (role, parts) in [
                (RowRole::IncomeCurrentTotal, current),
                (RowRole::IncomeCarryover, carry),
            ] {
                let Some((head, head_row)) = with_role(table, role) else {
                    continue;
                };
                if parts.is_empty() {
                    continue;
                }
                report_sum(
                    cx,
                    &META,
                    table,
                    head,
                    &parts,
                    out,
                    |column, expected, actual| {
                        (
                            format!(
                                "{} ({column}) is {actual} but the {} source lines add up to {expected}",
                                head_row.label,
                                parts.len()
                            ),
                            format!(
                                "“{}”（{column}）为 {actual}，但 {} 个收入项目之和为 {expected}",
                                head_row.label,
                                parts.len()
                            ),
                        )
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn summary(total: &str) -> String {
        format!(
            r#"[{{"id":"t01","kind":"income_expenditure_summary","title":"收支总表","unit":"万元",
            "columns":[{{"key":"amount","header":["金额"],"side":"income"}}],
            "rows":[{{"side":"income","role":"income_source","key":"gpb","label":"一、一般公共预算","amounts":["10.00"]}},
                    {{"side":"income","role":"income_source","key":"gpb_fiscal","label":"其中：财政拨款","amounts":["8.00"]}},
                    {{"side":"income","role":"income_source","key":"business_income","label":"五、事业收入","amounts":["1.00"]}},
                    {{"side":"income","role":"income_current_total","label":"本年收入合计","amounts":["{total}"]}}]}}]"#
        )
    }

    #[test]
    fn of_which_is_not_counted_twice() {
        assert!(run(&Sources, &doc(&summary("11.00"), "")).is_empty());
        let f = run(&Sources, &doc(&summary("19.00"), ""));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("11.00"));
    }
}
