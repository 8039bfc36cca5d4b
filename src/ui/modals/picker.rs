//! A short list to pick from (what to add, which record to edit or
//! delete): j/k move, Enter picks, Esc closes.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{hint_line, popup_block};
use crate::domain::text::fit;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};

pub struct Picker {
    title: String,
    /// Each line with what picking it does (taken when picked).
    items: Vec<(String, Option<Effect>)>,
    at: usize,
}

impl Picker {
    /// As an effect that opens it; with nothing to pick it says so instead.
    #[must_use]
    pub fn open(title: impl Into<String>, items: Vec<(String, Effect)>) -> Effect {
        let title = title.into();
        if items.is_empty() {
            return Effect::Status(format!("{title}: nothing to choose from"));
        }
        Effect::Push(Box::new(Picker {
            title,
            items: items.into_iter().map(|(l, e)| (l, Some(e))).collect(),
            at: 0,
        }))
    }
}

impl Modal for Picker {
    fn scope(&self) -> Scope {
        Scope::Picker
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        let n = self.items.len();
        match action {
            Some(Action::Down) => self.at = (self.at + 1).min(n.saturating_sub(1)),
            Some(Action::Up) => self.at = self.at.saturating_sub(1),
            Some(Action::Save) => {
                let picked = self.items.get_mut(self.at).and_then(|(_, e)| e.take());
                return Effect::Many(vec![Effect::Pop, picked.unwrap_or_default()]);
            }
            Some(Action::Cancel) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let height = u16::try_from(self.items.len() + 4).unwrap_or(u16::MAX);
        let rect = layout::popup(area, 60, height);
        Clear.render(rect, buf);
        let block = popup_block(t, &self.title);
        let inner = block.inner(rect);
        block.render(rect, buf);
        let rows = usize::from(inner.height.saturating_sub(2));
        let first = self.at.saturating_sub(rows.saturating_sub(1));
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, (label, _))| {
                let style = if i == self.at { t.selected } else { t.base };
                Line::from(Span::styled(fit(&format!(" {label}"), width), style))
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(hint_line(ctx, Scope::Picker));
        Paragraph::new(lines).render(inner, buf);
    }
}
