//! Monthly revenue that adds up to the planned trailing-12-month figures and
//! grows (or shrinks) by the planned rate year over year.
//!
//! Each month's amount is `season[month of year] × rate^k`: both 12-month
//! windows see every calendar month once, so current / prior is exactly the
//! yearly rate, whatever the seasonality, and the health dimension lands on
//! its planned step.

use chrono::NaiveDate;

use crate::domain::book::{Revenue, YearMonth};
use crate::domain::config::ProgramConfig;

use super::levels::RevShape;
use super::plan::MetricPlan;
use super::rng::{Rng, float, whole};

/// Months of history before the current one: two years, plus three so the
/// 12-week sparkline also sees a full prior year.
const HISTORY: i64 = 26;

/// Revenue rows, oldest first, ending with `today`'s month.
pub(crate) fn monthly(
    shape: RevShape,
    m: &MetricPlan,
    rng: &mut Rng,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<Revenue> {
    if shape == RevShape::None || !m.has_revenue() {
        return Vec::new();
    }
    let now = YearMonth::of(today);
    let season: Vec<f64> = (0..12).map(|_| rng.between(0.8, 1.2)).collect();
    let weights: Vec<(i64, f64)> = if shape == RevShape::New {
        // A ramp from a start 3 to 9 months ago: nothing the year before.
        let start = -rng.range(3, 9);
        (start..=0).map(|k| (k, float(k - start + 1))).collect()
    } else {
        let yearly = 1.0 + growth(shape, rng, cfg);
        let rate = yearly.powf(1.0 / 12.0);
        (-HISTORY..=0)
            .map(|k| {
                let month = now.plus(k).month;
                let s = season[usize::try_from(month).unwrap_or(1) - 1];
                (k, s * rate.powf(float(k)))
            })
            .collect()
    };
    let current: f64 = weights
        .iter()
        .filter(|(k, _)| *k > -12)
        .map(|(_, w)| w)
        .sum();
    if current <= 0.0 {
        return Vec::new();
    }
    let (arr, infl) = (float(m.arr), float(m.influenced));
    weights
        .iter()
        .map(|&(k, w)| Revenue {
            month: now.plus(k),
            sourced: whole(arr * w / current),
            influenced: whole(infl * w / current),
        })
        .collect()
}

/// Yearly growth, as a fraction, well inside the planned step.
fn growth(shape: RevShape, rng: &mut Rng, cfg: &ProgramConfig) -> f64 {
    let r = &cfg.health.revenue;
    let (strong, flat) = (r.strong_growth_pct, r.flat_pct);
    let pct = match shape {
        RevShape::Strong => strong + rng.between(8.0, 40.0),
        RevShape::Growing => flat + (strong - flat) * rng.between(0.35, 0.65),
        RevShape::Flat => flat * rng.between(-0.25, 0.25),
        _ => -(flat + rng.between(8.0, 30.0)).min(80.0),
    };
    pct / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::health::growth_pct;

    fn plan(arr: i64, influenced: i64) -> MetricPlan {
        MetricPlan {
            arr,
            influenced,
            referrals: 0,
            certified: 0,
            lapsed_days: None,
            expiring_soon: false,
        }
    }

    fn sum(rows: &[Revenue], from: YearMonth, to: YearMonth) -> i64 {
        rows.iter()
            .filter(|r| r.month >= from && r.month <= to)
            .map(|r| r.sourced + r.influenced)
            .sum()
    }

    #[test]
    fn growth_lands_in_its_step_and_the_year_adds_up() {
        let cfg = ProgramConfig::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let now = YearMonth::of(today);
        let mut rng = Rng::new(4);
        for (shape, lo, hi) in [
            (RevShape::Strong, 20.0, 1000.0),
            (RevShape::Growing, 2.0, 20.0),
            (RevShape::Flat, -2.0, 2.0),
            (RevShape::Declining, -100.0, -2.0),
        ] {
            let rows = monthly(shape, &plan(60_000, 20_000), &mut rng, today, &cfg);
            assert_eq!(rows.len(), 27);
            let cur = sum(&rows, now.plus(-11), now);
            let prior = sum(&rows, now.plus(-23), now.plus(-12));
            let g = growth_pct(cur, prior);
            assert!(g > lo && g < hi, "{shape:?}: {g}");
            let sourced: i64 = rows
                .iter()
                .filter(|r| r.month > now.plus(-12))
                .map(|r| r.sourced)
                .sum();
            assert!((sourced - 60_000).abs() < 20, "{sourced}");
        }
        let rows = monthly(RevShape::New, &plan(10_000, 0), &mut rng, today, &cfg);
        assert_eq!(sum(&rows, now.plus(-23), now.plus(-12)), 0);
        assert!(monthly(RevShape::None, &plan(5, 5), &mut rng, today, &cfg).is_empty());
    }
}
