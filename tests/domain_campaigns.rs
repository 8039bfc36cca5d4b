//! Campaign rules against hand-computed dates: template expansion from a
//! user's config (both templates; a webinar's is its own), due dates across month and year ends,
//! and the attendance band.

use partnerdeck::domain::book::CampaignType;
use partnerdeck::domain::campaign_results::{Band, attendance};
use partnerdeck::domain::campaigns::{due_date, template_tasks, week_label};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::testing::{campaign, date};

/// A config whose templates are the user's own.
fn own_templates() -> ProgramConfig {
    let text = r#"
[campaigns]
webinar_attendance_benchmark_pct = [35, 45]

[[campaigns.tasks]]
week = -2
title = "Brief agreed"
owner = "PM"
[[campaigns.tasks]]
week = 1
title = "Results call"
owner = "both"

[[campaigns.webinar_tasks]]
week = 0
day_offset = -1
title = "Speaker reminder"
owner = "ops"
"#;
    ProgramConfig::from_layers(Some(("config.toml", text))).expect("a valid config")
}

#[test]
fn a_new_campaign_gets_the_configured_template_dated_across_the_year_end() {
    let cfg = own_templates();
    let launch = date(2026, 12, 31);
    let tasks = template_tasks(CampaignType::EmailSwap, launch, &cfg);
    let got: Vec<(&str, &str, chrono::NaiveDate)> = tasks
        .iter()
        .map(|t| (t.title.as_str(), t.owner.as_str(), t.due))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Brief agreed", "PM", date(2026, 12, 17)),
            ("Results call", "both", date(2027, 1, 7)),
        ]
    );
    assert!(tasks.iter().all(|t| t.done.is_none() && t.id == 0));
}

#[test]
fn a_joint_webinar_gets_its_own_timeline_and_the_day_before_is_w_minus_1() {
    let cfg = own_templates();
    let launch = date(2027, 3, 1);
    let tasks = template_tasks(CampaignType::JointWebinar, launch, &cfg);
    let got: Vec<(&str, i32, chrono::NaiveDate)> = tasks
        .iter()
        .map(|t| (t.title.as_str(), t.week, t.due))
        .collect();
    assert_eq!(got, vec![("Speaker reminder", -1, date(2027, 2, 28))]);
}

#[test]
fn the_default_webinar_timeline_is_the_playbook_merged_without_doubles() {
    let cfg = ProgramConfig::default();
    let launch = date(2026, 12, 10);
    let tasks = template_tasks(CampaignType::JointWebinar, launch, &cfg);
    let at = |title: &str| {
        let found: Vec<_> = tasks.iter().filter(|t| t.title == title).collect();
        assert_eq!(found.len(), 1, "{title} once");
        (week_label(found[0].week), found[0].due)
    };
    assert_eq!(at("Draft promotion plan").0, "W-4");
    assert_eq!(at("Finalize title and abstract").0, "W-3");
    assert_eq!(at("Social promotion begins").0, "W-2");
    assert_eq!(at("Send email #1 (both companies)").0, "W-2");
    assert_eq!(
        at("Day-before reminder email"),
        ("W-1".to_string(), date(2026, 12, 9))
    );
    assert_eq!(
        at("Follow up with attendees (hot leads)"),
        ("W0".to_string(), date(2026, 12, 11))
    );
    for title in [
        "Confirm speakers from both companies",
        "Dry run with speakers",
        "Tech check 30 min before",
        "Send recording to registrants",
        "Follow up with no-shows (nurture sequence)",
        "Repurpose content (blog, social)",
    ] {
        at(title);
    }
    let emails: Vec<&str> = tasks
        .iter()
        .map(|t| t.title.as_str())
        .filter(|t| t.contains("email #1") || t.contains("First email"))
        .collect();
    assert_eq!(
        emails,
        vec!["Send email #1 (both companies)"],
        "one email #1"
    );
    assert_eq!(tasks.len(), 25);
    assert!(
        tasks.windows(2).all(|w| w[0].due <= w[1].due),
        "by due date"
    );
}

#[test]
fn due_dates_count_whole_weeks_from_launch_day() {
    let launch = date(2027, 1, 28);
    assert_eq!(due_date(launch, 0, 0), launch, "W0 is launch day");
    assert_eq!(due_date(launch, 1, 0), date(2027, 2, 4), "into February");
    assert_eq!(
        due_date(launch, -6, 0),
        date(2026, 12, 17),
        "back into 2026"
    );
    assert_eq!(
        due_date(date(2028, 2, 24), 1, 0),
        date(2028, 3, 2),
        "leap year"
    );
}

#[test]
fn attendance_is_banded_against_the_configured_benchmark() {
    let cfg = own_templates();
    let mut c = campaign("Q1 webinar", date(2027, 1, 14));
    c.kind = CampaignType::JointWebinar;
    c.results.registrants = 200;
    let band = |attendees, c: &mut partnerdeck::domain::book::Campaign| {
        c.results.attendees = attendees;
        attendance(
            c,
            date(2027, 1, 15),
            cfg.campaigns.webinar_attendance_benchmark_pct,
        )
        .expect("a rate")
    };
    let low = band(68, &mut c);
    assert_eq!(low.text, "attendance 34% — below the 35-45% benchmark");
    assert_eq!(low.band, Some(Band::Below));
    assert_eq!(band(90, &mut c).band, Some(Band::Within));
    assert_eq!(band(92, &mut c).band, Some(Band::Above));
}
