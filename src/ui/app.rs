//! The app: routes each key to the top modal or the screen on show, and
//! applies the [`Effect`] that comes back. It knows no screen by name; the
//! screens are listed in `screens::registry`. Rendering lives in
//! `render.rs` and never changes anything here.

mod drafts;

use crate::analyse::{Front, Pending, ProgramPending, front};
use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::history::{History, Step, Undoable};
use super::keymap::{Keymap, Scope};
use super::layout;
use super::modals::confirm::Confirm;
use super::modals::help::Help;
use super::model::{Model, Need};
use super::remap;
use super::screen::{Ctx, Effect, Modal, Screen};
use super::screens::partner::DetailState;
use super::screens::registry;
use super::tab::Tab;
use super::theme::Theme;
use crate::domain::edit::Edit;
use crate::domain::program::MonthChange;
use crate::domain::text::display_safe;
use crate::store::{Store, StoreError};

/// Two clicks on one row within this time are a double click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

pub struct App {
    pub model: Model,
    /// None in read-only views (snapshots); writes then say so.
    store: Option<Store>,
    pub theme: Theme,
    pub keymap: Keymap,
    tab: Tab,
    /// One screen per tab, in `Tab::ALL` order.
    screens: Vec<Box<dyn Screen>>,
    /// Tabs whose screen was not rebuilt since the model or the size last
    /// changed: only the screen on show is, the others when next shown (at
    /// 50,000 partners rebuilding every tab took 29 ms an edit).
    stale: Vec<bool>,
    /// Partner detail (or another screen, such as a campaign's timeline),
    /// opened over the current tab.
    detail: Option<Box<dyn Screen>>,
    /// The partner whose file the screen over the tab reads.
    over: Option<i64>,
    /// Popups and input lines; the last one sees keys first.
    modals: Vec<Box<dyn Modal>>,
    /// Text waiting to be opened in the user's editor (the terminal loop
    /// takes it, hands the terminal over, and calls `edited_text`).
    editor: Option<String>,
    /// One-line message in the footer (what just happened, or what failed).
    pub status: Option<String>,
    /// The terminal's size, for paging and mouse hits.
    pub size: Rect,
    pub quit: bool,
    history: History,
    /// The book's change token when last read, to notice other programs.
    seen_version: Option<i64>,
    /// The team book's server could not be reached at the last look.
    book_unreachable: bool,
    /// The last left click (when, which row), to tell a double click.
    last_click: Option<(std::time::Instant, u16)>,
    /// Scoring still running on another thread: the body shows its progress
    /// and the keys wait (only quitting works) until the numbers are in.
    pub pending: Option<Pending>,
    /// Work the program's numbers out on another thread when the book
    /// does not keep them (the cockpit; `snapshot` waits for them).
    pub program_in_background: bool,
    /// The program's numbers being worked out on another thread: Program
    /// says so until they are in.
    program_pending: Option<ProgramPending>,
    /// The partner each open form's draft is about, as the form opened on
    /// it (by draft key), kept with the draft (`app/drafts.rs`).
    draft_rows: std::collections::HashMap<String, crate::domain::draft::RowStamp>,
}

impl App {
    #[must_use]
    pub fn new(model: Model, store: Option<Store>, theme: Theme, size: Rect) -> App {
        let mut screens: Vec<Box<dyn Screen>> = Vec::new();
        for (tab, screen) in registry() {
            debug_assert_eq!(tab.index(), screens.len(), "registry in tab order");
            screens.push(screen);
        }
        let seen_version = store.as_ref().and_then(|s| s.change_token().ok());
        // Checked when the cockpit starts (`cli::run_cockpit`): a bad remap
        // never gets this far.
        let keymap = remap::remapped(Keymap::default(), &model.config.ui.keys).unwrap_or_default();
        let mut app = App {
            model,
            store,
            theme,
            keymap,
            tab: Tab::Today,
            screens,
            detail: None,
            over: None,
            modals: Vec::new(),
            editor: None,
            status: None,
            size,
            quit: false,
            history: History::default(),
            stale: vec![true; Tab::ALL.len()],
            seen_version,
            book_unreachable: false,
            last_click: None,
            pending: None,
            program_in_background: false,
            program_pending: None,
            draft_rows: std::collections::HashMap::new(),
        };
        app.refresh();
        app.offer_drafts();
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

    /// Is a partner's detail (or another screen over the tab) open?
    #[must_use]
    pub fn detail_open(&self) -> bool {
        self.detail.is_some()
    }

    /// The screen over the tab as its own type (tests).
    #[must_use]
    pub fn over_as<T: Screen>(&self) -> Option<&T> {
        let screen: &dyn std::any::Any = self.detail.as_deref()?;
        screen.downcast_ref()
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

    /// Rebuild the lists of the screen on show (and of the screen over
    /// it) after the model or the size changed; the other tabs are rebuilt
    /// when next shown.
    fn refresh(&mut self) {
        self.stale.fill(true);
        self.refresh_shown();
    }

    /// Rebuild the tab on show if it is stale, and the screen over it.
    fn refresh_shown(&mut self) {
        let (model, theme, keymap) = (&self.model, &self.theme, &self.keymap);
        let ctx = Ctx {
            model,
            theme,
            keymap,
            body: layout::frame(self.size).body,
        };
        let at = self.tab.index();
        if let (Some(screen), Some(stale)) = (self.screens.get_mut(at), self.stale.get_mut(at))
            && *stale
        {
            screen.refresh(&ctx);
            *stale = false;
        }
        if let Some(detail) = self.detail.as_mut() {
            detail.refresh(&ctx);
        }
    }

    /// A key press: the top modal sees it first, then the screen on show.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.status = None;
        let action = self.keymap.action(key, &self.scopes());
        if self.pending.is_some() {
            // Nothing to act on yet: no number on screen is current.
            if action == Some(Action::Quit) {
                self.quit = true;
            }
            return;
        }
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

    /// Text the top modal wants edited in the user's editor, if any.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.editor.take()
    }

    /// What came back from the user's editor: into the top modal, or why not.
    pub fn edited_text(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                if let Some(mut top) = self.modals.pop() {
                    let effect = top.edited_text(&text, &self.ctx());
                    self.modals.push(top);
                    self.apply(effect);
                }
            }
            Err(why) => self.status = Some(why),
        }
    }

    /// Wheel scrolls, a click on a tab switches to it, a click in the body
    /// goes to the screen.
    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        if !self.modals.is_empty() || self.pending.is_some() {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                // A second click on the same row soon after opens it.
                let now = std::time::Instant::now();
                let double = self.last_click.is_some_and(|(at, row)| {
                    row == mouse.row && now.duration_since(at) < DOUBLE_CLICK
                });
                self.last_click = Some((now, mouse.row));
                self.click(mouse.column, mouse.row);
                if double && mouse.row > layout::frame(self.size).header.y {
                    self.last_click = None;
                    self.update(Action::Open);
                }
            }
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
        if let Some(pending) = &self.pending {
            if let Some(result) = pending.take() {
                self.pending = None;
                self.scored(result);
            }
            // Redraw either way: the progress line moves.
            return true;
        }
        if self.program_done() {
            return true;
        }
        let was_unreachable = self.book_unreachable;
        if self.changed_elsewhere() {
            self.reload();
            if was_unreachable {
                self.status = Some("the team book is back; read again".into());
            }
            return true;
        }
        // The server went away: show the message once.
        self.book_unreachable != was_unreachable
    }

    fn click(&mut self, column: u16, row: u16) {
        let areas = layout::frame(self.size);
        if row == areas.header.y {
            if let Some(tab) = layout::tab_at(column, super::render::tab_bar(self, self.size.width))
            {
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
        // A key may ask for more than the screen has read (Program's
        // Enter: the partners a metric counts).
        self.load_needs(false);
    }

    /// `a`: my partners or everyone's, on every screen at once.
    fn toggle_mine(&mut self) -> Effect {
        let Some(me) = self.model.owner.clone() else {
            return Effect::Status(
                "set me = \"Your Name\" in the config (or --owner NAME) to see only your partners"
                    .into(),
            );
        };
        self.model.set_everyone(!self.model.everyone());
        self.refresh();
        Effect::Status(if self.model.everyone() {
            "showing every manager's partners · a for yours".to_string()
        } else {
            format!(
                "showing {}'s partners · a for everyone's",
                display_safe(&me)
            )
        })
    }

    /// Read what the screen on show needs and the model does not hold yet
    /// (the cockpit calls this before its first frame).
    pub fn prepare(&mut self) {
        self.load_needs(true);
    }

    /// Read what the screen on show (and the one over it) needs and the
    /// model does not hold yet (`Screen::needs`), the first time it is
    /// shown: the first frame needs only the list rows. The one place the
    /// app reads for a screen. A read that fails says so in the status
    /// line. When the cache Today's lines or the tier statuses come from
    /// is no longer current, another program changed the book: read it
    /// again, once (`retry`).
    fn load_needs(&mut self, retry: bool) {
        if self.pending.is_some() {
            return; // they come with the scoring
        }
        let Some(store) = self.store.as_ref() else {
            return;
        };
        let shown = self.screens[self.tab.index()].needs().iter();
        let over = self.detail.as_ref().map_or(&[][..], |d| d.needs()).iter();
        let mut read = false;
        for &need in shown.chain(over) {
            if self.model.has(need) {
                continue;
            }
            if need == Need::Program && self.program_in_background {
                match program_started(&mut self.model, &mut self.program_pending, store) {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(e) => {
                        self.status = Some(format!("cannot read {}: {e}", need.what()));
                        break;
                    }
                }
                if self.model.has(need) {
                    read = true;
                    continue;
                }
            }
            match self.model.load(need, store) {
                Ok(true) => read = true,
                // `reload` reads them again, without retrying.
                Ok(false) if retry => return self.reload(),
                Ok(false) => {
                    self.status =
                        Some("the book keeps changing; press a tab key to try again".into());
                    break;
                }
                Err(e) => {
                    self.status = Some(format!("cannot read {}: {e}", need.what()));
                    break;
                }
            }
        }
        if read {
            self.refresh();
        }
    }

    /// The program's numbers worked out on another thread, once in; a
    /// result for a book that changed meanwhile is dropped (and worked
    /// out again while Program shows). Whether anything changed.
    fn program_done(&mut self) -> bool {
        let Some(result) = self.program_pending.as_ref().and_then(ProgramPending::take) else {
            return false;
        };
        let epoch = self.program_pending.take().map(|p| p.epoch);
        match result {
            Ok(report) if epoch == Some(self.model.program_epoch) => {
                self.model.set_program(report);
                self.refresh();
            }
            Ok(_) => self.load_needs(false),
            Err(e) => self.status = Some(format!("cannot read the program's numbers: {e}")),
        }
        true
    }

    fn go(&mut self, tab: Tab) -> Effect {
        self.detail = None;
        self.over = None;
        self.tab = tab;
        self.load_needs(true);
        self.refresh_shown();
        Effect::None
    }

    /// Carry out what a screen or modal asked for.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Status(text) => self.status = Some(text),
            Effect::Open { partner, section } => self.open_at(partner, section),
            Effect::Over { partner, screen } => self.show_over(partner, screen),
            Effect::Close => {
                self.detail = None;
                self.over = None;
            }
            Effect::Write { path, text, done } => {
                let written = crate::fsutil::write(&path, |out| out.write_all(text.as_bytes()));
                self.status = Some(match written {
                    Ok(()) => done,
                    Err(e) => format!("cannot write {}: {e} (nothing was changed)", path.display()),
                });
            }
            Effect::Push(modal) => {
                self.stamp_draft(modal.as_ref());
                self.modals.push(modal);
            }
            Effect::Pop => {
                self.modals.pop();
            }
            Effect::Edit(edit) => {
                self.edit(&edit, Step::Do);
            }
            Effect::Submit(edit) => {
                if self.edit(&edit, Step::Do) {
                    let draft = self.modals.pop().and_then(|m| m.draft_key());
                    if let Some(key) = draft {
                        self.forget_draft(&key);
                    }
                }
            }
            Effect::SetCompanyRevenue(change) => {
                if self.set_company_revenue(change, Step::Do) {
                    let draft = self.modals.pop().and_then(|m| m.draft_key());
                    if let Some(key) = draft {
                        self.forget_draft(&key);
                    }
                }
            }
            Effect::Draft(draft) => self.keep_draft(&draft),
            Effect::WithFile { partner, then } => {
                if let Some(store) = self.store.as_ref()
                    && let Err(e) = self.model.load_file(store, partner)
                {
                    self.status = Some(format!("cannot read this partner: {e}"));
                    return;
                }
                let next = then(&self.ctx(), partner);
                self.apply(next);
            }
            Effect::ExternalEditor(text) => self.editor = Some(text),
            Effect::Resume(draft) => self.resume(&draft),
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
        self.over = Some(id);
    }

    /// Show a screen over the tab once its partner's file is read.
    fn show_over(&mut self, id: i64, screen: Box<dyn Screen>) {
        if let Some(store) = self.store.as_ref()
            && let Err(e) = self.model.load_file(store, id)
        {
            self.status = Some(format!("cannot read this partner: {e}"));
            return;
        }
        self.detail = Some(screen);
        self.over = Some(id);
        self.refresh();
    }

    /// Has another program committed to the book since we last looked?
    /// A team book whose server went away says so (and is tried again on
    /// the next look; it reads again once the server is back).
    fn changed_elsewhere(&mut self) -> bool {
        let token = match self.store.as_ref().map(|s| s.change_token()) {
            Some(Ok(token)) => token,
            Some(Err(e @ StoreError::Unreachable { .. })) => {
                self.status = Some(format!("{e}; showing the book as last read"));
                self.book_unreachable = true;
                return false;
            }
            None | Some(Err(_)) => return false,
        };
        if std::mem::take(&mut self.book_unreachable) {
            self.seen_version = Some(token);
            return true;
        }
        let version = token;
        let changed = self.seen_version.is_some_and(|seen| seen != version);
        self.seen_version = Some(version);
        changed
    }

    /// The scoring started with the cockpit is done: show its numbers.
    fn scored(&mut self, result: Result<Front, StoreError>) {
        match result {
            Ok(front) => {
                let m = &self.model;
                let (config, today, name) = (m.config.clone(), m.today, m.book_name.clone());
                let owner = m.owner.clone();
                let book_id = std::mem::take(&mut self.model.book_id);
                self.model = Model::from_front(front, config, today, name);
                self.model.owner = owner;
                self.model.book_id = book_id;
                self.program_pending = None;
                self.seen_version = self.store.as_ref().and_then(|s| s.change_token().ok());
                // The scoring threads are done: what they freed goes back
                // before the screens read more.
                crate::memory::release_freed();
                self.load_needs(true);
            }
            Err(e) => self.status = Some(format!("the book cannot be read: {e}")),
        }
        self.refresh();
    }

    /// Read the book again after another program changed it, and say so.
    fn reload(&mut self) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let (today, config) = (self.model.today, self.model.config.clone());
        match front(store, today, &config) {
            Ok(front) => {
                let name = self.model.book_name.clone();
                let owner = self.model.owner.clone();
                let book_id = std::mem::take(&mut self.model.book_id);
                self.model = Model::from_front(front, config, today, name);
                self.model.owner = owner;
                self.model.book_id = book_id;
                self.program_pending = None;
                self.status = Some("the book was changed by another program; reloaded".into());
                self.load_needs(false);
            }
            Err(e) => self.status = Some(format!("the book changed but cannot be read: {e}")),
        }
        // A detail of a partner that is gone closes; one still there is read again.
        if let Some(id) = self.open_partner_id() {
            self.detail = None;
            if self.model.index_of(id).is_some() {
                self.open_partner(id);
            }
        } else if let Some(id) = self.over {
            let read = self.model.index_of(id).is_some()
                && self
                    .store
                    .as_ref()
                    .is_some_and(|store| self.model.load_file(store, id).is_ok());
            if !read {
                self.detail = None;
                self.over = None;
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
    /// Returns whether it was saved.
    fn edit(&mut self, edit: &Edit, step: Step) -> bool {
        let reloaded = self.changed_elsewhere();
        if reloaded {
            self.reload();
        }
        let Some(store) = self.store.as_mut() else {
            self.status = Some("this view is read-only".into());
            return false;
        };
        match store.apply_edit(edit, self.model.today, &self.model.config) {
            Ok(done) => {
                self.status = Some(self.history.record(step, done.applied, &self.keymap));
                if done.coverage_changed {
                    // Every score changes: read the whole book again.
                    let status = self.status.take();
                    self.reload();
                    self.status = status;
                } else if let Some((file, summary)) = done.after {
                    self.model.set_file(file, summary);
                } else {
                    self.model.remove_partner(edit.partner_id());
                    if self.open_partner_id() == Some(edit.partner_id()) {
                        self.detail = None;
                    }
                }
                // What the screen on show reads across partners (the
                // program's numbers) is read again.
                self.load_needs(false);
                self.refresh();
                true
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
                false
            }
        }
    }

    /// Undo or redo the last edit.
    fn step(&mut self, step: Step) {
        match self.history.take(step) {
            Some(Undoable::Edit(edit)) => {
                self.edit(&edit, step);
            }
            Some(Undoable::CompanyRevenue(change)) => {
                self.set_company_revenue(change, step);
            }
            None => self.status = Some(format!("nothing to {}", step.verb())),
        }
    }

    /// Set or clear a month of the company's revenue in one transaction
    /// and remember how to undo it; false (the status says why) when it
    /// was not saved.
    fn set_company_revenue(&mut self, change: MonthChange, step: Step) -> bool {
        let Some(store) = self.store.as_mut() else {
            self.status = Some("this view is read-only".into());
            return false;
        };
        match store.set_company_revenue(change.month, change.amount) {
            Ok(before) => {
                let cur = self.model.config.currency.clone();
                let inverse = MonthChange {
                    month: change.month,
                    amount: before,
                };
                self.status = Some(self.history.record_company(
                    step,
                    inverse,
                    &change.what(&cur),
                    &self.keymap,
                ));
                self.model.forget_program();
                self.load_needs(false);
                self.refresh();
                true
            }
            Err(e) => {
                self.status = Some(format!("{}: {e}", step.failed()));
                false
            }
        }
    }
}

/// The program's numbers as the book keeps them, else worked out on
/// another thread (`pending`): true while they are (or were just set
/// going), false when they must be read here (a book in memory). A quick
/// read sets them on the model.
fn program_started(
    model: &mut Model,
    pending: &mut Option<ProgramPending>,
    store: &Store,
) -> Result<bool, StoreError> {
    let epoch = model.program_epoch;
    if pending.as_ref().is_some_and(|p| p.epoch == epoch) {
        return Ok(true);
    }
    let (today, config) = (model.today, model.config.clone());
    if let Some(report) = crate::analyse::program_kept(store, today, &config)? {
        model.set_program(report);
        return Ok(false);
    }
    *pending = ProgramPending::start(store.address(), today, config, epoch);
    Ok(pending.is_some())
}
