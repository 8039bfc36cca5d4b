//! The Partner Value Matrix (placeholder until the scatter lands).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use super::partners::PartnersState;
use crate::ui::model::Model;
use crate::ui::theme::Theme;

pub fn render(_state: &PartnersState, _model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(" Partner Value Matrix")
        .style(theme.dim)
        .render(area, buf);
}
