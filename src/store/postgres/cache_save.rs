//! A whole cache written on a team book (a new day, another config, a
//! change): the old one emptied and the new one streamed in with `COPY …
//! FROM STDIN (FORMAT binary)`, in the save's transaction
//! (docs/architecture.md, "Two engines, one book").
//!
//! The server inserts a copied run of rows in bulk, where an upsert per
//! row looked each one up, wrote a new version of it and left the old one
//! for vacuum; and an emptied table (`TRUNCATE`, where this manager may)
//! takes the new rows without checking a key against the old ones. The
//! cache tables have no foreign keys (schema v7: a check per row copied
//! cost as much as the copy); a statement trigger on `partner_files`
//! removes the cache rows of deleted partners instead.

use postgres::Transaction;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;

use super::engine_error;
use crate::store::StoreError;
use crate::store::cache::CacheEntry;

/// Entries copied per statement pair: the server takes one run while the
/// scoring threads make the next (a new day's entries come as they are
/// made, `BookStore::save_entries`), and the last run, copied once the
/// scoring is done, is short.
const RUN: usize = 500;

/// Replace the cache tables' rows with `entries` (one per partner of the
/// book, by the caller's lock on the `summaries_key` row and its change
/// token). The cache is something the book can make again, so its commit
/// need not wait for the disk (`synchronous_commit = off` for this
/// transaction only; the server still waits after a `TRUNCATE`, whose old
/// files it drops only once the commit is on disk): a server that crashes
/// right after loses the save as a whole, and the next open scores the
/// day again.
pub(super) fn replace_all(
    tx: &mut Transaction<'_>,
    entries: &mut dyn Iterator<Item = CacheEntry>,
) -> Result<(), StoreError> {
    let may_truncate: bool = tx
        .query_one(
            "SELECT has_table_privilege('summaries', 'TRUNCATE') \
             AND has_table_privilege('list_rows', 'TRUNCATE')",
            &[],
        )
        .map_err(|e| engine_error(&e))?
        .get(0);
    tx.batch_execute(if may_truncate {
        "SET LOCAL synchronous_commit = off; TRUNCATE summaries, list_rows"
    } else {
        "SET LOCAL synchronous_commit = off; DELETE FROM summaries; DELETE FROM list_rows"
    })
    .map_err(|e| engine_error(&e))?;
    let summaries = tx
        .prepare("COPY summaries (partner_id, data) FROM STDIN (FORMAT binary)")
        .map_err(|e| engine_error(&e))?;
    let rows = tx
        .prepare("COPY list_rows (partner_id, row, today) FROM STDIN (FORMAT binary)")
        .map_err(|e| engine_error(&e))?;
    let mut run: Vec<CacheEntry> = Vec::with_capacity(RUN);
    loop {
        run.extend((&mut *entries).take(RUN));
        if run.is_empty() {
            return Ok(());
        }
        copy(tx, &summaries, &[Type::INT8, Type::BYTEA], &mut |w| {
            run.iter().try_for_each(|e| w.write(&[&e.id, &e.summary]))
        })?;
        copy(
            tx,
            &rows,
            &[Type::INT8, Type::BYTEA, Type::BYTEA],
            &mut |w| {
                run.iter()
                    .try_for_each(|e| w.write(&[&e.id, &e.row, &e.today]))
            },
        )?;
        run.clear();
    }
}

/// One `COPY` of the rows `write` writes, of `types`.
fn copy(
    tx: &mut Transaction<'_>,
    statement: &postgres::Statement,
    types: &[Type],
    write: &mut dyn FnMut(&mut BinaryCopyInWriter<'_>) -> Result<(), postgres::Error>,
) -> Result<(), StoreError> {
    let writer = tx.copy_in(statement).map_err(|e| engine_error(&e))?;
    let mut writer = BinaryCopyInWriter::new(writer, types);
    write(&mut writer).map_err(|e| engine_error(&e))?;
    writer.finish().map_err(|e| engine_error(&e))?;
    Ok(())
}
