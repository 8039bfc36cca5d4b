//! Books that are not a plain file of one's own: `--db` at a FIFO or a
//! device, a book of another user's read by someone who may not write it,
//! and the `-wal`/`-shm` files such a reader's program left beside it.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use partnerdeck::store::Store;

/// How long a command may take before it counts as blocked or spinning.
const PATIENCE: Duration = Duration::from_secs(15);

fn pd(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("partnerdeck"));
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Run `cmd`, killing it if it has not ended within [`PATIENCE`].
fn run_briefly(cmd: &mut Command, what: &str) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {PATIENCE:?} (blocked or spinning)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A temporary folder holding the small fixture book as `book.db`.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("write fixture book");
    (dir, path)
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt as _;
        m.uid() == 0
    })
}

/// Every kind of command, against `db`; `good` is a sound book elsewhere
/// (for `restore`) and `csv` a partners file.
fn every_command(good: &Path, csv: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let plain = |args: &[&str]| args.iter().map(|a| (*a).into()).collect::<Vec<_>>();
    let with = |args: &[&str], file: &Path| {
        let mut v = plain(args);
        v.push(file.as_os_str().to_owned());
        v
    };
    vec![
        plain(&["partners"]),
        plain(&["today"]),
        plain(&["export", "-"]),
        plain(&["snapshot", "--screen", "today"]),
        plain(&["demo", "--partners", "3"]),
        plain(&["backup"]),
        with(&["import", "--csv", "partners"], csv),
        with(&["restore", "--yes"], good),
    ]
}

#[test]
fn a_fifo_or_a_device_as_the_book_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (_g, good) = book();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "Company name\nNew Partner Ltd\n").expect("csv");
    let fifo = dir.path().join("book.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // A private null device where this user may make one (root), else the
    // machine's own.
    let own_null = dir.path().join("null");
    let null = if Command::new("mknod")
        .arg(&own_null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        own_null
    } else {
        PathBuf::from("/dev/null")
    };
    for (db, kind) in [
        (&fifo, "a FIFO (named pipe)"),
        (&null, "a character device"),
    ] {
        for args in every_command(&good, &csv) {
            let what = format!("{} {args:?}", db.display());
            let out = run_briefly(pd(db).args(&args), &what);
            assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr_of(&out));
            assert_eq!(
                stderr_of(&out),
                format!(
                    "partnerdeck: {} is {kind}, not a book file; nothing was changed\n",
                    db.display()
                ),
                "{what}"
            );
        }
    }
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains("-journal") || n.contains("-wal") || n == "backups")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Put `cmd` under `uid` when this test runs as root.
fn as_user(cmd: &mut Command, uid: u32) -> &mut Command {
    if is_root() {
        cmd.uid(uid).gid(uid);
    }
    cmd
}

const OWNER: u32 = 1000;
const READER: u32 = 65534;

/// The fixture book in a folder anyone may write (like a shared folder),
/// owned by [`OWNER`] and readable by all (0644).
fn shared_book() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = book();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::os::unix::fs::chown(&db, Some(OWNER), Some(OWNER)).expect("chown");
    (dir, db)
}

#[test]
fn a_reader_who_may_not_write_the_book_leaves_nothing_beside_it() {
    if !is_root() {
        eprintln!("note: another user's book needs root to set up; skipped");
        return;
    }
    let (dir, db) = shared_book();
    for args in [
        &["partners"][..],
        &["today"],
        &["export", "-"],
        &["score", "Litware"],
        &["snapshot", "--screen", "partners"],
    ] {
        let out = run_briefly(as_user(pd(&db).args(args), READER), &format!("{args:?}"));
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert_eq!(names(dir.path()), ["book.db"], "{args:?}");
    }
}

#[test]
fn files_another_user_left_beside_the_book_give_a_clear_error_never_a_spin() {
    let (dir, db) = if is_root() { shared_book() } else { book() };
    let json = dir.path().join("book.json");
    let out = run_briefly(pd(&db).arg("export").arg(&json), "export");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "Company name\nNew Partner Ltd\n").expect("csv");
    // What a reader's program (an older partnerdeck, the sqlite3 shell)
    // leaves: the log and its index, the reader's, not writable by the
    // owner.
    {
        let reader =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .expect("read");
        let n: i64 = reader
            .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 3);
    }
    for companion in ["book.db-wal", "book.db-shm"] {
        let file = dir.path().join(companion);
        assert!(file.exists(), "{companion} was made");
        if is_root() {
            std::os::unix::fs::chown(&file, Some(READER), Some(READER)).expect("chown");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        } else {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        }
    }
    let before = std::fs::read(&db).expect("book");
    for (args, file) in [
        (&["import", "--csv", "partners"][..], &csv),
        (&["import", "--replace"][..], &json),
    ] {
        let what = format!("{args:?}");
        let out = run_briefly(as_user(pd(&db).args(args).arg(file), OWNER), &what);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr_of(&out));
        assert_eq!(
            stderr_of(&out),
            format!(
                "partnerdeck: {db} cannot be changed: {db}-wal beside it belongs to another user; once no program has the book open, remove {db}-wal and {db}-shm; nothing was changed\n",
                db = db.display(),
            ),
            "{what}"
        );
        assert!(
            std::fs::read(&db).expect("book") == before,
            "{what}: the book changed"
        );
    }
    // A backup only reads: it is made, and sound.
    let copy = dir.path().join("copy.db");
    let out = run_briefly(
        as_user(pd(&db).args(["backup", "-o"]).arg(&copy), OWNER),
        "backup",
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = run_briefly(pd(&copy).args(["export", "-"]), "export the copy");
    assert!(out.status.success(), "{}", stderr_of(&out));
    // Reading commands still read.
    let out = run_briefly(as_user(pd(&db).arg("partners"), OWNER), "partners");
    assert!(out.status.success(), "{}", stderr_of(&out));
}
