//! The table figures a narrative subject can refer to, in 万元.
//!
//! A subject may have several readings (基本支出 of all funds in the 支出总表, or of the general
//! budget in the 一般公共预算支出表): every reading the document's tables support is returned,
//! and a claim agreeing with any of them is not a finding.

use std::cell::Cell;
use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::audit::narrative::Subject;
use crate::audit::view::{
    Codes, class_lines, convert, main_cell, sums_by_prefix, table_total, total_or_parts, with_role,
};
use crate::model::{Document, MoneyUnit, RowRole, Table, TableKind};

fn wan(value: Decimal, table: &Table) -> Decimal {
    convert(value, table.unit, MoneyUnit::WanYuan)
}

fn summary_row(
    doc: &Sources,
    kind: TableKind,
    role: RowRole,
    column: Option<&str>,
) -> Option<Decimal> {
    let t = doc.table(kind)?;
    let (_, row) = with_role(t, role)?;
    let v = match column {
        Some(c) => t.cell(row, c).map(|a| a.0),
        None => main_cell(t, row),
    }?;
    Some(wan(v, t))
}

fn source_line(doc: &Sources, kind: TableKind, key: &str) -> Option<Decimal> {
    let t = doc.table(kind)?;
    let row = t
        .rows
        .iter()
        .find(|r| r.role == Some(RowRole::IncomeSource) && r.key.as_deref() == Some(key))?;
    Some(wan(main_cell(t, row).unwrap_or_default(), t))
}

fn total(doc: &Sources, kind: TableKind, column: &str) -> Option<Decimal> {
    let t = doc.table(kind)?;
    t.column_index(None, column)?;
    Some(wan(table_total(t, column).unwrap_or_default(), t))
}

/// Sum of several columns' totals, for tables printing the parts but not the whole.
fn total_of_parts(doc: &Sources, kind: TableKind, parts: &[&str]) -> Option<Decimal> {
    let t = doc.table(kind)?;
    Some(wan(total_or_parts(t, "", parts)?, t))
}

fn three_public(doc: &Sources, column: &str) -> Option<Decimal> {
    let t = doc.table(TableKind::ThreePublic)?;
    t.column_index(None, column)?;
    let row = t
        .rows
        .iter()
        .find(|r| r.role == Some(RowRole::Total))
        .or_else(|| {
            t.rows
                .iter()
                .find(|r| r.amounts.iter().any(Option::is_some))
        })?;
    Some(wan(t.cell(row, column).map(|a| a.0).unwrap_or_default(), t))
}

/// 三公 items printed as rows (003) rather than columns: the row whose label names the item.
fn three_public_row(doc: &Sources, words: &[&str]) -> Option<Decimal> {
    let t = doc.table(TableKind::ThreePublic)?;
    let row = t.rows.iter().find(|r| {
        let label = crate::text::compact(&r.label);
        !label.starts_with("其中") && words.iter().any(|w| label.contains(w))
    })?;
    Some(wan(main_cell(t, row).unwrap_or_default(), t))
}

fn class(doc: &Document, code: &str) -> Vec<Decimal> {
    class_readings(doc).remove(code).unwrap_or_default()
}

/// The tables a function class (类) is read from: the sums of its lines in the first two, its
/// line in the last two.
const CLASS_KINDS: [TableKind; 4] = [
    TableKind::ExpenditureSummary,
    TableKind::GeneralBudgetExpenditure,
    TableKind::IncomeExpenditureSummary,
    TableKind::FiscalSummary,
];

/// The readings of every function class (类) at once, by code, in the order [`readings`]
/// gives them: the per-class sums and lines are computed once per document, not per class.
pub fn class_readings(doc: &Document) -> HashMap<String, Vec<Decimal>> {
    let mut out: HashMap<String, Vec<Decimal>> = HashMap::new();
    for kind in CLASS_KINDS[..2].iter().copied() {
        if let Some(t) = doc.table(kind) {
            for (code, (v, _)) in sums_by_prefix(t, Codes::Function, "total", 3) {
                out.entry(code).or_default().push(wan(v, t));
            }
        }
    }
    for kind in CLASS_KINDS[2..].iter().copied() {
        if let Some(t) = doc.table(kind) {
            for column in ["amount", "total", "gpb"] {
                for (code, (_, v)) in class_lines(t, column) {
                    out.entry(code).or_default().push(wan(v, t));
                }
            }
        }
    }
    out
}

/// The document's tables as the readings consult them, noting any consulted that was printed
/// but whose figures were not read (a text export that lost its empty cells): its figures
/// might give the reading a claim agrees with.
struct Sources<'a> {
    doc: &'a Document,
    /// Kinds of tables printed but left out of `doc`, their figures not read.
    left_out: &'a [TableKind],
    unread: Cell<bool>,
}

impl<'a> Sources<'a> {
    fn table(&self, kind: TableKind) -> Option<&'a Table> {
        match self.doc.table(kind) {
            Some(t) if t.unread.is_none() => Some(t),
            found => {
                if found.is_some() || self.left_out.contains(&kind) {
                    self.unread.set(true);
                }
                None
            }
        }
    }
}

/// Every reading of `subject` the document's tables give, in 万元.
pub fn readings(doc: &Document, subject: Subject) -> Vec<Decimal> {
    readings_of(doc, &[], subject).0
}

/// The readings of `subject`, and whether a table they are read from was printed but its
/// figures not read, so that a claim none of them confirms is not known to be wrong. `left_out`
/// names the kinds of such tables the caller took out of `doc`.
pub fn readings_of(
    doc: &Document,
    left_out: &[TableKind],
    subject: Subject,
) -> (Vec<Decimal>, bool) {
    use RowRole::*;
    use TableKind::*;
    if let Subject::Class(code) = subject {
        let consulted = CLASS_KINDS
            .iter()
            .any(|&k| left_out.contains(&k) || doc.table(k).is_some_and(|t| t.unread.is_some()));
        return (class(doc, code), consulted);
    }
    let whole = doc;
    let doc = &Sources {
        doc: whole,
        left_out,
        unread: Cell::new(false),
    };
    let ies = IncomeExpenditureSummary;
    let candidates: Vec<Option<Decimal>> = match subject {
        Subject::IncomeTotal => vec![
            summary_row(doc, ies, IncomeGrandTotal, None),
            summary_row(doc, ies, IncomeCurrentTotal, None),
            total(doc, IncomeSummary, "total"),
        ],
        Subject::IncomeCurrent => vec![
            summary_row(doc, ies, IncomeCurrentTotal, None),
            total(doc, IncomeSummary, "current_total"),
        ],
        Subject::Carryover => vec![
            summary_row(doc, ies, IncomeCarryover, None),
            total(doc, IncomeSummary, "carryover"),
            summary_row(doc, FiscalSummary, IncomeCarryover, None),
        ],
        Subject::ExpenditureTotal => vec![
            summary_row(doc, ies, ExpenditureGrandTotal, None),
            summary_row(doc, ies, ExpenditureCurrentTotal, None),
            total(doc, ExpenditureSummary, "total"),
        ],
        Subject::ExpenditureCurrent => vec![
            summary_row(doc, ies, ExpenditureCurrentTotal, None),
            summary_row(doc, ies, IncomeCurrentTotal, None),
        ],
        Subject::IncomeGpb => vec![
            source_line(doc, ies, "gpb"),
            total(doc, IncomeSummary, "gpb"),
            source_line(doc, FiscalSummary, "gpb"),
            // The general budget with its carry-over, as some narratives count it.
            total_of_parts(doc, IncomeSummary, &["gpb", "carryover_gpb"]),
        ],
        Subject::IncomeGovFund => vec![
            source_line(doc, ies, "gov_fund"),
            total(doc, IncomeSummary, "gov_fund"),
            source_line(doc, FiscalSummary, "gov_fund"),
        ],
        Subject::IncomeStateCapital => vec![
            source_line(doc, ies, "state_capital"),
            total(doc, IncomeSummary, "state_capital"),
            source_line(doc, FiscalSummary, "state_capital"),
        ],
        Subject::IncomeSpecial => vec![
            source_line(doc, ies, "special_account"),
            total(doc, IncomeSummary, "special_account"),
        ],
        Subject::IncomeUnitFunds => vec![
            source_line(doc, ies, "unit_funds"),
            total(doc, IncomeSummary, "unit_funds"),
            total_of_parts(
                doc,
                IncomeSummary,
                &[
                    "business_income",
                    "operating_income",
                    "superior_subsidy",
                    "subordinate_remit",
                    "other_income",
                ],
            ),
        ],
        Subject::FiscalGpb => vec![
            summary_row(doc, FiscalSummary, ExpenditureCurrentTotal, Some("gpb")),
            summary_row(doc, FiscalSummary, ExpenditureGrandTotal, Some("gpb")),
            total(doc, GeneralBudgetExpenditure, "total"),
        ],
        Subject::FiscalGovFund => vec![
            summary_row(
                doc,
                FiscalSummary,
                ExpenditureCurrentTotal,
                Some("gov_fund"),
            ),
            total(doc, GovFundExpenditure, "total"),
        ],
        Subject::FiscalStateCapital => vec![
            summary_row(
                doc,
                FiscalSummary,
                ExpenditureCurrentTotal,
                Some("state_capital"),
            ),
            total(doc, StateCapitalExpenditure, "total"),
        ],
        Subject::Basic => vec![
            total(doc, ExpenditureSummary, "basic"),
            total(doc, GeneralBudgetExpenditure, "basic"),
        ],
        Subject::Project => vec![
            total(doc, ExpenditureSummary, "project"),
            total(doc, GeneralBudgetExpenditure, "project"),
        ],
        Subject::Personnel => vec![
            total(doc, GeneralBudgetBasic, "basic_personnel"),
            total(doc, ExpenditureSummary, "basic_personnel"),
            total_of_parts(doc, ExpenditureSummary, &["basic_wages", "basic_family"]),
            total(doc, GeneralBudgetExpenditure, "basic_personnel"),
            total_of_parts(
                doc,
                GeneralBudgetExpenditure,
                &["basic_wages", "basic_family"],
            ),
        ],
        Subject::Public => vec![
            total(doc, GeneralBudgetBasic, "basic_public"),
            total(doc, ExpenditureSummary, "basic_public"),
            total_of_parts(doc, ExpenditureSummary, &["basic_goods", "basic_capital"]),
            total(doc, GeneralBudgetExpenditure, "basic_public"),
            total_of_parts(
                doc,
                GeneralBudgetExpenditure,
                &["basic_goods", "basic_capital"],
            ),
        ],
        Subject::GeneralBudget => vec![
            total(doc, GeneralBudgetExpenditure, "total"),
            summary_row(doc, FiscalSummary, ExpenditureCurrentTotal, Some("gpb")),
        ],
        Subject::GeneralBudgetBasic => vec![
            total(doc, GeneralBudgetBasic, "total"),
            total(doc, GeneralBudgetExpenditure, "basic"),
        ],
        Subject::ThreePublic => vec![
            three_public(doc, "three_public_total"),
            three_public_row(doc, &["三公”经费小计", "三公经费小计"]),
        ],
        Subject::Abroad => vec![
            three_public(doc, "abroad"),
            three_public_row(doc, &["因公出国"]),
        ],
        Subject::Vehicles => vec![
            three_public(doc, "vehicles"),
            three_public_row(doc, &["公务用车购置及运"]),
        ],
        Subject::VehiclePurchase => vec![
            three_public(doc, "vehicle_purchase"),
            three_public_row(doc, &["公务用车购置费"]),
        ],
        Subject::VehicleOperation => vec![
            three_public(doc, "vehicle_operation"),
            three_public_row(doc, &["公务用车运行", "公务用车运维"]),
        ],
        Subject::Reception => vec![
            three_public(doc, "reception"),
            three_public_row(doc, &["公务接待费"]),
        ],
        Subject::OfficeRunning => vec![
            total(doc, OfficeRunningCosts, "total"),
            total(doc, OfficeRunningCosts, "office_running"),
        ],
        Subject::Class(_) => Vec::new(),
    };
    (candidates.into_iter().flatten().collect(), doc.unread.get())
}
