//! `partnerdeck program [--json]`: the playbook's program metrics, each
//! with its value now and a year ago, target and ✓/✗, and why
//! (docs/rules.md, "Program numbers"; `domain::program`).

use std::fmt::Write as _;
use std::process::ExitCode;

use super::context::ScreensContext;
use super::{Failure, output};
use crate::domain::format::money;
use crate::domain::program::Report;
use crate::domain::text::{display_safe, pad};

/// The table's columns: metric, basis, now, a year ago, target.
const WIDTHS: [usize; 5] = [28, 30, 8, 12, 10];

/// The report as the table and its reasons.
#[must_use]
pub fn text(r: &Report, currency: &str) -> String {
    let mut out = format!(
        "{}{}{}{}{}\n",
        pad(&format!("Program · {}", r.window), WIDTHS[0] + WIDTHS[1]),
        pad("now", WIDTHS[2]),
        pad("a year ago", WIDTHS[3]),
        pad("target", WIDTHS[4]),
        ""
    );
    for m in &r.metrics {
        let row = format!(
            "{}{}{}{}{}{}",
            pad(&m.title, WIDTHS[0]),
            pad(&display_safe(&m.basis), WIDTHS[1]),
            pad(&m.shown(m.now, currency), WIDTHS[2]),
            pad(&m.shown(m.year_ago, currency), WIDTHS[3]),
            pad(&m.target, WIDTHS[4]),
            m.mark(),
        );
        let _ = writeln!(out, "{}{}", row.trim_end(), short_note(&m.note));
    }
    let tiers: Vec<String> = r
        .per_tier
        .iter()
        .rev()
        .filter_map(|t| {
            t.per_active.map(|v| {
                format!(
                    "{} {} ({} active)",
                    t.tier.title(),
                    money(v, currency),
                    t.active
                )
            })
        })
        .collect();
    if !tiers.is_empty() {
        let _ = writeln!(
            out,
            "\nRevenue per active partner by tier: {}",
            tiers.join(" · ")
        );
    }
    out.push('\n');
    for m in &r.metrics {
        let _ = writeln!(
            out,
            "{} {}",
            if m.mark().is_empty() { "·" } else { m.mark() },
            display_safe(&m.reason)
        );
    }
    out
}

/// `  · 3 past 90 days` beside a row; the long instruction stays in the reason.
fn short_note(note: &str) -> String {
    if note.is_empty() || note == crate::domain::program::ENTER_COMPANY_REVENUE {
        String::new()
    } else {
        format!("  · {note}")
    }
}

/// Print the program's metrics.
///
/// # Errors
/// When the book cannot be read, or stdout cannot take the output.
pub fn run(ctx: &ScreensContext, json: bool) -> Result<ExitCode, Failure> {
    if json {
        let r = crate::analyse::program_report(&ctx.store, ctx.today, &ctx.config)?;
        return super::json::print("program", &r);
    }
    let r = crate::analyse::program_metrics(&ctx.store, ctx.today, &ctx.config)?;
    output::print(&text(&r, &ctx.config.currency))
}
