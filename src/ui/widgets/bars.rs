//! Bars drawn with block characters: health, dimensions, tier progress.

use ratatui::text::{Line, Span};

use crate::domain::health::Band;
use crate::ui::theme::Theme;

/// A bar `width` cells long, `percent` full: `███████░░░`.
#[must_use]
pub fn bar(percent: u32, width: usize) -> (String, String) {
    let filled = (usize::try_from(percent.min(100)).unwrap_or(0) * width + 50) / 100;
    ("█".repeat(filled), "░".repeat(width - filled.min(width)))
}

/// Styled bar spans.
#[must_use]
pub fn bar_spans(percent: u32, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let (full, empty) = bar(percent, width);
    vec![
        Span::styled(full, theme.gauge_fill),
        Span::styled(empty, theme.gauge_empty),
    ]
}

/// `85 Champion` in the band's style (the label keeps meaning without colour).
#[must_use]
pub fn health_spans(score: u32, band: Band, theme: &Theme) -> Vec<Span<'static>> {
    vec![Span::styled(
        format!("{score:>3} {:<8}", band.title()),
        theme.band(band),
    )]
}

/// `▁▃▅▆▇` from scores 0-100.
#[must_use]
pub fn sparkline(points: &[u32]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| TICKS[usize::try_from((*p).min(100) * 7 / 100).unwrap_or(0)])
        .collect()
}

/// A tier gauge: `███████░░░ 70% to Gold`.
#[must_use]
pub fn tier_gauge(percent: u32, short: &str, width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = bar_spans(percent, width, theme);
    spans.push(Span::raw(format!(" {short}")));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_round_to_the_nearest_cell() {
        assert_eq!(bar(70, 10), ("███████".into(), "░░░".into()));
        assert_eq!(bar(0, 4), (String::new(), "░░░░".into()));
        assert_eq!(bar(100, 4), ("████".into(), String::new()));
        assert_eq!(bar(150, 4).0.chars().count(), 4);
    }

    #[test]
    fn sparkline_maps_scores_to_ticks() {
        assert_eq!(sparkline(&[0, 50, 100]), "▁▄█");
    }
}
