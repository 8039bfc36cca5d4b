//! The campaigns list: every campaign of partners not archived, in one
//! query across partners, with its task counts and next open task, so the
//! list never loads a partner's history (docs/architecture.md, "How a book
//! becomes a screen").

use chrono::NaiveDate;
use rusqlite::params;

use super::load::{date, parsed};
use super::{SqliteStore, StoreError};
use crate::domain::campaigns::CampaignRow;
use crate::domain::format::percent_of;

/// Per campaign: its partner, the task counts, and the earliest-due open
/// task (ties by id, as `domain::campaigns::progress`).
const ROWS: &str = "
SELECT c.id, c.partner_id, p.name, p.owner, c.name, c.type, c.launch, c.status,
       coalesce(a.total, 0), coalesce(a.done, 0), coalesce(a.overdue, 0),
       n.title, n.due, c.budget_ours, c.closed_won_value
FROM campaigns c
JOIN partners p ON p.id = c.partner_id AND p.archived = 0
LEFT JOIN (SELECT campaign_id, count(*) AS total, count(done) AS done,
                  sum(done IS NULL AND due < ?1) AS overdue
           FROM campaign_tasks GROUP BY campaign_id) a ON a.campaign_id = c.id
-- One look-up per campaign (a correlated subquery beside a join on the
-- tasks would run once per task: five times slower on a 10,000-partner book).
LEFT JOIN campaign_tasks n ON n.id = (
    SELECT x.id FROM campaign_tasks x WHERE x.campaign_id = c.id AND x.done IS NULL
    ORDER BY x.due, x.id LIMIT 1)
ORDER BY c.launch, c.id";

impl SqliteStore {
    /// Every campaign of partners not archived, by launch date.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn campaign_rows(&self, today: NaiveDate) -> Result<Vec<CampaignRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ROWS)?;
        let rows = stmt.query_map(params![today], |r| {
            let count = |i: usize| {
                r.get::<_, u32>(i)
                    .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            };
            let (total, done) = (count(8)?, count(9)?);
            let next = match r.get::<_, Option<String>>(11)? {
                Some(title) => Some((title, date(r, 12)?)),
                None => None,
            };
            Ok(CampaignRow {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                partner: r.get(2)?,
                owner: r.get(3)?,
                name: r.get(4)?,
                kind: parsed(r, 5)?,
                launch: date(r, 6)?,
                status: parsed(r, 7)?,
                done,
                total,
                percent: percent_of(done, total).unwrap_or(0),
                overdue: count(10)?,
                next,
                budget_ours: r.get(13)?,
                closed_won_value: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
