//! The team book from the command line, on a throwaway PostgreSQL cluster
//! (skipped loudly where the server binaries are missing): the same answers
//! as the book file it was pushed from, `push`/`pull`/`backup` all or
//! nothing, `log` from many processes at once, a writer killed mid-way,
//! and never a password on screen.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pg::{ok, pd};

const BIN: &str = env!("CARGO_BIN_EXE_partnerdeck");

fn demo_file(dir: &Path, partners: &str) -> PathBuf {
    let file = dir.join("demo.db");
    ok(&file.to_string_lossy(), &["demo", "--partners", partners]);
    file
}

/// The name of some partner of the book.
fn a_partner(db: &str) -> String {
    let json = ok(db, &["partners", "--json", "--everyone"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value["partners"][0]["name"]
        .as_str()
        .expect("a partner")
        .to_string()
}

fn partners_in(url: &str) -> usize {
    let json = ok(url, &["partners", "--json", "--everyone"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value["partners"].as_array().expect("partners").len()
}

#[test]
fn a_pushed_book_answers_byte_for_byte_as_the_file_does() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = demo_file(dir.path(), "60");
    let file = file.to_string_lossy();
    ok(&file, &["push", "--to", &url]);
    for args in [
        &["partners", "--json", "--everyone"][..],
        &["today", "--json", "--everyone"],
        &["score", "--json", "Atlas"],
        &["qbr", "list", "--json"],
        &["campaign", "list", "--json", "--everyone"],
    ] {
        assert_eq!(ok(&url, args), ok(&file, args), "{args:?}");
    }
    // A second push is refused unless it says --replace.
    let again = pd(&file, &["push", "--to", &url]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("add --replace"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn pull_and_backup_bring_the_team_book_back_as_a_book_file() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = demo_file(dir.path(), "25");
    let file = file.to_string_lossy();
    ok(&file, &["push", "--to", &url]);
    let name = a_partner(&url);
    ok(
        &url,
        &["log", &name, "--kind", "meeting", "--summary", "Plan Q1"],
    );
    let pulled = dir.path().join("pulled.db").to_string_lossy().into_owned();
    ok(&pulled, &["pull", "--from", &url]);
    let copy = dir.path().join("copy.db");
    ok(&url, &["backup", "--output", &copy.to_string_lossy()]);
    let team = ok(&url, &["export", "-"]);
    assert_eq!(ok(&pulled, &["export", "-"]), team);
    assert_eq!(ok(&copy.to_string_lossy(), &["export", "-"]), team);
    assert!(team.contains("Plan Q1"));
    // A backup never writes over a file that is there.
    let refused = pd(&url, &["backup", "--output", &copy.to_string_lossy()]);
    assert!(!refused.status.success());
}

#[test]
fn four_processes_logging_at_once_lose_nothing() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = demo_file(dir.path(), "12");
    ok(&file.to_string_lossy(), &["push", "--to", &url]);
    let before = ok(&url, &["export", "-"])
        .matches("\"kind\": \"call\"")
        .count();
    let name = a_partner(&url);
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (url, name) = (url.clone(), name.clone());
            std::thread::spawn(move || {
                for i in 0..25 {
                    let summary = format!("writer {w} call {i}");
                    ok(
                        &url,
                        &["log", &name, "--kind", "call", "--summary", &summary],
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let after = ok(&url, &["export", "-"]);
    assert_eq!(after.matches("\"kind\": \"call\"").count(), before + 100);
    for w in 0..4 {
        for i in 0..25 {
            let summary = format!("\"writer {w} call {i}\"");
            assert_eq!(after.matches(&summary).count(), 1, "{summary}");
        }
    }
}

#[test]
fn a_writer_killed_mid_push_leaves_the_team_book_whole() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let small = demo_file(dir.path(), "10");
    ok(&small.to_string_lossy(), &["push", "--to", &url]);
    let big = dir.path().join("big.db");
    ok(&big.to_string_lossy(), &["demo", "--partners", "3000"]);
    let mut push = Command::new(BIN)
        .args([
            "--db",
            &big.to_string_lossy(),
            "push",
            "--replace",
            "--to",
            &url,
        ])
        .spawn()
        .expect("push");
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = push.kill(); // SIGKILL
    let _ = push.wait();
    let n = partners_in(&url);
    assert!(n == 10 || n == 3000, "half a book: {n} partners");
}

#[test]
fn a_password_is_never_printed() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let with_password = url.replacen("partnerdeck@", "partnerdeck:s3cret@", 1);
    for args in [
        &["paths"][..],
        &["partners"],
        &["log", "Nobody", "--kind", "call"],
    ] {
        let out = pd(&with_password, args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("s3cret"), "{args:?}: {all}");
    }
    let paths = ok(&with_password, &["paths"]);
    assert!(paths.contains("partnerdeck:***@"), "{paths}");
    assert!(paths.contains("PostgreSQL team book"), "{paths}");
}

#[test]
fn a_bad_log_writes_nothing_and_says_why() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = demo_file(dir.path(), "8");
    ok(&file.to_string_lossy(), &["push", "--to", &url]);
    let before = ok(&url, &["export", "-"]);
    let kind = pd(&url, &["log", &a_partner(&url), "--kind", "phone"]);
    assert_eq!(kind.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&kind.stderr).contains("use one of call, email"));
    let who = pd(&url, &["log", "Nobody at all", "--kind", "call"]);
    assert!(!who.status.success());
    assert_eq!(ok(&url, &["export", "-"]), before);
}

/// Each CRM's default exports (companies or accounts, then deals) into a
/// book file and into a team book: the same partners with the same
/// numbers, and importing again adds nothing.
#[test]
fn a_crm_import_reads_the_same_into_a_team_book() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv");
    for (partners, deals) in [
        ("hubspot-default-companies.csv", "hubspot-default-deals.csv"),
        ("salesforce-accounts.csv", "salesforce-opportunities.csv"),
    ] {
        let Some(url) = common::pg::fresh_book() else {
            return;
        };
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("book.db").to_string_lossy().into_owned();
        for (table, name) in [("partners", partners), ("deals", deals)] {
            let csv = fixtures.join(name).to_string_lossy().into_owned();
            for db in [&file, &url] {
                ok(db, &["import", "--csv", table, &csv]);
            }
            let said = ok(&url, &["import", "--csv", table, &csv]);
            assert!(said.contains("added 0, updated 0"), "{name} again: {said}");
        }
        // Ids are the engine's own (a book file numbers each table, a team
        // book from one counter), so compare what a manager reads: every
        // line but Today's title, which names the book.
        let without_title = |text: String| text.lines().skip(1).collect::<Vec<_>>().join("\n");
        for args in [
            &["partners", "--everyone"][..],
            &["today", "--everyone"],
            &["export", "--csv", "deals", "-"],
            &["export", "--csv", "partners", "-"],
        ] {
            assert_eq!(
                without_title(ok(&url, args)),
                without_title(ok(&file, args)),
                "{partners}: {args:?}"
            );
        }
    }
}

/// A CSV import while two managers log touches: every touch and every
/// imported row is there once.
#[test]
fn an_import_beside_two_writers_loses_and_doubles_nothing() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = demo_file(dir.path(), "20");
    ok(&file.to_string_lossy(), &["push", "--to", &url]);
    let name = a_partner(&url);
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv/hubspot-companies.csv");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (url, name) = (url.clone(), name.clone());
            std::thread::spawn(move || {
                for i in 0..10 {
                    let summary = format!("manager {w} touch {i}");
                    ok(
                        &url,
                        &["log", &name, "--kind", "email", "--summary", &summary],
                    );
                }
            })
        })
        .collect();
    ok(
        &url,
        &["import", "--csv", "partners", &csv.to_string_lossy()],
    );
    for w in writers {
        w.join().expect("writer");
    }
    let book = ok(&url, &["export", "-"]);
    for w in 0..2 {
        for i in 0..10 {
            let summary = format!("\"manager {w} touch {i}\"");
            assert_eq!(book.matches(&summary).count(), 1, "{summary}");
        }
    }
    let imported = ok(&url, &["partners", "--csv", "--everyone"]);
    let rows = imported.lines().count() - 1;
    let again = ok(
        &url,
        &["import", "--csv", "partners", &csv.to_string_lossy()],
    );
    assert!(again.contains("added 0, updated 0"), "{again}");
    assert_eq!(
        ok(&url, &["partners", "--csv", "--everyone"])
            .lines()
            .count()
            - 1,
        rows
    );
}
