//! ARITH-008: the expenditure lines by 类 in a summary table add up to 本年支出合计.

use crate::audit::view::{all_with_role, report_sum, with_role};
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::RowRole;

pub struct Classes;

static META: RuleMeta = RuleMeta {
    id: "ARITH-008",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "Expenditure by class does not add up to the current-year expenditure",
    title_zh: "各类支出之和与本年支出合计不符",
    explanation: "\
In the 收支总表 and 财政拨款收支总表 the expenditure lines by function class (一般公共服务, 科学技术,
社会保障和就业 …) add up to 本年支出合计, column by column.

Example: 科学技术 1,255.42 + 社会保障和就业 355.03 + 卫生健康 66.53 + 住房保障 81.20 = 1,758.18 =
本年支出合计 → consistent.",
};

impl Rule for Classes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let classes = all_with_role(table, RowRole::ExpenditureClass);
            let Some((head, head_row)) = with_role(table, RowRole::ExpenditureCurrentTotal) else {
                continue;
            };
            if classes.is_empty() {
                continue;
            }
            report_sum(
                cx,
                &META,
                table,
                head,
                &classes,
                out,
                |column, expected, actual| {
                    (
                        format!(
                            "{} ({column}) is {actual} but the {} class lines add up to {expected}",
                            head_row.label,
                            classes.len()
                        ),
                        format!(
                            "“{}”（{column}）为 {actual}，但 {} 个支出类级科目之和为 {expected}",
                            head_row.label,
                            classes.len()
                        ),
                    )
                },
            );
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
            "columns":[{{"key":"amount","header":["金额"],"side":"expenditure"}}],
            "rows":[{{"side":"expenditure","role":"expenditure_class","label":"六、科学技术","amounts":["10.00"]}},
                    {{"side":"expenditure","role":"expenditure_class","label":"八、社会保障和就业","amounts":["2.00"]}},
                    {{"side":"expenditure","role":"expenditure_class","label":"一、一般公共服务"}},
                    {{"side":"expenditure","role":"expenditure_current_total","label":"本年支出合计","amounts":["{total}"]}}]}}]"#
        )
    }

    #[test]
    fn classes_add_up() {
        assert!(run(&Classes, &doc(&summary("12.00"), "")).is_empty());
        assert_eq!(run(&Classes, &doc(&summary("12.50"), "")).len(), 1);
    }
}
