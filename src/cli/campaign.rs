//! `partnerdeck campaign list [--json]` and `campaign ics NAME [-o FILE]`:
//! every campaign across partners, and a campaign's tasks as a calendar.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::table::{Align, render};
use super::{Context, Failure, output};
use crate::domain::campaigns::{CampaignRow, launch_when};
use crate::domain::format::day_year;
use crate::domain::search::{Query, closest_name, name_key, search_key};
use crate::domain::text::{cell, display_safe};

const NAME_WIDTH: usize = 36;
const PARTNER_WIDTH: usize = 28;
const NEXT_WIDTH: usize = 36;

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    row: &'a CampaignRow,
    /// `in 5w`, `W+1 now`.
    when: String,
}

/// Print the campaigns of the manager's partners (`--owner`, else `me`;
/// every partner with `--everyone`) that are not archived: what is next
/// first (by the next open task's due date), then the rest by launch.
///
/// # Errors
/// Only if stdout cannot take the output.
pub fn list(ctx: &Context, json: bool) -> Result<ExitCode, Failure> {
    let mut rows = ctx.store.campaign_rows(ctx.today)?;
    if let Some(me) = &ctx.owner {
        rows.retain(|r| crate::domain::owners::same_person(&r.owner, me, &ctx.config.owners));
    }
    rows.sort_by_key(|r| {
        (
            r.next
                .as_ref()
                .map_or(chrono::NaiveDate::MAX, |(_, due)| *due),
            r.launch,
            r.id,
        )
    });
    let rows = &rows;
    if json {
        let doc: Vec<Row<'_>> = rows
            .iter()
            .map(|row| Row {
                row,
                when: launch_when(row.launch, ctx.today),
            })
            .collect();
        return super::json::print("campaigns", &super::json::list("campaigns", &doc));
    }
    if rows.is_empty() {
        return output::print("no campaigns in this book\n");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.launch.format("%Y-%m-%d").to_string(),
                launch_when(r.launch, ctx.today),
                cell(&r.name, NAME_WIDTH),
                cell(&r.partner, PARTNER_WIDTH),
                r.kind.to_string(),
                r.status.to_string(),
                format!("{}/{} {}%", r.done, r.total, r.percent),
                r.overdue.to_string(),
                r.next.as_ref().map_or_else(String::new, |(title, due)| {
                    format!("{} {}", due.format("%d %b"), cell(title, NEXT_WIDTH))
                }),
            ]
        })
        .collect();
    let table = render(
        &[
            ("Launch", Align::Left),
            ("When", Align::Left),
            ("Campaign", Align::Left),
            ("Partner", Align::Left),
            ("Type", Align::Left),
            ("Status", Align::Left),
            ("Done", Align::Right),
            ("Overdue", Align::Right),
            ("Next due", Align::Left),
        ],
        &cells,
    );
    output::print(&table)
}

/// The campaign called `name` (ignoring case), of the partner called
/// `partner` if given.
fn find(ctx: &Context, name: &str, partner: Option<&str>) -> Result<CampaignRow, Failure> {
    let rows = ctx.store.campaign_rows(ctx.today)?;
    let wanted = name_key(name);
    let of_partner = |r: &&CampaignRow| partner.is_none_or(|p| name_key(&r.partner) == name_key(p));
    let mut matches: Vec<&CampaignRow> = rows
        .iter()
        .filter(|r| name_key(&r.name) == wanted)
        .filter(of_partner)
        .collect();
    // Else a part of a name, found the way `/` finds it (every word,
    // accents and case aside; the em dash need not be typed), when it
    // names one campaign name.
    if matches.is_empty() {
        let query = Query::new(name);
        let holding: Vec<&CampaignRow> = rows
            .iter()
            .filter(|r| query.matches(&search_key(&r.name)))
            .filter(of_partner)
            .collect();
        // One campaign, or campaigns of one name (then --partner says which).
        if holding
            .windows(2)
            .all(|w| name_key(&w[0].name) == name_key(&w[1].name))
        {
            matches = holding;
        }
    }
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let hint = closest_name(&rows.iter().map(|r| r.name.as_str()), name)
                .map(|n| format!(" (did you mean '{}'?)", display_safe(n)))
                .unwrap_or_default();
            Err(Failure::command(format!(
                "no campaign named '{}'{hint}",
                display_safe(name)
            )))
        }
        many => {
            let partners: Vec<String> = many
                .iter()
                .map(|r| display_safe(&r.partner).into_owned())
                .collect();
            Err(Failure::command(format!(
                "{} campaigns are named '{}' ({}); say which with --partner NAME",
                many.len(),
                display_safe(name),
                partners.join(", ")
            )))
        }
    }
}

/// Write a campaign's tasks as iCalendar to `out` (atomically), or to
/// stdout without `-o`.
///
/// # Errors
/// No such campaign (with "did you mean"), or the file cannot be written
/// (a previous file is then unchanged), or it is the book itself.
pub fn ics(
    ctx: &Context,
    name: &str,
    partner: Option<&str>,
    out: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let row = find(ctx, name, partner)?;
    let file = ctx.store.load_file(row.partner_id)?;
    let campaign = file
        .campaigns
        .iter()
        .find(|c| c.id == row.id)
        .ok_or_else(|| Failure::command("the campaign changed while it was read; try again"))?;
    let text = crate::domain::ics::calendar(&ctx.store.book_id()?, &file.partner, campaign);
    let Some(path) = out else {
        return output::print(&text);
    };
    output::write_file(path, ctx.store.path(), "write", text.as_bytes())?;
    output::note(&format!(
        "wrote {} tasks of '{}' ({}, launch {}) to {}",
        campaign.tasks.len(),
        display_safe(&campaign.name),
        display_safe(&file.partner.name),
        day_year(campaign.launch),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct BudgetDoc<'a> {
    partner_id: i64,
    partner: &'a str,
    tier: crate::domain::book::Tier,
    #[serde(flatten)]
    suggestion: &'a crate::domain::budget::Suggestion,
    mdf: &'a crate::domain::mdf::Standing,
}

/// Print the budget the Co-Marketing Investment Formula suggests for a
/// campaign with `name`'s partner, each factor with where it comes from,
/// and the partner's MDF this year and quarter.
///
/// # Errors
/// No such partner (with the close names), or stdout cannot take it.
pub fn budget(ctx: &Context, name: &str, json: bool) -> Result<ExitCode, Failure> {
    let (partner, _) = ctx.find(name)?;
    let file = ctx.store.load_file(partner.id)?;
    let s = crate::domain::budget::suggest(&file, ctx.today, &ctx.config);
    let mdf = crate::domain::mdf::standing(&file, ctx.today, &ctx.config);
    if json {
        return super::json::print(
            "budget",
            &BudgetDoc {
                partner_id: partner.id,
                partner: &partner.name,
                tier: partner.tier,
                suggestion: &s,
                mdf: &mdf,
            },
        );
    }
    let cur = ctx.config.currency.as_str();
    let b = &ctx.config.budget;
    let tier = partner.tier.title();
    let quality = if s.won + s.lost == 0 {
        format!("no deal closed in the last 12 months → {}", b.pipeline_none)
    } else {
        format!(
            "{} won of {} closed in the last 12 months → {} + {} × {}/{}",
            s.won,
            s.won + s.lost,
            b.pipeline_min,
            b.pipeline_span,
            s.won,
            s.won + s.lost
        )
    };
    let text = format!(
        "Suggested co-marketing budget for {} ({tier}): {}\n\
         \x20 tier base        {}  {tier}'s quarterly MDF cap\n\
         \x20 lead quality     {}×  {quality}\n\
         \x20 strategic value  {}×  score {} ({}) → {} + {} × {}/100\n\
         \x20 {}\n\
         MDF {}\n",
        display_safe(&partner.name),
        crate::domain::commission::exact(s.amount, cur),
        crate::domain::commission::exact(s.tier_base, cur),
        s.pipeline_potential,
        s.strategic_value,
        s.strategic_score,
        s.strategic_parts,
        b.strategic_min,
        b.strategic_span,
        s.strategic_score,
        s.text,
        mdf.text
    );
    output::print(&text)
}
