//! The activity log (our touches, the partner's portal logins and
//! training) and NPS responses, placed so the engagement and satisfaction
//! dimensions land on their planned steps.

use chrono::NaiveDate;

use crate::domain::book::{Activity, ActivityKind, NpsResponse, PartnerFile};
use crate::domain::config::ProgramConfig;

use super::ids::Ids;
use super::levels::NpsLevel;
use super::plan::{Fade, Plan};
use super::rng::{Rng, ago};

/// How far back the log goes.
const HISTORY_DAYS: i64 = 730;

const TOUCH_KINDS: &[ActivityKind] = &[
    ActivityKind::Email,
    ActivityKind::Call,
    ActivityKind::Meeting,
    ActivityKind::Event,
    ActivityKind::Note,
];
const TOUCH_WEIGHTS: &[u32] = &[30, 25, 15, 8, 12];

fn touch_summary(kind: ActivityKind, rng: &mut Rng) -> &'static str {
    let options: &[&str] = match kind {
        ActivityKind::Email => &[
            "Sent the new pricing sheet",
            "Shared the partner newsletter",
            "Followed up on open deal registrations",
            "Sent co-marketing ideas for next quarter",
            "Answered questions on the certification path",
        ],
        ActivityKind::Call => &[
            "Pipeline check-in",
            "Call with their sales lead about targets",
            "Escalation call on a support ticket",
            "Intro call with their new partner manager",
            "Quick sync on the joint account plan",
        ],
        ActivityKind::Meeting => &[
            "Joint account planning session",
            "Product roadmap briefing",
            "Onsite visit with their exec sponsor",
            "Enablement workshop for their sellers",
        ],
        ActivityKind::Event => &[
            "Met at the annual partner summit",
            "Shared booth at a regional trade show",
            "Partner dinner after the user conference",
        ],
        _ => &[
            "Their fiscal year starts in April",
            "Prefers Slack over email",
            "Reorg on their side; new VP of alliances",
            "Asked about MDF for next quarter",
            "Champion is on leave until next month",
        ],
    };
    rng.pick_copy(options)
}

const ENGAGEMENT_SUMMARIES: &[(ActivityKind, &str)] = &[
    (ActivityKind::PortalLogin, "Logged in to the partner portal"),
    (ActivityKind::PortalLogin, "Downloaded the sales deck"),
    (
        ActivityKind::PortalLogin,
        "Checked deal registration status",
    ),
    (ActivityKind::PortalLogin, "Browsed the co-marketing kit"),
    (
        ActivityKind::Training,
        "Completed the sales fundamentals course",
    ),
    (ActivityKind::Training, "Attended technical enablement"),
    (ActivityKind::Training, "Finished the new-release training"),
];

/// Our touches: the latest `plan.last_touch_days` ago, then back in time.
pub(crate) fn touches(
    file: &mut PartnerFile,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
) {
    let count = rng.range(12, 26);
    let mut age = plan.last_touch_days;
    for _ in 0..count {
        if age > HISTORY_DAYS {
            break;
        }
        let kind = TOUCH_KINDS[rng.weighted(TOUCH_WEIGHTS)];
        file.activities.push(Activity {
            id: ids.activity.next(),
            date: ago(today, age),
            kind,
            summary: touch_summary(kind, rng).to_string(),
            contact: None,
        });
        age += rng.range(6, 45);
    }
}

/// Days since the last engagement event, by plan; None for none ever.
fn last_engagement(plan: &Plan, rng: &mut Rng, cfg: &ProgramConfig) -> Option<i64> {
    if plan.fade != Fade::None {
        return Some(cfg.trend.delta_days + 3);
    }
    let steps = &cfg.health.engagement.steps;
    let floor = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| steps.get(j))
            .map_or(0, |s| s.max_days + 1)
    };
    match plan
        .levels
        .engagement
        .and_then(|i| steps.get(i).map(|s| (i, s)))
    {
        Some((i, step)) => Some(rng.range(floor(i), step.max_days)),
        None if rng.chance(0.5) => None,
        None => {
            let last = steps.last().map_or(92, |s| s.max_days);
            Some(rng.range(last + 1, 400))
        }
    }
}

/// The partner's portal logins and training.
pub(crate) fn engagement(
    file: &mut PartnerFile,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    let Some(mut age) = last_engagement(plan, rng, cfg) else {
        return;
    };
    let (count, max_gap) = match plan.levels.engagement {
        Some(0) => (rng.range(8, 16), 20),
        Some(_) => (rng.range(5, 10), 45),
        None => (rng.range(2, 5), 90),
    };
    for _ in 0..count {
        if age > HISTORY_DAYS {
            break;
        }
        let (kind, summary) = rng.pick_copy(ENGAGEMENT_SUMMARIES);
        file.activities.push(Activity {
            id: ids.activity.next(),
            date: ago(today, age),
            kind,
            summary: summary.to_string(),
            contact: None,
        });
        age += rng.range(3, max_gap);
    }
}

/// The score range of a satisfaction level.
fn nps_range(level: NpsLevel, cfg: &ProgramConfig) -> (i64, i64) {
    let steps = &cfg.health.satisfaction.steps;
    if let NpsLevel::Step(i) = level {
        let lo = steps.get(i).map_or(0, |s| s.min);
        let hi = i
            .checked_sub(1)
            .and_then(|j| steps.get(j))
            .map_or(95, |s| s.min - 1);
        (lo.clamp(-100, 100), hi.clamp(-100, 100))
    } else {
        let floor = steps.last().map_or(0, |s| s.min);
        (-70, (floor - 1).clamp(-100, 100))
    }
}

/// NPS responses about twice a year; the latest lands on the planned step.
pub(crate) fn nps(
    file: &mut PartnerFile,
    plan: &Plan,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) {
    if plan.levels.nps == NpsLevel::Missing {
        return;
    }
    let mut add = |age: i64, score: i64| {
        file.nps.push(NpsResponse {
            id: ids.nps.next(),
            date: ago(today, age),
            score: i32::try_from(score.clamp(-100, 100)).unwrap_or(0),
        });
    };
    let (lo, hi) = nps_range(plan.levels.nps, cfg);
    let latest = rng.range(lo, hi);
    let mut age = if plan.fade == Fade::Nps {
        // A bad response this month after a glowing one in the spring.
        add(rng.range(5, 20), latest);
        let (top_lo, top_hi) = nps_range(NpsLevel::Step(0), cfg);
        let age = rng.range(150, 200);
        add(age, rng.range(top_lo, top_hi));
        age
    } else {
        let age = rng.range(cfg.trend.delta_days + 5, 160);
        add(age, latest);
        age
    };
    loop {
        age += rng.range(150, 210);
        if age > HISTORY_DAYS {
            break;
        }
        add(age, latest + rng.range(-30, 30));
    }
}
