//! A throwaway PostgreSQL cluster for the team-book tests, started once per
//! test binary from the system's server binaries (Debian's `postgresql`):
//! `initdb` in a temporary folder, a Unix socket and no TCP, run as
//! `nobody` when the tests run as root (the server refuses root). A
//! watcher stops it and removes the folder once the test binary is gone.
//!
//! Where the binaries are missing the tests say so loudly and are skipped —
//! unless `PARTNERDECK_REQUIRE_POSTGRES` is set (CI sets it), which turns
//! the skip into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Run partnerdeck on the book at `db` (a file or a team book's URL) as of
/// 2026-11-23, with the default config whatever the machine has.
pub fn pd(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .args(["--db", db, "--today", "2026-11-23"])
        .args(args)
        .env_remove("PARTNERDECK_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/partnerdeck-test")
        .output()
        .expect("run partnerdeck")
}

/// [`pd`], which must succeed; its standard output.
pub fn ok(db: &str, args: &[&str]) -> String {
    let out = pd(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The running cluster.
pub struct Cluster {
    pub dir: PathBuf,
    pub data: PathBuf,
    pub socket: PathBuf,
    pub bin: PathBuf,
    /// The user the server runs as, when it is not us.
    pub run_as: Option<&'static str>,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// A new, empty database on the cluster, as a `postgres://` URL; None (the
/// test is skipped, loudly) where the server binaries are missing.
pub fn fresh_book() -> Option<String> {
    let cluster = cluster()?;
    let name = format!(
        "book_{}_{}",
        std::process::id(),
        NEXT_DB.fetch_add(1, Ordering::Relaxed)
    );
    cluster.sql("postgres", &format!("CREATE DATABASE {name}"));
    Some(cluster.url(&name))
}

/// The cluster of this test binary, started on first use.
pub fn cluster() -> Option<&'static Cluster> {
    let found = CLUSTER.get_or_init(start).as_ref();
    if found.is_none() {
        let why = "PostgreSQL's server binaries (initdb, pg_ctl) were not found: the team-book tests are SKIPPED. Install Debian's `postgresql` package to run them.";
        assert!(
            std::env::var_os("PARTNERDECK_REQUIRE_POSTGRES").is_none(),
            "{why} (PARTNERDECK_REQUIRE_POSTGRES is set, so this fails)"
        );
        eprintln!("\n*** {why} ***\n");
    }
    found
}

impl Cluster {
    /// The URL of database `db` on this cluster.
    pub fn url(&self, db: &str) -> String {
        let host = self.socket.to_string_lossy().replace('/', "%2F");
        format!("postgresql://partnerdeck@{host}/{db}")
    }

    /// Run `sql` on database `db` with `psql`, panicking on failure.
    pub fn sql(&self, db: &str, sql: &str) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(self.url(db))
            .args(["-c", sql])
            .output()
            .expect("run psql");
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// `pg_ctl ARGS` as the server's user.
    pub fn pg_ctl(&self, args: &[&str]) -> bool {
        as_user(self.run_as, &self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&self.data)
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Stop the server (fast), as if it went away under its clients.
    pub fn stop(&self) {
        assert!(
            self.pg_ctl(&["-m", "fast", "-s", "-w", "stop"]),
            "stop the server"
        );
    }

    /// Start it again.
    pub fn start(&self) {
        self.start_with("-c listen_addresses=");
    }

    /// Start it with more server `options` (`-c name=value …`).
    pub fn start_with(&self, options: &str) {
        let log = self.dir.join("server.log");
        let options = format!(
            "-k {} -c fsync=off -c full_page_writes=off {options}",
            self.socket.display()
        );
        assert!(
            self.pg_ctl(&[
                "-o",
                &options,
                "-l",
                &log.to_string_lossy(),
                "-s",
                "-w",
                "start"
            ]),
            "start the server: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

fn start() -> Option<Cluster> {
    let bin = server_binaries()?;
    let run_as = rustix::process::getuid().is_root().then_some("nobody");
    let dir = tempfile::Builder::new()
        .prefix("pd-pg-")
        .tempdir_in("/tmp")
        .expect("temp dir")
        .keep();
    let (data, socket) = (dir.join("data"), dir.join("sock"));
    std::fs::create_dir_all(&socket).expect("socket dir");
    if let Some(user) = run_as {
        let chown = Command::new("chown")
            .args(["-R", user])
            .arg(&dir)
            .status()
            .expect("chown");
        assert!(chown.success(), "chown the cluster folder to {user}");
    }
    let init = as_user(run_as, &bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-A",
            "trust",
            "-U",
            "partnerdeck",
            "--no-sync",
            "-E",
            "UTF8",
        ])
        .output()
        .expect("run initdb");
    assert!(
        init.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&init.stderr)
    );
    let cluster = Cluster {
        dir,
        data,
        socket,
        bin,
        run_as,
    };
    cluster.start();
    watch(&cluster);
    Some(cluster)
}

/// Stop the server and remove its folder once this test binary has exited.
fn watch(cluster: &Cluster) {
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {user} {pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        user = cluster
            .run_as
            .map_or(String::new(), |u| format!("runuser -u {u} --")),
        pg_ctl = cluster.bin.join("pg_ctl").display(),
        data = cluster.data.display(),
        dir = cluster.dir.display(),
    );
    // Left running on purpose: it outlives this binary to clean up after it.
    #[allow(clippy::zombie_processes)]
    Command::new("sh")
        .args(["-c", &stop])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the cluster's watcher");
}

fn as_user(user: Option<&str>, program: &Path) -> Command {
    match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    }
}

/// Where `initdb` and `pg_ctl` are: `PG_BINDIR`, Debian's versioned
/// folders (newest first), or the PATH.
fn server_binaries() -> Option<PathBuf> {
    let has = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os("PG_BINDIR").map(PathBuf::from) {
        return has(&dir).then_some(dir);
    }
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| has(d))
        .collect();
    debian.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Some(newest) = debian.pop() {
        return Some(newest);
    }
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|d| has(d))
}
