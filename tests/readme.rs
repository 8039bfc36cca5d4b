//! The README, tried as a new user would: its screen samples are what the
//! program draws, its `score` example is what it prints, and every command
//! it lists runs (on a demo book made as the README says).

use std::path::Path;

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

const README: &str = include_str!("../README.md");
const TODAY: &str = "2026-11-23";

fn pd(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("PARTNERDECK_DB")
        .env_remove("PARTNERDECK_CONFIG")
        .env_remove("NO_COLOR");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = pd(dir).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "partnerdeck {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A demo book as of the README's date, in a fresh folder.
fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["--db", "demo.db", "--today", TODAY, "demo"]);
    dir
}

fn trimmed(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim_end().to_string()).collect()
}

/// Each `text` code block of the README with the paragraph just before it.
fn samples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut before = String::new();
    let mut lines = README.lines();
    while let Some(line) = lines.next() {
        if line == "```text" {
            let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            out.push((before.clone(), block.join("\n")));
            before.clear();
        } else if !line.trim().is_empty() {
            before = line.to_string();
        }
    }
    out
}

#[test]
fn the_screen_samples_are_what_the_cockpit_draws() {
    let dir = demo();
    let mut checked = 0;
    for (before, block) in samples() {
        let Some(at) = before.find("snapshot --screen ") else {
            continue;
        };
        let screen = before[at + "snapshot --screen ".len()..]
            .split(|c: char| c.is_whitespace() || c == '`')
            .next()
            .expect("a screen name");
        let width = block.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        let height = block.lines().count();
        let drawn = run(
            dir.path(),
            &[
                "--db",
                "demo.db",
                "--today",
                TODAY,
                "snapshot",
                "--screen",
                screen,
                "--width",
                &width.to_string(),
                "--height",
                &height.to_string(),
            ],
        );
        assert_eq!(
            trimmed(&drawn),
            trimmed(&block),
            "README sample of {screen}"
        );
        checked += 1;
    }
    assert!(checked >= 2, "the Today and Partners samples");
}

#[test]
fn the_score_example_is_what_score_prints() {
    let dir = demo();
    let (_, block) = samples()
        .into_iter()
        .find(|(_, b)| b.starts_with("$ partnerdeck") && b.contains(" score "))
        .expect("a score example");
    let mut lines = block.lines();
    let command = lines.next().expect("the command line");
    let name = command.split('"').nth(1).expect("a quoted partner name");
    let printed = run(
        dir.path(),
        &[
            "--db",
            "demo.db",
            "--today",
            TODAY,
            "score",
            name,
            "--explain",
        ],
    );
    let shown: Vec<&str> = lines.collect();
    assert_eq!(trimmed(&printed), trimmed(&shown.join("\n")));
}

/// `--db demo.db --today 2026-11-23` then `rest`.
fn with_db<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", "demo.db", "--today", TODAY];
    all.extend_from_slice(rest);
    all
}

#[test]
fn every_command_the_readme_lists_runs() {
    let dir = demo();
    let commands: Vec<Vec<&str>> = vec![
        with_db(&["partners"]),
        with_db(&["partners", "--json"]),
        with_db(&["partners", "--csv", "--sort", "health"]),
        with_db(&["score", "Ridgeline Group SAS", "--explain"]),
        with_db(&["today"]),
        with_db(&["today", "--json"]),
        with_db(&["qbr", "list"]),
        with_db(&["qbr", "export", "Quartz AI Pty"]),
        with_db(&["campaign", "list"]),
        with_db(&["export", "book.json"]),
        with_db(&["export", "--csv", "deals", "deals.csv"]),
        with_db(&["backup", "-o", "copy.db"]),
        with_db(&["snapshot", "--screen", "matrix"]),
        with_db(&["program"]),
        with_db(&["program", "--json"]),
        with_db(&["paths"]),
        vec!["config-path"],
        vec!["completions", "bash"],
        vec!["man"],
    ];
    for args in &commands {
        // Each is in the README under this name.
        let name = args
            .iter()
            .find(|a| !(a.starts_with("--") || **a == "demo.db" || **a == TODAY))
            .expect("a command");
        assert!(
            README.contains(&format!("partnerdeck {name}")),
            "README lists `partnerdeck {name}`"
        );
        run(dir.path(), args);
    }
    // Re-importable: the exported book into a new one, and the CSV again.
    run(dir.path(), &["--db", "new.db", "import", "book.json"]);
    run(
        dir.path(),
        &[
            "--db",
            "new.db",
            "import",
            "--csv",
            "deals",
            "deals.csv",
            "--dry-run",
        ],
    );
}
