//! Dates: the one set of dates partnerdeck accepts, and arithmetic that
//! never panics.
//!
//! A date is written `YYYY-MM-DD` with a four-digit year from [`MIN_YEAR`]
//! to [`MAX_YEAR`], wherever it comes from: `--today`, a JSON import, a
//! revenue month. `26-11-23` is not read as the year 26 and `+10000-01-01`
//! is not a date. Values from a config can still be anything, so date
//! arithmetic saturates instead of crashing the rules.

use chrono::{Datelike as _, Days, NaiveDate};

/// The earliest year a book may hold.
pub const MIN_YEAR: i32 = 1900;
/// The latest year a book may hold.
pub const MAX_YEAR: i32 = 2999;

/// Why a text is not an accepted date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY-MM-DD`, or no such day (`2026-02-30`).
    #[error("'{0}' is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)")]
    Format(String),
    /// A real date, but outside the years a book may hold.
    #[error("'{0}' is outside the years {MIN_YEAR} to {MAX_YEAR}")]
    Range(String),
}

/// Parse `YYYY-MM-DD` exactly: four-digit year, two-digit month and day,
/// a real calendar day, a year in [`MIN_YEAR`]..=[`MAX_YEAR`].
///
/// # Errors
/// [`DateError::Format`] for anything else written, [`DateError::Range`]
/// for a real date outside the accepted years.
pub fn parse_ymd(text: &str) -> Result<NaiveDate, DateError> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    let num = |from: usize, to: usize| text.get(from..to).and_then(|t| t.parse::<u32>().ok());
    let date = match (shape, num(0, 4), num(5, 7), num(8, 10)) {
        (true, Some(year), Some(month), Some(day)) => i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day)),
        _ => None,
    }
    .ok_or_else(|| DateError::Format(text.to_string()))?;
    if in_range(date) {
        Ok(date)
    } else {
        Err(DateError::Range(text.to_string()))
    }
}

/// Is `date` in the years a book may hold?
#[must_use]
pub fn in_range(date: NaiveDate) -> bool {
    year_in_range(date.year())
}

/// Is `year` one a book may hold?
#[must_use]
pub fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// A day written `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it (directly
/// for four-digit years: the summary cache writes millions).
#[derive(Debug, Clone, Copy)]
pub struct Ymd(pub NaiveDate);

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        if (0..=9999).contains(&d.year()) {
            write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            write!(f, "{}", d.format("%Y-%m-%d"))
        }
    }
}

/// A day serialized exactly as chrono serializes a `NaiveDate`
/// (`YYYY-MM-DD`, the same bytes in JSON and in the summary cache), but
/// written from its digits rather than formatted twice over (postcard
/// sizes a formatted string by formatting it once to count): a new day
/// writes a few hundred thousand of them.
#[derive(Debug, Clone, Copy)]
pub struct Iso(pub NaiveDate);

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let Ok(year) = u32::try_from(d.year()) else {
            return d.serialize(s);
        };
        if year > 9999 {
            return d.serialize(s);
        }
        let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or(0);
        let (month, day) = (d.month(), d.day());
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        match std::str::from_utf8(&text) {
            Ok(text) => s.serialize_str(text),
            Err(_) => d.serialize(s),
        }
    }
}

/// Serialize a day of a summary as chrono does, directly ([`Iso`]);
/// `#[serde(serialize_with = "crate::domain::dates::iso")]`.
///
/// # Errors
/// Whatever the serializer returns.
pub fn iso<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&Iso(*date), s)
}

/// [`iso`] for an optional day.
///
/// # Errors
/// Whatever the serializer returns.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
pub fn iso_opt<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&date.map(Iso), s)
}

/// [`iso`] for an optional day and id (the next QBR's).
///
/// # Errors
/// Whatever the serializer returns.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
pub fn iso_id_opt<S: serde::Serializer>(
    value: &Option<(NaiveDate, i64)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&value.map(|(d, id)| (Iso(d), id)), s)
}

/// [`iso`] for an optional scorecard's total, red flags and day.
///
/// # Errors
/// Whatever the serializer returns.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
pub fn scored_opt<S: serde::Serializer>(
    value: &Option<(u32, u8, NaiveDate)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&value.map(|(t, f, d)| (t, f, Iso(d))), s)
}

/// Serde for a date field of the book: written `YYYY-MM-DD`, read with
/// [`parse_ymd`] (`#[serde(with = "crate::domain::dates::ymd")]`).
pub mod ymd {
    use chrono::NaiveDate;
    use serde::{Deserialize as _, Deserializer, Serializer};

    /// Write the date as `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Whatever the serializer returns.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::Ymd(*date))
    }

    /// Read a date, refusing anything [`super::parse_ymd`] refuses.
    ///
    /// # Errors
    /// A custom error with the [`super::DateError`] message.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        super::parse_ymd(&text).map_err(serde::de::Error::custom)
    }
}

/// Serde for an optional date field of the book (`null` when absent);
/// use with `#[serde(default, with = "crate::domain::dates::ymd_opt")]`.
pub mod ymd_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize as _, Deserializer, Serializer};

    /// Write the date as `YYYY-MM-DD`, or `null`.
    ///
    /// # Errors
    /// Whatever the serializer returns.
    #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&super::Ymd(*d).to_string()),
            None => s.serialize_none(),
        }
    }

    /// Read a date or `null`, refusing anything [`super::parse_ymd`] refuses.
    ///
    /// # Errors
    /// A custom error with the [`super::DateError`] message.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<std::borrow::Cow<str>>::deserialize(d)?
            .map(|text| super::parse_ymd(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// `date` moved by `days` (negative goes back), clamped to chrono's range.
#[must_use]
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_four_digit_years_in_range_are_dates() {
        assert_eq!(
            parse_ymd("2026-11-23"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"))
        );
        assert!(parse_ymd("1900-01-01").is_ok());
        assert!(parse_ymd("2999-12-31").is_ok());
        for bad in [
            "26-11-23",
            "+10000-01-01",
            "2026-1-5",
            "2026-02-30",
            " 2026-11-23",
            "2026/11/23",
            "２０２６-11-23",
            "",
        ] {
            assert_eq!(parse_ymd(bad), Err(DateError::Format(bad.into())), "{bad}");
        }
        for far in ["1899-12-31", "3000-01-01", "0026-11-23"] {
            assert_eq!(parse_ymd(far), Err(DateError::Range(far.into())), "{far}");
        }
        assert_eq!(
            DateError::Format("26-11-23".into()).to_string(),
            "'26-11-23' is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)"
        );
    }

    #[test]
    fn days_of_a_summary_are_written_as_chrono_writes_them() {
        // The summary cache and every JSON output hold these bytes.
        let same = |d: NaiveDate| {
            assert_eq!(
                postcard::to_stdvec(&Iso(d)).expect("encoded"),
                postcard::to_stdvec(&d).expect("encoded"),
                "{d:?}"
            );
            assert_eq!(
                serde_json::to_string(&Iso(d)).expect("json"),
                serde_json::to_string(&d).expect("json"),
                "{d:?}"
            );
        };
        let mut d = NaiveDate::from_ymd_opt(2023, 12, 25).expect("a day");
        for _ in 0..800 {
            same(d);
            d = d.succ_opt().expect("a next day");
        }
        for y in [0, 1, 99, 999, 1900, 2999, 9999, 10_000, -5] {
            same(NaiveDate::from_ymd_opt(y, 3, 7).expect("a day"));
        }
        let next = Some((NaiveDate::from_ymd_opt(2026, 12, 4).expect("a day"), 7_i64));
        let mut out = Vec::new();
        iso_id_opt(&next, &mut serde_json::Serializer::new(&mut out)).expect("json");
        assert_eq!(out, serde_json::to_vec(&next).expect("json"));
    }

    #[test]
    fn moves_and_saturates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        assert_eq!(
            add_days(d, 7),
            NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
        );
        assert_eq!(
            add_days(d, -25),
            NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")
        );
        assert_eq!(add_days(d, i64::MAX), NaiveDate::MAX);
        assert_eq!(add_days(d, i64::MIN), NaiveDate::MIN);
    }
}
