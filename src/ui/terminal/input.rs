//! Keys, mouse and pastes read from the terminal.
//!
//! crossterm's reader keeps the start of an escape sequence until the rest
//! comes, however long that takes: after `ESC [ ?` it swallows every later
//! key and the cockpit looks frozen. Here the bytes are read and parsed in
//! place, and a sequence still unfinished after a short quiet time is
//! dropped, so the next key works. Events are crossterm's types.

use std::collections::VecDeque;
use std::io;
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// How long the start of an escape sequence may wait for the rest.
const SEQUENCE_WAIT: Duration = Duration::from_millis(50);
/// How long a bracketed paste may pause before what came is the paste
/// (a terminal sends a paste in one burst; its end marker may be lost).
const PASTE_WAIT: Duration = Duration::from_millis(500);
/// How long a bracketed paste may go on with no end marker, however fast
/// bytes keep coming: keys typed after a lost end act again after this.
const PASTE_LONGEST: Duration = Duration::from_secs(3);
/// The most a bracketed paste may hold without its end marker.
const PASTE_CAP: usize = 1 << 20;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Reads the terminal on standard input.
#[derive(Default)]
pub struct Input {
    parser: Parser,
}

impl Input {
    #[must_use]
    pub fn new() -> Input {
        Input {
            parser: Parser::default(),
        }
    }

    /// The next event, waiting at most `timeout` for input. `None` when
    /// nothing complete came, or a signal cut the wait short.
    ///
    /// # Errors
    /// When the terminal cannot be read, or is gone.
    pub fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if let Some(event) = self.parser.events.pop_front() {
            return Ok(Some(event));
        }
        let deadline = self.parser.deadline();
        let wait = deadline.map_or(timeout, |d| {
            d.saturating_duration_since(Instant::now()).min(timeout)
        });
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        let wait = Timespec::try_from(wait).map_err(io::Error::other)?;
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    self.parser.flush();
                }
            }
            Ok(_) => {
                let mut buf = [0u8; 1024];
                match rustix::io::read(stdin.as_fd(), &mut buf) {
                    Ok(0) => {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "the terminal was closed",
                        ));
                    }
                    Ok(n) => self.parser.feed(&buf[..n], Instant::now()),
                    Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(self.parser.events.pop_front())
    }
}

/// Bytes in, events out.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    last_input: Option<Instant>,
    /// When the bracketed paste still waiting for its end began.
    paste_since: Option<Instant>,
    pub events: VecDeque<Event>,
}

/// What the bytes at the front of the buffer are.
#[derive(Debug, PartialEq)]
enum Parsed {
    /// An event, from so many bytes.
    Event(Event, usize),
    /// So many bytes that mean nothing here.
    Skip(usize),
    /// The start of something: wait for more.
    Incomplete,
}

impl Parser {
    /// Bytes read at `now`. What waited past its deadline is settled first
    /// (a paste without its end is the paste), so these bytes are keys
    /// again even when they keep coming faster than the quiet time.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) {
        if self.deadline().is_some_and(|d| now >= d) {
            self.flush();
        }
        self.pending.extend_from_slice(bytes);
        self.last_input = Some(now);
        self.drain();
        if self.pending.starts_with(PASTE_START) {
            let since = *self.paste_since.get_or_insert(now);
            if self.pending.len() > PASTE_START.len() + PASTE_CAP
                || now.duration_since(since) >= PASTE_LONGEST
            {
                self.flush();
            }
        } else {
            self.paste_since = None;
        }
        // A sequence comes in one write, so what is left at the end of a
        // read that only starts one is a key: a lone ESC is the Esc key,
        // `ESC O` and `ESC [` are Alt+O and Alt+[ (else they waited for a
        // rest that never came and were dropped).
        match self.pending[..] {
            [ESC] => self.events.push_back(key(KeyCode::Esc, KeyModifiers::NONE)),
            [ESC, c @ (b'O' | b'[')] => {
                if let Parsed::Event(Event::Key(mut k), _) = parse_char(&[c]) {
                    k.modifiers |= KeyModifiers::ALT;
                    self.events.push_back(Event::Key(k));
                }
            }
            _ => return,
        }
        self.pending.clear();
    }

    /// When the unfinished bytes, if any, give up waiting.
    #[must_use]
    pub fn deadline(&self) -> Option<Instant> {
        if self.pending.is_empty() {
            return None;
        }
        if self.pending.starts_with(PASTE_START) {
            let quiet = self.last_input.map(|t| t + PASTE_WAIT);
            let longest = self.paste_since.map(|t| t + PASTE_LONGEST);
            return quiet.into_iter().chain(longest).min();
        }
        self.last_input.map(|t| t + SEQUENCE_WAIT)
    }

    /// The rest never came: a paste is what came of it, anything else is
    /// dropped.
    pub fn flush(&mut self) {
        if let Some(text) = self.pending.strip_prefix(PASTE_START) {
            let text = String::from_utf8_lossy(text).into_owned();
            self.events.push_back(Event::Paste(text));
        }
        self.pending.clear();
        self.paste_since = None;
    }

    fn drain(&mut self) {
        let mut at = 0;
        while at < self.pending.len() {
            match parse(&self.pending[at..]) {
                Parsed::Event(event, n) => {
                    self.events.push_back(event);
                    at += n;
                }
                Parsed::Skip(n) => at += n,
                Parsed::Incomplete => break,
            }
        }
        self.pending.drain(..at);
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn one(code: KeyCode, modifiers: KeyModifiers, len: usize) -> Parsed {
    Parsed::Event(key(code, modifiers), len)
}

fn ctrl(c: u8) -> Parsed {
    one(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL, 1)
}

/// The event at the front of `buf` (not empty), the way crossterm reads
/// the same bytes.
fn parse(buf: &[u8]) -> Parsed {
    match buf[0] {
        ESC => parse_escape(buf),
        b'\r' => one(KeyCode::Enter, KeyModifiers::NONE, 1),
        b'\t' => one(KeyCode::Tab, KeyModifiers::NONE, 1),
        0x7f => one(KeyCode::Backspace, KeyModifiers::NONE, 1),
        0 => ctrl(b' '),
        c @ 0x01..=0x1a => ctrl(c - 0x01 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        _ => parse_char(buf),
    }
}

fn parse_char(buf: &[u8]) -> Parsed {
    let len = match buf[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Parsed::Skip(1),
    };
    let Some(bytes) = buf.get(..len) else {
        return Parsed::Incomplete;
    };
    match std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            one(KeyCode::Char(c), modifiers, len)
        }
        None => Parsed::Skip(1),
    }
}

fn parse_escape(buf: &[u8]) -> Parsed {
    let Some(&next) = buf.get(1) else {
        return Parsed::Incomplete;
    };
    match next {
        b'[' => parse_csi(buf),
        b'O' => {
            let Some(&last) = buf.get(2) else {
                return Parsed::Incomplete;
            };
            let code = match last {
                b'A' => KeyCode::Up,
                b'B' => KeyCode::Down,
                b'C' => KeyCode::Right,
                b'D' => KeyCode::Left,
                b'H' => KeyCode::Home,
                b'F' => KeyCode::End,
                b'P'..=b'S' => KeyCode::F(1 + last - b'P'),
                _ => return Parsed::Skip(3),
            };
            one(code, KeyModifiers::NONE, 3)
        }
        // Esc twice: the first is a key of its own.
        ESC => one(KeyCode::Esc, KeyModifiers::NONE, 1),
        // Alt and a key.
        _ => match parse(&buf[1..]) {
            Parsed::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Parsed::Event(Event::Key(k), n + 1)
            }
            Parsed::Event(_, n) | Parsed::Skip(n) => Parsed::Skip(n + 1),
            Parsed::Incomplete => Parsed::Incomplete,
        },
    }
}

/// `ESC [`, parameter and intermediate bytes, one final byte.
fn parse_csi(buf: &[u8]) -> Parsed {
    // The old mouse encoding: three raw bytes after `ESC [ M`.
    if buf.get(2) == Some(&b'M') {
        let Some(&[b, x, y]) = buf.get(3..6) else {
            return Parsed::Incomplete;
        };
        let (b, x, y) = (
            u16::from(b).saturating_sub(32),
            u16::from(x).saturating_sub(32),
            u16::from(y).saturating_sub(32),
        );
        return mouse(b, x, y, false).map_or(Parsed::Skip(6), |m| Parsed::Event(m, 6));
    }
    let mut end = 2;
    loop {
        match buf.get(end) {
            None => return Parsed::Incomplete,
            Some(0x20..=0x3f) => end += 1,
            Some(&last @ 0x40..=0x7e) => return csi(buf, &buf[2..end], last, end + 1),
            // Not a sequence after all: drop what came so far, and read
            // the byte that broke it afresh.
            Some(_) => return Parsed::Skip(end),
        }
    }
}

fn csi(buf: &[u8], params: &[u8], last: u8, len: usize) -> Parsed {
    if params == b"200" && last == b'~' {
        let body = &buf[len..];
        return match body.windows(PASTE_END.len()).position(|w| w == PASTE_END) {
            Some(at) => Parsed::Event(
                Event::Paste(String::from_utf8_lossy(&body[..at]).into_owned()),
                len + at + PASTE_END.len(),
            ),
            None => Parsed::Incomplete,
        };
    }
    if let Some(sgr) = params.strip_prefix(b"<") {
        let n = numbers(sgr);
        return match n[..] {
            [Some(b), Some(x), Some(y)] if matches!(last, b'M' | b'm') => {
                mouse(b, x, y, last == b'm').map_or(Parsed::Skip(len), |m| Parsed::Event(m, len))
            }
            _ => Parsed::Skip(len),
        };
    }
    // Replies and private sequences (`ESC [ ?`, `ESC [ >`) mean nothing here.
    if params
        .first()
        .is_some_and(|b| !b.is_ascii_digit() && *b != b';')
    {
        return Parsed::Skip(len);
    }
    let n = numbers(params);
    let first = n.first().copied().flatten();
    let modifiers = n
        .get(1)
        .copied()
        .flatten()
        .map_or(KeyModifiers::NONE, modifiers);
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        // `R` is left out: it is also the reply to a cursor position query.
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'S' => KeyCode::F(4),
        b'Z' => return one(KeyCode::BackTab, KeyModifiers::SHIFT, len),
        // The urxvt mouse encoding.
        b'M' => {
            return match n[..] {
                [Some(b), Some(x), Some(y)] => mouse(b.saturating_sub(32), x, y, false)
                    .map_or(Parsed::Skip(len), |m| Parsed::Event(m, len)),
                _ => Parsed::Skip(len),
            };
        }
        b'~' => match first {
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(n @ 11..=15) => KeyCode::F(fkey(n - 10)),
            Some(n @ 17..=21) => KeyCode::F(fkey(n - 11)),
            Some(n @ 23..=26) => KeyCode::F(fkey(n - 12)),
            _ => return Parsed::Skip(len),
        },
        _ => return Parsed::Skip(len),
    };
    one(code, modifiers, len)
}

fn fkey(n: u16) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

/// `1;2;3` as numbers; an empty or unreadable one is `None`. A sub-parameter
/// after `:` is ignored.
fn numbers(params: &[u8]) -> Vec<Option<u16>> {
    params
        .split(|b| *b == b';')
        .map(|p| {
            let p = p.split(|b| *b == b':').next().unwrap_or_default();
            std::str::from_utf8(p).ok().and_then(|s| s.parse().ok())
        })
        .collect()
}

/// The modifier parameter of a key: one more than a bit set of
/// shift, alt, control, super.
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    m
}

/// A mouse report: button code, 1-based column and row, and whether the
/// report says the button was released.
fn mouse(code: u16, column: u16, row: u16, released: bool) -> Option<Event> {
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if code & bit != 0 {
            modifiers |= modifier;
        }
    }
    let moved = code & 32 != 0;
    let kind = if code & 128 != 0 {
        return None;
    } else if code & 64 != 0 {
        match code & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else {
        let button = match code & 3 {
            0 => Some(MouseButton::Left),
            1 => Some(MouseButton::Middle),
            2 => Some(MouseButton::Right),
            _ => None,
        };
        match (button, moved) {
            (None, true) => MouseEventKind::Moved,
            // The old encodings do not say which button went up.
            (None, false) => MouseEventKind::Up(MouseButton::Left),
            (Some(b), true) => MouseEventKind::Drag(b),
            (Some(b), false) if released => MouseEventKind::Up(b),
            (Some(b), false) => MouseEventKind::Down(b),
        }
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: column.saturating_sub(1),
        row: row.saturating_sub(1),
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<Event> {
        let mut p = Parser::default();
        let t = Instant::now();
        for c in chunks {
            p.feed(c, t);
        }
        p.events.into_iter().collect()
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    #[test]
    fn plain_keys_read_as_crossterm_reads_them() {
        assert_eq!(
            events(&[b"aZ\r\t\x7f\x03\x1a", "é".as_bytes()]),
            vec![
                k(KeyCode::Char('a')),
                key(KeyCode::Char('Z'), KeyModifiers::SHIFT),
                k(KeyCode::Enter),
                k(KeyCode::Tab),
                k(KeyCode::Backspace),
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                key(KeyCode::Char('z'), KeyModifiers::CONTROL),
                k(KeyCode::Char('é')),
            ]
        );
    }

    #[test]
    fn a_character_split_across_reads_is_one_key() {
        let bytes = "€".as_bytes();
        assert_eq!(
            events(&[&bytes[..1], &bytes[1..]]),
            vec![k(KeyCode::Char('€'))]
        );
    }

    #[test]
    fn escape_sequences_are_keys() {
        assert_eq!(
            events(&[b"\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[5~\x1b[Z\x1b[15~\x1bx"]),
            vec![
                k(KeyCode::Up),
                k(KeyCode::Down),
                key(KeyCode::Right, KeyModifiers::CONTROL),
                k(KeyCode::Delete),
                k(KeyCode::PageUp),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::F(5)),
                key(KeyCode::Char('x'), KeyModifiers::ALT),
            ]
        );
    }

    #[test]
    fn alt_o_and_alt_bracket_alone_in_a_read_are_keys_not_dropped() {
        // `ESC O` and `ESC [` start sequences too, but a sequence comes in
        // one write: ending a read, they are Alt+O and Alt+[.
        let alt = |c| key(KeyCode::Char(c), KeyModifiers::ALT);
        let alt_shift = |c| key(KeyCode::Char(c), KeyModifiers::ALT | KeyModifiers::SHIFT);
        assert_eq!(events(&[b"\x1bO"]), vec![alt_shift('O')]);
        assert_eq!(events(&[b"\x1b["]), vec![alt('[')]);
        assert_eq!(
            events(&[b"\x1bO", b"j", b"\x1b[", b"1", b"x\x1bO"]),
            vec![
                alt_shift('O'),
                k(KeyCode::Char('j')),
                alt('['),
                k(KeyCode::Char('1')),
                k(KeyCode::Char('x')),
                alt_shift('O'),
            ]
        );
    }

    #[test]
    fn esc_alone_is_the_esc_key_at_once() {
        assert_eq!(events(&[b"\x1b"]), vec![k(KeyCode::Esc)]);
        assert_eq!(
            events(&[b"\x1b\x1b[B"]),
            vec![k(KeyCode::Esc), k(KeyCode::Down)]
        );
    }

    #[test]
    fn mouse_reports_are_mouse_events() {
        let at = |kind, column, row| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            events(&[b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;1;1M\x1b[<35;3;4M\x1b[M !!"]),
            vec![
                at(MouseEventKind::Down(MouseButton::Left), 9, 4),
                at(MouseEventKind::Up(MouseButton::Left), 9, 4),
                at(MouseEventKind::ScrollDown, 0, 0),
                at(MouseEventKind::Moved, 2, 3),
                at(MouseEventKind::Down(MouseButton::Left), 0, 0),
            ]
        );
    }

    #[test]
    fn a_paste_is_one_event_even_across_reads() {
        assert_eq!(
            events(&[b"\x1b[200~Call went", b" well\rmmm\x1b[201~q"]),
            vec![
                Event::Paste("Call went well\rmmm".into()),
                k(KeyCode::Char('q'))
            ]
        );
    }

    #[test]
    fn an_unfinished_sequence_is_dropped_after_a_quiet_time() {
        let mut p = Parser::default();
        let t = Instant::now();
        p.feed(b"\x1b[?", t);
        assert!(p.events.is_empty());
        assert_eq!(p.deadline(), Some(t + SEQUENCE_WAIT));
        p.flush();
        assert_eq!(p.deadline(), None);
        p.feed(b"q", t + SEQUENCE_WAIT);
        assert_eq!(p.events.pop_front(), Some(k(KeyCode::Char('q'))));
    }

    #[test]
    fn an_unfinished_paste_is_kept_as_a_paste() {
        let mut p = Parser::default();
        let t = Instant::now();
        p.feed(b"\x1b[200~half", t);
        assert_eq!(p.deadline(), Some(t + PASTE_WAIT));
        p.flush();
        assert_eq!(p.events.pop_front(), Some(Event::Paste("half".into())));
    }

    #[test]
    fn a_key_after_a_paste_lost_its_end_is_a_key() {
        let mut p = Parser::default();
        let t = Instant::now();
        p.feed(b"\x1b[200~half", t);
        // No quiet turn of the loop in between: the key itself ends it.
        p.feed(b"q", t + PASTE_WAIT);
        assert_eq!(
            p.events.drain(..).collect::<Vec<_>>(),
            vec![Event::Paste("half".into()), k(KeyCode::Char('q'))]
        );
    }

    #[test]
    fn keys_typed_without_pause_after_a_lost_paste_end_act_in_the_end() {
        let mut p = Parser::default();
        let t = Instant::now();
        p.feed(b"\x1b[200~half", t);
        let step = PASTE_WAIT / 2;
        let mut now = t;
        let mut keys = 0;
        while now < t + PASTE_LONGEST * 2 {
            now += step;
            p.feed(b"j", now);
            keys += 1;
        }
        let events: Vec<_> = p.events.drain(..).collect();
        assert!(
            matches!(events.first(), Some(Event::Paste(_))),
            "{events:?}"
        );
        let acted = events
            .iter()
            .filter(|e| **e == k(KeyCode::Char('j')))
            .count();
        assert!(acted > keys / 3, "{acted} of {keys} keys acted: {events:?}");
    }

    #[test]
    fn a_paste_past_the_cap_without_its_end_is_the_paste_at_once() {
        let mut p = Parser::default();
        let t = Instant::now();
        p.feed(PASTE_START, t);
        p.feed(&vec![b'x'; PASTE_CAP + 1], t);
        assert!(matches!(p.events.pop_front(), Some(Event::Paste(s)) if s.len() == PASTE_CAP + 1));
        p.feed(b"q", t);
        assert_eq!(p.events.pop_front(), Some(k(KeyCode::Char('q'))));
    }

    #[test]
    fn replies_and_unknown_sequences_are_skipped() {
        assert_eq!(
            events(&[b"\x1b[?62;c\x1b[?1u\x1b[12;40R\x1b[I\x1b[99~a"]),
            vec![k(KeyCode::Char('a'))]
        );
    }

    #[test]
    fn a_sequence_broken_by_a_control_byte_gives_that_byte_back() {
        assert_eq!(
            events(&[b"\x1b[1\rq"]),
            vec![k(KeyCode::Enter), k(KeyCode::Char('q'))]
        );
    }
}
