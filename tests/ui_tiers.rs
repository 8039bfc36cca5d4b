//! The Tiers screen driven by keys: a tier decision asks first, lands in
//! the book with its history row, and `u` takes both back.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::book::{PartnerFile, Tier};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

/// The cockpit over the demo book in a file, so the book can be read back.
fn demo_app() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    store
        .replace_book(&generate(&DemoOptions::default(), today(), &cfg))
        .expect("write");
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let model = Model::new(analysed, cfg, today(), "demo".into());
    let app = App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 160, 48));
    (dir, path, app)
}

fn file_of(path: &std::path::Path, name: &str) -> PartnerFile {
    Store::open(path)
        .and_then(|s| s.load())
        .expect("load")
        .find(name)
        .cloned()
        .expect("the partner")
}

const ELIGIBLE: &str = "Müller & Söhne GmbH";

#[test]
fn promoting_an_upgrade_eligible_partner_asks_records_it_and_undo_restores_it() {
    let (_d, path, mut app) = demo_app();
    let before = file_of(&path, ELIGIBLE);
    assert_eq!(before.partner.tier, Tier::Silver);

    common::keys(&mut app, "3");
    let screen = common::screen(&app);
    assert!(screen.contains("Upgrade eligible (1)"), "{screen}");
    // The first row is the upgrade-eligible partner; p asks before anything changes.
    common::keys(&mut app, "p");
    let asked = common::screen(&app);
    assert!(
        asked.contains("Promote Müller & Söhne GmbH from Silver to"),
        "{asked}"
    );
    assert_eq!(file_of(&path, ELIGIBLE).partner.tier, Tier::Silver);

    common::keys(&mut app, "y");
    assert_eq!(
        app.status.as_deref(),
        Some("tier of Müller & Söhne GmbH: Silver → Gold · u undoes")
    );
    let after = file_of(&path, ELIGIBLE);
    assert_eq!(after.partner.tier, Tier::Gold);
    assert_eq!(after.partner.tier_since, today());
    assert_eq!(after.partner.provisional_until, None);
    assert_eq!(after.tier_changes.len(), before.tier_changes.len() + 1);
    let row = after.tier_changes.last().expect("a tier change row");
    assert_eq!(
        (row.from, row.to, row.date),
        (Tier::Silver, Tier::Gold, today())
    );
    assert!(
        row.reason.starts_with("qualifies for Gold ("),
        "{}",
        row.reason
    );
    // It has left the upgrade-eligible section.
    assert!(common::screen(&app).contains("Upgrade eligible (0)"));

    common::keys(&mut app, "u");
    let undone = file_of(&path, ELIGIBLE);
    assert_eq!(undone.partner.tier, Tier::Silver);
    assert_eq!(undone.partner.tier_since, before.partner.tier_since);
    assert_eq!(undone.tier_changes, before.tier_changes);
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.starts_with("undone: tier change of Müller & Söhne GmbH")),
        "{:?}",
        app.status
    );
}

#[test]
fn no_answers_the_question_and_changes_nothing() {
    let (_d, path, mut app) = demo_app();
    let before = file_of(&path, ELIGIBLE);
    common::keys(&mut app, "3pn");
    assert_eq!(file_of(&path, ELIGIBLE).tier_changes, before.tier_changes);
    assert_eq!(file_of(&path, ELIGIBLE).partner.tier, Tier::Silver);
}

#[test]
fn the_filter_narrows_the_sections_and_enter_opens_the_partner_at_its_tier() {
    let (_d, _path, mut app) = demo_app();
    common::keys(&mut app, "3/magnolia<Enter>");
    let screen = common::screen(&app);
    assert!(screen.contains("Provisional ending (1)"), "{screen}");
    assert!(!screen.contains("Lumen Partners"), "{screen}");
    common::keys(&mut app, "<Enter>");
    let detail = common::screen(&app);
    assert!(detail.contains("Magnolia Edge"), "{detail}");
    assert!(detail.contains("Tier history"), "{detail}");
    assert!(
        detail.contains("provisional Gold until Sat 05 Dec 2026 — does not yet meet Gold criteria"),
        "{detail}"
    );
}

#[test]
fn promoting_a_platinum_partner_says_why_not() {
    let (_d, _path, mut app) = demo_app();
    common::keys(&mut app, "3/bluepeak<Enter>p");
    assert_eq!(app.status.as_deref(), Some("Platinum is the top tier"));
}

#[test]
fn demoting_a_partner_whose_downgrade_is_due_goes_one_tier_down() {
    let (_d, path, mut app) = demo_app();
    common::keys(&mut app, "3/lumen partners<Enter>dy");
    let f = file_of(&path, "Lumen Partners");
    assert_eq!(f.partner.tier, Tier::Registered);
    let row = f.tier_changes.last().expect("recorded");
    assert_eq!((row.from, row.to), (Tier::Silver, Tier::Registered));
    assert!(
        row.reason
            .starts_with("grace used up: below Silver criteria since"),
        "{}",
        row.reason
    );
}

#[test]
fn a_demotion_offers_a_support_plan_and_yes_adds_it() {
    let (_d, path, mut app) = demo_app();
    common::keys(&mut app, "3/lumen partners<Enter>dy");
    let screen = common::screen(&app);
    assert!(
        screen.contains("Create a support plan for Lumen Partners?"),
        "asked after the demotion: {screen}"
    );
    assert_eq!(
        file_of(&path, "Lumen Partners").partner.tier,
        Tier::Registered,
        "the demotion is in before the question"
    );
    common::keys(&mut app, "y");
    let f = file_of(&path, "Lumen Partners");
    let plan: Vec<_> = f
        .qbrs
        .iter()
        .flat_map(|q| q.actions.iter().map(move |a| (q.date, a)))
        .filter(|(_, a)| a.text.starts_with("Support plan"))
        .collect();
    assert_eq!(plan.len(), 1, "{plan:?}");
    let (qbr, item) = plan[0];
    assert_eq!(
        item.text,
        "Support plan after Silver → Registered: agree the way back to Silver"
    );
    assert_eq!(item.due, Some(date(2026, 12, 7)), "in 14 days");
    assert_eq!(item.owner, partnerdeck::domain::book::Side::Us);
    assert_eq!(
        qbr,
        date(2026, 12, 7),
        "no QBR was planned: a new one on the plan's day holds it"
    );
    common::keys(&mut app, "u");
    assert!(
        file_of(&path, "Lumen Partners").qbrs.is_empty(),
        "u takes the plan back"
    );
    assert_eq!(
        file_of(&path, "Lumen Partners").partner.tier,
        Tier::Registered,
        "the demotion stays"
    );
}

#[test]
fn no_to_the_support_plan_keeps_the_demotion_only() {
    let (_d, path, mut app) = demo_app();
    common::keys(&mut app, "3/lumen partners<Enter>dyn");
    let f = file_of(&path, "Lumen Partners");
    assert_eq!(f.partner.tier, Tier::Registered);
    assert!(
        f.qbrs
            .iter()
            .flat_map(|q| &q.actions)
            .all(|a| !a.text.starts_with("Support plan"))
    );
}

#[test]
fn confirming_a_provisional_tier_ends_it_and_undo_brings_it_back() {
    let (_d, path, mut app) = demo_app();
    let before = file_of(&path, "Magnolia Edge");
    assert_eq!(before.partner.provisional_until, Some(date(2026, 12, 5)));
    common::keys(&mut app, "3/magnolia<Enter>c");
    assert!(common::screen(&app).contains("Confirm Gold of Magnolia Edge for good?"));
    common::keys(&mut app, "y");
    let f = file_of(&path, "Magnolia Edge");
    assert_eq!(
        (f.partner.tier, f.partner.provisional_until),
        (Tier::Gold, None)
    );
    assert_eq!(
        app.status.as_deref(),
        Some("tier of Magnolia Edge: Gold confirmed · u undoes")
    );
    common::keys(&mut app, "u");
    let f = file_of(&path, "Magnolia Edge");
    assert_eq!(
        f.partner.provisional_until,
        before.partner.provisional_until
    );
    assert_eq!(f.tier_changes, before.tier_changes);
}

#[test]
fn brackets_jump_between_sections() {
    let (_d, path, mut app) = demo_app();
    // From the upgrade-eligible row, ]]]] passes close, below criteria and
    // downgrade due to land on the provisional partner, which c confirms.
    common::keys(&mut app, "3]]]]");
    common::keys(&mut app, "cy");
    assert_eq!(
        file_of(&path, "Magnolia Edge").partner.provisional_until,
        None
    );
    // Confirmed while short of Gold, it is below criteria from today.
    assert!(common::screen(&app).contains("Below criteria (grace) (2)"));
    // [ walks back up to the first section and stays there.
    common::keys(&mut app, "[[[[p");
    assert!(common::screen(&app).contains("Promote Müller & Söhne GmbH"));
}

#[test]
fn the_benefits_popup_shows_every_row_of_the_playbooks_matrix() {
    let (_d, _p, mut app) = demo_app();
    common::keys(&mut app, "3b");
    let text = common::screen(&app);
    for row in &app.model.config.benefits.rows {
        assert!(text.contains(&row.benefit), "{}: {text}", row.benefit);
    }
    assert_eq!(app.model.config.benefits.rows.len(), 14);
    let sla = text
        .lines()
        .find(|l| l.contains("Support SLA"))
        .expect("the SLA row");
    for value in ["Standard", "24hr", "4hr", "1hr"] {
        assert!(sla.contains(value), "{value} in {sla}");
    }
}

#[test]
fn a_partners_tier_block_says_what_the_next_tier_unlocks() {
    let (_d, _p, mut app) = demo_app();
    common::keys(&mut app, "2/lumen partners<Enter><Enter>");
    let text = common::screen(&app).replace('│', " ");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Gold unlocks: premium logo rights, featured directory listing, 20% commission"
        ),
        "{text}"
    );
}
