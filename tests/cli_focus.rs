//! Focus: the top of Today ranks the partners that need the manager most,
//! with the reasons and the arithmetic of docs/rules.md ("Focus").

use assert_cmd::Command;
use serde_json::Value;

fn pd(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("partnerdeck").expect("binary");
    cmd.arg("--db").arg(db).args(["--today", "2026-11-23"]);
    cmd.env("XDG_CONFIG_HOME", db.parent().expect("dir"));
    cmd.env_remove("PARTNERDECK_DB");
    cmd.env_remove("PARTNERDECK_CONFIG");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    stdout(pd(&db).arg("demo"));
    (dir, db)
}

#[test]
fn focus_ranks_the_partners_that_need_the_manager_most_with_why() {
    let (_dir, db) = demo();
    let json: Value =
        serde_json::from_str(&stdout(pd(&db).args(["--everyone", "today", "--json"])))
            .expect("json");
    let focus = json["focus"].as_array().expect("focus");
    assert_eq!(focus.len(), 5, "the config's count");
    let priorities: Vec<i64> = focus
        .iter()
        .map(|f| f["priority"].as_i64().expect("priority"))
        .collect();
    assert!(
        priorities.windows(2).all(|w| w[0] >= w[1]),
        "{priorities:?}"
    );
    assert_eq!(focus[0]["rank"], 1);
    // The worked example of docs/rules.md: 8 + 59 + 10 + 5 needs, 15 + 10 at stake.
    let atlas = focus
        .iter()
        .find(|f| f["partner"] == "Atlas Grid GmbH")
        .expect("Atlas Grid in Focus");
    assert_eq!(atlas["priority"], 107);
    assert_eq!(
        atlas["reasons"],
        serde_json::json!([
            "59d late: Send co-marketing proposal",
            "health 40 At-risk",
            "touch 5d overdue",
            "Gold, $358K T12M at stake"
        ])
    );
    // Its line is on Today too, with the kind `focus`.
    let lines = json["lines"].as_array().expect("lines");
    assert!(
        lines
            .iter()
            .any(|l| l["kind"] == "focus" && l["partner"] == "Atlas Grid GmbH"),
        "a focus line"
    );
    // As text: ranked, 1 first.
    let text = stdout(pd(&db).args(["--everyone", "today"]));
    assert!(text.contains("\nFocus (5)\n  1.   "), "{text}");
}

#[test]
fn focus_follows_the_owner_scope_and_its_count_is_config() {
    let (dir, db) = demo();
    std::fs::create_dir_all(dir.path().join("partnerdeck")).expect("dir");
    std::fs::write(
        dir.path().join("partnerdeck").join("config.toml"),
        "me = \"Dana\"\n[focus]\ncount = 2\n",
    )
    .expect("config");
    let json: Value =
        serde_json::from_str(&stdout(pd(&db).args(["today", "--json"]))).expect("json");
    let focus = json["focus"].as_array().expect("focus");
    assert_eq!(focus.len(), 2);
    assert!(
        focus.iter().all(|f| f["partner_owner"] == "Dana"),
        "{focus:?}"
    );
}

#[test]
fn tier_and_band_lines_carry_their_facts_as_fields() {
    let (_dir, db) = demo();
    let json: Value =
        serde_json::from_str(&stdout(pd(&db).args(["--everyone", "today", "--json"])))
            .expect("json");
    let lines = json["lines"].as_array().expect("lines");
    let line = |kind: &str, partner: &str| {
        lines
            .iter()
            .find(|l| l["kind"] == kind && l["partner"] == partner)
            .unwrap_or_else(|| panic!("{kind} of {partner}"))
            .clone()
    };
    assert_eq!(
        line("tier_event", "Lumen Partners")["events"],
        serde_json::json!([{
            "event": "downgrade_due",
            "from": "silver",
            "to": "registered",
            "since": "2026-04-27",
            "until": "2026-07-27"
        }])
    );
    assert_eq!(
        line("tier_event", "Magnolia Edge")["events"][0]["event"],
        "provisional_expiring"
    );
    let drop = line("band_drop", "Ridgeline Group SAS");
    assert_eq!(
        (drop["band_before"].clone(), drop["band_now"].clone()),
        (Value::from("champion"), Value::from("at_risk"))
    );
}

#[test]
fn platinum_without_an_executive_and_a_silent_surveyed_partner_are_on_today() {
    let (_dir, db) = demo();
    let json: Value =
        serde_json::from_str(&stdout(pd(&db).args(["--everyone", "today", "--json"])))
            .expect("json");
    let lines = json["lines"].as_array().expect("lines");
    let kestrel = lines
        .iter()
        .find(|l| l["kind"] == "no_executive")
        .expect("a no-executive line");
    assert_eq!(kestrel["partner"], "Kestrel Labs");
    assert_eq!(
        kestrel["detail"],
        "Platinum partner with no active executive sponsor on file"
    );
    let nps: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "nps_due").collect();
    assert!(!nps.is_empty());
    // Only partners that answered before, silent for 90 days or more.
    assert!(nps.iter().all(|l| {
        l["numbers"]["days_since_nps"]
            .as_i64()
            .is_some_and(|d| d >= 90)
    }));
}

#[test]
fn a_unique_part_of_a_name_is_enough_as_with_the_filter() {
    let (_dir, db) = demo();
    let score = stdout(pd(&db).args(["score", "quartz ai"]));
    assert!(score.starts_with("Quartz AI Pty · "), "{score}");
    let out = pd(&db).args(["score", "quartz"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "two partners hold 'quartz'");
    // A campaign by a part of its name: no em dash to type.
    let ics = stdout(pd(&db).args(["campaign", "ics", "customer 360 newsletter"]));
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    let agenda = stdout(pd(&db).args(["qbr", "export", "quartz ai"]));
    assert!(agenda.starts_with("# QBR: Quartz AI Pty"), "{agenda}");
}

#[test]
fn the_tier_progress_sort_puts_top_tier_last() {
    let (_dir, db) = demo();
    let text = stdout(pd(&db).args(["--everyone", "partners", "--sort", "progress"]));
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let first_top = rows
        .iter()
        .position(|l| l.contains("Top tier"))
        .expect("a top-tier partner");
    assert!(
        rows[first_top..].iter().all(|l| l.contains("Top tier")),
        "every top-tier partner after the others: {text}"
    );
    assert!(first_top > 0, "{text}");
}

#[test]
fn campaign_list_follows_me_and_starts_with_what_is_next() {
    let (dir, db) = demo();
    let all: Value =
        serde_json::from_str(&stdout(pd(&db).args(["campaign", "list", "--json"]))).expect("json");
    let rows = all["campaigns"].as_array().expect("campaigns");
    let dues: Vec<&str> = rows
        .iter()
        .map_while(|r| r["next"]["due"].as_str())
        .collect();
    assert!(
        dues.len() > 1 && dues.windows(2).all(|w| w[0] <= w[1]),
        "{dues:?}"
    );
    std::fs::create_dir_all(dir.path().join("partnerdeck")).expect("dir");
    std::fs::write(
        dir.path().join("partnerdeck").join("config.toml"),
        "me = \"Dana\"\n",
    )
    .expect("config");
    let mine: Value =
        serde_json::from_str(&stdout(pd(&db).args(["campaign", "list", "--json"]))).expect("json");
    let mine = mine["campaigns"].as_array().expect("campaigns");
    assert!(!mine.is_empty() && mine.len() < rows.len());
    assert!(mine.iter().all(|r| r["owner"] == "Dana"), "{mine:?}");
}

#[test]
fn json_keeps_the_segment_id_and_adds_the_label_screens_use() {
    let (_dir, db) = demo();
    let partners: Value =
        serde_json::from_str(&stdout(pd(&db).args(["--everyone", "partners", "--json"])))
            .expect("json");
    let ridgeline = partners["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .find(|p| p["name"] == "Ridgeline Group SAS")
        .expect("Ridgeline")
        .clone();
    assert_eq!(ridgeline["segment"], "at_risk");
    assert_eq!(ridgeline["segment_label"], "rescue");
    let score: Value = serde_json::from_str(&stdout(pd(&db).args([
        "score",
        "Ridgeline Group SAS",
        "--json",
    ])))
    .expect("json");
    assert_eq!(
        (score["segment"].clone(), score["segment_label"].clone()),
        (Value::from("at_risk"), Value::from("rescue"))
    );
}
