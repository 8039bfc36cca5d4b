//! One line of Today as drawn: tag, the headline (the partner's name kept
//! whole when space is short), owner and detail in columns.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr as _;

use super::{Row, TodayState};
use crate::domain::text::display_safe;
use crate::domain::today::{SectionKind, TriageItem};
use crate::ui::model::Model;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad};

/// Width of the detail column of dated lines: `due Fri 25 Sep 2026 (59d late)`.
const DUE_WIDTH: usize = 31;
/// Columns before the headline: indent and tag.
const LEAD: usize = 2 + 5;
/// Separator between the parts of a headline.
const SEP: &str = " · ";
/// Its width in columns.
const SEP_WIDTH: usize = 3;

/// `20 overdue or due today · 20 due soon · 4 band drops · …`: each
/// section's count in the words of its title, after the filter. When the
/// line is too wide the separators shrink, then the last sections go.
pub fn summary<'a>(state: &TodayState, model: &Model, theme: &Theme, width: u16) -> Line<'a> {
    let parts: Vec<Span<'a>> = model
        .triage
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let n = state.counts.get(i).copied().unwrap_or(section.items.len());
            let style = match section.kind {
                _ if n == 0 => theme.dim,
                SectionKind::Overdue | SectionKind::BandDropped => theme.late,
                _ => theme.warn,
            };
            Span::styled(section.kind.words(n), style)
        })
        .collect();
    let width = usize::from(width);
    let join = |sep: &str| {
        let mut spans = vec![Span::raw(" ")];
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(sep.to_string(), theme.dim));
            }
            spans.push(part.clone());
        }
        Line::from(spans)
    };
    let full = join(" · ");
    if full.width() <= width {
        return full;
    }
    let tight = join("  ");
    if tight.width() <= width {
        return tight;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, part) in parts.into_iter().enumerate() {
        let w = part.width() + if i > 0 { 2 } else { 0 };
        if used + w + 2 > width {
            spans.push(Span::styled(" …", theme.dim));
            break;
        }
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        used += w;
        spans.push(part);
    }
    Line::from(spans)
}

/// A row of the list: a section's title with its count (after the filter),
/// an item, or what an empty section says.
pub fn row_line<'a>(
    row: Row,
    state: &TodayState,
    model: &'a Model,
    theme: &Theme,
    width: u16,
) -> Line<'a> {
    match row {
        Row::Header(s) => {
            let section = &model.triage[s];
            let total = state.totals.get(s).copied().unwrap_or(section.items.len());
            let shown = state.counts.get(s).copied().unwrap_or(total);
            let count = if (state.filter.is_empty() && state.facets.is_empty()) || total == 0 {
                format!("({total})")
            } else {
                format!("({shown} of {total})")
            };
            let mut spans = vec![
                Span::styled(format!(" {} ", section.title), theme.section),
                Span::styled(count, theme.dim),
            ];
            if let Some(w) = &section.window {
                spans.push(Span::styled(format!(" · {w}"), theme.dim));
            }
            Line::from(spans)
        }
        Row::Empty(s) => {
            let text = if state.totals.get(s).is_none_or(|t| *t == 0) {
                "   nothing here".to_string()
            } else if state.filter.is_empty() {
                format!("   none with {}", state.facets.describe())
            } else {
                format!("   none match “{}”", fit(&state.filter, 40))
            };
            Line::from(Span::styled(text, theme.dim))
        }
        // A row drawn before the screen caught up with a new model draws
        // nothing rather than another line.
        Row::Item(s, i) => match model.triage_item(s, i) {
            Some(item) => {
                let kind = model.triage[s].kind;
                // Focus lines carry their rank, 1 first.
                let rank = (kind == SectionKind::Focus).then(|| format!("{}.", i + 1));
                item_line(kind, item, rank.as_deref(), model.today, theme, width)
            }
            None => Line::default(),
        },
    }
}

/// `  W-1  First email send · Juniper Point · Customer 360   both   due Thu 05 Nov (18d late)`
fn item_line<'a>(
    kind: SectionKind,
    item: &'a TriageItem,
    rank: Option<&str>,
    today: chrono::NaiveDate,
    theme: &Theme,
    width: u16,
) -> Line<'a> {
    let late = item.due.is_some_and(|d| d < today);
    let tag_style = match kind {
        SectionKind::Overdue if late => theme.late,
        SectionKind::Overdue | SectionKind::DueSoon => theme.warn,
        SectionKind::BandDropped | SectionKind::Focus => theme.late,
        _ => theme.key,
    };
    let width = usize::from(width);
    let owner_width = if width >= 90 { 13 } else { 0 };
    let avail = width.saturating_sub(LEAD + owner_width + 1);
    let head_width = display_safe(&item.headline()).width();
    let subject_width = if item.due.is_some() {
        avail.saturating_sub(DUE_WIDTH)
    } else {
        // Lines about a partner: the headline column is two fifths, and takes
        // more when the detail leaves free width; a long headline (a tier
        // event's standing) goes before its evidence, which keeps at least a
        // quarter of the width.
        let base = if width < 100 {
            avail / 2
        } else {
            avail * 2 / 5
        };
        let detail = display_safe(&item.detail).width().min(avail / 4);
        if head_width + 2 > base {
            (head_width + 2).min(avail.saturating_sub(detail)).max(base)
        } else {
            base
        }
    }
    .max(12);
    let detail_width = avail.saturating_sub(subject_width);
    let detail_style = if late { theme.late } else { theme.dim };
    Line::from(vec![
        Span::raw("  "),
        Span::styled(format!("{} ", pad(rank.unwrap_or(&item.tag), 4)), tag_style),
        Span::raw(pad(&headline(item, subject_width - 2), subject_width - 1)),
        Span::raw(" "),
        Span::styled(pad(item.who(), owner_width), theme.dim),
        Span::styled(
            format!(" {}", fit(&item.detail, detail_width)),
            detail_style,
        ),
    ])
}

/// The headline in at most `width` columns. When it does not fit, what the
/// line belongs to (the campaign, the QBR) goes first, then the title gives
/// way; the partner's name is cut last, and never below half the width.
#[must_use]
pub fn headline(item: &TriageItem, width: usize) -> String {
    let full = item.headline();
    if display_safe(&full).width() <= width {
        return full;
    }
    let w = |s: &str| display_safe(s).width();
    let partner = &item.partner;
    let title = &item.title;
    let partner_w = w(partner).min((width / 2).max(8)).min(width);
    let title_room = width.saturating_sub(partner_w + SEP_WIDTH);
    if title_room < 4 {
        return fit(partner, width);
    }
    if item.partner_first() {
        // The partner is what the line is about: whole, unless that leaves
        // no room at all for what happened to it.
        let partner_w = w(partner).min(width.saturating_sub(SEP_WIDTH + 4));
        let title_room = width.saturating_sub(partner_w + SEP_WIDTH);
        return format!("{}{SEP}{}", fit(partner, partner_w), fit(title, title_room));
    }
    let pair = w(title) + SEP_WIDTH + w(partner);
    if pair <= width {
        let room = width - pair;
        let context = if room >= SEP_WIDTH + 6 && !item.context.is_empty() {
            format!("{SEP}{}", fit(&item.context, room - SEP_WIDTH))
        } else {
            String::new()
        };
        return format!("{title}{SEP}{partner}{context}");
    }
    let title_w = width.saturating_sub(w(partner).min(width / 2) + SEP_WIDTH);
    let partner_room = width.saturating_sub(w(&fit(title, title_w)) + SEP_WIDTH);
    format!("{}{SEP}{}", fit(title, title_w), fit(partner, partner_room))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::Subject;

    fn task(title: &str, partner: &str, context: &str) -> TriageItem {
        TriageItem {
            subject: Subject::CampaignTask {
                partner: 1,
                campaign: 1,
                task: 1,
            },
            partner: partner.into(),
            partner_owner: "Dana".into(),
            tag: "W-1".into(),
            title: title.into(),
            context: context.into(),
            owner: "both".into(),
            due: None,
            detail: String::new(),
            numbers: Vec::new(),
            data: crate::domain::today::LineData::None,
        }
    }

    #[test]
    fn a_headline_that_fits_is_whole() {
        let t = task(
            "First email send",
            "Juniper Point",
            "Customer 360 — newsletter swap",
        );
        assert_eq!(
            headline(&t, 80),
            "First email send · Juniper Point · Customer 360 — newsletter swap"
        );
    }

    #[test]
    fn the_campaign_gives_way_before_the_partner() {
        let t = task(
            "First email send",
            "Juniper Point",
            "Customer 360 — newsletter swap",
        );
        assert_eq!(
            headline(&t, 44),
            "First email send · Juniper Point · Customer…"
        );
        assert_eq!(headline(&t, 34), "First email send · Juniper Point");
    }

    #[test]
    fn a_long_title_gives_way_before_the_partner() {
        let t = task(
            "Agree joint pipeline targets for next quarter",
            "Lighthouse Security BV",
            "",
        );
        let h = headline(&t, 47);
        assert!(h.ends_with(" · Lighthouse Security BV"), "{h}");
        assert!(h.width() <= 47, "{h}");
    }
}
