//! Plain-text tables whose columns stay aligned with wide (CJK, emoji) and
//! combining characters.

use unicode_width::UnicodeWidthStr;

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Render rows under headers, two spaces between columns, no trailing spaces.
#[must_use]
pub fn render(headers: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|(h, _)| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = headers.iter().map(|(h, _)| (*h).to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, ((cell, w), (_, align))) in row.iter().zip(&widths).zip(headers).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            match align {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_names_keep_columns_aligned() {
        let rows = vec![
            vec!["株式会社サンプル".to_string(), "30".to_string()],
            vec!["Café Olé".to_string(), "85".to_string()],
        ];
        let text = render(&[("Partner", Align::Left), ("Health", Align::Right)], &rows);
        let lines: Vec<&str> = text.lines().collect();
        let col = |l: &str| l.find(|c: char| c.is_ascii_digit()).map(|i| l[..i].width());
        assert_eq!(col(lines[1]), col(lines[2]));
        assert!(lines[0].ends_with("Health"));
    }
}
