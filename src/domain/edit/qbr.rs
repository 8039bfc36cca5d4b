//! QBRs as edits: plan one (with its checklist, agenda and action items),
//! remove it, hold, cancel or reschedule it.

use chrono::NaiveDate;

use super::{Change, Edit, EditError};
use crate::domain::book::{PartnerFile, QbrStatus};
use crate::domain::format::day;

/// A QBR's status and date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QbrWhen {
    pub status: QbrStatus,
    pub date: NaiveDate,
}

/// The first free id of each table a new row may go into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeIds {
    pub activity: i64,
    pub qbr: i64,
    pub checklist: i64,
    pub agenda: i64,
    pub action: i64,
}

impl Edit {
    /// A QBR being planned with its rows numbered from the free ids.
    #[must_use]
    pub fn with_ids(mut self, free: FreeIds) -> Edit {
        match &mut self.change {
            Change::AddActivity(a) => a.id = free.activity,
            Change::AddQbr(q) => {
                // Numbered in the order the book keeps them, so the rows
                // read back exactly as added.
                q.checklist.sort_by_key(|c| c.offset_days);
                q.id = free.qbr;
                for (c, id) in q.checklist.iter_mut().zip(free.checklist..) {
                    c.id = id;
                }
                for (a, id) in q.agenda.iter_mut().zip(free.agenda..) {
                    a.id = id;
                }
                for (a, id) in q.actions.iter_mut().zip(free.action..) {
                    a.id = id;
                }
            }
            _ => {}
        }
        self
    }
}

/// Apply a QBR change: its inverse and what it did in words.
pub(super) fn qbr_change(
    file: &mut PartnerFile,
    change: &Change,
    name: &str,
) -> Result<(Change, String), EditError> {
    Ok(match change {
        Change::AddQbr(q) => {
            if file.qbrs.iter().any(|x| x.id == q.id) {
                return Err(EditError::RowChanged {
                    what: qbr_words(q.date, name),
                });
            }
            file.qbrs.push(q.clone());
            (
                Change::RemoveQbr(q.clone()),
                format!("{} planned", qbr_words(q.date, name)),
            )
        }
        Change::RemoveQbr(q) => {
            let Some(at) = file.qbrs.iter().position(|x| x == q) else {
                return Err(EditError::RowChanged {
                    what: qbr_words(q.date, name),
                });
            };
            file.qbrs.remove(at);
            (
                Change::AddQbr(q.clone()),
                format!("{} removed", qbr_words(q.date, name)),
            )
        }
        Change::SetQbr { qbr, from, to } => {
            let Some(q) = file
                .qbrs
                .iter_mut()
                .find(|x| x.id == *qbr && x.status == from.status && x.date == from.date)
            else {
                return Err(EditError::RowChanged {
                    what: qbr_words(from.date, name),
                });
            };
            q.status = to.status;
            q.date = to.date;
            (
                Change::SetQbr {
                    qbr: *qbr,
                    from: *to,
                    to: *from,
                },
                qbr_set_words(*from, *to, name),
            )
        }
        _ => {
            return Err(EditError::RowChanged {
                what: format!("that QBR of {name}"),
            });
        }
    })
}

/// `QBR of Thu 25 Feb with Atlas Grid GmbH`.
fn qbr_words(date: NaiveDate, partner: &str) -> String {
    format!("QBR of {} with {partner}", day(date))
}

/// What a status or date change did, in words.
fn qbr_set_words(from: QbrWhen, to: QbrWhen, partner: &str) -> String {
    let what = qbr_words(from.date, partner);
    match (to.status, to.date == from.date) {
        (QbrStatus::Held, true) => format!("{what} marked held"),
        (QbrStatus::Held, false) => format!("{what} marked held on {}", day(to.date)),
        (QbrStatus::Cancelled, _) => format!("{what} cancelled"),
        (QbrStatus::Planned, true) => format!("{what} planned again"),
        (QbrStatus::Planned, false) => format!("{what} moved to {}", day(to.date)),
    }
}

/// The QBR with this id in the file.
fn qbr_mut<'a>(
    file: &'a mut PartnerFile,
    id: i64,
    name: &str,
) -> Result<&'a mut crate::domain::book::Qbr, EditError> {
    file.qbrs
        .iter_mut()
        .find(|q| q.id == id)
        .ok_or_else(|| EditError::RowChanged {
            what: format!("that QBR of {name}"),
        })
}

/// Apply a workspace change (notes, action items): its inverse and words.
pub(super) fn workspace_change(
    file: &mut PartnerFile,
    change: &Change,
    name: &str,
) -> Result<(Change, String), EditError> {
    Ok(match change {
        Change::SetNotes { qbr, from, to } => {
            let q = qbr_mut(file, *qbr, name)?;
            for (id, before) in from {
                if !q.agenda.iter().any(|a| a.id == *id && a.notes == *before) {
                    return Err(EditError::RowChanged {
                        what: format!("the notes of {}", qbr_words(q.date, name)),
                    });
                }
            }
            for (id, notes) in to {
                if let Some(a) = q.agenda.iter_mut().find(|a| a.id == *id) {
                    a.notes.clone_from(notes);
                }
            }
            let what = format!("notes of {} saved", qbr_words(q.date, name));
            (
                Change::SetNotes {
                    qbr: *qbr,
                    from: to.clone(),
                    to: from.clone(),
                },
                what,
            )
        }
        Change::AddAction { qbr, item } => {
            let q = qbr_mut(file, *qbr, name)?;
            if q.actions.iter().any(|a| a.id == item.id) {
                return Err(EditError::RowChanged {
                    what: format!("action item '{}' of {name}", item.text),
                });
            }
            q.actions.push(item.clone());
            (
                Change::RemoveAction {
                    qbr: *qbr,
                    item: item.clone(),
                },
                format!("action item '{}' of {name} added", item.text),
            )
        }
        Change::RemoveAction { qbr, item } => {
            let q = qbr_mut(file, *qbr, name)?;
            let Some(at) = q.actions.iter().position(|a| a == item) else {
                return Err(EditError::RowChanged {
                    what: format!("action item '{}' of {name}", item.text),
                });
            };
            q.actions.remove(at);
            (
                Change::AddAction {
                    qbr: *qbr,
                    item: item.clone(),
                },
                format!("action item '{}' of {name} removed", item.text),
            )
        }
        Change::EditAction { qbr, before, after } => {
            let q = qbr_mut(file, *qbr, name)?;
            let Some(a) = q
                .actions
                .iter_mut()
                .find(|a| *a == before && before.id == after.id)
            else {
                return Err(EditError::RowChanged {
                    what: format!("action item '{}' of {name}", before.text),
                });
            };
            *a = after.clone();
            (
                Change::EditAction {
                    qbr: *qbr,
                    before: after.clone(),
                    after: before.clone(),
                },
                format!("action item '{}' of {name} changed", after.text),
            )
        }
        _ => {
            return Err(EditError::RowChanged {
                what: format!("that QBR of {name}"),
            });
        }
    })
}
