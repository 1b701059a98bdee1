//! Name cells wrapped onto a line of their own: a text export puts the rest of a wrapped cell
//! on the next line, or after a page break (`30108 | 机关事业单位 | … | 28.37`, then
//! `| 单位基本 养老保险 缴费 | | 支出`), a line with names and nothing else. It is the coded
//! row's, not a row.

use crate::catalogue::{economic_item_name, function_item_name, name_key};
use crate::model::Row;

/// Joins each such line to the coded row above it, saying so in the row's note.
pub fn join(rows: &mut Vec<Row>) {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows.drain(..) {
        match out.last_mut() {
            Some(prev) if is_rest_of(&row, prev) => absorb(prev, row),
            _ => out.push(row),
        }
    }
    *rows = out;
}

/// Whether `row` holds only name text, under a row with a code whose name it continues.
fn is_rest_of(row: &Row, prev: &Row) -> bool {
    let coded = |r: &Row| r.func.is_some() || r.econ.is_some() || r.gov_econ.is_some();
    let label = row.label.trim();
    coded(prev)
        && !coded(row)
        && row.role.is_none()
        && row.unit.is_none()
        && row.project_code.is_none()
        && row.amounts.iter().all(Option::is_none)
        && (!label.is_empty() || row.gov_econ_label.is_some())
        && !label.starts_with("其中")
        && crate::codes::strip_ordinal(label) == label
}

fn absorb(prev: &mut Row, row: Row) {
    let printed = prev.label.clone();
    let rest = row.label.trim();
    if !rest.is_empty() {
        prev.label = joined(&prev.label, rest, catalogue_name(prev));
    }
    if let Some(rest) = &row.gov_econ_label {
        let head = prev.gov_econ_label.as_deref().unwrap_or("");
        prev.gov_econ_label = Some(joined(head, rest, None).into());
    }
    let what = format!(
        "the name is printed over two lines ({printed} + {rest}{}); joined",
        row.gov_econ_label
            .as_deref()
            .map(|g| format!(", and {g} under the government economic name"))
            .unwrap_or_default()
    );
    prev.note = Some(match prev.note.as_deref() {
        Some(n) => format!("{}; {what}.", n.trim_end_matches('.')).into(),
        None => format!("Imported: {what}.").into(),
    });
    if let (Some(src), Some(line)) = (prev.source.as_mut(), row.source.and_then(|s| s.line)) {
        src.last_line = Some(line);
    }
}

/// The catalogue's name of the row's item, to tell a join from an overlap.
fn catalogue_name(row: &Row) -> Option<&'static str> {
    row.econ
        .as_deref()
        .and_then(economic_item_name)
        .or_else(|| row.func.as_deref().and_then(function_item_name))
}

/// `head` and `rest` joined as one name: without a space between Chinese text. An export may
/// print the wrapped cell's last characters again on the new line (机关事业单位 + 单位基本养老
/// 保险缴费); the repeat is dropped only where the catalogue names the item so.
fn joined(head: &str, rest: &str, catalogue: Option<&str>) -> String {
    let plain = format!("{head}{rest}");
    let Some(name) = catalogue else {
        return plain;
    };
    if name_key(&plain) == name_key(name) {
        return plain;
    }
    let (h, r) = (name_key(head), name_key(rest));
    let hc: Vec<char> = h.chars().collect();
    for k in (1..=hc.len().min(4)).rev() {
        let tail: String = hc[hc.len() - k..].iter().collect();
        if let Some(after) = r.strip_prefix(&tail)
            && format!("{h}{after}") == name_key(name)
        {
            return format!("{head}{after}");
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(econ: Option<&str>, label: &str, gov: Option<&str>, amount: bool) -> Row {
        Row {
            econ: econ.map(Into::into),
            label: label.into(),
            gov_econ_label: gov.map(Into::into),
            amounts: vec![amount.then(|| "28.37".parse().unwrap())],
            ..Row::default()
        }
    }

    #[test]
    fn a_names_only_line_under_a_coded_row_is_joined_to_it() {
        let mut rows = vec![
            row(Some("30108"), "机关事业单位", Some("工资福利"), true),
            row(None, "单位基本 养老保险 缴费", Some("支出"), false),
            row(
                Some("30110"),
                "职工基本医疗保险缴费",
                Some("工资福利支出"),
                true,
            ),
        ];
        join(&mut rows);
        assert_eq!(rows.len(), 2);
        // The repeated 单位 is dropped: the catalogue names 30108 so.
        assert_eq!(name_key(&rows[0].label), "机关事业单位基本养老保险缴费");
        assert_eq!(rows[0].gov_econ_label.as_deref(), Some("工资福利支出"));
        assert!(rows[0].note.as_deref().unwrap().contains("two lines"));
    }

    #[test]
    fn rows_of_their_own_are_not_joined() {
        let mut rows = vec![
            row(Some("30108"), "机关事业单位基本养老保险缴费", None, true),
            row(None, "其中：基本工资", None, false),
            row(None, "二、外交支出", None, false),
        ];
        join(&mut rows);
        assert_eq!(rows.len(), 3);
        // Without a code above, a names-only line stays.
        let mut rows = vec![
            row(None, "一、一般公共服务支出", None, false),
            row(None, "二、外交支出", None, false),
        ];
        join(&mut rows);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn a_repeat_is_kept_where_the_catalogue_does_not_confirm_dropping_it() {
        assert_eq!(joined("采购单位", "单位设备", None), "采购单位单位设备");
        assert_eq!(
            joined(
                "机关事业单位",
                "单位基本养老保险缴费",
                Some("机关事业单位基本养老保险缴费")
            ),
            "机关事业单位基本养老保险缴费"
        );
    }
}
