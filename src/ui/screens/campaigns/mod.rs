//! Campaigns (tab 5): every campaign across partners, open ones first, with
//! its launch, status, % done, overdue tasks and next task; text filter and
//! facets (partner, status, type, owner). Enter opens its timeline over the
//! list (docs/rules.md, "Campaigns").

mod grid;
mod list;
pub mod timeline;

use crate::ui::modals::form::activity::TouchForm;
use crate::ui::modals::form::campaign::CampaignForm;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::book::{CampaignStatus, CampaignType};
use crate::domain::campaigns::CampaignRow;
use crate::domain::search::{Query, name_key};
use crate::ui::action::Action;
use crate::ui::cursor::Cursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::choices::ChoicesModal;
use crate::ui::modals::filter::FilterLine;
use crate::ui::model::{Model, Need};
use crate::ui::screen::{Ctx, Effect, Msg, Screen};

pub use timeline::TimelineState;

/// Facet rows, in the popup's order.
pub const FACETS: [&str; 4] = ["Partner", "Status", "Type", "Owner"];

#[derive(Debug, Clone, Default)]
pub struct CampaignsState {
    pub cursor: Cursor,
    pub filter: String,
    /// Chosen value per facet row (None: any), as `FACETS`.
    pub facets: Vec<Option<String>>,
    /// Indices into `model.campaigns` shown, in list order.
    pub visible: Vec<usize>,
}

/// Lines above the rows: the summary and the column header.
pub const HEADER_LINES: u16 = 2;
/// The line under the rows: the selected campaign's next task.
pub const FOOTER_LINES: u16 = 1;

/// Open campaigns first by launch (soonest first), then done and cancelled
/// ones, latest launch first.
fn order_key(r: &CampaignRow) -> (bool, i64, i64) {
    let closed = matches!(r.status, CampaignStatus::Done | CampaignStatus::Cancelled);
    let day = i64::from(chrono::Datelike::num_days_from_ce(&r.launch));
    (closed, if closed { -day } else { day }, r.id)
}

impl CampaignsState {
    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(HEADER_LINES + FOOTER_LINES))
    }

    /// The selected campaign's row.
    #[must_use]
    pub fn selected<'m>(&self, model: &'m Model) -> Option<&'m CampaignRow> {
        model
            .campaigns
            .get(*self.visible.get(self.cursor.selected)?)
    }

    fn facet(&self, row: usize) -> Option<&str> {
        self.facets.get(row).and_then(|f| f.as_deref())
    }

    /// Filter and order the rows, keeping the selected campaign selected.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected(model).map(|r| r.id);
        let query = Query::new(&self.filter);
        let mut visible: Vec<usize> = model
            .campaigns
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                self.facet(0).is_none_or(|p| r.partner == p)
                    && self.facet(1).is_none_or(|s| r.status.as_str() == s)
                    && self.facet(2).is_none_or(|k| r.kind.as_str() == k)
                    && self.facet(3).is_none_or(|o| r.owner == o)
                    && (self.filter.is_empty()
                        || query.matches(&name_key(&format!(
                            "{} {} {} {} {}",
                            r.name, r.partner, r.kind, r.status, r.owner
                        ))))
            })
            .map(|(i, _)| i)
            .collect();
        visible.sort_by_key(|&i| order_key(&model.campaigns[i]));
        self.visible = visible;
        let at = keep
            .and_then(|id| {
                self.visible
                    .iter()
                    .position(|&i| model.campaigns[i].id == id)
            })
            .unwrap_or(self.cursor.selected);
        self.cursor.select(at, self.visible.len(), height);
    }

    fn facet_rows(model: &Model) -> Vec<(&'static str, Vec<String>)> {
        let mut partners: Vec<String> = model.campaigns.iter().map(|r| r.partner.clone()).collect();
        partners.sort_by_key(|p| name_key(p));
        partners.dedup();
        let mut owners: Vec<String> = model.campaigns.iter().map(|r| r.owner.clone()).collect();
        owners.sort();
        owners.dedup();
        let status = CampaignStatus::ALL
            .iter()
            .map(|s| s.as_str().to_string())
            .collect();
        let kinds = CampaignType::ALL
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        vec![
            (FACETS[0], partners),
            (FACETS[1], status),
            (FACETS[2], kinds),
            (FACETS[3], owners),
        ]
    }

    /// `partner=Contoso status=live`, or empty.
    #[must_use]
    pub fn describe_facets(&self) -> String {
        FACETS
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                self.facet(i)
                    .map(|v| format!("{}={v}", name.to_lowercase()))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Screen for CampaignsState {
    fn title(&self, _ctx: &Ctx) -> String {
        "Campaigns".into()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Campaigns, Scope::List]
    }

    fn needs(&self) -> &'static [Need] {
        &[Need::Campaigns]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if self.cursor.navigate(action, self.visible.len(), h) {
            return Effect::None;
        }
        match action {
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild(ctx.model, h);
            }
            Action::New => {
                // The form reads the partner's record for its MDF and the
                // suggested budget.
                return match self.selected(ctx.model).map(|r| r.partner_id) {
                    Some(partner) => Effect::WithFile {
                        partner,
                        then: |ctx, id| {
                            let name = ctx.model.partner(id).map(|p| p.name.clone());
                            Effect::Push(Box::new(CampaignForm::create(name.as_deref(), ctx)))
                        },
                    },
                    None => Effect::Push(Box::new(CampaignForm::create(None, ctx))),
                };
            }
            Action::LogTouch => {
                if let Some(id) = self.selected(ctx.model).map(|r| r.partner_id) {
                    return TouchForm::open(ctx, id);
                }
            }
            Action::Facets => {
                let modal = ChoicesModal::new(Self::facet_rows(ctx.model), self.facets.clone());
                return Effect::Push(Box::new(modal));
            }
            Action::ClearFacets => {
                self.facets.clear();
                self.rebuild(ctx.model, h);
            }
            Action::Open => {
                if let Some(r) = self.selected(ctx.model) {
                    return Effect::Over {
                        partner: r.partner_id,
                        screen: Box::new(TimelineState::new(r.partner_id, r.id)),
                    };
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if let Some(r) = usize::from(y).checked_sub(usize::from(HEADER_LINES)) {
            self.cursor
                .click(r, self.visible.len(), Self::list_height(ctx));
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        match msg {
            Msg::Filter(text) => self.filter = text,
            Msg::Choices(chosen) => self.facets = chosen,
            Msg::Facets(_) => {}
        }
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        list::render(self, ctx, area, buf);
    }
}
