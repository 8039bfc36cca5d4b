//! Checks made before a book file is used: is it an `SQLite`
//! database, is it a partnerdeck book, can we write to it; and how the
//! engine's errors on opening read to the manager.

use std::fmt::Write as _;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::StoreError;
use super::schema;
use crate::store::error::first_line;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a command waits for another program's lock before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// A book is a regular file (a link to one will do): a FIFO, a device or a
/// folder is refused before anything opens it, as opening a FIFO waits for
/// a writer and `SQLite` would put a journal beside a device. A non-empty
/// file that does not start with the `SQLite` magic is not a book.
pub(super) fn check_header(path: &Path, shown: &str) -> Result<(), StoreError> {
    let open_error = |e: std::io::Error| StoreError::Open {
        path: shown.into(),
        source: Box::new(e),
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(open_error(e)),
        Ok(meta) if !meta.is_file() => {
            return Err(StoreError::NotAFile {
                path: shown.into(),
                kind: kind_of(meta.file_type()),
            });
        }
        Ok(_) => {}
    }
    let mut head = [0u8; 16];
    let read = match File::open(path) {
        Ok(mut f) => f.read(&mut head).map_err(open_error)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(open_error(e)),
    };
    if read > 0 && (read < head.len() || &head != SQLITE_MAGIC) {
        return Err(StoreError::NotABookFile { path: shown.into() });
    }
    Ok(())
}

/// What a file that is not a regular file is, in a manager's words.
fn kind_of(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// May this process not write the book file: the manager marked it
/// read-only (no write permission bit, which root is held to as well), or
/// its user may not write it (another user's file, a read-only file
/// system)? Checked before `SQLite` opens it, so a refused book gets no
/// `-wal` or `-shm` file beside it. A file that is not there yet may be
/// made.
pub(super) fn may_not_write(path: &Path) -> bool {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    std::fs::metadata(path).is_ok_and(|m| {
        m.permissions().readonly()
            || accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).is_err()
    })
}

/// A `-wal` or `-shm` file beside the book that this process may not
/// write (left by another user's program that read the book): `SQLite`
/// could read the book through it but not change it.
pub(super) fn unwritable_companion(path: &Path) -> Option<String> {
    ["-wal", "-shm"].iter().find_map(|suffix| {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        may_not_write(&file).then(|| file.display().to_string())
    })
}

/// Refuse files that are neither a book nor a brand-new database; return
/// the book's schema version.
pub(super) fn check_identity(conn: &Connection, shown: &str) -> Result<i64, StoreError> {
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| engine_error(e, shown))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    // Any object at all (table, index, view, trigger) means the file is
    // some other program's, unless it carries our application id.
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    if !fresh && app_id != i64::from(schema::APPLICATION_ID) || version < 0 {
        return Err(StoreError::ForeignDatabase { path: shown.into() });
    }
    if version > schema::latest_version() {
        return Err(StoreError::NewerSchema {
            path: shown.into(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    Ok(version)
}

/// What an engine error met while opening or upgrading the book means for
/// the manager.
pub(super) fn engine_error(e: rusqlite::Error, shown: &str) -> StoreError {
    let extended = match &e {
        rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
        _ => 0,
    };
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotABookFile { path: shown.into() },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Locked { path: shown.into() }
        }
        Some(ErrorCode::ReadOnly) if extended == rusqlite::ffi::SQLITE_READONLY_DIRECTORY => {
            StoreError::ReadOnlyFolder { path: shown.into() }
        }
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path: shown.into() },
        _ => StoreError::from(e).in_book(shown),
    }
}

/// A failed migration: locked, read-only or damaged books say so; anything
/// else keeps the engine's reason (its first line) as the source.
pub(super) fn migration_error(e: rusqlite_migration::Error, shown: &str) -> StoreError {
    match e {
        // The query is left out: SQL text is no use to the manager.
        rusqlite_migration::Error::RusqliteError { err, .. } => match engine_error(err, shown) {
            StoreError::Engine(err) => StoreError::Migration {
                path: shown.into(),
                reason: first_line(err.as_ref()),
                source: err,
            },
            other => other,
        },
        other => StoreError::Migration {
            path: shown.into(),
            reason: first_line(&other),
            source: Box::new(other),
        },
    }
}

/// Copy the book to `book.db.vN.bak` before upgrading it from version N.
/// The copy is written beside it under a temporary name and then renamed,
/// so an attempt that failed earlier leaves one backup, not one per try.
pub(super) fn back_up(
    conn: &Connection,
    path: &Path,
    version: i64,
    shown: &str,
) -> Result<PathBuf, StoreError> {
    let backup = PathBuf::from(format!("{}.v{version}.bak", path.display()));
    let partial = PathBuf::from(format!("{}.v{version}.bak.partial", path.display()));
    let failed = |source: super::Cause| StoreError::Backup {
        path: shown.into(),
        source,
    };
    match std::fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(Box::new(e))),
        _ => {}
    }
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(|e| match engine_error(e, shown) {
            StoreError::Engine(e) => failed(e),
            other => other,
        })?;
    std::fs::rename(&partial, &backup).map_err(|e| failed(Box::new(e)))?;
    Ok(backup)
}

/// How connections reading the book are opened: a book this process may
/// not write, with no write-ahead log beside it (so no program has it open
/// for writing), is read as it is on disk (`immutable`). Reading it then
/// leaves no `-wal` or `-shm` file behind: such files, made by a reader
/// that cannot write the book, would belong to the reader and stop its
/// owner from writing it.
#[derive(Debug, Clone)]
pub(super) struct Reader {
    pub path: PathBuf,
    pub immutable: bool,
}

impl Reader {
    /// The reader for a book opened read-only.
    pub fn read_only(path: &Path) -> Reader {
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        let no_log = std::fs::metadata(wal).map_or(true, |m| m.len() == 0);
        Reader {
            path: path.to_path_buf(),
            immutable: no_log && may_not_write(path) && file_uri(path).is_some(),
        }
    }

    /// A read-only connection to the book.
    pub fn connect(&self) -> rusqlite::Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match file_uri(&self.path).filter(|_| self.immutable) {
            Some(uri) => Connection::open_with_flags(
                format!("{uri}?immutable=1"),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )?,
            None => Connection::open_with_flags(&self.path, flags)?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }
}

/// `file:` URI of a path (<https://sqlite.org/uri.html>), percent-encoding
/// every byte a URI could misread. None where the path is not plain text.
fn file_uri(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    if cfg!(windows) {
        return None;
    }
    let mut uri = String::from("file:");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    Some(uri)
}
