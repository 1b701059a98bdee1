//! The national classification catalogues (政府收支分类科目): the 支出功能分类 (类 and the 款/项
//! seen in disclosures) and both 支出经济分类 sets. The audit checks names and codes against
//! them; the importer consults them to join a name wrapped over two lines.
//!
//! Only names we are sure of are listed, as the 2025 catalogue prints them (unchanged for these
//! codes since the 2019 reorganisation). A code that is not listed is unknown, never wrong:
//! only a 类 or an economic class that does not exist makes a code impossible.

mod economic;
mod function;

pub use economic::{economic_class_exists, economic_item_name};
pub use function::{
    former_item_name, function_class_exists, function_item_name, obsolete_class_in_text,
    obsolete_class_name,
};

/// A name as compared: no spaces, ASCII brackets, no ordinal.
pub fn name_key(name: &str) -> String {
    crate::codes::strip_ordinal(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}
