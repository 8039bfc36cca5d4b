//! What the book holds at all (`domain::coverage`), asked of the tables
//! directly: one `EXISTS` per kind, each stopping at the first row.

use rusqlite::Connection;

use super::{SqliteStore, StoreError};
use crate::domain::coverage::{Coverage, Holdings};

impl SqliteStore {
    /// Which kinds of record the book holds.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn holdings(&self) -> Result<Holdings, StoreError> {
        holdings(&self.conn)
    }

    /// What the rules count in this book (docs/rules.md, "What the book
    /// does not track").
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn coverage(&self) -> Result<Coverage, StoreError> {
        Ok(self.holdings()?.coverage())
    }
}

pub(super) fn holdings(conn: &Connection) -> Result<Holdings, StoreError> {
    let any = |sql: &str| -> Result<bool, StoreError> {
        Ok(conn.query_row(&format!("SELECT EXISTS ({sql})"), [], |r| r.get(0))?)
    };
    Ok(Holdings {
        revenue_months: any("SELECT 1 FROM revenue")?,
        won_deals: any("SELECT 1 FROM deals WHERE stage = 'won' AND closed IS NOT NULL")?,
        deals: any("SELECT 1 FROM deals")?,
        engagement: any("SELECT 1 FROM activities WHERE kind IN ('portal_login', 'training')")?,
        nps: any("SELECT 1 FROM nps")?,
        certifications: any("SELECT 1 FROM certifications")?,
    })
}
