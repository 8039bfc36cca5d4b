//! An edit moves only the edited partner in what the screens keep (the
//! Partners orders and filters, Today's sections, the KPIs): after a run
//! of edits, every list must be the one a cockpit opened afresh on the
//! same book shows.

mod common;

use chrono::NaiveDate;
use partnerdeck::analyse::front;
use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::today::SectionKind;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::screens::partners::PartnersState;
use partnerdeck::ui::tab::Tab;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn book(partners: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let cfg = ProgramConfig::default();
    let book = generate(&DemoOptions { partners, seed: 11 }, today(), &cfg);
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write book");
    (dir, path)
}

fn open(path: &std::path::Path) -> App {
    let mut store = Store::open(path).expect("open");
    let cfg = ProgramConfig::default();
    let front = front(&mut store, today(), &cfg).expect("front");
    let model = Model::from_front(front, cfg, today(), "book".into());
    App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 120, 40))
}

/// Today as a reader sees it: each section's lines, partner and title.
fn today_lines(app: &App) -> Vec<(SectionKind, String, String)> {
    let model = app.ctx().model;
    (0..model.triage.len())
        .flat_map(|s| {
            let kind = model.triage[s].kind;
            model
                .triage_items(s)
                .map(move |i| (kind, i.partner.clone(), i.title.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The partners Partners lists, by id, in order.
fn partners_listed(app: &App) -> Vec<i64> {
    let model = app.ctx().model;
    let state = app
        .screen_of::<PartnersState>(Tab::Partners)
        .expect("partners");
    state.visible.iter().map(|&i| model.rows[i].id).collect()
}

/// Today shown, then Partners sorted by every column in turn back to
/// health (each order kept), and filtered by `filter`.
const LISTS: &str = "12ssssssssssss";

/// Today's lines, and Partners filtered by `filter` by health and by
/// last touch.
type Lists = (Vec<(SectionKind, String, String)>, Vec<i64>, Vec<i64>);

fn lists_of(app: &mut App, filter: &str) -> Lists {
    common::keys(app, &format!("1{LISTS}/{filter}<Enter>"));
    let kpis = app.ctx().model.kpis.clone();
    let listed = partners_listed(app);
    common::keys(app, "sss");
    let by_touch = partners_listed(app);
    common::keys(app, "1");
    let lines = today_lines(app);
    common::keys(app, "2");
    assert_eq!(kpis, app.ctx().model.kpis);
    (lines, listed, by_touch)
}

#[test]
fn edits_move_only_their_partner_and_every_list_agrees_with_a_fresh_read() {
    let (_dir, path) = book(300);
    let mut app = open(&path);
    // Tiers, QBRs and Campaigns read, so the edits move them too.
    common::keys(&mut app, &format!("345<Esc>1{LISTS}/a<Enter>"));
    // The partner heading Focus, so its place there must be filled by
    // the next in line.
    let focus = app
        .ctx()
        .model
        .triage_items(0)
        .next()
        .map(|i| i.partner.clone());
    let first = focus.expect("a Focus line");
    // Sorted by last touch, which a touch logged moves.
    common::keys(&mut app, "<Esc>sss");
    // Touches logged on partners across the list, one undone, and the
    // first in Focus touched, then archived.
    for step in 0..4 {
        common::keys(&mut app, &"j".repeat(step * 7));
        common::keys(&mut app, &format!("tcheck-in {step}<Enter>"));
        // The rows shown move at once, as a fresh cockpit lists them.
        let mut fresh = open(&path);
        common::keys(&mut fresh, "2sss");
        assert_eq!(partners_listed(&app), partners_listed(&fresh), "{step}");
    }
    // Back to health, the first column.
    common::keys(&mut app, &"s".repeat(9));
    common::keys(&mut app, "u");
    common::keys(&mut app, &format!("/{first}<Enter>tfocus<Enter>Ay"));
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("archived"), "{status}");
    common::keys(&mut app, "<Esc>");

    let kpis = app.ctx().model.kpis.clone();
    let edited = lists_of(&mut app, "a");
    let mut fresh = open(&path);
    common::keys(&mut fresh, "345<Esc>");
    let read = lists_of(&mut fresh, "a");
    assert_eq!(kpis, fresh.ctx().model.kpis);
    let (was, now) = (app.ctx().model, fresh.ctx().model);
    assert!(was.campaigns_loaded && was.qbr_lines_loaded);
    assert!(!was.campaigns.iter().any(|c| c.partner == first));
    assert_eq!(was.campaigns, now.campaigns, "Campaigns");
    assert_eq!(was.qbr_lines, now.qbr_lines, "QBRs");
    assert_eq!(edited.1.len(), read.1.len());
    assert_eq!(edited.1, read.1, "Partners, sorted by health, filtered");
    assert_eq!(edited.2, read.2, "Partners, sorted by last touch, filtered");
    assert_eq!(edited.0, read.0, "Today");
    assert!(!edited.0.iter().any(|(_, p, _)| *p == first));
}

#[test]
fn a_filter_finds_a_partner_by_what_an_edit_changed() {
    let (_dir, path) = book(60);
    let mut app = open(&path);
    // Filter for a region no partner has yet, then clear the filter (its
    // matches are kept for when it is typed again).
    common::keys(&mut app, "2/zzqq<Enter>");
    assert!(partners_listed(&app).is_empty());
    common::keys(&mut app, "<Esc>");
    let id = partners_listed(&app)[0];
    // The first partner's region, set through its form.
    common::keys(
        &mut app,
        &format!("e<Tab><Tab><Tab><Tab>{}", "<BS>".repeat(40)),
    );
    common::keys(&mut app, "Zzqq Islands<Enter>");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("region"), "{status}");
    common::keys(&mut app, "/zzqq<Enter>");
    assert_eq!(partners_listed(&app), [id]);
    // As a cockpit reading the book afresh finds it.
    let mut fresh = open(&path);
    common::keys(&mut fresh, "2/zzqq<Enter>");
    assert_eq!(partners_listed(&fresh), [id]);
}
