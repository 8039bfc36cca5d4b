//! A new day scored from each partner's facts equals a full recompute from
//! every row of history: the demo book, on dates before, on and after the
//! day it was made, every field of every summary compared.

mod common;

use assert_cmd::Command;
use chrono::NaiveDate;
use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::ActivityKind;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::list_row::ListRow;
use partnerdeck::domain::summary::Analysis;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

const MADE: &str = "2026-11-23";

fn demo_book(partners: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    Command::cargo_bin("partnerdeck")
        .expect("binary")
        .env("NO_COLOR", "1")
        .args(["--db", path.to_str().expect("utf-8"), "--today", MADE])
        .args(["demo", "--partners", &partners.to_string()])
        .assert()
        .success();
    (dir, path)
}

fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("raw")
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    raw(path).query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Score `day` from the book as it is (facts where it has them) and from
/// every row read whole, and compare everything.
fn both_paths_agree(store: &mut Store, path: &std::path::Path, day: NaiveDate) {
    let cfg = ProgramConfig::default();
    raw(path)
        .execute(
            "UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'",
            [],
        )
        .expect("stale");
    let fast = store.analyse(day, &cfg).expect("analyse");
    assert!(!fast.cached, "{day}: scored, not read from the cache");
    let book = store.load().expect("load");
    let full = Analysis::of(&book, day, &cfg);
    let ids: Vec<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    assert_eq!(fast.partners.iter().map(|p| p.id).collect::<Vec<_>>(), ids);
    assert_eq!(fast.summaries.len(), full.partners.len());
    for (fast, full) in fast.summaries.iter().zip(&full.partners) {
        assert_eq!(fast, full, "partner {} on {day}", full.id);
    }
}

#[test]
fn the_demo_book_scores_the_same_from_facts_on_every_date() {
    let (_d, path) = demo_book(300);
    // The demo keeps every partner's facts as it writes the partner.
    let partners = count(&path, "SELECT count(*) FROM partners");
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), partners);
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    // Facts read back whole (none kept) agree too.
    raw(&path)
        .execute("DELETE FROM partner_facts", [])
        .expect("drop facts");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), partners);
    for day in [
        date(2025, 12, 31),
        date(2026, 6, 15),
        date(2026, 11, 24),
        date(2026, 12, 1),
        date(2027, 1, 15),
        date(2027, 11, 23),
    ] {
        both_paths_agree(&mut store, &path, day);
    }
}

#[test]
fn a_change_to_a_record_drops_only_that_partners_facts() {
    let (_d, path) = demo_book(60);
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    let before = store.analyse(date(2026, 11, 23), &cfg).expect("analyse");
    let partner = before.partners[7].clone();
    let all = count(&path, "SELECT count(*) FROM partner_facts");
    common::log_touch(
        &mut store,
        &partner,
        date(2026, 11, 23),
        ActivityKind::Training,
        "enablement",
    )
    .expect("touch");
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), all - 1);
    // Edits made with another tool count too, through every kind of record
    // (a checklist item belongs to its partner through its QBR).
    raw(&path)
        .execute(
            "UPDATE qbr_checklist SET done = NULL WHERE id = (SELECT min(id) FROM qbr_checklist)",
            [],
        )
        .expect("raw edit");
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), all - 2);
    both_paths_agree(&mut store, &path, date(2026, 11, 24));
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), all);
    let i = before
        .partners
        .iter()
        .position(|p| p.id == partner.id)
        .expect("index");
    let after = store.analyse(date(2026, 11, 24), &cfg).expect("cached");
    let engagement = &after.summaries[i].health.dimensions[2].reason;
    assert!(engagement.contains("training"), "{engagement}");
}

#[test]
fn damaged_facts_are_read_from_the_history_instead() {
    let (_d, path) = demo_book(40);
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    raw(&path)
        .execute("UPDATE partner_facts SET data = x'01ff'", [])
        .expect("damage");
    both_paths_agree(&mut store, &path, date(2026, 11, 30));
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM partner_facts WHERE length(data) > 2"
        ),
        count(&path, "SELECT count(*) FROM partners"),
        "made again"
    );
}

#[test]
fn a_bulk_replace_drops_every_facts_blob() {
    let (dir, path) = demo_book(30);
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    let json = dir.path().join("book.json");
    let run = |args: &[&str]| {
        Command::cargo_bin("partnerdeck")
            .expect("binary")
            .args(["--db", path.to_str().expect("utf-8"), "--today", MADE])
            .args(args)
            .assert()
            .success();
    };
    run(&["export", json.to_str().expect("utf-8")]);
    // Every NPS answer becomes -80, partner ids stay: only dropped facts
    // can show the new numbers.
    let text = std::fs::read_to_string(&json).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut changed = 0;
    for file in doc["partners"].as_array_mut().expect("partners") {
        for answer in file["nps"].as_array_mut().into_iter().flatten() {
            answer["score"] = (-80).into();
            changed += 1;
        }
    }
    assert!(changed > 0);
    std::fs::write(&json, doc.to_string()).expect("write");
    run(&["import", "--replace", json.to_str().expect("utf-8")]);
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), 0);
    both_paths_agree(&mut store, &path, date(2026, 11, 24));
    let a = store
        .analyse(date(2026, 11, 24), &ProgramConfig::default())
        .expect("cached");
    assert!(
        a.summaries
            .iter()
            .any(|s| s.health.dimensions[3].reason.starts_with("NPS -80")),
        "the new answers are scored"
    );
}

#[test]
fn facts_of_another_choice_or_version_are_made_again() {
    let (_d, path) = demo_book(40);
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    // Every partner given the first partner's facts: blobs that decode
    // well but say the wrong things.
    let mislead = |stamp: Option<&str>| {
        let c = raw(&path);
        c.execute(
            "UPDATE partner_facts SET data = \
             (SELECT data FROM partner_facts ORDER BY partner_id LIMIT 1)",
            [],
        )
        .expect("swap");
        if let Some(stamp) = stamp {
            c.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'facts_stamp'",
                [stamp],
            )
            .expect("stamp");
        }
        c.execute(
            "UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'",
            [],
        )
        .expect("stale");
    };
    // Under the current stamp the blobs are trusted (which is why a change
    // of what facts keep must change the stamp)…
    mislead(None);
    let trusted = store.analyse(date(2026, 11, 24), &cfg).expect("analyse");
    let full = Analysis::of(&store.load().expect("load"), date(2026, 11, 24), &cfg);
    assert_ne!(trusted.summaries, full.partners);
    // …under another one they are all made again from the records.
    mislead(Some("facts1.0|0.0.0"));
    both_paths_agree(&mut store, &path, date(2026, 11, 24));
}

#[test]
fn a_csv_import_drops_the_facts_of_the_partners_it_touches_only() {
    let (dir, path) = demo_book(40);
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    both_paths_agree(&mut store, &path, date(2026, 11, 23));
    let name: String = raw(&path)
        .query_row("SELECT name FROM partners ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a partner");
    let all = count(&path, "SELECT count(*) FROM partner_facts");
    let triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'";
    let before = count(&path, triggers);
    let csv = dir.path().join("activities.csv");
    std::fs::write(
        &csv,
        format!(
            "Associated Company,Activity date,Activity type\r\n\"{name}\",2026-11-23,training\r\n"
        ),
    )
    .expect("csv");
    Command::cargo_bin("partnerdeck")
        .expect("binary")
        .args(["--db", path.to_str().expect("utf-8"), "--today", MADE])
        .args([
            "import",
            "--csv",
            "activities",
            csv.to_str().expect("utf-8"),
        ])
        .assert()
        .success();
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), all - 1);
    assert_eq!(count(&path, triggers), before, "the triggers are back");
    both_paths_agree(&mut store, &path, date(2026, 11, 24));
    let a = store.analyse(date(2026, 11, 24), &cfg).expect("cached");
    let i = a
        .partners
        .iter()
        .position(|p| p.name == name)
        .expect("index");
    let engagement = &a.summaries[i].health.dimensions[2].reason;
    assert!(engagement.contains("training"), "{engagement}");
}

/// A book of more than a thousand partners is scored on a thread per core
/// while the cache is written as the entries come: the rows come in id
/// order and equal a full recompute's, partners without facts (scored
/// after the others of their part) included, and the cache then holds
/// them, their Today lines and their facts.
#[test]
fn a_big_book_is_scored_on_threads_while_its_cache_is_written() {
    let (_d, path) = demo_book(1500);
    let day = date(2026, 11, 23);
    let cfg = ProgramConfig::default();
    raw(&path)
        .execute("DELETE FROM partner_facts WHERE partner_id % 7 = 0", [])
        .expect("drop some facts");
    raw(&path)
        .execute(
            "UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'",
            [],
        )
        .expect("stale");
    let mut store = Store::open(&path).expect("open");
    let front = partnerdeck::analyse::front(&mut store, day, &cfg).expect("front");
    assert!(!front.cached, "scored");
    let book = store.load().expect("load");
    let full = Analysis::of(&book, day, &cfg);
    let expected: Vec<ListRow> = book
        .partners
        .iter()
        .zip(&full.partners)
        .map(|(f, s)| ListRow::of(&f.partner, s))
        .collect();
    assert_eq!(front.rows.len(), 1500);
    assert_eq!(front.rows, expected);
    let again = partnerdeck::analyse::front(&mut store, day, &cfg).expect("front");
    assert!(again.cached, "saved");
    assert_eq!(again.rows, expected);
    let lines = partnerdeck::analyse::today_lines(&store, day, &cfg, &again.rows)
        .expect("read")
        .expect("current");
    let full_lines: Vec<_> = full.partners.iter().map(|s| s.today.clone()).collect();
    assert_eq!(lines, full_lines);
    assert_eq!(count(&path, "SELECT count(*) FROM partner_facts"), 1500);
}

/// The program's metrics read from the partners' facts equal those of the
/// whole book, with every blob there and with some dropped (read from
/// their rows instead), and on a date a year on.
#[test]
fn the_program_report_from_facts_is_the_whole_books() {
    let (_d, path) = demo_book(300);
    let cfg = ProgramConfig::default();
    let store = Store::open(&path).expect("open");
    let whole = |day| partnerdeck::domain::program::report(&store.load().expect("load"), day, &cfg);
    for day in [date(2026, 11, 23), date(2027, 11, 23)] {
        let from_facts = partnerdeck::analyse::program_report(&store, day, &cfg).expect("report");
        assert_eq!(from_facts, whole(day), "{day}");
    }
    raw(&path)
        .execute("DELETE FROM partner_facts WHERE partner_id % 3 = 0", [])
        .expect("drop some facts");
    let day = date(2026, 11, 23);
    let from_facts = partnerdeck::analyse::program_report(&store, day, &cfg).expect("report");
    assert_eq!(from_facts, whole(day));
}
