//! Properties of the health score and tier progress that hold for any book
//! (SPEC §2, §3).

use partnerdeck::domain::book::{ActivityKind, PartnerFile, PartnerType, StrategicFit, Tier};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::health::{
    Band, Dimension, changes, health, health_and_trend, score_on, trend,
};
use partnerdeck::domain::testing::{
    FileBuilder, activity, days_ago, deal, month, partner_file, today,
};
use partnerdeck::domain::tiers::{TierMetrics, progress, qualified_tier};
use proptest::prelude::*;

/// Everything the score reads, in small ranges around every boundary.
#[derive(Debug, Clone)]
struct Inputs {
    current: (i64, i64),
    prior: (i64, i64),
    deals: Vec<u64>,
    engagement: Option<(u64, bool)>,
    nps: Option<(u64, i32)>,
    fit: StrategicFit,
}

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        (0..2_000_000_i64, 0..500_000_i64),
        (0..2_000_000_i64, 0..500_000_i64),
        prop::collection::vec(0..200_u64, 0..12),
        prop::option::of((0..200_u64, any::<bool>())),
        prop::option::of((0..400_u64, -100..=100_i32)),
        prop::sample::select(StrategicFit::ALL),
    )
        .prop_map(|(current, prior, deals, engagement, nps, fit)| Inputs {
            current,
            prior,
            deals,
            engagement,
            nps,
            fit,
        })
}

fn file_of(i: &Inputs) -> PartnerFile {
    let mut file = partner_file("Prop")
        .with_revenue(month(2026, 4), i.current.0, i.current.1)
        .with_revenue(month(2025, 4), i.prior.0, i.prior.1);
    for d in &i.deals {
        file = file.with_deal(deal(days_ago(*d)));
    }
    if let Some((d, training)) = i.engagement {
        let kind = if training {
            ActivityKind::Training
        } else {
            ActivityKind::PortalLogin
        };
        file = file.with_activity(days_ago(d), kind);
    }
    if let Some((d, score)) = i.nps {
        file = file.with_nps(days_ago(d), score);
    }
    file.partner.fit = i.fit;
    file
}

fn revenue_points(current: i64, prior: i64, cfg: &ProgramConfig) -> u32 {
    let file = partner_file("Prop")
        .with_revenue(month(2026, 4), current, 0)
        .with_revenue(month(2025, 4), prior, 0);
    health(&file, today(), cfg)
        .dimensions
        .iter()
        .find(|d| d.dimension == Dimension::Revenue)
        .map(|d| d.points)
        .expect("revenue is scored")
}

fn metrics() -> impl Strategy<Value = (u32, u32)> {
    (0..80_u32, 0..8_u32)
}

proptest! {
    #[test]
    fn the_score_is_0_to_100_and_a_multiple_of_5(i in inputs()) {
        let cfg = ProgramConfig::default();
        let h = health(&file_of(&i), today(), &cfg);
        prop_assert!(h.score <= 100);
        prop_assert_eq!(h.score % 5, 0);
        prop_assert_eq!(h.score, h.dimensions.iter().map(|d| d.points).sum::<u32>());
        prop_assert_eq!(h.band, Band::of(h.score, &cfg));
        for d in &h.dimensions {
            prop_assert!(d.points <= d.max, "{:?}", d);
            prop_assert!(!d.reason.is_empty());
        }
    }

    #[test]
    fn the_sparkline_has_12_points_ending_with_todays_score(i in inputs()) {
        let cfg = ProgramConfig::default();
        let file = file_of(&i);
        let h = health(&file, today(), &cfg);
        let t = trend(&file, today(), h.score, &cfg);
        prop_assert_eq!(t.weekly.len(), 12);
        prop_assert_eq!(t.weekly.last().copied(), Some(h.score));
        prop_assert!(t.weekly.iter().all(|p| *p <= 100 && p % 5 == 0));
    }

    #[test]
    fn more_growth_never_lowers_revenue_points(
        prior in 0..1_000_000_i64,
        low in 0..2_000_000_i64,
        extra in 0..2_000_000_i64,
    ) {
        let cfg = ProgramConfig::default();
        let a = revenue_points(low, prior, &cfg);
        let b = revenue_points(low + extra, prior, &cfg);
        prop_assert!(a <= b, "current {} → {a}, {} → {b} (prior {prior})", low, low + extra);
    }

    #[test]
    fn tier_progress_is_0_to_100_percent(
        arr in 0..2_000_000_i64,
        (referrals, certified) in metrics(),
        tier in prop::sample::select(Tier::ALL),
    ) {
        let cfg = ProgramConfig::default();
        let m = TierMetrics { sourced_arr: arr, referrals, certified };
        let p = progress(tier, Some(PartnerType::Reseller), &m, &cfg);
        prop_assert!(p.percent <= 100);
        prop_assert!(p.percent <= p.path_percent && p.percent <= p.cert_percent);
        prop_assert!(p.label.starts_with(&p.short()), "{} / {}", p.label, p.short());
    }

    #[test]
    fn tier_progress_is_monotone_in_arr(
        arr in 0..1_000_000_i64,
        extra in 0..1_000_000_i64,
        (referrals, certified) in metrics(),
        tier in prop::sample::select(Tier::ALL),
    ) {
        let cfg = ProgramConfig::default();
        let at = |sourced_arr| {
            let m = TierMetrics { sourced_arr, referrals, certified };
            progress(tier, Some(PartnerType::Reseller), &m, &cfg).percent
        };
        prop_assert!(at(arr) <= at(arr + extra));
    }

    #[test]
    fn the_qualified_tier_is_monotone_in_arr(
        arr in 0..1_000_000_i64,
        extra in 0..1_000_000_i64,
        (referrals, certified) in metrics(),
    ) {
        let cfg = ProgramConfig::default();
        let at = |sourced_arr| {
            let m = TierMetrics { sourced_arr, referrals, certified };
            qualified_tier(Some(PartnerType::Si), &m, &cfg)
        };
        prop_assert!(at(arr) <= at(arr + extra));
    }

    /// The analysis makes health and trend together, reading each kind of
    /// record once for every week: each number must be what scoring that
    /// day on its own gives, on histories spread over many months with
    /// activities of every kind in any order.
    #[test]
    fn health_and_trend_together_are_each_day_scored_alone(
        months in prop::collection::vec((0..30_u32, 0..400_000_i64, 0..100_000_i64), 0..20),
        deals in prop::collection::vec(0..200_u64, 0..12),
        acts in prop::collection::vec((0..200_u64, prop::sample::select(ActivityKind::ALL)), 0..12),
        nps in prop::collection::vec((0..400_u64, -100..=100_i32), 0..4),
        fit in prop::sample::select(StrategicFit::ALL),
    ) {
        let cfg = ProgramConfig::default();
        let mut file = partner_file("Prop");
        for (back, sourced, influenced) in months {
            let m = today().checked_sub_months(chrono::Months::new(back)).expect("a month back");
            file = file.with_revenue(
                month(chrono::Datelike::year(&m), chrono::Datelike::month(&m)),
                sourced,
                influenced,
            );
        }
        for d in deals {
            file = file.with_deal(deal(days_ago(d)));
        }
        for (d, score) in nps {
            file = file.with_nps(days_ago(d), score);
        }
        // In the order drawn, not by date: the last one on or before a
        // day counts.
        for (i, (d, kind)) in acts.into_iter().enumerate() {
            let mut a = activity(days_ago(d), kind);
            a.id = i64::try_from(i).expect("few") + 1;
            file.activities.push(a);
        }
        file.partner.fit = fit;
        let (h, t) = health_and_trend(&file, today(), &cfg);
        prop_assert_eq!(&h, &health(&file, today(), &cfg));
        prop_assert_eq!(&t, &trend(&file, today(), h.score, &cfg));
        let weeks = t.weekly.len();
        for (i, point) in t.weekly.iter().enumerate() {
            let back = u64::try_from(7 * (weeks - 1 - i)).expect("small");
            prop_assert_eq!(*point, score_on(&file, days_ago(back), &cfg), "week {}", i);
        }
        prop_assert_eq!(&t.changes, &changes(&file, days_ago(30), today(), &cfg));
        prop_assert_eq!(t.previous_score, score_on(&file, days_ago(30), &cfg));
    }
}
