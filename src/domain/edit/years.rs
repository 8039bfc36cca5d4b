//! Dates an edit makes stay inside the years a book may hold
//! ([`MIN_YEAR`]..=[`MAX_YEAR`], `domain::dates`), as imports require: a
//! launch moved a week past 2999, a QBR planned a quarter after a day in
//! late 2999 or a task due after it would make a book its own export
//! cannot import (docs/rules.md, "Dates").

use chrono::NaiveDate;

use crate::domain::book::PartnerFile;
use crate::domain::dates::in_range;

/// Every date of a partner's file outside the accepted years, each with
/// what it is (`the launch of 'Webinar'`).
#[must_use]
pub fn outside(file: &PartnerFile) -> Vec<(String, NaiveDate)> {
    let mut dates: Vec<(String, NaiveDate)> = Vec::new();
    let mut put = |what: &dyn Fn() -> String, d: Option<NaiveDate>| {
        if let Some(d) = d.filter(|d| !in_range(*d)) {
            dates.push((what(), d));
        }
    };
    let p = &file.partner;
    put(&|| "the tier date".into(), Some(p.tier_since));
    put(&|| "the provisional tier's end".into(), p.provisional_until);
    put(&|| "the joining date".into(), p.joined);
    for a in &file.activities {
        put(
            &|| format!("the {} of '{}'", a.kind, a.summary),
            Some(a.date),
        );
    }
    for d in &file.deals {
        let what = || format!("a date of the deal '{}'", d.name);
        put(&what, Some(d.registered));
        put(&what, Some(d.stage_changed));
        put(&what, d.closed);
    }
    for r in &file.referrals {
        put(&|| "a referral's date".into(), Some(r.date));
    }
    for c in &file.certifications {
        let what = || format!("a date of the certification '{}'", c.name);
        put(&what, Some(c.passed));
        put(&what, Some(c.expires));
    }
    for n in &file.nps {
        put(&|| "an NPS response's date".into(), Some(n.date));
    }
    for q in &file.qbrs {
        put(&|| "the QBR's date".into(), Some(q.date));
        for i in &q.checklist {
            put(&|| "a QBR checklist item's done date".into(), i.done);
        }
        for a in &q.actions {
            let what = || format!("a date of the action item '{}'", a.text);
            put(&what, a.due);
            put(&what, a.done);
        }
    }
    for c in &file.campaigns {
        put(&|| format!("the launch of '{}'", c.name), Some(c.launch));
        for t in &c.tasks {
            let what = || format!("a date of the task '{}' of '{}'", t.title, c.name);
            put(&what, Some(t.due));
            put(&what, t.done);
        }
    }
    for t in &file.tier_changes {
        put(&|| "a tier change's date".into(), Some(t.date));
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{campaign, date, partner_file};

    #[test]
    fn a_launch_past_2999_is_named() {
        let mut f = partner_file("Litware");
        assert!(outside(&f).is_empty());
        f.campaigns.push(campaign("Webinar", date(3000, 1, 3)));
        let found = outside(&f);
        assert_eq!(
            found[0],
            ("the launch of 'Webinar'".into(), date(3000, 1, 3))
        );
    }
}
