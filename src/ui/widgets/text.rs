//! Text that fits: truncation and padding by display width, so wide (CJK,
//! emoji) and combining characters keep columns aligned.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to at most `width` columns, ending in `…` when cut.
#[must_use]
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` fitted and padded with spaces to exactly `width` columns.
#[must_use]
pub fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `s` fitted and right-aligned in exactly `width` columns.
#[must_use]
pub fn pad_left(s: &str, width: usize) -> String {
    let fitted = fit(s, width);
    let w = fitted.width();
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(&fitted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
