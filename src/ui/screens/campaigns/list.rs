//! Drawing the campaigns list: a summary line, the column header, the rows,
//! and the selected campaign's next task under them. Columns drop from the
//! right on narrow screens (type, next task), the campaign name gives way
//! first.

use std::fmt::Write as _;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{CampaignsState, FOOTER_LINES, HEADER_LINES};
use crate::domain::book::CampaignStatus;
use crate::domain::campaigns::{CampaignRow, launch_when};
use crate::domain::format::{day, due, plural};
use crate::ui::screen::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad, pad_left};
use unicode_width::UnicodeWidthStr as _;

fn text_width(s: &str) -> usize {
    s.width()
}

/// Widths of the columns for a body `width` columns wide.
struct Columns {
    when: usize,
    name: usize,
    partner: usize,
    /// 0: not shown.
    kind: usize,
    done: usize,
    next: usize,
}

impl Columns {
    /// `longest` is the widest (campaign name, partner name) among the rows
    /// on screen: the partner column grows to its longest name where the
    /// campaign names leave room, and shrinks below its default only when
    /// the campaign names need the space.
    fn for_width(width: usize, longest: (usize, usize)) -> Columns {
        let wide = width >= 120;
        let (when, partner, kind, done, next) = if wide {
            (10, 22, 18, 10, 32)
        } else {
            (7, 14, 0, 4, 0)
        };
        // launch 8, status 9, overdue 3, the gaps between columns.
        let fixed = 1 + 8 + 1 + when + 1 + 1 + 1 + 9 + 1 + done + 1 + 3;
        let extra = if wide {
            1 + kind + 2 + MDF_W + 2 + next
        } else {
            0
        };
        let room = width.saturating_sub(fixed + extra);
        let (name_wants, partner_wants) = (longest.0.max(8), longest.1.max("Partner".len()));
        let partner = partner_wants
            .min(room.saturating_sub(name_wants).max(partner))
            .min(room.saturating_sub(8));
        let name = room.saturating_sub(partner).max(8);
        Columns {
            when,
            name,
            partner,
            kind,
            done,
            next,
        }
    }
}

fn launch_text(r: &CampaignRow, ctx: &Ctx) -> String {
    if r.launch.year() == ctx.model.today.year() {
        r.launch.format("%d %b").to_string()
    } else {
        r.launch.format("%b %Y").to_string()
    }
}

fn status_style(status: CampaignStatus, t: &Theme) -> Style {
    match status {
        CampaignStatus::Live => t.good,
        CampaignStatus::Planning => t.base,
        CampaignStatus::Done | CampaignStatus::Cancelled => t.dim,
    }
}

/// The MDF column: our budget and the ROI it brought (`$5K 6.4×`).
const MDF_W: usize = 11;

fn row_line(r: &CampaignRow, cols: &Columns, ctx: &Ctx) -> Line<'static> {
    let t = ctx.theme;
    let done = if cols.done >= 10 {
        format!("{}/{} {}%", r.done, r.total, r.percent)
    } else {
        format!("{}%", r.percent)
    };
    let overdue = if r.overdue > 0 {
        Span::styled(pad_left(&format!("!{}", r.overdue), 3), t.late)
    } else {
        Span::styled(pad_left("0", 3), t.dim)
    };
    let mut spans = vec![
        Span::raw(" "),
        Span::raw(pad(&launch_text(r, ctx), 8)),
        Span::raw(" "),
        Span::styled(
            pad(&launch_when(r.launch, ctx.model.today), cols.when),
            t.dim,
        ),
        Span::raw(" "),
        Span::raw(pad(&r.name, cols.name)),
        Span::raw(" "),
        Span::raw(pad(&r.partner, cols.partner)),
        Span::raw(" "),
    ];
    if cols.kind > 0 {
        spans.push(Span::styled(pad(r.kind.as_str(), cols.kind), t.dim));
        spans.push(Span::raw(" "));
    }
    spans.extend([
        Span::styled(pad(r.status.as_str(), 9), status_style(r.status, t)),
        Span::raw(" "),
        Span::raw(pad_left(&done, cols.done)),
        Span::raw(" "),
        overdue,
    ]);
    if cols.next > 0 {
        let mdf = if r.budget_ours > 0 {
            format!(
                "{} {}",
                crate::domain::format::money(r.budget_ours, &ctx.model.config.currency),
                r.roi().unwrap_or_else(|| "—".into())
            )
        } else {
            String::new()
        };
        spans.push(Span::raw("  "));
        spans.push(Span::raw(pad_left(&mdf, MDF_W)));
        let next = r.next.as_ref().map_or_else(String::new, |(title, d)| {
            format!("{} {title}", d.format("%d %b"))
        });
        spans.push(Span::raw("  "));
        spans.push(Span::raw(fit(&next, cols.next)));
    }
    Line::from(spans)
}

fn header_line(cols: &Columns, t: &Theme) -> Line<'static> {
    let mut text = format!(
        " {} {} {} {} ",
        pad("Launch", 8),
        pad("When", cols.when),
        pad("Campaign", cols.name),
        pad("Partner", cols.partner)
    );
    if cols.kind > 0 {
        text.push_str(&pad("Type", cols.kind));
        text.push(' ');
    }
    let _ = write!(
        text,
        "{} {} {}",
        pad("Status", 9),
        pad_left("Done", cols.done),
        pad_left("Ovd", 3)
    );
    if cols.next > 0 {
        text.push_str("  ");
        text.push_str(&pad_left("MDF · ROI", MDF_W));
        text.push_str("  ");
        text.push_str(&pad("Next due", cols.next));
    }
    Line::from(Span::styled(text, t.header))
}

/// `14 campaigns · 3 live · 5 planning · 9 tasks overdue   filter: … partner=…`
fn summary_line(state: &CampaignsState, ctx: &Ctx) -> Line<'static> {
    let t = ctx.theme;
    let rows = &ctx.model.campaigns;
    let count = |s: CampaignStatus| rows.iter().filter(|r| r.status == s).count();
    let overdue: usize = rows
        .iter()
        .filter(|r| matches!(r.status, CampaignStatus::Planning | CampaignStatus::Live))
        .map(|r| r.overdue)
        .sum();
    let mut spans = vec![
        Span::styled(
            format!(
                " {}",
                plural(
                    i64::try_from(rows.len()).unwrap_or(i64::MAX),
                    "campaign",
                    "campaigns"
                )
            ),
            t.title,
        ),
        Span::styled(" · ", t.dim),
        Span::styled(format!("{} live", count(CampaignStatus::Live)), t.good),
        Span::styled(" · ", t.dim),
        Span::raw(format!("{} planning", count(CampaignStatus::Planning))),
        Span::styled(" · ", t.dim),
        Span::styled(
            format!(
                "{} overdue",
                plural(i64::try_from(overdue).unwrap_or(i64::MAX), "task", "tasks")
            ),
            if overdue > 0 { t.late } else { t.dim },
        ),
    ];
    if let Some(mdf) = mdf_used(ctx) {
        spans.push(Span::styled(" · ", t.dim));
        spans.push(Span::raw(mdf));
    }
    let facets = state.describe_facets();
    if !state.filter.is_empty() || !facets.is_empty() {
        let mut shown = format!("   {} shown", state.visible.len());
        if !state.filter.is_empty() {
            let _ = write!(shown, " · filter: {}", fit(&state.filter, 20));
        }
        if !facets.is_empty() {
            let _ = write!(shown, " · {}", fit(&facets, 48));
        }
        spans.push(Span::styled(shown, t.key));
    }
    Line::from(spans)
}

/// `MDF 2026 $18K of $310K (5%, target 80%+)`: our budgets of campaigns
/// launching this year (cancelled ones left out) against the allotments of
/// the partners' tiers; None when no partner has an allotment.
fn mdf_used(ctx: &Ctx) -> Option<String> {
    use chrono::Datelike;
    let cfg = &ctx.model.config;
    let year = ctx.model.today.year();
    let allotted: i64 = ctx
        .model
        .rows
        .iter()
        .filter(|p| !p.archived)
        .filter_map(|p| cfg.mdf.of(p.tier).map(|a| a.annual))
        .sum();
    if allotted <= 0 {
        return None;
    }
    let spent: i64 = ctx
        .model
        .campaigns
        .iter()
        .filter(|r| r.status != CampaignStatus::Cancelled && r.launch.year() == year)
        .map(|r| r.budget_ours.max(0))
        .sum();
    let pct = spent.saturating_mul(100) / allotted;
    Some(format!(
        "MDF {year} {} of {} ({pct}%, target {}%+)",
        crate::domain::format::money(spent, &cfg.currency),
        crate::domain::format::money(allotted, &cfg.currency),
        cfg.mdf.utilization_target_pct
    ))
}

/// `▸ next: Dry run with speakers · due Thu 19 Nov (4d late) · 2 overdue · owner Dana`
fn selected_line(state: &CampaignsState, ctx: &Ctx, width: usize) -> Line<'static> {
    let t = ctx.theme;
    let Some(r) = state.selected(ctx.model) else {
        return Line::from("");
    };
    let text = match &r.next {
        Some((title, d)) => format!(
            " ▸ next: {title} · due {} ({}) · {} overdue · owner {}",
            day(*d),
            due(*d, ctx.model.today),
            r.overdue,
            r.owner
        ),
        None => format!(" ▸ every task done · owner {}", r.owner),
    };
    let style = if r.next.as_ref().is_some_and(|(_, d)| *d < ctx.model.today) {
        t.late
    } else {
        t.dim
    };
    Line::from(Span::styled(fit(&text, width), style))
}

pub fn render(state: &CampaignsState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let t = ctx.theme;
    let width = usize::from(area.width);
    let height = usize::from(area.height.saturating_sub(HEADER_LINES + FOOTER_LINES));
    let first = state.cursor.view_offset(state.visible.len(), height);
    let longest = state
        .visible
        .iter()
        .skip(first)
        .take(height)
        .map(|&i| &ctx.model.campaigns[i])
        .fold((0, 0), |(name, partner), r| {
            (
                name.max(text_width(&r.name)),
                partner.max(text_width(&r.partner)),
            )
        });
    let cols = Columns::for_width(width, longest);
    let mut lines = vec![summary_line(state, ctx), header_line(&cols, t)];
    if ctx.model.campaigns.is_empty() {
        lines.push(Line::from(Span::styled(
            "   No campaigns in this book yet.",
            t.dim,
        )));
    } else if state.visible.is_empty() {
        lines.push(Line::from(Span::styled(
            "   No campaign matches the filter (Esc clears it, F the facets).",
            t.dim,
        )));
    }
    for (pos, &i) in state.visible.iter().enumerate().skip(first).take(height) {
        let r = &ctx.model.campaigns[i];
        let line = row_line(r, &cols, ctx);
        lines.push(if pos == state.cursor.selected {
            line.patch_style(t.selected)
        } else {
            line
        });
    }
    while lines.len() < usize::from(area.height.saturating_sub(FOOTER_LINES)) {
        lines.push(Line::from(""));
    }
    lines.push(selected_line(state, ctx, width));
    Paragraph::new(lines).render(area, buf);
}
