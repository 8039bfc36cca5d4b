//! Text put into the Markdown a QBR agenda is shared as (docs/rules.md,
//! "QBR agenda"): data is shown as written, never read as Markdown or
//! HTML; notes are the manager's Markdown, with raw HTML shown as text.
//!
//! The file is opened in pandoc, markdown-it, GitHub and mail clients that
//! render HTML: a partner called `*Star* <img src=x onerror=…>` must read
//! as its name, not as emphasis and a live image.

/// Does `rest` (what follows a `&`) make it an HTML entity, as in
/// `&amp;`, `&#60;` or `&#x3c;`?
fn entity_follows(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let len = name.chars().take_while(char::is_ascii_alphanumeric).count();
    len > 0 && name[len..].starts_with(';')
}

/// `text` with `<` and an entity's `&` as HTML entities, and Markdown's
/// punctuation backslash-escaped when `markdown` is false.
fn escape(text: &str, markdown: bool) -> String {
    let safe = super::text::display_safe(text);
    let mut out = String::with_capacity(safe.len() + 8);
    for (at, c) in safe.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if entity_follows(&safe[at + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '>' if !markdown => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Data (a name, an action item, a reason) as Markdown that reads as the
/// text itself: control characters as visible escapes (as on screen),
/// Markdown's punctuation backslash-escaped, `<` and an entity's `&` as
/// HTML entities.
#[must_use]
pub fn text(data: &str) -> String {
    escape(data, false)
}

/// One line of notes: Markdown as the manager wrote it, but an HTML tag or
/// entity shows as text (`<b>` stays `<b>` on the page), and control
/// characters as visible escapes.
#[must_use]
pub fn notes_line(line: &str) -> String {
    escape(line, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_reads_as_itself() {
        assert_eq!(
            text("*Star* Partners | <b>Bold</b> <img onerror=x> [a](b) AT&T &amp; &#60; R & D"),
            "\\*Star\\* Partners \\| &lt;b\\>Bold&lt;/b\\> &lt;img onerror=x\\> \\[a\\](b) AT&T &amp;amp; &amp;\\#60; R & D"
        );
        assert_eq!(
            text("snake_case #1 `x` ~y~ \\"),
            "snake\\_case \\#1 \\`x\\` \\~y\\~ \\\\"
        );
        assert_eq!(text("a\u{1b}[2Jb"), "a\\\\u{1b}\\[2Jb");
    }

    #[test]
    fn notes_keep_markdown_but_not_html() {
        assert_eq!(
            notes_line("**Agreed**: see [plan](https://x.test) <script>alert(1)</script> &#60;"),
            "**Agreed**: see [plan](https://x.test) &lt;script>alert(1)&lt;/script> &amp;#60;"
        );
    }
}
