//! Edits to a partner's records, as data: applying one to the partner's file
//! checks that the rows still hold what the edit expects and returns the
//! edit that takes it back. The cockpit's undo and redo are stacks of these
//! inverses; the store writes the same edit in one transaction
//! (docs/architecture.md, "One edit pipeline").

mod campaign;
mod qbr;
mod stage;
mod tier;
pub mod years;

pub use qbr::{FreeIds, QbrWhen};
pub use tier::{TierAction, TierHeld, support_plan, tier_edit};

use chrono::NaiveDate;

use super::book::{
    ActionItem, Activity, Campaign, CampaignResults, CampaignStatus, CampaignTask, Partner,
    PartnerFile, Qbr, Scorecard, StageChange, TierChange,
};
use super::dates::{MAX_YEAR, MIN_YEAR};
use super::format::day;
use super::record::{Record, RecordKind};
use super::search::name_key;
use super::today::Subject;

/// The kind of row an edit adds and the store numbers ([`Edit::needs_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewRow {
    Activity,
    Partner,
    Record(RecordKind),
    TierChange,
    CampaignTask,
    /// A QBR with its checklist, agenda and action items.
    Qbr,
    /// A campaign with its tasks.
    Campaign,
    ActionItem,
}

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
    /// Add a partner (id 0: the store gives it one, and its timestamps).
    AddPartner(Partner),
    /// Remove a partner that has no records (the inverse of adding one; the
    /// cockpit archives partners, it never deletes one with history).
    RemovePartner(Partner),
    /// Change a partner's own fields, if they are still `before`.
    EditPartner { before: Partner, after: Partner },
    /// Add a contact, deal, referral, certification, NPS response or
    /// revenue month (id 0: the store gives it one).
    AddRecord(Record),
    /// Delete a record, if it is still exactly as given.
    RemoveRecord(Record),
    /// Change a record, if it is still `before` (same row).
    EditRecord { before: Record, after: Record },
    /// Set the tier held, if it is still `from`, and record the change
    /// (`record.id` 0: the store gives it one). `record` names the tiers,
    /// the date (`to.since`), the reason and whether `to` is provisional.
    SetTier {
        from: TierHeld,
        to: TierHeld,
        record: TierChange,
    },
    /// Take a tier change back: the tier held goes from `from` back to
    /// `to`, and `record` leaves the history (it must be there as given).
    RevertTier {
        from: TierHeld,
        to: TierHeld,
        record: TierChange,
    },
    /// Move the partner to another lifecycle stage: its fields from
    /// `before` to `after`, `record` (dated) into its stage history and,
    /// when it enters `onboard` without one, its onboarding `plan` (ids 0:
    /// the store numbers it, see [`Edit::with_campaign_ids`]).
    SetStage {
        before: Partner,
        after: Partner,
        record: StageChange,
        plan: Option<Campaign>,
    },
    /// Take a stage move back: fields `before` → `after`, `record` out of
    /// the history, `plan` out of the campaigns (each as given).
    RevertStage {
        before: Partner,
        after: Partner,
        record: StageChange,
        plan: Option<Campaign>,
    },
    /// Set a prospect's scorecard, if it is still `from` (None clears it).
    SetScorecard {
        from: Option<Scorecard>,
        to: Option<Scorecard>,
    },
    /// Move a campaign's launch from `from` to `to`, and its open tasks
    /// `tasks` by as many days (done tasks stay where they were).
    MoveLaunch {
        campaign: i64,
        from: NaiveDate,
        to: NaiveDate,
        tasks: Vec<i64>,
    },
    /// Set a campaign's status, if it is still `from`.
    SetStatus {
        campaign: i64,
        from: CampaignStatus,
        to: CampaignStatus,
    },
    /// Add a task to a campaign (id 0: the store gives it one).
    AddTask { campaign: i64, task: CampaignTask },
    /// Remove this task; it must still be in the book exactly as given.
    RemoveTask { campaign: i64, task: CampaignTask },
    /// Change a task (title, owner, week, due date), if it is still `before`.
    EditTask {
        campaign: i64,
        before: CampaignTask,
        after: CampaignTask,
    },
    /// Set a campaign's results (registrants … closed-won), if still `from`.
    SetResults {
        campaign: i64,
        from: CampaignResults,
        to: CampaignResults,
    },
    /// Add a campaign with its tasks (ids 0: the store numbers them, see
    /// [`Edit::with_campaign_ids`]).
    AddCampaign(Campaign),
    /// Remove this campaign; it must still be in the book exactly as given.
    RemoveCampaign(Campaign),
    /// Add a QBR with its checklist, agenda and action items (ids 0: the
    /// store gives them ids, see [`Edit::with_ids`]).
    AddQbr(Qbr),
    /// Remove this QBR; it must still be in the book exactly as given.
    RemoveQbr(Qbr),
    /// Set a QBR's status and date (hold, cancel, reschedule), if they are
    /// still `from`.
    SetQbr {
        qbr: i64,
        from: QbrWhen,
        to: QbrWhen,
    },
    /// Set the notes of a QBR's agenda sections (`(section id, notes)`), if
    /// they are still `from`.
    SetNotes {
        qbr: i64,
        from: Vec<(i64, String)>,
        to: Vec<(i64, String)>,
    },
    /// Add an action item to a QBR (id 0: the store gives it one).
    AddAction { qbr: i64, item: ActionItem },
    /// Remove an action item, if it is still exactly as given.
    RemoveAction { qbr: i64, item: ActionItem },
    /// Change an action item, if it is still `before`.
    EditAction {
        qbr: i64,
        before: ActionItem,
        after: ActionItem,
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
    #[error(
        "{what} would be {}, outside the years {MIN_YEAR} to {MAX_YEAR}; nothing was changed",
        day(*date)
    )]
    OutsideYears { what: String, date: NaiveDate },
}

impl Edit {
    /// The partner's id.
    #[must_use]
    pub fn partner_id(&self) -> i64 {
        self.partner.id
    }

    /// What kind of row the edit adds, when that row still needs an id
    /// from the store (each engine knows where its ids come from).
    #[must_use]
    pub fn needs_id(&self) -> Option<NewRow> {
        match &self.change {
            Change::AddActivity(a) if a.id == 0 => Some(NewRow::Activity),
            Change::AddPartner(p) if p.id == 0 => Some(NewRow::Partner),
            Change::AddRecord(r) if r.needs_id() => Some(NewRow::Record(r.kind())),
            Change::SetTier { record, .. } if record.id == 0 => Some(NewRow::TierChange),
            Change::AddTask { task, .. } if task.id == 0 => Some(NewRow::CampaignTask),
            // Several kinds of rows: the store numbers it with `with_ids`.
            Change::AddQbr(q) if q.id == 0 => Some(NewRow::Qbr),
            // A campaign and its tasks: numbered with `with_campaign_ids`.
            Change::AddCampaign(c) if c.id == 0 => Some(NewRow::Campaign),
            Change::SetStage { plan: Some(c), .. } if c.id == 0 => Some(NewRow::Campaign),
            Change::AddAction { item, .. } if item.id == 0 => Some(NewRow::ActionItem),
            _ => None,
        }
    }

    /// The same edit with the new row's id set (a new partner's id is the
    /// edit's partner too).
    #[must_use]
    pub fn with_id(mut self, id: i64) -> Edit {
        match &mut self.change {
            Change::AddActivity(a) => a.id = id,
            Change::AddPartner(p) => {
                p.id = id;
                self.partner.id = id;
            }
            Change::AddRecord(r) => *r = r.clone().with_id(id),
            Change::SetTier { record, .. } => record.id = id,
            Change::AddTask { task, .. } => task.id = id,
            Change::AddAction { item, .. } => item.id = id,
            _ => {}
        }
        self
    }

    /// The same edit with a new partner's timestamps set (the store's clock).
    #[must_use]
    pub fn stamped(mut self, now: &str) -> Edit {
        if let Change::AddPartner(p) = &mut self.change {
            p.created_at = now.to_string();
            p.updated_at = now.to_string();
        }
        self
    }

    /// Does the edit remove the partner itself?
    #[must_use]
    pub fn removes_partner(&self) -> bool {
        matches!(self.change, Change::RemovePartner(_))
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
        // Kept to put back when the edit would make a date a book cannot hold.
        let before = file.clone();
        let (inverse, what) = match &self.change {
            Change::AddActivity(a) => add_activity(file, a, &name)?,
            Change::RemoveActivity(a) => remove_activity(file, a, &name)?,
            Change::SetDone { item, from, to } => set_done(file, *item, *from, *to, &name)?,
            Change::AddPartner(p) => add_partner(file, p)?,
            Change::RemovePartner(p) => remove_partner(file, p, &name)?,
            Change::EditPartner { before, after } => edit_partner(file, before, after, &name)?,
            Change::AddRecord(r) => add_record(file, r, &name)?,
            Change::RemoveRecord(r) => remove_record(file, r, &name)?,
            Change::EditRecord { before, after } => edit_record(file, before, after, &name)?,
            Change::SetTier { from, to, record } => tier::set(file, from, to, record)?,
            Change::RevertTier { from, to, record } => tier::revert(file, from, to, record)?,
            Change::SetStage {
                before,
                after,
                record,
                plan,
            }
            | Change::RevertStage {
                before,
                after,
                record,
                plan,
            } => {
                let m = stage::Move {
                    before,
                    after,
                    record,
                    plan: plan.as_ref(),
                };
                if matches!(self.change, Change::SetStage { .. }) {
                    stage::set(file, &m, &name)?
                } else {
                    stage::revert(file, &m, &name)?
                }
            }
            Change::SetScorecard { from, to } => {
                stage::set_scorecard(file, from.as_ref(), to.as_ref(), &name)?
            }
            Change::MoveLaunch {
                campaign,
                from,
                to,
                tasks,
            } => campaign::move_launch(file, *campaign, (*from, *to), tasks, &name)?,
            Change::SetStatus { campaign, from, to } => {
                campaign::set_status(file, *campaign, (*from, *to), &name)?
            }
            Change::AddTask { campaign, task } => campaign::add_task(file, *campaign, task, &name)?,
            Change::RemoveTask { campaign, task } => {
                campaign::remove_task(file, *campaign, task, &name)?
            }
            Change::EditTask {
                campaign,
                before,
                after,
            } => campaign::edit_task(file, *campaign, before, after, &name)?,
            Change::AddCampaign(c) => campaign::add_campaign(file, c, &name)?,
            Change::SetResults { campaign, from, to } => {
                campaign::set_results(file, *campaign, from, to, &name)?
            }
            Change::RemoveCampaign(c) => campaign::remove_campaign(file, c, &name)?,
            Change::AddQbr(_) | Change::RemoveQbr(_) | Change::SetQbr { .. } => {
                qbr::qbr_change(file, &self.change, &name)?
            }
            Change::SetNotes { .. }
            | Change::AddAction { .. }
            | Change::RemoveAction { .. }
            | Change::EditAction { .. } => qbr::workspace_change(file, &self.change, &name)?,
        };
        file.normalize();
        let was = years::outside(&before);
        if let Some((what, date)) = years::outside(file)
            .into_iter()
            .find(|bad| !was.contains(bad))
        {
            *file = before;
            return Err(EditError::OutsideYears { what, date });
        }
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

/// What applying a change gives: its inverse and what happened, in words.
type Done = Result<(Change, String), EditError>;

fn add_activity(file: &mut PartnerFile, a: &Activity, name: &str) -> Done {
    if file.activities.iter().any(|x| x.id == a.id) {
        return Err(EditError::RowChanged {
            what: activity_words(a, name),
        });
    }
    file.activities.push(a.clone());
    Ok((
        Change::RemoveActivity(a.clone()),
        format!("{} logged", activity_words(a, name)),
    ))
}

fn remove_activity(file: &mut PartnerFile, a: &Activity, name: &str) -> Done {
    let Some(at) = file.activities.iter().position(|x| x == a) else {
        return Err(EditError::RowChanged {
            what: activity_words(a, name),
        });
    };
    file.activities.remove(at);
    Ok((
        Change::AddActivity(a.clone()),
        format!("{} removed", activity_words(a, name)),
    ))
}

fn set_done(
    file: &mut PartnerFile,
    item: DoneItem,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    name: &str,
) -> Done {
    let (title, slot) = done_slot(file, item).ok_or_else(|| EditError::RowChanged {
        what: format!("that item of {name}"),
    })?;
    if *slot != from {
        return Err(EditError::RowChanged {
            what: format!("'{title}' of {name}"),
        });
    }
    *slot = to;
    let done = if to.is_some() { "done" } else { "not done" };
    Ok((
        Change::SetDone {
            item,
            from: to,
            to: from,
        },
        format!("'{title}' of {name} marked {done}"),
    ))
}

/// The store hands a file holding only the new partner.
fn add_partner(file: &mut PartnerFile, p: &Partner) -> Done {
    if !file_is_empty(file) || file.partner.id != p.id {
        return Err(EditError::RowChanged {
            what: format!("a partner with id {}", p.id),
        });
    }
    file.partner = p.clone();
    Ok((
        Change::RemovePartner(p.clone()),
        format!("{} added", p.name),
    ))
}

fn remove_partner(file: &PartnerFile, p: &Partner, name: &str) -> Done {
    if !same_partner(&file.partner, p) || !file_is_empty(file) {
        return Err(EditError::RowChanged {
            what: format!("{name} (it has records now)"),
        });
    }
    Ok((Change::AddPartner(p.clone()), format!("{name} removed")))
}

pub(super) fn edit_partner(
    file: &mut PartnerFile,
    before: &Partner,
    after: &Partner,
    name: &str,
) -> Done {
    if !same_partner(&file.partner, before) {
        return Err(EditError::RowChanged {
            what: format!("{name}'s details"),
        });
    }
    file.partner = Partner {
        id: file.partner.id,
        created_at: file.partner.created_at.clone(),
        updated_at: file.partner.updated_at.clone(),
        ..after.clone()
    };
    Ok((
        Change::EditPartner {
            before: after.clone(),
            after: before.clone(),
        },
        partner_change_words(before, after),
    ))
}

fn add_record(file: &mut PartnerFile, r: &Record, name: &str) -> Done {
    if r.find_in(file).is_some() {
        return Err(EditError::RowChanged {
            what: format!("{} of {name} (it is there already)", r.label()),
        });
    }
    r.put_into(file);
    Ok((
        Change::RemoveRecord(r.clone()),
        format!("{} of {name} added", r.label()),
    ))
}

fn remove_record(file: &mut PartnerFile, r: &Record, name: &str) -> Done {
    if r.find_in(file).as_ref() != Some(r) {
        return Err(EditError::RowChanged {
            what: format!("{} of {name}", r.label()),
        });
    }
    r.take_from(file);
    Ok((
        Change::AddRecord(r.clone()),
        format!("{} of {name} deleted", r.label()),
    ))
}

fn edit_record(file: &mut PartnerFile, before: &Record, after: &Record, name: &str) -> Done {
    if !before.same_row(after) || before.find_in(file).as_ref() != Some(before) {
        return Err(EditError::RowChanged {
            what: format!("{} of {name}", before.label()),
        });
    }
    after.put_into(file);
    Ok((
        Change::EditRecord {
            before: after.clone(),
            after: before.clone(),
        },
        format!("{} of {name} changed", after.label()),
    ))
}

/// The same partner record, timestamps aside (every edit stamps
/// `updated_at`).
pub(super) fn same_partner(a: &Partner, b: &Partner) -> bool {
    Partner {
        updated_at: String::new(),
        created_at: String::new(),
        ..a.clone()
    } == Partner {
        updated_at: String::new(),
        created_at: String::new(),
        ..b.clone()
    }
}

/// Nothing recorded about the partner yet.
fn file_is_empty(f: &PartnerFile) -> bool {
    f.contacts.is_empty()
        && f.activities.is_empty()
        && f.revenue.is_empty()
        && f.deals.is_empty()
        && f.referrals.is_empty()
        && f.certifications.is_empty()
        && f.nps.is_empty()
        && f.qbrs.is_empty()
        && f.campaigns.is_empty()
        && f.tier_changes.is_empty()
        && f.stage_changes.is_empty()
        && f.scorecard.is_none()
}

/// `Litware: owner Dana → Sam, region EMEA → APAC`, or `Litware archived`.
fn partner_change_words(before: &Partner, after: &Partner) -> String {
    if before.archived != after.archived {
        let done = if after.archived {
            "archived"
        } else {
            "unarchived"
        };
        return format!("{} {done}", after.name);
    }
    let mut parts = Vec::new();
    let mut diff = |field: &str, a: &str, b: &str| {
        if a != b {
            parts.push(format!("{field} {a} → {b}"));
        }
    };
    diff("name", &before.name, &after.name);
    diff(
        "type",
        crate::domain::book::PartnerType::name_of(before.kind),
        crate::domain::book::PartnerType::name_of(after.kind),
    );
    diff("tier", before.tier.as_str(), after.tier.as_str());
    diff("owner", &before.owner, &after.owner);
    diff("region", &before.region, &after.region);
    diff(
        "lifecycle",
        before.lifecycle.as_str(),
        after.lifecycle.as_str(),
    );
    diff("fit", before.fit.as_str(), after.fit.as_str());
    let segment = |s: Option<crate::domain::book::Segment>| {
        s.map_or("derived", crate::domain::segments::segment_title)
    };
    diff(
        "segment",
        segment(before.segment_override),
        segment(after.segment_override),
    );
    diff("website", &before.website, &after.website);
    if before.notes != after.notes {
        parts.push("notes".into());
    }
    if parts.is_empty() {
        format!("{}: nothing changed", after.name)
    } else {
        format!("{}: {}", after.name, parts.join(", "))
    }
}

/// `call of Wed 25 Nov with Atlas Grid GmbH`.
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
    use crate::domain::book::QbrStatus;
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
            contact: None,
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
    fn planning_a_qbr_numbers_its_rows_and_the_inverse_removes_it() {
        let cfg = crate::domain::config::ProgramConfig::default();
        let mut f = file();
        let before = f.clone();
        let date = NaiveDate::from_ymd_opt(2027, 2, 25).expect("date");
        let plan = Edit {
            partner: atlas(),
            change: Change::AddQbr(crate::domain::qbr::new_qbr(date, &cfg)),
        };
        assert!(plan.needs_id().is_some());
        let plan = plan.with_ids(FreeIds {
            activity: 1,
            qbr: 40,
            checklist: 500,
            agenda: 60,
            action: 1,
        });
        assert!(plan.needs_id().is_none());
        let done = plan.apply(&mut f).expect("applies");
        assert_eq!(
            done.what,
            "QBR of Thu 25 Feb 2027 with Atlas Grid GmbH planned"
        );
        let q = &f.qbrs[0];
        assert_eq!(q.id, 40);
        let mut ids: Vec<i64> = q.checklist.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (500..514).collect::<Vec<_>>());
        assert_eq!(
            q.agenda.iter().map(|a| a.id).collect::<Vec<_>>(),
            (60..65).collect::<Vec<_>>()
        );
        let undone = done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        assert_eq!(
            undone.what,
            "QBR of Thu 25 Feb 2027 with Atlas Grid GmbH removed"
        );
    }

    #[test]
    fn holding_or_cancelling_a_qbr_checks_its_state_and_undoes() {
        let cfg = crate::domain::config::ProgramConfig::default();
        let mut f = file();
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let mut q = crate::domain::qbr::new_qbr(date, &cfg);
        q.id = 4;
        f.qbrs.push(q);
        f.normalize();
        let before = f.clone();
        let planned = QbrWhen {
            status: QbrStatus::Planned,
            date,
        };
        let real = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let hold = Edit {
            partner: atlas(),
            change: Change::SetQbr {
                qbr: 4,
                from: planned,
                to: QbrWhen {
                    status: QbrStatus::Held,
                    date: real,
                },
            },
        };
        let done = hold.apply(&mut f).expect("applies");
        assert_eq!(
            done.what,
            "QBR of Fri 20 Nov 2026 with Atlas Grid GmbH marked held on Mon 23 Nov 2026"
        );
        assert_eq!((f.qbrs[0].status, f.qbrs[0].date), (QbrStatus::Held, real));
        // Applying it again finds the QBR no longer planned on the 20th.
        assert!(matches!(
            hold.apply(&mut f),
            Err(EditError::RowChanged { .. })
        ));
        done.inverse.apply(&mut f).expect("inverse applies");
        assert_eq!(f, before);
        let cancel = Edit {
            partner: atlas(),
            change: Change::SetQbr {
                qbr: 4,
                from: planned,
                to: QbrWhen {
                    status: QbrStatus::Cancelled,
                    date,
                },
            },
        };
        let done = cancel.apply(&mut f).expect("applies");
        assert_eq!(
            done.what,
            "QBR of Fri 20 Nov 2026 with Atlas Grid GmbH cancelled"
        );
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
