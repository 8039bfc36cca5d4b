//! Drafts: what a form holds while it is open, kept in the book's `meta`
//! table under `draft:<form>` so a killed terminal loses nothing typed.
//! Drafts are not records: they do not mark the summary cache stale and
//! they travel with no export.

use rusqlite::params;

use super::{SqliteStore, StoreError};
use crate::store::StoredDraft;

const PREFIX: &str = "draft:";

impl SqliteStore {
    /// Keep a form's draft (replacing an earlier one of the same form).
    ///
    /// # Errors
    /// When the book cannot be written.
    pub fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), StoreError> {
        let json = serde_json::to_string(draft).map_err(|e| StoreError::BadValue {
            table: "meta",
            column: "value",
            reason: e.to_string(),
        })?;
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![format!("{PREFIX}{}", draft.key), json],
        )?;
        Ok(())
    }

    /// Forget a form's draft (saved or thrown away).
    ///
    /// # Errors
    /// When the book cannot be written.
    pub fn forget_draft(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM meta WHERE key = ?1",
            [format!("{PREFIX}{key}")],
        )?;
        Ok(())
    }

    /// Every draft kept in the book (unreadable ones are skipped).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn drafts(&self) -> Result<Vec<StoredDraft>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT value FROM meta WHERE key LIKE 'draft:%' ORDER BY key")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            if let Ok(d) = serde_json::from_str::<StoredDraft>(&row?) {
                out.push(d);
            }
        }
        Ok(out)
    }
}
