//! Text that fits: truncation and padding by display width, so wide (CJK,
//! emoji) and combining characters keep columns aligned. The cockpit and
//! the command line share one implementation, in [`crate::domain::text`];
//! here user text is also made [`display_safe`] (control and bidi
//! characters shown as escapes) before it is fitted.

use crate::domain::text::{self, display_safe};

/// `s` made display-safe and cut to at most `width` columns, ending in `…`
/// when cut; cuts fall between grapheme clusters.
#[must_use]
pub fn fit(s: &str, width: usize) -> String {
    text::fit(&display_safe(s), width)
}

/// `s` fitted and padded with spaces to exactly `width` columns.
#[must_use]
pub fn pad(s: &str, width: usize) -> String {
    text::pad(&display_safe(s), width)
}

/// `s` fitted and right-aligned in exactly `width` columns.
#[must_use]
pub fn pad_left(s: &str, width: usize) -> String {
    text::pad_left(&display_safe(s), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr as _;

    #[test]
    fn wide_characters_are_cut_by_columns_not_chars() {
        assert_eq!(fit("株式会社サンプル", 7), "株式会…");
        assert_eq!(fit("株式会社サンプル", 7).width(), 7);
        assert_eq!(pad("株式会社", 10).width(), 10);
        assert_eq!(pad("Café Olé ☕", 12).width(), 12);
        assert_eq!(fit("Northwind", 0), "");
        assert_eq!(fit("Northwind", 1), "…");
    }

    #[test]
    fn combining_marks_take_no_column() {
        let name = "Cafe\u{301} Ole\u{301}";
        assert_eq!(pad(name, 10).width(), 10);
        assert_eq!(pad_left("7", 3), "  7");
    }

    #[test]
    fn controls_are_shown_not_sent_and_emoji_stay_whole() {
        assert_eq!(fit("a\u{1b}[2Jb", 20), "a\\u{1b}[2Jb");
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(fit(&format!("{family}xyz"), 2), "…");
    }
}
