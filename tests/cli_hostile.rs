//! The command line under hostile input and faults: closed pipes, full
//! disks, exports over the book, bad dates, bad JSON and hostile names.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

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

/// A temporary demo book of `n` partners.
fn demo(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    pd(&path)
        .args(["demo", "--partners", &n.to_string()])
        .assert()
        .success();
    (dir, path)
}

fn pd(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    // Never read the developer's own config.
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd
}

/// The same command as a plain `std::process::Command`, for spawning with
/// chosen pipes and files.
fn pd_std(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("partnerdeck"));
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- Output never panics -------------------------------------------------

/// Run `args` with stdout into a pipe whose reader reads one line and goes
/// away, as `| head -1` does. The book prints more than a pipe holds
/// (64 KiB), so the writer meets the closed pipe.
fn into_closed_pipe(db: &Path, args: &[&str]) -> std::process::Output {
    use std::io::{BufRead as _, BufReader};
    let mut child = pd_std(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    // The reader is dropped here: the pipe is closed while output remains.
    child.wait_with_output().expect("wait")
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (_d, db) = demo(800);
    for args in [&["partners"][..], &["export", "-"], &["partners", "--json"]] {
        let out = into_closed_pipe(&db, args);
        let err = stderr_of(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    }
}

#[test]
fn a_closed_pipe_through_a_shell_ends_quietly() {
    let (_d, db) = demo(800);
    let bin = assert_cmd::cargo::cargo_bin("partnerdeck");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#""$0" --db "$1" --today 2026-11-25 export - | head -1"#)
        .arg(bin)
        .arg(&db)
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .output()
        .expect("sh");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\n");
    assert_eq!(stderr_of(&out), "");
}

#[test]
fn a_full_disk_is_one_line_and_exit_1() {
    let (_d, db) = book();
    for args in [
        &["partners"][..],
        &["export", "-"],
        &["today"],
        &["score", "Litware"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = pd_std(&db).args(args).stdout(full).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr_of(&out),
            "partnerdeck: cannot write output: No space left on device\n",
            "{args:?}"
        );
    }
}

// ---- Export is atomic ----------------------------------------------------

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn export_refuses_the_book_and_its_companions_however_named() {
    let (dir, db) = book();
    let before = bytes(&db);
    std::fs::create_dir(dir.path().join("sub")).expect("sub");
    std::os::unix::fs::symlink(&db, dir.path().join("link.json")).expect("link");
    for target in [
        "book.db",
        "sub/../book.db",
        "link.json",
        "book.db-wal",
        "book.db-shm",
    ] {
        let out = pd(&db)
            .current_dir(dir.path())
            .args(["export", target])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{target}");
        assert_eq!(
            stderr_of(&out),
            format!("partnerdeck: refusing to export over the book itself ({target})\n")
        );
        assert_eq!(bytes(&db), before, "{target}: the book changed");
    }
    pd(&db).args(["partners"]).assert().success();
}

#[test]
fn a_failed_export_keeps_the_previous_one_and_leaves_no_temporary() {
    let (dir, db) = demo(8);
    let target = dir.path().join("book.json");
    pd(&db).arg("export").arg(&target).assert().success();
    let good = bytes(&target);
    assert!(
        good.len() > 2 * 65536,
        "the export must outgrow the limit below"
    );
    // A file-size limit of 64 KiB (room for the book's own -shm) makes the
    // next export fail half-way; SIGXFSZ is ignored, so the write returns
    // EFBIG instead of killing the process.
    let bin = assert_cmd::cargo::cargo_bin("partnerdeck");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 128; exec "$0" --db "$1" --today 2026-11-25 export "$2""#)
        .arg(bin)
        .arg(&db)
        .arg(&target)
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("sh");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(bytes(&target), good, "the previous export was damaged");
    assert!(
        stderr_of(&out).contains("nothing was changed"),
        "{}",
        stderr_of(&out)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("book.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["book.json"], "a temporary file was left behind");
}

// ---- Dates: one accepted set ---------------------------------------------

#[test]
fn today_takes_only_four_digit_years_in_range() {
    let (_d, db) = book();
    for (bad, why) in [
        ("26-11-23", "is not a date (expected YYYY-MM-DD"),
        ("+10000-01-01", "is not a date (expected YYYY-MM-DD"),
        ("2026-02-30", "is not a date (expected YYYY-MM-DD"),
        ("3000-01-01", "is outside the years 1900 to 2999"),
        ("1899-12-31", "is outside the years 1900 to 2999"),
    ] {
        let out = Command::cargo_bin("partnerdeck")
            .expect("binary")
            .arg("--db")
            .arg(&db)
            .args(["--today", bad, "partners"])
            .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
            .output()
            .expect("run");
        assert!(!out.status.success(), "{bad} was accepted");
        assert!(stderr_of(&out).contains(why), "{bad}: {}", stderr_of(&out));
    }
    Command::cargo_bin("partnerdeck")
        .expect("binary")
        .arg("--db")
        .arg(&db)
        .args(["--today", "2999-12-31", "partners"])
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .assert()
        .success();
}

// ---- Terminal output is escaped ------------------------------------------

const EVIL: &str = "Evil\u{1b}]0;title\u{7}Corp\u{202E}";

/// The fixture book with a hostile name, a 200-column name, and one owner
/// as wide as the "Owner" header (so every row of the table ends alike).
fn hostile_book() -> (tempfile::TempDir, PathBuf) {
    let mut book = common::small_book();
    book.partners[1].partner.name = EVIL.into();
    book.partners[2].partner.name = format!("Long{}", "名".repeat(98));
    for f in &mut book.partners {
        f.partner.owner = "Ana K".into();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    (dir, path)
}

fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || c == '\u{202E}')
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {text}");
}

#[test]
fn user_text_reaches_the_terminal_escaped() {
    let (_d, db) = hostile_book();
    for args in [
        &["partners"][..],
        &["today"],
        &["score", EVIL],
        &["score", EVIL, "--explain"],
        &["score", "Evil"],
        &["snapshot", "--screen", "partners"],
    ] {
        let out = pd(&db).args(args).output().expect("run");
        assert_no_controls(&format!("{args:?} stdout"), &out.stdout);
        assert_no_controls(&format!("{args:?} stderr"), &out.stderr);
    }
    let table = pd(&db).arg("partners").output().expect("run");
    assert!(
        String::from_utf8_lossy(&table.stdout).contains("Evil\\u{1b}]0;title\\u{7}Corp\\u{202e}")
    );
    // A unique part of the name finds it; what is printed is escaped.
    let found = pd(&db).args(["score", "Evil"]).output().expect("run");
    assert!(
        String::from_utf8_lossy(&found.stdout)
            .starts_with("Evil\\u{1b}]0;title\\u{7}Corp\\u{202e} · "),
        "{}",
        String::from_utf8_lossy(&found.stdout)
    );
}

#[test]
fn json_output_keeps_the_exact_text() {
    let (_d, db) = hostile_book();
    let out = pd(&db).args(["partners", "--json"]).output().expect("run");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = rows["partners"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.contains(&EVIL), "{names:?}");
}

#[test]
fn a_very_long_name_is_cut_and_every_row_keeps_the_same_width() {
    use unicode_width::UnicodeWidthStr;
    let (_d, db) = hostile_book();
    let out = pd(&db).arg("partners").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let widths: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
    assert_eq!(widths.len(), 4, "{text}");
    assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}\n{text}");
    assert!(widths[0] < 160, "{widths:?}\n{text}");
    assert!(text.contains("Long名名"), "{text}");
    assert!(text.contains('…'), "{text}");
}

// ---- Import checks everything before writing -----------------------------

/// The fixture book as JSON, edited by `edit` as a hostile tool would.
fn hostile_json(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = partnerdeck::store::transfer::to_json(&common::small_book()).expect("json");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("parse");
    edit(&mut doc);
    let path = dir.join("in.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("write")).expect("file");
    path
}

fn every_problem(doc: &mut serde_json::Value) {
    let p = &mut doc["partners"];
    p[0]["partner"]["segment_overide"] = "strategic".into();
    p[0]["activities"][0]["date"] = "+10000-01-01".into();
    p[0]["activities"][1]["date"] = "26-11-23".into();
    p[0]["qbrs"][0]["checklist"][0]["done"] = "3000-01-01".into();
    p[0]["revenue"][0]["month"] = "0026-11".into();
    p[0]["campaigns"][0]["tasks"][0]["colour"] = "red".into();
    p[1]["partner"]["name"] = "Lit\u{0}ware".into();
    p[1]["partner"]["tier_since"] = "2026-13-01".into();
    p[2]["partner"]["owner"] = "Dana\u{202E}".into();
    p[2]["contacts"] = serde_json::json!([]);
    p[2]["extra"] = serde_json::json!(1);
    doc["partners"][0]["activities"][0]["summary"] = "two\nlines are fine".into();
}

#[test]
fn a_refused_import_lists_every_problem_and_leaves_the_book_byte_identical() {
    let (dir, db) = book();
    let before = bytes(&db);
    let file = hostile_json(dir.path(), every_problem);
    let out = pd(&db)
        .arg("import")
        .arg(&file)
        .arg("--replace")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    for expected in [
        "partners[0].partner.segment_overide: unknown field",
        "partners[0].activities[0].date: '+10000-01-01' is not a date (expected YYYY-MM-DD",
        "partners[0].activities[1].date: '26-11-23' is not a date",
        "partners[0].qbrs[0].checklist[0].done: '3000-01-01' is outside the years 1900 to 2999",
        "partners[0].revenue[0].month: '0026-11' is not a month",
        "partners[0].campaigns[0].tasks[0].colour: unknown field",
        "partners[1].partner.name: contains a control character (U+0000)",
        "partners[1].partner.tier_since: '2026-13-01' is not a date",
        "partners[2].partner.owner: contains a bidi control (U+202E)",
        "partners[2].extra: unknown field",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(
        !err.contains("summary"),
        "a newline in a summary is fine:\n{err}"
    );
    assert_no_controls("stderr", &out.stderr);
    assert_eq!(bytes(&db), before, "the book changed");
    for companion in ["book.db-wal", "book.db-shm"] {
        assert!(
            !dir.path().join(companion).exists(),
            "{companion} was created"
        );
    }
}

#[test]
fn a_refused_import_does_not_create_the_book() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("new").join("book.db");
    let file = hostile_json(dir.path(), |doc| {
        doc["partners"][0]["partner"]["segment_overide"] = "strategic".into();
    });
    let out = pd(&db).arg("import").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(!db.exists(), "the book was created");
    assert!(!dir.path().join("new").exists(), "its folder was created");
}

#[test]
fn a_clean_import_still_round_trips() {
    let dir = tempfile::tempdir().expect("dir");
    let file = hostile_json(dir.path(), |_| {});
    let fresh = dir.path().join("fresh.db");
    pd(&fresh).arg("import").arg(&file).assert().success();
    let out = pd(&fresh).args(["export", "-"]).output().expect("run");
    let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).expect("json");
    assert_eq!(parse(&out.stdout), parse(&bytes(&file)));
}

/// Names are unique by the key the CSV import matches them with: a JSON
/// book with `Northwind  Traders` or `Nörthwind Traders` beside
/// `Northwind Traders` is refused, naming the partner it collides with.
#[test]
fn a_json_book_with_near_duplicate_names_is_refused() {
    // (The same name in another case reads "appears twice": store_book.)
    for near in [
        "Northwind  Traders",
        "Nörthwind Traders",
        "NÖRTHWIND  traders",
    ] {
        let (dir, db) = book();
        let before = bytes(&db);
        let file = hostile_json(dir.path(), |doc| {
            doc["partners"][1]["partner"]["name"] = near.into();
        });
        let out = pd(&db)
            .arg("import")
            .arg(&file)
            .arg("--replace")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{near}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!(
                "partners[1].partner.name: '{near}' is the name of partners[0] 'Northwind Traders'"
            )),
            "{err}"
        );
        assert_eq!(bytes(&db), before, "the book changed");
    }
}
