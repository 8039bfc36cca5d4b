//! SPEC §6: segments, touch cadence and the Today triage, with the rules read
//! from the program config.

use chrono::NaiveDate;
use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::book::{
    ActionItem, ActivityKind, Book, ContactRole, PartnerFile, PartnerType, Qbr, QbrStatus, Segment,
    Side, StrategicFit, Tier,
};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::health::Band;
use partnerdeck::domain::qbr::new_qbr;
use partnerdeck::domain::segments::{SegmentInputs, derive_segment, segment_title, touch_status};
use partnerdeck::domain::summary::Analysis;
use partnerdeck::domain::testing::{
    FileBuilder, campaign, cfg, contact, days_ago, days_ahead, deal, month, partner_file, task,
    today,
};
use partnerdeck::domain::today::{Section, SectionKind, Subject, TriageItem};
use partnerdeck::domain::triage::triage;

// ---------------------------------------------------------------- segments

/// A steady Silver partner: Healthy, flat, 30% to Gold, with revenue.
fn steady() -> SegmentInputs {
    SegmentInputs {
        kind: Some(PartnerType::Technology),
        tier: Tier::Silver,
        band: Band::Healthy,
        delta: 0,
        progress_pct: 30,
        t12m_revenue: 40_000,
    }
}

fn segment(i: &SegmentInputs) -> Segment {
    derive_segment(i, &cfg()).0
}

#[test]
fn a_steady_partner_is_stable() {
    assert_eq!(
        derive_segment(&steady(), &cfg()),
        (Segment::Stable, "steady")
    );
}

#[test]
fn a_strategic_type_partner_is_strategic() {
    let i = SegmentInputs {
        kind: Some(PartnerType::Strategic),
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Strategic);
}

#[test]
fn a_platinum_partner_is_strategic() {
    let i = SegmentInputs {
        tier: Tier::Platinum,
        ..steady()
    };
    assert_eq!(
        derive_segment(&i, &cfg()),
        (Segment::Strategic, "strategic partner or Platinum tier")
    );
}

#[test]
fn strategic_wins_over_at_risk() {
    let i = SegmentInputs {
        tier: Tier::Platinum,
        band: Band::Churning,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Strategic);
}

#[test]
fn at_risk_or_worse_health_is_at_risk() {
    for band in [Band::AtRisk, Band::Critical, Band::Churning] {
        let i = SegmentInputs { band, ..steady() };
        assert_eq!(segment(&i), Segment::AtRisk, "{band:?}");
    }
    for band in [Band::Champion, Band::Healthy] {
        let i = SegmentInputs { band, ..steady() };
        assert_eq!(segment(&i), Segment::Stable, "{band:?}");
    }
}

#[test]
fn rising_health_and_half_way_to_the_next_tier_is_growth() {
    let i = SegmentInputs {
        delta: 5,
        progress_pct: 50,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Growth);
}

#[test]
fn growth_needs_health_rising() {
    for delta in [0, -5] {
        let i = SegmentInputs {
            delta,
            progress_pct: 80,
            ..steady()
        };
        assert_eq!(segment(&i), Segment::Stable, "delta {delta}");
    }
}

#[test]
fn growth_needs_at_least_50_percent_progress() {
    let i = SegmentInputs {
        delta: 5,
        progress_pct: 49,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Stable);
}

#[test]
fn growth_wins_over_rescue() {
    // A partner At-risk or worse whose health is rising toward the next tier
    // is growth: the order is strategic, growth, long tail, rescue, stable.
    let i = SegmentInputs {
        band: Band::AtRisk,
        delta: 10,
        progress_pct: 90,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Growth);
}

#[test]
fn a_rising_registered_partner_at_60_percent_to_silver_is_growth_not_long_tail() {
    let i = SegmentInputs {
        tier: Tier::Registered,
        band: Band::Critical,
        delta: 5,
        progress_pct: 60,
        t12m_revenue: 0,
        ..steady()
    };
    assert_eq!(
        derive_segment(&i, &cfg()),
        (
            Segment::Growth,
            "health rising and well on the way to the next tier"
        )
    );
}

#[test]
fn a_registered_partner_with_only_credit_notes_is_not_long_tail() {
    // Long tail is "no revenue" (T12M of 0); credit notes are revenue records.
    let i = SegmentInputs {
        tier: Tier::Registered,
        band: Band::Critical,
        t12m_revenue: -500,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::AtRisk);
}

#[test]
fn the_at_risk_segment_reads_rescue() {
    assert_eq!(segment_title(Segment::AtRisk), "rescue");
    assert_eq!(
        Segment::AtRisk.as_str(),
        "at_risk",
        "the stored value stays"
    );
}

#[test]
fn a_registered_partner_with_no_revenue_is_long_tail() {
    let i = SegmentInputs {
        tier: Tier::Registered,
        t12m_revenue: 0,
        ..steady()
    };
    assert_eq!(
        derive_segment(&i, &cfg()),
        (Segment::LongTail, "Registered with no revenue")
    );
}

#[test]
fn long_tail_needs_both_registered_and_no_revenue() {
    let with_revenue = SegmentInputs {
        tier: Tier::Registered,
        t12m_revenue: 1,
        ..steady()
    };
    assert_eq!(segment(&with_revenue), Segment::Stable);
    let silver = SegmentInputs {
        t12m_revenue: 0,
        ..steady()
    };
    assert_eq!(segment(&silver), Segment::Stable);
}

#[test]
fn a_registered_partner_with_nothing_on_file_is_long_tail_not_at_risk() {
    // No data scores 0 (Churning), but a Registered partner that never
    // produced revenue is long tail: pooled support, not a weekly touch.
    let s = summarize(&partner_file("Empty"), today(), &cfg());
    assert_eq!(s.health.band, Band::Churning);
    assert_eq!(s.segment, Segment::LongTail);
    assert_eq!(s.touch.cadence_days, 92);
}

#[test]
fn a_churning_registered_partner_with_revenue_is_at_risk() {
    let file = partner_file("Fading").with_revenue(month(2026, 1), 500, 0);
    let s = summarize(&file, today(), &cfg());
    assert_eq!(s.segment, Segment::AtRisk);
}

#[test]
fn a_healthy_registered_partner_without_revenue_is_long_tail() {
    // Deals, engagement, NPS and fit score 70 without any revenue.
    let mut file = (0..5)
        .fold(partner_file("Newco"), |f, i| f.with_deal(deal(days_ago(i))))
        .with_activity(days_ago(1), ActivityKind::PortalLogin)
        .with_nps(days_ago(200), 60);
    file.partner.fit = StrategicFit::Strong;
    let s = summarize(&file, today(), &cfg());
    assert_eq!(s.health.band, Band::Healthy);
    assert_eq!(s.tier.progress.percent, 0);
    assert_eq!(s.segment, Segment::LongTail);
    assert_eq!(s.touch.cadence_days, 92);
}

#[test]
fn a_segment_override_wins() {
    let mut file = partner_file("Acme");
    file.partner.kind = Some(PartnerType::Strategic);
    file.partner.segment_override = Some(Segment::LongTail);
    let s = summarize(&file, today(), &cfg());
    assert_eq!(s.segment, Segment::LongTail);
    assert_eq!(s.segment_reason, "set by hand");
    assert_eq!(s.touch.cadence_days, 92);
}

#[test]
fn the_derived_segment_uses_the_partners_type_and_tier() {
    let mut file = partner_file("Acme");
    file.partner.kind = Some(PartnerType::Strategic);
    assert_eq!(
        summarize(&file, today(), &cfg()).segment,
        Segment::Strategic
    );
    let mut file = partner_file("Acme");
    file.partner.tier = Tier::Platinum;
    assert_eq!(
        summarize(&file, today(), &cfg()).segment,
        Segment::Strategic
    );
}

// ---------------------------------------------------------------- touch cadence

const CADENCES: [(Segment, i64); 5] = [
    (Segment::Strategic, 7),
    (Segment::Growth, 14),
    (Segment::Stable, 30),
    (Segment::AtRisk, 7),
    (Segment::LongTail, 92),
];

fn touched(days: u64, kind: ActivityKind) -> PartnerFile {
    partner_file("Acme").with_activity(days_ago(days), kind)
}

#[test]
fn cadence_per_segment_is_7_14_30_7_92_days() {
    for (segment, days) in CADENCES {
        let t = touch_status(&partner_file("Acme"), segment, today(), &cfg());
        assert_eq!(t.cadence_days, days, "{segment:?}");
    }
}

#[test]
fn a_touch_exactly_cadence_days_ago_is_not_overdue() {
    for (segment, days) in CADENCES {
        let file = touched(days.unsigned_abs(), ActivityKind::Call);
        let t = touch_status(&file, segment, today(), &cfg());
        assert_eq!(t.days_since, Some(days));
        assert!(!t.overdue, "{segment:?} at {days} days");
    }
}

#[test]
fn a_touch_one_day_past_cadence_is_overdue() {
    for (segment, days) in CADENCES {
        let file = touched(days.unsigned_abs() + 1, ActivityKind::Email);
        let t = touch_status(&file, segment, today(), &cfg());
        assert!(t.overdue, "{segment:?} at {} days", days + 1);
    }
}

#[test]
fn a_partner_never_touched_is_overdue() {
    let t = touch_status(&partner_file("Acme"), Segment::LongTail, today(), &cfg());
    assert_eq!((t.last_touch, t.days_since), (None, None));
    assert!(t.overdue);
}

#[test]
fn engagement_events_are_not_touches() {
    let file = partner_file("Acme")
        .with_activity(days_ago(1), ActivityKind::PortalLogin)
        .with_activity(days_ago(2), ActivityKind::Training);
    let t = touch_status(&file, Segment::Stable, today(), &cfg());
    assert_eq!(t.last_touch, None);
    assert!(t.overdue);
}

#[test]
fn every_other_activity_kind_is_a_touch() {
    for kind in [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::Qbr,
        ActivityKind::Event,
        ActivityKind::Note,
    ] {
        let t = touch_status(&touched(3, kind), Segment::Strategic, today(), &cfg());
        assert_eq!(t.last_touch, Some(days_ago(3)), "{kind:?}");
        assert!(!t.overdue, "{kind:?}");
    }
}

#[test]
fn the_latest_touch_counts() {
    let file = partner_file("Acme")
        .with_activity(days_ago(40), ActivityKind::Meeting)
        .with_activity(days_ago(3), ActivityKind::Call)
        .with_activity(days_ago(1), ActivityKind::PortalLogin);
    let t = touch_status(&file, Segment::Strategic, today(), &cfg());
    assert_eq!(t.days_since, Some(3));
}

#[test]
fn a_touch_logged_for_a_later_day_does_not_count_yet() {
    let file = partner_file("Acme").with_activity(days_ahead(2), ActivityKind::Meeting);
    let t = touch_status(&file, Segment::Stable, today(), &cfg());
    assert_eq!(t.last_touch, None);
    assert!(t.overdue);
}

// ---------------------------------------------------------------- config

fn strategic_touched_4_days_ago() -> PartnerFile {
    let mut file = touched(4, ActivityKind::Call);
    file.partner.kind = Some(PartnerType::Strategic);
    file
}

#[test]
fn a_user_cadence_override_changes_when_a_touch_is_overdue() {
    let user = ProgramConfig::from_layers(Some(("config.toml", "[cadence]\nstrategic = 3\n")))
        .expect("override parses");
    assert_eq!(user.cadence.strategic, 3);
    assert_eq!(user.cadence.growth, 14, "other keys keep their defaults");

    let file = strategic_touched_4_days_ago();
    let default = summarize(&file, today(), &cfg());
    assert_eq!(default.segment, Segment::Strategic);
    assert_eq!(default.touch.cadence_days, 7);
    assert!(!default.touch.overdue);

    let custom = summarize(&file, today(), &user);
    assert_eq!(custom.touch.cadence_days, 3);
    assert!(custom.touch.overdue);
}

#[test]
fn a_user_growth_threshold_changes_the_growth_segment() {
    let user = ProgramConfig::from_layers(Some((
        "config.toml",
        "[segments]\ngrowth_min_progress_pct = 30\n",
    )))
    .expect("override parses");
    let i = SegmentInputs {
        delta: 5,
        ..steady()
    };
    assert_eq!(segment(&i), Segment::Stable);
    assert_eq!(derive_segment(&i, &user).0, Segment::Growth);
}

// ---------------------------------------------------------------- today

/// Acme: a late campaign task, an action item due in 3 days, a QBR in 5 days
/// with 2 of 5 prep items done, touched yesterday, two contacts.
fn acme() -> PartnerFile {
    let mut file = partner_file("Acme")
        .with_activity(days_ago(1), ActivityKind::Call)
        .with_contact(contact("Lee", ContactRole::PartnerManager))
        .with_contact(contact("Max", ContactRole::Technical));
    file.partner.id = 1;
    file.partner.segment_override = Some(Segment::Stable);

    let mut webinar = campaign("Q4 webinar", days_ahead(7));
    webinar.tasks = vec![
        task(1, -2, "Landing page live", days_ago(1)),
        task(2, -3, "Content draft complete", days_ago(8)),
        task(3, 1, "Follow-up sequence starts", days_ahead(14)),
    ];
    webinar.tasks[1].done = Some(days_ago(9));
    file.campaigns.push(webinar);

    let mut held = Qbr {
        id: 1,
        date: days_ago(60),
        status: QbrStatus::Held,
        notes: String::new(),
        checklist: Vec::new(),
        agenda: Vec::new(),
        actions: Vec::new(),
    };
    held.actions.push(ActionItem {
        id: 1,
        owner: Side::Us,
        text: "Send pricing deck".into(),
        due: Some(days_ahead(3)),
        done: None,
    });
    let mut next = new_qbr(days_ahead(5), &cfg());
    next.id = 2;
    for (i, item) in next.checklist.iter_mut().enumerate() {
        item.id = i64::try_from(i).expect("small") + 1;
        if matches!(
            item.title.as_str(),
            "Pull performance data" | "Prepare pipeline report"
        ) {
            item.done = Some(days_ago(2));
        }
    }
    file.qbrs = vec![held, next];
    file.normalize();
    file
}

/// Beta: last touched 40 days ago (stable: every 30), one active contact.
fn beta() -> PartnerFile {
    let mut inactive = contact("Old", ContactRole::Sales);
    inactive.active = false;
    let mut file = partner_file("Beta")
        .with_revenue(month(2026, 6), 30_000, 0)
        .with_activity(days_ago(40), ActivityKind::Call)
        .with_contact(contact("Kim", ContactRole::ExecutiveSponsor))
        .with_contact(inactive);
    file.partner.id = 2;
    file.partner.segment_override = Some(Segment::Stable);
    file
}

fn today_sections(book: &Book) -> Vec<Section> {
    let c = cfg();
    let analysis = Analysis::of(book, today(), &c);
    triage(book, &analysis, today(), &c)
}

fn section(sections: &[Section], kind: SectionKind) -> &[TriageItem] {
    &sections
        .iter()
        .find(|s| s.kind == kind)
        .expect("every section is present")
        .items
}

fn small_book() -> Book {
    Book {
        partners: vec![acme(), beta()],
        ..Default::default()
    }
}

#[test]
fn today_lists_its_sections_most_urgent_first() {
    let sections = today_sections(&small_book());
    let kinds: Vec<SectionKind> = sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles[0], "Focus");
    assert_eq!(titles[1], "Overdue or due today");
    assert_eq!(titles[2], "Due soon");
    assert_eq!(titles[4], "QBRs soon");
    assert_eq!(sections[2].window.as_deref(), Some("next 7 days"));
    assert_eq!(sections[4].window.as_deref(), Some("next 14 days"));
    // The summary line uses the titles' words.
    assert_eq!(SectionKind::TouchOverdue.words(13), "13 touches overdue");
    assert_eq!(SectionKind::TouchOverdue.words(1), "1 touch overdue");
    assert_eq!(sections[5].title, "Touches overdue");
}

#[test]
fn today_shows_an_overdue_campaign_task() {
    let sections = today_sections(&small_book());
    let overdue = section(&sections, SectionKind::Overdue);
    let late = overdue
        .iter()
        .find(|i| {
            i.subject
                == Subject::CampaignTask {
                    partner: 1,
                    campaign: 1,
                    task: 1,
                }
        })
        .expect("the late campaign task is listed");
    assert_eq!(late.partner, "Acme");
    assert_eq!(late.tag, "W-2");
    assert_eq!(late.title, "Landing page live");
    assert_eq!(late.context, "Q4 webinar");
    assert_eq!(late.headline(), "Landing page live · Acme · Q4 webinar");
    assert_eq!(late.detail, "due Tue 24 Nov 2026 (1d late)");
    // Done tasks and tasks due later than a week are not listed anywhere.
    let all: Vec<&TriageItem> = sections.iter().flat_map(|s| &s.items).collect();
    assert!(!all.iter().any(|i| i.title.starts_with("Content draft")));
    assert!(
        !all.iter()
            .any(|i| i.title.starts_with("Follow-up sequence"))
    );
}

#[test]
fn overdue_items_are_sorted_oldest_first() {
    let sections = today_sections(&small_book());
    let dues: Vec<Option<NaiveDate>> = section(&sections, SectionKind::Overdue)
        .iter()
        .map(|i| i.due)
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    // The QBR prep items due D-7 (2 days ago) come before the task due yesterday.
    assert_eq!(dues.first().copied().flatten(), Some(days_ago(2)));
}

#[test]
fn today_shows_an_action_item_due_in_3_days_under_due_soon() {
    let sections = today_sections(&small_book());
    let soon = section(&sections, SectionKind::DueSoon);
    let action = soon
        .iter()
        .find(|i| {
            i.subject
                == Subject::ActionItem {
                    partner: 1,
                    qbr: 1,
                    item: 1,
                }
        })
        .expect("the action item is due soon");
    assert_eq!(action.tag, "ACT");
    assert_eq!(action.title, "Send pricing deck");
    assert_eq!(action.headline(), "Send pricing deck · Acme");
    assert_eq!(action.partner_owner, "Dana");
    assert_eq!(action.owner, "us");
    assert_eq!(action.due, Some(days_ahead(3)));
    assert_eq!(action.detail, "due Sat 28 Nov 2026 (in 3d)");
    assert!(
        !section(&sections, SectionKind::Overdue)
            .iter()
            .any(|i| i.subject == action.subject)
    );
}

#[test]
fn today_shows_a_qbr_in_5_days_with_its_prep_percentage() {
    let sections = today_sections(&small_book());
    let qbrs = section(&sections, SectionKind::QbrsSoon);
    assert_eq!(qbrs.len(), 1);
    let q = &qbrs[0];
    assert_eq!(q.subject, Subject::Qbr { partner: 1, qbr: 2 });
    assert_eq!(q.title, "QBR Mon 30 Nov 2026");
    assert_eq!(q.headline(), "QBR Mon 30 Nov 2026 · Acme");
    assert_eq!(q.detail, "prep 40% (2/5) · next: Gather feedback");
    assert_eq!(
        q.numbers,
        [
            ("prep_percent".to_string(), 40),
            ("prep_done".to_string(), 2),
            ("prep_total".to_string(), 5)
        ]
    );
}

#[test]
fn qbr_prep_items_past_their_due_date_are_overdue() {
    let sections = today_sections(&small_book());
    let overdue_titles: Vec<String> = section(&sections, SectionKind::Overdue)
        .iter()
        .filter(|i| matches!(i.subject, Subject::ChecklistItem { .. }))
        .map(TriageItem::headline)
        .collect();
    assert_eq!(
        overdue_titles,
        [
            "Gather feedback · Acme · QBR Mon 30 Nov 2026",
            "Identify opportunities · Acme · QBR Mon 30 Nov 2026"
        ]
    );
}

#[test]
fn today_shows_a_partner_overdue_for_a_touch() {
    let sections = today_sections(&small_book());
    let touches = section(&sections, SectionKind::TouchOverdue);
    assert_eq!(touches.len(), 1, "Acme was touched yesterday");
    let t = &touches[0];
    assert_eq!(t.subject, Subject::Partner { partner: 2 });
    assert_eq!(t.partner, "Beta");
    assert_eq!(t.title, "stable");
    assert_eq!(t.detail, "last touch 40d ago (cadence 30d)");
}

#[test]
fn today_shows_a_single_threaded_partner() {
    let sections = today_sections(&small_book());
    let single = section(&sections, SectionKind::SingleThreaded);
    assert_eq!(single.len(), 1, "Acme has two active contacts");
    assert_eq!(single[0].partner, "Beta");
    assert_eq!(
        single[0].detail,
        "one partner-side contact (Kim, executive sponsor)"
    );
}

#[test]
fn a_partner_with_no_active_contact_is_single_threaded() {
    let mut gone = partner_file("Gone");
    gone.partner.id = 3;
    let book = Book {
        partners: vec![acme(), beta(), gone],
        ..Default::default()
    };
    let sections = today_sections(&book);
    let single = section(&sections, SectionKind::SingleThreaded);
    let gone = single.iter().find(|i| i.partner == "Gone").expect("listed");
    assert_eq!(gone.detail, "no active partner-side contact");
}

#[test]
fn today_shows_a_partner_whose_band_dropped() {
    // Healthy (65) 30 days ago, At-risk (50) today: the NPS turned negative.
    let mut drop = partner_file("Gamma")
        .with_revenue(month(2026, 8), 40_000, 0)
        .with_deal(deal(days_ago(70)))
        .with_nps(days_ago(40), 60)
        .with_nps(days_ago(10), -10);
    drop.partner.id = 3;
    drop.partner.fit = StrategicFit::Strong;
    let book = Book {
        partners: vec![acme(), beta(), drop],
        ..Default::default()
    };
    let sections = today_sections(&book);
    let dropped = section(&sections, SectionKind::BandDropped);
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].partner, "Gamma");
    assert_eq!(dropped[0].title, "Healthy → At-risk");
    // What changed: only satisfaction moved in the 30 days.
    assert_eq!(
        dropped[0].detail,
        "65 → 50 · satisfaction 15 → 0: NPS -10, was 60"
    );
}

#[test]
fn a_qbr_more_than_14_days_away_is_not_on_today() {
    let mut file = acme();
    for q in &mut file.qbrs {
        if q.status == QbrStatus::Planned {
            q.date = days_ahead(15);
        }
    }
    let book = Book {
        partners: vec![file, beta()],
        ..Default::default()
    };
    assert!(section(&today_sections(&book), SectionKind::QbrsSoon).is_empty());
}

#[test]
fn archived_partners_are_left_out_of_today() {
    let mut archived = beta();
    archived.partner.archived = true;
    let book = Book {
        partners: vec![acme(), archived],
        ..Default::default()
    };
    let sections = today_sections(&book);
    assert!(
        sections
            .iter()
            .flat_map(|s| &s.items)
            .all(|i| i.partner != "Beta")
    );
}
