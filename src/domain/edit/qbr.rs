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
