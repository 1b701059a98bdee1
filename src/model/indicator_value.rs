//! 指标值: a target value as printed, with the operator, number and unit parsed where present.
//!
//! The text is the record; the parse is derived on load so it can never drift from it.
//! `≥90%` → (≥, 90, `%`); `≤270元/人/天` → (≤, 270, `元/人/天`); `1-2个` → range 1..2 `个`;
//! `及时`, `GB/T5461` and `2026年12月底前` keep text only (dates are read by rules that need them).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Comparison printed before a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    AtLeast,
    AtMost,
    GreaterThan,
    LessThan,
    Equal,
    /// `a-b`: between `number` and `upper`.
    Range,
}

impl Operator {
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::AtLeast => "≥",
            Operator::AtMost => "≤",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
            Operator::Equal => "=",
            Operator::Range => "–",
        }
    }
}

/// The parsed part of a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParsedValue {
    pub operator: Operator,
    pub number: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Decimal>,
    /// Text after the number (`%`, `万元`, `元/人/天`, `个`); empty when none.
    pub unit: String,
}

/// An indicator value: the printed text and, where it has one, its parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorValue {
    pub text: String,
    pub parsed: Option<ParsedValue>,
}

impl IndicatorValue {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let parsed = parse(&text);
        IndicatorValue { text, parsed }
    }
}

impl Serialize for IndicatorValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for IndicatorValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(IndicatorValue::new)
    }
}

fn operator_prefix(s: &str) -> (Option<Operator>, &str) {
    const OPS: &[(&str, Operator)] = &[
        ("≥", Operator::AtLeast),
        (">=", Operator::AtLeast),
        ("≧", Operator::AtLeast),
        ("≤", Operator::AtMost),
        ("<=", Operator::AtMost),
        ("≦", Operator::AtMost),
        ("＞", Operator::GreaterThan),
        (">", Operator::GreaterThan),
        ("＜", Operator::LessThan),
        ("<", Operator::LessThan),
        ("=", Operator::Equal),
        ("＝", Operator::Equal),
    ];
    for (p, op) in OPS {
        if let Some(rest) = s.strip_prefix(p) {
            return (Some(*op), rest);
        }
    }
    (None, s)
}

/// Splits a leading decimal number off `s`.
fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let digits: String = s[..end].chars().filter(|&c| c != ',').collect();
    // Longer numbers are not quantities a target sets; keeping them as text also keeps
    // arithmetic on parsed values (unit conversions) far from overflow.
    if digits.len() > 18 {
        return None;
    }
    if digits.is_empty()
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || digits.ends_with('.')
    {
        return None;
    }
    let number = Decimal::from_str(&digits).ok()?;
    Some((number, &s[end..]))
}

/// Parses `≥90%`, `≤20万元/年`, `1-2个`, `100%`, `5台`. Returns `None` for words and dates.
pub fn parse(text: &str) -> Option<ParsedValue> {
    let compact = crate::text::compact(text);
    let (op, rest) = operator_prefix(&compact);
    let (number, rest) = leading_number(rest)?;
    // A year followed by 年 is a date, not a quantity.
    if rest.starts_with('年') && op.is_none() {
        return None;
    }
    for sep in ['-', '－', '~', '～', '—'] {
        if let Some(after) = rest.strip_prefix(sep) {
            if op.is_none()
                && let Some((upper, unit)) = leading_number(after)
            {
                return Some(ParsedValue {
                    operator: Operator::Range,
                    number,
                    upper: Some(upper),
                    unit: unit.to_string(),
                });
            }
            return None;
        }
    }
    Some(ParsedValue {
        operator: op.unwrap_or(Operator::Equal),
        number,
        upper: None,
        unit: rest.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(Operator, String, Option<String>, String)> {
        parse(s).map(|v| {
            (
                v.operator,
                v.number.to_string(),
                v.upper.map(|u| u.to_string()),
                v.unit,
            )
        })
    }

    #[test]
    fn parses_operators_numbers_and_units() {
        assert_eq!(
            p("≥90%"),
            Some((Operator::AtLeast, "90".into(), None, "%".into()))
        );
        assert_eq!(
            p("≤270元/人/天"),
            Some((Operator::AtMost, "270".into(), None, "元/人/天".into()))
        );
        assert_eq!(
            p("≤0.4 万元"),
            Some((Operator::AtMost, "0.4".into(), None, "万元".into()))
        );
        assert_eq!(
            p("100%"),
            Some((Operator::Equal, "100".into(), None, "%".into()))
        );
        assert_eq!(
            p("1-2个"),
            Some((Operator::Range, "1".into(), Some("2".into()), "个".into()))
        );
        assert_eq!(
            p(">10%"),
            Some((Operator::GreaterThan, "10".into(), None, "%".into()))
        );
        assert_eq!(
            p("250,000元"),
            Some((Operator::Equal, "250000".into(), None, "元".into()))
        );
    }

    #[test]
    fn leaves_words_and_dates_as_text() {
        for s in [
            "及时",
            "合规",
            "2026年12月底前",
            "GB/T5461",
            "",
            "≥",
            "按时完成",
        ] {
            let parsed = parse(s);
            assert!(parsed.is_none(), "{s:?} parsed as {parsed:?}");
        }
    }

    #[test]
    fn deserializes_from_text_and_keeps_it() {
        let v: IndicatorValue = serde_json::from_str("\"≥95%\"").unwrap();
        assert_eq!(v.text, "≥95%");
        assert_eq!(v.parsed.unwrap().operator, Operator::AtLeast);
        assert_eq!(
            serde_json::to_string(&IndicatorValue::new("及时")).unwrap(),
            "\"及时\""
        );
    }
}
