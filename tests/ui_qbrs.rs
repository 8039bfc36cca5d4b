//! The QBRs screen and workspace driven by keys over a book on disk: a QBR
//! planned with `n`, two checklist items ticked with `x`, the cockpit
//! closed, the book opened again: the QBR and the ticks are there.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::QbrStatus;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn open(path: &std::path::Path) -> App {
    let today = date(2026, 11, 25);
    let cfg = ProgramConfig::default();
    let mut store = Store::open(path).expect("book");
    let analysed = store.analyse(today, &cfg).expect("analyse");
    let model = Model::new(analysed, cfg, today, "book".into());
    App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 100, 30))
}

#[test]
fn a_planned_qbr_and_two_ticks_are_in_the_book_after_reopening() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("fixture book");
    let mut app = open(&path);
    common::keys(&mut app, "4");
    let before = app.model.qbr_lines.len();
    // `n` on the first row plans a QBR for that partner a quarter ahead.
    common::keys(&mut app, "n");
    assert_eq!(app.model.qbr_lines.len(), before + 1);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("planned"), "{status}");
    let new = app
        .model
        .qbr_lines
        .iter()
        .max_by_key(|l| l.qbr_id)
        .expect("the new QBR")
        .clone();
    assert_eq!(new.date, date(2027, 2, 24));
    // The new QBR is the last upcoming one: the row above the next list.
    common::keys(&mut app, "]k<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("QBR Wed 24 Feb 2027"), "{text}");
    common::keys(&mut app, "xjx");
    let text = common::screen(&app);
    assert!(text.contains("prep 40%"), "{text}");
    common::keys(&mut app, "<Esc>q");
    assert!(app.quit);
    drop(app);

    let store = Store::open(&path).expect("book again");
    let file = store.load_file(new.partner_id).expect("file");
    let q = file
        .qbrs
        .iter()
        .find(|q| q.id == new.qbr_id)
        .expect("the QBR is in the book");
    assert_eq!(q.status, QbrStatus::Planned);
    let ticked: Vec<&str> = q
        .checklist
        .iter()
        .filter(|c| c.done == Some(date(2026, 11, 25)))
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        ticked,
        vec!["Pull performance data", "Prepare pipeline report"]
    );
    drop(store);
    let mut app = open(&path);
    common::keys(&mut app, "4");
    let text = common::screen(&app);
    assert!(text.contains("Wed 24 Feb"), "{text}");
}

#[test]
fn cancelling_asks_first_and_undo_plans_it_again() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("fixture book");
    let mut app = open(&path);
    // After `n` the cursor is on the new QBR.
    common::keys(&mut app, "4n<Enter>C");
    assert_eq!(app.modal_count(), 1);
    let text = common::screen(&app);
    assert!(text.contains("Cancel the QBR of Wed 24 Feb"), "{text}");
    common::keys(&mut app, "y");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("cancelled"), "{status}");
    assert!(common::screen(&app).contains(" cancelled ·"));
    common::keys(&mut app, "u");
    assert!(common::screen(&app).contains(" upcoming ·"));
    common::keys(&mut app, "H");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("marked held on Wed 25 Nov"), "{status}");
}

#[test]
fn x_marks_an_action_item_of_a_held_qbr_done() {
    let mut app = common::app(&common::small_book(), date(2026, 11, 25), 100, 30);
    // G: the last row of the QBRs screen is Northwind's QBR held on 20 Aug.
    common::keys(&mut app, "4G<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("QBR Thu 20 Aug 2026"), "{text}");
    assert!(text.contains(" held ·"), "{text}");
    // G: the last action item; k: the one above it.
    common::keys(&mut app, "Gkx");
    let status = app.status.clone().unwrap_or_default();
    assert_eq!(
        status,
        "'Send demo environment credentials' of Northwind Traders marked done · u undoes"
    );
    let text = common::screen(&app);
    assert!(text.contains(">[x] us"), "{text}");
}

#[test]
fn the_filter_narrows_the_lists_but_not_the_completion_rate() {
    let book = partnerdeck::demo::generate(
        &partnerdeck::demo::DemoOptions::default(),
        date(2026, 11, 23),
        &ProgramConfig::default(),
    );
    let mut app = common::app(&book, date(2026, 11, 23), 100, 30);
    common::keys(&mut app, "4");
    let all = common::screen(&app);
    assert!(all.contains("Lumen Ventures Inc"), "{all}");
    common::keys(&mut app, "/quartz<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("Upcoming (1)"), "{text}");
    assert!(text.contains("Quartz AI Pty"), "{text}");
    assert!(!text.contains("Lumen Ventures Inc"), "{text}");
    let rate = "QBR completion 98% (62 held, 1 missed) · target 90%";
    assert!(all.contains(rate), "{all}");
    assert!(text.contains(rate), "{text}");
    assert!(
        text.contains("1 upcoming · 0 due a QBR · filter: quartz"),
        "{text}"
    );
    common::keys(&mut app, "<Esc>");
    assert!(common::screen(&app).contains("Lumen Ventures Inc"));
}

/// `N` plans the next QBR a quarter after this one, never past 2999.
#[test]
fn a_qbr_is_not_planned_past_the_last_year_a_book_holds() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let mut book = common::small_book();
    for q in &mut book.partners[0].qbrs {
        q.date = date(2999, 12, 20);
        q.status = QbrStatus::Planned;
    }
    book.partners[0].qbrs.truncate(1);
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("fixture book");
    let today = date(2999, 11, 15);
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("book");
    let analysed = store.analyse(today, &cfg).expect("analyse");
    let model = Model::new(analysed, cfg, today, "book".into());
    let mut app = App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 100, 30));
    common::keys(&mut app, "4<Enter>");
    assert!(
        common::screen(&app).contains("QBR Fri 20 Dec 2999"),
        "{}",
        common::screen(&app)
    );
    common::keys(&mut app, "N");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("outside the years 1900 to 2999; nothing was changed"),
        "{status}"
    );
    let stored = Store::open(&path).and_then(|s| s.load()).expect("load");
    assert_eq!(stored.partners[0].qbrs.len(), 1);
}
