//! PERF-009: the item amounts a project's 项目概况 lists add up to the project's budget.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{MoneyUnit, ProjectTargets};

pub struct OverviewItems;

static META: RuleMeta = RuleMeta {
    id: "PERF-009",
    group: Group::Performance,
    severity: Severity::Warning,
    title: "The items of a project's 项目概况 do not add up to its budget",
    title_zh: "项目概况所列分项金额之和与项目预算不符",
    explanation: "\
A 项目概况 (项目概述) often lists what the money is for, item by item: “1、科普宣传费用10万元；2、专家评审
费10万元；…”. The items should add up to the project's annual (年度) or implementation-period
(实施期) total. Only lists whose every numbered item states exactly one amount are summed
(amounts in brackets, such as a 其中 remark, are left out); a list with several amounts per item
is a breakdown the rule cannot read safely and is skipped. Tolerance: half a unit of each item's
last printed digit.

Example: 科技综合专项业务费 with 年度资金总额 300,000 元 lists nine items of 10, 10, 5, 9, 5, 9.88, 2, 5
and 3 万元 → reported: the items add up to 58.88 万元 (588,800 元), the budget is 300,000 元.",
};

static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{1,2})、").expect("valid"));
static AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]+(?:\.[0-9]+)?)\s*(亿元|万元|元)").expect("valid"));
static BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)|（[^（）]*）|<[^<>]*>").expect("valid"));

/// One listed item: its number, its amount in 元 and the amount as printed.
#[derive(Debug, PartialEq)]
struct Item {
    number: u32,
    yuan: Decimal,
    printed: String,
    /// Half a unit of the last printed digit, in 元.
    slack: Decimal,
}

/// The items of a numbered list (`1、… 2、…`) when each states exactly one amount.
fn items(text: &str) -> Option<Vec<Item>> {
    let text = BRACKETS.replace_all(text, "");
    // Markers in sequence 1, 2, 3 …; a number out of sequence is part of an item's text.
    let mut marks: Vec<(u32, usize, usize)> = Vec::new();
    for m in ITEM.captures_iter(&text) {
        let n: u32 = m[1].parse().ok()?;
        let whole = m.get(0)?;
        // A digit before the number means it is the end of a longer number (2025、).
        let glued = text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.');
        if !glued && n as usize == marks.len() + 1 {
            marks.push((n, whole.start(), whole.end()));
        }
    }
    if marks.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (i, &(number, _, body_start)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(text.len(), |m| m.1);
        let body = &text[body_start..end];
        let found: Vec<_> = AMOUNT.captures_iter(body).collect();
        let [m] = found.as_slice() else {
            return None;
        };
        let value: Decimal = m[1].parse().ok()?;
        let per = match &m[2] {
            "亿元" => Decimal::from(100_000_000),
            "万元" => Decimal::from(10_000),
            _ => Decimal::ONE,
        };
        let half = Decimal::new(5, value.scale() + 1);
        out.push(Item {
            number,
            yuan: value * per,
            printed: m[0].to_string(),
            slack: half * per,
        });
    }
    Some(out)
}

/// The totals the items may add up to, in 元: the printed total and any total funding line.
fn totals(t: &ProjectTargets) -> Vec<Decimal> {
    let per = Decimal::from(t.money_unit.yuan_per_unit());
    let lines = t
        .funding
        .iter()
        .filter(|f| f.key.as_deref() == Some("total"))
        .filter_map(|f| f.amount);
    t.total
        .into_iter()
        .chain(lines)
        .map(|a| a.0 * per)
        .collect()
}

impl Rule for OverviewItems {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for t in &cx.doc.performance.projects {
            let totals = totals(t);
            let Some(&budget) = totals.first() else {
                continue;
            };
            for field in t
                .fields
                .iter()
                .filter(|f| f.label.contains("概况") || f.label.contains("概述"))
            {
                let Some(items) = items(&field.text) else {
                    continue;
                };
                let sum: Decimal = items.iter().map(|i| i.yuan).sum();
                let slack: Decimal = items.iter().map(|i| i.slack).sum();
                if totals.iter().any(|&total| (sum - total).abs() <= slack) {
                    continue;
                }
                let listed: Vec<String> = items
                    .iter()
                    .map(|i| format!("{}、{}", i.number, i.printed))
                    .collect();
                let unit = t.money_unit;
                let in_unit = |yuan: Decimal| match unit {
                    MoneyUnit::Yuan => yuan,
                    MoneyUnit::WanYuan => yuan / Decimal::from(10_000),
                };
                out.push(
                    cx.finding(&META)
                        .section(format!("绩效目标: {}", t.name))
                        .row_text(field.label.clone())
                        .project(t.name.clone())
                        .unit(unit)
                        .amounts(in_unit(budget), in_unit(sum).normalize())
                        .message(
                            format!(
                                "the {} items of the {} of {:?} add up to {} {} but the project's budget is {} {}: {}",
                                items.len(),
                                field.label,
                                t.name,
                                in_unit(sum).normalize(),
                                unit.label(),
                                in_unit(budget),
                                unit.label(),
                                listed.join(", ")
                            ),
                            format!(
                                "项目“{}”{}所列 {} 项金额之和为 {}{}，项目预算为 {}{}：{}",
                                t.name,
                                field.label,
                                items.len(),
                                in_unit(sum).normalize(),
                                unit.label(),
                                in_unit(budget),
                                unit.label(),
                                listed.join("；")
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

    fn document(total: &str, overview: &str) -> crate::model::Document {
        doc(
            "[]",
            &format!(
                r#""performance":{{"projects":[{{"name":"科技综合专项业务费","money_unit":"元","total":"{total}",
                "fields":[{{"label":"项目概况","text":"{overview}"}}]}}]}}"#
            ),
        )
    }

    const LIST: &str = "主要内容：1、科普宣传费用10万元；2、专家评审费10万元（其中评审费9.48万元）；3、档案整理费5万元。";

    #[test]
    fn items_that_add_up_pass() {
        assert!(run(&OverviewItems, &document("250,000", LIST)).is_empty());
        // Several amounts in one item: not summed.
        let mixed = "1、课题总投资500万元，投入该课题10万元；2、课题8万元。";
        assert!(run(&OverviewItems, &document("1", mixed)).is_empty());
        // No numbered list.
        assert!(
            run(
                &OverviewItems,
                &document("1", "按每月643元发放，共计15900元。")
            )
            .is_empty()
        );
    }

    #[test]
    fn items_that_do_not_add_up_are_listed() {
        let f = run(&OverviewItems, &document("300,000", LIST));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("300000"));
        assert_eq!(f[0].actual.as_deref(), Some("250000"));
        assert!(
            f[0].message.ends_with("1、10万元, 2、10万元, 3、5万元"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn numbers_out_of_sequence_belong_to_the_text() {
        let list = items("1、于2025、2026年开展10万元；2、另5万元").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].yuan, Decimal::from(50_000));
    }
}
