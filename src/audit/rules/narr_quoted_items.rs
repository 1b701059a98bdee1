//! NARR-007: an amount the narrative gives for a 项 it quotes by its full path is the tables'.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Document, MoneyUnit, TableKind};
use crate::text::compact;

pub struct QuotedItems;

static META: RuleMeta = RuleMeta {
    id: "NARR-007",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "A 项 quoted with its full path has another amount in the tables",
    title_zh: "说明中按类款项列明的科目金额与预算表不符",
    explanation: "\
“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”87.36万元
names one function subject exactly: the 项 of that name under the 款 of that name. Its amount
must be the tables' (支出总表, 一般公共预算支出表, 收入总表: the 合计 column, in 万元), within half a
unit of the narrative's last printed digit plus 0.005 万元. A 项 the tables do not print, or
whose name is printed under several 款 and cannot be told apart, is not checked.

Example: “…机关事业单位职业年金缴费支出（项）”887.36万元 while 2080506 is 873,617.00 元 in every
table (87.36 万元) → reported: expected 87.36, actual 887.36.",
};

pub(super) static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"“([^“”]{1,40}?)（类）([^“”]{1,40}?)（款）([^“”]{1,40}?)（项）”(\d[\d,]*(?:\.\d+)?)万元",
    )
    .expect("valid pattern")
});

/// Tables whose 合计 column gives a function subject's whole amount.
pub(super) const KINDS: [TableKind; 3] = [
    TableKind::ExpenditureSummary,
    TableKind::GeneralBudgetExpenditure,
    TableKind::IncomeSummary,
];

/// The 项 code printed with name `item` under the 款 printed with name `section`, with its
/// amounts in 万元 (one per table printing it); `None` unless exactly one code answers.
fn item_amounts(doc: &Document, section: &str, item: &str) -> Option<(String, Vec<Decimal>)> {
    let mut codes: HashSet<String> = HashSet::new();
    let mut amounts: Vec<(String, Decimal)> = Vec::new();
    for t in doc.tables.iter().filter(|t| KINDS.contains(&t.kind)) {
        let Some(total) = t.column_index(None, "total") else {
            continue;
        };
        let sections: HashSet<&str> = t
            .rows
            .iter()
            .filter(|r| compact(&r.label) == section)
            .filter_map(|r| r.func.as_deref().filter(|c| c.len() == 5))
            .collect();
        for r in &t.rows {
            let Some(code) = r.func.as_deref().filter(|c| c.len() == 7) else {
                continue;
            };
            if compact(&r.label) != item || !sections.contains(&code[..5]) {
                continue;
            }
            codes.insert(code.to_string());
            if let Some(Some(a)) = r.amounts.get(total) {
                let per = Decimal::from(t.unit.yuan_per_unit());
                let wan = Decimal::from(MoneyUnit::WanYuan.yuan_per_unit());
                amounts.push((code.to_string(), a.0 * per / wan));
            }
        }
    }
    if codes.len() != 1 {
        return None;
    }
    let code = codes.into_iter().next()?;
    Some((code, amounts.into_iter().map(|(_, a)| a).collect()))
}

impl Rule for QuotedItems {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // A sentence printed twice (a text layer repeated on the next page) is one finding.
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for s in cx.sentences() {
            let (section, sentence, compact) = (s.section, s.text, s.compact.as_str());
            for m in PATTERN.captures_iter(compact) {
                let Ok(stated) = m[4].replace(',', "").parse::<Decimal>() else {
                    continue;
                };
                let Some((code, amounts)) = item_amounts(cx.doc, &m[2], &m[3]) else {
                    continue;
                };
                let tol = Decimal::new(5, stated.scale() + 1) + Decimal::new(5, 3);
                if amounts.is_empty() || amounts.iter().any(|a| (*a - stated).abs() <= tol) {
                    continue;
                }
                if !seen.insert((section.heading.clone(), m[0].to_string())) {
                    continue;
                }
                let expected = amounts[0].round_dp(stated.scale().max(2));
                let item = &m[3];
                out.push(
                    cx.finding(&META)
                        .section(section.heading.clone())
                        .sentence(sentence.trim())
                        .texts(expected.to_string(), stated.to_string())
                        .message(
                            format!(
                                "the narrative gives {stated} 万元 for {code} {item}, but the tables print {expected} 万元"
                            ),
                            format!(
                                "说明中 {code} {item} 为 {stated} 万元，预算表为 {expected} 万元"
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

    /// A 支出总表 in 元 with 208 05 06 (873,617 元) and two 行政运行 under different 款.
    fn document(text: &str) -> Document {
        doc(
            r#"[{"id":"t01","kind":"expenditure_summary","title":"支出总表","unit":"元",
                 "columns":[{"key":"total","header":["合计"]}],
                 "rows":[
                   {"func":"20805","label":"行政事业单位养老支出","amounts":["873617.00"]},
                   {"func":"2080506","label":"机关事业单位职业年金缴费支出","amounts":["873617.00"]},
                   {"func":"20101","label":"人大事务","amounts":["100000.00"]},
                   {"func":"2010101","label":"行政运行","amounts":["100000.00"]},
                   {"func":"20113","label":"商贸事务","amounts":["200000.00"]},
                   {"func":"2011301","label":"行政运行","amounts":["200000.00"]}]}]"#,
            &format!(r#""sections":[{{"heading":"部门预算编制说明","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn an_amount_other_than_the_tables_is_found_once() {
        let said = "“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”887.36万元，主要用于缴费。";
        let f = run(&QuotedItems, &document(&format!("{said}{said}")));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("87.36"));
        assert_eq!(f[0].actual.as_deref(), Some("887.36"));
        assert!(f[0].message.contains("2080506"), "{}", f[0].message);
    }

    #[test]
    fn the_tables_amount_passes_and_the_kuan_tells_items_of_one_name_apart() {
        for text in [
            "“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”87.36万元。",
            "“一般公共服务支出（类）人大事务（款）行政运行（项）”10.00万元。",
            "“一般公共服务支出（类）商贸事务（款）行政运行（项）”20万元。",
            // A 项 the tables do not print is not checked.
            "“一般公共服务支出（类）商贸事务（款）招商引资（项）”5.00万元。",
        ] {
            assert!(run(&QuotedItems, &document(text)).is_empty(), "{text}");
        }
        let f = run(
            &QuotedItems,
            &document("“一般公共服务支出（类）人大事务（款）行政运行（项）”20.00万元。"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("10.00"));
    }
}
