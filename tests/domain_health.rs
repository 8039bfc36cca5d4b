//! SPEC §2: the health score, dimension by dimension, its bands and its trend.
//!
//! Every test builds one partner file, scores it as of a fixed `today` and
//! checks what the manager sees: the points, the reason and the band.

use partnerdeck::domain::book::{ActivityKind, PartnerFile, StrategicFit};
use partnerdeck::domain::health::{
    Band, Dimension, DimensionScore, Health, health, score_on, trend,
};
use partnerdeck::domain::testing::{
    FileBuilder, cfg, date, days_ago, deal, month, partner_file, today,
};

fn scored(file: &PartnerFile) -> Health {
    health(file, today(), &cfg())
}

fn dim(file: &PartnerFile, which: Dimension) -> DimensionScore {
    scored(file)
        .dimensions
        .into_iter()
        .find(|d| d.dimension == which)
        .expect("every dimension is scored")
}

fn points(file: &PartnerFile, which: Dimension) -> u32 {
    dim(file, which).points
}

// ---------------------------------------------------------------- revenue

/// Current T12M (Dec 2025 – Nov 2026) and prior (Dec 2024 – Nov 2025), one
/// month of sourced revenue each.
fn with_growth(current: i64, prior: i64) -> PartnerFile {
    partner_file("Acme")
        .with_revenue(month(2026, 6), current, 0)
        .with_revenue(month(2025, 6), prior, 0)
}

#[test]
fn revenue_growth_of_20_percent_scores_30() {
    let d = dim(&with_growth(120_000, 100_000), Dimension::Revenue);
    assert_eq!((d.points, d.max), (30, 30));
    assert_eq!(
        d.reason,
        "revenue +20% YoY (T12M $120K vs $100K): strong growth"
    );
}

#[test]
fn revenue_growth_just_under_20_percent_scores_20() {
    let d = dim(&with_growth(119_900, 100_000), Dimension::Revenue);
    assert_eq!(d.points, 20);
    assert!(d.reason.contains("+19.9%"), "{}", d.reason);
    assert!(d.reason.ends_with("growing"), "{}", d.reason);
}

#[test]
fn revenue_growth_of_2_percent_scores_20() {
    assert_eq!(
        points(&with_growth(102_000, 100_000), Dimension::Revenue),
        20
    );
}

#[test]
fn revenue_within_2_percent_either_way_is_flat_and_scores_10() {
    let up = dim(&with_growth(101_900, 100_000), Dimension::Revenue);
    assert_eq!(up.points, 10);
    assert!(up.reason.contains("+1.9%"), "{}", up.reason);
    assert!(up.reason.ends_with("flat"), "{}", up.reason);
    let down = dim(&with_growth(98_100, 100_000), Dimension::Revenue);
    assert_eq!(down.points, 10);
    assert!(down.reason.contains("-1.9%"), "{}", down.reason);
}

#[test]
fn revenue_decline_of_2_percent_scores_0() {
    let d = dim(&with_growth(98_000, 100_000), Dimension::Revenue);
    assert_eq!(d.points, 0);
    assert!(d.reason.contains("-2%"), "{}", d.reason);
    assert!(d.reason.ends_with("declining"), "{}", d.reason);
}

#[test]
fn revenue_reason_reads_like_the_spec_example() {
    let d = dim(&with_growth(450_000, 333_333), Dimension::Revenue);
    assert_eq!(d.points, 30);
    let line = d.to_string();
    assert!(
        line.starts_with("revenue +35% YoY (T12M $450K vs $333K)"),
        "{line}"
    );
    assert!(line.ends_with("→ 30/30"), "{line}");
}

#[test]
fn revenue_counts_sourced_and_influenced() {
    let file = partner_file("Acme")
        .with_revenue(month(2026, 6), 60_000, 60_000)
        .with_revenue(month(2025, 6), 50_000, 50_000);
    let d = dim(&file, Dimension::Revenue);
    assert_eq!(d.points, 30);
    assert!(d.reason.contains("T12M $120K vs $100K"), "{}", d.reason);
}

#[test]
fn new_revenue_with_nothing_the_year_before_scores_30() {
    let file = partner_file("Acme").with_revenue(month(2026, 3), 5_000, 0);
    let d = dim(&file, Dimension::Revenue);
    assert_eq!(d.points, 30);
    assert!(d.reason.contains("new revenue"), "{}", d.reason);
    assert!(d.reason.contains("$5K"), "{}", d.reason);
}

#[test]
fn no_revenue_in_either_year_scores_0_and_says_so() {
    let d = dim(&partner_file("Acme"), Dimension::Revenue);
    assert_eq!(d.points, 0);
    assert!(d.reason.starts_with("no revenue"), "{}", d.reason);
}

#[test]
fn revenue_12_months_back_belongs_to_the_prior_window() {
    // Today is in Nov 2026: the current window is Dec 2025 – Nov 2026, so
    // Nov 2025 is the last month of the prior window.
    let prior_only = partner_file("Acme").with_revenue(month(2025, 11), 10_000, 0);
    let d = dim(&prior_only, Dimension::Revenue);
    assert_eq!(d.points, 0);
    assert!(d.reason.contains("T12M $0 vs $10K"), "{}", d.reason);

    let current_only = partner_file("Acme").with_revenue(month(2025, 12), 10_000, 0);
    let d = dim(&current_only, Dimension::Revenue);
    assert_eq!(d.points, 30);
    assert!(d.reason.contains("new revenue"), "{}", d.reason);
}

#[test]
fn revenue_window_ends_with_todays_month() {
    // Revenue booked this month counts; next month's (a forecast) does not.
    let this_month = partner_file("Acme")
        .with_revenue(month(2026, 11), 12_000, 0)
        .with_revenue(month(2025, 11), 10_000, 0);
    assert_eq!(points(&this_month, Dimension::Revenue), 30);

    let next_month = partner_file("Acme")
        .with_revenue(month(2026, 12), 12_000, 0)
        .with_revenue(month(2025, 11), 10_000, 0);
    assert_eq!(points(&next_month, Dimension::Revenue), 0);
}

#[test]
fn revenue_older_than_24_months_is_ignored() {
    let file = partner_file("Acme").with_revenue(month(2024, 11), 50_000, 0);
    let d = dim(&file, Dimension::Revenue);
    assert_eq!(d.points, 0);
    assert!(d.reason.starts_with("no revenue"), "{}", d.reason);
}

// ---------------------------------------------------------------- activity

fn with_deals(n: u64) -> PartnerFile {
    (0..n).fold(partner_file("Acme"), |f, i| {
        f.with_deal(deal(days_ago(i * 10)))
    })
}

#[test]
fn five_deals_in_91_days_score_25() {
    let d = dim(&with_deals(5), Dimension::Activity);
    assert_eq!((d.points, d.max), (25, 25));
    assert_eq!(d.reason, "5 deals registered in the last 91 days");
}

#[test]
fn three_or_four_deals_score_20() {
    assert_eq!(points(&with_deals(4), Dimension::Activity), 20);
    assert_eq!(points(&with_deals(3), Dimension::Activity), 20);
}

#[test]
fn one_or_two_deals_score_10() {
    assert_eq!(points(&with_deals(2), Dimension::Activity), 10);
    let one = dim(&with_deals(1), Dimension::Activity);
    assert_eq!(one.points, 10);
    assert_eq!(one.reason, "1 deal registered in the last 91 days");
}

#[test]
fn no_deals_score_0_and_say_so() {
    let d = dim(&with_deals(0), Dimension::Activity);
    assert_eq!(d.points, 0);
    assert_eq!(d.reason, "0 deals registered in the last 91 days");
}

#[test]
fn the_91_day_window_is_today_and_the_90_days_before() {
    // "In the last 91 days" counts 91 calendar days ending today: a deal
    // registered 90 days ago is inside, one registered 91 days ago is not.
    let inside = partner_file("Acme").with_deal(deal(days_ago(90)));
    assert_eq!(points(&inside, Dimension::Activity), 10);
    let outside = partner_file("Acme").with_deal(deal(days_ago(91)));
    assert_eq!(points(&outside, Dimension::Activity), 0);
}

#[test]
fn a_deal_registered_after_today_does_not_count_yet() {
    let file = partner_file("Acme").with_deal(deal(date(2026, 11, 26)));
    assert_eq!(points(&file, Dimension::Activity), 0);
}

// ---------------------------------------------------------------- engagement

fn engaged(days: u64, kind: ActivityKind) -> DimensionScore {
    let file = partner_file("Acme").with_activity(days_ago(days), kind);
    dim(&file, Dimension::Engagement)
}

#[test]
fn engagement_within_7_days_is_weekly_and_scores_20() {
    let d = engaged(7, ActivityKind::PortalLogin);
    assert_eq!((d.points, d.max), (20, 20));
    assert_eq!(d.reason, "last portal login 7 days ago (weekly)");
    assert_eq!(engaged(8, ActivityKind::PortalLogin).points, 15);
}

#[test]
fn engagement_within_31_days_is_monthly_and_scores_15() {
    let d = engaged(31, ActivityKind::Training);
    assert_eq!(d.points, 15);
    assert_eq!(d.reason, "last training 31 days ago (monthly)");
    assert_eq!(engaged(32, ActivityKind::Training).points, 10);
}

#[test]
fn engagement_within_92_days_is_quarterly_and_scores_10() {
    let d = engaged(92, ActivityKind::PortalLogin);
    assert_eq!(d.points, 10);
    assert!(d.reason.ends_with("(quarterly)"), "{}", d.reason);
    let late = engaged(93, ActivityKind::PortalLogin);
    assert_eq!(late.points, 0);
    assert_eq!(late.reason, "last portal login 93 days ago (inactive)");
}

#[test]
fn no_engagement_on_record_scores_0_and_says_so() {
    let d = dim(&partner_file("Acme"), Dimension::Engagement);
    assert_eq!(d.points, 0);
    assert_eq!(d.reason, "no portal login or training on record (inactive)");
}

#[test]
fn touches_are_not_engagement() {
    let file = [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::Qbr,
        ActivityKind::Event,
        ActivityKind::Note,
    ]
    .into_iter()
    .fold(partner_file("Acme"), |f, kind| {
        f.with_activity(days_ago(1), kind)
    });
    let d = dim(&file, Dimension::Engagement);
    assert_eq!(d.points, 0);
    assert!(
        d.reason.starts_with("no portal login or training"),
        "{}",
        d.reason
    );
}

#[test]
fn the_latest_engagement_event_counts() {
    let file = partner_file("Acme")
        .with_activity(days_ago(3), ActivityKind::Training)
        .with_activity(days_ago(60), ActivityKind::PortalLogin)
        .with_activity(days_ago(1), ActivityKind::Call);
    let d = dim(&file, Dimension::Engagement);
    assert_eq!(d.points, 20);
    assert_eq!(d.reason, "last training 3 days ago (weekly)");
}

// ---------------------------------------------------------------- satisfaction

fn with_nps(score: i32) -> DimensionScore {
    let file = partner_file("Acme").with_nps(date(2026, 9, 15), score);
    dim(&file, Dimension::Satisfaction)
}

#[test]
fn nps_of_50_or_more_scores_15() {
    let d = with_nps(50);
    assert_eq!((d.points, d.max), (15, 15));
    assert_eq!(d.reason, "NPS 50 (Sep 2026)");
    assert_eq!(with_nps(100).points, 15);
    assert_eq!(with_nps(49).points, 10);
}

#[test]
fn nps_of_25_to_49_scores_10() {
    assert_eq!(with_nps(25).points, 10);
    assert_eq!(with_nps(24).points, 5);
}

#[test]
fn nps_of_0_to_24_scores_5() {
    assert_eq!(with_nps(0).points, 5);
    let negative = with_nps(-1);
    assert_eq!(negative.points, 0);
    assert_eq!(negative.reason, "NPS -1 (Sep 2026): negative");
}

#[test]
fn no_nps_on_record_scores_0_and_says_so() {
    let d = dim(&partner_file("Acme"), Dimension::Satisfaction);
    assert_eq!(d.points, 0);
    assert_eq!(d.reason, "no NPS on record");
}

#[test]
fn the_latest_nps_response_counts() {
    let file = partner_file("Acme")
        .with_nps(date(2026, 10, 1), -20)
        .with_nps(date(2025, 10, 1), 80);
    let d = dim(&file, Dimension::Satisfaction);
    assert_eq!(d.points, 0);
    assert_eq!(d.reason, "NPS -20 (Oct 2026): negative");
}

#[test]
fn an_nps_response_dated_after_today_does_not_count_yet() {
    let file = partner_file("Acme")
        .with_nps(date(2026, 10, 1), 60)
        .with_nps(date(2026, 12, 1), -50);
    assert_eq!(points(&file, Dimension::Satisfaction), 15);
}

// ---------------------------------------------------------------- fit

fn with_fit(fit: StrategicFit) -> DimensionScore {
    let mut file = partner_file("Acme");
    file.partner.fit = fit;
    dim(&file, Dimension::Fit)
}

#[test]
fn strategic_fit_strong_10_moderate_5_weak_0() {
    let strong = with_fit(StrategicFit::Strong);
    assert_eq!((strong.points, strong.max), (10, 10));
    assert_eq!(strong.reason, "strong strategic fit");
    assert_eq!(with_fit(StrategicFit::Moderate).points, 5);
    let weak = with_fit(StrategicFit::Weak);
    assert_eq!(weak.points, 0);
    assert_eq!(weak.reason, "weak strategic fit");
}

// ---------------------------------------------------------------- total and bands

#[test]
fn band_minimums_are_80_60_40_20() {
    let c = cfg();
    let cases = [
        (100, Band::Champion),
        (80, Band::Champion),
        (79, Band::Healthy),
        (60, Band::Healthy),
        (59, Band::AtRisk),
        (40, Band::AtRisk),
        (39, Band::Critical),
        (20, Band::Critical),
        (19, Band::Churning),
        (0, Band::Churning),
    ];
    for (score, band) in cases {
        assert_eq!(Band::of(score, &c), band, "score {score}");
    }
}

#[test]
fn band_titles_read_like_the_playbook() {
    let titles: Vec<&str> = Band::SCORED.iter().map(|b| b.title()).collect();
    assert_eq!(
        titles,
        ["Champion", "Healthy", "At-risk", "Critical", "Churning"]
    );
}

#[test]
fn the_score_is_the_sum_of_the_five_dimensions() {
    let mut file = partner_file("Acme")
        .with_revenue(month(2026, 5), 40_000, 0) // new revenue: 30
        .with_deal(deal(days_ago(5))) // 1 deal: 10
        .with_activity(days_ago(20), ActivityKind::PortalLogin) // monthly: 15
        .with_nps(days_ago(40), 30); // 10
    file.partner.fit = StrategicFit::Strong; // 10
    let h = scored(&file);
    let dims: Vec<(Dimension, u32)> = h
        .dimensions
        .iter()
        .map(|d| (d.dimension, d.points))
        .collect();
    assert_eq!(
        dims,
        [
            (Dimension::Revenue, 30),
            (Dimension::Activity, 10),
            (Dimension::Engagement, 15),
            (Dimension::Satisfaction, 10),
            (Dimension::Fit, 10),
        ]
    );
    assert_eq!(h.score, 75);
    assert_eq!(h.band, Band::Healthy);
}

#[test]
fn a_full_marks_partner_scores_100_and_is_a_champion() {
    let mut file = (0..5)
        .fold(partner_file("Acme"), |f, i| f.with_deal(deal(days_ago(i))))
        .with_revenue(month(2026, 5), 130_000, 0)
        .with_revenue(month(2025, 5), 100_000, 0)
        .with_activity(days_ago(2), ActivityKind::Training)
        .with_nps(days_ago(10), 70);
    file.partner.fit = StrategicFit::Strong;
    let h = scored(&file);
    assert_eq!(h.score, 100);
    assert_eq!(h.band, Band::Champion);
    assert!(h.dimensions.iter().all(|d| d.points == d.max));
}

#[test]
fn a_partner_with_nothing_on_file_scores_0_with_a_reason_per_dimension() {
    let h = scored(&partner_file("Empty"));
    assert_eq!(h.score, 0);
    assert_eq!(h.band, Band::Churning);
    assert_eq!(h.dimensions.len(), 5);
    let reasons: Vec<&str> = h.dimensions.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "no revenue on record in the last 24 months",
            "0 deals registered in the last 91 days",
            "no portal login or training on record (inactive)",
            "no NPS on record",
            "weak strategic fit",
        ]
    );
    assert!(h.dimensions.iter().all(|d| d.points == 0));
}

#[test]
fn missing_data_only_zeroes_its_own_dimension() {
    // Revenue and fit known, nothing else: the score is still shown.
    let mut file = partner_file("Acme").with_revenue(month(2026, 5), 40_000, 0);
    file.partner.fit = StrategicFit::Moderate;
    let h = scored(&file);
    assert_eq!(h.score, 35);
    assert_eq!(h.band, Band::Critical);
}

// ---------------------------------------------------------------- trend

#[test]
fn trend_delta_is_the_score_today_minus_the_score_30_days_ago() {
    // An NPS of 60 recorded 10 days ago: +15 since 30 days ago.
    let file = partner_file("Acme")
        .with_revenue(month(2026, 5), 40_000, 0)
        .with_nps(days_ago(10), 60);
    let c = cfg();
    let now = health(&file, today(), &c).score;
    let t = trend(&file, today(), now, &c);
    assert_eq!(now, 45);
    assert_eq!(t.previous_score, 30);
    assert_eq!(t.previous_score, score_on(&file, days_ago(30), &c));
    assert_eq!(t.delta, 15);
}

#[test]
fn the_sparkline_has_12_weekly_points_ending_today() {
    let file = partner_file("Acme").with_nps(days_ago(10), 60);
    let c = cfg();
    let now = health(&file, today(), &c).score;
    let t = trend(&file, today(), now, &c);
    // Points at today-77, -70, …, -7, today: only the last two see the NPS.
    assert_eq!(t.weekly, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 15]);
    assert_eq!(t.weekly.last().copied(), Some(now));
    for (i, point) in t.weekly.iter().enumerate() {
        let weeks_back = 11 - u64::try_from(i).expect("small");
        assert_eq!(*point, score_on(&file, days_ago(weeks_back * 7), &c));
    }
}

/// Healthy 30 days ago (65), At-risk today (50): the NPS turned negative.
fn dropping_partner() -> PartnerFile {
    let mut file = partner_file("Acme")
        .with_revenue(month(2026, 8), 40_000, 0) // new revenue: 30 both days
        .with_deal(deal(days_ago(70))) // 1 deal in both windows: 10
        .with_nps(days_ago(40), 60) // 15, 30 days ago
        .with_nps(days_ago(10), -10); // 0, today
    file.partner.fit = StrategicFit::Strong; // 10
    file
}

#[test]
fn a_band_dropped_when_the_band_30_days_ago_was_higher() {
    let file = dropping_partner();
    let c = cfg();
    let h = health(&file, today(), &c);
    let t = trend(&file, today(), h.score, &c);
    assert_eq!((t.previous_score, h.score), (65, 50));
    assert_eq!((t.previous_band, h.band), (Band::Healthy, Band::AtRisk));
    assert_eq!(t.delta, -15);
    assert!(t.band_dropped(h.band));
}

#[test]
fn a_lower_score_in_the_same_band_is_not_a_band_drop() {
    // Two more deals: 75 → 60, Healthy on both days.
    let file = dropping_partner()
        .with_deal(deal(days_ago(60)))
        .with_deal(deal(days_ago(50)));
    let c = cfg();
    let h = health(&file, today(), &c);
    let t = trend(&file, today(), h.score, &c);
    assert_eq!((t.previous_score, h.score), (75, 60));
    assert_eq!((t.previous_band, h.band), (Band::Healthy, Band::Healthy));
    assert_eq!(t.delta, -15);
    assert!(!t.band_dropped(h.band));
}

#[test]
fn a_rising_band_is_not_a_band_drop() {
    let file = partner_file("Acme")
        .with_revenue(month(2026, 5), 40_000, 0)
        .with_nps(days_ago(5), 70);
    let c = cfg();
    let h = health(&file, today(), &c);
    let t = trend(&file, today(), h.score, &c);
    assert_eq!((t.previous_band, h.band), (Band::Critical, Band::AtRisk));
    assert!(t.delta > 0);
    assert!(!t.band_dropped(h.band));
}

#[test]
fn the_score_as_of_a_past_day_ignores_later_records() {
    let file = dropping_partner();
    let c = cfg();
    assert_eq!(score_on(&file, days_ago(30), &c), 65);
    assert_eq!(health(&file, days_ago(30), &c).score, 65);
}

// ---------------------------------------------------------------- what changed

#[test]
fn the_trend_names_each_dimensions_30_day_change() {
    // Four deals 40-80 days ago: 4 in the window 30 days ago (20 points),
    // 2 left in the window today (10 points).
    let file = [40, 50, 100, 110]
        .into_iter()
        .fold(partner_file("Mosaic"), |f, d| {
            f.with_deal(deal(days_ago(d)))
        });
    let c = cfg();
    let h = health(&file, today(), &c);
    let t = trend(&file, today(), h.score, &c);
    assert_eq!(t.changes.len(), 5, "one per dimension");
    let activity = t
        .changes
        .iter()
        .find(|ch| ch.dimension == Dimension::Activity)
        .expect("activity");
    assert_eq!((activity.before, activity.after), (20, 10));
    assert_eq!(activity.delta(), -10);
    assert_eq!(
        activity.line(),
        "activity 20 → 10: 2 deals in 91 days, was 4"
    );
    let revenue = t
        .changes
        .iter()
        .find(|ch| ch.dimension == Dimension::Revenue)
        .expect("revenue");
    assert_eq!(revenue.delta(), 0);
    assert_eq!(revenue.what, "", "an unchanged dimension says nothing");
    let before: u32 = t.changes.iter().map(|ch| ch.before).sum();
    assert_eq!(
        before, t.previous_score,
        "the changes add up to the old score"
    );
}

#[test]
fn moved_lists_the_biggest_fall_first_and_leaves_out_the_unchanged() {
    let file = partner_file("Tidal")
        .with_nps(days_ago(60), 70)
        .with_nps(days_ago(5), -2)
        .with_activity(days_ago(33), ActivityKind::Training);
    let c = cfg();
    let h = health(&file, today(), &c);
    let t = trend(&file, today(), h.score, &c);
    let lines: Vec<String> = partnerdeck::domain::health::moved(&t.changes)
        .iter()
        .map(|ch| ch.line())
        .collect();
    assert_eq!(
        lines,
        [
            "satisfaction 15 → 0: NPS -2, was 70",
            "engagement 20 → 10: last training 33 days ago, was 3 days ago",
        ]
    );
}
