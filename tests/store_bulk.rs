//! Whole-book writes a partner at a time (`BookStore::replace_partners`), as
//! `partnerdeck demo` streams its book, on temporary books.

use partnerdeck::demo::{self, DemoOptions};
use partnerdeck::domain::analysis::summarize;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::{Bulk, Store, cache as summaries};

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

fn opts(partners: usize) -> DemoOptions {
    DemoOptions {
        partners,
        ..DemoOptions::default()
    }
}

/// A count straight from the file, as another program sees it.
fn count(path: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .expect("count")
}

fn book_at(dir: &tempfile::TempDir) -> (std::path::PathBuf, Store) {
    let path = dir.path().join("book.db");
    let store = Store::open(&path).expect("open");
    (path, store)
}

#[test]
fn the_streamed_demo_is_the_generated_one() {
    let cfg = ProgramConfig::default();
    let streamed: Vec<_> = demo::partners(&opts(90), today(), &cfg).collect();
    assert_eq!(streamed.len(), 90);
    assert_eq!(streamed, demo::generate(&opts(90), today(), &cfg).partners);
}

/// Stream a demo book of `partners` into `store`, scored as of today except
/// the partner at index `unscored`; returns how many were written.
fn stream(
    store: &mut Store,
    demo_for: Option<chrono::NaiveDate>,
    partners: usize,
    unscored: Option<usize>,
) -> usize {
    let cfg = ProgramConfig::default();
    let mut writer = store
        .replace_partners(Bulk::new(demo_for).scored(today(), &cfg))
        .expect("begin");
    for (i, file) in demo::partners(&opts(partners), today(), &cfg).enumerate() {
        let summary = (Some(i) != unscored).then(|| summarize(&file, today(), &cfg));
        writer.add(&file, summary).expect("add");
    }
    writer.finish().expect("finish")
}

#[test]
fn a_scored_write_leaves_a_demo_book_with_current_summaries() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = book_at(&dir);
    assert_eq!(stream(&mut store, Some(today()), 60, None), 60);
    assert_eq!(
        store.demo_made_for().expect("mark"),
        Some(today().to_string())
    );
    assert_eq!(
        store.meta("summaries_key").expect("key"),
        Some(summaries::key(today(), &ProgramConfig::default()))
    );
    assert_eq!(count(&path, "SELECT count(*) FROM summaries"), 60);
    assert_eq!(count(&path, "SELECT count(*) FROM partners"), 60);
}

#[test]
fn a_partner_written_without_its_summary_leaves_the_cache_stale() {
    let dir = tempfile::tempdir().expect("dir");
    let (_path, mut store) = book_at(&dir);
    stream(&mut store, None, 10, Some(3));
    assert_eq!(store.demo_made_for().expect("mark"), None);
    assert_eq!(
        store.meta("summaries_key").expect("key").as_deref(),
        Some("stale")
    );
}

#[test]
fn a_write_abandoned_part_way_leaves_the_book_and_its_triggers_as_they_were() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = book_at(&dir);
    let cfg = ProgramConfig::default();
    let before = demo::generate(&opts(5), today(), &cfg);
    store.replace_with_demo(&before, today()).expect("book");
    let triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'";
    let (partners, stale) = (
        count(&path, "SELECT count(*) FROM partners"),
        count(&path, triggers),
    );

    // The same ids twice: the second add breaks the primary key.
    let mut writer = store.replace_partners(Bulk::new(None)).expect("begin");
    writer.add(&before.partners[0], None).expect("first add");
    assert!(
        writer.add(&before.partners[0], None).is_err(),
        "one id twice"
    );
    drop(writer);

    assert_eq!(count(&path, "SELECT count(*) FROM partners"), partners);
    assert_eq!(count(&path, triggers), stale);
    assert_eq!(
        store.demo_made_for().expect("mark"),
        Some(today().to_string())
    );
}
