//! `partnerdeck today`: every line names its partner, in text and as data.

mod common;

use assert_cmd::Command;
use partnerdeck::store::Store;
use serde_json::Value;

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
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.env_remove("PARTNERDECK_DB");
    cmd.env_remove("PARTNERDECK_CONFIG");
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

fn lines(v: &Value) -> &Vec<Value> {
    v["lines"].as_array().expect("lines")
}

#[test]
fn every_text_line_names_its_partner() {
    let (_d, db) = book();
    let text = stdout(pd(&db).arg("today"));
    assert!(
        text.contains("QBR  QBR Thu 26 Nov 2026 · Northwind Traders  [Dana]  prep "),
        "{text}"
    );
    assert!(
        text.contains("W-2  Send email #1 (both companies) · Northwind Traders · Q4 webinar with Northwind  [both]"),
        "{text}"
    );
    assert!(
        text.contains("ACT  Send demo environment credentials · Northwind Traders  [us]"),
        "{text}"
    );
}

#[test]
fn today_json_is_data_with_the_partner_on_every_line() {
    let (_d, db) = book();
    let v: Value = serde_json::from_str(&stdout(pd(&db).args(["today", "--json"]))).expect("json");
    assert_eq!(v["today"], "2026-11-25");
    let all = lines(&v);
    assert!(!all.is_empty());
    for line in all {
        for key in [
            "kind",
            "partner",
            "subject",
            "due",
            "days_late",
            "owner_side",
            "partner_owner",
            "numbers",
        ] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
        assert!(
            line["partner"].as_str().is_some_and(|p| !p.is_empty()),
            "{line}"
        );
    }
    let action = all
        .iter()
        .find(|l| l["kind"] == "action_item")
        .expect("an action item");
    assert_eq!(action["partner"], "Northwind Traders");
    assert_eq!(action["subject"], "Send demo environment credentials");
    assert_eq!(action["due"], "2026-11-17");
    assert_eq!(action["days_late"], 8, "a number, not `8d late`");
    assert_eq!(action["owner_side"], "us");
    assert_eq!(action["partner_owner"], "Dana");
    assert_eq!(action["section"], "overdue");

    let qbr = all.iter().find(|l| l["kind"] == "qbr").expect("a QBR line");
    assert_eq!(qbr["subject"], "QBR Thu 26 Nov 2026");
    assert_eq!(qbr["days_late"], 0);
    assert_eq!(qbr["owner_side"], Value::Null);
    assert!(qbr["numbers"]["prep_percent"].is_u64(), "{qbr}");
    assert!(qbr["numbers"]["prep_total"].as_u64().is_some_and(|n| n > 0));

    let touch = all
        .iter()
        .find(|l| l["kind"] == "touch_overdue")
        .expect("a touch line");
    assert!(touch["numbers"]["cadence_days"].is_u64(), "{touch}");
}

#[test]
fn today_json_counts_match_its_lines() {
    let (_d, db) = book();
    let v: Value = serde_json::from_str(&stdout(pd(&db).args(["today", "--json"]))).expect("json");
    for s in v["sections"].as_array().expect("sections") {
        let n = lines(&v)
            .iter()
            .filter(|l| l["section"] == s["section"])
            .count();
        assert_eq!(s["count"].as_u64(), Some(n as u64), "{s}");
    }
}
