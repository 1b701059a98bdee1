//! Points each finding at the page or line where what it speaks of was printed, so an
//! inspector can open the PDF at the right place (documents that carry `source`, FORMAT.md).

use crate::model::{Document, Source};

use super::Finding;

/// Prefix of the section of findings about a project's performance targets.
const TARGETS_PREFIX: &str = "绩效目标: ";

/// The most precise provenance the document has for `f`: its row, else its table, else its
/// narrative section or performance targets.
fn source_of<'d>(doc: &'d Document, f: &Finding) -> Option<&'d Source> {
    let from_row = f.row_ref.as_ref().and_then(|(table, row)| {
        let t = doc.table_by_id(table)?;
        t.rows
            .get(*row)
            .and_then(|r| r.source.as_deref())
            .or(t.source.as_ref())
    });
    let from_table = || {
        let id = f.location.table.as_deref()?.split(' ').next()?;
        doc.table_by_id(id)?.source.as_ref()
    };
    let from_section = || {
        let heading = f.location.section.as_deref()?;
        if let Some(name) = heading.strip_prefix(TARGETS_PREFIX) {
            return targets_source(doc, name);
        }
        let dept = doc.performance.department.as_ref();
        if let Some(d) = dept.filter(|d| d.title == heading) {
            return d.source.as_ref();
        }
        doc.sections
            .iter()
            .find(|s| s.heading == heading)?
            .source
            .as_ref()
    };
    let from_project = || targets_source(doc, f.project.as_deref()?);
    from_row
        .or_else(from_table)
        .or_else(from_section)
        .or_else(from_project)
        .filter(|s| !s.is_empty())
}

fn targets_source<'d>(doc: &'d Document, name: &str) -> Option<&'d Source> {
    doc.performance
        .projects
        .iter()
        .find(|t| t.name == name)?
        .source
        .as_ref()
}

/// Fills in [`Finding::source`] where the document says where things were printed.
pub fn attach(doc: &Document, findings: &mut [Finding]) {
    for f in findings {
        f.source = source_of(doc, f).map(Source::place);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::doc;
    use crate::audit::{Finding, Location, Severity};

    fn finding(location: Location, row_ref: Option<(String, usize)>) -> Finding {
        Finding {
            document: "d".into(),
            rule: "ARITH-004".into(),
            severity: Severity::Error,
            location,
            expected: None,
            actual: None,
            difference: None,
            unit: None,
            message: String::new(),
            message_zh: String::new(),
            node: None,
            source: None,
            row_ref,
            project: None,
        }
    }

    #[test]
    fn a_finding_takes_its_rows_page_else_its_tables_else_its_sections() {
        let d = doc(
            r#"[{"id":"t01","kind":"other","title":"表","unit":"万元","columns":[],
                "source":{"page":4,"last_page":5},
                "rows":[{"label":"甲","source":{"page":5,"line":12}},{"label":"乙"}]}]"#,
            r#""sections":[{"heading":"一、说明","text":"…","source":{"line":30}}]"#,
        );
        let mut fs = vec![
            finding(Location::default(), Some(("t01".into(), 0))),
            finding(Location::default(), Some(("t01".into(), 1))),
            finding(
                Location {
                    table: Some("t01 表".into()),
                    ..Location::default()
                },
                None,
            ),
            finding(
                Location {
                    section: Some("一、说明".into()),
                    ..Location::default()
                },
                None,
            ),
            finding(Location::default(), None),
        ];
        attach(&d, &mut fs);
        let places: Vec<Option<&str>> = fs.iter().map(|f| f.source.as_deref()).collect();
        assert_eq!(
            places,
            vec![
                Some("p. 5 line 12"),
                Some("pp. 4–5"),
                Some("pp. 4–5"),
                Some("line 30"),
                None
            ]
        );
    }
}
