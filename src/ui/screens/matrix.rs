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
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::partners::PartnersState;
use crate::domain::config::MatrixRules;
use crate::domain::format::money;
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
    let why = why_lines(why.as_deref(), inner.width);
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
    plot.render_dots(&dots, selected.map(|d| d.pos), theme, buf);
    if let Some(row) = rows.axis {
        plot.render_axis(row, &model.config.currency, theme, buf);
    }
    if let Some(row) = rows.who {
        let line = match selected {
            Some(d) => who_line(d, model, state.visible.len(), theme),
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
        plot.render_label(d, &dots, model, theme, buf);
    }
}

/// The partners the dashboard shows, placed.
fn dots(state: &PartnersState, model: &Model) -> Vec<Dot> {
    state
        .visible
        .iter()
        .enumerate()
        .filter_map(|(pos, &index)| {
            let summary = model.summaries.get(index)?;
            Some(Dot {
                pos,
                index,
                placement: summary.placement,
                band: summary.health.band,
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

/// The plot: dots, the two split lines and the revenue axis.
struct Plot<'a> {
    area: Rect,
    /// Column of the vertical split line, relative to `area.x`.
    sx: u16,
    /// Row of the horizontal split line, relative to `area.y`.
    my: u16,
    rules: &'a MatrixRules,
    /// Largest revenue shown: the right edge of the revenue scale.
    max_revenue: i64,
}

impl<'a> Plot<'a> {
    fn new(area: Rect, rules: &'a MatrixRules, max_revenue: i64) -> Self {
        Plot {
            area,
            sx: area.width / 2,
            my: area.height / 2,
            rules,
            max_revenue,
        }
    }

    fn left_w(&self) -> u16 {
        self.sx
    }

    fn right_w(&self) -> u16 {
        self.area.width.saturating_sub(self.sx + 1)
    }

    fn top_h(&self) -> u16 {
        self.my
    }

    fn bottom_h(&self) -> u16 {
        self.area.height.saturating_sub(self.my + 1)
    }

    /// Column (relative) of a revenue on its side of the revenue line.
    fn column(&self, revenue: i64, high: bool) -> Option<u16> {
        let line = amount(self.rules.high_revenue);
        let r = amount(revenue);
        if high {
            let top = amount(self.max_revenue);
            let t = if top > line {
                (r / line).ln() / (top / line).ln()
            } else {
                0.0
            };
            Some(self.sx + 1 + cell(t, self.right_w())?)
        } else {
            let floor = (line / 1000.0).max(1.0);
            let t = if r > floor && line > floor {
                (r / floor).ln() / (line / floor).ln()
            } else {
                0.0
            };
            cell(t, self.left_w())
        }
    }

    /// Row (relative) of a strategic value on its side of the value line.
    fn row(&self, value: u32, high: bool) -> Option<u16> {
        let line = f64::from(self.rules.high_value);
        let v = f64::from(value);
        if high {
            let top = f64::from(self.rules.max_value());
            let t = if top > line {
                (v - line) / (top - line)
            } else {
                1.0
            };
            let up = cell(t, self.top_h())?;
            Some(self.my - 1 - up)
        } else {
            let t = if line > 0.0 { v / line } else { 0.0 };
            let up = cell(t, self.bottom_h())?;
            Some(self.area.height - 1 - up)
        }
    }

    /// Where a placement lands (absolute), if its quadrant has room.
    fn spot(&self, p: &Placement) -> Option<(u16, u16)> {
        let col = self.column(p.revenue, p.quadrant.high_revenue())?;
        let row = self.row(p.y(), p.quadrant.high_value())?;
        Some((self.area.x + col, self.area.y + row))
    }

    fn render_frame(&self, buf: &mut Buffer, theme: &Theme) {
        let a = self.area;
        if a.width == 0 || a.height == 0 {
            return;
        }
        let x = a.x + self.sx;
        for y in a.y..a.bottom() {
            glyph(buf, a, x, y, "│", theme.border);
        }
        let y = a.y + self.my;
        for col in a.x..a.right() {
            glyph(
                buf,
                a,
                col,
                y,
                if col == x { "┼" } else { "─" },
                theme.border,
            );
        }
        // The value line, labelled at its left end.
        put(
            buf,
            a,
            a.x,
            y,
            &format!(" {} ", self.rules.high_value),
            theme.dim,
        );
    }

    fn render_dots(&self, dots: &[Dot], selected: Option<usize>, theme: &Theme, buf: &mut Buffer) {
        let width = usize::from(self.area.width);
        let cells = width * usize::from(self.area.height);
        // Per cell: how many partners, the least healthy band, whether the
        // selected partner is among them (then it shows ◉ and its label
        // says how many share the cell).
        let mut grid: Vec<Option<(usize, Band, bool)>> = vec![None; cells];
        for d in dots {
            let Some((col, row)) = self.spot(&d.placement) else {
                continue;
            };
            let at = usize::from(row - self.area.y) * width + usize::from(col - self.area.x);
            let here = selected == Some(d.pos);
            if let Some(slot) = grid.get_mut(at) {
                *slot = Some(match *slot {
                    None => (1, d.band, here),
                    Some((n, band, sel)) => (
                        n + 1,
                        if d.band.rank() < band.rank() {
                            d.band
                        } else {
                            band
                        },
                        sel || here,
                    ),
                });
            }
        }
        for (at, slot) in grid.iter().enumerate() {
            let Some((n, band, sel)) = *slot else {
                continue;
            };
            let col = self.area.x + u16::try_from(at % width).unwrap_or(0);
            let row = self.area.y + u16::try_from(at / width).unwrap_or(0);
            let symbol = match n {
                _ if sel => "◉",
                1 => "●",
                2..=9 => DIGITS[n],
                _ => "+",
            };
            let style = if sel {
                theme.band(band).patch(theme.selected)
            } else {
                theme.band(band)
            };
            glyph(buf, self.area, col, row, symbol, style);
        }
    }

    /// The selected partner's name beside its dot, with how many others
    /// share its cell: to the right when it fits, else to the left.
    fn render_label(&self, d: &Dot, dots: &[Dot], model: &Model, theme: &Theme, buf: &mut Buffer) {
        let Some((x, y)) = self.spot(&d.placement) else {
            return;
        };
        let Some(partner) = model.partners.get(d.index) else {
            return;
        };
        let others = dots
            .iter()
            .filter(|o| o.pos != d.pos && self.spot(&o.placement) == Some((x, y)))
            .count();
        let name = if others > 0 {
            format!("{} (+{others})", partner.name)
        } else {
            partner.name.clone()
        };
        let right_room = usize::from(self.area.right().saturating_sub(x + 2));
        let left_room = usize::from(x.saturating_sub(self.area.x + 1));
        if name.width() <= right_room || right_room >= left_room {
            put(
                buf,
                self.area,
                x + 2,
                y,
                &fit(&name, right_room),
                theme.selected,
            );
        } else {
            let text = fit(&name, left_room);
            let start = x - 1 - u16::try_from(text.width()).unwrap_or(0);
            put(buf, self.area, start, y, &text, theme.selected);
        }
    }

    /// `LOW REVENUE ◄──$1K──$10K──$100K──$1M──► HIGH REVENUE`: the revenue
    /// line under the split, then the ends, then decade ticks where they fit.
    fn render_axis(&self, row: u16, currency: &str, theme: &Theme, buf: &mut Buffer) {
        let a = Rect {
            y: row,
            height: 1,
            ..self.area
        };
        if a.width == 0 {
            return;
        }
        for x in a.x..a.right() {
            glyph(buf, a, x, row, "─", theme.border);
        }
        let mut taken = vec![false; usize::from(a.width)];
        let mut label = |buf: &mut Buffer, start: i32, text: &str, style: Style| -> bool {
            let w = i32::try_from(text.width()).unwrap_or(i32::MAX);
            let (lo, hi) = (start - 1, start + w + 1);
            if start < 0 || start + w > i32::from(a.width) {
                return false;
            }
            let cells = usize::try_from(lo.max(0)).unwrap_or(0)
                ..usize::try_from(hi.min(i32::from(a.width))).unwrap_or(0);
            if taken[cells.clone()].iter().any(|t| *t) {
                return false;
            }
            taken[cells].iter_mut().for_each(|t| *t = true);
            let x = a.x + u16::try_from(start).unwrap_or(0);
            put(buf, a, x, row, text, style);
            true
        };
        let centre =
            |col: u16, text: &str| i32::from(col) - i32::try_from(text.width() / 2).unwrap_or(0);
        let line = money(self.rules.high_revenue, currency);
        label(buf, centre(self.sx, &line), &line, theme.header);
        let width = i32::from(a.width);
        for (low, high) in [("LOW REVENUE ◄", "► HIGH REVENUE"), ("LOW ◄", "► HIGH")] {
            let hw = i32::try_from(high.width()).unwrap_or(0);
            if label(buf, 0, low, theme.header) {
                label(buf, width - hw, high, theme.header);
                break;
            }
        }
        let mut ticks = Vec::new();
        let mut v = (self.rules.high_revenue / 100).max(1);
        while v < self.rules.high_revenue {
            ticks.push((v, false));
            v = v.saturating_mul(10);
        }
        let mut v = self.rules.high_revenue.saturating_mul(10);
        while v <= self.max_revenue {
            ticks.push((v, true));
            v = v.saturating_mul(10);
        }
        for (v, high) in ticks {
            if let Some(col) = self.column(v, high) {
                let text = money(v, currency);
                label(buf, centre(col, &text), &text, theme.dim);
            }
        }
    }
}

/// Non-negative money as a float for the log scale (capped, never lossy in
/// a way that shows on a terminal-sized plot).
fn amount(x: i64) -> f64 {
    f64::from(u32::try_from(x.max(0)).unwrap_or(u32::MAX))
}

/// The cell of `n` that a fraction `t` (0..=1) falls in.
fn cell(t: f64, n: u16) -> Option<u16> {
    if n == 0 {
        return None;
    }
    let scaled = t.clamp(0.0, 1.0) * f64::from(n);
    (0..n).rev().find(|&k| f64::from(k) <= scaled)
}

/// `Technology Partners (Integrations) 12`
fn full_title(q: Quadrant, n: usize) -> String {
    format!("{} ({}) {n}", q.title(), q.subtitle())
}

/// A quadrant's title in `width` columns: with its subtitle when it fits,
/// else without, else cut; the count always shows.
fn quadrant_title(q: Quadrant, n: usize, width: usize, theme: &Theme) -> Line<'static> {
    let count = Span::styled(format!(" {n}"), theme.key);
    let room = width.saturating_sub(count.width());
    if full_title(q, n).width() <= width {
        Line::from(vec![
            Span::styled(q.title(), theme.section),
            Span::styled(format!(" ({})", q.subtitle()), theme.dim),
            count,
        ])
    } else {
        Line::from(vec![
            Span::styled(fit(q.title(), room), theme.section),
            count,
        ])
    }
}

/// Left quadrant's title at the left of the plot, right one at its right.
fn render_titles(
    plot: &Plot<'_>,
    row: u16,
    [left, right]: [Quadrant; 2],
    counts: &QuadrantCounts,
    theme: &Theme,
    buf: &mut Buffer,
    clip: Rect,
) {
    let a = plot.area;
    glyph(buf, clip, a.x + plot.sx, row, "│", theme.border);
    let w = usize::from(plot.left_w().saturating_sub(1));
    let line = quadrant_title(left, counts.get(left), w, theme);
    put_line(buf, clip, a.x, row, &line);
    let w = usize::from(plot.right_w().saturating_sub(1));
    let line = quadrant_title(right, counts.get(right), w, theme);
    let lw = u16::try_from(line.width()).unwrap_or(0);
    put_line(buf, clip, a.right().saturating_sub(lw), row, &line);
}

/// `text` centred on column `x`, kept inside `clip`.
fn centred(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: Style) {
    let w = u16::try_from(text.width()).unwrap_or(u16::MAX);
    let start = x
        .saturating_sub(w / 2)
        .min(clip.right().saturating_sub(w))
        .max(clip.x);
    let text = fit(text, usize::from(clip.right().saturating_sub(start)));
    put(buf, clip, start, y, &text, style);
}

/// `◉ Northwind Traders · 85 Champion · Strategic Alliances (Joint GTM) ·
/// reseller · Gold · 3 of 42`, most telling first so a narrow screen keeps it.
fn who_line(d: &Dot, model: &Model, shown: usize, theme: &Theme) -> Line<'static> {
    let q = d.placement.quadrant;
    let mut spans = vec![Span::styled("◉ ", theme.band(d.band))];
    if let (Some(p), Some(s)) = (model.partners.get(d.index), model.summaries.get(d.index)) {
        let dot = || Span::styled(" · ", theme.dim);
        spans.extend([
            Span::styled(p.name.clone(), theme.title),
            dot(),
            Span::styled(
                format!("{} {}", s.health.score, s.health.band.title()),
                theme.band(s.health.band),
            ),
            dot(),
            Span::styled(format!("{} ({})", q.title(), q.subtitle()), theme.section),
            Span::raw(format!(" · {} · {}", p.kind, p.tier.title())),
            Span::styled(format!(" · {} of {shown}", d.pos + 1), theme.dim),
        ]);
    }
    Line::from(spans)
}

/// Write `text` at (x, y), clipped to `clip`; nothing outside it.
fn put(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: Style) {
    let clip = clip.intersection(buf.area);
    if y < clip.y || y >= clip.bottom() || x < clip.x || x >= clip.right() {
        return;
    }
    buf.set_stringn(x, y, text, usize::from(clip.right() - x), style);
}

/// Set one single-width cell, if it is inside `clip`.
fn glyph(buf: &mut Buffer, clip: Rect, x: u16, y: u16, symbol: &str, style: Style) {
    if clip.contains(Position::new(x, y))
        && let Some(cell) = buf.cell_mut((x, y))
    {
        cell.set_symbol(symbol).set_style(style);
    }
}

/// Write a styled line at (x, y), clipped to `clip`.
fn put_line(buf: &mut Buffer, clip: Rect, x: u16, y: u16, line: &Line<'_>) {
    let clip = clip.intersection(buf.area);
    if y < clip.y || y >= clip.bottom() || x < clip.x || x >= clip.right() {
        return;
    }
    buf.set_line(x, y, line, clip.right() - x);
}

#[cfg(test)]
mod tests {
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
