//! Writing a CSV import's plan (`domain::import`): every row in one
//! transaction, planned again inside it so another program's write in the
//! meantime cannot be overwritten. A plan with problems writes nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::bulk::{DropFacts, restore_stale_triggers, suspend_stale_triggers};
use super::write::DEMO_MARK;
use super::{SqliteStore, StoreError};
use crate::domain::book::{Book, Partner, Segment};
use crate::domain::import::{ExternalIds, Plan, Write};

impl SqliteStore {
    /// The CRM ids rows were imported with.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn external_ids(&self) -> Result<ExternalIds, StoreError> {
        Ok(ExternalIds {
            partners: ids(&self.conn, "partners")?,
            contacts: ids(&self.conn, "contacts")?,
            deals: ids(&self.conn, "deals")?,
            activities: ids(&self.conn, "activities")?,
        })
    }

    /// Plan an import against the book as it is and write it, in one
    /// IMMEDIATE transaction: whole or not at all. Nothing is written when
    /// the plan has problems or no writes.
    ///
    /// # Errors
    /// When the book is busy past the timeout, or a row breaks a constraint
    /// (the book is then unchanged).
    pub fn import_planned(
        &mut self,
        make: impl FnOnce(&Book, &ExternalIds) -> Plan,
    ) -> Result<Plan, StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = self.plan_and_write(make);
        match &result {
            Ok(plan) if plan.problems.is_empty() && !plan.writes.is_empty() => {
                if let Err(e) = self.conn.execute_batch("COMMIT") {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
            }
            _ => {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
        }
        result
    }

    fn plan_and_write(
        &mut self,
        make: impl FnOnce(&Book, &ExternalIds) -> Plan,
    ) -> Result<Plan, StoreError> {
        let book = self.load()?;
        let ext = self.external_ids()?;
        let plan = make(&book, &ext);
        if !plan.problems.is_empty() || plan.writes.is_empty() {
            return Ok(plan);
        }
        // One import is one bulk write: the stale-marking triggers are
        // suspended for it, and the facts of the partners it touches go once.
        let mut touched: Vec<i64> = plan.writes.iter().filter_map(Write::partner).collect();
        touched.sort_unstable();
        touched.dedup();
        let triggers = suspend_stale_triggers(&self.conn, &DropFacts::Of(&touched))?;
        for write in &plan.writes {
            write_row(&self.conn, write)?;
        }
        restore_stale_triggers(&self.conn, &triggers)?;
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [DEMO_MARK])?;
        Ok(plan)
    }
}

use crate::store::import_files::CRM_TOUCH;

fn ids(conn: &Connection, table: &str) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, external_id FROM {table} WHERE external_id IS NOT NULL"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_row(conn: &Connection, write: &Write) -> Result<(), StoreError> {
    match write {
        Write::AddPartner(p, ext, touch) | Write::UpdatePartner(p, ext, touch) => {
            write_partner(conn, p, ext.as_deref(), *touch)?;
        }
        Write::AddContact(pid, c, ext) | Write::UpdateContact(pid, c, ext) => {
            conn.prepare_cached(
                "INSERT INTO contacts (id, partner_id, name, role, email, phone, active, external_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, \
                 email = excluded.email, phone = excluded.phone, \
                 external_id = coalesce(excluded.external_id, external_id)",
            )?
            .execute(params![
                (c.id != 0).then_some(c.id),
                pid,
                c.name,
                c.role.as_str(),
                c.email,
                c.phone,
                c.active,
                ext
            ])?;
        }
        Write::AddDeal(pid, d, ext) | Write::UpdateDeal(pid, d, ext) => {
            conn.prepare_cached(
                "INSERT INTO deals (id, partner_id, name, value, registered, stage, stage_changed, \
                 closed, attribution, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, value = excluded.value, \
                 registered = excluded.registered, stage = excluded.stage, \
                 stage_changed = excluded.stage_changed, closed = excluded.closed, \
                 attribution = excluded.attribution, \
                 external_id = coalesce(excluded.external_id, external_id)",
            )?
            .execute(params![
                (d.id != 0).then_some(d.id),
                pid,
                d.name,
                d.value,
                d.registered,
                d.stage.as_str(),
                d.stage_changed,
                d.closed,
                d.attribution.as_str(),
                ext
            ])?;
        }
        Write::AddActivity(pid, a, ext) | Write::UpdateActivity(pid, a, ext) => {
            conn.prepare_cached(
                "INSERT INTO activities (id, partner_id, date, kind, summary, external_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT(id) DO UPDATE SET date = excluded.date, kind = excluded.kind, \
                 summary = excluded.summary, \
                 external_id = coalesce(excluded.external_id, external_id)",
            )?
            .execute(params![
                (a.id != 0).then_some(a.id),
                pid,
                a.date,
                a.kind.as_str(),
                a.summary,
                ext
            ])?;
        }
        other => write_program_row(conn, other)?,
    }
    Ok(())
}

/// A partner's row, new or updated, and the CRM touch it brings.
fn write_partner(
    conn: &Connection,
    p: &Partner,
    ext: Option<&str>,
    touch: Option<NaiveDate>,
) -> Result<(), StoreError> {
    let id = (p.id != 0).then_some(p.id);
    conn.prepare_cached(
        "INSERT INTO partners (id, name, type, tier, tier_since, provisional_until, owner, \
         lifecycle, fit, segment_override, region, website, notes, created_at, updated_at, \
         archived, external_id, joined) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, \
         tier = excluded.tier, tier_since = excluded.tier_since, \
         provisional_until = excluded.provisional_until, owner = excluded.owner, \
         lifecycle = excluded.lifecycle, fit = excluded.fit, region = excluded.region, \
         website = excluded.website, notes = excluded.notes, updated_at = excluded.updated_at, \
         archived = excluded.archived, joined = excluded.joined, \
         external_id = coalesce(excluded.external_id, external_id)",
    )?
    .execute(params![
        id,
        p.name,
        p.kind.map(crate::domain::book::PartnerType::as_str),
        p.tier.as_str(),
        p.tier_since,
        p.provisional_until,
        p.owner,
        p.lifecycle.as_str(),
        p.fit.as_str(),
        p.segment_override.map(Segment::as_str),
        p.region,
        p.website,
        p.notes,
        p.created_at,
        p.updated_at,
        p.archived,
        ext,
        p.joined,
    ])?;
    if let Some(day) = touch {
        let pid = id.unwrap_or_else(|| conn.last_insert_rowid());
        conn.prepare_cached(
            "INSERT INTO activities (partner_id, date, kind, summary) VALUES (?1, ?2, 'crm', ?3)",
        )?
        .execute(params![pid, day, CRM_TOUCH])?;
    }
    Ok(())
}

/// Revenue, referrals, certifications and NPS responses.
fn write_program_row(conn: &Connection, write: &Write) -> Result<(), StoreError> {
    match write {
        Write::AddRevenue(pid, r) | Write::UpdateRevenue(pid, r) => {
            conn.prepare_cached(
                "INSERT INTO revenue (partner_id, month, sourced, influenced) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(partner_id, month) DO UPDATE SET sourced = excluded.sourced, \
                 influenced = excluded.influenced",
            )?
            .execute(params![pid, r.month.to_string(), r.sourced, r.influenced])?;
        }
        Write::AddReferral(pid, r) | Write::UpdateReferral(pid, r) => {
            conn.prepare_cached(
                "INSERT INTO referrals (id, partner_id, date, lead, qualified) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT(id) DO UPDATE SET date = excluded.date, lead = excluded.lead, \
                 qualified = excluded.qualified",
            )?
            .execute(params![(r.id != 0).then_some(r.id), pid, r.date, r.lead, r.qualified])?;
        }
        Write::AddCertification(pid, c) | Write::UpdateCertification(pid, c) => {
            conn.prepare_cached(
                "INSERT INTO certifications (id, partner_id, person, name, passed, expires) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET person = excluded.person, \
                 name = excluded.name, passed = excluded.passed, expires = excluded.expires",
            )?
            .execute(params![(c.id != 0).then_some(c.id), pid, c.person, c.name, c.passed, c.expires])?;
        }
        Write::AddNps(pid, n) | Write::UpdateNps(pid, n) => {
            conn.prepare_cached(
                "INSERT INTO nps (id, partner_id, date, score) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(id) DO UPDATE SET date = excluded.date, score = excluded.score",
            )?
            .execute(params![(n.id != 0).then_some(n.id), pid, n.date, n.score])?;
        }
        Write::SetCompanyRevenue(m) => super::company::put(conn, m)?,
        _ => {}
    }
    Ok(())
}
