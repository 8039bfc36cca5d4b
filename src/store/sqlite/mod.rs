//! The `SQLite` engine: the book as one `SQLite` file the manager owns.
//!
//! Opening checks the file before anything is written (is it a `SQLite`
//! database, is it a partnerdeck book, is it from a newer version, can we
//! write to it), takes a backup copy before any migration, and then sets
//! WAL, foreign keys and a busy timeout. Every write is a transaction.

pub mod backup;
mod book_store;
mod bulk;
mod campaigns;
mod changes;
mod company;
mod csv;
mod drafts;
mod edit;
mod edit_campaigns;
mod edit_qbrs;
mod error;
mod facts;
mod holdings;
mod kept;
mod lifecycle;
mod load;
mod open;
mod qbrs;
mod records;
pub mod schema;
mod summaries;
mod write;

pub use bulk::BookWriter;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::BookAddress;
pub use super::error::{Cause, StoreError};
use open::{Reader, engine_error};

/// An open book.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The same place as `path`, as every engine names its book.
    address: BookAddress,
    /// Opened with [`SqliteStore::open_read_only`]: nothing is written, not even
    /// the summary cache.
    read_only: bool,
    /// Read as it is on disk (see `open::Reader`).
    immutable: bool,
    /// What the change token last saw (`changes::token`).
    seen: changes::LastSeen,
}

impl SqliteStore {
    /// Open (or create) the book at `path`, upgrading its schema if needed.
    ///
    /// # Errors
    /// A [`StoreError`] when the file is not a book, is newer than this build,
    /// is read-only or locked, or cannot be upgraded.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let shown = path.display().to_string();
        open::check_header(path, &shown)?;
        if open::may_not_write(path) {
            return Err(StoreError::ReadOnly { path: shown });
        }
        if let Some(file) = open::unwritable_companion(path) {
            return Err(StoreError::ForeignCompanion { path: shown, file });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: shown.clone(),
            source: Box::new(e),
        })?;
        // SQLite falls back to read-only when it may not write the file;
        // refuse before reading anything, as reading a WAL book would leave
        // `-wal` and `-shm` files beside it.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly { path: shown });
        }
        conn.busy_timeout(open::BUSY_TIMEOUT)?;
        let version = open::check_identity(&conn, &shown)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            address: BookAddress::File(path.to_path_buf()),
            read_only: false,
            immutable: false,
            seen: changes::LastSeen::default(),
        };
        store.migrate(version, &shown)?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| engine_error(e, &shown))?;
        debug_assert!(mode.eq_ignore_ascii_case("wal") || path.as_os_str().is_empty());
        Ok(store)
    }

    /// Open an existing book only to read it: nothing is migrated or
    /// written (the summaries are computed but not cached). For commands
    /// that only read, on a book the manager may not or cannot write.
    ///
    /// # Errors
    /// A [`StoreError`] when the file is missing, is not a book, or its
    /// schema is older or newer than this build's.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        let shown = path.display().to_string();
        open::check_header(path, &shown)?;
        if let Err(e) = std::fs::metadata(path) {
            return Err(StoreError::Open {
                path: shown,
                source: Box::new(e),
            });
        }
        let reader = Reader::read_only(path);
        let conn = reader.connect().map_err(|e| engine_error(e, &shown))?;
        let version = open::check_identity(&conn, &shown)?;
        if version == 0 {
            return Err(StoreError::ForeignDatabase { path: shown });
        }
        if version < schema::latest_version() {
            return Err(StoreError::ReadOnlyOlder {
                path: shown,
                found: version,
                supported: schema::latest_version(),
            });
        }
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            address: BookAddress::File(path.to_path_buf()),
            read_only: true,
            immutable: reader.immutable,
            seen: changes::LastSeen::default(),
        })
    }

    /// Could the file at `path` be a book: a regular file (or none yet)
    /// that is empty or starts as an `SQLite` database? Nothing is opened
    /// for writing, and a FIFO or device is not opened at all.
    ///
    /// # Errors
    /// [`StoreError::NotAFile`], [`StoreError::NotABookFile`], or the file
    /// cannot be read.
    pub fn check_file(path: &Path) -> Result<(), StoreError> {
        open::check_header(path, &path.display().to_string())
    }

    /// A book in memory (tests, benchmarks).
    ///
    /// # Errors
    /// Only if `SQLite` itself fails.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let mut store = SqliteStore {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            address: BookAddress::Memory,
            read_only: false,
            immutable: false,
            seen: changes::LastSeen::default(),
        };
        store.migrate(0, ":memory:")?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(store)
    }

    /// Was the book opened only to be read ([`SqliteStore::open_read_only`])?
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the book lives.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open book.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Has the book no partners at all?
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// A value from the book's `meta` table.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Refuse a write to a book opened only to read.
    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.address.to_string(),
            });
        }
        Ok(())
    }

    /// The transaction a write runs in: IMMEDIATE, so it holds the book's
    /// one write lock from its first statement; refused on a book opened
    /// only to read.
    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        self.writable()?;
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The book's own id (`meta.book_id`, 16 hex digits made at random
    /// once): what tells this book's calendar events from another's. A
    /// book that lost it gets a new one, unless it is only being read.
    ///
    /// # Errors
    /// When `SQLite` fails, or a book opened only to read has none.
    pub fn book_id(&self) -> Result<String, StoreError> {
        if let Some(id) = self.meta(BOOK_ID)? {
            return Ok(id);
        }
        self.writable()?;
        self.conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, lower(hex(randomblob(8))))",
            [BOOK_ID],
        )?;
        self.meta(BOOK_ID)?.ok_or_else(|| StoreError::ReadOnly {
            path: self.path.display().to_string(),
        })
    }

    /// Another connection to the same book, for reading on another thread
    /// (the book is in WAL mode, so readers do not block each other). None
    /// for a book in memory, which has no second connection.
    ///
    /// # Errors
    /// When the book cannot be opened again.
    pub fn second_reader(&self) -> Result<Option<SqliteStore>, StoreError> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(None);
        }
        Ok(Some(SqliteStore {
            conn: self.reader().connect()?,
            path: self.path.clone(),
            address: self.address.clone(),
            read_only: true,
            immutable: self.immutable,
            seen: changes::LastSeen::default(),
        }))
    }

    /// Run `read` inside one read transaction, so everything it reads is one
    /// snapshot of the book even while another program writes.
    ///
    /// # Errors
    /// What `read` returns, or the engine's failure to begin.
    pub fn snapshot<T>(
        &self,
        read: impl FnOnce(&SqliteStore) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN")?;
        let out = read(self);
        let _ = self.conn.execute_batch("COMMIT");
        out
    }

    /// How another connection reads this book (readers on other threads).
    fn reader(&self) -> Reader {
        Reader {
            path: self.path.clone(),
            immutable: self.immutable,
        }
    }

    /// Bring the schema from `version` to the latest, backing the file up
    /// first when it already holds a book.
    fn migrate(&mut self, version: i64, shown: &str) -> Result<(), StoreError> {
        if version == schema::latest_version() {
            return Ok(());
        }
        if version > 0 && self.path.as_os_str() != ":memory:" {
            open::back_up(&self.conn, &self.path, version, shown)?;
        }
        schema::migrations()
            .to_latest(&mut self.conn)
            .map_err(|e| open::migration_error(e, shown))
    }
}

/// `meta` key of the book's own id ([`SqliteStore::book_id`]).
const BOOK_ID: &str = "book_id";

/// Set `key` in the book's `meta` table to `value`.
pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
