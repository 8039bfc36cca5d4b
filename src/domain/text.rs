//! User text made safe to show and fitted to columns, for the cockpit and
//! the command line alike: control and bidi characters escaped, wide and
//! combining characters kept aligned, grapheme clusters never split.
//!
//! A name or a summary comes from a file or a CRM export and can hold
//! anything: an escape sequence that retitles the terminal, a bidi
//! override that shows text backwards, a NUL. [`display_safe`] writes such
//! characters as visible escapes (`\u{1b}`); [`fit`] and [`pad`] cut by
//! display width between grapheme clusters, so a family emoji (👨‍👩‍👧) or a
//! flag (🇫🇷) is kept whole or dropped whole, never split. JSON output keeps
//! the exact text: JSON escapes it itself.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

/// Unicode's `Bidi_Control` characters: marks, embeddings, overrides and
/// isolates, which reorder the text around them.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A character that must not reach a terminal as itself: a control
/// character (C0, DEL, C1) or a bidi control.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `text` with every [`is_unsafe`] character written as a visible escape
/// (`\n`, `\t`, `\u{1b}`, `\u{202e}`); borrowed when there is none.
#[must_use]
pub fn display_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `width` columns, ending in `…` when cut. Cuts fall
/// between grapheme clusters.
#[must_use]
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `text` fitted and padded with spaces to exactly `width` columns.
#[must_use]
pub fn pad(text: &str, width: usize) -> String {
    let mut out = fit(text, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `text` fitted and right-aligned in exactly `width` columns.
#[must_use]
pub fn pad_left(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let w = fitted.width();
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(&fitted);
    out
}

/// User text for one table cell or line: made [`display_safe`], then
/// [`fit`] to `width` columns.
#[must_use]
pub fn cell(text: &str, width: usize) -> String {
    fit(&display_safe(text), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    const FLAG: &str = "\u{1F1EB}\u{1F1F7}";

    #[test]
    fn escapes_and_bidi_controls_become_visible() {
        assert_eq!(
            display_safe("Evil\u{1b}]0;title\u{7}Corp"),
            "Evil\\u{1b}]0;title\\u{7}Corp"
        );
        assert_eq!(display_safe("a\u{202E}b\u{2066}c"), "a\\u{202e}b\\u{2066}c");
        assert_eq!(display_safe("two\nlines\t"), "two\\nlines\\t");
        assert_eq!(display_safe("nul\0"), "nul\\u{0}");
        assert!(matches!(display_safe("Café 株式会社"), Cow::Borrowed(_)));
        // A zero-width joiner is part of an emoji, not a control.
        assert!(matches!(display_safe(FAMILY), Cow::Borrowed(_)));
    }

    #[test]
    fn a_family_emoji_is_kept_or_dropped_whole() {
        let name = format!("Ab{FAMILY}cd");
        let w = name.width();
        for width in 0..=w + 1 {
            let out = fit(&name, width);
            assert!(out.width() <= width, "{width}: {out}");
            let kept_whole = out.contains(FAMILY);
            let dropped_whole = !out.contains(['\u{1F468}', '\u{1F469}', '\u{1F467}', '\u{200D}']);
            assert!(kept_whole || dropped_whole, "{width}: split {out:?}");
        }
        assert_eq!(fit(&name, 3), "Ab…");
    }

    #[test]
    fn a_flag_is_kept_or_dropped_whole() {
        let name = format!("Paris {FLAG} SA");
        for width in 0..=name.width() + 1 {
            let out = fit(&name, width);
            assert!(out.width() <= width, "{width}: {out}");
            let flags = out.matches(['\u{1F1EB}', '\u{1F1F7}']).count();
            assert!(flags == 0 || flags == 2, "{width}: split {out:?}");
            assert_eq!(pad(&name, width).width(), width);
        }
    }

    #[test]
    fn wide_and_combining_characters_are_cut_by_columns() {
        assert_eq!(fit("株式会社サンプル", 7), "株式会…");
        assert_eq!(pad("Cafe\u{301} Ole\u{301}", 10).width(), 10);
        assert_eq!(fit("Cafe\u{301} Ole", 5), "Cafe\u{301}…");
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(cell("Evil\u{1b}Corp", 8), "Evil\\u{…");
    }
}
