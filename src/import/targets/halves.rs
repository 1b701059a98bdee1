//! The indicator block of a project form printed in two halves: the 实施期 targets left and
//! the 年度 targets right, under `实施期目标 | 年度目标` (一级 | 二级 | 三级 | 指标值 | 二级 |
//! 三级 | 指标值). Exports flatten its merged cells and move them between fields, so a line
//! is read by what its printed cells say, not where they stand: the 二级 labels are known by
//! name, a half is its 二级 label, indicator and value, and the right half starts at the
//! second 二级 label or after the left half's value.

use crate::model::{Indicator, IndicatorValue, Period};

use super::{IndicatorColumns, Line, compact, looks_like_value, unwrapped};

/// The indicators of a form printed in two halves, each with its period; `None` when the form
/// prints one set (no `实施期目标 | 年度目标` line, or no indicator line holding two).
pub(super) fn indicators(lines: &[Line]) -> Option<Vec<Indicator>> {
    let periods_printed = lines.iter().any(|l| {
        let cells: Vec<String> = l.texts().map(|(_, t)| compact(t)).collect();
        cells.iter().any(|c| c == "实施期目标") && cells.iter().any(|c| c == "年度目标")
    });
    if !periods_printed {
        return None;
    }
    let block = block(lines);
    let read: Vec<(&Line, Option<String>, Vec<Half>)> = block
        .iter()
        .map(|l| (*l, level1_of(l), halves(l)))
        .collect();
    let paired = read
        .iter()
        .any(|(_, _, h)| h.iter().filter(|h| h.name.is_some()).count() >= 2);
    if !paired {
        return None;
    }
    // Where the right half starts, for a line printing one half only.
    let mut right_starts: Vec<usize> = read
        .iter()
        .filter_map(|(_, _, h)| h.get(1).map(|h| h.column))
        .collect();
    right_starts.sort_unstable();
    let right_start = right_starts[right_starts.len() / 2];
    let mut out = Vec::new();
    let mut level1 = String::new();
    let mut level2 = [String::new(), String::new()];
    for (line, l1, hs) in read {
        if let Some(l1) = l1 {
            level1 = l1;
            level2 = Default::default();
        }
        for (k, h) in hs.iter().enumerate() {
            let side = if hs.len() == 1 {
                usize::from(h.column >= right_start)
            } else {
                k.min(1)
            };
            if let Some(l2) = &h.level2 {
                level2[side] = l2.clone();
            }
            let Some(name) = &h.name else { continue };
            // A third group on a line repeating the 年度 half is an export artefact.
            let repeats = |x: &Half| x.name == h.name && x.value == h.value;
            if k >= 2 && repeats(&hs[1]) {
                continue;
            }
            let note = if k == 1 && hs[2..].iter().any(repeats) {
                Some("Imported: the line prints this half a second time; read once.".to_string())
            } else if k >= 2 {
                Some("Imported: printed as a third group on its line, after the 年度 half; read as 年度.".to_string())
            } else {
                h.note.clone()
            };
            out.push(Indicator {
                level1: level1.clone(),
                level2: level2[side].clone(),
                name: unwrapped(name),
                value: IndicatorValue::new(unwrapped(h.value.as_deref().unwrap_or(""))),
                description: None,
                basis: None,
                period: Some(if side == 0 {
                    Period::Implementation
                } else {
                    Period::Annual
                }),
                note,
                source: Some(line.source.clone()),
            });
        }
    }
    Some(out)
}

/// The lines of the indicator block: from its header (or the 绩效指标 line where no header
/// is printed) to the signatures under it.
fn block(lines: &[Line]) -> Vec<&Line> {
    let start = lines.iter().position(|l| {
        IndicatorColumns::of(l).is_some() || l.first().is_some_and(|t| compact(t) == "绩效指标")
    });
    let Some(start) = start else {
        return Vec::new();
    };
    lines[start..]
        .iter()
        .take_while(|l| {
            let first = l.first().map(compact).unwrap_or_default();
            !["负责人", "填报人", "联系电话", "经办人"]
                .iter()
                .any(|s| first.starts_with(s))
        })
        .filter(|l| IndicatorColumns::of(l).is_none())
        .collect()
}

/// One half of a line: its 二级 label, indicator and value where printed, and the field it
/// starts at.
#[derive(Debug, Default, PartialEq)]
struct Half {
    column: usize,
    level2: Option<String>,
    name: Option<String>,
    value: Option<String>,
    note: Option<String>,
}

/// A 一级 label printed first on the line.
fn level1_of(l: &Line) -> Option<String> {
    cells(l)
        .first()
        .filter(|(_, t)| is_level1(t))
        .map(|(_, t)| t.to_string())
}

/// The printed cells but the block's 绩效指标 label.
fn cells(l: &Line) -> Vec<(usize, &str)> {
    l.texts()
        .filter(|(_, t)| compact(t) != "绩效指标")
        .collect()
}

fn halves(l: &Line) -> Vec<Half> {
    // The 一级 label: printed first, or again for the right half (`效益指标 | 经济效益 | … |
    // 效益指标 | 经济效益 | …`); the halves share it.
    let cells: Vec<(usize, &str)> = cells(l)
        .into_iter()
        .filter(|(_, t)| !is_level1(t))
        .collect();
    // The halves start at a 二级 label following an indicator or value; where no second label
    // is printed, the right half starts after the left one's value.
    let mut starts = vec![0];
    for (k, (_, t)) in cells.iter().enumerate().skip(1) {
        let since = *starts.last().unwrap_or(&0);
        if is_level2(t) && cells[since..k].iter().any(|(_, t)| !is_level2(t)) {
            starts.push(k);
        }
    }
    if starts.len() == 1 {
        let labels = cells.iter().take_while(|(_, t)| is_level2(t)).count();
        let rest = &cells[labels..];
        if labels >= 2 && rest.is_empty() {
            // `生态效益 | 生态效益`: a label in each half, nothing under them.
            starts.push(labels / 2);
        } else if rest.len() == 4 {
            // `name | value | name | value`, whatever the values look like (每季度).
            starts.push(labels + 2);
        } else if let Some(v) = rest
            .iter()
            .enumerate()
            .position(|(k, (_, t))| k >= 1 && looks_like_value(t))
            .filter(|&v| v + 1 < rest.len())
        {
            starts.push(labels + v + 1);
        }
    }
    let ends = starts.iter().skip(1).copied().chain([cells.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| half(&cells[s..e]))
        .filter(|h| h.level2.is_some() || h.name.is_some())
        .collect()
}

/// A half's cells: its 二级 label, then the indicator and its value.
fn half(cells: &[(usize, &str)]) -> Half {
    let mut h = Half {
        column: cells.first().map_or(0, |c| c.0),
        ..Half::default()
    };
    let mut rest = cells;
    if let Some(((_, t), after)) = rest.split_first()
        && is_level2(t)
    {
        h.level2 = Some(t.to_string());
        rest = after;
    }
    match rest {
        [] => {}
        // The label printed again in the indicator's field, nothing else (经济效益 | 经济效益).
        [(_, t)] if is_level2(t) => {}
        // An indicator named as its category (服务对象满意度 | ≥90%).
        [(_, v)] if looks_like_value(v) => {
            h.name = Some(h.level2.clone().unwrap_or_default());
            h.value = Some(v.to_string());
        }
        [(_, name)] => h.name = Some(name.to_string()),
        [(_, name), (_, value)] => {
            h.name = Some(name.to_string());
            h.value = Some(value.to_string());
        }
        [names @ .., (_, value)] => {
            h.name = Some(names.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(""));
            h.value = Some(value.to_string());
            h.note = Some(format!(
                "Imported: the indicator is printed over {} cells, joined.",
                names.len()
            ));
        }
    }
    h
}

fn is_level1(text: &str) -> bool {
    matches!(
        compact(text).as_str(),
        "产出指标" | "效益指标" | "满意度指标"
    )
}

/// A 二级 label of the standard indicator frame (财预〔2020〕10号 and its earlier forms).
fn is_level2(text: &str) -> bool {
    let c = compact(text);
    let c = c.strip_suffix("指标").unwrap_or(&c);
    matches!(
        c,
        "数量"
            | "质量"
            | "时效"
            | "成本"
            | "经济成本"
            | "社会成本"
            | "生态环境成本"
            | "经济效益"
            | "社会效益"
            | "生态效益"
            | "可持续影响"
            | "可持续性影响"
            | "可持续发展影响"
            | "服务对象满意度"
    )
}

#[cfg(test)]
mod tests {
    use crate::import::targets::{Targets, from_grid};
    use crate::import::{grid, text_export};
    use crate::model::{MoneyUnit, Period};

    fn project(text: &str) -> crate::model::ProjectTargets {
        let pages = text_export::pages(text, 0);
        let (grids, _) = grid::find(&pages);
        let g = grids.into_iter().next().expect("a grid");
        match from_grid(&g, &pages, MoneyUnit::Yuan, None) {
            Some(Targets::Project(p)) => p,
            other => panic!("no project targets: {other:?}"),
        }
    }

    fn read(p: &crate::model::ProjectTargets) -> Vec<(String, String, String, Option<Period>)> {
        p.indicators
            .iter()
            .map(|i| {
                (
                    i.level2.clone(),
                    i.name.clone(),
                    i.value.text.clone(),
                    i.period,
                )
            })
            .collect()
    }

    const HEAD: &str = "项目支出绩效目标表\n\n(2026年度)\n\n\
        项目名称\t\t技术服务\t\t\t\t\t\n\
        项目资金(元)\t实施期资金总额:\t225,000\t年度资金总额:\t60,000\t\t\t\n\
        \t实施期目标\t\t\t年度目标\t\t\t\n";

    #[test]
    fn each_half_of_a_two_period_form_gives_its_indicators_with_their_period() {
        // No header line is printed; the export moved cells between fields, printed a value
        // that reads as a name (每季度), labels with nothing under them (生态效益), and the
        // 一级 label again for the right half.
        let text = format!(
            "{HEAD}绩效指标\t产出指标\t数量指标\t入企调研\t≥4次\t数量指标\t信息收集数量\t≥300条\n\
            \t\t\t信息收集数量\t≥300条\t\t入企调研\t≥4次\n\
            \t时效指标\t调研开展时间\t每季度\t时效指标\t培训开展时间\t11至12月\t\n\
            \t\t培训开展时间\t11至12月\t\t调研开展时间\t每季度\n\
            效益指标\t效益指标\t经济效益\t经济效益\t效益指标\t经济效益\t经济效益\t\n\
            \t社会效益\t提高政策知晓率\t提高\t社会效益\t提高政策知晓率\t\t\n\
            \t生态效益\t\t\t生态效益\t\t\t\n\
            满意度指标\t服务对象满意度\t服务对象满意度\t≥90%\t服务对象满意度\t≥90%\t\t\n\
            负责人:\t经办人:\t\t\t\t\t\t\n"
        );
        let p = project(&text);
        let (i, a) = (Some(Period::Implementation), Some(Period::Annual));
        let row = |l2: &str, n: &str, v: &str, p| (l2.to_string(), n.to_string(), v.to_string(), p);
        assert_eq!(
            read(&p),
            [
                row("数量指标", "入企调研", "≥4次", i),
                row("数量指标", "信息收集数量", "≥300条", a),
                row("数量指标", "信息收集数量", "≥300条", i),
                row("数量指标", "入企调研", "≥4次", a),
                row("时效指标", "调研开展时间", "每季度", i),
                row("时效指标", "培训开展时间", "11至12月", a),
                row("时效指标", "培训开展时间", "11至12月", i),
                row("时效指标", "调研开展时间", "每季度", a),
                row("社会效益", "提高政策知晓率", "提高", i),
                row("社会效益", "提高政策知晓率", "", a),
                row("服务对象满意度", "服务对象满意度", "≥90%", i),
                row("服务对象满意度", "服务对象满意度", "≥90%", a),
            ]
        );
        assert_eq!(p.indicators[8].level1, "效益指标");
        assert_eq!(p.indicators[10].level1, "满意度指标");
    }

    #[test]
    fn a_form_printing_one_set_under_both_headings_keeps_its_indicators_without_period() {
        let text = format!(
            "{HEAD}绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t\t\t\n\
            \t产出指标\t数量指标\t规划编制数\t1个\t\t\t\n\
            负责人:\t经办人:\t\t\t\t\t\t\n"
        );
        let p = project(&text);
        assert_eq!(
            read(&p),
            [(
                "数量指标".to_string(),
                "规划编制数".to_string(),
                "1个".to_string(),
                None
            )]
        );
    }

    #[test]
    fn a_header_block_moved_down_a_line_gives_the_name_from_the_line_under_its_label() {
        let text = "项目支出绩效目标表\n\n\
            项目名称\t\t(2026年度)\t\t\t\t\t\n\
            主管部门及代码\t\t课题研究经费\t\t\t\t\t\n\
            项目属性\t\t108-科学技术局\t\t研究院\t\t\t\n\
            项目资金(元)\t实施期资金总额:\t560,000\t年度资金总额:\t180,000\t\t\t\n\
            \t单位自筹\t0\t单位自筹\t0\t\t\t\n\
            其他资金\t\t其他资金\t\t\t\t\t\n\
            \t实施期目标\t\t年度目标\t\t\t\t\n\
            绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\n\
            \t产出指标\t数量指标\t课题数量\t2个\t数量指标\t课题数量\t2个\n\
            负责人:\t经办人:\t\t\t\t\t\t\n";
        let p = project(text);
        assert_eq!(p.name, "课题研究经费");
        let department = p.fields.iter().find(|f| f.label == "主管部门及代码");
        assert_eq!(department.map(|f| f.text.as_str()), Some("108-科学技术局"));
        assert!(p.note.as_deref().is_some_and(|n| n.contains("moved")));
        assert_eq!(p.indicators.len(), 2);
        // 其他资金 printed one field left is still a money line of the form, blank both sides.
        let labels: Vec<&str> = p.funding.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "实施期资金总额:",
                "年度资金总额:",
                "单位自筹",
                "单位自筹",
                "其他资金",
                "其他资金"
            ]
        );
        assert!(p.funding[4].amount.is_none());
    }
}
