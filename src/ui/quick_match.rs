//! A text filter over many rows, quickly. Each row's search key comes with
//! a mask of the bytes it holds and of the byte pairs it holds, so a row a
//! word cannot be in is passed over without searching it, and a word of one
//! letter or digit needs no search at all: typing the first letter of a
//! filter on 50,000 partners is 50,000 mask tests, and the second one
//! searches only the rows that hold that pair of letters (or a pair
//! sharing its bit).

use crate::domain::search::search_key;

/// What a text holds, in two words of bits: its bytes (one bit for each
/// letter and digit, the other bytes sharing the rest) and its pairs of
/// neighbouring bytes (hashed onto 64 bits). A word can only be in a text
/// whose masks hold all of the word's bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mask {
    bytes: u64,
    pairs: u64,
}

impl Mask {
    fn holds(self, need: Mask) -> bool {
        self.bytes & need.bytes == need.bytes && self.pairs & need.pairs == need.pairs
    }
}

/// The masks of `text`.
#[must_use]
pub fn byte_mask(text: &str) -> Mask {
    let b = text.as_bytes();
    Mask {
        bytes: b.iter().fold(0, |mask, &c| mask | bit(c)),
        pairs: b.windows(2).fold(0, |mask, w| {
            mask | 1 << ((u32::from(w[0]) * 31 + u32::from(w[1])) % 64)
        }),
    }
}

fn bit(b: u8) -> u64 {
    let class = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + (b - b'0'),
        _ => 36 + b % 28,
    };
    1 << class
}

/// A filter as typed, split into words as [`Query`] splits it, each word
/// with its mask.
///
/// [`Query`]: crate::domain::search::Query
pub struct Filter {
    words: Vec<(String, Mask)>,
}

impl Filter {
    #[must_use]
    pub fn new(text: &str) -> Filter {
        let words = text
            .split_whitespace()
            .map(search_key)
            .map(|w| {
                let mask = byte_mask(&w);
                (w, mask)
            })
            .collect();
        Filter { words }
    }

    /// Was nothing typed (blanks aside)? Everything matches.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Does a text made with [`search_key`], whose mask is `mask`, hold
    /// every word? The answer [`Query::matches`] gives.
    ///
    /// [`Query::matches`]: crate::domain::search::Query::matches
    #[must_use]
    pub fn matches(&self, text: &str, mask: Mask) -> bool {
        self.words.iter().all(|(word, need)| {
            mask.holds(*need) && (found_by_mask(word) || text.contains(word.as_str()))
        })
    }
}

impl Filter {
    /// Does every text this filter matches match `wider` too (each word
    /// of `wider` is part of a word of this one, as when a letter is
    /// typed)? Then only `wider`'s matches need testing.
    #[must_use]
    pub fn narrows(&self, wider: &Filter) -> bool {
        wider
            .words
            .iter()
            .all(|(w, _)| self.words.iter().any(|(mine, _)| mine.contains(w.as_str())))
    }
}

/// One letter or digit: its bit is its own, so the mask alone finds it.
fn found_by_mask(word: &str) -> bool {
    matches!(word.as_bytes(), [b'a'..=b'z' | b'0'..=b'9'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::Query;
    use proptest::prelude::*;

    fn same_as_query(filter: &str, text: &str) {
        let key = search_key(text);
        assert_eq!(
            Filter::new(filter).matches(&key, byte_mask(&key)),
            Query::new(filter).matches(&key),
            "{filter:?} in {text:?}"
        );
    }

    #[test]
    fn answers_as_the_query_does() {
        for (filter, text) in [
            ("a", "Acme Reseller gold EMEA"),
            ("q", "Acme Reseller gold EMEA"),
            ("7", "Route 66 Partners"),
            ("6", "Route 66 Partners"),
            ("acme gold", "Acme Reseller gold EMEA"),
            ("acme silver", "Acme Reseller gold EMEA"),
            ("cafe", "Café Olé ☕"),
            ("☕", "Café Olé ☕"),
            ("é", "Cafe"),
            ("!", "Yahoo!"),
            ("A", "a"),
            ("", "anything"),
            ("  ", "anything"),
        ] {
            same_as_query(filter, text);
        }
    }

    #[test]
    fn a_filter_narrows_the_filters_it_extends() {
        let narrows = |a: &str, b: &str| Filter::new(a).narrows(&Filter::new(b));
        assert!(narrows("an", "a"));
        assert!(narrows("acme gold", "acme"));
        assert!(!narrows("ac gold", "acm"));
        assert!(narrows("anything", ""));
        assert!(!narrows("a", "an"));
        assert!(!narrows("", "a"));
    }

    proptest! {
        #[test]
        fn a_narrower_filter_matches_only_what_the_wider_one_does(
            wider in "[a-c ]{0,3}",
            more in "[a-c ]{0,3}",
            text in "[a-dA-D ]{0,12}",
        ) {
            let (wide, narrow) = (Filter::new(&wider), Filter::new(&format!("{wider}{more}")));
            let key = search_key(&text);
            if narrow.narrows(&wide) && narrow.matches(&key, byte_mask(&key)) {
                prop_assert!(wide.matches(&key, byte_mask(&key)));
            }
        }

        #[test]
        fn answers_as_the_query_does_on_any_text(
            filter in "[a-c0-2 !é☕]{0,4}",
            text in "[a-dA-D0-3 !éè☕]{0,12}",
        ) {
            same_as_query(&filter, &text);
        }
    }
}
