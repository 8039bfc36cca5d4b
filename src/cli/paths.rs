//! `partnerdeck paths`: where everything lives, one per line.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, Paths};

/// Print the book, demo book, config and backups locations as
/// `label    path` lines. A closed pipe ends quietly.
///
/// # Errors
/// When standard output cannot be written for another reason.
pub fn run(paths: &Paths) -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text(paths).as_bytes())
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::command(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(ExitCode::SUCCESS),
    }
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
    text
}
