//! The store on temporary books: round trips, migrations, refusal of bad files.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::ActivityKind;
use partnerdeck::domain::book::Tier;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, DoneItem, Edit, PartnerRef, TierAction, tier_edit};
use partnerdeck::domain::testing::date;
use partnerdeck::domain::tiers::tier_status;
use partnerdeck::store::schema::{APPLICATION_ID, latest_version};
use partnerdeck::store::transfer::{from_json, to_json};
use partnerdeck::store::{Store, StoreError};

fn temp_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    (dir, path)
}

#[test]
fn a_new_file_is_migrated_to_the_latest_schema_and_marked_as_a_book() {
    let (_dir, path) = temp_book();
    let store = Store::open(&path).expect("open new book");
    assert_eq!(store.schema_version().expect("version"), latest_version());
    assert!(store.is_empty().expect("empty"));
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("app id");
    assert_eq!(app, APPLICATION_ID);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_empty_existing_file_is_migrated() {
    let (_dir, path) = temp_book();
    std::fs::write(&path, b"").expect("empty file");
    let store = Store::open(&path).expect("open empty file");
    assert_eq!(store.schema_version().expect("version"), latest_version());
}

#[test]
fn the_book_round_trips_through_sqlite() {
    let book = common::small_book();
    let mut store = Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write book");
    assert_eq!(store.load().expect("load"), book);
}

#[test]
fn json_export_import_export_is_byte_identical() {
    let (_dir, path) = temp_book();
    let mut first = Store::open(&path).expect("open");
    first.replace_book(&common::small_book()).expect("write");
    let exported = to_json(&first.load().expect("load")).expect("json");

    let mut second = Store::open_in_memory().expect("memory");
    second
        .replace_book(&from_json("book.json", &exported).expect("parse"))
        .expect("import");
    let again = to_json(&second.load().expect("load")).expect("json");
    assert_eq!(exported, again);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let (_dir, path) = temp_book();
    std::fs::write(&path, "name,tier\nAcme,gold\n").expect("csv");
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotABookFile { .. }), "{err}");
    assert!(err.is_file_problem());
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn another_programs_database_is_refused_and_left_unchanged() {
    let (_dir, path) = temp_book();
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        })
        .expect("foreign db");
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_book_from_a_newer_version_is_refused_and_left_unchanged() {
    let (_dir, path) = temp_book();
    drop(Store::open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("newer partnerdeck"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_duplicate_name_aborts_the_whole_write() {
    let mut store = Store::open_in_memory().expect("memory");
    let book = common::small_book();
    store.replace_book(&book).expect("first write");
    let mut bad = book.clone();
    bad.partners[2].partner.name = "LITWARE".into();
    assert!(store.replace_book(&bad).is_err());
    assert_eq!(store.load().expect("load"), book, "book unchanged");
}

#[test]
fn logging_a_touch_and_ticking_tasks_persist() {
    let (_dir, path) = temp_book();
    let mut store = Store::open(&path).expect("open");
    let book = common::small_book();
    store.replace_book(&book).expect("write");
    let litware = book.find("litware").expect("litware").partner.clone();
    let logged = common::log_touch(
        &mut store,
        &litware,
        date(2026, 11, 25),
        ActivityKind::Call,
        "Checked in",
    )
    .expect("log");
    let northwind = &book.partners[0];
    let task = northwind.campaigns[0].tasks[0].id;
    store
        .apply_edit(
            &Edit {
                partner: PartnerRef {
                    id: northwind.partner.id,
                    name: northwind.partner.name.clone(),
                },
                change: Change::SetDone {
                    item: DoneItem::CampaignTask {
                        campaign: northwind.campaigns[0].id,
                        task,
                    },
                    from: None,
                    to: Some(date(2026, 11, 25)),
                },
            },
            date(2026, 11, 25),
            &ProgramConfig::default(),
        )
        .expect("tick");
    drop(store);

    let reopened = Store::open(&path).expect("reopen").load().expect("load");
    let file = reopened.find("Litware").expect("litware");
    assert_eq!(
        Some(&file.activities),
        logged.after.as_ref().map(|(f, _)| &f.activities)
    );
    assert_eq!(file.activities.len(), 1);
    assert_eq!(file.activities[0].summary, "Checked in");
    let t = reopened.partners[0].campaigns[0]
        .tasks
        .iter()
        .find(|t| t.id == task)
        .expect("task");
    assert_eq!(t.done, Some(date(2026, 11, 25)));
}

#[test]
fn an_edit_refuses_a_partner_or_row_that_is_no_longer_what_it_was() {
    let mut store = Store::open_in_memory().expect("memory");
    let book = common::small_book();
    store.replace_book(&book).expect("write");
    let before = store.load().expect("load");
    let mut ghost = book.partners[1].partner.clone();
    ghost.name = "Somebody Else".into();
    let err = common::log_touch(&mut store, &ghost, date(2026, 1, 1), ActivityKind::Call, "")
        .expect_err("another partner has that id");
    assert_eq!(
        err.to_string(),
        "Somebody Else is no longer in the book (another program changed it); nothing was changed"
    );
    let northwind = &book.partners[0];
    let err = store
        .apply_edit(
            &Edit {
                partner: PartnerRef {
                    id: northwind.partner.id,
                    name: northwind.partner.name.clone(),
                },
                change: Change::SetDone {
                    item: DoneItem::CampaignTask {
                        campaign: northwind.campaigns[0].id,
                        task: 999,
                    },
                    from: None,
                    to: Some(date(2026, 11, 25)),
                },
            },
            date(2026, 11, 25),
            &ProgramConfig::default(),
        )
        .expect_err("no such task");
    assert!(
        err.to_string().contains("no longer in the book as it was"),
        "{err}"
    );
    assert_eq!(store.load().expect("load"), before, "book unchanged");
}

#[test]
fn a_confirmed_tier_change_updates_the_partner_and_the_history_and_undoes() {
    let mut store = Store::open_in_memory().expect("memory");
    store.replace_book(&common::small_book()).expect("write");
    let cfg = ProgramConfig::default();
    let today = date(2026, 11, 25);
    let before = store.load().expect("load");
    let file = &before.partners[0];
    assert_eq!(file.partner.tier, Tier::Gold);
    let status = tier_status(file, today, &cfg);
    let (_, edit) = tier_edit(&file.partner, &status, TierAction::Demote, today, &cfg)
        .expect("a tier below Gold");
    let done = store.apply_edit(&edit, today, &cfg).expect("applied");
    let book = store.load().expect("load");
    let f = &book.partners[0];
    assert_eq!(f.partner.tier, Tier::Silver);
    assert_eq!(f.partner.tier_since, today);
    let last = f.tier_changes.last().expect("recorded");
    assert_eq!(
        (last.from, last.to, last.date),
        (Tier::Gold, Tier::Silver, today)
    );
    assert!(last.id > 0);
    store
        .apply_edit(&done.applied.inverse, today, &cfg)
        .expect("undone");
    let after = store.load().expect("load");
    let (was, now) = (&before.partners[0], &after.partners[0]);
    assert_eq!(
        (
            now.partner.tier,
            now.partner.tier_since,
            now.partner.provisional_until
        ),
        (
            was.partner.tier,
            was.partner.tier_since,
            was.partner.provisional_until
        )
    );
    assert_eq!(now.tier_changes, was.tier_changes);
}

#[test]
fn import_reports_every_bad_record_with_where_it_is() {
    let mut book = common::small_book();
    book.partners[1].partner.name = "northwind traders".into();
    book.partners[0].nps[0].score = 140;
    let text = to_json(&book).expect("json");
    let err = from_json("in.json", &text).expect_err("refused");
    let all = err.to_string();
    assert!(
        all.contains("in.json: partners[1].partner.name: 'northwind traders' appears twice"),
        "{all}"
    );
    assert!(
        all.contains("in.json: partners[0].nps[0].score: 140 is outside -100..100"),
        "{all}"
    );
}

#[test]
fn malformed_json_names_the_line_and_column() {
    let err = from_json("in.json", "{\n  \"format\": \"partnerdeck-book\",\n  \"version\": 1,\n  \"partners\": [ { \"partner\": 3 } \n}\n")
        .expect_err("refused");
    assert!(err.to_string().starts_with("in.json:5:"), "{err}");
}

#[test]
fn a_record_of_the_wrong_shape_names_its_path() {
    let err = from_json("in.json", "{\n  \"format\": \"partnerdeck-book\",\n  \"version\": 1,\n  \"partners\": [ { \"partner\": 3 } ]\n}\n")
        .expect_err("refused");
    assert!(
        err.to_string()
            .starts_with("in.json: partners[0].partner: invalid type: integer `3`"),
        "{err}"
    );
}

#[test]
fn implausible_amounts_and_offsets_are_refused_on_import() {
    let mut book = common::small_book();
    book.partners[0].revenue[0].sourced = 9_000_000_000_000_000_000;
    book.partners[0].qbrs[0].checklist[0].offset_days = 2_000_000_000;
    let text = to_json(&book).expect("json");
    let all = from_json("in.json", &text)
        .expect_err("refused")
        .to_string();
    assert!(
        all.contains(
            "partners[0].revenue[0].sourced: 9000000000000000000 is not a plausible amount"
        ),
        "{all}"
    );
    assert!(
        all.contains("partners[0].qbrs[0].checklist[0].offset_days: 2000000000 is out of range"),
        "{all}"
    );
}

#[test]
fn a_book_edited_to_absurd_values_by_another_tool_still_scores_without_a_crash() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.execute_batch(
                "UPDATE revenue SET sourced = 9000000000000000000; \
                 UPDATE qbr_checklist SET offset_days = 2000000000; \
                 UPDATE deals SET value = -9000000000000000000;",
            )
        })
        .expect("raw edit");
    let cfg = partnerdeck::domain::config::ProgramConfig::default();
    let analysed = Store::open(&path)
        .and_then(|mut s| s.analyse(date(2026, 11, 25), &cfg))
        .expect("scores");
    assert_eq!(analysed.summaries.len(), 3);
}
