//! Money: the partner's commission over the trailing 12 months with its
//! arithmetic, and its MDF used against the allotment and this quarter's cap.

use ratatui::text::{Line, Span};

use super::Page;
use crate::domain::commission::{earned, exact, t12m_start};
use crate::domain::mdf::standing;

/// Indent of every line in the section.
const INDENT: usize = 3;

pub(super) fn lines(page: &Page) -> Vec<Line<'static>> {
    let (t, cfg) = (page.theme, page.cfg);
    let e = earned(page.file, t12m_start(page.today), page.today, cfg);
    let mut out = page.title(
        "Commission",
        vec![Span::raw(format!(
            "  {} T12M",
            exact(e.total, &cfg.currency)
        ))],
    );
    if e.lines.is_empty() {
        out.push(page.none("no won deal with a value in the last 12 months"));
    }
    for line in &e.lines {
        out.extend(page.wrapped(line, INDENT, INDENT + 2, t.base));
    }
    if e.without_value > 0 {
        out.extend(page.wrapped(
            &format!(
                "{} won without a value: nothing is due on them until one is recorded",
                crate::domain::format::plural(
                    i64::try_from(e.without_value).unwrap_or(i64::MAX),
                    "deal",
                    "deals"
                )
            ),
            INDENT,
            INDENT + 2,
            t.warn,
        ));
    }
    let m = standing(page.file, page.today, cfg);
    let style = if m.over_cap { t.warn } else { t.base };
    out.extend(page.title("MDF", vec![Span::styled(format!("  {}", m.text), style)]));
    out
}
