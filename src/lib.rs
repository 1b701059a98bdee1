//! yusuan: explore and audit Chinese department budget disclosures (部门预算公开).
//!
//! The library holds the model and its JSON format ([`model`]), loading ([`load`]), the
//! navigable tree of a corpus ([`tree`]), the audit rules ([`audit`]) and search ([`search`]).
//! The terminal UI lives in the binary and depends on this library, never the reverse.

pub mod audit;
pub mod catalogue;
pub mod codes;
pub mod config;
pub mod detail;
pub mod import;
pub mod lang;
pub mod load;
pub mod model;
pub mod output;
pub mod parallel;
pub mod report;
pub mod search;
pub mod source_text;
pub mod text;
pub mod tree;
pub mod triage;
