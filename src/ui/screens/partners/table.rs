//! The partner table. Columns drop by priority when the screen is narrow,
//! and the name column takes what is left.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{HEADER_LINES, PartnersState, SortKey};
use crate::domain::format::{day, money};
use crate::domain::health::Band;
use crate::domain::segments::segment_title;
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::bars::{bar_spans, health_spans};
use crate::ui::widgets::text::{pad, pad_left};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Type,
    Tier,
    Health,
    Delta,
    Progress,
    Touch,
    Owner,
    NextQbr,
    Segment,
    Revenue,
    Stage,
}

/// (column, title, width, drop order: higher drops first). Name's width is its minimum.
const COLUMNS: [(Column, &str, usize, u8); 12] = [
    (Column::Name, "Partner", 14, 0),
    (Column::Type, "Type", 10, 5),
    (Column::Tier, "Tier", 10, 1),
    (Column::Health, "Health", 16, 1),
    (Column::Delta, "30d", 4, 2),
    (Column::Progress, "Tier progress", 24, 1),
    (Column::Stage, "Stage", 12, 3),
    (Column::Touch, "Touch", 6, 4),
    (Column::Owner, "Owner", 8, 6),
    (Column::NextQbr, "Next QBR", 15, 7),
    (Column::Segment, "Segment", 10, 8),
    (Column::Revenue, "T12M s+i", 8, 9),
];

/// Columns that fit in `width`, with the name column's width. `shown`
/// gives the widest cell of a column among the rows on screen, where it is
/// known: such a column is no wider than that (nor than its default), so
/// its blank space goes to the names instead, which grow to the longest
/// name shown and no further.
fn fitting(
    width: usize,
    shown: impl Fn(Column) -> Option<usize>,
) -> (Vec<(Column, &'static str, usize)>, usize) {
    // A sort arrow may follow the title.
    let widths: Vec<usize> = COLUMNS
        .iter()
        .map(|c| match shown(c.0) {
            Some(cell) if c.0 != Column::Name => cell.max(c.1.chars().count() + 1).min(c.2),
            _ => c.2,
        })
        .collect();
    let total = |limit: u8, widths: &mut dyn Iterator<Item = usize>| -> usize {
        COLUMNS
            .iter()
            .zip(widths)
            .filter(|(c, _)| c.3 <= limit)
            .map(|(_, w)| w + 1)
            .sum::<usize>()
            + 1
    };
    // Which columns show is decided on their default widths, so it does not
    // change as rows scroll by; what the cells on screen leave goes to names.
    let mut limit = COLUMNS.iter().map(|c| c.3).max().unwrap_or(0);
    while limit > 0 && total(limit, &mut COLUMNS.iter().map(|c| c.2)) > width {
        limit -= 1;
    }
    let used = total(limit, &mut widths.iter().copied());
    let longest = shown(Column::Name).unwrap_or(0).max(COLUMNS[0].2);
    let name = (COLUMNS[0].2 + width.saturating_sub(used)).min(longest);
    let cols = COLUMNS
        .iter()
        .zip(&widths)
        .filter(|(c, _)| c.3 <= limit)
        .map(|(c, &w)| (c.0, c.1, if c.0 == Column::Name { name } else { w }))
        .collect();
    (cols, name)
}

/// The width of a row's cell in a column whose text is known before it is
/// drawn (None for the bars and numbers, which keep their width).
fn cell_width(model: &Model, index: usize, column: Column) -> Option<usize> {
    let p = &model.rows[index];
    let text_width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    Some(match column {
        Column::Name => text_width(&p.name),
        Column::Type => text_width(crate::domain::book::PartnerType::name_of(p.kind)),
        Column::Tier => text_width(p.tier.title()),
        Column::Owner => text_width(crate::domain::owners::person(
            &p.owner,
            &model.config.owners,
        )),
        Column::Stage => text_width(&p.stage_short()),
        Column::Segment => text_width(segment_title(p.segment)),
        _ => return None,
    })
}

fn sorts(column: Column) -> SortKey {
    match column {
        Column::Name => SortKey::Name,
        Column::Type => SortKey::Type,
        Column::Tier => SortKey::Tier,
        Column::Health => SortKey::Health,
        Column::Delta => SortKey::Delta,
        Column::Progress => SortKey::Progress,
        Column::Touch => SortKey::LastTouch,
        Column::Owner => SortKey::Owner,
        Column::NextQbr => SortKey::NextQbr,
        Column::Segment => SortKey::Segment,
        Column::Revenue => SortKey::Revenue,
        Column::Stage => SortKey::Stage,
    }
}

/// Draw the dashboard (KPI header, then table or matrix) into `area`.
pub fn render(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(HEADER_LINES),
        Constraint::Min(0),
    ]));
    super::header::render(state, model, theme, head, buf);
    if state.matrix {
        super::matrix::render(state, model, theme, body, buf);
    } else {
        render_table(state, model, theme, body, buf);
    }
}

fn render_table(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let height = usize::from(area.height - 1);
    let offset = state.cursor.view_offset(state.visible.len(), height);
    let window = || state.visible.iter().skip(offset).take(height);
    let (columns, _) = fitting(usize::from(area.width), |column| {
        window().filter_map(|&i| cell_width(model, i, column)).max()
    });
    let mut header = vec![Span::raw(" ")];
    for (column, title, w) in &columns {
        // The change column is named after its window (`30d` by default).
        let title = if *column == Column::Delta {
            format!("{}d", model.config.trend.delta_days)
        } else {
            (*title).to_string()
        };
        let title = if sorts(*column) == state.sort {
            format!("{title}{}", if state.reverse { "▲" } else { "▼" })
        } else {
            title
        };
        header.push(Span::styled(pad(&title, *w), theme.header));
        header.push(Span::raw(" "));
    }
    let mut lines = vec![Line::from(header)];
    for (pos, &i) in state.visible.iter().enumerate().skip(offset).take(height) {
        let mut line = row(model, i, &columns, theme);
        if pos == state.cursor.selected {
            line = line.patch_style(theme.selected);
        }
        lines.push(line);
    }
    if model.rows.is_empty() {
        lines.extend(crate::ui::screens::today::first_run_lines(theme));
    } else if state.visible.is_empty() && state.filter.is_empty() && state.facets.is_empty() {
        lines.push(Line::from(Span::styled(
            " none of these partners are yours — a shows every manager's",
            theme.dim,
        )));
    } else if state.visible.is_empty() {
        lines.push(Line::from(Span::styled(
            " no partners match — Esc clears the filter, F clears facets",
            theme.dim,
        )));
    }
    Paragraph::new(lines).render(area, buf);
}

fn row(
    model: &Model,
    index: usize,
    columns: &[(Column, &str, usize)],
    theme: &Theme,
) -> Line<'static> {
    let p = &model.rows[index];
    let mut spans = vec![Span::raw(" ")];
    for &(column, _, w) in columns {
        match column {
            Column::Name => spans.push(Span::raw(pad(&p.name, w))),
            Column::Type => spans.push(Span::raw(pad(
                crate::domain::book::PartnerType::name_of(p.kind),
                w,
            ))),
            Column::Tier => spans.push(Span::raw(pad(p.tier.title(), w))),
            // A book that scores no one: no number, no bar.
            Column::Health if p.band == Band::NotScored => {
                spans.push(Span::styled(pad("  — Not scored", w), theme.dim));
            }
            // New: its health has no history yet, so no band is read off it.
            Column::Health if p.new => {
                spans.push(Span::styled(
                    pad(&format!("{:>3} new", p.score), 13),
                    theme.good,
                ));
                spans.extend(bar_spans(p.score, w.saturating_sub(13), theme));
            }
            Column::Health => {
                spans.extend(health_spans(p.score, p.band, theme));
                spans.push(Span::raw(" "));
                spans.extend(bar_spans(p.score, w.saturating_sub(13), theme));
            }
            Column::Delta => {
                let style = match p.delta {
                    d if d < 0 => theme.late,
                    d if d > 0 => theme.good,
                    _ => theme.dim,
                };
                spans.push(Span::styled(pad_left(&format!("{:+}", p.delta), w), style));
            }
            Column::Progress => {
                // A partner losing its tier shows that, not its way up.
                if let Some(state) = &p.maintenance {
                    let style = if state.starts_with('▼') {
                        theme.late
                    } else {
                        theme.warn
                    };
                    spans.push(Span::styled(pad(state, w), style));
                } else {
                    let short = p.progress_short();
                    spans.extend(bar_spans(p.progress, 6, theme));
                    spans.push(Span::raw(pad(&format!(" {short}"), w.saturating_sub(6))));
                }
            }
            Column::Touch => {
                let text = p
                    .days_since_touch
                    .map_or("never".into(), |d| format!("{d}d"));
                let style = if p.touch_overdue {
                    theme.warn
                } else {
                    theme.base
                };
                spans.push(Span::styled(pad_left(&text, w), style));
            }
            // The person `[owners]` maps the CRM's spelling to.
            Column::Owner => spans.push(Span::raw(pad(
                crate::domain::owners::person(&p.owner, &model.config.owners),
                w,
            ))),
            Column::NextQbr => spans.push(Span::raw(pad(
                &p.next_qbr.map_or("—".into(), |q| day(q.0)),
                w,
            ))),
            Column::Segment => spans.push(Span::raw(pad(segment_title(p.segment), w))),
            Column::Stage => {
                let style = if p.stage_over_plan {
                    theme.warn
                } else {
                    theme.base
                };
                spans.push(Span::styled(pad(&p.stage_short(), w), style));
            }
            Column::Revenue => spans.push(Span::raw(pad_left(
                &money(p.t12m_revenue(), &model.config.currency),
                w,
            ))),
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_screens_keep_name_tier_health_and_progress() {
        let (cols, name) = fitting(78, |_| None);
        let kept: Vec<Column> = cols.iter().map(|c| c.0).collect();
        assert_eq!(
            kept,
            [
                Column::Name,
                Column::Tier,
                Column::Health,
                Column::Delta,
                Column::Progress
            ]
        );
        assert!(name >= 14);
        let (cols, _) = fitting(200, |_| None);
        assert_eq!(cols.len(), 12);
        let (cols, name) = fitting(5, |_| None);
        assert_eq!(cols.len(), 1, "only the name is left");
        assert_eq!(name, 14);
    }

    #[test]
    fn names_take_the_blank_space_of_narrower_cells_up_to_the_longest() {
        // Every column as wide as its default: a 30-character name is cut.
        let (_, name) = fitting(118, |c| (c == Column::Name).then_some(30));
        assert!(name < 30, "{name}");
        // Short types, stages and owners on screen leave their space to it.
        let (cols, name) = fitting(118, |c| match c {
            Column::Name => Some(30),
            Column::Type | Column::Owner | Column::Stage => Some(3),
            _ => None,
        });
        assert_eq!(name, 30);
        let owner = cols.iter().find(|c| c.0 == Column::Owner).map(|c| c.2);
        assert_eq!(
            owner,
            Some(6),
            "no narrower than its title and a sort arrow"
        );
        // On a very wide screen names stop at the longest one shown.
        let (_, name) = fitting(300, |c| (c == Column::Name).then_some(41));
        assert_eq!(name, 41);
    }
}
