//! The disclosure data model: one [`Document`] per published department budget.
//!
//! Everything is kept as printed (names, codes, blank cells, notes); rules and views derive
//! what they need from it. Money is [`Amount`] (rust_decimal), never a float.

pub mod amount;
pub mod indicator_value;
pub mod performance;
pub mod project;
pub mod source;
pub mod table;

use serde::{Deserialize, Serialize};

pub use amount::Amount;
pub use indicator_value::{IndicatorValue, Operator, ParsedValue};
pub use performance::{
    DepartmentTargets, Field, FundingLine, Indicator, Performance, Period, PlanPoint,
    ProjectTargets, Task,
};
pub use project::Project;
pub use source::{Bbox, Source};
pub use table::{Column, MoneyUnit, Row, RowRole, Side, Table, TableKind};

/// The version of the JSON format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Administrative level of the publishing department.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    City,
    District,
    County,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "市级",
            Level::District => "区级",
            Level::County => "县级",
        }
    }
}

/// Where the department sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub province: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    pub level: Level,
}

impl Region {
    /// `河南省 三门峡市`, most specific last.
    pub fn display(&self) -> String {
        [
            Some(&self.province),
            self.city.as_ref(),
            self.district.as_ref(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// The publishing department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Other names the document prints for it (`市科学技术局`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One budget unit (预算单位) consolidated by the department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unit code as printed (`310001`); units the document names without a code get none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub name: String,
    /// As stated: 行政单位, 参照公务员法管理事业单位, 全额拨款事业单位 …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One narrative section, verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The part it belongs to (`第一部分 …概况`, `第二部分 …预算情况说明`, `第三部分 名词解释`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Heading as printed (`一、收支预算总体情况`).
    pub heading: String,
    /// Paragraphs joined by `\n`, exactly as printed (line-wraps of the PDF export undone).
    pub text: String,
    /// Where the heading was printed (imported documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One disclosure document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format_version: u32,
    /// The source the transcription was made from.
    pub source_file: String,
    /// Title as printed on the cover.
    pub title: String,
    pub year: u16,
    pub region: Region,
    pub department: Department,
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Narrative sections in printed order: 概况, 预算情况说明, 名词解释, other notes.
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub tables: Vec<Table>,
    #[serde(default)]
    pub performance: Performance,
    /// Transcriber's notes about the document as a whole.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Document {
    /// The first table of this kind.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// All tables of this kind.
    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.kind == kind)
    }

    /// The table with this id.
    pub fn table_by_id(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code.as_deref() == Some(code))
    }
}
