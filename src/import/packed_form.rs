//! A project target form drawn with few rules (Shanghai's 财政项目支出绩效目标填报表): several
//! labels and their figures share one cell, so the form is read by its printed labels, in
//! reading order, rather than cell by cell.
//!
//! ```text
//! 项目名称 就业援助基地补贴 项目性质 经常性项目 项目类别 特定目标类
//! 主管部门 …万里街道办事处 实施单位 …万里街道办事处
//! 项目资金总额 6,351,000.00 | 年度资金申请总额 6,351,000.00
//! 其中：财政资金 6,351,000.00 | 其中：当年财政拨款 6,351,000.00 | 上年结转资金 0.00
//! 其他资金 0.00 | 其他资金 0.00
//! ```
//!
//! The left column is the whole project (实施期), the right one the budget year. Its indicators
//! are kept verbatim here (their level labels are printed vertically through the names), and the
//! targets say so; where the page rules them, [`super::targets`] then reads them and the goals
//! cell by cell from the rules instead.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Amount, Field, FundingLine, MoneyUnit, Period, ProjectTargets, Source};

use super::kinds::normalize;

const AMOUNT: &str = r"\s*(-?\d[\d,]*(?:\.\d+)?)";

static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"项目名称\s*(\S.*?)\s*(?:项目性质|$)").expect("valid pattern"));
static DEPARTMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主管部门\s*(\S.*?)\s*(?:实施单位|$)").expect("valid pattern"));
static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"实施单位\s*(\S+)").expect("valid pattern"));

/// A money label of the form: the label, its pattern (the label and its figure), its key.
struct Label {
    pattern: Regex,
    text: &'static str,
    key: &'static str,
}

static LABELS: LazyLock<Vec<Label>> = LazyLock::new(|| {
    [
        ("项目资金总额", "total"),
        ("财政资金", "fiscal"),
        ("年度资金申请总额", "total"),
        ("当年财政拨款", "fiscal"),
        ("上年结转资金", "carryover"),
        ("其他资金", "other"),
    ]
    .into_iter()
    .map(|(text, key)| Label {
        pattern: Regex::new(&format!("{text}{AMOUNT}")).expect("valid pattern"),
        text,
        key,
    })
    .collect()
});

/// The amounts printed after `label` in `text`, in reading order.
fn amounts_after(label: &Label, text: &str) -> Vec<Option<Amount>> {
    label
        .pattern
        .captures_iter(text)
        .map(|m| Amount::from_str(&m[1].replace(',', "")).ok())
        .collect()
}

/// The form's targets, when `lines` (each line's cells joined) print its name and every money
/// label with a figure: 项目资金总额, 财政资金, 年度资金申请总额, 当年财政拨款, 上年结转资金 once
/// each, 其他资金 twice (the project's, then the year's).
pub fn read(
    title: &str,
    lines: &[String],
    unit: MoneyUnit,
    source: Option<Source>,
) -> Option<ProjectTargets> {
    let normalized = normalize(title);
    if !normalized.contains("项目") || !normalized.contains("绩效目标") {
        return None;
    }
    // The money block ends where the goals begin.
    let goals = lines
        .iter()
        .position(|l| l.contains("项目总目标") || l.contains("年度总体目标"))?;
    let head = lines[..goals].join(" ");
    let name = NAME.captures(&head)?[1].trim().to_string();
    if name.is_empty() {
        return None;
    }
    let mut funding = Vec::new();
    for label in LABELS.iter() {
        let found = amounts_after(label, &head);
        let expected = if label.key == "other" { 2 } else { 1 };
        if found.len() != expected || found.iter().any(Option::is_none) {
            return None;
        }
        for (k, amount) in found.into_iter().enumerate() {
            let annual = match label.text {
                "其他资金" => k == 1,
                "项目资金总额" | "财政资金" => false,
                _ => true,
            };
            funding.push(FundingLine {
                label: label.text.to_string(),
                key: Some(label.key.to_string()),
                period: Some(if annual {
                    Period::Annual
                } else {
                    Period::Implementation
                }),
                amount,
            });
        }
    }
    // Project lines first, then the year's, as the form reads left to right.
    funding.sort_by_key(|f| f.period == Some(Period::Annual));
    let total = funding
        .iter()
        .find(|f| f.key.as_deref() == Some("total") && f.period == Some(Period::Annual))
        .and_then(|f| f.amount);
    let mut fields = Vec::new();
    let department = DEPARTMENT.captures(&head).map(|m| m[1].trim().to_string());
    let unit_name = UNIT.captures(&head).map(|m| m[1].to_string());
    for (label, text) in [("主管部门", &department), ("实施单位", &unit_name)] {
        if let Some(text) = text.as_ref().filter(|t| !t.is_empty()) {
            fields.push(Field {
                label: label.to_string(),
                text: text.clone(),
            });
        }
    }
    let indicators_at = lines[goals..]
        .iter()
        .position(|l| l.contains("三级指标"))
        .map(|i| goals + i);
    let goal_lines = &lines[goals + 1..indicators_at.unwrap_or(lines.len())];
    if !goal_lines.is_empty() {
        fields.push(Field {
            label: "绩效目标".to_string(),
            text: goal_lines.join("\n"),
        });
    }
    let indicator_lines = indicators_at.map_or(&[][..], |i| &lines[i + 1..]);
    if !indicator_lines.is_empty() {
        fields.push(Field {
            label: "绩效指标".to_string(),
            text: indicator_lines.join("\n"),
        });
    }
    Some(ProjectTargets {
        name,
        code: None,
        unit: None,
        unit_name,
        money_unit: unit,
        total,
        funding,
        spending_plan: Vec::new(),
        fields,
        indicators: Vec::new(),
        indicators_unread: Some(
            "the form prints several labels in one cell; its indicator lines are kept as printed (绩效指标)"
                .to_string(),
        ),
        source_title: Some(title.to_string()),
        note: None,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(lines: &[&str]) -> Option<ProjectTargets> {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        read("财政项目支出绩效目标填报表", &lines, MoneyUnit::Yuan, None)
    }

    const FORM: &[&str] = &[
        "（2023年度）",
        "项目名称 公共服务设施运行经费 项目性质 经常性项目 项目类别 其他运转类",
        "主管部门 上海市普陀区人民政府万里街道办事处 实施单位 上海市普陀区人民政府万里街道办事处",
        "项目资金总额 10,903,043.00 年度资金申请总额 10,903,043.00",
        "其中：当年财政拨款 11,419,043.00项目资金",
        "其中：财政资金 10,903,043.00",
        "（元）",
        "上年结转资金 0.00",
        "其他资金 0.00 其他资金 0.00",
        "项目总目标 年度总体目标",
        "根据需求，拓展各类生活圈",
        "一级指标 二级指标 三级指标 年度(/项目)指标值",
        "开展活动300场 =300.00(场)",
    ];

    #[test]
    fn a_packed_form_gives_its_name_money_lines_and_indicator_text() {
        let t = form(FORM).expect("read");
        assert_eq!(t.name, "公共服务设施运行经费");
        assert_eq!(
            t.unit_name.as_deref(),
            Some("上海市普陀区人民政府万里街道办事处")
        );
        assert_eq!(
            t.total.map(|a| a.to_string()).as_deref(),
            Some("10903043.00")
        );
        let lines: Vec<(&str, Option<Period>, String)> = t
            .funding
            .iter()
            .map(|f| {
                (
                    f.label.as_str(),
                    f.period,
                    f.amount.map(|a| a.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        use Period::{Annual, Implementation};
        assert_eq!(
            lines,
            [
                (
                    "项目资金总额",
                    Some(Implementation),
                    "10903043.00".to_string()
                ),
                ("财政资金", Some(Implementation), "10903043.00".to_string()),
                ("其他资金", Some(Implementation), "0.00".to_string()),
                ("年度资金申请总额", Some(Annual), "10903043.00".to_string()),
                ("当年财政拨款", Some(Annual), "11419043.00".to_string()),
                ("上年结转资金", Some(Annual), "0.00".to_string()),
                ("其他资金", Some(Annual), "0.00".to_string()),
            ]
        );
        assert!(t.indicators.is_empty() && t.indicators_unread.is_some());
        assert_eq!(t.field("绩效指标"), Some("开展活动300场 =300.00(场)"));
        assert_eq!(t.field("绩效目标"), Some("根据需求，拓展各类生活圈"));
    }

    #[test]
    fn a_form_missing_a_money_label_or_its_name_is_not_read() {
        let without = |drop: &str| -> Vec<&str> {
            FORM.iter()
                .copied()
                .filter(|l| !l.starts_with(drop))
                .collect()
        };
        assert!(form(&without("上年结转资金")).is_none());
        assert!(form(&without("项目名称")).is_none());
        assert!(form(&without("项目总目标")).is_none());
        // Another table's title.
        let lines: Vec<String> = FORM.iter().map(|l| l.to_string()).collect();
        assert!(read("部门整体支出绩效目标表", &lines, MoneyUnit::Yuan, None).is_none());
    }
}
