//! Deal registrations and referrals.
//!
//! Deals are placed in three windows so the activity dimension lands where
//! the plan says, today and 30 days ago: recent ones inside the activity
//! window, "faded" ones just before it (counted 30 days ago, not today), and
//! older ones before both.

use chrono::NaiveDate;

use crate::domain::book::{Attribution, Deal, DealStage, PartnerFile, PartnerType, Referral, Tier};
use crate::domain::config::ProgramConfig;

use super::ids::Ids;
use super::names::{deal_name, lead_name};
use super::plan::{Fade, Plan};
use super::rng::{Rng, ago, whole};

/// Deals in the activity window for a step (or none).
fn recent_count(plan: &Plan, rng: &mut Rng, cfg: &ProgramConfig) -> i64 {
    let steps = &cfg.health.activity.steps;
    let Some(i) = plan.levels.deals else {
        return 0;
    };
    let Some(step) = steps.get(i) else {
        return 0;
    };
    let room = match i.checked_sub(1).and_then(|j| steps.get(j)) {
        Some(above) => (above.min - step.min - 1).max(0),
        None => 2,
    };
    step.min.max(0) + rng.range(0, room)
}

/// Write the partner's deals.
pub(crate) fn deals(
    file: &mut PartnerFile,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    let window = cfg.health.activity.window_days.max(1);
    let gap = cfg.trend.delta_days.max(0);
    let scale = match plan.tier {
        Tier::Registered => 6_000.0,
        Tier::Silver => 15_000.0,
        Tier::Gold => 40_000.0,
        Tier::Platinum => 90_000.0,
    };
    let sourced_share = match plan.kind {
        PartnerType::Referral | PartnerType::Affiliate => 0.3,
        _ => 0.7,
    };
    let mut add = |rng: &mut Rng, age: i64, stage: DealStage, changed_age: i64| {
        let value = whole(scale * rng.between(0.3, 3.0) / 500.0) * 500;
        let attribution = if rng.chance(sourced_share) {
            Attribution::Sourced
        } else {
            Attribution::Influenced
        };
        let registered = ago(today, age);
        let stage_changed = ago(today, changed_age.clamp(0, age));
        file.deals.push(Deal {
            id: ids.deal.next(),
            name: deal_name(rng),
            value: Some(value.max(500)),
            registered,
            stage,
            stage_changed,
            closed: (!stage.is_open()).then_some(stage_changed),
            attribution,
        });
    };
    for _ in 0..recent_count(plan, rng, cfg) {
        let age = rng.range(0, window - 3);
        let stage = DealStage::ALL[rng.weighted(&[30, 25, 15, 10, 15, 5])];
        let changed = if stage == DealStage::Registered || rng.chance(0.3) {
            age
        } else {
            rng.range(0, age)
        };
        add(rng, age, stage, changed);
    }
    if plan.fade == Fade::Deals {
        let top = cfg.health.activity.steps.first().map_or(5, |s| s.min);
        for _ in 0..top + rng.range(0, 1) {
            let age = rng.range(window + 2, window + gap - 3);
            let stage = DealStage::ALL[rng.weighted(&[0, 10, 10, 10, 45, 25])];
            let changed = age - rng.range(5, 40);
            add(rng, age, stage, changed);
        }
    }
    let older = match plan.tier {
        Tier::Registered => rng.range(0, 4),
        _ => rng.range(3, 10),
    };
    for _ in 0..older {
        let age = rng.range(window + gap + 4, 730);
        let stage = DealStage::ALL[rng.weighted(&[4, 4, 4, 3, 55, 30])];
        let changed = age - rng.range(10, 90);
        let changed = if stage.is_open() {
            changed.max(40)
        } else {
            changed
        };
        add(rng, age, stage, changed);
    }
    if plan.full_pipeline {
        // One deal per stage; the open ones early in the list are stuck.
        let showcase: [(DealStage, i64, i64); 6] = [
            (DealStage::Registered, 45, 45),
            (DealStage::Qualified, 70, 50),
            (DealStage::Proposal, 20, 5),
            (DealStage::Negotiation, window + gap + 10, 95),
            (DealStage::Won, 200, 150),
            (DealStage::Lost, 160, 120),
        ];
        for (stage, age, changed) in showcase {
            add(rng, age, stage, changed);
        }
    }
}

/// Write the partner's referrals: the planned qualified ones in the last
/// year, some not (yet) qualified, and a few older ones.
pub(crate) fn referrals(
    file: &mut PartnerFile,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
) {
    let qualified = i64::from(plan.metrics.referrals);
    let referral_heavy = matches!(plan.kind, PartnerType::Referral | PartnerType::Affiliate);
    let unqualified = if referral_heavy || qualified > 0 {
        rng.range(1, qualified / 2 + 2)
    } else {
        rng.range(0, 1)
    };
    let older = rng.range(0, if referral_heavy { 6 } else { 2 });
    let mut add = |rng: &mut Rng, age: i64, qualified: bool| {
        file.referrals.push(Referral {
            id: ids.referral.next(),
            date: ago(today, age),
            lead: lead_name(rng),
            qualified,
        });
    };
    for _ in 0..qualified {
        let age = rng.range(3, 355);
        add(rng, age, true);
    }
    for _ in 0..unqualified {
        let age = rng.range(0, 355);
        add(rng, age, false);
    }
    for _ in 0..older {
        let (age, qualified) = (rng.range(380, 730), rng.chance(0.6));
        add(rng, age, qualified);
    }
}
