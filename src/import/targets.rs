//! Performance target tables (绩效目标表) from found grids: the department's 整体绩效目标表 and
//! each project's 项目支出绩效目标表 — labelled rows (项目名称, 项目概况, 项目资金 …) above a
//! block of indicators under a 一级指标 | 二级指标 | 三级指标 | 指标值 header.
//!
//! Merged cells of the 一级 and 二级 columns are printed once, on the first line they cover;
//! each indicator line gets them from the lines above, as the printed table shows them.

mod halves;
mod lattice;
mod narrated;

pub use narrated::department as department_from_narrative;

use std::str::FromStr;

use crate::model::{
    Amount, DepartmentTargets, Field, FundingLine, Indicator, IndicatorValue, MoneyUnit, Period,
    ProjectTargets, Source, Task,
};

use super::grid::{Grid, GridRow};
use super::kinds::normalize;
use super::layout::{Page, compact};
use super::words::is_amount;

/// What a performance target table holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    Department(DepartmentTargets),
    Project(ProjectTargets),
    /// A 项目绩效目标汇总表: one entry per project line.
    Projects(Vec<ProjectTargets>),
}

/// One printed line of the table: its cells' texts by column, and where it was printed.
struct Line {
    cells: Vec<String>,
    source: Source,
}

impl Line {
    /// The printed cells, left to right, without the blank ones.
    fn texts(&self) -> impl Iterator<Item = (usize, &str)> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(i, t)| (i, t.as_str()))
    }
    fn first(&self) -> Option<&str> {
        self.texts().next().map(|(_, t)| t)
    }
    fn at(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }
}

/// Each line's cells joined by a space, empty cells left out.
fn lines_text(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.texts().map(|(_, t)| t).collect::<Vec<_>>().join(" "))
        .collect()
}

fn lines(grid: &Grid, file_name: Option<&str>) -> Vec<Line> {
    let to_line = |r: &GridRow| Line {
        cells: r
            .cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .map_or(String::new(), |c| c.text.trim().to_string())
            })
            .collect(),
        source: Source {
            file: file_name.map(str::to_string),
            page: Some(r.page).filter(|&p| p > 0),
            line: r.line,
            last_line: r.last_line.filter(|&l| Some(l) != r.line),
            ..Source::default()
        },
    };
    grid.header_rows
        .iter()
        .chain(grid.rows.iter())
        .map(to_line)
        .collect()
}

/// The targets printed in `grid`, if it is a performance target table with indicators or a
/// project name.
pub fn from_grid(
    grid: &Grid,
    pages: &[Page],
    unit: MoneyUnit,
    file_name: Option<&str>,
) -> Option<Targets> {
    let title = normalize(&grid.title);
    if !title.contains("绩效") {
        return None;
    }
    if title.contains("汇总") {
        let projects = summary(grid, unit, file_name);
        return (!projects.is_empty()).then_some(Targets::Projects(projects));
    }
    let lines = lines(grid, file_name);
    let unit = super::table::printed_unit(grid)
        .or_else(|| form_unit(grid))
        .unwrap_or(unit);
    let indicators = halves::indicators(&lines).unwrap_or_else(|| indicators(&lines));
    let source = Some(Source {
        file: file_name.map(str::to_string),
        page: Some(grid.first_page).filter(|&p| p > 0),
        last_page: Some(grid.last_page)
            .filter(|&p| p != grid.first_page && grid.first_line.is_none()),
        line: grid.first_line,
        last_line: grid.last_line.filter(|&l| Some(l) != grid.first_line),
        ..Source::default()
    });
    if title.contains("整体") && !indicators.is_empty() {
        let goal =
            labelled(&lines, &["年度履职目标", "年度总体目标", "部门职能"]).unwrap_or_default();
        return Some(Targets::Department(DepartmentTargets {
            title: grid.title.clone(),
            unit,
            goal,
            tasks: tasks(&lines),
            budget: department_budget(&lines),
            indicators,
            note: None,
            source,
        }));
    }
    // A form whose indicators could not be read cell by cell (several labels in one cell of
    // the grid) is read by its labels; its indicators come from the page's rules where it
    // rules them (lattice), else are kept as printed. A form that cannot be read so stays a
    // printed table.
    if indicators.is_empty() {
        let mut form = super::packed_form::read(&grid.title, &lines_text(&lines), unit, source)?;
        if let Some(read) = lattice::indicators(grid, pages, file_name) {
            form.indicators = read;
            form.indicators_unread = None;
            form.fields.retain(|f| f.label != "绩效指标");
        }
        let goals = ["项目总目标", "年度总体目标"];
        if let Some(texts) = lattice::cells_under(grid, pages, &goals) {
            form.fields.retain(|f| f.label != "绩效目标");
            form.fields
                .extend(goals.iter().zip(texts).map(|(label, text)| Field {
                    label: label.to_string(),
                    text,
                }));
        }
        return Some(Targets::Project(form));
    }
    // An export may move the form's header block down a line: 项目名称 then prints the
    // form's year, and the header labels' values stand on the lines under them.
    let (name, moved) = match labelled(&lines, &["项目名称"]) {
        Some(name) => (name, false),
        None if prints_year_as_name(&lines) => (moved_down(&lines, "项目名称")?, true),
        None => return None,
    };
    let mut fields = Vec::new();
    for label in [
        "主管部门及代码",
        "主管部门",
        "实施单位",
        "项目属性",
        "项目期",
        "项目概况",
        "立项依据",
        "项目设立必要性",
        "保证项目实施的制度、措施",
        "项目实施计划",
        "总体目标",
        "年度目标",
    ] {
        let header = matches!(label, "主管部门及代码" | "主管部门" | "项目属性");
        let text = if moved && header {
            moved_down(&lines, label)
        } else {
            labelled(&lines, &[label])
        };
        if let Some(text) = text {
            fields.push(Field {
                label: label.to_string(),
                text,
            });
        }
    }
    let unit_name = fields
        .iter()
        .find(|f| f.label == "实施单位")
        .map(|f| f.text.clone());
    let funding = project_funding(&lines);
    // The year's total; a form printing only the 实施期 total has none.
    let total = funding
        .iter()
        .find(|f| f.key.as_deref() == Some("total") && f.period != Some(Period::Implementation))
        .and_then(|f| f.amount);
    Some(Targets::Project(ProjectTargets {
        name,
        code: None,
        unit: None,
        unit_name,
        money_unit: unit,
        total,
        funding,
        spending_plan: Vec::new(),
        fields,
        indicators,
        indicators_unread: None,
        source_title: Some(grid.title.clone()),
        note: moved.then(|| {
            "Imported: the export moved the header block down a line (项目名称 prints the form's year); 项目名称, 主管部门及代码 and 项目属性 are read from the line under each label.".to_string()
        }),
        source,
    }))
}

/// The money unit a target form prints inside it (项目资金（元）, 部门预算总额（万元）), for a
/// form that prints none beside its title.
pub fn form_unit(grid: &Grid) -> Option<MoneyUnit> {
    grid.header_rows
        .iter()
        .chain(grid.rows.iter())
        .flat_map(|r| r.cells.iter().flatten())
        .map(|c| compact(&c.text))
        .find_map(|c| {
            if c.contains("（万元）") || c.contains("(万元)") {
                Some(MoneyUnit::WanYuan)
            } else if c.contains("（元）") || c.contains("(元)") {
                Some(MoneyUnit::Yuan)
            } else {
                None
            }
        })
}

/// A 项目绩效目标汇总表: unit lines (`310001 | 三门峡市科学技术局`) and project lines (a
/// project code, its name and amounts), each project's indicators in the 三级指标 | 指标值 pair
/// of its category column (成本指标, 产出指标, 效益指标, 满意度指标) on its line and the lines
/// under it. An export may drop a blank amount cell and print a project's indicators one
/// column left: the block is read from where its first indicator stands.
fn summary(grid: &Grid, unit: MoneyUnit, file_name: Option<&str>) -> Vec<ProjectTargets> {
    let leaf = |i: usize| {
        grid.columns[i]
            .header
            .last()
            .map(|h| compact(h))
            .unwrap_or_default()
    };
    // Category columns: where each category's 三级指标 column stands.
    let categories: Vec<(usize, String)> = (0..grid.columns.len())
        .filter(|&i| leaf(i) == "三级指标")
        .filter_map(|i| {
            let h = &grid.columns[i].header;
            (h.len() >= 2).then(|| (i, compact(&h[h.len() - 2])))
        })
        .collect();
    let Some(&(first, _)) = categories.first() else {
        return Vec::new();
    };
    let amount_col = |name: &str| (0..first).find(|&i| leaf(i).contains(name));
    let total_col = amount_col("资金总额");
    let funding_cols: Vec<(usize, &str, &str)> = [
        ("政府预算资金", "government"),
        ("财政专户", "special_account"),
        ("单位资金", "unit_funds"),
    ]
    .into_iter()
    .filter_map(|(name, key)| amount_col(name).map(|i| (i, name, key)))
    .collect();
    let text = |r: &GridRow, i: usize| {
        r.cells
            .get(i)
            .and_then(|c| c.as_ref())
            .map_or(String::new(), |c| c.text.trim().to_string())
    };
    let mut out: Vec<ProjectTargets> = Vec::new();
    let mut current_unit: Option<(String, String)> = None;
    let mut shift = 0usize;
    // The indicators of the project's last line printed without a value, by category: an
    // export may print a line's names on one text line and their values on the next.
    let mut open: Vec<(String, usize)> = Vec::new();
    for r in &grid.rows {
        let code = compact(&text(r, 0));
        let source = Source {
            file: file_name.map(str::to_string),
            page: Some(r.page).filter(|&p| p > 0),
            line: r.line,
            last_line: r.last_line.filter(|&l| Some(l) != r.line),
            ..Source::default()
        };
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_digit()) {
            if code.len() <= 12 {
                current_unit = Some((code, text(r, 1)));
                continue;
            }
            let amount = |i: Option<usize>| i.and_then(|i| parse_amount(&text(r, i)));
            let mut funding = vec![];
            for &(i, name, key) in &funding_cols {
                funding.push(FundingLine {
                    label: name.to_string(),
                    key: Some(key.to_string()),
                    period: None,
                    amount: amount(Some(i)),
                });
            }
            // The first indicator: in its column, or one left of it (a dropped blank cell).
            shift = usize::from(!text(r, first - 1).is_empty() && !is_amount(&text(r, first - 1)));
            open.clear();
            out.push(ProjectTargets {
                name: text(r, 1),
                code: Some(code),
                unit: current_unit.as_ref().map(|u| u.0.clone()),
                unit_name: current_unit.as_ref().map(|u| u.1.clone()),
                money_unit: unit,
                total: amount(total_col),
                funding,
                spending_plan: Vec::new(),
                fields: Vec::new(),
                indicators: Vec::new(),
                indicators_unread: None,
                source_title: Some(grid.title.clone()),
                note: (shift > 0).then(|| {
                    "Imported: this project's indicators are printed one column left of their headers (a blank amount cell dropped by the export); read by position from the 成本指标 column.".to_string()
                }),
                source: Some(source.clone()),
            });
        }
        let Some(project) = out.last_mut() else {
            continue;
        };
        // Each category's 三级指标 and 指标值 on this line, read with a shift of the block's
        // or, where the line is printed the other way (a page of the export shifted apart
        // from the block's first), the shift under which its cells pair up.
        let read = |shift: usize| -> Vec<(String, String, String)> {
            categories
                .iter()
                .enumerate()
                .filter_map(|(k, (col, category))| {
                    let at = col.checked_sub(shift)?;
                    let name = unwrapped(&text(r, at));
                    // A cell of the next category is not this one's value.
                    let value = if categories
                        .get(k + 1)
                        .is_some_and(|&(n, _)| n.checked_sub(shift) == Some(at + 1))
                    {
                        String::new()
                    } else {
                        unwrapped(&text(r, at + 1))
                    };
                    (!name.is_empty() || !value.is_empty()).then(|| (category.clone(), name, value))
                })
                .collect()
        };
        // A value alone under a name printed without one completes that indicator: in the
        // 指标值 column, or in the 三级指标 column when it reads as a value (`≥95%`).
        let completes = |(category, name, value): &(String, String, String)| {
            open.iter().any(|(c, _)| c == category)
                && (name.is_empty() && !value.is_empty()
                    || value.is_empty() && looks_like_value(name))
        };
        let odd = |v: &[(String, String, String)]| {
            v.iter()
                .filter(|c| c.1.is_empty() != c.2.is_empty() && !completes(c))
                .count()
        };
        // A shifted reading cannot take a printed amount for the first indicator's name.
        let takes_an_amount = |shift: usize| {
            shift > 0
                && first
                    .checked_sub(shift)
                    .is_some_and(|at| is_amount(&text(r, at)))
        };
        let (mine, other) = (read(shift), read(1 - shift));
        let cells = if !takes_an_amount(1 - shift) && odd(&other) < odd(&mine) {
            other
        } else {
            mine
        };
        let completing: Vec<bool> = cells.iter().map(completes).collect();
        let mut still_open = Vec::new();
        for (cell, completing) in cells.into_iter().zip(completing) {
            if completing && let Some(k) = open.iter().position(|(c, _)| *c == cell.0) {
                let (_, at) = open.remove(k);
                let (_, name, value) = cell;
                let value = if value.is_empty() { name } else { value };
                let ind = &mut project.indicators[at];
                ind.value = IndicatorValue::new(value);
                ind.note = Some(
                    "Imported: the value is printed on the text line under the indicator's name."
                        .to_string(),
                );
                if let Some(src) = ind.source.as_mut() {
                    src.last_line = r.last_line.or(r.line);
                }
                continue;
            }
            let (category, name, value) = cell;
            if value.is_empty() && !name.is_empty() {
                still_open.push((category.clone(), project.indicators.len()));
            }
            project.indicators.push(Indicator {
                level1: String::new(),
                level2: category,
                name,
                value: IndicatorValue::new(value),
                description: None,
                basis: None,
                period: None,
                note: None,
                source: Some(source.clone()),
            });
        }
        open = still_open;
    }
    out
}

/// The text printed after a label cell (`项目名称 | | 科技创新规划编制费用`): the next printed
/// cell on its line, unless that is another label of the form.
fn labelled(lines: &[Line], labels: &[&str]) -> Option<String> {
    for l in lines {
        let texts: Vec<(usize, &str)> = l.texts().collect();
        for (k, (_, t)) in texts.iter().enumerate() {
            let c = compact(t);
            let c = c.trim_end_matches(['：', ':']);
            if labels.contains(&c) {
                // A PDF cell may hold the next label and its value too (`各类工作经费 项目性质
                // 经常性项目`): the value ends where another label of the form starts.
                let value = texts.get(k + 1).map(|(_, v)| {
                    v.split_whitespace()
                        .take_while(|w| !is_form_label(w))
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                // `(2026年度)` beside 项目名称 is the form's year, shifted into the name cell.
                return value.filter(|v| !v.is_empty() && !is_year_line(v));
            }
        }
    }
    None
}

/// Whether the 项目名称 cell prints the form's year (`项目名称 | | (2026年度)`).
fn prints_year_as_name(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        let mut texts = l.texts().map(|(_, t)| t);
        texts.next().is_some_and(|t| compact(t) == "项目名称")
            && texts.next().is_some_and(is_year_line)
    })
}

/// The value of a header label moved down a line by the export: the first printed cell of
/// the line under the label's that is not itself a label of the form.
fn moved_down(lines: &[Line], label: &str) -> Option<String> {
    let at = lines
        .iter()
        .position(|l| l.first().is_some_and(|t| compact(t) == label))?;
    lines
        .get(at + 1)?
        .texts()
        .map(|(_, t)| t)
        .find(|t| {
            !is_form_label(t) && !matches!(compact(t).as_str(), "项目名称" | "主管部门及代码")
        })
        .map(str::to_string)
        .filter(|t| !is_year_line(t))
}

/// `(2026年度)`, `（2025年）`.
fn is_year_line(text: &str) -> bool {
    let c = compact(text);
    let inner = c
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    inner.len() < c.len()
        && inner.chars().take(4).all(|ch| ch.is_ascii_digit())
        && (inner.ends_with("年度") || inner.ends_with('年'))
}

/// Labels of the project form, which never are the value of another label.
fn is_form_label(text: &str) -> bool {
    let c = compact(text);
    let c = c.trim_end_matches(['：', ':']);
    matches!(
        c,
        "实施单位"
            | "项目期"
            | "项目属性"
            | "项目性质"
            | "项目类别"
            | "主管部门"
            | "主管部门及代码"
            | "年度目标"
            | "实施期目标"
            | "计划开始日期"
            | "计划完成日期"
    )
}

/// The indicator block: the lines under a header naming 三级指标 and 指标值.
fn indicators(lines: &[Line]) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut columns: Option<IndicatorColumns> = None;
    let (mut level1, mut level2) = (String::new(), String::new());
    for l in lines {
        if let Some(c) = IndicatorColumns::of(l) {
            columns = Some(c);
            level1.clear();
            level2.clear();
            continue;
        }
        let Some(c) = &columns else { continue };
        let first = l.first().map(compact).unwrap_or_default();
        if ["负责人", "填报人", "联系电话", "经办人"]
            .iter()
            .any(|s| first.starts_with(s))
        {
            columns = None;
            continue;
        }
        let (l1, l2, name, value, shifted) = c.read(l);
        if let Some(t) = l1 {
            level1 = t;
            level2.clear();
        }
        if let Some(t) = l2 {
            level2 = t;
        }
        if name.is_empty() && value.is_empty() {
            continue;
        }
        let text_at = |i: Option<usize>| i.map(|i| l.at(i).to_string()).filter(|t| !t.is_empty());
        out.push(Indicator {
            level1: level1.clone(),
            level2: level2.clone(),
            name: unwrapped(&name),
            value: IndicatorValue::new(unwrapped(&value)),
            description: text_at(c.description),
            basis: text_at(c.basis),
            period: None,
            note: shifted.then(|| {
                "Imported: printed one column left of its header, nothing in the 指标值 column; read by the form's columns (value last, the indicator before it).".to_string()
            }),
            source: Some(l.source.clone()),
        });
    }
    out
}

/// Where the parts of an indicator are printed.
struct IndicatorColumns {
    level1: Option<usize>,
    level2: Option<usize>,
    name: usize,
    value: usize,
    description: Option<usize>,
    basis: Option<usize>,
}

impl IndicatorColumns {
    /// The 一级, 二级, 三级 and 指标值 cells of a line. Where nothing is printed right of the
    /// value, the cells are read from the right, each at its column or one field left of it:
    /// exports shift a cell of a merged layout by a field, and the value is always the last
    /// cell, the indicator the one before it.
    /// The last item says whether the line was printed one column left of the header.
    fn read(&self, l: &Line) -> (Option<String>, Option<String>, String, String, bool) {
        let at = |i: Option<usize>| i.map(|i| l.at(i).to_string()).filter(|t| !t.is_empty());
        if self.description.is_some() || self.basis.is_some() {
            if let Some((l1, l2, name, value)) = self.shifted_left(l) {
                return (l1, l2, name, value, true);
            }
            return (
                at(self.level1),
                at(self.level2),
                l.at(self.name).to_string(),
                l.at(self.value).to_string(),
                false,
            );
        }
        let start = self.level1.or(self.level2).unwrap_or(self.name);
        // Header cells merged over two fields each (一级指标 | | 二级指标 | | …): a cell may
        // sit in the field before its column.
        let merged = self.value >= self.name + 2;
        let mut cells: Vec<(usize, &str)> = l.texts().filter(|(i, _)| *i >= start).collect();
        let mut take = |col: Option<usize>| {
            let col = col?;
            match cells.last() {
                Some(&(i, t)) if i >= col || merged && i + 1 == col => {
                    cells.pop();
                    Some(t.to_string())
                }
                _ => None,
            }
        };
        let value = take(Some(self.value)).unwrap_or_default();
        let name = take(Some(self.name)).unwrap_or_default();
        let l2 = take(self.level2);
        let l1 = take(self.level1);
        (l1, l2, name, value, false)
    }

    /// A line an export printed one column left of the header (`| 资产管理规范性 | 规范 | |`,
    /// `绩效管理 | 绩效目标编制完成率 | 100% | |`): nothing in the 指标值 and later columns,
    /// a value in the 三级指标 column and an indicator name before it. Read from the right:
    /// the value, the indicator, then the 二级 and 一级 cells left of them, if printed.
    fn shifted_left(&self, l: &Line) -> Option<(Option<String>, Option<String>, String, String)> {
        let cells: Vec<(usize, &str)> = l.texts().collect();
        let &(last, value) = cells.last()?;
        if last != self.name || !looks_like_value(value) {
            return None;
        }
        let mut before = cells[..cells.len() - 1].iter().rev();
        let &(_, name) = before.next()?;
        if looks_like_value(name) {
            return None;
        }
        let l2 = before.next().map(|(_, t)| t.to_string());
        let l1 = before.next().map(|(_, t)| t.to_string());
        if before.next().is_some() {
            return None;
        }
        Some((l1, l2, name.to_string(), value.to_string()))
    }

    fn of(l: &Line) -> Option<IndicatorColumns> {
        let find =
            |p: &dyn Fn(&str) -> bool| l.texts().find(|(_, t)| p(&compact(t))).map(|(i, _)| i);
        let name = find(&|t| t == "三级指标" || t == "指标名称" || t == "具体指标")?;
        let value = find(&|t| {
            t == "目标值" || t.ends_with("指标值") && !t.contains("说明") && !t.contains("依据")
        })?;
        Some(IndicatorColumns {
            level1: find(&|t| t == "一级指标"),
            level2: find(&|t| t == "二级指标"),
            name,
            value,
            description: find(&|t| {
                t.contains("指标值说明") || t.contains("指标说明") || t.contains("指标描述")
            }),
            basis: find(&|t| t.contains("确定依据")),
        })
    }
}

/// 年度主要任务: the lines under its 任务名称 | 主要内容 header.
fn tasks(lines: &[Line]) -> Vec<Task> {
    let mut out = Vec::new();
    let mut columns: Option<(usize, Option<usize>)> = None;
    for l in lines {
        let name_col = l
            .texts()
            .find(|(_, t)| compact(t) == "任务名称")
            .map(|(i, _)| i);
        if let Some(n) = name_col {
            let content = l
                .texts()
                .find(|(_, t)| compact(t).contains("主要内容"))
                .map(|(i, _)| i);
            columns = Some((n, content));
            continue;
        }
        let Some((n, content)) = columns else {
            continue;
        };
        // The block ends at the next labelled line (预算情况, 一级指标 …).
        if l.texts().next().is_some_and(|(i, _)| i < n) {
            break;
        }
        let name = l.at(n).to_string();
        if name.is_empty() {
            continue;
        }
        out.push(Task {
            name,
            content: content.map(|c| l.at(c).to_string()).unwrap_or_default(),
            amount: None,
        });
    }
    out
}

/// 预算情况 of the department table: each label with the amount printed on its line.
fn department_budget(lines: &[Line]) -> Vec<FundingLine> {
    let mut out = Vec::new();
    let mut inside = false;
    for l in lines {
        let first = l.first().map(compact).unwrap_or_default();
        if first.starts_with("预算情况") || first.starts_with("部门预算") {
            inside = true;
        } else if inside
            && l.texts().next().is_some_and(|(i, _)| i == 0)
            // A money line the export printed one field left (其他资金 | | 其他资金) is not
            // the next label of the form.
            && funding_key(&first).is_none()
            || inside && is_form_label(&first)
        {
            break;
        }
        if !inside {
            continue;
        }
        let texts: Vec<&str> = l.texts().map(|(_, t)| t).collect();
        let Some(label) = texts
            .iter()
            .rev()
            .find(|t| !is_amount(t) && !compact(t).starts_with("预算情况"))
        else {
            continue;
        };
        let amount = texts
            .iter()
            .rev()
            .find(|t| is_amount(t))
            .and_then(|t| parse_amount(t));
        out.push(FundingLine {
            key: funding_key(label),
            label: label.to_string(),
            period: None,
            amount,
        });
    }
    out
}

/// 项目资金 lines of a project table: label and amount pairs, the 实施期 one left and the
/// 年度 one right where both are printed; amounts printed on the line under their labels go
/// with them.
fn project_funding(lines: &[Line]) -> Vec<FundingLine> {
    let mut out: Vec<FundingLine> = Vec::new();
    let mut inside = false;
    let mut single: Option<Period> = None;
    for l in lines {
        let first = l.first().map(compact).unwrap_or_default();
        if first.starts_with("项目资金") || first.starts_with("资金总额") {
            inside = true;
        } else if inside
            && l.texts().next().is_some_and(|(i, _)| i == 0)
            // A money line the export printed one field left (其他资金 | | 其他资金) is not
            // the next label of the form.
            && funding_key(&first).is_none()
            || inside && is_form_label(&first)
        {
            break;
        }
        if !inside {
            continue;
        }
        let texts: Vec<&str> = l
            .texts()
            .map(|(_, t)| t)
            .filter(|t| !compact(t).starts_with("项目资金"))
            .collect();
        if !texts.is_empty() && texts.iter().all(|t| is_amount(t)) {
            // Amounts under the labels of the line above.
            let open: Vec<usize> = out
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, f)| f.amount.is_none())
                .map(|(i, _)| i)
                .collect();
            for (slot, t) in open.into_iter().rev().zip(texts) {
                out[slot].amount = parse_amount(t);
            }
            continue;
        }
        let mut pairs: Vec<(String, Option<Amount>)> = Vec::new();
        for t in texts {
            if is_amount(t) {
                if let Some(last) = pairs.last_mut().filter(|p| p.1.is_none()) {
                    last.1 = parse_amount(t);
                }
            } else {
                pairs.push((t.to_string(), None));
            }
        }
        let two = pairs.len() == 2;
        for (k, (label, amount)) in pairs.into_iter().enumerate() {
            // 实施期 left and 年度 right where both are printed; a single column is the
            // period its total names (实施期资金总额 alone), and its source lines follow it.
            let period = if two {
                Some(if k == 0 {
                    Period::Implementation
                } else {
                    Period::Annual
                })
            } else if label.contains("实施期") {
                single = Some(Period::Implementation);
                single
            } else if label.contains("年度") {
                single = Some(Period::Annual);
                single
            } else {
                single
            };
            out.push(FundingLine {
                key: funding_key(&label),
                period,
                label,
                amount,
            });
        }
    }
    out
}

fn parse_amount(text: &str) -> Option<Amount> {
    Amount::from_str(&compact(text)).ok()
}

/// A cell's text without the spaces an export put where the printed cell wrapped: a space
/// next to a Chinese character (`非税收入 返还`, `80 万`) is a line break of a narrow cell,
/// never printed; spaces between Latin letters or figures stay (`1 000`, `Wi Fi`).
fn unwrapped(text: &str) -> String {
    crate::text::drop_wrap_spaces(text, wrap_joins).into_owned()
}

/// Whether a cell wrapped between `a` and `b` reads on without a space: beside a Chinese
/// character or full-width punctuation.
fn wrap_joins(a: char, b: char) -> bool {
    let is_han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}');
    is_han(a) || is_han(b)
}

/// Whether a cell reads as an indicator's value, not its name: a comparison or a figure first
/// (`≥80万`, `100%`, `7%左右`, `1-12月`), a percentage, or a one- or two-character word
/// (`规范`, `及时`). An indicator's name is longer, and a figure inside it (`采购5台电脑设备`)
/// does not make it a value.
fn looks_like_value(text: &str) -> bool {
    let t = compact(text);
    t.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦'])
        || t.starts_with(|c: char| c.is_ascii_digit())
        || t.ends_with(['%', '％'])
        || (1..=2).contains(&t.chars().count())
}

/// The stable meaning of a money line, from its label.
fn funding_key(label: &str) -> Option<String> {
    let c = compact(label);
    let key = if c.contains("总额") || c.contains("合计") {
        "total"
    } else if c.contains("中央") {
        "central"
    } else if c.contains("省级") {
        "provincial"
    } else if c.contains("市县")
        || c.contains("市(区)")
        || c.contains("市（区）")
        || c.contains("本级")
    {
        "local"
    } else if c.contains("自筹") {
        "self_raised"
    } else if c.contains("其他资金") {
        "other"
    } else if c.contains("政府预算资金") {
        "government"
    } else if c.contains("财政专户") {
        "special_account"
    } else if c.contains("单位资金") {
        "unit_funds"
    } else if c.contains("基本支出") {
        "basic"
    } else if c.contains("项目支出") {
        "project"
    } else {
        return None;
    };
    Some(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text_export;

    /// Each indicator as (一级, 二级, 三级, 指标值).
    pub(super) fn levels(indicators: &[Indicator]) -> Vec<(&str, &str, &str, &str)> {
        indicators
            .iter()
            .map(|i| {
                (
                    i.level1.as_str(),
                    i.level2.as_str(),
                    i.name.as_str(),
                    i.value.text.as_str(),
                )
            })
            .collect()
    }

    fn grid_of(text: &str) -> Grid {
        let pages = text_export::pages(text, 0);
        let (grids, _) = super::super::grid::find(&pages);
        grids.into_iter().next().expect("a grid")
    }

    #[test]
    fn a_summary_table_gives_each_project_its_indicators_by_category_even_shifted() {
        let text = "2025年部门预算项目绩效目标汇总表\n\n部门名称：某局\n\n\
            单位编码（项目编码）\t项目单位（项目名称）\t项目金额（万元）\t\t绩效目标\t\t\t\t\n\
            \t\t资金总额\t政府预算资金\t成本指标\t\t产出指标\t\t\n\
            \t\t\t\t三级指标\t指标值\t三级指标\t指标值\t\n\
            310001\t某局\t50.00\t50.00\t\t\t\t\t\n\
            411200250000000054537\t甲项目\t40.00\t40.00\t会议费\t≤2万元\t活动\t≥10次\t\n\
            \t\t\t\t\t\t培训\t≥2次\t\n\
            411200250000000054538\t乙项目\t10.00\t费用\t≤1万元\t次数\t≥3次\t\t\n";
        let g = grid_of(text);
        let Some(Targets::Projects(ps)) = from_grid(&g, &[], MoneyUnit::WanYuan, None) else {
            panic!("no targets: {g:?}");
        };
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].unit.as_deref(), Some("310001"));
        assert_eq!(ps[0].code.as_deref(), Some("411200250000000054537"));
        assert_eq!(ps[0].total.map(|a| a.0.to_string()), Some("40.00".into()));
        let got = |p: &ProjectTargets| -> Vec<(String, String, String)> {
            p.indicators
                .iter()
                .map(|i| (i.level2.clone(), i.name.clone(), i.value.text.clone()))
                .collect()
        };
        let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            got(&ps[0]),
            [
                t("成本指标", "会议费", "≤2万元"),
                t("产出指标", "活动", "≥10次"),
                t("产出指标", "培训", "≥2次")
            ]
        );
        // 乙项目's line lost a blank amount cell: its indicators stand one column left.
        assert_eq!(
            got(&ps[1]),
            [
                t("成本指标", "费用", "≤1万元"),
                t("产出指标", "次数", "≥3次")
            ]
        );
        assert!(ps[1].note.is_some());
    }

    #[test]
    fn a_project_form_gives_its_name_funding_and_indicators() {
        let text = "项目支出绩效目标表\n\n单位：元\n\n\
            项目名称\t\t规划编制费用\t\t\t\n\
            主管部门及代码\t\t100-科学技术局\t\t实施单位\t科学技术局\n\
            项目资金(元)\t\t实施期资金总额:\t250,000\t年度资金总额:\t250,000\n\
            \t\t其中:中央财政资金\t0\t其中:中央财政资金\t0\n\
            绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t\n\
            \t产出指标\t数量指标\t规划编制数\t1个\t\n\
            \t\t质量指标\t评审通过率\t≥90%\t\n\
            \t效益指标\t经济效益\t\t\t\n\
            \t\t社会效益\t助力高质量发展\t助力\t\n\
            负责人:\t\t经办人:\t\t\t\n";
        let g = grid_of(text);
        let Some(Targets::Project(p)) = from_grid(&g, &[], MoneyUnit::Yuan, None) else {
            panic!("no project targets: {g:?}");
        };
        assert_eq!(p.name, "规划编制费用");
        assert_eq!(p.unit_name.as_deref(), Some("科学技术局"));
        assert_eq!(p.total.map(|a| a.0.to_string()), Some("250000".into()));
        assert_eq!(p.funding.len(), 4);
        assert_eq!(p.funding[1].key.as_deref(), Some("total"));
        assert_eq!(p.funding[1].period, Some(Period::Annual));
        let got = levels(&p.indicators);
        assert_eq!(
            got,
            [
                ("产出指标", "数量指标", "规划编制数", "1个"),
                ("产出指标", "质量指标", "评审通过率", "≥90%"),
                ("效益指标", "社会效益", "助力高质量发展", "助力"),
            ]
        );
        assert!(p.indicators[0].source.as_ref().unwrap().line.is_some());
    }

    /// The indicators of the one summary project in `text`, as (category, name, value).
    fn summary_indicators(text: &str) -> Vec<(String, String, String, bool)> {
        let g = grid_of(text);
        let Some(Targets::Projects(ps)) = from_grid(&g, &[], MoneyUnit::WanYuan, None) else {
            panic!("no targets: {g:?}");
        };
        ps[0]
            .indicators
            .iter()
            .map(|i| {
                (
                    i.level2.clone(),
                    i.name.clone(),
                    i.value.text.clone(),
                    i.note.is_some(),
                )
            })
            .collect()
    }

    const SUMMARY_HEAD: &str = "2025年部门预算项目绩效目标汇总表\n\n部门名称：某局\n\n\
        单位编码（项目编码）\t项目单位（项目名称）\t项目金额（万元）\t\t绩效目标\t\t\t\t\t\t\n\
        \t\t资金总额\t政府预算资金\t成本指标\t\t产出指标\t\t满意度指标\t\t\n\
        \t\t\t\t三级指标\t指标值\t三级指标\t指标值\t三级指标\t指标值\t\n\
        310004\t某中心\t32.40\t32.40\t\t\t\t\t\t\t\n";

    #[test]
    fn values_printed_on_the_line_under_their_names_complete_those_indicators() {
        // Names on the project's line, their values on the next, where the export also put
        // one value (≥95%) in the 三级指标 column and a new pair (采购电脑 / 5台) between.
        let text = format!(
            "{SUMMARY_HEAD}\
            41120025000000052411\t发展中心运行经费\t32.40\t32.40\t严格按照预算执行\t\t\t\t客户满意度\t\t\n\
            \t\t\t\t\t32.4\t采购电脑\t5台\t≥95%\t\t\n\
            \t\t\t\t\t\t缴纳 物业费\t5 万\t\t\t\n"
        );
        let t = |a: &str, b: &str, c: &str, n: bool| (a.into(), b.into(), c.into(), n);
        assert_eq!(
            summary_indicators(&text),
            [
                t("成本指标", "严格按照预算执行", "32.4", true),
                t("满意度指标", "客户满意度", "≥95%", true),
                t("产出指标", "采购电脑", "5台", false),
                // A wrapped narrow cell is joined back.
                t("产出指标", "缴纳物业费", "5万", false),
            ]
        );
    }

    #[test]
    fn a_name_without_a_value_stays_so_when_the_next_line_has_none_for_it() {
        let text = format!(
            "{SUMMARY_HEAD}\
            41120025000000052411\t发展中心运行经费\t32.40\t32.40\t严格按照预算执行\t\t会议\t≥2次\t\t\t\n\
            \t\t\t\t\t\t培训活动开展\t≥1次\t\t\t\n\
            \t\t\t\t\t5万\t\t\t\t\t\n"
        );
        let got = summary_indicators(&text);
        // The value two lines down is not the name's: only the next line completes it.
        assert_eq!(got[0].1, "严格按照预算执行");
        assert_eq!(got[0].2, "");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn department_lines_printed_one_column_left_are_read_by_the_form() {
        let text = "部门（单位）整体绩效目标表\n\n部门名称：某局\t\t\t\t\n\
            年度履职目标\t推动发展\t\t\t\n\
            预算情况\t部门预算总额（万元）\t\t7,454.80\t\n\
            一级指标\t二级指标\t三级指标\t指标值\t指标值说明\n\
            投入管理指标\t预算和财务管理\t预算编制完整性\t完整\t\n\
            \t\t资金使用合规性\t\t\n\
            \t资产管理规范性\t规范\t\t\n\
            绩效管理\t绩效目标编制完成率\t100%\t\t\n\
            \t绩效监控完成率\t100%\t\t\n\
            产出指标\t履职目标实现\t全年实施工业项目\t100个\t\n\
            完成工业投资\t\t100亿元\t\t\n";
        let lines = lines(&grid_of(text), None);
        let got: Vec<(String, String, String, String, bool)> = indicators(&lines)
            .into_iter()
            .map(|i| (i.level1, i.level2, i.name, i.value.text, i.note.is_some()))
            .collect();
        let t = |a: &str, b: &str, c: &str, d: &str, n: bool| {
            (a.into(), b.into(), c.into(), d.into(), n)
        };
        assert_eq!(
            got,
            [
                t(
                    "投入管理指标",
                    "预算和财务管理",
                    "预算编制完整性",
                    "完整",
                    false
                ),
                // A name with no value is not shifted: it does not read as a value.
                t(
                    "投入管理指标",
                    "预算和财务管理",
                    "资金使用合规性",
                    "",
                    false
                ),
                t(
                    "投入管理指标",
                    "预算和财务管理",
                    "资产管理规范性",
                    "规范",
                    true
                ),
                t(
                    "投入管理指标",
                    "绩效管理",
                    "绩效目标编制完成率",
                    "100%",
                    true
                ),
                t("投入管理指标", "绩效管理", "绩效监控完成率", "100%", true),
                t(
                    "产出指标",
                    "履职目标实现",
                    "全年实施工业项目",
                    "100个",
                    false
                ),
                t("产出指标", "履职目标实现", "完成工业投资", "100亿元", true),
            ]
        );
    }

    #[test]
    fn wrapped_cells_lose_the_spaces_next_to_chinese_only() {
        assert_eq!(unwrapped("非税收入 返还"), "非税收入返还");
        assert_eq!(unwrapped("80 万"), "80万");
        assert_eq!(unwrapped("1-12 月"), "1-12月");
        assert_eq!(unwrapped("Wi Fi 1 000"), "Wi Fi 1 000");
        assert_eq!(unwrapped("≥ 90%"), "≥ 90%");
    }

    #[test]
    fn values_and_names_are_told_apart() {
        for v in [
            "≥80万",
            "100%",
            "7%左右",
            "1-12月",
            "规范",
            "及时",
            "100亿元",
        ] {
            assert!(looks_like_value(v), "{v}");
        }
        for n in [
            "资产管理规范性",
            "采购5台电脑设备",
            "客户满意度",
            "上缴国库80万非税收入",
        ] {
            assert!(!looks_like_value(n), "{n}");
        }
    }
}
