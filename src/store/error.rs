//! Why the book cannot be opened or written: a clear one-line error,
//! never a panic. Each message is one line; the engine's own error
//! stays reachable through `source()`.
//!
//! Nothing here names a database engine: an engine (see `store::sqlite`)
//! turns its own errors into these variants, keeping the engine's error as
//! the [`Cause`].

use std::error::Error;

/// An error from below the store (I/O or the database engine).
pub type Cause = Box<dyn Error + Send + Sync + 'static>;

/// Why the book cannot be opened or written. Every message is one line the
/// manager can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a partnerdeck book (it is not an SQLite database); nothing was changed")]
    NotABookFile { path: String },
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
    #[error(
        "{path} is read-only and from an older partnerdeck (book schema v{found}, this version reads v{supported}); make it writable once so partnerdeck can upgrade it, nothing was changed"
    )]
    ReadOnlyOlder {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path} is {kind}, not a book file; nothing was changed")]
    NotAFile { path: String, kind: &'static str },
    #[error(
        "{path} cannot be changed: {file} beside it belongs to another user; once no program has the book open, remove {path}-wal and {path}-shm; nothing was changed"
    )]
    ForeignCompanion { path: String, file: String },
    #[error("{path} is read-only; partnerdeck needs to write to its book")]
    ReadOnly { path: String },
    #[error(
        "{path} is in a read-only folder; partnerdeck needs to write its journal beside the book"
    )]
    ReadOnlyFolder { path: String },
    #[error("{path} is locked by another program; close it and try again")]
    Locked { path: String },
    #[error("{} is damaged ({engine}: {}); nothing was changed", shown(.path), first_line(.source.as_ref()))]
    Damaged {
        /// Empty until the store that met the damage names its file.
        path: String,
        /// The engine that found the damage (`SQLite`).
        engine: &'static str,
        #[source]
        source: Cause,
    },
    #[error("cannot open {path}: {}", first_line(.source.as_ref()))]
    Open {
        path: String,
        #[source]
        source: Cause,
    },
    #[error(
        "{path} is damaged ({reason}): a copy of it fails the integrity check, so no backup was made; nothing was changed"
    )]
    DamagedCopy { path: String, reason: String },
    #[error("cannot copy {path}: {}; nothing was changed", first_line(.source.as_ref()))]
    Copy {
        path: String,
        #[source]
        source: Cause,
    },
    #[error("could not back up {path} before upgrading it: {}; nothing was changed", first_line(.source.as_ref()))]
    Backup {
        path: String,
        #[source]
        source: Cause,
    },
    #[error("could not upgrade {path}: {reason}")]
    Migration {
        path: String,
        /// The engine's reason, its first line only (no SQL text).
        reason: String,
        #[source]
        source: Cause,
    },
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
    /// An edit refused because another manager changed the partner since
    /// it was read: who and when, so the manager knows whom to ask.
    #[error("{refusal} (last changed by {who} at {when})")]
    ChangedBy {
        refusal: crate::domain::edit::EditError,
        who: String,
        when: String,
    },
    /// What this engine cannot do (yet); the capability is asked first
    /// where the caller has another way (`BookStore::capabilities`).
    #[error("{what} is not available on {engine} books; nothing was changed")]
    Unsupported {
        engine: &'static str,
        what: &'static str,
    },
    /// The book's server cannot be reached (or refused us).
    #[error("cannot reach the book at {book}: {reason}")]
    Unreachable { book: String, reason: String },
    /// Anything else the engine reported.
    #[error("book error: {}", first_line(.0.as_ref()))]
    Engine(#[source] Cause),
}

impl StoreError {
    /// Problems with the file itself (exit code 2), as opposed to a failed command.
    #[must_use]
    pub fn is_file_problem(&self) -> bool {
        matches!(
            self,
            StoreError::NotABookFile { .. }
                | StoreError::NotAFile { .. }
                | StoreError::ForeignCompanion { .. }
                | StoreError::DamagedCopy { .. }
                | StoreError::ForeignDatabase { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::ReadOnlyOlder { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::ReadOnlyFolder { .. }
                | StoreError::Locked { .. }
                | StoreError::Damaged { .. }
                | StoreError::Busy
                | StoreError::Open { .. }
                | StoreError::Backup { .. }
                | StoreError::Migration { .. }
                | StoreError::Unreachable { .. }
        )
    }

    /// Name the book file in an error that met damage without knowing where.
    #[must_use]
    pub fn in_book(self, shown: &str) -> Self {
        match self {
            StoreError::Damaged {
                path,
                engine,
                source,
            } if path.is_empty() => StoreError::Damaged {
                path: shown.into(),
                engine,
                source,
            },
            other => other,
        }
    }
}

fn shown(path: &str) -> &str {
    if path.is_empty() { "the book" } else { path }
}

/// The first line of an error's message: engine errors can carry whole SQL
/// statements, which are no use to the manager.
pub(crate) fn first_line(e: &(dyn Error + 'static)) -> String {
    let text = e.to_string();
    text.lines().next().unwrap_or_default().trim().to_string()
}
