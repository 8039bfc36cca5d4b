//! What moved in a partner's health over the trend window (docs/rules.md,
//! "Trend"): each dimension's points then and now and, for those that
//! moved, what the book shows then and now (`2 deals in 91 days, was 4`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Dimension, Finding, findings};
use crate::domain::book::PartnerFile;
use crate::domain::config::ProgramConfig;
use crate::domain::format::{money, plural};

/// One dimension's points at the start of the window and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionChange {
    pub dimension: Dimension,
    pub before: u32,
    pub after: u32,
    /// What the book shows now and then, when the points moved:
    /// `2 deals in 91 days, was 4`; empty otherwise.
    pub what: String,
}

impl DimensionChange {
    /// Points gained (positive) or lost (negative).
    #[must_use]
    pub fn delta(&self) -> i64 {
        i64::from(self.after) - i64::from(self.before)
    }

    /// `activity 20 → 10: 2 deals in 91 days, was 4`.
    #[must_use]
    pub fn line(&self) -> String {
        format!(
            "{} {} → {}: {}",
            self.dimension.title().to_lowercase(),
            self.before,
            self.after,
            self.what
        )
    }
}

/// Each dimension's points as of `since` and as of `today`, in the order of
/// the score.
#[must_use]
pub fn changes(
    file: &PartnerFile,
    since: NaiveDate,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<DimensionChange> {
    between(
        &findings(file, since, cfg),
        &findings(file, today, cfg),
        cfg,
    )
}

/// Each dimension's points found then and now, and what moved.
pub(super) fn between(
    then: &[(Dimension, u32, Finding); 5],
    now: &[(Dimension, u32, Finding); 5],
    cfg: &ProgramConfig,
) -> Vec<DimensionChange> {
    then.iter()
        .zip(now.iter())
        .map(
            |((dimension, before, then), (_, after, now))| DimensionChange {
                dimension: *dimension,
                before: *before,
                after: *after,
                what: if before == after {
                    String::new()
                } else {
                    format!("{}, was {}", measure(now, cfg), was(then, cfg))
                },
            },
        )
        .collect()
}

/// The dimensions that moved, biggest fall first: `activity 20 → 10: …`.
#[must_use]
pub fn moved(changes: &[DimensionChange]) -> Vec<&DimensionChange> {
    let mut out: Vec<&DimensionChange> = changes.iter().filter(|c| c.delta() != 0).collect();
    out.sort_by_key(|c| c.delta());
    out
}

/// What a dimension measured, in a few words: `2 deals in 91 days`.
fn measure(f: &Finding, cfg: &ProgramConfig) -> String {
    match *f {
        Finding::Revenue { current, .. } => format!("T12M {}", money(current, &cfg.currency)),
        Finding::Activity { deals, window_days } => {
            format!("{} in {window_days} days", plural(deals, "deal", "deals"))
        }
        Finding::Engagement { last: None, .. } => "no portal login or training".to_string(),
        Finding::Engagement {
            last: Some((_, what)),
            days,
            ..
        } => format!("last {what} {} ago", plural(days, "day", "days")),
        Finding::Satisfaction { latest: None } => "no NPS".to_string(),
        Finding::Satisfaction {
            latest: Some((_, score)),
        } => format!("NPS {score}"),
        Finding::Fit(fit) => format!("{fit} fit"),
    }
}

/// The same measure then, shorter: `4`, `$520K`, `9 days ago`.
fn was(f: &Finding, cfg: &ProgramConfig) -> String {
    match *f {
        Finding::Revenue { current, .. } => money(current, &cfg.currency),
        Finding::Activity { deals, .. } => deals.to_string(),
        Finding::Engagement { last: None, .. } | Finding::Satisfaction { latest: None } => {
            "none".to_string()
        }
        Finding::Engagement { days, .. } => format!("{} ago", plural(days, "day", "days")),
        Finding::Satisfaction {
            latest: Some((_, score)),
        } => score.to_string(),
        Finding::Fit(fit) => fit.to_string(),
    }
}
