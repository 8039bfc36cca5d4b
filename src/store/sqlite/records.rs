//! One child record written or deleted (the edit pipeline's record
//! changes). The statements match the bulk writes in `write.rs`.

use rusqlite::{Connection, params};

use super::StoreError;
use crate::domain::record::{Record, RecordKind};

/// Insert one record of partner `partner`.
pub(super) fn insert(tx: &Connection, partner: i64, r: &Record) -> Result<usize, StoreError> {
    Ok(match r {
        Record::Contact(c) => tx.execute(
            "INSERT INTO contacts (id, partner_id, name, role, email, phone, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.id, partner, c.name, c.role.as_str(), c.email, c.phone, c.active],
        )?,
        Record::Deal(d) => tx.execute(
            "INSERT INTO deals (id, partner_id, name, value, registered, stage, stage_changed, closed, attribution) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.id,
                partner,
                d.name,
                d.value,
                d.registered,
                d.stage.as_str(),
                d.stage_changed,
                d.closed,
                d.attribution.as_str()
            ],
        )?,
        Record::Referral(x) => tx.execute(
            "INSERT INTO referrals (id, partner_id, date, lead, qualified) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![x.id, partner, x.date, x.lead, x.qualified],
        )?,
        Record::Certification(c) => tx.execute(
            "INSERT INTO certifications (id, partner_id, person, name, passed, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.id, partner, c.person, c.name, c.passed, c.expires],
        )?,
        Record::Nps(n) => tx.execute(
            "INSERT INTO nps (id, partner_id, date, score) VALUES (?1, ?2, ?3, ?4)",
            params![n.id, partner, n.date, n.score],
        )?,
        Record::Revenue(r) => tx.execute(
            "INSERT INTO revenue (partner_id, month, sourced, influenced) VALUES (?1, ?2, ?3, ?4)",
            params![partner, r.month.to_string(), r.sourced, r.influenced],
        )?,
    })
}

/// The CRM id a record's row was imported with (contacts and deals keep one).
pub(super) fn external_id(
    tx: &Connection,
    partner: i64,
    r: &Record,
) -> Result<Option<String>, StoreError> {
    let table = match r {
        Record::Contact(_) => "contacts",
        Record::Deal(_) => "deals",
        _ => return Ok(None),
    };
    let sql = format!("SELECT external_id FROM {table} WHERE partner_id = ?1 AND id = ?2");
    match tx.query_row(&sql, params![partner, r.id()], |row| row.get(0)) {
        Ok(id) => Ok(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Give a record's row back the CRM id it had.
pub(super) fn set_external_id(
    tx: &Connection,
    partner: i64,
    r: &Record,
    crm_id: Option<&str>,
) -> Result<(), StoreError> {
    let (Some(crm_id), Some(table)) = (
        crm_id,
        match r {
            Record::Contact(_) => Some("contacts"),
            Record::Deal(_) => Some("deals"),
            _ => None,
        },
    ) else {
        return Ok(());
    };
    let sql = format!("UPDATE {table} SET external_id = ?3 WHERE partner_id = ?1 AND id = ?2");
    tx.execute(&sql, params![partner, r.id(), crm_id])?;
    Ok(())
}

/// Delete one record's row of partner `partner`.
pub(super) fn delete(tx: &Connection, partner: i64, r: &Record) -> Result<usize, StoreError> {
    Ok(match r {
        Record::Revenue(x) => tx.execute(
            "DELETE FROM revenue WHERE partner_id = ?1 AND month = ?2",
            params![partner, x.month.to_string()],
        )?,
        other => {
            let sql = format!(
                "DELETE FROM {} WHERE partner_id = ?1 AND id = ?2",
                table(other.kind())
            );
            tx.execute(&sql, params![partner, other.id()])?
        }
    })
}

/// The table a kind of record lives in.
pub(super) fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "contacts",
        RecordKind::Deal => "deals",
        RecordKind::Referral => "referrals",
        RecordKind::Certification => "certifications",
        RecordKind::Nps => "nps",
        RecordKind::Revenue => "revenue",
    }
}
