//! Facet filters (`f` on Partners: tier, type, band, owner; on Today: owner
//! and kind of line). Every change is sent to the screen at once, so the
//! list narrows as you choose.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{hint_line, popup_block};
use crate::ui::action::Action;
use crate::ui::facets::{FACET_ROWS, Facets, PARTNER_ROWS};
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal, Msg};

pub struct FacetsModal {
    facets: Facets,
    /// Every owner in the book, sorted, for the owner row.
    owners: Vec<String>,
    /// The facet rows offered (indices into [`FACET_ROWS`]).
    rows: Vec<usize>,
    /// Position in `rows`.
    row: usize,
}

impl FacetsModal {
    #[must_use]
    pub fn new(facets: Facets, owners: Vec<String>) -> FacetsModal {
        FacetsModal::with_rows(facets, owners, &PARTNER_ROWS)
    }

    /// Offer only some facet rows (Today: owner and kind of line).
    #[must_use]
    pub fn with_rows(facets: Facets, owners: Vec<String>, rows: &[usize]) -> FacetsModal {
        FacetsModal {
            facets,
            owners,
            rows: rows.to_vec(),
            row: 0,
        }
    }

    fn facet(&self) -> usize {
        self.rows.get(self.row).copied().unwrap_or(0)
    }

    fn changed(&self) -> Effect {
        Effect::Tell(Msg::Facets(self.facets.clone()))
    }
}

impl Modal for FacetsModal {
    fn scope(&self) -> Scope {
        Scope::Facets
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Down) => self.row = (self.row + 1).min(self.rows.len() - 1),
            Some(Action::Up) => self.row = self.row.saturating_sub(1),
            Some(Action::Right) => {
                self.facets.cycle(self.facet(), 1, &self.owners);
                return self.changed();
            }
            Some(Action::Left) => {
                self.facets.cycle(self.facet(), -1, &self.owners);
                return self.changed();
            }
            Some(Action::Clear) => {
                self.facets = Facets::default();
                return self.changed();
            }
            _ => return Effect::Pop,
        }
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let rect = layout::popup(area, 46, 9);
        Clear.render(rect, buf);
        let mut lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(pos, &i)| {
                let name = FACET_ROWS.get(i).copied().unwrap_or("");
                let value = self.facets.value(i);
                let style = if pos == self.row { t.selected } else { t.base };
                Line::from(Span::styled(format!(" {name:<6} ◂ {value} ▸"), style))
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(hint_line(ctx, Scope::Facets));
        Paragraph::new(lines)
            .block(popup_block(t, "Facets"))
            .render(rect, buf);
    }
}
