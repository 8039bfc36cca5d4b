//! Who the partner is, and its health with the five reasons.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Page;
use crate::domain::format::{day_year, month_year};
use crate::domain::health::DimensionChange;
use crate::domain::segments::{approach, segment_title};
use crate::ui::widgets::bars::{bar_spans, sparkline};
use crate::ui::widgets::text::pad;

/// Header, health line and the five dimensions.
pub(super) fn lines(page: &Page) -> Vec<Line<'static>> {
    let mut out = identity(page);
    out.push(health(page));
    out.extend(dimensions(page));
    out
}

/// Name · type · tier since · owner · segment · lifecycle · region, flowed
/// over as many lines as the width needs; a provisional tier is flagged.
fn identity(page: &Page) -> Vec<Line<'static>> {
    let (p, t) = (&page.file.partner, page.theme);
    let mut parts: Vec<Span<'static>> = vec![
        Span::raw(crate::domain::book::PartnerType::name_of(p.kind)),
        Span::raw(format!(
            "{} since {}",
            p.tier.title(),
            month_year(p.tier_since)
        )),
        Span::raw(format!("owner {}", p.owner)),
        Span::raw(format!(
            "segment {}{} ({})",
            segment_title(page.summary.segment),
            if p.segment_override.is_some() {
                ", set"
            } else {
                ""
            },
            approach(page.summary.segment)
        )),
    ];
    let clock = &page.summary.lifecycle.clock;
    parts.push(Span::styled(
        format!("lifecycle {}", clock.short()),
        if clock.over_plan() { t.warn } else { t.base },
    ));
    if page.summary.lifecycle.new {
        parts.push(Span::styled("new", t.good));
    }
    if !p.region.trim().is_empty() {
        parts.push(Span::raw(format!("region {}", p.region.trim())));
    }
    if let Some(until) = p.provisional_until {
        let (text, style) = match page.summary.tier.provisional {
            Some(flag) if flag.days_left < 0 => (
                format!("⚠ provisional tier expired {}d ago", -flag.days_left),
                t.late,
            ),
            Some(flag) => (
                format!(
                    "⚠ provisional until {} ({}d left)",
                    day_year(until),
                    flag.days_left
                ),
                t.warn,
            ),
            None => (format!("provisional until {}", day_year(until)), t.dim),
        };
        parts.push(Span::styled(text, style));
    }
    let mut out = Vec::new();
    let mut line = vec![Span::styled(format!(" {}", p.name), t.title)];
    let mut used = line[0].content.width();
    for part in parts {
        let w = part.content.width();
        if used + 3 + w > page.width && used > 3 {
            out.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw("   "));
            used = 3;
        } else {
            line.push(Span::styled(" · ", t.dim));
            used += 3;
        }
        used += w;
        line.push(part);
    }
    out.push(Line::from(line));
    out
}

/// `Health 45 At-risk  (▼15 in 30d, was Healthy)  ▁▃▅▆▇▆▅▄▃▂▂▁  12 weeks`
fn health(page: &Page) -> Line<'static> {
    let (s, t) = (page.summary, page.theme);
    let (delta, style) = match s.trend.delta {
        d if d > 0 => (format!("▲{d}"), t.good),
        d if d < 0 => (format!("▼{}", d.unsigned_abs()), t.warn),
        _ => ("±0".to_string(), t.dim),
    };
    let was = if s.trend.band_dropped(s.health.band) {
        format!(", was {}", s.trend.previous_band.title())
    } else {
        String::new()
    };
    if s.health.band == crate::domain::health::Band::NotScored {
        return Line::from(vec![
            Span::raw(" Health "),
            Span::styled("— Not scored", t.band(s.health.band)),
            Span::styled("  import deals, revenue, activities or NPS to score", t.dim),
        ]);
    }
    // A new partner's score has no history behind it: no band is read.
    let (band, band_style) = if s.lifecycle.new {
        (
            format!(
                "new: no band until {} days after joining",
                page.cfg.lifecycle.new_days
            ),
            t.good,
        )
    } else {
        (s.health.band.title().to_string(), t.band(s.health.band))
    };
    let mut spans = vec![
        Span::raw(" Health "),
        Span::styled(format!("{} {band}", s.health.score), band_style),
        Span::raw("  ("),
        Span::styled(delta, style),
        Span::raw(format!(" in {}d{was})", page.cfg.trend.delta_days)),
    ];
    // Over fewer than five dimensions: said before the sparkline.
    if s.health.over < 5 {
        spans.push(Span::styled(
            format!("  over {} of 5", s.health.over),
            t.dim,
        ));
    }
    // The sparkline and its legend only when they fit whole.
    let mut used: usize = spans.iter().map(|s| s.content.width()).sum();
    let spark = format!("  {}", sparkline(&s.trend.weekly));
    let legend = format!("  {} weeks", s.trend.weekly.len());
    if used + spark.width() <= page.width {
        used += spark.width();
        spans.push(Span::raw(spark));
        if used + legend.width() <= page.width {
            spans.push(Span::styled(legend, t.dim));
        }
    }
    Line::from(spans)
}

/// `  Revenue       20/30 ████░░  revenue +10% YoY …` (the bar goes when narrow).
/// Below 44 columns the reason goes on its own lines under the points.
fn dimensions(page: &Page) -> Vec<Line<'static>> {
    let wide = page.width >= 44;
    let mut out = Vec::new();
    for d in &page.summary.health.dimensions {
        let pct = (d.points * 100).checked_div(d.max).unwrap_or(0);
        let delta = page
            .summary
            .trend
            .changes
            .iter()
            .find(|c| c.dimension == d.dimension)
            .map_or(0, DimensionChange::delta);
        // A dimension the book does not track shows no points and no bar.
        let points = if d.counted {
            format!("{:>2}", d.points)
        } else {
            " —".to_string()
        };
        let mut spans = vec![Span::raw(format!(
            "   {} {points}/{:<2} ",
            pad(d.dimension.title(), 13),
            d.max
        ))];
        // The dimension's change over the trend window (`-10`), blank when none.
        let moved = if delta == 0 {
            Span::raw("    ")
        } else {
            let style = if delta < 0 {
                page.theme.late
            } else {
                page.theme.good
            };
            Span::styled(format!("{delta:>+3} "), style)
        };
        spans.push(moved);
        if wide && !d.counted {
            spans.push(Span::styled(
                format!("        {}", d.reason),
                page.theme.dim,
            ));
            out.push(Line::from(spans));
        } else if wide {
            spans.extend(bar_spans(pct, 6, page.theme));
            spans.push(Span::raw(format!("  {}", d.reason)));
            out.push(Line::from(spans));
        } else {
            out.push(Line::from(spans));
            out.extend(page.wrapped(&d.reason, 5, 5, page.theme.dim));
        }
    }
    out
}
