//! The app: routes each key to the top modal or the screen on show, and
//! applies the [`Effect`] that comes back. It knows no screen by name; the
//! screens are listed in `screens::registry`. Rendering lives in
//! `render.rs` and never changes anything here.

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::history::{History, Step};
use super::keymap::{Keymap, Scope};
use super::layout;
use super::modals::confirm::Confirm;
use super::modals::help::Help;
use super::model::Model;
use super::screen::{Ctx, Effect, Modal, Screen};
use super::screens::partner::DetailState;
use super::screens::{Tab, registry};
use super::theme::Theme;
use crate::domain::edit::Edit;
use crate::domain::text::display_safe;
use crate::store::Store;

pub struct App {
    pub model: Model,
    /// None in read-only views (snapshots); writes then say so.
    store: Option<Store>,
    pub theme: Theme,
    pub keymap: Keymap,
    tab: Tab,
    /// One screen per tab, in `Tab::ALL` order.
    screens: Vec<Box<dyn Screen>>,
    /// Partner detail, opened over the current tab.
    detail: Option<Box<dyn Screen>>,
    /// Popups and input lines; the last one sees keys first.
    modals: Vec<Box<dyn Modal>>,
    /// One-line message in the footer (what just happened, or what failed).
    pub status: Option<String>,
    /// The terminal's size, for paging and mouse hits.
    pub size: Rect,
    pub quit: bool,
    history: History,
    /// The book's `data_version` when last read, to notice other programs.
    seen_version: Option<i64>,
}

impl App {
    #[must_use]
    pub fn new(model: Model, store: Option<Store>, theme: Theme, size: Rect) -> App {
        let mut screens: Vec<Box<dyn Screen>> = Vec::new();
        for (tab, screen) in registry() {
            debug_assert_eq!(tab.index(), screens.len(), "registry in tab order");
            screens.push(screen);
        }
        let seen_version = store.as_ref().and_then(|s| s.data_version().ok());
        let mut app = App {
            model,
            store,
            theme,
            keymap: Keymap::default(),
            tab: Tab::Today,
            screens,
            detail: None,
            modals: Vec::new(),
            status: None,
            size,
            quit: false,
            history: History::default(),
            seen_version,
        };
        app.refresh();
        app
    }

    /// Take the app apart: its model and its store.
    #[must_use]
    pub fn into_parts(self) -> (Model, Option<Store>) {
        (self.model, self.store)
    }

    /// The tab on show.
    #[must_use]
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Is a partner's detail open?
    #[must_use]
    pub fn detail_open(&self) -> bool {
        self.detail.is_some()
    }

    /// How many modals are open.
    #[must_use]
    pub fn modal_count(&self) -> usize {
        self.modals.len()
    }

    /// The screen of a tab as its own type (tests, benchmarks).
    #[must_use]
    pub fn screen_of<T: Screen>(&self, tab: Tab) -> Option<&T> {
        let screen: &dyn std::any::Any = self.screens.get(tab.index())?.as_ref();
        screen.downcast_ref()
    }

    /// What draws and reads: model, theme, keymap and the body area.
    #[must_use]
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            model: &self.model,
            theme: &self.theme,
            keymap: &self.keymap,
            body: layout::frame(self.size).body,
        }
    }

    /// The screen on show: the detail if one is open, else the tab's.
    #[must_use]
    pub fn screen(&self) -> &dyn Screen {
        match &self.detail {
            Some(d) => d.as_ref(),
            None => self.screens[self.tab.index()].as_ref(),
        }
    }

    /// The top modal, if any.
    #[must_use]
    pub fn modals(&self) -> &[Box<dyn Modal>] {
        &self.modals
    }

    /// Keymap scopes for keys and hints on the screen on show.
    #[must_use]
    pub fn scopes(&self) -> Vec<Scope> {
        if let Some(top) = self.modals.last() {
            return vec![top.scope(), Scope::Always];
        }
        let mut scopes = self.screen().scopes();
        scopes.extend([Scope::Global, Scope::Always]);
        scopes
    }

    /// Rebuild every screen's lists after the model or the size changed.
    fn refresh(&mut self) {
        let (model, theme, keymap) = (&self.model, &self.theme, &self.keymap);
        let ctx = Ctx {
            model,
            theme,
            keymap,
            body: layout::frame(self.size).body,
        };
        for screen in self.screens.iter_mut().chain(self.detail.iter_mut()) {
            screen.refresh(&ctx);
        }
    }

    /// A key press: the top modal sees it first, then the screen on show.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.status = None;
        let action = self.keymap.action(key, &self.scopes());
        if let Some(mut top) = self.modals.pop() {
            let effect = if action == Some(Action::Quit) {
                Effect::Quit
            } else {
                top.on_key(key, action, &self.ctx())
            };
            self.modals.push(top);
            self.apply(effect);
            return;
        }
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// Pasted text (bracketed paste): goes into the focused text field as
    /// text and never runs as commands. With no text field open it is ignored.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(mut top) = self.modals.pop() {
            let effect = top.on_paste(text, &self.ctx());
            self.modals.push(top);
            self.apply(effect);
        }
    }

    /// Wheel scrolls, a click on a tab switches to it, a click in the body
    /// goes to the screen.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        if !self.modals.is_empty() {
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
        self.refresh();
    }

    /// Nothing happened for a while: notice a book another program changed.
    /// Returns whether the screen needs drawing again.
    pub fn on_idle(&mut self) -> bool {
        if self.changed_elsewhere() {
            self.reload();
            return true;
        }
        false
    }

    fn click(&mut self, column: u16, row: u16) {
        let areas = layout::frame(self.size);
        if row == areas.header.y {
            if let Some(tab) = layout::tab_at(column) {
                self.update(Action::GoTo(tab));
            }
            return;
        }
        let body = areas.body;
        if row < body.y || row >= body.bottom() || column < body.x || column >= body.right() {
            return;
        }
        let effect =
            self.with_screen(|screen, ctx| screen.click(column - body.x, row - body.y, ctx));
        self.apply(effect);
    }

    /// Run `f` on the screen on show with the context it reads.
    fn with_screen(&mut self, f: impl FnOnce(&mut dyn Screen, &Ctx) -> Effect) -> Effect {
        let ctx = Ctx {
            model: &self.model,
            theme: &self.theme,
            keymap: &self.keymap,
            body: layout::frame(self.size).body,
        };
        let screen = match &mut self.detail {
            Some(d) => d.as_mut(),
            None => self.screens[self.tab.index()].as_mut(),
        };
        f(screen, &ctx)
    }

    /// Apply an action: the app's own (quit, help, tabs, undo), else the
    /// screen's.
    pub fn update(&mut self, action: Action) {
        let effect = match action {
            Action::Quit => Effect::Quit,
            Action::Help => Effect::Push(Box::new(Help::new(self.scopes()))),
            Action::NextTab => self.go(self.tab.next()),
            Action::PrevTab => self.go(self.tab.prev()),
            Action::GoTo(tab) => self.go(tab),
            Action::Undo => return self.step(Step::Undo),
            Action::Redo => return self.step(Step::Redo),
            Action::ToggleMine => self.toggle_mine(),
            _ => self.with_screen(|screen, ctx| screen.update(action, ctx)),
        };
        self.apply(effect);
    }

    /// `a`: my partners or everyone's, on every screen at once.
    fn toggle_mine(&mut self) -> Effect {
        let Some(me) = self.model.owner.clone() else {
            return Effect::Status(
                "set me = \"Your Name\" in the config (or --owner NAME) to see only your partners"
                    .into(),
            );
        };
        self.model.everyone = !self.model.everyone;
        self.refresh();
        Effect::Status(if self.model.everyone {
            "showing every manager's partners · a for yours".to_string()
        } else {
            format!(
                "showing {}'s partners · a for everyone's",
                display_safe(&me)
            )
        })
    }

    fn go(&mut self, tab: Tab) -> Effect {
        self.detail = None;
        self.tab = tab;
        Effect::None
    }

    /// Carry out what a screen or modal asked for.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Status(text) => self.status = Some(text),
            Effect::Open { partner, section } => self.open_at(partner, section),
            Effect::Close => self.detail = None,
            Effect::Push(modal) => self.modals.push(modal),
            Effect::Pop => {
                self.modals.pop();
            }
            Effect::Edit(edit) => self.edit(&edit, Step::Do),
            Effect::Tell(msg) => {
                let ctx = Ctx {
                    model: &self.model,
                    theme: &self.theme,
                    keymap: &self.keymap,
                    body: layout::frame(self.size).body,
                };
                self.screens[self.tab.index()].receive(msg, &ctx);
            }
            Effect::Quit if self.modals.iter().any(|m| m.unsaved()) => {
                self.apply(Confirm::ask(
                    "Quit and lose the text you typed?",
                    Effect::QuitNow,
                ));
            }
            Effect::Quit | Effect::QuitNow => self.quit = true,
            Effect::Many(effects) => {
                for e in effects {
                    self.apply(e);
                }
            }
        }
    }

    /// Open a partner's detail over the current tab, reading its full file.
    pub fn open_partner(&mut self, id: i64) {
        self.open_at(id, None);
    }

    fn open_at(&mut self, id: i64, section: Option<&str>) {
        if let Some(store) = self.store.as_ref()
            && let Err(e) = self.model.load_file(store, id)
        {
            self.status = Some(format!("cannot read this partner: {e}"));
            return;
        }
        let detail = DetailState::open(id, section, &self.ctx());
        self.detail = Some(Box::new(detail));
    }

    /// Has another program committed to the book since we last looked?
    fn changed_elsewhere(&mut self) -> bool {
        let Some(version) = self.store.as_ref().and_then(|s| s.data_version().ok()) else {
            return false;
        };
        let changed = self.seen_version.is_some_and(|seen| seen != version);
        self.seen_version = Some(version);
        changed
    }

    /// Read the book again after another program changed it, and say so.
    fn reload(&mut self) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let (today, config) = (self.model.today, self.model.config.clone());
        match store.analyse(today, &config) {
            Ok(analysed) => {
                let name = self.model.book_name.clone();
                self.model = Model::new(analysed, config, today, name);
                self.status = Some("the book was changed by another program; reloaded".into());
            }
            Err(e) => self.status = Some(format!("the book changed but cannot be read: {e}")),
        }
        // A detail of a partner that is gone closes; one still there is read again.
        if let Some(id) = self.open_partner_id() {
            self.detail = None;
            if self.model.index_of(id).is_some() {
                self.open_partner(id);
            }
        }
        self.refresh();
    }

    fn open_partner_id(&self) -> Option<i64> {
        self.detail().map(|d| d.partner_id)
    }

    /// The open partner detail, if any.
    #[must_use]
    pub fn detail(&self) -> Option<&DetailState> {
        let detail: &dyn std::any::Any = self.detail.as_deref()?;
        detail.downcast_ref::<DetailState>()
    }

    /// Write an edit through the pipeline, then show it everywhere.
    fn edit(&mut self, edit: &Edit, step: Step) {
        let reloaded = self.changed_elsewhere();
        if reloaded {
            self.reload();
        }
        let Some(store) = self.store.as_mut() else {
            self.status = Some("this view is read-only".into());
            return;
        };
        match store.apply_edit(edit, self.model.today, &self.model.config) {
            Ok(done) => {
                self.status = Some(self.history.record(step, done.applied));
                self.model.set_file(done.file, done.summary);
                self.refresh();
            }
            Err(e) => {
                let why = format!("{}: {e}", step.failed());
                self.status = Some(if reloaded {
                    format!("the book was changed by another program; reloaded · {why}")
                } else {
                    why
                });
                // The screen never shows an edit that was not saved.
                self.model.forget_file(edit.partner_id());
                if let Some(store) = self.store.as_ref() {
                    let _ = self.model.load_file(store, edit.partner_id());
                }
            }
        }
    }

    /// Undo or redo the last edit.
    fn step(&mut self, step: Step) {
        match self.history.take(step) {
            Some(edit) => self.edit(&edit, step),
            None => self.status = Some(format!("nothing to {}", step.verb())),
        }
    }
}
