//! Program KPIs, the header of the health dashboard (docs/rules.md, "Program KPIs").

use serde::{Deserialize, Serialize};

use super::config::ProgramConfig;
use super::format::percent_of;
use super::health::Band;
use super::list_row::ListRow;
use super::qbr::Completion;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramKpis {
    /// Partner-sourced revenue, trailing 12 months, all active partners.
    pub sourced_t12m: i64,
    /// Partners with 1+ won deal in the trailing 12 months.
    pub active_partners: usize,
    pub total_partners: usize,
    /// active / total, whole percent.
    pub activation_pct: u32,
    pub activation_target_pct: u32,
    /// Mean health score, rounded.
    pub average_health: u32,
    /// Partners per band, Champion first.
    pub bands: Vec<(Band, usize)>,
    pub qbr: Completion,
}

impl ProgramKpis {
    /// KPIs over the rows of the partners that count (not archived).
    #[must_use]
    pub fn of<'a>(rows: impl Iterator<Item = &'a ListRow> + Clone, cfg: &ProgramConfig) -> Self {
        let total = rows.clone().count();
        let active = rows.clone().filter(|r| r.won_deals_t12m > 0).count();
        // A book that scores no one has no average and no bands to count.
        let scored = rows.clone().filter(|r| r.band != Band::NotScored);
        let scored_count = scored.clone().count() as u64;
        let score_sum: u64 = scored.map(|s| u64::from(s.score)).sum();
        let average_health = (score_sum + scored_count / 2)
            .checked_div(scored_count)
            .map_or(0, |avg| u32::try_from(avg).unwrap_or(0));
        let bands = Band::SCORED
            .iter()
            .map(|b| (*b, rows.clone().filter(|r| r.band == *b).count()))
            .collect();
        ProgramKpis {
            sourced_t12m: rows
                .clone()
                .fold(0_i64, |sum, r| sum.saturating_add(r.t12m_sourced)),
            active_partners: active,
            total_partners: total,
            activation_pct: percent_of(active, total).unwrap_or(0),
            activation_target_pct: cfg.kpi.activation_target_pct,
            average_health,
            bands,
            qbr: Completion::of(rows.map(|r| r.qbr_tally), cfg),
        }
    }
}
