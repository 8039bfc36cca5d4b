//! The cockpit driven by keys, as a user would: filter, sort, open, log a touch.

mod common;

use partnerdeck::domain::testing::date;
use partnerdeck::domain::today::SectionKind as K;
use partnerdeck::ui::tab::Tab;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

#[test]
fn it_opens_on_today_with_every_section() {
    let app = common::app(&common::small_book(), today(), 100, 40);
    let text = common::screen(&app);
    assert_eq!(app.tab(), Tab::Today);
    assert!(text.contains("Overdue or due today ("), "{text}");
    let action = text
        .lines()
        .find(|l| l.contains("Send demo"))
        .expect("the action item is listed");
    assert!(
        action.contains("… · Northwind Traders "),
        "the partner stays whole when the title is cut: {action}"
    );
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("t log a touch")),
        "{text}"
    );
}

#[test]
fn digits_and_tab_switch_screens() {
    let mut app = common::app(&common::small_book(), today(), 100, 30);
    common::keys(&mut app, "2");
    assert_eq!(app.tab(), Tab::Partners);
    common::keys(&mut app, "<Tab>");
    assert_eq!(app.tab(), Tab::Tiers);
    assert!(common::screen(&app).contains("upgrade eligible ·"));
    common::keys(&mut app, "<BackTab><BackTab>");
    assert_eq!(app.tab(), Tab::Today);
}

#[test]
fn typing_a_filter_narrows_the_partner_table() {
    let mut app = common::app(&common::small_book(), today(), 100, 30);
    common::keys(&mut app, "2/lit");
    let text = common::screen(&app);
    assert!(text.contains("Litware"), "{text}");
    assert!(!text.contains("Northwind Traders"), "{text}");
    assert!(text.contains("1 signed of 3"), "{text}");
    assert!(text.contains("filter: lit▏"), "{text}");
    common::keys(&mut app, "<Enter><Esc>");
    assert!(common::screen(&app).contains("Northwind Traders"));
}

#[test]
fn a_new_sort_starts_at_its_top_in_either_direction() {
    let mut app = common::app(&common::small_book(), today(), 100, 30);
    common::keys(&mut app, "2G");
    common::keys(&mut app, "ssss");
    assert!(common::screen(&app).contains("sort: name, A to Z"));
    assert_eq!(common::partners(&app).cursor.selected, 0);
    let first = common::partners(&app).selected_id(&app.model);
    common::keys(&mut app, "S");
    assert!(common::screen(&app).contains("sort: name, A to Z, reversed"));
    assert_eq!(common::partners(&app).cursor.selected, 0);
    assert_ne!(common::partners(&app).selected_id(&app.model), first);
}

#[test]
fn enter_on_a_today_line_opens_its_partner_and_esc_comes_back() {
    let mut app = common::app(&common::small_book(), today(), 120, 40);
    common::keys(&mut app, "/Litware<Enter><Enter>");
    let text = common::screen(&app);
    assert!(text.contains("Today › Litware"), "{text}");
    assert!(text.contains("Revenue"), "{text}");
    common::keys(&mut app, "<Esc>");
    assert!(!app.detail_open());
    assert_eq!(app.tab(), Tab::Today);
}

#[test]
fn logging_a_touch_takes_the_partner_off_the_overdue_list_at_once() {
    let mut app = common::app(&common::small_book(), today(), 120, 40);
    let overdue = |app: &partnerdeck::ui::app::App| {
        app.model
            .triage
            .iter()
            .position(|s| s.kind == partnerdeck::domain::today::SectionKind::TouchOverdue)
            .map(|s| {
                app.model
                    .triage_items(s)
                    .map(|i| i.partner.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert!(overdue(&app).contains(&"Litware".to_string()));
    common::keys(&mut app, "/Litware<Enter>");
    // The first Litware line is in "Touch overdue"; t opens the touch form.
    common::keys(&mut app, "tCalled about Q1 plans<Enter>");
    assert!(!overdue(&app).contains(&"Litware".to_string()));
    assert!(
        common::screen(&app).contains("call of Wed 25 Nov 2026 with Litware logged · u undoes")
    );
    let id = app.model.find("Litware").expect("litware").id;
    let litware = app.model.file(id).expect("file loaded by the edit");
    assert_eq!(
        litware.activities.last().map(|a| a.summary.as_str()),
        Some("Called about Q1 plans")
    );
    // Undo removes it again.
    common::keys(&mut app, "u");
    assert!(overdue(&app).contains(&"Litware".to_string()));
}

#[test]
fn x_marks_an_overdue_task_done_and_u_reopens_it() {
    let mut app = common::app(&common::small_book(), today(), 120, 40);
    common::keys(&mut app, "/credentials<Enter>");
    assert!(common::screen(&app).contains("Send demo environment credentials"));
    common::keys(&mut app, "x");
    assert!(common::screen(&app).contains("marked done"));
    let done = |app: &partnerdeck::ui::app::App| {
        app.model
            .file(1)
            .expect("file loaded by the edit")
            .qbrs
            .iter()
            .flat_map(|q| &q.actions)
            .any(|a| a.text.starts_with("Send demo") && a.done.is_some())
    };
    assert!(done(&app));
    common::keys(&mut app, "u");
    assert!(!done(&app));
}

#[test]
fn question_mark_shows_help_generated_from_the_keymap() {
    let mut app = common::app(&common::small_book(), today(), 100, 40);
    common::keys(&mut app, "2?");
    let text = common::screen(&app);
    assert!(text.contains("Keys"), "{text}");
    assert!(text.contains("sort by next column"), "{text}");
    assert!(text.contains("reverse sort"), "{text}");
    common::keys(&mut app, "<Esc>");
    assert!(app.modal_count() == 0);
}

#[test]
fn q_quits() {
    let mut app = common::app(&common::small_book(), today(), 80, 24);
    common::keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn brackets_jump_between_today_sections_and_the_summary_counts_them() {
    let mut app = common::app(&common::small_book(), today(), 120, 40);
    let text = common::screen(&app);
    assert!(
        text.contains("18 overdue or due today  3 due soon  0 band drops  1 QBR soon")
            || text.contains("18 overdue or due today · 3 due soon · 0 band drops · 1 QBR soon"),
        "{text}"
    );
    let section = |app: &partnerdeck::ui::app::App| {
        let item = common::today_state(app)
            .selected(&app.model)
            .expect("an item is selected")
            .clone();
        (0..app.model.triage.len())
            .find(|&s| app.model.triage_items(s).any(|i| *i == item))
            .map(|s| app.model.triage[s].kind)
            .expect("item in a section")
    };
    // Focus comes first: the partners that need the manager most.
    assert_eq!(section(&app), K::Focus);
    common::keys(&mut app, "]");
    assert_eq!(section(&app), K::Overdue);
    common::keys(&mut app, "]");
    assert_eq!(section(&app), K::DueSoon);
    common::keys(&mut app, "]");
    assert_eq!(
        section(&app),
        K::QbrsSoon,
        "the empty band-drop section is skipped"
    );
    common::keys(&mut app, "[[");
    assert_eq!(section(&app), K::Overdue);
}

#[test]
fn enter_on_a_task_line_lands_on_its_section_of_the_partner() {
    let mut app = common::app(&common::small_book(), today(), 100, 16);
    common::keys(&mut app, "/Align on campaign<Enter><Enter>");
    let text = common::screen(&app);
    assert!(text.contains("Today › Northwind Traders"), "{text}");
    // The page is scrolled past the health breakdown to the campaigns.
    assert!(text.contains("Q4 webinar with Northwind"), "{text}");
    assert!(!text.contains("Strategic fit"), "{text}");
    common::keys(&mut app, "<Esc><Esc>/credentials<Enter><Enter>");
    let text = common::screen(&app);
    assert!(
        text.lines().skip(2).take(2).any(|l| l.contains("QBRs")),
        "QBRs at the top:\n{text}"
    );
}

#[test]
fn a_filter_updates_every_sections_count_and_says_when_a_section_has_none() {
    let mut app = common::app(&common::small_book(), today(), 160, 48);
    common::keys(&mut app, "/Litware<Enter>");
    let text = common::screen(&app);
    assert!(
        text.contains(
            "0 overdue or due today  0 due soon  0 band drops  0 QBRs soon  1 touch overdue"
        ),
        "{text}"
    );
    assert!(text.contains("Overdue or due today (0 of 18)"), "{text}");
    assert!(text.contains("Touches overdue (1 of 2)"), "{text}");
    assert!(text.contains("none match “Litware”"), "{text}");
    assert!(
        text.contains("Band drops (0) · in 30 days") && text.contains("nothing here"),
        "a section empty before the filter still says nothing here: {text}"
    );
}

#[test]
fn the_footer_at_80_columns_keeps_help_and_quit() {
    let app = common::app(&common::small_book(), today(), 80, 24);
    let footer = common::screen(&app)
        .lines()
        .last()
        .expect("footer")
        .to_string();
    assert!(
        footer.contains("? help") && footer.contains("q quit"),
        "{footer}"
    );
}

#[test]
fn an_empty_book_shows_the_first_run_hint_on_partners_and_no_average() {
    let empty = partnerdeck::domain::book::Book {
        partners: vec![],
        ..Default::default()
    };
    let mut app = common::app(&empty, today(), 100, 24);
    common::keys(&mut app, "2");
    let text = common::screen(&app);
    assert!(text.contains("Your book is empty."), "{text}");
    assert!(text.contains("partnerdeck --demo"), "{text}");
    assert!(text.contains("avg health —"), "{text}");
    assert!(!text.contains("avg health 0"), "{text}");
}

#[test]
fn a_new_sort_shows_the_top_of_the_new_order_and_says_what_it_means() {
    let mut app = common::app(&common::small_book(), today(), 160, 30);
    common::keys(&mut app, "2G");
    assert!(
        common::screen(&app).contains("sort: health, worst first"),
        "{}",
        common::screen(&app)
    );
    common::keys(&mut app, "s");
    let state = common::partners(&app);
    assert_eq!(state.cursor.selected, 0, "the first row of the new order");
    assert_eq!(state.cursor.offset, 0);
    assert!(common::screen(&app).contains("sort: 30d change, biggest fall first"));
    common::keys(&mut app, "GS");
    assert_eq!(common::partners(&app).cursor.selected, 0);
    assert!(common::screen(&app).contains("biggest fall first, reversed"));
}

#[test]
fn at_120_columns_a_tier_event_says_what_is_due_before_its_evidence() {
    let book = partnerdeck::demo::generate(
        &partnerdeck::demo::DemoOptions::default(),
        date(2026, 11, 23),
        &partnerdeck::domain::config::ProgramConfig::default(),
    );
    let mut app = common::app(&book, date(2026, 11, 23), 120, 40);
    common::keys(&mut app, "/downgrade<Enter>");
    let text = common::screen(&app);
    assert!(
        text.contains("Lumen Partners · downgrade due: Silver → Registered"),
        "{text}"
    );
}

/// With `undo = ["z"]` and `redo = ["ctrl-y"]` in the config, z undoes, and
/// the status lines and questions name z and Ctrl-y, not u and Ctrl-r.
#[test]
fn status_lines_name_the_keys_as_the_config_binds_them() {
    use partnerdeck::analyse::Analyse;
    let mut cfg = partnerdeck::domain::config::ProgramConfig::from_layers(Some((
        "c.toml",
        "[ui.keys]\nundo = [\"z\"]\nredo = [\"ctrl-y\"]\n",
    )))
    .expect("config");
    cfg.ui.mouse = true;
    let mut store = partnerdeck::store::Store::open_in_memory().expect("memory book");
    store.replace_book(&common::small_book()).expect("book");
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let model = partnerdeck::ui::model::Model::new(analysed, cfg, today(), "test".into());
    let mut app = partnerdeck::ui::app::App::new(
        model,
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    common::keys(&mut app, "2/Litware<Enter>e<Tab><Tab><Tab>");
    for _ in 0.."Dana".len() {
        common::keys(&mut app, "<BS>");
    }
    common::keys(&mut app, "Sam<Enter>");
    let status = app.status.clone().unwrap_or_default();
    assert_eq!(status, "Litware: owner Dana → Sam · z undoes");
    let owner = |app: &partnerdeck::ui::app::App| {
        app.model
            .rows
            .iter()
            .find(|r| r.name == "Litware")
            .map(|r| r.owner.clone())
            .expect("litware")
    };
    // `u` is nothing now; z undoes.
    common::keys(&mut app, "u");
    assert_eq!(owner(&app), "Sam");
    common::keys(&mut app, "z");
    assert_eq!(owner(&app), "Dana");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.ends_with("· ctrl-y redoes"), "{status}");
}
