//! `--log`: a debug log in the cache folder (`partnerdeck.log`), never on
//! the terminal, so the cockpit's screen and a command's output stay clean.
//! Each line is stamped with the seconds since the program started.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

struct Log {
    file: Mutex<File>,
    start: Instant,
}

static LOG: OnceLock<Log> = OnceLock::new();

/// Where the log is written: the OS cache folder's `partnerdeck.log`.
#[must_use]
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "partnerdeck")
        .map(|d| d.cache_dir().join("partnerdeck.log"))
}

/// Start logging (append). A log that cannot be opened is skipped: the log
/// is a help, never a reason for a command to fail.
pub fn start() {
    let Some(path) = path() else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(file) = OpenOptions::new().create(true).append(true).open(&path) {
        let _ = LOG.set(Log {
            file: Mutex::new(file),
            start: Instant::now(),
        });
        line(&format!(
            "partnerdeck {} started: {}",
            env!("CARGO_PKG_VERSION"),
            std::env::args().collect::<Vec<_>>().join(" ")
        ));
    }
}

/// One line in the log, if logging is on.
pub fn line(text: &str) {
    if let Some(log) = LOG.get()
        && let Ok(mut file) = log.file.lock()
    {
        let _ = writeln!(file, "[{:>9.3}s] {text}", log.start.elapsed().as_secs_f64());
    }
}
