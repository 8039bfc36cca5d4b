//! The real binary in tmux: plan a QBR on the QBRs screen, tick two
//! checklist items in its workspace, quit, start again on the same book,
//! and find the QBR and its ticks (notes wait for the form widget).

mod common;

use common::tmux::{Session, tmux, wait_for};

use partnerdeck::store::Store;

/// Start the cockpit on `db` in a new tmux session.
fn start(db: &std::path::Path, name: &str) -> Session {
    let bin = env!("CARGO_BIN_EXE_partnerdeck");
    let script = format!(
        "'{bin}' --db '{}' --today 2026-11-25; echo EXIT=$?; sleep 30",
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
        name,
        "sh",
        "-c",
        &script,
    ]);
    Session(name.to_string())
}

#[test]
fn a_qbr_planned_and_ticked_in_the_cockpit_is_there_after_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book.db");
    Store::open(&db)
        .and_then(|mut s| s.replace_book(&common::small_book()))
        .expect("book");
    let name = format!("pd-e2e-qbr-{}", std::process::id());
    {
        let _session = start(&db, &name);
        wait_for(&name, "Overdue or due today");
        tmux(&["send-keys", "-t", &name, "4"]);
        wait_for(&name, "QBR completion");
        tmux(&["send-keys", "-t", &name, "n"]);
        wait_for(&name, "planned · u undoes");
        tmux(&["send-keys", "-t", &name, "]", "k", "Enter"]);
        wait_for(&name, "QBR Wed 24 Feb 2027");
        tmux(&["send-keys", "-t", &name, "x"]);
        wait_for(&name, "prep 20%");
        tmux(&["send-keys", "-t", &name, "j", "x"]);
        wait_for(&name, "prep 40%");
        // A note on the first agenda section, saved with Ctrl-s.
        tmux(&["send-keys", "-t", &name, "e"]);
        wait_for(&name, "QBR notes");
        tmux(&["send-keys", "-t", &name, "-l", "Open with their Q4 wins"]);
        tmux(&["send-keys", "-t", &name, "C-s"]);
        wait_for(&name, "notes of QBR");
        tmux(&["send-keys", "-t", &name, "q"]);
        let screen = wait_for(&name, "EXIT=");
        assert!(screen.contains("EXIT=0"), "{screen}");
    }
    let again = format!("{name}-again");
    let _session = start(&db, &again);
    wait_for(&again, "Overdue or due today");
    tmux(&["send-keys", "-t", &again, "4"]);
    let screen = wait_for(&again, "QBR completion");
    assert!(screen.contains("Wed 24 Feb"), "{screen}");
    tmux(&["send-keys", "-t", &again, "]", "k", "Enter"]);
    let screen = wait_for(&again, "QBR Wed 24 Feb 2027");
    assert!(screen.contains("prep 40%"), "{screen}");
    assert!(screen.contains("[x] D-7"), "{screen}");
    // The note is in the agenda preview, and in the book.
    let book = partnerdeck::store::Store::open(&db)
        .and_then(|s| s.load())
        .expect("book");
    assert!(
        book.partners
            .iter()
            .flat_map(|f| &f.qbrs)
            .flat_map(|q| &q.agenda)
            .any(|a| a.notes == "Open with their Q4 wins"),
        "the note was kept"
    );
    tmux(&["send-keys", "-t", &again, "q"]);
    wait_for(&again, "EXIT=0");
}
