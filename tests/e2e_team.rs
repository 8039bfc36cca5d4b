//! Two cockpits on one team book (PostgreSQL, a throwaway cluster of this
//! test binary's own, skipped loudly where the server binaries are
//! missing): a touch logged elsewhere shows in both within 2 seconds, and
//! the server going away under them is a clear message, never a crash —
//! they read again once it is back.

mod common;

use std::time::{Duration, Instant};

use common::tmux::{Session, capture, tmux, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_partnerdeck");

fn pd(db: &str, args: &[&str]) {
    common::pg::ok(db, args);
}

fn cockpit(name: &str, url: &str) -> Session {
    let command = format!(
        "XDG_CONFIG_HOME=/nonexistent/partnerdeck-test {BIN} --db '{url}' --today 2026-11-23 --everyone"
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "150",
        "-y",
        "30",
        &command,
    ]);
    let session = Session(name.to_string());
    wait_for(name, "Focus (");
    // Partners, once the cockpit takes keys.
    let start = Instant::now();
    while !capture(name).contains("sort: health") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{}",
            capture(name)
        );
        tmux(&["send-keys", "-t", name, "2"]);
        std::thread::sleep(Duration::from_millis(200));
    }
    session
}

/// The Partners row of `partner` on `session`'s screen.
fn row_of(session: &str, partner: &str) -> String {
    capture(session)
        .lines()
        .find(|l| l.contains(partner))
        .unwrap_or_default()
        .to_string()
}

fn shows_within(session: &str, partner: &str, text: &str, limit: Duration) {
    let start = Instant::now();
    while !row_of(session, partner).contains(text) {
        assert!(
            start.elapsed() < limit,
            "{session} never showed {text:?} for {partner}:\n{}",
            capture(session)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn two_cockpits_see_each_other_and_survive_the_server_going_away() {
    let Some(url) = common::pg::fresh_book() else {
        return;
    };
    let cluster = common::pg::cluster().expect("cluster");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("demo.db").to_string_lossy().into_owned();
    pd(&file, &["demo"]);
    pd(&file, &["push", "--to", &url]);
    let (a, b) = (
        cockpit(&format!("team-a-{}", std::process::id()), &url),
        cockpit(&format!("team-b-{}", std::process::id()), &url),
    );
    let partner = "Silverline Infra Inc";
    wait_for(&a.0, partner);
    assert!(row_of(&a.0, partner).contains("150d"), "{}", capture(&a.0));
    wait_for(&a.0, "book: ");
    assert!(capture(&a.0).contains("on PostgreSQL"), "{}", capture(&a.0));

    pd(
        &url,
        &[
            "log",
            partner,
            "--kind",
            "call",
            "--summary",
            "Back on track",
        ],
    );
    for s in [&a.0, &b.0] {
        shows_within(s, partner, " 0d ", Duration::from_secs(2));
    }

    cluster.stop();
    wait_for(&a.0, "cannot reach the book");
    cluster.start();
    wait_for(&a.0, "the team book is back");
    pd(
        &url,
        &["log", partner, "--kind", "email", "--date", "2026-11-22"],
    );
    // Still the latest touch today: the row shows it, and the cockpits live.
    for s in [&a.0, &b.0] {
        shows_within(s, partner, " 0d ", Duration::from_secs(4));
        assert!(capture(s).contains("book: "), "{}", capture(s));
    }
}
