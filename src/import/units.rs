//! The budget units a document consolidates: from the tables' unit lines, else from the list
//! its 预算单位构成 prints (a sentence, 纳入…编制范围的预算单位包括：甲、乙、丙。, or a numbered
//! 序号 | 单位名称 | 备注 list).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{RowRole, Section, Table, TableKind, Unit};

/// The units the tables list, each once, in printed order: with their codes (017001 |
/// 济源产城融合示范区工业信息和科技局), or by name alone where a project table prints its
/// units as lines over their projects (晋城市科学技术研究院 above 课题研究经费).
pub fn from_tables(tables: &[Table]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for t in tables {
        for row in &t.rows {
            if row.role != Some(RowRole::Unit) {
                continue;
            }
            let name = row.label.trim();
            let code = match &row.unit {
                Some(code) => code,
                None if t.kind == TableKind::ProjectExpenditure => "",
                None => continue,
            };
            let known = out.iter().any(|u| {
                if code.is_empty() {
                    u.name == name
                } else {
                    u.code.as_deref() == Some(code)
                }
            });
            if name.is_empty() || known {
                continue;
            }
            out.push(Unit {
                code: Some(code.to_string()).filter(|c| !c.is_empty()),
                name: name.to_string(),
                kind: None,
                aliases: Vec::new(),
            });
        }
    }
    out
}

/// The units the 预算单位构成 section lists as making up the budget (纳入…编制范围的…包括),
/// each name as printed. Lists of the department's offices or of units outside the budget
/// (本部门下属单位包括：…, 不含…) are not it.
pub fn from_narrative(sections: &[Section]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for section in sections.iter().filter(|s| s.heading.contains("单位构成")) {
        let text = section.text.as_str();
        for (at, _) in text.match_indices("编制范围") {
            let after = &text[at..];
            let Some(i) = after.find("包括") else {
                continue;
            };
            if after[..i].contains(['。', '\n']) {
                continue;
            }
            let rest = after[i + "包括".len()..].trim_start_matches(['：', ':', ' ']);
            let names = if rest.starts_with("序号") {
                numbered(rest)
            } else {
                listed(rest)
            };
            for name in names {
                if !out.iter().any(|u| u.name == name) {
                    out.push(unit(name));
                }
            }
        }
    }
    out
}

/// A unit by its printed name; what its name says in brackets is kept as aliases
/// (省委机要局（省国家密码管理局） is also 省委机要局 and 省国家密码管理局; （本级） names no unit).
fn unit(name: String) -> Unit {
    let mut aliases = Vec::new();
    if let Some((base, inner)) = name
        .strip_suffix('）')
        .and_then(|n| n.split_once('（'))
        .filter(|(base, _)| !base.is_empty())
    {
        aliases.push(base.to_string());
        if !matches!(inner, "本级" | "本部" | "机关本级") && !inner.is_empty() {
            aliases.push(inner.to_string());
        }
    }
    Unit {
        code: None,
        name,
        kind: None,
        aliases,
    }
}

/// `等4个单位`, `等20个处室` closing a list's last item.
static AND_SO_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("等(?:[0-9]+|[一二两三四五六七八九十]+)(?:个|家)").expect("valid pattern")
});

/// The names of a sentence's list, up to its end or to what it excludes (不含…).
fn listed(rest: &str) -> Vec<String> {
    let end = rest.find(['。', '\n']).unwrap_or(rest.len());
    let mut list = &rest[..end];
    for stop in ["不含", "不包括", "（不含"] {
        if let Some(at) = list.find(stop) {
            list = &list[..at];
        }
    }
    let list = AND_SO_ON.find(list).map_or(list, |m| &list[..m.start()]);
    list.split(['、', '；', ';'])
        .map(|s| {
            s.trim()
                .trim_end_matches(['，', ',', '；', '。', ' '])
                .trim()
        })
        .filter(|s| s.chars().filter(|c| is_han(*c)).count() >= 2)
        .map(str::to_string)
        .collect()
}

/// The names of a numbered list printed as a table (序号 单位名称 备注, then `1 甲`, `2 乙 预算不
/// 单列，并入本级` …): the word after each number in turn. Its lines may come joined with the
/// number glued to the word before (`备注1`).
fn numbered(rest: &str) -> Vec<String> {
    let mut words: Vec<&str> = Vec::new();
    for word in rest.split_whitespace() {
        let digits = word.len() - word.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        match word.len() - digits {
            0 => words.push(word),
            n if digits > 0 => words.extend([&word[..n], &word[n..]]),
            _ => words.push(word),
        }
    }
    if words.get(1) != Some(&"单位名称") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut next = 1;
    let mut i = 2;
    while i + 1 < words.len() {
        let word = words[i];
        if word.contains('。') {
            break;
        }
        if word == next.to_string() && words[i + 1].chars().any(is_han) {
            out.push(words[i + 1].to_string());
            next += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: &str, text: &str) -> Section {
        Section {
            part: None,
            heading: heading.into(),
            text: text.into(),
            source: None,
        }
    }

    fn names(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|u| u.name.as_str()).collect()
    }

    #[test]
    fn a_sentence_lists_the_units_and_not_what_it_excludes() {
        let s = section(
            "二、部门机构设置及预算单位构成情况",
            "1．根据部门职责分工，本部门内设机构包括秘书处、综合处。本部门直属单位包括：机关后勤服务中心、东郊国宾馆。\n2．从预算单位构成看，纳入本部门2019年部门汇总预算编制范围的预算单位包括：江苏省委办公厅（本级）、省委机要局（省国家密码管理局）、机关后勤服务中心、机关文印中心。不含东郊国宾馆（自收自支）和西康宾馆（自收自支）。",
        );
        let units = from_narrative(&[s]);
        assert_eq!(
            names(&units),
            [
                "江苏省委办公厅（本级）",
                "省委机要局（省国家密码管理局）",
                "机关后勤服务中心",
                "机关文印中心"
            ]
        );
        assert_eq!(units[0].aliases, ["江苏省委办公厅"]);
        assert_eq!(units[1].aliases, ["省委机要局", "省国家密码管理局"]);
        assert!(units.iter().all(|u| u.code.is_none()));
    }

    #[test]
    fn one_unit_with_what_is_left_out_after_a_comma() {
        let s = section(
            "二、部门机构设置及预算单位构成情况",
            "2．从预算单位构成看，纳入本部门2018年部门汇总预算编制范围的预算单位共计1家，仅包括江苏省委办公厅厅机关本级，不含东郊国宾馆（自收自支）和西康宾馆（自收自支）。",
        );
        assert_eq!(names(&from_narrative(&[s])), ["江苏省委办公厅厅机关本级"]);
    }

    #[test]
    fn a_numbered_list_joined_into_the_paragraph() {
        let s = section(
            "二、部门决算单位构成",
            "从预算单位构成看，上海市普陀区财政局部门决算包括：上海市普陀区财政局本级决算、下属行政事业单位决算。纳入上海市普陀区财政局 2024 年度部门决算编制范围的单位包括：序号 单位名称 备注1 上海市普陀区财政局（本级）\n2 上海市普陀区财政局财政所 预算不单列，并入本级3 上海市普陀区国库收付中心 预算不单列，并入本级",
        );
        assert_eq!(
            names(&from_narrative(&[s])),
            [
                "上海市普陀区财政局（本级）",
                "上海市普陀区财政局财政所",
                "上海市普陀区国库收付中心"
            ]
        );
    }

    #[test]
    fn other_sections_and_lists_without_a_budget_scope_give_none() {
        let office = section(
            "二、部门机构设置及预算单位构成情况",
            "本部门下属单位包括：东郊国宾馆、西康宾馆。",
        );
        let elsewhere = section(
            "一、主要职能",
            "纳入编制范围的预算单位包括：甲中心、乙中心。",
        );
        let toc = section("二、部门决算单位构成", "");
        assert!(from_narrative(&[office, elsewhere, toc]).is_empty());
    }

    #[test]
    fn a_list_closed_by_a_count_drops_the_count() {
        let s = section(
            "预算单位构成",
            "纳入编制范围的预算单位包括：甲研究院、乙中心等2个单位。",
        );
        assert_eq!(names(&from_narrative(&[s])), ["甲研究院", "乙中心"]);
    }
}
