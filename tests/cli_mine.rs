//! Whose partners: `me` in the config and `--owner` scope `today` and
//! `partners`; `partners` sorts, filters and prints CSV; the environment
//! stands in for `--db` and `--config`; completions, the manual and the
//! matrix snapshot.

mod common;

use assert_cmd::Command;
use partnerdeck::store::Store;

/// The small book with Litware handed to Sam (everyone else is Dana's).
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.db");
    let mut book = common::small_book();
    for f in &mut book.partners {
        if f.partner.name == "Litware" {
            f.partner.owner = "Sam".into();
        }
    }
    Store::open(&path)
        .and_then(|mut s| s.replace_book(&book))
        .expect("write fixture book");
    (dir, path)
}

fn pd(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.args(["--today", "2026-11-25"]);
    cmd.env("XDG_CONFIG_HOME", dir);
    cmd.env("HOME", dir);
    cmd.env_remove("PARTNERDECK_DB");
    cmd.env_remove("PARTNERDECK_CONFIG");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn with_me(dir: &std::path::Path, me: &str) -> std::path::PathBuf {
    let config = dir.join("me.toml");
    std::fs::write(&config, format!("me = \"{me}\"\n")).expect("config");
    config
}

#[test]
fn me_in_the_config_scopes_today_and_everyone_shows_all() {
    let (d, db) = book();
    let config = with_me(d.path(), "Sam");
    let mine = stdout(
        pd(d.path())
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(&config)
            .arg("today"),
    );
    assert!(
        mine.starts_with(
            "Today · Wed 25 Nov 2026 · book: book (1 partners of Sam's; --everyone for all)"
        ),
        "{mine}"
    );
    assert!(mine.contains("Litware"), "{mine}");
    assert!(!mine.contains("Northwind"), "{mine}");
    let all = stdout(
        pd(d.path())
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(&config)
            .args(["--everyone", "today"]),
    );
    assert!(
        all.contains("Northwind") && all.contains("Litware"),
        "{all}"
    );
}

#[test]
fn partners_owner_csv_is_clean_data() {
    let (d, db) = book();
    let text = stdout(
        pd(d.path())
            .arg("--db")
            .arg(&db)
            .args(["--owner", "dana", "partners", "--csv"]),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("id,name,type,tier,owner,health,band"),
        "{text}"
    );
    assert_eq!(lines.len(), 3, "Dana's two partners: {text}");
    assert!(lines.iter().skip(1).all(|l| l.contains(",Dana,")), "{text}");
    assert!(!text.contains("Litware"), "{text}");
}

#[test]
fn partners_sorts_and_filters_by_band_and_tier() {
    let (d, db) = book();
    let health = |l: &str| {
        l.split(',')
            .nth(5)
            .and_then(|h| h.parse::<u32>().ok())
            .expect("health")
    };
    let text = stdout(
        pd(d.path())
            .arg("--db")
            .arg(&db)
            .args(["partners", "--csv", "--sort", "health"]),
    );
    let scores: Vec<u32> = text.lines().skip(1).map(health).collect();
    let mut sorted = scores.clone();
    sorted.sort_unstable();
    assert_eq!(scores, sorted, "worst health first: {text}");
    let gold = stdout(
        pd(d.path())
            .arg("--db")
            .arg(&db)
            .args(["partners", "--csv", "--tier", "Gold"]),
    );
    assert_eq!(gold.lines().count(), 2, "{gold}");
    assert!(gold.contains("Northwind Traders,"), "{gold}");
    let out = pd(d.path())
        .arg("--db")
        .arg(&db)
        .args(["partners", "--band", "bogus"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected one of: champion"));
}

#[test]
fn the_environment_stands_in_for_db_and_config() {
    let (d, db) = book();
    let config = with_me(d.path(), "Sam");
    let text = stdout(
        pd(d.path())
            .env("PARTNERDECK_DB", &db)
            .env("PARTNERDECK_CONFIG", &config)
            .arg("today"),
    );
    assert!(text.contains("book: book (1 partners of Sam's"), "{text}");
}

#[test]
fn completions_and_the_manual_are_printed() {
    let d = tempfile::tempdir().expect("dir");
    for shell in ["bash", "zsh", "fish"] {
        let text = stdout(pd(d.path()).args(["completions", shell]));
        assert!(text.contains("partnerdeck"), "{shell}: {text}");
        assert!(text.contains("snapshot"), "{shell} completes subcommands");
    }
    // Values complete too: the tables `export --csv` writes and the screens
    // `snapshot --screen` draws (bash lists them as one word list).
    let bash = stdout(pd(d.path()).args(["completions", "bash"]));
    assert!(bash.contains("\"partners deals activities\""), "{bash}");
    assert!(
        bash.contains("today partners tiers qbrs campaigns") && bash.contains("matrix partner:"),
        "{bash}"
    );
    let man = stdout(pd(d.path()).arg("man"));
    assert!(
        man.starts_with(".ie") || man.contains(".TH partnerdeck"),
        "{man}"
    );
    assert!(
        man.contains("PARTNERDECK_DB"),
        "the manual names the variables"
    );
    // The cockpit's keys, from the keymap, each with the name `[ui.keys]`
    // remaps it by.
    let keys = man
        .split(".SH COCKPIT KEYS\n")
        .nth(1)
        .expect("a COCKPIT KEYS section");
    for wanted in [
        ".SS Everywhere\n",
        ".SS Partner detail\n",
        "\\fBu\\fR\nundo last edit [undo]\n",
        "\\fB/\\fR\n",
    ] {
        assert!(keys.contains(wanted), "{wanted:?} in {keys}");
    }
}

#[test]
fn the_manual_names_no_page_that_is_not_shipped_and_sets_examples_as_written() {
    let d = tempfile::tempdir().expect("dir");
    let man = stdout(pd(d.path()).arg("man"));
    // One page is shipped: commands are named in it, not as pages.
    assert!(!man.contains("(1)"), "{man}");
    for command in ["demo", "partners", "backup", "restore", "config\\-path"] {
        assert!(
            man.contains(&format!(".TP\n\\fBpartnerdeck {command}\\fR\n")),
            "{command}: {man}"
        );
    }
    // Every example line is set as written: no filling, no hyphenation.
    let examples = man
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .and_then(|rest| rest.split(".fi\n").next())
        .expect("an EXAMPLES section in no-fill mode");
    assert!(man.contains(".nh\n.SH EXAMPLES"), "{man}");
    assert!(
        examples.contains(
            "\\&  partnerdeck today \\-\\-json | jq \\(aq.lines[] | select(.days_late > 7)\\(aq\n"
        ),
        "{examples}"
    );
    // Where groff is installed, the page as a 60-column terminal shows it.
    let Ok(child) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-P-cbou", "-rLL=60n"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    let mut child = child;
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), man.as_bytes())
        .expect("feed groff");
    let shown = child.wait_with_output().expect("groff");
    let shown = String::from_utf8_lossy(&shown.stdout).replace(['\u{2212}', '\u{2010}'], "-");
    for line in [
        "partnerdeck today --json | jq '.lines[] | select(.days_late > 7)'",
        "partnerdeck completions bash > ~/.local/share/bash-completion/completions/partnerdeck",
    ] {
        assert!(shown.lines().any(|l| l.trim() == line), "{line}\n{shown}");
    }
}

#[test]
fn help_has_examples_and_exit_codes() {
    let d = tempfile::tempdir().expect("dir");
    let text = stdout(pd(d.path()).arg("--help"));
    assert!(text.contains("Examples:"), "{text}");
    assert!(text.contains("Exit codes:"), "{text}");
}

#[test]
fn snapshot_draws_the_value_matrix() {
    let (d, db) = book();
    let text = stdout(pd(d.path()).arg("--db").arg(&db).args([
        "snapshot", "--screen", "matrix", "--width", "100", "--height", "30",
    ]));
    assert!(text.contains("Matrix") || text.contains("matrix"), "{text}");
}

#[test]
fn log_writes_to_the_cache_folder_and_never_to_the_terminal() {
    let (d, db) = book();
    let cache = d.path().join("cache");
    let out = pd(d.path())
        .env("XDG_CACHE_HOME", &cache)
        .arg("--db")
        .arg(&db)
        .args(["--log", "today"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let plain = stdout(pd(d.path()).arg("--db").arg(&db).arg("today"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        plain,
        "output unchanged"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(cache.join("partnerdeck").join("partnerdeck.log"))
        .expect("the log is in the cache folder");
    assert!(log.contains("started:"), "{log}");
    assert!(log.contains("3 partners"), "{log}");
    assert!(log.contains("done"), "{log}");
}
