//! The command line on unusable, read-only and demo books: real binary,
//! temporary books, and home folders of its own.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use partnerdeck::store::Store;
use partnerdeck::store::schema::migrations_to;

/// A temporary book holding the small fixture book.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("write fixture book");
    (dir, path)
}

/// The binary with its OS folders inside `home`, no `--db`.
fn pd_home(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.args(["--today", "2026-11-25"])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    cmd
}

/// The binary on the book at `db`.
fn pd(db: &Path) -> Command {
    let mut cmd = pd_home(db.parent().expect("dir"));
    cmd.arg("--db").arg(db);
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

/// Run a command that must fail with exit 2 and one line; return the line.
fn refused(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err.trim_end().to_string()
}

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

#[test]
fn a_damaged_book_exits_2_with_one_line_and_is_untouched() {
    let (_d, db) = book();
    let mut bytes = std::fs::read(&db).expect("read");
    for (i, b) in bytes.iter_mut().enumerate().skip(2 * 4096) {
        *b = u8::try_from(i * 7 % 251).expect("byte");
    }
    std::fs::write(&db, &bytes).expect("damage");
    let err = refused(pd(&db).arg("partners"));
    assert!(
        err.ends_with(
            "book.db is damaged (SQLite: database disk image is malformed); nothing was changed"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), bytes);
}

#[test]
fn a_book_in_a_read_only_folder_exits_2_saying_read_only() {
    let (dir, db) = book();
    let json = tempfile::tempdir().expect("dir");
    let file = json.path().join("book.json");
    stdout(pd(&db).arg("export").arg(&file));
    set_mode(dir.path(), 0o555);
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, b"").is_ok() {
        let _ = std::fs::remove_file(&probe);
        set_mode(dir.path(), 0o755);
        eprintln!("note: running with permission to write a 0o555 folder (root); skipped");
        return;
    }
    let read = refused(pd(&db).arg("partners"));
    let write = refused(pd(&db).args(["import", "--replace"]).arg(&file));
    set_mode(dir.path(), 0o755);
    assert!(read.contains("read-only"), "{read}");
    assert!(write.contains("read-only"), "{write}");
}

#[test]
fn a_failed_upgrade_is_one_line_and_leaves_one_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    {
        let mut conn = rusqlite::Connection::open(&db).expect("raw");
        migrations_to(1).to_latest(&mut conn).expect("v1");
        conn.execute_batch("CREATE TABLE summaries (x);")
            .expect("obstacle");
    }
    for _ in 0..2 {
        let err = refused(pd(&db).arg("partners"));
        assert!(err.contains("could not upgrade"), "{err}");
        assert!(!err.contains("CREATE"), "{err}");
    }
    assert_eq!(names(dir.path()), ["book.db", "book.db.v1.bak"]);
}

#[test]
fn a_negative_schema_version_is_not_a_book_and_is_untouched() {
    let (dir, db) = book();
    {
        let c = rusqlite::Connection::open(&db).expect("raw");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
        c.pragma_update(None, "user_version", -5).expect("bogus");
    }
    let before = std::fs::read(&db).expect("read");
    let err = refused(pd(&db).arg("partners"));
    assert!(err.contains("not a partnerdeck book"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn a_database_with_only_a_view_is_not_adopted() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("views.db");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute_batch("CREATE VIEW answer AS SELECT 42;"))
        .expect("foreign db");
    let before = std::fs::read(&db).expect("read");
    let err = refused(pd(&db).arg("partners"));
    assert!(err.contains("not a partnerdeck book"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn writing_to_a_read_only_book_is_refused_and_leaves_no_log_files() {
    let (dir, db) = book();
    let json = tempfile::tempdir().expect("dir");
    let file = json.path().join("book.json");
    stdout(pd(&db).arg("export").arg(&file));
    set_mode(&db, 0o444);
    let err = refused(pd(&db).args(["import", "--replace"]).arg(&file));
    assert!(err.contains("is read-only"), "{err}");
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn read_only_commands_work_on_a_read_only_book_and_write_nothing() {
    let (dir, db) = book();
    set_mode(&db, 0o444);
    let before = std::fs::read(&db).expect("read");
    assert!(stdout(pd(&db).arg("partners")).contains("Northwind Traders"));
    assert!(stdout(pd(&db).arg("today")).starts_with("Today"));
    assert!(stdout(pd(&db).args(["score", "Northwind Traders"])).contains("Health"));
    assert!(stdout(pd(&db).args(["export", "-"])).contains("partnerdeck-book"));
    assert!(stdout(pd(&db).args(["snapshot", "--screen", "partners"])).contains("Northwind"));
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn an_older_read_only_book_says_it_must_be_made_writable() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    {
        let mut conn = rusqlite::Connection::open(&db).expect("raw");
        migrations_to(1).to_latest(&mut conn).expect("v1");
    }
    set_mode(&db, 0o444);
    let err = refused(pd(&db).arg("partners"));
    assert!(
        err.contains("read-only and from an older partnerdeck"),
        "{err}"
    );
    assert_eq!(names(dir.path()), ["book.db"]);
}

#[test]
fn the_missing_book_hint_never_suggests_writing_a_demo_into_it() {
    let home = tempfile::tempdir().expect("home");
    let err = refused(pd_home(home.path()).arg("partners"));
    assert!(err.contains("no book at"), "{err}");
    assert!(err.contains("`partnerdeck --demo`"), "{err}");
    assert!(err.contains("`partnerdeck import FILE`"), "{err}");
    assert!(!err.contains(" demo`"), "{err}");
}

#[test]
fn demo_works_with_every_command_on_the_demo_book_only() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data").join("partnerdeck");
    let text = stdout(pd_home(home.path()).args(["--demo", "today"]));
    assert!(text.starts_with("Today"), "{text}");
    assert!(data.join("demo.db").exists(), "demo book made");
    let json = stdout(pd_home(home.path()).args(["partners", "--demo", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&json).expect("json");
    let name = list["partners"][0]["name"]
        .as_str()
        .expect("a partner")
        .to_string();
    assert!(stdout(pd_home(home.path()).args(["--demo", "score", &name])).contains(&name));
    assert!(
        stdout(pd_home(home.path()).args([
            "--demo",
            "snapshot",
            "--screen",
            &format!("partner:{name}")
        ]))
        .contains(&format!("{name} ·"))
    );
    assert!(
        stdout(pd_home(home.path()).args(["--demo", "export", "-"])).contains("partnerdeck-book")
    );
    assert!(!data.join("book.db").exists(), "your own book untouched");
}

#[test]
fn paths_prints_every_location_one_per_line() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data").join("partnerdeck");
    let config = home.path().join("config").join("partnerdeck");
    let cache = home.path().join("cache").join("partnerdeck");
    let text = stdout(
        pd_home(home.path())
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .arg("paths"),
    );
    let expected = format!(
        "book     {}\ndemo     {}\nconfig   {}\nbackups  {}\nlog      {}\n",
        data.join("book.db").display(),
        data.join("demo.db").display(),
        config.join("config.toml").display(),
        data.join("backups").display(),
        cache.join("partnerdeck.log").display()
    );
    assert_eq!(text, expected);
}

#[test]
fn an_edited_demo_book_is_kept_on_a_later_day_and_demo_refuses_to_overwrite_it() {
    let home = tempfile::tempdir().expect("home");
    let demo = home.path().join("data").join("partnerdeck").join("demo.db");
    stdout(pd_home(home.path()).args(["--demo", "today"]));
    // The user's first edit, as the cockpit makes it.
    let mut store = Store::open(&demo).expect("demo book");
    let partner = store.load().expect("load").partners[0].partner.clone();
    common::log_touch(
        &mut store,
        &partner,
        partnerdeck::domain::testing::date(2026, 11, 25),
        partnerdeck::domain::book::ActivityKind::Call,
        "my own note",
    )
    .expect("edit");
    drop(store);
    // A day later: kept as it is, and it says how to refresh it.
    let out = Command::cargo_bin("partnerdeck")
        .expect("binary")
        .args(["--today", "2026-11-26", "--demo", "export", "-"])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("my own note"));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the demo book holds your edits"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `demo` without --replace leaves it alone.
    let out = pd(&demo).args(["demo"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo --replace"));
}

#[test]
fn a_bad_key_remap_in_the_config_is_refused_naming_its_key() {
    let (dir, db) = book();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[ui.keys]\nundo = [\"ctrl-zz\"]\n").expect("config");
    let err = refused(pd(&db).arg("--config").arg(&config));
    assert!(
        err.contains("line 2, key `ui.keys.undo`: 'ctrl-zz' is not a key"),
        "{err}"
    );
}

/// A key the config gives one action that another already has where both
/// work is refused on its line: `undo = ["x"]` (x is "done" on Today),
/// `quit = ["j"]` (j moves down in every list: quit could not be reached).
#[test]
fn a_key_bound_to_two_actions_in_the_config_is_refused_on_its_line() {
    for (line, expected) in [
        (
            "undo = [\"x\"]",
            "key `ui.keys.undo`: 'x' already does \"done / not done\" on Today",
        ),
        (
            "quit = [\"j\"]",
            "key `ui.keys.quit`: 'j' already does \"move down\"",
        ),
    ] {
        let (dir, db) = book();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, format!("# mine\n[ui.keys]\n{line}\n")).expect("config");
        let err = refused(pd(&db).arg("--config").arg(&config));
        assert!(
            err.contains(&format!("config.toml line 3, {expected}")),
            "{err}"
        );
    }
}
