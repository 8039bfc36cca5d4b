//! Facet rows of any list: each row a name and its values, stepped through
//! `any` and the values. Every change is sent to the screen at once
//! (`Msg::Choices`), so the list narrows as you choose. Same keys as the
//! partner facets.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{hint_line, popup_block};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal, Msg};
use crate::ui::widgets::text::fit;

pub struct ChoicesModal {
    /// Row name and its values.
    rows: Vec<(&'static str, Vec<String>)>,
    /// The value chosen on each row (None: any).
    chosen: Vec<Option<String>>,
    row: usize,
}

impl ChoicesModal {
    /// `chosen` has one entry per row.
    #[must_use]
    pub fn new(rows: Vec<(&'static str, Vec<String>)>, chosen: Vec<Option<String>>) -> Self {
        let mut chosen = chosen;
        chosen.resize(rows.len(), None);
        ChoicesModal {
            rows,
            chosen,
            row: 0,
        }
    }

    fn step(&mut self, by: isize) -> Effect {
        let Some((_, values)) = self.rows.get(self.row) else {
            return Effect::None;
        };
        // Position 0 is "any", 1.. are the values.
        let n = values.len() + 1;
        let at = self.chosen[self.row]
            .as_ref()
            .and_then(|c| values.iter().position(|v| v == c))
            .map_or(0, |i| i + 1);
        let next = (at.cast_signed() + by)
            .rem_euclid(n.cast_signed())
            .cast_unsigned();
        self.chosen[self.row] = next.checked_sub(1).map(|i| values[i].clone());
        Effect::Tell(Msg::Choices(self.chosen.clone()))
    }
}

impl Modal for ChoicesModal {
    fn scope(&self) -> Scope {
        Scope::Facets
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Down) => self.row = (self.row + 1).min(self.rows.len().saturating_sub(1)),
            Some(Action::Up) => self.row = self.row.saturating_sub(1),
            Some(Action::Right) => return self.step(1),
            Some(Action::Left) => return self.step(-1),
            Some(Action::Clear) => {
                self.chosen.iter_mut().for_each(|c| *c = None);
                return Effect::Tell(Msg::Choices(self.chosen.clone()));
            }
            _ => return Effect::Pop,
        }
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let height = u16::try_from(self.rows.len() + 4).unwrap_or(u16::MAX);
        let rect = layout::popup(area, 52, height);
        Clear.render(rect, buf);
        let mut lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .zip(&self.chosen)
            .enumerate()
            .map(|(i, ((name, _), value))| {
                let value = fit(value.as_deref().unwrap_or("any"), 36);
                let style = if i == self.row { t.selected } else { t.base };
                Line::from(Span::styled(format!(" {name:<7} ◂ {value} ▸"), style))
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(hint_line(ctx, Scope::Facets));
        Paragraph::new(lines)
            .block(popup_block(t, "Facets"))
            .render(rect, buf);
    }
}
