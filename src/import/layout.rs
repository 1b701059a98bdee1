//! Positioned words and lines: what every input becomes before tables are found.
//!
//! A PDF page gives glyphs with boxes; a text export gives characters at columns. Both end
//! here as [`Page`]s of [`Line`]s of [`Word`]s with boxes, plus ruling lines where the input
//! has them, so one pipeline finds tables whatever the input.

use super::pdf::{Glyph, RawPage, Rule};

/// A run of characters printed together: one cell's text, or part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    pub size: f32,
}

impl Word {
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// Words on one baseline, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    pub top: f32,
    pub bottom: f32,
    /// 1-based line of a text export; `None` for a PDF.
    pub line_no: Option<u32>,
}

impl Line {
    /// The line's text with the words joined by one space.
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// The text with every space removed (titles and labels are matched this way).
    pub fn compact(&self) -> String {
        compact(&self.text())
    }
    pub fn x0(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    pub fn x1(&self) -> f32 {
        self.words.last().map_or(0.0, |w| w.x1)
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

pub use crate::text::compact;

/// One page, ready for the table finder.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Index of the input file within the disclosure (0 for the first file).
    pub file: usize,
    /// 1-based page number (a text export has one page per form feed, or one in all).
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    /// Horizontal ruling lines, merged, top to bottom.
    pub hrules: Vec<Rule>,
    /// Vertical ruling lines, merged, left to right.
    pub vrules: Vec<Rule>,
    /// Whether positions are character columns of a text export rather than PDF points.
    pub text_grid: bool,
}

impl Page {
    /// Builds lines and words from a PDF page's glyphs.
    pub fn from_pdf(file: usize, raw: RawPage) -> Page {
        let (hrules, vrules) = merge_rules(&raw.rules);
        let lines = lines_from_glyphs(dedupe(raw.glyphs), &vrules);
        Page {
            file,
            number: raw.number,
            width: raw.width,
            height: raw.height,
            lines,
            hrules,
            vrules,
            text_grid: false,
        }
    }

    /// The vertical rules that cross height `y` (between `y0` and `y1` entirely when a band).
    pub fn vrules_across(&self, y0: f32, y1: f32) -> impl Iterator<Item = &Rule> {
        self.vrules
            .iter()
            .filter(move |r| r.top <= y0 + 1.0 && r.bottom >= y1 - 1.0)
    }
}

/// Drops glyphs drawn twice at the same place (fake bold, overprinting).
fn dedupe(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    glyphs.sort_by(|a, b| {
        a.top
            .total_cmp(&b.top)
            .then(a.x0.total_cmp(&b.x0))
            .then(a.text.cmp(&b.text))
    });
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let twin =
            out.iter().rev().take(8).any(|o| {
                o.text == g.text && (o.x0 - g.x0).abs() < 1.0 && (o.top - g.top).abs() < 1.0
            });
        if !twin {
            out.push(g);
        }
    }
    out
}

/// Groups glyphs into lines (by vertical overlap) and lines into words (by gaps and rules).
fn lines_from_glyphs(mut glyphs: Vec<Glyph>, vrules: &[Rule]) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut bounds: Vec<(f32, f32)> = Vec::new();
    for g in glyphs {
        let cy = (g.top + g.bottom) / 2.0;
        // Join the most recent line whose band holds this glyph's centre: glyphs of one
        // printed line differ in top when their font sizes differ.
        let hit = bounds.iter().rposition(|&(t, b)| {
            cy > t && cy < b && (t + b) / 2.0 > g.top && (t + b) / 2.0 < g.bottom
        });
        match hit {
            Some(i) if bounds.len() - i <= 3 => {
                bounds[i].0 = bounds[i].0.min(g.top);
                bounds[i].1 = bounds[i].1.max(g.bottom);
                rows[i].push(g);
            }
            _ => {
                bounds.push((g.top, g.bottom));
                rows.push(vec![g]);
            }
        }
    }
    let mut lines: Vec<Line> = rows
        .into_iter()
        .zip(bounds)
        .filter_map(|(mut glyphs, (top, bottom))| {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let words = words_from_glyphs(&glyphs, vrules);
            (!words.is_empty()).then_some(Line {
                words,
                top,
                bottom,
                line_no: None,
            })
        })
        .collect();
    lines.sort_by(|a, b| a.top.total_cmp(&b.top));
    lines
}

fn words_from_glyphs(glyphs: &[Glyph], vrules: &[Rule]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for g in glyphs {
        if g.text.trim().is_empty() {
            // A space glyph ends the word.
            if let Some(w) = current.take() {
                words.push(w);
            }
            continue;
        }
        if let Some(w) = current.as_mut() {
            let gap = g.x0 - w.x1;
            let size = w.size.max(g.size).max(1.0);
            let cy = (g.top + g.bottom) / 2.0;
            let ruled = vrules.iter().any(|r| {
                let x = (r.x0 + r.x1) / 2.0;
                x > w.x1 - 0.5 && x < g.x0 + 0.5 && r.top <= cy && r.bottom >= cy
            });
            if gap > size * 0.45 || ruled || gap < -size {
                words.push(current.take().expect("current word"));
            }
        }
        match current.as_mut() {
            Some(w) => {
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.top = w.top.min(g.top);
                w.bottom = w.bottom.max(g.bottom);
                w.size = w.size.max(g.size);
            }
            None => {
                current = Some(Word {
                    text: g.text.clone(),
                    x0: g.x0,
                    top: g.top,
                    x1: g.x1,
                    bottom: g.bottom,
                    size: g.size,
                })
            }
        }
    }
    words.extend(current);
    words
}

/// Splits rules into horizontal and vertical, joining pieces of one line.
pub(super) fn merge_rules(rules: &[Rule]) -> (Vec<Rule>, Vec<Rule>) {
    let mut h: Vec<Rule> = rules
        .iter()
        .filter(|r| r.is_horizontal())
        .copied()
        .collect();
    let mut v: Vec<Rule> = rules.iter().filter(|r| r.is_vertical()).copied().collect();
    // Drawn lines of zero thickness count too.
    for r in rules {
        if r.bottom - r.top < 0.01 && r.x1 - r.x0 > 2.5 && !h.contains(r) {
            h.push(*r);
        } else if r.x1 - r.x0 < 0.01 && r.bottom - r.top > 2.5 && !v.contains(r) {
            v.push(*r);
        }
    }
    h.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    let mut hm: Vec<Rule> = Vec::new();
    for r in h {
        match hm.last_mut() {
            Some(l) if (l.top - r.top).abs() < 1.5 && r.x0 <= l.x1 + 2.0 => {
                l.x1 = l.x1.max(r.x1);
                l.bottom = l.bottom.max(r.bottom);
            }
            _ => hm.push(r),
        }
    }
    v.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.top.total_cmp(&b.top)));
    let mut vm: Vec<Rule> = Vec::new();
    for r in v {
        match vm.last_mut() {
            Some(l) if (l.x0 - r.x0).abs() < 1.5 && r.top <= l.bottom + 2.0 => {
                l.bottom = l.bottom.max(r.bottom);
                l.x1 = l.x1.max(r.x1);
            }
            _ => vm.push(r),
        }
    }
    (hm, vm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f32, top: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            top,
            x1: x0 + 10.0,
            bottom: top + 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn glyphs_become_words_split_by_gaps_and_rules() {
        let glyphs = vec![
            g("合", 0.0, 0.0),
            g("计", 10.0, 0.0),
            g("1", 40.0, 1.5), // another size's top, same printed line
            g("2", 50.0, 1.5),
            g("3", 61.0, 1.5), // split by the rule at 60.5
        ];
        let rule = Rule {
            x0: 60.3,
            top: -5.0,
            x1: 60.7,
            bottom: 20.0,
        };
        let lines = lines_from_glyphs(glyphs, &[rule]);
        assert_eq!(lines.len(), 1);
        let texts: Vec<_> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["合计", "12", "3"]);
    }

    #[test]
    fn overprinted_glyphs_are_kept_once() {
        let glyphs = dedupe(vec![
            g("表", 0.0, 0.0),
            g("表", 0.3, 0.2),
            g("表", 10.0, 0.0),
        ]);
        assert_eq!(glyphs.len(), 2);
    }

    #[test]
    fn rule_pieces_are_joined() {
        let pieces = [
            Rule {
                x0: 0.0,
                top: 10.0,
                x1: 50.0,
                bottom: 11.0,
            },
            Rule {
                x0: 50.0,
                top: 10.1,
                x1: 90.0,
                bottom: 11.0,
            },
            Rule {
                x0: 5.0,
                top: 0.0,
                x1: 6.0,
                bottom: 40.0,
            },
            Rule {
                x0: 5.2,
                top: 40.0,
                x1: 6.0,
                bottom: 80.0,
            },
        ];
        let (h, v) = merge_rules(&pieces);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].x1, 90.0);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].bottom, 80.0);
    }
}
