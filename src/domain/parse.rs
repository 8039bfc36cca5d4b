//! Values as people type them: money (`$62,000`, `62k`, `USD 1,250.50`)
//! and dates (`2026-12-04`, `today`, `+3d`, `-1w`, `friday`, `next friday`,
//! `12/04/2026`). Forms and the CSV import both read values through here,
//! so a value means the same wherever it is typed (docs/rules.md, "Values").

use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::book::YearMonth;
use super::dates::{MAX_YEAR, MIN_YEAR, add_days, in_range, parse_ymd};

/// Which number comes first in `12/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `12/04/2026` is 4 December (US exports).
    #[default]
    MonthFirst,
    /// `12/04/2026` is 12 April.
    DayFirst,
}

/// A whole amount of money from text: currency signs and codes, thousands
/// separators and a `k`/`m` suffix are understood; cents are rounded.
///
/// # Errors
/// A message saying what was expected.
pub fn money(text: &str) -> Result<i64, String> {
    let bad = || format!("'{text}' is not an amount (e.g. 62000, $62,000 or 62k)");
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '$' | '€' | '£'))
        .collect();
    for code in ["USD", "EUR", "GBP", "usd", "eur", "gbp"] {
        if let Some(rest) = s.strip_prefix(code) {
            s = rest.to_string();
        }
    }
    let (number, scale) = match s.chars().last() {
        Some('k' | 'K') => (&s[..s.len() - 1], 1_000.0),
        Some('m' | 'M') => (&s[..s.len() - 1], 1_000_000.0),
        _ => (s.as_str(), 1.0),
    };
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    let value = (value * scale).round();
    // Whole units well inside i64 and inside what the book can sum.
    if !value.is_finite() || value.abs() > 1e15 {
        return Err(format!("'{text}' is not a plausible amount"));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i64)
}

/// A date as typed in a form, relative to `today`.
///
/// # Errors
/// A message saying what was expected.
pub fn date(text: &str, today: NaiveDate, order: DateOrder) -> Result<NaiveDate, String> {
    let t = text.trim().to_lowercase();
    let bad = || {
        format!(
            "'{}' is not a date (e.g. 2026-12-04, today, +3d, next friday)",
            text.trim()
        )
    };
    let found = match t.as_str() {
        "" => return Err("a date is needed".into()),
        "today" | "now" => Some(today),
        "tomorrow" => Some(add_days(today, 1)),
        "yesterday" => Some(add_days(today, -1)),
        _ => relative(&t, today)
            .or_else(|| written(&t, order))
            .or_else(|| weekday(&t, today)),
    };
    let found = match found {
        Some(d) => d,
        None => english(&t, today, order).ok_or_else(bad)?,
    };
    if in_range(found) {
        Ok(found)
    } else {
        Err(format!(
            "'{}' is outside the years {MIN_YEAR}-{MAX_YEAR}",
            text.trim()
        ))
    }
}

/// `YYYY-MM-DD` with an optional time after a space or `T`, or
/// `a/b/YYYY` with an optional time after a space.
fn written(t: &str, order: DateOrder) -> Option<NaiveDate> {
    let (day, time) = match t.find([' ', 'T', 't']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    if !time.is_empty() && !time_like(time) {
        return None;
    }
    if let Ok(d) = parse_ymd(day) {
        return Some(d);
    }
    let mut parts = day.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))
    };
    let (a, b, y) = (num(a)?, num(b)?, i32::try_from(num(y)?).ok()?);
    let (month, day) = match order {
        DateOrder::MonthFirst => (a, b),
        DateOrder::DayFirst => (b, a),
    };
    NaiveDate::from_ymd_opt(y, month, day)
}

/// `10:22`, `10:22:05`, `10:22:05.123Z`, `10:22:05+01:00`, `10:22 AM`.
pub(crate) fn time_like(t: &str) -> bool {
    let t = t.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && t.as_bytes().get(digits) == Some(&b':')
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ':' | '.' | '+' | '-' | ' ' | 'Z' | 'z' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm'
                )
        })
}

/// An amount in the book's one currency (`currency` from the config: a
/// sign like `$` or a code like `USD`): a different sign or code is refused
/// rather than counted as if it were the book's.
///
/// # Errors
/// A message saying what was expected.
pub fn money_in(text: &str, currency: &str) -> Result<i64, String> {
    in_currency(text, currency)?;
    money(text)
}

/// Refuse an amount written in another currency than the book's
/// (`currency` from the config: a sign like `$` or a code like `USD`).
///
/// # Errors
/// `'EUR 100' is not in the book's currency ($): a book keeps one
/// currency; for a book in EUR, set currency = "€" in the config`.
pub fn in_currency(text: &str, currency: &str) -> Result<(), String> {
    const KNOWN: [(&str, char); 3] = [("USD", '$'), ("EUR", '€'), ("GBP", '£')];
    let book = currency.trim();
    let book_sign = KNOWN
        .iter()
        .find(|(code, sign)| book.eq_ignore_ascii_case(code) || book.starts_with(*sign))
        .map(|(_, sign)| *sign);
    let upper = text.to_uppercase();
    for (code, sign) in KNOWN {
        let written = upper.contains(code) || text.contains(sign);
        if written && book_sign.is_some_and(|b| b != sign) {
            return Err(format!(
                "'{}' is not in the book's currency ({book}): a book keeps one currency; for a book in {code}, set currency = \"{sign}\" in the config",
                text.trim()
            ));
        }
    }
    Ok(())
}

/// `+3d`, `-1w`, `+2m` (months), `3d` (ahead).
fn relative(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => (1, t),
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        'd' => Some(add_days(today, sign * n)),
        'w' => Some(add_days(today, sign * n.checked_mul(7)?)),
        'm' => {
            let months = chrono::Months::new(u32::try_from(n).ok()?);
            if sign > 0 {
                today.checked_add_months(months)
            } else {
                today.checked_sub_months(months)
            }
        }
        _ => None,
    }
}

/// `friday` (the coming one), `next friday` (the one in next week, Monday
/// to Sunday), also as `fri`.
fn weekday(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (next, name) = match t.strip_prefix("next ") {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    let wanted = name.parse::<Weekday>().ok()?;
    let ahead = |from: NaiveDate| {
        let gap = (7 + wanted.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
        add_days(from, i64::from(gap))
    };
    if next {
        let next_monday = add_days(today, 7 - i64::from(today.weekday().num_days_from_monday()));
        Some(ahead(next_monday))
    } else {
        Some(ahead(add_days(today, 1)))
    }
}

/// Everything else (`12/04/2026`, `4 Dec 2026`, `last friday`) through the
/// `interim` crate; two-digit years are refused.
fn english(t: &str, today: NaiveDate, order: DateOrder) -> Option<NaiveDate> {
    if t.contains('/') && t.rsplit('/').next().is_some_and(|y| y.trim().len() != 4) {
        return None;
    }
    let dialect = match order {
        DateOrder::MonthFirst => interim::Dialect::Us,
        DateOrder::DayFirst => interim::Dialect::Uk,
    };
    let noon = Utc.from_utc_datetime(&today.and_time(NaiveTime::from_hms_opt(12, 0, 0)?));
    let parsed = interim::parse_date_string(t, noon, dialect).ok()?;
    Some(parsed.date_naive())
}

/// A month as a person or a spreadsheet writes it: `2026-03`, `Mar 2026`,
/// `March 2026`, `03/2026`, `3.2026`, `2026/03`, or a day in it
/// (`2026-03-15`).
///
/// # Errors
/// What was typed is none of those, or its year is out of range.
pub fn month(text: &str) -> Result<YearMonth, String> {
    let t = text.trim();
    t.parse::<YearMonth>()
        .ok()
        .or_else(|| month_in_words(t))
        .or_else(|| month_and_year(t))
        .or_else(|| parse_ymd(t).ok().map(YearMonth::of))
        .ok_or_else(|| format!("'{text}' is not a month (e.g. 2026-03, Mar 2026, 03/2026)"))
}

/// `Mar 2026`, `March 2026`, `Mar-2026`.
fn month_in_words(t: &str) -> Option<YearMonth> {
    let with_day = format!("1 {}", t.replace(['-', '.'], " "));
    ["%d %b %Y", "%d %B %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&with_day, f).ok())
        .filter(|d| in_range(*d))
        .map(YearMonth::of)
}

/// `03/2026`, `3.2026`, `2026/03`: a month and a four-digit year.
fn month_and_year(text: &str) -> Option<YearMonth> {
    let (first, second) = text.split_once(['/', '.', '-'])?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|c| c.is_ascii_digit());
    if !digits(first) || !digits(second) {
        return None;
    }
    let (year, month) = if first.len() == 4 {
        (first, second)
    } else {
        (second, first)
    };
    if year.len() != 4 || month.len() > 2 {
        return None;
    }
    let (year, month) = (year.parse().ok()?, month.parse().ok()?);
    NaiveDate::from_ymd_opt(year, month, 1)
        .filter(|d| in_range(*d))
        .map(YearMonth::of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn money_as_people_type_it() {
        for (text, value) in [
            ("62000", 62_000),
            ("$62,000", 62_000),
            ("62k", 62_000),
            ("1.5m", 1_500_000),
            ("USD 1,250.50", 1_251),
            ("99500.00", 99_500),
            ("-300", -300),
        ] {
            assert_eq!(money(text), Ok(value), "{text}");
        }
        assert!(money("sixty").is_err());
        assert!(money("").is_err());
        assert!(money("1e30").is_err());
    }

    #[test]
    fn money_in_the_books_currency() {
        assert_eq!(money_in("USD 1,250.50", "$"), Ok(1_251));
        assert_eq!(money_in("$62,000", "USD"), Ok(62_000));
        assert_eq!(money_in("99500.00", "€"), Ok(99_500));
        assert_eq!(
            money_in("EUR 100", "$"),
            Err("'EUR 100' is not in the book's currency ($): a book keeps one currency; for a book in EUR, set currency = \"€\" in the config".into())
        );
    }

    #[test]
    fn dates_as_people_type_them() {
        // Wed 25 Nov 2026.
        let today = d(2026, 11, 25);
        let us = DateOrder::MonthFirst;
        for (text, want) in [
            ("2026-12-04", d(2026, 12, 4)),
            ("today", today),
            ("tomorrow", d(2026, 11, 26)),
            ("+3d", d(2026, 11, 28)),
            ("-1w", d(2026, 11, 18)),
            ("friday", d(2026, 11, 27)),
            ("next friday", d(2026, 12, 4)),
            ("fri", d(2026, 11, 27)),
            ("wednesday", d(2026, 12, 2)),
            ("next monday", d(2026, 11, 30)),
            ("12/04/2026", d(2026, 12, 4)),
        ] {
            assert_eq!(date(text, today, us), Ok(want), "{text}");
        }
        assert_eq!(
            date("12/04/2026", today, DateOrder::DayFirst),
            Ok(d(2026, 4, 12))
        );
        assert!(date("26-11-23", today, us).is_err());
        assert!(date("12/04/26", today, us).is_err());
        assert!(date("+10000-01-01", today, us).is_err());
        assert!(date("soon", today, us).is_err());
        assert_eq!(date("2026-03-14 10:22", today, us), Ok(d(2026, 3, 14)));
        assert!(date("", today, us).is_err());
    }
}
