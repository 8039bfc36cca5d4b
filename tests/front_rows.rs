//! The cockpit's first frame comes from the cached list rows: they say what
//! the summaries say, they are written wherever a summary is, Today's lines
//! and the tier statuses are read when their screen is first shown, and a
//! book changed meanwhile is read again rather than shown half old.

mod common;

use partnerdeck::analyse::{Analyse, Front, front, tier_statuses, today_lines};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::domain::today::SectionKind;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

fn stored() -> (tempfile::TempDir, std::path::PathBuf) {
    common::stored_small_book()
}

/// Everything the rules say, computed in memory, as the front holds it.
fn computed(store: &mut Store) -> Front {
    let cfg = ProgramConfig::default();
    let book = store.load().expect("load");
    let coverage = partnerdeck::domain::coverage::Coverage::of_book(&book);
    let summaries = book
        .partners
        .iter()
        .map(|f| partnerdeck::domain::analysis::summarize(f, today(), &cfg))
        .collect();
    Front::of(partnerdeck::analyse::Analysed {
        partners: book.partners.into_iter().map(|f| f.partner).collect(),
        summaries,
        cached: false,
        coverage,
    })
}

/// Every line of `lines`, decoded, partner by partner.
fn decoded(
    lines: &partnerdeck::analyse::PackedLines,
) -> Vec<partnerdeck::domain::today::TriageEntry> {
    (0..lines.len())
        .map(|n| lines.entry(n).expect("decodes"))
        .collect()
}

/// The cached rows, Today lines and tier statuses equal the ones computed.
fn cache_says_what_the_rules_say(store: &mut Store) {
    let cfg = ProgramConfig::default();
    let want = computed(store);
    let got = front(store, today(), &cfg).expect("front");
    assert!(got.cached, "read from the cache");
    assert!(got.today.is_none() && got.tiers.is_none(), "rows only");
    assert_eq!(got.rows, want.rows);
    let lines = today_lines(store, today(), &cfg, &got.rows).expect("read");
    assert_eq!(
        lines.map(|l| l.into_iter().flatten().collect::<Vec<_>>()),
        want.today.as_ref().map(decoded)
    );
    let tiers = tier_statuses(store, today(), &cfg, &got.rows).expect("read");
    assert_eq!(tiers, want.tiers);
    // Kept once read: the second time they come from there, the same.
    let again = tier_statuses(store, today(), &cfg, &got.rows).expect("kept");
    assert_eq!(again, want.tiers);
}

#[test]
fn the_cached_rows_say_what_the_summaries_say_after_scoring_and_after_an_edit() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    let first = front(&mut store, today(), &cfg).expect("first");
    assert!(!first.cached, "scored the first time");
    assert!(
        first.today.is_none() && first.tiers.is_none(),
        "saved, so the rest is read from the cache when shown"
    );
    cache_says_what_the_rules_say(&mut store);

    // An edit from the cockpit writes the partner's row and Today lines.
    let analysed = store.analyse(today(), &cfg).expect("warm");
    let mut app = App::new(
        Model::new(analysed, cfg.clone(), today(), "t".into()),
        Some(store),
        Theme::mono(),
        Rect::new(0, 0, 100, 30),
    );
    common::keys(&mut app, "/Litware<Enter>tQ1 plans<Enter>");
    let (_, store) = app.into_parts();
    let mut store = store.expect("store");
    let rows = front(&mut store, today(), &cfg).expect("after").rows;
    let litware = rows.iter().find(|r| r.name == "Litware").expect("row");
    assert_eq!(
        litware.days_since_touch,
        Some(0),
        "the edit's row is cached"
    );
    cache_says_what_the_rules_say(&mut store);
}

#[test]
fn a_demo_book_caches_its_rows_as_it_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let path = common::demo_file(dir.path(), "demo.db", "2026-11-25", 40);
    let mut store = Store::open(&path).expect("open");
    cache_says_what_the_rules_say(&mut store);
}

#[test]
fn rows_of_a_book_changed_elsewhere_are_scored_again_not_read() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    front(&mut store, today(), &cfg).expect("first");
    rusqlite::Connection::open(&path)
        .expect("raw")
        .execute(
            "UPDATE partners SET owner = 'Zed' WHERE name = 'Litware'",
            [],
        )
        .expect("raw edit");
    let again = front(&mut store, today(), &cfg).expect("again");
    assert!(!again.cached, "the trigger made the rows stale");
    let litware = again
        .rows
        .iter()
        .find(|r| r.name == "Litware")
        .expect("row");
    assert_eq!(litware.owner, "Zed");
}

fn cockpit(path: &std::path::Path) -> App {
    let cfg = ProgramConfig::default();
    let mut store = Store::open(path).expect("open");
    let front = front(&mut store, today(), &cfg).expect("front");
    assert!(front.cached, "warm");
    let model = Model::from_front(front, cfg, today(), "t".into());
    App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 120, 30))
}

#[test]
fn the_cockpit_reads_today_and_the_tiers_when_first_shown() {
    let (_d, path) = stored();
    drop(cockpit_after_scoring(&path));
    let mut app = cockpit(&path);
    assert!(!app.model.today_loaded() && !app.model.tiers_loaded());
    let partners = show(&mut app, "2");
    assert!(partners.contains("Litware"), "{partners}");
    assert!(!app.model.today_loaded(), "Partners needs only the rows");
    let tiers = show(&mut app, "3");
    assert!(app.model.tiers_loaded());
    assert!(tiers.contains("Litware"), "{tiers}");
    let shown = show(&mut app, "1");
    assert!(app.model.today_loaded());
    let full = Model::new(
        Store::open(&path)
            .and_then(|mut s| s.analyse(today(), &ProgramConfig::default()))
            .expect("analyse"),
        ProgramConfig::default(),
        today(),
        "t".into(),
    );
    let overdue = SectionKind::Overdue.index();
    let first = full.triage_item(overdue, 0).expect("a line on Today");
    assert!(shown.contains(&first.title), "{}:\n{shown}", first.title);
}

#[test]
fn today_read_after_another_program_changed_the_book_is_the_new_today() {
    let (_d, path) = stored();
    drop(cockpit_after_scoring(&path));
    let mut app = cockpit(&path);
    show(&mut app, "2");
    rusqlite::Connection::open(&path)
        .expect("raw")
        .execute(
            "UPDATE partners SET name = 'Litware Renamed' WHERE name = 'Litware'",
            [],
        )
        .expect("raw edit");
    let shown = show(&mut app, "1");
    assert!(app.model.today_loaded());
    assert!(
        app.model.rows.iter().any(|r| r.name == "Litware Renamed"),
        "the book was read again"
    );
    assert!(
        !shown.contains("Litware ·"),
        "no line under the old name:\n{shown}"
    );
}

/// Score the book once so its cache is current.
fn cockpit_after_scoring(path: &std::path::Path) -> Front {
    let mut store = Store::open(path).expect("open");
    front(&mut store, today(), &ProgramConfig::default()).expect("scored")
}

/// Press `keys`, then the frame as text.
fn show(app: &mut App, keys: &str) -> String {
    common::keys(app, keys);
    common::screen(app)
}

#[test]
fn a_book_that_cannot_be_written_comes_whole_in_the_front() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open_read_only(&path).expect("read-only");
    let want = computed(&mut store);
    let got = front(&mut store, today(), &cfg).expect("front");
    assert!(!got.cached);
    assert_eq!(got.rows, want.rows);
    assert_eq!(
        got.today.as_ref().map(decoded),
        want.today.as_ref().map(decoded),
        "Today's lines in hand: no cache to read"
    );
    assert_eq!(got.tiers, want.tiers, "tier statuses in hand");
}

#[test]
fn a_damaged_or_missing_list_row_is_scored_again_not_trusted() {
    let (_d, path) = stored();
    let cfg = ProgramConfig::default();
    let mut store = Store::open(&path).expect("open");
    let want = front(&mut store, today(), &cfg).expect("scored");
    let raw = rusqlite::Connection::open(&path).expect("raw");
    // No trigger watches the cache itself: these edits leave the key current.
    raw.execute(
        "UPDATE list_rows SET row = x'ff' WHERE partner_id = (SELECT min(partner_id) FROM list_rows)",
        [],
    )
    .expect("damage");
    let again = front(&mut store, today(), &cfg).expect("again");
    assert!(!again.cached, "a row that does not decode is not read");
    assert_eq!(again.rows, computed(&mut store).rows);
    raw.execute(
        "DELETE FROM list_rows WHERE partner_id = (SELECT max(partner_id) FROM list_rows)",
        [],
    )
    .expect("drop a row");
    let third = front(&mut store, today(), &cfg).expect("third");
    assert!(
        !third.cached,
        "a partner without a row: the rows are not all there"
    );
    assert_eq!(third.rows, want.rows);
}

#[test]
fn a_tab_left_behind_shows_an_edit_made_elsewhere_in_the_cockpit_when_shown_again() {
    let (_d, path) = stored();
    drop(cockpit_after_scoring(&path));
    let mut app = cockpit(&path);
    let litware = |text: &str| {
        text.lines()
            .find(|l| l.contains("Litware"))
            .unwrap_or_default()
            .to_string()
    };
    let before = litware(&show(&mut app, "2"));
    assert!(!before.contains(" 0d "), "not touched today yet: {before}");
    // Partners is left behind while Today takes the touch.
    show(&mut app, "1/Litware<Enter>tQ1 plans<Enter>");
    let after = litware(&show(&mut app, "2"));
    assert!(after.contains(" 0d "), "rebuilt when shown again: {after}");
}
