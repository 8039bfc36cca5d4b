//! A quoted CSV field that is never closed. A lenient CSV reader takes
//! everything after such a quote, line ends and all, as one cell, and the
//! rows that follow vanish into it; the manager needs to hear "unbalanced
//! quote" and where, not what that swallowed cell then fails.

/// Where in `bytes` the quoted field that is never closed starts, if one is
/// (RFC 4180: a quote opens a field only at its start; inside it `""` is a
/// quote and a lone `"` closes it; a quote inside an unquoted field is
/// text).
#[must_use]
pub fn unclosed_quote(bytes: &[u8], separator: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut opened = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let ends_field = b == separator || matches!(b, b'\n' | b'\r');
        state = match (state, b) {
            (State::FieldStart, b'"') => {
                opened = i;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            // Text inside the quotes, or `""` (a quote in it).
            (State::Quoted, _) | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, _) if ends_field => State::FieldStart,
            (_, _) => State::Unquoted,
        };
    }
    (state == State::Quoted).then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_quote_that_opens_a_field_and_never_closes_counts() {
        assert_eq!(unclosed_quote(b"a,b\n\"x, y\",z\n", b','), None);
        assert_eq!(
            unclosed_quote(b"a,b\nAcme \"Big\" Inc,5\" screen\n", b','),
            None
        );
        assert_eq!(unclosed_quote(b"a\n\"say \"\"hi\"\"\"\n", b','), None);
        assert_eq!(unclosed_quote(b"a,b\n\"open, b\nc,d\n", b','), Some(4));
        assert_eq!(unclosed_quote(b"a,b\nc,\"x\"\"\n", b','), Some(6));
    }
}
