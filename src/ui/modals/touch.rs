//! Logging a touch: kind and an optional one-line summary, saved as an
//! activity dated today through the edit pipeline.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use ratatui_textarea::TextArea;

use super::confirm::Confirm;
use super::{hint_line, one_line, popup_block};
use crate::domain::book::{Activity, ActivityKind};
use crate::domain::edit::{Change, Edit, PartnerRef};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};

/// The kinds of touch offered when logging one, in cycling order.
pub const TOUCH_KINDS: [ActivityKind; 4] = [
    ActivityKind::Call,
    ActivityKind::Email,
    ActivityKind::Meeting,
    ActivityKind::Note,
];

#[derive(Debug, Clone)]
pub struct TouchForm {
    pub partner: PartnerRef,
    pub kind: usize,
    pub summary: TextArea<'static>,
}

impl TouchForm {
    #[must_use]
    pub fn new(partner: PartnerRef) -> TouchForm {
        let mut summary = TextArea::default();
        summary.set_placeholder_text("what happened (optional)");
        TouchForm {
            partner,
            kind: 0,
            summary,
        }
    }

    /// As an effect that opens it for the partner with this id.
    #[must_use]
    pub fn open(ctx: &Ctx, partner_id: i64) -> Effect {
        match ctx.model.partner(partner_id) {
            Some((p, _)) => Effect::Push(Box::new(TouchForm::new(PartnerRef {
                id: p.id,
                name: p.name.clone(),
            }))),
            None => Effect::None,
        }
    }

    #[must_use]
    pub fn kind(&self) -> ActivityKind {
        TOUCH_KINDS[self.kind % TOUCH_KINDS.len()]
    }

    /// The summary as typed, on one line.
    #[must_use]
    pub fn summary_text(&self) -> String {
        self.summary.lines().join(" ").trim().to_string()
    }

    fn save(&self, ctx: &Ctx) -> Effect {
        let edit = Edit {
            partner: self.partner.clone(),
            change: Change::AddActivity(Activity {
                id: 0,
                date: ctx.model.today,
                kind: self.kind(),
                summary: self.summary_text(),
            }),
        };
        Effect::Many(vec![Effect::Pop, Effect::Edit(edit)])
    }
}

impl Modal for TouchForm {
    fn scope(&self) -> Scope {
        Scope::Touch
    }

    fn on_key(&mut self, key: KeyEvent, action: Option<Action>, ctx: &Ctx) -> Effect {
        let n = TOUCH_KINDS.len();
        match action {
            Some(Action::Save) => return self.save(ctx),
            Some(Action::Cancel) if self.unsaved() => {
                return Confirm::ask(
                    format!("Discard the touch you typed for {}?", self.partner.name),
                    Effect::Pop,
                );
            }
            Some(Action::Cancel) => return Effect::Pop,
            Some(Action::NextChoice) => self.kind = (self.kind + 1) % n,
            Some(Action::PrevChoice) => self.kind = (self.kind + n - 1) % n,
            _ => {
                self.summary.input(key);
            }
        }
        Effect::None
    }

    fn on_paste(&mut self, text: &str, _ctx: &Ctx) -> Effect {
        self.summary.insert_str(one_line(text));
        Effect::None
    }

    fn unsaved(&self) -> bool {
        !self.summary_text().is_empty()
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let rect = layout::popup(area, 60, 7);
        Clear.render(rect, buf);
        let block = popup_block(t, "Log a touch");
        let inner = block.inner(rect);
        block.render(rect, buf);
        let mut kinds = vec![Span::raw(" kind ")];
        for (i, k) in TOUCH_KINDS.iter().enumerate() {
            let style = if i == self.kind { t.tab_active } else { t.tab };
            kinds.push(Span::styled(format!(" {k} "), style));
        }
        let lines = vec![
            Line::from(Span::styled(
                format!(" with {} today", self.partner.name),
                t.section,
            )),
            Line::from(kinds),
        ];
        let [top, input, hint] = inner.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        Paragraph::new(lines).render(top, buf);
        let input = Rect {
            x: input.x.saturating_add(1),
            width: input.width.saturating_sub(2),
            ..input
        };
        self.summary.render(input, buf);
        Paragraph::new(hint_line(ctx, Scope::Touch)).render(hint, buf);
    }
}
