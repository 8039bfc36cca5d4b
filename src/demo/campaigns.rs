//! Co-marketing campaigns for the demo: tasks from the config template,
//! ticked off as the weeks went by, a few late, and results so far.

use chrono::NaiveDate;

use crate::domain::book::{Campaign, CampaignResults, CampaignStatus, CampaignType, Objective};
use crate::domain::campaigns::{LEAD_MODELS, template_tasks};
use crate::domain::config::ProgramConfig;

use super::ids::Ids;
use super::rng::{Rng, ago, float, midweek, shift, whole};

/// A campaign to write: its type, launch relative to today, and how many
/// past-due tasks are still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CampaignStory {
    pub kind: CampaignType,
    /// Launch day minus today, in days.
    pub launch_in: i64,
    pub leave_open: usize,
    pub done: bool,
    /// Ran on our MDF, but nobody reported its results: the seed's "MDF
    /// without accountability", on Today.
    pub unreported: bool,
}

impl CampaignStory {
    pub(crate) fn in_flight(kind: CampaignType, launch_in: i64, leave_open: usize) -> Self {
        CampaignStory {
            kind,
            launch_in,
            leave_open,
            done: false,
            unreported: false,
        }
    }

    /// A webinar that ran ten weeks ago, with its results.
    pub(crate) fn done() -> Self {
        CampaignStory {
            kind: CampaignType::JointWebinar,
            launch_in: -70,
            leave_open: 0,
            done: true,
            unreported: false,
        }
    }

    /// Most partners have none; some ran one, a few have one in flight.
    pub(crate) fn maybe(rng: &mut Rng) -> Option<Self> {
        let kind = rng.pick_copy(CO_MARKETING);
        match rng.weighted(&[93, 5, 2]) {
            1 => {
                let launch_in = -rng.range(60, 400);
                // Those that ran over half a year ago were never reported.
                Some(CampaignStory {
                    kind,
                    launch_in,
                    leave_open: 0,
                    done: true,
                    unreported: launch_in < -180,
                })
            }
            2 => Some(CampaignStory::in_flight(
                kind,
                rng.range(-12, 42),
                rng.index(3),
            )),
            _ => None,
        }
    }
}

/// The co-marketing types (onboarding plans come with signing, `demo::lifecycle`).
const CO_MARKETING: &[CampaignType] = &[
    CampaignType::JointWebinar,
    CampaignType::CoBrandedContent,
    CampaignType::EmailSwap,
    CampaignType::Social,
    CampaignType::CaseStudy,
    CampaignType::CoSponsoredEvent,
    CampaignType::BundleOffer,
];

const TOPICS: &[&str] = &[
    "Zero-trust in practice",
    "Modern data stack",
    "Cutting cloud costs",
    "AI for support teams",
    "Faster month-end close",
    "Retail analytics playbook",
    "Secure remote work",
    "Customer 360 in 30 days",
    "Migrating off legacy ERP",
    "Observability for SREs",
];

const AUDIENCES: &[&str] = &[
    "IT directors at mid-market companies",
    "CFOs and finance operations leads",
    "Heads of customer support",
    "Platform engineering teams",
    "Retail operations managers",
];

const MESSAGES: &[&str] = &[
    "Together we get you live in weeks, not quarters",
    "One integrated stack, one support line",
    "Proven with 200+ joint customers",
    "Cut costs without cutting corners",
];

fn label(kind: CampaignType) -> &'static str {
    match kind {
        CampaignType::JointWebinar => "joint webinar",
        CampaignType::CoBrandedContent => "co-branded guide",
        CampaignType::EmailSwap => "newsletter swap",
        CampaignType::Social => "social series",
        CampaignType::CaseStudy => "customer case study",
        CampaignType::CoSponsoredEvent => "co-sponsored meetup",
        CampaignType::BundleOffer => "bundle offer",
        CampaignType::Onboarding => "onboarding",
    }
}

fn objective(kind: CampaignType) -> (Objective, &'static str, i64) {
    match kind {
        CampaignType::JointWebinar => (Objective::Leads, "registrations", 300),
        CampaignType::EmailSwap | CampaignType::CoSponsoredEvent => (Objective::Leads, "SQLs", 25),
        CampaignType::CoBrandedContent => (Objective::Awareness, "downloads", 800),
        CampaignType::CaseStudy => (Objective::Awareness, "downloads", 400),
        CampaignType::Social => (Objective::Awareness, "reach", 50_000),
        CampaignType::BundleOffer => (Objective::Revenue, "SQLs", 15),
        CampaignType::Onboarding => (Objective::Revenue, "first deal registration", 1),
    }
}

/// Write one campaign.
pub(crate) fn build(
    story: CampaignStory,
    rng: &mut Rng,
    ids: &mut Ids,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Campaign {
    let launch = midweek(shift(today, story.launch_in));
    let status = if story.done {
        CampaignStatus::Done
    } else if launch > today {
        CampaignStatus::Planning
    } else {
        CampaignStatus::Live
    };
    let mut tasks = template_tasks(story.kind, launch, cfg);
    for t in &mut tasks {
        t.id = ids.task.next();
    }
    // Past-due tasks are done, except a few of the latest left open.
    let past: Vec<usize> = (0..tasks.len())
        .filter(|&i| story.done || tasks[i].due < today)
        .collect();
    // At most a third of what fell due is late: the campaign is mostly on track.
    let keep_open = if story.done {
        0
    } else {
        story.leave_open.min(past.len() / 3)
    };
    let window = (keep_open * 2 + 1).min(past.len());
    let mut late: Vec<usize> = past[past.len() - window..].to_vec();
    rng.shuffle(&mut late);
    late.truncate(keep_open);
    let start = ago(launch, 7 * 8);
    for &i in past.iter().filter(|i| !late.contains(i)) {
        let due = tasks[i].due;
        tasks[i].done = Some(ago(due, rng.range(0, 3)).max(start).min(today));
    }
    let (objective, kpi, kpi_target) = objective(story.kind);
    let topic = rng.pick_copy(TOPICS);
    Campaign {
        id: ids.campaign.next(),
        name: format!("{topic} — {}", label(story.kind)),
        kind: story.kind,
        launch,
        objective,
        audience: rng.pick_copy(AUDIENCES).into(),
        key_message: rng.pick_copy(MESSAGES).into(),
        kpi: kpi.into(),
        kpi_target,
        lead_model: rng.pick_copy(&LEAD_MODELS).0.into(),
        budget_ours: rng.range(4, 40) * 500,
        budget_partner: rng.range(0, 30) * 500,
        status,
        // An unreported campaign's results are drawn all the same, so the
        // demo's later draws stay where they were, and then not written.
        results: Some(results(story, (launch - today).num_days(), rng))
            .filter(|_| !story.unreported)
            .unwrap_or_default(),
        tasks,
    }
}

/// Results as far as the campaign has got, in what its type counts: the
/// top of its funnel (registrants and attendees, sends opens and clicks,
/// reach and engagements, downloads), then demo requests, SQLs,
/// opportunities and closed-won.
fn results(story: CampaignStory, launch_in: i64, rng: &mut Rng) -> CampaignResults {
    let share = |rng: &mut Rng, n: u32, lo: f64, hi: f64| {
        u32::try_from(whole(float(i64::from(n)) * rng.between(lo, hi))).unwrap_or(0)
    };
    if !story.done && launch_in > 14 {
        return CampaignResults::default();
    }
    let held = story.done || launch_in < 0;
    let mut r = CampaignResults::default();
    // What reaches the funnel: attendees, clicks, engagements, downloads.
    let leads = match story.kind {
        CampaignType::JointWebinar | CampaignType::CoSponsoredEvent => {
            r.registrants = if story.done {
                rng.count(150, 600)
            } else {
                rng.count(40, 260)
            };
            if held {
                r.attendees = share(rng, r.registrants, 0.32, 0.55);
            }
            r.attendees
        }
        CampaignType::EmailSwap => {
            if held {
                r.sends = rng.count(8, 40) * 1000;
                r.opens = share(rng, r.sends, 0.18, 0.3);
                r.clicks = share(rng, r.sends, 0.015, 0.055);
            }
            r.clicks
        }
        CampaignType::Social => {
            if held {
                r.reach = rng.count(10, 80) * 1000;
                r.engagements = share(rng, r.reach, 0.01, 0.06);
                r.clicks = share(rng, r.engagements, 0.1, 0.3);
            }
            r.clicks
        }
        CampaignType::CoBrandedContent | CampaignType::CaseStudy => {
            if held {
                r.downloads = rng.count(150, 900);
            }
            r.downloads
        }
        // The demo writes no results for these (an onboarding plan comes
        // with signing, `demo::lifecycle`).
        CampaignType::BundleOffer | CampaignType::Onboarding => 0,
    };
    if !held {
        return r;
    }
    r.demo_requests = if story.kind == CampaignType::BundleOffer {
        rng.count(5, 40)
    } else {
        share(rng, leads, 0.08, 0.2)
    };
    r.sqls = share(rng, r.demo_requests, 0.4, 0.7);
    if story.done {
        r.opportunities = share(rng, r.sqls, 0.5, 0.8);
        r.closed_won = share(rng, r.opportunities, 0.2, 0.45);
    }
    r
}
