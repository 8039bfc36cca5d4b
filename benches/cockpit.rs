//! Benchmarks over generated books (release build): loading and analysing a
//! 10,000-partner book, and a keystroke handled + frame drawn (120x40,
//! Partners) on a 10,000- and a 50,000-partner book.
//!
//! Run: `cargo bench --bench cockpit` (or `cargo bench --bench cockpit --
//! keystroke_50k` for one group). Targets: a keystroke under 5 ms median at
//! 10k (issue 3) and under 1 ms median at 50k (issue 22); `snapshot --screen partners`
//! under 150 ms wall (measured on the binary, see README). A book is written
//! once per run, and only for the groups the filter selects (the 50k one
//! takes about 40 s).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use partnerdeck::analyse::{Analyse, front};
use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The book `load` opens.
const PARTNERS: usize = 10_000;
/// The books the keystrokes are measured on.
const KEYSTROKE_BOOKS: [usize; 2] = [10_000, 50_000];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// A demo book of `partners` partners in a temporary file.
fn book_file(partners: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path = dir.path().join("bench.db");
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions { partners, seed: 7 }, today(), &cfg);
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .unwrap_or_else(|e| panic!("write book: {e}"));
    (dir, path)
}

/// The cockpit over a book, opened as `partnerdeck` opens it: from the
/// list rows (docs/architecture.md, "The first frame").
fn open_app(path: &std::path::Path) -> App {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let cfg = ProgramConfig::default();
    let front = front(&mut store, today(), &cfg).unwrap_or_else(|e| panic!("front: {e}"));
    let model = Model::from_front(front, cfg, today(), "bench".into());
    App::new(model, Some(store), Theme::color(), Rect::new(0, 0, 120, 40))
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Before timing the fast path, check it: every partner scored from its
/// facts on several days must equal the full recompute from every row of
/// history, field for field. A disagreement stops the bench.
fn check_fast_path(path: &std::path::Path, cfg: &ProgramConfig) {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let book = store.load().unwrap_or_else(|e| panic!("load: {e}"));
    let mut compared = 0;
    for offset in [0, 1, 30, 200] {
        let day = today() + chrono::Days::new(offset);
        let fast = store
            .analyse(day, cfg)
            .unwrap_or_else(|e| panic!("analyse: {e}"));
        let full = partnerdeck::domain::summary::Analysis::of(&book, day, cfg);
        let disagree = fast
            .summaries
            .iter()
            .zip(&full.partners)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(fast.summaries.len(), full.partners.len(), "on {day}");
        assert_eq!(
            disagree, 0,
            "{disagree} partners score differently from facts on {day}"
        );
        compared += full.partners.len();
    }
    println!("fast path = full recompute: {compared} partner-days compared, 0 disagreements");
}

fn load(c: &mut Criterion) {
    let (_dir, path) = book_file(PARTNERS);
    let cfg = ProgramConfig::default();
    check_fast_path(&path, &cfg);
    let mut group = c.benchmark_group("book_10k");
    group.sample_size(10);
    // Rows cached for the day: what every open after the first reads.
    group.bench_function("open_cached", |b| {
        b.iter(|| black_box(open_app(&path)));
    });
    // A new day: every partner scored again from its facts (docs/
    // architecture.md, "How the book becomes summaries").
    let mut day = 0;
    group.bench_function("open_recompute", |b| {
        b.iter(|| {
            day += 1;
            let mut store = Store::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
            let later = today() + chrono::Days::new(day);
            black_box(front(&mut store, later, &cfg).unwrap_or_else(|e| panic!("front: {e}")))
        });
    });
    group.finish();
}

/// The cockpit on Partners over a book, drawn on a 120x40 test terminal.
struct Cockpit {
    _dir: tempfile::TempDir,
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Cockpit {
    fn new(partners: usize) -> Cockpit {
        let (dir, path) = book_file(partners);
        let mut app = open_app(&path);
        let terminal =
            Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("terminal: {e}"));
        app.on_key(key('2'));
        Cockpit {
            _dir: dir,
            app,
            terminal,
        }
    }

    /// Handle a key and draw the frame it leads to.
    fn key_and_draw(&mut self, k: KeyEvent) {
        self.app.on_key(k);
        let app = &self.app;
        self.terminal
            .draw(|f| f.render_widget(app, f.area()))
            .unwrap_or_else(|e| panic!("draw: {e}"));
    }
}

/// The cockpit of a group, made the first time one of its benchmarks runs
/// (so a filtered run never writes a book it does not measure).
fn cockpit(slot: &mut Option<Cockpit>, partners: usize) -> &mut Cockpit {
    slot.get_or_insert_with(|| Cockpit::new(partners))
}

fn keystrokes(c: &mut Criterion) {
    for partners in KEYSTROKE_BOOKS {
        let mut slot = None;
        let mut group = c.benchmark_group(format!("keystroke_{}k", partners / 1000));
        group.bench_function("move_down_and_draw", |b| {
            let cockpit = cockpit(&mut slot, partners);
            b.iter(|| cockpit.key_and_draw(key('j')));
        });
        group.bench_function("sort_next_and_draw", |b| {
            let cockpit = cockpit(&mut slot, partners);
            b.iter(|| cockpit.key_and_draw(key('s')));
        });
        // Whether the filter holds the letter: kept across criterion's calls
        // of the routine (warm-up, then samples), so the filter alternates
        // between "a" and "" and never grows to "aa…".
        let mut typed = false;
        group.bench_function("filter_char_and_draw", |b| {
            let cockpit = cockpit(&mut slot, partners);
            if cockpit.app.modal_count() == 0 {
                cockpit.app.on_key(key('/'));
            }
            b.iter(|| {
                // Alternate typing a letter and deleting it, so every step refilters.
                let k = if typed {
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
                } else {
                    key('a')
                };
                typed = !typed;
                cockpit.key_and_draw(k);
            });
        });
        // The second letter of a word ("a" → "an" and back): rows holding
        // both letters are searched.
        let mut second = false;
        group.bench_function("filter_second_char_and_draw", |b| {
            let cockpit = cockpit(&mut slot, partners);
            if cockpit.app.modal_count() == 0 {
                cockpit.app.on_key(key('/'));
            }
            if typed {
                // The filter holds "a" (the bench above ended on it).
            } else {
                cockpit.key_and_draw(key('a'));
                typed = true;
            }
            b.iter(|| {
                let k = if second {
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
                } else {
                    key('n')
                };
                second = !second;
                cockpit.key_and_draw(k);
            });
        });
        // A real edit from the keyboard: a touch logged on the selected
        // partner, then undone and redone in turn (each one write, that
        // partner scored again, and the screens rebuilt), every tab shown
        // first so each holds its lists. Criterion calls the routine once per sample: the tabs are shown
        // and the touch logged only the first time (an edit forgets the
        // program's numbers, which take a second to work out again).
        let mut undone = false;
        let mut logged = false;
        group.bench_function("edit_undo_redo_and_draw", |b| {
            let cockpit = cockpit(&mut slot, partners);
            if !logged {
                logged = true;
                cockpit
                    .app
                    .on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                for tab in ['3', '4', '5', '6', '7', '1', '2'] {
                    cockpit.app.on_key(key(tab));
                }
                for c in "tbench".chars() {
                    cockpit.app.on_key(key(c));
                }
                cockpit
                    .app
                    .on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            }
            b.iter(|| {
                let k = if undone {
                    KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)
                } else {
                    key('u')
                };
                undone = !undone;
                cockpit.key_and_draw(k);
            });
            let status = cockpit.app.status.clone().unwrap_or_default();
            assert!(
                status.starts_with("undone: ") || status.starts_with("redone: "),
                "the edit was not made: {status}"
            );
        });
        group.finish();
    }
}

criterion_group!(benches, load, keystrokes);
criterion_main!(benches);
