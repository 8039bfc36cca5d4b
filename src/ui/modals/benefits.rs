//! The tier benefits matrix from the config, read-only: commission
//! (`[commissions.tier_rate_pct]`), MDF (`[mdf]`), and support SLA, partner
//! manager and deal registration (`[benefits.*]`) per tier.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{hint_line, popup_block};
use crate::domain::book::Tier;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};
use crate::ui::widgets::text::pad;

pub struct BenefitsMatrix;

/// Column titles and widths.
const COLUMNS: [(&str, usize); 6] = [
    ("Tier", 11),
    ("Commission", 11),
    ("MDF yr · qtr", 14),
    ("SLA", 9),
    ("Partner manager", 16),
    ("Deal reg.", 10),
];

impl Modal for BenefitsMatrix {
    fn scope(&self) -> Scope {
        Scope::Benefits
    }

    fn on_key(&mut self, _key: KeyEvent, action: Option<Action>, _ctx: &Ctx) -> Effect {
        match action {
            Some(Action::Cancel) => Effect::Pop,
            _ => Effect::None,
        }
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let cell = |text: &str, i: usize| pad(text, COLUMNS[i].1);
        let mut header = vec![Span::raw(" ")];
        header.extend(
            COLUMNS
                .iter()
                .enumerate()
                .map(|(i, (title, _))| Span::styled(cell(title, i), t.section)),
        );
        let mut lines = vec![Line::from(header)];
        for tier in Tier::ALL.iter().rev() {
            let b = ctx.model.config.benefits.of(*tier);
            let (commission, mdf) = (
                crate::domain::commission::tier_rate_text(*tier, &ctx.model.config),
                crate::domain::mdf::allotment_text(*tier, &ctx.model.config),
            );
            let values = [
                tier.title(),
                commission.as_str(),
                mdf.as_str(),
                b.support_sla.as_str(),
                b.partner_manager.as_str(),
                b.deal_registration.as_str(),
            ];
            let mut spans = vec![Span::raw(" ")];
            spans.extend(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Span::raw(cell(v, i))),
            );
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(Span::styled(
            " From the program config ([commissions], [mdf], [benefits.*]).",
            t.dim,
        )));
        lines.push(Line::from(""));
        lines.push(hint_line(ctx, Scope::Benefits));
        let width: usize = COLUMNS.iter().map(|c| c.1).sum::<usize>() + 3;
        let rect = layout::popup(
            area,
            u16::try_from(width).unwrap_or(u16::MAX),
            u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
        );
        Clear.render(rect, buf);
        Paragraph::new(lines)
            .block(popup_block(t, "Tier benefits"))
            .render(rect, buf);
    }
}
