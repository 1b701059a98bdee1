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

/// A list of indicators and whose they are: the department's 整体 targets or one project's.
pub struct IndicatorSet<'d> {
    /// The section findings name: the department table's title, or `绩效目标: NAME`.
    pub section: String,
    /// The project, for a project's targets.
    pub project: Option<&'d str>,
    pub indicators: &'d [Indicator],
}

impl IndicatorSet<'_> {
    /// A finding of `meta` on these indicators: their section, and their project if any.
    pub fn finding(
        &self,
        cx: &crate::audit::Context,
        meta: &'static crate::audit::RuleMeta,
    ) -> crate::audit::FindingBuilder {
        let b = cx.finding(meta).section(self.section.clone());
        match self.project {
            Some(p) => b.project(p.to_string()),
            None => b,
        }
    }

    /// Whose indicators, for messages: (`project "X"`, `项目“X”`) or the department table.
    pub fn owner(&self) -> (String, String) {
        match self.project {
            Some(p) => (format!("project {p:?}"), format!("项目“{p}”")),
            None => (
                format!("{:?}", self.section),
                format!("《{}》", self.section),
            ),
        }
    }
}

/// Every list of indicators of the document: the department's, then each project's.
pub fn indicator_sets(doc: &crate::model::Document) -> impl Iterator<Item = IndicatorSet<'_>> {
    let department = doc.performance.department.iter().map(|d| IndicatorSet {
        section: d.title.clone(),
        project: None,
        indicators: &d.indicators,
    });
    let projects = doc.performance.projects.iter().map(|t| IndicatorSet {
        section: format!("绩效目标: {}", t.name),
        project: Some(t.name.as_str()),
        indicators: &t.indicators,
    });
    department.chain(projects)
}
