//! `partnerdeck today`: the morning triage as text, or as data (`--json`).

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Failure, ScreensContext, output};
use crate::analyse::PackedLines;
use crate::domain::config::ProgramConfig;
use crate::domain::format::day_year;
use crate::domain::text::display_safe;
use crate::domain::today::{LineData, Section, SectionKind, Subject, TriageEntry, TriageItem};
use crate::domain::triage::{name_places, order};
use crate::streamed::Streamed;

/// Print Today, from the partners' cached lines (scored first on a new
/// day): put in order by their keys, each line decoded only as it is
/// written (the JSON line by line).
///
/// # Errors
/// When the book cannot be read, or stdout cannot take JSON.
pub fn run(ctx: &mut ScreensContext, json: bool) -> Result<ExitCode, Failure> {
    let lines = ctx.today_packed()?;
    let rows = ctx.rows();
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    let places = name_places(&names);
    let keys = lines
        .keys(|p| places[p])
        .filter(|(_, p, _)| ctx.in_scope(&rows[*p]))
        .map(|(n, _, key)| (n, key));
    let order = order(keys, &ctx.config);
    let partners = rows.iter().filter(|r| ctx.in_scope(r)).count();
    if json {
        let mut doc = today_json(&order, &lines, ctx.today, &ctx.config)?;
        doc.owner.clone_from(&ctx.owner);
        return super::json::print("today", &doc);
    }
    let sections = SectionKind::ALL
        .iter()
        .zip(&order)
        .map(|(kind, list)| {
            Ok(Section {
                kind: *kind,
                title: kind.title().to_string(),
                window: kind.window(&ctx.config),
                items: list
                    .iter()
                    .map(|n| line(&lines, *n).map(|e| e.item))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let whose = ctx.owner.as_ref().map_or(String::new(), |o| {
        format!(" of {}'s; --everyone for all", display_safe(o))
    });
    output::print(&today_text(
        &sections,
        &format!(
            "Today · {} · book: {} ({partners} partners{whose})",
            day_year(ctx.today),
            ctx.book_name()
        ),
    ))
}

/// Line `n`, decoded (it decoded when it was read, so this fails only if
/// the memory holding it is damaged).
fn line(lines: &PackedLines, n: usize) -> Result<TriageEntry, Failure> {
    lines
        .entry(n)
        .ok_or_else(|| Failure::command(format!("Today's line {n} does not decode")))
}

/// Every section with its count; empty sections say so in one line. User
/// text (names, titles, owners) is made display-safe.
#[must_use]
pub fn today_text(sections: &[Section], heading: &str) -> String {
    let mut out = format!("{}\n", display_safe(heading));
    for s in sections {
        let window = s
            .window
            .as_ref()
            .map(|w| format!(", {w}"))
            .unwrap_or_default();
        let _ = writeln!(out, "\n{} ({}){window}", s.title, s.items.len());
        if s.items.is_empty() {
            let _ = writeln!(out, "  nothing");
        }
        for (n, i) in s.items.iter().enumerate() {
            // Focus lines carry their rank, 1 first.
            let tag = if s.kind == SectionKind::Focus {
                format!("{}.", n + 1)
            } else {
                i.tag.clone()
            };
            let _ = writeln!(
                out,
                "  {:<4} {}  [{}]  {}",
                tag,
                display_safe(&i.headline()),
                display_safe(i.who()),
                display_safe(&i.detail)
            );
        }
    }
    out
}

/// Today as data: the sections with their counts, then every line with its
/// fields and numbers as numbers (docs/rules.md, "Today"); the lines are
/// made as they are written.
#[derive(Serialize)]
pub struct TodayJson<L: Serialize> {
    pub today: NaiveDate,
    /// Whose partners (`--owner`, else `me`); null for everyone's.
    pub owner: Option<String>,
    /// The partners that need the manager most, ranked (docs/rules.md, "Focus").
    pub focus: Vec<FocusJson>,
    pub sections: Vec<SectionJson>,
    pub lines: L,
}

/// One partner of Focus.
#[derive(Debug, Serialize)]
pub struct FocusJson {
    /// 1 first.
    pub rank: usize,
    pub partner: String,
    pub partner_id: i64,
    pub partner_owner: String,
    pub priority: i64,
    /// Why, most telling first: `59d late: Send co-marketing proposal`, …
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SectionJson {
    pub section: SectionKind,
    pub title: String,
    pub window: Option<String>,
    pub count: usize,
}

/// Today as data from its order (`domain::triage::order`, each section's
/// line numbers in `lines`): Focus and the counts first, then every line,
/// decoded as it is written.
///
/// # Errors
/// When a line of Focus does not decode.
pub fn today_json<'a>(
    order: &'a [Vec<usize>],
    lines: &'a PackedLines,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<TodayJson<impl Serialize + 'a>, Failure> {
    let focus = order
        .get(SectionKind::Focus.index())
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, line_no)| {
            let i = line(lines, *line_no)?.item;
            Ok(FocusJson {
                rank: n + 1,
                partner_id: i.subject.partner(),
                priority: i
                    .numbers
                    .iter()
                    .find(|(k, _)| k == "priority")
                    .map_or(0, |(_, v)| *v),
                reasons: i.title.split(" · ").map(str::to_string).collect(),
                partner: i.partner,
                partner_owner: i.partner_owner,
            })
        })
        .collect::<Result<_, Failure>>()?;
    Ok(TodayJson {
        today,
        owner: None,
        focus,
        sections: SectionKind::ALL
            .iter()
            .zip(order)
            .map(|(kind, list)| SectionJson {
                section: *kind,
                title: kind.title().to_string(),
                window: kind.window(cfg),
                count: list.len(),
            })
            .collect(),
        lines: Streamed::new(
            SectionKind::ALL
                .iter()
                .zip(order)
                .flat_map(move |(kind, list)| {
                    list.iter().map(move |n| {
                        line(lines, *n)
                            .map(|e| line_json(*kind, &e.item, today))
                            .map_err(|f| f.message)
                    })
                }),
        ),
    })
}

fn line_json(section: SectionKind, i: &TriageItem, today: NaiveDate) -> Map<String, Value> {
    let text = |s: &str| {
        if s.is_empty() {
            Value::Null
        } else {
            Value::from(s)
        }
    };
    let mut m = Map::new();
    m.insert(
        "section".into(),
        serde_json::to_value(section).unwrap_or(Value::Null),
    );
    m.insert("kind".into(), Value::from(i.kind(section)));
    m.insert("partner".into(), Value::from(i.partner.as_str()));
    m.insert("partner_id".into(), Value::from(i.subject.partner()));
    m.insert("subject".into(), Value::from(i.title.as_str()));
    m.insert("context".into(), text(&i.context));
    m.insert("tag".into(), Value::from(i.tag.as_str()));
    m.insert(
        "due".into(),
        i.due.map_or(Value::Null, |d| Value::from(d.to_string())),
    );
    m.insert(
        "days_late".into(),
        i.due
            .map_or(Value::Null, |d| Value::from((today - d).num_days().max(0))),
    );
    m.insert("owner_side".into(), text(&i.owner));
    m.insert("partner_owner".into(), text(&i.partner_owner));
    m.insert("detail".into(), Value::from(i.detail.as_str()));
    let numbers: Map<String, Value> = i
        .numbers
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(*v)))
        .collect();
    m.insert("numbers".into(), Value::Object(numbers));
    match &i.data {
        LineData::Tier(events) => {
            m.insert(
                "events".into(),
                serde_json::to_value(events).unwrap_or(Value::Null),
            );
        }
        LineData::BandDrop { before, now } => {
            m.insert("band_before".into(), Value::from(before.as_str()));
            m.insert("band_now".into(), Value::from(now.as_str()));
        }
        LineData::Lifecycle { stage, .. } => {
            m.insert("stage".into(), Value::from(stage.as_str()));
        }
        LineData::None => {}
    }
    let ids: &[(&str, i64)] = match i.subject {
        Subject::Partner { .. } => &[],
        Subject::CampaignTask { campaign, task, .. } => {
            &[("campaign_id", campaign), ("task_id", task)]
        }
        Subject::ChecklistItem { qbr, item, .. } => &[("qbr_id", qbr), ("item_id", item)],
        Subject::ActionItem { qbr, item, .. } => &[("qbr_id", qbr), ("action_id", item)],
        Subject::Qbr { qbr, .. } => &[("qbr_id", qbr)],
    };
    for (k, v) in ids {
        m.insert((*k).into(), Value::from(*v));
    }
    m
}
