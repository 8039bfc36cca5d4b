//! Partner detail: everything about one partner, with the math.
//!
//! The page is a list of lines already fitted to the body's width (cut with
//! `…`, secondary columns dropped when narrow), so the number of lines is
//! known before drawing and scrolling can stop at the last page.

mod deals;
mod header;
mod lifecycle;
mod money;
mod people;
mod plans;
mod records;
mod tier;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::book::PartnerFile;
use crate::domain::config::ProgramConfig;
use crate::domain::summary::PartnerSummary;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::partner as partner_form;
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Screen};
use crate::ui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailState {
    pub partner_id: i64,
    pub scroll: u16,
}

/// What every section reads: the partner, the rules' verdicts and the page width.
pub(super) struct Page<'a> {
    pub file: &'a PartnerFile,
    pub summary: &'a PartnerSummary,
    pub cfg: &'a ProgramConfig,
    pub today: NaiveDate,
    pub theme: &'a Theme,
    /// Columns available for a line.
    pub width: usize,
}

impl Page<'_> {
    /// A blank line, then the section title with optional extras after it
    /// (on a line of their own when they do not fit beside it).
    pub fn title(&self, text: &str, mut extra: Vec<Span<'static>>) -> Vec<Line<'static>> {
        let title = Span::styled(format!(" {text}"), self.theme.section);
        let wide: usize = extra.iter().map(|s| s.content.width()).sum();
        if title.content.width() + wide <= self.width || extra.is_empty() {
            let mut spans = vec![title];
            spans.extend(extra);
            return vec![Line::default(), Line::from(spans)];
        }
        if let Some(first) = extra.first_mut() {
            first.content = format!("   {}", first.content.trim_start()).into();
        }
        vec![Line::default(), Line::from(title), Line::from(extra)]
    }

    /// A date as the page shows it: `Thu 26 Nov 2026`, `2026-11-26` when narrow.
    pub fn date(&self, date: NaiveDate) -> String {
        if self.width >= 60 {
            crate::domain::format::day_year(date)
        } else {
            date.format("%Y-%m-%d").to_string()
        }
    }

    /// A dim line inside a section: `   no notes`.
    pub fn none(&self, text: &str) -> Line<'static> {
        Line::from(Span::styled(format!("   {text}"), self.theme.dim))
    }

    /// `text` word-wrapped to the page, first line indented `first`, the
    /// rest `rest` spaces, all in one style.
    pub fn wrapped(
        &self,
        text: &str,
        first: usize,
        rest: usize,
        style: Style,
    ) -> Vec<Line<'static>> {
        let width = self.width.max(first + 1).max(rest + 1);
        let mut out = Vec::new();
        for (i, chunk) in wrap(text, width - first, width - rest)
            .into_iter()
            .enumerate()
        {
            let indent = if i == 0 { first } else { rest };
            out.push(Line::from(Span::styled(
                format!("{}{chunk}", " ".repeat(indent)),
                style,
            )));
        }
        out
    }
}

/// All lines of the detail page for a body `width` columns wide.
#[must_use]
pub fn lines(state: &DetailState, model: &Model, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let (Some(file), Some(summary)) = (
        model.file(state.partner_id),
        model.summary(state.partner_id),
    ) else {
        let gone = Line::from(" This partner is no longer in the book.");
        return vec![fit_line(gone, width)];
    };
    let page = Page {
        file,
        summary,
        cfg: &model.config,
        today: model.today,
        theme,
        width,
    };
    let mut out = header::lines(&page);
    out.extend(lifecycle::lines(&page));
    out.extend(tier::lines(&page));
    out.extend(money::lines(&page));
    out.extend(people::contacts(&page));
    out.extend(people::activities(&page));
    out.extend(deals::lines(&page));
    out.extend(plans::qbrs(&page));
    out.extend(plans::campaigns(&page));
    out.extend(plans::notes(&page));
    out.into_iter().map(|l| fit_line(l, width)).collect()
}

/// How many lines the page has at a body `width` columns wide.
#[must_use]
pub fn line_count(state: &DetailState, model: &Model, width: u16) -> usize {
    lines(state, model, &Theme::mono(), width).len()
}

/// The line where a section (`QBRs`, `Campaigns`, …) starts, for jumping
/// straight to it.
#[must_use]
pub fn section_line(state: &DetailState, model: &Model, width: u16, title: &str) -> Option<usize> {
    lines(state, model, &Theme::mono(), width)
        .iter()
        .position(|line| {
            line.spans
                .first()
                .is_some_and(|s| s.content.trim_start().starts_with(title))
        })
}

/// The largest useful scroll for a body `area`: the one showing the last page.
#[must_use]
pub fn max_scroll(state: &DetailState, model: &Model, area: Rect) -> u16 {
    let n = line_count(state, model, area.width);
    u16::try_from(n.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX)
}

/// Draw the detail page (a scroll past the end shows the last page).
pub fn render(state: &DetailState, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let all = lines(state, model, theme, area.width);
    let last = all.len().saturating_sub(usize::from(area.height));
    let top = usize::from(state.scroll).min(last);
    // Lines are already fitted: set them row by row, no reflow needed.
    for (y, line) in (area.y..area.bottom()).zip(all.iter().skip(top)) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// The longest prefix of `s` at most `width` columns wide.
fn cut(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// A line cut to `width` columns, ending in `…` when something visible was
/// cut (trailing blanks are dropped silently).
#[must_use]
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    let spans = line.spans;
    let full: usize = spans.iter().map(|s| s.content.width()).sum();
    if full <= width {
        return Line::from(spans);
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let visible = text.trim_end().width();
    let (budget, ellipsis) = if visible <= width {
        (width, false)
    } else {
        (width.saturating_sub(1), true)
    };
    let mut out = Vec::new();
    let mut used = 0;
    let mut last_style = Style::default();
    for span in spans {
        let w = span.content.width();
        last_style = span.style;
        if used + w <= budget {
            used += w;
            out.push(span);
            continue;
        }
        let part = cut(&span.content, budget - used);
        out.push(Span::styled(part, span.style));
        break;
    }
    if ellipsis && width > 0 {
        out.push(Span::styled("…", last_style));
    }
    Line::from(out)
}

/// Words of `text` (newlines kept as breaks) in lines of at most `first`
/// columns, then `rest` columns; a word longer than a line keeps a line
/// of its own (and is cut when the line is fitted).
#[must_use]
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let limit = if out.is_empty() { first } else { rest }.max(1);
            let w = line.width();
            if w > 0 && w + 1 + word.width() <= limit {
                line.push(' ');
                line.push_str(word);
            } else if w == 0 {
                line.push_str(word);
            } else {
                out.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        out.push(line);
    }
    out
}

impl DetailState {
    /// The detail of a partner whose file is loaded, scrolled so the section
    /// titled `section` (`QBRs`, `Campaigns`) is at the top when given.
    #[must_use]
    pub fn open(partner_id: i64, section: Option<&str>, ctx: &Ctx) -> DetailState {
        let mut state = DetailState {
            partner_id,
            scroll: 0,
        };
        if let Some(title) = section {
            let line = section_line(&state, ctx.model, ctx.body.width, title).unwrap_or(0);
            let max = max_scroll(&state, ctx.model, ctx.body);
            state.scroll = u16::try_from(line).unwrap_or(u16::MAX).min(max);
        }
        state
    }
}

impl Screen for DetailState {
    fn title(&self, ctx: &Ctx) -> String {
        ctx.model
            .partner(self.partner_id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Detail]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let page = ctx.body.height.max(1);
        let last = max_scroll(self, ctx.model, ctx.body);
        let s = &mut self.scroll;
        match action {
            Action::Down => *s = s.saturating_add(1).min(last),
            Action::Up => *s = (*s).min(last).saturating_sub(1),
            Action::PageDown => *s = s.saturating_add(page).min(last),
            Action::PageUp => *s = (*s).min(last).saturating_sub(page),
            Action::Top => *s = 0,
            Action::Bottom => *s = last,
            Action::LogTouch => return TouchForm::open(ctx, self.partner_id),
            Action::Edit => return partner_form::edit(ctx, self.partner_id),
            Action::New => return records::add(ctx, self.partner_id),
            Action::EditRecord => return records::edit(ctx, self.partner_id),
            Action::DeleteRecord => return records::delete(ctx, self.partner_id),
            Action::Archive => {
                return partner_form::archive_by_id(self.partner_id);
            }
            Action::Back => return Effect::Close,
            _ => {}
        }
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        render(self, ctx.model, ctx.theme, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_too_wide_is_cut_with_an_ellipsis_keeping_styles() {
        let theme = Theme::color();
        let line = Line::from(vec![
            Span::raw("Health "),
            Span::styled("70 Healthy", theme.healthy),
        ]);
        let cut = fit_line(line.clone(), 12);
        assert_eq!(text(&cut), "Health 70 H…");
        assert_eq!(cut.spans[1].style, theme.healthy);
        assert_eq!(text(&fit_line(line.clone(), 17)), "Health 70 Healthy");
        assert_eq!(text(&fit_line(line.clone(), 1)), "…");
        assert_eq!(text(&fit_line(line, 0)), "");
    }

    #[test]
    fn trailing_blanks_are_dropped_without_an_ellipsis() {
        let line = Line::from(vec![Span::raw("Ana Ruiz"), Span::raw("      ")]);
        assert_eq!(text(&fit_line(line, 10)), "Ana Ruiz  ");
    }

    #[test]
    fn wide_characters_are_cut_by_columns() {
        let cut = fit_line(Line::from("株式会社サンプル"), 7);
        assert_eq!(text(&cut), "株式会…");
        assert_eq!(cut.width(), 7);
    }

    #[test]
    fn wrap_breaks_between_words_and_keeps_paragraphs() {
        assert_eq!(
            wrap("Prefers Thursday calls.\nCFO is the real sponsor.", 12, 10),
            vec![
                "Prefers",
                "Thursday",
                "calls.",
                "CFO is the",
                "real",
                "sponsor."
            ]
        );
        assert_eq!(wrap("a b c", 3, 5), vec!["a b", "c"]);
        assert_eq!(wrap("one\n\ntwo", 10, 10), vec!["one", "", "two"]);
        assert!(wrap("", 10, 10).is_empty());
    }
}
