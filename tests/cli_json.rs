//! Every `--json` output as a script reads it: one object that starts with
//! its format and version, every field it holds documented in docs/json.md
//! under its own heading, and `campaign list`'s next task an object.

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

fn json(db: &std::path::Path, args: &[&str]) -> (String, Value) {
    let out = Command::cargo_bin("partnerdeck")
        .expect("binary")
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-25"])
        .args(args)
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let value = serde_json::from_str(&text).expect("JSON");
    (text, value)
}

/// The part of docs/json.md under the heading that names `command`.
fn documented(command: &str) -> String {
    let doc = std::fs::read_to_string("docs/json.md").expect("docs/json.md");
    let start = doc
        .find(&format!("## `{command}"))
        .unwrap_or_else(|| panic!("docs/json.md has no section for {command}"));
    let rest = &doc[start + 3..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// Every key of `v` and of the objects under it (first array element).
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                keys(first, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_json_output_says_what_it_is_and_documents_every_field() {
    let (_d, db) = book();
    for (args, command, format) in [
        (
            &["partners", "--json"][..],
            "partners",
            "partnerdeck-partners",
        ),
        (&["today", "--json"], "today", "partnerdeck-today"),
        (
            &["score", "Northwind Traders", "--json"],
            "score",
            "partnerdeck-score",
        ),
        (&["qbr", "list", "--json"], "qbr list", "partnerdeck-qbrs"),
        (
            &["campaign", "list", "--json"],
            "campaign list",
            "partnerdeck-campaigns",
        ),
        (&["owners", "--json"], "owners", "partnerdeck-owners"),
        (&["program", "--json"], "program", "partnerdeck-program"),
        (
            &["commissions", "--json", "--from", "2025-01-01"],
            "commissions",
            "partnerdeck-commissions",
        ),
        (
            &["campaign", "budget", "Northwind Traders", "--json"],
            "campaign budget",
            "partnerdeck-budget",
        ),
    ] {
        let (text, value) = json(&db, args);
        assert!(
            text.starts_with(&format!(
                "{{\n  \"format\": \"{format}\",\n  \"version\": 1,\n"
            )),
            "{args:?} starts with its format and version: {text}"
        );
        let docs = documented(command);
        assert!(docs.contains(&format!("`{format}`")), "{command}: {docs}");
        let mut all = Vec::new();
        keys(&value, &mut all);
        assert!(all.len() > 3, "{args:?} holds data: {text}");
        for key in all.iter().filter(|k| *k != "format" && *k != "version") {
            // `numbers` holds the line's numbers by name: listed in its row.
            assert!(
                docs.contains(&format!("`{key}`")),
                "{args:?}: field `{key}` is not in docs/json.md's section for {command}"
            );
        }
    }
}

#[test]
fn a_campaigns_next_task_is_an_object_with_title_and_due() {
    let (_d, db) = book();
    let (_, doc) = json(&db, &["campaign", "list", "--json"]);
    let first = &doc["campaigns"][0];
    assert_eq!(first["name"], "Q4 webinar with Northwind");
    assert_eq!(
        first["next"],
        serde_json::json!({ "title": "Align on campaign concept, topic and audience", "due": "2026-10-29" })
    );
}

#[test]
fn prospects_json_documents_every_field_of_a_scored_prospect() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    let made = Command::cargo_bin("partnerdeck")
        .expect("binary")
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-11-25", "demo"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("run");
    assert!(made.status.success());
    let (text, value) = json(&db, &["prospects", "--json"]);
    assert!(text.starts_with("{\n  \"format\": \"partnerdeck-prospects\",\n  \"version\": 1,\n"));
    let first = &value["prospects"][0];
    assert_eq!(first["scorecard"]["total"], 29, "best first: {text}");
    assert_eq!(first["scorecard"]["reading"], "gold_potential");
    let docs = documented("prospects");
    // Keys of a scored prospect with a red flag (the second).
    let mut all = Vec::new();
    keys(first, &mut all);
    keys(&value["prospects"][1], &mut all);
    assert!(all.contains(&"red_flags".to_string()) && all.contains(&"alternative".to_string()));
    for key in &all {
        assert!(
            docs.contains(&format!("`{key}`")),
            "prospects: field `{key}` is not in docs/json.md's section"
        );
    }
}
