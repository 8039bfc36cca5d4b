//! The summary cache and the facts blobs on a team book, shared by the
//! team per (date, config) under `meta.summaries_key`, as in a book file
//! (docs/architecture.md, "How the book becomes summaries").
//!
//! Every write of a partner's file marks the cache stale and drops that
//! partner's facts in its own transaction (`files::put_file`). Saving the
//! cache locks the `summaries_key` row — the row every writer updates — and
//! saves only when no other connection committed since this one last read
//! the change token, so a cache is never saved over a write it did not see.

use std::cell::Cell;

use postgres::fallible_iterator::FallibleIterator as _;
use postgres::{Client, GenericClient, Transaction};

use super::engine_error;
use crate::domain::book::Partner;
use crate::domain::list_row::ListRow;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::store::StoreError;
use crate::store::cache::{CacheEntry, decode_row, decode_summary, decode_tier};

/// Is the cache current under `key`?
fn current(client: &mut impl GenericClient, key: &str) -> Result<bool, StoreError> {
    let row = client
        .query_opt("SELECT value FROM meta WHERE key = 'summaries_key'", &[])
        .map_err(|e| engine_error(&e))?;
    Ok(row.is_some_and(|r| r.get::<_, &str>(0) == key))
}

/// Each row of `sql` (partner id, blob, optional blob) decoded; None when
/// the cache is not current under `key` or a blob does not decode. The
/// statement checks the key itself, so what it reads is one snapshot.
fn each_cached<T>(
    client: &mut impl GenericClient,
    key: &str,
    sql: &str,
    mut decode: impl FnMut(i64, &[u8], Option<&[u8]>) -> Option<T>,
) -> Result<Option<Vec<T>>, StoreError> {
    if !current(client, key)? {
        return Ok(None);
    }
    let rows = client.query(sql, &[&key]).map_err(|e| engine_error(&e))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.get(0);
        let third: Option<&[u8]> = if row.len() > 2 { row.get(2) } else { None };
        match decode(id, row.get(1), third) {
            Some(value) => out.push(value),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

const KEY_IS: &str = "(SELECT value FROM meta WHERE key = 'summaries_key') = $1";

pub(super) fn summaries(
    client: &mut Client,
    key: &str,
    partners: &[Partner],
) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
    let mut expected = partners.iter();
    let sql = format!(
        "SELECT s.partner_id, s.data, l.today FROM summaries s \
         LEFT JOIN list_rows l ON l.partner_id = s.partner_id WHERE {KEY_IS} ORDER BY s.partner_id"
    );
    let found = each_cached(client, key, &sql, |id, data, today| {
        let summary = decode_summary(id, data, today)?;
        expected
            .next()
            .is_some_and(|p| p.id == id)
            .then_some(summary)
    })?;
    Ok(found.filter(|s| s.len() == partners.len()))
}

pub(super) fn rows(
    client: &mut Client,
    key: &str,
    mut today: Option<crate::store::book_store::LinesWithRows<'_>>,
) -> Result<Option<Vec<ListRow>>, StoreError> {
    let lines = if today.is_some() { ", today" } else { "" };
    let sql =
        format!("SELECT partner_id, row{lines} FROM list_rows WHERE {KEY_IS} ORDER BY partner_id");
    let mut read = 0;
    let Some(rows) = each_cached(client, key, &sql, |id, blob, lines| {
        let row = decode_row(id, blob)?;
        if let (Some(each), Some(lines)) = (today.as_mut(), lines) {
            each(read, &row, lines);
        }
        read += 1;
        Some(row)
    })?
    else {
        return Ok(None);
    };
    let count: i64 = client
        .query_one("SELECT count(*) FROM partner_files", &[])
        .map_err(|e| engine_error(&e))?
        .get(0);
    Ok((i64::try_from(rows.len()).ok() == Some(count)).then_some(rows))
}

pub(super) fn today(
    client: &mut Client,
    key: &str,
    each: &mut dyn FnMut(i64, &[u8]) -> bool,
) -> Result<bool, StoreError> {
    let sql = format!(
        "SELECT partner_id, today FROM list_rows WHERE today IS NOT NULL AND {KEY_IS} \
         ORDER BY partner_id"
    );
    let read = each_cached(client, key, &sql, |id, blob, _| {
        each(id, blob).then_some(())
    })?;
    Ok(read.is_some())
}

pub(super) fn tiers(
    client: &mut impl GenericClient,
    key: &str,
) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError> {
    let sql = format!("SELECT partner_id, data FROM summaries WHERE {KEY_IS} ORDER BY partner_id");
    each_cached(client, key, &sql, |id, blob, _| decode_tier(id, blob))
}

/// Replace the cache with `entries`, current under `key` — unless another
/// connection committed since `seen` (this connection's last read of the
/// change token): then `Busy`, and nothing is saved.
pub(super) fn save(
    client: &mut Client,
    key: &str,
    entries: &mut dyn Iterator<Item = CacheEntry>,
    session: &str,
    seen: &Cell<i64>,
) -> Result<(), StoreError> {
    let mut tx = begin_save(client, session, seen)?;
    // Taken once the lock is held (they may still be being made).
    super::cache_save::replace_all(&mut tx, entries)?;
    set_key(&mut tx, key)?;
    tx.commit().map_err(|e| engine_error(&e))
}

/// Begin a save of what this connection scored: under the lock every
/// writer takes first, and only while no other connection committed since
/// it last read the change token (`seen`); else `Busy`.
fn begin_save<'a>(
    client: &'a mut Client,
    session: &str,
    seen: &Cell<i64>,
) -> Result<Transaction<'a>, StoreError> {
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    tx.query_opt(
        "SELECT value FROM meta WHERE key = 'summaries_key' FOR UPDATE",
        &[],
    )
    .map_err(|e| engine_error(&e))?;
    if super::latest_other_change(&mut tx, session)? != seen.get() {
        return Err(StoreError::Busy);
    }
    Ok(tx)
}

/// Write cache entries (replacing those of the same partners), in one
/// statement per table.
pub(super) fn put_entries(
    tx: &mut Transaction<'_>,
    entries: &[CacheEntry],
) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    let data: Vec<&[u8]> = entries.iter().map(|e| e.summary.as_slice()).collect();
    let rows: Vec<&[u8]> = entries.iter().map(|e| e.row.as_slice()).collect();
    let today: Vec<Option<&[u8]>> = entries.iter().map(|e| e.today.as_deref()).collect();
    tx.execute(
        "INSERT INTO summaries (partner_id, data) SELECT * FROM unnest($1::bigint[], $2::bytea[]) \
         ON CONFLICT (partner_id) DO UPDATE SET data = excluded.data",
        &[&ids, &data],
    )
    .map_err(|e| engine_error(&e))?;
    tx.execute(
        "INSERT INTO list_rows (partner_id, row, today) \
         SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) \
         ON CONFLICT (partner_id) DO UPDATE SET row = excluded.row, today = excluded.today",
        &[&ids, &rows, &today],
    )
    .map_err(|e| engine_error(&e))?;
    Ok(())
}

/// Say the cache is current under `key` (or `stale`). A current key
/// keeps beside it what the book's files hold (`summaries_holds`, the bits
/// of `partner_files.holds` together), read in the same transaction: no
/// file is written without making the key stale, so while it is not, the
/// bits are the book's and an open reads them from this one row
/// ([`holds_while_current`]) instead of every file's.
pub(super) fn set_key(tx: &mut Transaction<'_>, key: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('summaries_key', $1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key],
    )
    .map_err(|e| engine_error(&e))?;
    if key != "stale" {
        tx.execute(
            "INSERT INTO meta (key, value) \
             SELECT 'summaries_holds', coalesce(bit_or(holds), 0)::text FROM partner_files \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[],
        )
        .map_err(|e| engine_error(&e))?;
    }
    Ok(())
}

/// The bits of what the book's files hold, as kept by [`set_key`] — None
/// while the cache is stale (or was kept by an older build).
pub(super) fn holds_while_current(client: &mut Client) -> Result<Option<i32>, StoreError> {
    let row = client
        .query_opt(
            "SELECT h.value FROM meta k JOIN meta h ON h.key = 'summaries_holds' \
             WHERE k.key = 'summaries_key' AND k.value <> 'stale'",
            &[],
        )
        .map_err(|e| engine_error(&e))?;
    Ok(row.and_then(|r| r.get::<_, &str>(0).parse().ok()))
}

/// Hand the facts blobs of partners `lo..=hi` to `f`, by id, each as it
/// comes from the server (a scoring thread scores the first while the
/// server still sends the rest).
pub(super) fn each_facts(
    client: &mut Client,
    lo: i64,
    hi: i64,
    f: &mut dyn FnMut(i64, &[u8]),
) -> Result<(), StoreError> {
    let mut rows = client
        .query_raw(
            "SELECT partner_id, data FROM partner_facts WHERE partner_id BETWEEN $1 AND $2 \
             ORDER BY partner_id",
            [lo, hi],
        )
        .map_err(|e| engine_error(&e))?;
    while let Some(row) = rows.next().map_err(|e| engine_error(&e))? {
        f(row.get(0), row.get(1));
    }
    Ok(())
}

/// Keep facts blobs, unless another connection committed since `seen`
/// (a blob made from a file another manager changed since).
pub(super) fn save_facts(
    client: &mut Client,
    blobs: &[(i64, Vec<u8>)],
    session: &str,
    seen: &Cell<i64>,
) -> Result<(), StoreError> {
    let mut tx = begin_save(client, session, seen)?;
    let ids: Vec<i64> = blobs.iter().map(|(id, _)| *id).collect();
    let data: Vec<&[u8]> = blobs.iter().map(|(_, b)| b.as_slice()).collect();
    // Only partners still in the book (one removed meanwhile is skipped).
    tx.execute(
        "INSERT INTO partner_facts (partner_id, data) \
         SELECT f.id, f.data FROM unnest($1::bigint[], $2::bytea[]) AS f(id, data) \
         JOIN partner_files p ON p.id = f.id \
         ON CONFLICT (partner_id) DO UPDATE SET data = excluded.data",
        &[&ids, &data],
    )
    .map_err(|e| engine_error(&e))?;
    tx.commit().map_err(|e| engine_error(&e))
}

/// Forget every facts blob and record the stamp they will be made with.
pub(super) fn reset_facts(client: &mut Client, stamp: &str) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    tx.batch_execute("DELETE FROM partner_facts")
        .map_err(|e| engine_error(&e))?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('facts_stamp', $1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&stamp],
    )
    .map_err(|e| engine_error(&e))?;
    tx.commit().map_err(|e| engine_error(&e))
}
