//! The command line as a user runs it: real binary, temporary books.

mod common;

use assert_cmd::Command;
use partnerdeck::store::Store;

/// A temporary book holding the small fixture book.
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("write fixture book");
    (dir, path)
}

fn pd(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    // Never read the developer's own config.
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

#[test]
fn partners_lists_every_partner_with_score_band_and_progress() {
    let (_d, db) = book();
    let text = stdout(pd(&db).arg("partners"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Partner"), "{text}");
    assert_eq!(lines.len(), 4, "{text}");
    let northwind = lines
        .iter()
        .find(|l| l.starts_with("Northwind Traders"))
        .expect("row");
    assert!(northwind.contains("% to Platinum"), "{northwind}");
    assert!(text.contains("株式会社サンプル"));
    assert!(text.contains("0% to Silver"), "{text}");
}

#[test]
fn score_explain_shows_five_reasons_and_the_tier_gap() {
    let (_d, db) = book();
    let text = stdout(pd(&db).args(["score", "northwind traders", "--explain"]));
    for dim in [
        "Revenue",
        "Activity",
        "Engagement",
        "Satisfaction",
        "Strategic fit",
    ] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(dim)),
            "{dim} missing:\n{text}"
        );
    }
    assert!(text.contains("NPS 42 (Sep 2026)"), "{text}");
    assert!(
        text.contains("last portal login 7 days ago (weekly)"),
        "{text}"
    );
    assert!(
        text.contains("Tier: 25% to Platinum — $371K ARR or 49 referrals to go; +3 certifications"),
        "{text}"
    );
    assert!(
        text.contains("limited by sourced ARR or referrals: $129K of $500K ARR"),
        "{text}"
    );
}

#[test]
fn score_json_carries_points_and_reasons() {
    let (_d, db) = book();
    let text = stdout(pd(&db).args(["score", "Litware", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["name"], "Litware");
    assert_eq!(v["health"]["dimensions"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["health"]["dimensions"][3]["reason"], "no NPS on record");
}

#[test]
fn an_unknown_name_suggests_the_closest_and_exits_1() {
    let (_d, db) = book();
    let out = pd(&db)
        .args(["score", "Northwnd Traders"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "partnerdeck: no partner named 'Northwnd Traders' (did you mean 'Northwind Traders'?)"
    );
    // A unique part of a name is enough, as with the filter.
    let out = pd(&db).args(["score", "Northwind"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_file_that_is_not_a_book_exits_2_and_is_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "just some notes\n").expect("write");
    let out = pd(&path).arg("partners").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not a partnerdeck book"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "just some notes\n"
    );
}

#[test]
fn a_book_from_a_newer_version_exits_2_and_is_untouched() {
    let (_d, db) = book();
    {
        let c = rusqlite::Connection::open(&db).expect("raw");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
        c.pragma_update(None, "user_version", 99).expect("bump");
    }
    let before = std::fs::read(&db).expect("read");
    let out = pd(&db).arg("partners").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer partnerdeck (book schema v99"));
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn a_malformed_date_is_named() {
    let (_d, db) = book();
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    let out = cmd
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-02-30", "partners"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'2026-02-30' is not a date (expected YYYY-MM-DD")
    );
}

#[test]
fn a_malformed_config_names_file_line_and_key() {
    let (dir, db) = book();
    let cfg = dir.path().join("program.toml");
    std::fs::write(&cfg, "[cadence]\nstrategic = \"weekly\"\n").expect("write");
    let out = pd(&db)
        .arg("--config")
        .arg(&cfg)
        .arg("partners")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("program.toml line 2, key `cadence.strategic`"),
        "{err}"
    );
}

#[test]
fn a_config_override_changes_the_rules() {
    let (dir, db) = book();
    let cfg = dir.path().join("program.toml");
    std::fs::write(&cfg, "[tiers.platinum]\narr = 200000\n").expect("write");
    let text = stdout(
        pd(&db)
            .arg("--config")
            .arg(&cfg)
            .args(["score", "Northwind Traders"]),
    );
    assert!(text.contains("to Platinum — $"), "{text}");
    assert!(
        text.contains("Tier: 40% to Platinum — $71K ARR or 49 referrals to go; +3 certifications"),
        "{text}"
    );
}

#[test]
fn export_import_export_is_byte_identical() {
    let (dir, db) = book();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    let empty = dir.path().join("empty.db");
    stdout(pd(&db).arg("export").arg(&first));
    stdout(pd(&empty).arg("import").arg(&first));
    stdout(pd(&empty).arg("export").arg(&second));
    assert_eq!(
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second")
    );
}

#[test]
fn a_bad_import_exits_1_and_leaves_the_book_unchanged() {
    let (dir, db) = book();
    let before = stdout(pd(&db).args(["export", "-"]));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, before.replace("\"score\": 42", "\"score\": 420")).expect("write");
    let out = pd(&db)
        .arg("import")
        .arg("--replace")
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("score: 420 is outside -100..100"));
    assert_eq!(stdout(pd(&db).args(["export", "-"])), before);
}

#[test]
fn import_into_a_book_with_partners_needs_replace() {
    let (dir, db) = book();
    let file = dir.path().join("book.json");
    stdout(pd(&db).arg("export").arg(&file));
    let out = pd(&db).arg("import").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use `import --replace`"));
}

#[test]
fn today_lists_every_section_with_counts() {
    let (_d, db) = book();
    let text = stdout(pd(&db).arg("today"));
    assert!(
        text.starts_with("Today · Wed 25 Nov 2026 · book: book (3 partners)"),
        "{text}"
    );
    assert!(
        text.contains("Send demo environment credentials · Northwind Traders"),
        "{text}"
    );
    assert!(text.contains("QBRs soon (1), next 14 days"), "{text}");
    assert!(text.contains("Touches overdue ("), "{text}");
    assert!(text.contains("Single-threaded (2)"), "{text}");
}

#[test]
fn reading_a_missing_book_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("nope.db");
    let out = pd(&db).arg("partners").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no book at"));
    assert!(!db.exists());
}

#[test]
fn a_book_another_program_is_writing_can_be_read_but_not_written() {
    let (dir, db) = book();
    let file = dir.path().join("book.json");
    stdout(pd(&db).arg("export").arg(&file));
    let lock = rusqlite::Connection::open(&db).expect("raw");
    lock.execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    // Reading works (the summary cache is simply not saved this time).
    let text = stdout(pd(&db).arg("partners"));
    assert!(text.contains("Northwind Traders"), "{text}");
    // Writing waits a moment, then says why it cannot.
    let out = pd(&db)
        .args(["import", "--replace"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another program is writing to it"), "{err}");
    lock.execute_batch("ROLLBACK").expect("release");
}

#[test]
fn demo_never_overwrites_real_partners_even_in_a_former_demo_book() {
    let (dir, db) = book();
    let real = dir.path().join("real.json");
    stdout(pd(&db).arg("export").arg(&real));
    let demo_db = dir.path().join("was-demo.db");
    stdout(pd(&demo_db).args(["demo", "--partners", "5"]));
    // The user imports their real partners over the demo…
    stdout(pd(&demo_db).args(["import", "--replace"]).arg(&real));
    let before = stdout(pd(&demo_db).args(["export", "-"]));
    // …and a later demo without --replace leaves them alone.
    let out = pd(&demo_db)
        .args(["demo", "--partners", "5"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a demo book"));
    assert_eq!(stdout(pd(&demo_db).args(["export", "-"])), before);
}

#[test]
fn reading_an_empty_file_refuses_and_leaves_it_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").expect("empty file");
    let out = pd(&db).arg("partners").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::metadata(&db).expect("file").len(), 0);
}

#[test]
fn partners_shows_a_tier_being_lost_instead_of_its_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("book.db");
    let mut book = common::small_book();
    // Litware holds Gold with nothing on record: its downgrade is due.
    let litware = &mut book.partners[1].partner;
    litware.tier = partnerdeck::domain::book::Tier::Gold;
    litware.tier_since = partnerdeck::domain::testing::date(2024, 1, 1);
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    let text = stdout(pd(&db).arg("partners"));
    let row = text
        .lines()
        .find(|l| l.starts_with("Litware"))
        .expect("row");
    assert!(row.contains("▼ Gold: downgrade due"), "{row}");
    assert!(!row.contains("% to Platinum"), "{row}");
    let json = stdout(pd(&db).args(["partners", "--json"]));
    assert!(
        json.contains(r#""maintenance": "▼ Gold: downgrade due""#),
        "{json}"
    );
}
