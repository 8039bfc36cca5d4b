//! The Partner Value Matrix (Partners screen, `m`): the partners the
//! dashboard shows (filters apply) placed by revenue (x) against strategic
//! value (y) in the playbook's four quadrants. The rules are
//! `domain::matrix`; this only draws them.
//!
//! Each half of an axis has its own scale, so the quadrant lines sit in the
//! middle of the plot as in the playbook. Revenue is logarithmic on each
//! side of its line (from 1/1000 of the line up to it on the left, from the
//! line up to the largest partner shown on the right), so a $2K referral
//! partner and a $2M reseller both spread out; strategic value is linear on
//! each side of its line. A cell holding several partners shows how many
//! (2-9, `+` for more) in the style of the least healthy of them. The
//! selected partner is highlighted and named, and its reason is written
//! under the plot.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

mod plot;

use plot::{Plot, centred, full_title, put, put_line, render_titles, who_line};

use super::PartnersState;
use crate::domain::health::Band;
use crate::domain::matrix::{Placement, Quadrant, QuadrantCounts};
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::fit;

const HIGH_LABEL: &str = "▲ HIGH STRATEGIC VALUE";
const LOW_LABEL: &str = "▼ LOW STRATEGIC VALUE";
/// A plot shorter than this gives up the separate axis-label rows first.
const ROOMY_PLOT: u16 = 9;
/// A plot shorter than this gives up the rows around it, one by one.
const MIN_PLOT: u16 = 5;

/// One partner on the plot.
struct Dot {
    /// Position in `PartnersState::visible` (what j/k move through).
    pos: usize,
    /// Index in the book.
    index: usize,
    placement: Placement,
    band: Band,
}

/// Draw the matrix into `area` (below the dashboard's KPI lines).
/// The legend of the marks on the plot.
const LEGEND: &str = "● 1 partner · 2-9 that many in one spot · + 10 or more · colour: least healthy band · ◉ selected";
/// The shortest body that shows the legend.
const LEGEND_MIN_HEIGHT: u16 = 28;

pub fn render(state: &PartnersState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let dots = dots(state, model);
    let counts = QuadrantCounts::of(dots.iter().map(|d| &d.placement));
    let selected = dots.iter().find(|d| d.pos == state.cursor.selected);

    let margin = u16::from(area.width >= 20);
    let inner = Rect {
        x: area.x + margin,
        width: area.width - 2 * margin,
        ..area
    };
    let widest_title = Quadrant::ALL
        .iter()
        .map(|q| full_title(*q, counts.get(*q)).width())
        .max()
        .unwrap_or(0);
    let inline_y = usize::from(inner.width) >= 2 * widest_title + HIGH_LABEL.width() + 4;
    let why = selected.map(|d| d.placement.reason(&model.config.currency));
    let mut why = why_lines(why.as_deref(), inner.width);
    // What the marks mean, when the screen is tall enough to spare a line
    // (below that the axis labels come first).
    if inner.height >= LEGEND_MIN_HEIGHT {
        why.push(fit(LEGEND, usize::from(inner.width.saturating_sub(2))));
    }
    let plan = Plan::new(
        inner.height,
        inline_y,
        u16::try_from(why.len()).unwrap_or(0),
    );
    let rows = Rows::new(inner, plan);
    let plot = Plot::new(
        rows.plot,
        &model.config.matrix,
        dots.iter().map(|d| d.placement.revenue).max().unwrap_or(0),
    );

    let split = plot.area.x + plot.sx;
    let headings = [
        (
            rows.top,
            rows.high,
            HIGH_LABEL,
            Quadrant::TechnologyPartners,
        ),
        (
            rows.bottom,
            rows.low,
            LOW_LABEL,
            Quadrant::AffiliatePartners,
        ),
    ];
    for (title_row, label_row, label, left) in headings {
        let right = Quadrant::of(true, left.high_value());
        if let Some(row) = title_row {
            render_titles(&plot, row, [left, right], &counts, theme, buf, inner);
            if inline_y {
                centred(buf, inner, split, row, label, theme.header);
            }
        }
        if let Some(row) = label_row {
            centred(buf, inner, split, row, label, theme.header);
        }
    }
    plot.render_frame(buf, theme);
    // Where each dot lands, worked out once (its label counts the others
    // in its cell).
    let spots: Vec<Option<(u16, u16)>> = dots.iter().map(|d| plot.spot(&d.placement)).collect();
    plot.render_dots(&dots, &spots, selected.map(|d| d.pos), theme, buf);
    if let Some(row) = rows.axis {
        plot.render_axis(row, &model.config.currency, theme, buf);
    }
    if let Some(row) = rows.who {
        let line = match selected {
            Some(d) => who_line(d, model, state.visible.len(), inner.width, theme),
            None => Line::from(Span::styled(
                "no partners match — Esc clears the filter, F clears facets",
                theme.dim,
            )),
        };
        put_line(buf, inner, inner.x, row, &line);
    }
    for (n, text) in why.iter().take(usize::from(plan.why_rows)).enumerate() {
        let row = rows.why.saturating_add(u16::try_from(n).unwrap_or(0));
        put(buf, inner, inner.x, row, &format!("  {text}"), theme.dim);
    }
    if let Some(d) = selected {
        plot.render_label(d, &dots, &spots, model, theme, buf);
    }
}

/// The partners the dashboard shows, placed.
fn dots(state: &PartnersState, model: &Model) -> Vec<Dot> {
    state
        .visible
        .iter()
        .enumerate()
        .filter_map(|(pos, &index)| {
            let row = model.rows.get(index)?;
            Some(Dot {
                pos,
                index,
                placement: row.placement,
                band: row.band,
            })
        })
        .collect()
}

/// How many rows each part gets at a given height (0 when left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    /// HIGH/LOW STRATEGIC VALUE on rows of their own (each).
    label_rows: u16,
    /// Quadrant titles (each of the top and bottom rows).
    title_rows: u16,
    axis_rows: u16,
    /// The selected partner's line.
    who_rows: u16,
    /// The selected partner's reason.
    why_rows: u16,
    plot_h: u16,
}

impl Plan {
    /// The richest plan whose plot is still tall enough; parts go in this
    /// order: axis-label rows, reason lines, axis, selected line, titles.
    fn new(height: u16, inline_y: bool, why_rows: u16) -> Plan {
        let full = Plan {
            label_rows: u16::from(!inline_y),
            title_rows: 1,
            axis_rows: 1,
            who_rows: 1,
            why_rows,
            plot_h: 0,
        };
        let mut p = Plan {
            label_rows: 0,
            ..full
        };
        let mut candidates = vec![full, p];
        while p.why_rows > 0 {
            p.why_rows -= 1;
            candidates.push(p);
        }
        for step in 0..3 {
            match step {
                0 => p.axis_rows = 0,
                1 => p.who_rows = 0,
                _ => p.title_rows = 0,
            }
            candidates.push(p);
        }
        for c in &candidates {
            let need = if c.label_rows > 0 {
                ROOMY_PLOT
            } else {
                MIN_PLOT
            };
            if let Some(plot_h) = height.checked_sub(c.fixed())
                && plot_h >= need
            {
                return Plan { plot_h, ..*c };
            }
        }
        Plan {
            plot_h: height,
            ..p
        }
    }

    fn fixed(self) -> u16 {
        2 * self.label_rows + 2 * self.title_rows + self.axis_rows + self.who_rows + self.why_rows
    }
}

/// Where each part of a [`Plan`] goes, top to bottom.
struct Rows {
    high: Option<u16>,
    top: Option<u16>,
    plot: Rect,
    bottom: Option<u16>,
    low: Option<u16>,
    axis: Option<u16>,
    who: Option<u16>,
    /// First row of the reason.
    why: u16,
}

impl Rows {
    fn new(area: Rect, plan: Plan) -> Rows {
        let mut y = area.y;
        let mut take = |n: u16| {
            let at = y;
            y = y.saturating_add(n);
            (n > 0).then_some(at)
        };
        let high = take(plan.label_rows);
        let top = take(plan.title_rows);
        let plot = Rect {
            y: take(plan.plot_h).unwrap_or(area.y),
            height: plan.plot_h,
            ..area
        };
        Rows {
            high,
            top,
            plot,
            bottom: take(plan.title_rows),
            low: take(plan.label_rows),
            axis: take(plan.axis_rows),
            who: take(plan.who_rows),
            why: take(plan.why_rows).unwrap_or(area.bottom()),
        }
    }
}

/// At most this many lines for the selected partner's reason.
const MAX_WHY_ROWS: usize = 3;
/// What a cell shared by 2-9 partners shows.
const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The reason on one line, else on two split after the strategic-value part,
/// else wrapped at spaces (at most [`MAX_WHY_ROWS`], the last cut with `…`).
fn why_lines(reason: Option<&str>, width: u16) -> Vec<String> {
    let Some(reason) = reason else {
        return Vec::new();
    };
    let room = usize::from(width).saturating_sub(2);
    if reason.width() <= room {
        return vec![reason.to_string()];
    }
    if let Some((value, revenue)) = reason.split_once("; ")
        && value.width() <= room
        && revenue.width() <= room
    {
        return vec![value.to_string(), revenue.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in reason.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    if lines.len() > MAX_WHY_ROWS {
        let rest = lines.split_off(MAX_WHY_ROWS - 1).join(" ");
        lines.push(rest);
    }
    lines.iter().map(|l| fit(l, room)).collect()
}

#[cfg(test)]
mod tests {
    use super::plot::cell;
    use super::*;

    #[test]
    fn a_fraction_lands_in_one_of_n_cells() {
        assert_eq!(cell(0.0, 10), Some(0));
        assert_eq!(cell(0.999, 10), Some(9));
        assert_eq!(cell(1.0, 10), Some(9));
        assert_eq!(cell(0.5, 10), Some(5));
        assert_eq!(cell(-3.0, 4), Some(0));
        assert_eq!(cell(0.5, 0), None);
    }

    #[test]
    fn a_long_reason_splits_after_the_value_then_wraps_at_spaces() {
        let reason = "strategic value 35 < 50: weak fit 10 + strategic type 25, \
                      no executive sponsor; revenue $0 < $100K";
        assert_eq!(why_lines(Some(reason), 200), vec![reason.to_string()]);
        assert_eq!(
            why_lines(Some(reason), 82),
            vec![
                "strategic value 35 < 50: weak fit 10 + strategic type 25, no executive sponsor",
                "revenue $0 < $100K",
            ]
        );
        assert_eq!(
            why_lines(Some(reason), 42),
            vec![
                "strategic value 35 < 50: weak fit 10 +",
                "strategic type 25, no executive sponsor;",
                "revenue $0 < $100K",
            ]
        );
        let narrow = why_lines(Some(reason), 30);
        assert_eq!(narrow.len(), MAX_WHY_ROWS);
        assert!(narrow.iter().all(|l| l.width() <= 28), "{narrow:?}");
        assert!(narrow[2].ends_with('…'), "{narrow:?}");
        assert!(why_lines(None, 80).is_empty());
    }

    #[test]
    fn plans_drop_rows_from_the_least_needed() {
        let roomy = Plan::new(17, false, 2);
        assert_eq!(
            roomy,
            Plan {
                label_rows: 1,
                title_rows: 1,
                axis_rows: 1,
                who_rows: 1,
                why_rows: 2,
                plot_h: 9,
            }
        );
        let tight = Plan::new(12, false, 2);
        assert_eq!((tight.label_rows, tight.why_rows, tight.plot_h), (0, 2, 6));
        let tighter = Plan::new(10, false, 2);
        assert_eq!(
            (tighter.why_rows, tighter.axis_rows, tighter.plot_h),
            (1, 1, 5)
        );
        let tiny = Plan::new(3, true, 1);
        assert_eq!(tiny.fixed(), 0);
        assert_eq!(tiny.plot_h, 3);
        let rows = Rows::new(Rect::new(0, 10, 80, 17), roomy);
        assert_eq!(
            (rows.high, rows.top, rows.plot.y, rows.plot.height),
            (Some(10), Some(11), 12, 9)
        );
        assert_eq!(
            (rows.bottom, rows.low, rows.axis, rows.who, rows.why),
            (Some(21), Some(22), Some(23), Some(24), 25)
        );
    }
}
