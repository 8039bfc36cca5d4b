//! QBRs (next planned with prep, last held with open action items),
//! campaigns (progress and overdue tasks) and the partner's notes.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Page;
use crate::domain::book::{Campaign, CampaignStatus, Qbr, QbrStatus, Side};
use crate::domain::campaigns::progress;
use crate::domain::format::{due, plural};
use crate::domain::qbr::{is_missed, prep};
use crate::ui::widgets::bars::bar_spans;
use crate::ui::widgets::text::pad;

/// How many open action items and campaigns the page lists.
const ACTIONS: usize = 5;
const CAMPAIGNS: usize = 6;

pub(super) fn qbrs(page: &Page) -> Vec<Line<'static>> {
    let (t, s, qbrs) = (page.theme, page.summary, &page.file.qbrs);
    let extra = if s.qbr_needed {
        vec![Span::styled(
            format!(
                "  ⚠ QBR needed: none planned in the next {}d",
                page.cfg.qbr.cadence_days
            ),
            t.warn,
        )]
    } else {
        vec![]
    };
    let mut out = page.title("QBRs", extra);
    let next = s
        .next_qbr
        .and_then(|(_, id)| qbrs.iter().find(|q| q.id == id));
    match next {
        Some(q) => out.push(next_line(page, q)),
        None => out.push(page.none("next  none planned")),
    }
    let last = qbrs
        .iter()
        .filter(|q| q.status == QbrStatus::Held && q.date <= page.today)
        .max_by_key(|q| (q.date, q.id));
    if let Some(missed) = qbrs
        .iter()
        .filter(|q| is_missed(q, page.today, page.cfg))
        .filter(|q| last.is_none_or(|l| q.date > l.date))
        .max_by_key(|q| (q.date, q.id))
    {
        out.push(Line::from(Span::styled(
            format!("   missed {} (planned, not held)", page.date(missed.date)),
            t.late,
        )));
    }
    match last {
        Some(q) => out.extend(last_lines(page, q)),
        None => out.push(page.none("last  none held")),
    }
    out
}

/// `   next  Thu 26 Nov 2026 (tomorrow) · prep ██░░░░ 20% · next: …`
fn next_line(page: &Page, q: &Qbr) -> Line<'static> {
    let t = page.theme;
    let p = prep(q);
    let mut spans = vec![Span::raw(format!(
        "   next  {} ({}) · prep ",
        page.date(q.date),
        due(q.date, page.today)
    ))];
    if page.width >= 60 {
        spans.extend(bar_spans(p.percent, 6, t));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(format!(
        "{}% ({}/{})",
        p.percent, p.done, p.total
    )));
    if let Some(item) = p.next {
        spans.push(Span::styled(format!(" · next: {item}"), t.dim));
    }
    Line::from(spans)
}

/// The last held QBR and its open action items.
fn last_lines(page: &Page, q: &Qbr) -> Vec<Line<'static>> {
    let t = page.theme;
    let open: Vec<_> = q.actions.iter().filter(|a| a.done.is_none()).collect();
    let n = i64::try_from(open.len()).unwrap_or(i64::MAX);
    let style = if open.is_empty() { t.dim } else { t.warn };
    let mut out = vec![Line::from(vec![
        Span::raw(format!("   last  {} held · ", page.date(q.date))),
        Span::styled(plural(n, "open action item", "open action items"), style),
    ])];
    for a in open.iter().take(ACTIONS) {
        let owner = match a.owner {
            Side::Us => "us",
            Side::Partner => "partner",
            Side::Both => "both",
        };
        let (when, when_style) = match a.due {
            Some(d) if d < page.today => (
                format!("due {} ({})", page.date(d), due(d, page.today)),
                t.late,
            ),
            Some(d) => (
                format!("due {} ({})", page.date(d), due(d, page.today)),
                t.dim,
            ),
            None => ("no due date".to_string(), t.warn),
        };
        out.push(Line::from(vec![
            Span::raw(format!("     • {} ", a.text)),
            Span::styled(format!("({owner}) "), t.dim),
            Span::styled(when, when_style),
        ]));
    }
    if open.len() > ACTIONS {
        out.push(page.none(&format!("  … {} more", open.len() - ACTIONS)));
    }
    out
}

pub(super) fn campaigns(page: &Page) -> Vec<Line<'static>> {
    let list = &page.file.campaigns;
    let running = list
        .iter()
        .filter(|c| matches!(c.status, CampaignStatus::Planning | CampaignStatus::Live))
        .count();
    let extra = vec![Span::styled(
        format!("  {running} in flight"),
        page.theme.dim,
    )];
    let mut out = page.title("Campaigns", extra);
    if list.is_empty() {
        out.push(page.none("no campaigns"));
        return out;
    }
    let mut sorted: Vec<&Campaign> = list.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse((c.launch, c.id)));
    let name_w = sorted
        .iter()
        .take(CAMPAIGNS)
        .map(|c| c.name.width())
        .max()
        .unwrap_or(0)
        .clamp(8, 30);
    for c in sorted.iter().take(CAMPAIGNS) {
        out.push(campaign_line(page, c, name_w));
    }
    if list.len() > CAMPAIGNS {
        out.push(page.none(&format!("… {} earlier", list.len() - CAMPAIGNS)));
    }
    out
}

/// `   Q4 webinar   joint webinar   launch Thu 10 Dec 2026  ██░░░░ 29% done · 2 overdue`
fn campaign_line(page: &Page, c: &Campaign, name_w: usize) -> Line<'static> {
    let (t, w) = (page.theme, page.width);
    let pr = progress(c, page.today);
    let closed = matches!(c.status, CampaignStatus::Done | CampaignStatus::Cancelled);
    let base = if closed { t.dim } else { t.base };
    let mut head = format!("   {}  ", pad(&c.name, name_w));
    if w >= 100 {
        head.push_str(&pad(&c.kind.as_str().replace('_', " "), 19));
        head.push_str(&pad(c.status.as_str(), 10));
    }
    let launch = if w >= 60 {
        format!("launch {}  ", page.date(c.launch))
    } else {
        format!("{}  ", page.date(c.launch))
    };
    head.push_str(&launch);
    let mut spans = vec![Span::styled(head, base)];
    if w >= 80 {
        spans.extend(bar_spans(pr.percent, 6, t));
        spans.push(Span::raw(" "));
    }
    let count = if w >= 100 {
        format!(" ({}/{})", pr.done, pr.total)
    } else {
        String::new()
    };
    spans.push(Span::styled(format!("{}% done{count}", pr.percent), base));
    if pr.overdue > 0 && c.status != CampaignStatus::Cancelled {
        spans.push(Span::styled(format!(" · {} overdue", pr.overdue), t.late));
    }
    Line::from(spans)
}

pub(super) fn notes(page: &Page) -> Vec<Line<'static>> {
    let mut out = page.title("Notes", vec![]);
    let text = page.file.partner.notes.trim_end();
    if text.trim().is_empty() {
        out.push(page.none("no notes"));
    } else {
        out.extend(page.wrapped(text, 3, 3, page.theme.base));
    }
    out
}
