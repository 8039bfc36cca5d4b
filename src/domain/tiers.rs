//! Tiers, from "Partner Program Tiers and Benefits" (docs/rules.md, "Tiers").
//!
//! A tier is earned with (sourced ARR OR qualified referrals) AND certified
//! people, all over the trailing 12 months. From those three numbers come the
//! qualified tier, the progress bar to the next tier with the gap in words,
//! and the maintenance standing (below criteria with grace, downgrade due,
//! upgrade eligible). Nothing here changes a tier: changes are proposed and
//! the manager confirms them.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{PartnerFile, PartnerType, Tier, YearMonth};
use super::config::{ProgramConfig, TierCriteria};
use super::format::{day_year, money, plural};
use super::health::twelve_months;

/// The three numbers tiers are judged on, as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierMetrics {
    /// Partner-sourced revenue over the 12 months ending this month.
    pub sourced_arr: i64,
    /// Qualified referrals dated within the last 12 months.
    pub referrals: u32,
    /// Distinct people holding a certification valid on the day.
    pub certified: u32,
}

/// Measure a partner as of a day.
#[must_use]
pub fn metrics(file: &PartnerFile, as_of: NaiveDate) -> TierMetrics {
    let (sourced_arr, _) = twelve_months(file, YearMonth::of(as_of));
    let year_ago = as_of.checked_sub_months(Months::new(12)).unwrap_or(as_of);
    let referrals = file
        .referrals
        .iter()
        .filter(|r| r.qualified && r.date > year_ago && r.date <= as_of)
        .count();
    let mut people: Vec<&str> = file
        .certifications
        .iter()
        .filter(|c| c.passed <= as_of && as_of < c.expires)
        .map(|c| c.person.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    TierMetrics {
        sourced_arr,
        referrals: u32::try_from(referrals).unwrap_or(u32::MAX),
        certified: u32::try_from(people.len()).unwrap_or(u32::MAX),
    }
}

/// Does a partner with these numbers meet a tier's criteria?
#[must_use]
pub fn meets(tier: Tier, m: &TierMetrics, cfg: &ProgramConfig) -> bool {
    cfg.tiers.criteria(tier).is_none_or(|c| {
        (m.sourced_arr >= c.arr || m.referrals >= c.referrals) && m.certified >= c.certified
    })
}

/// The highest tier whose criteria are met. Strategic partners are Platinum.
#[must_use]
pub fn qualified_tier(kind: PartnerType, m: &TierMetrics, cfg: &ProgramConfig) -> Tier {
    if kind == PartnerType::Strategic {
        return Tier::Platinum;
    }
    Tier::ALL
        .iter()
        .rev()
        .copied()
        .find(|t| meets(*t, m, cfg))
        .unwrap_or(Tier::Registered)
}

/// Which requirement holds a partner back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// Sourced ARR or referrals (either path counts).
    ArrOrReferrals,
    Certifications,
}

/// Progress to the next tier (the "70% to Gold" bar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierProgress {
    /// None at the top tier.
    pub next: Option<Tier>,
    /// min(path, certifications), floored to a whole percent, 0..=100.
    pub percent: u32,
    /// max(ARR, referrals) progress in whole percent, capped at 100.
    pub path_percent: u32,
    pub arr_percent: u32,
    pub referral_percent: u32,
    pub cert_percent: u32,
    pub arr_gap: i64,
    pub referral_gap: u32,
    pub cert_gap: u32,
    /// What holds the partner back; None when nothing does.
    pub limit: Option<Limit>,
    pub target_arr: i64,
    pub target_referrals: u32,
    pub target_certified: u32,
    pub metrics: TierMetrics,
    /// `70% to Gold — $30K ARR or 6 referrals to go; +1 certification`
    pub label: String,
}

impl TierProgress {
    /// Short form for a table cell: `70% to Gold` or `Top tier`.
    #[must_use]
    pub fn short(&self) -> String {
        match self.next {
            Some(next) => format!("{}% to {}", self.percent, next.title()),
            None => "Top tier".to_string(),
        }
    }

    /// The limiting requirement in words.
    #[must_use]
    pub fn limit_text(&self, currency: &str) -> Option<String> {
        let m = &self.metrics;
        match self.limit? {
            Limit::Certifications => Some(format!(
                "limited by certifications: {} of {} certified",
                m.certified, self.target_certified
            )),
            Limit::ArrOrReferrals => Some(format!(
                "limited by sourced ARR or referrals: {} of {} ARR, {} of {} referrals",
                money(m.sourced_arr, currency),
                money(self.target_arr, currency),
                m.referrals,
                self.target_referrals
            )),
        }
    }
}

/// Whole percent of `have` toward `need`, floored and capped at 100.
fn pct(have: i64, need: i64) -> u32 {
    if need <= 0 {
        return 100;
    }
    let p = (i128::from(have.max(0)) * 100) / i128::from(need);
    u32::try_from(p.min(100)).unwrap_or(100)
}

/// Progress of a partner at `current` toward the tier above it.
#[must_use]
pub fn progress(
    current: Tier,
    kind: PartnerType,
    m: &TierMetrics,
    cfg: &ProgramConfig,
) -> TierProgress {
    let next = if kind == PartnerType::Strategic {
        None
    } else {
        current.next()
    };
    let Some((next, c)) = next.and_then(|n| cfg.tiers.criteria(n).map(|c| (n, c))) else {
        return top_tier(m);
    };
    let arr_percent = pct(m.sourced_arr, c.arr);
    let referral_percent = pct(i64::from(m.referrals), i64::from(c.referrals));
    let cert_percent = pct(i64::from(m.certified), i64::from(c.certified));
    let path_percent = arr_percent.max(referral_percent);
    let percent = path_percent.min(cert_percent);
    let limit = if cert_percent < path_percent {
        Some(Limit::Certifications)
    } else if path_percent < 100 {
        Some(Limit::ArrOrReferrals)
    } else if cert_percent < 100 {
        Some(Limit::Certifications)
    } else {
        None
    };
    let arr_gap = (c.arr - m.sourced_arr).max(0);
    let referral_gap = c.referrals.saturating_sub(m.referrals);
    let cert_gap = c.certified.saturating_sub(m.certified);
    let label = gap_label(
        next,
        percent,
        path_percent,
        arr_gap,
        referral_gap,
        cert_gap,
        m,
        c,
        cfg,
    );
    TierProgress {
        next: Some(next),
        percent,
        path_percent,
        arr_percent,
        referral_percent,
        cert_percent,
        arr_gap,
        referral_gap,
        cert_gap,
        limit,
        target_arr: c.arr,
        target_referrals: c.referrals,
        target_certified: c.certified,
        metrics: *m,
        label,
    }
}

fn top_tier(m: &TierMetrics) -> TierProgress {
    TierProgress {
        next: None,
        percent: 100,
        path_percent: 100,
        arr_percent: 100,
        referral_percent: 100,
        cert_percent: 100,
        arr_gap: 0,
        referral_gap: 0,
        cert_gap: 0,
        limit: None,
        target_arr: 0,
        target_referrals: 0,
        target_certified: 0,
        metrics: *m,
        label: "Top tier".to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn gap_label(
    next: Tier,
    percent: u32,
    path_percent: u32,
    arr_gap: i64,
    referral_gap: u32,
    cert_gap: u32,
    m: &TierMetrics,
    c: &TierCriteria,
    cfg: &ProgramConfig,
) -> String {
    let head = format!("{percent}% to {}", next.title());
    if path_percent >= 100 && cert_gap == 0 {
        return format!("{head} — all requirements met");
    }
    let path = if path_percent >= 100 {
        if m.sourced_arr >= c.arr {
            "ARR ✓".to_string()
        } else {
            "referrals ✓".to_string()
        }
    } else {
        format!(
            "{} ARR or {} to go",
            money(arr_gap, &cfg.currency),
            plural(i64::from(referral_gap), "referral", "referrals")
        )
    };
    let certs = if cert_gap == 0 {
        format!(
            "certifications {}/{} ✓",
            m.certified.min(c.certified),
            c.certified
        )
    } else {
        format!(
            "+{}",
            plural(i64::from(cert_gap), "certification", "certifications")
        )
    };
    format!("{head} — {path}; {certs}")
}

/// Where a partner stands against the criteria of the tier it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Meets its tier; nothing to do.
    Good,
    /// Qualifies for a higher tier than it holds.
    UpgradeEligible { to: Tier },
    /// Below its tier's criteria, still inside the grace period.
    BelowCriteria {
        since: NaiveDate,
        quarters_used: u32,
        grace_quarters: u32,
        grace_ends: NaiveDate,
    },
    /// Grace is over: a downgrade to `to` should be proposed.
    DowngradeDue {
        to: Tier,
        since: NaiveDate,
        grace_ended: NaiveDate,
    },
}

/// A provisional tier that ends soon (or has ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvisionalFlag {
    pub until: NaiveDate,
    /// Negative once it has expired.
    pub days_left: i64,
}

/// Everything the tier rules say about one partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierStatus {
    pub current: Tier,
    pub qualified: Tier,
    pub metrics: TierMetrics,
    pub progress: TierProgress,
    pub standing: Standing,
    pub provisional: Option<ProvisionalFlag>,
}

impl TierStatus {
    /// One line on the standing, e.g. `Gold, below criteria: 1 of 2 quarters of grace used`.
    #[must_use]
    pub fn standing_text(&self) -> String {
        let tier = self.current.title();
        match &self.standing {
            Standing::Good => format!("{tier}, meets its criteria"),
            Standing::UpgradeEligible { to } => {
                format!("upgrade eligible: {tier} → {}", to.title())
            }
            Standing::BelowCriteria {
                since,
                quarters_used,
                grace_quarters,
                grace_ends,
            } => format!(
                "{tier}, below criteria since {}: {quarters_used} of {} of grace used (grace ends {})",
                day_year(*since),
                plural(i64::from(*grace_quarters), "quarter", "quarters"),
                day_year(*grace_ends)
            ),
            Standing::DowngradeDue { to, since, .. } => format!(
                "downgrade due: {tier} → {} (below criteria since {}, grace used up)",
                to.title(),
                day_year(*since)
            ),
        }
    }
}

/// Days in a quarter of grace, for counting quarters used.
const QUARTER_DAYS: i64 = 91;
/// How far back to look for when a partner fell below its criteria.
const LOOKBACK_WEEKS: u64 = 104;

/// The tier rules applied to one partner as of `today`.
#[must_use]
pub fn tier_status(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> TierStatus {
    let p = &file.partner;
    let m = metrics(file, today);
    let qualified = qualified_tier(p.kind, &m, cfg);
    let progress = progress(p.tier, p.kind, &m, cfg);
    let provisional = p.provisional_until.and_then(|until| {
        let days_left = (until - today).num_days();
        (days_left <= cfg.tiers.provisional.warn_days)
            .then_some(ProvisionalFlag { until, days_left })
    });
    let standing = match qualified.cmp(&p.tier) {
        std::cmp::Ordering::Greater => Standing::UpgradeEligible { to: qualified },
        std::cmp::Ordering::Less => below_criteria(file, today, cfg),
        std::cmp::Ordering::Equal => Standing::Good,
    };
    TierStatus {
        current: p.tier,
        qualified,
        metrics: m,
        progress,
        standing,
        provisional,
    }
}

/// Grace counting: walk back week by week while the partner stayed below
/// its tier, then day by day within the last week, to find the day it first
/// fell below (never before it got the tier, nor while the tier was
/// provisional).
fn below_criteria(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Standing {
    let p = &file.partner;
    let start = match p.provisional_until {
        Some(until) if until > p.tier_since => until,
        _ => p.tier_since,
    };
    if today < start {
        // Still provisional: the provisional flag covers it.
        return Standing::Good;
    }
    let below = |day: NaiveDate| qualified_tier(p.kind, &metrics(file, day), cfg) < p.tier;
    let mut since = today;
    let mut met_on = None;
    for week in 1..=LOOKBACK_WEEKS {
        let Some(day) = today.checked_sub_days(Days::new(week.saturating_mul(7))) else {
            break;
        };
        if day < start {
            since = start;
            break;
        }
        if !below(day) {
            met_on = Some(day);
            break;
        }
        since = day;
    }
    // The weekly walk found the week it fell below in; grace counts from the day.
    if let Some(met) = met_on {
        while let Some(prev) = since.pred_opt().filter(|d| *d > met && below(*d)) {
            since = prev;
        }
    }
    let grace_quarters = cfg.tiers.criteria(p.tier).map_or(0, |c| c.grace_quarters);
    let grace_ends = since
        .checked_add_months(Months::new(grace_quarters.saturating_mul(3)))
        .unwrap_or(since);
    let to = p.tier.below().unwrap_or(Tier::Registered);
    if today >= grace_ends {
        Standing::DowngradeDue {
            to,
            since,
            grace_ended: grace_ends,
        }
    } else {
        let used = u32::try_from((today - since).num_days() / QUARTER_DAYS).unwrap_or(0);
        Standing::BelowCriteria {
            since,
            quarters_used: used.min(grace_quarters),
            grace_quarters,
            grace_ends,
        }
    }
}
