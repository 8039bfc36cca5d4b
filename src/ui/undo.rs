//! Edits from the cockpit: written to the store in a transaction, then
//! mirrored into the model, and remembered so `u` can take them back.

use chrono::NaiveDate;

use super::model::Model;
use crate::domain::book::{ActivityKind, PartnerFile};
use crate::domain::today::Subject;
use crate::store::{Store, StoreError};

/// An edit the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    LogTouch {
        partner_id: i64,
        kind: ActivityKind,
        summary: String,
    },
    /// Flip done / not done on a task, checklist item or action item.
    ToggleDone(Subject),
}

impl Edit {
    /// The partner the edit is about.
    #[must_use]
    pub fn partner(&self) -> i64 {
        match self {
            Edit::LogTouch { partner_id, .. } => *partner_id,
            Edit::ToggleDone(subject) => subject.partner(),
        }
    }
}

/// An edit that happened, with what is needed to take it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    TouchLogged {
        partner_id: i64,
        activity_id: i64,
    },
    DoneSet {
        subject: Subject,
        before: Option<NaiveDate>,
    },
}

impl Applied {
    /// The partner the edit was about.
    #[must_use]
    pub fn partner(&self) -> i64 {
        match self {
            Applied::TouchLogged { partner_id, .. } => *partner_id,
            Applied::DoneSet { subject, .. } => subject.partner(),
        }
    }
}

/// Write `edit` to the store, then to the model, in one transaction.
///
/// # Errors
/// When the store refuses; the book and the model are then unchanged.
pub fn apply(
    edit: Edit,
    store: &mut Store,
    model: &mut Model,
) -> Result<(Applied, String), StoreError> {
    let partner = edit.partner();
    in_edit(store, model, partner, |store, model, current| {
        apply_edit(edit, store, model, current)
    })
}

/// Take an applied edit back, in one transaction.
///
/// # Errors
/// When the store refuses.
pub fn revert(
    applied: Applied,
    store: &mut Store,
    model: &mut Model,
) -> Result<String, StoreError> {
    let partner = applied.partner();
    in_edit(store, model, partner, |store, model, current| {
        revert_edit(applied, store, model, current)
    })
}

/// Run an edit of one partner inside [`Store::begin_edit`] /
/// [`Store::end_edit`]; `f` gets whether the summary cache was current when
/// the edit began. If anything fails the transaction is rolled back and the
/// partner is read again from the book, so the screen never shows an edit
/// that was not saved.
fn in_edit<T>(
    store: &mut Store,
    model: &mut Model,
    partner: i64,
    f: impl FnOnce(&mut Store, &mut Model, bool) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let current = store.begin_edit(model.today, &model.config)?;
    let result = f(store, model, current).and_then(|done| store.end_edit(true).map(|()| done));
    if result.is_err() {
        let _ = store.end_edit(false);
        model.forget_file(partner);
        if model.load_file(store, partner).is_ok() {
            model.changed(partner);
        }
    }
    result
}

fn apply_edit(
    edit: Edit,
    store: &mut Store,
    model: &mut Model,
    current: bool,
) -> Result<(Applied, String), StoreError> {
    match edit {
        Edit::LogTouch {
            partner_id,
            kind,
            summary,
        } => {
            model.load_file(store, partner_id)?;
            let activity = store.log_activity(partner_id, model.today, kind, &summary)?;
            let activity_id = activity.id;
            if let Some(f) = model.file_mut(partner_id) {
                f.activities.push(activity);
            }
            changed(store, model, partner_id, current);
            Ok((
                Applied::TouchLogged {
                    partner_id,
                    activity_id,
                },
                format!("logged a {kind}"),
            ))
        }
        Edit::ToggleDone(subject) => {
            model.load_file(store, subject.partner())?;
            let before = done_of(model, subject);
            let after = if before.is_some() {
                None
            } else {
                Some(model.today)
            };
            set_done(store, model, subject, after, current)?;
            let what = if after.is_some() {
                "marked done"
            } else {
                "marked not done"
            };
            Ok((Applied::DoneSet { subject, before }, what.to_string()))
        }
    }
}

fn revert_edit(
    applied: Applied,
    store: &mut Store,
    model: &mut Model,
    current: bool,
) -> Result<String, StoreError> {
    match applied {
        Applied::TouchLogged {
            partner_id,
            activity_id,
        } => {
            store.delete_activity(activity_id)?;
            model.load_file(store, partner_id)?;
            if let Some(f) = model.file_mut(partner_id) {
                f.activities.retain(|a| a.id != activity_id);
            }
            changed(store, model, partner_id, current);
            Ok("logged touch removed".into())
        }
        Applied::DoneSet { subject, before } => {
            set_done(store, model, subject, before, current)?;
            Ok("done mark restored".into())
        }
    }
}

fn set_done(
    store: &mut Store,
    model: &mut Model,
    subject: Subject,
    done: Option<NaiveDate>,
    current: bool,
) -> Result<(), StoreError> {
    match subject {
        Subject::CampaignTask { task, .. } => store.set_task_done(task, done)?,
        Subject::ChecklistItem { item, .. } => store.set_checklist_done(item, done)?,
        Subject::ActionItem { item, .. } => store.set_action_done(item, done)?,
        Subject::Partner { .. } | Subject::Qbr { .. } => return Ok(()),
    }
    model.load_file(store, subject.partner())?;
    if let Some(slot) = model
        .file_mut(subject.partner())
        .and_then(|f| done_slot(f, subject))
    {
        *slot = done;
    }
    changed(store, model, subject.partner(), current);
    Ok(())
}

/// Re-apply the rules to the partner and store its new summary. A failure
/// here only leaves the cache stale (recomputed on the next open); the edit
/// itself stands.
fn changed(store: &mut Store, model: &mut Model, partner_id: i64, current: bool) {
    model.changed(partner_id);
    if let Some((_, summary)) = model.partner(partner_id) {
        let _ = store.save_summary(model.today, &model.config, summary, current);
    }
}

fn done_of(model: &Model, subject: Subject) -> Option<NaiveDate> {
    let mut file = model.file(subject.partner())?.clone();
    done_slot(&mut file, subject).and_then(|d| *d)
}

/// The `done` field a subject refers to.
fn done_slot(f: &mut PartnerFile, subject: Subject) -> Option<&mut Option<NaiveDate>> {
    match subject {
        Subject::CampaignTask { campaign, task, .. } => f
            .campaigns
            .iter_mut()
            .find(|c| c.id == campaign)?
            .tasks
            .iter_mut()
            .find(|t| t.id == task)
            .map(|t| &mut t.done),
        Subject::ChecklistItem { qbr, item, .. } => f
            .qbrs
            .iter_mut()
            .find(|q| q.id == qbr)?
            .checklist
            .iter_mut()
            .find(|c| c.id == item)
            .map(|c| &mut c.done),
        Subject::ActionItem { qbr, item, .. } => f
            .qbrs
            .iter_mut()
            .find(|q| q.id == qbr)?
            .actions
            .iter_mut()
            .find(|a| a.id == item)
            .map(|a| &mut a.done),
        Subject::Partner { .. } | Subject::Qbr { .. } => None,
    }
}
