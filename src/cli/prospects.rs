//! `partnerdeck prospects`: the partners at `recruit`, best scorecard first
//! (unscored last), as text or data (`--json`; docs/rules.md, "Prospects
//! and the scorecard").

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, Failure, output};
use crate::domain::book::{Lifecycle, RedFlag, Scorecard};
use crate::domain::format::day_year;
use crate::domain::lifecycle::{DIMENSIONS, Qualification};
use crate::domain::text::display_safe;

#[derive(Serialize)]
struct Prospect {
    id: i64,
    name: String,
    owner: String,
    days_in_recruit: i64,
    stage_over_plan: bool,
    scorecard: Option<Card>,
}

#[derive(Serialize)]
struct Card {
    scored: NaiveDate,
    total: u32,
    reading: crate::domain::lifecycle::Reading,
    reading_words: &'static str,
    revisit: Option<NaiveDate>,
    scores: std::collections::BTreeMap<&'static str, u8>,
    red_flags: Vec<Flag>,
}

#[derive(Serialize)]
struct Flag {
    #[serde(rename = "flag")]
    id: RedFlag,
    title: &'static str,
    alternative: &'static str,
}

fn card(c: &Scorecard, q: &Qualification) -> Card {
    Card {
        scored: c.date,
        total: q.total,
        reading: q.reading,
        reading_words: q.reading.words(),
        revisit: q.revisit,
        scores: DIMENSIONS
            .iter()
            .zip(c.scores())
            .map(|(d, s)| (d.key, s))
            .collect(),
        red_flags: c
            .red_flags
            .iter()
            .map(|f| {
                let (title, _, alternative) = f.words();
                Flag {
                    id: *f,
                    title,
                    alternative,
                }
            })
            .collect(),
    }
}

/// Print the prospects.
///
/// # Errors
/// When a prospect's file cannot be read, or stdout cannot take the output.
pub fn run(ctx: &Context, json: bool) -> Result<ExitCode, Failure> {
    let mut list = Vec::new();
    for (p, s) in ctx
        .mine()
        .filter(|(p, _)| p.lifecycle == Lifecycle::Recruit)
    {
        let file = ctx.store.load_file(p.id)?;
        let scorecard = match (&file.scorecard, &s.lifecycle.qualification) {
            (Some(c), Some(q)) => Some(card(c, q)),
            _ => None,
        };
        list.push(Prospect {
            id: p.id,
            name: p.name.clone(),
            owner: crate::domain::owners::person(&p.owner, &ctx.config.owners).to_string(),
            days_in_recruit: s.lifecycle.clock.days,
            stage_over_plan: s.lifecycle.clock.over_plan(),
            scorecard,
        });
    }
    list.sort_by(|a, b| {
        let total = |p: &Prospect| p.scorecard.as_ref().map(|c| c.total);
        total(b).cmp(&total(a)).then_with(|| a.name.cmp(&b.name))
    });
    if json {
        return super::json::print("prospects", &super::json::list("prospects", &list));
    }
    let mut out = format!(
        "Prospects · {} · {} at recruit, best scorecard first\n",
        day_year(ctx.today),
        list.len()
    );
    for p in &list {
        let name = display_safe(&p.name);
        match &p.scorecard {
            Some(c) => {
                let _ = write!(out, "\n{name}  {}/35 {}", c.total, c.reading_words);
                if let Some(r) = c.revisit {
                    let _ = write!(out, " (revisit {})", day_year(r));
                }
                let _ = writeln!(out, "  [{}]", display_safe(&p.owner));
                let scores: Vec<String> = DIMENSIONS
                    .iter()
                    .map(|d| format!("{} {}", d.title, c.scores.get(d.key).copied().unwrap_or(0)))
                    .collect();
                let _ = writeln!(
                    out,
                    "  scored {}: {}",
                    day_year(c.scored),
                    scores.join(" · ")
                );
                for f in &c.red_flags {
                    let _ = writeln!(out, "  ⚑ {} → {}", f.title, f.alternative);
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "\n{name}  not scored · {} days in recruit  [{}]",
                    p.days_in_recruit,
                    display_safe(&p.owner)
                );
            }
        }
    }
    if list.is_empty() {
        out.push_str("\nnone: a partner at lifecycle recruit is a prospect\n");
    }
    output::print(&out)
}
