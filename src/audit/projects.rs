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
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether two different names are close enough to be one project misprinted.
fn similar(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    // Names far apart in length cannot be near; very long ones are not worth the quadratic cost.
    if la.abs_diff(lb) > 8 || la.max(lb) > 200 {
        return false;
    }
    let shorter = la.min(lb);
    shorter >= 4 && distance(a, b) <= (shorter / 8).max(2)
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
    // Two projects may share a name (遗属生活补助 of two units): prefer the same unit.
    let same_unit = |t: &ProjectTargets| match (&project.unit_name, &t.unit_name) {
        (Some(a), Some(b)) => name_key(a) == name_key(b),
        _ => true,
    };
    let by_name = |t: &&ProjectTargets| name_key(&t.name) == key;
    targets
        .iter()
        .enumerate()
        .find(|(_, t)| by_name(t) && same_unit(t))
        .or_else(|| targets.iter().enumerate().find(|(_, t)| by_name(t)))
        .map(|(i, t)| (i, t, MatchedBy::Name))
        .or_else(|| {
            let mut close = targets
                .iter()
                .enumerate()
                .filter(|(_, t)| similar(&name_key(&t.name), &key));
            let first = close.next()?;
            // Only an unambiguous near-match counts.
            close
                .next()
                .is_none()
                .then_some((first.0, first.1, MatchedBy::SimilarName))
        })
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
