//! The modals: popups and input lines stacked over the screen. Each owns
//! its state and its keymap scope (docs/architecture.md, "One modal stack").

pub mod benefits;
pub mod choices;
pub mod confirm;
pub mod facets;
pub mod filter;
pub mod form;
pub mod help;
pub mod picker;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::keymap::Scope;
use super::screen::Ctx;
use super::theme::Theme;

/// The bordered block of a popup, titled.
fn popup_block<'a>(theme: &Theme, title: &'a str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// A scope's footer hints as one line: ` y yes  n/Esc no`.
fn hint_line(ctx: &Ctx, scope: Scope) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, does) in ctx.keymap.hints(&[scope]) {
        spans.push(Span::styled(format!(" {key}"), ctx.theme.key));
        spans.push(Span::styled(format!(" {does} "), ctx.theme.dim));
    }
    Line::from(spans)
}

/// Text as one line: line breaks and other control characters become spaces
/// (what a one-line field keeps of a paste).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
