//! `partnerdeck score`: each dimension's 30-day change, plain and explained.

mod common;

use assert_cmd::Command;
use partnerdeck::domain::book::Book;
use partnerdeck::domain::testing::{FileBuilder, days_ago, deal, partner_file};
use partnerdeck::store::Store;

/// Mosaic: four deals 40-110 days ago, so activity fell from 20 to 10 in
/// the last 30 days and nothing else moved.
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    let mosaic = [40, 50, 100, 110]
        .into_iter()
        .fold(partner_file("Mosaic Works Ltd"), |f, d| {
            f.with_deal(deal(days_ago(d)))
        });
    let mut book = Book {
        partners: vec![mosaic, partner_file("Mosaic Integrations Inc")],
        ..Default::default()
    };
    common::number(&mut book);
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    (dir, path)
}

fn pd(db: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-25"])
        .args(args);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.env_remove("PARTNERDECK_DB");
    cmd.env_remove("PARTNERDECK_CONFIG");
    cmd
}

fn stdout(db: &std::path::Path, args: &[&str]) -> String {
    let out = pd(db, args).output().expect("run");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no {start} line in {text}"))
}

#[test]
fn score_shows_each_dimensions_30_day_change() {
    let (_d, db) = book();
    let text = stdout(&db, &["score", "Mosaic Works Ltd"]);
    assert_eq!(
        line(&text, "Activity").trim(),
        "Activity       10/25  -10 in 30 days"
    );
    // The book holds deals but no revenue, portal activity or NPS: those
    // are not counted, and the score is over activity and fit only
    // (10 of 35 points → 29).
    assert_eq!(
        line(&text, "Revenue").trim(),
        "Revenue         —/30  not counted: this book records no revenue or won deals"
    );
    assert_eq!(
        line(&text, "Health").trim(),
        "Health 29 Critical (-28 in 30 days, was 57 At-risk)"
    );
    assert_eq!(
        line(&text, "health over").trim(),
        "health over 2 of 5 dimensions: this book records no revenue or won deals, portal activity or NPS"
    );
}

#[test]
fn score_explain_says_what_moved() {
    let (_d, db) = book();
    let text = stdout(&db, &["score", "Mosaic Works Ltd", "--explain"]);
    assert!(
        line(&text, "Activity").ends_with("[20 → 10 in 30 days: 2 deals in 91 days, was 4]"),
        "{text}"
    );
    assert!(
        line(&text, "Strategic fit").ends_with("[unchanged in 30 days]"),
        "{text}"
    );
    assert!(
        line(&text, "Satisfaction").ends_with("not counted: this book records no NPS responses"),
        "{text}"
    );
}

#[test]
fn did_you_mean_lists_every_close_partner() {
    let (_d, db) = book();
    let out = pd(&db, &["score", "mosaic"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "partnerdeck: no partner named 'mosaic' (did you mean 'Mosaic Integrations Inc', 'Mosaic Works Ltd'?)"
    );
}

#[test]
fn a_name_is_found_with_accents_case_and_width_aside() {
    let (_d, db) = book();
    let text = stdout(&db, &["score", "MOSAÏC WORKS LTD"]);
    assert!(text.starts_with("Mosaic Works Ltd ·"), "{text}");
}
