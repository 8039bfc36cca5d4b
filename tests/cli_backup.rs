//! `backup`, `restore` and the automatic backups, as a user runs them.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use partnerdeck::store::Store;

/// A temporary book holding the small fixture book.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("write fixture book");
    (dir, path)
}

fn pd(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(db: &Path) -> String {
    stdout(pd(db).args(["export", "-"]))
}

fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join("backups"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn a_backup_taken_while_the_book_is_open_holds_the_whole_book() {
    let (dir, db) = book();
    // Another program (the cockpit) has the book open meanwhile.
    let open = Store::open(&db).expect("open");
    let copy = dir.path().join("copy.db");
    let printed = stdout(pd(&db).args(["backup", "-o"]).arg(&copy));
    assert_eq!(printed, format!("{}\n", copy.display()));
    drop(open);
    assert_eq!(json(&copy), json(&db));
    let printed = stdout(pd(&db).arg("backup"));
    let default = PathBuf::from(printed.trim());
    assert_eq!(default.parent(), Some(dir.path().join("backups").as_path()));
    assert_eq!(json(&default), json(&db));
    let out = pd(&db)
        .args(["backup", "-o"])
        .arg(&db)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn restore_asks_first_and_backs_the_current_book_up() {
    let (dir, db) = book();
    let saved = dir.path().join("saved.db");
    stdout(pd(&db).args(["backup", "-o"]).arg(&saved));
    let before = json(&db);
    // The book changes after the backup.
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "Company name\nLater Partner Ltd\n").expect("write");
    stdout(pd(&db).args(["import", "--csv", "partners"]).arg(&csv));
    let changed = json(&db);
    assert_ne!(changed, before);
    let bytes = std::fs::read(&db).expect("book");

    // No terminal and no --yes: refused, nothing changed.
    let out = pd(&db).arg("restore").arg(&saved).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("pass --yes to confirm"),
        "{out:?}"
    );
    assert_eq!(std::fs::read(&db).expect("book"), bytes);

    let n = backups(dir.path()).len();
    stdout(pd(&db).args(["restore", "--yes"]).arg(&saved));
    assert_eq!(json(&db), before, "the book is the backup again");
    let all = backups(dir.path());
    assert_eq!(all.len(), n + 1);
    let kept = all
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-restore.db"))
        .expect("the book before the restore");
    assert_eq!(json(kept), changed);
}

#[test]
fn restore_refuses_a_file_that_is_not_a_book() {
    let (dir, db) = book();
    let bytes = std::fs::read(&db).expect("book");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all, just text").expect("write");
    let out = pd(&db)
        .args(["restore", "--yes"])
        .arg(&junk)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a partnerdeck book"),
        "{out:?}"
    );
    assert_eq!(std::fs::read(&db).expect("book"), bytes);
    assert!(backups(dir.path()).is_empty());
}

#[test]
fn automatic_backups_keep_the_last_ten() {
    let (dir, db) = book();
    let csv = dir.path().join("p.csv");
    for i in 0..12 {
        std::fs::write(
            &csv,
            format!("Company name,Region\nNorthwind Traders,Region {i}\n"),
        )
        .expect("write");
        stdout(pd(&db).args(["import", "--csv", "partners"]).arg(&csv));
    }
    let all = backups(dir.path());
    assert_eq!(all.len(), 10, "{all:?}");
    // The newest copy is the book just before the last import.
    let newest = all.last().expect("a backup");
    let export = stdout(pd(newest).args(["export", "--csv", "partners", "-"]));
    assert!(export.contains(",Region 10,"), "{export}");
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

/// Overwrite the pages from `first` (counted from the end when negative)
/// to `last` (exclusive, likewise; 0 is the end) with garbage, keeping page 1 (the header
/// and the schema) readable.
fn damage(path: &Path, first: i64, last: i64) {
    let mut bytes = std::fs::read(path).expect("read");
    let page = 4096_i64;
    let pages = i64::try_from(bytes.len()).expect("size") / page;
    assert!(pages > 4, "book has several pages");
    let at = |p: i64| usize::try_from(if p < 0 { pages + p } else { p } * page).expect("offset");
    let to = if last == 0 { bytes.len() } else { at(last) };
    let from = at(first).max(2 * 4096);
    for (i, b) in bytes.iter_mut().enumerate().take(to).skip(from) {
        *b = u8::try_from(i * 7 % 251).expect("byte");
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_damaged_book_is_not_backed_up_as_a_good_copy() {
    // All records gone, or one page near the end (which the copy carries
    // over unread and only the integrity check finds).
    for (first, last) in [(2, 0), (-2, -1)] {
        let (dir, db) = book();
        damage(&db, first, last);
        let copy = dir.path().join("copy.db");
        let out = pd(&db)
            .args(["backup", "-o"])
            .arg(&copy)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{first}..{last}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("partnerdeck: {} is damaged (", db.display()))
                && err.ends_with("nothing was changed\n")
                && !err.contains("***")
                && err.lines().count() == 1,
            "{first}..{last}: {err}"
        );
        assert_eq!(
            names(dir.path()),
            ["book.db"],
            "no copy, partial or log left"
        );
        let out = pd(&db).arg("backup").output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "no backup path printed");
        let kept = names(&dir.path().join("backups"));
        assert!(kept.is_empty(), "{kept:?}");
    }
}

#[test]
fn a_backup_leaves_no_log_files_beside_the_book_or_the_copy() {
    let (dir, db) = book();
    assert_eq!(names(dir.path()), ["book.db"]);
    let copy = dir.path().join("copy.db");
    stdout(pd(&db).args(["backup", "-o"]).arg(&copy));
    assert_eq!(names(dir.path()), ["book.db", "copy.db"]);
    stdout(pd(&db).arg("backup"));
    assert_eq!(names(dir.path()), ["backups", "book.db", "copy.db"]);
}

#[test]
fn checking_a_file_for_restore_leaves_no_log_files_beside_it() {
    let (dir, db) = book();
    // A copy of a closed book as `cp` makes it: in WAL mode.
    let other = tempfile::tempdir().expect("dir");
    let saved = other.path().join("saved.db");
    std::fs::copy(&db, &saved).expect("copy");
    let out = pd(&db).arg("restore").arg(&saved).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "refused without --yes");
    assert_eq!(names(other.path()), ["saved.db"]);
    stdout(pd(&db).args(["restore", "--yes"]).arg(&saved));
    assert_eq!(names(other.path()), ["saved.db"]);
    assert!(
        names(dir.path())
            .iter()
            .all(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
    );
}
