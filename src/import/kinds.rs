//! What a printed title and a printed header mean: table kinds and column keys.
//!
//! Regions name the same standard tables differently (收支总表, 财务收支预算总表, 收支预算总表,
//! 收入支出决算总表); the kind is decided from the words of the title, most specific first.
//! Column keys come from the header path the same way (`本年收入 / 一般公共预算 / 小计` → `gpb`).

use crate::model::{Side, TableKind};

use super::layout::compact;

/// The kind of a table from its printed title.
pub fn table_kind(title: &str) -> TableKind {
    let t = normalize(title);
    let has = |s: &str| t.contains(s);
    if has("三公") {
        return TableKind::ThreePublic;
    }
    if has("机关运行经费") || has("机构运行经费") || has("运转经费") && !has("支出表")
    {
        return TableKind::OfficeRunningCosts;
    }
    if has("项目支出") && !has("绩效") {
        return TableKind::ProjectExpenditure;
    }
    if has("政府性基金") {
        // 政府性基金预算收入表 prints the fund's income, not its expenditure.
        if has("收入") && !has("支出") {
            return TableKind::Other;
        }
        return TableKind::GovFundExpenditure;
    }
    if has("国有资本经营") {
        return TableKind::StateCapitalExpenditure;
    }
    if has("财政拨款收支") || has("财政拨款收入支出") {
        return TableKind::FiscalSummary;
    }
    if has("收支") || has("收入支出") {
        return TableKind::IncomeExpenditureSummary;
    }
    if has("经济分类汇总") || has("支出经济分类") && !has("基本支出") {
        return TableKind::EconomicSummary;
    }
    if has("基本支出") && (has("一般公共预算") || has("财政拨款")) {
        if has("明细") {
            return TableKind::BasicExpenditureDetail;
        }
        return TableKind::GeneralBudgetBasic;
    }
    if (has("一般公共预算") || has("财政拨款")) && has("支出") {
        return TableKind::GeneralBudgetExpenditure;
    }
    if has("收入") && (has("总表") || has("总体") || has("预算表") || has("决算表")) {
        return TableKind::IncomeSummary;
    }
    if has("支出") && (has("总表") || has("总体") || has("预算表") || has("决算表")) {
        return TableKind::ExpenditureSummary;
    }
    TableKind::Other
}

/// Whether a title names a performance target table (绩效目标表, 绩效目标填报表).
pub fn is_performance_title(title: &str) -> bool {
    let t = normalize(title);
    t.contains("绩效")
}

/// Whether the table is printed in two halves, income left and expenditure right.
pub fn is_two_sided(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::IncomeExpenditureSummary | TableKind::FiscalSummary
    )
}

/// The side a header path belongs to in a two-sided table.
pub fn side_of(header: &[String]) -> Option<Side> {
    let first = header.first().map(|h| normalize(h))?;
    if first.contains("收入") || first.contains("收") && !first.contains("支") {
        Some(Side::Income)
    } else if first.contains("支出") || first.contains("支") {
        Some(Side::Expenditure)
    } else {
        None
    }
}

/// The column key of an amount column from its header path, or an `x_` key for a column no
/// rule reads. `kind` disambiguates headers that mean different things in different tables.
pub fn column_key(kind: TableKind, header: &[String]) -> String {
    let parts: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let leaf = parts.last().cloned().unwrap_or_default();
    let all = parts.join("/");
    let carry = parts
        .iter()
        .any(|p| p.contains("结转") && !p.contains("结转下年"));
    let prior = parts
        .iter()
        .any(|p| p.contains("上年预算") || p.contains("上年执行") || p.contains("上年决算"));
    let change = parts
        .iter()
        .any(|p| p.contains("增减") || p.contains("比上年"));
    let base = base_key(kind, &parts, &leaf);
    let Some(base) = base else {
        return format!("x_{}", if all.is_empty() { "列".into() } else { all });
    };
    let prefix = if change {
        "change_"
    } else if prior {
        "prior_"
    } else if carry && base != "carryover" {
        "carryover_"
    } else {
        ""
    };
    let key = format!("{prefix}{base}");
    if crate::model::table::is_known_column_key(&key) {
        key
    } else {
        format!("x_{all}")
    }
}

fn base_key(kind: TableKind, parts: &[String], leaf: &str) -> Option<&'static str> {
    let any = |s: &str| parts.iter().any(|p| p.contains(s));
    let leaf_is = |s: &str| leaf == s;
    if kind == TableKind::ThreePublic {
        if leaf.contains("车辆") || leaf.contains("数量") || leaf.contains("辆") {
            return Some("quantity");
        }
        if leaf.contains("三公")
            || (leaf_is("合计") || leaf_is("小计")) && any("三公") && !any("公务用车")
        {
            return Some("three_public_total");
        }
        if leaf.contains("出国") {
            return Some("abroad");
        }
        if leaf.contains("购置") && !leaf.contains("运行") {
            return Some("vehicle_purchase");
        }
        if leaf.contains("运行") && leaf.contains("公务用车") && !leaf.contains("购置")
            || leaf.contains("运行维护") && !leaf.contains("购置")
        {
            return Some("vehicle_operation");
        }
        if leaf.contains("公务用车") || (leaf_is("小计") && any("公务用车")) {
            return Some("vehicles");
        }
        if leaf.contains("接待") {
            return Some("reception");
        }
        if leaf.contains("机关运行") || leaf.contains("运行经费") {
            return Some("office_running");
        }
        // Items printed as rows, the columns the money's sources (资金性质: 合计, 一般公共预算
        // 财政拨款, …; 2026年预算数: 合计, 一般公共预算, 政府性基金预算 …): keyed as in any
        // other table.
        let source = ["一般公共预算", "政府性基金", "国有资本经营"]
            .iter()
            .any(|s| leaf.contains(s));
        let sources_over = source || leaf_is("合计") && any("预算数");
        if !any("资金性质") && !any("资金来源") && !sources_over {
            return None;
        }
    }
    if kind == TableKind::OfficeRunningCosts && (leaf.contains("运行经费") || leaf_is("金额"))
    {
        return Some("office_running");
    }
    if leaf.contains("本年收入") && (leaf.contains("合计") || leaf.contains("小计")) {
        return Some("current_total");
    }
    if leaf.contains("合计") || leaf.contains("总计") {
        if any("上年结转") || any("结转结余") && parts.len() > 1 {
            return Some("carryover");
        }
        if any("本年收入") && parts.len() > 1 {
            return Some("current_total");
        }
        return Some("total");
    }
    // 当年预算安排 beside 上年结转安排: the year's own part of the side's total.
    if leaf.contains("当年预算安排") || leaf.contains("本年预算安排") {
        return Some("current_total");
    }
    // A side's one column headed by the year (收入 / 2026年).
    let year_heading = leaf
        .strip_suffix('年')
        .or_else(|| leaf.strip_suffix("年预算"))
        .or_else(|| leaf.strip_suffix("年预算数"))
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    if leaf_is("金额")
        || leaf_is("预算数")
        || leaf_is("决算数")
        || leaf_is("预算金额")
        || year_heading && is_two_sided(kind)
    {
        return Some(if is_two_sided(kind) {
            "amount"
        } else {
            "total"
        });
    }
    if leaf.contains("其中") && leaf.contains("财政拨款") {
        return Some("gpb_fiscal");
    }
    let sub = leaf_is("小计");
    // 支出 / 金额 / 小计 of a two-sided table: the whole amount of its side.
    if sub
        && is_two_sided(kind)
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| matches!(p.as_str(), "支出" | "收入" | "金额" | "预算数"))
    {
        return Some("total");
    }
    let scope = |s: &str| leaf.contains(s) || sub && any(s);
    if scope("人员经费") {
        return Some("basic_personnel");
    }
    if scope("公用经费") {
        return Some("basic_public");
    }
    if leaf.contains("工资福利") {
        return Some("basic_wages");
    }
    if leaf.contains("对个人和家庭") {
        return Some("basic_family");
    }
    if leaf.contains("商品和服务") {
        return Some("basic_goods");
    }
    if leaf.contains("资本性支出") {
        return Some("basic_capital");
    }
    if scope("基本支出") {
        return Some("basic");
    }
    if leaf.contains("其他运转") {
        return Some("project_operating");
    }
    if leaf.contains("特定目标") {
        return Some("project_specific");
    }
    if scope("项目支出") {
        return Some("project");
    }
    if leaf.contains("财政专户") {
        return Some("special_account");
    }
    // 国有资本经营收入预算 is the state capital budget's income, not a unit's 经营收入.
    if leaf.contains("事业单位经营") || leaf.contains("经营收入") && !leaf.contains("国有资本")
    {
        return Some("operating_income");
    }
    if leaf.contains("事业收入") {
        return Some("business_income");
    }
    if leaf.contains("上级补助") {
        return Some("superior_subsidy");
    }
    if leaf.contains("附属单位") {
        return Some("subordinate_remit");
    }
    if leaf.contains("事业基金") {
        return Some("fund_balance");
    }
    if leaf.contains("其他收入") {
        return Some("other_income");
    }
    if leaf.contains("单位资金") || sub && any("单位资金") {
        return Some("unit_funds");
    }
    if scope("一般公共预算") || scope("公共财政") {
        return Some("gpb");
    }
    if scope("政府性基金") {
        return Some("gov_fund");
    }
    if scope("国有资本经营") {
        return Some("state_capital");
    }
    if scope("财政拨款") {
        return Some("fiscal");
    }
    if scope("上年结转") || leaf.contains("结转结余") && !leaf.contains("年末") {
        return Some("carryover");
    }
    None
}

/// A title or header without spaces, with full-width brackets and quotes made ASCII-like, so
/// `“三公”经费` and `"三公"经费` read alike.
pub fn normalize(text: &str) -> String {
    compact(text)
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' | '"' | '＂' => '"',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn titles_of_three_regions() {
        use TableKind::*;
        for (title, kind) in [
            ("2025年部门财务收支预算总表", IncomeExpenditureSummary),
            ("收支预算总表", IncomeExpenditureSummary),
            ("收入支出决算总表", IncomeExpenditureSummary),
            ("2025年部门收入预算总表", IncomeSummary),
            ("收入决算表", IncomeSummary),
            ("2025年部门支出预算总表", ExpenditureSummary),
            ("2025年部门财政拨款收支预算总表", FiscalSummary),
            ("财政拨款收入支出决算总表", FiscalSummary),
            (
                "2025年部门一般公共预算支出功能分类预算表",
                GeneralBudgetExpenditure,
            ),
            (
                "一般公共预算支出预算表（功能科目）",
                GeneralBudgetExpenditure,
            ),
            ("财政拨款支出预算表（功能科目）", GeneralBudgetExpenditure),
            (
                "2025年部门政府性基金预算支出功能分类预算表",
                GovFundExpenditure,
            ),
            ("财政拨款政府性基金支出预算表", GovFundExpenditure),
            ("政府性基金预算财政拨款收入支出决算表", GovFundExpenditure),
            (
                "国有资本经营预算财政拨款收入支出决算表",
                StateCapitalExpenditure,
            ),
            (
                "2025年部门国有资本经营预算支出功能分类预算表",
                StateCapitalExpenditure,
            ),
            (
                "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                GeneralBudgetBasic,
            ),
            ("财政拨款基本支出预算表（经济科目）", GeneralBudgetBasic),
            ("2025年部门“三公”经费和机关运行经费预算表", ThreePublic),
            ("“三公”经费、会议费、培训费支出预算表", ThreePublic),
            ("一般公共预算机关运行经费支出预算表", OfficeRunningCosts),
            ("2019年政府采购预算表", Other),
            ("2025年支出经济分类汇总表", EconomicSummary),
        ] {
            assert_eq!(table_kind(title), kind, "{title}");
        }
    }

    #[test]
    fn header_paths_become_keys() {
        use TableKind::*;
        assert_eq!(
            column_key(IncomeSummary, &path(&["收入预算", "合计"])),
            "total"
        );
        assert_eq!(
            column_key(IncomeSummary, &path(&["收入预算", "财政拨款收入"])),
            "fiscal"
        );
        assert_eq!(
            column_key(IncomeSummary, &path(&["收入预算", "事业单位经营收入"])),
            "operating_income"
        );
        assert_eq!(
            column_key(ExpenditureSummary, &path(&["支出预算", "基本支出"])),
            "basic"
        );
        assert_eq!(
            column_key(
                GeneralBudgetBasic,
                &path(&["一般公共预算基本支出", "人员经费"])
            ),
            "basic_personnel"
        );
        assert_eq!(
            column_key(FiscalSummary, &path(&["财政拨款支出", "政府性基金预算"])),
            "gov_fund"
        );
        assert_eq!(
            column_key(FiscalSummary, &path(&["财政拨款收入", "预算数"])),
            "amount"
        );
        assert_eq!(
            column_key(IncomeExpenditureSummary, &path(&["本年收入", "预算数"])),
            "amount"
        );
        assert_eq!(
            column_key(IncomeExpenditureSummary, &path(&["收入", "2026年"])),
            "amount"
        );
        assert_eq!(
            column_key(IncomeExpenditureSummary, &path(&["支出", "当年预算安排"])),
            "current_total"
        );
        assert_eq!(
            column_key(ThreePublic, &path(&["“三公”经费预算数", "合计"])),
            "three_public_total"
        );
        assert_eq!(
            column_key(
                StateCapitalExpenditure,
                &path(&["国有资本经营预算收入", "国有资本经营收入预算"])
            ),
            "state_capital"
        );
        // Items as rows under the money's sources.
        assert_eq!(
            column_key(ThreePublic, &path(&["2026年预算数", "一般公共预算"])),
            "gpb"
        );
        assert_eq!(
            column_key(ThreePublic, &path(&["2026年预算数", "合计"])),
            "total"
        );
        assert_eq!(
            column_key(ThreePublic, &path(&["公务用车购置及运行费", "购置"])),
            "vehicle_purchase"
        );
        assert_eq!(
            column_key(
                ThreePublic,
                &path(&["公务用车购置及运行费", "公务用车运行维护费"])
            ),
            "vehicle_operation"
        );
        assert_eq!(
            column_key(ThreePublic, &path(&["机关运行经费预算数"])),
            "office_running"
        );
        // Items as rows, the money's sources as columns.
        assert_eq!(
            column_key(ThreePublic, &path(&["资金性质", "一般公共预算财政拨款"])),
            "gpb"
        );
        assert_eq!(
            column_key(ThreePublic, &path(&["资金性质", "合计"])),
            "total"
        );
        assert!(column_key(ThreePublic, &path(&["备注"])).starts_with("x_"));
        assert_eq!(
            column_key(IncomeSummary, &path(&["上年结转结余", "一般公共预算"])),
            "carryover_gpb"
        );
        assert!(column_key(Other, &path(&["采购项目", "数量单位"])).starts_with("x_"));
    }

    #[test]
    fn sides() {
        assert_eq!(side_of(&path(&["本年收入", "预算数"])), Some(Side::Income));
        assert_eq!(
            side_of(&path(&["财政拨款支出", "合计"])),
            Some(Side::Expenditure)
        );
        assert_eq!(side_of(&path(&["合计"])), None);
    }
}
