//! Undo and redo: two stacks of inverse edits. Undoing an edit applies its
//! inverse through the same pipeline as any edit, and keeps the inverse of
//! that for redo (docs/architecture.md, "One edit pipeline").

use crate::domain::edit::{Applied, Edit};
use crate::domain::program::MonthChange;
use crate::ui::action::Action;
use crate::ui::keymap::Keymap;

/// Which way an edit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A new edit.
    Do,
    Undo,
    Redo,
}

impl Step {
    /// `undo`, `redo`: for "nothing to undo".
    #[must_use]
    pub fn verb(self) -> &'static str {
        match self {
            Step::Do => "do",
            Step::Undo => "undo",
            Step::Redo => "redo",
        }
    }

    /// How a refusal starts: `not saved`, `could not undo`.
    #[must_use]
    pub fn failed(self) -> &'static str {
        match self {
            Step::Do => "not saved",
            Step::Undo => "could not undo",
            Step::Redo => "could not redo",
        }
    }
}

/// What undo or redo applies: an edit of a partner's records, or a month
/// of the company's revenue (the book's own, not a partner's).
#[derive(Debug, Clone)]
pub enum Undoable {
    Edit(Box<Edit>),
    CompanyRevenue(MonthChange),
}

#[derive(Debug, Default)]
pub struct History {
    /// Inverses of what was done, newest last.
    undo: Vec<Undoable>,
    /// Inverses of what was undone, newest last.
    redo: Vec<Undoable>,
}

impl History {
    /// The edit that undoes (or redoes) the last one, taken off its stack.
    pub fn take(&mut self, step: Step) -> Option<Undoable> {
        match step {
            Step::Do => None,
            Step::Undo => self.undo.pop(),
            Step::Redo => self.redo.pop(),
        }
    }

    /// Remember an applied edit's inverse; returns the status line, which
    /// names the undo and redo keys as `keys` binds them.
    pub fn record(&mut self, step: Step, applied: Applied, keys: &Keymap) -> String {
        self.push(
            step,
            Undoable::Edit(Box::new(applied.inverse)),
            &applied.what,
            keys,
        )
    }

    /// Remember a company revenue change's inverse (`what` says what was
    /// done); the status line, as [`History::record`].
    pub fn record_company(
        &mut self,
        step: Step,
        inverse: MonthChange,
        what: &str,
        keys: &Keymap,
    ) -> String {
        self.push(step, Undoable::CompanyRevenue(inverse), what, keys)
    }

    fn push(&mut self, step: Step, inverse: Undoable, what: &str, keys: &Keymap) -> String {
        let undo = keys.label_of(Action::Undo);
        let redo = keys.label_of(Action::Redo);
        match step {
            Step::Do => {
                self.redo.clear();
                self.undo.push(inverse);
                format!("{what} · {undo} undoes")
            }
            Step::Undo => {
                self.redo.push(inverse);
                format!("undone: {what} · {redo} redoes")
            }
            Step::Redo => {
                self.undo.push(inverse);
                format!("redone: {what} · {undo} undoes")
            }
        }
    }
}
