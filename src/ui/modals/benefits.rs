//! The tier benefits matrix from the config, read-only: the playbook's
//! Benefits Matrix, one row per benefit (as many as `[benefits]` has) and a
//! column per tier; the commission and MDF rows are the program's own
//! figures (`[commissions.tier_rate_pct]`, `[mdf]`).

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{hint_line, popup_block};
use crate::domain::book::Tier;
use crate::domain::mdf;
use crate::domain::tiers::benefits;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::layout;
use crate::ui::screen::{Ctx, Effect, Modal};
use crate::ui::widgets::text::{fit, pad};

pub struct BenefitsMatrix;

/// Narrowest tier column.
const TIER: usize = 12;

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
        let cfg = &ctx.model.config;
        let matrix = &cfg.benefits;
        // Each row's value per tier, in the order of Tier::ALL.
        let values: Vec<Vec<_>> = matrix
            .rows
            .iter()
            .map(|r| {
                Tier::ALL
                    .iter()
                    .map(|tier| benefits::value(*tier, &r.key, cfg))
                    .collect()
            })
            .collect();
        let label = matrix
            .rows
            .iter()
            .map(|r| r.benefit.width())
            .max()
            .unwrap_or(0)
            .max("Benefit".len())
            + 2;
        // A tier column as wide as its longest value, as far as the screen allows.
        let widest = values
            .iter()
            .flatten()
            .map(|v| v.width())
            .max()
            .unwrap_or(0)
            + 2;
        let room = usize::from(area.width).saturating_sub(label + 3) / Tier::ALL.len();
        let tier_width = widest.min(room).max(TIER);
        let mut header = vec![
            Span::raw(" "),
            Span::styled(pad("Benefit", label), t.section),
        ];
        header.extend(
            Tier::ALL
                .iter()
                .map(|tier| Span::styled(pad(tier.title(), tier_width), t.section)),
        );
        let mut lines = vec![Line::from(header)];
        for (row, row_values) in matrix.rows.iter().zip(&values) {
            let mut spans = vec![
                Span::raw(" "),
                Span::styled(pad(&row.benefit, label), t.dim),
            ];
            spans.extend(
                row_values
                    .iter()
                    .map(|v| Span::raw(pad(&fit(v, tier_width - 1), tier_width))),
            );
            lines.push(Line::from(spans));
        }
        for note in [
            format!(" MDF a quarter at most: {}.", mdf::quarterly_caps_text(cfg)),
            " From the program config ([benefits], [commissions], [mdf]).".to_string(),
        ] {
            lines.push(Line::from(Span::styled(note, t.dim)));
        }
        lines.push(hint_line(ctx, Scope::Benefits));
        let width = label + tier_width * Tier::ALL.len() + 3;
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
