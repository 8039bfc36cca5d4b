//! Drawing the Tiers screen: the counts line, then the sections, each row
//! `name  tier  ███████░░░ 70% to Platinum  what holds it back`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Row, SUMMARY_LINES, TiersState};
use crate::domain::tiers::board::{TierSection, row_detail, row_detail_short};
use crate::ui::model::Model;
use crate::ui::screen::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::bars::bar_spans;
use crate::ui::widgets::text::{fit, pad};

/// Width of the tier column.
const TIER_W: usize = 11;
/// Width of `100% to Platinum` after the bar.
const GAUGE_TEXT_W: usize = 17;

pub(super) fn render(state: &TiersState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let [summary, list] = area.layout(&Layout::vertical([
        Constraint::Length(SUMMARY_LINES),
        Constraint::Min(0),
    ]));
    render_summary(state, ctx, summary, buf);
    let height = usize::from(list.height);
    let first = state.nav.cursor.view_offset(state.rows.len(), height);
    let selected = state.nav.selected_row();
    let lines: Vec<Line<'static>> = state
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(r, row)| {
            let line = row_line(*row, ctx.model, ctx.theme, usize::from(list.width));
            if Some(r) == selected {
                line.patch_style(ctx.theme.selected)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
}

/// `2 upgrade eligible · 9 close · 3 below criteria · 1 downgrade due · …`
fn render_summary(state: &TiersState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let count = |wanted: TierSection| {
        state
            .rows
            .iter()
            .find_map(|r| match r {
                Row::Header(s, n) if *s == wanted => Some(*n),
                _ => None,
            })
            .unwrap_or(0)
    };
    let parts = [
        (
            TierSection::UpgradeEligible,
            "upgrade eligible",
            "upgrade",
            t.good,
        ),
        (TierSection::CloseToNext, "close", "close", t.base),
        (
            TierSection::BelowCriteria,
            "below criteria",
            "below",
            t.warn,
        ),
        (
            TierSection::DowngradeDue,
            "downgrade due",
            "downgrade",
            t.late,
        ),
        (
            TierSection::ProvisionalEnding,
            "provisional ending",
            "provisional",
            t.warn,
        ),
    ];
    let line = |terse: bool| {
        let mut spans = vec![Span::raw(" ")];
        for (i, (section, words, short, style)) in parts.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", t.dim));
            }
            let n = count(*section);
            let text = format!("{n} {}", if terse { short } else { words });
            spans.push(Span::styled(text, if n == 0 { t.dim } else { *style }));
        }
        if !state.filter.is_empty() {
            spans.push(Span::styled(format!("   filter: {}", state.filter), t.dim));
        }
        Line::from(spans)
    };
    let full = line(false);
    let line = if full.width() <= usize::from(area.width) {
        full
    } else {
        line(true)
    };
    Paragraph::new(line).render(area, buf);
}

fn row_line(row: Row, model: &Model, theme: &Theme, width: usize) -> Line<'static> {
    match row {
        Row::Header(section, n) => Line::from(vec![
            Span::styled(
                format!(
                    " {} ",
                    section.title(model.config.tiers.close.min_progress_pct)
                ),
                theme.section,
            ),
            Span::styled(format!("({n})"), theme.dim),
        ]),
        Row::Empty => Line::from(Span::styled("   nothing here", theme.dim)),
        Row::Item(section, i) => item_line(section, i, model, theme, width),
    }
}

/// `  Litware         Silver     ████████░░ 92% to Gold      limited by …`
fn item_line(
    section: TierSection,
    i: usize,
    model: &Model,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    let p = &model.rows[i];
    let Some(t) = model.tier(i) else {
        return Line::default();
    };
    let bar_w = if width >= 120 { 10 } else { 6 };
    let name_w = (width / 6).clamp(12, 26);
    let fixed = 2 + name_w + 1 + TIER_W + bar_w + GAUGE_TEXT_W + 1;
    let detail_w = width.saturating_sub(fixed);
    let detail_style = match section {
        TierSection::DowngradeDue => theme.late,
        TierSection::BelowCriteria | TierSection::ProvisionalEnding => theme.warn,
        TierSection::UpgradeEligible => theme.good,
        _ => theme.dim,
    };
    let mut spans = vec![
        Span::raw("  "),
        Span::raw(pad(&p.name, name_w)),
        Span::raw(" "),
        Span::raw(pad(p.tier.title(), TIER_W)),
    ];
    spans.extend(bar_spans(t.progress.percent, bar_w, theme));
    spans.push(Span::raw(pad(
        &format!(" {}", t.progress.short()),
        GAUGE_TEXT_W,
    )));
    let currency = &model.config.currency;
    let mut detail = row_detail(section, t, currency);
    if detail.chars().count() >= detail_w {
        detail = row_detail_short(section, t, currency);
    }
    spans.push(Span::styled(
        format!(" {}", fit(&detail, detail_w.saturating_sub(1))),
        detail_style,
    ));
    Line::from(spans)
}
