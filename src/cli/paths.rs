//! `partnerdeck paths`: where everything lives, one per line.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{Failure, Paths};
use crate::store::BookAddress;

/// Print the book, demo book, config and backups locations as
/// `label    path` lines. A closed pipe ends quietly.
///
/// # Errors
/// When standard output cannot be written for another reason.
pub fn run(paths: &Paths) -> Result<ExitCode, Failure> {
    super::output::print(&text(paths))
}

/// The lines `run` prints. Backups (`backup` and the automatic ones) go
/// to the `backups` folder beside the book; the copy taken before an
/// upgrade (`book.db.vN.bak`) stays beside the book itself.
#[must_use]
pub fn text(paths: &Paths) -> String {
    let backups = super::backup::folder(&paths.book);
    let mut text = String::new();
    let book = BookAddress::parse(&paths.book);
    let _ = match &book {
        BookAddress::Postgres(_) => writeln!(text, "{:<8} {book} (PostgreSQL team book)", "book"),
        _ => writeln!(text, "{:<8} {book}", "book"),
    };
    if book.file().is_some() {
        let _ = writeln!(text, "{:<8} {}", "demo", paths.demo.display());
    }
    let _ = writeln!(text, "{:<8} {}", "config", paths.config.display());
    let _ = match &book {
        BookAddress::Postgres(_) => writeln!(
            text,
            "{:<8} on the server; `partnerdeck backup --output FILE` copies the team book into a book file",
            "backups"
        ),
        _ => writeln!(text, "{:<8} {}", "backups", backups.display()),
    };
    if let Some(log) = super::log::path() {
        let _ = writeln!(text, "{:<8} {}", "log", log.display());
    }
    text
}
