//! The plan of one partner: who it is and what its records must show
//! (tier numbers, health steps, contacts, touches, QBRs, campaigns), decided
//! before a single record is written.

use chrono::{Months, NaiveDate};

use crate::domain::book::{PartnerType, Tier};
use crate::domain::config::ProgramConfig;

use super::campaigns::CampaignStory;
use super::levels::{self, Levels};
use super::qbrs::QbrStory;
use super::rng::{Rng, ago, float, whole};

/// The tier numbers the records must add up to, as of today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MetricPlan {
    /// Partner-sourced revenue, trailing 12 months.
    pub arr: i64,
    /// Influenced revenue, trailing 12 months.
    pub influenced: i64,
    /// Qualified referrals in the last 12 months.
    pub referrals: u32,
    /// People holding a valid certification today.
    pub certified: u32,
    /// One more person whose certification lapsed this many days ago.
    pub lapsed_days: Option<i64>,
    /// One of the valid certifications expires within a month.
    pub expiring_soon: bool,
}

impl MetricPlan {
    pub(crate) fn has_revenue(&self) -> bool {
        self.arr > 0 || self.influenced > 0
    }
}

/// How a partner's score is made to fall over the last 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fade {
    None,
    /// Deal registrations stopped and the portal went quiet.
    Deals,
    /// A bad NPS response came in and the portal went quiet.
    Nps,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub kind: PartnerType,
    pub tier: Tier,
    pub tier_since: NaiveDate,
    pub provisional_until: Option<NaiveDate>,
    /// Came down from the tier above at `tier_since`.
    pub demoted: bool,
    pub metrics: MetricPlan,
    pub levels: Levels,
    pub fade: Fade,
    pub active_contacts: u32,
    pub inactive_contacts: u32,
    pub last_touch_days: i64,
    pub qbr: QbrStory,
    pub campaign: Option<CampaignStory>,
    /// Deals in every stage, stuck ones included.
    pub full_pipeline: bool,
    pub archived: bool,
}

/// `PartnerType::ALL` order: technology, referral, reseller, affiliate, si,
/// strategic, oem.
const TYPE_WEIGHTS: &[u32] = &[22, 16, 18, 10, 14, 4, 8];
/// `Tier::ALL` order.
const TIER_WEIGHTS: &[u32] = &[35, 30, 25, 10];

/// An ordinary partner: type and tier drawn, everything else to match.
pub(crate) fn base(rng: &mut Rng, today: NaiveDate, cfg: &ProgramConfig) -> Plan {
    let kind = PartnerType::ALL[rng.weighted(TYPE_WEIGHTS)];
    let tier = if kind == PartnerType::Strategic {
        Tier::Platinum
    } else {
        Tier::ALL[rng.weighted(TIER_WEIGHTS)]
    };
    plan_for(rng, today, cfg, kind, tier)
}

/// A partner of this type and tier that meets exactly its tier's criteria.
pub(crate) fn plan_for(
    rng: &mut Rng,
    today: NaiveDate,
    cfg: &ProgramConfig,
    kind: PartnerType,
    tier: Tier,
) -> Plan {
    let referral_path =
        matches!(kind, PartnerType::Referral | PartnerType::Affiliate) && rng.chance(0.7);
    let metrics = metrics_for(rng, tier, referral_path, cfg);
    // Bigger partners get more attention and tend to be healthier.
    let lift = match (kind, tier) {
        (PartnerType::Strategic, _) | (_, Tier::Platinum) => 0.15,
        (_, Tier::Gold) => 0.08,
        (_, Tier::Silver) => 0.04,
        (_, Tier::Registered) => -0.04,
    };
    let levels = levels::random(rng, cfg, metrics.has_revenue(), lift);
    let (tier_since, provisional_until) = tier_dates(rng, today, tier, cfg);
    let demoted = matches!(tier, Tier::Silver | Tier::Gold)
        && provisional_until.is_none()
        && rng.chance(0.08);
    Plan {
        kind,
        tier,
        tier_since,
        provisional_until,
        demoted,
        metrics,
        levels,
        fade: Fade::None,
        active_contacts: u32::try_from(rng.weighted(&[2, 8, 20, 30, 25, 15])).unwrap_or(2),
        inactive_contacts: rng.count(0, 1),
        last_touch_days: touch_days(rng),
        qbr: QbrStory::for_tier(rng, kind, tier),
        campaign: CampaignStory::maybe(rng),
        full_pipeline: false,
        archived: rng.chance(0.02),
    }
}

/// Days since the last touch: mostly recent, some overdue for any cadence.
fn touch_days(rng: &mut Rng) -> i64 {
    match rng.weighted(&[62, 22, 10, 6]) {
        0 => rng.range(0, 6),
        1 => rng.range(7, 25),
        2 => rng.range(26, 60),
        _ => rng.range(61, 150),
    }
}

/// When the tier was given, and until when it is provisional (rarely, and
/// never expiring within the warning window: that is a role of its own).
fn tier_dates(
    rng: &mut Rng,
    today: NaiveDate,
    tier: Tier,
    cfg: &ProgramConfig,
) -> (NaiveDate, Option<NaiveDate>) {
    let prov = &cfg.tiers.provisional;
    if matches!(tier, Tier::Silver | Tier::Gold) && rng.chance(0.04) {
        let since = ago(today, rng.range(10, 90));
        let until = since.checked_add_months(Months::new(prov.months));
        if let Some(until) = until.filter(|u| (*u - today).num_days() > prov.warn_days) {
            return (since, Some(until));
        }
    }
    (ago(today, rng.range(120, 1100)), None)
}

/// Round money to hundreds.
fn hundreds(x: i64) -> i64 {
    (x / 100) * 100
}

/// Numbers that meet `tier`'s criteria and not the next tier's (sourced ARR,
/// or qualified referrals on the referral path, and certified people).
pub(crate) fn metrics_for(
    rng: &mut Rng,
    tier: Tier,
    referral_path: bool,
    cfg: &ProgramConfig,
) -> MetricPlan {
    let silver = &cfg.tiers.silver;
    let Some(c) = cfg.tiers.criteria(tier) else {
        // Registered: below Silver on both paths.
        let arr = if rng.chance(0.45) {
            0
        } else {
            hundreds(rng.range(2_000, silver.arr * 8 / 10))
        };
        let influenced = if arr == 0 && rng.chance(0.6) {
            0
        } else {
            hundreds(rng.range(1_000, 30_000))
        };
        return MetricPlan {
            arr,
            influenced,
            referrals: rng.count(0, silver.referrals.saturating_sub(1)),
            certified: if arr == 0 { 0 } else { rng.count(0, 1) },
            lapsed_days: None,
            expiring_soon: false,
        };
    };
    let next = tier.next().and_then(|t| cfg.tiers.criteria(t));
    let arr_hi = next.map_or(c.arr * 3, |n| n.arr * 9 / 10);
    let ref_hi = next.map_or(c.referrals + 30, |n| n.referrals.saturating_sub(1));
    let (arr, referrals) = if referral_path {
        (
            hundreds(rng.range(0, c.arr / 2)),
            rng.count(c.referrals, ref_hi),
        )
    } else {
        (
            hundreds(rng.range(c.arr * 21 / 20, arr_hi)),
            rng.count(0, ref_hi.min(c.referrals / 2 + 2)),
        )
    };
    let influenced = if referral_path {
        hundreds(rng.range(10_000, 40_000 * i64::from(c.referrals)))
    } else {
        hundreds(whole(float(arr) * rng.between(0.15, 1.1)))
    };
    MetricPlan {
        arr,
        influenced,
        referrals,
        certified: rng.count(c.certified, c.certified + 2),
        lapsed_days: None,
        expiring_soon: rng.chance(0.1),
    }
}
