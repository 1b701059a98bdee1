//! NARR-009: a function subject the narrative quotes by its path is named as the tables name it.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use crate::audit::{Context, Finding, Group, Rule, RuleMeta, Severity};
use crate::model::{Document, MoneyUnit};
use crate::text::compact;

use super::narr_quoted_items::{KINDS, PATTERN};

pub struct SubjectNames;

static META: RuleMeta = RuleMeta {
    id: "NARR-009",
    group: Group::Narrative,
    severity: Severity::Info,
    title: "A subject the narrative quotes is named otherwise in the tables",
    title_zh: "说明中列明的功能科目名称与预算表不一致",
    explanation: "\
The narrative quotes a function subject by its path, “A（类）B（款）C（项）”X万元. When the tables
print no 项 C under a 款 B of 类 A, but exactly one 项 of 类 A carries the amount X (the tables'
合计 column, in 万元, within half a unit of the narrative's last digit plus 0.005 万元), the
narrative and the tables name one subject in two ways: the finding gives the code and both
names. A path the tables print, or whose amount fits no 项 or several, is not reported.

Example: “社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）”0.96万元
while 2080599 is printed as 其他行政事业单位养老支出 with 9,620.00 元 → reported: the narrative
writes 其它行政事业单位养老支出, the tables 其他行政事业单位养老支出.",
};

/// One function code as the tables print it: its names and its amounts in 万元.
#[derive(Default)]
struct Printed {
    names: Vec<String>,
    amounts: Vec<Decimal>,
}

/// Every function code of the tables that give a subject's whole amount.
fn printed_subjects(doc: &Document) -> BTreeMap<String, Printed> {
    let mut out: BTreeMap<String, Printed> = BTreeMap::new();
    let wan = Decimal::from(MoneyUnit::WanYuan.yuan_per_unit());
    for t in doc
        .tables
        .iter()
        .filter(|t| KINDS.contains(&t.kind) && t.unread.is_none())
    {
        let total = t.column_index(None, "total");
        let per = Decimal::from(t.unit.yuan_per_unit());
        for r in &t.rows {
            let Some(code) = r.func.as_deref() else {
                continue;
            };
            let entry = out.entry(code.to_string()).or_default();
            let name = compact(&r.label);
            if !name.is_empty() && !entry.names.contains(&name) {
                entry.names.push(name);
            }
            if let Some(Some(a)) = total.and_then(|i| r.amounts.get(i)) {
                entry.amounts.push(a.0 * per / wan);
            }
        }
    }
    out
}

/// Codes of `len` digits under `parent` printed with `name`.
fn named<'p>(
    printed: &'p BTreeMap<String, Printed>,
    len: usize,
    parents: &[&str],
    name: &str,
) -> Vec<&'p str> {
    printed
        .iter()
        .filter(|(c, p)| {
            c.len() == len
                && parents.iter().any(|parent| c.starts_with(parent))
                && p.names.iter().any(|n| n == name)
        })
        .map(|(c, _)| c.as_str())
        .collect()
}

impl Rule for SubjectNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut printed: Option<BTreeMap<String, Printed>> = None;
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for s in cx.sentences() {
            for m in PATTERN.captures_iter(&s.compact) {
                let printed = printed.get_or_insert_with(|| printed_subjects(cx.doc));
                let (class, section, item) = (&m[1], &m[2], &m[3]);
                let Ok(stated) = m[4].replace(',', "").parse::<Decimal>() else {
                    continue;
                };
                let classes = named(printed, 3, &[""], class);
                if classes.is_empty() {
                    continue;
                }
                let sections = named(printed, 5, &classes, section);
                if !named(printed, 7, &sections, item).is_empty() {
                    continue;
                }
                let tol = Decimal::new(5, stated.scale() + 1) + Decimal::new(5, 3);
                let fits: Vec<&str> = printed
                    .iter()
                    .filter(|(c, p)| {
                        c.len() == 7
                            && classes.iter().any(|k| c.starts_with(k))
                            && p.amounts.iter().any(|a| (*a - stated).abs() <= tol)
                    })
                    .map(|(c, _)| c.as_str())
                    .collect();
                let [code] = fits[..] else { continue };
                let first = |c: &str| printed.get(c).and_then(|p| p.names.first()).cloned();
                let (Some(tables_item), tables_section) = (first(code), first(&code[..5])) else {
                    continue;
                };
                let mut said = Vec::new();
                let mut printed_as = Vec::new();
                if let Some(ts) = tables_section.filter(|ts| ts != section) {
                    said.push(format!("{section}（款）"));
                    printed_as.push(format!("{ts}（款）"));
                }
                if tables_item != item {
                    said.push(format!("{item}（项）"));
                    printed_as.push(format!("{tables_item}（项）"));
                }
                if said.is_empty() || !seen.insert((s.section.heading.clone(), m[0].to_string())) {
                    continue;
                }
                let (said, printed_as) = (said.join(""), printed_as.join(""));
                out.push(
                    cx.finding(&META)
                        .section(s.section.heading.clone())
                        .sentence(s.text.trim())
                        .texts(printed_as.clone(), said.clone())
                        .message(
                            format!(
                                "the narrative writes {code} ({stated} 万元) as “{said}”, the tables as “{printed_as}”"
                            ),
                            format!(
                                "说明中 {code}（{stated} 万元）写作“{said}”，预算表为“{printed_as}”"
                            ),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testing::{doc, run};

    /// A 支出总表 in 元: 20805 with 2080505 and 2080599, 20101 行政运行, 21011 with two items of
    /// one amount.
    fn document(text: &str) -> Document {
        doc(
            r#"[{"id":"t01","kind":"expenditure_summary","title":"支出总表","unit":"元",
                 "columns":[{"key":"total","header":["合计"]}],
                 "rows":[
                   {"func":"208","label":"社会保障和就业支出","amounts":["29620.00"]},
                   {"func":"20805","label":"行政事业单位养老支出","amounts":["29620.00"]},
                   {"func":"2080505","label":"机关事业单位基本养老保险缴费支出","amounts":["20000.00"]},
                   {"func":"2080599","label":"其他行政事业单位养老支出","amounts":["9620.00"]},
                   {"func":"201","label":"一般公共服务支出","amounts":["9620.00"]},
                   {"func":"20101","label":"人大事务","amounts":["9620.00"]},
                   {"func":"2010101","label":"行政运行","amounts":["9620.00"]},
                   {"func":"210","label":"卫生健康支出","amounts":["10000.00"]},
                   {"func":"21011","label":"行政事业单位医疗","amounts":["10000.00"]},
                   {"func":"2101101","label":"行政单位医疗","amounts":["5000.00"]},
                   {"func":"2101102","label":"事业单位医疗","amounts":["5000.00"]}]}]"#,
            &format!(r#""sections":[{{"heading":"部门预算编制说明","text":"{text}"}}]"#),
        )
    }

    #[test]
    fn a_subject_named_otherwise_is_found_with_its_code_and_both_names() {
        let said = "“社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）”0.96万元，主要用于缴纳养老支出。";
        let f = run(&SubjectNames, &document(&format!("{said}{said}")));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("2080599"), "{}", f[0].message);
        assert_eq!(
            f[0].actual.as_deref(),
            Some("其它行政事业单位养老支出（项）")
        );
        assert_eq!(
            f[0].expected.as_deref(),
            Some("其他行政事业单位养老支出（项）")
        );
        // A 款 written otherwise is named too.
        let f = run(
            &SubjectNames,
            &document(
                "“社会保障和就业支出（类）养老支出（款）其他行政事业单位养老支出（项）”0.96万元。",
            ),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].actual.as_deref(), Some("养老支出（款）"));
        // The amount is looked for in the quoted class only.
        let f = run(
            &SubjectNames,
            &document("“一般公共服务支出（类）人大事务（款）机构运行（项）”0.96万元。"),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("2010101"), "{}", f[0].message);
    }

    #[test]
    fn printed_names_and_amounts_that_fit_no_single_item_pass() {
        for text in [
            // As printed.
            "“社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）”0.96万元。",
            // No 项 of that class carries 5.00 万元: another rule's matter, not a name.
            "“社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）”5.00万元。",
            // A class the tables do not print.
            "“教育支出（类）普通教育（款）小学教育（项）”0.96万元。",
            // The amount fits two items: which one is meant cannot be told.
            "“卫生健康支出（类）行政事业单位医疗（款）公务员医疗（项）”0.50万元。",
        ] {
            assert!(run(&SubjectNames, &document(text)).is_empty(), "{text}");
        }
    }
}
