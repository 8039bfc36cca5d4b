//! Every metric at its target's boundary, and the book that cannot say.

use chrono::NaiveDate;

use super::*;
use crate::domain::book::{CampaignResults, DealStage, QbrStatus};
use crate::domain::qbr::new_qbr;
use crate::domain::testing::{
    campaign, cfg, date, deal, month, nps as response, partner_file, revenue, today,
};

/// A signed partner `id` that joined on `joined`.
fn partner(id: i64, joined: NaiveDate) -> PartnerFile {
    let mut f = partner_file(&format!("Partner {id}"));
    f.partner.id = id;
    f.partner.joined = Some(joined);
    f
}

/// Won `value` on `closed` (sourced).
fn won(f: &mut PartnerFile, closed: NaiveDate, value: i64) {
    let mut d = deal(closed);
    d.id = f.partner.id * 100 + i64::try_from(f.deals.len()).unwrap_or(0);
    d.stage = DealStage::Won;
    d.closed = Some(closed);
    d.value = Some(value);
    f.deals.push(d);
}

fn book(partners: Vec<PartnerFile>) -> Book {
    Book {
        partners,
        ..Book::default()
    }
}

fn metric(b: &Book, key: &str) -> Metric {
    report(b, today(), &cfg())
        .metric(key)
        .cloned()
        .unwrap_or_else(|| panic!("no metric {key}"))
}

#[test]
fn activation_at_exactly_60_percent_is_met_and_prospects_do_not_count() {
    let mut files: Vec<PartnerFile> = (1..=5).map(|i| partner(i, date(2024, 1, 1))).collect();
    for f in files.iter_mut().take(3) {
        won(f, date(2026, 6, 1), 10_000);
    }
    let mut prospect = partner(6, date(2026, 10, 1));
    prospect.partner.lifecycle = Lifecycle::Recruit;
    files.push(prospect);
    let m = metric(&book(files.clone()), "activation");
    assert_eq!(m.now, Some(60));
    assert_eq!(m.met, Some(true));
    assert_eq!(
        m.reason,
        "activation 60%: 3 of 5 partners with a won deal in the last 12 months; target 60%+"
    );
    assert_eq!(m.groups[0].partners.len(), 3);
    assert_eq!(m.groups[1].partners.len(), 2);
    // One more signed partner without a deal: 3 of 6 is 50%.
    files.push(partner(7, date(2024, 1, 1)));
    let m = metric(&book(files), "activation");
    assert_eq!((m.now, m.met), (Some(50), Some(false)));
}

#[test]
fn activation_a_year_ago_counts_the_deals_of_that_year() {
    let mut a = partner(1, date(2024, 1, 1));
    won(&mut a, date(2025, 3, 1), 5_000);
    let b = partner(2, date(2024, 1, 1));
    let m = metric(&book(vec![a, b]), "activation");
    assert_eq!((m.now, m.year_ago), (Some(0), Some(50)));
}

#[test]
fn time_to_first_deal_of_exactly_90_days_misses_the_target_and_89_meets_it() {
    let joined = date(2026, 3, 1);
    let at = |days: u64| {
        joined
            .checked_add_days(chrono::Days::new(days))
            .expect("date")
    };
    let mut a = partner(1, joined);
    won(&mut a, at(90), 10_000);
    let m = metric(&book(vec![a.clone()]), "time_to_first_deal");
    assert_eq!((m.now, m.met), (Some(90), Some(false)));
    let mut b = partner(2, joined);
    won(&mut b, at(89), 10_000);
    let mut c = partner(3, joined);
    won(&mut c, at(88), 10_000);
    // Median of 88, 89, 90.
    let m = metric(&book(vec![a, b, c]), "time_to_first_deal");
    assert_eq!((m.now, m.met), (Some(89), Some(true)));
    assert_eq!(m.target, "< 90");
}

#[test]
fn partners_past_90_days_without_a_won_deal_are_counted_beside_the_median() {
    let late = partner(1, date(2026, 8, 1)); // 116 days, nothing won
    let fresh = partner(2, date(2026, 10, 1)); // 55 days
    let m = metric(&book(vec![late, fresh]), "time_to_first_deal");
    assert_eq!(m.now, None);
    assert_eq!(m.met, None);
    assert_eq!(m.note, "1 past 90 days");
    assert_eq!(m.groups[1].partners.len(), 1);
    assert_eq!(m.groups[1].partners[0].name, "Partner 1");
}

fn gold_spending(spent: i64) -> PartnerFile {
    let mut f = partner(1, date(2024, 1, 1));
    f.partner.tier = Tier::Gold;
    let mut c = campaign("Q3 webinar", date(2026, 9, 10));
    c.id = 1;
    c.budget_ours = spent;
    c.results = CampaignResults {
        closed_won_value: 1,
        ..CampaignResults::default()
    };
    f.campaigns.push(c);
    f
}

#[test]
fn mdf_utilization_at_exactly_80_percent_is_met_and_a_dollar_less_is_not() {
    // Gold's allotment is $25,000.
    let m = metric(&book(vec![gold_spending(20_000)]), "mdf_utilization");
    assert_eq!((m.now, m.met), (Some(80), Some(true)));
    assert_eq!(m.note, "");
    let m = metric(&book(vec![gold_spending(19_999)]), "mdf_utilization");
    assert_eq!((m.now, m.met), (Some(79), Some(false)));
}

#[test]
fn a_campaign_spent_without_results_is_counted_on_the_mdf_line() {
    let mut f = gold_spending(5_000);
    f.campaigns[0].results = CampaignResults::default();
    let m = metric(&book(vec![f]), "mdf_utilization");
    assert_eq!(m.note, "1 spent without results");
    assert_eq!(m.groups[0].partners.len(), 1);
    assert!(
        m.reason
            .ends_with("1 campaign spent without results (MDF without accountability)"),
        "{}",
        m.reason
    );
}

/// A partner with `held` QBRs held and `missed` missed this year.
fn with_qbrs(id: i64, held: usize, missed: usize) -> PartnerFile {
    let mut f = partner(id, date(2024, 1, 1));
    let c = cfg();
    for i in 0..held + missed {
        let day = date(2026, 2, 1) + chrono::Days::new(20 * u64::try_from(i).unwrap_or(0));
        let mut q = new_qbr(day, &c);
        q.id = id * 100 + i64::try_from(i).unwrap_or(0);
        if i < held {
            q.status = QbrStatus::Held;
        }
        f.qbrs.push(q);
    }
    f
}

#[test]
fn qbr_completion_at_exactly_90_percent_is_met() {
    let m = metric(&book(vec![with_qbrs(1, 9, 1)]), "qbr_completion");
    assert_eq!((m.now, m.met), (Some(90), Some(true)));
    assert_eq!(m.basis, "9 of 10");
    let m = metric(
        &book(vec![with_qbrs(1, 8, 1), with_qbrs(2, 0, 1)]),
        "qbr_completion",
    );
    assert_eq!((m.now, m.met), (Some(80), Some(false)));
}

fn answered(id: i64, score: i32) -> PartnerFile {
    let mut f = partner(id, date(2024, 1, 1));
    // An older answer is not the latest.
    f.nps.push(response(date(2026, 1, 10), -20));
    f.nps.push(response(date(2026, 9, 1), score));
    f
}

#[test]
fn nps_of_exactly_50_is_met_and_the_mean_rounds_half_up() {
    let m = metric(&book(vec![answered(1, 40), answered(2, 60)]), "nps");
    assert_eq!((m.now, m.met), (Some(50), Some(true)));
    // 49.5 reads 50.
    let m = metric(&book(vec![answered(1, 40), answered(2, 59)]), "nps");
    assert_eq!((m.now, m.met), (Some(50), Some(true)));
    let m = metric(&book(vec![answered(1, 40), answered(2, 58)]), "nps");
    assert_eq!((m.now, m.met), (Some(49), Some(false)));
    assert_eq!(m.basis, "mean of 2 latest");
}

#[test]
fn a_response_older_than_12_months_is_not_counted() {
    let mut f = partner(1, date(2024, 1, 1));
    f.nps.push(response(date(2025, 11, 25), 90));
    let m = metric(&book(vec![f]), "nps");
    assert_eq!(m.now, None);
    assert_eq!(m.met, None);
    assert_eq!(m.year_ago, Some(90));
}

#[test]
fn retention_at_exactly_80_percent_is_met() {
    let mut files = Vec::new();
    for id in 1..=5 {
        let mut f = partner(id, date(2024, 1, 1));
        won(&mut f, date(2025, 6, 1), 10_000);
        if id <= 4 {
            won(&mut f, date(2026, 6, 1), 10_000);
        }
        files.push(f);
    }
    let m = metric(&book(files.clone()), "retention");
    assert_eq!((m.now, m.met), (Some(80), Some(true)));
    assert_eq!(
        m.groups[0].partners[0].note,
        "no won deal since Sun 01 Jun 2025"
    );
    // An archived partner active now is lost all the same.
    files[0].partner.archived = true;
    let m = metric(&book(files), "retention");
    assert_eq!((m.now, m.met), (Some(60), Some(false)));
}

fn monthly(f: &mut PartnerFile, sourced: i64, influenced: i64) {
    for back in 0..24 {
        f.revenue
            .push(revenue(month(2026, 11).plus(-back), sourced, influenced));
    }
}

fn company(amount: i64) -> Vec<CompanyMonth> {
    (0..24)
        .map(|back| CompanyMonth {
            month: month(2026, 11).plus(-back),
            amount,
        })
        .collect()
}

#[test]
fn without_company_revenue_the_shares_say_what_to_enter() {
    let mut f = partner(1, date(2024, 1, 1));
    monthly(&mut f, 1_000, 1_000);
    let b = book(vec![f]);
    let r = report(&b, today(), &cfg());
    let m = r.metric("sourced_share").expect("metric");
    assert_eq!((m.now, m.met), (None, None));
    assert_eq!(m.note, ENTER_COMPANY_REVENUE);
    assert_eq!(
        m.reason,
        format!(
            "$12K partner-sourced T12M, but the book lacks company revenue for Dec 2025, Jan 2026, Feb 2026 and 9 more: {ENTER_COMPANY_REVENUE}"
        )
    );
    assert_eq!(r.company_revenue_missing.len(), 12);
}

#[test]
fn a_sourced_share_of_exactly_20_percent_is_met_and_just_under_is_not() {
    let mut f = partner(1, date(2024, 1, 1));
    monthly(&mut f, 2_000, 2_000);
    let mut b = book(vec![f]);
    b.company_revenue = company(10_000);
    let m = metric(&b, "sourced_share");
    assert_eq!((m.now, m.met), (Some(20), Some(true)));
    assert_eq!(m.basis, "$24K of $120K");
    assert_eq!(
        m.reason,
        "partner-sourced 20%: $24K partner-sourced of $120K company revenue, T12M; target 20-30%"
    );
    let i = metric(&b, "influenced_share");
    assert_eq!((i.now, i.met), (Some(40), Some(true)));
    b.company_revenue = company(10_001);
    let m = metric(&b, "sourced_share");
    assert_eq!((m.now, m.met), (Some(19), Some(false)));
}

#[test]
fn a_missing_month_leaves_the_share_unsaid() {
    let mut f = partner(1, date(2024, 1, 1));
    monthly(&mut f, 2_000, 0);
    let mut b = book(vec![f]);
    b.company_revenue = company(10_000);
    b.company_revenue.retain(|m| m.month != month(2026, 5));
    let r = report(&b, today(), &cfg());
    assert_eq!(r.company_revenue_missing, vec![month(2026, 5)]);
    assert_eq!(r.metric("sourced_share").and_then(|m| m.now), None);
    // The year before has all its months.
    assert_eq!(r.metric("sourced_share").and_then(|m| m.year_ago), Some(20));
}

#[test]
fn revenue_per_active_partner_grows_against_a_year_ago_and_splits_by_tier() {
    let mut a = partner(1, date(2024, 1, 1));
    a.partner.tier = Tier::Gold;
    won(&mut a, date(2025, 6, 1), 100_000);
    won(&mut a, date(2026, 6, 1), 150_000);
    let mut b = partner(2, date(2024, 1, 1));
    won(&mut b, date(2026, 7, 1), 50_000);
    let r = report(&book(vec![a, b]), today(), &cfg());
    let m = r.metric("revenue_per_active").expect("metric");
    // Revenue comes from won deals: ($150K + $50K) / 2 now, $100K / 1 then.
    assert_eq!(
        (m.now, m.year_ago, m.met),
        (Some(100_000), Some(100_000), Some(false))
    );
    let gold = r
        .per_tier
        .iter()
        .find(|t| t.tier == Tier::Gold)
        .expect("gold");
    assert_eq!((gold.active, gold.per_active), (1, Some(150_000)));
}

#[test]
fn a_book_with_no_partners_says_so_on_every_metric() {
    let r = report(&Book::default(), today(), &cfg());
    assert_eq!(r.metrics.len(), 9);
    for m in &r.metrics {
        assert_eq!(m.now, None, "{}", m.key);
        assert_eq!(m.met, None, "{}", m.key);
        assert!(!m.reason.is_empty(), "{}", m.key);
    }
}

#[test]
fn the_header_counts_activation_over_signed_partners_only() {
    use crate::domain::list_row::ListRow;
    use crate::domain::summary::PartnerSummary;
    let c = cfg();
    let mut active = partner(1, date(2024, 1, 1));
    won(&mut active, date(2026, 6, 1), 10_000);
    let idle = partner(2, date(2024, 1, 1));
    let mut prospect = partner(3, date(2026, 11, 1));
    prospect.partner.lifecycle = Lifecycle::Recruit;
    let rows: Vec<ListRow> = [active, idle, prospect]
        .iter()
        .map(|f| {
            let s: PartnerSummary = crate::domain::analysis::summarize(f, today(), &c);
            ListRow::of(&f.partner, &s)
        })
        .collect();
    let k = ProgramKpis::of(rows.iter(), &c);
    assert_eq!(
        (k.active_partners, k.signed_partners, k.activation_pct),
        (1, 2, 50)
    );
    assert_eq!(k.total_partners, 3);
}

#[test]
fn the_header_moves_by_one_row_as_counting_afresh_would() {
    use crate::domain::list_row::ListRow;
    use crate::domain::summary::PartnerSummary;
    let c = cfg();
    let row = |f: &PartnerFile| {
        let s: PartnerSummary = crate::domain::analysis::summarize(f, today(), &c);
        ListRow::of(&f.partner, &s)
    };
    let mut active = partner(1, date(2024, 1, 1));
    won(&mut active, date(2026, 6, 1), 10_000);
    let idle = partner(2, date(2024, 1, 1));
    let before = [row(&active), row(&idle)];
    let mut tally = KpiTally::default();
    for r in &before {
        tally.add(r);
    }
    // The idle partner wins a deal: take its old row away, add the new.
    let mut now_active = idle.clone();
    won(&mut now_active, date(2026, 10, 1), 5_000);
    let after = [row(&active), row(&now_active)];
    tally.remove(&before[1]);
    tally.add(&after[1]);
    let moved = tally.kpis(&c);
    assert_eq!(moved, ProgramKpis::of(after.iter(), &c));
    assert_eq!((moved.active_partners, moved.activation_pct), (2, 100));
}
