//! Program KPIs, the header of the health dashboard (docs/rules.md,
//! "Program KPIs"): from the list rows alone, by the program's own rules
//! (activation counts signed partners, as the Program screen does).

use serde::{Deserialize, Serialize};

use crate::domain::config::ProgramConfig;
use crate::domain::health::Band;
use crate::domain::list_row::ListRow;
use crate::domain::qbr::{Completion, QbrTally};

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
    pub fn of<'a>(rows: impl Iterator<Item = &'a ListRow>, cfg: &ProgramConfig) -> Self {
        let mut tally = KpiTally::default();
        for row in rows {
            tally.add(row);
        }
        tally.kpis(cfg)
    }
}

/// What the KPIs count, kept as sums so that one partner changed moves
/// them by its own row alone (an edit at 50,000 partners need not count
/// them all again): take the row as it was away, add it as it is now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiTally {
    total: usize,
    signed: usize,
    active: usize,
    scored: u64,
    score_sum: u64,
    /// Partners per band, in `Band::SCORED` order.
    bands: [usize; Band::SCORED.len()],
    /// Exact, so a sum is the same whatever order rows came and went in.
    sourced: i128,
    qbr: QbrTally,
}

impl KpiTally {
    /// Count a row in.
    pub fn add(&mut self, r: &ListRow) {
        self.count(r, 1);
    }

    /// Count a row out (as it was counted in).
    pub fn remove(&mut self, r: &ListRow) {
        self.count(r, -1);
    }

    fn count(&mut self, r: &ListRow, sign: i8) {
        fn step<T>(n: &mut T, by: T, sign: i8)
        where
            T: std::ops::AddAssign + std::ops::SubAssign,
        {
            if sign > 0 { *n += by } else { *n -= by }
        }
        step(&mut self.total, 1, sign);
        if super::counts(r.stage, r.archived) {
            step(&mut self.signed, 1, sign);
            if r.won_deals_t12m > 0 {
                step(&mut self.active, 1, sign);
            }
        }
        // A book that scores no one has no average and no bands to count.
        if r.band != Band::NotScored {
            step(&mut self.scored, 1, sign);
            step(&mut self.score_sum, u64::from(r.score), sign);
        }
        if let Some(b) = Band::SCORED.iter().position(|b| *b == r.band) {
            step(&mut self.bands[b], 1, sign);
        }
        step(&mut self.sourced, i128::from(r.t12m_sourced), sign);
        step(&mut self.qbr.held, r.qbr_tally.held, sign);
        step(&mut self.qbr.missed, r.qbr_tally.missed, sign);
    }

    /// The KPIs of the rows counted.
    #[must_use]
    pub fn kpis(&self, cfg: &ProgramConfig) -> ProgramKpis {
        let average_health = (self.score_sum + self.scored / 2)
            .checked_div(self.scored)
            .map_or(0, |avg| u32::try_from(avg).unwrap_or(0));
        ProgramKpis {
            sourced_t12m: i64::try_from(self.sourced).unwrap_or(if self.sourced < 0 {
                i64::MIN
            } else {
                i64::MAX
            }),
            active_partners: self.active,
            total_partners: self.total,
            signed_partners: self.signed,
            activation_pct: super::activation(self.active, self.signed, cfg)
                .0
                .unwrap_or(0),
            activation_target_pct: cfg.kpi.activation_target_pct,
            average_health,
            bands: Band::SCORED.iter().copied().zip(self.bands).collect(),
            qbr: Completion::of(std::iter::once(self.qbr), cfg),
        }
    }
}
