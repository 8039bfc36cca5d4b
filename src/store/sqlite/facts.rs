//! The `partner_facts` table: one blob of each partner's facts
//! (`store::facts_codec`), dropped by trigger whenever one of the partner's
//! records changes (schema v5). Persistence only: what to read, when to
//! rebuild and on how many threads is the analysis layer's choice.

use rusqlite::params;

use super::{SqliteStore, StoreError};

impl SqliteStore {
    /// Hand every stored facts blob of partners `lo..=hi` to `f`, in id
    /// order, without holding them all.
    ///
    /// # Errors
    /// Only if the engine fails.
    pub fn each_facts(
        &self,
        lo: i64,
        hi: i64,
        mut f: impl FnMut(i64, &[u8]),
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT partner_id, data FROM partner_facts \
             WHERE partner_id BETWEEN ?1 AND ?2 ORDER BY partner_id",
        )?;
        let mut rows = stmt.query([lo, hi])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            f(
                id,
                row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?,
            );
        }
        Ok(())
    }

    /// Store facts blobs, replacing any for the same partners, in one
    /// transaction. A partner deleted meanwhile is skipped (its blob would
    /// have no owner).
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn save_facts(&mut self, blobs: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
        if blobs.is_empty() {
            return Ok(());
        }
        self.rebuildable_write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO partner_facts (partner_id, data) \
                 SELECT id, ?2 FROM partners WHERE id = ?1",
            )?;
            for (id, blob) in blobs {
                stmt.execute(params![id, blob])?;
            }
            Ok(())
        })
    }

    /// Write what can be made again from the records (facts, summaries) in
    /// one transaction, without waiting for the disk to confirm it: in WAL
    /// mode `synchronous = NORMAL` never damages the book, it can only lose
    /// the last such write to a power cut — and then the next open makes
    /// it again. Nor is each row checked against its partner by the engine
    /// (`foreign_keys` off for the write: one lookup in `partners` per row
    /// written, 100,000 of them for a new day of 50,000 partners); each
    /// write keeps only rows of partners still in the book itself. Edits
    /// keep the full wait and the checks (both settings are put back).
    pub(super) fn rebuildable_write<T>(
        &mut self,
        write: impl FnOnce(&rusqlite::Savepoint<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (sync, keys): (i64, i64) = self.conn.query_row(
            "SELECT * FROM pragma_synchronous, pragma_foreign_keys",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self
            .conn
            .savepoint()
            .map_err(StoreError::from)
            .and_then(|tx| {
                let out = write(&tx)?;
                tx.commit()?;
                Ok(out)
            });
        self.conn.pragma_update(None, "foreign_keys", keys)?;
        self.conn.pragma_update(None, "synchronous", sync)?;
        result
    }

    /// Drop every facts blob and record which facts the book now holds
    /// (`stamp`: codec layout, rules version), in one transaction.
    ///
    /// # Errors
    /// `Busy` when another program is writing; else only if the engine fails.
    pub fn reset_facts(&mut self, stamp: &str) -> Result<(), StoreError> {
        self.rebuildable_write(|tx| {
            tx.execute("DELETE FROM partner_facts", [])?;
            super::set_meta(tx, "facts_stamp", stamp)?;
            Ok(())
        })
    }
}
