//! Open pipeline (docs/rules.md, "Open pipeline"), for the QBR's "Pipeline
//! review": the open deals of a partner grouped by stage with their value,
//! and the deals that are stuck.
//!
//! A deal is *open* when it is neither won nor lost; it is *stuck* when it
//! has had no stage change for `deals.stuck_days` (default 30) days or more.
//! Everything is as of `today`, so the QBR agenda can ask the same question
//! as of the QBR date.

use chrono::NaiveDate;
use serde::Serialize;

use super::book::{Deal, DealStage, PartnerFile};
use super::config::ProgramConfig;

/// The open stages, in pipeline order.
pub const OPEN_STAGES: [DealStage; 4] = [
    DealStage::Registered,
    DealStage::Qualified,
    DealStage::Proposal,
    DealStage::Negotiation,
];

/// Whole days a deal has sat in its current stage (never negative).
#[must_use]
pub fn days_in_stage(deal: &Deal, today: NaiveDate) -> i64 {
    (today - deal.stage_changed).num_days().max(0)
}

/// An open deal with no stage change for `stuck_days` or more.
#[must_use]
pub fn is_stuck(deal: &Deal, today: NaiveDate, cfg: &ProgramConfig) -> bool {
    deal.stage.is_open() && days_in_stage(deal, today) >= cfg.deals.stuck_days
}

/// One open deal as the pipeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenDeal {
    pub id: i64,
    pub name: String,
    /// None when the deal has no amount yet (shown as "—").
    pub value: Option<i64>,
    pub stage: DealStage,
    pub days_in_stage: i64,
    pub stuck: bool,
}

/// Count and value of the open deals at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageTotal {
    pub stage: DealStage,
    pub count: usize,
    pub value: i64,
    /// This stage's deals, largest value first (then oldest in stage).
    pub deals: Vec<OpenDeal>,
}

/// A partner's open pipeline as of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pipeline {
    /// Every open stage in pipeline order, empty ones included.
    pub stages: Vec<StageTotal>,
    pub count: usize,
    pub value: i64,
    pub stuck: usize,
}

impl Pipeline {
    /// The stuck deals, longest stuck first.
    #[must_use]
    pub fn stuck_deals(&self) -> Vec<&OpenDeal> {
        let mut out: Vec<&OpenDeal> = self
            .stages
            .iter()
            .flat_map(|s| s.deals.iter())
            .filter(|d| d.stuck)
            .collect();
        out.sort_by_key(|d| (std::cmp::Reverse(d.days_in_stage), d.id));
        out
    }
}

/// The open pipeline of a partner as of `today`: deals registered on or
/// before `today` that are neither won nor lost, grouped by stage.
#[must_use]
pub fn open_pipeline(file: &PartnerFile, today: NaiveDate, cfg: &ProgramConfig) -> Pipeline {
    let stages: Vec<StageTotal> = OPEN_STAGES
        .iter()
        .map(|&stage| {
            let mut deals: Vec<OpenDeal> = file
                .deals
                .iter()
                .filter(|d| d.stage == stage && d.registered <= today)
                .map(|d| OpenDeal {
                    id: d.id,
                    name: d.name.clone(),
                    value: d.value,
                    stage,
                    days_in_stage: days_in_stage(d, today),
                    stuck: is_stuck(d, today, cfg),
                })
                .collect();
            deals.sort_by_key(|d| {
                (
                    std::cmp::Reverse(d.value),
                    std::cmp::Reverse(d.days_in_stage),
                    d.id,
                )
            });
            StageTotal {
                stage,
                count: deals.len(),
                value: deals
                    .iter()
                    .fold(0_i64, |sum, d| sum.saturating_add(d.value.unwrap_or(0))),
                deals,
            }
        })
        .collect();
    Pipeline {
        count: stages.iter().map(|s| s.count).sum(),
        value: stages
            .iter()
            .fold(0_i64, |sum, s| sum.saturating_add(s.value)),
        stuck: stages
            .iter()
            .flat_map(|s| s.deals.iter())
            .filter(|d| d.stuck)
            .count(),
        stages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{FileBuilder, date, deal, partner_file};

    fn at(stage: DealStage, value: i64, changed: NaiveDate) -> Deal {
        let mut d = deal(date(2026, 1, 5));
        d.stage = stage;
        d.value = Some(value);
        d.stage_changed = changed;
        d
    }

    #[test]
    fn a_deal_is_stuck_from_the_thirtieth_day_without_a_stage_change() {
        let cfg = ProgramConfig::default();
        assert_eq!(cfg.deals.stuck_days, 30);
        let changed = date(2026, 10, 1);
        let d = at(DealStage::Proposal, 10_000, changed);
        let day = |n: u64| changed + chrono::Days::new(n);
        assert!(!is_stuck(&d, day(29), &cfg));
        assert!(is_stuck(&d, day(30), &cfg));
        assert!(is_stuck(&d, day(31), &cfg));
        assert_eq!(days_in_stage(&d, day(31)), 31);
    }

    #[test]
    fn closed_deals_are_never_stuck_and_the_threshold_comes_from_config() {
        let mut cfg = ProgramConfig::default();
        let today = date(2026, 11, 25);
        let old = date(2026, 1, 1);
        assert!(!is_stuck(&at(DealStage::Won, 1, old), today, &cfg));
        assert!(!is_stuck(&at(DealStage::Lost, 1, old), today, &cfg));
        let recent = at(DealStage::Qualified, 1, date(2026, 11, 15));
        assert!(!is_stuck(&recent, today, &cfg));
        cfg.deals.stuck_days = 10;
        assert!(is_stuck(&recent, today, &cfg));
    }

    #[test]
    fn a_stage_change_after_the_day_counts_as_zero_days() {
        let d = at(DealStage::Proposal, 1, date(2026, 12, 1));
        assert_eq!(days_in_stage(&d, date(2026, 11, 25)), 0);
    }

    #[test]
    fn open_deals_are_grouped_by_stage_with_counts_and_values() {
        let cfg = ProgramConfig::default();
        let today = date(2026, 11, 25);
        let file = partner_file("Litware")
            .with_deal(at(DealStage::Registered, 10_000, date(2026, 11, 20)))
            .with_deal(at(DealStage::Proposal, 48_000, date(2026, 10, 10)))
            .with_deal(at(DealStage::Proposal, 12_000, date(2026, 11, 1)))
            .with_deal(at(DealStage::Won, 99_000, date(2026, 9, 1)))
            .with_deal(at(DealStage::Lost, 5_000, date(2026, 9, 1)));
        let p = open_pipeline(&file, today, &cfg);
        let shape: Vec<(DealStage, usize, i64)> = p
            .stages
            .iter()
            .map(|s| (s.stage, s.count, s.value))
            .collect();
        assert_eq!(
            shape,
            vec![
                (DealStage::Registered, 1, 10_000),
                (DealStage::Qualified, 0, 0),
                (DealStage::Proposal, 2, 60_000),
                (DealStage::Negotiation, 0, 0),
            ]
        );
        assert_eq!((p.count, p.value, p.stuck), (3, 70_000, 1));
        let proposal = &p.stages[2].deals;
        assert_eq!(proposal[0].value, Some(48_000), "largest first");
        assert!(proposal[0].stuck);
        assert_eq!(proposal[0].days_in_stage, 46);
        assert!(!proposal[1].stuck);
        let stuck = p.stuck_deals();
        assert_eq!(stuck.len(), 1);
        assert_eq!(stuck[0].value, Some(48_000));
    }

    #[test]
    fn deals_registered_after_the_day_are_not_in_its_pipeline() {
        let cfg = ProgramConfig::default();
        let mut later = at(DealStage::Registered, 7_000, date(2026, 12, 2));
        later.registered = date(2026, 12, 2);
        let file = partner_file("Litware").with_deal(later);
        let p = open_pipeline(&file, date(2026, 11, 25), &cfg);
        assert_eq!((p.count, p.value), (0, 0));
        assert_eq!(p.stages.len(), 4);
        assert!(p.stuck_deals().is_empty());
    }
}
