//! Tier: progress to the next tier with its gap, what limits it, the three
//! requirement bars and the maintenance standing.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Page;
use crate::domain::book::PartnerType;
use crate::domain::format::{money, month_year};
use crate::domain::tiers::Standing;
use crate::domain::tiers::benefits::unlocks_text;
use crate::ui::widgets::bars::bar_spans;
use crate::ui::widgets::text::pad;

/// Label column of a requirement bar.
const LABEL: usize = 10;
/// Space between requirement bars side by side.
const GAP: usize = 4;
/// Indent of every line in the section.
const INDENT: usize = 3;

/// One requirement: `ARR  █████████░ $92K / $100K`.
struct Requirement {
    label: &'static str,
    percent: u32,
    value: String,
}

pub(super) fn lines(page: &Page) -> Vec<Line<'static>> {
    let (p, s, t) = (&page.file.partner, &page.summary.tier, page.theme);
    let since = format!("{} since {}", p.tier.title(), month_year(p.tier_since));
    let mut out = page.title("Tier", vec![Span::raw(format!("  {since}"))]);
    let progress = &s.progress;
    let currency = &page.cfg.currency;
    if progress.next.is_none() {
        let m = &s.metrics;
        let why = if p.kind == Some(PartnerType::Strategic) {
            " (strategic partners count as Platinum)"
        } else {
            ""
        };
        out.extend(page.wrapped(
            &format!(
                "Top tier{why} — {} sourced ARR, {} qualified referrals, {} certified (12 months)",
                money(m.sourced_arr, currency),
                m.referrals,
                m.certified
            ),
            INDENT,
            INDENT + 2,
            t.good,
        ));
    } else {
        out.extend(page.wrapped(&progress.label, INDENT, INDENT + 2, t.base));
        if let Some(limit) = progress.limit_text(currency) {
            out.extend(page.wrapped(&limit, INDENT, INDENT + 2, t.dim));
        }
        let m = &progress.metrics;
        let reqs = [
            Requirement {
                label: "ARR",
                percent: progress.arr_percent,
                value: format!(
                    "{} / {}",
                    money(m.sourced_arr, currency),
                    money(progress.target_arr, currency)
                ),
            },
            Requirement {
                label: "Referrals",
                percent: progress.referral_percent,
                value: format!("{} / {}", m.referrals, progress.target_referrals),
            },
            Requirement {
                label: "Certified",
                percent: progress.cert_percent,
                value: format!("{} / {}", m.certified, progress.target_certified),
            },
        ];
        // A book that records no certification leaves them out of the criteria.
        let reqs = if page.cfg.coverage.certifications {
            &reqs[..]
        } else {
            &reqs[..2]
        };
        out.extend(requirement_bars(page, reqs));
        if let Some(unlocks) = unlocks_text(p.tier, page.cfg) {
            out.extend(page.wrapped(&unlocks, INDENT, INDENT + 2, t.dim));
        }
        if let Some(note) = page.cfg.coverage.tier_note() {
            out.extend(page.wrapped(note, INDENT, INDENT + 2, t.dim));
        }
    }
    let standing = match s.standing {
        Standing::Good => None,
        Standing::UpgradeEligible { .. } => Some(("▲ ", t.good)),
        Standing::Provisional {
            shortfall: None, ..
        } => Some(("⏳ ", t.base)),
        Standing::Provisional { .. } => Some(("⏳ ", t.warn)),
        Standing::BelowCriteria { .. } => Some(("▼ ", t.warn)),
        Standing::DowngradeDue { .. } => Some(("▼ ", t.late)),
    };
    if let Some((mark, style)) = standing {
        let text = format!("{mark}{}", s.standing_text());
        out.extend(page.wrapped(&text, INDENT, INDENT + 2, style));
    }
    out.extend(history(page));
    out
}

/// The tier history, newest first: `Wed 25 Nov 2026  Silver → Gold  qualifies for Gold (…)`.
fn history(page: &Page) -> Vec<Line<'static>> {
    let changes = &page.file.tier_changes;
    let mut out = vec![Line::from(Span::styled(
        format!("{}Tier history", " ".repeat(INDENT)),
        page.theme.dim,
    ))];
    if changes.is_empty() {
        out.push(page.none("  no tier changes on record"));
        return out;
    }
    for c in changes.iter().rev() {
        let moved = if c.from == c.to {
            format!("{} confirmed", c.to.title())
        } else {
            format!("{} → {}", c.from.title(), c.to.title())
        };
        let provisional = if c.provisional { " (provisional)" } else { "" };
        let text = format!(
            "{} · {moved}{provisional} · {}",
            page.date(c.date),
            c.reason
        );
        out.extend(page.wrapped(&text, INDENT + 2, INDENT + 4, page.theme.base));
    }
    out
}

/// The three bars side by side when they fit (bars shrink to 6 cells
/// first), else one per line; below 30 columns the bars go.
fn requirement_bars(page: &Page, reqs: &[Requirement]) -> Vec<Line<'static>> {
    let value_w = reqs.iter().map(|r| r.value.width()).max().unwrap_or(0);
    let values: usize = reqs.iter().map(|r| r.value.width()).sum();
    let n = reqs.len();
    let row_w = |cells: usize| INDENT + n * (LABEL + cells + 1) + values + (n - 1) * GAP;
    let side_by_side = [10, 8, 6].into_iter().find(|c| row_w(*c) <= page.width);
    if let Some(cells) = side_by_side {
        let mut spans = vec![Span::raw(" ".repeat(INDENT))];
        for (i, r) in reqs.iter().enumerate() {
            let last = i + 1 == n;
            spans.push(Span::raw(pad(r.label, LABEL)));
            spans.extend(bar_spans(r.percent, cells, page.theme));
            let gap = if last { 0 } else { GAP };
            let value = format!(" {}{}", r.value, " ".repeat(gap));
            spans.push(Span::raw(value));
        }
        return vec![Line::from(spans)];
    }
    let cells = page
        .width
        .saturating_sub(INDENT + LABEL + 1 + value_w)
        .min(10);
    reqs.iter()
        .map(|r| {
            let mut spans = vec![Span::raw(format!(
                "{}{}",
                " ".repeat(INDENT),
                pad(r.label, LABEL)
            ))];
            if page.width >= 30 && cells >= 4 {
                spans.extend(bar_spans(r.percent, cells, page.theme));
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(r.value.clone()));
            Line::from(spans)
        })
        .collect()
}
