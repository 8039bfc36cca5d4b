//! The tier rules made exact: the limiting requirement on exact fractions,
//! grace counted from as far back as the records go, the provisional
//! standing that tells the truth, every tier event on Today's line and the
//! maintenance state in the Partners table (docs/rules.md, "Tiers").

use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::book::{PartnerFile, Tier};
use partnerdeck::domain::testing::{
    FileBuilder, cert, cert_until, cfg, date, days_ago, month, months_ago, partner_file, today,
};
use partnerdeck::domain::tiers::{Limit, Standing, TierStatus, tier_status};
use partnerdeck::domain::today::SectionKind;

/// A partner at `tier` with sourced ARR booked this month and `certified`
/// people certified in May.
fn partner(tier: Tier, sourced_arr: i64, certified: u32) -> PartnerFile {
    let mut file = partner_file("Acme");
    file.partner.tier = tier;
    let file = file.with_revenue(month(2026, 11), sourced_arr, 0);
    (0..certified).fold(file, |f, i| {
        f.with_cert(cert(&format!("Person {i}"), date(2026, 5, 1)))
    })
}

fn status(file: &PartnerFile) -> TierStatus {
    tier_status(file, today(), &cfg())
}

#[test]
fn the_limit_is_decided_on_exact_fractions_before_flooring() {
    // ARR 303,400 / 500,000 = 60.68%, certifications 3/5 = 60%: both floor
    // to 60, but certifications are the lower one.
    let p = status(&partner(Tier::Gold, 303_400, 3)).progress;
    assert_eq!((p.arr_percent, p.cert_percent, p.percent), (60, 60, 60));
    assert_eq!(p.limit, Some(Limit::Certifications));
    assert_eq!(
        p.limit_text("$").as_deref(),
        Some("limited by certifications: 3 of 5 certified")
    );
    // Exactly equal fractions: the path is the limit.
    let p = status(&partner(Tier::Gold, 300_000, 3)).progress;
    assert_eq!(p.limit, Some(Limit::ArrOrReferrals));
}

/// Platinum since 2022 with ARR met every month since 2021 and five
/// certified people until one left on 14 Sep 2024.
fn platinum_below_since_2024() -> PartnerFile {
    let mut file = partner_file("Acme");
    file.partner.tier = Tier::Platinum;
    file.partner.tier_since = date(2022, 1, 1);
    let mut file = (0..72).fold(file, |f, i| {
        f.with_revenue(month(2021, 1).plus(i), 50_000, 0)
    });
    file = file.with_cert(cert_until("Leaver", date(2021, 1, 1), date(2024, 9, 14)));
    for i in 0..4 {
        file = file.with_cert(cert_until(
            &format!("Stayer {i}"),
            date(2021, 1, 1),
            date(2030, 1, 1),
        ));
    }
    file
}

#[test]
fn below_criteria_since_goes_back_as_far_as_the_records_go() {
    let s = status(&platinum_below_since_2024());
    assert_eq!(s.qualified, Tier::Gold);
    assert_eq!(
        s.standing,
        Standing::DowngradeDue {
            to: Tier::Gold,
            since: date(2024, 9, 14),
            grace_ended: date(2025, 6, 14),
        }
    );
    assert_eq!(
        s.standing_text(),
        "downgrade due: Platinum → Gold (below criteria since Sat 14 Sep 2024, grace used up)"
    );
}

#[test]
fn a_partner_with_nothing_on_record_before_is_below_since_it_got_the_tier() {
    // Gold since 2020, nothing on file before March 2025: it met nothing
    // before then, so it has been below since 2020.
    let mut file = partner_file("Acme");
    file.partner.tier = Tier::Gold;
    file.partner.tier_since = date(2020, 1, 1);
    let file = file
        .with_revenue(month(2025, 3), 1_000, 0)
        .with_cert(cert("Only", months_ago(2)));
    assert!(matches!(
        status(&file).standing,
        Standing::DowngradeDue { since, .. } if since == date(2020, 1, 1)
    ));
}

fn provisional_gold() -> PartnerFile {
    let mut file = partner(Tier::Gold, 80_000, 2);
    file.partner.tier_since = months_ago(6);
    file.partner.provisional_until = Some(date(2026, 12, 8));
    file
}

#[test]
fn a_provisional_partner_short_of_its_tier_says_so() {
    let s = status(&provisional_gold());
    assert_eq!(
        s.standing_text(),
        "provisional Gold until Tue 08 Dec 2026 — does not yet meet Gold criteria ($80K of $100K ARR)"
    );
    let mut meets = provisional_gold();
    meets.revenue[0].sourced = 120_000;
    assert_eq!(
        status(&meets).standing_text(),
        "provisional Gold until Tue 08 Dec 2026 — meets Gold criteria"
    );
}

fn tier_line(file: &PartnerFile) -> Option<(String, String)> {
    summarize(file, today(), &cfg())
        .today
        .into_iter()
        .find(|e| e.section == SectionKind::TierEvents)
        .map(|e| (e.item.tag, e.item.title))
}

#[test]
fn today_lists_every_tier_event_of_a_partner_on_its_line() {
    // Provisional Silver ended 3 days ago, and it is below Silver since.
    let mut file = partner(Tier::Silver, 10_000, 1);
    file.partner.tier_since = months_ago(6);
    file.partner.provisional_until = Some(days_ago(3));
    let (tag, title) = tier_line(&file).expect("a tier line");
    assert_eq!(tag, "⏳");
    assert_eq!(
        title,
        "provisional Silver expired 3d ago · Silver, below criteria since Sun 22 Nov 2026: \
         0 of 1 quarter of grace used (grace ends Mon 22 Feb 2027)"
    );
}

#[test]
fn a_provisional_partner_ending_soon_shows_what_it_lacks_on_today() {
    let (_, title) = tier_line(&provisional_gold()).expect("a tier line");
    assert_eq!(
        title,
        "provisional Gold expires Tue 08 Dec 2026 (13 days) — does not yet meet Gold criteria ($80K of $100K ARR)"
    );
}

#[test]
fn the_partners_table_shows_the_maintenance_state_instead_of_progress() {
    let due = status(&platinum_below_since_2024());
    assert_eq!(
        due.maintenance().as_deref(),
        Some("▼ Platinum: downgrade due")
    );
    // Gold with 1 of 2 certified since 20 weeks ago: inside grace.
    let mut file = partner(Tier::Gold, 150_000, 1);
    file.partner.tier_since = date(2026, 7, 8);
    let s = status(&file);
    assert!(
        matches!(s.standing, Standing::BelowCriteria { .. }),
        "{:?}",
        s.standing
    );
    assert_eq!(s.maintenance().as_deref(), Some("Gold: grace 1/2"));
    assert_eq!(status(&partner(Tier::Gold, 150_000, 2)).maintenance(), None);
}

#[test]
fn grace_ends_on_its_day_a_downgrade_is_due_from_that_day_not_the_next() {
    // Below Platinum since 14 Sep 2024, 3 quarters of grace: grace ends on
    // 14 Jun 2025 and from that day (docs/rules.md, "Tiers") the downgrade is due.
    let file = platinum_below_since_2024();
    let on = |day| tier_status(&file, day, &cfg()).standing_text();
    assert_eq!(
        on(date(2025, 6, 13)),
        "Platinum, below criteria since Sat 14 Sep 2024: 2 of 3 quarters of grace used (grace ends Sat 14 Jun 2025)"
    );
    assert_eq!(
        on(date(2025, 6, 14)),
        "downgrade due: Platinum → Gold (below criteria since Sat 14 Sep 2024, grace used up)"
    );
}
