//! The company's revenue by month (schema v12): read with the book, one
//! month set or cleared in its own transaction, every month written by a
//! whole-book write or a CSV import.

use rusqlite::{Connection, OptionalExtension, params};

use super::{SqliteStore, StoreError};
use crate::domain::book::{CompanyMonth, YearMonth};

/// Every month the book holds, oldest first.
pub(super) fn load(conn: &Connection) -> Result<Vec<CompanyMonth>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT month, amount FROM company_revenue ORDER BY month")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut months = Vec::new();
    for row in rows {
        let (month, amount) = row?;
        let month: YearMonth = month.parse().map_err(|reason| StoreError::BadValue {
            table: "company_revenue",
            column: "month",
            reason,
        })?;
        months.push(CompanyMonth { month, amount });
    }
    Ok(months)
}

/// Write one month, replacing what the book held for it.
pub(super) fn put(conn: &Connection, m: &CompanyMonth) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO company_revenue (month, amount) VALUES (?1, ?2) \
         ON CONFLICT(month) DO UPDATE SET amount = excluded.amount",
    )?
    .execute(params![m.month.to_string(), m.amount])?;
    Ok(())
}

impl SqliteStore {
    /// The company's revenue by month, oldest first.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn company_revenue(&self) -> Result<Vec<CompanyMonth>, StoreError> {
        load(&self.conn)
    }

    /// Set `month` to `amount` (None clears it), in one transaction; what
    /// the book held for it before.
    ///
    /// # Errors
    /// `ReadOnly`, `Busy`, or `SQLite` fails (the book is then unchanged).
    pub fn set_company_revenue(
        &mut self,
        month: YearMonth,
        amount: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.write_transaction()?;
        let before: Option<i64> = tx
            .query_row(
                "SELECT amount FROM company_revenue WHERE month = ?1",
                [month.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match amount {
            Some(amount) => put(&tx, &CompanyMonth { month, amount })?,
            None => {
                tx.execute(
                    "DELETE FROM company_revenue WHERE month = ?1",
                    [month.to_string()],
                )?;
            }
        }
        tx.execute("DELETE FROM meta WHERE key = ?1", [super::write::DEMO_MARK])?;
        tx.commit()?;
        Ok(before)
    }
}
