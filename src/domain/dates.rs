//! Date arithmetic that never panics: values from a file or a config can be
//! anything, and a date out of range saturates instead of crashing the rules.

use chrono::{Days, NaiveDate};

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
