//! Open pipeline by stage, each stage with its deals; stuck deals marked.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Page;
use crate::domain::book::DealStage;
use crate::domain::format::{money, money_or_dash, plural};
use crate::domain::pipeline::{OpenDeal, open_pipeline};
use crate::ui::widgets::text::{fit, pad, pad_left};

/// Stage column width (`Negotiation`).
const STAGE_W: usize = 12;
/// Value column width (`$1.2M`).
const VALUE_W: usize = 7;

pub(super) fn lines(page: &Page) -> Vec<Line<'static>> {
    let (t, currency) = (page.theme, &page.cfg.currency);
    let p = open_pipeline(page.file, page.today, page.cfg);
    let count = i64::try_from(p.count).unwrap_or(i64::MAX);
    let mut extra = vec![Span::styled(
        format!(
            "  {} · {}",
            plural(count, "open deal", "open deals"),
            money(p.value, currency)
        ),
        t.dim,
    )];
    if p.stuck > 0 {
        extra.push(Span::styled(format!(" · ⚠ {} stuck", p.stuck), t.warn));
    }
    let mut out = page.title("Open pipeline", extra);
    if p.count == 0 {
        out.push(page.none("no open deals"));
        return out;
    }
    let name_w = p
        .stages
        .iter()
        .flat_map(|s| s.deals.iter())
        .map(|d| d.name.width())
        .max()
        .unwrap_or(0)
        .clamp(8, 28)
        .min(page.width.saturating_sub(5 + 2 + VALUE_W + 2).max(8));
    // Stage totals end in the same column as the deal values under them.
    let count_w = (5 + name_w + 2).saturating_sub(3 + STAGE_W).max(9);
    for stage in &p.stages {
        let n = i64::try_from(stage.count).unwrap_or(i64::MAX);
        let (count, value) = if stage.count == 0 {
            ("—".to_string(), String::new())
        } else {
            (plural(n, "deal", "deals"), money(stage.value, currency))
        };
        let style = if stage.count == 0 { t.dim } else { t.base };
        out.push(Line::from(Span::styled(
            format!(
                "   {}{}{}",
                pad(stage_title(stage.stage), STAGE_W),
                pad(&count, count_w),
                pad_left(&value, VALUE_W)
            )
            .trim_end()
            .to_string(),
            style,
        )));
        for d in &stage.deals {
            out.push(deal_line(page, d, name_w));
        }
    }
    out
}

/// `     Fabrikam expansion        $48K  ⚠ stuck 46d`; when narrow the
/// value goes (the stage total has it) and the mark stays.
fn deal_line(page: &Page, d: &OpenDeal, name_w: usize) -> Line<'static> {
    let t = page.theme;
    if page.width < 50 {
        let (mark, style) = if d.stuck {
            (format!(" ⚠ {}d", d.days_in_stage), t.warn)
        } else {
            (format!(" {}d", d.days_in_stage), t.dim)
        };
        let room = page.width.saturating_sub(5 + mark.width()).max(4);
        return Line::from(vec![
            Span::raw(format!("     {}", fit(&d.name, room))),
            Span::styled(mark, style),
        ]);
    }
    let mut spans = vec![Span::raw(format!(
        "     {}  {}  ",
        pad(&d.name, name_w),
        pad_left(&money_or_dash(d.value, &page.cfg.currency), VALUE_W)
    ))];
    if d.stuck {
        spans.push(Span::styled(
            format!("⚠ stuck {}d", d.days_in_stage),
            t.warn,
        ));
    } else {
        spans.push(Span::styled(
            format!("{}d in stage", d.days_in_stage),
            t.dim,
        ));
    }
    Line::from(spans)
}

/// `Negotiation`
fn stage_title(stage: DealStage) -> &'static str {
    match stage {
        DealStage::Registered => "Registered",
        DealStage::Qualified => "Qualified",
        DealStage::Proposal => "Proposal",
        DealStage::Negotiation => "Negotiation",
        DealStage::Won => "Won",
        DealStage::Lost => "Lost",
    }
}
