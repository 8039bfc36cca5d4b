//! Maintenance: where a partner stands against the tier it holds — upgrade
//! eligible, provisional, below criteria with grace, downgrade due
//! (docs/rules.md, "Standing").

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{TierMetrics, TierProgress, metrics, progress, qualified_tier};
use crate::domain::book::{PartnerFile, Tier};
use crate::domain::config::ProgramConfig;
use crate::domain::format::{day, day_year, money, plural};

/// Where a partner stands against the criteria of the tier it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Meets its tier; nothing to do.
    Good,
    /// Qualifies for a higher tier than it holds.
    UpgradeEligible { to: Tier },
    /// Holds its tier provisionally until `until` (never below criteria
    /// before then); `shortfall` says what it still lacks, if anything:
    /// `$80K of $100K ARR`.
    Provisional {
        until: NaiveDate,
        shortfall: Option<String>,
    },
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
    #[serde(serialize_with = "crate::domain::dates::iso")]
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

/// One tier event, for Today: how urgent (0 first), its mark and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierEvent {
    pub rank: u8,
    pub tag: &'static str,
    pub text: String,
}

impl TierStatus {
    /// One line on the standing, e.g.
    /// `Gold, below criteria since Wed 02 Sep 2026: 1 of 2 quarters of grace used (grace ends …)`.
    #[must_use]
    pub fn standing_text(&self) -> String {
        let tier = self.current.title();
        match &self.standing {
            Standing::Good => format!("{tier}, meets its criteria"),
            Standing::UpgradeEligible { to } => {
                format!("upgrade eligible: {tier} → {}", to.title())
            }
            Standing::Provisional { until, shortfall } => match shortfall {
                None => format!(
                    "provisional {tier} until {} — meets {tier} criteria",
                    day(*until)
                ),
                Some(short) => format!(
                    "provisional {tier} until {} — does not yet meet {tier} criteria ({short})",
                    day(*until)
                ),
            },
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

    /// The maintenance state for a table cell, when the partner is losing
    /// its tier: `▼ Gold: downgrade due`, `Gold: grace 1/2`.
    #[must_use]
    pub fn maintenance(&self) -> Option<String> {
        let tier = self.current.title();
        match &self.standing {
            Standing::BelowCriteria {
                quarters_used,
                grace_quarters,
                ..
            } => Some(format!("{tier}: grace {quarters_used}/{grace_quarters}")),
            Standing::DowngradeDue { .. } => Some(format!("▼ {tier}: downgrade due")),
            _ => None,
        }
    }

    /// Every tier event of the partner, most urgent first: downgrade due,
    /// provisional ending, below criteria with grace left, upgrade eligible.
    #[must_use]
    pub fn events(&self) -> Vec<TierEvent> {
        let tier = self.current.title();
        let mut out = Vec::new();
        let standing = |rank, tag| TierEvent {
            rank,
            tag,
            text: self.standing_text(),
        };
        match &self.standing {
            Standing::DowngradeDue { .. } => out.push(standing(0, "▼")),
            Standing::BelowCriteria { .. } => out.push(standing(2, "▼")),
            Standing::UpgradeEligible { .. } => out.push(standing(3, "▲")),
            Standing::Good | Standing::Provisional { .. } => {}
        }
        if let Some(flag) = self.provisional {
            let when = if flag.days_left < 0 {
                format!("expired {}d ago", -flag.days_left)
            } else {
                format!(
                    "expires {} ({})",
                    day(flag.until),
                    plural(flag.days_left, "day", "days")
                )
            };
            let truth = match &self.standing {
                Standing::Provisional {
                    shortfall: Some(short),
                    ..
                } => format!(" — does not yet meet {tier} criteria ({short})"),
                _ => String::new(),
            };
            out.push(TierEvent {
                rank: 1,
                tag: "⏳",
                text: format!("provisional {tier} {when}{truth}"),
            });
        }
        out.sort_by_key(|e| e.rank);
        out
    }
}

/// Days in a quarter of grace, for counting quarters used.
const QUARTER_DAYS: i64 = 91;

/// The tier rules applied to one partner as of `today`.
#[must_use]
pub fn tier_status(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> TierStatus {
    let file = &*crate::domain::coverage::as_scored(file, &cfg.coverage);
    let p = &file.partner;
    let m = metrics(file, today);
    let qualified = qualified_tier(p.kind, &m, cfg);
    let progress = progress(p.tier, p.kind, &m, cfg);
    let provisional = p.provisional_until.and_then(|until| {
        let days_left = (until - today).num_days();
        (days_left <= cfg.tiers.provisional.warn_days)
            .then_some(ProvisionalFlag { until, days_left })
    });
    let still_provisional = p
        .provisional_until
        .filter(|until| *until > p.tier_since && today < *until);
    let standing = match (qualified.cmp(&p.tier), still_provisional) {
        (std::cmp::Ordering::Greater, _) => Standing::UpgradeEligible { to: qualified },
        (std::cmp::Ordering::Equal, Some(until)) => Standing::Provisional {
            until,
            shortfall: None,
        },
        (std::cmp::Ordering::Less, Some(until)) => Standing::Provisional {
            until,
            shortfall: Some(shortfall(p.tier, &m, cfg)),
        },
        (std::cmp::Ordering::Less, None) => below_criteria(file, today, cfg),
        (std::cmp::Ordering::Equal, None) => Standing::Good,
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

/// What a partner lacks for `tier`: the better of its ARR and referral
/// paths when that is short (`$80K of $100K ARR`), and its certified
/// people when those are (`1 of 2 certified`).
fn shortfall(tier: Tier, m: &TierMetrics, cfg: &ProgramConfig) -> String {
    let Some(c) = cfg.tier_criteria(tier) else {
        return String::new();
    };
    let mut parts = Vec::new();
    if m.sourced_arr < c.arr && m.referrals < c.referrals {
        let arr_ahead = i128::from(m.sourced_arr.max(0)) * i128::from(c.referrals)
            >= i128::from(m.referrals) * i128::from(c.arr);
        parts.push(if arr_ahead {
            format!(
                "{} of {} ARR",
                money(m.sourced_arr, &cfg.currency),
                money(c.arr, &cfg.currency)
            )
        } else {
            format!("{} of {} referrals", m.referrals, c.referrals)
        });
    }
    if m.certified < c.certified {
        parts.push(format!("{} of {} certified", m.certified, c.certified));
    }
    parts.join(", ")
}

/// The first day the partner's records say anything: before it, every
/// measure is zero.
fn first_record(file: &PartnerFile) -> Option<NaiveDate> {
    let revenue = file.revenue.iter().filter_map(|r| r.month.first_day());
    let referrals = file.referrals.iter().map(|r| r.date);
    let certs = file.certifications.iter().map(|c| c.passed);
    revenue.chain(referrals).chain(certs).min()
}

/// Grace counting: walk back week by week while the partner stayed below
/// its tier — as far back as the records go — then day by day within the
/// last week, to find the day it first fell below (never before it got the
/// tier, nor while the tier was provisional).
fn below_criteria(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Standing {
    let p = &file.partner;
    let start = match p.provisional_until {
        Some(until) if until > p.tier_since => until,
        _ => p.tier_since,
    };
    let first = first_record(file);
    let below = |day: NaiveDate| qualified_tier(p.kind, &metrics(file, day), cfg) < p.tier;
    let mut since = today;
    let mut met_on = None;
    for week in 1_u64.. {
        let Some(day) = today.checked_sub_days(Days::new(week.saturating_mul(7))) else {
            since = start.min(since);
            break;
        };
        // Before its first record a partner meets nothing: below since the start.
        if day < start || first.is_none_or(|f| day < f) {
            since = start.min(since);
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
