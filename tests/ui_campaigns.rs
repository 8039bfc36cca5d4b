//! The campaigns screen driven by keys: the list, a campaign's timeline,
//! ticking a task, moving the launch, deleting a task, the status — each
//! undone with `u` — and the grid reading the same without colour.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::{CampaignStatus, CampaignTask};
use partnerdeck::domain::testing::date;
use partnerdeck::ui::app::App;
use partnerdeck::ui::screens::campaigns::TimelineState;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

fn tasks(app: &App) -> Vec<CampaignTask> {
    app.model.file(1).expect("Northwind's file").campaigns[0]
        .tasks
        .clone()
}

/// The screen line of a task, by its title.
fn row<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("a row for {title} in\n{screen}"))
}

#[test]
fn the_list_shows_the_campaign_with_progress_and_its_next_task() {
    let mut app = common::app(&common::small_book(), today(), 100, 24);
    common::keys(&mut app, "5");
    let screen = common::screen(&app);
    let line = row(&screen, "Q4 webinar with Northwind");
    for part in ["10 Dec", "in 2w", "Northwind Tra", "planning", "0%", "!9"] {
        assert!(line.contains(part), "{part} in {line}");
    }
    assert!(
        screen.contains(
            "▸ next: Align on campaign concept, topic and audience · due Thu 29 Oct 2026 (27d late) · 9 overd"
        ),
        "{screen}"
    );
}

#[test]
fn ticking_a_task_changes_its_mark_and_undo_restores_it() {
    let mut app = common::app(&common::small_book(), today(), 80, 24);
    common::keys(&mut app, "5<Enter>");
    assert!(
        app.over_as::<TimelineState>().is_some(),
        "the timeline is open"
    );
    let before = common::screen(&app);
    assert!(
        row(&before, "Align on campaign").contains("! Align on campaign"),
        "{before}"
    );
    common::keys(&mut app, "x");
    let after = common::screen(&app);
    assert!(
        row(&after, "Align on campaign").contains("✓ Align on campaign"),
        "{after}"
    );
    assert_eq!(tasks(&app)[0].done, Some(today()));
    assert!(after.contains("1/25 done · 8 ove"), "{after}");
    common::keys(&mut app, "u");
    let undone = common::screen(&app);
    assert!(row(&undone, "Align on campaign").contains("! Align on campaign"));
    assert_eq!(tasks(&app)[0].done, None);
    let said = app.status.clone().unwrap_or_default();
    assert!(said.starts_with("undone"), "{said}");
}

#[test]
fn moving_the_launch_moves_open_tasks_only_and_undo_puts_them_back() {
    let mut app = common::app(&common::small_book(), today(), 80, 24);
    common::keys(&mut app, "5<Enter>x");
    let was = tasks(&app);
    common::keys(&mut app, ">");
    let now = tasks(&app);
    assert_eq!(
        app.model.file(1).expect("file").campaigns[0].launch,
        date(2026, 12, 17)
    );
    for (a, b) in was.iter().zip(&now) {
        assert_eq!(a.id, b.id);
        if a.done.is_some() {
            assert_eq!(b.due, a.due, "{} stays", a.title);
        } else {
            assert_eq!((b.due - a.due).num_days(), 7, "{} moves", a.title);
        }
    }
    assert!(
        common::screen(&app).contains("launch Thu 17 Dec 2026 (in 3w)"),
        "{}",
        common::screen(&app)
    );
    common::keys(&mut app, "u");
    // Back on their days, each open task having moved twice (its calendar
    // SEQUENCE never goes back).
    let mut want = was.clone();
    for t in &mut want {
        if t.done.is_none() {
            t.moves += 2;
        }
    }
    assert_eq!(tasks(&app), want);
}

#[test]
fn deleting_a_task_asks_first_and_undo_brings_it_back() {
    let mut app = common::app(&common::small_book(), today(), 80, 24);
    common::keys(&mut app, "5<Enter>");
    let was = tasks(&app);
    common::keys(&mut app, "d");
    assert_eq!(app.modal_count(), 1, "Confirm is open");
    common::keys(&mut app, "n");
    assert_eq!(tasks(&app).len(), 25, "no leaves it");
    common::keys(&mut app, "dy");
    assert_eq!(tasks(&app).len(), 24);
    let screen = common::screen(&app);
    assert!(!screen.contains("! Align on campaign"), "{screen}");
    assert_eq!(
        app.status.as_deref(),
        Some(
            "task 'Align on campaign concept, topic and audience' of 'Q4 webinar with Northwind' of Northwind Traders removed · u undoes"
        )
    );
    common::keys(&mut app, "u");
    assert_eq!(tasks(&app), was);
}

#[test]
fn the_status_steps_and_cancelling_asks_first() {
    let mut app = common::app(&common::small_book(), today(), 80, 24);
    common::keys(&mut app, "5<Enter>s");
    let status = |app: &App| app.model.file(1).expect("file").campaigns[0].status;
    assert_eq!(status(&app), CampaignStatus::Live);
    common::keys(&mut app, "s");
    assert_eq!(status(&app), CampaignStatus::Done);
    common::keys(&mut app, "s");
    assert_eq!(app.modal_count(), 1, "cancelling asks");
    common::keys(&mut app, "y");
    assert_eq!(status(&app), CampaignStatus::Cancelled);
    common::keys(&mut app, "<Esc>");
    let list = common::screen(&app);
    assert!(row(&list, "Q4 webinar").contains("cancelled"), "{list}");
}

#[test]
fn the_grid_reads_the_same_without_colour() {
    let book = common::small_book();
    let draw = |theme| {
        let mut app = common::app(&book, today(), 160, 48);
        let (model, store) = app.into_parts();
        app = App::new(
            model,
            store,
            theme,
            ratatui::layout::Rect::new(0, 0, 160, 48),
        );
        common::keys(&mut app, "5<Enter>");
        common::screen(&app)
    };
    let colour = draw(partnerdeck::ui::theme::Theme::color());
    let mono = draw(partnerdeck::ui::theme::Theme::mono());
    assert_eq!(
        colour, mono,
        "the marks, not the colours, carry the meaning"
    );
    assert!(row(&mono, "Align on campaign").contains("! Align"));
    assert!(
        row(&mono, "Send email #1").contains("• Send email #1"),
        "{mono}"
    );
    assert!(row(&mono, "Debrief and plan next").contains("·"));
    assert!(mono.contains("│ today Wed 25 Nov"));
}

#[test]
fn facets_and_the_filter_narrow_the_list() {
    let cfg = partnerdeck::domain::config::ProgramConfig::default();
    let today = date(2026, 11, 23);
    let book = partnerdeck::demo::generate(&partnerdeck::demo::DemoOptions::default(), today, &cfg);
    let mut app = common::app(&book, today, 160, 48);
    common::keys(&mut app, "5");
    let all = app.model.campaigns.len();
    // Facets: the second row is the status; one step right is "planning".
    common::keys(&mut app, "fjl<Esc>");
    let screen = common::screen(&app);
    let planning = app
        .model
        .campaigns
        .iter()
        .filter(|r| r.status == CampaignStatus::Planning)
        .count();
    assert!(planning > 0 && planning < all);
    assert!(
        screen.contains(&format!("{planning} shown · status=planning")),
        "{screen}"
    );
    let rows = screen.lines().filter(|l| l.contains(" planning  ")).count();
    assert_eq!(rows, planning, "{screen}");
    assert!(!screen.contains(" done "), "{screen}");
    common::keys(&mut app, "F/webinar<Enter>");
    let screen = common::screen(&app);
    let webinars = app
        .model
        .campaigns
        .iter()
        .filter(|r| r.name.to_lowercase().contains("webinar"))
        .count();
    assert!(
        screen.contains(&format!("{webinars} shown · filter: webinar")),
        "{screen}"
    );
}

#[test]
fn an_open_timeline_shows_a_tick_made_by_another_program() {
    use partnerdeck::domain::edit::{Change, DoneItem, Edit, PartnerRef};
    use partnerdeck::store::Store;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let mut store = Store::open(&path).expect("open");
    store.replace_book(&common::small_book()).expect("write");
    let cfg = partnerdeck::domain::config::ProgramConfig::default();
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let model = partnerdeck::ui::model::Model::new(analysed, cfg.clone(), today(), "b".into());
    let mut app = App::new(
        model,
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, 80, 24),
    );
    common::keys(&mut app, "5<Enter>");
    let first = tasks(&app)[0].clone();
    let tick = Edit {
        partner: PartnerRef {
            id: 1,
            name: "Northwind Traders".into(),
        },
        change: Change::SetDone {
            item: DoneItem::CampaignTask {
                campaign: 1,
                task: first.id,
            },
            from: None,
            to: Some(today()),
        },
    };
    Store::open(&path)
        .and_then(|mut s| s.apply_edit(&tick, today(), &cfg))
        .expect("another program ticks it");
    assert!(app.on_idle(), "the change is noticed");
    assert!(
        app.over_as::<TimelineState>().is_some(),
        "the timeline stays open"
    );
    let screen = common::screen(&app);
    assert!(
        row(&screen, "Align on campaign").contains("✓ Align on campaign"),
        "{screen}"
    );
}

/// `>` never moves a launch or its tasks past 2999: the book could not
/// import its own export then (docs/rules.md, "Dates").
#[test]
fn the_launch_does_not_move_past_the_last_year_a_book_holds() {
    let mut book = common::small_book();
    let c = &mut book.partners[0].campaigns[0];
    let last_due = c.tasks.iter().map(|t| t.due).max().expect("tasks");
    let shift = (date(2999, 12, 28) - last_due).num_days();
    c.launch = partnerdeck::domain::dates::add_days(c.launch, shift);
    for t in &mut c.tasks {
        t.due = partnerdeck::domain::dates::add_days(t.due, shift);
    }
    let mut app = common::app(&book, today(), 120, 30);
    common::keys(&mut app, "5<Enter>");
    let was = app.model.file(1).expect("file").campaigns[0].clone();
    common::keys(&mut app, ">");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("outside the years 1900 to 2999; nothing was changed"),
        "{status}"
    );
    assert_eq!(app.model.file(1).expect("file").campaigns[0], was);
    // A week earlier is fine.
    app.on_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('<'),
        crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(
        app.model.file(1).expect("file").campaigns[0].launch,
        partnerdeck::domain::dates::add_days(was.launch, -7)
    );
}

#[test]
fn an_email_swaps_results_are_sends_opens_clicks_and_read_as_ctr_against_its_benchmark() {
    let mut book = common::small_book();
    let c = &mut book.partners[0].campaigns[0];
    c.kind = partnerdeck::domain::book::CampaignType::EmailSwap;
    c.launch = date(2026, 11, 12);
    c.kpi = "SQLs".into();
    c.kpi_target = 25;
    c.results = partnerdeck::domain::book::CampaignResults::default();
    let mut app = common::app(&book, today(), 120, 30);
    common::keys(&mut app, "5<Enter>R");
    let form = common::screen(&app);
    for field in [
        "Sends",
        "Opens",
        "Clicks",
        "Demo requests",
        "SQLs",
        "Closed-won",
    ] {
        assert!(form.contains(field), "{field}: {form}");
    }
    assert!(!form.contains("Registrants"), "not an email swap's: {form}");
    // Each field starts at 0: replace it.
    for value in ["20000", "4968", "656", "65", "27", "0", "0"] {
        common::keys(&mut app, &format!("<BS>{value}<Tab>"));
    }
    common::keys(&mut app, "<Enter>");
    assert_eq!(app.modal_count(), 0, "{:?}", app.status);
    let screen = common::screen(&app);
    assert!(
        screen.contains(
            " SQLs 25: met, 27 · CTR 3.2% — within the 2-5% benchmark · sends 20,000 · opens 4,968 · clicks 656 · demo requests 65"
        ),
        "{screen}"
    );
    let r = &app.model.file(1).expect("Northwind's file").campaigns[0].results;
    assert_eq!(
        (r.sends, r.opens, r.clicks, r.sqls),
        (20_000, 4_968, 656, 27)
    );
}
