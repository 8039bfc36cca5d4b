//! Files the program writes for the manager (exports, agendas, calendars,
//! backups): where a path really leads, how each kind of file is written,
//! which files are the book's own, and what a killed run left behind.
//!
//! - [`destination`]: a path names a regular file (new or existing, links
//!   followed to it), which is replaced atomically, or something else (a
//!   device, a FIFO, an open file named through `/proc` such as
//!   `/dev/stdout`), which is written in place.
//! - [`write`]: either, through one call.
//! - [`is_book_file`]: the book and its companions, however spelled.
//! - [`leftovers`]: temporary files are locked while they are written, so a
//!   later run removes only those whose writer is gone.

mod atomic;
mod book_files;
mod destination;
pub mod leftovers;

pub use atomic::write_atomic;
pub use book_files::is_book_file;
pub use destination::{Destination, destination, write_in_place};

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write the file at `path`: a regular file atomically, anything else in
/// place (see [`destination`]).
///
/// # Errors
/// The path is a folder or cannot be reached, or the write fails.
pub fn write(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    destination(path)?.write(write)
}

/// The folder a file lives in (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
