//! Forms, as a partner manager uses them: a new partner checked as it is
//! typed, an edit, archiving, a touch on any day, and a form that survives
//! a killed terminal as a draft.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::book::{ActivityKind, Book, Partner, PartnerType};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;
use partnerdeck::store::Store;
use partnerdeck::ui::app::App;
use partnerdeck::ui::model::Model;
use partnerdeck::ui::theme::Theme;
use ratatui::layout::Rect;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

fn open(path: &std::path::Path) -> App {
    open_on(path, today())
}

fn open_on(path: &std::path::Path, today: chrono::NaiveDate) -> App {
    let mut store = Store::open(path).expect("open");
    let cfg = ProgramConfig::default();
    let analysed = store.analyse(today, &cfg).expect("analyse");
    let model = Model::new(analysed, cfg, today, "book".into());
    App::new(model, Some(store), Theme::mono(), Rect::new(0, 0, 120, 40))
}

fn on_file() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    let app = open(&path);
    (dir, path, app)
}

fn book(path: &std::path::Path) -> Book {
    Store::open(path).and_then(|s| s.load()).expect("load")
}

fn partner(path: &std::path::Path, name: &str) -> Option<Partner> {
    book(path).find(name).map(|f| f.partner.clone())
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

#[test]
fn a_new_partner_is_checked_as_typed_saved_and_undoable() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2nlitware");
    let text = common::screen(&app);
    assert!(text.contains("New partner"), "{text}");
    assert!(
        text.contains("another partner is already named 'Litware'"),
        "{text}"
    );
    // Enter refuses and keeps everything typed.
    common::keys(&mut app, "<Enter>");
    assert_eq!(app.modal_count(), 1);
    assert!(status(&app).starts_with("not saved"), "{}", status(&app));

    for _ in 0.."litware".len() {
        common::keys(&mut app, "<BS>");
    }
    // Name, then the type by its first letter, then the owner completed.
    common::keys(&mut app, "Zebra Imports<Tab>r<Tab><Tab>Da");
    let text = common::screen(&app);
    assert!(text.contains("Dana  → takes it"), "{text}");
    common::keys(&mut app, "<Right><Enter>");
    assert_eq!(app.modal_count(), 0, "{}", status(&app));
    assert_eq!(status(&app), "Zebra Imports added · u undoes");
    let zebra = partner(&path, "Zebra Imports").expect("in the book");
    assert_eq!(zebra.kind, Some(PartnerType::Referral));
    assert_eq!(zebra.owner, "Dana");
    assert!(common::screen(&app).contains("Zebra Imports"));

    common::keys(&mut app, "u");
    assert_eq!(
        status(&app),
        "undone: Zebra Imports removed · Ctrl-r redoes"
    );
    assert!(partner(&path, "Zebra Imports").is_none());
    common::keys(&mut app, "<C-r>");
    assert!(partner(&path, "Zebra Imports").is_some());
}

/// Names are one name when only case, accents or spacing differ: the key
/// the CSV import matches rows to partners by.
#[test]
fn a_name_only_spacing_or_accents_away_from_another_is_refused() {
    let (_d, path, mut app) = on_file();
    for (near, taken) in [
        ("Lïtware", "Litware"),
        (" LITWARE", "Litware"),
        // The message is cut at the popup's edge.
        ("Northwind  Traders", "N"),
        ("Nörthwind  traders", "N"),
    ] {
        common::keys(&mut app, "2n");
        common::keys(&mut app, near);
        let text = common::screen(&app);
        assert!(
            text.contains(&format!("another partner is already named '{taken}")),
            "{near}: {text}"
        );
        common::keys(&mut app, "<Enter>");
        assert_eq!(app.modal_count(), 1, "{near} was saved");
        common::keys(&mut app, "<Esc>y");
        assert_eq!(app.modal_count(), 0);
    }
    assert_eq!(book(&path).partners.len(), 3);
}

#[test]
fn editing_a_partner_says_what_changed() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>e<Tab><Tab><Tab>");
    for _ in 0.."Dana".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "Sam<Enter>");
    assert_eq!(status(&app), "Litware: owner Dana → Sam · u undoes");
    assert_eq!(partner(&path, "Litware").expect("litware").owner, "Sam");
    common::keys(&mut app, "u");
    assert_eq!(partner(&path, "Litware").expect("litware").owner, "Dana");
}

#[test]
fn the_segment_is_set_in_the_partner_form_and_shows_with_its_approach() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>e");
    assert!(common::screen(&app).contains("◂ derived ▸"));
    common::keys(&mut app, "<Tab><Tab><Tab><Tab><Tab><Tab><Tab>r<Enter>");
    assert_eq!(status(&app), "Litware: segment derived → rescue · u undoes");
    assert_eq!(
        partner(&path, "Litware").expect("litware").segment_override,
        Some(partnerdeck::domain::book::Segment::AtRisk)
    );
    common::keys(&mut app, "<Enter>");
    let text = common::screen(&app);
    assert!(
        text.contains("segment rescue, set (intervention plan)"),
        "{text}"
    );
    common::keys(&mut app, "u");
    assert_eq!(
        partner(&path, "Litware").expect("litware").segment_override,
        None
    );
}

#[test]
fn archiving_asks_first_and_the_archived_facet_brings_it_back() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>A");
    assert!(common::screen(&app).contains("Archive Litware?"));
    common::keys(&mut app, "y");
    assert!(partner(&path, "Litware").expect("kept").archived);
    common::keys(&mut app, "<Esc>");
    let text = common::screen(&app);
    assert!(!text.contains("Litware"), "{text}");
    assert!(text.contains("+1 archived"), "{text}");
    // The archived facet shows it again; A brings it back.
    common::keys(&mut app, "f<Down><Down><Down><Down>l<Esc>/Litware<Enter>");
    assert!(common::screen(&app).contains("Litware"));
    common::keys(&mut app, "Ay");
    assert!(!partner(&path, "Litware").expect("kept").archived);
}

#[test]
fn a_touch_can_be_any_kind_on_any_day() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>tSent the deck<Tab>e<Tab>");
    for _ in 0.."today".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "yesterday");
    assert!(common::screen(&app).contains("→ Tue 24 Nov 2026"));
    common::keys(&mut app, "<Enter>");
    let litware = book(&path);
    let a = &litware.find("Litware").expect("litware").activities;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].kind, ActivityKind::Email);
    assert_eq!(a[0].date, date(2026, 11, 24));
    assert_eq!(a[0].summary, "Sent the deck");
}

/// What `$EDITOR` gives back is checked like typed text: a control or bidi
/// character is a problem beside the field and nothing is saved (the
/// book's own export would not import again otherwise).
#[test]
fn notes_from_the_editor_with_control_characters_are_not_saved() {
    let (_d, path, mut app) = on_file();
    let before = book(&path);
    for hostile in ["red \u{1b}[31m", "bell \u{7}", "flip \u{202e}", "nul \u{0}"] {
        common::keys(&mut app, "2/Litware<Enter>e");
        for _ in 0..9 {
            common::keys(&mut app, "<Tab>");
        }
        app.edited_text(Ok(format!("fine line\n{hostile}")));
        common::keys(&mut app, "<C-s>");
        assert_eq!(app.modal_count(), 1, "{hostile:?} was saved");
        assert!(status(&app).starts_with("not saved"), "{}", status(&app));
        assert!(
            common::screen(&app).contains("has a control character"),
            "{}",
            common::screen(&app)
        );
        common::keys(&mut app, "<Esc>y<Esc>");
        assert_eq!(app.modal_count(), 0);
    }
    // Lines and tabs are notes as usual.
    common::keys(&mut app, "2/Litware<Enter>e");
    for _ in 0..9 {
        common::keys(&mut app, "<Tab>");
    }
    app.edited_text(Ok("two\nlines\twith a tab".into()));
    common::keys(&mut app, "<C-s>");
    assert_eq!(app.modal_count(), 0, "{}", status(&app));
    assert_eq!(
        partner(&path, "Litware").expect("litware").notes,
        "two\nlines\twith a tab"
    );
    assert_eq!(book(&path).partners.len(), before.partners.len());
}

#[test]
fn a_bad_date_is_explained_beside_the_field_and_nothing_is_saved() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>tx<Tab><Tab>");
    for _ in 0.."today".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "31/02/2026<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("is not a date"), "{text}");
    assert_eq!(app.modal_count(), 1);
    assert!(
        book(&path)
            .find("Litware")
            .expect("l")
            .activities
            .is_empty()
    );
}

#[test]
fn a_form_left_open_when_the_terminal_died_is_offered_back() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2nHalf-typed Partner<Tab><Tab><Tab>Priya");
    // The terminal dies: nothing is saved, the app is gone.
    drop(app);
    assert!(partner(&path, "Half-typed Partner").is_none());

    let mut app = open(&path);
    let text = common::screen(&app);
    assert!(text.contains("Resume \"New partner\"?"), "{text}");
    common::keys(&mut app, "y");
    let text = common::screen(&app);
    assert!(text.contains("Half-typed Partner"), "{text}");
    assert!(text.contains("Priya"), "{text}");
    common::keys(&mut app, "<Enter>");
    assert_eq!(
        partner(&path, "Half-typed Partner").expect("saved").owner,
        "Priya"
    );
    // Saved: the draft is gone.
    assert_eq!(open(&path).modal_count(), 0);
}

#[test]
fn a_draft_turned_down_is_forgotten() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2nNever mind");
    drop(app);
    let mut app = open(&path);
    common::keys(&mut app, "n");
    assert_eq!(app.modal_count(), 0);
    assert_eq!(open(&path).modal_count(), 0);
}

/// Another book in the same file, as `import --replace` leaves it: the
/// same ids now name other partners.
fn replace_with_another_book(path: &std::path::Path) {
    let mut other = Book {
        partners: ["Brightpath Apps", "Acorn AI", "Quartz AI"]
            .into_iter()
            .map(partnerdeck::domain::testing::partner_file)
            .collect(),
        ..Default::default()
    };
    common::number(&mut other);
    Store::open(path)
        .and_then(|mut s| s.replace_book(&other))
        .expect("replaced");
}

#[test]
fn a_partner_draft_is_not_resumed_onto_the_partner_that_took_its_id() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>e");
    for _ in 0.."Litware".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "Litware Two");
    drop(app);
    let before = book(&path);
    let litware_id = before.find("Litware").expect("litware").partner.id;
    replace_with_another_book(&path);
    let replaced = book(&path);
    let heir = replaced
        .partners
        .iter()
        .find(|f| f.partner.id == litware_id)
        .expect("the id is taken")
        .partner
        .name
        .clone();

    let mut app = open(&path);
    assert!(common::screen(&app).contains("Resume \"Edit Litware\"?"));
    common::keys(&mut app, "y");
    assert_eq!(app.modal_count(), 0, "{}", common::screen(&app));
    let said = status(&app);
    assert!(said.contains("\"Edit Litware\" was not resumed"), "{said}");
    assert!(said.contains(&format!("{heir} in its place")), "{said}");
    // Nothing renamed, nothing overwritten; the draft is gone.
    assert_eq!(book(&path), replaced);
    assert_eq!(open(&path).modal_count(), 0);
}

#[test]
fn a_touch_draft_is_not_logged_on_another_partner() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>tSent the deck");
    drop(app);
    replace_with_another_book(&path);
    let replaced = book(&path);
    let mut app = open(&path);
    common::keys(&mut app, "y");
    assert_eq!(app.modal_count(), 0, "{}", common::screen(&app));
    assert!(status(&app).contains("was not resumed"), "{}", status(&app));
    assert_eq!(book(&path), replaced);
}

#[test]
fn a_resumed_draft_keeps_the_day_its_date_meant_when_typed() {
    let (_d, path, app) = on_file();
    drop(app);
    let mut app = open_on(&path, date(2026, 11, 23));
    common::keys(&mut app, "2/Litware<Enter>tSent the deck<Tab>e<Tab>");
    for _ in 0.."today".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "yesterday");
    drop(app);
    // Two days later, the draft is resumed and saved.
    let mut app = open_on(&path, date(2026, 11, 25));
    common::keys(&mut app, "y<Enter>");
    assert_eq!(app.modal_count(), 0, "{}", status(&app));
    let a = &book(&path)
        .find("Litware")
        .expect("litware")
        .activities
        .clone();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].date, date(2026, 11, 22));
}

/// Open Litware's detail (it has no records in the small book).
fn litware_detail() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let (d, path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter><Enter>");
    assert!(app.detail_open());
    (d, path, app)
}

fn file(path: &std::path::Path) -> partnerdeck::domain::book::PartnerFile {
    book(path).find("Litware").expect("litware").clone()
}

#[test]
fn a_deal_is_added_then_won_and_the_stage_dates_are_stamped() {
    let (_d, path, mut app) = litware_detail();
    // a: activity, contact, deal, …
    common::keys(
        &mut app,
        "a<Down><Down><Enter>Big one<Tab>$62,000<Tab>-10d<Enter>",
    );
    assert_eq!(
        status(&app),
        "deal Big one (registered) of Litware added · u undoes"
    );
    let deal = file(&path).deals[0].clone();
    assert_eq!(deal.value, Some(62_000));
    assert_eq!(deal.registered, date(2026, 11, 15));
    assert_eq!(deal.stage_changed, date(2026, 11, 15));
    assert_eq!(deal.closed, None);
    // E: the deal; its stage to won.
    common::keys(&mut app, "E<Enter><Tab><Tab><Tab>w<Enter>");
    let deal = file(&path).deals[0].clone();
    assert_eq!(deal.stage, partnerdeck::domain::book::DealStage::Won);
    assert_eq!(deal.stage_changed, today());
    assert_eq!(deal.closed, Some(today()));
    assert!(common::screen(&app).contains("Big one"));
}

#[test]
fn a_certification_expires_a_year_after_it_was_passed_unless_told() {
    let (_d, path, mut app) = litware_detail();
    common::keys(
        &mut app,
        "a<Down><Down><Down><Down><Enter>Ana Ruiz<Tab>Sales Pro<Tab>",
    );
    for _ in 0.."today".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "2026-03-01<Enter>");
    let c = file(&path).certifications[0].clone();
    assert_eq!(c.passed, date(2026, 3, 1));
    assert_eq!(c.expires, date(2027, 3, 1));
}

#[test]
fn an_nps_score_out_of_range_is_refused_beside_the_field() {
    let (_d, path, mut app) = litware_detail();
    common::keys(&mut app, "a<Down><Down><Down><Down><Down><Enter>140<Enter>");
    assert!(common::screen(&app).contains("140 is outside -100..100"));
    assert!(file(&path).nps.is_empty());
    common::keys(&mut app, "<BS><BS><BS>45<Enter>");
    assert_eq!(file(&path).nps[0].score, 45);
}

#[test]
fn a_revenue_month_takes_amounts_as_typed() {
    let (_d, path, mut app) = litware_detail();
    common::keys(
        &mut app,
        "a<Down><Down><Down><Down><Down><Down><Enter><Tab>USD 1,250.50<Tab>2k<Enter>",
    );
    let r = file(&path).revenue[0].clone();
    assert_eq!(r.month.to_string(), "2026-11");
    assert_eq!((r.sourced, r.influenced), (1_251, 2_000));
}

#[test]
fn deleting_a_record_asks_first_and_undo_brings_it_back() {
    let (_d, path, mut app) = litware_detail();
    common::keys(&mut app, "a<Down><Enter>Ana Ruiz<Enter>");
    assert_eq!(file(&path).contacts.len(), 1);
    common::keys(&mut app, "D<Enter>");
    assert!(common::screen(&app).contains("Delete contact Ana Ruiz (partner_manager) of Litware?"));
    common::keys(&mut app, "y");
    assert!(file(&path).contacts.is_empty());
    common::keys(&mut app, "u");
    assert_eq!(file(&path).contacts[0].name, "Ana Ruiz");
}

#[test]
fn a_double_click_opens_the_row() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let (_d, _p, mut app) = on_file();
    common::keys(&mut app, "2");
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 6,
        modifiers: crossterm::event::KeyModifiers::NONE,
    };
    app.on_mouse(click);
    assert!(!app.detail_open(), "one click selects");
    app.on_mouse(click);
    assert!(app.detail_open(), "a double click opens");
}

#[test]
fn a_joint_webinar_is_set_up_from_the_campaigns_list_with_its_template_tasks() {
    let (_d, path, mut app) = on_file();
    // The selected campaign's partner is filled in; W0 defaults to the
    // first weekday 6 weeks out, and leads to the playbook's lead share.
    common::keys(&mut app, "5n<Tab><Tab>Q1 webinar");
    let text = common::screen(&app);
    assert!(text.contains("New campaign"), "{text}");
    assert!(text.contains("→ Wed 06 Jan 2027"), "{text}");
    assert!(text.contains("◂ Lead share ▸"), "{text}");
    common::keys(&mut app, "<Enter>");
    assert_eq!(app.modal_count(), 0, "{}", status(&app));
    let book = book(&path);
    let c = book
        .partners
        .iter()
        .flat_map(|f| &f.campaigns)
        .find(|c| c.name == "Q1 webinar")
        .expect("campaign in the book");
    assert_eq!(c.launch, date(2027, 1, 6));
    assert_eq!(c.lead_model, "Lead share");
    let cfg = ProgramConfig::default();
    assert_eq!(
        c.tasks.len(),
        cfg.campaigns.webinar_tasks.len(),
        "the webinar timeline (W-6 … W+2)"
    );
    assert!(common::screen(&app).contains("Q1 webinar"));
    common::keys(&mut app, "u");
    assert!(
        book_has_no_campaign(&path, "Q1 webinar"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_launch_under_six_weeks_out_warns_but_saves() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "5n<Tab><Tab>Rushed webinar<Tab>");
    for _ in 0.."2027-01-06".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "+3w");
    let text = common::screen(&app);
    assert!(
        text.contains("last-minute: 3w to plan, under 6 weeks"),
        "{text}"
    );
    common::keys(&mut app, "<Enter>");
    assert_eq!(
        app.modal_count(),
        0,
        "a warning does not block: {}",
        status(&app)
    );
    assert!(!book_has_no_campaign(&path, "Rushed webinar"));
}

fn book_has_no_campaign(path: &std::path::Path, name: &str) -> bool {
    book(path)
        .partners
        .iter()
        .flat_map(|f| &f.campaigns)
        .all(|c| c.name != name)
}

#[test]
fn a_task_is_added_and_edited_on_the_timeline() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "5<Enter>aBook the venue<Tab><Tab>");
    for _ in 0..2 {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "-2<Enter>");
    let tasks = || {
        book(&path).partners[0].campaigns[0]
            .tasks
            .iter()
            .map(|t| (t.title.clone(), t.week, t.due))
            .collect::<Vec<_>>()
    };
    let launch = book(&path).partners[0].campaigns[0].launch;
    assert!(
        tasks().contains(&("Book the venue".into(), -2, launch - chrono::Days::new(14))),
        "{:?}",
        tasks()
    );
    // Enter edits the selected task (the first: W-6).
    common::keys(&mut app, "<Enter>");
    for _ in 0.."Align on campaign concept, topic and audience".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "Agree the concept<Enter>");
    assert!(
        tasks()
            .iter()
            .any(|(t, w, _)| t == "Agree the concept" && *w == -6),
        "{:?}",
        tasks()
    );
    assert!(
        status(&app).starts_with("task 'Agree the concept'"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_qbr_gets_notes_action_items_and_its_real_held_date_in_the_workspace() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "4<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("QBRs › "), "{text}");
    let qbr = |path: &std::path::Path| {
        book(path)
            .partners
            .iter()
            .flat_map(|f| f.qbrs.clone())
            .find(|q| q.status == partnerdeck::domain::book::QbrStatus::Planned)
            .expect("a planned QBR")
    };
    let id = qbr(&path).id;
    // e: the notes of every agenda section; Ctrl-s saves a multi-line field.
    common::keys(&mut app, "eWe agreed on Q1 targets<C-s>");
    assert!(status(&app).contains("notes of QBR"), "{}", status(&app));
    let q = qbr(&path);
    assert_eq!(q.agenda[0].notes, "We agreed on Q1 targets");
    // a: an action item, the partner's, due in a week.
    common::keys(&mut app, "aSend the pricing sheet<Tab>p<Tab>+7d<Enter>");
    let q = qbr(&path);
    let item = q.actions.last().expect("action item");
    assert_eq!(item.text, "Send the pricing sheet");
    assert_eq!(item.owner, partnerdeck::domain::book::Side::Partner);
    assert_eq!(item.due, Some(date(2026, 12, 2)));
    // r: held, on the day it really happened.
    common::keys(&mut app, "r");
    for _ in 0.."2026-11-26".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "yesterday<Tab>h<Enter>");
    let held = book(&path)
        .partners
        .iter()
        .flat_map(|f| f.qbrs.clone())
        .find(|q| q.id == id)
        .expect("the QBR");
    assert_eq!(held.status, partnerdeck::domain::book::QbrStatus::Held);
    assert_eq!(held.date, date(2026, 11, 24));
    common::keys(&mut app, "u");
    assert_eq!(qbr(&path).id, id, "undo plans it again");
}

#[test]
fn a_campaigns_results_are_entered_on_its_timeline() {
    let (_d, path, mut app) = on_file();
    common::keys(&mut app, "5<Enter>R<Tab>");
    // Tab selects the attendees' value: typing replaces it.
    common::keys(&mut app, "500<Enter>");
    assert!(
        common::screen(&app).contains("more attendees than registrants"),
        "{}",
        common::screen(&app)
    );
    common::keys(&mut app, "<BS><BS><BS>46<Enter>");
    let results = book(&path).partners[0].campaigns[0].results.clone();
    assert_eq!((results.registrants, results.attendees), (120, 46));
    common::keys(&mut app, "u");
    assert_eq!(book(&path).partners[0].campaigns[0].results.attendees, 0);
}

#[test]
fn t_logs_a_touch_from_every_screen() {
    let (_d, _p, mut app) = on_file();
    // Today, Partners, Tiers, QBRs (list and workspace), Campaigns (list and timeline), a partner.
    for keys in [
        "1t",
        "2t",
        "3t",
        "4t",
        "4<Enter>t",
        "5t",
        "5<Enter>t",
        "2<Enter>t",
    ] {
        common::keys(&mut app, keys);
        let text = common::screen(&app);
        assert!(text.contains("Log a touch with"), "{keys}: {text}");
        common::keys(&mut app, "<Esc><Esc><Esc>");
        assert_eq!(app.modal_count(), 0, "{keys}");
    }
}

#[test]
fn a_touch_can_name_the_contact_it_was_with() {
    let (_d, path, mut app) = on_file();
    // Northwind has Ana Ruiz and Bo Chen; "With" is the fourth field.
    common::keys(
        &mut app,
        "2/Northwind<Enter>tQuarterly check-in<Tab><Tab><Tab>a<Enter>",
    );
    let file = book(&path)
        .find("Northwind Traders")
        .expect("northwind")
        .clone();
    let ana = file
        .contacts
        .iter()
        .find(|c| c.name == "Ana Ruiz")
        .expect("Ana")
        .id;
    let touch = file
        .activities
        .iter()
        .find(|a| a.summary == "Quarterly check-in")
        .expect("logged");
    assert_eq!(touch.contact, Some(ana));
    // The JSON book carries it, and says nothing for a touch with no one.
    let json = partnerdeck::store::transfer::to_json(&book(&path)).expect("json");
    assert!(json.contains(&format!("\"contact\": {ana}")), "{json}");
}

#[test]
fn the_footer_says_enter_is_a_new_line_in_a_notes_field() {
    let (_d, _path, mut app) = on_file();
    common::keys(&mut app, "2/Litware<Enter>e");
    let footer = |app: &App| {
        let screen = common::screen(app);
        screen
            .lines()
            .rev()
            .find(|l| l.contains("save"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(footer(&app).contains("Enter/^s save"), "{}", footer(&app));
    // The ninth Tab reaches the notes, where Enter types a new line.
    for _ in 0..9 {
        common::keys(&mut app, "<Tab>");
    }
    let notes = footer(&app);
    assert!(notes.contains("^s save"), "{notes}");
    assert!(notes.contains("Enter new line"), "{notes}");
    assert!(!notes.contains("Enter/^s"), "{notes}");
}
