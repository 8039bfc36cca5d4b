//! `partnerdeck today`: the morning triage as text.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{Context, Failure, output};
use crate::domain::format::day_year;
use crate::domain::text::display_safe;
use crate::domain::today::{Section, Subject};
use crate::domain::triage::assemble;

/// Print Today.
///
/// # Errors
/// Only if stdout cannot take JSON.
pub fn run(ctx: &Context, json: bool) -> Result<ExitCode, Failure> {
    let sections = assemble(ctx.live().flat_map(|(_, s)| &s.today), &ctx.config);
    if json {
        let text = serde_json::to_string_pretty(&sections)
            .map_err(|e| Failure::command(format!("cannot write JSON: {e}")))?;
        return output::print(&format!("{text}\n"));
    }
    let partners = ctx.live().count();
    output::print(&today_text(
        &sections,
        &format!(
            "Today · {} · book: {} ({partners} partners)",
            day_year(ctx.today),
            ctx.book_name()
        ),
    ))
}

/// Every section with its count; empty sections say so in one line. User
/// text (names, titles, owners) is made display-safe.
#[must_use]
pub fn today_text(sections: &[Section], heading: &str) -> String {
    let mut out = format!("{}\n", display_safe(heading));
    for s in sections {
        let _ = writeln!(out, "\n{} ({})", s.title, s.items.len());
        if s.items.is_empty() {
            let _ = writeln!(out, "  nothing");
        }
        for i in &s.items {
            // Partner lines lead with the name; task lines already carry it.
            let subject = if matches!(i.subject, Subject::Partner { .. }) {
                format!("{} · {}", display_safe(&i.partner), display_safe(&i.title))
            } else {
                display_safe(&i.title).into_owned()
            };
            let _ = writeln!(
                out,
                "  {:<4} {subject}  [{}]  {}",
                i.tag,
                display_safe(&i.owner),
                display_safe(&i.detail)
            );
        }
    }
    out
}
