//! Recruit and onboard on the partner page: how long in its stage against
//! the plan, when it joined and its first deal, the onboarding plan's
//! progress and a prospect's scorecard (docs/rules.md, "Lifecycle clock",
//! "First deal and new partners", "Onboarding plan").

use ratatui::text::{Line, Span};

use super::Page;
use crate::domain::campaigns::progress;
use crate::domain::format::due;
use crate::domain::lifecycle::{DIMENSIONS, plan_of, signed};
use crate::ui::widgets::bars::bar_spans;

pub(super) fn lines(page: &Page) -> Vec<Line<'static>> {
    let (t, s, p) = (page.theme, &page.summary.lifecycle, &page.file.partner);
    let clock = &s.clock;
    let since = format!(" · since {}", page.date(clock.since));
    let extra = if clock.over_plan() {
        vec![
            Span::styled(format!("  ⚠ {}", clock.words()), t.warn),
            Span::styled(since, t.dim),
        ]
    } else {
        vec![Span::styled(format!("  {}{since}", clock.words()), t.dim)]
    };
    let mut out = page.title("Lifecycle", extra);
    if signed(p) {
        let fd = &s.first_deal;
        let mut spans = vec![Span::raw(format!("   joined {}", page.date(fd.joined)))];
        if s.new {
            spans.push(Span::styled(" · new", t.good));
        }
        let late = fd.overdue(p, &page.cfg.lifecycle).is_some();
        let style = if late { t.late } else { t.base };
        let plan = page.cfg.lifecycle.first_deal_days;
        let words = match (late, fd.first_won) {
            (true, _) => format!(" · {} (plan < {plan} days)", fd.words()),
            (false, None) => format!(" · no won deal yet (plan: within {plan} days)"),
            (false, Some(_)) => format!(" · {}", fd.words()),
        };
        spans.push(Span::styled(words, style));
        out.push(Line::from(spans));
    }
    if let Some(plan) = plan_of(page.file) {
        let pr = progress(plan, page.today);
        let mut spans = vec![Span::raw("   onboarding ")];
        spans.extend(bar_spans(pr.percent, 6, t));
        spans.push(Span::raw(format!(
            " {}% ({}/{})",
            pr.percent, pr.done, pr.total
        )));
        if pr.overdue > 0 {
            spans.push(Span::styled(format!(" · {} overdue", pr.overdue), t.late));
        }
        if let Some((title, d)) = pr.next {
            spans.push(Span::styled(
                format!(" · next: {title} ({})", due(d, page.today)),
                t.dim,
            ));
        }
        out.push(Line::from(spans));
    }
    if let (Some(card), Some(q)) = (&page.file.scorecard, &s.qualification) {
        let scores: Vec<String> = DIMENSIONS
            .iter()
            .zip(card.scores())
            .map(|(d, v)| format!("{} {v}", d.title))
            .collect();
        let revisit = q
            .revisit
            .map(|r| format!(" · revisit {}", page.date(r)))
            .unwrap_or_default();
        let head = format!(
            "   scorecard {}/35 {} ({}){revisit}",
            q.total,
            q.reading.title(),
            page.date(card.date)
        );
        out.push(Line::from(Span::raw(head)));
        out.extend(page.wrapped(&scores.join(" · "), 5, 5, t.dim));
        for f in &card.red_flags {
            let (flag, _, alternative) = f.words();
            out.push(Line::from(vec![
                Span::styled(format!("     ⚑ {flag}"), t.warn),
                Span::styled(format!(" → {alternative}"), t.dim),
            ]));
        }
    }
    out
}
