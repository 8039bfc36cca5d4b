//! The Program screen (tab 6) as a new user meets it on the demo: every
//! metric of the playbook with now, a year ago, target and ✓/✗; Enter
//! explains one and lists its partners (Enter opens one, Esc comes back);
//! `c` enters a month of company revenue, `u` takes it back.

mod common;

use partnerdeck::demo::{DemoOptions, generate};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::date;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

fn demo_app(w: u16, h: u16) -> partnerdeck::ui::app::App {
    let book = generate(&DemoOptions::default(), today(), &ProgramConfig::default());
    common::app(&book, today(), w, h)
}

#[test]
fn the_program_tab_answers_are_we_on_target_for_every_metric() {
    let mut app = demo_app(120, 40);
    common::keys(&mut app, "6");
    let text = common::screen(&app);
    assert!(text.contains(" 6 Program "), "{text}");
    assert!(text.contains("Program · T12M to Nov 2026"), "{text}");
    for title in [
        "Partner-sourced revenue",
        "Partner-influenced revenue",
        "Activation",
        "Partner NPS",
        "Revenue per active partner",
        "Time to first deal",
        "Retention",
        "QBR completion",
        "MDF utilization",
    ] {
        let row = text
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("no {title}: {text}"));
        assert!(
            row.contains('✓') || row.contains('✗'),
            "{title} is judged: {row}"
        );
    }
    assert!(
        text.contains("Revenue per active partner by tier: Platinum"),
        "{text}"
    );
    // The first metric's reason is shown under the table.
    assert!(text.contains("✓ partner-sourced 25%:"), "{text}");
    insta::assert_snapshot!("program_120x40", text);
    let mut narrow = demo_app(80, 24);
    common::keys(&mut narrow, "6");
    insta::assert_snapshot!("program_80x24", common::screen(&narrow));
}

#[test]
fn enter_explains_a_metric_and_opens_its_partners() {
    let mut app = demo_app(120, 40);
    // Time to first deal is the sixth metric.
    common::keys(&mut app, "6jjjjj<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("Program · Time to first deal"), "{text}");
    assert!(
        text.contains("Counted: joined in the last 12 months, first deal won (10)"),
        "{text}"
    );
    assert!(
        text.contains("Past 90 days without a won deal (3)"),
        "{text}"
    );
    assert!(text.contains("Lighthouse Security BV"), "{text}");
    insta::assert_snapshot!("program_first_deal_120x40", text);
    // Down to the third partner counted and open it.
    common::keys(&mut app, "jj<Enter>");
    let opened = common::screen(&app);
    assert!(opened.contains("Lighthouse Security BV"), "{opened}");
    assert!(
        opened.contains("first deal 23 days after joining"),
        "{opened}"
    );
    // Esc back to the explanation, Esc again to the table.
    common::keys(&mut app, "<Esc>");
    assert!(common::screen(&app).contains("Program · Time to first deal"));
    common::keys(&mut app, "<Esc>");
    let table = common::screen(&app);
    assert!(table.contains("Program · T12M to Nov 2026"), "{table}");
    let narrow = {
        let mut a = demo_app(80, 24);
        common::keys(&mut a, "6jj<Enter>");
        common::screen(&a)
    };
    assert!(
        narrow.contains("Active: a won deal in the last 12 months"),
        "{narrow}"
    );
    insta::assert_snapshot!("program_activation_80x24", narrow);
}

#[test]
fn company_revenue_is_entered_on_the_screen_and_undone() {
    let mut app = demo_app(120, 40);
    common::keys(&mut app, "6c");
    let form = common::screen(&app);
    assert!(form.contains("Company revenue"), "{form}");
    // The form opens on this month with what the book holds for it.
    assert!(form.contains("2026-11"), "{form}");
    // Clear the amount and type a much larger one: the share falls.
    common::keys(&mut app, "<Tab><C-u>90000000<Enter>");
    let text = common::screen(&app);
    assert!(
        text.contains("company revenue of Nov 2026 set to $90M · u undoes"),
        "{text}"
    );
    let sourced = text
        .lines()
        .find(|l| l.contains("Partner-sourced revenue"))
        .expect("row")
        .to_string();
    assert!(sourced.contains('✗'), "{sourced}");
    common::keys(&mut app, "u");
    let undone = common::screen(&app);
    assert!(
        undone.contains("undone: company revenue of Nov 2026 set to"),
        "{undone}"
    );
    let sourced = undone
        .lines()
        .find(|l| l.contains("Partner-sourced revenue"))
        .expect("row")
        .to_string();
    assert!(
        sourced.contains("25%") && sourced.contains('✓'),
        "{sourced}"
    );
}

#[test]
fn a_bad_month_is_refused_in_the_form_and_nothing_is_saved() {
    let mut app = demo_app(120, 40);
    common::keys(&mut app, "6c<C-u>2026-13<Tab>5<Enter>");
    let text = common::screen(&app);
    assert!(text.contains("'2026-13' is not a month"), "{text}");
    assert!(text.contains("not saved: the form has problems"), "{text}");
}

#[test]
fn help_lists_the_program_keys() {
    let mut app = demo_app(120, 40);
    common::keys(&mut app, "6?");
    let text = common::screen(&app);
    assert!(text.contains("company revenue"), "{text}");
    assert!(text.contains("explain / open partner"), "{text}");
}

/// The cockpit works Program out on another thread when the book does not
/// keep it yet (the first Program of a day: over a second at 50,000
/// partners), saying so meanwhile; the next cockpit reads it as kept.
#[test]
fn the_cockpit_works_program_out_while_it_draws_and_keeps_it() {
    use partnerdeck::store::Store;
    let (_dir, path) = common::stored_small_book();
    let cockpit = || {
        let mut store = Store::open(&path).expect("open");
        let cfg = ProgramConfig::default();
        let front = partnerdeck::analyse::front(&mut store, today(), &cfg).expect("front");
        let model = partnerdeck::ui::model::Model::from_front(front, cfg, today(), "t".into());
        let mut app = partnerdeck::ui::app::App::new(
            model,
            Some(store),
            partnerdeck::ui::theme::Theme::mono(),
            ratatui::layout::Rect::new(0, 0, 120, 40),
        );
        app.program_in_background = true;
        app
    };
    let mut app = cockpit();
    common::keys(&mut app, "6");
    let first = common::screen(&app);
    assert!(
        first.contains("working out the program's numbers from every partner…"),
        "{first}"
    );
    let started = std::time::Instant::now();
    while !common::screen(&app).contains("Partner-sourced revenue") {
        assert!(started.elapsed().as_secs() < 60, "{}", common::screen(&app));
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.on_idle();
    }
    let table = common::screen(&app);
    assert!(table.contains("Program · T12M to Nov 2026"), "{table}");
    // Enter lists the partners a metric counts, read from what was kept.
    common::keys(&mut app, "jj<Enter>");
    assert!(
        common::screen(&app).contains("Active: a won deal in the last 12 months"),
        "{}",
        common::screen(&app)
    );
    let mut next = cockpit();
    common::keys(&mut next, "6");
    let kept = common::screen(&next);
    assert!(kept.contains("Partner-sourced revenue"), "{kept}");
    assert_eq!(
        kept.lines().skip(1).collect::<Vec<_>>(),
        table.lines().skip(1).collect::<Vec<_>>()
    );
}
