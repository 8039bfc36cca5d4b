//! The one way the cockpit writes: an [`Edit`] applied in one transaction.
//!
//! [`Store::apply_edit`] takes the write lock, reads the partner's file as
//! the book holds it now, lets the domain apply the edit to it (which
//! refuses when the partner or the row is no longer what the edit expects),
//! writes the change, stores the partner's new summary and commits — or
//! rolls everything back (docs/architecture.md, "One edit pipeline").

use chrono::NaiveDate;
use rusqlite::{Connection, TransactionBehavior, params};

use super::load::{Range, load_range};
use super::summaries::{encode, key};
use super::write::{DEMO_MARK, touch_partner};
use super::{Store, StoreError};
use crate::domain::analysis::summarize;
use crate::domain::book::PartnerFile;
use crate::domain::book::Qbr;
use crate::domain::config::ProgramConfig;
use crate::domain::edit::{Applied, Change, DoneItem, Edit, FreeIds};
use crate::domain::summary::PartnerSummary;

/// What an edit left behind: the edit with its inverse, and the partner's
/// file and summary as they are now in the book.
#[derive(Debug, Clone)]
pub struct Edited {
    pub applied: Applied,
    pub file: PartnerFile,
    pub summary: PartnerSummary,
}

impl Store {
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
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.display().to_string(),
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cache_key = key(today, cfg);
        let was_current = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'summaries_key'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .is_some_and(|k| k == cache_key);
        let id = edit.partner_id();
        let mut file = load_range(&tx, Range { lo: id, hi: id })?
            .pop()
            .ok_or_else(|| crate::domain::edit::EditError::PartnerGone {
                expected: edit.partner.name.clone(),
            })?;
        let edit = if edit.needs_id() {
            edit.clone().with_ids(free_ids(&tx)?)
        } else {
            edit.clone()
        };
        let applied = edit.apply(&mut file)?;
        write(&tx, &edit)?;
        touch_partner(&tx, id)?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [DEMO_MARK])?;
        let summary = summarize(&file, today, cfg);
        tx.execute(
            "INSERT INTO summaries (partner_id, data) VALUES (?1, ?2) \
             ON CONFLICT(partner_id) DO UPDATE SET data = excluded.data",
            params![summary.id, encode(&summary)?],
        )?;
        // The triggers marked the cache stale; this edit is the only change
        // since it was current, and the summary above covers it.
        if was_current {
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'summaries_key'",
                [&cache_key],
            )?;
        }
        tx.commit()?;
        Ok(Edited {
            applied,
            file,
            summary,
        })
    }

    /// A number that changes whenever another program commits to the book
    /// (`PRAGMA data_version`); this connection's own writes leave it alone.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
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
            "INSERT INTO activities (id, partner_id, date, kind, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.id, partner, a.date, a.kind.as_str(), a.summary],
        )?,
        Change::RemoveActivity(a) => tx.execute(
            "DELETE FROM activities WHERE id = ?1 AND partner_id = ?2 AND date = ?3 \
             AND kind = ?4 AND summary = ?5",
            params![a.id, partner, a.date, a.kind.as_str(), a.summary],
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
        Err(StoreError::Refused(
            crate::domain::edit::EditError::RowChanged {
                what: format!("that record of {}", edit.partner.name),
            },
        ))
    }
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
