//! Amounts and dates as CRM exports write them, in any locale
//! (docs/rules.md, "CSV import"): `1.234,56` and `1,234.56`, `€ 1.234`,
//! `17/11/2025`, `11/17/2025`, `03.11.2025`, `2025-11-03 10:22`.
//!
//! A cell alone often cannot say which reading is meant (`12.500` is twelve
//! and a half or twelve thousand five hundred; `03/04/2026` is March or
//! April). So each cell first gives its *evidence* ([`decimal_evidence`],
//! [`date_evidence`]); the file's format is decided from all of them
//! (`formats`), and only then is each cell read in that format
//! ([`amount`], [`date`]). A value is never guessed per cell.

use chrono::NaiveDate;

use crate::domain::dates::{MAX_YEAR, MIN_YEAR, in_range};
use crate::domain::parse::{DateOrder, time_like};

/// Which mark separates the whole units from the cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `1,234.56` (US, UK).
    Point,
    /// `1.234,56` (most of Europe).
    Comma,
}

impl Decimal {
    /// As the `--decimal` flag names it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Decimal::Point => "point",
            Decimal::Comma => "comma",
        }
    }

    fn mark(self) -> char {
        match self {
            Decimal::Point => '.',
            Decimal::Comma => ',',
        }
    }

    fn grouping(self) -> char {
        match self {
            Decimal::Point => ',',
            Decimal::Comma => '.',
        }
    }
}

/// What one cell says about the file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence<T> {
    /// Nothing: every reading gives the same value (`62000`, `2026-03-14`).
    Neutral,
    /// Only this reading makes sense (`1.234,56` is comma; `17/11/2025` is day first).
    Only(T),
    /// Both readings make sense and give different values.
    Either,
}

/// Spaces a locale groups thousands with: the plain, no-break and narrow
/// no-break space, and the apostrophes of Swiss exports.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// The number of an amount cell: without currency signs or codes, spaces
/// and a sign; `(1,234)` (accounting) is negative. None when it holds
/// anything else.
fn number_part(text: &str) -> Option<(bool, String)> {
    let mut t = text.trim().to_string();
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
        negative = true;
        t = t[1..t.len() - 1].to_string();
    }
    let upper = t.to_uppercase();
    let mut t: String = ["USD", "EUR", "GBP", "CHF"]
        .iter()
        .fold(upper, |s, code| s.replace(code, ""))
        .chars()
        .filter(|c| !matches!(c, '$' | '€' | '£') && !is_group_space(*c))
        .collect();
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.to_string();
    } else if let Some(rest) = t.strip_suffix('-') {
        negative = !negative;
        t = rest.to_string();
    }
    let ok = !t.is_empty()
        && t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    ok.then_some((negative, t))
}

/// What an amount cell says about the decimal mark: the readings it
/// allows are the readings [`amount`] takes, so a cell that reads as two
/// different numbers is never evidence of either.
#[must_use]
pub fn decimal_evidence(text: &str) -> Evidence<Decimal> {
    match (amount(text, Decimal::Point), amount(text, Decimal::Comma)) {
        (Ok(p), Ok(c)) if p == c => Evidence::Neutral,
        (Ok(_), Ok(_)) => Evidence::Either,
        (Ok(_), Err(_)) => Evidence::Only(Decimal::Point),
        (Err(_), Ok(_)) => Evidence::Only(Decimal::Comma),
        (Err(_), Err(_)) => Evidence::Neutral,
    }
}

/// An amount in whole units, read with `decimal` as the file's decimal
/// mark; cents are rounded half away from zero. Thousands must be grouped
/// by threes, so a cell that only makes sense in the other format is
/// refused rather than read wrong.
///
/// # Errors
/// A message naming the cell.
pub fn amount(text: &str, decimal: Decimal) -> Result<i64, String> {
    let t = text.trim();
    let (negative, whole, cents) = split_amount(t, decimal)?;
    let whole: i64 = if whole.is_empty() {
        0
    } else if whole.len() > 15 {
        return Err(format!("'{t}' is not a plausible amount"));
    } else {
        whole.parse().map_err(|_| not_amount(t))?
    };
    // Half away from zero on the first cents digit.
    let up = cents.bytes().next().is_some_and(|d| d >= b'5');
    let value = whole + i64::from(up);
    Ok(if negative { -value } else { value })
}

/// The amount as a plain number (`12.5`, `12500`) under `decimal`, for
/// saying how a cell would read.
#[must_use]
pub fn plain(text: &str, decimal: Decimal) -> Option<String> {
    let (negative, whole, cents) = split_amount(text.trim(), decimal).ok()?;
    let cents = cents.trim_end_matches('0');
    let sign = if negative { "-" } else { "" };
    let whole = if whole.is_empty() { "0" } else { &whole };
    Some(if cents.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents}")
    })
}

fn not_amount(t: &str) -> String {
    format!("'{t}' is not an amount (e.g. 62000, 62,000.00 or 62.000,00)")
}

/// Sign, whole digits and cents digits of an amount cell under `decimal`.
fn split_amount(t: &str, decimal: Decimal) -> Result<(bool, String, String), String> {
    let (negative, n) = number_part(t).ok_or_else(|| not_amount(t))?;
    let wrong_format = || {
        format!(
            "'{t}' is not an amount with a decimal {} (the file's format)",
            decimal.name()
        )
    };
    let (whole, cents) = match n.rsplit_once(decimal.mark()) {
        Some((w, c)) if !c.contains(decimal.grouping()) => (w, c),
        Some(_) => return Err(wrong_format()),
        None => (n.as_str(), ""),
    };
    if whole.contains(decimal.mark()) {
        return Err(wrong_format());
    }
    let groups: Vec<&str> = whole.split(decimal.grouping()).collect();
    // `1,234,567`: one to three digits (not led by 0), then threes.
    let grouped_by_threes = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && !groups[0].starts_with('0')
            && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_by_threes {
        return Err(wrong_format());
    }
    Ok((negative, groups.concat(), cents.to_string()))
}

/// A date cell split into its parts: numbers, or a month named in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `2026-03-14`: year first, never ambiguous.
    YearFirst(i32, u32, u32),
    /// `a/b/year` or `a-b-year`: which of a and b is the day is the file's call.
    Either(u32, u32, i32),
    /// `14.03.2026`: dotted dates are day first in every locale that uses them.
    DayFirst(u32, u32, i32),
    /// `14 Mar 2026`, `Mar 14, 2026`, `14-Mar-26`.
    Named(u32, u32, i32),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month named in English, in full or cut to three letters or more
/// (`Mar`, `Sept.`).
fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| m.starts_with(&w))?;
    u32::try_from(i + 1).ok()
}

/// `26` is 2026 and `85` 1985 (the POSIX pivot); four digits as written.
fn year(text: &str) -> Option<i32> {
    let n: i32 = number(text)?.try_into().ok()?;
    match text.len() {
        2 if n < 69 => Some(2000 + n),
        2 => Some(1900 + n),
        4 => Some(n),
        _ => None,
    }
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn shape(text: &str) -> Option<Shape> {
    let text = text.trim();
    // An ISO timestamp: the date as written, the time and zone ignored.
    if let Some((day, time)) = text.split_once('T')
        && time_like(time)
        && let Some(found) = shape(day)
    {
        return Some(found);
    }
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    // A time after a space or a comma.
    if let Some(at) = words.iter().position(|w| w.contains(':')) {
        if !time_like(&words[at..].join(" ")) {
            return None;
        }
        return shape(&words[..at].join(" "));
    }
    match words[..] {
        [first, second, third] => named(first, second, third),
        [one] => numeric(one),
        _ => None,
    }
}

/// `14 Mar 2026` or `Mar 14 2026` (English month names).
fn named(first: &str, second: &str, third: &str) -> Option<Shape> {
    let year = year(third)?;
    if let (Some(day), Some(month)) = (number(first.trim_end_matches('.')), month_named(second)) {
        return Some(Shape::Named(day, month, year));
    }
    let (month, day) = (month_named(first)?, number(second)?);
    Some(Shape::Named(day, month, year))
}

/// `2026-03-14`, `2026/03/14`, `14-Mar-26`, `14.03.2026`, `03/04/2026`.
fn numeric(text: &str) -> Option<Shape> {
    let two_digits = |part: &str| number(part).filter(|_| part.len() <= 2);
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = text.split(sep).collect();
        let [first, second, third] = parts[..] else {
            continue;
        };
        if sep != '.' && first.len() == 4 {
            let year = i32::try_from(number(first)?).ok()?;
            return Some(Shape::YearFirst(
                year,
                two_digits(second)?,
                two_digits(third)?,
            ));
        }
        if let Some(month) = month_named(second) {
            return Some(Shape::Named(number(first)?, month, year(third)?));
        }
        let (a, b, year) = (two_digits(first)?, two_digits(second)?, year(third)?);
        return Some(if sep == '.' {
            Shape::DayFirst(a, b, year)
        } else {
            Shape::Either(a, b, year)
        });
    }
    None
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// What a date cell says about the order of day and month.
#[must_use]
pub fn date_evidence(text: &str) -> Evidence<DateOrder> {
    match shape(text) {
        Some(Shape::Either(..)) => {
            match (
                date(text, DateOrder::MonthFirst),
                date(text, DateOrder::DayFirst),
            ) {
                (Ok(m), Ok(d)) if m == d => Evidence::Neutral,
                (Ok(_), Ok(_)) => Evidence::Either,
                (Ok(_), Err(_)) => Evidence::Only(DateOrder::MonthFirst),
                (Err(_), Ok(_)) => Evidence::Only(DateOrder::DayFirst),
                (Err(_), Err(_)) => Evidence::Neutral,
            }
        }
        _ => Evidence::Neutral,
    }
}

/// A date as a CRM export writes it, `a/b/year` read in `order`.
///
/// # Errors
/// `'…' is not a date`, or outside the years a book holds.
pub fn date(text: &str, order: DateOrder) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("a date is needed".into());
    }
    let found = match shape(t) {
        Some(Shape::Either(a, b, y)) => match order {
            DateOrder::MonthFirst => ymd(y, a, b),
            DateOrder::DayFirst => ymd(y, b, a),
        },
        Some(Shape::YearFirst(y, m, d) | Shape::DayFirst(d, m, y) | Shape::Named(d, m, y)) => {
            ymd(y, m, d)
        }
        None => None,
    };
    match found {
        Some(d) if in_range(d) => Ok(d),
        Some(_) => Err(format!("'{t}' is outside the years {MIN_YEAR}-{MAX_YEAR}")),
        None => Err(format!("'{t}' is not a date")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn amounts_in_either_format() {
        for (text, point, comma) in [
            ("62000", Ok(62_000), Ok(62_000)),
            ("$62,000", Ok(62_000), Ok(62)),
            ("62,000.00", Ok(62_000), Err(())),
            ("62.000,00", Err(()), Ok(62_000)),
            ("1.234,56", Err(()), Ok(1_235)),
            ("€ 1.234", Ok(1), Ok(1_234)),
            ("12.500", Ok(13), Ok(12_500)),
            ("1 234 567,8", Err(()), Ok(1_234_568)),
            ("USD 1,250.50", Ok(1_251), Err(())),
            ("-300", Ok(-300), Ok(-300)),
            ("(1,200.00)", Ok(-1_200), Err(())),
            ("1'234.50", Ok(1_235), Err(())),
        ] {
            assert_eq!(
                amount(text, Decimal::Point).map_err(|_| ()),
                point,
                "{text} point"
            );
            assert_eq!(
                amount(text, Decimal::Comma).map_err(|_| ()),
                comma,
                "{text} comma"
            );
        }
        assert!(amount("a lot", Decimal::Point).is_err());
        assert!(amount("", Decimal::Point).is_err());
        assert!(amount("1,23,456", Decimal::Point).is_err());
    }

    #[test]
    fn each_amount_says_what_it_can() {
        use Evidence::{Either, Neutral, Only};
        for (text, want) in [
            ("62000", Neutral),
            ("1.234,56", Only(Decimal::Comma)),
            ("1,234.56", Only(Decimal::Point)),
            ("62.000,00", Only(Decimal::Comma)),
            ("12.500", Either),
            ("€ 1.234", Either),
            ("1,234", Either),
            ("0.500", Only(Decimal::Point)),
            ("1.5", Only(Decimal::Point)),
            ("1,50", Only(Decimal::Comma)),
            ("1.234.567", Only(Decimal::Comma)),
            ("1234,567", Only(Decimal::Comma)),
        ] {
            assert_eq!(decimal_evidence(text), want, "{text}");
        }
    }

    #[test]
    fn dates_in_every_shape() {
        let us = DateOrder::MonthFirst;
        let eu = DateOrder::DayFirst;
        for (text, order, want) in [
            ("2026-03-14", us, d(2026, 3, 14)),
            ("2026-03-14 10:22", eu, d(2026, 3, 14)),
            ("2026-03-14T10:22:00Z", us, d(2026, 3, 14)),
            ("3/14/2026", us, d(2026, 3, 14)),
            ("03/14/2026 10:22 AM", us, d(2026, 3, 14)),
            ("14/03/2026", eu, d(2026, 3, 14)),
            ("03.11.2025", us, d(2025, 11, 3)),
            ("17.11.2025 09:30", us, d(2025, 11, 17)),
            ("3/14/26", us, d(2026, 3, 14)),
            ("14-Mar-2026", us, d(2026, 3, 14)),
            ("14 March 2026", us, d(2026, 3, 14)),
            ("Mar 14, 2026", eu, d(2026, 3, 14)),
            ("2026/03/14", eu, d(2026, 3, 14)),
            ("14-03-2026", eu, d(2026, 3, 14)),
        ] {
            assert_eq!(date(text, order), Ok(want), "{text}");
        }
        assert_eq!(
            date("31/02/2026", eu),
            Err("'31/02/2026' is not a date".into())
        );
        assert!(date("today", us).is_err());
        assert!(date("2026-03-14 lunch", us).is_err());
        assert!(date("14/03/2026", us).is_err());
    }

    #[test]
    fn each_date_says_what_it_can() {
        use Evidence::{Either, Neutral, Only};
        for (text, want) in [
            ("2026-03-04", Neutral),
            ("03/04/2026", Either),
            ("04/04/2026", Neutral),
            ("17/11/2025", Only(DateOrder::DayFirst)),
            ("11/17/2025", Only(DateOrder::MonthFirst)),
            ("03.11.2025", Neutral),
            ("4 Mar 2026", Neutral),
        ] {
            assert_eq!(date_evidence(text), want, "{text}");
        }
    }
}
