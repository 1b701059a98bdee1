//! Names of classification codes, and matching printed 类 names to codes.
//!
//! Summary tables list expenditure by 类 with a regional ordinal and a name that varies
//! (`六、科学技术`, `（六）科学技术支出`, `资源勘探信息等` vs `资源勘探工业信息等支出`). Rules match by
//! name, never by ordinal, through [`function_class_by_name`].

use std::collections::HashMap;

/// 支出功能分类 类 codes with their names and the other names documents print for them.
const FUNCTION_CLASSES: &[(&str, &str, &[&str])] = &[
    ("201", "一般公共服务支出", &[]),
    ("202", "外交支出", &[]),
    ("203", "国防支出", &[]),
    ("204", "公共安全支出", &[]),
    ("205", "教育支出", &[]),
    ("206", "科学技术支出", &[]),
    (
        "207",
        "文化旅游体育与传媒支出",
        &["文化体育旅游与传媒", "文化体育与传媒"],
    ),
    ("208", "社会保障和就业支出", &[]),
    ("209", "社会保险基金支出", &[]),
    ("210", "卫生健康支出", &["医疗卫生与计划生育"]),
    ("211", "节能环保支出", &[]),
    ("212", "城乡社区支出", &["城乡社区事务"]),
    ("213", "农林水支出", &["农林水事务"]),
    ("214", "交通运输支出", &[]),
    (
        "215",
        "资源勘探工业信息等支出",
        &["资源勘探信息等", "资源勘探电力信息等"],
    ),
    ("216", "商业服务业等支出", &[]),
    ("217", "金融支出", &[]),
    ("219", "援助其他地区支出", &[]),
    ("220", "自然资源海洋气象等支出", &[]),
    ("221", "住房保障支出", &[]),
    ("222", "粮油物资储备支出", &[]),
    ("223", "国有资本经营预算支出", &["国有资本经营预算"]),
    ("224", "灾害防治及应急管理支出", &[]),
    ("227", "预备费", &[]),
    ("229", "其他支出", &[]),
    ("230", "转移性支出", &[]),
    ("231", "债务还本支出", &[]),
    ("232", "债务付息支出", &[]),
    ("233", "债务发行费用支出", &[]),
    ("234", "抗疫特别国债安排的支出", &[]),
];

/// Common 款 and 项 names, for tree labels where a table prints only the code.
const FUNCTION_DETAIL: &[(&str, &str)] = &[
    ("20501", "教育管理事务"),
    ("20508", "进修及培训"),
    ("20601", "科学技术管理事务"),
    ("20602", "基础研究"),
    ("20603", "应用研究"),
    ("20604", "技术研究与开发"),
    ("20605", "科技条件与服务"),
    ("20606", "社会科学"),
    ("20607", "科学技术普及"),
    ("20608", "科技交流与合作"),
    ("20609", "科技重大项目"),
    ("20699", "其他科学技术支出"),
    ("20801", "人力资源和社会保障管理事务"),
    ("20805", "行政事业单位养老支出"),
    ("20808", "抚恤"),
    ("20899", "其他社会保障和就业支出"),
    ("21011", "行政事业单位医疗"),
    ("21101", "环境保护管理事务"),
    ("21110", "能源节约利用"),
    ("21505", "工业和信息产业监管"),
    ("21508", "支持中小企业发展和管理支出"),
    ("21599", "其他资源勘探工业信息等支出"),
    ("22102", "住房改革支出"),
    ("22301", "解决历史遗留问题及改革成本支出"),
    ("22399", "其他国有资本经营预算支出"),
];

/// 经济分类 class names, both code sets.
const ECONOMIC_NAMES: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("311", "对企业补助（基本建设）"),
    ("312", "对企业补助"),
    ("313", "对社会保障基金补助"),
    ("399", "其他支出"),
    ("501", "机关工资福利支出"),
    ("502", "机关商品和服务支出"),
    ("503", "机关资本性支出（一）"),
    ("504", "机关资本性支出（二）"),
    ("505", "对事业单位经常性补助"),
    ("506", "对事业单位资本性补助"),
    ("507", "对企业补助"),
    ("508", "对企业资本性支出"),
    ("509", "对个人和家庭的补助"),
    ("599", "其他支出"),
];

/// The name of a function code (类 always; common 款), if known.
pub fn function_name(code: &str) -> Option<&'static str> {
    FUNCTION_CLASSES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, n, _)| *n)
        .or_else(|| {
            FUNCTION_DETAIL
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, n)| *n)
        })
}

/// The name of an economic class code (301, 502 …), if known.
pub fn economic_name(code: &str) -> Option<&'static str> {
    ECONOMIC_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// Removes a leading ordinal (`六、`, `（六）`, `(十五) `, `1.`) and surrounding spaces.
pub fn strip_ordinal(label: &str) -> &str {
    let s = label.trim();
    let is_num = |c: char| "一二三四五六七八九十百零〇0123456789".contains(c);
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = s.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && rest[..end].chars().all(is_num)
            && end > 0
        {
            return rest[end + close.len()..]
                .trim_start_matches(['、', '.', ' '])
                .trim();
        }
    }
    let digits_end = s
        .char_indices()
        .find(|&(_, c)| !is_num(c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if digits_end > 0 {
        let rest = &s[digits_end..];
        for sep in ['、', '.', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r.trim();
            }
        }
    }
    s
}

fn normalize(name: &str) -> String {
    let core: String = strip_ordinal(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    core.strip_suffix("支出").unwrap_or(&core).to_string()
}

/// Normalised class names and aliases with their codes, computed once.
static CLASS_KEYS: std::sync::LazyLock<HashMap<String, &'static str>> =
    std::sync::LazyLock::new(|| {
        let mut keys = HashMap::new();
        for (code, name, aliases) in FUNCTION_CLASSES {
            for n in std::iter::once(name).chain(aliases.iter()) {
                // The first class to claim a name keeps it, as a search in table order would.
                keys.entry(normalize(n)).or_insert(*code);
            }
        }
        keys
    });

/// The 类 code a summary-table label names (`（六）科学技术支出` → `206`).
pub fn function_class_by_name(label: &str) -> Option<&'static str> {
    let core = strip_ordinal(label);
    // Labels without inner spaces (nearly all) are looked up without copying.
    if !core.contains(char::is_whitespace) {
        let key = core.strip_suffix("支出").unwrap_or(core);
        return (!key.is_empty())
            .then(|| CLASS_KEYS.get(key).copied())
            .flatten();
    }
    let wanted = normalize(label);
    if wanted.is_empty() {
        return None;
    }
    CLASS_KEYS.get(wanted.as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_ordinals_of_every_printed_form() {
        assert_eq!(strip_ordinal("六、科学技术"), "科学技术");
        assert_eq!(strip_ordinal("（六）科学技术支出"), "科学技术支出");
        assert_eq!(
            strip_ordinal("(十五) 资源勘探信息等支出"),
            "资源勘探信息等支出"
        );
        assert_eq!(strip_ordinal("二十一、住房保障支出"), "住房保障支出");
        assert_eq!(strip_ordinal("科学技术"), "科学技术");
    }

    #[test]
    fn matches_class_names_not_ordinals() {
        assert_eq!(function_class_by_name("六、科学技术"), Some("206"));
        assert_eq!(function_class_by_name("（六）科学技术支出"), Some("206"));
        assert_eq!(
            function_class_by_name("十五、资源勘探工业信息等支出"),
            Some("215")
        );
        assert_eq!(
            function_class_by_name("(十五) 资源勘探信息等支出"),
            Some("215")
        );
        assert_eq!(
            function_class_by_name("（七）文化体育旅游与传媒支出"),
            Some("207")
        );
        assert_eq!(function_class_by_name("二十一、住房保障支出"), Some("221"));
        assert_eq!(function_class_by_name("十二、城乡社区事务"), Some("212"));
        assert_eq!(function_class_by_name("本年支出合计"), None);
    }
}
