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
