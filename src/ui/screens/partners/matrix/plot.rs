//! Drawing the matrix: the plot area, its axes, quadrant titles and dots.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{DIGITS, Dot};
use crate::domain::config::MatrixRules;
use crate::domain::format::money;
use crate::domain::health::Band;
use crate::domain::matrix::{Placement, Quadrant, QuadrantCounts};
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::fit;

/// The plot: dots, the two split lines and the revenue axis.
pub(super) struct Plot<'a> {
    pub(super) area: Rect,
    /// Column of the vertical split line, relative to `area.x`.
    pub(super) sx: u16,
    /// Row of the horizontal split line, relative to `area.y`.
    pub(super) my: u16,
    rules: &'a MatrixRules,
    /// Largest revenue shown: the right edge of the revenue scale.
    max_revenue: i64,
}

impl<'a> Plot<'a> {
    pub(super) fn new(area: Rect, rules: &'a MatrixRules, max_revenue: i64) -> Self {
        Plot {
            area,
            sx: area.width / 2,
            my: area.height / 2,
            rules,
            max_revenue,
        }
    }

    pub(super) fn left_w(&self) -> u16 {
        self.sx
    }

    pub(super) fn right_w(&self) -> u16 {
        self.area.width.saturating_sub(self.sx + 1)
    }

    pub(super) fn top_h(&self) -> u16 {
        self.my
    }

    pub(super) fn bottom_h(&self) -> u16 {
        self.area.height.saturating_sub(self.my + 1)
    }

    /// Column (relative) of a revenue on its side of the revenue line.
    pub(super) fn column(&self, revenue: i64, high: bool) -> Option<u16> {
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
    pub(super) fn row(&self, value: u32, high: bool) -> Option<u16> {
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
    pub(super) fn spot(&self, p: &Placement) -> Option<(u16, u16)> {
        let col = self.column(p.revenue, p.quadrant.high_revenue())?;
        let row = self.row(p.y(), p.quadrant.high_value())?;
        Some((self.area.x + col, self.area.y + row))
    }

    pub(super) fn render_frame(&self, buf: &mut Buffer, theme: &Theme) {
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

    pub(super) fn render_dots(
        &self,
        dots: &[Dot],
        spots: &[Option<(u16, u16)>],
        selected: Option<usize>,
        theme: &Theme,
        buf: &mut Buffer,
    ) {
        let width = usize::from(self.area.width);
        let cells = width * usize::from(self.area.height);
        // Per cell: how many partners, the least healthy band, whether the
        // selected partner is among them (then it shows ◉ and its label
        // says how many share the cell).
        let mut grid: Vec<Option<(usize, Band, bool)>> = vec![None; cells];
        for (d, spot) in dots.iter().zip(spots) {
            let Some((col, row)) = *spot else {
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
    pub(super) fn render_label(
        &self,
        d: &Dot,
        dots: &[Dot],
        spots: &[Option<(u16, u16)>],
        model: &Model,
        theme: &Theme,
        buf: &mut Buffer,
    ) {
        let placed = || dots.iter().zip(spots);
        let Some((x, y)) = placed().find(|(o, _)| o.pos == d.pos).and_then(|(_, s)| *s) else {
            return;
        };
        let Some(partner) = model.rows.get(d.index) else {
            return;
        };
        let others = placed()
            .filter(|(o, spot)| o.pos != d.pos && **spot == Some((x, y)))
            .count();
        let name = if others > 0 {
            format!("{} (+{others})", partner.name)
        } else {
            partner.name.clone()
        };
        // Only over empty cells: the label never covers a dot or an axis
        // (the name is also written under the plot).
        let free = |from: i32, step: i32| -> usize {
            let (mut at, mut n) = (from, 0);
            while at >= i32::from(self.area.x) && at < i32::from(self.area.right()) {
                let Ok(col) = u16::try_from(at) else { break };
                if buf[(col, y)].symbol() != " " {
                    break;
                }
                n += 1;
                at += step;
            }
            n
        };
        let right_room = free(i32::from(x) + 2, 1);
        let left_room = free(i32::from(x) - 2, -1);
        if right_room.max(left_room) < 3 {
            return;
        }
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
    pub(super) fn render_axis(&self, row: u16, currency: &str, theme: &Theme, buf: &mut Buffer) {
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
pub(super) fn amount(x: i64) -> f64 {
    f64::from(u32::try_from(x.max(0)).unwrap_or(u32::MAX))
}

/// The cell of `n` that a fraction `t` (0..=1) falls in.
pub(super) fn cell(t: f64, n: u16) -> Option<u16> {
    if n == 0 {
        return None;
    }
    let scaled = t.clamp(0.0, 1.0) * f64::from(n);
    // The last cell whose start is at or before `scaled` (0..=n), found
    // without a walk over the cells: one call per partner on the plot.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let k = scaled.floor() as u16;
    Some(k.min(n - 1))
}

/// `Technology Partners · invest (high value, low revenue) 12`
pub(super) fn full_title(q: Quadrant, n: usize) -> String {
    format!("{} · {} ({}) {n}", q.title(), q.action(), q.subtitle())
}

/// A quadrant's title in `width` columns: the playbook's name and its
/// action, with where it lies when that fits, else without, else cut; the
/// count always shows.
pub(super) fn quadrant_title(q: Quadrant, n: usize, width: usize, theme: &Theme) -> Line<'static> {
    let count = Span::styled(format!(" {n}"), theme.key);
    let room = width.saturating_sub(count.width());
    let action = Span::styled(format!(" · {}", q.action()), theme.key);
    if full_title(q, n).width() <= width {
        Line::from(vec![
            Span::styled(q.title(), theme.section),
            action,
            Span::styled(format!(" ({})", q.subtitle()), theme.dim),
            count,
        ])
    } else if q.title().width() + action.width() <= room {
        Line::from(vec![Span::styled(q.title(), theme.section), action, count])
    } else {
        Line::from(vec![
            Span::styled(fit(q.title(), room), theme.section),
            count,
        ])
    }
}

/// Left quadrant's title at the left of the plot, right one at its right.
pub(super) fn render_titles(
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
pub(super) fn centred(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: Style) {
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
pub(super) fn who_line(
    d: &Dot,
    model: &Model,
    shown: usize,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
    // The position ("2 of 12") is what j/k change, so it stays; on a narrow
    // line the quadrant's subtitle goes first, then the type and tier.
    (0..3)
        .map(|dropped| who_spans(d, model, shown, dropped, theme))
        .find(|line| line.width() <= usize::from(width))
        .unwrap_or_else(|| who_spans(d, model, shown, 2, theme))
}

/// The who line with its `dropped` least useful parts left out (0-2).
fn who_spans(d: &Dot, model: &Model, shown: usize, dropped: u8, theme: &Theme) -> Line<'static> {
    let q = d.placement.quadrant;
    let mut spans = vec![Span::styled("◉ ", theme.band(d.band))];
    if let Some(p) = model.rows.get(d.index) {
        let dot = || Span::styled(" · ", theme.dim);
        let quadrant = if dropped == 0 {
            format!("{} · {} ({})", q.title(), q.action(), q.subtitle())
        } else {
            format!("{} · {}", q.title(), q.action())
        };
        spans.extend([
            Span::styled(p.name.clone(), theme.title),
            dot(),
            Span::styled(
                format!("{} {}", p.score, p.band.title()),
                theme.band(p.band),
            ),
            dot(),
            Span::styled(quadrant, theme.section),
        ]);
        if dropped < 2 {
            spans.push(Span::raw(format!(
                " · {} · {}",
                crate::domain::book::PartnerType::name_of(p.kind),
                p.tier.title()
            )));
        }
        spans.push(Span::styled(
            format!(" · {} of {shown}", d.pos + 1),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// Write `text` at (x, y), clipped to `clip`; nothing outside it.
pub(super) fn put(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: Style) {
    let clip = clip.intersection(buf.area);
    if y < clip.y || y >= clip.bottom() || x < clip.x || x >= clip.right() {
        return;
    }
    buf.set_stringn(x, y, text, usize::from(clip.right() - x), style);
}

/// Set one single-width cell, if it is inside `clip`.
pub(super) fn glyph(buf: &mut Buffer, clip: Rect, x: u16, y: u16, symbol: &str, style: Style) {
    if clip.contains(Position::new(x, y))
        && let Some(cell) = buf.cell_mut((x, y))
    {
        cell.set_symbol(symbol).set_style(style);
    }
}

/// Write a styled line at (x, y), clipped to `clip`.
pub(super) fn put_line(buf: &mut Buffer, clip: Rect, x: u16, y: u16, line: &Line<'_>) {
    let clip = clip.intersection(buf.area);
    if y < clip.y || y >= clip.bottom() || x < clip.x || x >= clip.right() {
        return;
    }
    buf.set_line(x, y, line, clip.right() - x);
}
