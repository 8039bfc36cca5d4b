//! The real binary in a real terminal (tmux): a walk through the screens,
//! and the ways in and out that are not keys of the app — pastes, Ctrl-C,
//! Ctrl-Z, signals, a broken escape sequence, `$EDITOR`, another program
//! replacing the book, and no terminal at all. Each time the terminal must
//! be given back as it was.

mod common;

use common::tmux::{Session, capture, keys, tmux, wait_for};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use partnerdeck::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_partnerdeck");

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

/// The terminal is back as the shell had it: exit code, cooked mode, main
/// screen, no mouse reporting, no bracketed paste.
fn assert_given_back(name: &str, exit: &str) {
    let screen = wait_for(name, "EXIT=");
    assert!(screen.contains(&format!("EXIT={exit}")), "{screen}");
    assert!(
        !screen.contains("Overdue or due today"),
        "the alternate screen was left:\n{screen}"
    );
    let modes = wait_for(name, "icanon");
    assert!(
        modes.contains(" icanon") || modes.contains("\nicanon"),
        "terminal left in raw mode:\n{modes}"
    );
    assert!(
        !modes.contains("-icanon") && !modes.contains("-echo"),
        "terminal left in raw mode:\n{modes}"
    );
    assert_eq!(pane_modes(name).trim(), "alt=0 mouse=0000");
    tmux(&["set-buffer", "-b", name, "plain"]);
    tmux(&["paste-buffer", "-p", "-b", name, "-t", name]);
    keys(name, &["Enter"]);
    let screen = wait_for(name, "plain\n");
    assert!(
        !screen.contains("200~"),
        "bracketed paste left on:\n{screen}"
    );
}

#[test]
fn a_paste_goes_into_the_text_field_and_never_runs_as_keys() {
    let (_dir, db) = book();
    let name = format!("pd-paste-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    wait_for(&name, "Overdue or due today");
    keys(&name, &["t"]);
    wait_for(&name, "Log a touch");

    tmux(&["set-buffer", "-b", &name, "Call went well\nmmm"]);
    tmux(&["paste-buffer", "-p", "-b", &name, "-t", &name]);
    let screen = wait_for(&name, "Call went well mmm");
    assert!(screen.contains("Log a touch"), "{screen}");

    keys(&name, &["Enter"]);
    wait_for(&name, "Overdue or due today");
    keys(&name, &["q"]);
    assert_given_back(&name, "0");

    let book = Store::open(&db).and_then(|s| s.load()).expect("book");
    let summaries: Vec<&str> = book
        .partners
        .iter()
        .flat_map(|f| &f.activities)
        .map(|a| a.summary.as_str())
        .collect();
    assert!(
        summaries.contains(&"Call went well mmm"),
        "no such touch: {summaries:?}"
    );
}

#[test]
fn ctrl_c_quits_and_gives_the_terminal_back() {
    let (_dir, db) = book();
    let name = format!("pd-ctrlc-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    wait_for(&name, "Overdue or due today");
    keys(&name, &["C-c"]);
    assert_given_back(&name, "0");
}

/// Started in the background so the shell knows its pid, with the tty as
/// its input (a background job's input is /dev/null otherwise).
fn killed_by(signal: &str, tag: &str) {
    let (dir, db) = book();
    let pidfile = dir.path().join("pid");
    let name = format!("pd-{tag}-{}", std::process::id());
    let launch = format!(
        "{} < /dev/tty & echo $! > '{}'; wait $!",
        cockpit(&db),
        pidfile.display()
    );
    let _session = start(&name, &launch);
    wait_for(&name, "Overdue or due today");
    let pid = std::fs::read_to_string(&pidfile).expect("pid");
    let status = Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_given_back(&name, "0");
}

#[test]
fn sigterm_gives_the_terminal_back() {
    killed_by("TERM", "term");
}

#[test]
fn sighup_gives_the_terminal_back() {
    killed_by("HUP", "hup");
}

/// Sent by another program (a background job ignores SIGINT and SIGQUIT
/// unless it asks for them, so unhandled they would do nothing).
#[test]
fn sigint_from_outside_gives_the_terminal_back() {
    killed_by("INT", "int");
}

#[test]
fn sigquit_from_outside_gives_the_terminal_back() {
    killed_by("QUIT", "quit");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws_the_whole_screen() {
    let (_dir, db) = book();
    let name = format!("pd-ctrlz-{}", std::process::id());
    let session = Session(name.clone());
    // An interactive shell, for job control.
    tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        &session.0,
        "env",
        "PS1=$ ",
        "bash",
        "--norc",
        "--noprofile",
    ]);
    wait_for(&name, "$");
    keys(&name, &[&cockpit(&db), "Enter"]);
    wait_for(&name, "Overdue or due today");
    let running = pane_modes(&name);
    assert!(running.starts_with("alt=1 mouse=1"), "{running}");

    keys(&name, &["C-z"]);
    let screen = wait_for(&name, "Stopped");
    assert!(!screen.contains("Overdue or due today"), "{screen}");
    assert_eq!(pane_modes(&name).trim(), "alt=0 mouse=0000");
    // The shell gets its cursor back.
    let cursor = tmux(&["display-message", "-p", "-t", &name, "#{cursor_flag}"]);
    assert_eq!(cursor.trim(), "1", "the cursor was left hidden");

    keys(&name, &["fg", "Enter"]);
    let screen = wait_for(&name, "Overdue or due today");
    assert!(screen.contains("1 Today"), "{screen}");
    assert!(screen.contains("Wed 25 Nov 2026"), "{screen}");
    assert_eq!(pane_modes(&name), running);

    // Still reading keys.
    keys(&name, &["2"]);
    wait_for(&name, "sourced ARR");
    keys(&name, &["q"]);
    let start = Instant::now();
    while pane_modes(&name).trim() != "alt=0 mouse=0000" {
        assert!(start.elapsed() < Duration::from_secs(20), "never quit");
        std::thread::sleep(Duration::from_millis(100));
    }
    keys(&name, &["echo EXIT=$?", "Enter"]);
    wait_for(&name, "EXIT=0");
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    let (_dir, db) = book();
    let name = format!("pd-resize-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    let screen = wait_for(&name, "Overdue or due today");
    assert!(screen.contains("Wed 25 Nov 2026"), "{screen}");
    tmux(&["resize-window", "-t", &name, "-x", "70", "-y", "20"]);
    let start = Instant::now();
    loop {
        let screen = capture(&name);
        // The frame of the screen closes at the new right edge.
        let frame = screen.lines().nth(1).unwrap_or_default();
        if frame.ends_with('┐') && frame.chars().count() == 70 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never redrawn at 70 columns:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
}

#[test]
fn a_paste_that_lost_its_end_does_not_swallow_the_keys_after_it() {
    let (_dir, db) = book();
    let name = format!("pd-paste-end-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    wait_for(&name, "Overdue or due today");
    // ESC [ 200 ~ and text, and no ESC [ 201 ~ ever.
    keys(&name, &["-H", "1b", "5b", "32", "30", "30", "7e", "78"]);
    // Keys keep coming faster than the quiet time; in the end they act.
    let start = Instant::now();
    while capture(&name).contains("Overdue or due today") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the keys after the paste were swallowed"
        );
        keys(&name, &["2"]);
        std::thread::sleep(Duration::from_millis(200));
        if capture(&name).contains("sourced ARR") {
            break;
        }
    }
    wait_for(&name, "sourced ARR");
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
}

#[test]
fn a_broken_escape_sequence_does_not_swallow_the_next_key() {
    let (_dir, db) = book();
    let name = format!("pd-esc-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    wait_for(&name, "Overdue or due today");
    // ESC [ ? arrives in one write: the start of a sequence that never ends.
    keys(&name, &["-H", "1b", "5b", "3f"]);
    std::thread::sleep(Duration::from_millis(300));
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
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

#[test]
fn a_book_replaced_from_another_shell_is_reloaded_and_undo_touches_nothing_of_it() {
    let (dir, db) = book();
    let name = format!("pd-replace-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    wait_for(&name, "Overdue or due today");
    keys(&name, &["t", "m", "i", "n", "e", "Enter"]);
    wait_for(&name, "u undoes");

    // Another shell replaces the book: same ids, other partners.
    let mut other = common::small_book();
    for f in &mut other.partners {
        f.partner.name = format!("{} Imported", f.partner.name);
    }
    let file = dir.path().join("other.json");
    std::fs::write(
        &file,
        partnerdeck::store::transfer::to_json(&other).expect("json"),
    )
    .expect("write");
    let status = Command::new(BIN)
        .args(["--db", &db.display().to_string(), "import", "--replace"])
        .arg(&file)
        .status()
        .expect("import");
    assert!(status.success());
    let before = Store::open(&db).and_then(|s| s.load()).expect("book");

    // The idle cockpit notices, reloads and says so…
    wait_for(&name, "the book was changed by another program; reloaded");
    wait_for(&name, "Imported");
    // …and undo refuses rather than delete someone else's record.
    keys(&name, &["u"]);
    wait_for(&name, "could not undo");
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
    let after = Store::open(&db).and_then(|s| s.load()).expect("book");
    assert_eq!(after, before, "nothing of the imported book changed");
}

#[test]
fn ctrl_e_hands_the_notes_to_the_editor_and_takes_them_back() {
    let (dir, db) = book();
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Met at the summit' > \"$1\"\n").expect("script");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let name = format!("pd-editor-{}", std::process::id());
    let launch = format!("EDITOR='{}' {}", editor.display(), cockpit(&db));
    let _session = start(&name, &launch);
    wait_for(&name, "Overdue or due today");
    keys(&name, &["2", "n"]);
    wait_for(&name, "New partner");
    for _ in 0..9 {
        keys(&name, &["Tab"]);
    }
    keys(&name, &["C-e"]);
    let screen = wait_for(&name, "Met at the summit");
    assert!(screen.contains("New partner"), "{screen}");
    keys(&name, &["Escape"]);
    wait_for(&name, "Discard what you typed");
    keys(&name, &["y"]);
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
}

#[test]
fn the_cockpit_runs_in_a_real_terminal_and_gives_it_back() {
    let (_dir, db) = book();
    let name = format!("pd-e2e-{}", std::process::id());
    let _session = start(&name, &cockpit(&db));
    let screen = wait_for(&name, "Overdue or due today");
    assert!(screen.contains("1 Today"), "{screen}");
    assert!(screen.contains("Wed 25 Nov 2026"), "{screen}");
    keys(&name, &["2"]);
    let screen = wait_for(&name, "sourced ARR");
    assert!(screen.contains("Northwind Traders"), "{screen}");
    keys(&name, &["/", "lit", "Enter", "Enter"]);
    let screen = wait_for(&name, "Partners › Litware");
    assert!(screen.contains("no revenue on record"), "{screen}");
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
}

#[test]
fn with_mouse_off_in_the_config_the_terminal_keeps_its_own_selection() {
    let (dir, db) = book();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[ui]\nmouse = false\n").expect("config");
    let name = format!("pd-nomouse-{}", std::process::id());
    let launch = format!("{} --config '{}'", cockpit(&db), config.display());
    let _session = start(&name, &launch);
    wait_for(&name, "Overdue or due today");
    assert_eq!(pane_modes(&name).trim(), "alt=1 mouse=0000");
    keys(&name, &["q"]);
    assert_given_back(&name, "0");
}

#[test]
fn a_partner_typed_when_the_terminal_was_killed_comes_back_as_a_draft() {
    let (dir, db) = book();
    let pidfile = dir.path().join("pid");
    let name = format!("pd-draft-{}", std::process::id());
    let launch = format!(
        "{} < /dev/tty & echo $! > '{}'; wait $!",
        cockpit(&db),
        pidfile.display()
    );
    let _session = start(&name, &launch);
    wait_for(&name, "Overdue or due today");
    keys(&name, &["2", "n"]);
    wait_for(&name, "New partner");
    keys(&name, &["-l", "Harbor Lights Ltd"]);
    wait_for(&name, "Harbor Lights Ltd");
    // The terminal dies without a word: kill -9.
    let pid = std::fs::read_to_string(&pidfile).expect("pid");
    let status = Command::new("kill")
        .args(["-KILL", pid.trim()])
        .status()
        .expect("kill");
    assert!(status.success());
    wait_for(&name, "EXIT=");
    tmux(&["kill-session", "-t", &name]);

    // The next start offers it back; yes, then Enter saves it.
    let again = format!("{name}-again");
    let _session = start(&again, &cockpit(&db));
    let screen = wait_for(&again, "Resume \"New partner\"?");
    assert!(screen.contains("yes"), "{screen}");
    keys(&again, &["y"]);
    wait_for(&again, "Harbor Lights Ltd");
    keys(&again, &["Enter"]);
    wait_for(&again, "Harbor Lights Ltd added");
    keys(&again, &["q"]);
    wait_for(&again, "EXIT=0");
    let book = Store::open(&db).and_then(|s| s.load()).expect("book");
    assert!(book.find("Harbor Lights Ltd").is_some());
}
