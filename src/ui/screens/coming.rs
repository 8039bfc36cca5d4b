//! Tiers, QBRs and Campaigns: until their screens are built, each says what
//! is coming and what the book already knows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Tab;
use crate::domain::tiers::Standing;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::model::Model;
use crate::ui::screen::{Ctx, Effect, Screen};
use crate::ui::theme::Theme;

/// What the screen will do, and today's numbers behind it.
fn text(tab: Tab, model: &Model) -> (Vec<&'static str>, String) {
    // Archived partners are left out, as on Today and Partners.
    let sums = || {
        model
            .partners
            .iter()
            .zip(&model.summaries)
            .filter(|(p, _)| !p.archived)
            .map(|(_, s)| s)
    };
    match tab {
        Tab::Tiers => {
            let count = |f: fn(&Standing) -> bool| sums().filter(|s| f(&s.tier.standing)).count();
            let close = sums().filter(|s| s.close_to_next_tier).count();
            (
                vec![
                    "Sections: Upgrade eligible · Close to next tier · Below criteria (grace) · Downgrade due · Provisional expiring.",
                    "Each row a progress bar with its gap; the benefits matrix beside it; confirm a proposed upgrade or downgrade.",
                ],
                format!(
                    "In this book today: {} upgrade eligible, {close} close to the next tier, {} below criteria, {} downgrade due.",
                    count(|s| matches!(s, Standing::UpgradeEligible { .. })),
                    count(|s| matches!(s, Standing::BelowCriteria { .. })),
                    count(|s| matches!(s, Standing::DowngradeDue { .. })),
                ),
            )
        }
        Tab::Qbrs => {
            let planned: usize = sums().map(|s| s.planned_qbrs).sum();
            (
                vec![
                    "Upcoming QBRs with prep %, missed and held ones, and the completion-rate KPI.",
                    "A QBR opens to its checklist, its agenda pre-filled from the book, action items and a Markdown preview.",
                ],
                format!(
                    "In this book today: {planned} QBRs planned. Today (1) already lists the next {} days with prep %.",
                    model.config.triage.qbr_window_days
                ),
            )
        }
        _ => {
            let live: usize = sums().map(|s| s.live_campaigns).sum();
            (
                vec![
                    "Campaigns with % done, next due task and overdue count.",
                    "A campaign opens to its W-6 … W+2 timeline with a marker for today; export its tasks to your calendar.",
                ],
                format!(
                    "In this book today: {live} campaigns in flight. Their late and due tasks are on Today (1)."
                ),
            )
        }
    }
}

/// Draw the "coming" page for a tab that is not built yet.
pub fn render(tab: Tab, model: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (plan, now) = text(tab, model);
    let mut lines = vec![
        Line::from(Span::styled(
            format!(" {} — coming next", tab.title()),
            theme.section,
        )),
        Line::from(""),
    ];
    lines.extend(plan.into_iter().map(|l| Line::from(format!(" {l}"))));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(format!(" {now}"), theme.dim)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// A tab whose screen is not built yet.
#[derive(Debug, Clone, Copy)]
pub struct Coming(pub Tab);

impl Screen for Coming {
    fn title(&self, _ctx: &Ctx) -> String {
        self.0.title().into()
    }

    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn update(&mut self, _action: Action, _ctx: &Ctx) -> Effect {
        Effect::None
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        render(self.0, ctx.model, ctx.theme, area, buf);
    }
}
