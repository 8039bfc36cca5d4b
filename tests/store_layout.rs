//! How a book file lies on disk and what a new day leaves in it: a book
//! written whole is laid out table by table (so the first open of a
//! morning reads it in the order it is stored), and the saved cache holds
//! a row for every partner and for no one else.

mod common;

use partnerdeck::analyse::{Analyse, front};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

/// In how many runs of consecutive pages `table` lies in the file.
fn runs(path: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row(
        "WITH p AS (SELECT pageno - row_number() OVER (ORDER BY pageno) AS run \
         FROM dbstat WHERE name = ?1) SELECT count(DISTINCT run) FROM p",
        [table],
        |r| r.get(0),
    )
    .expect("dbstat")
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_demo_book_is_laid_out_table_by_table() {
    let dir = tempfile::tempdir().expect("dir");
    let path = common::demo_file(dir.path(), "book.db", "2026-11-23", 300);
    // What a new day reads, each in one stretch of the file (the root
    // page may lie apart), not a page here and a page there among the
    // other tables' as the partners were streamed in.
    for table in ["partners", "partner_facts", "summaries", "list_rows"] {
        let pages = count(&path, &format!("dbstat WHERE name = '{table}'"));
        assert!(pages > 10, "{table}: {pages} pages");
        assert!(
            runs(&path, table) <= 2,
            "{table} lies in {} runs of {pages} pages",
            runs(&path, table)
        );
    }
    // And a new day rewrites the cache where it lies.
    let mut store = Store::open(&path).expect("open");
    let rows = front(&mut store, date(2026, 11, 24), &ProgramConfig::default()).expect("front");
    assert!(!rows.cached);
    drop(store);
    for table in ["summaries", "list_rows"] {
        assert!(runs(&path, table) <= 3, "{table} after a new day");
    }
}

#[test]
fn a_partner_deleted_without_its_cascade_leaves_no_cached_row_behind() {
    let (_dir, path) = common::stored_small_book();
    let cfg = ProgramConfig::default();
    let day = date(2026, 11, 25);
    let first = Store::open(&path)
        .and_then(|mut s| s.analyse(day, &cfg))
        .expect("analyse");
    let partners = i64::try_from(first.partners.len()).expect("count");
    assert_eq!(count(&path, "list_rows"), partners);
    // Another program deletes a partner with foreign keys off (the
    // `sqlite3` shell's default): its records stay, and so would its
    // cached rows.
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "foreign_keys", false)
        .expect("foreign keys off");
    let gone: i64 = conn
        .query_row("SELECT max(id) FROM partners", [], |r| r.get(0))
        .expect("id");
    conn.execute("DELETE FROM partners WHERE id = ?1", [gone])
        .expect("delete");
    drop(conn);
    assert_eq!(count(&path, "list_rows"), partners, "left behind");
    let again = Store::open(&path)
        .and_then(|mut s| s.analyse(day, &cfg))
        .expect("analyse again");
    assert!(!again.cached, "the delete made the cache stale");
    assert_eq!(again.partners.len(), first.partners.len() - 1);
    for table in ["summaries", "list_rows"] {
        assert_eq!(count(&path, table), partners - 1, "{table}");
        let left: i64 = rusqlite::Connection::open(&path)
            .expect("open")
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE partner_id = ?1"),
                [gone],
                |r| r.get(0),
            )
            .expect("left");
        assert_eq!(left, 0, "{table} keeps the deleted partner's row");
    }
    // The cache is current again: the next open reads the rows.
    let mut store = Store::open(&path).expect("open");
    let rows = front(&mut store, day, &cfg).expect("front");
    assert!(rows.cached);
    assert_eq!(rows.rows.len(), first.partners.len() - 1);
}
