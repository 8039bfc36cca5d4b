//! A regular file replaced whole or not at all: a temporary file in the
//! same folder, flushed to disk, renamed over the target.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use super::{folder_of, leftovers};

/// Write the regular file at `target` (its real path, see
/// [`super::destination`]) atomically: `write` fills a temporary file
/// beside it (`.NAME.XXXXXX.tmp`, locked while it is written), which is
/// flushed to disk and renamed over `target`. On any failure the temporary
/// file is removed and a previous `target` is left exactly as it was. A
/// replaced file keeps its permissions; a new one gets what a shell
/// redirect would give it (0666 less the umask). Temporary files of a
/// killed run for the same target are removed first.
///
/// # Errors
/// Any error from creating, writing, syncing or renaming the file.
pub fn write_atomic(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    leftovers::remove_dead(&dir, |n| is_temporary_of(n, &name));
    // Dropping the temporary file (on any early return) deletes it.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(RAND)
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(&dir)?;
    leftovers::hold(tmp.as_file())?;
    if let Ok(meta) = fs::metadata(target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    // Make the rename itself durable; a folder that cannot be synced (some
    // file systems refuse) does not undo a write that already happened.
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// How many random characters a temporary name carries.
const RAND: usize = 6;

/// Is `file` a temporary file [`write_atomic`] makes for `name`?
fn is_temporary_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
        .and_then(|f| f.strip_suffix(".tmp"))
        .is_some_and(|r| r.len() == RAND && r.bytes().all(|b| b.is_ascii_alphanumeric()))
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
    fn temporary_names_are_told_from_other_files() {
        assert!(is_temporary_of(".book.json.Ab3xZ9.tmp", "book.json"));
        assert!(!is_temporary_of(".book.json.notes.tmp", "book.json"));
        assert!(!is_temporary_of(".book.json.Ab3xZ9.tmp", "book"));
        assert!(!is_temporary_of("book.json.Ab3xZ9.tmp", "book.json"));
    }
}
