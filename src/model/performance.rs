//! Performance targets (绩效目标): the department's 整体绩效目标表 and each project's targets.

use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::indicator_value::IndicatorValue;
use super::source::Source;
use super::table::MoneyUnit;

/// All performance targets a document publishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// The 部门（单位）整体绩效目标表, if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentTargets>,
    /// One entry per project target table (or per project of a 汇总表), in printed order.
    #[serde(default)]
    pub projects: Vec<ProjectTargets>,
}

/// A labelled block of text (项目概况, 立项依据, 项目属性, 总体目标 …), verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub text: String,
}

/// One money line (预算情况 of the department table, 项目资金 lines of a project table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingLine {
    /// As printed: `部门预算总额（万元）`, `（1）基本支出`, `其中:中央财政资金`.
    pub label: String,
    /// Stable meaning for rules: `total`, `basic`, `project`, `central`, `provincial`, `local`,
    /// `self_raised`, `other`, `government`, `special_account`, `unit_funds`, `fiscal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `annual` (年度) or `implementation` (实施期) where the table prints both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub amount: Option<Amount>,
}

/// 年度 or 实施期.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Annual,
    Implementation,
}

/// One indicator row: 一级 / 二级 / 三级 indicator and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标 (产出指标, 效益指标 …); empty where the layout prints none.
    #[serde(default)]
    pub level1: String,
    /// 二级指标 (数量指标, 社会效益 …), or the category column of a 汇总表 (成本指标 …).
    #[serde(default)]
    pub level2: String,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 指标值 as printed, parsed where it has an operator, number and unit.
    pub value: IndicatorValue,
    /// 指标值说明 / 绩效指标描述.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 指标值确定依据.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it was printed (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One 年度主要任务 line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub name: String,
    #[serde(default)]
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// The 部门（单位）整体绩效目标表.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentTargets {
    pub title: String,
    pub unit: MoneyUnit,
    /// 年度履职目标, verbatim.
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// 预算情况 lines (部门预算总额, 资金来源, 资金结构).
    #[serde(default)]
    pub budget: Vec<FundingLine>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it was printed (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One quarter or month of a 资金支出计划.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPoint {
    /// As printed: `3 月底`.
    pub label: String,
    /// Month the point ends at (3, 6, 10, 12).
    pub month: u8,
    pub amount: Option<Amount>,
}

/// One project's performance targets as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTargets {
    /// Project name as printed in the target table.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Implementing unit code, where printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Implementing unit name as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    /// Money unit of the amounts in this entry.
    pub money_unit: MoneyUnit,
    /// The project's total as printed (资金总额, 预算数, 年度资金总额).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// Funding lines (中央/省级/市县/单位自筹, 政府预算资金 …).
    #[serde(default)]
    pub funding: Vec<FundingLine>,
    /// 资金支出计划, cumulative as printed.
    #[serde(default)]
    pub spending_plan: Vec<PlanPoint>,
    /// Labelled texts: 主管部门, 项目属性, 项目期, 项目概况, 立项依据, 总体目标, 绩效目标 …
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Why the indicators were not read (a form printing several labels in one cell): its
    /// indicator lines are kept verbatim in the field 绩效指标, and the rules that judge
    /// indicators pass the project over rather than find it stating none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators_unread: Option<String>,
    /// Title of the table it was printed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it was printed (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl ProjectTargets {
    /// The labelled text with this label, if printed.
    pub fn field(&self, label: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.text.as_str())
    }
}
