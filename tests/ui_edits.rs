//! The edit pipeline from the cockpit, tried as a hostile user would:
//! undo and redo say what and for whom, typed text is never thrown away
//! without asking, pasted text never runs as commands, and a book changed
//! by another program is noticed before anything is written to it.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::{ActivityKind, Book};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::tab::Tab;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

/// The cockpit over a book file (so another connection can change it).
fn app_on_file(book: &Book) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let mut store = Store::open(&path).expect("open");
    store.replace_book(book).expect("write");
    let cfg = ProgramConfig::default();
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let model = Model::new(analysed, cfg, today(), "book".into());
    let app = App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 120, 40));
    (dir, path, app)
}

fn activities_of(path: &std::path::Path, name: &str) -> Vec<String> {
    Store::open(path)
        .and_then(|s| s.load())
        .expect("load")
        .find(name)
        .map(|f| f.activities.iter().map(|a| a.summary.clone()).collect())
        .unwrap_or_default()
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

#[test]
fn undo_and_redo_say_what_and_for_whom() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "/Litware<Enter>tQ1 plans<Enter>");
    assert_eq!(activities_of(&path, "Litware"), ["Q1 plans"]);
    common::keys(&mut app, "u");
    assert_eq!(
        status(&app),
        "undone: call of Wed 25 Nov 2026 with Litware removed · Ctrl-r redoes"
    );
    assert!(activities_of(&path, "Litware").is_empty());
    common::keys(&mut app, "<C-r>");
    assert_eq!(
        status(&app),
        "redone: call of Wed 25 Nov 2026 with Litware logged · u undoes"
    );
    assert_eq!(activities_of(&path, "Litware"), ["Q1 plans"]);
    common::keys(&mut app, "<C-r>");
    assert_eq!(status(&app), "nothing to redo");
    common::keys(&mut app, "uu");
    assert_eq!(status(&app), "nothing to undo");
}

#[test]
fn a_new_edit_forgets_what_could_be_redone() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "/Litware<Enter>tfirst<Enter>u");
    common::keys(&mut app, "tsecond<Enter><C-r>");
    assert_eq!(status(&app), "nothing to redo");
    assert_eq!(activities_of(&path, "Litware"), ["second"]);
}

#[test]
fn esc_on_a_form_with_typed_text_asks_before_throwing_it_away() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "/Litware<Enter>tCalled them<Esc>");
    let text = common::screen(&app);
    assert!(
        text.contains("Discard what you typed in Log a touch with Litware?"),
        "{text}"
    );
    assert!(text.contains("y/Enter yes"), "{text}");
    // No: back in the form with the text.
    common::keys(&mut app, "n");
    assert_eq!(app.modal_count(), 1);
    assert!(common::screen(&app).contains("Called them"));
    // Stray keys never answer the question.
    common::keys(&mut app, "<Esc>zq");
    assert_eq!(app.modal_count(), 2);
    assert!(!app.quit);
    common::keys(&mut app, "y");
    assert_eq!(app.modal_count(), 0);
    assert!(activities_of(&path, "Litware").is_empty());
    // An empty form closes at once.
    common::keys(&mut app, "t<Esc>");
    assert_eq!(app.modal_count(), 0);
}

#[test]
fn ctrl_c_quits_but_asks_first_when_a_form_holds_text() {
    let (_d, _p, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "tsomething<C-c>");
    assert!(!app.quit);
    assert!(common::screen(&app).contains("Quit and lose the text you typed?"));
    common::keys(&mut app, "n");
    assert!(!app.quit);
    common::keys(&mut app, "<C-c>y");
    assert!(app.quit);

    let (_d, _p, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "2<C-c>");
    assert!(app.quit, "nothing typed: Ctrl-C quits at once");
}

#[test]
fn pasted_text_goes_into_the_field_and_never_runs_as_commands() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "/Litware<Enter>t");
    app.on_paste("Call went well\nmmm");
    assert_eq!(app.modal_count(), 1, "the form is still open");
    common::keys(&mut app, "<Enter>");
    assert_eq!(activities_of(&path, "Litware"), ["Call went well mmm"]);
    // With no text field open a paste does nothing at all.
    common::keys(&mut app, "2");
    app.on_paste("mu");
    assert!(!common::partners(&app).matrix);
    assert_eq!(activities_of(&path, "Litware"), ["Call went well mmm"]);
}

#[test]
fn the_filter_line_edits_like_a_text_field() {
    let (_d, _p, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "2/litx<BS>");
    app.on_paste("war\ne");
    let text = common::screen(&app);
    assert!(text.contains("filter: litwar e▏"), "{text}");
    common::keys(&mut app, "<Enter><Esc>");
    assert!(common::partners(&app).filter.is_empty());
}

#[test]
fn a_book_replaced_by_another_program_is_reloaded_before_a_touch_is_saved() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    // The touch form is opened for Litware…
    common::keys(&mut app, "/Litware<Enter>t");
    // …then another program replaces the book: the id now names someone else.
    let mut other = common::small_book();
    for f in &mut other.partners {
        f.partner.name = format!("{} (imported)", f.partner.name);
    }
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&other))
        .expect("replace from another program");
    common::keys(&mut app, "hello<Enter>");
    assert!(
        status(&app).starts_with(
            "the book was changed by another program; reloaded · not saved: Litware is no longer in the book"
        ),
        "{}",
        status(&app)
    );
    let book = Store::open(&path).and_then(|s| s.load()).expect("load");
    assert!(
        book.partners
            .iter()
            .all(|f| f.activities.iter().all(|a| a.summary != "hello")),
        "the touch landed on no partner"
    );
    assert!(
        app.model
            .rows
            .iter()
            .all(|p| p.name.ends_with("(imported)")),
        "the cockpit shows the book as it is now"
    );
}

#[test]
fn undo_after_another_program_changed_the_book_touches_nothing_else() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "/Litware<Enter>tmine<Enter>");
    // Another program replaces the book with one whose activity has the same id.
    let mut other = common::small_book();
    let litware = other.find("Litware").expect("litware").partner.id;
    let before = Store::open(&path).and_then(|s| s.load()).expect("load");
    let id = before.find("Litware").expect("l").activities[0].id;
    let file = other
        .partners
        .iter_mut()
        .find(|f| f.partner.id == litware)
        .expect("litware");
    file.activities.push(partnerdeck::domain::book::Activity {
        id,
        date: today(),
        kind: ActivityKind::Call,
        summary: "imported, not mine".into(),
        contact: None,
    });
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&other))
        .expect("replace from another program");
    common::keys(&mut app, "u");
    assert!(status(&app).contains("could not undo:"), "{}", status(&app));
    assert_eq!(activities_of(&path, "Litware"), ["imported, not mine"]);
}

#[test]
fn an_idle_cockpit_notices_another_program_and_says_so() {
    let (_d, path, mut app) = app_on_file(&common::small_book());
    assert!(!app.on_idle(), "nothing changed");
    let mut other = common::small_book();
    other.partners.truncate(1);
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&other))
        .expect("replace");
    assert!(app.on_idle());
    assert_eq!(app.model.rows.len(), 1);
    assert!(common::screen(&app).contains("the book was changed by another program; reloaded"));
    assert_eq!(app.tab(), Tab::Today);
}

#[test]
fn the_first_edit_of_a_demo_book_makes_it_the_users_book() {
    let mut store = Store::open_in_memory().expect("memory");
    store
        .replace_with_demo(&common::small_book(), today())
        .expect("demo");
    assert!(store.demo_made_for().expect("mark").is_some());
    let litware = store
        .load()
        .expect("load")
        .find("Litware")
        .expect("litware")
        .partner
        .clone();
    common::log_touch(&mut store, &litware, today(), ActivityKind::Call, "mine").expect("edit");
    assert_eq!(store.demo_made_for().expect("mark"), None);
}

#[test]
fn the_filter_line_deletes_to_its_start_with_ctrl_u_as_a_shell_does() {
    let (_d, _p, mut app) = app_on_file(&common::small_book());
    common::keys(&mut app, "2/north wind<C-w>");
    assert!(common::screen(&app).contains("filter: north ▏"));
    common::keys(&mut app, "<C-u>lit");
    assert!(common::screen(&app).contains("filter: lit▏"));
}
