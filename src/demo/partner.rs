//! The partner record itself: owner, region, website, lifecycle, notes.

use chrono::NaiveDate;

use crate::domain::book::{Lifecycle, Partner, Tier};

use super::names::{OWNERS, PartnerName, REGIONS};
use super::plan::Plan;
use super::rng::{Rng, ago};

const NOTES: &[&str] = &[
    "",
    "",
    "",
    "Fiscal year starts in April.",
    "Prefers a monthly pipeline call over email.",
    "Strong in healthcare; weak outside their home region.",
    "Wants to co-sell into two named accounts.",
    "Signed the new partner agreement this year.",
    "Ask about the marketplace listing at the next QBR.",
];

fn lifecycle(plan: &Plan, rng: &mut Rng) -> Lifecycle {
    let options: &[Lifecycle] = match plan.tier {
        Tier::Registered if !plan.metrics.has_revenue() => {
            &[Lifecycle::Recruit, Lifecycle::Onboard, Lifecycle::Enable]
        }
        Tier::Registered => &[Lifecycle::Enable, Lifecycle::Activate],
        Tier::Silver => &[Lifecycle::Activate, Lifecycle::Grow],
        Tier::Gold | Tier::Platinum => &[Lifecycle::Grow],
    };
    rng.pick_copy(options)
}

/// RFC 3339 at a fixed time of day (the demo has no clock).
fn stamp(day: NaiveDate, time: &str) -> String {
    format!("{day}T{time}Z")
}

pub(crate) fn partner(
    id: i64,
    name: &PartnerName,
    plan: &Plan,
    signed: NaiveDate,
    rng: &mut Rng,
    today: NaiveDate,
) -> Partner {
    let tier_since = if plan.tier == Tier::Registered {
        signed
    } else {
        plan.tier_since
    };
    Partner {
        id,
        name: name.name.clone(),
        kind: Some(plan.kind),
        tier: plan.tier,
        tier_since,
        provisional_until: plan.provisional_until,
        owner: rng.pick_copy(OWNERS).to_string(),
        lifecycle: lifecycle(plan, rng),
        fit: plan.levels.fit,
        segment_override: None,
        region: name
            .region
            .unwrap_or_else(|| rng.pick_copy(REGIONS))
            .to_string(),
        website: format!("https://www.{}.example", name.slug),
        notes: rng.pick_copy(NOTES).to_string(),
        created_at: stamp(signed, "09:00:00"),
        updated_at: stamp(ago(today, rng.range(0, 20)), "17:30:00"),
        archived: plan.archived,
        joined: None,
    }
}
