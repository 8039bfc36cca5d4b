//! What a record must hold to go into the book. The cockpit's forms, the
//! JSON import and the CSV import all check records here, so a value one
//! accepts the others accept too (docs/rules.md, "The book").

use chrono::NaiveDate;

use super::book::Partner;
use super::search::loose_key;
use super::text::{display_safe, is_unsafe};

/// The largest amount of money a record may hold (whole units); anything
/// beyond is a broken file and would only make the numbers meaningless.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// One problem with one field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field, as the book names it (`name`, `owner`).
    pub field: &'static str,
    pub message: String,
}

impl Problem {
    fn new(field: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            field,
            message: message.into(),
        }
    }
}

/// A one-line text field: no control or bidi characters.
#[must_use]
pub fn line(field: &'static str, text: &str) -> Option<Problem> {
    text.chars()
        .any(is_unsafe)
        .then(|| Problem::new(field, "has a control character"))
}

/// Text that may hold several lines (notes, summaries): a newline or a tab
/// is fine, any other control or bidi character is not.
#[must_use]
pub fn prose(field: &'static str, text: &str) -> Option<Problem> {
    text.chars()
        .any(|c| is_unsafe(c) && c != '\n' && c != '\t')
        .then(|| Problem::new(field, "has a control character"))
}

/// A deal closes on or after the day it was registered.
#[must_use]
pub fn deal_dates(registered: NaiveDate, closed: Option<NaiveDate>) -> Option<Problem> {
    closed.filter(|c| *c < registered).map(|c| {
        Problem::new(
            "closed",
            format!("closed on {c}, before it was registered on {registered}"),
        )
    })
}

/// A plausible amount of money.
#[must_use]
pub fn amount(field: &'static str, value: i64) -> Option<Problem> {
    (!(-MAX_AMOUNT..=MAX_AMOUNT).contains(&value))
        .then(|| Problem::new(field, format!("{value} is not a plausible amount")))
}

/// An NPS score.
#[must_use]
pub fn nps_score(value: i32) -> Option<Problem> {
    (!(-100..=100).contains(&value))
        .then(|| Problem::new("score", format!("{value} is outside -100..100")))
}

/// The key partner names are unique by: the one the CSV import matches
/// names with (`search::loose_key`: case, accents and spacing set aside),
/// so `Brightpath  Apps` or `Brïghtpath Apps` beside `Brightpath Apps`
/// cannot be added, and a CSV row always finds one partner, never the
/// wrong one of two look-alikes.
#[must_use]
pub fn name_unique_key(name: &str) -> String {
    loose_key(name)
}

/// A partner record: a name no other partner has (by [`name_unique_key`];
/// `taken` gives the name of the partner holding a key, if any) and clean
/// text.
#[must_use]
pub fn partner(p: &Partner, taken: impl Fn(&str) -> Option<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if p.name.trim().is_empty() {
        problems.push(Problem::new("name", "a partner needs a name"));
    } else if let Some(other) = taken(&name_unique_key(&p.name)) {
        problems.push(Problem::new(
            "name",
            format!(
                "another partner is already named '{}'",
                display_safe(other.trim())
            ),
        ));
    }
    for (field, text) in [
        ("name", &p.name),
        ("owner", &p.owner),
        ("region", &p.region),
        ("website", &p.website),
    ] {
        problems.extend(line(field, text));
    }
    problems.extend(prose("notes", &p.notes));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::partner_file;

    #[test]
    fn a_partner_needs_a_free_name_and_clean_text() {
        let mut p = partner_file("Litware").partner;
        let free = |_: &str| None;
        assert!(partner(&p, free).is_empty());
        let taken = partner(&p, |k| (k == "litware").then(|| "LitWare".to_string()));
        assert_eq!(
            taken[0].message,
            "another partner is already named 'LitWare'"
        );
        p.name = "  ".into();
        assert_eq!(partner(&p, free)[0].message, "a partner needs a name");
        p.name = "Evil\u{1b}]0;x\u{7}".into();
        p.owner = "Dana\u{202e}".into();
        p.notes = "two\nlines, one \u{7}bell".into();
        let fields: Vec<_> = partner(&p, free).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "owner", "notes"]);
    }

    #[test]
    fn names_are_one_when_only_case_accents_or_spacing_differ() {
        let key = name_unique_key("Brightpath Apps");
        for near in ["Brightpath  Apps", "Brïghtpath Apps", " BRIGHTPATH apps"] {
            assert_eq!(name_unique_key(near), key, "{near}");
        }
        assert_ne!(name_unique_key("Brightpath App"), key);
    }

    #[test]
    fn prose_keeps_lines_and_deals_close_after_registration() {
        assert!(prose("notes", "two\nlines\twith a tab").is_none());
        assert!(prose("notes", "bell\u{7}").is_some());
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).expect("date");
        assert!(deal_dates(d(1), Some(d(1))).is_none());
        assert_eq!(
            deal_dates(d(2), Some(d(1))).map(|p| p.message),
            Some("closed on 2026-03-01, before it was registered on 2026-03-02".into())
        );
    }

    #[test]
    fn amounts_and_scores_in_range() {
        assert!(amount("value", MAX_AMOUNT).is_none());
        assert!(amount("value", MAX_AMOUNT + 1).is_some());
        assert!(nps_score(-100).is_none());
        assert_eq!(
            nps_score(140).map(|p| p.message),
            Some("140 is outside -100..100".into())
        );
    }
}
