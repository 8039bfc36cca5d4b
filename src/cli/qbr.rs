//! `partnerdeck qbr list [--json]` and `qbr export NAME [--date D] [-o FILE]`:
//! the QBR board and a QBR's agenda as Markdown (the workspace's preview).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::table::{Align, render};
use super::{Context, Failure, output};
use crate::domain::agenda::{Audience, agenda_for};
use crate::domain::book::{PartnerFile, Qbr, QbrStatus};
use crate::domain::format::day;
use crate::domain::qbr::window_start;
use crate::domain::qbr_board::{Board, DueQbr, QbrLine, board};
use crate::domain::segments::segment_title;
use crate::domain::text::{cell, display_safe};

/// The widest a partner name or next item may print.
const NAME_WIDTH: usize = 32;

/// The board of the book: one query for the QBR lines, the "due a QBR"
/// partners from the summaries.
///
/// # Errors
/// When the book cannot be read.
pub fn board_of(ctx: &Context) -> Result<Board, Failure> {
    let lines = ctx.store.qbr_lines(window_start(ctx.today, &ctx.config))?;
    let due = ctx
        .live()
        .filter(|(_, s)| s.qbr_needed)
        .map(|(p, s)| DueQbr {
            partner_id: p.id,
            partner: p.name.clone(),
            segment: s.segment,
        })
        .collect();
    Ok(board(lines, due, ctx.today, &ctx.config))
}

/// Print the board.
///
/// # Errors
/// When the book cannot be read or stdout cannot take the text.
pub fn list(ctx: &Context, json: bool) -> Result<ExitCode, Failure> {
    let b = board_of(ctx)?;
    if json {
        return super::json::print("qbrs", &b);
    }
    output::print(&list_text(&b, ctx.today))
}

fn list_text(b: &Board, today: NaiveDate) -> String {
    let mut rows = Vec::new();
    for (state, lines) in [
        ("upcoming", &b.upcoming),
        ("missed", &b.missed),
        ("held", &b.held),
        ("cancelled", &b.cancelled),
    ] {
        rows.extend(lines.iter().map(|l| row(state, l, today)));
    }
    let mut out = if rows.is_empty() {
        "No QBRs in the last 4 quarters or ahead.\n".to_string()
    } else {
        render(
            &[
                ("STATE", Align::Left),
                ("DATE", Align::Left),
                ("PARTNER", Align::Left),
                ("DAYS", Align::Right),
                ("PREP", Align::Right),
                ("NEXT PREP ITEM", Align::Left),
            ],
            &rows,
        )
    };
    let c = &b.completion;
    let rate = c
        .percent
        .map_or("no rate yet".to_string(), |p| format!("{p}%"));
    let _ = writeln!(
        out,
        "\nQBR completion: {rate} ({} held, {} missed) · target {}%",
        c.held, c.missed, c.target_percent
    );
    if b.due.is_empty() {
        let _ = writeln!(out, "Due a QBR: none");
    } else {
        let names: Vec<String> = b
            .due
            .iter()
            .map(|d| {
                format!(
                    "{} ({})",
                    cell(&d.partner, NAME_WIDTH),
                    segment_title(d.segment)
                )
            })
            .collect();
        let _ = writeln!(out, "Due a QBR: {}", names.join(", "));
    }
    out
}

fn row(state: &str, l: &QbrLine, today: NaiveDate) -> Vec<String> {
    let planned = l.status == QbrStatus::Planned;
    vec![
        state.to_string(),
        l.date.format("%Y-%m-%d").to_string(),
        cell(&l.partner, NAME_WIDTH),
        if planned {
            l.days_to_go(today).to_string()
        } else {
            String::new()
        },
        if planned {
            format!("{}%", l.prep_percent())
        } else {
            String::new()
        },
        if planned {
            cell(l.next_item.as_deref().unwrap_or("—"), NAME_WIDTH)
        } else {
            String::new()
        },
    ]
}

/// Which QBR `export` means: the one on `date`, else the next planned one
/// on or after today, else the latest.
fn pick(file: &PartnerFile, date: Option<NaiveDate>, today: NaiveDate) -> Option<&Qbr> {
    match date {
        Some(d) => file.qbrs.iter().find(|q| q.date == d),
        None => file
            .qbrs
            .iter()
            .filter(|q| q.status == QbrStatus::Planned && q.date >= today)
            .min_by_key(|q| q.date)
            .or_else(|| file.qbrs.iter().max_by_key(|q| (q.date, q.id))),
    }
}

/// Print or write a QBR's agenda as Markdown.
///
/// # Errors
/// No such partner or QBR, or the file cannot be written (a previous file
/// is then unchanged).
pub fn export(
    ctx: &Context,
    name: &str,
    date: Option<NaiveDate>,
    file: Option<&Path>,
    audience: Audience,
) -> Result<ExitCode, Failure> {
    let (partner, _) = ctx.find(name)?;
    let full = ctx.store.load_file(partner.id)?;
    let shown = display_safe(&partner.name);
    let Some(qbr) = pick(&full, date, ctx.today) else {
        let dates: Vec<String> = full.qbrs.iter().map(|q| q.date.to_string()).collect();
        return Err(Failure::command(match (date, dates.is_empty()) {
            (_, true) => format!("{shown} has no QBR; plan one on the QBRs screen"),
            (Some(d), false) => {
                format!("{shown} has no QBR on {d} (QBRs on: {})", dates.join(", "))
            }
            (None, false) => format!("{shown} has no QBR to export"),
        }));
    };
    let text = agenda_for(&full, qbr, ctx.today, &ctx.config, audience);
    let Some(path) = file.filter(|p| p.as_os_str() != "-") else {
        return output::print(&text);
    };
    output::write_file(path, ctx.store.path(), "write", text.as_bytes())?;
    output::note(&format!(
        "wrote the agenda of {shown}'s QBR of {} to {}",
        day(qbr.date),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}
