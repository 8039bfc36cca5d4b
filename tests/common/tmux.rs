//! The real binary in a real terminal: tmux sessions for the end-to-end
//! tests, killed when dropped.

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux session, killed when dropped.
pub struct Session(pub String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

/// Run tmux; its standard output.
pub fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(args)
        .output()
        .expect("tmux is installed (.ci/run installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the pane shows now.
pub fn capture(session: &str) -> String {
    tmux(&["capture-pane", "-p", "-t", session])
}

/// Wait until the pane shows `text`, or fail with what it shows.
pub fn wait_for(session: &str, text: &str) -> String {
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

/// Send keys (tmux key names) to the session.
pub fn keys(session: &str, keys: &[&str]) {
    let mut args = vec!["send-keys", "-t", session];
    args.extend_from_slice(keys);
    tmux(&args);
}
