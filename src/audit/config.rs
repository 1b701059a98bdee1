//! Audit configuration: rounding tolerance, rules switched off, severity threshold.
//!
//! Read from `config.toml` in the user's config directory (found through `directories`) and
//! overridden by command-line flags.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::precision::Printed;
use super::{RuleMeta, Severity};
use crate::model::MoneyUnit;

/// Largest tolerance accepted (in the table's unit, or in percentage points): larger values
/// would hide every finding and are surely a typo.
pub const MAX_TOLERANCE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// Audit settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Allowed difference per summed item in 万元 (converted for 元 tables), where it is set;
    /// by default (`None`) half a unit of the table's last printed digit.
    pub per_item: Option<Decimal>,
    /// Allowed difference for a percentage beyond its printed rounding, in points, where it is
    /// set; by default (`None`) 0.01 for a share (shares are often adjusted to total 100%) and
    /// nothing for a change, whose amounts' rounding is accounted for exactly.
    pub percent_points: Option<Decimal>,
    /// Rule ids switched off.
    pub disabled: HashSet<String>,
    /// Severity overrides by rule id.
    pub severities: HashMap<String, Severity>,
    /// Findings below this are not reported.
    pub min_severity: Severity,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            per_item: None,
            percent_points: None,
            disabled: HashSet::new(),
            severities: HashMap::new(),
            min_severity: Severity::Info,
        }
    }
}

/// The `[audit]` table of config.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFile {
    /// Tolerance per summed item, in the table's unit: "0.005".
    pub tolerance: Option<String>,
    /// Tolerance for percentages, in points: "0.01".
    pub percent_tolerance: Option<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: HashMap<String, String>,
    pub min_severity: Option<String>,
}

/// A config file that could not be used.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Config {
    /// The allowed difference for a sum of `n` items printed as `printed`: n × half a unit of
    /// the last printed digit (n × 0.5 元 in a whole-元 table), at least one item's worth. A
    /// configured tolerance is in 万元 and replaces that (0.005 万元 = 50 元 in a 元 table).
    pub fn sum_tolerance(&self, n: usize, printed: Printed) -> Decimal {
        let per_item = match (self.per_item, printed.unit) {
            (None, _) => printed.half_unit(),
            (Some(t), MoneyUnit::WanYuan) => t,
            (Some(t), MoneyUnit::Yuan) => t.saturating_mul(Decimal::from(10_000)),
        };
        per_item.saturating_mul(Decimal::from(n.max(1)))
    }

    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        !self
            .disabled
            .iter()
            .any(|d| d.eq_ignore_ascii_case(meta.id))
    }

    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severities
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(meta.id))
            .map(|(_, s)| *s)
            .unwrap_or(meta.severity)
    }

    /// Applies the `[audit]` table of a config file.
    pub fn apply_file(&mut self, file: &AuditFile, origin: &Path) -> Result<(), ConfigError> {
        let bad = |what: &str, value: &str, expected: &str| {
            ConfigError(format!(
                "{}: [audit] {what} = {value:?}: expected {expected}",
                origin.display()
            ))
        };
        if let Some(t) = &file.tolerance {
            self.per_item = Some(
                t.parse()
                    .ok()
                    .filter(|d: &Decimal| !d.is_sign_negative() && *d <= MAX_TOLERANCE)
                    .ok_or_else(|| {
                        bad("tolerance", t, "a decimal from 0 to 1000 such as \"0.005\"")
                    })?,
            );
        }
        if let Some(t) = &file.percent_tolerance {
            self.percent_points = Some(
                t.parse()
                    .ok()
                    .filter(|d: &Decimal| !d.is_sign_negative() && *d <= MAX_TOLERANCE)
                    .ok_or_else(|| {
                        bad(
                            "percent_tolerance",
                            t,
                            "a decimal from 0 to 1000 such as \"0.01\"",
                        )
                    })?,
            );
        }
        for id in &file.disable {
            if super::rule(id).is_none() {
                return Err(bad("disable", id, "a rule id listed by `yusuan rules`"));
            }
            self.disabled.insert(id.clone());
        }
        for (id, sev) in &file.severity {
            if super::rule(id).is_none() {
                return Err(bad("severity", id, "a rule id listed by `yusuan rules`"));
            }
            let s = sev
                .parse()
                .map_err(|_| bad("severity", sev, "error, warning or info"))?;
            self.severities.insert(id.clone(), s);
        }
        if let Some(s) = &file.min_severity {
            self.min_severity = s
                .parse()
                .map_err(|_| bad("min_severity", s, "error, warning or info"))?;
        }
        Ok(())
    }
}
