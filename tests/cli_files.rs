//! Files the commands write (`export`, `export --csv`, `qbr export -o`,
//! `campaign ics -o`, `backup -o`): what lands where a device, a FIFO, a
//! link or a companion of the book is named, the mode a new file gets, and
//! the temporary files a killed run leaves.

mod common;

use std::io::Read as _;
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use partnerdeck::store::Store;

/// A temporary book holding the small fixture book.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("write fixture book");
    (dir, path)
}

fn pd(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every command that writes a file, with `FILE` where the path goes.
const WRITERS: [&[&str]; 5] = [
    &["export", "FILE"],
    &["export", "--csv", "partners", "FILE"],
    &["qbr", "export", "Northwind Traders", "-o", "FILE"],
    &["campaign", "ics", "Q4 webinar with Northwind", "-o", "FILE"],
    &["backup", "-o", "FILE"],
];

fn with_file(args: &[&str], file: &Path) -> Vec<std::ffi::OsString> {
    args.iter()
        .map(|a| {
            if *a == "FILE" {
                file.as_os_str().to_owned()
            } else {
                (*a).into()
            }
        })
        .collect()
}

/// `O_NONBLOCK` on Linux.
const O_NONBLOCK: i32 = 0o4000;

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_is_written_in_place_and_stays_a_fifo() {
    let (dir, db) = book();
    for args in WRITERS {
        let fifo = dir.path().join("out.fifo");
        mkfifo(&fifo);
        // A second name for the FIFO, to let the reader go should the
        // command replace the first.
        let spare = dir.path().join("spare.fifo");
        std::fs::hard_link(&fifo, &spare).expect("link");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                std::fs::File::open(&fifo)
                    .expect("open the fifo")
                    .read_to_end(&mut got)
                    .expect("read the fifo");
                got
            })
        };
        let out = pd(&db).args(with_file(args, &fifo)).output().expect("run");
        // Let the reader go if the command did not write to the FIFO (a
        // writer that opens and closes it ends the read); without a
        // reader left the open fails at once instead of waiting.
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(O_NONBLOCK)
                .open(&spare);
        }
        let got = reader.join().expect("reader");
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(
            std::fs::symlink_metadata(&fifo)
                .expect("still there")
                .file_type()
                .is_fifo(),
            "{args:?}: the FIFO was replaced"
        );
        assert!(
            got.len() > 100,
            "{args:?}: the reader got {} bytes",
            got.len()
        );
        if args[0] == "backup" {
            assert!(got.starts_with(b"SQLite format 3\0"), "{args:?}");
        }
        std::fs::remove_file(&fifo).expect("remove fifo");
        std::fs::remove_file(&spare).expect("remove fifo");
    }
}

/// A character device that reports a full disk: a private copy of
/// `/dev/full` where this user may make device nodes (root), else the
/// machine's own (which a user who is not root cannot replace).
fn full_device(dir: &Path) -> PathBuf {
    let own = dir.join("full");
    let made = std::process::Command::new("mknod")
        .arg(&own)
        .args(["c", "1", "7"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        own
    } else {
        PathBuf::from("/dev/full")
    }
}

#[test]
fn a_full_device_is_written_in_place_and_says_the_disk_is_full() {
    let (dir, db) = book();
    let full = full_device(dir.path());
    for args in WRITERS {
        let out = pd(&db).args(with_file(args, &full)).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr_of(&out));
        assert_eq!(
            stderr_of(&out),
            format!(
                "partnerdeck: cannot write {}: No space left on device\n",
                full.display()
            ),
            "{args:?}"
        );
        let kind = std::fs::symlink_metadata(&full)
            .expect("device")
            .file_type();
        assert!(kind.is_char_device(), "{args:?}: the device was replaced");
    }
}

#[test]
fn a_link_to_standard_output_writes_to_standard_output() {
    let (dir, db) = book();
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/dev/stdout", &link).expect("link");
    for args in WRITERS {
        let out = pd(&db).args(with_file(args, &link)).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(
            out.stdout.len() > 100,
            "{args:?}: {} bytes on stdout",
            out.stdout.len()
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink(),
            "{args:?}: the link was replaced"
        );
    }
}

#[test]
fn a_link_is_followed_and_its_target_replaced_whole() {
    let (dir, db) = book();
    for args in WRITERS {
        let real = dir.path().join("real.out");
        std::fs::write(&real, "old").expect("old file");
        let link = dir.path().join("link.out");
        std::os::unix::fs::symlink("real.out", &link).expect("link");
        pd(&db).args(with_file(args, &link)).assert().success();
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::read(&real).expect("target").len() > 100,
            "{args:?}"
        );
        std::fs::remove_file(&link).expect("rm");
        std::fs::remove_file(&real).expect("rm");
    }
}

#[test]
fn every_companion_of_the_books_real_path_is_refused() {
    let (dir, db) = book();
    let link = dir.path().join("l.db");
    std::os::unix::fs::symlink("book.db", &link).expect("link");
    for args in WRITERS {
        for target in [
            "book.db-wal",
            "book.db-shm",
            "book.db-journal",
            "l.db-journal",
            "l.db",
        ] {
            let out = pd(&link)
                .current_dir(dir.path())
                .args(with_file(args, Path::new(target)))
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(1), "{args:?} {target}");
            let err = stderr_of(&out);
            assert!(
                err.starts_with("partnerdeck: refusing to ")
                    && err.ends_with(&format!("over the book itself ({target})\n")),
                "{args:?} {target}: {err}"
            );
            assert!(
                !dir.path().join(target).exists() || target == "l.db",
                "{args:?}: {target} was written"
            );
        }
    }
    assert!(
        std::fs::symlink_metadata(&db).expect("book").is_file(),
        "the book is still a file"
    );
    pd(&link).arg("partners").assert().success();
}

/// Run `args` under `umask`, as a shell would.
fn under_umask(db: &Path, umask: &str, args: &[std::ffi::OsString]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("partnerdeck");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            r#"umask {umask}; db="$1"; shift; exec "$0" --db "$db" --today 2026-11-25 "$@""#
        ))
        .arg(bin)
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .output()
        .expect("sh")
}

#[test]
fn a_new_file_gets_the_mode_a_shell_redirect_would() {
    let (dir, db) = book();
    for (umask, mode) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        for args in WRITERS {
            let file = dir.path().join(format!("new-{umask}.out"));
            let out = under_umask(&db, umask, &with_file(args, &file));
            assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
            let got = std::fs::metadata(&file)
                .expect("written")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(got, mode, "{args:?} under umask {umask}: {got:o}");
            std::fs::remove_file(&file).expect("rm");
        }
    }
    // A file that was there keeps its own mode.
    let kept = dir.path().join("kept.out");
    std::fs::write(&kept, "old").expect("old");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    for args in WRITERS {
        let out = under_umask(&db, "022", &with_file(args, &kept));
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        let got = std::fs::metadata(&kept).expect("kept").permissions().mode() & 0o777;
        assert_eq!(got, 0o640, "{args:?}");
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_exports_temporary_file_goes_on_the_next_export_but_a_live_one_stays() {
    let (dir, db) = book();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    // What a run killed half-way through `export out/book.json` leaves.
    let dead = out.join(".book.json.Ab3xZ9.tmp");
    std::fs::write(&dead, "{\"format\": \"partnerdeck-bo").expect("dead");
    // One being written right now by another export (it holds its lock).
    let live = out.join(".book.json.Qw7rT2.tmp");
    std::fs::write(&live, "{").expect("live");
    let held = std::fs::File::open(&live).expect("open");
    held.lock().expect("lock");
    // Someone else's file of a similar name.
    std::fs::write(out.join(".book.json.notes.tmp"), "mine").expect("other");
    pd(&db)
        .arg("export")
        .arg(out.join("book.json"))
        .assert()
        .success();
    assert_eq!(
        names_in(&out),
        [".book.json.Qw7rT2.tmp", ".book.json.notes.tmp", "book.json"]
    );
    drop(held);
}

#[test]
fn a_killed_backups_partial_file_goes_on_the_next_backup_but_a_live_one_stays() {
    let (dir, db) = book();
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).expect("backups");
    let dead = folder.join("book-20261125-101010-000-manual.db.partial");
    std::fs::write(&dead, "SQLite format 3\0half").expect("dead");
    std::fs::write(
        folder.join("book-20261125-101010-000-manual.db.partial-journal"),
        "j",
    )
    .expect("journal");
    let live = folder.join("book-20261125-111111-000-import.db.partial");
    std::fs::write(&live, "SQLite format 3\0").expect("live");
    let held = std::fs::File::open(&live).expect("open");
    held.lock().expect("lock");
    let printed = pd(&db).arg("backup").output().expect("run");
    assert!(printed.status.success(), "{}", stderr_of(&printed));
    let made = String::from_utf8_lossy(&printed.stdout).trim().to_string();
    let made = Path::new(&made)
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let mut expected = vec![
        "book-20261125-111111-000-import.db.partial".to_string(),
        made,
    ];
    expected.sort();
    assert_eq!(names_in(&folder), expected);
    drop(held);
}
