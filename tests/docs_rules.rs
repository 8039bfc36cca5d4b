//! docs/rules.md quotes the defaults; these tests hold it to
//! `ProgramConfig::default()` so the page cannot drift from the program.

use partnerdeck::domain::campaigns::week_label;
use partnerdeck::domain::config::{ProgramConfig, TaskTemplate};
use partnerdeck::domain::today::SectionKind;

const DOC: &str = include_str!("../docs/rules.md");

fn cfg() -> ProgramConfig {
    ProgramConfig::default()
}

/// The doc must hold `line`; the message shows what was looked for.
fn quotes(line: &str) {
    assert!(
        DOC.contains(line),
        "docs/rules.md should contain `{line}` (the default changed?)"
    );
}

/// The fenced `toml` block under "Defaults at a glance".
fn defaults_block() -> &'static str {
    let (_, after) = DOC
        .split_once("## Defaults at a glance")
        .expect("a Defaults at a glance section");
    let (_, block) = after.split_once("```toml\n").expect("a toml block");
    block.split_once("\n```").expect("the block's end").0
}

/// `25000` → `$25,000`.
fn dollars(n: i64) -> String {
    let n = u64::try_from(n).expect("a positive amount");
    format!("${}", partnerdeck::domain::format::thousands(n))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[test]
fn the_defaults_block_read_as_a_user_config_changes_nothing() {
    let block = defaults_block();
    let read = ProgramConfig::from_layers(Some(("docs/rules.md", block)))
        .unwrap_or_else(|e| panic!("the block is a valid config: {e}"));
    assert_eq!(
        read,
        cfg(),
        "a number in the block differs from the default"
    );
    // And it is not a token block: every table of numbers is in it.
    for table in [
        "[health.revenue]",
        "[health.activity]",
        "[health.engagement]",
        "[health.satisfaction]",
        "[health.fit]",
        "[bands]",
        "[trend]",
        "[tiers.silver]",
        "[tiers.gold]",
        "[tiers.platinum]",
        "[tiers.provisional]",
        "[tiers.close]",
        "[certifications]",
        "[commissions]",
        "[commissions.tier_rate_pct]",
        "[mdf]",
        "[budget]",
        "[segments]",
        "[cadence]",
        "[deals]",
        "[triage]",
        "[kpi]",
        "[qbr]",
        "[matrix]",
        "[matrix.fit]",
        "[matrix.kind]",
    ] {
        assert!(block.contains(table), "the block lacks {table}");
    }
}

#[test]
fn the_health_table_quotes_each_dimensions_maximum_and_window() {
    let c = cfg();
    let [revenue, activity, engagement, satisfaction, fit] = c.health.top_points();
    quotes(&format!("| Revenue | 0-{revenue} |"));
    quotes(&format!(
        "| Activity | 0-{activity} | deal registrations in the last {} days |",
        c.health.activity.window_days
    ));
    quotes(&format!("| Engagement | 0-{engagement} |"));
    quotes(&format!("| Satisfaction | 0-{satisfaction} |"));
    quotes(&format!("| Strategic fit | 0-{fit} |"));
}

#[test]
fn the_band_table_matches_the_band_minimums() {
    let b = cfg().bands;
    quotes(&format!("| Champion | {}-100 |", b.champion));
    quotes(&format!("| Healthy | {}-{} |", b.healthy, b.champion - 1));
    quotes(&format!("| At-risk | {}-{} |", b.at_risk, b.healthy - 1));
    quotes(&format!("| Critical | {}-{} |", b.critical, b.at_risk - 1));
    quotes(&format!("| Churning | 0-{} |", b.critical - 1));
}

#[test]
fn the_tier_table_matches_the_criteria_and_grace() {
    let t = cfg().tiers;
    for (name, c) in [
        ("Silver", &t.silver),
        ("Gold", &t.gold),
        ("Platinum", &t.platinum),
    ] {
        let grace = if c.grace_quarters == 1 {
            "1 quarter".to_string()
        } else {
            format!("{} quarters", c.grace_quarters)
        };
        quotes(&format!(
            "| {name} | {} | {} | {} | {grace} |",
            dollars(c.arr),
            c.referrals,
            c.certified
        ));
    }
}

#[test]
fn the_benefits_table_matches_the_matrix() {
    use partnerdeck::domain::book::Tier;
    let cfg = cfg();
    for row in &cfg.benefits.rows {
        let values: Vec<String> = Tier::ALL
            .iter()
            .map(|t| partnerdeck::domain::tiers::benefits::value(*t, &row.key, &cfg).into_owned())
            .collect();
        quotes(&format!("| {} | {} |", row.benefit, values.join(" | ")));
    }
    quotes(&format!("all {} rows", cfg.benefits.rows.len()));
    quotes(&partnerdeck::domain::mdf::quarterly_caps_text(&cfg));
}

#[test]
fn the_mdf_table_matches_the_config() {
    let m = cfg().mdf;
    for (name, a) in [
        ("Silver", &m.silver),
        ("Gold", &m.gold),
        ("Platinum", &m.platinum),
    ] {
        quotes(&format!(
            "| {name} | {} | {} | {} |",
            dollars(a.annual),
            dollars(a.quarterly_cap),
            a.approval
        ));
    }
}

#[test]
fn the_cadence_table_matches_the_config() {
    let c = cfg().cadence;
    for (segment, days) in [
        ("strategic", c.strategic),
        ("growth", c.growth),
        ("stable", c.stable),
        ("at_risk", c.at_risk),
        ("long_tail", c.long_tail),
    ] {
        quotes(&format!("| {segment} | {days} days |"));
    }
}

#[test]
fn today_sections_are_listed_in_the_order_the_program_shows_them() {
    let c = cfg();
    for (i, kind) in SectionKind::ALL.iter().enumerate() {
        let window = kind
            .window(&c)
            .map(|w| format!(", {w}"))
            .unwrap_or_default();
        quotes(&format!("{}. **{}**{window}", i + 1, kind.title()));
    }
}

#[test]
fn the_qbr_checklist_and_agenda_are_the_templates() {
    let c = cfg();
    for item in &c.qbr.checklist {
        let due = match item.offset_days {
            0 => "D".to_string(),
            d => format!("D{d:+}"),
        };
        quotes(&format!(
            "| {} | {due} | {} |",
            capitalised(item.phase.as_str()),
            item.title
        ));
    }
    let minutes: u32 = c.qbr.agenda.iter().map(|a| a.minutes).sum();
    quotes(&format!("**Agenda** ({minutes} minutes)"));
    for a in &c.qbr.agenda {
        quotes(&format!("| {} | {} |", a.title, a.minutes));
    }
}

#[test]
fn the_campaign_task_tables_are_the_templates() {
    let c = cfg();
    let row = |t: &TaskTemplate| {
        let days = t.week * 7 + t.day_offset;
        let week = match t.day_offset {
            0 => week_label(t.week),
            _ => format!("{} (D{days:+})", week_label(days.div_euclid(7))),
        };
        format!("| {week} | {} | {} |", t.title, t.owner)
    };
    for t in c.campaigns.tasks.iter().chain(&c.campaigns.webinar_tasks) {
        quotes(&row(t));
    }
    let [low, high] = c.campaigns.webinar_attendance_benchmark_pct;
    quotes(&format!("benchmark is {low}-{high}%"));
}
