//! One theme for every screen: no colour literal lives anywhere else.
//!
//! `NO_COLOR` (<https://no-color.org>) gives a monochrome theme that keeps
//! bold, reverse and underline, and every band is also written as text, so
//! colour is never the only signal.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::config::ThemeChoice;
use crate::domain::health::Band;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub header: Style,
    pub section: Style,
    pub selected: Style,
    pub dim: Style,
    pub key: Style,
    pub good: Style,
    pub warn: Style,
    pub late: Style,
    pub gauge_fill: Style,
    pub gauge_empty: Style,
    pub status: Style,
    pub champion: Style,
    pub healthy: Style,
    pub at_risk: Style,
    pub critical: Style,
    pub churning: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (to anything non-empty).
    #[must_use]
    pub fn from_env() -> Theme {
        Theme::chosen(ThemeChoice::Auto)
    }

    /// The theme the config asks for; `NO_COLOR` always wins, and `auto`
    /// reads the terminal's background from `COLORFGBG` (`15;0` is dark,
    /// `0;15` light), dark when it is not set.
    #[must_use]
    pub fn chosen(choice: ThemeChoice) -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Theme::mono();
        }
        let light_background = || {
            std::env::var("COLORFGBG")
                .ok()
                .and_then(|v| v.rsplit(';').next().and_then(|bg| bg.parse::<u8>().ok()))
                .is_some_and(|bg| bg == 7 || bg >= 9)
        };
        match choice {
            ThemeChoice::Light => Theme::light(),
            ThemeChoice::Auto if light_background() => Theme::light(),
            ThemeChoice::Dark | ThemeChoice::Auto => Theme::color(),
        }
    }

    /// Colours for a light terminal: dark text, a pale selection.
    #[must_use]
    pub fn light() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().fg(Color::Blue).add_modifier(bold),
            tab: Style::new().fg(Color::DarkGray),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(bold),
            border: Style::new().fg(Color::Gray),
            header: Style::new()
                .fg(Color::Black)
                .add_modifier(bold | Modifier::UNDERLINED),
            section: Style::new().fg(Color::Blue).add_modifier(bold),
            selected: Style::new()
                .bg(Color::Rgb(200, 220, 245))
                .fg(Color::Black)
                .add_modifier(bold),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Blue).add_modifier(bold),
            gauge_fill: Style::new().fg(Color::Blue),
            gauge_empty: Style::new().fg(Color::Gray),
            healthy: Style::new().fg(Color::Rgb(90, 140, 0)),
            at_risk: Style::new().fg(Color::Rgb(170, 120, 0)),
            ..Theme::color()
        }
    }

    #[must_use]
    pub fn color() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new(),
            title: Style::new().fg(Color::Cyan).add_modifier(bold),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            header: Style::new()
                .fg(Color::Gray)
                .add_modifier(bold | Modifier::UNDERLINED),
            section: Style::new().fg(Color::Cyan).add_modifier(bold),
            selected: Style::new().bg(Color::Rgb(40, 52, 70)).add_modifier(bold),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Cyan).add_modifier(bold),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            late: Style::new().fg(Color::Red).add_modifier(bold),
            gauge_fill: Style::new().fg(Color::Cyan),
            gauge_empty: Style::new().fg(Color::DarkGray),
            status: Style::new().fg(Color::Black).bg(Color::Yellow),
            champion: Style::new().fg(Color::Green),
            healthy: Style::new().fg(Color::Rgb(170, 210, 60)),
            at_risk: Style::new().fg(Color::Yellow),
            critical: Style::new().fg(Color::Rgb(255, 140, 0)),
            churning: Style::new().fg(Color::Red),
        }
    }

    /// No colours: emphasis by weight and reverse video only.
    #[must_use]
    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            section: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            dim: plain,
            key: plain.add_modifier(Modifier::BOLD),
            good: plain,
            warn: plain,
            late: plain.add_modifier(Modifier::BOLD),
            gauge_fill: plain,
            gauge_empty: plain,
            status: plain.add_modifier(Modifier::REVERSED),
            champion: plain,
            healthy: plain,
            at_risk: plain,
            critical: plain.add_modifier(Modifier::BOLD),
            churning: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The style of a health band.
    #[must_use]
    pub fn band(&self, band: Band) -> Style {
        match band {
            Band::Champion => self.champion,
            Band::Healthy => self.healthy,
            Band::AtRisk => self.at_risk,
            Band::Critical => self.critical,
            Band::Churning => self.churning,
            Band::NotScored => self.dim,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_no_color_theme_uses_no_colour_at_all() {
        let t = Theme::mono();
        let styles = [
            t.base,
            t.title,
            t.tab,
            t.tab_active,
            t.border,
            t.header,
            t.section,
            t.selected,
            t.dim,
            t.key,
            t.good,
            t.warn,
            t.late,
            t.gauge_fill,
            t.gauge_empty,
            t.status,
            t.champion,
            t.healthy,
            t.at_risk,
            t.critical,
            t.churning,
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        // Selection still shows, by reverse video.
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
