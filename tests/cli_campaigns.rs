//! `campaign list` and `campaign ics` as a user runs them: the calendar is
//! read back with an iCalendar parser.

mod common;

use std::collections::HashSet;
use std::str::FromStr;

use assert_cmd::Command;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;

/// The small fixture book with Northwind's first webinar task done.
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    let mut book = common::small_book();
    book.partners[0].campaigns[0].tasks[0].done = Some(date(2026, 10, 30));
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write fixture book");
    (dir, path)
}

fn pd(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd
}

fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn the_calendar_holds_every_task_once_on_its_day_with_stable_uids() {
    let (dir, db) = book();
    let first = dir.path().join("webinar.ics");
    let second = dir.path().join("again.ics");
    let (_, note) = run(pd(&db)
        .args(["campaign", "ics", "q4 WEBINAR with northwind", "-o"])
        .arg(&first));
    assert!(
        note.starts_with("wrote 25 tasks of 'Q4 webinar with Northwind' (Northwind Traders, launch Thu 10 Dec 2026) to "),
        "{note}"
    );
    run(pd(&db)
        .args(["campaign", "ics", "Q4 webinar with Northwind", "-o"])
        .arg(&second));
    let text = std::fs::read_to_string(&first).expect("ics");
    assert_eq!(
        text,
        std::fs::read_to_string(&second).expect("ics"),
        "two exports of the same book are the same file"
    );
    assert!(text.contains("PRODID:-//partnerdeck//campaign tasks//EN\r\n"));

    let store = Store::open(&db).expect("book");
    let book_id = store.book_id().expect("book id");
    assert_eq!(book_id.len(), 16, "{book_id}");
    let file = store.load_file(1).expect("file");
    let campaign = &file.campaigns[0];
    let cal = Calendar::from_str(&text).expect("valid iCalendar");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), campaign.tasks.len());
    let mut uids = HashSet::new();
    for task in &campaign.tasks {
        let uid = format!("task-{}-{book_id}@partnerdeck", task.id);
        let found: Vec<_> = events
            .iter()
            .filter(|e| e.get_uid() == Some(uid.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "{} once", task.title);
        let e = found[0];
        assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(task.due)));
        assert_eq!(
            e.get_end(),
            Some(DatePerhapsTime::Date(
                task.due.succ_opt().expect("next day")
            )),
            "all day: DTEND is the day after"
        );
        assert_eq!(e.property_value("SEQUENCE"), Some("0"), "never moved");
        let summary = e.get_summary().expect("summary");
        assert!(summary.contains(&task.title), "{summary}");
        assert_eq!(summary.starts_with("✓ "), task.done.is_some(), "{summary}");
        uids.insert(uid);
    }
    assert_eq!(uids.len(), 25);
}

#[test]
fn a_campaign_name_that_is_not_there_gets_a_did_you_mean() {
    let (_d, db) = book();
    let out = pd(&db)
        .args(["campaign", "ics", "Q4 webinar with Northwnd"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "partnerdeck: no campaign named 'Q4 webinar with Northwnd' (did you mean 'Q4 webinar with Northwind'?)"
    );
}

#[test]
fn the_list_shows_launch_progress_overdue_and_next_task() {
    let (_d, db) = book();
    let (text, _) = run(pd(&db).args(["campaign", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Launch"), "{text}");
    let row = lines[1];
    for part in [
        "2026-12-10",
        "in 2w",
        "Q4 webinar with Northwind",
        "Northwind Traders",
        "joint_webinar",
        "planning",
        "1/25 4%",
        "1/25 4%        8  05 Nov Finalize brief, assign roles",
    ] {
        assert!(row.contains(part), "{part} in {row}");
    }
    let (json, _) = run(pd(&db).args(["campaign", "list", "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let first = &doc["campaigns"][0];
    assert_eq!(first["name"], "Q4 webinar with Northwind");
    assert_eq!(first["partner"], "Northwind Traders");
    assert_eq!(first["type"], "joint_webinar");
    assert_eq!(first["launch"], "2026-12-10");
    assert_eq!(first["done"], 1);
    assert_eq!(first["total"], 25);
    assert_eq!(first["overdue"], 8);
    assert_eq!(first["next"]["title"], "Finalize brief, assign roles");
    assert_eq!(first["next"]["due"], "2026-11-05");
    assert_eq!(first["when"], "in 2w");
}

#[test]
fn two_campaigns_of_one_name_are_told_apart_by_partner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("book.db");
    let mut book = common::small_book();
    let copy = book.partners[0].campaigns[0].clone();
    book.partners[1].campaigns.push(copy);
    common::number(&mut book);
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    let out = pd(&db)
        .args(["campaign", "ics", "Q4 webinar with Northwind"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "partnerdeck: 2 campaigns are named 'Q4 webinar with Northwind' (Northwind Traders, Litware); say which with --partner NAME"
    );
    let (ics, _) = run(pd(&db).args([
        "campaign",
        "ics",
        "Q4 webinar with Northwind",
        "--partner",
        "litware",
    ]));
    assert!(ics.contains("(Litware)"), "{ics}");
    assert!(!ics.contains("(Northwind Traders)"), "{ics}");
}

#[test]
fn the_calendar_is_never_written_over_the_book() {
    let (_d, db) = book();
    let out = pd(&db)
        .args(["campaign", "ics", "Q4 webinar with Northwind", "-o"])
        .arg(&db)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("refusing to write over the book itself"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(Store::open(&db).is_ok(), "the book is still a book");
}

/// The UIDs and SEQUENCEs of a calendar, in file order.
fn uids_and_sequences(text: &str) -> Vec<(String, String)> {
    let cal = Calendar::from_str(text).expect("valid iCalendar");
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().expect("uid").to_string(),
                e.property_value("SEQUENCE").expect("sequence").to_string(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn two_books_never_share_an_event_uid_and_each_keeps_its_own() {
    // Two books made alike hold tasks of the same ids: imported into one
    // calendar, their events must not overwrite each other.
    let (_a, first) = book();
    let (_b, second) = book();
    let ics =
        |db: &std::path::Path| run(pd(db).args(["campaign", "ics", "Q4 webinar with Northwind"])).0;
    let (one, other) = (ics(&first), ics(&second));
    let uids = |text: &str| -> HashSet<String> {
        uids_and_sequences(text)
            .into_iter()
            .map(|(u, _)| u)
            .collect()
    };
    assert_eq!(uids(&one).len(), 25);
    assert!(uids(&one).is_disjoint(&uids(&other)), "{one}\n{other}");
    assert_eq!(ics(&first), one, "the same book gives the same UIDs again");
}

#[test]
fn a_task_that_moves_gets_a_higher_sequence_and_the_rest_keep_theirs() {
    use partnerdeck::domain::edit::{Change, Edit};
    let (_d, db) = book();
    let before =
        uids_and_sequences(&run(pd(&db).args(["campaign", "ics", "Q4 webinar with Northwind"])).0);
    let mut store = Store::open(&db).expect("book");
    let file = store.load_file(1).expect("file");
    let campaign = &file.campaigns[0];
    let task = campaign
        .tasks
        .iter()
        .find(|t| t.done.is_none())
        .expect("an open task")
        .clone();
    let moved = partnerdeck::domain::book::CampaignTask {
        due: task.due.succ_opt().expect("next day"),
        ..task.clone()
    };
    store
        .apply_edit(
            &Edit {
                partner: partnerdeck::domain::edit::PartnerRef {
                    id: file.partner.id,
                    name: file.partner.name.clone(),
                },
                change: Change::EditTask {
                    campaign: campaign.id,
                    before: task.clone(),
                    after: moved,
                },
            },
            date(2026, 11, 25),
            &partnerdeck::domain::config::ProgramConfig::default(),
        )
        .expect("moved");
    drop(store);
    let after =
        uids_and_sequences(&run(pd(&db).args(["campaign", "ics", "Q4 webinar with Northwind"])).0);
    let sequence = |list: &[(String, String)], id: i64| {
        list.iter()
            .find(|(u, _)| u.starts_with(&format!("task-{id}-")))
            .map(|(_, s)| s.clone())
            .expect("the task's event")
    };
    assert_eq!(sequence(&before, task.id), "0");
    assert_eq!(sequence(&after, task.id), "1", "moved once");
    for t in campaign.tasks.iter().filter(|t| t.id != task.id) {
        assert_eq!(sequence(&after, t.id), "0", "{} did not move", t.title);
    }
    // Asked again with nothing changed: the same file.
    let again =
        uids_and_sequences(&run(pd(&db).args(["campaign", "ics", "Q4 webinar with Northwind"])).0);
    assert_eq!(again, after);
}

#[test]
fn the_calendar_name_is_escaped_as_text_like_its_apple_twin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("book.db");
    let mut book = common::small_book();
    book.partners[0].campaigns[0].name = "Q4; webinar, with\\ Northwind".into();
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    let (ics, _) = run(pd(&db).args(["campaign", "ics", "Q4; webinar, with\\ Northwind"]));
    let line = |key: &str| {
        ics.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {ics}"))
            .to_string()
    };
    assert_eq!(
        line("NAME:"),
        "NAME:Q4\\; webinar\\, with\\\\ Northwind · Northwind Traders"
    );
    assert_eq!(
        line("X-WR-CALNAME:"),
        line("NAME:").replacen("NAME:", "X-WR-CALNAME:", 1)
    );
}
