//! What the lists show of one partner: its name and owner, and the rules'
//! verdicts as the numbers the lists sort, filter and draw.
//!
//! A row is made from a partner and its summary (`ListRow::of`), never
//! computed any other way, so it says what the summary says. The cockpit
//! draws its first frame from these rows alone and reads a partner's full
//! summary only when it is opened (docs/architecture.md, "The first
//! frame").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::book::{Lifecycle, Partner, PartnerType, Segment, Tier};
use super::health::Band;
use super::matrix::Placement;
use super::qbr::QbrTally;
use super::summary::PartnerSummary;
use super::tiers::progress_short;

/// One partner as the lists show it.
// Its flags are independent facts the lists filter and draw, not states.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRow {
    pub id: i64,
    pub name: String,
    pub owner: String,
    pub region: String,
    pub kind: Option<PartnerType>,
    pub tier: Tier,
    pub archived: bool,
    /// Health score and band.
    pub score: u32,
    pub band: Band,
    /// Change of the score over the trend window.
    pub delta: i32,
    /// The next tier (None at the top) and the progress to it, 0..=100.
    pub next_tier: Option<Tier>,
    pub progress: u32,
    /// `Gold: grace 1/2` or `▼ Gold: downgrade due` when the partner is
    /// losing its tier (`TierStatus::maintenance`).
    pub maintenance: Option<String>,
    pub close_to_next_tier: bool,
    /// Days since the last touch (None: never) and whether it is overdue.
    pub days_since_touch: Option<i64>,
    pub touch_overdue: bool,
    #[serde(serialize_with = "crate::domain::dates::iso_id_opt")]
    pub next_qbr: Option<(NaiveDate, i64)>,
    pub qbr_needed: bool,
    pub qbr_tally: QbrTally,
    pub segment: Segment,
    pub t12m_sourced: i64,
    pub t12m_influenced: i64,
    pub won_deals_t12m: u32,
    pub placement: Placement,
    /// Lifecycle stage, days in it, and whether that is past its plan.
    pub stage: Lifecycle,
    pub stage_days: i64,
    pub stage_over_plan: bool,
    /// Joined fewer than `lifecycle.new_days` ago (docs/rules.md, "First
    /// deal and new partners").
    pub new: bool,
    /// A prospect's scorecard: its total, red flags and the day it was
    /// scored, and when a prospect not ready comes back.
    #[serde(serialize_with = "crate::domain::dates::scored_opt")]
    pub scorecard: Option<(u32, u8, NaiveDate)>,
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub revisit: Option<NaiveDate>,
}

impl ListRow {
    /// The row of `partner`, from its summary.
    #[must_use]
    pub fn of(partner: &Partner, s: &PartnerSummary) -> ListRow {
        debug_assert_eq!(partner.id, s.id, "a summary of another partner");
        ListRow {
            id: partner.id,
            name: partner.name.clone(),
            owner: partner.owner.clone(),
            region: partner.region.clone(),
            kind: partner.kind,
            tier: partner.tier,
            archived: partner.archived,
            score: s.health.score,
            band: s.health.band,
            delta: s.trend.delta,
            next_tier: s.tier.progress.next,
            progress: s.tier.progress.percent,
            maintenance: s.tier.maintenance(),
            close_to_next_tier: s.close_to_next_tier,
            days_since_touch: s.touch.days_since,
            touch_overdue: s.touch.overdue,
            next_qbr: s.next_qbr,
            qbr_needed: s.qbr_needed,
            qbr_tally: s.qbr_tally,
            segment: s.segment,
            t12m_sourced: s.t12m_sourced,
            t12m_influenced: s.t12m_influenced,
            won_deals_t12m: u32::try_from(s.won_deals_t12m).unwrap_or(u32::MAX),
            placement: s.placement,
            stage: s.lifecycle.clock.stage,
            stage_days: s.lifecycle.clock.days,
            stage_over_plan: s.lifecycle.clock.over_plan(),
            new: s.lifecycle.new,
            scorecard: s.lifecycle.qualification.as_ref().map(|q| {
                (
                    q.total,
                    u8::try_from(q.red_flags).unwrap_or(u8::MAX),
                    q.scored,
                )
            }),
            revisit: s.lifecycle.qualification.as_ref().and_then(|q| q.revisit),
        }
    }

    /// Sourced + influenced revenue, trailing 12 months.
    #[must_use]
    pub fn t12m_revenue(&self) -> i64 {
        self.t12m_sourced.saturating_add(self.t12m_influenced)
    }

    /// `enable 33mo`: the stage and how long in it.
    #[must_use]
    pub fn stage_short(&self) -> String {
        format!(
            "{} {}",
            self.stage,
            super::lifecycle::short_span(self.stage_days)
        )
    }

    /// `70% to Gold` or `Top tier` (as `TierProgress::short`).
    #[must_use]
    pub fn progress_short(&self) -> String {
        progress_short(self.next_tier, self.progress)
    }
}
