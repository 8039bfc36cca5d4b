//! Rows written: a partner's whole file, one campaign, the `updated_at`
//! stamp. The whole-book writes that use them are in `bulk.rs`; the
//! cockpit's edits go through [`SqliteStore::apply_edit`].

use rusqlite::{Connection, params};

use super::{SqliteStore, StoreError};
use crate::domain::book::{PartnerFile, Segment};

/// `meta` key marking a demo book, with the day it was made for.
pub(super) const DEMO_MARK: &str = "demo_generated_for";

impl SqliteStore {
    /// The day the demo book was made for, or None for a book of real partners.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn demo_made_for(&self) -> Result<Option<String>, StoreError> {
        self.meta(DEMO_MARK)
    }
}

fn found(rows: usize, what: &'static str, id: i64) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::NotFound { what, id })
    } else {
        Ok(())
    }
}

/// Stamp `updated_at`, failing with `NotFound` for an unknown partner.
pub(super) fn touch_partner(tx: &Connection, id: i64) -> Result<(), StoreError> {
    let n = tx.execute(
        "UPDATE partners SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        [id],
    )?;
    found(n, "partner", id)
}

/// Insert one partner's file with all its ids.
pub(super) fn insert_file(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    let p = &f.partner;
    tx.prepare_cached(
        "INSERT INTO partners (id, name, type, tier, tier_since, provisional_until, owner, lifecycle, \
         fit, segment_override, region, website, notes, created_at, updated_at, archived, joined) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        p.id,
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
        p.joined
    ])?;
    insert_people_and_activity(tx, f)?;
    insert_pipeline(tx, f)?;
    insert_qbrs(tx, f)?;
    insert_campaigns(tx, f)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO tier_changes (id, partner_id, from_tier, to_tier, date, reason, provisional) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for t in &f.tier_changes {
        stmt.execute(params![
            t.id,
            p.id,
            t.from.as_str(),
            t.to.as_str(),
            t.date,
            t.reason,
            t.provisional
        ])?;
    }
    super::lifecycle::insert(tx, f)?;
    Ok(())
}

/// Contacts, activities, certifications and NPS responses.
fn insert_people_and_activity(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    let p = &f.partner;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO contacts (id, partner_id, name, role, email, phone, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in &f.contacts {
        stmt.execute(params![
            c.id,
            p.id,
            c.name,
            c.role.as_str(),
            c.email,
            c.phone,
            c.active
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO activities (id, partner_id, date, kind, summary, contact_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in &f.activities {
        stmt.execute(params![
            a.id,
            p.id,
            a.date,
            a.kind.as_str(),
            a.summary,
            a.contact
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO certifications (id, partner_id, person, name, passed, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in &f.certifications {
        stmt.execute(params![c.id, p.id, c.person, c.name, c.passed, c.expires])?;
    }
    let mut stmt =
        tx.prepare_cached("INSERT INTO nps (id, partner_id, date, score) VALUES (?1, ?2, ?3, ?4)")?;
    for n in &f.nps {
        stmt.execute(params![n.id, p.id, n.date, n.score])?;
    }
    Ok(())
}

/// Revenue, deals and referrals.
fn insert_pipeline(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    let p = &f.partner;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO revenue (partner_id, month, sourced, influenced) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in &f.revenue {
        stmt.execute(params![p.id, r.month.to_string(), r.sourced, r.influenced])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO deals (id, partner_id, name, value, registered, stage, stage_changed, closed, attribution) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for d in &f.deals {
        stmt.execute(params![
            d.id,
            p.id,
            d.name,
            d.value,
            d.registered,
            d.stage.as_str(),
            d.stage_changed,
            d.closed,
            d.attribution.as_str()
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO referrals (id, partner_id, date, lead, qualified) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in &f.referrals {
        stmt.execute(params![r.id, p.id, r.date, r.lead, r.qualified])?;
    }
    Ok(())
}

fn insert_qbrs(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    let mut qbr = tx.prepare_cached(
        "INSERT INTO qbrs (id, partner_id, date, status, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut item = tx.prepare_cached(
        "INSERT INTO qbr_checklist (id, qbr_id, phase, title, detail, offset_days, done) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut agenda = tx.prepare_cached(
        "INSERT INTO qbr_agenda (id, qbr_id, title, minutes, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut action = tx.prepare_cached(
        "INSERT INTO action_items (id, qbr_id, owner, text, due, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for q in &f.qbrs {
        qbr.execute(params![
            q.id,
            f.partner.id,
            q.date,
            q.status.as_str(),
            q.notes
        ])?;
        for c in &q.checklist {
            item.execute(params![
                c.id,
                q.id,
                c.phase.as_str(),
                c.title,
                c.detail,
                c.offset_days,
                c.done
            ])?;
        }
        for a in &q.agenda {
            agenda.execute(params![a.id, q.id, a.title, a.minutes, a.notes])?;
        }
        for a in &q.actions {
            action.execute(params![a.id, q.id, a.owner.as_str(), a.text, a.due, a.done])?;
        }
    }
    Ok(())
}

fn insert_campaigns(tx: &Connection, f: &PartnerFile) -> Result<(), StoreError> {
    for c in &f.campaigns {
        insert_campaign(tx, f.partner.id, c)?;
    }
    Ok(())
}

/// One campaign of partner `partner` with its tasks; 1 when it went in.
pub(super) fn insert_campaign(
    tx: &Connection,
    partner: i64,
    c: &crate::domain::book::Campaign,
) -> Result<usize, StoreError> {
    let mut campaign = tx.prepare_cached(
        "INSERT INTO campaigns (id, partner_id, name, type, launch, objective, audience, key_message, kpi, \
         kpi_target, lead_model, budget_ours, budget_partner, status, registrants, attendees, \
         demo_requests, sqls, opportunities, closed_won, sends, opens, clicks, reach, engagements, \
         downloads, pipeline_value, closed_won_value) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
         ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    )?;
    let mut task = tx.prepare_cached(
        "INSERT INTO campaign_tasks (id, campaign_id, week, title, owner, due, done, moves) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let r = &c.results;
    let n = campaign.execute(params![
        c.id,
        partner,
        c.name,
        c.kind.as_str(),
        c.launch,
        c.objective.as_str(),
        c.audience,
        c.key_message,
        c.kpi,
        c.kpi_target,
        c.lead_model,
        c.budget_ours,
        c.budget_partner,
        c.status.as_str(),
        r.registrants,
        r.attendees,
        r.demo_requests,
        r.sqls,
        r.opportunities,
        r.closed_won,
        r.sends,
        r.opens,
        r.clicks,
        r.reach,
        r.engagements,
        r.downloads,
        r.pipeline_value,
        r.closed_won_value
    ])?;
    for t in &c.tasks {
        task.execute(params![
            t.id, c.id, t.week, t.title, t.owner, t.due, t.done, t.moves
        ])?;
    }
    Ok(n)
}
