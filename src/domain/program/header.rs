//! Program KPIs, the header of the health dashboard (docs/rules.md,
//! "Program KPIs"): from the list rows alone, by the program's own rules
//! (activation counts signed partners, as the Program screen does).

use serde::{Deserialize, Serialize};

use crate::domain::config::ProgramConfig;
use crate::domain::health::Band;
use crate::domain::list_row::ListRow;
use crate::domain::qbr::Completion;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramKpis {
    /// Partner-sourced revenue, trailing 12 months, all active partners.
    pub sourced_t12m: i64,
    /// Signed partners with 1+ won deal in the trailing 12 months.
    pub active_partners: usize,
    /// Partners not archived.
    pub total_partners: usize,
    /// Signed partners (past recruit): what activation is over.
    pub signed_partners: usize,
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
        let signed = rows.clone().filter(|r| super::counts(r.stage, r.archived));
        let signed_count = signed.clone().count();
        let active = signed.filter(|r| r.won_deals_t12m > 0).count();
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
            signed_partners: signed_count,
            activation_pct: super::activation(active, signed_count, cfg).0.unwrap_or(0),
            activation_target_pct: cfg.kpi.activation_target_pct,
            average_health,
            bands,
            qbr: Completion::of(rows.map(|r| r.qbr_tally), cfg),
        }
    }
}
