//! The real binary in a real terminal (tmux): launch, keys, screen, quit,
//! and the terminal is given back in its normal mode.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use partnerdeck::store::Store;

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

#[test]
fn the_cockpit_runs_in_a_real_terminal_and_gives_it_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    let name = format!("pd-e2e-{}", std::process::id());
    let session = Session(name.clone());
    let bin = env!("CARGO_BIN_EXE_partnerdeck");
    // After the app exits, the shell prints its exit code and the tty mode.
    let script = format!(
        "'{bin}' --db '{}' --today 2026-11-25; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 30",
        db.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        &session.0,
        "sh",
        "-c",
        &script,
    ]);

    let screen = wait_for(&name, "Overdue or due today");
    assert!(screen.contains("1 Today"), "{screen}");
    assert!(screen.contains("Wed 25 Nov 2026"), "{screen}");

    tmux(&["send-keys", "-t", &name, "2"]);
    let screen = wait_for(&name, "sourced ARR");
    assert!(screen.contains("Northwind Traders"), "{screen}");

    tmux(&["send-keys", "-t", &name, "/", "lit", "Enter", "Enter"]);
    let screen = wait_for(&name, "Partners › Litware");
    assert!(screen.contains("no NPS on record"), "{screen}");

    tmux(&["send-keys", "-t", &name, "q"]);
    let screen = wait_for(&name, "EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(
        !screen.contains("sourced ARR"),
        "the alternate screen was left:\n{screen}"
    );
    let modes = wait_for(&name, "icanon");
    assert!(
        modes.contains(" icanon") || modes.contains("\nicanon"),
        "terminal left in raw mode:\n{modes}"
    );
    assert!(
        !modes.contains("-icanon") && !modes.contains("-echo"),
        "terminal left in raw mode:\n{modes}"
    );
}
