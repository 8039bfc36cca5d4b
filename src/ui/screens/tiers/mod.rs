//! Tiers (tab 3): who needs a tier decision — upgrade eligible, close to
//! the next tier, below criteria, downgrade due, provisional ending — then
//! everyone else by tier, each row with its `N% to NEXT` bar and what holds
//! it back. Promote, demote and confirm ask first, then go through the edit
//! pipeline (docs/rules.md, "Tiers screen").

mod render;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::edit::{Change, TierAction, support_plan, tier_edit};
use crate::domain::search::Query;
use crate::domain::tiers::board::TierSection;
use crate::ui::action::Action;
use crate::ui::item_cursor::ItemCursor;
use crate::ui::keymap::Scope;
use crate::ui::modals::benefits::BenefitsMatrix;
use crate::ui::modals::confirm::Confirm;
use crate::ui::modals::filter::FilterLine;
use crate::ui::modals::form::activity::TouchForm;
use crate::ui::model::{Model, Need};
use crate::ui::screen::{Ctx, Effect, Msg, Screen};

/// The counts line above the list.
pub const SUMMARY_LINES: u16 = 1;

/// One drawn row of the Tiers screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section title with its count.
    Header(TierSection, usize),
    /// A partner (index into the model) in a section.
    Item(TierSection, usize),
    /// "nothing here" under an empty decision section.
    Empty,
}

#[derive(Debug, Clone, Default)]
pub struct TiersState {
    /// Over `rows`; the selected row is always an item when there are any.
    pub nav: ItemCursor,
    pub filter: String,
    pub rows: Vec<Row>,
}

impl TiersState {
    /// Rebuild the sections from the model, keeping the selected partner.
    pub fn rebuild(&mut self, model: &Model, height: usize) {
        let keep = self.selected().map(|i| model.rows[i].id);
        let keep_pos = self.nav.item_pos();
        let query = Query::new(&self.filter);
        let mut by_section: Vec<Vec<usize>> = vec![Vec::new(); TierSection::ALL.len()];
        // Empty until the tier statuses are read (when Tiers is first shown).
        let tiers = model
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p, model.tier(i)?)));
        for (i, p, tier) in tiers {
            if p.archived || !(self.filter.is_empty() || query.matches(&model.name_keys[i])) {
                continue;
            }
            let section = TierSection::of(tier, p.close_to_next_tier);
            if let Some(at) = TierSection::ALL.iter().position(|x| *x == section) {
                by_section[at].push(i);
            }
        }
        self.rows.clear();
        self.nav.clear();
        for (at, (section, mut list)) in TierSection::ALL.into_iter().zip(by_section).enumerate() {
            let held = matches!(section, TierSection::Held(_));
            if held && list.is_empty() {
                continue;
            }
            list.sort_by_key(|&i| (model.tier(i).map(|t| section.rank(t)), model.name_rank[i]));
            self.rows.push(Row::Header(section, list.len()));
            if list.is_empty() {
                self.rows.push(Row::Empty);
            }
            for (n, i) in list.into_iter().enumerate() {
                self.nav.push_item(self.rows.len(), at, n == 0);
                self.rows.push(Row::Item(section, i));
            }
        }
        let pos = keep
            .and_then(|id| {
                self.nav
                    .find(|r| matches!(self.rows[r], Row::Item(_, i) if model.rows[i].id == id))
            })
            .unwrap_or(keep_pos);
        self.nav.laid_out(self.rows.len(), pos, height);
    }

    /// The selected partner (index into the model).
    #[must_use]
    pub fn selected(&self) -> Option<usize> {
        match self.rows.get(self.nav.cursor.selected)? {
            Row::Item(_, i) => Some(*i),
            _ => None,
        }
    }

    fn list_height(ctx: &Ctx) -> usize {
        usize::from(ctx.body.height.saturating_sub(SUMMARY_LINES))
    }

    /// Ask before changing the selected partner's tier, its record read
    /// first.
    fn ask(&self, then: fn(&Ctx, i64) -> Effect, ctx: &Ctx) -> Effect {
        match self.selected() {
            Some(i) => Effect::WithFile {
                partner: ctx.model.rows[i].id,
                then,
            },
            None => Effect::None,
        }
    }
}

/// The question before a tier change of a partner whose file is read. A
/// demotion then offers the support plan (the playbook's soft landing),
/// asking first.
fn ask_loaded(action: TierAction, ctx: &Ctx, id: i64) -> Effect {
    let m = ctx.model;
    let (Some(partner), Some(summary)) = (m.record(id), m.summary(id)) else {
        return Effect::None;
    };
    match tier_edit(partner, &summary.tier, action, m.today, &m.config) {
        Ok((question, edit)) => {
            let then = match (&edit.change, m.file(id)) {
                (Change::SetTier { record, .. }, Some(file))
                    if action == TierAction::Demote && record.to < record.from =>
                {
                    let (question, plan) =
                        support_plan(file, record.from, record.to, m.today, &m.config);
                    Confirm::ask(question, Effect::Edit(plan))
                }
                _ => Effect::None,
            };
            Confirm::ask(question, Effect::Many(vec![Effect::Edit(edit), then]))
        }
        Err(why) => Effect::Status(why),
    }
}

impl Screen for TiersState {
    fn title(&self, _ctx: &Ctx) -> String {
        "Tiers".into()
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Tiers, Scope::List]
    }

    fn needs(&self) -> &'static [Need] {
        &[Need::TierStatuses]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let h = Self::list_height(ctx);
        if self.nav.navigate(action, h) {
            return Effect::None;
        }
        match action {
            Action::Filter => return Effect::Push(Box::new(FilterLine::new(&self.filter))),
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.rebuild(ctx.model, h);
            }
            Action::Open => {
                if let Some(i) = self.selected() {
                    return Effect::Open {
                        partner: ctx.model.rows[i].id,
                        section: Some("Tier"),
                    };
                }
            }
            Action::Promote => {
                return self.ask(|c, id| ask_loaded(TierAction::Promote, c, id), ctx);
            }
            Action::Demote => return self.ask(|c, id| ask_loaded(TierAction::Demote, c, id), ctx),
            Action::ConfirmTier => {
                return self.ask(|c, id| ask_loaded(TierAction::Confirm, c, id), ctx);
            }
            Action::Benefits => return Effect::Push(Box::new(BenefitsMatrix)),
            Action::LogTouch => {
                if let Some(i) = self.selected() {
                    return TouchForm::open(ctx, ctx.model.rows[i].id);
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx) -> Effect {
        if let Some(view_row) = usize::from(y).checked_sub(usize::from(SUMMARY_LINES)) {
            self.nav.click(view_row, Self::list_height(ctx));
        }
        Effect::None
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.model, Self::list_height(ctx));
    }

    fn receive(&mut self, msg: Msg, ctx: &Ctx) {
        if let Msg::Filter(text) = msg {
            self.filter = text;
            self.rebuild(ctx.model, Self::list_height(ctx));
        }
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        render::render(self, ctx, area, buf);
    }
}
