//! Edits from the cockpit: written to the store in a transaction, then
//! mirrored into the model, and remembered so `u` can take them back.

use chrono::NaiveDate;

use super::model::Model;
use crate::domain::book::{ActivityKind, PartnerFile};
use crate::domain::triage::Subject;
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

/// Write `edit` to the store, then to the model.
///
/// # Errors
/// When the store refuses; the model is then unchanged.
pub fn apply(
    edit: Edit,
    store: &mut Store,
    model: &mut Model,
) -> Result<(Applied, String), StoreError> {
    match edit {
        Edit::LogTouch {
            partner_id,
            kind,
            summary,
        } => {
            let activity = store.log_activity(partner_id, model.today, kind, &summary)?;
            let activity_id = activity.id;
            if let Some(f) = model.file_mut(partner_id) {
                f.activities.push(activity);
            }
            model.changed(partner_id);
            Ok((
                Applied::TouchLogged {
                    partner_id,
                    activity_id,
                },
                format!("logged a {kind}"),
            ))
        }
        Edit::ToggleDone(subject) => {
            let before = done_of(model, subject);
            let after = if before.is_some() {
                None
            } else {
                Some(model.today)
            };
            set_done(store, model, subject, after)?;
            let what = if after.is_some() {
                "marked done"
            } else {
                "marked not done"
            };
            Ok((Applied::DoneSet { subject, before }, what.to_string()))
        }
    }
}

/// Take an applied edit back.
///
/// # Errors
/// When the store refuses.
pub fn revert(
    applied: Applied,
    store: &mut Store,
    model: &mut Model,
) -> Result<String, StoreError> {
    match applied {
        Applied::TouchLogged {
            partner_id,
            activity_id,
        } => {
            store.delete_activity(activity_id)?;
            if let Some(f) = model.file_mut(partner_id) {
                f.activities.retain(|a| a.id != activity_id);
            }
            model.changed(partner_id);
            Ok("logged touch removed".into())
        }
        Applied::DoneSet { subject, before } => {
            set_done(store, model, subject, before)?;
            Ok("done mark restored".into())
        }
    }
}

fn set_done(
    store: &mut Store,
    model: &mut Model,
    subject: Subject,
    done: Option<NaiveDate>,
) -> Result<(), StoreError> {
    match subject {
        Subject::CampaignTask { task, .. } => store.set_task_done(task, done)?,
        Subject::ChecklistItem { item, .. } => store.set_checklist_done(item, done)?,
        Subject::ActionItem { item, .. } => store.set_action_done(item, done)?,
        Subject::Partner { .. } | Subject::Qbr { .. } => return Ok(()),
    }
    if let Some(slot) = model
        .file_mut(subject.partner())
        .and_then(|f| done_slot(f, subject))
    {
        *slot = done;
    }
    model.changed(subject.partner());
    Ok(())
}

fn done_of(model: &Model, subject: Subject) -> Option<NaiveDate> {
    let i = model.index_of(subject.partner())?;
    let mut file = model.book.partners.get(i)?.clone();
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
