//! ARITH-001: inside each row, a total column equals the sum of its parts.

use rust_decimal::Decimal;

use crate::audit::view::header;
use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Side, Table};

/// One part of a sum: a column, or, when that column is not printed, the sum of its parts.
enum Slot {
    Key(&'static str),
    Either(&'static str, &'static [Slot]),
}

use Slot::{Either, Key};

// What each total column splits into; the identities below and the `Either` slots share them.
const UNIT_FUND_PARTS: &[Slot] = &[
    Key("business_income"),
    Key("operating_income"),
    Key("superior_subsidy"),
    Key("subordinate_remit"),
    Key("other_income"),
    Key("fund_balance"),
];
const FISCAL_PARTS: &[Slot] = &[Key("gpb"), Key("gov_fund"), Key("state_capital")];
const PERSONNEL_PARTS: &[Slot] = &[Key("basic_wages"), Key("basic_family")];
const PUBLIC_PARTS: &[Slot] = &[Key("basic_goods"), Key("basic_capital")];
const PROJECT_PARTS: &[Slot] = &[Key("project_operating"), Key("project_specific")];
const VEHICLE_PARTS: &[Slot] = &[Key("vehicle_purchase"), Key("vehicle_operation")];

const UNIT_FUNDS: Slot = Either("unit_funds", UNIT_FUND_PARTS);
const CURRENT: &[Slot] = &[
    Either("fiscal", FISCAL_PARTS),
    Key("special_account"),
    UNIT_FUNDS,
];
const CARRYOVER: &[Slot] = &[
    Key("carryover_gpb"),
    Key("carryover_gov_fund"),
    Key("carryover_state_capital"),
    Key("carryover_special_account"),
    Key("carryover_unit_funds"),
];
const PERSONNEL: Slot = Either("basic_personnel", PERSONNEL_PARTS);
const PUBLIC: Slot = Either("basic_public", PUBLIC_PARTS);
const BASIC_PARTS: &[Slot] = &[PERSONNEL, PUBLIC];
const VEHICLES: Slot = Either("vehicles", VEHICLE_PARTS);

/// Column identities: parent = Σ slots.
const IDENTITIES: &[(&str, &[Slot])] = &[
    (
        "total",
        &[
            Either("basic", BASIC_PARTS),
            Either("project", PROJECT_PARTS),
        ],
    ),
    ("basic", BASIC_PARTS),
    ("basic_personnel", PERSONNEL_PARTS),
    ("basic_public", PUBLIC_PARTS),
    ("project", PROJECT_PARTS),
    (
        "total",
        &[
            Either("current_total", CURRENT),
            Either("carryover", CARRYOVER),
        ],
    ),
    ("current_total", CURRENT),
    ("unit_funds", UNIT_FUND_PARTS),
    ("carryover", CARRYOVER),
    (
        "three_public_total",
        &[Key("abroad"), VEHICLES, Key("reception")],
    ),
    ("vehicles", VEHICLE_PARTS),
];

pub struct ColumnSums;

static META: RuleMeta = RuleMeta {
    id: "ARITH-001",
    group: Group::Arithmetic,
    severity: Severity::Error,
    title: "A total column differs from the sum of its part columns",
    title_zh: "合计列与各分项列之和不符",
    explanation: "\
Within one row, every total column must equal the sum of the columns it splits into:
合计 = 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费 (or 工资福利 + 对个人和家庭的补助 +
商品和服务 + 资本性); 项目支出 = 其他运转类 + 特定目标类; 总计 = 本年收入 + 上年结转;
本年收入 = 一般公共预算 + 政府性基金 + 国有资本经营 + 财政专户 + 单位资金; “三公”合计 =
因公出国（境）+ 公务用车购置及运行 + 公务接待. A “其中” column (其中：财政拨款) is never a part.
Blank cells count as zero. A difference up to n × 0.005 (n printed parts) is rounding.

Example: 支出总表, row 2060101 行政运行: 合计 379.69, 基本支出 379.69, 项目支出 blank → consistent.
If 合计 were 380.69 the finding is: expected 379.69 (379.69 + 0), actual 380.69, difference 1.00.",
};

/// Whether a total column has sibling columns no rule knows (Jiangsu's 支出预算总表: 合计 |
/// 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金): its parts are then more than the
/// identity names, and checking it against 基本 + 项目 alone would be a false finding.
fn incomplete_split(table: &Table, parent_key: &str) -> bool {
    let Some(parent) = table.columns.iter().find(|c| c.key == parent_key) else {
        return false;
    };
    let depth = parent.header.len();
    let outer = &parent.header[..depth.saturating_sub(1)];
    table.columns.iter().any(|c| {
        c.key.starts_with("x_")
            && c.side == parent.side
            && c.header.len() == depth
            && c.header[..depth.saturating_sub(1)] == *outer
    })
}

/// [`Table::column_index`] of the key `prefix` + `key`, without building the key.
fn column_index(table: &Table, side: Option<Side>, prefix: &str, key: &str) -> Option<usize> {
    table
        .columns_for(side)
        .find(|(_, c)| {
            c.key.len() == prefix.len() + key.len()
                && c.key.starts_with(prefix)
                && c.key.ends_with(key)
        })
        .map(|(i, _)| i)
}

/// The printed columns (for rows of `side`) a sum of `slots` adds up: a slot's own column, or,
/// where that is not printed, the columns of its parts. Which columns exist does not depend on
/// the row, so this is worked out once per table and side, not once per row.
fn resolve(table: &Table, side: Option<Side>, prefix: &str, slots: &[Slot], out: &mut Vec<usize>) {
    for slot in slots {
        match slot {
            Key(k) => out.extend(column_index(table, side, prefix, k)),
            Either(k, parts) => match column_index(table, side, prefix, k) {
                Some(i) => out.push(i),
                None => resolve(table, side, prefix, parts, out),
            },
        }
    }
}

impl Rule for ColumnSums {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let printed_as = cx.printed(table);
            for prefix in ["", "prior_"] {
                for (parent, slots) in IDENTITIES {
                    let parent_key = format!("{prefix}{parent}");
                    if !table.columns.iter().any(|c| c.key == parent_key) {
                        continue;
                    }
                    if incomplete_split(table, &parent_key) {
                        continue;
                    }
                    // For each side (two-sided tables): the parent column and the columns
                    // of its parts, where the identity applies (two parts or more).
                    let plan = |side| {
                        let parent = column_index(table, side, prefix, parent)?;
                        let mut parts = Vec::new();
                        resolve(table, side, prefix, slots, &mut parts);
                        (parts.len() >= 2).then_some((parent, parts))
                    };
                    let sides =
                        [None, Some(Side::Income), Some(Side::Expenditure)].map(|s| (s, plan(s)));
                    for (i, row) in table.rows.iter().enumerate() {
                        let Some((parent, parts)) = sides
                            .iter()
                            .find(|(s, _)| *s == row.side)
                            .and_then(|(_, p)| p.as_ref())
                        else {
                            continue;
                        };
                        let cell = |i: &usize| row.amounts.get(*i).copied().flatten();
                        let printed = cell(parent);
                        let mut sum = Decimal::ZERO;
                        let mut n = 0;
                        for a in parts.iter().filter_map(cell) {
                            sum += a.0;
                            n += 1;
                        }
                        if printed.is_none() && n == 0 {
                            continue;
                        }
                        let actual = printed.map(|a| a.0).unwrap_or_default();
                        if cx.sum_differs(sum, actual, n, printed_as) {
                            // Name the columns summed, so the sum can be redone by hand.
                            let names: Vec<String> = parts
                                .iter()
                                .filter_map(|&p| table.columns_for(row.side).nth(p))
                                .map(|(_, c)| header(table, &c.key))
                                .collect();
                            out.push(
                                cx.finding(&META)
                                    .table(table)
                                    .row(table, i)
                                    .column(header(table, &parent_key))
                                    .amounts(sum, actual)
                                    .message(
                                        format!(
                                            "{} is {actual} but its parts add up to {sum}: {}",
                                            header(table, &parent_key),
                                            names.join(" + ")
                                        ),
                                        format!(
                                            "“{}”为 {actual}，但各分项之和为 {sum}：{}",
                                            header(table, &parent_key),
                                            names.join(" + ")
                                        ),
                                    ),
                            );
                        }
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

    const KEYS: &[&str] = &[
        "total",
        "basic",
        "project",
        "project_operating",
        "project_specific",
    ];

    #[test]
    fn consistent_rows_pass() {
        let t = table(
            "expenditure_summary",
            KEYS,
            &[
                r#"{"func":"2060101","label":"行政运行","amounts":["379.69","379.69",null,null,null]}"#,
                r#"{"func":"2060102","label":"事务","amounts":["4.00",null,"4.00","4.00",null]}"#,
            ],
        );
        assert!(run(&ColumnSums, &doc(&format!("[{t}]"), "")).is_empty());
    }

    #[test]
    fn a_wrong_total_is_found_with_expected_and_actual() {
        let t = table(
            "expenditure_summary",
            KEYS,
            &[
                r#"{"func":"2060101","label":"行政运行","amounts":["380.69","379.69",null,null,null]}"#,
            ],
        );
        let f = run(&ColumnSums, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("379.69"));
        assert_eq!(f[0].actual.as_deref(), Some("380.69"));
        assert_eq!(f[0].difference, Some(Decimal::ONE));
        assert_eq!(f[0].location.row.as_deref(), Some("2060101 行政运行"));
    }

    #[test]
    fn rounding_within_tolerance_is_not_a_finding() {
        let t = table(
            "expenditure_summary",
            KEYS,
            &[r#"{"label":"x","amounts":["10.01","5.00","5.00","5.00",null]}"#],
        );
        assert!(run(&ColumnSums, &doc(&format!("[{t}]"), "")).is_empty());
    }

    #[test]
    fn of_which_columns_are_not_parts() {
        let t = table(
            "income_summary",
            &["total", "gpb", "gpb_fiscal", "gov_fund"],
            &[r#"{"label":"x","amounts":["10.00","10.00","8.00",null]}"#],
        );
        assert!(run(&ColumnSums, &doc(&format!("[{t}]"), "")).is_empty());
    }

    #[test]
    fn total_is_checked_against_sources_without_a_carryover_column() {
        let t = table(
            "income_summary",
            &["total", "gpb", "gov_fund", "state_capital"],
            &[r#"{"label":"x","amounts":["100.00","50.00","20.00","10.00"]}"#],
        );
        let f = run(&ColumnSums, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("80.00"));
    }

    #[test]
    fn three_public_parts() {
        let keys = [
            "three_public_total",
            "abroad",
            "vehicles",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
        ];
        let t = table(
            "three_public",
            &keys,
            &[r#"{"label":"x","amounts":["3.12",null,"1.00",null,"1.00","3.12"]}"#],
        );
        let f = run(&ColumnSums, &doc(&format!("[{t}]"), ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expected.as_deref(), Some("4.12"));
    }
}
