//! Files written so that a failure never leaves half a file (temporary file
//! in the same folder, fsync, rename), and the test for "is this path the
//! open book?".
//!
//! Every command that writes a file (`export`, and later `qbr export` and
//! `campaign ics`) goes through [`write_atomic`].

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

/// Write a file atomically: `write` fills a temporary file in the target's
/// folder, which is flushed to disk and then renamed over `target`. On any
/// failure the temporary file is removed and a previous `target` is left
/// exactly as it was. A symbolic link as `target` is followed, so the file
/// it points to is replaced and the link kept. A replaced file keeps its
/// permissions; a new one is readable by its owner only.
///
/// # Errors
/// Any error from creating, writing, syncing or renaming the file.
pub fn write_atomic(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let dir = folder_of(&target);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // Dropping the temporary file (on any early return) deletes it.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    if let Ok(meta) = fs::metadata(&target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable; a folder that cannot be synced (some
    // file systems refuse) does not undo a write that already happened.
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Does `path` name the file `book`, or one of `SQLite`'s companions of it
/// (`-wal`, `-shm`)? Existing files are compared by device and inode (so
/// links and other spellings of the path are caught); a companion that
/// does not exist yet is compared by canonical folder and file name.
#[must_use]
pub fn is_book_file(path: &Path, book: &Path) -> bool {
    ["", "-wal", "-shm"].iter().any(|suffix| {
        let mut name = book.as_os_str().to_owned();
        name.push(suffix);
        same_file(path, Path::new(&name))
    })
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

/// The folder a file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("book.json");
        fs::write(&target, "good export\n").expect("old file");
        let err = write_atomic(&target, |out| {
            out.write_all(b"half of a ")?;
            Err(io::Error::other("disk gone"))
        })
        .expect_err("the write fails");
        assert_eq!(err.to_string(), "disk gone");
        assert_eq!(fs::read_to_string(&target).expect("read"), "good export\n");
        assert_eq!(files_in(dir.path()), ["book.json"]);
    }

    #[test]
    fn a_write_replaces_the_file_through_a_link() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("real.json");
        fs::write(&target, "old").expect("old file");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write_atomic(&link, |out| out.write_all(b"new")).expect("write");
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
        assert_eq!(files_in(dir.path()), ["link.json", "real.json"]);
    }

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
        let link = dir.path().join("export.json");
        std::os::unix::fs::symlink(&book, &link).expect("link");
        assert!(is_book_file(&link, &book));
        assert!(!is_book_file(&dir.path().join("book.json"), &book));
        assert!(!is_book_file(&dir.path().join("book.db-journal"), &book));
    }
}
