//! How numbers and dates read in reasons, labels and screens.

use chrono::{Datelike as _, NaiveDate};

/// Money in short form: `$950`, `$7.5K`, `$30K`, `$1.2M`, `$1.9B`.
#[must_use]
pub fn money(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let a = amount.unsigned_abs();
    // Thresholds sit just below each unit so rounding never shows `1000K`.
    let body = if a < 1_000 {
        a.to_string()
    } else if a < 999_500 {
        scaled(a, 1_000, "K")
    } else if a < 999_500_000 {
        scaled(a, 1_000_000, "M")
    } else {
        scaled(a, 1_000_000_000, "B")
    };
    format!("{sign}{currency}{body}")
}

/// An amount the book may not have (a deal without one): "—" when absent.
#[must_use]
pub fn money_or_dash(amount: Option<i64>, currency: &str) -> String {
    amount.map_or_else(|| "—".to_string(), |a| money(a, currency))
}

/// `a / unit` with one decimal below 10 units (dropped when it is .0), else whole.
fn scaled(a: u64, unit: u64, suffix: &str) -> String {
    let (a, unit) = (u128::from(a), u128::from(unit));
    let tenths = (a * 10 + unit / 2) / unit;
    if tenths < 100 && !tenths.is_multiple_of(10) {
        format!("{}.{}{suffix}", tenths / 10, tenths % 10)
    } else {
        format!("{}{suffix}", (a + unit / 2) / unit)
    }
}

/// A count with thousands separators: `10000` → `10,000`.
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A percentage change with its sign: `+35%`, `-8%`, `+19.9%`.
#[must_use]
pub fn signed_pct(pct: f64) -> String {
    if (pct - pct.round()).abs() < 0.05 {
        format!("{:+.0}%", pct.round())
    } else {
        format!("{pct:+.1}%")
    }
}

/// `part` of `whole` in whole percent, floored; None when `whole` is 0.
#[must_use]
pub fn percent_of(part: usize, whole: usize) -> Option<u32> {
    (part * 100)
        .checked_div(whole)
        .map(|p| u32::try_from(p).unwrap_or(u32::MAX))
}

/// `Mon 23 Nov 2026`: the one way a day is written on screen and in text
/// (docs/rules.md, "Wording").
#[must_use]
pub fn day(date: NaiveDate) -> String {
    day_year(date)
}

/// `Mon 23 Nov 2026`.
#[must_use]
pub fn day_year(date: NaiveDate) -> String {
    if !four_digits(date) {
        return date.format("%a %d %b %Y").to_string();
    }
    format!(
        "{} {:02} {} {:04}",
        WEEKDAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// `Sep 2026`.
#[must_use]
pub fn month_year(date: NaiveDate) -> String {
    if !four_digits(date) {
        return date.format("%b %Y").to_string();
    }
    format!("{} {:04}", MONTHS[date.month0() as usize], date.year())
}

/// The months and weekdays as chrono's `%b` and `%a` write them (written
/// here directly: a new day writes one or more for every partner).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Is the year one chrono's `%Y` writes as four plain digits?
fn four_digits(date: NaiveDate) -> bool {
    (0..=9999).contains(&date.year())
}

/// How a due date relates to today: `today`, `tomorrow`, `in 3d`, `3d late`.
#[must_use]
pub fn due(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n if n > 0 => format!("in {n}d"),
        n => format!("{}d late", -n),
    }
}

/// `1 deal` / `3 deals`.
#[must_use]
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_read_as_chrono_writes_them() {
        let mut d = NaiveDate::from_ymd_opt(2023, 12, 25).expect("a day");
        for _ in 0..800 {
            assert_eq!(day_year(d), d.format("%a %d %b %Y").to_string());
            assert_eq!(month_year(d), d.format("%b %Y").to_string());
            assert_eq!(
                crate::domain::dates::Ymd(d).to_string(),
                d.format("%Y-%m-%d").to_string()
            );
            d = d.succ_opt().expect("a next day");
        }
        for y in [1, 99, 999, 9999, 10_000, -5] {
            let d = NaiveDate::from_ymd_opt(y, 3, 7).expect("a day");
            assert_eq!(day_year(d), d.format("%a %d %b %Y").to_string());
            assert_eq!(month_year(d), d.format("%b %Y").to_string());
            assert_eq!(
                crate::domain::dates::Ymd(d).to_string(),
                d.format("%Y-%m-%d").to_string()
            );
        }
        assert_eq!(
            day_year(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")),
            "Mon 23 Nov 2026"
        );
    }

    #[test]
    fn money_reads_short() {
        assert_eq!(money(950, "$"), "$950");
        assert_eq!(money(7_500, "$"), "$7.5K");
        assert_eq!(money(8_000, "$"), "$8K");
        assert_eq!(money(30_000, "$"), "$30K");
        assert_eq!(money(450_000, "$"), "$450K");
        assert_eq!(money(1_234_000, "$"), "$1.2M");
        assert_eq!(money(12_000_000, "€"), "€12M");
        assert_eq!(money(1_893_000_000, "$"), "$1.9B");
        assert_eq!(money(999_600, "$"), "$1M");
        assert_eq!(money(-8_000, "$"), "-$8K");
    }

    #[test]
    fn pct_shows_a_decimal_only_when_it_matters() {
        assert_eq!(signed_pct(35.0), "+35%");
        assert_eq!(signed_pct(19.9), "+19.9%");
        assert_eq!(signed_pct(-8.0), "-8%");
    }

    #[test]
    fn due_reads_relative_to_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(due(today, today), "today");
        assert_eq!(due(today + chrono::Days::new(1), today), "tomorrow");
        assert_eq!(due(today - chrono::Days::new(3), today), "3d late");
    }
}
