//! Every rule applied to every partner, once per load or change.
//!
//! Screens, the CLI and exports read these summaries; none of them computes a
//! score or a tier on its own, and nothing is recomputed per frame. The
//! summary types live in [`super::summary`]; this module sits above every
//! rule and fills them in.

use chrono::{Months, NaiveDate};

use super::book::{Book, CampaignStatus, DealStage, PartnerFile, QbrStatus, Segment, YearMonth};
use super::config::{MatrixRules, ProgramConfig};
use super::health::{health_and_trend, twelve_months};
use super::matrix::{Placement, place_at};
use super::qbr::{next_qbr, tally};
use super::segments::{SegmentInputs, derive_segment, touch_status};
use super::summary::{Analysis, PartnerSummary};
use super::tiers::tier_status;
use super::triage::partner_entries;

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
    let file = &*crate::domain::coverage::as_scored(file, &cfg.coverage);
    let p = &file.partner;
    let (health, trend) = health_and_trend(file, today, cfg);
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
        lifecycle: super::lifecycle::LifecycleStatus::of(file, today, &cfg.lifecycle),
        today: Vec::new(),
    };
    summary.today = partner_entries(file, &summary, today, cfg);
    summary
}

/// Place a partner on the value matrix, given the summary the analysis
/// already made of it.
#[must_use]
pub fn place(file: &PartnerFile, summary: &PartnerSummary, rules: &MatrixRules) -> Placement {
    place_at(file, summary.t12m_revenue(), rules)
}
