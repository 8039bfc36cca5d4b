//! Copies of the book with `SQLite`'s online backup API: consistent while
//! the cockpit or another command has the book open, and restored the same
//! way, page by page, into the open book.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::open::{self, engine_error};
use super::{StoreError, schema};

/// Copy the book at `book` to `to`, written under a temporary name beside
/// it and renamed, so `to` is either the old file or a whole copy.
///
/// # Errors
/// When `book` is not a partnerdeck book, or the copy cannot be written.
pub fn back_up(book: &Path, to: &Path) -> Result<(), StoreError> {
    let shown = book.display().to_string();
    let source = read_book(book, &shown)?;
    let partial = PathBuf::from(format!("{}.partial", to.display()));
    let failed = |source: super::Cause| StoreError::Copy {
        path: shown.clone(),
        source,
    };
    match std::fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(Box::new(e))),
        _ => {}
    }
    source
        .backup(MAIN_DB, &partial, None)
        .map_err(|e| failed(Box::new(e)))?;
    // The copy is a whole book on its own: no write-ahead log beside it.
    let copy = Connection::open(&partial).map_err(|e| failed(Box::new(e)))?;
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .map_err(|e| failed(Box::new(e)))?;
    drop(copy);
    std::fs::rename(&partial, to).map_err(|e| failed(Box::new(e)))?;
    Ok(())
}

/// Check that `file` is a whole partnerdeck book this build can open.
///
/// # Errors
/// When it is not a book, is from a newer version, or is damaged.
pub fn check_book(file: &Path) -> Result<(), StoreError> {
    let shown = file.display().to_string();
    let conn = read_book(file, &shown)?;
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
    let mut conn = Connection::open(book).map_err(|e| StoreError::Open {
        path: shown.clone(),
        source: Box::new(e),
    })?;
    conn.busy_timeout(open::BUSY_TIMEOUT)?;
    conn.restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| engine_error(e, &shown))?;
    drop(conn);
    // Opening migrates an older book (with its own backup first).
    super::Store::open(book).map(drop)
}

/// A read-only connection to a partnerdeck book.
fn read_book(path: &Path, shown: &str) -> Result<Connection, StoreError> {
    open::check_header(path, shown)?;
    if let Err(e) = std::fs::metadata(path) {
        return Err(StoreError::Open {
            path: shown.into(),
            source: Box::new(e),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| engine_error(e, shown))?;
    conn.busy_timeout(open::BUSY_TIMEOUT)?;
    let version = open::check_identity(&conn, shown)?;
    if version == 0 {
        return Err(StoreError::ForeignDatabase { path: shown.into() });
    }
    debug_assert!(version <= schema::latest_version());
    Ok(conn)
}
