//! Drafts: a form's content kept in the book while it is typed, offered
//! back at the next start, and resumed only on the partner it was typed
//! for (`domain::draft`; docs/architecture.md, "Forms and drafts").

use super::App;
use crate::domain::draft::{RowStamp, resumable};
use crate::store::StoredDraft;
use crate::ui::modals::confirm::Confirm;
use crate::ui::modals::form;
use crate::ui::screen::{Draft, Effect, Modal};

impl App {
    /// A form opens: remember the partner its draft is about, as it is now.
    pub(super) fn stamp_draft(&mut self, modal: &dyn Modal) {
        let Some(key) = modal.draft_key() else {
            return;
        };
        let Some(id) = form::draft_partner(&key) else {
            return;
        };
        if let Some(store) = self.store.as_ref()
            && let Err(e) = self.model.load_file(store, id)
        {
            self.status = Some(format!("cannot read this partner: {e}"));
        }
        match self.model.record(id) {
            Some(p) => {
                self.draft_rows.insert(key, RowStamp::of(p));
            }
            None => {
                self.draft_rows.remove(&key);
            }
        }
    }

    /// Keep a form's draft in the book, or forget it.
    pub(super) fn keep_draft(&mut self, draft: &Draft) {
        let row = self.draft_rows.get(&draft.key).cloned();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let kept = match &draft.values {
            Some(values) => store.save_draft(&StoredDraft {
                key: draft.key.clone(),
                title: draft.title.clone(),
                values: values.clone(),
                row,
            }),
            None => store.forget_draft(&draft.key),
        };
        if let Err(e) = kept {
            self.status = Some(format!("the draft could not be kept: {e}"));
        }
    }

    pub(super) fn forget_draft(&mut self, key: &str) {
        self.draft_rows.remove(key);
        if let Some(store) = self.store.as_mut()
            && let Err(e) = store.forget_draft(key)
        {
            self.status = Some(format!("the draft could not be forgotten: {e}"));
        }
    }

    /// Offer to resume the forms a killed terminal left typed.
    pub(super) fn offer_drafts(&mut self) {
        let drafts = match self.store.as_ref().map(|s| s.drafts()) {
            Some(Ok(drafts)) => drafts,
            Some(Err(e)) => {
                self.status = Some(format!("the drafts could not be read: {e}"));
                return;
            }
            None => return,
        };
        for d in drafts {
            let draft = Draft {
                key: d.key,
                title: d.title,
                values: Some(d.values),
                row: d.row,
            };
            let forget = Effect::Draft(Draft {
                values: None,
                ..draft.clone()
            });
            self.apply(Confirm::ask_or(
                format!(
                    "Resume \"{}\"? It was being typed when partnerdeck last stopped.",
                    draft.title
                ),
                Effect::Resume(draft),
                forget,
            ));
        }
    }

    /// Reopen a draft's form, if its partner is still the one it was typed
    /// for; else forget it and say why.
    pub(super) fn resume(&mut self, draft: &Draft) {
        if let Some(id) = form::draft_partner(&draft.key) {
            if let Some(store) = self.store.as_ref() {
                match self.model.load_file(store, id) {
                    // Not in the book (any more): `resumable` says so.
                    Ok(()) | Err(crate::store::StoreError::NotFound { .. }) => {}
                    Err(e) => {
                        self.status =
                            Some(format!("\"{}\" cannot be resumed now: {e}", draft.title));
                        return;
                    }
                }
            }
            let changes = form::draft_changes(&draft.key);
            if let Err(why) = resumable(draft.row.as_ref(), self.model.record(id), changes) {
                self.forget_draft(&draft.key);
                self.status = Some(format!("\"{}\" was not resumed: {why}", draft.title));
                return;
            }
            if let Some(row) = &draft.row {
                self.draft_rows.insert(draft.key.clone(), row.clone());
            }
        }
        if let Some(form) = form::reopen(draft, &self.ctx()) {
            self.modals.push(Box::new(form));
        } else {
            self.forget_draft(&draft.key);
            self.status = Some(format!("{} can no longer be resumed", draft.title));
        }
    }
}
