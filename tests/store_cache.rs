//! The summary cache and schema upgrades, on temporary books.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::book::ActivityKind;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;
use partnerdeck::store::schema::{latest_version, migrations_to};

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

fn stored() -> (tempfile::TempDir, std::path::PathBuf) {
    common::stored_small_book()
}

#[test]
fn summaries_are_computed_once_then_read_from_the_cache() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let first = Store::open(&path)
        .and_then(|mut s| s.analyse(today(), &cfg))
        .expect("first");
    assert!(!first.cached);
    let second = Store::open(&path)
        .and_then(|mut s| s.analyse(today(), &cfg))
        .expect("second");
    assert!(second.cached);
    assert_eq!(first.summaries, second.summaries);
    // The cached numbers are the rules' numbers.
    let book = common::small_book();
    let direct: Vec<_> = book
        .partners
        .iter()
        .map(|f| summarize(f, today(), &cfg))
        .collect();
    assert_eq!(second.summaries, direct);
}

#[test]
fn any_change_to_the_book_makes_the_cache_stale() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    let before = store.analyse(today(), &cfg).expect("analyse");
    let litware = before
        .partners
        .iter()
        .find(|p| p.name == "Litware")
        .expect("litware")
        .clone();
    // Another program (no cache to keep current: the edit says so).
    let mut other = Store::open(&path).expect("second connection");
    common::log_touch(
        &mut other,
        &litware,
        date(2026, 11, 24),
        ActivityKind::Call,
        "hello",
    )
    .expect("log");
    let litware = litware.id;
    let after = store.analyse(today(), &cfg).expect("again");
    assert!(!after.cached, "a logged touch invalidates the cache");
    let i = after
        .partners
        .iter()
        .position(|p| p.id == litware)
        .expect("index");
    assert_eq!(after.summaries[i].touch.days_since, Some(1));
}

#[test]
fn an_edit_made_outside_partnerdeck_makes_the_cache_stale() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    Store::open(&path)
        .and_then(|mut s| s.analyse(today(), &cfg))
        .expect("warm");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE nps SET score = -80", []))
        .expect("raw edit");
    let a = Store::open(&path)
        .and_then(|mut s| s.analyse(today(), &cfg))
        .expect("again");
    assert!(!a.cached);
    assert!(
        a.summaries[0].health.dimensions[3]
            .reason
            .starts_with("NPS -80")
    );
}

#[test]
fn another_day_or_another_config_recomputes() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    store.analyse(today(), &cfg).expect("warm");
    assert!(
        !store
            .analyse(date(2026, 11, 26), &cfg)
            .expect("tomorrow")
            .cached
    );
    let mut other = cfg.clone();
    other.cadence.stable = 3;
    assert!(
        !store
            .analyse(date(2026, 11, 26), &other)
            .expect("other config")
            .cached
    );
    assert!(
        store
            .analyse(date(2026, 11, 26), &other)
            .expect("same again")
            .cached
    );
}

#[test]
fn an_edit_from_the_cockpit_keeps_the_cache_current() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    let analysed = store.analyse(today(), &cfg).expect("warm");
    let mut app = partnerdeck::ui::app::App::new(
        partnerdeck::ui::model::Model::new(analysed, cfg.clone(), today(), "t".into()),
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    common::keys(&mut app, "/Litware<Enter>tQ1 plans<Enter>");
    drop(app);
    let reopened = Store::open(&path)
        .and_then(|mut s| s.analyse(today(), &cfg))
        .expect("reopen");
    assert!(
        reopened.cached,
        "the cockpit stored the new summary with its edit"
    );
    let i = reopened
        .partners
        .iter()
        .position(|p| p.name == "Litware")
        .expect("litware");
    assert_eq!(reopened.summaries[i].touch.days_since, Some(0));
}

#[test]
fn every_earlier_schema_version_upgrades_with_a_backup_and_keeps_the_book() {
    for version in 0..latest_version() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old.db");
        {
            let mut conn = rusqlite::Connection::open(&path).expect("raw");
            if version > 0 {
                migrations_to(usize::try_from(version).expect("small"))
                    .to_latest(&mut conn)
                    .expect("old schema");
            }
            if version >= 1 {
                conn.execute_batch(
                    "INSERT INTO partners (id, name, type, tier, tier_since, lifecycle, fit, created_at, updated_at) \
                     VALUES (1, 'Oldco', 'reseller', 'silver', '2025-01-01', 'grow', 'strong', 'x', 'x');",
                )
                .expect("old partner");
            }
        }
        let store = Store::open(&path).expect("upgrade");
        assert_eq!(store.schema_version().expect("version"), latest_version());
        if version >= 1 {
            let book = store.load().expect("load");
            assert_eq!(book.partners[0].partner.name, "Oldco");
            let backup = dir.path().join(format!("old.db.v{version}.bak"));
            assert!(
                backup.exists(),
                "backup of v{version} taken before upgrading"
            );
        }
    }
}

#[test]
fn an_edit_on_a_busy_book_is_not_shown_as_saved() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let mut app = partnerdeck::ui::app::App::new(
        partnerdeck::ui::model::Model::new(analysed, cfg, today(), "t".into()),
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    let overdue = |app: &partnerdeck::ui::app::App| {
        (0..app.model.triage.len())
            .flat_map(|s| app.model.triage_items(s))
            .any(|i| i.partner == "Litware" && i.tag == "●")
    };
    let lock = rusqlite::Connection::open(&path).expect("raw");
    lock.execute_batch("BEGIN IMMEDIATE")
        .expect("another writer");
    common::keys(&mut app, "/Litware<Enter>tcall<Enter>");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.starts_with("not saved: the book is busy")),
        "{:?}",
        app.status
    );
    assert!(
        overdue(&app),
        "the touch was not saved, so Litware is still overdue"
    );
    lock.execute_batch("ROLLBACK").expect("release");
    common::keys(&mut app, "tcall<Enter>");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.starts_with("call of Wed 25 Nov 2026 with Litware logged")),
        "{:?}",
        app.status
    );
    assert!(!overdue(&app));
}

fn stale_triggers(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_stale'",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

#[test]
fn a_bulk_write_leaves_the_stale_marking_in_place_whether_it_lands_or_fails() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let triggers = stale_triggers(&path);
    assert!(triggers > 0, "the schema marks the cache stale by trigger");

    // A replace that breaks a constraint changes nothing, triggers included.
    let mut twice = common::small_book();
    let copy = twice.partners[0].clone();
    twice.partners.push(copy);
    let mut store = Store::open(&path).expect("open");
    store.analyse(today(), &cfg).expect("score");
    assert!(store.analyse(today(), &cfg).expect("cached").cached);
    assert!(store.replace_book(&twice).is_err(), "two partners, one id");
    assert_eq!(stale_triggers(&path), triggers);

    // A replace that lands re-scores the new book, then an edit made by
    // another program still makes the cache stale.
    store.replace_book(&common::small_book()).expect("replace");
    assert_eq!(stale_triggers(&path), triggers);
    let fresh = store.analyse(today(), &cfg).expect("analyse");
    assert!(!fresh.cached, "a replaced book is scored again");
    assert!(store.analyse(today(), &cfg).expect("again").cached);
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE partners SET notes = 'edited elsewhere'", []))
        .expect("outside edit");
    assert!(!store.analyse(today(), &cfg).expect("after").cached);
}
