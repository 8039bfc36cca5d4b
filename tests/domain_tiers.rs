//! SPEC §3: qualified tier, progress to the next tier, maintenance and grace,
//! upgrades and provisional tiers.

use chrono::{Days, Months};
use partnerdeck::domain::book::{PartnerFile, PartnerType, Tier};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::{
    FileBuilder, cert, cert_until, cfg, date, days_ago, month, months_ago, partner_file, today,
};
use partnerdeck::domain::tiers::{
    Limit, Standing, TierMetrics, TierStatus, metrics, progress, qualified_tier, tier_status,
};

fn m(sourced_arr: i64, referrals: u32, certified: u32) -> TierMetrics {
    TierMetrics {
        sourced_arr,
        referrals,
        certified,
    }
}

fn qualified(sourced_arr: i64, referrals: u32, certified: u32) -> Tier {
    qualified_tier(
        Some(PartnerType::Technology),
        &m(sourced_arr, referrals, certified),
        &cfg(),
    )
}

/// A partner at `tier` with sourced ARR booked this month, `referrals`
/// qualified referrals last month and `certified` people certified in May.
fn partner(tier: Tier, sourced_arr: i64, referrals: u32, certified: u32) -> PartnerFile {
    let mut file = partner_file("Acme");
    file.partner.tier = tier;
    let file = file.with_revenue(month(2026, 11), sourced_arr, 0);
    let file = (0..referrals).fold(file, |f, _| f.with_referral(date(2026, 10, 15), true));
    (0..certified).fold(file, |f, i| {
        f.with_cert(cert(&format!("Person {i}"), date(2026, 5, 1)))
    })
}

fn status(file: &PartnerFile) -> TierStatus {
    tier_status(file, today(), &cfg())
}

// ---------------------------------------------------------------- qualified tier

#[test]
fn registered_needs_nothing() {
    assert_eq!(qualified(0, 0, 0), Tier::Registered);
}

#[test]
fn silver_needs_25k_arr_or_5_referrals_and_1_certified() {
    assert_eq!(qualified(25_000, 0, 1), Tier::Silver);
    assert_eq!(qualified(0, 5, 1), Tier::Silver);
    assert_eq!(qualified(24_999, 4, 1), Tier::Registered);
    assert_eq!(qualified(25_000, 5, 0), Tier::Registered);
}

#[test]
fn gold_needs_100k_arr_or_20_referrals_and_2_certified() {
    assert_eq!(qualified(100_000, 0, 2), Tier::Gold);
    assert_eq!(qualified(0, 20, 2), Tier::Gold);
    assert_eq!(qualified(99_999, 19, 2), Tier::Silver);
    assert_eq!(qualified(100_000, 20, 1), Tier::Silver);
}

#[test]
fn platinum_needs_500k_arr_or_50_referrals_and_5_certified() {
    assert_eq!(qualified(500_000, 0, 5), Tier::Platinum);
    assert_eq!(qualified(0, 50, 5), Tier::Platinum);
    assert_eq!(qualified(499_999, 49, 5), Tier::Gold);
    assert_eq!(qualified(5_000_000, 500, 4), Tier::Gold);
}

#[test]
fn the_qualified_tier_is_the_highest_whose_criteria_are_met() {
    // Enough ARR for Platinum, certifications only for Silver.
    assert_eq!(qualified(600_000, 0, 1), Tier::Silver);
    // No certified people: nothing above Registered, whatever the ARR.
    assert_eq!(qualified(1_000_000, 100, 0), Tier::Registered);
}

#[test]
fn a_strategic_partner_is_treated_as_platinum() {
    let none = m(0, 0, 0);
    assert_eq!(
        qualified_tier(Some(PartnerType::Strategic), &none, &cfg()),
        Tier::Platinum
    );
    let mut file = partner(Tier::Platinum, 0, 0, 0);
    file.partner.kind = Some(PartnerType::Strategic);
    let s = status(&file);
    assert_eq!(s.qualified, Tier::Platinum);
    assert_eq!(s.standing, Standing::Good);
    assert_eq!(s.progress.next, None);
    assert_eq!(s.progress.label, "Top tier");
}

#[test]
fn a_strategic_partner_below_platinum_shows_top_tier() {
    let mut file = partner(Tier::Silver, 0, 0, 0);
    file.partner.kind = Some(PartnerType::Strategic);
    let s = status(&file);
    assert_eq!(s.qualified, Tier::Platinum);
    assert_eq!(s.progress.short(), "Top tier");
}

// ---------------------------------------------------------------- what counts

#[test]
fn influenced_revenue_does_not_count_toward_sourced_arr() {
    let mut file = partner_file("Acme")
        .with_revenue(month(2026, 9), 10_000, 400_000)
        .with_cert(cert("Ana", date(2026, 5, 1)));
    file.partner.tier = Tier::Registered;
    let s = status(&file);
    assert_eq!(s.metrics.sourced_arr, 10_000);
    assert_eq!(s.qualified, Tier::Registered);
}

#[test]
fn sourced_arr_is_the_12_months_ending_this_month() {
    let file = partner_file("Acme")
        .with_revenue(month(2025, 11), 50_000, 0) // prior year: out
        .with_revenue(month(2025, 12), 20_000, 0) // first month in
        .with_revenue(month(2026, 11), 10_000, 0) // this month: in
        .with_revenue(month(2026, 12), 90_000, 0); // next month: out
    assert_eq!(metrics(&file, today()).sourced_arr, 30_000);
}

#[test]
fn referrals_older_than_12_months_do_not_count() {
    let file = partner_file("Acme")
        .with_referral(months_ago(12), true) // exactly a year ago: out
        .with_referral(
            months_ago(12).checked_add_days(Days::new(1)).expect("date"),
            true,
        ) // a year ago less a day: in
        .with_referral(days_ago(1), true);
    assert_eq!(metrics(&file, today()).referrals, 2);
}

#[test]
fn unqualified_referrals_do_not_count() {
    let file = partner_file("Acme")
        .with_referral(days_ago(10), false)
        .with_referral(days_ago(5), true);
    assert_eq!(metrics(&file, today()).referrals, 1);
}

#[test]
fn expired_certifications_do_not_count() {
    let file = partner_file("Acme")
        .with_cert(cert("Old", months_ago(13))) // expired a month ago
        .with_cert(cert_until("Today", months_ago(12), today())) // expires today: out
        .with_cert(cert_until("Tomorrow", months_ago(12), date(2026, 11, 26)))
        .with_cert(cert("Future", date(2026, 12, 1))); // not passed yet
    assert_eq!(metrics(&file, today()).certified, 1);
}

#[test]
fn a_person_certified_twice_counts_once() {
    let file = partner_file("Acme")
        .with_cert(cert("Ana", date(2026, 2, 1)))
        .with_cert(cert("Ana", date(2026, 6, 1)))
        .with_cert(cert("Ben", date(2026, 6, 1)));
    assert_eq!(metrics(&file, today()).certified, 2);
}

// ---------------------------------------------------------------- progress

#[test]
fn progress_at_silver_with_70k_and_14_referrals_reads_70_percent_to_gold() {
    let p = status(&partner(Tier::Silver, 70_000, 14, 2)).progress;
    assert_eq!(p.next, Some(Tier::Gold));
    assert_eq!(p.percent, 70);
    assert_eq!(
        p.label,
        "70% to Gold — $30K ARR or 6 referrals to go; certifications 2/2 ✓"
    );
    assert_eq!(p.short(), "70% to Gold");
    assert_eq!(p.limit, Some(Limit::ArrOrReferrals));
    assert_eq!(
        p.limit_text("$").as_deref(),
        Some("limited by sourced ARR or referrals: $70K of $100K ARR, 14 of 20 referrals")
    );
}

#[test]
fn progress_takes_the_better_of_arr_and_referrals() {
    // ARR 20% of Gold, referrals 75%.
    let p = status(&partner(Tier::Silver, 20_000, 15, 2)).progress;
    assert_eq!((p.arr_percent, p.referral_percent), (20, 75));
    assert_eq!(p.path_percent, 75);
    assert_eq!(p.percent, 75);
}

#[test]
fn certifications_are_named_as_the_limit_when_they_lag() {
    let p = status(&partner(Tier::Silver, 90_000, 0, 1)).progress;
    assert_eq!(p.percent, 50);
    assert_eq!(p.limit, Some(Limit::Certifications));
    assert_eq!(
        p.limit_text("$").as_deref(),
        Some("limited by certifications: 1 of 2 certified")
    );
    assert_eq!(
        p.label,
        "50% to Gold — $10K ARR or 20 referrals to go; +1 certification"
    );
}

#[test]
fn met_arr_with_missing_certifications_says_arr_done_and_certs_to_go() {
    let p = status(&partner(Tier::Gold, 600_000, 0, 3)).progress;
    assert_eq!(p.next, Some(Tier::Platinum));
    assert_eq!(p.percent, 60);
    assert_eq!(p.limit, Some(Limit::Certifications));
    assert_eq!(p.label, "60% to Platinum — ARR ✓; +2 certifications");
}

#[test]
fn progress_is_floored_to_a_whole_percent() {
    let p = status(&partner(Tier::Silver, 69_999, 0, 2)).progress;
    assert_eq!(p.percent, 69);
    let p = status(&partner(Tier::Registered, 24_999, 0, 1)).progress;
    assert_eq!(p.percent, 99);
}

#[test]
fn progress_is_capped_at_100_percent() {
    let p = status(&partner(Tier::Silver, 900_000, 0, 2)).progress;
    assert_eq!(p.percent, 100);
    assert_eq!(p.limit, None);
    assert_eq!(p.label, "100% to Gold — all requirements met");
}

#[test]
fn a_platinum_partner_shows_top_tier() {
    let p = status(&partner(Tier::Platinum, 600_000, 0, 5)).progress;
    assert_eq!(p.next, None);
    assert_eq!(p.label, "Top tier");
    assert_eq!(p.short(), "Top tier");
    assert_eq!(p.limit, None);
    assert_eq!(p.limit_text("$"), None);
}

#[test]
fn progress_from_registered_is_toward_silver() {
    let p = progress(
        Tier::Registered,
        Some(PartnerType::Referral),
        &m(0, 2, 0),
        &cfg(),
    );
    assert_eq!(p.next, Some(Tier::Silver));
    assert_eq!(p.percent, 0);
    assert_eq!(p.limit, Some(Limit::Certifications));
    assert_eq!(
        p.label,
        "0% to Silver — $25K ARR or 3 referrals to go; +1 certification"
    );
}

// ---------------------------------------------------------------- upgrade

#[test]
fn a_partner_qualifying_above_its_tier_is_upgrade_eligible() {
    let s = status(&partner(Tier::Registered, 30_000, 0, 1));
    assert_eq!(s.qualified, Tier::Silver);
    assert_eq!(s.standing, Standing::UpgradeEligible { to: Tier::Silver });
    assert_eq!(s.standing_text(), "upgrade eligible: Registered → Silver");
}

#[test]
fn an_upgrade_goes_to_the_qualified_tier_even_two_steps_up() {
    let s = status(&partner(Tier::Registered, 150_000, 0, 2));
    assert_eq!(s.standing, Standing::UpgradeEligible { to: Tier::Gold });
}

#[test]
fn a_partner_meeting_its_tier_is_in_good_standing() {
    let s = status(&partner(Tier::Gold, 150_000, 0, 2));
    assert_eq!(s.standing, Standing::Good);
    assert_eq!(s.standing_text(), "Gold, meets its criteria");
}

// ---------------------------------------------------------------- maintenance

/// Monthly sourced revenue that keeps a tier's ARR met at every date.
fn monthly_for(tier: Tier) -> i64 {
    match tier {
        Tier::Registered => 0,
        Tier::Silver => 2_500,
        Tier::Gold => 10_000,
        Tier::Platinum => 50_000,
    }
}

fn certified_for(tier: Tier) -> u32 {
    match tier {
        Tier::Registered => 0,
        Tier::Silver => 1,
        Tier::Gold => 2,
        Tier::Platinum => 5,
    }
}

/// A partner at `tier` since 2023 that has always met its ARR, and had the
/// certified people it needs until one certification expired `weeks` weeks
/// ago: it fell below its criteria that day.
fn fell_below(tier: Tier, weeks: u64) -> PartnerFile {
    let mut file = partner_file("Acme");
    file.partner.tier = tier;
    file.partner.tier_since = date(2023, 1, 1);
    let mut file = (0..48).fold(file, |f, i| {
        f.with_revenue(month(2023, 1).plus(i), monthly_for(tier), 0)
    });
    let fell = days_ago(weeks * 7);
    let passed = fell.checked_sub_months(Months::new(12)).expect("date");
    file = file.with_cert(cert_until("Leaver", passed, fell));
    for i in 1..certified_for(tier) {
        // Certified 11 months ago, valid for a month more.
        file = file.with_cert(cert(&format!("Stayer {i}"), months_ago(11)));
    }
    file
}

#[test]
fn silver_has_one_quarter_of_grace() {
    let file = fell_below(Tier::Silver, 12);
    let s = status(&file);
    assert_eq!(s.qualified, Tier::Registered);
    assert_eq!(
        s.standing,
        Standing::BelowCriteria {
            since: days_ago(84),
            quarters_used: 0,
            grace_quarters: 1,
            grace_ends: date(2026, 12, 2),
        }
    );
    assert_eq!(
        s.standing_text(),
        "Silver, below criteria since Wed 02 Sep 2026: 0 of 1 quarter of grace used (grace ends Wed 02 Dec 2026)"
    );
}

#[test]
fn silver_downgrade_is_due_to_registered_after_one_quarter() {
    let s = status(&fell_below(Tier::Silver, 14));
    assert_eq!(
        s.standing,
        Standing::DowngradeDue {
            to: Tier::Registered,
            since: days_ago(98),
            grace_ended: date(2026, 11, 19),
        }
    );
    assert!(
        s.standing_text()
            .starts_with("downgrade due: Silver → Registered"),
        "{}",
        s.standing_text()
    );
}

#[test]
fn gold_has_two_quarters_of_grace() {
    let s = status(&fell_below(Tier::Gold, 20));
    assert_eq!(s.qualified, Tier::Silver);
    assert_eq!(
        s.standing,
        Standing::BelowCriteria {
            since: days_ago(140),
            quarters_used: 1,
            grace_quarters: 2,
            grace_ends: date(2027, 1, 8),
        }
    );
    // Still inside grace at 25 weeks (grace ends 3 Dec).
    assert!(matches!(
        status(&fell_below(Tier::Gold, 25)).standing,
        Standing::BelowCriteria { .. }
    ));
}

#[test]
fn gold_downgrade_is_due_to_silver_after_two_quarters() {
    let s = status(&fell_below(Tier::Gold, 27));
    assert_eq!(
        s.standing,
        Standing::DowngradeDue {
            to: Tier::Silver,
            since: days_ago(189),
            grace_ended: date(2026, 11, 20),
        }
    );
}

#[test]
fn platinum_has_three_quarters_of_grace() {
    let s = status(&fell_below(Tier::Platinum, 38));
    assert_eq!(s.qualified, Tier::Gold);
    assert_eq!(
        s.standing,
        Standing::BelowCriteria {
            since: days_ago(266),
            quarters_used: 2,
            grace_quarters: 3,
            grace_ends: date(2026, 12, 4),
        }
    );
}

#[test]
fn platinum_downgrade_is_due_to_gold_after_three_quarters() {
    let s = status(&fell_below(Tier::Platinum, 40));
    assert_eq!(
        s.standing,
        Standing::DowngradeDue {
            to: Tier::Gold,
            since: days_ago(280),
            grace_ended: date(2026, 11, 18),
        }
    );
}

#[test]
fn a_downgrade_goes_one_tier_down_even_when_qualifying_lower() {
    // Platinum with no certified people left qualifies for Registered, but
    // the downgrade proposed is one step: to Gold.
    let mut file = fell_below(Tier::Platinum, 40);
    file.certifications.clear();
    let s = status(&file);
    assert_eq!(s.qualified, Tier::Registered);
    assert!(
        matches!(s.standing, Standing::DowngradeDue { to: Tier::Gold, .. }),
        "{:?}",
        s.standing
    );
}

#[test]
fn grace_is_counted_from_the_day_the_partner_fell_below() {
    // Fell below on Tuesday 1 Sep, 85 days ago (between two weekly samples): grace (one quarter) ends 3 months
    // later, whichever weekday today is.
    let fell = days_ago(85);
    let mut file = fell_below(Tier::Silver, 0);
    file.certifications.clear();
    let passed = fell.checked_sub_months(Months::new(12)).expect("date");
    let file = file.with_cert(cert_until("Leaver", passed, fell));
    let s = status(&file);
    assert_eq!(
        s.standing,
        Standing::BelowCriteria {
            since: fell,
            quarters_used: 0,
            grace_quarters: 1,
            grace_ends: fell.checked_add_months(Months::new(3)).expect("date"),
        }
    );
}

#[test]
fn grace_is_never_counted_from_before_the_tier_was_granted() {
    // Granted Gold 3 weeks ago without meeting Gold: below since the grant.
    let mut file = partner(Tier::Gold, 30_000, 0, 1);
    file.partner.tier_since = days_ago(21);
    let s = status(&file);
    assert_eq!(
        s.standing,
        Standing::BelowCriteria {
            since: days_ago(21),
            quarters_used: 0,
            grace_quarters: 2,
            grace_ends: days_ago(21)
                .checked_add_months(Months::new(6))
                .expect("date"),
        }
    );
}

// ---------------------------------------------------------------- provisional

fn provisional(days_left: u64) -> TierStatus {
    let mut file = partner(Tier::Silver, 30_000, 0, 1);
    file.partner.provisional_until = Some(
        today()
            .checked_add_days(Days::new(days_left))
            .expect("date"),
    );
    status(&file)
}

#[test]
fn a_provisional_tier_expiring_within_30_days_is_flagged() {
    let flag = provisional(30).provisional.expect("flagged at 30 days");
    assert_eq!(flag.until, date(2026, 12, 25));
    assert_eq!(flag.days_left, 30);
    assert!(provisional(0).provisional.is_some());
}

#[test]
fn a_provisional_tier_expiring_in_31_days_is_not_flagged() {
    assert_eq!(provisional(31).provisional, None);
}

#[test]
fn an_expired_provisional_tier_stays_flagged_with_negative_days() {
    let mut file = partner(Tier::Silver, 30_000, 0, 1);
    file.partner.provisional_until = Some(days_ago(3));
    let flag = status(&file).provisional.expect("flagged");
    assert_eq!(flag.days_left, -3);
}

#[test]
fn a_tier_without_a_provisional_date_is_not_flagged() {
    assert_eq!(
        status(&partner(Tier::Silver, 30_000, 0, 1)).provisional,
        None
    );
}

// ---------------------------------------------------------------- config

#[test]
fn tier_criteria_come_from_the_config() {
    let c = ProgramConfig::from_layers(Some(("user.toml", "[tiers.gold]\narr = 80000\n")))
        .expect("override parses");
    let file = partner(Tier::Silver, 80_000, 0, 2);
    assert_eq!(tier_status(&file, today(), &c).qualified, Tier::Gold);
    assert_eq!(status(&file).qualified, Tier::Silver);
}
