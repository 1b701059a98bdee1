//! Department targets printed as narrative, where the document has no 部门整体绩效目标表: the
//! section 部门整体绩效目标 (or a subsection of it) lists its tasks, each with a `绩效指标：NAME VALUE` line
//! (`绩效指标：科技特派员下乡培训人次≥40 人次`). Each such line gives indicators, the value
//! being what follows the name from its comparison sign or its first figure; the section
//! stays in the narrative verbatim.

use crate::model::{DepartmentTargets, Indicator, IndicatorValue, MoneyUnit, Section};

/// The department's targets from its 部门整体绩效目标 section, if it prints 绩效指标 lines.
pub fn department(sections: &[Section], unit: MoneyUnit) -> Option<DepartmentTargets> {
    let at = sections
        .iter()
        .position(|s| s.heading.contains("整体绩效目标"))?;
    let section = &sections[at];
    // With its subsections (（一）总体绩效目标 … （三）工作保障措施), up to the next heading of
    // its level.
    let within = sections[at + 1..]
        .iter()
        .take_while(|s| s.heading.trim_start().starts_with(['（', '(']));
    let mut indicators = Vec::new();
    let mut described: Option<String> = None;
    for (line, source) in std::iter::once(section)
        .chain(within)
        .flat_map(|s| s.text.lines().map(move |l| (l, &s.source)))
    {
        let line = line.trim();
        // An export that undid a line's wrap may have run the next line on (`…高效运转绩效指标：
        // …`, `≥90%（二）扶持企业技术创新。…`): each 绩效指标 runs to the next item.
        let mut pieces = line.split("绩效指标");
        let head = pieces.next().unwrap_or_default();
        if let Some(goal) = after_label(head, "绩效目标") {
            described = Some(goal.to_string());
        }
        for piece in pieces {
            let Some(rest) = after_colon(piece) else {
                continue;
            };
            let rest = &rest[..next_item(rest).unwrap_or(rest.len())];
            for part in rest.split(['，', '；']) {
                if let Some((name, value)) = split(part) {
                    indicators.push(Indicator {
                        level1: String::new(),
                        level2: String::new(),
                        name,
                        value: IndicatorValue::new(value),
                        description: described.clone(),
                        basis: None,
                        period: None,
                        note: None,
                        source: source.clone(),
                    });
                }
            }
            described = None;
        }
    }
    if indicators.is_empty() {
        return None;
    }
    Some(DepartmentTargets {
        title: section.heading.clone(),
        unit,
        goal: String::new(),
        tasks: Vec::new(),
        budget: Vec::new(),
        indicators,
        note: Some(format!(
            "Imported from the narrative section {}: no 部门整体绩效目标表 is printed; each 绩效指标 line gives its indicators (name, and the value from its comparison sign or first figure), no 一级/二级 indicators being printed.",
            section.heading
        )),
        source: section.source.clone(),
    })
}

/// The text after `label` and its colon (`绩效目标 ：…`), where the line starts with them.
fn after_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    after_colon(line.strip_prefix(label)?)
}

/// The text after a leading colon.
fn after_colon(text: &str) -> Option<&str> {
    text.trim_start().strip_prefix(['：', ':']).map(str::trim)
}

/// Where the next numbered item (`（二）`) starts in `text`.
fn next_item(text: &str) -> Option<usize> {
    text.match_indices(['（', '(']).map(|(i, _)| i).find(|&i| {
        let rest = &text[i..];
        let mut chars = rest.chars().skip(1);
        let digits = chars
            .by_ref()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        digits > 0
            && rest
                .chars()
                .nth(digits + 1)
                .is_some_and(|c| c == '）' || c == ')')
    })
}

/// An indicator's name and value: the value from the first comparison sign, else from the
/// first figure; both must be there.
fn split(part: &str) -> Option<(String, String)> {
    let part = part.trim().trim_end_matches(['。', '.', ' ']);
    let at = part
        .find(['≥', '≤', '＞', '＜', '>', '<', '='])
        .or_else(|| part.find(|c: char| c.is_ascii_digit()))?;
    let (name, value) = part.split_at(at);
    let (name, value) = (name.trim(), value.trim());
    (!name.is_empty() && !value.is_empty()).then(|| (name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> Section {
        Section {
            part: None,
            heading: "五、部门整体绩效目标".into(),
            text: text.into(),
            source: None,
        }
    }

    #[test]
    fn each_line_gives_its_indicators_with_the_goal_above_it() {
        let s = section(
            "（一）支持工业技术改造。\n绩效目标 ：调整产业结构。\n\
             绩效指标：工业企业技术改造投资较上一年度增长情况≥90%（二）扶持企业技术创新。组织实施\n\
             绩效目标：保障机关运转绩效指标：政务督办完成办结率≥90%\n\
             绩效指标：培育规上企业 4 家，规模以上工业增加值增长 7%左右。\n\
             绩效指标：科技特派员下乡培训人次≥40 人次\n\
             绩效指标：做好服务",
        );
        // The lines in a subsection of the section, as 003 prints them.
        let sub = Section {
            heading: "（三）工作保障措施".into(),
            ..s
        };
        let head = section("部门整体绩效目标如下。");
        let next = Section {
            heading: "六、部门项目".into(),
            ..section("绩效指标：另一项≥1")
        };
        let d = department(&[head, sub, next], MoneyUnit::WanYuan).unwrap();
        let got: Vec<(&str, &str)> = d
            .indicators
            .iter()
            .map(|i| (i.name.as_str(), i.value.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("工业企业技术改造投资较上一年度增长情况", "≥90%"),
                ("政务督办完成办结率", "≥90%"),
                ("培育规上企业", "4 家"),
                ("规模以上工业增加值增长", "7%左右"),
                ("科技特派员下乡培训人次", "≥40 人次"),
            ]
        );
        assert_eq!(
            d.indicators[0].description.as_deref(),
            Some("调整产业结构。")
        );
        assert_eq!(d.indicators[1].description.as_deref(), Some("保障机关运转"));
        assert_eq!(d.indicators[2].description, None);
    }

    #[test]
    fn no_section_or_no_indicator_lines_give_nothing() {
        assert!(department(&[section("绩效目标：提高效益。")], MoneyUnit::Yuan).is_none());
        let other = Section {
            heading: "一、收入预算".into(),
            ..section("绩效指标：收入≥1")
        };
        assert!(department(&[other], MoneyUnit::Yuan).is_none());
    }
}
