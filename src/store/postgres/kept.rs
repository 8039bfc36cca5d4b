//! The screens' lists kept on a team book (`store::kept`; table
//! `kept_lists`, schema v6).

use postgres::{Client, GenericClient, Transaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::engine_error;
use crate::store::StoreError;
use crate::store::kept::{self, Kept};

/// A list kept (one row per list, replaced).
const KEEP: &str = "INSERT INTO kept_lists (what, key, arg, data) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (what) DO UPDATE SET key = excluded.key, arg = excluded.arg, data = excluded.data";

/// `list` as kept under the summary cache's `key`, else `read` and, when
/// the cache is current under `key`, kept. `read`'s None (a list that is
/// not there to read) is never kept.
///
/// One transaction that first takes a share lock on the `summaries_key`
/// row, the row every write of the book locks to update it: no write can
/// commit while the list is read and kept, and one that commits after
/// forgets it (the `kept_lists` trigger). Where the lock cannot be had (a
/// manager who may only read), the list is read and not kept.
pub(super) fn kept<T: Serialize + DeserializeOwned>(
    client: &mut Client,
    key: &str,
    list: Kept,
    read: impl FnOnce(&mut Transaction) -> Result<Option<T>, StoreError>,
) -> Result<Option<T>, StoreError> {
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    let locked = tx.query_opt(
        "SELECT value FROM meta WHERE key = 'summaries_key' FOR SHARE",
        &[],
    );
    let Ok(row) = locked else {
        // The failed lock ended the transaction: read without it.
        tx.rollback().map_err(|e| engine_error(&e))?;
        let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
        let value = read(&mut tx)?;
        tx.commit().map_err(|e| engine_error(&e))?;
        return Ok(value);
    };
    let current = row.is_some_and(|r| r.get::<_, &str>(0) == key);
    let arg = list.arg();
    if current
        && let Some(value) = kept_data(&mut tx, key, list)?
            .as_deref()
            .and_then(kept::decode)
    {
        tx.commit().map_err(|e| engine_error(&e))?;
        return Ok(Some(value));
    }
    let value = read(&mut tx)?;
    if let Some(data) = value.as_ref().filter(|_| current).and_then(kept::encode) {
        // A manager who may not write keeps nothing: the list is still read.
        let saved = tx.execute(KEEP, &[&list.name(), &key, &arg, &data]);
        if saved.is_err() {
            tx.rollback().map_err(|e| engine_error(&e))?;
            return Ok(value);
        }
    }
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(value)
}

/// [`BookStore::kept_data`](crate::store::BookStore::kept_data).
pub(super) fn kept_data(
    client: &mut impl GenericClient,
    key: &str,
    list: Kept,
) -> Result<Option<Vec<u8>>, StoreError> {
    let row = client
        .query_opt(
            "SELECT k.data FROM kept_lists k JOIN meta m \
             ON m.key = 'summaries_key' AND m.value = k.key \
             WHERE k.what = $1 AND k.key = $2 AND k.arg = $3",
            &[&list.name(), &key, &list.arg()],
        )
        .map_err(|e| engine_error(&e))?;
    Ok(row.map(|r| r.get(0)))
}

/// [`BookStore::keep_data`](crate::store::BookStore::keep_data): the
/// `summaries_key` row share-locked as [`kept`] does, and the change token
/// of the other sessions read under it.
pub(super) fn keep_data(
    client: &mut Client,
    key: &str,
    unchanged_since: i64,
    session: &str,
    lists: &[(Kept, &[u8])],
) -> Result<bool, StoreError> {
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    let Ok(row) = tx.query_opt(
        "SELECT value FROM meta WHERE key = 'summaries_key' FOR SHARE NOWAIT",
        &[],
    ) else {
        return Ok(false); // a manager who may only read, or a writer at work
    };
    let token = super::latest_other_change(&mut tx, session)?;
    if token != unchanged_since || row.is_none_or(|r| r.get::<_, &str>(0) != key) {
        return Ok(false);
    }
    for (list, data) in lists {
        let saved = tx.execute(KEEP, &[&list.name(), &key, &list.arg(), data]);
        if saved.is_err() {
            return Ok(false); // rolled back as the transaction drops
        }
    }
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(true)
}
