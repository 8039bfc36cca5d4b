//! Every rule applied to every partner, once per load or change.
//!
//! Screens, the CLI and exports read these summaries; none of them computes a
//! score or a tier on its own, and nothing is recomputed per frame.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::book::{Book, CampaignStatus, DealStage, PartnerFile, QbrStatus, Segment, YearMonth};
use super::config::ProgramConfig;
use super::health::{Health, Trend, health, trend, twelve_months};
use super::matrix::{Placement, place_at};
use super::qbr::{QbrTally, next_qbr, tally};
use super::segments::{SegmentInputs, TouchStatus, derive_segment, touch_status};
use super::tiers::{TierStatus, tier_status};
use super::triage::{TriageEntry, partner_entries};

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
    /// This partner's lines on Today.
    pub today: Vec<TriageEntry>,
}

impl PartnerSummary {
    /// Sourced + influenced revenue, trailing 12 months.
    #[must_use]
    pub fn t12m_revenue(&self) -> i64 {
        self.t12m_sourced.saturating_add(self.t12m_influenced)
    }
}

/// Summaries aligned with `book.partners` (same index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub today: NaiveDate,
    pub partners: Vec<PartnerSummary>,
}

impl Analysis {
    /// Run every rule over the book as of `today`.
    #[must_use]
    pub fn of(book: &Book, today: NaiveDate, cfg: &ProgramConfig) -> Self {
        Analysis {
            today,
            partners: book
                .partners
                .iter()
                .map(|f| summarize(f, today, cfg))
                .collect(),
        }
    }
}

/// Every rule applied to one partner's file.
#[must_use]
pub fn summarize(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> PartnerSummary {
    let p = &file.partner;
    let health = health(file, today, cfg);
    let trend = trend(file, today, health.score, cfg);
    let tier = tier_status(file, today, cfg);
    let (t12m_sourced, t12m_influenced) = twelve_months(file, YearMonth::of(today));
    let (segment, segment_reason) = match p.segment_override {
        Some(s) => (s, "set by hand"),
        None => derive_segment(
            &SegmentInputs {
                kind: p.kind,
                tier: p.tier,
                band: health.band,
                delta: trend.delta,
                progress_pct: tier.progress.percent,
                t12m_revenue: t12m_sourced.saturating_add(t12m_influenced),
            },
            cfg,
        ),
    };
    let touch = touch_status(file, segment, today, cfg);
    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let won_deals_t12m = file
        .deals
        .iter()
        .filter(|d| d.stage == DealStage::Won)
        .filter(|d| d.closed.is_some_and(|c| c > year_ago && c <= today))
        .count();
    let next = next_qbr(file, today).map(|q| (q.date, q.id));
    let needs_qbrs = matches!(segment, Segment::Strategic | Segment::Growth);
    let qbr_needed =
        needs_qbrs && next.is_none_or(|(date, _)| (date - today).num_days() > cfg.qbr.cadence_days);
    let active_contacts = file.contacts.iter().filter(|c| c.active).count();
    let close_to_next_tier =
        tier.progress.next.is_some() && tier.progress.percent >= cfg.tiers.close.min_progress_pct;
    let mut summary = PartnerSummary {
        id: p.id,
        health,
        trend,
        tier,
        segment,
        segment_reason: segment_reason.to_string(),
        touch,
        t12m_sourced,
        t12m_influenced,
        active_contacts,
        single_threaded: active_contacts <= cfg.triage.single_threaded_max,
        close_to_next_tier,
        won_deals_t12m,
        next_qbr: next,
        qbr_needed,
        qbr_tally: tally(&file.qbrs, today, cfg),
        planned_qbrs: file
            .qbrs
            .iter()
            .filter(|q| q.status == QbrStatus::Planned && q.date >= today)
            .count(),
        live_campaigns: file
            .campaigns
            .iter()
            .filter(|c| matches!(c.status, CampaignStatus::Planning | CampaignStatus::Live))
            .count(),
        placement: place_at(
            file,
            t12m_sourced.saturating_add(t12m_influenced),
            &cfg.matrix,
        ),
        today: Vec::new(),
    };
    summary.today = partner_entries(file, &summary, today, cfg);
    summary
}
