//! Reading indicators: which category (成本/产出/效益/满意度) an indicator belongs to.

use crate::model::Indicator;

/// The four indicator categories of a project's targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Cost,
    Output,
    Benefit,
    Satisfaction,
    Other,
}

impl Category {
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Cost => "成本指标",
            Category::Output => "产出指标",
            Category::Benefit => "效益指标",
            Category::Satisfaction => "满意度指标",
            Category::Other => "其他",
        }
    }
}

/// The category of an indicator, from its 二级 then 一级 heading.
pub fn category(indicator: &Indicator) -> Category {
    for level in [&indicator.level2, &indicator.level1] {
        let l = level.as_str();
        if l.contains("成本") {
            return Category::Cost;
        }
        if l.contains("满意") {
            return Category::Satisfaction;
        }
        if l.contains("效益") || l.contains("生态") || l.contains("可持续") {
            return Category::Benefit;
        }
        if l.contains("产出") || l.contains("数量") || l.contains("质量") || l.contains("时效")
        {
            return Category::Output;
        }
    }
    Category::Other
}

/// Whether an indicator row states something: a name and a value.
pub fn is_stated(indicator: &Indicator) -> bool {
    !indicator.name.trim().is_empty() && !indicator.value.text.trim().is_empty()
}
