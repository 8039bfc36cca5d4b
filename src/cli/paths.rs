//! `partnerdeck paths`: where everything lives, one per line.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{Failure, Paths};

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
    for (label, path) in [
        ("book", paths.book.as_path()),
        ("demo", paths.demo.as_path()),
        ("config", paths.config.as_path()),
        ("backups", backups.as_path()),
    ] {
        let _ = writeln!(text, "{label:<8} {}", path.display());
    }
    if let Some(log) = super::log::path() {
        let _ = writeln!(text, "{:<8} {}", "log", log.display());
    }
    text
}
