//! The rule catalogue. Add a rule: write a file here with a `RuleMeta` and a `Rule` impl,
//! then list it in [`catalogue`].

mod arith_balance;
mod arith_blocks;
mod arith_classes;
mod arith_columns;
mod arith_grand_total;
mod arith_hierarchy;
mod arith_of_which;
mod arith_sources;
mod unit_sums;

use super::Rule;

/// Every rule, in id order.
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
    ]
}
