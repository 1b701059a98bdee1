//! 支出功能分类: 类 codes, the 款 and 项 names seen in disclosures, and names no longer in use.

/// 类 codes of the 2025 catalogue (names in [`crate::codes`]).
const CLASSES: &[&str] = &[
    "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
    "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230",
    "231", "232", "233", "234",
];

/// 款 and 项 of the 2025 catalogue that disclosures of science and industry departments use.
const ITEMS: &[(&str, &str)] = &[
    ("20501", "教育管理事务"),
    ("20508", "进修及培训"),
    ("2050803", "培训支出"),
    ("20599", "其他教育支出"),
    ("2059999", "其他教育支出"),
    ("20601", "科学技术管理事务"),
    ("2060101", "行政运行"),
    ("2060102", "一般行政管理事务"),
    ("2060103", "机关服务"),
    ("2060199", "其他科学技术管理事务支出"),
    ("20602", "基础研究"),
    ("2060201", "机构运行"),
    ("20603", "应用研究"),
    ("2060301", "机构运行"),
    ("2060302", "社会公益研究"),
    ("20604", "技术研究与开发"),
    ("2060401", "机构运行"),
    ("2060404", "科技成果转化与扩散"),
    ("2060499", "其他技术研究与开发支出"),
    ("20605", "科技条件与服务"),
    ("2060501", "机构运行"),
    ("2060502", "技术创新服务体系"),
    ("2060599", "其他科技条件与服务支出"),
    ("20607", "科学技术普及"),
    ("2060702", "科普活动"),
    ("20608", "科技交流与合作"),
    ("2060899", "其他科技交流与合作支出"),
    ("20699", "其他科学技术支出"),
    ("2069901", "科技奖励"),
    ("2069999", "其他科学技术支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080502", "事业单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("20808", "抚恤"),
    ("2080899", "其他优抚支出"),
    ("21007", "计划生育事务"),
    ("2100799", "其他计划生育事务支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2101199", "其他行政事业单位医疗支出"),
    ("21505", "工业和信息产业监管"),
    ("2150501", "行政运行"),
    ("2150502", "一般行政管理事务"),
    ("2150517", "产业发展"),
    ("2150599", "其他工业和信息产业监管支出"),
    ("21508", "支持中小企业发展和管理支出"),
    ("2150805", "中小企业发展专项"),
    ("2150899", "其他支持中小企业发展和管理支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("22301", "解决历史遗留问题及改革成本支出"),
    ("2230199", "其他解决历史遗留问题及改革成本支出"),
];

/// 类 names retired by the 2019 (215: 2020) catalogue, with the code and the name that replaced them, and
/// the first budget year of the new name.
const OBSOLETE_CLASSES: &[(&str, &str, &str, u16)] = &[
    ("医疗卫生与计划生育", "210", "卫生健康支出", 2019),
    ("文化体育与传媒", "207", "文化旅游体育与传媒支出", 2019),
    // Jiangsu's 2019 templates print the new 207, 210 and 220 names but still 资源勘探信息等:
    // the 215 name is taken as in force from 2020 only.
    ("资源勘探信息等", "215", "资源勘探工业信息等支出", 2020),
    ("国土海洋气象等", "220", "自然资源海洋气象等支出", 2019),
];

/// Whether `code` (3, 5 or 7 digits) starts with a 类 that exists.
pub fn function_class_exists(code: &str) -> bool {
    code.get(..3).is_some_and(|c| CLASSES.contains(&c))
}

/// Names a 款 or 项 carried before the catalogue of the year given (the last year they were
/// in force is the one before): a document of those years prints them rightly.
const FORMER_ITEM_NAMES: &[(&str, &str, u16)] = &[
    // 行政事业单位离退休 became 行政事业单位养老支出; accepted up to the 2021 budget year, the
    // earliest we are sure the new name was in force.
    ("20805", "行政事业单位离退休", 2022),
];

/// Whether `printed` is a former name of `code` still right in `year`.
pub fn former_item_name(code: &str, printed: &str, year: u16) -> bool {
    FORMER_ITEM_NAMES.iter().any(|(c, name, until)| {
        *c == code && year < *until && super::name_key(name) == super::name_key(printed)
    })
}

/// The catalogue name of a 款 or 项, where listed.
pub fn function_item_name(code: &str) -> Option<&'static str> {
    ITEMS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// For a printed 类 name no longer in use in `year`: the code and the current name.
pub fn obsolete_class_name(printed: &str, year: u16) -> Option<(&'static str, &'static str)> {
    let key = super::name_key(printed);
    let key = key.strip_suffix("支出").unwrap_or(&key);
    OBSOLETE_CLASSES
        .iter()
        .find(|(old, _, _, since)| *old == key && year >= *since)
        .map(|(_, code, new, _)| (*code, *new))
}

/// A retired 类 name written in running text, with the code and the current name.
pub fn obsolete_class_in_text(
    text: &str,
    year: u16,
) -> Option<(&'static str, &'static str, &'static str)> {
    OBSOLETE_CLASSES
        .iter()
        .find(|(old, _, _, since)| year >= *since && text.contains(old))
        .map(|(old, code, new, _)| (*old, *code, *new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_items_and_obsolete_names() {
        assert!(function_class_exists("2060101"));
        assert!(!function_class_exists("2180101"));
        assert_eq!(function_item_name("21505"), Some("工业和信息产业监管"));
        assert_eq!(function_item_name("2069999"), Some("其他科学技术支出"));
        assert_eq!(function_item_name("2999999"), None);
        assert_eq!(
            obsolete_class_name("（九）医疗卫生与计划生育支出", 2025),
            Some(("210", "卫生健康支出"))
        );
        assert_eq!(
            obsolete_class_name("十五、资源勘探信息等", 2026),
            Some(("215", "资源勘探工业信息等支出"))
        );
        assert_eq!(obsolete_class_name("医疗卫生与计划生育支出", 2018), None);
        assert_eq!(obsolete_class_name("卫生健康支出", 2025), None);
        assert_eq!(
            obsolete_class_in_text("其中医疗卫生与计划生育支出 3.20 万元", 2025),
            Some(("医疗卫生与计划生育", "210", "卫生健康支出"))
        );
        assert_eq!(obsolete_class_in_text("资源勘探工业信息等支出", 2025), None);
    }
}
