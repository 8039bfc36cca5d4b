//! What the rules say about each partner as of one day: the types the
//! analysis fills in and screens, the CLI, exports and the summary cache read.
//!
//! Types only, below every rule that reads them (`triage`, `kpi`) and the
//! one that makes them (`analysis`), so none of those import each other in a
//! circle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::book::Segment;
use super::health::{Health, Trend};
use super::matrix::Placement;
use super::qbr::QbrTally;
use super::segments::TouchStatus;
use super::tiers::TierStatus;
use super::today::TriageEntry;

/// What the rules say about one partner as of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub id: i64,
    pub health: Health,
    pub trend: Trend,
    pub tier: TierStatus,
    pub segment: Segment,
    /// Why this segment (or that it was set by hand).
    pub segment_reason: String,
    pub touch: TouchStatus,
    /// Sourced and influenced revenue, trailing 12 months.
    pub t12m_sourced: i64,
    pub t12m_influenced: i64,
    pub active_contacts: usize,
    /// One or fewer active partner-side contacts (by config).
    pub single_threaded: bool,
    /// Progress to the next tier at or above the "close" line (by config).
    pub close_to_next_tier: bool,
    pub won_deals_t12m: usize,
    /// Date and id of the next planned QBR.
    #[serde(serialize_with = "crate::domain::dates::iso_id_opt")]
    pub next_qbr: Option<(NaiveDate, i64)>,
    /// Strategic/growth partner with no QBR planned within the QBR cadence.
    pub qbr_needed: bool,
    /// QBRs held and missed in the completion-KPI window.
    pub qbr_tally: QbrTally,
    /// Planned QBRs from today on.
    pub planned_qbrs: usize,
    /// Campaigns in planning or live.
    pub live_campaigns: usize,
    /// Where the partner sits on the Partner Value Matrix.
    pub placement: Placement,
    /// Its lifecycle stage and clock, first deal, whether it is new, its
    /// scorecard and onboarding plan (`domain::lifecycle`).
    pub lifecycle: super::lifecycle::LifecycleStatus,
    /// This partner's lines on Today.
    pub today: Vec<TriageEntry>,
}

impl PartnerSummary {
    /// `Health 50 At-risk (-35 in 30 days, was 85 Champion)`, `Health 20 ·
    /// new (joined 2026-10-30; no band until it has a history to score)` for
    /// a partner that joined lately (`lifecycle.new_days`), or `Health — Not scored` in a book that scores
    /// no one.
    #[must_use]
    pub fn health_headline(&self, delta_days: i64) -> String {
        if self.health.band == super::health::Band::NotScored {
            return "Health — Not scored".to_string();
        }
        if self.lifecycle.new {
            return format!(
                "Health {} · new (joined {}; no band until it has a history to score)",
                self.health.score, self.lifecycle.first_deal.joined
            );
        }
        format!(
            "Health {} {} ({:+} in {delta_days} days, was {} {})",
            self.health.score,
            self.health.band.title(),
            self.trend.delta,
            self.trend.previous_score,
            self.trend.previous_band.title()
        )
    }

    /// Sourced + influenced revenue, trailing 12 months.
    #[must_use]
    pub fn t12m_revenue(&self) -> i64 {
        self.t12m_sourced.saturating_add(self.t12m_influenced)
    }
}

/// Summaries aligned with `book.partners` (same index); made by
/// `Analysis::of` in `analysis`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub today: NaiveDate,
    pub partners: Vec<PartnerSummary>,
}
