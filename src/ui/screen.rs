//! What every screen and every modal is: a type that owns its state, says
//! which keymap scopes it is in, turns actions into [`Effect`]s and draws
//! itself. The app routes keys and applies effects; it knows no screen by
//! name (docs/architecture.md, "How a key becomes a frame").

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::action::Action;
use super::facets::Facets;
use super::keymap::{Keymap, Scope};
use super::model::{Model, Need};
use super::theme::Theme;
use crate::domain::edit::Edit;

/// What a screen or modal reads: the model, the theme, the keymap, and the
/// body area screens draw in (inside the frame's border).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub body: Rect,
}

/// What a key asks the app to do.
#[derive(Default)]
pub enum Effect {
    #[default]
    None,
    /// A one-line message in the footer.
    Status(String),
    /// Open a partner's detail, at a section (`QBRs`, `Campaigns`) if given.
    Open {
        partner: i64,
        section: Option<&'static str>,
    },
    /// Show `screen` over the tab (as the partner detail is), once the
    /// file of `partner` is read; Esc closes it with `Close`.
    Over {
        partner: i64,
        screen: Box<dyn Screen>,
    },
    /// Leave the partner detail (or the screen shown over the tab).
    Close,
    /// Write `text` to the file `path` (atomically) and say `done` in the
    /// status line.
    Write {
        path: std::path::PathBuf,
        text: String,
        done: String,
    },
    /// Put a modal on top.
    Push(Box<dyn Modal>),
    /// Close the top modal.
    Pop,
    /// Write an edit through the edit pipeline (undoable).
    Edit(Edit),
    /// Write a form's edit; only when it is saved does the form close and
    /// its draft go, so a refused save loses nothing typed.
    Submit(Edit),
    /// Set (or clear) a month of the company's revenue, then close the
    /// form that asked, as `Submit` does.
    SetCompanyRevenue(crate::domain::program::MonthChange),
    /// Keep (or, with no values, forget) a form's draft in the book.
    Draft(Draft),
    /// Read a partner's file, then carry out what `then` makes of it (a
    /// form that needs the partner's contacts).
    WithFile {
        partner: i64,
        then: fn(&Ctx, i64) -> Effect,
    },
    /// Open the form a draft was typed in, with its values.
    Resume(Draft),
    /// Hand this text to the user's editor; it comes back to the top modal.
    ExternalEditor(String),
    /// A message to the screen on show (filters, facets).
    Tell(Msg),
    /// Quit; asks first when a modal holds text that is not saved.
    Quit,
    /// Quit without asking.
    QuitNow,
    /// Several effects, in order.
    Many(Vec<Effect>),
}

/// A form's content kept in the book while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Which form (`partner:new`, `touch:12`).
    pub key: String,
    /// Its title, for "resume the … you were typing?".
    pub title: String,
    /// Field values by key; None forgets the draft.
    pub values: Option<Vec<(String, String)>>,
    /// The partner it was typed for, as the form opened on it (the app
    /// fills it in: a form does not know the book).
    pub row: Option<crate::domain::draft::RowStamp>,
}

/// Messages from a modal to the screen under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// The text filter changed.
    Filter(String),
    /// The facet filters changed.
    Facets(Facets),
    /// The chosen value of each facet row of a `ChoicesModal` (None: any).
    Choices(Vec<Option<String>>),
}

/// A screen: a tab, or the partner detail opened over one.
pub trait Screen: Any {
    /// The title on the body's border: `Today`, `Today › Litware`.
    fn title(&self, ctx: &Ctx) -> String;
    /// Keymap scopes this screen is in, most specific first.
    fn scopes(&self) -> Vec<Scope>;
    /// Apply an action.
    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect;
    /// A left click at `x`, `y` inside the body.
    fn click(&mut self, _x: u16, _y: u16, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// The model or the size changed: rebuild what is derived from them.
    fn refresh(&mut self, _ctx: &Ctx) {}
    /// A message from a modal.
    fn receive(&mut self, _msg: Msg, _ctx: &Ctx) {}
    /// Draw into the body.
    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);
    /// The partner a screen over a tab is about (its file is read again
    /// when the book is reloaded).
    fn partner(&self) -> Option<i64> {
        None
    }
    /// What it must have read beyond the list rows (Today's lines, the
    /// tier statuses, the QBR lines, the campaigns list); the app reads it
    /// when the screen is shown, before it is drawn.
    fn needs(&self) -> &'static [Need] {
        &[]
    }
}

/// A modal: a popup or an input line on top of the screen; it sees every
/// key first.
pub trait Modal {
    /// The keymap scope of its keys (hints and help come from it).
    fn scope(&self) -> Scope;
    /// A key, with what the keymap binds it to in this modal's scope (None
    /// when it is unbound: text for a text field).
    fn on_key(&mut self, key: KeyEvent, action: Option<Action>, ctx: &Ctx) -> Effect;
    /// Pasted text: only a text field takes it, as text.
    fn on_paste(&mut self, _text: &str, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// Does it hold typed text that is not saved?
    fn unsaved(&self) -> bool {
        false
    }
    /// Text back from the user's editor (see [`Effect::ExternalEditor`]).
    fn edited_text(&mut self, _text: &str, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// The key of the draft it keeps in the book, if it keeps one.
    fn draft_key(&self) -> Option<String> {
        None
    }
    /// Draw over the whole frame `area`.
    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);
    /// A line drawn in the footer instead of the key hints (an input line).
    fn footer(&self, _ctx: &Ctx) -> Option<Line<'static>> {
        None
    }
}
