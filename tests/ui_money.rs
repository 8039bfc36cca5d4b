//! Money in the cockpit: the campaign form suggests a budget with its three
//! factors and warns when our budget passes the partner's quarterly MDF
//! cap, naming the approval; the partner detail shows commission and MDF.

mod common;

use partnerdeck::domain::testing::date;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 25)
}

/// The campaign form for Northwind (Gold; a new campaign launches six
/// weeks out, in Q1 2027, where nothing is planned yet), its cursor on
/// "Budget (ours)".
fn form_at_budget() -> partnerdeck::ui::app::App {
    let mut app = common::app(&common::small_book(), today(), 100, 40);
    common::keys(&mut app, "5n");
    for _ in 0..10 {
        common::keys(&mut app, "<Tab>");
    }
    app
}

#[test]
fn the_campaign_form_suggests_a_budget_with_its_factors() {
    let app = form_at_budget();
    let screen = common::screen(&app);
    assert!(screen.contains("New campaign"), "{screen}");
    assert!(
        screen.contains("Suggested budget: $10K Gold base × 2 lead quality (won 100% of closed"),
        "{screen}"
    );
    assert!(screen.contains("strategic value (80)"), "{screen}");
}

#[test]
fn a_budget_reaching_the_cap_passes_and_one_dollar_more_warns_with_the_approval() {
    let mut app = form_at_budget();
    common::keys(&mut app, "10000");
    let screen = common::screen(&app);
    assert!(
        screen.contains("MDF Q1 2027: $0 spent + $10,000 = $10,000: reaches Gold's"),
        "{screen}"
    );
    assert!(!screen.contains("⚠ MDF"), "{screen}");
    common::keys(&mut app, "<BS>1");
    let screen = common::screen(&app);
    assert!(
        screen.contains("⚠ MDF Q1 2027: $0 spent + $10,001 = $10,001, $1 over Gold's"),
        "{screen}"
    );
    assert!(screen.contains("needs PM + Director approval"), "{screen}");
}

#[test]
fn the_partner_detail_shows_commission_and_mdf() {
    let mut app = common::app(&common::small_book(), today(), 120, 60);
    common::keys(&mut app, "2");
    let screen = common::screen(&app);
    let row = screen
        .lines()
        .position(|l| l.contains("Northwind"))
        .expect("Northwind listed");
    let first = screen
        .lines()
        .position(|l| l.contains("Litware") || l.contains("株式会社"))
        .unwrap_or(0);
    let moves = if row > first {
        "j".repeat(row - first)
    } else {
        String::new()
    };
    common::keys(&mut app, &format!("{moves}<Enter>"));
    let screen = common::screen(&app);
    assert!(screen.contains("Commission  $3,000 T12M"), "{screen}");
    assert!(
        screen.contains("Gold 20%: influenced $30K at half rate → $3,000"),
        "{screen}"
    );
    assert!(
        screen.contains(
            "MDF  Gold: $4K of $25K used this year (16%, target 80%+) · Q4 2026 $4K of $10K cap"
        ),
        "{screen}"
    );
}

/// Northwind's webinar (our budget $4,000, launch 10 Dec) with no results
/// yet: the Today line appears 15 days after its W+2 review (24 Dec), and
/// entering closed-won revenue with `R` clears it and shows the ROI.
#[test]
fn a_spent_campaign_without_results_is_a_today_line_until_results_come_in() {
    let mut book = common::small_book();
    book.partners[0].campaigns[0].results = partnerdeck::domain::book::CampaignResults::default();
    // Tall enough for every section of Today.
    let quiet = common::app(&book, date(2027, 1, 7), 120, 90);
    assert!(
        common::screen(&quiet).contains("MDF without accountability (0)"),
        "{}",
        common::screen(&quiet)
    );
    let mut app = common::app(&book, date(2027, 1, 8), 120, 90);
    let screen = common::screen(&app);
    assert!(screen.contains("MDF without accountability (1"), "{screen}");
    assert!(
        screen.contains("$4K MDF spent, no results 15 days after its W+2"),
        "{screen}"
    );
    // R on the campaign: a webinar's counts, then pipeline $ and closed-won $.
    common::keys(&mut app, "5<Enter>R");
    let form = common::screen(&app);
    assert!(form.contains("Pipeline $"), "{form}");
    assert!(form.contains("Closed-won $"), "{form}");
    for _ in 0..7 {
        common::keys(&mut app, "<Tab>");
    }
    common::keys(&mut app, "32000<Enter>");
    let timeline = common::screen(&app);
    assert!(
        timeline.contains("ROI 8.0× ($32K closed-won on $4K MDF)"),
        "{timeline}"
    );
    common::keys(&mut app, "<Esc>1");
    let today = common::screen(&app);
    assert!(today.contains("MDF without accountability (0)"), "{today}");
}

#[test]
fn moving_a_launch_into_a_quarter_it_takes_past_the_cap_asks_first() {
    use partnerdeck::domain::book::CampaignStatus;
    let mut book = common::small_book();
    // Northwind (Gold, $10,000 a quarter) spent $7,000 in Q4 already; its
    // $4,000 webinar launches on Tuesday 5 January, in Q1.
    let northwind = &mut book.partners[0];
    let mut spent = northwind.campaigns[0].clone();
    spent.id = 900;
    spent.name = "October swap".into();
    spent.launch = date(2026, 10, 6);
    spent.budget_ours = 7_000;
    spent.status = CampaignStatus::Done;
    spent.tasks.clear();
    northwind.campaigns[0].launch = date(2027, 1, 5);
    northwind.campaigns.push(spent);
    let mut app = common::app(&book, today(), 120, 40);
    common::keys(&mut app, "5<Enter>");
    assert!(common::screen(&app).contains("Q4 webinar with Northwind"));
    // A week earlier is 29 December, in Q4: $11,000, over the cap.
    common::keys(&mut app, "<lt>");
    let asked = common::screen(&app);
    for wanted in [
        "Move 'Q4 webinar with Northwind' to Tue 29 Dec 2026?",
        "MDF Q4 2026: $7,000 spent + $4,000 = $11,000, $1,000",
        "over Gold's $10,000 quarterly cap: needs PM + Director",
    ] {
        assert!(asked.contains(wanted), "{wanted} in {asked}");
    }
    // No leaves the launch where it was; yes moves it.
    common::keys(&mut app, "n");
    assert!(
        common::screen(&app).contains("Tue 05 Jan 2027"),
        "{}",
        common::screen(&app)
    );
    common::keys(&mut app, "<lt>y");
    let moved = common::screen(&app);
    assert!(moved.contains("moved to Tue 29 Dec 2026"), "{moved}");
    // Within its own quarter a move asks nothing.
    common::keys(&mut app, "<lt>");
    assert!(
        !common::screen(&app).contains("? MDF"),
        "{}",
        common::screen(&app)
    );
}
