//! The program KPIs above the table (docs/rules.md, "Program KPIs").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::PartnersState;
use crate::domain::format::money;
use crate::ui::model::Model;
use crate::ui::theme::Theme;

/// Three lines: revenue and activation; partners per band; QBR completion,
/// what is shown and how it is sorted and filtered.
pub fn render(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let k = &model.kpis;
    let cur = &model.config.currency;
    let activation_style = if k.activation_pct >= k.activation_target_pct {
        theme.good
    } else {
        theme.warn
    };
    // An empty book has no average: it shows "—", never `avg health 0`.
    let empty = k.total_partners == 0;
    let dash = |text: String| if empty { "—".to_string() } else { text };
    let unscored = !model.config.coverage.scores();
    let health = if unscored {
        "—".to_string()
    } else {
        dash(k.average_health.to_string())
    };
    let first = Line::from(vec![
        Span::styled(
            format!(" sourced ARR {}", dash(money(k.sourced_t12m, cur))),
            theme.title,
        ),
        Span::raw(" · active "),
        Span::styled(
            format!(
                "{}/{} ({}%",
                k.active_partners, k.signed_partners, k.activation_pct
            ),
            activation_style,
        ),
        Span::raw(format!(
            ", target {}%) · avg health {}",
            k.activation_target_pct, health
        )),
    ]);
    let bands = bands_line(model, theme, empty);
    let qbr = match k.qbr.percent {
        Some(p) => {
            let style = if p >= k.qbr.target_percent {
                theme.good
            } else {
                theme.warn
            };
            Span::styled(
                format!(
                    " QBRs held {}/{} ({p}%)",
                    k.qbr.held,
                    k.qbr.held + k.qbr.missed
                ),
                style,
            )
        }
        None => Span::styled(" no QBRs due yet", theme.dim),
    };
    let mut filters = Vec::new();
    if !state.facets.is_empty() {
        filters.push(state.facets.describe());
    }
    if !state.filter.is_empty() {
        filters.push(format!("/{}", state.filter));
    }
    let third = Line::from(vec![
        qbr,
        Span::styled(
            format!(
                " · {} {}of {} · sort: {}, {}{}",
                state.visible.len(),
                // Prospects have their own list unless the stage facet asks.
                if state.facets.stage.is_none() {
                    "signed "
                } else {
                    ""
                },
                model.partner_count(),
                state.sort.title(),
                state.sort.order_words(),
                if state.reverse { ", reversed" } else { "" }
            ),
            theme.dim,
        ),
        Span::styled(
            if filters.is_empty() {
                String::new()
            } else {
                format!(" · filter: {}", filters.join(" "))
            },
            theme.warn,
        ),
    ]);
    Paragraph::new(vec![first, bands, third]).render(area, buf);
}

/// Partners per band, and what the score is over when the book tracks
/// fewer than five dimensions; what to import when it scores no one.
fn bands_line<'a>(model: &'a Model, theme: &Theme, empty: bool) -> Line<'a> {
    let k = &model.kpis;
    let coverage = &model.config.coverage;
    let mut bands: Vec<Span<'_>> = vec![Span::raw(" ")];
    if coverage.scores() {
        for (i, (band, n)) in k.bands.iter().enumerate() {
            if i > 0 {
                bands.push(Span::styled(" · ", theme.dim));
            }
            bands.push(Span::styled(
                format!("{} {n}", band.title()),
                theme.band(*band),
            ));
        }
        // Health over fewer than five dimensions says so.
        if !coverage.is_complete() && !empty {
            bands.push(Span::styled(
                format!(
                    " · over {} of 5: no {}",
                    coverage.tracked(),
                    coverage.missing()
                ),
                theme.dim,
            ));
        }
    } else if !empty {
        bands.push(Span::styled(
            "health not scored: import deals, revenue, activities or NPS (partnerdeck import --csv TABLE FILE)",
            theme.warn,
        ));
    }
    Line::from(bands)
}
