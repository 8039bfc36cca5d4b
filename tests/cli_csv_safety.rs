//! A CSV import is whole or not at all even when killed, and waits for or
//! refuses another program's write without losing anything.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;

fn pd(db: &Path) -> Process {
    let mut cmd = Process::new(cargo_bin("partnerdeck"));
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

/// A partners export of `n` rows named `{prefix} {i}`.
fn partners_csv(dir: &Path, prefix: &str, n: usize) -> PathBuf {
    let mut text = String::from("Record ID,Company name,Type,Region,Description\r\n");
    for i in 0..n {
        let _ = write!(
            text,
            "{prefix}-{i},{prefix} {i},Reseller,EMEA,\"Imported, row {i}\"\r\n"
        );
    }
    let path = dir.join(format!("{prefix}.csv"));
    std::fs::write(&path, text).expect("write");
    path
}

/// Book with one partner, so it exists before the import under test.
fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("book.db");
    let seed = partners_csv(dir, "Seed", 1);
    let out = pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(&seed)
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    db
}

/// (integrity check, partner count)
fn inspect(db: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
        .expect("count");
    (ok, n)
}

#[test]
fn killed_at_any_moment_a_10000_row_import_is_whole_or_absent() {
    let dir = tempfile::tempdir().expect("dir");
    let file = partners_csv(dir.path(), "Partner", 10_000);
    for wait_ms in [5, 40, 90, 150, 250, 400] {
        let case = dir.path().join(format!("case-{wait_ms}"));
        std::fs::create_dir(&case).expect("dir");
        let db = seeded(&case);
        let mut child = pd(&db)
            .args(["import", "--csv", "partners"])
            .arg(&file)
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(wait_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let (ok, n) = inspect(&db);
        assert_eq!(ok, "ok", "killed after {wait_ms} ms");
        assert!(
            n == 1 || n == 10_001,
            "killed after {wait_ms} ms: {n} partners"
        );
    }
}

#[test]
fn an_import_while_another_program_writes_waits_or_says_busy_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = seeded(dir.path());
    let file = partners_csv(dir.path(), "Waiting", 50);

    // Another program holds the write lock longer than the import waits.
    let holder = rusqlite::Connection::open(&db).expect("open");
    holder.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let out = pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(&file)
        .output()
        .expect("run");
    holder.execute_batch("ROLLBACK").expect("unlock");
    drop(holder);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("the book is busy: another program is writing to it"),
        "{err}"
    );
    assert_eq!(inspect(&db), ("ok".into(), 1));

    // Two imports at once: each is whole, and none is lost unless it said so.
    let other = partners_csv(dir.path(), "Other", 2_000);
    let a = pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(&file)
        .spawn()
        .expect("spawn");
    let b = pd(&db)
        .args(["import", "--csv", "partners"])
        .arg(&other)
        .spawn()
        .expect("spawn");
    let (a, b) = (
        a.wait_with_output().expect("a"),
        b.wait_with_output().expect("b"),
    );
    for out in [&a, &b] {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || err.contains("the book is busy"),
            "{err}"
        );
    }
    let expected =
        1 + if a.status.success() { 50 } else { 0 } + if b.status.success() { 2_000 } else { 0 };
    assert_eq!(inspect(&db), ("ok".into(), expected));
}
