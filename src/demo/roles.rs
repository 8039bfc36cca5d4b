//! Roles: the partners that make sure a demo book shows every situation the
//! cockpit handles (each band, each tier event, a half-prepped QBR, late
//! campaign tasks, …). A book of 60 partners or more gets one partner per
//! role, placed by the seed; the other partners are ordinary.

use chrono::{Months, NaiveDate};

use crate::domain::book::{CampaignType, PartnerType, Tier};
use crate::domain::config::ProgramConfig;
use crate::domain::health::Band;

use super::campaigns::CampaignStory;
use super::levels::{self, Levels, NpsLevel, RevShape, engagement_step};
use super::plan::{Fade, Plan, base, plan_for};
use super::qbrs::QbrStory;
use super::rng::{Rng, ago, shift};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Band(Band),
    Strategic,
    UpgradeEligible,
    BelowCriteria,
    DowngradeDue,
    ProvisionalExpiring,
    FadeDeals,
    FadeNps,
    QbrSoon,
    QbrOpenActions,
    QbrMissed,
    /// A campaign in flight; launch this many days from today.
    Campaign(CampaignType, i64),
    CampaignDone,
    SingleThreaded,
    NoContacts,
    TouchOverdue,
    FullPipeline,
    /// A prospect with a scorecard (`demo::lifecycle::PROSPECTS`, by index).
    Prospect(usize),
    /// Signed this many days ago, onboarding; late leaves past-due tasks open.
    Onboarding {
        joined_days_ago: i64,
        late: bool,
    },
    /// In `enable` since it joined, years ago.
    StuckInEnable,
}

/// Every role, once.
pub(crate) const ROLES: &[Role] = &[
    Role::Band(Band::Champion),
    Role::Band(Band::Healthy),
    Role::Band(Band::AtRisk),
    Role::Band(Band::Critical),
    Role::Band(Band::Churning),
    Role::Strategic,
    Role::UpgradeEligible,
    Role::BelowCriteria,
    Role::DowngradeDue,
    Role::ProvisionalExpiring,
    Role::FadeDeals,
    Role::FadeNps,
    Role::QbrSoon,
    Role::QbrOpenActions,
    Role::QbrMissed,
    // Today is in week -4, -1 and +1 of these three campaigns.
    Role::Campaign(CampaignType::CoBrandedContent, 26),
    Role::Campaign(CampaignType::JointWebinar, 5),
    Role::Campaign(CampaignType::EmailSwap, -9),
    Role::CampaignDone,
    Role::SingleThreaded,
    Role::NoContacts,
    Role::TouchOverdue,
    Role::FullPipeline,
    // Recruit and onboard: three prospects (Gold potential, Silver with a
    // red flag, one not ready due a revisit), two partners onboarding (one
    // on time, one late) and one stuck in enable.
    Role::Prospect(0),
    Role::Prospect(1),
    Role::Prospect(2),
    Role::Onboarding {
        joined_days_ago: 10,
        late: false,
    },
    Role::Onboarding {
        joined_days_ago: 24,
        late: true,
    },
    Role::StuckInEnable,
];

/// Partners per set of roles: a book this size plays every role once, a
/// bigger one every role once per this many partners, so a 10,000-partner
/// book is as busy for its size as a 60-partner one (hundreds of QBRs soon,
/// tier events and late campaign tasks, not the same handful).
pub(crate) const PARTNERS_PER_ROLE_SET: usize = 60;

/// The role of each partner (by index), placed by a seeded shuffle.
pub(crate) fn assign(n: usize, rng: &mut Rng) -> Vec<Option<Role>> {
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut roles = vec![None; n];
    let sets = (n / PARTNERS_PER_ROLE_SET).max(1);
    let every = ROLES.iter().cycle().take(ROLES.len() * sets);
    for (role, &at) in every.zip(&order) {
        roles[at] = Some(*role);
    }
    roles
}

/// The plan of a partner that plays `role`.
pub(crate) fn plan(rng: &mut Rng, role: Role, today: NaiveDate, cfg: &ProgramConfig) -> Plan {
    let mut p = match role {
        Role::Band(band) => band_partner(rng, band, today, cfg),
        Role::Strategic => {
            let mut p = plan_for(rng, today, cfg, PartnerType::Strategic, Tier::Platinum);
            p.levels.fit = crate::domain::book::StrategicFit::Strong;
            p
        }
        Role::UpgradeEligible
        | Role::BelowCriteria
        | Role::DowngradeDue
        | Role::ProvisionalExpiring => tier_event(rng, role, today, cfg),
        Role::FadeDeals | Role::FadeNps => fading(rng, role, today, cfg),
        Role::QbrSoon | Role::QbrOpenActions | Role::QbrMissed => {
            let tier = if rng.chance(0.5) {
                Tier::Gold
            } else {
                Tier::Platinum
            };
            let mut p = plan_for(rng, today, cfg, PartnerType::Technology, tier);
            p.qbr = match role {
                Role::QbrSoon => QbrStory::Soon,
                Role::QbrOpenActions => QbrStory::OpenActions,
                _ => QbrStory::Missed,
            };
            p
        }
        Role::Campaign(kind, launch_in) => with_campaign(
            rng,
            today,
            cfg,
            CampaignStory::in_flight(kind, launch_in, 2),
        ),
        Role::CampaignDone => with_campaign(rng, today, cfg, CampaignStory::done()),
        Role::SingleThreaded | Role::NoContacts | Role::TouchOverdue | Role::FullPipeline => {
            let mut p = base(rng, today, cfg);
            match role {
                Role::SingleThreaded => (p.active_contacts, p.inactive_contacts) = (1, 1),
                Role::NoContacts => (p.active_contacts, p.inactive_contacts) = (0, 1),
                Role::TouchOverdue => {
                    p.last_touch_days = 120;
                    p.qbr = QbrStory::None;
                    p.campaign = None;
                }
                _ => p.full_pipeline = true,
            }
            p
        }
        // Not signed, or only just: no revenue, certifications or QBRs yet.
        Role::Prospect(_) | Role::Onboarding { .. } => {
            let mut p = plan_for(rng, today, cfg, PartnerType::Technology, Tier::Registered);
            p.metrics.arr = 0;
            p.metrics.influenced = 0;
            p.metrics.certified = 0;
            p.metrics.lapsed_days = None;
            p.qbr = QbrStory::None;
            p.campaign = None;
            p
        }
        Role::StuckInEnable => {
            let mut p = plan_for(rng, today, cfg, PartnerType::Reseller, Tier::Registered);
            p.qbr = QbrStory::None;
            p.campaign = None;
            p
        }
    };
    p.archived = false;
    p
}

/// The band roles also cover every partner type but strategic and oem.
fn band_partner(rng: &mut Rng, band: Band, today: NaiveDate, cfg: &ProgramConfig) -> Plan {
    let (kind, tier) = match band {
        Band::Champion => (PartnerType::Technology, Tier::Platinum),
        Band::Healthy => (PartnerType::Referral, Tier::Silver),
        Band::AtRisk => (PartnerType::Reseller, Tier::Gold),
        Band::Critical => (PartnerType::Affiliate, Tier::Silver),
        Band::Churning | Band::NotScored => (PartnerType::Si, Tier::Registered),
    };
    let mut p = plan_for(rng, today, cfg, kind, tier);
    if band == Band::Churning {
        p.metrics.arr = 0;
        p.metrics.influenced = 0;
        p.metrics.certified = 0;
    }
    // Each band partner also pins a revenue trend, an engagement recency
    // and (some) an NPS, so those ranges are covered too.
    let pin = move |mut l: Levels| {
        match band {
            Band::Champion => {
                (l.revenue, l.engagement, l.nps) = (RevShape::Strong, Some(0), NpsLevel::Step(0));
            }
            Band::Healthy => (l.revenue, l.engagement) = (RevShape::Growing, Some(1)),
            Band::AtRisk => {
                (l.revenue, l.engagement, l.nps) = (RevShape::Flat, Some(2), NpsLevel::Step(2));
            }
            Band::Critical => (l.revenue, l.engagement) = (RevShape::Declining, None),
            Band::Churning | Band::NotScored => {
                (l.revenue, l.engagement, l.nps) = (RevShape::None, None, NpsLevel::Missing);
            }
        }
        l
    };
    p.levels = levels::in_band(rng, cfg, p.metrics.has_revenue(), band, pin);
    p
}

fn tier_event(rng: &mut Rng, role: Role, today: NaiveDate, cfg: &ProgramConfig) -> Plan {
    let (kind, tier) = match role {
        Role::UpgradeEligible => (PartnerType::Oem, Tier::Silver),
        Role::BelowCriteria => (PartnerType::Reseller, Tier::Gold),
        Role::DowngradeDue => (PartnerType::Technology, Tier::Silver),
        _ => (PartnerType::Si, Tier::Gold),
    };
    let mut p = plan_for(rng, today, cfg, kind, tier);
    p.demoted = false;
    p.provisional_until = None;
    let gold = &cfg.tiers.gold;
    let silver = &cfg.tiers.silver;
    let m = &mut p.metrics;
    m.referrals = 1;
    m.expiring_soon = false;
    match role {
        Role::UpgradeEligible => {
            // Meets Gold while holding Silver; one certification is up for
            // renewal this month.
            m.arr = gold.arr * 5 / 4;
            m.certified = gold.certified;
            m.expiring_soon = true;
        }
        Role::BelowCriteria => {
            // A Gold partner whose second certified engineer lapsed in the
            // last two months: below criteria, grace left.
            m.arr = gold.arr * 3 / 2;
            m.certified = gold.certified.saturating_sub(1);
            m.lapsed_days = Some(50);
            p.tier_since = ago(today, 400);
        }
        Role::DowngradeDue => {
            // Silver with its only certification lapsed seven months ago.
            m.arr = silver.arr * 8 / 5;
            m.certified = 0;
            m.lapsed_days = Some(210);
            p.tier_since = ago(today, 600);
        }
        _ => {
            // Provisional Gold, still short of Gold, ending in 12 days.
            m.arr = gold.arr * 4 / 5;
            m.certified = gold.certified;
            let until = shift(today, 12);
            p.provisional_until = Some(until);
            p.tier_since = until
                .checked_sub_months(Months::new(cfg.tiers.provisional.months))
                .unwrap_or(today);
        }
    }
    if m.influenced == 0 {
        m.influenced = m.arr / 3;
    }
    p.levels = levels::random(rng, cfg, p.metrics.has_revenue(), 0.0);
    if p.levels.revenue == RevShape::New {
        // Revenue that only just started would have kept the partner below
        // its tier long before the lapse: keep the story about the lapse.
        p.levels.revenue = RevShape::Strong;
    }
    p
}

/// A partner whose band fell in the last 30 days: its levels today and 30
/// days ago differ by the faded deals or NPS and a quieter portal.
fn fading(rng: &mut Rng, role: Role, today: NaiveDate, cfg: &ProgramConfig) -> Plan {
    let kind = if role == Role::FadeDeals {
        PartnerType::Reseller
    } else {
        PartnerType::Technology
    };
    let mut p = plan_for(rng, today, cfg, kind, Tier::Silver);
    p.fade = if role == Role::FadeDeals {
        Fade::Deals
    } else {
        Fade::Nps
    };
    let gap = cfg.trend.delta_days;
    let fix = |mut l: Levels| {
        l.deals = None;
        l.engagement = engagement_step(cfg, gap + 3);
        if role == Role::FadeNps {
            l.nps = NpsLevel::Negative;
        }
        l
    };
    let before = |l: Levels| {
        let mut b = l;
        b.engagement = engagement_step(cfg, 3);
        if role == Role::FadeDeals {
            b.deals = Some(0);
        } else {
            b.nps = NpsLevel::Step(0);
        }
        b
    };
    let dropped = |l: &Levels| before(*l).band(cfg).rank() > l.band(cfg).rank();
    let has_revenue = p.metrics.has_revenue();
    p.levels =
        levels::search(rng, cfg, has_revenue, 0.6, fix, dropped).unwrap_or_else(|| fix(p.levels));
    p
}

fn with_campaign(
    rng: &mut Rng,
    today: NaiveDate,
    cfg: &ProgramConfig,
    story: CampaignStory,
) -> Plan {
    let tier = if rng.chance(0.5) {
        Tier::Silver
    } else {
        Tier::Gold
    };
    let kind = if rng.chance(0.5) {
        PartnerType::Technology
    } else {
        PartnerType::Si
    };
    let mut p = plan_for(rng, today, cfg, kind, tier);
    p.campaign = Some(story);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_placed_once_in_a_big_enough_book() {
        let mut rng = Rng::new(1);
        let roles = assign(60, &mut rng);
        assert_eq!(roles.iter().flatten().count(), ROLES.len());
        assert!(assign(0, &mut rng).is_empty());
        assert_eq!(assign(3, &mut rng).iter().flatten().count(), 3);
    }

    #[test]
    fn a_bigger_book_plays_every_role_once_per_set_of_partners() {
        let mut rng = Rng::new(1);
        let roles = assign(600, &mut rng);
        assert_eq!(roles.iter().flatten().count(), ROLES.len() * 10);
        let soon = roles
            .iter()
            .flatten()
            .filter(|r| **r == Role::QbrSoon)
            .count();
        assert_eq!(soon, 10);
    }
}
