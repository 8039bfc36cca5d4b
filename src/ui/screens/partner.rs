//! Partner detail: everything about one partner, with the math.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::format::month_year;
use crate::domain::segments::segment_title;
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::bars::{bar_spans, sparkline};
use crate::ui::widgets::text::pad;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailState {
    pub partner_id: i64,
    pub scroll: u16,
}

/// All lines of the detail page (the view scrolls over them).
#[must_use]
pub fn lines(state: &DetailState, model: &Model, theme: &Theme) -> Vec<Line<'static>> {
    let Some((f, s)) = model.partner(state.partner_id) else {
        return vec![Line::from(" This partner is no longer in the book.")];
    };
    let p = &f.partner;
    let mut out = vec![Line::from(vec![
        Span::styled(format!(" {}", p.name), theme.title),
        Span::raw(format!(
            " · {} · {} since {} · owner {} · segment {} · lifecycle {}",
            p.kind,
            p.tier.title(),
            month_year(p.tier_since),
            p.owner,
            segment_title(s.segment),
            p.lifecycle
        )),
    ])];
    out.push(Line::from(vec![
        Span::raw(" Health "),
        Span::styled(
            format!("{} {}", s.health.score, s.health.band.title()),
            theme.band(s.health.band),
        ),
        Span::raw(format!("  ({:+} in 30d)   ", s.trend.delta)),
        Span::raw(sparkline(&s.trend.weekly)),
        Span::styled("  12 weeks", theme.dim),
    ]));
    for d in &s.health.dimensions {
        let pct = (d.points * 100).checked_div(d.max).unwrap_or(0);
        let mut spans = vec![Span::raw(format!(
            "   {} {:>2}/{:<2} ",
            pad(d.dimension.title(), 13),
            d.points,
            d.max
        ))];
        spans.extend(bar_spans(pct, 6, theme));
        spans.push(Span::raw(format!("  {}", d.reason)));
        out.push(Line::from(spans));
    }
    out.push(Line::from(format!(" Tier: {}", s.tier.progress.label)));
    out
}

/// Draw the detail page.
pub fn render(state: &DetailState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines(state, model, theme))
        .scroll((state.scroll, 0))
        .render(area, buf);
}
