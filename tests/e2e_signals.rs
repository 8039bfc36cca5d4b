//! The real binary in a real terminal (tmux), on the ways in and out that
//! are not keys of the app. Started without a terminal, the cockpit must
//! not write to one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use partnerdeck::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_partnerdeck");

struct Session(String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(args)
        .output()
        .expect("tmux is installed (.ci/run installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn capture(session: &str) -> String {
    tmux(&["capture-pane", "-p", "-t", session])
}

/// Wait until the pane shows `text`, or fail with what it shows.
fn wait_for(session: &str, text: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = capture(session);
        if screen.contains(text) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never saw {text:?}; screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The pane's modes as tmux tracks them: alternate screen and mouse.
fn pane_modes(session: &str) -> String {
    tmux(&[
        "display-message",
        "-p",
        "-t",
        session,
        "alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}",
    ])
}

/// A book in a fresh folder.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    (dir, db)
}

fn cockpit(db: &Path) -> String {
    format!("'{BIN}' --db '{}' --today 2026-11-25", db.display())
}

/// After `launch`, the shell prints the exit code and the tty modes, then
/// echoes what it reads so a paste can show whether it is still bracketed.
fn start(name: &str, launch: &str) -> Session {
    let script = format!(
        "{launch}; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; cat -v"
    );
    let session = Session(name.to_string());
    tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        name,
        "sh",
        "-c",
        &script,
    ]);
    session
}

const NEEDS_A_TERMINAL: &str = "partnerdeck: the cockpit needs a terminal; use a subcommand such as 'partnerdeck today' for scripts\n";

#[test]
fn without_a_terminal_the_cockpit_says_so_and_writes_nothing() {
    let (_dir, db) = book();
    assert_cmd::Command::new(BIN)
        .args(["--db", &db.display().to_string(), "--today", "2026-11-25"])
        .write_stdin("q")
        .assert()
        .code(2)
        .stdout("")
        .stderr(NEEDS_A_TERMINAL);
}

#[test]
fn with_output_not_a_terminal_the_cockpit_writes_nothing_to_it() {
    let (dir, db) = book();
    let out = dir.path().join("out");
    let err = dir.path().join("err");
    let name = format!("pd-notty-{}", std::process::id());
    let launch = format!(
        "{} > '{}' 2> '{}'",
        cockpit(&db),
        out.display(),
        err.display()
    );
    let _session = start(&name, &launch);
    let screen = wait_for(&name, "EXIT=");
    assert!(screen.contains("EXIT=2"), "{screen}");
    assert_eq!(std::fs::read_to_string(&out).expect("out"), "");
    assert_eq!(
        std::fs::read_to_string(&err).expect("err"),
        NEEDS_A_TERMINAL
    );
}

#[test]
fn with_input_not_a_terminal_the_cockpit_does_not_start() {
    let (_dir, db) = book();
    let name = format!("pd-noin-{}", std::process::id());
    let _session = start(&name, &format!("{} < /dev/null", cockpit(&db)));
    let screen = wait_for(&name, "EXIT=");
    assert!(screen.contains("EXIT=2"), "{screen}");
    assert!(screen.contains("needs a terminal"), "{screen}");
    assert_eq!(pane_modes(&name).trim(), "alt=0 mouse=0000");
}
