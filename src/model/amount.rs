//! Money as printed: an exact decimal, never a float.
//!
//! In JSON an amount is a string such as `"1758.18"` or `"1,758.18"`. Strings keep the
//! printed scale (`"81.20"` stays two decimals) and cannot be silently rounded the way JSON
//! numbers are by most parsers. Exponents, repeated points and other oddities are rejected
//! with a message that says what was expected.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// An exact amount of money in the unit of its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

/// Why a string is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub text: String,
    pub reason: &'static str,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.text.chars().take(40).collect();
        let ellipsis = if self.text.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "invalid amount {:?}{ellipsis}: {}; expected a decimal such as \"1758.18\" or \"1,758.18\"",
            shown, self.reason
        )
    }
}

impl std::error::Error for AmountError {}

/// Longest amount text accepted; longer input cannot be money and is not parsed further.
const MAX_AMOUNT_LEN: usize = 40;

/// Digits allowed before and after the decimal point. No budget comes near 10^15 yuan, and
/// with these bounds sums of millions of cells and 元↔万元 conversions stay far inside
/// rust_decimal's 28 digits, so arithmetic on loaded amounts cannot overflow.
const MAX_INTEGER_DIGITS: usize = 15;
const MAX_FRACTION_DIGITS: usize = 6;

impl FromStr for Amount {
    type Err = AmountError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| AmountError {
            text: text.to_string(),
            reason,
        };
        if text.len() > MAX_AMOUNT_LEN {
            return Err(fail("too long"));
        }
        let body = text.strip_prefix('-').unwrap_or(text);
        if body.is_empty() {
            return Err(fail("empty"));
        }
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        if let Some(frac) = frac_part
            && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(fail("the part after the decimal point must be digits"));
        }
        if int_part.is_empty() {
            return Err(fail("no digits before the decimal point"));
        }
        if int_part.contains(',') {
            let mut groups = int_part.split(',');
            let first = groups.next().unwrap_or_default();
            let first_ok =
                (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
            let rest_ok = groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
            if !first_ok || !rest_ok {
                return Err(fail("thousands separators must group three digits"));
            }
        } else if !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(
                "only digits, one decimal point, thousands commas and a leading minus are allowed",
            ));
        }
        if int_part.bytes().filter(u8::is_ascii_digit).count() > MAX_INTEGER_DIGITS {
            return Err(fail(
                "too large (more than 15 digits before the decimal point)",
            ));
        }
        if frac_part.is_some_and(|f| f.len() > MAX_FRACTION_DIGITS) {
            return Err(fail("more than 6 decimals"));
        }
        let plain: String = text.chars().filter(|&c| c != ',').collect();
        Decimal::from_str_exact(&plain)
            .map(Amount)
            .map_err(|_| fail("out of range"))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount as a string, such as \"1758.18\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// Formats an amount with thousands separators, keeping its scale: `1758.18` → `1,758.18`.
pub fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::with_capacity(text.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Amount, AmountError> {
        s.parse()
    }

    #[test]
    fn accepts_plain_and_grouped_amounts_keeping_scale() {
        assert_eq!(parse("1758.18").unwrap().0.to_string(), "1758.18");
        assert_eq!(parse("1,758.18").unwrap().0.to_string(), "1758.18");
        assert_eq!(parse("81.20").unwrap().0.to_string(), "81.20");
        assert_eq!(parse("-0.07").unwrap().0.to_string(), "-0.07");
        assert_eq!(parse("250,000").unwrap().0.to_string(), "250000");
    }

    #[test]
    fn rejects_malformed_amounts() {
        for bad in [
            "12.3.4", "1e400", "", "-", "1,75.0", ".5", "5.", "１２", "NaN", "1 000",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
        let long = "9".repeat(200);
        assert_eq!(parse(&long).unwrap_err().reason, "too long");
        assert!(
            parse("99999999999999999999999999999999")
                .unwrap_err()
                .reason
                .starts_with("too large")
        );
        assert!(parse("999,999,999,999,999.99").is_ok());
        assert!(
            parse("1,000,000,000,000,000")
                .unwrap_err()
                .reason
                .starts_with("too large")
        );
        assert_eq!(
            parse("1.1234567").unwrap_err().reason,
            "more than 6 decimals"
        );
    }

    #[test]
    fn error_message_names_the_text_and_the_expectation() {
        let msg = parse("12.3.4").unwrap_err().to_string();
        assert!(msg.contains("\"12.3.4\""), "{msg}");
        assert!(msg.contains("expected a decimal"), "{msg}");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(parse("1758.18").unwrap().0), "1,758.18");
        assert_eq!(group_thousands(parse("-1234567").unwrap().0), "-1,234,567");
        assert_eq!(group_thousands(parse("999.5").unwrap().0), "999.5");
    }
}
