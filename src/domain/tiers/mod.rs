//! Tiers, from "Partner Program Tiers and Benefits" (docs/rules.md, "Tiers").
//!
//! A tier is earned with (sourced ARR OR qualified referrals) AND certified
//! people, all over the trailing 12 months. From those three numbers come the
//! qualified tier, the progress bar to the next tier with the gap in words,
//! and the maintenance standing (below criteria with grace, downgrade due,
//! upgrade eligible). Nothing here changes a tier: changes are proposed and
//! the manager confirms them.

pub mod benefits;
pub mod board;
mod standing;

pub use standing::{ProvisionalFlag, Standing, TierEvent, TierStatus, tier_status};

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{PartnerFile, PartnerType, Tier, YearMonth};
use super::config::{ProgramConfig, TierCriteria};
use super::format::{money, plural};
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
    cfg.tier_criteria(tier).is_none_or(|c| {
        (m.sourced_arr >= c.arr || m.referrals >= c.referrals) && m.certified >= c.certified
    })
}

/// The highest tier whose criteria are met. Strategic partners are Platinum.
#[must_use]
pub fn qualified_tier(kind: Option<PartnerType>, m: &TierMetrics, cfg: &ProgramConfig) -> Tier {
    if kind == Some(PartnerType::Strategic) {
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

/// `70% to Gold`, or `Top tier` when there is no next tier.
#[must_use]
pub fn progress_short(next: Option<Tier>, percent: u32) -> String {
    match next {
        Some(next) => format!("{percent}% to {}", next.title()),
        None => "Top tier".to_string(),
    }
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
        progress_short(self.next, self.percent)
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

/// `have / need`, capped at 1, kept exact so two requirements can be
/// compared before any rounding.
#[derive(Debug, Clone, Copy)]
struct Fraction {
    have: i128,
    need: i128,
}

impl Fraction {
    fn of(have: i64, need: i64) -> Fraction {
        if need <= 0 {
            return Fraction { have: 1, need: 1 };
        }
        let (have, need) = (i128::from(have.max(0)), i128::from(need));
        Fraction {
            have: have.min(need),
            need,
        }
    }

    fn is_full(self) -> bool {
        self.have >= self.need
    }

    fn below(self, other: Fraction) -> bool {
        self.have * other.need < other.have * self.need
    }

    fn max(self, other: Fraction) -> Fraction {
        if self.below(other) { other } else { self }
    }
}

/// What holds a partner back from the tier of criteria `c`, decided on the
/// exact fractions before flooring (docs/rules.md, "Limiting requirement").
fn limit(m: &TierMetrics, c: &TierCriteria) -> Option<Limit> {
    let path = Fraction::of(m.sourced_arr, c.arr)
        .max(Fraction::of(i64::from(m.referrals), i64::from(c.referrals)));
    let certs = Fraction::of(i64::from(m.certified), i64::from(c.certified));
    if certs.below(path) {
        Some(Limit::Certifications)
    } else if !path.is_full() {
        Some(Limit::ArrOrReferrals)
    } else if !certs.is_full() {
        Some(Limit::Certifications)
    } else {
        None
    }
}

/// The key the "tier progress" sort orders by: the most progress first,
/// and partners at the top tier (nothing left to climb) last.
#[must_use]
pub fn progress_order(next: Option<Tier>, percent: u32) -> i64 {
    if next.is_none() {
        i64::MAX
    } else {
        -i64::from(percent)
    }
}

/// Progress of a partner at `current` toward the tier above it.
#[must_use]
pub fn progress(
    current: Tier,
    kind: Option<PartnerType>,
    m: &TierMetrics,
    cfg: &ProgramConfig,
) -> TierProgress {
    let next = if kind == Some(PartnerType::Strategic) {
        None
    } else {
        current.next()
    };
    let Some((next, c)) = next.and_then(|n| cfg.tier_criteria(n).map(|c| (n, c))) else {
        return top_tier(m);
    };
    let arr_percent = pct(m.sourced_arr, c.arr);
    let referral_percent = pct(i64::from(m.referrals), i64::from(c.referrals));
    let cert_percent = pct(i64::from(m.certified), i64::from(c.certified));
    let path_percent = arr_percent.max(referral_percent);
    let percent = path_percent.min(cert_percent);
    let limit = limit(m, &c);
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
        &c,
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
    // No certification asked (none recorded in the book, or none in the
    // criteria): nothing to say about them.
    if c.certified == 0 {
        return format!("{head} — {path}");
    }
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
