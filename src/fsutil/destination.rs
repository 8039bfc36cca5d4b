//! Where writing a path lands: links are followed to the file they name,
//! and only a regular file is replaced by a rename; anything else is
//! written in place, as a shell redirect would.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{folder_of, write_atomic};

/// How many links are followed before the path is taken for a loop.
const MAX_LINKS: usize = 40;

/// What a path to write names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A regular file, there or not yet, at its real path (every link on
    /// the way followed): written to a temporary file beside it, then
    /// renamed over it.
    File(PathBuf),
    /// A device, a FIFO, or an open file named through `/proc` (the
    /// `/dev/stdout` family): opened and written in place. A rename would
    /// put a regular file where the node was.
    InPlace(PathBuf),
}

impl Destination {
    /// The path the bytes go to.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Destination::File(p) | Destination::InPlace(p) => p,
        }
    }

    /// Write it: a regular file atomically, anything else in place.
    ///
    /// # Errors
    /// Opening, writing or (for a file) renaming fails.
    pub fn write(&self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        match self {
            Destination::File(real) => write_atomic(real, write),
            Destination::InPlace(at) => write_in_place(at, write),
        }
    }
}

/// Where writing `path` lands. The folder is resolved and each link of the
/// file itself followed in turn (a link to a file not there yet gives that
/// file); a path whose folder is under `/proc` names an open file
/// (`/dev/stdout` → `/proc/self/fd/1`) and is written in place.
///
/// # Errors
/// The folder is missing, the path is a folder, or the links loop.
pub fn destination(path: &Path) -> io::Result<Destination> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let folder = fs::canonicalize(folder_of(&at))?;
        let Some(name) = at.file_name() else {
            return Err(is_a_folder());
        };
        let real = folder.join(name);
        if folder.starts_with("/proc") {
            return Ok(Destination::InPlace(real));
        }
        let kind = match fs::symlink_metadata(&real) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Destination::File(real));
            }
            other => other?.file_type(),
        };
        if kind.is_symlink() {
            // A relative link is read from the link's own folder.
            at = folder.join(fs::read_link(&real)?);
        } else if kind.is_file() {
            return Ok(Destination::File(real));
        } else if kind.is_dir() {
            return Err(is_a_folder());
        } else {
            return Ok(Destination::InPlace(real));
        }
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

/// Open `at` for writing, without creating, truncating or renaming
/// anything, and write to its end (an open file reached through `/proc`
/// keeps what is already in it, as `>>` would; a device or FIFO has no end).
///
/// # Errors
/// Opening or writing fails (`/dev/full`: no space left on device).
pub fn write_in_place(
    at: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = OpenOptions::new().append(true).open(at)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

fn is_a_folder() -> io::Error {
    io::Error::from_raw_os_error(libc::EISDIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_to_the_file_there_or_not() {
        let dir = tempfile::tempdir().expect("dir");
        let real = fs::canonicalize(dir.path()).expect("real dir");
        std::os::unix::fs::symlink("later.json", dir.path().join("dangling")).expect("link");
        std::os::unix::fs::symlink("dangling", dir.path().join("twice")).expect("link");
        assert_eq!(
            destination(&dir.path().join("twice")).expect("resolves"),
            Destination::File(real.join("later.json"))
        );
        std::os::unix::fs::symlink("loop", dir.path().join("loop")).expect("link");
        let err = destination(&dir.path().join("loop")).expect_err("a loop");
        assert_eq!(err.raw_os_error(), Some(libc::ELOOP));
        let err = destination(dir.path()).expect_err("a folder");
        assert_eq!(err.raw_os_error(), Some(libc::EISDIR));
    }

    #[test]
    fn devices_and_open_files_are_written_in_place() {
        assert_eq!(
            destination(Path::new("/dev/null")).expect("device"),
            Destination::InPlace(PathBuf::from("/dev/null"))
        );
        let stdout = destination(Path::new("/dev/stdout")).expect("stdout");
        assert!(
            matches!(&stdout, Destination::InPlace(p) if p.starts_with("/proc")),
            "{stdout:?}"
        );
    }
}
