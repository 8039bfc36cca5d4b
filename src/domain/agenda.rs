//! A QBR's agenda as Markdown: the one text the workspace previews and
//! `qbr export` writes (docs/rules.md, "QBR agenda").
//!
//! Each section is pre-filled from the book as of the earlier of the QBR
//! date and today. The facts come from the partner's file cut at that day
//! (records dated later are left out) through the same rules as `score`,
//! so a held QBR's agenda never changes when later records arrive.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::analysis::summarize;
use super::book::{ActionItem, DealStage, PartnerFile, Qbr, YearMonth};
use super::config::ProgramConfig;
use super::dates::add_days;
use super::format::{day, day_year, money, money_or_dash, plural};
use super::markdown::{notes_line, text as md};
use super::pipeline::open_pipeline;
use super::qbr::{QbrState, quarter_start};
use super::summary::PartnerSummary;

/// How many recent activities the relationship check lists, and how far back.
const RECENT_ACTIVITIES: usize = 5;
const RECENT_DAYS: i64 = 30;

/// The day the agenda's facts are taken on: the QBR date, or today when
/// the QBR is still ahead.
#[must_use]
pub fn facts_day(qbr: &Qbr, today: NaiveDate) -> NaiveDate {
    qbr.date.min(today)
}

/// The partner's file as it stood at the end of `day`: records dated later
/// are left out, and the tier is the one it had then.
#[must_use]
pub fn file_as_of(file: &PartnerFile, day: NaiveDate) -> PartnerFile {
    let mut f = file.clone();
    let month = YearMonth::of(day);
    f.activities.retain(|a| a.date <= day);
    f.revenue.retain(|r| r.month <= month);
    f.deals.retain(|d| d.registered <= day);
    f.referrals.retain(|r| r.date <= day);
    f.certifications.retain(|c| c.passed <= day);
    f.nps.retain(|n| n.date <= day);
    if let Some(first_later) = f.tier_changes.iter().find(|t| t.date > day) {
        f.partner.tier = first_later.from;
    }
    f.tier_changes.retain(|t| t.date <= day);
    f
}

/// `Q4 2026`.
fn quarter_label(start: NaiveDate) -> String {
    format!("Q{} {}", start.month0() / 3 + 1, start.year())
}

/// Sourced and influenced revenue of the quarter starting `start`, up to
/// and including the month of `until`.
fn quarter_revenue(file: &PartnerFile, start: NaiveDate, until: NaiveDate) -> (i64, i64) {
    let first = YearMonth::of(start);
    let last = first.plus(2).min(YearMonth::of(until));
    file.revenue
        .iter()
        .filter(|r| r.month >= first && r.month <= last)
        .fold((0, 0), |(s, i), r| {
            (s.saturating_add(r.sourced), i.saturating_add(r.influenced))
        })
}

/// The QBR before this one that was held, if any.
fn previous_held<'a>(file: &'a PartnerFile, qbr: &Qbr) -> Option<&'a Qbr> {
    file.qbrs
        .iter()
        .filter(|q| q.id != qbr.id && q.date < qbr.date)
        .filter(|q| q.status == super::book::QbrStatus::Held)
        .max_by_key(|q| (q.date, q.id))
}

/// One action item as a Markdown list line.
fn action_line(a: &ActionItem) -> String {
    let tick = if a.done.is_some() { "x" } else { " " };
    let due = a.due.map_or("no due date".to_string(), |d| {
        format!("due {}", day_year(d))
    });
    format!("- [{tick}] {}: {} — {due}", a.owner, md(&a.text))
}

/// Who an agenda is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The manager's own prep: health with its breakdown and weekly
    /// points, recent touches, the manager's notes.
    #[default]
    Us,
    /// The agenda to send the partner: sections, shared numbers (revenue,
    /// tier, pipeline) and action items; no internal health, weekly points
    /// or notes.
    Partner,
}

/// The agenda of `qbr` (one of `file`'s QBRs) as Markdown, for the
/// manager's prep.
#[must_use]
pub fn markdown(file: &PartnerFile, qbr: &Qbr, today: NaiveDate, cfg: &ProgramConfig) -> String {
    agenda_for(file, qbr, today, cfg, Audience::Us)
}

/// The agenda of `qbr` as Markdown, for `audience`.
#[must_use]
pub fn agenda_for(
    file: &PartnerFile,
    qbr: &Qbr,
    today: NaiveDate,
    cfg: &ProgramConfig,
    audience: Audience,
) -> String {
    let internal = audience == Audience::Us;
    let file = &*crate::domain::coverage::as_scored(file, &cfg.coverage);
    let as_of = facts_day(qbr, today);
    let then = file_as_of(file, as_of);
    let s = summarize(&then, as_of, cfg);
    let total: u32 = qbr.agenda.iter().map(|a| a.minutes).sum();
    let state = QbrState::of(qbr.status, qbr.date, today, cfg);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# QBR: {} — {}\n",
        md(&file.partner.name),
        day_year(qbr.date)
    );
    if internal {
        let _ = writeln!(
            out,
            "Status: {} · {total} minutes · facts as of {}",
            state.title(),
            day_year(as_of)
        );
        quoted_notes(&mut out, "\nNote:\n", &qbr.notes);
    } else {
        let _ = writeln!(out, "{total} minutes · figures as of {}", day_year(as_of));
    }
    for (i, section) in qbr.agenda.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n## {}. {} ({} min)\n",
            i + 1,
            md(&section.title),
            section.minutes
        );
        let facts = match i {
            // How the relationship stands is the manager's own reading.
            0 if !internal => Vec::new(),
            0 => relationship(&then, &s, as_of, cfg),
            1 => performance(&then, &s, as_of, cfg),
            2 => pipeline(&then, as_of, cfg),
            3 => planning(&then, qbr, as_of),
            _ => Vec::new(),
        };
        for line in &facts {
            let _ = writeln!(out, "{line}");
        }
        let gap = if facts.is_empty() { "" } else { "\n" };
        if !internal {
            continue;
        }
        if section.notes.trim().is_empty() {
            let _ = writeln!(out, "{gap}Notes: none yet.");
        } else {
            quoted_notes(&mut out, &format!("{gap}Notes:\n"), &section.notes);
        }
    }
    let _ = writeln!(out, "\n## Action items\n");
    if qbr.actions.is_empty() {
        let _ = writeln!(out, "None yet.");
    }
    for a in &qbr.actions {
        let _ = writeln!(out, "{}", action_line(a));
    }
    out
}

/// Notes under a heading as a quote: Markdown as written, HTML as text
/// (`markdown::notes_line`); nothing when there are none.
fn quoted_notes(out: &mut String, heading: &str, notes: &str) {
    let notes = notes.trim();
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "{heading}");
    for line in notes.lines() {
        let _ = writeln!(out, "> {}", notes_line(line));
    }
}

/// Health with its breakdown and trend, and recent activities.
fn relationship(
    file: &PartnerFile,
    s: &PartnerSummary,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<String> {
    let mut out = vec![format!("- {}", s.health_headline(cfg.trend.delta_days))];
    if let Some(note) = cfg.coverage.note() {
        out.push(format!("  - {note}"));
    }
    for d in &s.health.dimensions {
        let points = if d.counted {
            d.points.to_string()
        } else {
            "—".to_string()
        };
        out.push(format!(
            "  - {} {points}/{}: {}",
            d.dimension.title(),
            d.max,
            md(&d.reason)
        ));
    }
    let weekly: Vec<String> = s.trend.weekly.iter().map(u32::to_string).collect();
    out.push(format!("- Weekly health: {}", weekly.join(" ")));
    let since = add_days(as_of, -RECENT_DAYS);
    let recent: Vec<_> = file
        .activities
        .iter()
        .rev()
        .filter(|a| a.date > since)
        .take(RECENT_ACTIVITIES)
        .collect();
    if recent.is_empty() {
        out.push(format!("- No activities in the last {RECENT_DAYS} days"));
    } else {
        out.push(format!("- Recent activities (last {RECENT_DAYS} days):"));
        for a in recent {
            out.push(format!(
                "  - {} {}: {}",
                day(a.date),
                a.kind,
                md(&a.summary)
            ));
        }
    }
    out
}

/// Tier and progress, revenue by quarter, deals registered and won.
fn performance(
    file: &PartnerFile,
    s: &PartnerSummary,
    as_of: NaiveDate,
    cfg: &ProgramConfig,
) -> Vec<String> {
    let c = cfg.currency.as_str();
    let this = quarter_start(as_of);
    let last = quarter_start(add_days(this, -1));
    let year_ago = this
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(this);
    let year_ago_until = as_of
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(as_of);
    let quarter = |start: NaiveDate, until: NaiveDate| {
        let (sourced, influenced) = quarter_revenue(file, start, until);
        format!(
            "{}: sourced {}, influenced {}",
            quarter_label(start),
            money(sourced, c),
            money(influenced, c)
        )
    };
    let m = &s.tier.metrics;
    let registered = file.deals.iter().filter(|d| d.registered >= this).count();
    let won: Vec<_> = file
        .deals
        .iter()
        .filter(|d| d.stage == DealStage::Won)
        .filter(|d| d.closed.is_some_and(|c| c >= this && c <= as_of))
        .collect();
    let won_value: i64 = won.iter().filter_map(|d| d.value).sum();
    vec![
        format!(
            "- Tier {}: {}",
            file.partner.tier.title(),
            md(&s.tier.progress.label)
        ),
        format!(
            "- Trailing 12 months: sourced ARR {}, qualified referrals {}, certified people {}",
            money(m.sourced_arr, c),
            m.referrals,
            m.certified
        ),
        format!("- Revenue this quarter, {}", quarter(this, as_of)),
        format!("- Last quarter, {}", quarter(last, add_days(this, -1))),
        format!(
            "- Same quarter a year ago, {}",
            quarter(year_ago, year_ago_until)
        ),
        format!(
            "- Deals this quarter: {} registered, {} won ({})",
            registered,
            won.len(),
            money(won_value, c)
        ),
    ]
}

/// Open pipeline by stage with value, and stuck deals.
fn pipeline(file: &PartnerFile, as_of: NaiveDate, cfg: &ProgramConfig) -> Vec<String> {
    let c = cfg.currency.as_str();
    let p = open_pipeline(file, as_of, cfg);
    let count = i64::try_from(p.count).unwrap_or(i64::MAX);
    let mut out = vec![format!(
        "- Open pipeline: {}, {}",
        plural(count, "deal", "deals"),
        money(p.value, c)
    )];
    for stage in p.stages.iter().filter(|s| s.count > 0) {
        let n = i64::try_from(stage.count).unwrap_or(i64::MAX);
        out.push(format!(
            "  - {}: {}, {}",
            stage.stage,
            plural(n, "deal", "deals"),
            money(stage.value, c)
        ));
    }
    let stuck = p.stuck_deals();
    if stuck.is_empty() {
        out.push(format!(
            "- No stuck deals (no stage change for {}+ days)",
            cfg.deals.stuck_days
        ));
    } else {
        out.push(format!(
            "- Stuck deals (no stage change for {}+ days):",
            cfg.deals.stuck_days
        ));
        for d in stuck {
            out.push(format!(
                "  - {}: {}, {}, {} days",
                md(&d.name),
                d.stage,
                money_or_dash(d.value, c),
                d.days_in_stage
            ));
        }
    }
    out
}

/// Action items of the previous held QBR still open on `as_of`.
fn planning(file: &PartnerFile, qbr: &Qbr, as_of: NaiveDate) -> Vec<String> {
    let Some(prev) = previous_held(file, qbr) else {
        return vec!["- No earlier QBR was held".to_string()];
    };
    let open: Vec<ActionItem> = prev
        .actions
        .iter()
        .filter(|a| a.done.is_none_or(|d| d > as_of))
        .map(|a| ActionItem {
            done: None,
            ..a.clone()
        })
        .collect();
    if open.is_empty() {
        return vec![format!(
            "- No open action items from the QBR of {}",
            day_year(prev.date)
        )];
    }
    let mut out = vec![format!(
        "- Open action items from the QBR of {}:",
        day_year(prev.date)
    )];
    out.extend(open.iter().map(|a| format!("  {}", action_line(a))));
    out
}
