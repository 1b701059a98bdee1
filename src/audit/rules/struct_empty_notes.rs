//! STRUCT-009: a table whose note says it is empty holds no figures.

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::Table;

pub struct EmptyNotes;

static META: RuleMeta = RuleMeta {
    id: "STRUCT-009",
    group: Group::Structure,
    severity: Severity::Warning,
    title: "A table noted as empty holds figures",
    title_zh: "注明为空表的预算表填有数据",
    explanation: "\
A note such as 本表为空 / 此表为空 / 故本表为空表 / 本表无数据 says the department has nothing to
report in the table. A table with such a note and an amount other than 0 contradicts itself:
either the note is left over from another year or the figures do not belong there. Amounts of 0
are not figures in this sense.

Example: “注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。” under a 三公 table whose
合计 is 47.91 → reported.",
};

/// The printed note that says the table is empty, if any.
fn empty_note(table: &Table) -> Option<&str> {
    table.printed_notes.iter().map(String::as_str).find(|n| {
        let n = crate::text::compact(n);
        ["本表为空", "此表为空", "为空表", "本表无数据", "此表无数据"]
            .iter()
            .any(|p| n.contains(p))
    })
}

impl Rule for EmptyNotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for table in &cx.doc.tables {
            let Some(note) = empty_note(table) else {
                continue;
            };
            let figures = table
                .rows
                .iter()
                .flat_map(|r| r.amounts.iter().flatten())
                .filter(|a| !a.0.is_zero())
                .count();
            if figures == 0 {
                continue;
            }
            out.push(
                cx.finding(&META)
                    .table(table)
                    .texts(
                        "no figures (as the note says)",
                        format!("{figures} figures"),
                    )
                    .message(
                        format!(
                            "{} is noted “{note}” but prints {figures} amounts other than 0",
                            table.title
                        ),
                        format!(
                            "《{}》注明“{note}”，但填有 {figures} 个非零金额",
                            table.title
                        ),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    fn table(note: &str, amounts: &str) -> crate::model::Document {
        doc(
            &format!(
                r#"[{{"id":"t09","kind":"three_public","title":"“三公”经费预算表","unit":"万元",
                     "columns":[{{"key":"total","header":["合计"]}},{{"key":"x_车","header":["公务用车"]}}],
                     "printed_notes":["{note}"],
                     "rows":[{{"role":"total","label":"合计","amounts":{amounts}}}]}}]"#
            ),
            "",
        )
    }

    #[test]
    fn a_note_saying_empty_over_figures_is_found() {
        let f = run(
            &EmptyNotes,
            &table(
                "注:本部门2024年无“三公”经费预算，故本表为空表。",
                r#"["47.91","46.56"]"#,
            ),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual.as_deref(), Some("2 figures"));
    }

    #[test]
    fn zeros_blanks_and_other_notes_pass() {
        for (note, amounts) in [
            ("本表为空", r#"["0.00",null]"#),
            ("本表无数据", "[null,null]"),
            ("注：公务用车含购置和运行。", r#"["47.91","46.56"]"#),
        ] {
            assert!(run(&EmptyNotes, &table(note, amounts)).is_empty(), "{note}");
        }
    }
}
