//! The filter line (`/`): typed in the footer, applied as you type. It is a
//! text field like every other (cursor, ←/→, Ctrl-W, Ctrl-U, paste).

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;

use super::one_line;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::screen::{Ctx, Effect, Modal, Msg};

pub struct FilterLine {
    text: TextArea<'static>,
}

impl FilterLine {
    /// Edit a filter that holds `current`.
    #[must_use]
    pub fn new(current: &str) -> FilterLine {
        let mut text = TextArea::new(vec![current.to_string()]);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        FilterLine { text }
    }

    fn value(&self) -> String {
        self.text.lines().concat()
    }
}

impl Modal for FilterLine {
    fn scope(&self) -> Scope {
        Scope::Filter
    }

    fn on_key(&mut self, key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Save) => Effect::Pop,
            Some(Action::Clear) => {
                Effect::Many(vec![Effect::Tell(Msg::Filter(String::new())), Effect::Pop])
            }
            _ => {
                let before = self.value();
                // Ctrl-U deletes to the start, as in a shell (the text
                // area's own Ctrl-U is undo).
                if is_ctrl_u(key) {
                    self.text.delete_line_by_head();
                } else {
                    self.text.input(key);
                }
                let after = self.value();
                if after == before {
                    Effect::None
                } else {
                    Effect::Tell(Msg::Filter(after))
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, _ctx: &Ctx) -> Effect {
        self.text.insert_str(one_line(text));
        Effect::Tell(Msg::Filter(self.value()))
    }

    /// Drawn in the footer, nothing over the screen.
    fn render(&self, _ctx: &Ctx, _area: Rect, _buf: &mut Buffer) {}

    fn footer(&self, ctx: &Ctx) -> Option<Line<'static>> {
        let t = ctx.theme;
        let value = self.value();
        let col = self.text.cursor().1;
        let split = value
            .char_indices()
            .nth(col)
            .map_or(value.len(), |(i, _)| i);
        let hints: Vec<String> = ctx
            .keymap
            .hints(&[Scope::Filter])
            .into_iter()
            .map(|(k, d)| format!("{k} {d}"))
            .collect();
        Some(Line::from(vec![
            Span::styled(" filter: ", t.key),
            Span::raw(format!("{}▏{}", &value[..split], &value[split..])),
            Span::styled(format!("   {}", hints.join(" · ")), t.dim),
        ]))
    }
}

/// Ctrl-U: in one-line fields it deletes back to the start of the line.
#[must_use]
pub fn is_ctrl_u(key: KeyEvent) -> bool {
    key.code == crossterm::event::KeyCode::Char('u')
        && key.modifiers == crossterm::event::KeyModifiers::CONTROL
}
