//! Is this path the open book, or one of the files `SQLite` keeps beside
//! it? Writing over any of them would damage the book.

use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use super::{destination, folder_of};

/// The files `SQLite` keeps beside a book: its write-ahead log, the log's
/// index and the rollback journal.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Does `path` name the file `book` or one of its companions (`-wal`,
/// `-shm`, `-journal`)? Both are followed through links first, so the
/// companions of the book's real path are caught whatever path the book
/// was opened by; existing files are also compared by device and inode,
/// so other spellings and hard links are caught too.
#[must_use]
pub fn is_book_file(path: &Path, book: &Path) -> bool {
    let target = real(path);
    let books = [book.to_path_buf(), real(book)];
    books.iter().any(|b| {
        std::iter::once("").chain(COMPANIONS).any(|suffix| {
            same_file(&target, &with_suffix(b, suffix)) || same_file(path, &with_suffix(b, suffix))
        })
    })
}

/// The path with every link followed (itself where that fails).
fn real(path: &Path) -> PathBuf {
    destination(path).map_or_else(|_| path.to_path_buf(), |d| d.path().to_path_buf())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Do `a` and `b` name the same file, existing or not?
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => ma.dev() == mb.dev() && ma.ino() == mb.ino(),
        (Err(_), Err(_)) => match (canonical_name(a), canonical_name(b)) {
            (Some(ca), Some(cb)) => ca == cb,
            _ => false,
        },
        _ => false,
    }
}

/// The canonical folder of a path that may not exist, joined with its name.
fn canonical_name(path: &Path) -> Option<PathBuf> {
    let folder = fs::canonicalize(folder_of(path)).ok()?;
    Some(folder.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_and_its_companions_are_recognised_however_spelled() {
        let dir = tempfile::tempdir().expect("dir");
        let book = dir.path().join("book.db");
        fs::write(&book, "db").expect("book");
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).expect("sub");
        assert!(is_book_file(&sub.join("../book.db"), &book));
        assert!(is_book_file(&sub.join("../book.db-wal"), &book));
        assert!(is_book_file(&dir.path().join("book.db-shm"), &book));
        assert!(is_book_file(&dir.path().join("book.db-journal"), &book));
        let link = dir.path().join("export.json");
        std::os::unix::fs::symlink(&book, &link).expect("link");
        assert!(is_book_file(&link, &book));
        assert!(!is_book_file(&dir.path().join("book.json"), &book));
    }

    #[test]
    fn a_book_opened_through_a_link_has_the_companions_of_its_real_path() {
        let dir = tempfile::tempdir().expect("dir");
        let book = dir.path().join("b.db");
        fs::write(&book, "db").expect("book");
        let link = dir.path().join("l.db");
        std::os::unix::fs::symlink("b.db", &link).expect("link");
        for name in ["b.db-wal", "b.db-shm", "b.db-journal", "l.db-wal", "l.db"] {
            assert!(is_book_file(&dir.path().join(name), &link), "{name}");
        }
        // A link to where a companion would be is a companion too.
        let to_wal = dir.path().join("to-wal");
        std::os::unix::fs::symlink("b.db-wal", &to_wal).expect("link");
        assert!(is_book_file(&to_wal, &link));
    }
}
