//! NARR-001: an amount the narrative states agrees with the tables.

use crate::audit::Printed;
use rust_decimal::Decimal;

use crate::audit::narrative::ClaimKind;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::MoneyUnit;

pub struct Amounts;

static META: RuleMeta = RuleMeta {
    id: "NARR-001",
    group: Group::Narrative,
    severity: Severity::Error,
    title: "A narrative amount disagrees with the tables",
    title_zh: "说明中的金额与预算表不一致",
    explanation: "\
The 预算情况说明 restates the tables in words. yusuan reads every amount in 万元 whose subject it
recognises (收入总计, 基本支出, 人员经费, 一般公共预算基本支出, 科学技术支出, “三公”经费, 公务接待费,
机关运行经费 …) and compares it with the tables. A subject can have several readings (基本支出 of
all funds, or of the general public budget); agreeing with any is enough. Amounts said of another
year, changes (增加/减少) and thresholds (以上) are not compared. Tolerance: half a unit of the last
printed digit, plus 0.005.

Example: “一般公共预算基本支出年初预算为 1758.18 万元” while the 一般公共预算基本支出表 totals 1,465.18
→ reported: expected 1465.18, actual 1758.18.",
};

/// Allowed difference for an amount printed with `decimals` decimals.
pub fn amount_tolerance(cx: &Context, decimals: u32) -> Decimal {
    Decimal::new(5, decimals + 1) + cx.sum_tolerance(1, Printed::default_for(MoneyUnit::WanYuan))
}

impl Rule for Amounts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for claim in cx.claims() {
            let ClaimKind::Amount {
                subject,
                value,
                decimals,
            } = claim.kind.clone()
            else {
                continue;
            };
            let options = cx.readings(subject);
            let Some(&expected) = options.first() else {
                continue;
            };
            let tol = amount_tolerance(cx, decimals);
            // A table that might confirm the claim was not read: the claim is not known to be
            // wrong (the import report says which table).
            if options.iter().any(|o| (*o - value).abs() <= tol) || cx.readings_unsure(subject) {
                continue;
            }
            out.push(
                cx.finding(&META)
                    .section(claim.section.clone())
                    .sentence(claim.sentence.clone())
                    .unit(MoneyUnit::WanYuan)
                    .amounts(expected, value)
                    .message(
                        format!("the narrative states {value} 万元 for {} but the tables give {expected}{}", subject.label(), crate::audit::numbers::off_by_ten_note(expected, value).0),
                        format!("说明中“{}”为 {value} 万元，预算表为 {expected} 万元{}", subject.label(), crate::audit::numbers::off_by_ten_note(expected, value).1),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run, table};

    #[test]
    fn a_final_accounts_initial_budget_is_not_a_table_figure() {
        let mut d = document("一般公共预算财政拨款基本支出年初预算为 1500.00 万元。");
        d.title = "2024年度部门决算".into();
        assert!(run(&Amounts, &d).is_empty());
        d.title = "2025年部门预算".into();
        assert_eq!(
            run(&Amounts, &d).len(),
            1,
            "in a budget the 年初预算 is the figure"
        );
    }

    fn document(text: &str) -> crate::model::Document {
        let basic = table(
            "general_budget_basic",
            &["total"],
            &[r#"{"role":"total","label":"合计","amounts":["1465.18"]}"#],
        );
        doc(
            &format!("[{basic}]"),
            &format!(r#""sections":[{{"heading":"六、一般公共预算基本支出","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn agreeing_amounts_pass_and_others_are_found() {
        assert!(
            run(
                &Amounts,
                &document("2025 年一般公共预算基本支出年初预算为 1465.18 万元。")
            )
            .is_empty()
        );
        let f = run(
            &Amounts,
            &document("2025 年一般公共预算基本支出年初预算为 1758.18 万元。"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("1465.18"));
        assert!(
            f[0].location
                .sentence
                .as_deref()
                .unwrap()
                .contains("1758.18")
        );
    }

    #[test]
    fn a_claim_an_unread_table_might_confirm_is_not_a_finding() {
        let claim = "2025 年一般公共预算基本支出年初预算为 1758.18 万元。";
        let mut d = document(claim);
        // The 一般公共预算支出表's 基本支出 is a reading too; printed, its figures not read.
        let mut unread = d.tables[0].clone();
        unread.kind = crate::model::TableKind::GeneralBudgetExpenditure;
        unread.id = "t02".into();
        unread.columns.clear();
        for r in &mut unread.rows {
            r.amounts.clear();
        }
        unread.unread = Some("the export lost its empty cells".into());
        d.tables.push(unread);
        assert!(run(&Amounts, &d).is_empty());
        // So in the whole audit, where the figure rules see the document without it.
        let loaded = crate::load::Loaded {
            file: "d.json".into(),
            id: "d".into(),
            bytes: 0,
            doc: d.clone(),
            import: None,
        };
        let all = crate::audit::audit_document(&loaded, &crate::audit::Config::default());
        assert!(all.iter().all(|f| f.rule != META.id), "{all:?}");
        // Read, and disagreeing, it is no excuse.
        let mut read = d.tables[0].clone();
        read.kind = crate::model::TableKind::GeneralBudgetExpenditure;
        read.id = "t02".into();
        d.tables[1] = read;
        assert_eq!(run(&Amounts, &document(claim)).len(), 1);
        assert_eq!(run(&Amounts, &d).len(), 1);
    }

    #[test]
    fn unknown_subjects_and_prior_years_are_not_compared() {
        assert!(
            run(
                &Amounts,
                &document("政府采购预算安排 0 万元。2024 年一般公共预算基本支出为 1000 万元。")
            )
            .is_empty()
        );
    }
}
