//! Mine: with `me` set, Today and Partners show that manager's partners; `a`
//! shows everyone's and back.

mod common;

use partnerdeck::analyse::Analyse;
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::today;
use partnerdeck::ui::app::App;

/// The small book with Litware handed to Sam, opened as Sam (`me = "Sam"`).
fn app_as_sam(w: u16, h: u16) -> App {
    let mut book = common::small_book();
    for f in &mut book.partners {
        if f.partner.name == "Litware" {
            f.partner.owner = "Sam".into();
        }
    }
    let mut store = partnerdeck::store::Store::open_in_memory().expect("memory book");
    store.replace_book(&book).expect("write book");
    let cfg = ProgramConfig::from_layers(Some(("config.toml", "me = \"sam\"\n"))).expect("config");
    let analysed = store.analyse(today(), &cfg).expect("analyse");
    let model = partnerdeck::ui::model::Model::new(analysed, cfg, today(), "test".into());
    App::new(
        model,
        Some(store),
        partnerdeck::ui::theme::Theme::mono(),
        ratatui::layout::Rect::new(0, 0, w, h),
    )
}

#[test]
fn today_shows_only_my_partners_and_a_shows_everyone() {
    let mut app = app_as_sam(120, 40);
    let text = common::screen(&app);
    assert!(
        text.contains("Today · sam's partners (a: everyone's)"),
        "{text}"
    );
    assert!(text.contains("Litware"), "{text}");
    assert!(!text.contains("Northwind"), "{text}");
    assert!(text.contains("Overdue or due today (0)"), "{text}");
    assert!(text.contains("Touches overdue (1)"), "{text}");

    common::keys(&mut app, "a");
    let text = common::screen(&app);
    assert!(
        text.contains("Today · everyone's partners (a: yours)"),
        "{text}"
    );
    assert!(text.contains("Northwind"), "{text}");
    assert!(text.contains("showing every manager's partners"), "{text}");

    common::keys(&mut app, "a");
    assert!(!common::screen(&app).contains("Northwind"));
}

#[test]
fn partners_shows_only_my_partners() {
    let mut app = app_as_sam(120, 30);
    common::keys(&mut app, "2");
    let text = common::screen(&app);
    assert!(text.contains("Partners · sam's partners"), "{text}");
    assert!(text.contains("Litware"), "{text}");
    assert!(!text.contains("Northwind"), "{text}");
    common::keys(&mut app, "a");
    assert!(common::screen(&app).contains("Northwind"));
}

/// The names Partners lists, in order.
fn listed(app: &App) -> Vec<String> {
    common::partners(app)
        .visible
        .iter()
        .map(|&i| app.model.rows[i].name.clone())
        .collect()
}

/// Café Olé ☕ (Priya's, in APAC) beside the small book.
fn app_with_cafe() -> App {
    let mut book = common::small_book();
    let mut cafe = partnerdeck::domain::testing::partner_file("Café Olé ☕");
    cafe.partner.id = 99;
    cafe.partner.owner = "Priya".into();
    cafe.partner.region = "APAC".into();
    cafe.partner.kind = Some(partnerdeck::domain::book::PartnerType::Reseller);
    book.partners.push(cafe);
    common::app(&book, today(), 120, 30)
}

#[test]
fn slash_finds_a_partner_without_its_accents_case_or_width() {
    for typed in ["cafe", "CAFÉ", "ｃａｆｅ", "ole"] {
        let mut app = app_with_cafe();
        common::keys(&mut app, &format!("2/{typed}<Enter>"));
        let names = listed(&app);
        assert_eq!(names, ["Café Olé ☕"], "typed {typed}");
    }
}

#[test]
fn slash_also_matches_owner_type_tier_and_region_words() {
    for typed in ["priya", "reseller", "apac", "registered priya"] {
        let mut app = app_with_cafe();
        common::keys(&mut app, &format!("2/{typed}<Enter>"));
        assert!(
            listed(&app).contains(&"Café Olé ☕".to_string()),
            "typed {typed}: {:?}",
            listed(&app)
        );
    }
    let mut app = app_with_cafe();
    common::keys(&mut app, "2/apac<Enter>");
    assert_eq!(listed(&app).len(), 1, "only Café Olé is in APAC");
}

#[test]
fn f_on_today_narrows_to_one_kind_of_line_and_every_count_follows() {
    let mut app = common::app(&common::small_book(), today(), 160, 48);
    // Facets on Today offer owner, then kind of line; l steps the kind to
    // campaign tasks.
    common::keys(&mut app, "fjl<Esc>");
    let text = common::screen(&app);
    assert!(text.contains("0 band drops"), "{text}");
    assert!(text.contains("0 QBRs soon"), "{text}");
    assert!(text.contains("Touches overdue (0 of 2)"), "{text}");
    assert!(text.contains("none with line=campaign_task"), "{text}");
    let state = common::today_state(&app);
    let shown: Vec<&str> = state
        .rows
        .iter()
        .filter_map(|r| match *r {
            partnerdeck::ui::screens::today::Row::Item(s, i) => {
                let line = app.model.triage_item(s, i).expect("a line");
                Some(line.kind(app.model.triage[s].kind))
            }
            _ => None,
        })
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|k| *k == "campaign_task"), "{shown:?}");
    common::keys(&mut app, "F");
    assert!(common::screen(&app).contains("Touches overdue (2)"));
}
