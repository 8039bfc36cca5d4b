//! `?` help: every key of the screen underneath, generated from the keymap
//! that handles them.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::popup_block;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};

pub struct Help {
    /// The scopes of what was on screen when help opened.
    scopes: Vec<Scope>,
    scroll: u16,
}

impl Help {
    #[must_use]
    pub fn new(scopes: Vec<Scope>) -> Help {
        Help { scopes, scroll: 0 }
    }
}

impl Modal for Help {
    fn scope(&self) -> Scope {
        Scope::Help
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            _ => return Effect::Pop,
        }
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let mut lines = Vec::new();
        for (scope, rows) in ctx.keymap.help(&self.scopes) {
            lines.push(Line::from(Span::styled(scope.title(), t.section)));
            for (key, does) in rows {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {key:<13}"), t.key),
                    Span::raw(does),
                ]));
            }
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            "Every number has its reason on the partner detail (Enter).",
            t.dim,
        )));
        let rect = layout::popup(area, 64, u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
        // Say so when the list is taller than the popup.
        let title = if usize::from(rect.height.saturating_sub(2)) < lines.len() {
            "Keys · j/k scroll · any other key closes"
        } else {
            "Keys · any key closes"
        };
        Clear.render(rect, buf);
        Paragraph::new(lines)
            .block(popup_block(t, title))
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .render(rect, buf);
    }
}
