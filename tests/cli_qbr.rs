//! `qbr list` and `qbr export` as a user runs them: real binary, temporary
//! books.

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

fn pd(db: &std::path::Path, today: &str) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", today]);
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
fn qbr_list_shows_each_qbr_with_prep_and_the_completion_rate() {
    let (_d, db) = book();
    let text = stdout(pd(&db, "2026-11-25").args(["qbr", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("STATE"), "{text}");
    assert!(text.contains("QBR completion:"), "{text}");
    assert!(text.contains("target 90%"), "{text}");
    let json = stdout(pd(&db, "2026-11-25").args(["qbr", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let count = ["upcoming", "missed", "held", "cancelled"]
        .iter()
        .map(|k| v[k].as_array().expect("list").len())
        .sum::<usize>();
    assert_eq!(
        count,
        lines.iter().skip(1).take_while(|l| !l.is_empty()).count()
    );
    assert_eq!(v["completion"]["target_percent"], 90);
}

#[test]
fn qbr_export_writes_the_agenda_atomically_and_refuses_the_book() {
    let (dir, db) = book();
    let list = stdout(pd(&db, "2026-11-25").args(["qbr", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let first = v["upcoming"]
        .as_array()
        .and_then(|l| l.first())
        .or_else(|| v["held"].as_array().and_then(|l| l.first()))
        .expect("a QBR in the fixture");
    let name = first["partner"].as_str().expect("name").to_string();
    let date = first["date"].as_str().expect("date").to_string();
    let out = dir.path().join("agenda.md");
    std::fs::write(&out, "old").expect("old file");
    let printed = stdout(pd(&db, "2026-11-25").args(["qbr", "export", &name, "--date", &date]));
    pd(&db, "2026-11-25")
        .args(["qbr", "export", &name, "--date", &date, "-o"])
        .arg(&out)
        .assert()
        .success();
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written, printed);
    assert!(
        written.starts_with(&format!("# QBR: {name} — ")),
        "{written}"
    );
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
    let refused = pd(&db, "2026-11-25")
        .args(["qbr", "export", &name, "-o"])
        .arg(&db)
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refusing to write over the book"));
    let none = pd(&db, "2026-11-25")
        .args(["qbr", "export", &name, "--date", "2020-01-01"])
        .output()
        .expect("run");
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("has no QBR on 2020-01-01"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
}

#[test]
fn the_exported_health_and_revenue_equal_score_as_of_the_qbr_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    pd(&db, "2026-11-23").arg("demo").assert().success();
    let list = stdout(pd(&db, "2026-11-23").args(["qbr", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let held = &v["held"].as_array().expect("held")[0];
    let name = held["partner"].as_str().expect("name");
    let date = held["date"].as_str().expect("date");
    // Exported weeks later, the agenda keeps the QBR date's facts.
    let md = stdout(pd(&db, "2026-11-23").args(["qbr", "export", name, "--date", date]));
    let score = stdout(pd(&db, date).args(["score", name, "--json"]));
    let s: serde_json::Value = serde_json::from_str(&score).expect("JSON");
    let health = &s["health"];
    let headline = format!("- Health {} ", health["score"].as_u64().expect("score"));
    assert!(md.contains(&headline), "{headline} in {md}");
    for d in health["dimensions"].as_array().expect("dimensions") {
        let line = format!(
            "{}/{}: {}",
            d["points"],
            d["max"],
            d["reason"].as_str().expect("reason")
        );
        assert!(md.contains(&line), "{line} in {md}");
    }
    let arr = s["tier"]["metrics"]["sourced_arr"].as_i64().expect("ARR");
    let arr_text = partnerdeck::domain::format::money(arr, "$");
    assert!(
        md.contains(&format!("sourced ARR {arr_text},")),
        "{arr_text} in {md}"
    );
}

#[test]
fn the_agenda_for_the_partner_leaves_out_what_is_internal() {
    let (_d, db) = book();
    let ours = stdout(pd(&db, "2026-11-25").args(["qbr", "export", "Northwind Traders"]));
    let theirs = stdout(pd(&db, "2026-11-25").args([
        "qbr",
        "export",
        "Northwind Traders",
        "--for",
        "partner",
    ]));
    // The prep has the health breakdown, the weekly points and the notes.
    for internal in ["- Health ", "Weekly health", "Notes:", "Status:"] {
        assert!(ours.contains(internal), "{internal} in the prep: {ours}");
        assert!(
            !theirs.contains(internal),
            "{internal} not in the partner's: {theirs}"
        );
    }
    // Both carry the agenda, the shared numbers and the action items.
    for shared in [
        "## 2. Performance review",
        "- Trailing 12 months:",
        "## Action items",
    ] {
        assert!(theirs.contains(shared), "{shared}: {theirs}");
    }
}
