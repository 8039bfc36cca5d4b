//! The team book's tables on PostgreSQL, as forward-only, versioned
//! migrations (the version is `meta.schema_version`).
//!
//! A team book keeps each partner's whole file as one JSONB document —
//! the unit every edit reads, checks and writes back under a row lock —
//! beside what lists and the change watch need as plain columns
//! (docs/architecture.md, "Two engines, one book").

use postgres::Client;

use super::super::StoreError;
use super::engine_error;

/// Each migration, in order; the book's version is how many ran.
const MIGRATIONS: &[&str] = &[
    // v1: the book.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE partner_files (
         id         BIGINT PRIMARY KEY,
         name_key   TEXT NOT NULL UNIQUE,
         archived   BOOLEAN NOT NULL,
         holds      INTEGER NOT NULL,
         partner    JSONB NOT NULL,
         file       JSONB NOT NULL,
         version    BIGINT NOT NULL DEFAULT 1,
         changed_by TEXT NOT NULL,
         changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
     );
     CREATE TABLE counters (name TEXT PRIMARY KEY, next BIGINT NOT NULL);
     INSERT INTO counters VALUES ('rows', 1);
     CREATE TABLE changes (
         seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         session    TEXT NOT NULL,
         who        TEXT NOT NULL,
         at         TIMESTAMPTZ NOT NULL DEFAULT now(),
         partner_id BIGINT,
         what       TEXT NOT NULL
     );",
    // v2: the summary cache and the facts blobs, shared by the team.
    "CREATE TABLE summaries (
         partner_id BIGINT PRIMARY KEY REFERENCES partner_files(id) ON DELETE CASCADE,
         data       BYTEA NOT NULL
     );
     CREATE TABLE list_rows (
         partner_id BIGINT PRIMARY KEY REFERENCES partner_files(id) ON DELETE CASCADE,
         row        BYTEA NOT NULL,
         today      BYTEA
     );
     CREATE TABLE partner_facts (
         partner_id BIGINT PRIMARY KEY REFERENCES partner_files(id) ON DELETE CASCADE,
         data       BYTEA NOT NULL
     );
     INSERT INTO meta (key, value) VALUES ('summaries_key', 'stale')
     ON CONFLICT (key) DO NOTHING;",
    // v3: the CRM ids rows were imported with.
    "CREATE TABLE external_ids (
         kind        TEXT NOT NULL,
         id          BIGINT NOT NULL,
         external_id TEXT NOT NULL,
         PRIMARY KEY (kind, id)
     );",
    // v4: the company's whole revenue by month (docs/rules.md, "Program numbers").
    "CREATE TABLE company_revenue (
         month  TEXT PRIMARY KEY,
         amount BIGINT NOT NULL CHECK (amount >= 0)
     );",
    // v5: each file's campaigns, and its QBRs as the QBR list's lines, in
    // columns of their own kept by the server from the file, so the lists
    // read them without reading every partner's whole file. A line is
    // [id, date, status, "before" items done, "before" items, the title of
    // the earliest-due one not done] (`domain::qbr::prep`, as the book
    // file's query counts them; tests/store_engines.rs checks both against
    // `domain::qbr_board::lines_of`).
    "CREATE FUNCTION partnerdeck_qbr_lines(qbrs JSONB) RETURNS JSONB
         LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
         SELECT coalesce(jsonb_agg(jsonb_build_array(
             q->'id', q->'date', q->'status',
             (SELECT count(*) FROM jsonb_array_elements(q->'checklist') c
              WHERE c->>'phase' = 'before' AND c->>'done' IS NOT NULL),
             (SELECT count(*) FROM jsonb_array_elements(q->'checklist') c
              WHERE c->>'phase' = 'before'),
             (SELECT c->'title' FROM jsonb_array_elements(q->'checklist') c
              WHERE c->>'phase' = 'before' AND c->>'done' IS NULL
              ORDER BY (c->>'offset_days')::int, (c->>'id')::bigint LIMIT 1)
         ) ORDER BY n), '[]'::jsonb)
         FROM jsonb_array_elements(qbrs) WITH ORDINALITY AS x(q, n)
     $f$;
     ALTER TABLE partner_files
         ADD COLUMN qbr_lines JSONB GENERATED ALWAYS AS (partnerdeck_qbr_lines(file->'qbrs')) STORED,
         ADD COLUMN campaigns JSONB GENERATED ALWAYS AS (file->'campaigns') STORED;",
    // v6: the lists screens read whole, each kept encoded once read
    // (`store::kept`), for as long as the summary cache's key is not
    // changed: any change to it, which every write of a file makes,
    // forgets them all.
    "CREATE TABLE kept_lists (
         what TEXT PRIMARY KEY,
         key  TEXT NOT NULL,
         arg  TEXT NOT NULL,
         data BYTEA NOT NULL
     );
     CREATE FUNCTION partnerdeck_forget_kept_lists() RETURNS trigger
         LANGUAGE plpgsql AS $f$
         BEGIN
             DELETE FROM kept_lists;
             RETURN NULL;
         END
     $f$;
     CREATE TRIGGER kept_lists_forget AFTER INSERT OR UPDATE ON meta
         FOR EACH ROW WHEN (NEW.key = 'summaries_key')
         EXECUTE FUNCTION partnerdeck_forget_kept_lists();
     CREATE TRIGGER kept_lists_forget_gone AFTER DELETE ON meta
         FOR EACH ROW WHEN (OLD.key = 'summaries_key')
         EXECUTE FUNCTION partnerdeck_forget_kept_lists();",
    // v7: the summary cache without foreign keys, so a new day's cache is
    // copied in bulk rather than checked row by row against
    // `partner_files` (`cache_save.rs`); a deleted partner's cache rows
    // go by statement trigger instead, whoever deletes it.
    "ALTER TABLE summaries DROP CONSTRAINT IF EXISTS summaries_partner_id_fkey;
     ALTER TABLE list_rows DROP CONSTRAINT IF EXISTS list_rows_partner_id_fkey;
     CREATE FUNCTION partnerdeck_forget_cached() RETURNS trigger
         LANGUAGE plpgsql AS $f$
         BEGIN
             DELETE FROM summaries WHERE partner_id IN (SELECT id FROM gone);
             DELETE FROM list_rows WHERE partner_id IN (SELECT id FROM gone);
             RETURN NULL;
         END
     $f$;
     CREATE TRIGGER cache_forget_gone AFTER DELETE ON partner_files
         REFERENCING OLD TABLE AS gone
         FOR EACH STATEMENT EXECUTE FUNCTION partnerdeck_forget_cached();",
    // v8: what the files hold, all together (`bit_or(holds)`: a new day's
    // open, its save, every edit), read from an index rather than every
    // file's row (at 50,000 partners 17 ms a scan, 2 per new day).
    "CREATE INDEX partner_files_holds ON partner_files (holds);",
];

/// The version this build writes.
#[must_use]
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Bring the book at `client` to the latest version, in one transaction
/// that holds an advisory lock, so two managers opening a new team book at
/// once do not both migrate it.
pub(super) fn migrate(client: &mut Client, shown: &str) -> Result<(), StoreError> {
    // The usual case, one round trip: the book is already at this version.
    let current = client
        .query_opt(
            "SELECT value FROM meta WHERE key = 'schema_version' AND to_regclass('meta') IS NOT NULL",
            &[],
        )
        .ok()
        .flatten()
        .and_then(|r| r.get::<_, String>(0).parse::<i64>().ok());
    if current == Some(latest_version()) {
        return Ok(());
    }
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    tx.batch_execute("SELECT pg_advisory_xact_lock(7301930)")
        .map_err(|e| engine_error(&e))?;
    let has_meta: bool = tx
        .query_one("SELECT to_regclass('meta') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| engine_error(&e))?;
    let found = if has_meta {
        let version: Option<String> = tx
            .query_opt("SELECT value FROM meta WHERE key = 'schema_version'", &[])
            .map_err(|e| engine_error(&e))?
            .map(|r| r.get(0));
        match version.map(|v| v.parse::<i64>()) {
            Some(Ok(v)) => v,
            _ => return Err(StoreError::ForeignDatabase { path: shown.into() }),
        }
    } else {
        let tables: i64 = tx
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
                &[],
            )
            .and_then(|r| r.try_get(0))
            .map_err(|e| engine_error(&e))?;
        if tables > 0 {
            return Err(StoreError::ForeignDatabase { path: shown.into() });
        }
        0
    };
    if found > latest_version() {
        return Err(StoreError::NewerSchema {
            path: shown.into(),
            found,
            supported: latest_version(),
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.batch_execute(sql).map_err(|e| StoreError::Migration {
            path: shown.into(),
            reason: super::super::error::first_line(&e),
            source: Box::new(e),
        })?;
        let version = (i + 1).to_string();
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', $1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&version],
        )
        .map_err(|e| engine_error(&e))?;
    }
    tx.commit().map_err(|e| engine_error(&e))
}
