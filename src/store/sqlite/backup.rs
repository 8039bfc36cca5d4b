//! Copies of the book with `SQLite`'s online backup API: consistent while
//! the cockpit or another command has the book open, checked before they
//! are named as a backup, and restored the same way, page by page, into
//! the open book. None of them leaves a `-wal` or `-shm` file beside a
//! file it only read, and none waits on a busy book for longer than
//! [`open::BUSY_TIMEOUT`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::open::{self, Reader, engine_error};
use super::{StoreError, schema};
use crate::fsutil::leftovers::Partial;

/// Copy the book at `book` to the regular file `to`, written as
/// `TO.partial` beside it (locked while written, so a later run can tell a
/// killed run's leftover from a live copy) and renamed only once the copy
/// passes `SQLite`'s integrity check: `to` is either the old file or a
/// whole, sound copy. A new `to` gets the mode a shell redirect would.
///
/// # Errors
/// When `book` is not a partnerdeck book, is damaged (its copy fails the
/// integrity check; nothing is left at `to`), or the copy cannot be
/// written.
pub fn back_up(book: &Path, to: &Path) -> Result<(), StoreError> {
    let shown = book.display().to_string();
    let source = open_source(book, &shown)?;
    let failed = |source: super::Cause| StoreError::Copy {
        path: shown.clone(),
        source,
    };
    let partial = Partial::create(PathBuf::from(format!("{}.partial", to.display())))
        .map_err(|e| failed(Box::new(e)))?;
    let mut copy = Connection::open_with_flags(
        partial.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| failed(Box::new(e)))?;
    copy_pages(&source, &mut copy, &shown)?;
    drop(source);
    // A copy SQLite finds malformed (its schema pages, say) is a damaged
    // book, like one whose copy fails the integrity check.
    let checked = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::DamagedCopy {
                path: shown.clone(),
                reason: e.to_string(),
            }
        }
        _ => failed(Box::new(e)),
    };
    // The copy is a whole book on its own: no write-ahead log beside it.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .map_err(checked)?;
    let problem = first_problem(&copy).map_err(checked)?;
    drop(copy);
    if let Some(reason) = problem {
        return Err(StoreError::DamagedCopy {
            path: shown,
            reason,
        });
    }
    partial.finish(to).map_err(|e| failed(Box::new(e)))
}

/// The first problem `SQLite`'s integrity check finds in a database, if
/// any (its `*** in database main ***` headings left out).
fn first_problem(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut check = conn.prepare("PRAGMA integrity_check")?;
    let mut rows = check.query([])?;
    while let Some(row) = rows.next()? {
        let line: String = row.get(0)?;
        let line = line.trim();
        if line == "ok" {
            return Ok(None);
        }
        if !line.starts_with("***") && !line.is_empty() {
            return Ok(Some(line.to_string()));
        }
    }
    Ok(Some("the integrity check failed".into()))
}

/// Check that `file` is a whole partnerdeck book this build can open.
///
/// # Errors
/// When it is not a book, is from a newer version, or is damaged.
pub fn check_book(file: &Path) -> Result<(), StoreError> {
    let shown = file.display().to_string();
    let conn = open_source(file, &shown)?;
    let ok: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| engine_error(e, &shown))?;
    if ok == "ok" {
        Ok(())
    } else {
        Err(StoreError::Copy {
            path: shown,
            source: format!("the file is damaged ({ok})").into(),
        })
    }
}

/// Replace the book at `book` with the book in `from`, in place through the
/// backup API (other programs with the book open see the new book on
/// their next read), then bring it to this build's schema.
///
/// # Errors
/// When `from` is no usable book, or the book cannot be written (then it
/// is unchanged).
pub fn restore(book: &Path, from: &Path) -> Result<(), StoreError> {
    check_book(from)?;
    let shown = book.display().to_string();
    let source = open_source(from, &from.display().to_string())?;
    let mut conn = Connection::open(book).map_err(|e| StoreError::Open {
        path: shown.clone(),
        source: Box::new(e),
    })?;
    conn.busy_timeout(open::BUSY_TIMEOUT)?;
    copy_pages(&source, &mut conn, &shown)?;
    drop(conn);
    drop(source);
    // Opening migrates an older book (with its own backup first).
    super::SqliteStore::open(book).map(drop)
}

/// Copy every page of `from` into `to` in one step, so the copy is one
/// snapshot of the source. A busy or locked book, or a source that keeps
/// changing under the copy, is retried only until [`open::BUSY_TIMEOUT`]
/// has passed, then refused as locked: never a spin.
fn copy_pages(from: &Connection, to: &mut Connection, shown: &str) -> Result<(), StoreError> {
    let copy = Backup::new(from, to).map_err(|e| engine_error(e, shown))?;
    let deadline = Instant::now() + open::BUSY_TIMEOUT;
    loop {
        match copy.step(-1).map_err(|e| engine_error(e, shown))? {
            StepResult::Done => return Ok(()),
            _ if Instant::now() >= deadline => {
                return Err(StoreError::Locked { path: shown.into() });
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

/// A connection to read a whole partnerdeck book from. A book this process
/// may write is opened for writing (nothing is written to it) so that its
/// last connection folds in and removes the `-wal` and `-shm` files that
/// reading a WAL book makes; one it may not write is read as
/// [`Reader::read_only`] does, making none.
fn open_source(path: &Path, shown: &str) -> Result<Connection, StoreError> {
    open::check_header(path, shown)?;
    if let Err(e) = std::fs::metadata(path) {
        return Err(StoreError::Open {
            path: shown.into(),
            source: Box::new(e),
        });
    }
    let conn = if open::may_not_write(path) {
        Reader::read_only(path).connect()
    } else {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .map_err(|e| engine_error(e, shown))?;
    conn.busy_timeout(open::BUSY_TIMEOUT)?;
    let version = open::check_identity(&conn, shown)?;
    if version == 0 {
        return Err(StoreError::ForeignDatabase { path: shown.into() });
    }
    debug_assert!(version <= schema::latest_version());
    Ok(conn)
}
