//! `partnerdeck partners`: the book as a table.

use std::collections::HashMap;
use std::process::ExitCode;

use chrono::NaiveDate;

use serde::Serialize;

use super::args::SortBy;
use super::table::{Align, render};
use super::{Failure, ScreensContext, output};
use crate::domain::book::{PartnerType, Segment, Tier};
use crate::domain::health::Band;
use crate::domain::import::neutralise;
use crate::domain::lifecycle;
use crate::domain::list_row::ListRow;
use crate::domain::search::name_key;
use crate::domain::segments::segment_title;
use crate::domain::text::{cell, display_safe};

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
    kind: Option<PartnerType>,
    tier: Tier,
    owner: &'a str,
    health: u32,
    band: Band,
    /// Change over `delta_days` (the config's trend window).
    delta: i32,
    delta_days: i64,
    segment: Segment,
    /// The segment as screens name it (`rescue` for `at_risk`).
    segment_label: &'static str,
    progress_percent: u32,
    next_tier: Option<Tier>,
    progress: String,
    /// The tier being lost, when it is: `Gold: grace 1/2`, `▼ Gold: downgrade due`.
    maintenance: Option<String>,
    last_touch_days: Option<i64>,
    touch_overdue: bool,
    /// Partner-sourced revenue, trailing 12 months.
    sourced_arr: i64,
    /// Sourced + influenced revenue, trailing 12 months.
    t12m_revenue: i64,
    /// Lifecycle stage, days in it, and whether that is past its plan.
    stage: crate::domain::book::Lifecycle,
    days_in_stage: i64,
    stage_over_plan: bool,
    /// When it joined, and whether that was under `lifecycle.new_days` ago.
    joined: NaiveDate,
    new: bool,
}

/// Order the rows the way a manager reads each column: worst health first,
/// biggest fall first, most days since a touch first; ties by name.
fn sort(rows: &mut [&ListRow], by: SortBy) {
    rows.sort_by_cached_key(|r| {
        let key: i64 = match by {
            SortBy::Name => 0,
            SortBy::Health => i64::from(r.score),
            SortBy::Delta => i64::from(r.delta),
            SortBy::Progress => crate::domain::tiers::progress_order(r.next_tier, r.progress),
            SortBy::Touch => -r.days_since_touch.unwrap_or(i64::MAX / 2),
            SortBy::Tier => -i64::try_from(r.tier.index()).unwrap_or(0),
            SortBy::Revenue => -r.t12m_revenue(),
        };
        (key, name_key(&r.name))
    });
}

/// The rows as CSV (RFC 4180: fields with a comma, quote or line break are
/// quoted), with the labels as the book writes them; a text cell a
/// spreadsheet would run as a formula is neutralised as `export --csv`
/// does (`domain::import::neutralise`).
fn csv(rows: &[Row<'_>]) -> String {
    let field = |s: &str| {
        let s = neutralise(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from(
        "id,name,type,tier,owner,health,band,delta,segment,progress_percent,next_tier,last_touch_days,touch_overdue,sourced_arr,t12m_revenue\n",
    );
    for r in rows {
        let cells = [
            r.id.to_string(),
            field(&display_safe(r.name)),
            r.kind
                .map(PartnerType::as_str)
                .unwrap_or_default()
                .to_string(),
            r.tier.to_string(),
            field(&display_safe(r.owner)),
            r.health.to_string(),
            r.band.to_string(),
            r.delta.to_string(),
            r.segment.to_string(),
            r.progress_percent.to_string(),
            r.next_tier.map(|t| t.to_string()).unwrap_or_default(),
            r.last_touch_days.map(|d| d.to_string()).unwrap_or_default(),
            r.touch_overdue.to_string(),
            r.sourced_arr.to_string(),
            r.t12m_revenue.to_string(),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// What `partners` shows: the filters and the order.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub band: Option<Band>,
    pub tier: Option<Tier>,
    pub sort: Option<SortBy>,
}

impl Query {
    /// From the flags; a band or tier that is not one says which are.
    ///
    /// # Errors
    /// Exit 2 with the words that are accepted.
    pub fn parse(
        band: Option<&str>,
        tier: Option<&str>,
        sort: Option<SortBy>,
    ) -> Result<Query, Failure> {
        let band = band
            .map(|b| {
                b.trim()
                    .to_lowercase()
                    .replace(['-', ' '], "_")
                    .parse::<Band>()
            })
            .transpose()
            .map_err(|e| Failure::setup(format!("--band: {e}")))?;
        let tier = tier
            .map(|t| t.trim().to_lowercase().parse::<Tier>())
            .transpose()
            .map_err(|e| Failure::setup(format!("--tier: {e}")))?;
        Ok(Query { band, tier, sort })
    }
}

/// Output format of `partners`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Print the partners in scope (not archived; the owner's when one is set),
/// from their list rows (scored first on a new day).
///
/// # Errors
/// When the book cannot be read, or stdout cannot take JSON.
pub fn run(ctx: &ScreensContext, query: &Query, format: Format) -> Result<ExitCode, Failure> {
    let mut picked: Vec<&ListRow> = ctx
        .rows()
        .iter()
        .filter(|r| {
            ctx.in_scope(r)
                && query.band.is_none_or(|b| r.band == b)
                && query.tier.is_none_or(|t| r.tier == t)
        })
        .collect();
    // Without --sort, as the cockpit lists them: health, worst first.
    sort(&mut picked, query.sort.unwrap_or(SortBy::Health));
    // When each joined comes from its record (the rows do not keep it).
    let joined: HashMap<i64, NaiveDate> = if format == Format::Json {
        ctx.store
            .load_partners()?
            .iter()
            .map(|p| (p.id, lifecycle::joined(p, ctx.today)))
            .collect()
    } else {
        HashMap::new()
    };
    let rows: Vec<Row<'_>> = picked
        .into_iter()
        .map(|r| Row {
            id: r.id,
            name: &r.name,
            kind: r.kind,
            tier: r.tier,
            owner: crate::domain::owners::person(&r.owner, &ctx.config.owners),
            health: r.score,
            band: r.band,
            delta: r.delta,
            delta_days: ctx.config.trend.delta_days,
            segment: r.segment,
            segment_label: segment_title(r.segment),
            progress_percent: r.progress,
            next_tier: r.next_tier,
            progress: r.progress_short(),
            maintenance: r.maintenance.clone(),
            last_touch_days: r.days_since_touch,
            touch_overdue: r.touch_overdue,
            sourced_arr: r.t12m_sourced,
            t12m_revenue: r.t12m_revenue(),
            stage: r.stage,
            days_in_stage: r.stage_days,
            stage_over_plan: r.stage_over_plan,
            joined: joined.get(&r.id).copied().unwrap_or(ctx.today),
            new: r.new,
        })
        .collect();
    match format {
        Format::Json => {
            return super::json::print("partners", &super::json::list("partners", &rows));
        }
        Format::Csv => return output::print(&csv(&rows)),
        Format::Table => {}
    }
    if rows.is_empty() {
        return output::print(if ctx.rows().is_empty() {
            "The book has no partners yet. Try `partnerdeck demo`, or `partnerdeck import FILE`.\n"
        } else {
            "No partner matches (try --everyone, or another --owner, --band or --tier).\n"
        });
    }
    let delta_title = format!("{}d", ctx.config.trend.delta_days);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                cell(r.name, NAME_WIDTH),
                PartnerType::name_of(r.kind).to_string(),
                r.tier.title().to_string(),
                r.health.to_string(),
                if r.new {
                    "new".to_string()
                } else {
                    r.band.title().to_string()
                },
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
