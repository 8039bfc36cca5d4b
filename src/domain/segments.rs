//! Segments and touch cadence (docs/rules.md, "Segments and touch cadence").
//!
//! The segment says how much attention a partner gets; the cadence turns that
//! into "touch every N days", and a partner whose last touch is older than
//! its cadence is overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::book::{PartnerFile, PartnerType, Segment, Tier};
use super::config::ProgramConfig;
use super::health::Band;

/// What the segment is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentInputs {
    pub kind: Option<PartnerType>,
    pub tier: Tier,
    pub band: Band,
    /// 30-day health delta.
    pub delta: i32,
    /// Progress to the next tier, whole percent.
    pub progress_pct: u32,
    /// Sourced + influenced revenue, trailing 12 months.
    pub t12m_revenue: i64,
}

/// The derived segment and the reason for it.
#[must_use]
pub fn derive_segment(i: &SegmentInputs, cfg: &ProgramConfig) -> (Segment, &'static str) {
    // The order is docs/rules.md's: a Registered partner climbing toward
    // Silver is growth, an unactivated one is long tail, and only then is a
    // weak score a rescue.
    if i.kind == Some(PartnerType::Strategic) || i.tier == Tier::Platinum {
        (Segment::Strategic, "strategic partner or Platinum tier")
    } else if i.delta > 0 && i.progress_pct >= cfg.segments.growth_min_progress_pct {
        (
            Segment::Growth,
            "health rising and well on the way to the next tier",
        )
    } else if i.tier == Tier::Registered && i.t12m_revenue == 0 {
        (Segment::LongTail, "Registered with no revenue")
    } else if i.band.rank() <= Band::AtRisk.rank() {
        (Segment::AtRisk, "health At-risk or worse")
    } else {
        (Segment::Stable, "steady")
    }
}

/// How the playbook's "Partner Segmentation" manages a segment.
#[must_use]
pub fn approach(s: Segment) -> &'static str {
    match s {
        Segment::Strategic => "white glove, executive sponsor",
        Segment::Growth => "regular QBRs, proactive support",
        Segment::Stable => "quarterly touch, self-service",
        Segment::AtRisk => "intervention plan",
        Segment::LongTail => "automated, pooled support",
    }
}

/// Readable segment name. The `at_risk` segment reads "rescue", so it is
/// never taken for the At-risk band.
#[must_use]
pub fn segment_title(s: Segment) -> &'static str {
    match s {
        Segment::Strategic => "strategic",
        Segment::Growth => "growth",
        Segment::Stable => "stable",
        Segment::AtRisk => "rescue",
        Segment::LongTail => "long-tail",
    }
}

/// When the partner was last touched and whether that is too long ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchStatus {
    #[serde(serialize_with = "crate::domain::dates::iso_opt")]
    pub last_touch: Option<NaiveDate>,
    /// Days since the last touch; None when never touched.
    pub days_since: Option<i64>,
    pub cadence_days: i64,
    pub overdue: bool,
}

/// Touch status for a partner in a segment, as of `today`.
#[must_use]
pub fn touch_status(
    file: &PartnerFile,
    segment: Segment,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> TouchStatus {
    let last_touch = file
        .activities
        .iter()
        .rev()
        .filter(|a| a.date <= today)
        .find(|a| a.kind.is_touch())
        .map(|a| a.date);
    let days_since = last_touch.map(|d| (today - d).num_days());
    let cadence_days = cfg.cadence.days(segment);
    TouchStatus {
        last_touch,
        days_since,
        cadence_days,
        overdue: days_since.is_none_or(|d| d > cadence_days),
    }
}
