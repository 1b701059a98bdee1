//! Claims read from the narrative: amounts (… 1758.18 万元), shares (占 83.33%) and year-on-year
//! changes (比上年减少 11.93 万元，下降 6.73%).
//!
//! The documents phrase these in a few stable ways. A sentence is cut into tokens: amounts in
//! 万元 and percentages. The text just before a token says what it is: a change (增加, 减少,
//! 增长, 下降 …), a share (占), or a plain amount whose subject (收入总计, 基本支出, 科学技术支出 …)
//! is the keyword nearest before it in the same clause. Shares are of the amount that opens the
//! enumeration they belong to (the last amount before the run of `…万元，占 x%` items); changes
//! are of the amount they follow (before any 其中 in the same clause group).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use rust_decimal::Decimal;

use crate::model::Section;

/// What a plain amount in the narrative is said to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    IncomeTotal,
    IncomeCurrent,
    Carryover,
    ExpenditureTotal,
    ExpenditureCurrent,
    IncomeGpb,
    IncomeGovFund,
    IncomeStateCapital,
    IncomeSpecial,
    IncomeUnitFunds,
    FiscalGpb,
    FiscalGovFund,
    FiscalStateCapital,
    Basic,
    Project,
    Personnel,
    Public,
    GeneralBudget,
    GeneralBudgetBasic,
    ThreePublic,
    Abroad,
    Vehicles,
    VehiclePurchase,
    VehicleOperation,
    Reception,
    OfficeRunning,
    /// A function class (类) by code.
    Class(&'static str),
}

/// Keywords naming subjects, matched on text with spaces and brackets removed.
const KEYWORDS: &[(&str, Subject)] = &[
    ("收入总计", Subject::IncomeTotal),
    ("收入合计", Subject::IncomeTotal),
    ("预算收入", Subject::IncomeTotal),
    ("收入预算", Subject::IncomeTotal),
    ("本年收入", Subject::IncomeCurrent),
    ("上年结转结余", Subject::Carryover),
    ("上年结转", Subject::Carryover),
    ("支出总计", Subject::ExpenditureTotal),
    ("支出合计", Subject::ExpenditureTotal),
    ("支出预算", Subject::ExpenditureTotal),
    ("本年预算安排", Subject::ExpenditureCurrent),
    ("一般公共预算拨款收入", Subject::IncomeGpb),
    ("一般公共预算收入", Subject::IncomeGpb),
    ("政府性基金预算拨款收入", Subject::IncomeGovFund),
    ("政府性基金预算收入", Subject::IncomeGovFund),
    ("基金预算收入", Subject::IncomeGovFund),
    ("国有资本经营预算拨款收入", Subject::IncomeStateCapital),
    ("国有资本经营预算收入", Subject::IncomeStateCapital),
    ("财政专户管理资金收入", Subject::IncomeSpecial),
    ("财政专户核拨收入", Subject::IncomeSpecial),
    ("单位资金收入", Subject::IncomeUnitFunds),
    ("单位资金", Subject::IncomeUnitFunds),
    ("一般公共预算收支预算", Subject::FiscalGpb),
    ("政府性基金预算收支预算", Subject::FiscalGovFund),
    ("政府性基金预算支出", Subject::FiscalGovFund),
    ("国有资本经营预算收支预算", Subject::FiscalStateCapital),
    ("国有资本经营预算支出", Subject::FiscalStateCapital),
    ("基本支出", Subject::Basic),
    ("项目支出", Subject::Project),
    ("人员经费", Subject::Personnel),
    ("公用经费", Subject::Public),
    ("一般公共预算支出", Subject::GeneralBudget),
    ("一般公共预算拨款支出", Subject::GeneralBudget),
    // The wording of final accounts (决算).
    ("一般公共预算财政拨款支出", Subject::GeneralBudget),
    ("一般公共预算财政拨款基本支出", Subject::GeneralBudgetBasic),
    ("政府性基金拨款支出", Subject::FiscalGovFund),
    ("政府性基金支出", Subject::FiscalGovFund),
    ("政府性基金预算拨款支出", Subject::FiscalGovFund),
    ("国有资本经营预算拨款支出", Subject::FiscalStateCapital),
    ("一般公共预算当年支出", Subject::GeneralBudget),
    ("一般公共预算基本支出", Subject::GeneralBudgetBasic),
    ("三公经费", Subject::ThreePublic),
    ("“三公”经费", Subject::ThreePublic),
    ("因公出国境费", Subject::Abroad),
    ("公务用车购置及运行费", Subject::Vehicles),
    ("公务用车购置及运维费", Subject::Vehicles),
    ("公务用车购置费", Subject::VehiclePurchase),
    ("公务用车运行维护费", Subject::VehicleOperation),
    ("公务用车运维费", Subject::VehicleOperation),
    ("公务用车运行费", Subject::VehicleOperation),
    ("公务接待费", Subject::Reception),
    ("机关运行经费", Subject::OfficeRunning),
    ("机构运转经费", Subject::OfficeRunning),
    ("机构运行经费", Subject::OfficeRunning),
    ("机关机构运行经费", Subject::OfficeRunning),
];

/// Class names as the narrative prints them (科学技术支出 …).
const CLASS_NAMES: &[(&str, &str)] = &[
    ("一般公共服务支出", "201"),
    ("教育支出", "205"),
    ("科学技术支出", "206"),
    ("文化旅游体育与传媒支出", "207"),
    ("社会保障和就业支出", "208"),
    ("卫生健康支出", "210"),
    ("节能环保支出", "211"),
    ("城乡社区支出", "212"),
    ("农林水支出", "213"),
    ("交通运输支出", "214"),
    ("资源勘探工业信息等支出", "215"),
    ("资源勘探信息等支出", "215"),
    ("住房保障支出", "221"),
];

/// A money amount read from the text, and what it is said to be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stated {
    pub value: Decimal,
    pub subject: Option<Subject>,
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A plain amount in 万元 with its subject, if one could be read. `opens` is set when a
    /// 其中 follows it: the amounts after it are its parts.
    Amount {
        value: Decimal,
        decimals: u32,
        subject: Option<Subject>,
        opens: bool,
    },
    /// `占 x%`.
    Share { pct: Decimal, decimals: u32 },
    /// A change: signed amount (万元) or signed percentage, with the subject its clause names.
    Change {
        value: Decimal,
        decimals: u32,
        percent: bool,
        subject: Option<Subject>,
    },
}

/// A claim to check, with where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub section: String,
    /// Shared by the claims of one sentence: a long sentence is kept once, not per claim.
    pub sentence: std::sync::Arc<str>,
    pub kind: ClaimKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ClaimKind {
    /// `subject … value 万元`.
    Amount {
        subject: Subject,
        value: Decimal,
        decimals: u32,
    },
    /// `part 万元，占 pct%` of one of `wholes` (the candidates the text allows, most likely first).
    Share {
        part: Stated,
        wholes: Vec<Stated>,
        pct: Decimal,
        decimals: u32,
    },
    /// One of `currents` (most likely first) changed by `delta` 万元 and `pct` % from last year.
    Change {
        currents: Vec<Stated>,
        subject: Option<Subject>,
        delta: Decimal,
        pct: Decimal,
        decimals: u32,
    },
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|%|％)").expect("valid regex"));
static OTHER_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年").expect("valid regex"));

const INCREASE: &[&str] = &["增加", "增长", "上升", "提高", "增幅"];
const DECREASE: &[&str] = &["减少", "下降", "降低", "降幅", "压减"];
/// Words that put an amount in last year (上年结转 is this year's money and is exempt).
const PRIOR: &[&str] = &["上年", "去年", "上一年", "上年度"];
/// Topics the budget tables do not hold: a generic keyword (支出预算) after one of them is not
/// about the department's total.
const OTHER_TOPICS: &[&str] = &[
    "政府采购",
    "采购",
    "国有资产",
    "资产",
    "绩效",
    "转移支付",
    "评价",
    // Jiangsu's 其他资金收入预算: the funds outside the budget, not its income.
    "其他资金",
];

/// Words that open the explanation of a change.
const REASON: &[&str] = &["主要原因", "原因是", "原因为"];

/// The sentence without its explanations: each from a [`REASON`] word to the next ；.
fn without_reasons(sentence: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = REASON.iter().filter_map(|r| sentence.find(r)).min() else {
        return std::borrow::Cow::Borrowed(sentence);
    };
    let rest = &sentence[start..];
    let end = rest.find('；').map_or(sentence.len(), |e| start + e);
    let mut out = String::with_capacity(sentence.len());
    out.push_str(&sentence[..start]);
    out.push_str(&without_reasons(&sentence[end..]));
    std::borrow::Cow::Owned(out)
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"（）()".contains(*c))
        .collect()
}

/// Keywords that only say “the budget” in general: used when no specific keyword is present
/// (机构运转经费支出预算 is about 机构运转经费, not 支出预算).
const GENERIC: &[&str] = &["支出预算", "预算收入", "收入预算", "支出合计", "收入合计"];

/// Every keyword and class name with its subject, and one automaton finding them all in a
/// single pass (a searcher per keyword was a tenth of the audit).
struct Keywords {
    words: Vec<(&'static str, Subject, bool)>,
    automaton: AhoCorasick,
}

static SUBJECT_KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| {
    let classes = CLASS_NAMES.iter().map(|(n, c)| (*n, Subject::Class(c)));
    let words: Vec<(&'static str, Subject, bool)> = KEYWORDS
        .iter()
        .copied()
        .chain(classes)
        .map(|(w, s)| (w, s, GENERIC.contains(&w)))
        .collect();
    let automaton = AhoCorasick::new(words.iter().map(|(w, _, _)| *w)).expect("keywords build");
    Keywords { words, automaton }
});

/// The subject named by the keyword nearest before the end of `lead` (longest on ties),
/// preferring specific keywords to generic ones. A keyword used as a qualifier (项目支出中…)
/// does not name the amount. Each keyword counts at its last occurrence only.
pub fn subject_of(lead: &str) -> Option<Subject> {
    // “一般公共服务支出（类）商贸事务（款）行政运行（项）”: the amount is the 项's, not the
    // 类's whose name opens the quote.
    let names_item = ["（款）", "(款)", "（项）", "(项)", "（款)", "(项）"]
        .iter()
        .any(|m| lead.contains(m));
    let lead = normalize(lead);
    let keywords = &*SUBJECT_KEYWORDS;
    // The last start of each keyword: overlapping matches come in order of their end, which
    // for one keyword is the order of their start.
    let mut last: Vec<Option<usize>> = vec![None; keywords.words.len()];
    for m in keywords.automaton.find_overlapping_iter(&lead) {
        last[m.pattern().as_usize()] = Some(m.start());
    }
    let mut best: Option<((bool, usize, usize), Subject)> = None;
    for (&(word, subject, generic), pos) in keywords.words.iter().zip(last) {
        let Some(pos) = pos else {
            continue;
        };
        if names_item && matches!(subject, Subject::Class(_)) {
            continue;
        }
        let end = pos + word.len();
        if lead[end..].starts_with('中') {
            continue;
        }
        if generic && OTHER_TOPICS.iter().any(|t| lead[..pos].contains(t)) {
            continue;
        }
        let key = (!generic, end, word.len());
        if best.is_none_or(|(k, _)| key > k) {
            best = Some((key, subject));
        }
    }
    best.map(|(_, s)| s)
}

impl Subject {
    /// The subject as the documents name it.
    pub fn label(self) -> String {
        let text = match self {
            Subject::IncomeTotal => "收入总计",
            Subject::IncomeCurrent => "本年收入",
            Subject::Carryover => "上年结转",
            Subject::ExpenditureTotal => "支出总计",
            Subject::ExpenditureCurrent => "本年支出",
            Subject::IncomeGpb => "一般公共预算收入",
            Subject::IncomeGovFund => "政府性基金预算收入",
            Subject::IncomeStateCapital => "国有资本经营预算收入",
            Subject::IncomeSpecial => "财政专户管理资金收入",
            Subject::IncomeUnitFunds => "单位资金",
            Subject::FiscalGpb => "一般公共预算收支",
            Subject::FiscalGovFund => "政府性基金预算收支",
            Subject::FiscalStateCapital => "国有资本经营预算收支",
            Subject::Basic => "基本支出",
            Subject::Project => "项目支出",
            Subject::Personnel => "人员经费",
            Subject::Public => "公用经费",
            Subject::GeneralBudget => "一般公共预算支出",
            Subject::GeneralBudgetBasic => "一般公共预算基本支出",
            Subject::ThreePublic => "“三公”经费",
            Subject::Abroad => "因公出国（境）费",
            Subject::Vehicles => "公务用车购置及运行费",
            Subject::VehiclePurchase => "公务用车购置费",
            Subject::VehicleOperation => "公务用车运行维护费",
            Subject::Reception => "公务接待费",
            Subject::OfficeRunning => "机关运行经费",
            Subject::Class(code) => {
                return format!("{code} {}", crate::codes::function_name(code).unwrap_or(""));
            }
        };
        text.to_string()
    }
}

fn decimals(text: &str) -> u32 {
    text.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// Whether `lead` puts its amount in a year other than the budget year.
fn other_year(lead: &str, year: u16) -> bool {
    let n = normalize(lead).replace("上年结转", "");
    OTHER_YEAR
        .captures_iter(lead)
        .any(|c| c[1].parse::<u16>().is_ok_and(|y| y != year))
        || PRIOR.iter().any(|p| n.contains(p))
}

/// Cuts a sentence into tokens. `year` is the budget year: amounts said of another year are
/// prior-year figures and are not read as claims about this budget.
pub fn tokens(sentence: &str, year: u16) -> Vec<Token> {
    let mut out = Vec::new();
    // Most sentences (duties, glossary) hold no amount or percentage at all.
    if !sentence.contains("万元") && !sentence.contains(['%', '％']) {
        return out;
    }
    let mut last_end = 0;
    let matches: Vec<_> = NUMBER.captures_iter(sentence).collect();
    // Where the next amount in 万元 after each match starts, found in one pass from the end,
    // and where 其中 occurs: each match then costs the same however long the sentence.
    let mut next_amounts = vec![sentence.len(); matches.len()];
    let mut next = sentence.len();
    for (mi, m) in matches.iter().enumerate().rev() {
        next_amounts[mi] = next;
        if &m[2] == "万元" {
            next = m.get(0).expect("match").start();
        }
    }
    let of_which: Vec<usize> = sentence.match_indices("其中").map(|(i, _)| i).collect();
    for (mi, m) in matches.iter().enumerate() {
        let whole = m.get(0).expect("match");
        let between = &sentence[last_end..whole.start()];
        last_end = whole.end();
        let digits = m[1].replace(',', "");
        // Longer numbers are not amounts (phone numbers, codes) and could overflow arithmetic.
        let Some(value) = (digits.len() <= 18)
            .then(|| digits.parse::<Decimal>().ok())
            .flatten()
        else {
            continue;
        };
        let decimals = decimals(&m[1]);
        // The lead: text since the last clause boundary.
        let lead = between
            .rsplit(['，', '；', '：', '。', '、', ',', ';', ':'])
            .next()
            .unwrap_or(between);
        // The last six characters of the normalised lead.
        let mut tail: Vec<char> = lead
            .chars()
            .rev()
            .filter(|c| !c.is_whitespace() && !"（）()".contains(*c))
            .take(6)
            .collect();
        tail.reverse();
        let tail: String = tail.into_iter().collect();
        let next_start = matches
            .get(mi + 1)
            .map_or(sentence.len(), |n| n.get(0).expect("match").start());
        let after = &sentence[whole.end()..next_start];
        // Up to the next amount (percentages between belong to this one).
        let next_amount = next_amounts[mi];
        let first_of_which = of_which.partition_point(|&i| i < whole.end());
        let opens = of_which
            .get(first_of_which)
            .is_some_and(|&i| i + "其中".len() <= next_amount);
        let percent = &m[2] != "万元";
        let sign = if DECREASE.iter().any(|w| tail.contains(w)) {
            Some(-Decimal::ONE)
        } else if INCREASE.iter().any(|w| tail.contains(w)) {
            Some(Decimal::ONE)
        } else {
            None
        };
        if let Some(sign) = sign {
            out.push(Token::Change {
                value: value * sign,
                decimals,
                percent,
                subject: subject_of(lead),
            });
        } else if percent {
            if tail.ends_with('占') {
                out.push(Token::Share {
                    pct: value,
                    decimals,
                });
            }
        } else {
            // “50万元（原值）以上” is a threshold, not an amount; “2940.05万元，主要用于以下
            // 方面” is an amount.
            let rest = after.trim_start();
            let rest = match rest.strip_prefix(['（', '(']) {
                Some(inner) => inner
                    .find(['）', ')'])
                    .filter(|&i| i <= 18)
                    .map_or(rest, |i| inner[i..].trim_start_matches(['）', ')'])),
                None => rest,
            }
            .trim_start();
            let threshold =
                rest.starts_with("以上") || rest.starts_with("以下") || rest.starts_with('及');
            if threshold || other_year(lead, year) {
                continue;
            }
            out.push(Token::Amount {
                value,
                decimals,
                subject: subject_of(lead),
                opens,
            });
        }
    }
    out
}

/// Splits text into sentences (at 。 and line breaks).
/// The words of `sentence` that state `needle`: the clause holding it and the one before
/// (`收入减少 11.93 万元，减少 6.73%`), so a finding can quote what it checked.
pub fn clause_around<'s>(sentence: &'s str, needle: &str) -> Option<&'s str> {
    const BOUNDARY: [char; 6] = ['，', '；', '。', ',', ';', '：'];
    let at = sentence.find(needle)?;
    let end = sentence[at + needle.len()..]
        .find(BOUNDARY)
        .map_or(sentence.len(), |i| at + needle.len() + i);
    let before = &sentence[..at];
    let start = match before.rfind(BOUNDARY) {
        Some(b) => before[..b].rfind(BOUNDARY).map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        }),
        None => 0,
    };
    Some(sentence[start..end].trim())
}

pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A plain amount seen so far in a section.
#[derive(Clone, Copy)]
struct Seen {
    stated: Stated,
    /// A share follows it: it is a part of an enumeration.
    has_share: bool,
}

fn push_unique(list: &mut Vec<Stated>, s: Stated) {
    if !list
        .iter()
        .any(|x| x.value == s.value && x.subject == s.subject)
    {
        list.push(s);
    }
}

impl Claim {
    /// Whether this is an amount the sentence calls the 年初预算 (or 预算数).
    pub fn states_initial_budget(&self) -> bool {
        let ClaimKind::Amount { value, .. } = &self.kind else {
            return false;
        };
        clause_around(&self.sentence, &value.to_string())
            .is_some_and(|c| c.contains("年初预算") || c.contains("预算数"))
    }
}

/// All claims of a section, in order.
pub fn claims(section: &Section, year: u16) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    // Indexes into `seen`, kept as it grows so no lookup walks back over the whole section:
    // amounts not (yet) followed by a share, amounts a 其中 follows, the last by subject.
    let mut not_shares: Vec<usize> = Vec::new();
    let mut openers: Vec<usize> = Vec::new();
    let mut last_by_subject: HashMap<Subject, usize> = HashMap::new();
    for sentence in sentences(&section.text) {
        // What follows 主要原因 up to the next ；explains the change (统一压减10%); it is not
        // a claim about it. A claim after the ；stays (主要原因是：压缩经费；支出减少 6.73%).
        let claimed = without_reasons(sentence);
        let tokens = tokens(&claimed, year);
        let mut pending_delta: Option<(Decimal, Option<Subject>, usize)> = None;
        let sentence_start = seen.len();
        let shared: std::sync::Arc<str> = sentence.into();
        let claim = |kind| Claim {
            section: section.heading.clone(),
            sentence: shared.clone(),
            kind,
        };
        for (ti, token) in tokens.iter().enumerate() {
            match token {
                Token::Amount {
                    value,
                    decimals,
                    subject,
                    opens,
                } => {
                    if let Some(subject) = subject {
                        out.push(claim(ClaimKind::Amount {
                            subject: *subject,
                            value: *value,
                            decimals: *decimals,
                        }));
                    }
                    let stated = Stated {
                        value: *value,
                        subject: *subject,
                    };
                    not_shares.push(seen.len());
                    if *opens {
                        openers.push(seen.len());
                    }
                    if let Some(subject) = subject {
                        last_by_subject.insert(*subject, seen.len());
                    }
                    seen.push(Seen {
                        stated,
                        has_share: false,
                    });
                }
                Token::Share { pct, decimals } => {
                    // A share follows its amount directly.
                    if !matches!(
                        ti.checked_sub(1).and_then(|p| tokens.get(p)),
                        Some(Token::Amount { .. })
                    ) {
                        continue;
                    }
                    let Some(part_index) = seen.len().checked_sub(1) else {
                        continue;
                    };
                    seen[part_index].has_share = true;
                    if not_shares.last() == Some(&part_index) {
                        not_shares.pop();
                    }
                    let part = seen[part_index].stated;
                    // The whole: the amount opening the enumeration (last one not itself a
                    // part), or the nearest amount a 其中 follows.
                    let mut wholes = Vec::new();
                    if let Some(&w) = not_shares.iter().rev().find(|&&i| i < part_index) {
                        push_unique(&mut wholes, seen[w].stated);
                    }
                    if let Some(&w) = openers.iter().rev().find(|&&i| i < part_index) {
                        push_unique(&mut wholes, seen[w].stated);
                    }
                    if !wholes.is_empty() {
                        out.push(claim(ClaimKind::Share {
                            part,
                            wholes,
                            pct: *pct,
                            decimals: *decimals,
                        }));
                    }
                }
                Token::Change {
                    value,
                    percent: false,
                    subject,
                    ..
                } => pending_delta = Some((*value, *subject, ti)),
                Token::Change {
                    value: pct,
                    decimals,
                    percent: true,
                    subject,
                } => {
                    let Some((delta, delta_subject, di)) = pending_delta.take() else {
                        continue;
                    };
                    if ti != di + 1 {
                        continue;
                    }
                    let subject = delta_subject.or(*subject);
                    // The amount that changed: the one just before, the one opening the
                    // enumeration, the last one with the subject the change names, or (with
                    // none in this sentence) the previous sentence's last one.
                    let mut currents = Vec::new();
                    let in_sentence: &[Seen] = &seen[sentence_start..];
                    if let Some(s) = subject
                        && let Some(&a) = last_by_subject.get(&s)
                    {
                        push_unique(&mut currents, seen[a].stated);
                    }
                    if let Some(a) = in_sentence.last() {
                        push_unique(&mut currents, a.stated);
                    }
                    if let Some(&a) = openers.last().filter(|&&i| i >= sentence_start) {
                        push_unique(&mut currents, seen[a].stated);
                    }
                    if let Some(a) = in_sentence.first() {
                        push_unique(&mut currents, a.stated);
                    }
                    if in_sentence.is_empty()
                        && let Some(a) = seen.last()
                    {
                        push_unique(&mut currents, a.stated);
                    }
                    if !currents.is_empty() || subject.is_some() {
                        out.push(claim(ClaimKind::Change {
                            currents,
                            subject,
                            delta,
                            pct: *pct,
                            decimals: *decimals,
                        }));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> Section {
        Section {
            part: None,
            heading: "三、支出预算总体情况说明".into(),
            text: text.into(),
            source: None,
        }
    }

    #[test]
    fn explanations_are_not_claims() {
        assert_eq!(
            without_reasons(
                "比上年增加164.48万元，主要原因按规定统一压减10%，增减相抵后增加164.48万元"
            ),
            "比上年增加164.48万元，"
        );
        assert_eq!(
            without_reasons("主要原因是：财政压缩项目资金；支出减少 11.93 万元，减少 6.73%"),
            "；支出减少 11.93 万元，减少 6.73%"
        );
    }

    #[test]
    fn an_item_named_by_class_section_and_item_is_not_its_class() {
        assert_eq!(
            subject_of("1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”"),
            None
        );
        assert_eq!(
            subject_of("一般公共服务支出（类）"),
            Some(Subject::Class("201"))
        );
        assert_eq!(
            subject_of("政府性基金拨款支出预算"),
            Some(Subject::FiscalGovFund)
        );
    }

    #[test]
    fn other_funds_income_is_not_the_budget_income() {
        // Jiangsu: 3．其他资金收入预算总计0万元 — funds outside the budget tables.
        assert_eq!(subject_of("3．其他资金收入预算总计"), None);
        assert_eq!(subject_of("收入预算总计"), Some(Subject::IncomeTotal));
    }

    #[test]
    fn reads_subjects_by_the_nearest_keyword() {
        assert_eq!(
            subject_of("2025 年一般公共预算基本支出年初预算为"),
            Some(Subject::GeneralBudgetBasic)
        );
        assert_eq!(subject_of("其中基本支出"), Some(Subject::Basic));
        assert_eq!(subject_of("(一)因公出国(境)费"), Some(Subject::Abroad));
        assert_eq!(
            subject_of("主要用于以下方面：科学技术支出"),
            Some(Subject::Class("206"))
        );
        assert_eq!(subject_of("政府采购预算安排"), None);
        assert_eq!(
            subject_of("2025 年机构运转经费支出预算"),
            Some(Subject::OfficeRunning)
        );
        assert_eq!(
            subject_of("2025 年支出预算"),
            Some(Subject::ExpenditureTotal)
        );
    }

    fn shares(text: &str, year: u16) -> Vec<(String, Vec<String>, String)> {
        claims(&section(text), year)
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Share {
                    part, wholes, pct, ..
                } => Some((
                    part.value.to_string(),
                    wholes.iter().map(|w| w.value.to_string()).collect(),
                    pct.to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    fn currents(text: &str, year: u16) -> Vec<Vec<String>> {
        claims(&section(text), year)
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Change { currents, .. } => {
                    Some(currents.iter().map(|a| a.value.to_string()).collect())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn shares_are_of_the_amount_opening_the_enumeration() {
        let text = "2025 年支出合计 1758.18 万元，其中：基本支出 1465.18 万元，占 83.33%；项目支出 293 万元，占 16.67%。";
        assert_eq!(
            shares(text, 2025),
            vec![
                ("1465.18".into(), vec!["1758.18".into()], "83.33".into()),
                ("293".into(), vec!["1758.18".into()], "16.67".into())
            ]
        );
        let amounts = claims(&section(text), 2025)
            .into_iter()
            .filter(|c| matches!(c.kind, ClaimKind::Amount { .. }))
            .count();
        assert_eq!(amounts, 3);
    }

    #[test]
    fn nested_enumerations_offer_the_inner_opener_as_a_whole() {
        let s = shares(
            "支出100万元，其中：基本支出70万元，占70%，其中：人员经费60万元，占85.71%。",
            2025,
        );
        assert_eq!(s[1].1, vec!["100".to_string(), "70".to_string()]);
    }

    #[test]
    fn changes_are_of_the_amount_they_follow() {
        let c = currents(
            "2025 年机构运转经费支出预算 5.11 万元，比 2024 年减少 0.42 万元，下降 0.8%，主要原因：人员变化。",
            2025,
        );
        assert_eq!(c, vec![vec!["5.11".to_string()]]);
        let c = currents(
            "收入总计4,762.56万元，其中：本年收入3,562.56万元，上年结转1,200.00万元，比上年增加1891.03万元，增长65.85%",
            2026,
        );
        assert!(c[0].contains(&"4762.56".to_string()), "{c:?}");
        // Inside an enumeration, each part's change is of the part.
        let c = currents(
            "支出预算100万元，其中：基本支出70万元，比上年增加10万元，增长16.67%；项目支出30万元，比上年减少10万元，下降25%。",
            2025,
        );
        assert_eq!(c[0][0], "70");
        assert_eq!(c[1][0], "30");
    }

    #[test]
    fn last_years_amounts_and_qualifiers_are_not_subjects() {
        assert!(
            currents("较上年预算数80万元增加20万元，增长25%。", 2025)
                .iter()
                .all(|c| !c.contains(&"80".to_string()))
        );
        assert_eq!(subject_of("项目支出中科普活动经费"), None);
        assert_eq!(subject_of("政府采购支出预算"), None);
    }

    #[test]
    fn other_years_and_thresholds_are_not_claims() {
        let t = tokens(
            "截至2025年12月31日，占有使用价值50万元（原值）以上的通用设备0台",
            2026,
        );
        assert!(t.is_empty(), "{t:?}");
        let t = tokens("比2024年减少0.07万元", 2025);
        assert!(matches!(t[..], [Token::Change { .. }]));
    }

    #[test]
    fn the_clause_around_a_figure_is_quoted() {
        let s = "与 2024 年预算相比，收入减少 11.93 万元，减少 6.73%，主要原因是：财政压缩";
        assert_eq!(
            clause_around(s, "6.73%"),
            Some("收入减少 11.93 万元，减少 6.73%")
        );
        assert_eq!(clause_around("下降 0.8%", "0.8%"), Some("下降 0.8%"));
        assert_eq!(clause_around("无", "1%"), None);
    }
}
