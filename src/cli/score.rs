//! `partnerdeck score NAME [--explain]`: a partner's health and tier, with the math.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::{Context, Failure, output};
use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::RevenueSource;
use crate::domain::format::{money, plural};
use crate::domain::health::{DimensionChange, DimensionScore, Health, Trend};
use crate::domain::segments::segment_title;
use crate::domain::summary::PartnerSummary;
use crate::domain::text::display_safe;
use crate::domain::tiers::TierStatus;

#[derive(Serialize)]
struct ScoreJson<'a> {
    name: &'a str,
    health: &'a Health,
    trend: &'a Trend,
    tier: &'a TierStatus,
    /// The segment's id, as `partners --json` writes it (`at_risk`).
    segment: &'static str,
    /// The segment as screens name it (`rescue`).
    segment_label: &'static str,
    segment_reason: &'a str,
    /// "health over 3 of 5 dimensions: …" when the book tracks fewer than five.
    #[serde(skip_serializing_if = "Option::is_none")]
    health_note: Option<String>,
}

/// Print one partner's score.
///
/// # Errors
/// Exit 1 with "did you mean" when no partner has that name.
pub fn run(ctx: &Context, name: &str, explain: bool, json: bool) -> Result<ExitCode, Failure> {
    let (partner, summary) = ctx.find(name)?;
    if json {
        let doc = ScoreJson {
            name: &partner.name,
            health: &summary.health,
            trend: &summary.trend,
            tier: &summary.tier,
            segment: summary.segment.as_str(),
            segment_label: segment_title(summary.segment),
            segment_reason: &summary.segment_reason,
            health_note: ctx.config.coverage.note(),
        };
        return super::json::print("score", &doc);
    }
    output::print(&explain_text(partner, summary, explain, &ctx.config))
}

/// The score as text; with `explain`, every reason and the tier math. User
/// text (names, reasons that quote them) is made display-safe.
#[must_use]
pub fn explain_text(p: &Partner, s: &PartnerSummary, explain: bool, cfg: &ProgramConfig) -> String {
    let currency = cfg.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} · {} · owner {} · segment {}",
        display_safe(&p.name),
        crate::domain::book::PartnerType::name_of(p.kind),
        p.tier.title(),
        if p.owner.is_empty() {
            "—".into()
        } else {
            display_safe(&p.owner)
        },
        segment_title(s.segment)
    );
    let _ = writeln!(out, "{}", s.health_headline(cfg.trend.delta_days));
    if let Some(note) = cfg.coverage.note() {
        let _ = writeln!(out, "  {note}");
    }
    for d in &s.health.dimensions {
        let change = s.trend.changes.iter().find(|c| c.dimension == d.dimension);
        let _ = writeln!(
            out,
            "{}",
            dimension_line(d, change, cfg.trend.delta_days, explain)
        );
    }
    let t = &s.tier;
    let _ = writeln!(out, "Tier: {}", display_safe(&t.progress.label));
    if let Some(note) = cfg.coverage.tier_note() {
        let _ = writeln!(out, "  {note}");
    }
    if explain {
        if let Some(limit) = t.progress.limit_text(currency) {
            let _ = writeln!(out, "  {limit}");
        }
        let m = &t.metrics;
        let _ = writeln!(
            out,
            "  sourced ARR {} · qualified referrals {} · certified people {} (trailing 12 months{})",
            money(m.sourced_arr, currency),
            m.referrals,
            m.certified,
            if cfg.coverage.revenue && cfg.coverage.revenue_source == RevenueSource::WonDeals {
                "; ARR from won deals"
            } else {
                ""
            }
        );
        let _ = writeln!(out, "  standing: {}", t.standing_text());
        if let Some(flag) = t.provisional {
            let _ = writeln!(
                out,
                "  provisional until {} ({} days left)",
                flag.until, flag.days_left
            );
        }
        let _ = writeln!(
            out,
            "Segment: {} ({})",
            segment_title(s.segment),
            display_safe(&s.segment_reason)
        );
        let touch = s.touch.days_since.map_or("never touched".to_string(), |d| {
            format!("last touch {} ago", plural(d, "day", "days"))
        });
        let _ = writeln!(
            out,
            "Touch: {touch}, cadence {} days{}",
            s.touch.cadence_days,
            if s.touch.overdue { " — overdue" } else { "" }
        );
    }
    out
}

/// `  Activity       10/25  -10 in 30 days` and, explained, the reason and
/// what moved: `[20 → 10 in 30 days: 2 deals in 91 days, was 4]`.
fn dimension_line(
    d: &DimensionScore,
    change: Option<&DimensionChange>,
    days: i64,
    explain: bool,
) -> String {
    if !d.counted {
        return format!(
            "  {:<14}{:>3}/{:<3} {}",
            d.dimension.title(),
            "—",
            d.max,
            display_safe(&d.reason)
        );
    }
    let head = format!("  {:<14}{:>3}/{:<3}", d.dimension.title(), d.points, d.max);
    let moved = change.filter(|c| c.delta() != 0);
    let short = moved.map_or(format!("same as {days} days ago"), |c| {
        format!("{:+} in {days} days", c.delta())
    });
    if explain {
        let long = moved.map_or(format!("[unchanged in {days} days]"), |c| {
            format!(
                "[{} → {} in {days} days: {}]",
                c.before,
                c.after,
                display_safe(&c.what)
            )
        });
        format!("{head} {}  {long}", display_safe(&d.reason))
    } else {
        format!("{head} {short}")
    }
}
