//! The store on unusable books: damaged, read-only, locked,
//! foreign or bogus files get a clear one-line error and are left as they were.

mod common;

use partnerdeck::analyse::Analyse;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::schema::{latest_version, migrations_to};
use partnerdeck::store::{Store, StoreError};

fn temp_book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    (dir, path)
}

/// A book holding the small fixture book, closed (its log folded in).
fn fixture_book() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_book();
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("fixture book");
    (dir, path)
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Overwrite every page but the first two with garbage: the header and the
/// schema stay readable, the records do not.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let page = 4096;
    assert!(bytes.len() > 4 * page, "book has several pages");
    for (i, b) in bytes.iter_mut().enumerate().skip(2 * page) {
        *b = u8::try_from(i * 7 % 251).expect("byte");
    }
    std::fs::write(path, bytes).expect("write");
}

/// A book as partnerdeck v1 left it, in rollback-journal mode.
fn v1_book(path: &Path) {
    let mut conn = rusqlite::Connection::open(path).expect("raw");
    migrations_to(1).to_latest(&mut conn).expect("v1 schema");
}

#[test]
fn a_damaged_book_is_named_as_damaged_and_left_unchanged() {
    let (_dir, path) = fixture_book();
    damage(&path);
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path)
        .and_then(|mut s| s.analyse(date(2026, 11, 25), &ProgramConfig::default()))
        .expect_err("damaged");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.is_file_problem());
    assert_eq!(
        err.to_string(),
        format!(
            "{} is damaged (SQLite: database disk image is malformed); nothing was changed",
            path.display()
        )
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "keeps the engine error"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_writable_book_in_a_read_only_folder_is_refused_as_read_only() {
    let (dir, path) = fixture_book();
    set_mode(dir.path(), 0o555);
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, b"").is_ok() {
        let _ = std::fs::remove_file(&probe);
        set_mode(dir.path(), 0o755);
        eprintln!("note: running with permission to write a 0o555 folder (root); skipped");
        return;
    }
    let err = Store::open(&path).expect_err("read-only folder");
    set_mode(dir.path(), 0o755);
    assert!(err.is_file_problem());
    assert!(err.to_string().contains("read-only"), "{err}");
}

#[test]
fn a_failed_migration_is_one_line_and_keeps_one_backup_however_often_it_is_tried() {
    let (dir, path) = temp_book();
    v1_book(&path);
    // Something in the way of the next migration.
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch("CREATE TABLE summaries (x);"))
        .expect("obstacle");
    for _ in 0..3 {
        let err = Store::open(&path).expect_err("cannot upgrade");
        assert!(matches!(err, StoreError::Migration { .. }), "{err:?}");
        let text = err.to_string();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains("CREATE"), "no SQL in the message: {text}");
        assert!(text.contains("table summaries already exists"), "{text}");
        assert!(std::error::Error::source(&err).is_some());
    }
    assert_eq!(names(dir.path()), ["book.db", "book.db.v1.bak"]);
}

#[test]
fn a_migration_blocked_by_another_program_says_locked_and_keeps_one_backup() {
    let (dir, path) = temp_book();
    v1_book(&path);
    let other = rusqlite::Connection::open(&path).expect("other program");
    other.execute_batch("BEGIN IMMEDIATE").expect("write lock");
    for _ in 0..2 {
        let err = Store::open(&path).expect_err("locked");
        assert!(err.to_string().contains("locked"), "{err}");
        assert!(err.is_file_problem());
    }
    other.execute_batch("ROLLBACK").expect("release");
    drop(other);
    assert_eq!(names(dir.path()), ["book.db", "book.db.v1.bak"]);
    let store = Store::open(&path).expect("upgrades once free");
    assert_eq!(store.schema_version().expect("version"), latest_version());
}

#[test]
fn a_bogus_schema_version_is_refused_without_a_migration() {
    for (version, says) in [
        (-5, "not a partnerdeck book"),
        (99_999, "newer partnerdeck"),
    ] {
        let (dir, path) = fixture_book();
        {
            let c = rusqlite::Connection::open(&path).expect("raw");
            c.pragma_update(None, "journal_mode", "DELETE")
                .expect("no wal");
            c.pragma_update(None, "user_version", version)
                .expect("bogus");
        }
        let before = std::fs::read(&path).expect("read");
        let err = Store::open(&path).expect_err("refused");
        assert!(err.to_string().contains(says), "{version}: {err}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
        assert_eq!(names(dir.path()), ["book.db"], "no backup, no migration");
    }
}

#[test]
fn a_database_holding_any_object_of_another_program_is_never_adopted() {
    for sql in [
        "CREATE VIEW answer AS SELECT 42;",
        "CREATE TABLE t (x); CREATE INDEX t_x ON t(x);",
        "CREATE TABLE t (x); CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN SELECT 1; END;",
        "CREATE TABLE t (x);",
    ] {
        let (_dir, path) = temp_book();
        rusqlite::Connection::open(&path)
            .and_then(|c| c.execute_batch(sql))
            .expect("foreign db");
        let before = std::fs::read(&path).expect("read");
        let err = Store::open(&path).expect_err("refused");
        assert!(
            matches!(err, StoreError::ForeignDatabase { .. }),
            "{sql}: {err}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), before, "{sql}");
    }
}

#[test]
fn a_refused_read_only_book_gets_no_log_files_beside_it() {
    let (dir, path) = fixture_book();
    set_mode(&path, 0o444);
    let err = Store::open(&path).expect_err("read-only");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn a_read_only_book_can_be_read_without_writing_anything() {
    let (dir, path) = fixture_book();
    set_mode(&path, 0o444);
    let before = std::fs::read(&path).expect("read");
    let mut store = Store::open_read_only(&path).expect("opens read-only");
    assert!(store.is_read_only());
    let analysed = store
        .analyse(date(2026, 11, 25), &ProgramConfig::default())
        .expect("reads");
    assert_eq!(analysed.partners.len(), 3);
    assert_eq!(store.load().expect("load").partners.len(), 3);
    drop(store);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "no cache written"
    );
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn an_older_read_only_book_says_it_needs_upgrading() {
    let (dir, path) = temp_book();
    v1_book(&path);
    set_mode(&path, 0o444);
    let err = Store::open_read_only(&path).expect_err("older");
    assert!(matches!(err, StoreError::ReadOnlyOlder { .. }), "{err:?}");
    assert!(err.to_string().contains("make it writable"), "{err}");
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn engine_errors_keep_their_source() {
    let err: StoreError = rusqlite::Error::InvalidQuery.into();
    assert!(matches!(err, StoreError::Engine(_)));
    assert!(std::error::Error::source(&err).is_some());
}
