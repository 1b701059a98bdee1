//! A finding: one place where a document disagrees with itself, as an inspector would write it.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
    /// One letter that carries the severity without colour: `E`, `W`, `I`.
    pub fn letter(self) -> char {
        match self {
            Severity::Error => 'E',
            Severity::Warning => 'W',
            Severity::Info => 'I',
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            _ => Err(format!(
                "unknown severity {s:?}; expected error, warning or info"
            )),
        }
    }
}

/// Where in the document a finding is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Table id and title: `t03 2025年部门支出总体情况表`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Row label (with its code): `2060101 行政运行`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// Column header: `基本支出 / 小计`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Narrative section heading, or performance target name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The sentence a narrative claim was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = [&self.table, &self.row, &self.column, &self.section]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        f.write_str(&parts.join(" › "))
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Document id (the file stem).
    pub document: String,
    /// Rule id: `ARITH-001`.
    pub rule: String,
    pub severity: Severity,
    pub location: Location,
    /// What the identity says the value should be, as text (`1758.18`, `科普活动`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the document prints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// actual − expected, where both are amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
    /// Money unit of expected/actual/difference, where they are amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// English message.
    pub message: String,
    /// Chinese message.
    pub message_zh: String,
    /// Tree node the finding belongs to (`000-sanmenxia/func/2060101`), filled in after the rules run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Where what the finding speaks of was printed (`p. 5`, `lines 120–131`), when the document
    /// carries provenance; filled in after the rules run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Internal: the printed row the finding is about, for attaching it to a tree node.
    #[serde(skip)]
    pub row_ref: Option<(String, usize)>,
    /// Internal: the project (by name) the finding is about.
    #[serde(skip)]
    pub project: Option<String>,
}

impl Finding {
    /// A key that identifies the finding across runs and reorderings: document, rule and
    /// location, never values or positions in a list.
    pub fn key(&self) -> String {
        let l = &self.location;
        let part = |p: &Option<String>| p.clone().unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.document,
            self.rule,
            part(&l.table),
            part(&l.row),
            part(&l.column),
            part(&l.section),
            part(&l.sentence)
        )
    }

    /// A short id for people to type (`yusuan triage dismiss 3f9a0c17e2`): the first 40 bits
    /// of a stable hash of [`key`](Self::key), so it is as stable as the key.
    pub fn id(&self) -> String {
        short_id(&self.key())
    }
}

/// The short id of a triage key: 10 hex digits of its FNV-1a 64-bit hash (fixed, unlike std's
/// hasher, so ids do not change between builds).
pub fn short_id(key: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:010x}", hash >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_fixed_and_ten_hex_digits() {
        // FNV-1a of the empty string is the offset basis; of "a" a published test vector.
        assert_eq!(
            short_id(""),
            format!("{:010x}", 0xcbf2_9ce4_8422_2325u64 >> 24)
        );
        assert_eq!(
            short_id("a"),
            format!("{:010x}", 0xaf63_dc4c_8601_ec8cu64 >> 24)
        );
        let id = short_id("000-sanmenxia|NARR-003|t01|||(一)|");
        assert_eq!(id.len(), 10);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(id, short_id("000-sanmenxia|NARR-003|t01|||(二)|"));
    }
}
