//! The QBR list across partners in one query: a compact line per QBR (no
//! partner's history is loaded), for the QBRs screen and `qbr list`.

use chrono::NaiveDate;
use rusqlite::params;

use super::load::{date, parsed};
use super::{Store, StoreError};
use crate::domain::qbr_board::QbrLine;

/// Each QBR dated on or after `?1` of a partner not archived, with its
/// "before" items counted and the earliest-due one not done.
const LINES: &str = "SELECT q.partner_id, p.name, q.id, q.date, q.status, \
     (SELECT count(*) FROM qbr_checklist c WHERE c.qbr_id = q.id AND c.phase = 'before' \
        AND c.done IS NOT NULL), \
     (SELECT count(*) FROM qbr_checklist c WHERE c.qbr_id = q.id AND c.phase = 'before'), \
     (SELECT c.title FROM qbr_checklist c WHERE c.qbr_id = q.id AND c.phase = 'before' \
        AND c.done IS NULL ORDER BY c.offset_days, c.id LIMIT 1) \
     FROM qbrs q JOIN partners p ON p.id = q.partner_id \
     WHERE p.archived = 0 AND q.date >= ?1 ORDER BY q.date, q.id";

impl Store {
    /// Every QBR dated on or after `from` of the partners not archived,
    /// as compact lines, in one query.
    ///
    /// # Errors
    /// Only if `SQLite` fails or a row is malformed.
    pub fn qbr_lines(&self, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
        let mut stmt = self.conn.prepare_cached(LINES)?;
        let rows = stmt.query_map(params![from], |r| {
            Ok(QbrLine {
                partner_id: r.get(0)?,
                partner: r.get(1)?,
                qbr_id: r.get(2)?,
                date: date(r, 3)?,
                status: parsed(r, 4)?,
                prep_done: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                prep_total: usize::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
                next_item: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
