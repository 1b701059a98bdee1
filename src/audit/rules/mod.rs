//! The rule catalogue. Add a rule: write a file here with a `RuleMeta` and a `Rule` impl,
//! then list it in [`catalogue`]. File names follow the id's group.

mod arith_balance;
mod arith_blocks;
mod arith_classes;
mod arith_columns;
mod arith_grand_total;
mod arith_hierarchy;
mod arith_of_which;
mod arith_sources;
mod narr_amounts;
mod narr_changes;
mod narr_missing_amounts;
mod narr_parts;
mod narr_quoted_items;
pub(crate) mod narr_shares;
mod narr_stated_rates;
mod narr_subject_names;
mod narr_target_totals;
mod narr_unit_count;
mod perf_categories;
mod perf_cost_ceiling;
mod perf_cost_missing;
mod perf_deadlines;
mod perf_department_budget;
mod perf_funding;
mod perf_missing;
mod perf_named_quantity;
mod perf_overview_items;
mod perf_plan;
mod perf_rate_standards;
mod perf_vacuous_caps;
mod perf_values;
mod proj_amounts;
mod proj_carryover;
mod proj_codes;
mod proj_names;
mod proj_narrative_names;
mod proj_totals;
mod proj_units;
mod sangong_economic;
mod struct_code_names;
mod struct_codes;
mod struct_empty_notes;
mod struct_empty_tables;
mod struct_mentioned;
mod struct_narrative_units;
mod struct_obsolete_classes;
mod struct_required;
mod struct_unit_names;
mod unit_sums;
mod xtab_basic_columns;
mod xtab_classes;
mod xtab_department_targets;
mod xtab_economic;
mod xtab_fiscal_note;
mod xtab_function_economic;
mod xtab_general_budget;
mod xtab_sources;
mod xtab_summary_totals;

use super::Rule;

/// Every rule, grouped and in id order.
pub fn catalogue() -> &'static [&'static dyn Rule] {
    &[
        &arith_columns::ColumnSums,
        &arith_of_which::OfWhich,
        &arith_hierarchy::CodeHierarchy,
        &arith_blocks::BlockTotals,
        &arith_grand_total::GrandTotal,
        &arith_balance::Balance,
        &arith_sources::Sources,
        &arith_classes::Classes,
        &unit_sums::UnitSums,
        &xtab_summary_totals::SummaryTotals,
        &xtab_classes::ClassAgreement,
        &xtab_sources::SourceAgreement,
        &xtab_general_budget::GeneralBudget,
        &xtab_economic::EconomicTotals,
        &xtab_basic_columns::BasicColumns,
        &xtab_department_targets::DepartmentTargets,
        &xtab_fiscal_note::FiscalNote,
        &xtab_function_economic::FunctionEconomic,
        &sangong_economic::ThreePublicLines,
        &proj_totals::ProjectTotals,
        &proj_amounts::ProjectAmounts,
        &proj_names::ProjectNames,
        &proj_units::ProjectUnits,
        &proj_codes::ProjectCodes,
        &proj_carryover::CarryoverProjects,
        &proj_narrative_names::NarrativeProjectNames,
        &perf_missing::MissingTargets,
        &perf_categories::Categories,
        &perf_cost_ceiling::CostCeiling,
        &perf_values::Values,
        &perf_funding::Funding,
        &perf_plan::SpendingPlan,
        &perf_deadlines::Deadlines,
        &perf_department_budget::DepartmentBudget,
        &perf_overview_items::OverviewItems,
        &perf_rate_standards::RateStandards,
        &perf_vacuous_caps::VacuousCaps,
        &perf_cost_missing::CostMissing,
        &perf_named_quantity::NamedQuantity,
        &narr_amounts::Amounts,
        &narr_shares::Shares,
        &narr_changes::Changes,
        &narr_unit_count::UnitCount,
        &narr_parts::Parts,
        &narr_stated_rates::StatedRates,
        &narr_quoted_items::QuotedItems,
        &narr_missing_amounts::MissingAmounts,
        &narr_subject_names::SubjectNames,
        &narr_target_totals::TargetTotals,
        &struct_required::RequiredTables,
        &struct_empty_tables::EmptyTables,
        &struct_empty_notes::EmptyNotes,
        &struct_mentioned::MentionedTables,
        &struct_codes::Codes,
        &struct_unit_names::UnitNames,
        &struct_narrative_units::NarrativeUnitNames,
        &struct_obsolete_classes::ObsoleteClasses,
        &struct_code_names::CodeNames,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed_and_explained() {
        let mut ids = std::collections::HashSet::new();
        for rule in catalogue() {
            let m = rule.meta();
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            let (prefix, number) = m.id.split_once('-').expect("PREFIX-NNN");
            assert!(prefix.chars().all(|c| c.is_ascii_uppercase()), "{}", m.id);
            assert!(
                number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
                "{}",
                m.id
            );
            assert!(
                m.explanation.contains("Example") || m.explanation.contains("e.g."),
                "{} lacks a worked example",
                m.id
            );
            assert!(!m.title_zh.is_empty());
        }
    }
}
