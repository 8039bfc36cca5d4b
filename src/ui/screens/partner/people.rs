//! Contacts (with the single-threaded warning) and recent activities (with
//! the last touch against the segment's cadence).

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Page;
use crate::domain::book::{Activity, ActivityKind};
use crate::domain::format::plural;
use crate::domain::triage::role_title;
use crate::ui::widgets::text::pad;

/// How many activities the page lists.
pub(super) const RECENT: usize = 8;

pub(super) fn contacts(page: &Page) -> Vec<Line<'static>> {
    let t = page.theme;
    let active = page.summary.active_contacts;
    let extra = if page.summary.single_threaded {
        let who = if active == 0 {
            "no active partner-side contact".to_string()
        } else {
            plural(
                i64::try_from(active).unwrap_or(i64::MAX),
                "active partner-side contact",
                "active partner-side contacts",
            )
        };
        vec![Span::styled(format!("  ⚠ single-threaded: {who}"), t.warn)]
    } else {
        vec![Span::styled(format!("  {active} active"), t.dim)]
    };
    let mut out = page.title("Contacts", extra);
    let list = &page.file.contacts;
    if list.is_empty() {
        out.push(page.none("no contacts on file"));
        return out;
    }
    let w = page.width;
    let name_w = list
        .iter()
        .map(|c| c.name.width())
        .max()
        .unwrap_or(0)
        .clamp(8, 24);
    let mut sorted: Vec<_> = list.iter().collect();
    sorted.sort_by_key(|c| (!c.active, c.id));
    for c in sorted {
        let mut cols = vec![pad(&c.name, name_w)];
        if w >= 45 {
            cols.push(pad(role_title(c.role), 17));
        }
        cols.push(pad(if c.active { "active" } else { "inactive" }, 8));
        if w >= 70 {
            cols.push(if c.email.is_empty() {
                pad("no email", 28)
            } else {
                pad(&c.email, 28)
            });
        }
        if w >= 110 && !c.phone.is_empty() {
            cols.push(c.phone.clone());
        }
        let style = if c.active { t.base } else { t.dim };
        let text = format!("   {}", cols.join("  "));
        out.push(Line::from(Span::styled(text.trim_end().to_string(), style)));
    }
    out
}

pub(super) fn activities(page: &Page) -> Vec<Line<'static>> {
    let t = page.theme;
    let touch = &page.summary.touch;
    let mut out = page.title("Recent activities", vec![]);
    let cadence = touch.cadence_days;
    let when = match touch.days_since {
        None => format!("no touch on record, cadence {cadence}d"),
        Some(0) => format!("last touch today, cadence {cadence}d"),
        Some(d) => format!("last touch {d}d ago, cadence {cadence}d"),
    };
    let (verdict, style) = if touch.overdue {
        (" — overdue", t.late)
    } else {
        (" — on track", t.good)
    };
    if 3 + when.width() + verdict.width() <= page.width {
        out.push(Line::from(vec![
            Span::raw(format!("   {when}")),
            Span::styled(verdict, style),
        ]));
    } else {
        out.extend(page.wrapped(&when, 3, 5, t.base));
        out.push(Line::from(Span::styled(format!("    {verdict}"), style)));
    }
    let list = &page.file.activities;
    if list.is_empty() {
        out.push(page.none("no activities logged"));
        return out;
    }
    let mut recent: Vec<&Activity> = list.iter().collect();
    recent.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
    for a in recent.iter().take(RECENT) {
        out.push(activity_line(page, a));
    }
    if list.len() > RECENT {
        out.push(page.none(&format!("… {} earlier", list.len() - RECENT)));
    }
    out
}

/// `   Fri 20 Nov 2026  call          Pipeline sync`
fn activity_line(page: &Page, a: &Activity) -> Line<'static> {
    let t = page.theme;
    let date = page.date(a.date);
    let kind = kind_label(a.kind);
    let kind_style = if a.kind.is_engagement() {
        t.dim
    } else {
        t.base
    };
    let mut spans = vec![Span::raw(format!("   {date}  "))];
    if page.width >= 36 {
        spans.push(Span::styled(pad(&kind, 13), kind_style));
    }
    if a.summary.trim().is_empty() {
        spans.push(Span::styled("—", t.dim));
    } else {
        spans.push(Span::raw(
            a.summary.lines().next().unwrap_or("").to_string(),
        ));
    }
    // Who it was with, when a contact was named and is still on file.
    if let Some(c) = a
        .contact
        .and_then(|id| page.file.contacts.iter().find(|c| c.id == id))
    {
        spans.push(Span::styled(format!(" · with {}", c.name), t.dim));
    }
    Line::from(spans)
}

/// `portal login`
fn kind_label(kind: ActivityKind) -> String {
    kind.as_str().replace('_', " ")
}
