//! `partnerdeck backup [-o FILE]`, `restore FILE`, and the automatic
//! backups taken before a command replaces or imports into a book
//! (README, "Backups"): the last [`KEEP`] are kept in the backups folder.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Failure, output};
use crate::fsutil::{Destination, is_book_file, leftovers};
use crate::store::{Store, backup};

/// How many automatic backups of a book are kept.
pub const KEEP: usize = 10;

/// The folder backups of `book` go to: `backups` beside it.
#[must_use]
pub fn folder(book: &Path) -> PathBuf {
    book.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// A new backup's path: `backups/book-20261126-042801-123-import.db`.
fn new_path(book: &Path, why: &str) -> PathBuf {
    let stem = stem(book);
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f");
    folder(book).join(format!("{stem}-{stamp}-{why}.db"))
}

fn stem(book: &Path) -> String {
    book.file_stem()
        .map_or_else(|| "book".into(), |s| s.to_string_lossy().into_owned())
}

/// Copy the book file into the backups folder before `why` changes it
/// (only a book file that exists and holds something), keeping the last
/// [`KEEP`]. A team book has no file: its server keeps its own backups, and
/// the change is one transaction either way.
///
/// # Errors
/// When the copy cannot be made (the book is damaged, the folder cannot be
/// written): the command then stops before writing.
pub fn automatic(book: Option<&Path>, why: &str) -> Result<Option<PathBuf>, Failure> {
    let Some(book) = book else {
        return Ok(None);
    };
    if std::fs::metadata(book).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    let to = new_path(book, why);
    make_folder(&to)?;
    remove_dead_copies(book);
    backup::back_up(book, &to)?;
    prune(book);
    Ok(Some(to))
}

/// Remove the `*.partial` copies a killed backup left in the backups
/// folder (not those another run is writing now).
fn remove_dead_copies(book: &Path) {
    leftovers::remove_dead(&folder(book), |n| {
        Path::new(n)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("partial"))
    });
}

/// Remove all but the newest [`KEEP`] automatic backups of `book` (names
/// sort by time). A backup that cannot be removed is left.
fn prune(book: &Path) {
    let prefix = format!("{}-", stem(book));
    let Ok(entries) = std::fs::read_dir(folder(book)) else {
        return;
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix)
                    && Path::new(n)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("db"))
            })
        })
        .collect();
    found.sort();
    let extra = found.len().saturating_sub(KEEP);
    for old in &found[..extra] {
        let _ = std::fs::remove_file(old);
    }
}

fn make_folder(file: &Path) -> Result<(), Failure> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir).map_err(|e| {
            Failure::command(format!(
                "cannot create {}: {}",
                dir.display(),
                output::plain(&e)
            ))
        }),
        _ => Ok(()),
    }
}

/// `partnerdeck backup [-o FILE]`: prints where the copy went. `FILE` may
/// be a regular file (replaced whole, once the copy is checked) or a
/// device, FIFO or `/dev/stdout` (the checked copy written into it; where
/// it went is then said on stderr, as stdout may be the copy).
///
/// # Errors
/// When there is no book, `FILE` is the book itself, or the copy fails.
pub fn run(book: &Path, to: Option<&Path>) -> Result<ExitCode, Failure> {
    Store::check_file(book)?;
    if std::fs::metadata(book).map_or(true, |m| m.len() == 0) {
        return Err(Failure::setup(format!("no book at {}", book.display())));
    }
    remove_dead_copies(book);
    let Some(asked) = to else {
        let to = new_path(book, "manual");
        make_folder(&to)?;
        backup::back_up(book, &to)?;
        return output::print(&format!("{}\n", to.display()));
    };
    match output::destination(asked, Some(book), "back up")? {
        Destination::File(real) => {
            backup::back_up(book, &real)?;
            output::print(&format!("{}\n", asked.display()))
        }
        place @ Destination::InPlace(_) => {
            let work = tempfile::tempdir().map_err(|e| {
                Failure::command(format!(
                    "cannot make a temporary copy: {}",
                    output::plain(&e)
                ))
            })?;
            let copy = work.path().join("copy.db");
            backup::back_up(book, &copy)?;
            output::write_to(&place, asked, |out| {
                std::io::copy(&mut std::fs::File::open(&copy)?, out).map(drop)
            })?;
            output::note(&format!("backed up to {}", asked.display()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `partnerdeck restore FILE [--yes]`: asks on a terminal; without one,
/// only with `--yes`. The book is backed up first.
///
/// # Errors
/// When `FILE` is no usable book, the manager says no, or the copy fails.
pub fn restore(book: &Path, from: &Path, yes: bool) -> Result<ExitCode, Failure> {
    Store::check_file(book)?;
    if is_book_file(from, book) {
        return Err(Failure::command(
            "that file is the book itself (nothing was changed)",
        ));
    }
    backup::check_book(from)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::command(format!(
                "restore replaces the book at {}; pass --yes to confirm (standard input is not a terminal, nothing was changed)",
                book.display()
            )));
        }
        if !confirm(&format!(
            "Replace {} with {} (the book is backed up first)? [y/N] ",
            book.display(),
            from.display()
        )) {
            return Err(Failure::command("not restored (nothing was changed)"));
        }
    }
    let saved = automatic(Some(book), "restore")?;
    backup::restore(book, from)?;
    let kept = saved.map_or_else(String::new, |p| {
        format!("; the book before is in {}", p.display())
    });
    output::note(&format!(
        "restored {} from {}{kept}",
        book.display(),
        from.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Ask a yes/no question on the terminal; only `y` or `yes` is yes.
fn confirm(question: &str) -> bool {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(question.as_bytes());
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}
