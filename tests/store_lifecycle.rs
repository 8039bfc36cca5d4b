//! Recruit and onboard in the book: a stage history and a scorecard are
//! kept and read back, signing a prospect is one edit (stage, joined, the
//! dated move and the onboarding plan) that puts its week-1 tasks on Today
//! and comes back whole on undo, and the demo tells the rules' stories.

use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::book::{
    Book, CampaignType, Lifecycle, PartnerFile, RedFlag, Scorecard, StageChange,
};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, Edit, PartnerRef};
use partnerdeck::domain::lifecycle::{Reading, sign};
use partnerdeck::domain::testing::{date, partner_file};
use partnerdeck::domain::today::{LifecycleLine, LineData, SectionKind};
use partnerdeck::store::Store;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

fn prospect() -> PartnerFile {
    let mut f = partner_file("Fabrikam Labs");
    f.partner.id = 1;
    f.partner.lifecycle = Lifecycle::Recruit;
    f.partner.created_at = "2026-11-02T09:00:00Z".into();
    f
}

fn stored(file: PartnerFile) -> Store {
    let mut store = Store::open_in_memory().expect("memory book");
    store
        .replace_book(&Book {
            partners: vec![file],
            ..Default::default()
        })
        .expect("write");
    store
}

fn atlas(f: &PartnerFile) -> PartnerRef {
    PartnerRef {
        id: f.partner.id,
        name: f.partner.name.clone(),
    }
}

#[test]
fn the_stage_history_and_the_scorecard_are_kept() {
    let mut f = prospect();
    f.stage_changes.push(StageChange {
        from: Lifecycle::Recruit,
        to: Lifecycle::Onboard,
        date: date(2026, 10, 1),
    });
    f.scorecard = Some(Scorecard::with_scores(
        date(2026, 9, 20),
        [4, 5, 4, 3, 5, 4, 4],
        vec![RedFlag::CompetitiveOverlap, RedFlag::OneWayInterest],
    ));
    let store = stored(f.clone());
    let back = store.load_file(1).expect("file");
    assert_eq!(back.stage_changes, f.stage_changes);
    assert_eq!(back.scorecard, f.scorecard);
}

#[test]
fn signing_is_one_edit_that_plans_onboarding_and_undoes_whole() {
    let cfg = ProgramConfig::default();
    let f = prospect();
    let mut store = stored(f.clone());
    let edit = Edit {
        partner: atlas(&f),
        change: sign(&f, today(), today(), &cfg),
    };
    let done = store.apply_edit(&edit, today(), &cfg).expect("signed");
    assert_eq!(
        done.applied.what,
        "Fabrikam Labs moved recruit → onboard on Mon 23 Nov 2026, onboarding plan of 12 tasks"
    );
    let after = store.load_file(1).expect("file");
    assert_eq!(after.partner.lifecycle, Lifecycle::Onboard);
    assert_eq!(after.partner.joined, Some(today()));
    assert_eq!(
        after.stage_changes,
        [StageChange {
            from: Lifecycle::Recruit,
            to: Lifecycle::Onboard,
            date: today(),
        }]
    );
    let plan = &after.campaigns[0];
    assert_eq!(plan.kind, CampaignType::Onboarding);
    assert!(plan.id > 0 && plan.tasks.iter().all(|t| t.id > 0));
    // Its week-1 tasks are Today's, due on the last day of week 1.
    let (_, summary) = done.after.expect("partner kept");
    let week1: Vec<(&str, &str)> = summary
        .today
        .iter()
        .filter(|e| e.section == SectionKind::DueSoon)
        .map(|e| (e.item.title.as_str(), e.item.owner.as_str()))
        .collect();
    assert_eq!(
        week1,
        [
            ("Welcome email with portal access", "us"),
            ("101 training (self-paced, 2 hours)", "partner"),
            ("Intro call with partner manager", "both")
        ]
    );
    assert!(
        summary
            .today
            .iter()
            .filter(|e| e.section == SectionKind::DueSoon)
            .all(|e| e.item.due == Some(date(2026, 11, 29)))
    );
    // A partner signed today is new: no band read off its empty history.
    assert!(summary.lifecycle.new);
    assert!(
        summary
            .today
            .iter()
            .all(|e| e.section != SectionKind::BandDropped)
    );
    let undone = store
        .apply_edit(&done.applied.inverse, today(), &cfg)
        .expect("undone");
    assert_eq!(undone.applied.what, "Fabrikam Labs back to recruit");
    let mut back = store.load_file(1).expect("file");
    back.partner.updated_at.clone_from(&f.partner.updated_at);
    assert_eq!(back, f, "every edit stamps updated_at; nothing else stays");
}

#[test]
fn a_scorecard_is_set_and_undone() {
    let cfg = ProgramConfig::default();
    let f = prospect();
    let mut store = stored(f.clone());
    let card = Scorecard::with_scores(today(), [2, 2, 2, 2, 2, 2, 2], vec![RedFlag::NoPartnerTeam]);
    let edit = Edit {
        partner: atlas(&f),
        change: Change::SetScorecard {
            from: None,
            to: Some(card.clone()),
        },
    };
    let done = store.apply_edit(&edit, today(), &cfg).expect("scored");
    assert_eq!(done.applied.what, "Fabrikam Labs scored 14/35");
    let (_, s) = done.after.expect("kept");
    let q = s.lifecycle.qualification.expect("read");
    assert_eq!(q.reading, Reading::NotReady);
    assert_eq!(q.revisit, Some(date(2027, 5, 23)));
    assert_eq!(store.load_file(1).expect("file").scorecard, Some(card));
    // The same edit again finds the scorecard changed: refused, book kept.
    assert!(store.apply_edit(&edit, today(), &cfg).is_err());
    store
        .apply_edit(&done.applied.inverse, today(), &cfg)
        .expect("undone");
    assert_eq!(store.load_file(1).expect("file").scorecard, None);
}

#[test]
fn a_partner_past_its_stage_plan_or_90_days_without_a_deal_is_on_today() {
    let cfg = ProgramConfig::default();
    let mut f = partner_file("Acorn AI SAS");
    f.partner.lifecycle = Lifecycle::Enable;
    f.partner.created_at = "2023-02-10T09:00:00Z".into();
    let s = summarize(&f, today(), &cfg);
    let lines: Vec<(LifecycleLine, String)> = s
        .today
        .iter()
        .filter(|e| e.section == SectionKind::Lifecycle)
        .filter_map(|e| match e.item.data {
            LineData::Lifecycle { line, .. } => Some((line, e.item.title.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                LifecycleLine::StageOverPlan,
                "enable for 45 months, plan 30 days".to_string()
            ),
            (
                LifecycleLine::NoFirstDeal,
                "no won deal 45 months after joining".to_string()
            ),
        ]
    );
}

#[test]
fn the_demo_has_prospects_partners_onboarding_and_one_stuck_in_enable() {
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions::default(), today(), &cfg);
    let mut scored: Vec<&str> = book
        .partners
        .iter()
        .filter(|f| f.partner.lifecycle == Lifecycle::Recruit)
        .filter_map(|f| f.scorecard.as_ref())
        .map(|c| {
            partnerdeck::domain::lifecycle::Qualification::of(c, &cfg.lifecycle)
                .reading
                .title()
        })
        .collect();
    scored.sort_unstable();
    assert_eq!(scored, ["Gold potential", "Not ready", "Silver potential"]);
    let onboarding: Vec<usize> = book
        .partners
        .iter()
        .filter(|f| f.partner.lifecycle == Lifecycle::Onboard)
        .map(|f| {
            let plan = f
                .campaigns
                .iter()
                .find(|c| c.kind == CampaignType::Onboarding)
                .expect("a plan");
            plan.tasks
                .iter()
                .filter(|t| t.done.is_none() && t.due < today())
                .count()
        })
        .collect();
    assert_eq!(onboarding.len(), 2, "two partners onboarding");
    assert!(
        onboarding.contains(&0) && onboarding.contains(&2),
        "one late"
    );
    let stuck = book
        .partners
        .iter()
        .filter(|f| {
            let s = summarize(f, today(), &cfg);
            f.partner.lifecycle == Lifecycle::Enable && s.lifecycle.clock.over_plan()
        })
        .count();
    assert_eq!(stuck, 1);
}
