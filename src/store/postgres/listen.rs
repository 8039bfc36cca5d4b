//! Being told of other managers' writes: every write's transaction sends a
//! `NOTIFY` with its connection's mark (delivered only if it commits); an
//! open cockpit keeps a second connection that `LISTEN`s on a thread of its
//! own and flags any write not its own. Until the flag is up, the change
//! token is the one last read — no round trip to the server four times a
//! second per cockpit.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator as _;

use super::connect;

/// The channel writes notify on.
pub(super) const CHANNEL: &str = "partnerdeck_changes";

/// How often the listening thread looks up from waiting, to see whether it
/// should stop.
const WAKE: Duration = Duration::from_millis(500);

/// The flags a listening thread keeps for its store.
#[derive(Debug)]
pub(super) struct Listener {
    /// Something may have changed since the token was last read: read it
    /// again. Up from the start, after every notice from another
    /// connection, and while the listening connection is down.
    stale: AtomicBool,
    /// The store is gone: the thread ends.
    stop: AtomicBool,
}

impl Listener {
    /// Start listening on the book at `url` for writes not by `session`.
    pub(super) fn start(url: &str, session: &str) -> Arc<Listener> {
        let listener = Arc::new(Listener {
            stale: AtomicBool::new(true),
            stop: AtomicBool::new(false),
        });
        let (flags, url, session) = (listener.clone(), url.to_owned(), session.to_owned());
        let spawned = std::thread::Builder::new()
            .name("partnerdeck-listen".into())
            .spawn(move || listen(&flags, &url, &session));
        if spawned.is_err() {
            // No thread: the token is read every time, as without a listener.
            listener.stop.store(true, Ordering::Relaxed);
        }
        listener
    }

    /// Must the token be read from the server? Takes the flag down, so a
    /// notice arriving during that read raises it again.
    pub(super) fn take_stale(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.stale.swap(false, Ordering::AcqRel)
    }

    /// The token read failed: read it again next time.
    pub(super) fn mark_stale(&self) {
        self.stale.store(true, Ordering::Release);
    }

    pub(super) fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The listening thread: (re)connect, `LISTEN`, flag every notice from
/// another connection; while the server cannot be reached the flag stays
/// up, so the cockpit reads (and reports) the token itself.
fn listen(flags: &Listener, url: &str, session: &str) {
    while !flags.stop.load(Ordering::Relaxed) {
        let Ok(mut client) = connect::connect(url) else {
            flags.stale.store(true, Ordering::Release);
            std::thread::sleep(WAKE);
            continue;
        };
        if client.batch_execute(&format!("LISTEN {CHANNEL}")).is_err() {
            flags.stale.store(true, Ordering::Release);
            std::thread::sleep(WAKE);
            continue;
        }
        // Anything committed before LISTEN took effect is not notified.
        flags.stale.store(true, Ordering::Release);
        loop {
            if flags.stop.load(Ordering::Relaxed) {
                return;
            }
            let next = client
                .notifications()
                .timeout_iter(WAKE)
                .next()
                .map(|notice| notice.map(|n| n.payload() != session));
            match next {
                Ok(Some(others)) => {
                    if others {
                        flags.stale.store(true, Ordering::Release);
                    }
                }
                Ok(None) if !client.is_closed() => {}
                // The connection is gone: flag, and connect again.
                Ok(None) | Err(_) => {
                    flags.stale.store(true, Ordering::Release);
                    break;
                }
            }
        }
    }
}
