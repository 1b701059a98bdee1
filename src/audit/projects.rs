//! Matching projects of the 项目支出表 with their performance-target entries.

use crate::model::{Document, Project, ProjectTargets};

/// How a project and a target entry were matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    Code,
    Name,
    /// Names differing by at most two characters (one in eight for long names): the same
    /// project, one name misprinted.
    SimilarName,
}

/// Edit distance between two names, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether two different names are close enough to be one project misprinted.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    // Names far apart in length cannot be near; very long ones are not worth the quadratic cost.
    if la.abs_diff(lb) > 8 || la.max(lb) > 200 {
        return false;
    }
    let shorter = la.min(lb);
    let allowed = (shorter / 8).max(2);
    // The edit distance is at least the difference in length: most pairs stop here.
    shorter >= 4 && la.abs_diff(lb) <= allowed && distance(a, b) <= allowed
}

/// Normalises a name for matching: whitespace and brackets of either width removed.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' | '"' => '"',
            c => c,
        })
        .collect()
}

/// The target entry for `project`: same code, else same (normalised) name.
pub fn target_for<'a>(
    doc: &'a Document,
    project: &Project,
) -> Option<(usize, &'a ProjectTargets, MatchedBy)> {
    TargetIndex::new(doc).find(doc, project)
}

/// The normalised names and units of a document's target entries, computed once so matching
/// every project against every entry does not normalise each entry again per project.
pub struct TargetIndex {
    names: Vec<String>,
    units: Vec<Option<String>>,
}

impl TargetIndex {
    pub fn new(doc: &Document) -> Self {
        let targets = &doc.performance.projects;
        TargetIndex {
            names: targets.iter().map(|t| name_key(&t.name)).collect(),
            units: targets
                .iter()
                .map(|t| t.unit_name.as_deref().map(name_key))
                .collect(),
        }
    }

    /// [`target_for`] with the entries' names already normalised.
    pub fn find<'a>(
        &self,
        doc: &'a Document,
        project: &Project,
    ) -> Option<(usize, &'a ProjectTargets, MatchedBy)> {
        let targets = &doc.performance.projects;
        if let Some(code) = &project.code
            && let Some((i, t)) = targets
                .iter()
                .enumerate()
                .find(|(_, t)| t.code.as_ref() == Some(code))
        {
            return Some((i, t, MatchedBy::Code));
        }
        let key = name_key(&project.name);
        let unit = project.unit_name.as_deref().map(name_key);
        // Two projects may share a name (遗属生活补助 of two units): prefer the same unit.
        let same_unit = |i: usize| match (&unit, &self.units[i]) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let by_name = |i: usize| self.names[i] == key;
        let found = (0..targets.len())
            .find(|&i| by_name(i) && same_unit(i))
            .or_else(|| (0..targets.len()).find(|&i| by_name(i)));
        if let Some(i) = found {
            return Some((i, &targets[i], MatchedBy::Name));
        }
        let mut close = (0..targets.len()).filter(|&i| similar(&self.names[i], &key));
        let first = close.next()?;
        // Only an unambiguous near-match counts.
        close
            .next()
            .is_none()
            .then_some((first, &targets[first], MatchedBy::SimilarName))
    }
}

/// Projects listed in a 项目支出表 (not ones read from target tables).
pub fn table_projects(projects: &[Project]) -> impl Iterator<Item = &Project> {
    projects
        .iter()
        .filter(|p| matches!(p.source, crate::model::project::ProjectSource::Table { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_similar_different_ones_are_not() {
        assert_eq!(
            distance("科技交流合作与招商引资", "科技交流合作与招商引智"),
            1
        );
        assert!(similar("科技交流合作与招商引资", "科技交流合作与招商引智"));
        assert!(!similar("科普活动", "党建活动经费"));
        assert!(!similar("车保险", "车辆险"));
    }
}
