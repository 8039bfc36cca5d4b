//! `partnerdeck partners`: the book as a table.

use std::process::ExitCode;

use serde::Serialize;

use super::table::{Align, render};
use super::{Context, Failure, output};
use crate::domain::book::{PartnerType, Segment, Tier};
use crate::domain::health::Band;
use crate::domain::segments::segment_title;
use crate::domain::text::cell;

/// The widest a partner name may print; longer names end in `…` so one long
/// name does not push every other column off the screen.
const NAME_WIDTH: usize = 40;
/// The widest an owner may print.
const OWNER_WIDTH: usize = 24;

/// One partner; labels are written as the book writes them (`at_risk`).
#[derive(Serialize)]
struct Row<'a> {
    id: i64,
    name: &'a str,
    #[serde(rename = "type")]
    kind: PartnerType,
    tier: Tier,
    owner: &'a str,
    health: u32,
    band: Band,
    /// Change over `delta_days` (the config's trend window).
    delta: i32,
    delta_days: i64,
    segment: Segment,
    progress_percent: u32,
    next_tier: Option<Tier>,
    progress: String,
    /// The tier being lost, when it is: `Gold: grace 1/2`, `▼ Gold: downgrade due`.
    maintenance: Option<String>,
    last_touch_days: Option<i64>,
    touch_overdue: bool,
}

/// Print every partner that is not archived.
///
/// # Errors
/// Only if stdout cannot take JSON.
pub fn run(ctx: &Context, json: bool) -> Result<ExitCode, Failure> {
    let rows: Vec<Row<'_>> = ctx
        .live()
        .map(|(p, s)| Row {
            id: p.id,
            name: &p.name,
            kind: p.kind,
            tier: p.tier,
            owner: &p.owner,
            health: s.health.score,
            band: s.health.band,
            delta: s.trend.delta,
            delta_days: ctx.config.trend.delta_days,
            segment: s.segment,
            progress_percent: s.tier.progress.percent,
            next_tier: s.tier.progress.next,
            progress: s.tier.progress.short(),
            maintenance: s.tier.maintenance(),
            last_touch_days: s.touch.days_since,
            touch_overdue: s.touch.overdue,
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&rows)
            .map_err(|e| Failure::command(format!("cannot write JSON: {e}")))?;
        return output::print(&format!("{text}\n"));
    }
    if rows.is_empty() {
        return output::print(
            "The book has no partners yet. Try `partnerdeck demo`, or `partnerdeck import FILE`.\n",
        );
    }
    let delta_title = format!("{}d", ctx.config.trend.delta_days);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                cell(r.name, NAME_WIDTH),
                r.kind.to_string(),
                r.tier.title().to_string(),
                r.health.to_string(),
                r.band.title().to_string(),
                format!("{:+}", r.delta),
                // A partner losing its tier shows that, not its way up.
                r.maintenance.clone().unwrap_or_else(|| r.progress.clone()),
                segment_title(r.segment).to_string(),
                r.last_touch_days
                    .map_or("never".into(), |d| format!("{d}d")),
                cell(r.owner, OWNER_WIDTH),
            ]
        })
        .collect();
    output::print(&render(
        &[
            ("Partner", Align::Left),
            ("Type", Align::Left),
            ("Tier", Align::Left),
            ("Health", Align::Right),
            ("Band", Align::Left),
            (delta_title.as_str(), Align::Right),
            ("Tier progress", Align::Left),
            ("Segment", Align::Left),
            ("Last touch", Align::Right),
            ("Owner", Align::Left),
        ],
        &cells,
    ))
}
