//! Standard output and standard error that never panic: a closed pipe ends
//! quietly, any other write error is one line and exit 1.
//!
//! Commands hand their text to [`print`], or write it as they make it
//! through [`stream`]; either writes to a locked stdout and maps the
//! outcome once: a closed pipe
//! (`partnerdeck partners | head -1`) is a quiet success, like git; any
//! other failure (`> /dev/full`) is one line on stderr and exit 1.

use std::io::{self, Write as _};
use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::fsutil::{self, Destination};
use crate::store::transfer::WriteError;

/// Write `text` to stdout and flush it.
///
/// # Errors
/// A [`Failure`] for any write error except a closed pipe, which ends the
/// command quietly with success.
pub fn print(text: &str) -> Result<ExitCode, Failure> {
    stream(|out| out.write_all(text.as_bytes()))
}

/// Write to a locked, buffered stdout as `write` produces the output (a
/// long document is never whole in memory), then flush; the outcome as
/// [`print`] maps it.
///
/// # Errors
/// As [`print`].
pub fn stream(
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<ExitCode, Failure> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    finish(write(&mut out).and_then(|()| out.flush()))
}

/// Map the outcome of writing output to the command's result.
///
/// # Errors
/// `cannot write output: …` (exit 1) for anything but a closed pipe.
pub fn finish(written: io::Result<()>) -> Result<ExitCode, Failure> {
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Failure::command(format!(
            "cannot write output: {}",
            plain(&e)
        ))),
    }
}

/// A status line on stderr (`exported 12 partners to …`). Stderr that
/// cannot be written is ignored: there is nowhere left to say so.
pub fn note(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Write `bytes` to the file at `path`, refusing the book and its
/// companion files: `verb` names what was asked ("export", "write"). A
/// regular file is written atomically (a file already there stays whole if
/// the write fails); a device, a FIFO or `/dev/stdout` in place.
///
/// # Errors
/// The path is the book, or the file cannot be written; one line each.
pub fn write_file(
    path: &Path,
    book: Option<&Path>,
    verb: &str,
    bytes: &[u8],
) -> Result<(), Failure> {
    let to = destination(path, book, verb)?;
    write_to(&to, path, |out| out.write_all(bytes))
}

/// Write `file` (standard output for `-`) as `write` makes it, refusing
/// the book as [`write_file`] does: a regular file atomically, so a write
/// that stops leaves the file that was there. When the book could not be
/// read, that is the failure, not the output.
///
/// # Errors
/// The book's failure, or the output's as [`write_to`] or [`print`] say it.
pub fn produce(
    file: &Path,
    book: Option<&Path>,
    verb: &str,
    write: impl FnOnce(&mut dyn io::Write) -> Result<(), WriteError>,
) -> Result<ExitCode, Failure> {
    let mut unread = None;
    let wrapped = |out: &mut dyn io::Write| match write(out) {
        Ok(()) => Ok(()),
        Err(WriteError::Output(e)) => Err(e),
        Err(WriteError::Book(e)) => {
            let shown = io::Error::other(e.to_string());
            unread = Some(e);
            Err(shown)
        }
    };
    let done = if file.as_os_str() == "-" {
        stream(wrapped)
    } else {
        write_to(&destination(file, book, verb)?, file, wrapped).map(|()| ExitCode::SUCCESS)
    };
    match unread {
        Some(e) => Err(e.into()),
        None => done,
    }
}

/// Where writing `path` lands (links followed), unless that is the book at
/// `book` or one of its companions.
///
/// # Errors
/// The path is the book or a companion, a folder, or cannot be reached.
pub fn destination(path: &Path, book: Option<&Path>, verb: &str) -> Result<Destination, Failure> {
    let to = fsutil::destination(path)
        .map_err(|e| Failure::command(format!("cannot write {}: {}", path.display(), plain(&e))))?;
    if let Some(book) = book
        && (fsutil::is_book_file(path, book) || fsutil::is_book_file(to.path(), book))
    {
        return Err(Failure::command(format!(
            "refusing to {verb} over the book itself ({})",
            path.display()
        )));
    }
    Ok(to)
}

/// Write `to` (asked for as `shown`) with `write`. A reader of a FIFO or
/// pipe that went away ends the write quietly, as on standard output.
///
/// # Errors
/// `cannot write FILE: …`, one line; for a regular file, the file that was
/// there is unchanged.
pub fn write_to(
    to: &Destination,
    shown: &Path,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match (to.write(write), to) {
        (Ok(()), _) => Ok(()),
        (Err(e), Destination::InPlace(_)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        (Err(e), Destination::InPlace(_)) => Err(Failure::command(format!(
            "cannot write {}: {}",
            shown.display(),
            plain(&e)
        ))),
        (Err(e), Destination::File(_)) => Err(Failure::command(format!(
            "cannot write {}: {} (nothing was changed)",
            shown.display(),
            plain(&e)
        ))),
    }
}

/// An I/O error as a person reads it: `No space left on device`, without
/// the `(os error 28)` that std appends.
#[must_use]
pub fn plain(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_success_and_other_errors_fail_with_one_line() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(finish(Err(pipe)).is_ok());
        let full = io::Error::from_raw_os_error(28);
        let failure = finish(Err(full)).expect_err("full disk fails");
        assert_eq!(failure.code, 1);
        assert_eq!(
            failure.message,
            "cannot write output: No space left on device"
        );
    }
}
