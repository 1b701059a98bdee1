//! The document's metadata from its printed text: department, year, region, level, kind.
//!
//! Years are read only where a year is printed as one (`2025年`, `2024 年度`), never out of
//! document numbers such as `财库[2013]189号` or `苏财预〔2019〕7号`.

use std::collections::BTreeMap;

use crate::model::{Department, Level, Region};

use super::layout::compact;

/// The 34 province-level divisions, with the short forms documents use.
const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];

/// The budget year: the year printed most often as `YYYY年` in titles and the first pages,
/// ignoring years inside brackets (document numbers).
pub fn year(texts: &[String]) -> Option<u16> {
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    for (i, text) in texts.iter().enumerate() {
        let weight = if i < 5 { 3 } else { 1 };
        for y in printed_years(text) {
            *counts.entry(y).or_default() += weight;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// Years printed as years in `text`: four digits followed by 年 (spaces allowed), not inside
/// 〔〕[]【】 brackets and not part of a longer number.
pub fn printed_years(text: &str) -> Vec<u16> {
    let chars: Vec<char> = compact(text).chars().collect();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '〔' | '[' | '【' | '［' => depth += 1,
            '〕' | ']' | '】' | '］' => depth -= 1,
            _ => {}
        }
        if i + 4 < chars.len()
            && depth <= 0
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let y: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = y.parse::<u16>()
                && (2000..=2100).contains(&y)
            {
                out.push(y);
            }
            i += 4;
        }
        i += 1;
    }
    out
}

/// The department's name: from `预算主管部门：`, `编制部门：`, `部门：` or `单位名称：` lines.
pub fn department(texts: &[String]) -> Option<Department> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in texts {
        let t = compact(t);
        for marker in [
            "预算主管部门：",
            "主管部门：",
            "编制部门：",
            "编制单位：",
            "部门名称：",
            "部门：",
        ] {
            if let Some(at) = t.find(marker) {
                let rest = &t[at + marker.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| {
                        !matches!(c, '单' | '（' | '(' | '：' | ':' | ' ' | '，' | '。')
                    })
                    .collect();
                // 单 ends the name at 单位：元 on the same line, but a name can contain 单位.
                let name = if rest.starts_with(&name)
                    && rest[name.len()..].starts_with("单位")
                    && !rest[name.len()..].starts_with("单位：")
                    && !rest[name.len()..].starts_with("单位:")
                {
                    rest.chars()
                        .take_while(|c| !matches!(c, '：' | ':' | '，' | '。'))
                        .collect::<String>()
                } else {
                    name
                };
                if name.chars().count() >= 3 {
                    *counts.entry(name).or_default() += 1;
                }
                break;
            }
        }
    }
    let name = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| name);
    if name.is_none()
        && let Some((code, name)) = coded_name(texts)
    {
        return Some(Department {
            name,
            code: Some(code),
            aliases: Vec::new(),
        });
    }
    let name = name.or_else(|| cover_name(texts))?;
    // 部门名称：市科学技术局 names the department relative to its place; the cover or a heading
    // prints it whole (2025年三门峡市科学技术局部门): that is its name, the short one an alias.
    if let Some(full) = placed_name(&name, texts) {
        return Some(Department {
            name: full,
            code: None,
            aliases: vec![name],
        });
    }
    Some(Department {
        name,
        code: None,
        aliases: Vec::new(),
    })
}

/// `name` (市科学技术局) with the place printed before it in the document's first lines
/// (三门峡 in 2025年三门峡市科学技术局部门), where the name starts with a level (市, 县, 区).
fn placed_name(name: &str, texts: &[String]) -> Option<String> {
    if !name.starts_with(['市', '县', '区']) {
        return None;
    }
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    texts.iter().take(40).find_map(|t| {
        let c = compact(t);
        let at = c.find(name)?;
        let place: String = c[..at]
            .chars()
            .rev()
            .take_while(|&ch| is_han(ch) && !matches!(ch, '年' | '度' | '的' | '及' | '和'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (2..=6)
            .contains(&place.chars().count())
            .then(|| format!("{place}{name}"))
    })
}

/// The department printed with its code above each table (`350 科技和工信部门 预算年度：2025
/// 单位：万元`, as Hebei's tables print it): the code and name most lines give.
fn coded_name(texts: &[String]) -> Option<(String, String)> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for t in texts {
        let words: Vec<&str> = t.split_whitespace().collect();
        if let [code, name, next, ..] = words[..]
            && (3..=12).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_digit())
            && name.chars().count() >= 3
            && (next.starts_with("预算年度") || next.starts_with("单位："))
        {
            *counts
                .entry((code.to_string(), name.to_string()))
                .or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}

/// The department named alone on a cover line (`上海市普陀区财政局`, `中共江苏省委办公厅`
/// above `2019年部门预算`), or before the year in a title line
/// (`江苏省人大常委会办公厅2019年部门预算`).
fn cover_name(texts: &[String]) -> Option<String> {
    const ENDINGS: &[&str] = &[
        "局",
        "部门",
        "委员会",
        "委",
        "厅",
        "办公室",
        "办事处",
        "院",
        "中心",
        "部",
        "会",
        "署",
        "馆",
        "所",
        "站",
        "队",
        "处",
        "社",
        "府",
    ];
    for t in texts.iter().take(12) {
        let c = compact(t);
        let head: String = match c.find(|ch: char| ch.is_ascii_digit()) {
            Some(at) if c[at..].contains('年') => c[..at].to_string(),
            _ => c.clone(),
        };
        let head = head.trim_end_matches("关于").to_string();
        let n = head.chars().count();
        if (4..=30).contains(&n)
            && ENDINGS.iter().any(|e| head.ends_with(e))
            && !head.contains("目录")
            && !head.contains("预算")
            && !head.contains("决算")
        {
            return Some(head);
        }
    }
    None
}

/// Region and level from the department's name and the document's words (区级, 省级 …).
pub fn region(department: &str, texts: &[String]) -> Region {
    let all: String = texts.iter().take(40).map(|t| compact(t)).collect();
    let province = PROVINCES
        .iter()
        .find(|p| {
            department.contains(*p)
                || department.contains(&p[..p.len() - 3]) && department.contains("省委")
        })
        .or_else(|| PROVINCES.iter().find(|p| all.contains(*p)))
        .map(|p| p.to_string())
        .unwrap_or_else(|| "未知".to_string());
    let after: String = department
        .find(province.as_str())
        .map(|at| department[at + province.len()..].to_string())
        .unwrap_or_else(|| department.to_string());
    let municipality = ["北京市", "天津市", "上海市", "重庆市"].contains(&province.as_str());
    let district = cut_at(&after, '区').filter(|d| d.chars().count() <= 5);
    let city = if municipality {
        None
    } else {
        cut_at(&after, '市').filter(|c| c.chars().count() <= 6)
    };
    let level = if all.contains("区级") || district.is_some() && municipality {
        Level::District
    } else if all.contains("县级") || after.contains('县') {
        Level::County
    } else if all.contains("市级") || city.is_some() {
        Level::City
    } else if all.contains("省级")
        || department.contains("省委")
        || department.starts_with(province.as_str())
    {
        Level::Province
    } else {
        Level::City
    };
    Region {
        province,
        city,
        district,
        level,
    }
}

/// `普陀区商务委员会` → `普陀区` (the text up to and including `end`).
fn cut_at(text: &str, end: char) -> Option<String> {
    let at = text.find(end)?;
    let part = &text[..at + end.len_utf8()];
    (part.chars().count() >= 2).then(|| part.to_string())
}

/// 部门预算, 单位预算, 部门决算 or 单位决算, as the document calls itself.
pub fn disclosure_kind(texts: &[String]) -> Option<&'static str> {
    let head: String = texts.iter().take(30).map(|t| compact(t)).collect();
    ["部门决算", "单位决算", "部门预算", "单位预算"]
        .into_iter()
        .find(|kind| head.contains(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn years_are_not_read_from_document_numbers() {
        assert_eq!(printed_years("根据财库[2013]189号和2025年预算"), vec![2025]);
        assert_eq!(printed_years("苏财预〔2019〕7号"), Vec::<u16>::new());
        assert_eq!(printed_years("2024 年度部门决算"), vec![2024]);
        assert_eq!(printed_years("12025年"), Vec::<u16>::new());
        assert_eq!(
            year(&s(&[
                "上海市普陀区2025年区级部门预算",
                "2024年执行数",
                "2025年部门收入预算总表"
            ])),
            Some(2025)
        );
    }

    #[test]
    fn a_name_relative_to_its_place_is_completed_from_the_cover() {
        let d = department(&s(&[
            "2025年三门峡市科学技术局部门",
            "部门名称：市科学技术局",
            "部门名称：市科学技术局",
        ]))
        .unwrap();
        assert_eq!(d.name, "三门峡市科学技术局");
        assert_eq!(d.aliases, ["市科学技术局"]);
        // Nothing printed before it: the name stays as printed.
        let d = department(&s(&["部门名称：市科学技术局"])).unwrap();
        assert_eq!((d.name.as_str(), d.aliases.len()), ("市科学技术局", 0));
    }

    #[test]
    fn departments_and_regions() {
        let texts = s(&[
            "上海市普陀区2025年区级部门预算",
            "预算主管部门：上海市普陀区商务委员会",
            "编制部门：上海市普陀区商务委员会 单位：元",
        ]);
        let d = department(&texts).unwrap();
        assert_eq!(d.name, "上海市普陀区商务委员会");
        let r = region(&d.name, &texts);
        assert_eq!(
            (r.province.as_str(), r.district.as_deref(), r.level),
            ("上海市", Some("普陀区"), Level::District)
        );
        let texts = s(&["部门：中共江苏省委办公厅 单位：万元"]);
        let d = department(&texts).unwrap();
        assert_eq!(d.name, "中共江苏省委办公厅");
        let r = region(&d.name, &texts);
        assert_eq!((r.province.as_str(), r.level), ("江苏省", Level::Province));
        // Printed with its code over each table.
        let texts = s(&[
            "部门预算收支总表",
            "350 科技和工信部门 预算年度：2025 单位：万元",
            "350 科技和工信部门 预算年度：2025 单位：万元",
        ]);
        let d = department(&texts).unwrap();
        assert_eq!(
            (d.name.as_str(), d.code.as_deref()),
            ("科技和工信部门", Some("350"))
        );
        // A year and an amount are no code and name.
        assert_eq!(coded_name(&s(&["2025 年度 单位：万元"])), None);
    }
}
