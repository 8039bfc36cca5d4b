//! Edits to a partner's records, as data: applying one to the partner's file
//! checks that the rows still hold what the edit expects and returns the
//! edit that takes it back. The cockpit's undo and redo are stacks of these
//! inverses; the store writes the same edit in one transaction
//! (docs/architecture.md, "One edit pipeline").

use chrono::NaiveDate;

use super::book::{Activity, PartnerFile};
use super::format::day;
use super::search::name_key;
use super::today::Subject;

/// Which partner an edit is about: its id and the name it had when the edit
/// was made, so an edit never lands on another partner that took the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRef {
    pub id: i64,
    pub name: String,
}

/// A row that has a done date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneItem {
    CampaignTask { campaign: i64, task: i64 },
    ChecklistItem { qbr: i64, item: i64 },
    ActionItem { qbr: i64, item: i64 },
}

impl DoneItem {
    /// The row a Today line is about, when it is one that can be done.
    #[must_use]
    pub fn of(subject: Subject) -> Option<DoneItem> {
        match subject {
            Subject::CampaignTask { campaign, task, .. } => {
                Some(DoneItem::CampaignTask { campaign, task })
            }
            Subject::ChecklistItem { qbr, item, .. } => Some(DoneItem::ChecklistItem { qbr, item }),
            Subject::ActionItem { qbr, item, .. } => Some(DoneItem::ActionItem { qbr, item }),
            Subject::Partner { .. } | Subject::Qbr { .. } => None,
        }
    }
}

/// What an edit changes in the partner's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Add an activity (id 0: the store gives it one).
    AddActivity(Activity),
    /// Remove this activity; it must still be in the book exactly as given.
    RemoveActivity(Activity),
    /// Set a done date, if it is still `from`.
    SetDone {
        item: DoneItem,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

/// One edit of one partner's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub partner: PartnerRef,
    pub change: Change,
}

/// An edit that was applied: what it did in words, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The edit as applied (new rows carry their ids).
    pub edit: Edit,
    /// The edit that undoes it.
    pub inverse: Edit,
    /// What happened, for the status line: `call with Atlas Grid GmbH logged`.
    pub what: String,
}

/// Why an edit was refused. The book is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(
        "{expected} is no longer in the book (another program changed it); nothing was changed"
    )]
    PartnerGone { expected: String },
    #[error("{what} is no longer in the book as it was; nothing was changed")]
    RowChanged { what: String },
}

impl Edit {
    /// The partner's id.
    #[must_use]
    pub fn partner_id(&self) -> i64 {
        self.partner.id
    }

    /// Does the edit add a row that still needs an id from the store?
    #[must_use]
    pub fn needs_id(&self) -> bool {
        matches!(&self.change, Change::AddActivity(a) if a.id == 0)
    }

    /// The same edit with the new row's id set.
    #[must_use]
    pub fn with_id(mut self, id: i64) -> Edit {
        if let Change::AddActivity(a) = &mut self.change {
            a.id = id;
        }
        self
    }

    /// Apply the edit to the partner's file. It is refused when the file is
    /// another partner's, or a row no longer holds what the edit expects.
    ///
    /// # Errors
    /// An [`EditError`]; the file is then unchanged.
    pub fn apply(&self, file: &mut PartnerFile) -> Result<Applied, EditError> {
        if file.partner.id != self.partner.id
            || name_key(&file.partner.name) != name_key(&self.partner.name)
        {
            return Err(EditError::PartnerGone {
                expected: self.partner.name.clone(),
            });
        }
        let name = file.partner.name.clone();
        let name = name.as_str();
        let (inverse, what) = match &self.change {
            Change::AddActivity(a) => {
                if file.activities.iter().any(|x| x.id == a.id) {
                    return Err(EditError::RowChanged {
                        what: activity_words(a, name),
                    });
                }
                file.activities.push(a.clone());
                (
                    Change::RemoveActivity(a.clone()),
                    format!("{} logged", activity_words(a, name)),
                )
            }
            Change::RemoveActivity(a) => {
                let Some(at) = file.activities.iter().position(|x| x == a) else {
                    return Err(EditError::RowChanged {
                        what: activity_words(a, name),
                    });
                };
                file.activities.remove(at);
                (
                    Change::AddActivity(a.clone()),
                    format!("{} removed", activity_words(a, name)),
                )
            }
            Change::SetDone { item, from, to } => {
                let (title, slot) =
                    done_slot(file, *item).ok_or_else(|| EditError::RowChanged {
                        what: format!("that item of {name}"),
                    })?;
                if *slot != *from {
                    return Err(EditError::RowChanged {
                        what: format!("'{title}' of {name}"),
                    });
                }
                *slot = *to;
                let done = if to.is_some() { "done" } else { "not done" };
                (
                    Change::SetDone {
                        item: *item,
                        from: *to,
                        to: *from,
                    },
                    format!("'{title}' of {name} marked {done}"),
                )
            }
        };
        file.normalize();
        Ok(Applied {
            edit: self.clone(),
            inverse: Edit {
                partner: self.partner.clone(),
                change: inverse,
            },
            what,
        })
    }
}

/// `call of Wed 25 Nov 2026 with Atlas Grid GmbH`.
fn activity_words(a: &Activity, partner: &str) -> String {
    format!("{} of {} with {partner}", a.kind, day(a.date))
}

/// The title and the done date of a row, if the file has it.
fn done_slot(f: &mut PartnerFile, item: DoneItem) -> Option<(String, &mut Option<NaiveDate>)> {
    match item {
        DoneItem::CampaignTask { campaign, task } => f
            .campaigns
            .iter_mut()
            .find(|c| c.id == campaign)?
            .tasks
            .iter_mut()
            .find(|t| t.id == task)
            .map(|t| (t.title.clone(), &mut t.done)),
        DoneItem::ChecklistItem { qbr, item } => f
            .qbrs
            .iter_mut()
            .find(|q| q.id == qbr)?
            .checklist
            .iter_mut()
            .find(|c| c.id == item)
            .map(|c| (c.title.clone(), &mut c.done)),
        DoneItem::ActionItem { qbr, item } => f
            .qbrs
            .iter_mut()
            .find(|q| q.id == qbr)?
            .actions
            .iter_mut()
            .find(|a| a.id == item)
            .map(|a| (a.text.clone(), &mut a.done)),
    }
}

/// The done date of a row now (None when open or missing).
#[must_use]
pub fn done_of(file: &PartnerFile, item: DoneItem) -> Option<NaiveDate> {
    let mut copy = file.clone();
    done_slot(&mut copy, item).and_then(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::ActivityKind;
    use crate::domain::testing::partner_file;

    fn file() -> PartnerFile {
        let mut f = partner_file("Atlas Grid GmbH");
        f.partner.id = 7;
        f.activities.push(activity(3));
        f
    }

    fn activity(id: i64) -> Activity {
        Activity {
            id,
            date: NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
            kind: ActivityKind::Call,
            summary: "went well".into(),
        }
    }

    fn atlas() -> PartnerRef {
        PartnerRef {
            id: 7,
            name: "Atlas Grid GmbH".into(),
        }
    }

    #[test]
    fn adding_then_applying_the_inverse_gives_the_file_back() {
        let mut f = file();
        let before = f.clone();
        let add = Edit {
            partner: atlas(),
            change: Change::AddActivity(activity(9)),
        };
        let done = add.apply(&mut f).expect("applies");
        assert_eq!(f.activities.len(), 2);
        assert_eq!(
            done.what,
            "call of Wed 25 Nov 2026 with Atlas Grid GmbH logged"
        );
        let undone = done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        assert_eq!(
            undone.what,
            "call of Wed 25 Nov 2026 with Atlas Grid GmbH removed"
        );
        assert_eq!(undone.inverse, add);
    }

    #[test]
    fn an_edit_refuses_another_partner_with_the_same_id() {
        let mut f = file();
        f.partner.name = "Zebra Imports".into();
        let remove = Edit {
            partner: atlas(),
            change: Change::RemoveActivity(activity(3)),
        };
        let err = remove.apply(&mut f).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "Atlas Grid GmbH is no longer in the book (another program changed it); nothing was changed"
        );
        assert_eq!(f.activities.len(), 1);
    }

    #[test]
    fn removing_refuses_a_row_whose_content_changed() {
        let mut f = file();
        f.activities[0].summary = "someone else's note".into();
        let remove = Edit {
            partner: atlas(),
            change: Change::RemoveActivity(activity(3)),
        };
        assert!(matches!(
            remove.apply(&mut f),
            Err(EditError::RowChanged { .. })
        ));
        assert_eq!(f.activities[0].summary, "someone else's note");
    }
}
