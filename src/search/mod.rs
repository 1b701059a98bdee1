//! Fuzzy search with pinyin over projects, units, subject codes and indicators.
//!
//! A query matches an entry when its characters can be consumed, in order, by characters of
//! the entry: a character typed as printed (`科`, `2`, `a`), or any prefix of one of the
//! readings of a Chinese character, so full pinyin (`kejijiangli`), initials (`kjjl`) and
//! mixtures (`kejjl`) all find 科技奖励. Characters with several readings (多音字) match by any
//! of them: `tz` finds 调整 (tiáo), `yh` 银行 (háng), `cq` 重庆 (chóng). `ü` is typed `v` or `u`.
//! Whitespace in the query is ignored.
//!
//! Scoring counts every query character matched (so a syllable typed in full earns as much as
//! its letters would spread over several characters), adds bonuses for consecutive matches,
//! matches at the start of the text or of a word and whole syllables, and charges for every
//! break in the match and every character skipped: a contiguous match, a match at a word start
//! and a shorter name rank above a scattered subsequence. Ties go to the shorter text. Typing one
//! more character only re-examines the previous matches ([`Searcher`]), so each keystroke stays
//! well within a frame on 100,000 entries (see `benches/search.rs`).

mod corpus;

pub use corpus::{corpus_entries, corpus_index};

use std::sync::Arc;

use pinyin::ToPinyinMulti;

/// What an entry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Project,
    Unit,
    Subject,
    Indicator,
    Department,
    /// A node's amount, found by typing the figure (`379.69`, `1758.18`).
    Amount,
}

impl EntryKind {
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Project => "project",
            EntryKind::Unit => "unit",
            EntryKind::Subject => "subject",
            EntryKind::Indicator => "indicator",
            EntryKind::Department => "department",
            EntryKind::Amount => "amount",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            EntryKind::Project => "项目",
            EntryKind::Unit => "单位",
            EntryKind::Subject => "科目",
            EntryKind::Indicator => "指标",
            EntryKind::Department => "部门",
            EntryKind::Amount => "金额",
        }
    }
}

/// One searchable thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The text searched and shown (`2060101 行政运行`, `科技奖励`).
    pub text: String,
    pub kind: EntryKind,
    /// Index of the document in the corpus.
    pub doc: usize,
    /// Tree address to jump to; shared by the entries of one node.
    pub node: Arc<str>,
    /// Where it is, shown beside it (`项目 › 三门峡市科学技术局`); shared by the entries of
    /// one node (a project and its indicators).
    pub context: Arc<str>,
}

/// One reading of a character: up to 6 ASCII letters (`zhuang`).
#[derive(Clone, Copy, Debug)]
struct Syllable {
    bytes: [u8; 6],
    len: u8,
}

impl Syllable {
    fn new(s: &str) -> Option<Syllable> {
        if s.is_empty() || s.len() > 6 || !s.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 6];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Syllable {
            bytes,
            len: s.len() as u8,
        })
    }
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// One character of an entry, lowercased, with its readings.
#[derive(Clone, Copy, Debug)]
struct Unit {
    ch: char,
    /// Index of its first reading in `Index::syllables`.
    syl_start: u32,
    syl_len: u8,
    /// Starts a word: first character, or after a space, punctuation or a digit/letter change.
    boundary: bool,
    /// Query characters that can start a match on this character: the character itself and
    /// the first letter of each reading (see [`char_bit`]).
    initials: u64,
}

/// A searchable index.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Per entry: range into `units`.
    spans: Vec<(u32, u32)>,
    /// Per entry: which query characters could possibly match (see [`char_bit`]).
    masks: Vec<u64>,
    /// Per entry: the union of its characters' `initials`; a query's first character must be in it.
    starts: Vec<u64>,
    /// Per entry: its text's number among distinct texts. A corpus prints 行政运行 and
    /// 基本工资 once per document: a text is read into `units` once and scored once per query.
    uniq: Vec<u32>,
    /// Distinct texts so far, by hash: the first entry with that text.
    seen: std::collections::HashMap<u64, u32>,
    distinct: u32,
    /// Per distinct text: its first and last entry and how many entries print it. A query is
    /// matched once per distinct text, not once per entry.
    heads: Vec<u32>,
    tails: Vec<u32>,
    counts: Vec<u32>,
    /// Per entry: the next entry with the same text ([`NO_ENTRY`] for the last).
    next: Vec<u32>,
    units: Vec<Unit>,
    syllables: Vec<Syllable>,
}

/// The end of a chain of entries with one text.
const NO_ENTRY: u32 = u32::MAX;

/// A match: entry index and score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: i32,
}

/// The bit a query character needs in an entry's mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c => 1 << (36 + (c as u32 % 28)),
    }
}

/// Lowercases a character the way queries and entries are compared.
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        match c {
            // Full-width ASCII as typed by Chinese input methods.
            '\u{ff01}'..='\u{ff5e}' => {
                char::from_u32(c as u32 - 0xfee0).map_or(c, |a| a.to_ascii_lowercase())
            }
            _ => c.to_lowercase().next().unwrap_or(c),
        }
    }
}

/// A key that orders Chinese names as a person expects: by the pinyin of each character
/// (its first reading), then by the characters themselves.
pub fn sort_key(text: &str) -> (String, String) {
    let mut key = String::new();
    for c in text.chars() {
        match c.to_pinyin_multi().and_then(|m| m.into_iter().next()) {
            Some(p) => key.push_str(p.plain()),
            None => key.push(fold(c)),
        }
        key.push(' ');
    }
    (key, text.to_string())
}

/// Normalises a query: folded, whitespace removed.
pub fn normalize_query(query: &str) -> Vec<char> {
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect()
}

const NEG: i32 = i32::MIN / 4;
const BASE: i32 = 16;
const CONSECUTIVE: i32 = 8;
const BOUNDARY: i32 = 8;
const WHOLE: i32 = 3;
/// Cost of leaving a run of matched characters: scattered letters pay it at every break, so a
/// contiguous match (`jiangli` in 奖励) ranks above letters strewn over a long name.
const GAP_OPEN: i32 = 6;
/// Bonus for an entry whose first word is the whole query: above any fuzzy score.
const EXACT: i32 = 1 << 24;
const GAP: i32 = 1;

/// Score of `k` query letters consumed by one character: each letter counts, and the letters
/// after the first are consecutive.
#[inline]
fn letters(k: usize) -> i32 {
    let k = k as i32;
    BASE * k + CONSECUTIVE * (k - 1)
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    pub fn with_entries(entries: impl IntoIterator<Item = Entry>) -> Index {
        let mut index = Index::new();
        for e in entries {
            index.push(e);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Adds an entry, computing the readings of its characters (once per distinct text).
    pub fn push(&mut self, entry: Entry) {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(&entry.text);
        if let Some(&first) = self.seen.get(&hash)
            && self.entries[first as usize].text == entry.text
        {
            let first = first as usize;
            let d = self.uniq[first] as usize;
            let e = self.entries.len() as u32;
            self.next[self.tails[d] as usize] = e;
            self.tails[d] = e;
            self.counts[d] += 1;
            self.next.push(NO_ENTRY);
            self.spans.push(self.spans[first]);
            self.masks.push(self.masks[first]);
            self.starts.push(self.starts[first]);
            self.uniq.push(self.uniq[first]);
            self.entries.push(entry);
            return;
        }
        let e = self.entries.len() as u32;
        self.seen.entry(hash).or_insert(e);
        self.uniq.push(self.distinct);
        self.distinct += 1;
        self.heads.push(e);
        self.tails.push(e);
        self.counts.push(1);
        self.next.push(NO_ENTRY);
        let start = self.units.len() as u32;
        let mut mask = 0u64;
        let mut starts = 0u64;
        let mut prev: Option<char> = None;
        for raw in entry.text.chars() {
            let ch = fold(raw);
            let syl_start = self.syllables.len() as u32;
            if !ch.is_ascii()
                && let Some(multi) = ch.to_pinyin_multi()
            {
                for p in multi {
                    let plain = p.plain();
                    let mut push = |s: &str| {
                        if let Some(syl) = Syllable::new(s)
                            && !self.syllables[syl_start as usize..]
                                .iter()
                                .any(|o| o.as_bytes() == syl.as_bytes())
                        {
                            for b in syl.as_bytes() {
                                mask |= char_bit(*b as char);
                            }
                            self.syllables.push(syl);
                        }
                    };
                    if plain.contains('ü') {
                        push(&plain.replace('ü', "v"));
                        push(&plain.replace('ü', "u"));
                    } else {
                        push(plain);
                    }
                }
            }
            let syl_len = (self.syllables.len() as u32 - syl_start).min(255) as u8;
            mask |= char_bit(ch);
            let initials = self.syllables[syl_start as usize..]
                .iter()
                .fold(char_bit(ch), |m, s| m | char_bit(s.bytes[0] as char));
            starts |= initials;
            let boundary = match prev {
                None => true,
                Some(p) => {
                    !(p.is_alphanumeric())
                        || (p.is_ascii_digit() != ch.is_ascii_digit())
                        || (p.is_ascii() != ch.is_ascii())
                }
            };
            self.units.push(Unit {
                ch,
                syl_start,
                syl_len,
                boundary,
                initials,
            });
            prev = Some(ch);
        }
        self.spans.push((start, self.units.len() as u32));
        self.masks.push(mask);
        self.starts.push(starts);
        self.entries.push(entry);
    }

    fn units_of(&self, entry: usize) -> &[Unit] {
        let (a, b) = self.spans[entry];
        &self.units[a as usize..b as usize]
    }

    /// How many query characters starting at `q[j..]` the reading(s) of `u` can consume:
    /// calls `f(k, whole)` for every possible `k ≥ 1`.
    #[inline]
    fn consumptions(&self, u: &Unit, q: &[char], mut f: impl FnMut(usize, bool)) {
        let Some(&first) = q.first() else { return };
        if first == u.ch {
            f(1, true);
        }
        if u.syl_len == 0 || !first.is_ascii_lowercase() {
            return;
        }
        let syls = &self.syllables[u.syl_start as usize..u.syl_start as usize + u.syl_len as usize];
        let mut seen = 0u8; // longest k any reading allows
        // Reports each k at most once across readings; whole-ness is the best over readings.
        let mut best: [u8; 7] = [0; 7]; // 0 = none, 1 = prefix, 2 = whole
        for syl in syls {
            let bytes = syl.as_bytes();
            let mut l = 0;
            while l < bytes.len() && l < q.len() && q[l] as u32 == bytes[l] as u32 {
                l += 1;
            }
            for slot in &mut best[1..=l] {
                *slot = (*slot).max(1);
            }
            if l > 0 && l == bytes.len() {
                best[l] = 2;
            }
            seen = seen.max(l as u8);
        }
        for (k, &v) in best.iter().enumerate().take(seen as usize + 1).skip(1) {
            if v > 0 {
                f(k, v == 2);
            }
        }
    }

    /// The score of `entry` for the normalised query `q`, or `None` when it does not match.
    pub fn score(&self, entry: usize, q: &[char]) -> Option<i32> {
        let units = self.units_of(entry);
        let m = q.len();
        if m == 0 {
            return Some(0);
        }
        if units.is_empty() {
            return None;
        }
        // Two rows of (matched-last, skipped-last) best scores by query position.
        const STACK: usize = 32;
        if m >= STACK {
            return self.align(units, q).map(|(s, _)| s);
        }
        let mut buf = [NEG; STACK * 4];
        let (a, rest) = buf.split_at_mut(STACK);
        let (b, rest) = rest.split_at_mut(STACK);
        let (c, d) = rest.split_at_mut(STACK);
        // Swapping slice references, not arrays: no copying per character.
        let (mut cur_m, mut cur_s, mut nxt_m, mut nxt_s) =
            (&mut a[..=m], &mut b[..=m], &mut c[..=m], &mut d[..=m]);
        let mut qbits = [0u64; STACK];
        for (bit, &ch) in qbits.iter_mut().zip(q) {
            *bit = char_bit(ch);
        }
        cur_s[0] = 0;
        // Highest query position reached so far: positions above it are unreachable.
        let mut reached = 0usize;
        for u in units {
            for j in 0..=m {
                let open = if j > 0 && j < m { GAP_OPEN } else { 0 };
                let stay = (cur_m[j] - open).max(cur_s[j]);
                nxt_s[j] = if stay <= NEG / 2 {
                    NEG
                } else if j > 0 {
                    stay - GAP
                } else {
                    stay
                };
                nxt_m[j] = NEG;
            }
            let mut top = reached;
            for j in 0..=reached.min(m - 1) {
                if u.initials & qbits[j] == 0 {
                    continue;
                }
                let (from_m, from_s) = (cur_m[j], cur_s[j]);
                if from_m <= NEG / 2 && from_s <= NEG / 2 {
                    continue;
                }
                let best = (from_m + CONSECUTIVE).max(from_s);
                let boundary = if u.boundary { BOUNDARY } else { 0 };
                self.consumptions(u, &q[j..], |k, whole| {
                    let v = best + letters(k) + boundary + if whole { WHOLE } else { 0 };
                    if v > nxt_m[j + k] {
                        nxt_m[j + k] = v;
                        top = top.max(j + k);
                    }
                });
            }
            reached = top;
            std::mem::swap(&mut cur_m, &mut nxt_m);
            std::mem::swap(&mut cur_s, &mut nxt_s);
        }
        let best = cur_m[m].max(cur_s[m]);
        (best > NEG / 2).then_some(best)
    }

    /// Full alignment with back-pointers: the best score and the matched character indices.
    fn align(&self, units: &[Unit], q: &[char]) -> Option<(i32, Vec<usize>)> {
        let m = q.len();
        let n = units.len();
        if m == 0 {
            return Some((0, Vec::new()));
        }
        // State (i, j, matched): best score after i units, j query chars consumed.
        let idx = |i: usize, j: usize, s: usize| (i * (m + 1) + j) * 2 + s;
        let mut score = vec![NEG; (n + 1) * (m + 1) * 2];
        // Back-pointer: previous (j, state) for each cell.
        let mut back: Vec<(u32, u8)> = vec![(0, 0); (n + 1) * (m + 1) * 2];
        score[idx(0, 0, 0)] = 0;
        for (i, u) in units.iter().enumerate() {
            for j in 0..=m {
                for s in 0..2 {
                    let v = score[idx(i, j, s)];
                    if v <= NEG / 2 {
                        continue;
                    }
                    let open = if s == 1 && j > 0 && j < m {
                        GAP_OPEN
                    } else {
                        0
                    };
                    let skip = if j > 0 { v - open - GAP } else { v };
                    if skip > score[idx(i + 1, j, 0)] {
                        score[idx(i + 1, j, 0)] = skip;
                        back[idx(i + 1, j, 0)] = (j as u32, s as u8);
                    }
                    if j == m {
                        continue;
                    }
                    self.consumptions(u, &q[j..], |k, whole| {
                        let mut bonus = letters(k) + if whole { WHOLE } else { 0 };
                        if u.boundary {
                            bonus += BOUNDARY;
                        }
                        if s == 1 {
                            bonus += CONSECUTIVE;
                        }
                        let nv = v + bonus;
                        if nv > score[idx(i + 1, j + k, 1)] {
                            score[idx(i + 1, j + k, 1)] = nv;
                            back[idx(i + 1, j + k, 1)] = (j as u32, s as u8);
                        }
                    });
                }
            }
        }
        let (mut s, best) = if score[idx(n, m, 1)] >= score[idx(n, m, 0)] {
            (1usize, score[idx(n, m, 1)])
        } else {
            (0usize, score[idx(n, m, 0)])
        };
        if best <= NEG / 2 {
            return None;
        }
        let mut positions = Vec::new();
        let mut j = m;
        for i in (1..=n).rev() {
            let (pj, ps) = back[idx(i, j, s)];
            if s == 1 {
                positions.push(i - 1);
            }
            j = pj as usize;
            s = ps as usize;
        }
        positions.reverse();
        Some((best, positions))
    }

    /// Character indices of `entry`'s text that `query` matches, for highlighting.
    pub fn positions(&self, entry: usize, query: &str) -> Vec<usize> {
        let q = normalize_query(query);
        self.align(self.units_of(entry), &q)
            .map(|(_, p)| p)
            .unwrap_or_default()
    }

    fn query_mask(q: &[char]) -> u64 {
        q.iter().fold(0, |m, &c| m | char_bit(c))
    }

    /// The distinct texts that match `q` among `candidates` (all when `None`), each with its
    /// score, unsorted.
    fn matches(&self, q: &[char], candidates: Option<&[u32]>) -> Vec<(u32, i32)> {
        let qmask = Self::query_mask(q);
        let first = q.first().map_or(0, |&c| char_bit(c));
        let test = |d: u32, hits: &mut Vec<(u32, i32)>| {
            let e = self.heads[d as usize] as usize;
            if self.masks[e] & qmask != qmask || self.starts[e] & first == 0 {
                return;
            }
            match self.score(e, q) {
                Some(score) if self.is_exact(e, q) => hits.push((d, score.saturating_add(EXACT))),
                Some(score) => hits.push((d, score)),
                None => {}
            }
        };
        let all: Vec<u32>;
        let list: &[u32] = match candidates {
            Some(c) => c,
            None => {
                all = (0..self.distinct).collect();
                &all
            }
        };
        // Large scans are split over the cores; results keep index order.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if list.len() < 20_000 || threads < 2 {
            let mut hits = Vec::new();
            list.iter().for_each(|&d| test(d, &mut hits));
            return hits;
        }
        let chunk = list.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = list
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut hits = Vec::new();
                        part.iter().for_each(|&d| test(d, &mut hits));
                        hits
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// How many entries the matched distinct texts are printed in.
    fn total(&self, matched: &[(u32, i32)]) -> usize {
        matched
            .iter()
            .map(|&(d, _)| self.counts[d as usize] as usize)
            .sum()
    }

    /// The best `limit` entries of the matched texts, best first: score, then shorter text,
    /// then index order. Only the best `limit` texts (by score, length and first entry) can
    /// hold them, and of each text only its first `limit` entries.
    fn top(&self, matched: &mut [(u32, i32)], limit: usize) -> Vec<Hit> {
        let len = |d: u32| {
            let (a, b) = self.spans[self.heads[d as usize] as usize];
            b - a
        };
        let text_key =
            |&(d, score): &(u32, i32)| (std::cmp::Reverse(score), len(d), self.heads[d as usize]);
        let texts = if limit > 0 && matched.len() > limit {
            matched.select_nth_unstable_by_key(limit - 1, text_key);
            &matched[..limit]
        } else {
            &matched[..]
        };
        let mut hits = Vec::new();
        for &(d, score) in texts.iter() {
            let mut e = self.heads[d as usize];
            let mut taken = 0;
            while e != NO_ENTRY && (limit == 0 || taken < limit) {
                hits.push(Hit {
                    entry: e as usize,
                    score,
                });
                taken += 1;
                e = self.next[e as usize];
            }
        }
        self.rank(&mut hits, limit);
        hits
    }

    /// Whether the entry's first word is exactly the query (a code typed in full: `301`): such
    /// hits go ahead of all others, so `301` lists 301 工资福利支出 before 30101 基本工资.
    fn is_exact(&self, entry: usize, q: &[char]) -> bool {
        let text = &self.entries[entry].text;
        let first = text.split_whitespace().next().unwrap_or_default();
        // A figure typed without its thousands separators is the same figure.
        let digits = |c: &char| *c != ',';
        !first.is_empty()
            && first
                .chars()
                .filter(digits)
                .map(fold)
                .eq(q.iter().copied().filter(digits))
    }

    /// Ranks hits: best score first, then shorter text, then index order. Keeps `limit`.
    fn rank(&self, hits: &mut Vec<Hit>, limit: usize) {
        let key = |h: &Hit| {
            let (a, b) = self.spans[h.entry];
            (std::cmp::Reverse(h.score), b - a, h.entry)
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by_key(limit - 1, key);
            hits.truncate(limit);
        }
        hits.sort_unstable_by_key(key);
    }

    /// Searches the whole index; returns the total number of matches and the best `limit`.
    pub fn search(&self, query: &str, limit: usize) -> (usize, Vec<Hit>) {
        let q = normalize_query(query);
        let mut matched = self.matches(&q, None);
        let total = self.total(&matched);
        (total, self.top(&mut matched, limit))
    }
}

/// Incremental search over an index: typing one more character only re-examines the entries
/// that matched before.
#[derive(Debug, Default, Clone)]
pub struct Searcher {
    last: Vec<char>,
    /// Distinct texts matching `last`, when `last` is not empty.
    candidates: Option<Vec<u32>>,
    /// Total matches of the last query.
    pub total: usize,
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// Runs `query`; returns the best `limit` hits, best first. `self.total` counts all matches.
    pub fn search(&mut self, index: &Index, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize_query(query);
        if q.is_empty() {
            self.last.clear();
            self.candidates = None;
            self.total = 0;
            return Vec::new();
        }
        let narrowing = !self.last.is_empty() && q.starts_with(&self.last);
        let mut matched = if narrowing {
            index.matches(&q, self.candidates.as_deref())
        } else {
            index.matches(&q, None)
        };
        self.candidates = Some(matched.iter().map(|&(d, _)| d).collect());
        self.total = index.total(&matched);
        self.last = q;
        index.top(&mut matched, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> Index {
        Index::with_entries(texts.iter().map(|t| Entry {
            text: t.to_string(),
            kind: EntryKind::Project,
            doc: 0,
            node: (*t).into(),
            context: "".into(),
        }))
    }

    fn found(ix: &Index, q: &str) -> Vec<String> {
        ix.search(q, 100)
            .1
            .iter()
            .map(|h| ix.entry(h.entry).text.clone())
            .collect()
    }

    #[test]
    fn initials_full_pinyin_and_chinese() {
        let ix = index(&["科技奖励", "行政运行", "科普活动"]);
        assert_eq!(found(&ix, "kjjl"), ["科技奖励"]);
        assert_eq!(found(&ix, "kejijiangli"), ["科技奖励"]);
        assert_eq!(found(&ix, "kejjl"), ["科技奖励"]);
        assert_eq!(found(&ix, "科技"), ["科技奖励"]);
        assert_eq!(found(&ix, "KJ"), ["科技奖励"]);
        assert_eq!(found(&ix, "k j j l"), ["科技奖励"]);
        assert!(found(&ix, "xzyx").contains(&"行政运行".to_string()));
    }

    #[test]
    fn heteronyms() {
        let ix = index(&["调整", "银行", "重庆", "绿化", "其他"]);
        assert_eq!(found(&ix, "tz"), ["调整"]);
        assert_eq!(found(&ix, "dz"), ["调整"]);
        assert_eq!(found(&ix, "tiaozheng"), ["调整"]);
        assert_eq!(found(&ix, "yh"), ["银行"]);
        assert_eq!(found(&ix, "yinhang"), ["银行"]);
        assert_eq!(found(&ix, "cq"), ["重庆"]);
        assert_eq!(found(&ix, "chongqing"), ["重庆"]);
        assert_eq!(found(&ix, "lvhua"), ["绿化"]);
        assert_eq!(found(&ix, "luhua"), ["绿化"]);
    }

    #[test]
    fn intermediate_syllable_prefixes() {
        // 先 must give up its last letter for 内 to match: xia + nei.
        let ix = index(&["先内"]);
        assert_eq!(found(&ix, "xianei"), ["先内"]);
        assert_eq!(found(&ix, "xiann"), ["先内"]);
    }

    #[test]
    fn codes_and_mixed_text() {
        let ix = index(&["2060101 行政运行", "2060702 科普活动", "30101 基本工资"]);
        assert_eq!(found(&ix, "206"), ["2060101 行政运行", "2060702 科普活动"]);
        assert_eq!(found(&ix, "2060702"), ["2060702 科普活动"]);
        assert_eq!(found(&ix, "301jb"), ["30101 基本工资"]);
    }

    #[test]
    fn an_exact_code_comes_first() {
        let idx = index(&["30103 奖金", "30101 基本工资", "301 工资福利支出"]);
        let (_, hits) = idx.search("301", 10);
        assert_eq!(idx.entries[hits[0].entry].text, "301 工资福利支出");
    }

    #[test]
    fn ranking_prefers_consecutive_and_start() {
        let ix = index(&["其他科学技术支出", "科技奖励", "科学技术普及"]);
        let r = found(&ix, "kj");
        assert_eq!(r[0], "科技奖励");
        let ix = index(&["基本支出科技", "科技"]);
        assert_eq!(found(&ix, "kj")[0], "科技");
    }

    #[test]
    fn positions_for_highlighting() {
        let ix = index(&["其他科技奖励"]);
        assert_eq!(ix.positions(0, "kjjl"), vec![2, 3, 4, 5]);
        assert_eq!(ix.positions(0, "科技"), vec![2, 3]);
        assert!(ix.positions(0, "zzz").is_empty());
    }

    #[test]
    fn score_and_alignment_agree() {
        let ix = index(&[
            "其他科学技术支出",
            "科技奖励",
            "行政运行",
            "2060101 行政运行",
        ]);
        for q in ["kj", "kx", "xz", "206", "hang", "zc", "xzyx"] {
            let qn = normalize_query(q);
            for e in 0..ix.len() {
                let fast = ix.score(e, &qn);
                let slow = ix.align(ix.units_of(e), &qn).map(|(s, _)| s);
                assert_eq!(fast, slow, "{q} on {}", ix.entry(e).text);
            }
        }
    }

    #[test]
    fn texts_printed_many_times_rank_entry_by_entry() {
        // The same texts in many documents: matched once per text, ranked per entry.
        let texts: Vec<&str> = [
            "科技奖励",
            "行政运行",
            "科学技术支出",
            "科技",
            "其他科技支出",
        ]
        .iter()
        .cycle()
        .take(47)
        .copied()
        .collect();
        let ix = index(&texts);
        for (q, limit) in [
            ("k", 7),
            ("kj", 3),
            ("kj", 0),
            ("xz", 5),
            ("zz", 4),
            ("k", 100),
        ] {
            let (total, hits) = ix.search(q, limit);
            // Every entry scored on its own, ranked by score, shorter text, index order.
            let qn = normalize_query(q);
            let mut all: Vec<Hit> = (0..ix.len())
                .filter_map(|e| {
                    let score = ix.score(e, &qn)?;
                    Some(Hit {
                        entry: e,
                        score: if ix.is_exact(e, &qn) {
                            score.saturating_add(EXACT)
                        } else {
                            score
                        },
                    })
                })
                .collect();
            assert_eq!(total, all.len(), "{q}");
            ix.rank(&mut all, limit);
            assert_eq!(hits, all, "{q} {limit}");
        }
    }

    #[test]
    fn incremental_search_equals_full_search() {
        let ix = index(&["科技奖励", "科普活动", "行政运行", "科学技术支出", "调整"]);
        let mut s = Searcher::new();
        for q in ["k", "kj", "kjj", "kjjl", "kj", "x", "xz", ""] {
            let inc = s.search(&ix, q, 10);
            let (total, full) = ix.search(q, 10);
            if q.is_empty() {
                assert!(inc.is_empty());
                continue;
            }
            assert_eq!(inc, full, "{q}");
            assert_eq!(s.total, total);
        }
    }

    #[test]
    fn long_queries_and_odd_text_do_not_panic() {
        let ix = index(&["", "\u{1b}[31m", "𠀀𠀁", &"科".repeat(300)]);
        let q = "k".repeat(100);
        let _ = ix.search(&q, 10);
        let _ = ix.search("\u{1b}", 10);
        assert_eq!(found(&ix, &"k".repeat(300)), ["科".repeat(300)]);
    }
}
