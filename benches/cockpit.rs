//! Benchmarks over a generated 10,000-partner book (release build):
//! loading and analysing the book, and a keystroke handled + frame drawn.
//!
//! Run: `cargo bench --bench cockpit`. Targets (issue 3): a keystroke under
//! 5 ms median; `snapshot --screen partners` under 150 ms wall (measured on
//! the binary, see README).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use partnerdeck::analyse::Analyse;
use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const PARTNERS: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// A 10k-partner book in a temporary file.
fn book_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path = dir.path().join("bench.db");
    let cfg = ProgramConfig::default();
    let book = generate(
        &DemoOptions {
            partners: PARTNERS,
            seed: 7,
        },
        today(),
        &cfg,
    );
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .unwrap_or_else(|e| panic!("write book: {e}"));
    (dir, path)
}

fn open_app(path: &std::path::Path) -> App {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let cfg = ProgramConfig::default();
    let analysed = store
        .analyse(today(), &cfg)
        .unwrap_or_else(|e| panic!("analyse: {e}"));
    let model = Model::new(analysed, cfg, today(), "bench".into());
    App::new(model, Some(store), Theme::color(), Rect::new(0, 0, 120, 40))
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn load(c: &mut Criterion) {
    let (_dir, path) = book_file();
    let cfg = ProgramConfig::default();
    let mut group = c.benchmark_group("book_10k");
    group.sample_size(10);
    // Summaries cached for the day: what every open after the first reads.
    group.bench_function("open_cached", |b| {
        b.iter(|| black_box(open_app(&path)));
    });
    // A new day (or config, or changed book): read every file and score it.
    let mut day = 0;
    group.bench_function("open_recompute", |b| {
        b.iter(|| {
            day += 1;
            let mut store = Store::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
            let later = today() + chrono::Days::new(day);
            black_box(
                store
                    .analyse(later, &cfg)
                    .unwrap_or_else(|e| panic!("analyse: {e}")),
            )
        });
    });
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let (_dir, path) = book_file();
    let mut app = open_app(&path);
    let mut terminal =
        Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("terminal: {e}"));
    app.on_key(key('2'));
    let mut group = c.benchmark_group("keystroke_10k");
    group.bench_function("move_down_and_draw", |b| {
        b.iter(|| {
            app.on_key(key('j'));
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .unwrap_or_else(|e| panic!("draw: {e}"));
        });
    });
    group.bench_function("sort_next_and_draw", |b| {
        b.iter(|| {
            app.on_key(key('s'));
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .unwrap_or_else(|e| panic!("draw: {e}"));
        });
    });
    app.on_key(key('/'));
    let mut typed = false;
    group.bench_function("filter_char_and_draw", |b| {
        b.iter(|| {
            // Alternate typing a letter and deleting it, so every step refilters.
            let k = if typed {
                KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
            } else {
                key('a')
            };
            typed = !typed;
            app.on_key(k);
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .unwrap_or_else(|e| panic!("draw: {e}"));
        });
    });
    group.finish();
}

criterion_group!(benches, load, keystrokes);
criterion_main!(benches);
