//! Prospects as a new user meets them on the demo: tab 7 lists them best
//! scorecard first; `c` scores one with the seed's indicators beside each
//! dimension and its reading as you choose; `o` signs it (asking the day it
//! joined), which puts its week-1 onboarding tasks on Today; `u` takes the
//! signing back whole.

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

/// The screen's rows under the header, trimmed.
fn rows(text: &str) -> Vec<String> {
    text.lines()
        .skip(4)
        .map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('└'))
        .collect()
}

#[test]
fn prospects_are_listed_best_scorecard_first() {
    let mut app = demo_app(120, 20);
    common::keys(&mut app, "7");
    let text = common::screen(&app);
    assert!(text.contains("7 Prospects"), "{text}");
    let rows = rows(&text);
    assert!(rows[0].contains("29/35 Gold potential"), "{text}");
    assert!(
        rows[1].contains("20/35 Silver potential") && rows[1].contains("⚑ 1 red flag"),
        "{text}"
    );
    assert!(
        rows[2].contains("12/35 Not ready") && rows[2].contains("revisit since"),
        "{text}"
    );
    assert!(rows[3].contains("not scored"), "{text}");
    insta::assert_snapshot!("prospects_120x20", text);
    let mut narrow = demo_app(80, 24);
    common::keys(&mut narrow, "7");
    insta::assert_snapshot!("prospects_80x24", common::screen(&narrow));
}

#[test]
fn a_prospect_is_scored_with_its_reading_as_you_choose() {
    let mut app = demo_app(120, 40);
    // The unscored prospect is last.
    common::keys(&mut app, "7Gc");
    let text = common::screen(&app);
    assert!(text.contains("Scorecard · "), "{text}");
    assert!(
        text.contains("Shared ICP, complementary segments"),
        "{text}"
    );
    assert!(text.contains("Wait until they build capacity"), "{text}");
    assert!(
        text.contains("Total 21/35 · Silver potential — standard engagement"),
        "{text}"
    );
    // Customer overlap 5, product synergy 5, sales capacity 5, the rest as
    // they are (3): 5+5+5+3+3+3+3 = 27.
    common::keys(
        &mut app,
        "<Tab><Right><Right><Tab><Right><Right><Tab><Right><Right>",
    );
    let text = common::screen(&app);
    assert!(
        text.contains("Total 27/35 · Gold potential — invest moderately"),
        "{text}"
    );
    // Competitive overlap seen: the form's flags follow the dimensions.
    common::keys(&mut app, "<Tab><Tab><Tab><Tab><Tab><Right><Enter>");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Brightpath Apps scored 27/35"),
        "{status}"
    );
    let text = common::screen(&app);
    assert!(rows(&text)[1].contains("27/35 Gold potential"), "{text}");
    assert!(rows(&text)[1].contains("⚑ 1 red flag"), "{text}");
}

#[test]
fn signing_a_prospect_puts_its_week_1_tasks_on_today_and_undo_takes_it_back() {
    let mut app = demo_app(120, 60);
    common::keys(&mut app, "7o");
    let text = common::screen(&app);
    assert!(text.contains("onboard with the onboarding plan"), "{text}");
    assert!(
        text.contains("Enter signs: onboard from Mon 23 Nov 2026, 12 onboarding tasks"),
        "{text}"
    );
    common::keys(&mut app, "<Enter>");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("moved recruit → onboard on Mon 23 Nov 2026, onboarding plan of 12 tasks"),
        "{status}\n{}",
        common::screen(&app)
    );
    let text = common::screen(&app);
    assert!(
        !rows(&text)[0].contains("29/35"),
        "the signed one left: {text}"
    );
    common::keys(&mut app, "1");
    let today = common::screen(&app);
    assert!(
        today.contains("Welcome email with portal access"),
        "{today}"
    );
    common::keys(&mut app, "u");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("back to recruit"), "{status}");
    assert!(!common::screen(&app).contains("Welcome email with portal access"));
}
