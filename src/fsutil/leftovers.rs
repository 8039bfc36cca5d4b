//! Temporary files a killed run leaves behind. Every temporary file is
//! locked (an advisory `flock`) by the process writing it, for as long as
//! it writes; the kernel drops the lock when the process ends, however it
//! ends. So a later run removes the temporary files nobody holds and
//! leaves alone those another run is writing right now.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use super::folder_of;

/// The files `SQLite` may make beside a database it writes.
const SQLITE_COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Mark `file` as being written by this process until it is closed.
///
/// # Errors
/// The lock cannot be taken.
pub fn hold(file: &File) -> io::Result<()> {
    file.lock()
}

/// Remove every file in `dir` whose name `is_ours` and that no live process
/// holds, with the files `SQLite` keeps beside it. Files that cannot be
/// checked or removed are left.
pub fn remove_dead(dir: &Path, is_ours: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if name.to_str().is_some_and(&is_ours) {
            remove_if_dead(&entry.path());
        }
    }
}

/// Remove `path` (and its `SQLite` companions) if nobody holds it.
fn remove_if_dead(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if !meta.file_type().is_file() {
        return;
    }
    let Ok(file) = File::open(path) else {
        return;
    };
    // Held while it is removed, so no other run takes it meanwhile.
    if file.try_lock().is_ok() {
        remove_with_companions(path);
    }
}

fn remove_with_companions(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in SQLITE_COMPANIONS {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// A file written under a name of its own (`FILE.partial`) and renamed
/// into place once whole: held while it lives, removed (with any `SQLite`
/// companions) if dropped before [`Partial::finish`].
#[derive(Debug)]
pub struct Partial {
    path: PathBuf,
    file: File,
    finished: bool,
}

impl Partial {
    /// Make `path` anew, empty, with the mode a shell redirect would give
    /// it (0666 less the umask), after removing a killed run's file of
    /// that name.
    ///
    /// # Errors
    /// Another live run is writing `path` (`AlreadyExists`), or the file
    /// cannot be made.
    pub fn create(path: PathBuf) -> io::Result<Partial> {
        if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            remove_dead(&folder_of(&path), |n| n == name);
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&path)?;
        let partial = Partial {
            path,
            file,
            finished: false,
        };
        hold(&partial.file)?;
        Ok(partial)
    }

    /// Where it is being written.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush it to disk and rename it onto `to` (a regular file's real
    /// path), keeping the permissions of a file already there.
    ///
    /// # Errors
    /// Syncing or renaming fails; the partial file is then removed.
    pub fn finish(mut self, to: &Path) -> io::Result<()> {
        if let Ok(meta) = fs::metadata(to) {
            self.file.set_permissions(meta.permissions())?;
        }
        self.file.sync_all()?;
        fs::rename(&self.path, to)?;
        self.finished = true;
        if let Ok(folder) = File::open(folder_of(to)) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.finished {
            remove_with_companions(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_dropped_unfinished_is_removed_and_a_held_one_is_not_taken() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("copy.db.partial");
        let first = Partial::create(path.clone()).expect("first");
        let err = Partial::create(path.clone()).expect_err("held by the first");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        drop(first);
        assert!(!path.exists());
        let second = Partial::create(path.clone()).expect("second");
        second.finish(&dir.path().join("copy.db")).expect("finish");
        assert!(dir.path().join("copy.db").exists());
        assert!(!path.exists());
    }
}
