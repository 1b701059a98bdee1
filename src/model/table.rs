//! The standard budget tables, kept as printed: title, headers, rows, blank cells, notes.
//!
//! A table keeps only its amount columns in `columns`; the code and name columns that start
//! each printed row become typed fields of [`Row`] (`func`, `econ`, `unit`, `label`, …), so
//! rules can ask "the row for 2060101" without knowing how a region lays its table out.
//! `row_header` keeps the printed labels of those leading columns.

use arcstr::ArcStr;
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::source::Source;

/// Which standard table this is. Regions name them differently; the kind is what rules rely on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 收支总表 / 收支总体情况表 / 收支预算表.
    IncomeExpenditureSummary,
    /// 收入总表 / 收入总体情况表.
    IncomeSummary,
    /// 支出总表 / 支出总体情况表.
    ExpenditureSummary,
    /// 财政拨款收支总表.
    FiscalSummary,
    /// 一般公共预算支出表 (by function code).
    GeneralBudgetExpenditure,
    /// 一般公共预算基本支出表 (by economic code).
    GeneralBudgetBasic,
    /// 一般公共预算基本支出明细表 and similar detail tables.
    BasicExpenditureDetail,
    /// 支出经济分类汇总表.
    EconomicSummary,
    /// “三公”经费支出表.
    ThreePublic,
    /// 政府性基金预算支出表.
    GovFundExpenditure,
    /// 国有资本经营预算支出表.
    StateCapitalExpenditure,
    /// 项目支出表.
    ProjectExpenditure,
    /// 机关运行经费 / 机构运行经费表.
    OfficeRunningCosts,
    /// Anything else the document prints (固定资产占用情况表, …).
    Other,
}

impl TableKind {
    /// A short English name for listings.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "income & expenditure summary",
            TableKind::IncomeSummary => "income summary",
            TableKind::ExpenditureSummary => "expenditure summary",
            TableKind::FiscalSummary => "fiscal appropriation summary",
            TableKind::GeneralBudgetExpenditure => "general public budget expenditure",
            TableKind::GeneralBudgetBasic => "general public budget basic expenditure",
            TableKind::BasicExpenditureDetail => "basic expenditure detail",
            TableKind::EconomicSummary => "economic classification summary",
            TableKind::ThreePublic => "three public costs",
            TableKind::GovFundExpenditure => "government fund expenditure",
            TableKind::StateCapitalExpenditure => "state capital expenditure",
            TableKind::ProjectExpenditure => "project expenditure",
            TableKind::OfficeRunningCosts => "office running costs",
            TableKind::Other => "other",
        }
    }
}

/// The money unit a table or target is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoneyUnit {
    #[serde(rename = "万元")]
    WanYuan,
    #[serde(rename = "元")]
    Yuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }
    /// How many yuan one unit is.
    pub fn yuan_per_unit(self) -> u32 {
        match self {
            MoneyUnit::WanYuan => 10_000,
            MoneyUnit::Yuan => 1,
        }
    }
}

/// Side of a two-sided table (收支总表 prints income left, expenditure right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Income,
    Expenditure,
}

/// An amount column: a stable `key` rules use, and the printed header path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    /// Header cells from the outermost to the innermost, as printed: `["基本支出", "人员经费", "工资福利支出"]`.
    pub header: Vec<String>,
    /// For two-sided tables: which side the column belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
}

/// What a row stands for, where it is not just a code row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// The table's 合计 / 总计 row.
    Total,
    /// A subtotal row inside the table (小计).
    Subtotal,
    /// The department row (e.g. `310 市科学技术局`).
    Department,
    /// One budget unit's row.
    Unit,
    /// One project (项目支出表, 项目绩效目标汇总表).
    Project,
    /// An income source line of a summary table; `key` names the source.
    IncomeSource,
    /// An expenditure line by function class (类) of a summary table, matched by name.
    ExpenditureClass,
    /// 本年收入合计 / 一、本年收入.
    IncomeCurrentTotal,
    /// 上年结转结余 / 二、上年结转.
    IncomeCarryover,
    /// 收入总计.
    IncomeGrandTotal,
    /// 本年支出合计 / 一、本年支出.
    ExpenditureCurrentTotal,
    /// 年终结转结余.
    ExpenditureCarryover,
    /// 支出总计.
    ExpenditureGrandTotal,
    /// A heading line that groups the rows below it.
    Heading,
    /// Any other line.
    Other,
}

/// One printed row. Codes are digits only (`2060101`, `30101`, `310001`); blank cells are `null`.
///
/// Optional texts are [`ArcStr`] (one pointer, none allocated when absent) and the source is
/// boxed, so a row is about 150 bytes however many fields it may carry: a table of millions of
/// rows stays within a few times its JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Row {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RowRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// For `income_source` rows: the source key (`gpb`, `gpb_fiscal`, `carryover_gpb`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<ArcStr>,
    /// Function classification code, 3, 5 or 7 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub func: Option<ArcStr>,
    /// Department-budget economic code (部门预算支出经济分类), 3 or 5 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub econ: Option<ArcStr>,
    /// Government-budget economic code (政府预算支出经济分类), 3 or 5 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_econ: Option<ArcStr>,
    /// Name printed beside `gov_econ`, where the table prints both names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_econ_label: Option<ArcStr>,
    /// Unit or department code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<ArcStr>,
    /// Project code (项目编码) where printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<ArcStr>,
    /// Project type as printed (其他运转类, 特定目标类, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_type: Option<ArcStr>,
    /// Implementing unit's name as printed, for project rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<ArcStr>,
    /// The row's name as printed (科目名称, 单位名称, 项目名称, 项目).
    #[serde(default)]
    pub label: String,
    /// One cell per column, in column order (for two-sided tables: per column of the row's side).
    #[serde(default, deserialize_with = "exact_vec")]
    pub amounts: Vec<Option<Amount>>,
    /// A transcriber's note on how an ambiguous line was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<ArcStr>,
    /// Where the row and each of its amounts were printed (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<Source>>,
}

/// A vector read without spare capacity: serde grows it by doubling (four cells for a row of
/// two, up to twice the rows of a table), and a document holds one per row.
fn exact_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut v = Vec::<T>::deserialize(d)?;
    v.shrink_to_fit();
    Ok(v)
}

/// One table as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Unique within the document; used in node addresses and findings (`t03`, `income_summary`).
    pub id: String,
    pub kind: TableKind,
    /// The number as printed (`预算01表`, `三`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Title as printed.
    pub title: String,
    pub unit: MoneyUnit,
    /// Printed labels of the leading code and name columns (`["类", "款", "项", "单位代码", "单位（科目名称）"]`).
    #[serde(default)]
    pub row_header: Vec<String>,
    pub columns: Vec<Column>,
    #[serde(default, deserialize_with = "exact_vec")]
    pub rows: Vec<Row>,
    /// Notes printed under or above the table (备注, 注, 本表无数据), verbatim.
    #[serde(default)]
    pub printed_notes: Vec<String>,
    /// A transcriber's note on decisions made for this table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why the figures of this table could not be read, when they could not (a text export
    /// that lost its empty cells): the table was printed, its rows keep their names and the
    /// figures as printed in their notes, and the audit does not check its figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<String>,
    /// Where the table was printed: its first and last page or line (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Table {
    /// Columns that apply to a row of the given side, in order.
    pub fn columns_for(&self, side: Option<Side>) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .filter(move |c| c.side.is_none() || side.is_none() || c.side == side)
            .enumerate()
    }

    /// Position of a column (within a row of `side`) by key.
    pub fn column_index(&self, side: Option<Side>, key: &str) -> Option<usize> {
        self.columns_for(side)
            .find(|(_, c)| c.key == key)
            .map(|(i, _)| i)
    }

    /// The cell of `row` in the column `key`; `None` when the column does not exist or the cell is blank.
    pub fn cell(&self, row: &Row, key: &str) -> Option<Amount> {
        let i = self.column_index(row.side, key)?;
        row.amounts.get(i).copied().flatten()
    }

    /// Whether any cell of the table holds a value.
    pub fn has_data(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.amounts.iter().any(Option::is_some))
    }
}

/// Column keys rules understand. Keys may also carry a `carryover_` (上年结转), `prior_` (上年预算)
/// or `change_` (增减) prefix, and any key starting with `x_` is accepted as an uninterpreted column.
pub const COLUMN_KEYS: &[(&str, &str)] = &[
    (
        "amount",
        "金额 / 预算数: the single amount of a two-sided table",
    ),
    ("total", "合计 / 总计"),
    ("current_total", "本年收入 合计"),
    ("carryover", "上年结转结余 合计"),
    (
        "fiscal",
        "财政拨款（收入）: all appropriations, 一般公共预算 + 政府性基金 + 国有资本经营",
    ),
    ("gpb", "一般公共预算 (小计)"),
    ("gpb_fiscal", "其中：财政拨款"),
    ("gov_fund", "政府性基金预算"),
    ("state_capital", "国有资本经营预算"),
    ("special_account", "财政专户管理资金"),
    ("unit_funds", "单位资金 (小计)"),
    ("business_income", "事业收入"),
    ("operating_income", "事业单位经营收入"),
    ("superior_subsidy", "上级补助收入"),
    ("subordinate_remit", "附属单位上缴收入"),
    ("other_income", "其他收入"),
    ("fund_balance", "用事业基金弥补收支差额"),
    ("basic", "基本支出 (小计)"),
    ("basic_personnel", "人员经费"),
    ("basic_wages", "工资福利支出"),
    ("basic_family", "对个人和家庭的补助"),
    ("basic_public", "公用经费"),
    ("basic_goods", "商品和服务支出"),
    ("basic_capital", "资本性支出 (basic)"),
    ("project", "项目支出 (小计)"),
    ("project_operating", "其他运转类"),
    ("project_specific", "特定目标类"),
    ("three_public_total", "“三公”经费合计"),
    ("abroad", "因公出国（境）费"),
    ("vehicles", "公务用车购置及运行费 (小计)"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行（维护）费"),
    ("reception", "公务接待费"),
    ("office_running", "机关（机构）运行经费"),
    ("quantity", "a count printed in a table (车辆数, 套数)"),
];

/// Prefixes a column key may carry.
pub const COLUMN_KEY_PREFIXES: &[&str] = &["carryover_", "prior_", "change_"];

/// Whether `key` is a column key rules know (see [`COLUMN_KEYS`]).
pub fn is_known_column_key(key: &str) -> bool {
    if key.starts_with("x_") && key.len() > 2 {
        return true;
    }
    let base = COLUMN_KEY_PREFIXES
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    COLUMN_KEYS.iter().any(|(k, _)| *k == base)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of millions of near-empty rows is held at a few times its bytes only while a
    /// row stays small: optional texts are one pointer each, the rare source one box.
    #[test]
    fn a_row_stays_small() {
        assert!(
            std::mem::size_of::<Row>() <= 160,
            "{}",
            std::mem::size_of::<Row>()
        );
        assert_eq!(std::mem::size_of::<Option<ArcStr>>(), 8);
    }

    #[test]
    fn column_keys_accept_prefixes_and_extensions() {
        assert!(is_known_column_key("gpb_fiscal"));
        assert!(is_known_column_key("carryover_gpb"));
        assert!(is_known_column_key("prior_three_public_total"));
        assert!(is_known_column_key("carryover"));
        assert!(is_known_column_key("x_序号"));
        assert!(!is_known_column_key("gbp"));
        assert!(!is_known_column_key("x_"));
        assert!(!is_known_column_key("carryover_nonsense"));
    }

    #[test]
    fn cells_are_found_by_side_and_key() {
        let table: Table = serde_json::from_str(
            r#"{"id":"t1","kind":"fiscal_summary","title":"t","unit":"万元",
                "columns":[{"key":"amount","header":["金额"],"side":"income"},
                           {"key":"total","header":["合计"],"side":"expenditure"},
                           {"key":"gpb","header":["一般公共预算"],"side":"expenditure"}],
                "rows":[{"side":"income","label":"一、本年收入","amounts":["5.00"]},
                        {"side":"expenditure","label":"一、本年支出","amounts":["5.00",null]}]}"#,
        )
        .unwrap();
        let exp = &table.rows[1];
        assert_eq!(table.cell(exp, "total").unwrap().to_string(), "5.00");
        assert_eq!(table.cell(exp, "gpb"), None);
        assert_eq!(
            table.cell(&table.rows[0], "amount").unwrap().to_string(),
            "5.00"
        );
        assert_eq!(table.cell(&table.rows[0], "total"), None);
    }
}
