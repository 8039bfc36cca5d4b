//! The book on disk: one `SQLite` file the manager owns.
//!
//! Opening checks the file before anything is written (is it a `SQLite`
//! database, is it a partnerdeck book, is it from a newer version, can we
//! write to it), takes a backup copy before any migration, and then sets
//! WAL, foreign keys and a busy timeout. Every write is a transaction.

mod edit;
mod load;
pub mod schema;
pub mod summaries;
pub mod transfer;
mod write;

pub use edit::Edited;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

/// Why the book cannot be opened or written. Every message is one line the
/// manager can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a partnerdeck book (it is not an SQLite database); nothing was changed")]
    NotSqlite { path: String },
    #[error("{path} is an SQLite database but not a partnerdeck book; nothing was changed")]
    ForeignDatabase { path: String },
    #[error(
        "{path} was written by a newer partnerdeck (book schema v{found}, this version reads up to v{supported}); upgrade partnerdeck, nothing was changed"
    )]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path} is read-only; partnerdeck needs to write to its book")]
    ReadOnly { path: String },
    #[error("{path} is locked by another program; close it and try again")]
    Locked { path: String },
    #[error("cannot open {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("could not back up {path} before upgrading it: {reason}; nothing was changed")]
    Backup { path: String, reason: String },
    #[error("could not upgrade {path}: {reason}")]
    Migration { path: String, reason: String },
    #[error("the book has a bad value in {table}.{column}: {reason}")]
    BadValue {
        table: &'static str,
        column: &'static str,
        reason: String,
    },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("the book is busy: another program is writing to it; try again when it is done")]
    Busy,
    #[error("{0}")]
    Refused(#[from] crate::domain::edit::EditError),
    #[error("book error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// A lock held past the busy timeout is the user's situation, not a bug:
    /// say so plainly.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Problems with the file itself (exit code 2), as opposed to a failed command.
    #[must_use]
    pub fn is_file_problem(&self) -> bool {
        matches!(
            self,
            StoreError::NotSqlite { .. }
                | StoreError::ForeignDatabase { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::Locked { .. }
                | StoreError::Busy
                | StoreError::Open { .. }
                | StoreError::Backup { .. }
                | StoreError::Migration { .. }
        )
    }
}

/// An open book.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open (or create) the book at `path`, upgrading its schema if needed.
    ///
    /// # Errors
    /// A [`StoreError`] when the file is not a book, is newer than this build,
    /// is read-only or locked, or cannot be upgraded.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        check_header(path, &shown)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        conn.busy_timeout(Duration::from_secs(2))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_identity(&shown)?;
        if store.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly { path: shown });
        }
        store.migrate(&shown)?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| locked_or(e, &shown))?;
        debug_assert!(mode.eq_ignore_ascii_case("wal") || path.as_os_str().is_empty());
        Ok(store)
    }

    /// A book in memory (tests, benchmarks).
    ///
    /// # Errors
    /// Only if `SQLite` itself fails.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.migrate(":memory:")?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(store)
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

    /// Refuse files that are neither a book nor a brand-new database.
    fn check_identity(&self, shown: &str) -> Result<(), StoreError> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| not_sqlite_or(e, shown))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        let fresh = app_id == 0 && version == 0 && tables == 0;
        if !fresh && app_id != schema::APPLICATION_ID {
            return Err(StoreError::ForeignDatabase { path: shown.into() });
        }
        if version > schema::latest_version() {
            return Err(StoreError::NewerSchema {
                path: shown.into(),
                found: version,
                supported: schema::latest_version(),
            });
        }
        Ok(())
    }

    /// Bring the schema to the latest version, backing the file up first
    /// when it already holds a book.
    fn migrate(&mut self, shown: &str) -> Result<(), StoreError> {
        let version = self.schema_version()?;
        if version == schema::latest_version() {
            return Ok(());
        }
        if version > 0 && self.path.as_os_str() != ":memory:" {
            let backup = backup_path(&self.path, version);
            self.conn
                .execute("VACUUM INTO ?1", [backup.display().to_string()])
                .map_err(|e| StoreError::Backup {
                    path: shown.into(),
                    reason: e.to_string(),
                })?;
        }
        schema::migrations()
            .to_latest(&mut self.conn)
            .map_err(|e| StoreError::Migration {
                path: shown.into(),
                reason: e.to_string(),
            })
    }
}

/// `book.db` → `book.db.v1.bak` (numbered if that exists).
fn backup_path(path: &Path, version: i64) -> PathBuf {
    let base = format!("{}.v{version}.bak", path.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 1;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    candidate
}

/// A non-empty file that does not start with the `SQLite` magic is not a book.
fn check_header(path: &Path, shown: &str) -> Result<(), StoreError> {
    let mut head = [0u8; 16];
    let read = match File::open(path) {
        Ok(mut f) => f.read(&mut head).map_err(|e| StoreError::Open {
            path: shown.into(),
            reason: e.to_string(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(StoreError::Open {
                path: shown.into(),
                reason: e.to_string(),
            });
        }
    };
    if read > 0 && (read < head.len() || &head != SQLITE_MAGIC) {
        return Err(StoreError::NotSqlite { path: shown.into() });
    }
    Ok(())
}

fn not_sqlite_or(e: rusqlite::Error, shown: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite { path: shown.into() },
        _ => locked_or(e, shown),
    }
}

fn locked_or(e: rusqlite::Error, shown: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Locked { path: shown.into() }
        }
        _ => StoreError::Sqlite(e),
    }
}
