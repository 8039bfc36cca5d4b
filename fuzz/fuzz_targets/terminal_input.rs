//! The terminal input decoder on arbitrary bytes, in arbitrary reads: it
//! must never panic, never keep bytes waiting once they are flushed, and
//! read back keys typed one read each exactly as they were typed.
//!
//! The first byte picks how the rest is cut into reads; the rest is both
//! raw terminal input and, byte by byte, a list of keys to type: a
//! printable ASCII byte is that key, the same with the high bit set is
//! that key with Alt (`ESC` before it, as terminals send Alt).
#![no_main]

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use partnerdeck::ui::terminal::input::Parser;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    raw_reads(cut, rest);
    typed_keys(rest);
});

/// Any bytes, cut into reads of 1 to 16 bytes: no panic, and after the
/// quiet time nothing is left waiting.
fn raw_reads(cut: u8, bytes: &[u8]) {
    let mut p = Parser::default();
    let t = Instant::now();
    let size = usize::from(cut % 16) + 1;
    for chunk in bytes.chunks(size) {
        p.feed(chunk, t);
    }
    if p.deadline().is_some() {
        p.flush();
    }
    assert_eq!(p.deadline(), None, "flushed bytes still wait");
    p.feed(b"q", t + Duration::from_secs(2));
    assert_eq!(
        p.events.back(),
        Some(&Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))),
        "a key after a flush is read"
    );
}

/// Printable keys, with or without Alt, each in its own read: every one
/// comes back, in order, as typed.
fn typed_keys(bytes: &[u8]) {
    let mut p = Parser::default();
    let t = Instant::now();
    let mut typed = Vec::new();
    for &b in bytes {
        let c = b & 0x7f;
        if !(0x20..0x7f).contains(&c) {
            continue;
        }
        let alt = b & 0x80 != 0;
        let ch = char::from(c);
        let mut modifiers = if ch.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        if alt {
            modifiers |= KeyModifiers::ALT;
            p.feed(&[0x1b, c], t);
        } else {
            p.feed(&[c], t);
        }
        typed.push(Event::Key(KeyEvent::new(KeyCode::Char(ch), modifiers)));
    }
    let read: Vec<Event> = p.events.drain(..).collect();
    assert_eq!(read, typed, "keys typed one read each");
}
