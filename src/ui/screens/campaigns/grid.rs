//! Drawing a campaign's timeline: the brief, the results with attendance
//! against the benchmark, a legend, and the week grid (W-6 … W+2 with their
//! dates), one row per task. Every state has a text mark (`✓ ! • ·`) as
//! well as a colour, and today's column is drawn with `│`, so the grid
//! reads without colour (docs/rules.md, "Campaigns").

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::TimelineState;
use crate::domain::book::{Campaign, CampaignTask, Partner};
use crate::domain::campaign_results::results_line as results_line_of;
use crate::domain::campaigns::{
    FIRST_WEEK, LAST_WEEK, TaskState, due_date, launch_when, lead_model_text, progress, week_label,
    week_of,
};
use crate::domain::format::{day, day_year, due, money};
use crate::ui::screen::Ctx;
use crate::ui::theme::Theme;
use crate::ui::widgets::text::{fit, pad};

/// Lines above the task rows: title, status, brief, results, and three
/// header rows (legend and months, week labels, today and dates).
pub const TOP_LINES: u16 = 7;

/// The line under the rows: the selected task in full.
pub const BOTTOM_LINES: u16 = 1;

/// Task rows that fit in a body this tall.
#[must_use]
pub fn task_rows(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(TOP_LINES + BOTTOM_LINES))
}

/// `▸ Dry run with speakers · owner both · W-1 · due Thu 19 Nov (4d late)`
fn selected_line(task: &CampaignTask, ctx: &Ctx, width: usize) -> Line<'static> {
    let today = ctx.model.today;
    let state = TaskState::of(task, today);
    let when = match task.done {
        Some(d) => format!("due {} · done {}", day(task.due), day(d)),
        None => format!("due {} ({})", day(task.due), due(task.due, today)),
    };
    let text = format!(
        " ▸ {} {} · owner {} · {} · {when}",
        state.mark(),
        task.title,
        task.owner,
        week_label(task.week)
    );
    Line::from(Span::styled(
        fit(&text, width),
        state_style(state, ctx.theme),
    ))
}

/// Column widths for a body `width` wide: week columns compress on narrow
/// screens, the due column shows only on wide ones.
struct Layout {
    title: usize,
    owner: usize,
    week: usize,
    due: usize,
}

impl Layout {
    fn for_width(width: usize) -> Layout {
        let weeks = usize::try_from(LAST_WEEK - FIRST_WEEK + 1).unwrap_or(9);
        let (week, owner, due) = if width >= 120 { (8, 14, 22) } else { (5, 8, 0) };
        let fixed = 3 + owner + 1 + weeks * week + if due > 0 { due + 2 } else { 0 };
        let title = width.saturating_sub(fixed).clamp(8, 44);
        Layout {
            title,
            owner,
            week,
            due,
        }
    }
}

fn state_style(state: TaskState, t: &Theme) -> Style {
    match state {
        TaskState::Done => t.good,
        TaskState::Overdue => t.late,
        TaskState::DueThisWeek => t.warn.add_modifier(Modifier::BOLD),
        TaskState::Later => t.base,
    }
}

fn centered(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    let left = width.saturating_sub(w) / 2;
    pad(&format!("{}{text}", " ".repeat(left)), width)
}

fn title_line(p: &Partner, c: &Campaign, ctx: &Ctx, width: usize) -> Line<'static> {
    let t = ctx.theme;
    let name = fit(&c.name, width.saturating_sub(2));
    let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()) + 4);
    Line::from(vec![
        Span::styled(format!(" {name}"), t.title),
        Span::raw(format!(" · {}", fit(&p.name, rest))),
    ])
}

/// `joint_webinar · launch Thu 10 Dec 2026 (in 2w) · planning · 7/24 done · 1 overdue`
fn status_line(c: &Campaign, ctx: &Ctx) -> Line<'static> {
    let t = ctx.theme;
    let today = ctx.model.today;
    let pr = progress(c, today);
    Line::from(vec![
        Span::raw(format!(
            " {} · launch {} ({}) · {} · {}/{} done · ",
            c.kind,
            if c.launch.year() == today.year() {
                day(c.launch)
            } else {
                day_year(c.launch)
            },
            launch_when(c.launch, today),
            c.status,
            pr.done,
            pr.total
        )),
        Span::styled(
            format!("{} overdue", pr.overdue),
            if pr.overdue > 0 { t.late } else { t.dim },
        ),
    ])
}

/// The brief in one line: objective, audience, KPI, leads, budget, message.
fn brief_line(c: &Campaign, ctx: &Ctx, width: usize) -> Line<'static> {
    let cur = &ctx.model.config.currency;
    let text = format!(
        " objective {} · audience {} · KPI {} {} · leads {} · budget {} ours / {} partner · “{}”",
        c.objective,
        c.audience,
        c.kpi,
        c.kpi_target,
        lead_model_text(&c.lead_model),
        money(c.budget_ours, cur),
        money(c.budget_partner, cur),
        c.key_message
    );
    Line::from(Span::styled(fit(&text, width), ctx.theme.dim))
}

/// The results as the type counts them: the KPI verdict and the rate
/// against its benchmark first (`registrations 300: met, 355 · attendance
/// 44% — within the 40-50% benchmark · registrants 355 · …`), so a narrow
/// screen keeps them.
fn results_line(c: &Campaign, ctx: &Ctx, width: usize) -> Line<'static> {
    let t = ctx.theme;
    let mut pieces = results_line_of(c, ctx.model.today, &ctx.model.config.campaigns);
    // What the money brought comes first, once an amount is entered: ROI
    // on our budget, the pipeline.
    let cur = &ctx.model.config.currency;
    if c.results.pipeline_value > 0 {
        pieces.insert(
            0,
            crate::domain::campaign_results::Piece {
                text: format!("pipeline {}", money(c.results.pipeline_value, cur)),
                good: None,
            },
        );
    }
    let money_in = c.results.closed_won_value > 0 || c.results.pipeline_value > 0;
    if let Some(roi) = crate::domain::mdf::roi(c, cur).filter(|_| money_in) {
        let good = c.results.closed_won_value >= c.budget_ours;
        pieces.insert(
            0,
            crate::domain::campaign_results::Piece {
                text: roi,
                good: Some(good),
            },
        );
    }
    if pieces.is_empty() {
        return Line::from(Span::styled(fit(" results: none yet", width), t.dim));
    }
    let mut spans = Vec::new();
    let mut left = width;
    for (i, p) in pieces.iter().enumerate() {
        let sep = if i == 0 { " " } else { " · " };
        let text = fit(&format!("{sep}{}", p.text), left);
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        let style = match p.good {
            Some(true) => t.good,
            Some(false) => t.late,
            None => t.base,
        };
        spans.push(Span::styled(text, style));
        if left == 0 {
            break;
        }
    }
    Line::from(spans)
}

/// The column today falls in, if it is on the grid.
fn today_week(c: &Campaign, ctx: &Ctx) -> Option<i32> {
    let days = (ctx.model.today - c.launch).num_days();
    let week = i32::try_from(days.div_euclid(7)).ok()?;
    (FIRST_WEEK..=LAST_WEEK).contains(&week).then_some(week)
}

/// Three rows over the grid: the legend and the months, the week labels,
/// today and the dates (the date of today's column highlighted).
fn header_lines(c: &Campaign, ctx: &Ctx, l: &Layout) -> [Line<'static>; 3] {
    let t = ctx.theme;
    let now = today_week(c, ctx);
    let left = 3 + l.title + 1 + l.owner;
    let mut months = vec![
        Span::styled(" ✓ done", t.good),
        Span::styled(" ! late", t.late),
        Span::styled(" • this week", state_style(TaskState::DueThisWeek, t)),
        Span::raw(" · later"),
    ];
    let legend_width: usize = months.iter().map(Span::width).sum();
    if legend_width > left {
        months = vec![
            Span::styled(" ✓done", t.good),
            Span::styled(" !late", t.late),
            Span::styled(" •week", state_style(TaskState::DueThisWeek, t)),
            Span::raw(" ·later"),
        ];
    }
    let legend_width: usize = months.iter().map(Span::width).sum();
    months.push(Span::raw(" ".repeat(left.saturating_sub(legend_width))));
    let mut labels = vec![Span::styled(
        format!("   {} {}", pad("task", l.title), pad("owner", l.owner)),
        t.header,
    )];
    let mut dates = vec![Span::styled(
        pad(&format!(" │ today {}", day(ctx.model.today)), left),
        t.key,
    )];
    let mut last_month = None;
    for w in FIRST_WEEK..=LAST_WEEK {
        let start = due_date(c.launch, w, 0);
        let month = start.format("%b").to_string();
        let (m, date) = if l.week >= 8 {
            (String::new(), start.format("%d %b").to_string())
        } else if last_month.as_ref() == Some(&month) {
            (String::new(), start.format("%d").to_string())
        } else {
            (month.clone(), start.format("%d").to_string())
        };
        last_month = Some(month);
        let style = if Some(w) == now { t.selected } else { t.header };
        months.push(Span::styled(centered(&m, l.week), t.dim));
        labels.push(Span::styled(centered(&week_label(w), l.week), style));
        dates.push(Span::styled(
            centered(&date, l.week),
            if Some(w) == now { t.selected } else { t.dim },
        ));
    }
    if l.due > 0 {
        labels.push(Span::styled(format!("  {}", pad("due", l.due)), t.header));
    }
    [Line::from(months), Line::from(labels), Line::from(dates)]
}

fn task_line(task: &CampaignTask, c: &Campaign, ctx: &Ctx, l: &Layout) -> Line<'static> {
    let t = ctx.theme;
    let today = ctx.model.today;
    let state = TaskState::of(task, today);
    let style = state_style(state, t);
    let now = today_week(c, ctx);
    let at = week_of(c.launch, task.due);
    let mut spans = vec![
        Span::styled(format!(" {} ", state.mark()), style),
        Span::styled(pad(&task.title, l.title), style),
        Span::raw(" "),
        Span::styled(pad(&task.owner, l.owner), t.dim),
    ];
    for w in FIRST_WEEK..=LAST_WEEK {
        if w == at {
            spans.push(Span::styled(centered(state.mark(), l.week), style));
        } else if Some(w) == now {
            spans.push(Span::styled(centered("│", l.week), t.key));
        } else {
            spans.push(Span::raw(" ".repeat(l.week)));
        }
    }
    if l.due > 0 {
        let when = match task.done {
            Some(d) => format!("done {}", day(d)),
            None => format!("{} ({})", day(task.due), due(task.due, today)),
        };
        spans.push(Span::raw("  "));
        spans.push(Span::styled(pad(&when, l.due), style));
    }
    Line::from(spans)
}

pub fn render(state: &TimelineState, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let t = ctx.theme;
    let Some((p, c)) = state.campaign(ctx.model) else {
        Paragraph::new(Line::from(Span::styled(
            " This campaign is no longer in the book. Esc goes back.",
            t.dim,
        )))
        .render(area, buf);
        return;
    };
    let width = usize::from(area.width);
    let l = Layout::for_width(width);
    let [months, labels, dates] = header_lines(c, ctx, &l);
    let mut lines = vec![
        title_line(p, c, ctx, width),
        status_line(c, ctx),
        brief_line(c, ctx, width),
        results_line(c, ctx, width),
        months,
        labels,
        dates,
    ];
    let rows = task_rows(area.height);
    if c.tasks.is_empty() {
        lines.push(Line::from(Span::styled("   No tasks.", t.dim)));
    }
    let first = state.cursor.view_offset(c.tasks.len(), rows);
    for (i, task) in c.tasks.iter().enumerate().skip(first).take(rows) {
        let line = task_line(task, c, ctx, &l);
        lines.push(if i == state.cursor.selected {
            line.patch_style(t.selected)
        } else {
            line
        });
    }
    if let Some(task) = c.tasks.get(state.cursor.selected) {
        while lines.len() < usize::from(area.height.saturating_sub(BOTTOM_LINES)) {
            lines.push(Line::from(""));
        }
        lines.push(selected_line(task, ctx, width));
    }
    Paragraph::new(lines).render(area, buf);
}
