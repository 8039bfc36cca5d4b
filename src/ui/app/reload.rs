//! Noticing that another program changed the book, and reading it again
//! with the screens kept where they were (docs/architecture.md, "One edit
//! pipeline").

use super::App;
use crate::ui::model::Model;

impl App {
    /// Has another program committed to the book since we last looked?
    pub(super) fn changed_elsewhere(&mut self) -> bool {
        let Some(version) = self.store.as_ref().and_then(|s| s.data_version().ok()) else {
            return false;
        };
        let changed = self.seen_version.is_some_and(|seen| seen != version);
        self.seen_version = Some(version);
        changed
    }

    /// Read the book again after another program changed it, and say so.
    pub(super) fn reload(&mut self) {
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
}
