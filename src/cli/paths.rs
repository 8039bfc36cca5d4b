//! `partnerdeck paths`: where everything lives, one per line.

use std::fmt::Write as _;
use std::path::Path;
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

/// The lines `run` prints. Backups (`book.db.vN.bak`, taken before an
/// upgrade) are written beside the book.
#[must_use]
pub fn text(paths: &Paths) -> String {
    let backups = paths
        .book
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut text = String::new();
    for (label, path) in [
        ("book", paths.book.as_path()),
        ("demo", paths.demo.as_path()),
        ("config", paths.config.as_path()),
        ("backups", backups),
    ] {
        let _ = writeln!(text, "{label:<8} {}", path.display());
    }
    if let Some(log) = super::log::path() {
        let _ = writeln!(text, "{:<8} {}", "log", log.display());
    }
    text
}
