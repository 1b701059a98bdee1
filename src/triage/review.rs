//! Marks applied to an audit: which findings are shown, which are dismissed, and which marks
//! have outlived their finding (stale: the document changed), so none is dropped silently.

use std::collections::HashSet;

use super::{Mark, Status, Store};
use crate::audit::Finding;

/// The audit as the auditor has triaged it.
#[derive(Debug, Default)]
pub struct Review<'a> {
    /// Findings to report, each with its mark, in audit order.
    pub shown: Vec<(&'a Finding, Option<&'a Mark>)>,
    /// Dismissed findings left out of `shown`.
    pub hidden: Vec<&'a Finding>,
    /// Marks whose finding does not occur in an audited document: (key, mark).
    pub stale: Vec<(&'a str, &'a Mark)>,
}

/// The document id a triage key belongs to (its first field).
pub fn key_document(key: &str) -> &str {
    key.split('|').next().unwrap_or("")
}

/// The rule id a triage key belongs to (its second field).
pub fn key_rule(key: &str) -> &str {
    key.split('|').nth(1).unwrap_or("")
}

/// Applies `store` to `findings`. Dismissed findings go to `hidden` unless
/// `include_dismissed`. A mark is stale when `in_scope(key)` says the audit would have found it
/// (its document was audited, its rule enabled) and no finding has its key.
pub fn review<'a>(
    findings: &'a [Finding],
    store: &'a Store,
    include_dismissed: bool,
    in_scope: impl Fn(&str) -> bool,
) -> Review<'a> {
    let mut out = Review::default();
    let mut keys = HashSet::new();
    for f in findings {
        let key = f.key();
        let mark = store.get(&key);
        keys.insert(key);
        match mark {
            Some(m) if m.status == Status::Dismissed && !include_dismissed => out.hidden.push(f),
            _ => out.shown.push((f, mark)),
        }
    }
    out.stale = store
        .marks()
        .filter(|(k, _)| !keys.contains(*k) && in_scope(k))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Location, Severity};

    fn finding(doc: &str, rule: &str, table: &str) -> Finding {
        Finding {
            document: doc.into(),
            rule: rule.into(),
            severity: Severity::Error,
            location: Location {
                table: Some(table.into()),
                ..Location::default()
            },
            expected: None,
            actual: None,
            difference: None,
            unit: None,
            message: String::new(),
            message_zh: String::new(),
            node: None,
            source: None,
            row_ref: None,
            project: None,
        }
    }

    #[test]
    fn dismissed_are_hidden_confirmed_shown_and_stale_reported() {
        let findings = vec![finding("d", "R-1", "t1"), finding("d", "R-1", "t2")];
        let mut store = Store::in_memory();
        store
            .set(&findings[0].key(), Some(Mark::new(Status::Dismissed, "")))
            .unwrap();
        store
            .set(&findings[1].key(), Some(Mark::new(Status::Confirmed, "")))
            .unwrap();
        let gone = finding("d", "R-1", "t3").key();
        store
            .set(&gone, Some(Mark::new(Status::Confirmed, "")))
            .unwrap();
        let other_doc = finding("e", "R-1", "t1").key();
        store
            .set(&other_doc, Some(Mark::new(Status::Confirmed, "")))
            .unwrap();
        let r = review(&findings, &store, false, |k| key_document(k) == "d");
        assert_eq!(r.hidden.len(), 1);
        assert_eq!(r.shown.len(), 1);
        assert_eq!(r.shown[0].1.unwrap().status, Status::Confirmed);
        assert_eq!(r.stale.len(), 1);
        assert_eq!(r.stale[0].0, gone);
        let r = review(&findings, &store, true, |_| false);
        assert_eq!((r.shown.len(), r.hidden.len(), r.stale.len()), (2, 0, 0));
    }
}
