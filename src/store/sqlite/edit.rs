//! The one way the cockpit writes: an [`Edit`] applied in one transaction.
//!
//! [`SqliteStore::apply_edit`] takes the write lock, reads the partner's file as
//! the book holds it now, lets the domain apply the edit to it (which
//! refuses when the partner or the row is no longer what the edit expects),
//! writes the change, stores the partner's new summary and commits — or
//! rolls everything back (docs/architecture.md, "One edit pipeline").

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::edit_campaigns::campaign_rows;
use super::edit_qbrs::workspace_rows;
use super::load::{Range, load_range};
use super::records;
use super::summaries::put_summary;
use super::write::{DEMO_MARK, insert_file, touch_partner};
use super::{SqliteStore, StoreError};
use crate::domain::analysis::summarize;
use crate::domain::book::{Partner, PartnerFile, Qbr, Segment, TierChange};
use crate::domain::config::ProgramConfig;
use crate::domain::edit::{Change, DoneItem, Edit, EditError, FreeIds, NewRow, TierHeld};
use crate::store::Edited;
use crate::store::cache::key;

impl SqliteStore {
    /// Apply `edit` in one transaction and return what it did.
    ///
    /// The first edit of a demo book also clears its demo mark: from then
    /// on it holds the user's work and is never regenerated over.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when the partner or the row changed (the book
    /// is then unchanged), `Busy` when another program holds the lock.
    pub fn apply_edit(
        &mut self,
        edit: &Edit,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Edited, StoreError> {
        let tx = self.write_transaction()?;
        let cache_key = key(today, cfg);
        let was_current = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'summaries_key'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .is_some_and(|k| k == cache_key);
        let edit = match edit.needs_id() {
            // A QBR brings rows for four tables, a campaign for two.
            Some(NewRow::Qbr) => edit.clone().with_ids(free_ids(&tx)?),
            Some(NewRow::Campaign) => edit
                .clone()
                .with_campaign_ids(next_id(&tx, "campaigns")?, next_id(&tx, "campaign_tasks")?),
            Some(row) => edit.clone().with_id(next_id(&tx, table_of(row))?),
            None => edit.clone(),
        };
        let edit = edit.stamped(&now(&tx)?);
        let id = edit.partner_id();
        let found = load_range(&tx, Range::between(id, id))?.pop();
        let mut file = match (&edit.change, found) {
            (Change::AddPartner(p), None) => PartnerFile::new(p.clone()),
            (Change::AddPartner(p), Some(_)) => {
                return Err(EditError::RowChanged {
                    what: format!("a partner with id {}", p.id),
                }
                .into());
            }
            (_, Some(file)) => file,
            (_, None) => {
                return Err(EditError::PartnerGone {
                    expected: edit.partner.name.clone(),
                }
                .into());
            }
        };
        let applied = edit.apply(&mut file)?;
        write(&tx, &edit)?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [DEMO_MARK])?;
        let coverage = super::holdings::holdings(&tx)?.coverage();
        let coverage_changed = coverage != cfg.coverage;
        let cfg = &cfg.clone().for_book(coverage);
        let after = if edit.removes_partner() {
            None
        } else {
            touch_partner(&tx, id)?;
            let summary = summarize(&file, today, cfg);
            put_summary(&tx, &file.partner, &summary)?;
            Some((file, summary))
        };
        // The triggers marked the cache stale; this edit is the only change
        // since it was current, and the summary above covers it — unless it
        // changed what the book records, which changes every score.
        if was_current && !coverage_changed {
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'summaries_key'",
                [&cache_key],
            )?;
        }
        tx.commit()?;
        Ok(Edited {
            applied,
            after,
            coverage_changed,
        })
    }
}

/// The table rows of this kind live in.
fn table_of(row: NewRow) -> &'static str {
    match row {
        NewRow::Activity => "activities",
        NewRow::Partner => "partners",
        NewRow::Record(kind) => records::table(kind),
        NewRow::TierChange => "tier_changes",
        NewRow::CampaignTask => "campaign_tasks",
        NewRow::Qbr => "qbrs",
        NewRow::Campaign => "campaigns",
        NewRow::ActionItem => "action_items",
    }
}

/// The next free id of `table` (one of the book's own table names): inside
/// the write's IMMEDIATE transaction, so no other writer can take it.
fn next_id(tx: &Connection, table: &'static str) -> Result<i64, StoreError> {
    let sql = format!("SELECT coalesce(max(id), 0) + 1 FROM {table}");
    Ok(tx.query_row(&sql, [], |r| r.get(0))?)
}

/// The store's clock, as partner timestamps are written.
fn now(tx: &Connection) -> Result<String, StoreError> {
    Ok(
        tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
            r.get(0)
        })?,
    )
}

fn free_ids(tx: &Connection) -> Result<FreeIds, StoreError> {
    let next = |table: &str| -> Result<i64, StoreError> {
        Ok(tx.query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )?)
    };
    Ok(FreeIds {
        activity: next("activities")?,
        qbr: next("qbrs")?,
        checklist: next("qbr_checklist")?,
        agenda: next("qbr_agenda")?,
        action: next("action_items")?,
    })
}

/// The rows an edit changes. Each statement also checks the row still holds
/// what the edit expects, so exactly one row must change.
fn write(tx: &Connection, edit: &Edit) -> Result<(), StoreError> {
    let partner = edit.partner_id();
    let n = match &edit.change {
        Change::AddActivity(a) => tx.execute(
            "INSERT INTO activities (id, partner_id, date, kind, summary, contact_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.id, partner, a.date, a.kind.as_str(), a.summary, a.contact],
        )?,
        Change::RemoveActivity(a) => tx.execute(
            "DELETE FROM activities WHERE id = ?1 AND partner_id = ?2 AND date = ?3 \
             AND kind = ?4 AND summary = ?5 AND contact_id IS ?6",
            params![a.id, partner, a.date, a.kind.as_str(), a.summary, a.contact],
        )?,
        Change::SetDone { item, from, to } => {
            let (sql, id) = match item {
                DoneItem::CampaignTask { task, .. } => (
                    "UPDATE campaign_tasks SET done = ?2 WHERE id = ?1 AND done IS ?3",
                    task,
                ),
                DoneItem::ChecklistItem { item, .. } => (
                    "UPDATE qbr_checklist SET done = ?2 WHERE id = ?1 AND done IS ?3",
                    item,
                ),
                DoneItem::ActionItem { item, .. } => (
                    "UPDATE action_items SET done = ?2 WHERE id = ?1 AND done IS ?3",
                    item,
                ),
            };
            tx.execute(sql, params![id, to, from])?
        }
        Change::AddPartner(p) => {
            insert_file(tx, &PartnerFile::new(p.clone()))?;
            1
        }
        Change::RemovePartner(p) => tx.execute(
            "DELETE FROM partners WHERE id = ?1 AND name = ?2",
            params![p.id, p.name],
        )?,
        Change::AddRecord(r) => records::insert(tx, partner, r)?,
        Change::RemoveRecord(r) => records::delete(tx, partner, r)?,
        // The same row (id) with new values.
        // The same row (id) with new values; the CRM id it came in with stays.
        Change::EditRecord { before, after } => {
            let crm_id = records::external_id(tx, partner, before)?;
            let done =
                records::delete(tx, partner, before)?.min(records::insert(tx, partner, after)?);
            records::set_external_id(tx, partner, after, crm_id.as_deref())?;
            done
        }
        Change::EditPartner { before, after } => update_partner(tx, partner, before, after)?,
        Change::SetStage { .. } | Change::RevertStage { .. } | Change::SetScorecard { .. } => {
            lifecycle_rows(tx, partner, &edit.change)?
        }
        Change::SetTier { from, to, record } => {
            set_tier(tx, partner, from, to)?.min(add_tier_change(tx, partner, record)?)
        }
        Change::RevertTier { from, to, record } => {
            set_tier(tx, partner, from, to)?.min(remove_tier_change(tx, partner, record)?)
        }
        Change::MoveLaunch { .. }
        | Change::SetStatus { .. }
        | Change::AddTask { .. }
        | Change::RemoveTask { .. }
        | Change::EditTask { .. }
        | Change::AddCampaign(_)
        | Change::RemoveCampaign(_)
        | Change::SetResults { .. } => campaign_rows(tx, partner, &edit.change)?,
        Change::SetNotes { .. }
        | Change::AddAction { .. }
        | Change::RemoveAction { .. }
        | Change::EditAction { .. } => workspace_rows(tx, &edit.change)?,
        Change::AddQbr(q) => insert_qbr(tx, partner, q)?,
        Change::RemoveQbr(q) => {
            // Children go with it (ON DELETE CASCADE); the domain checked
            // the whole QBR still matched before this runs.
            tx.execute(
                "DELETE FROM qbrs WHERE id = ?1 AND partner_id = ?2 AND date = ?3 AND status = ?4",
                params![q.id, partner, q.date, q.status.as_str()],
            )?
        }
        Change::SetQbr { qbr, from, to } => tx.execute(
            "UPDATE qbrs SET status = ?3, date = ?4 WHERE id = ?1 AND partner_id = ?2 \
             AND status = ?5 AND date = ?6",
            params![
                qbr,
                partner,
                to.status.as_str(),
                to.date,
                from.status.as_str(),
                from.date
            ],
        )?,
    };
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::Refused(EditError::RowChanged {
            what: format!("that record of {}", edit.partner.name),
        }))
    }
}

/// A stage move (the partner's fields, the history, the plan) or a
/// scorecard.
fn lifecycle_rows(tx: &Connection, partner: i64, change: &Change) -> Result<usize, StoreError> {
    let fields = || match change {
        Change::SetStage { before, after, .. } | Change::RevertStage { before, after, .. } => {
            update_partner(tx, partner, before, after)
        }
        _ => Ok(1),
    };
    super::lifecycle::rows(tx, partner, change, fields, |c| {
        campaign_rows(tx, partner, c)
    })
}

/// Move the partner's tier from `from` to `to`; 1 when the row still held `from`.
fn set_tier(
    tx: &Connection,
    partner: i64,
    from: &TierHeld,
    to: &TierHeld,
) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "UPDATE partners SET tier = ?2, tier_since = ?3, provisional_until = ?4 \
         WHERE id = ?1 AND tier = ?5 AND tier_since = ?6 AND provisional_until IS ?7",
        params![
            partner,
            to.tier.as_str(),
            to.since,
            to.provisional_until,
            from.tier.as_str(),
            from.since,
            from.provisional_until
        ],
    )?)
}

/// A partner's own fields, if its name is still `before`'s.
fn update_partner(
    tx: &Connection,
    partner: i64,
    before: &Partner,
    after: &Partner,
) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "UPDATE partners SET name = ?3, type = ?4, tier = ?5, tier_since = ?6, \
         provisional_until = ?7, owner = ?8, lifecycle = ?9, fit = ?10, \
         segment_override = ?11, region = ?12, website = ?13, notes = ?14, archived = ?15, \
         joined = ?16 WHERE id = ?1 AND name = ?2",
        params![
            partner,
            before.name,
            after.name,
            after.kind.map(crate::domain::book::PartnerType::as_str),
            after.tier.as_str(),
            after.tier_since,
            after.provisional_until,
            after.owner,
            after.lifecycle.as_str(),
            after.fit.as_str(),
            after.segment_override.map(Segment::as_str),
            after.region,
            after.website,
            after.notes,
            after.archived,
            after.joined
        ],
    )?)
}

fn add_tier_change(
    tx: &Connection,
    partner: i64,
    record: &TierChange,
) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "INSERT INTO tier_changes (id, partner_id, from_tier, to_tier, date, reason, provisional) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            record.id,
            partner,
            record.from.as_str(),
            record.to.as_str(),
            record.date,
            record.reason,
            record.provisional
        ],
    )?)
}

/// Take a tier change out of the history, if it is still as recorded.
fn remove_tier_change(
    tx: &Connection,
    partner: i64,
    record: &TierChange,
) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM tier_changes WHERE id = ?1 AND partner_id = ?2 AND from_tier = ?3 \
         AND to_tier = ?4 AND date = ?5 AND reason = ?6 AND provisional = ?7",
        params![
            record.id,
            partner,
            record.from.as_str(),
            record.to.as_str(),
            record.date,
            record.reason,
            record.provisional
        ],
    )?)
}

/// Insert a QBR and its rows; returns 1 (the QBR row) when it went in.
fn insert_qbr(tx: &Connection, partner: i64, q: &Qbr) -> Result<usize, StoreError> {
    let n = tx.execute(
        "INSERT INTO qbrs (id, partner_id, date, status, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![q.id, partner, q.date, q.status.as_str(), q.notes],
    )?;
    for c in &q.checklist {
        tx.execute(
            "INSERT INTO qbr_checklist (id, qbr_id, phase, title, detail, offset_days, done) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.id,
                q.id,
                c.phase.as_str(),
                c.title,
                c.detail,
                c.offset_days,
                c.done
            ],
        )?;
    }
    for a in &q.agenda {
        tx.execute(
            "INSERT INTO qbr_agenda (id, qbr_id, title, minutes, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.id, q.id, a.title, a.minutes, a.notes],
        )?;
    }
    for a in &q.actions {
        tx.execute(
            "INSERT INTO action_items (id, qbr_id, owner, text, due, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.id, q.id, a.owner.as_str(), a.text, a.due, a.done],
        )?;
    }
    Ok(n)
}
