//! Popups: one at a time, on top of the screen, seeing keys first.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::book::ActivityKind;

/// The kinds of touch offered when logging one, in cycling order.
pub const TOUCH_KINDS: [ActivityKind; 4] = [
    ActivityKind::Call,
    ActivityKind::Email,
    ActivityKind::Meeting,
    ActivityKind::Note,
];

/// Logging a touch: kind and an optional one-line summary.
#[derive(Debug, Clone)]
pub struct TouchForm {
    pub partner_id: i64,
    pub partner_name: String,
    pub kind: usize,
    pub summary: TextArea<'static>,
}

impl TouchForm {
    #[must_use]
    pub fn new(partner_id: i64, partner_name: String) -> TouchForm {
        let mut summary = TextArea::default();
        summary.set_placeholder_text("what happened (optional)");
        TouchForm {
            partner_id,
            partner_name,
            kind: 0,
            summary,
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
}

#[derive(Debug, Clone)]
pub enum Popup {
    Help { scroll: u16 },
    LogTouch(Box<TouchForm>),
    Facets { row: usize },
}

/// What a popup asks the app to do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Key handled, popup stays.
    Stay,
    /// Close the popup, nothing else.
    Close,
    /// Save the touch being logged.
    SaveTouch,
    /// Move between facet rows or change a facet value.
    FacetRow(isize),
    FacetValue(isize),
    ClearFacets,
}

impl Popup {
    /// Handle a key; the popup always consumes it.
    pub fn on_key(&mut self, key: KeyEvent) -> Outcome {
        match self {
            Popup::Help { scroll } => match key.code {
                KeyCode::Char('j') | KeyCode::Down => {
                    *scroll = scroll.saturating_add(1);
                    Outcome::Stay
                }
                KeyCode::Char('k') | KeyCode::Up => {
                    *scroll = scroll.saturating_sub(1);
                    Outcome::Stay
                }
                _ => Outcome::Close,
            },
            Popup::LogTouch(form) => match key.code {
                KeyCode::Esc => Outcome::Close,
                KeyCode::Enter => Outcome::SaveTouch,
                KeyCode::Tab => {
                    form.kind = (form.kind + 1) % TOUCH_KINDS.len();
                    Outcome::Stay
                }
                KeyCode::BackTab => {
                    form.kind = (form.kind + TOUCH_KINDS.len() - 1) % TOUCH_KINDS.len();
                    Outcome::Stay
                }
                _ => {
                    form.summary.input(key);
                    Outcome::Stay
                }
            },
            Popup::Facets { .. } => match key.code {
                KeyCode::Char('j') | KeyCode::Down => Outcome::FacetRow(1),
                KeyCode::Char('k') | KeyCode::Up => Outcome::FacetRow(-1),
                KeyCode::Char('l' | ' ') | KeyCode::Right => Outcome::FacetValue(1),
                KeyCode::Char('h') | KeyCode::Left => Outcome::FacetValue(-1),
                KeyCode::Char('F' | 'x') | KeyCode::Backspace => Outcome::ClearFacets,
                _ => Outcome::Close,
            },
        }
    }
}
