//! The app: state, key routing and updates. Rendering lives in `render.rs`
//! and never changes anything here.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{Keymap, Scope};
use super::layout;
use super::model::Model;
use super::popup::{Outcome, Popup, TouchForm};
use super::screens::Tab;
use super::screens::partner::{self, DetailState};
use super::screens::partners::{FACET_ROWS, Facets, PartnersState};
use super::screens::today::{self, TodayState};
use super::theme::Theme;
use super::undo::{self, Applied, Edit};
use crate::domain::triage::Subject;
use crate::store::Store;

pub struct App {
    pub model: Model,
    /// None in read-only views (snapshots); writes then say so.
    store: Option<Store>,
    pub theme: Theme,
    pub keymap: Keymap,
    pub tab: Tab,
    /// Partner detail, opened over the current tab.
    pub detail: Option<DetailState>,
    pub today: TodayState,
    pub partners: PartnersState,
    pub popup: Option<Popup>,
    /// Typing into the current list's filter.
    pub filter_editing: bool,
    /// One-line message in the footer (what just happened, or what failed).
    pub status: Option<String>,
    /// The terminal's size, for paging and mouse hits.
    pub size: Rect,
    pub quit: bool,
    edits: Vec<Applied>,
}

impl App {
    #[must_use]
    pub fn new(model: Model, store: Option<Store>, theme: Theme, size: Rect) -> App {
        let mut app = App {
            model,
            store,
            theme,
            keymap: Keymap::default(),
            tab: Tab::Today,
            detail: None,
            today: TodayState::default(),
            partners: PartnersState::default(),
            popup: None,
            filter_editing: false,
            status: None,
            size,
            quit: false,
            edits: Vec::new(),
        };
        app.rebuild_lists();
        app
    }

    /// Take the app apart: its model and its store.
    #[must_use]
    pub fn into_parts(self) -> (Model, Option<Store>) {
        (self.model, self.store)
    }

    /// The keymap scopes of what is on screen.
    #[must_use]
    pub fn scopes(&self) -> Vec<Scope> {
        if self.detail.is_some() {
            return vec![Scope::Detail];
        }
        match self.tab {
            Tab::Today => vec![Scope::Today, Scope::List],
            Tab::Partners => vec![Scope::Partners, Scope::List],
            _ => vec![],
        }
    }

    /// Rows a list can show in the body (for paging and keeping the
    /// selection visible).
    #[must_use]
    pub fn list_height(&self) -> usize {
        let body = layout::frame(self.size).body;
        match self.tab {
            Tab::Partners => PartnersState::table_height(body.height),
            Tab::Today => usize::from(body.height.saturating_sub(today::SUMMARY_LINES)),
            _ => usize::from(body.height),
        }
    }

    fn rebuild_lists(&mut self) {
        let body = layout::frame(self.size).body;
        let h = usize::from(body.height.saturating_sub(today::SUMMARY_LINES));
        self.today.rebuild(&self.model, h);
        let h = PartnersState::table_height(layout::frame(self.size).body.height);
        self.partners.rebuild(&self.model, h);
    }

    /// A key press: the popup sees it first, then the filter being typed,
    /// then the keymap.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.status = None;
        if let Some(popup) = self.popup.as_mut() {
            let outcome = popup.on_key(key);
            self.on_popup(outcome);
            return;
        }
        if self.filter_editing {
            self.edit_filter(key);
            return;
        }
        if let Some(action) = self.keymap.action(key, &self.scopes()) {
            self.update(action);
        }
    }

    /// Wheel scrolls, a click selects the row under the pointer.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        if self.popup.is_some() {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(mouse.column, mouse.row),
            _ => {}
        }
    }

    pub fn on_resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.rebuild_lists();
    }

    fn click(&mut self, column: u16, row: u16) {
        let areas = layout::frame(self.size);
        if row == areas.header.y {
            self.click_tab(column);
            return;
        }
        let body = areas.body;
        if self.detail.is_some() || row < body.y || row >= body.y + body.height || column < body.x {
            return;
        }
        let h = self.list_height();
        match self.tab {
            Tab::Today => {
                if let Some(r) =
                    usize::from(row - body.y).checked_sub(usize::from(today::SUMMARY_LINES))
                {
                    self.today.click(r, h);
                }
            }
            Tab::Partners if !self.partners.matrix => {
                // Three KPI lines and the column header sit above the rows.
                if let Some(r) = usize::from(row - body.y).checked_sub(4) {
                    let pos = self
                        .partners
                        .cursor
                        .view_offset(self.partners.visible.len(), h)
                        + r;
                    if pos < self.partners.visible.len() {
                        self.partners
                            .cursor
                            .select(pos, self.partners.visible.len(), h);
                    }
                }
            }
            _ => {}
        }
    }

    fn click_tab(&mut self, column: u16) {
        let mut x = super::render::TABS_START;
        for tab in Tab::ALL {
            let w = super::render::tab_width(tab);
            if column >= x && column < x + w {
                self.update(Action::GoTo(tab));
                return;
            }
            x += w;
        }
    }

    /// Apply an action to the app.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Back => self.back(),
            Action::NextTab => self.go(self.tab.next()),
            Action::PrevTab => self.go(self.tab.prev()),
            Action::GoTo(tab) => self.go(tab),
            Action::Undo => self.undo(),
            _ if self.detail.is_some() => self.update_detail(action),
            _ => match self.tab {
                Tab::Today => self.update_today(action),
                Tab::Partners => self.update_partners(action),
                _ => {}
            },
        }
    }

    fn go(&mut self, tab: Tab) {
        self.detail = None;
        self.filter_editing = false;
        self.tab = tab;
    }

    fn back(&mut self) {
        if self.detail.take().is_some() {
            return;
        }
        let filter = match self.tab {
            Tab::Today => &mut self.today.filter,
            Tab::Partners => &mut self.partners.filter,
            _ => return,
        };
        if !filter.is_empty() {
            filter.clear();
            self.rebuild_lists();
        } else if self.tab == Tab::Partners && self.partners.matrix {
            self.partners.matrix = false;
        }
    }

    fn update_today(&mut self, action: Action) {
        let h = self.list_height();
        let page = isize::try_from(h.max(1)).unwrap_or(1);
        match action {
            Action::Down => self.today.move_by(1, h),
            Action::Up => self.today.move_by(-1, h),
            Action::PageDown => self.today.move_by(page, h),
            Action::PageUp => self.today.move_by(-page, h),
            Action::Top => self.today.top(h),
            Action::Bottom => self.today.bottom(h),
            Action::NextSection => self.today.jump_section(1, h),
            Action::PrevSection => self.today.jump_section(-1, h),
            Action::Filter => self.filter_editing = true,
            Action::Open => {
                if let Some(subject) = self.today.selected(&self.model).map(|i| i.subject) {
                    self.open_partner(subject.partner());
                    // Land on what the line is about.
                    match subject {
                        Subject::Qbr { .. }
                        | Subject::ChecklistItem { .. }
                        | Subject::ActionItem { .. } => {
                            self.scroll_detail_to("QBRs");
                        }
                        Subject::CampaignTask { .. } => self.scroll_detail_to("Campaigns"),
                        Subject::Partner { .. } => {}
                    }
                }
            }
            Action::LogTouch => {
                if let Some(item) = self.today.selected(&self.model) {
                    self.start_touch(item.subject.partner());
                }
            }
            Action::ToggleDone => match self.today.selected(&self.model).map(|i| i.subject) {
                Some(subject) if subject.is_task() => self.toggle_done(subject),
                Some(_) => {
                    self.status =
                        Some("x marks tasks, checklist items and action items done".into());
                }
                None => {}
            },
            _ => {}
        }
    }

    fn update_partners(&mut self, action: Action) {
        let h = self.list_height();
        let len = self.partners.visible.len();
        let page = isize::try_from(h.max(1)).unwrap_or(1);
        let c = &mut self.partners.cursor;
        match action {
            Action::Down => c.move_by(1, len, h),
            Action::Up => c.move_by(-1, len, h),
            Action::PageDown => c.move_by(page, len, h),
            Action::PageUp => c.move_by(-page, len, h),
            Action::Top => c.top(len, h),
            Action::Bottom => c.bottom(len, h),
            Action::Filter => self.filter_editing = true,
            Action::SortNext => {
                self.partners.sort = self.partners.sort.next();
                self.partners.reverse = false;
                self.partners.rebuild(&self.model, h);
            }
            Action::SortReverse => {
                self.partners.reverse = !self.partners.reverse;
                self.partners.rebuild(&self.model, h);
            }
            Action::ToggleMatrix => self.partners.matrix = !self.partners.matrix,
            Action::Facets => {
                self.popup = Some(Popup::Facets {
                    row: self.partners.facet_row,
                });
            }
            Action::ClearFacets => {
                self.partners.facets = Facets::default();
                self.partners.refilter(&self.model, h);
            }
            Action::Open => {
                if let Some(id) = self.partners.selected_id(&self.model) {
                    self.open_partner(id);
                }
            }
            Action::LogTouch => {
                if let Some(id) = self.partners.selected_id(&self.model) {
                    self.start_touch(id);
                }
            }
            _ => {}
        }
    }

    fn update_detail(&mut self, action: Action) {
        let body = layout::frame(self.size).body;
        let Some(d) = self.detail.as_mut() else {
            return;
        };
        let page = body.height.max(1);
        let last = partner::max_scroll(d, &self.model, body);
        match action {
            Action::Down => d.scroll = d.scroll.saturating_add(1).min(last),
            Action::Up => d.scroll = d.scroll.min(last).saturating_sub(1),
            Action::PageDown => d.scroll = d.scroll.saturating_add(page).min(last),
            Action::PageUp => d.scroll = d.scroll.min(last).saturating_sub(page),
            Action::Top => d.scroll = 0,
            Action::Bottom => d.scroll = last,
            Action::LogTouch => {
                let id = d.partner_id;
                self.start_touch(id);
            }
            _ => {}
        }
    }

    /// Open a partner's detail over the current tab, reading its full file.
    pub fn open_partner(&mut self, id: i64) {
        if let Some(store) = self.store.as_ref()
            && let Err(e) = self.model.load_file(store, id)
        {
            self.status = Some(format!("cannot read this partner: {e}"));
            return;
        }
        self.filter_editing = false;
        self.detail = Some(DetailState {
            partner_id: id,
            scroll: 0,
        });
    }

    /// Scroll the open detail so the section titled `title` is at the top.
    fn scroll_detail_to(&mut self, title: &str) {
        let body = layout::frame(self.size).body;
        if let Some(d) = self.detail {
            let line = partner::section_line(&d, &self.model, body.width, title).unwrap_or(0);
            let max = partner::max_scroll(&d, &self.model, body);
            let scroll = u16::try_from(line).unwrap_or(u16::MAX).min(max);
            self.detail = Some(DetailState { scroll, ..d });
        }
    }

    fn start_touch(&mut self, partner_id: i64) {
        let Some((p, _)) = self.model.partner(partner_id) else {
            return;
        };
        self.popup = Some(Popup::LogTouch(Box::new(TouchForm::new(
            partner_id,
            p.name.clone(),
        ))));
    }

    fn edit_filter(&mut self, key: KeyEvent) {
        let filter = match self.tab {
            Tab::Today => &mut self.today.filter,
            Tab::Partners => &mut self.partners.filter,
            _ => {
                self.filter_editing = false;
                return;
            }
        };
        match key.code {
            KeyCode::Enter => self.filter_editing = false,
            KeyCode::Esc => {
                filter.clear();
                self.filter_editing = false;
            }
            KeyCode::Backspace => {
                filter.pop();
            }
            KeyCode::Char(c) => filter.push(c),
            _ => return,
        }
        // Only the list being filtered changes.
        let h = self.list_height();
        match self.tab {
            Tab::Today => self.today.rebuild(&self.model, h),
            _ => self.partners.refilter(&self.model, h),
        }
    }

    fn on_popup(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => self.popup = None,
            Outcome::SaveTouch => {
                if let Some(Popup::LogTouch(form)) = self.popup.take() {
                    self.save_touch(&form);
                }
            }
            Outcome::FacetRow(step) => {
                let n = FACET_ROWS.len();
                let row = self
                    .partners
                    .facet_row
                    .saturating_add_signed(step)
                    .min(n - 1);
                self.partners.facet_row = row;
                self.popup = Some(Popup::Facets { row });
            }
            Outcome::FacetValue(step) => {
                let owners = self.owners();
                self.partners
                    .facets
                    .cycle(self.partners.facet_row, step, &owners);
                let h = self.list_height();
                self.partners.refilter(&self.model, h);
            }
            Outcome::ClearFacets => {
                self.partners.facets = Facets::default();
                let h = self.list_height();
                self.partners.refilter(&self.model, h);
            }
        }
    }

    /// Every owner in the book, sorted, for the owner facet.
    fn owners(&self) -> Vec<String> {
        let mut owners: Vec<String> = self
            .model
            .partners
            .iter()
            .filter(|p| !p.archived)
            .map(|p| p.owner.clone())
            .collect();
        owners.sort();
        owners.dedup();
        owners
    }

    fn save_touch(&mut self, form: &TouchForm) {
        let summary = form.summary_text();
        let edit = Edit::LogTouch {
            partner_id: form.partner_id,
            kind: form.kind(),
            summary,
        };
        self.apply(edit, &form.partner_name);
    }

    fn toggle_done(&mut self, subject: Subject) {
        let name = self
            .model
            .partner(subject.partner())
            .map(|(p, _)| p.name.clone())
            .unwrap_or_default();
        self.apply(Edit::ToggleDone(subject), &name);
    }

    /// Write an edit to the store, then to the model; keep it for undo.
    fn apply(&mut self, edit: Edit, partner_name: &str) {
        let Some(store) = self.store.as_mut() else {
            self.status = Some("this view is read-only".into());
            return;
        };
        match undo::apply(edit, store, &mut self.model) {
            Ok((done, what)) => {
                self.status = Some(format!("{what} · {partner_name} · u undoes"));
                self.edits.push(done);
                self.rebuild_lists();
            }
            Err(e) => {
                self.status = Some(format!("not saved: {e}"));
                self.rebuild_lists();
            }
        }
    }

    fn undo(&mut self) {
        let Some(edit) = self.edits.pop() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match undo::revert(edit, store, &mut self.model) {
            Ok(what) => {
                self.status = Some(format!("undone: {what}"));
                self.rebuild_lists();
            }
            Err(e) => {
                self.status = Some(format!("could not undo: {e}"));
                self.rebuild_lists();
            }
        }
    }

    /// Pasted text (bracketed paste): goes into the focused text field as
    /// text and never runs as commands. With no text field open it is ignored.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(super::popup::Popup::LogTouch(form)) = self.popup.as_mut() {
            form.summary.insert_str(text.replace(['\r', '\n'], " "));
        }
    }
}
