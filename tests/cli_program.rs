//! `partnerdeck program` and the company revenue it divides by, as a user
//! runs them: `import --csv company_revenue` in the month and number
//! formats the other imports read, refused whole on a bad row, carried by
//! export and import, and the same on a team book.

mod common;

use std::path::{Path, PathBuf};

use common::csv::{ok, pd, refused};

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("book.db");
    ok(pd(&db).args(["demo"]));
    db
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn program_json(db: &Path) -> serde_json::Value {
    let text = ok(pd(db).args(["program", "--json"])).0;
    serde_json::from_str(&text).expect("json")
}

fn metric<'a>(v: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    v["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["key"] == key)
        .unwrap_or_else(|| panic!("no {key}"))
}

/// Twelve months to Nov 2026, written four ways, $1,000,000 each.
const TWELVE: &str = "Month,Revenue\n\
2025-12,\"$1,000,000.00\"\n\
Jan 2026,1000000\n\
02/2026,\"$1,000,000\"\n\
March 2026,1000000\n\
2026/04,1000000\n\
2026-05-01,1000000\n\
Jun 2026,1000000\n\
Jul 2026,1000000\n\
Aug 2026,1000000\n\
Sep 2026,1000000\n\
Oct 2026,1000000\n\
Nov 2026,1000000\n";

#[test]
fn company_revenue_comes_in_in_any_month_format_and_the_shares_read_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    ok(pd(&db).args(["import", "--csv", "partners"]).arg(write(
        dir.path(),
        "p.csv",
        "name,tier\nKestrel Systems,gold\n",
    )));
    ok(pd(&db).args(["import", "--csv", "revenue"]).arg(write(
        dir.path(),
        "r.csv",
        "partner,month,sourced,influenced\nKestrel Systems,2026-06,2400000,1200000\n",
    )));
    // Before: the shares say what to enter.
    let before = ok(pd(&db).arg("program")).0;
    assert!(
        before.contains("enter company revenue: partnerdeck import --csv company_revenue FILE, or c on this screen"),
        "{before}"
    );
    let file = write(dir.path(), "company.csv", TWELVE);
    let (out, _) = ok(pd(&db)
        .args(["import", "--csv", "company_revenue"])
        .arg(&file));
    assert_eq!(
        out,
        format!(
            "{} → company_revenue: added 12, updated 0, unchanged 0\n",
            file.display()
        )
    );
    let v = program_json(&db);
    assert_eq!(v["format"], "partnerdeck-program");
    assert_eq!(v["company_revenue_missing"], serde_json::json!([]));
    let sourced = metric(&v, "sourced_share");
    assert_eq!(sourced["now"], 20);
    assert_eq!(sourced["met"], true);
    assert_eq!(sourced["basis"], "$2.4M of $12M");
    assert_eq!(metric(&v, "influenced_share")["now"], 30);
    assert_eq!(metric(&v, "influenced_share")["met"], false);
    let text = ok(pd(&db).arg("program")).0;
    assert!(
        text.contains("Partner-sourced revenue     $2.4M of $12M                 20%     —           20-30%    ✓"),
        "{text}"
    );
    // Again: nothing changes; one month changed: one update.
    let (again, _) = ok(pd(&db)
        .args(["import", "--csv", "company_revenue"])
        .arg(&file));
    assert!(
        again.ends_with("added 0, updated 0, unchanged 12\n"),
        "{again}"
    );
    let one = write(dir.path(), "one.csv", "month,amount\nNov 2026,1200000\n");
    let (changed, _) = ok(pd(&db)
        .args(["import", "--csv", "company_revenue"])
        .arg(&one));
    assert!(
        changed.ends_with("added 0, updated 1, unchanged 0\n"),
        "{changed}"
    );
    // The JSON book carries it, and a book imported from it has it.
    let json = ok(pd(&db).args(["export", "-"])).0;
    assert!(
        json.contains("\"company_revenue\": [\n    {\n      \"month\": \"2025-12\",\n      \"amount\": 1000000\n    },"),
        "{json}"
    );
    let copy = dir.path().join("copy.db");
    let exported = write(dir.path(), "book.json", &json);
    ok(pd(&copy).args(["import"]).arg(&exported));
    assert_eq!(ok(pd(&copy).arg("program")).0, ok(pd(&db).arg("program")).0);
}

#[test]
fn a_european_file_comes_in_once_the_book_is_in_euros() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    ok(pd(&db).args(["import", "--csv", "partners"]).arg(write(
        dir.path(),
        "p.csv",
        "name\nKestrel Systems\n",
    )));
    let file = write(
        dir.path(),
        "umsatz.csv",
        "Month;Amount\r\n01/2026;1.200.000,00 €\r\n02/2026;980.000,50 €\r\n",
    );
    let err = refused(
        pd(&db)
            .args(["import", "--csv", "company_revenue"])
            .arg(&file),
    );
    assert!(err.contains("is not in the book's currency ($)"), "{err}");
    let config = dir.path().join("partnerdeck");
    std::fs::create_dir_all(&config).expect("dir");
    std::fs::write(config.join("config.toml"), "currency = \"€\"\n").expect("config");
    let (out, _) = ok(pd(&db)
        .args(["import", "--csv", "company_revenue"])
        .arg(&file));
    assert!(out.ends_with("added 2, updated 0, unchanged 0\n"), "{out}");
    let json = ok(pd(&db).args(["export", "-"])).0;
    assert!(
        json.contains("\"month\": \"2026-02\",\n      \"amount\": 980001"),
        "{json}"
    );
}

#[test]
fn a_bad_row_is_named_and_nothing_is_imported() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let before = ok(pd(&db).args(["export", "-"])).0;
    for (text, says) in [
        (
            "month,amount\n2026-01,100\n2026-13,100\n",
            "bad.csv:3: column 'month': '2026-13' is not a month (e.g. 2026-03, Mar 2026, 03/2026)",
        ),
        (
            "month,amount\n2026-01,100\nJan 2026,200\n",
            "bad.csv:3: column 'month': the same row as line 2",
        ),
        (
            "month,amount\n2026-01,-5\n",
            "bad.csv:2: column 'amount': '-5' is negative; company revenue is 0 or more",
        ),
        (
            "month,amount\n2026-01,\n",
            "bad.csv:2: column 'amount': an amount is needed",
        ),
    ] {
        let file = write(dir.path(), "bad.csv", text);
        let err = refused(pd(&db).current_dir(dir.path()).args([
            "import",
            "--csv",
            "company_revenue",
            "bad.csv",
        ]));
        assert_eq!(
            err,
            format!("partnerdeck: {says}\nnothing was imported\n"),
            "{text}"
        );
        let _ = file;
    }
    assert_eq!(
        ok(pd(&db).args(["export", "-"])).0,
        before,
        "the book is unchanged"
    );
}

#[test]
fn the_demo_answers_every_metric_now_and_a_year_ago() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let v = program_json(&db);
    for m in v["metrics"].as_array().expect("metrics") {
        assert!(m["now"].is_i64(), "{}: {m}", m["key"]);
        assert!(m["met"].is_boolean(), "{}: {m}", m["key"]);
        assert!(m["year_ago"].is_i64(), "{}: no value a year ago", m["key"]);
        assert!(
            m["groups"][0]["partners"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
                || m["groups"][1]["partners"]
                    .as_array()
                    .is_some_and(|p| !p.is_empty()),
            "{}: lists no partner",
            m["key"]
        );
    }
    let sourced = metric(&v, "sourced_share")["now"].as_i64().expect("share");
    assert!((20..=30).contains(&sourced), "{sourced}%");
    let influenced = metric(&v, "influenced_share")["now"]
        .as_i64()
        .expect("share");
    assert!((38..=52).contains(&influenced), "{influenced}%");
}

#[test]
fn company_revenue_comes_into_a_team_book_as_into_a_file() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let partners = write(dir.path(), "p.csv", "name\nKestrel Systems\n");
    common::pg::ok(
        &url,
        &["import", "--csv", "partners", &partners.to_string_lossy()],
    );
    let file = write(dir.path(), "company.csv", TWELVE);
    let file = file.to_string_lossy().into_owned();
    let said = common::pg::ok(&url, &["import", "--csv", "company_revenue", &file]);
    assert!(
        said.ends_with("added 12, updated 0, unchanged 0\n"),
        "{said}"
    );
    let again = common::pg::ok(&url, &["import", "--csv", "company_revenue", &file]);
    assert!(
        again.ends_with("added 0, updated 0, unchanged 12\n"),
        "{again}"
    );
    let json = common::pg::ok(&url, &["program", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["company_revenue_missing"], serde_json::json!([]));
}
