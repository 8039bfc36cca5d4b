//! Confirm: a yes / no question before something that cannot be undone or
//! would throw typed text away. Yes runs the effect it was given.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{hint_line, popup_block};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};

pub struct Confirm {
    question: String,
    /// What yes does (taken when answered).
    yes: Option<Effect>,
    /// What no does besides closing the question.
    no: Option<Effect>,
}

impl Confirm {
    #[must_use]
    pub fn new(question: impl Into<String>, yes: Effect) -> Confirm {
        Confirm {
            question: question.into(),
            yes: Some(yes),
            no: None,
        }
    }

    /// As [`Confirm::ask`], with something no does too.
    #[must_use]
    pub fn ask_or(question: impl Into<String>, yes: Effect, no: Effect) -> Effect {
        Effect::Push(Box::new(Confirm {
            no: Some(no),
            ..Confirm::new(question, yes)
        }))
    }

    /// As an effect that opens it.
    #[must_use]
    pub fn ask(question: impl Into<String>, yes: Effect) -> Effect {
        Effect::Push(Box::new(Confirm::new(question, yes)))
    }
}

impl Modal for Confirm {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Yes) => {
                Effect::Many(vec![Effect::Pop, self.yes.take().unwrap_or_default()])
            }
            Some(Action::No) => Effect::Many(vec![Effect::Pop, self.no.take().unwrap_or_default()]),
            // Anything else leaves the question open: a stray key never answers it.
            _ => Effect::None,
        }
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let width = 56.min(area.width);
        let rect = layout::popup(area, width, 6);
        Clear.render(rect, buf);
        let lines = vec![
            Line::from(format!(" {}", self.question)),
            Line::from(""),
            hint_line(ctx, Scope::Confirm),
        ];
        Paragraph::new(lines)
            .block(popup_block(ctx.theme, "Confirm"))
            .wrap(Wrap { trim: false })
            .render(rect, buf);
    }
}
