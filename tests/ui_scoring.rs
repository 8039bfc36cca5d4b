//! Never a frozen screen: a cockpit opened on a book whose summaries are
//! not current draws at once with a progress line, takes no key but quit
//! meanwhile, and shows the numbers once they are all current.

mod common;

use partnerdeck::analyse::{Analysed, Pending};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::{BookAddress, Store};
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;

fn stale_demo_book(dir: &tempfile::TempDir) -> std::path::PathBuf {
    common::demo_file(dir.path(), "book.db", "2026-11-23", 300)
}

/// The cockpit as `cli::cockpit` starts it when the summaries are not
/// current: an empty model and the scoring running.
fn opening(path: &std::path::Path) -> App {
    let cfg = ProgramConfig::default();
    let today = date(2026, 11, 24);
    let store = Store::open(path).expect("open");
    let empty = Analysed {
        partners: Vec::new(),
        summaries: Vec::new(),
        cached: false,
        coverage: partnerdeck::domain::coverage::Coverage::default(),
    };
    let model = Model::new(empty, cfg.clone(), today, "demo".into());
    let mut app = App::new(
        model,
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, 140, 30),
    );
    app.pending = Some(Pending::start(
        &BookAddress::File(path.to_path_buf()),
        today,
        cfg,
    ));
    app
}

fn wait_for_numbers(app: &mut App) {
    let started = std::time::Instant::now();
    while app.pending.is_some() {
        assert!(started.elapsed().as_secs() < 60, "scoring never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.on_idle();
    }
}

#[test]
fn the_first_frame_shows_progress_then_the_numbers() {
    let dir = tempfile::tempdir().expect("dir");
    let path = stale_demo_book(&dir);
    let mut app = opening(&path);
    let first = common::screen(&app);
    assert!(
        first.contains("scoring 300 partners…") || first.contains("reading the book…"),
        "{first}"
    );
    assert!(
        first.contains("book: demo (…)"),
        "no count until it is current: {first}"
    );
    // Keys wait: moving or switching tabs does nothing yet.
    common::keys(&mut app, "j2");
    assert!(!app.quit);
    wait_for_numbers(&mut app);
    let after = common::screen(&app);
    assert!(after.contains("book: demo (298 +2 archived)"), "{after}");
    assert!(!after.contains("scoring"), "{after}");
    assert_eq!(app.status, None, "{after}");
    // The scoring thread's own writes are not "another program".
    app.on_idle();
    assert_eq!(app.status, None);
    // And it kept what it made: the next open is a quick read.
    let mut store = Store::open(&path).expect("open");
    let again = partnerdeck::analyse::Analyse::analyse(
        &mut store,
        date(2026, 11, 24),
        &ProgramConfig::default(),
    )
    .expect("analyse");
    assert!(again.cached);
}

#[test]
fn quitting_while_scoring_quits() {
    let dir = tempfile::tempdir().expect("dir");
    let path = stale_demo_book(&dir);
    let mut app = opening(&path);
    common::keys(&mut app, "q");
    assert!(app.quit);
}
