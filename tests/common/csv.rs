//! Running CSV imports and exports as a user does: the real binary on a
//! temporary book, its own config folder, the date pinned.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/csv");

/// A file of `tests/fixtures/csv`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// The binary on `db` as of 25 Nov 2026, reading no config but the test's
/// own (`partnerdeck/config.toml` beside the book, when a test writes one).
pub fn pd(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.env_remove("PARTNERDECK_DB");
    cmd.env_remove("PARTNERDECK_CONFIG");
    cmd
}

/// Run, expect success, return (stdout, stderr).
pub fn ok(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().expect("run");
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "failed: {e}");
    (o, e)
}

/// Run, expect exit 1, return stderr.
pub fn refused(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `import --csv TABLE FILE`: (stdout, stderr).
pub fn import(db: &Path, table: &str, file: &Path) -> (String, String) {
    ok(pd(db).args(["import", "--csv", table]).arg(file))
}

/// `export --csv TABLE -`: the CSV.
pub fn export(db: &Path, table: &str) -> String {
    ok(pd(db).args(["export", "--csv", table, "-"])).0
}
