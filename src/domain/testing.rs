//! Builders for domain tests: a partner with nothing on file, then add records.

use chrono::NaiveDate;

use super::book::{Lifecycle, Partner, PartnerFile, PartnerType, StrategicFit, Tier};

/// `NaiveDate` from numbers (tests only).
///
/// # Panics
/// On an impossible date.
#[must_use]
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad test date {y}-{m}-{d}"))
}

/// A Registered technology partner with weak fit and no records.
#[must_use]
pub fn partner_file(name: &str) -> PartnerFile {
    PartnerFile::new(Partner {
        id: 1,
        name: name.to_string(),
        kind: PartnerType::Technology,
        tier: Tier::Registered,
        tier_since: date(2024, 1, 1),
        provisional_until: None,
        owner: "Dana".into(),
        lifecycle: Lifecycle::Grow,
        fit: StrategicFit::Weak,
        segment_override: None,
        region: "EMEA".into(),
        website: String::new(),
        notes: String::new(),
        created_at: "2024-01-01T00:00:00Z".into(),
        updated_at: "2024-01-01T00:00:00Z".into(),
        archived: false,
    })
}
