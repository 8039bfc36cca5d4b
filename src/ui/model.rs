//! What the screens show: the partners, what the rules say about each, and
//! the files of the partners opened so far.
//!
//! Summaries come from the store's cache (or are computed once per load or
//! change); Today and the KPIs are put together from them. A partner's full
//! history is read only when its detail is opened or it is edited, so even a
//! very large book opens at once and never sits in memory whole.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::analysis::summarize;
use crate::domain::book::{Book, Partner, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::kpi::ProgramKpis;
use crate::domain::summary::PartnerSummary;
use crate::domain::today::Section;
use crate::domain::triage::assemble;
use crate::store::summaries::Analysed;
use crate::store::{Store, StoreError};

pub struct Model {
    /// Every partner record, by id.
    pub partners: Vec<Partner>,
    /// What the rules say about each partner (same index as `partners`).
    pub summaries: Vec<PartnerSummary>,
    /// Full files of the partners opened or edited so far.
    files: HashMap<i64, PartnerFile>,
    pub triage: Vec<Section>,
    /// Lowercase text of each Today line (same shape as `triage`), made the
    /// first time Today is filtered.
    triage_text: std::cell::OnceCell<Vec<Vec<String>>>,
    /// Lowercase partner names (same index as `partners`), for filtering.
    pub name_keys: Vec<String>,
    /// What `/` searches on Partners (same index as `partners`): name, owner,
    /// type, tier and region, made with `search_key`.
    pub search_keys: Vec<String>,
    /// Each partner's place in name order, and its owner's place among the
    /// owners (same index as `partners`), for cheap sorting.
    pub name_rank: Vec<u32>,
    pub owner_rank: Vec<u32>,
    pub kpis: ProgramKpis,
    pub config: ProgramConfig,
    pub today: NaiveDate,
    /// Shown in the header: `book: demo (60)`.
    pub book_name: String,
    /// The manager whose partners Today and Partners show (`me` in the
    /// config, or `--owner`); None for everyone's.
    pub owner: Option<String>,
    /// Show everyone's partners even though `owner` is set (`a`).
    pub everyone: bool,
}

impl Model {
    #[must_use]
    pub fn new(
        analysed: Analysed,
        config: ProgramConfig,
        today: NaiveDate,
        book_name: String,
    ) -> Model {
        let mut model = Model {
            partners: analysed.partners,
            summaries: analysed.summaries,
            files: HashMap::new(),
            triage: Vec::new(),
            triage_text: std::cell::OnceCell::new(),
            name_keys: Vec::new(),
            search_keys: Vec::new(),
            name_rank: Vec::new(),
            owner_rank: Vec::new(),
            kpis: ProgramKpis::of(std::iter::empty(), &config),
            owner: Some(config.me.trim().to_string()).filter(|m| !m.is_empty()),
            everyone: false,
            config,
            today,
            book_name,
        };
        model.derive();
        model.derive_names();
        model
    }

    /// A model over a book held in memory, every file loaded (tests, and
    /// views of a book that is not in a store).
    #[must_use]
    pub fn from_book(
        book: Book,
        config: ProgramConfig,
        today: NaiveDate,
        book_name: String,
    ) -> Model {
        let summaries = book
            .partners
            .iter()
            .map(|f| summarize(f, today, &config))
            .collect();
        let analysed = Analysed {
            partners: book.partners.iter().map(|f| f.partner.clone()).collect(),
            summaries,
            cached: false,
        };
        let mut model = Model::new(analysed, config, today, book_name);
        for file in book.partners {
            model.insert_file(file);
        }
        model
    }

    /// The partner with this name, ignoring case.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&Partner> {
        let wanted = crate::domain::search::name_key(name);
        self.partners
            .iter()
            .find(|p| crate::domain::search::name_key(&p.name) == wanted)
    }

    /// Today and the KPIs, over partners not archived.
    fn derive(&mut self) {
        let live = || {
            self.partners
                .iter()
                .zip(&self.summaries)
                .filter(|(p, _)| !p.archived)
                .map(|(_, s)| s)
        };
        self.triage = assemble(live().flat_map(|s| &s.today), &self.config);
        self.kpis = ProgramKpis::of(live(), &self.config);
        self.triage_text = std::cell::OnceCell::new();
    }

    /// The manager whose partners are shown now, if the view is scoped.
    #[must_use]
    pub fn scope(&self) -> Option<&str> {
        self.owner.as_deref().filter(|_| !self.everyone)
    }

    /// A screen's title with whose partners it shows:
    /// `Today · Dana's partners (a: everyone's)`.
    #[must_use]
    pub fn scoped_title(&self, screen: &str) -> String {
        match (&self.owner, self.everyone) {
            (None, _) => screen.to_string(),
            (Some(me), false) => format!(
                "{screen} · {}'s partners (a: everyone's)",
                crate::domain::text::display_safe(me)
            ),
            (Some(_), true) => format!("{screen} · everyone's partners (a: yours)"),
        }
    }

    /// Is a partner owned by `owner` shown under the current scope? Owners
    /// compare as names do (case, accents and width aside).
    #[must_use]
    pub fn in_scope(&self, owner: &str) -> bool {
        self.scope().is_none_or(|me| {
            crate::domain::search::name_key(me) == crate::domain::search::name_key(owner)
        })
    }

    /// Lowercase text of Today's line `item` of section `section`, for filtering.
    #[must_use]
    pub fn triage_text(&self, section: usize, item: usize) -> Option<&str> {
        let all = self.triage_text.get_or_init(|| {
            self.triage
                .iter()
                .map(|s| {
                    s.items
                        .iter()
                        .map(|i| {
                            crate::domain::search::search_key(&format!(
                                "{} {} {} {} {} {}",
                                i.partner, i.title, i.context, i.owner, i.partner_owner, i.tag
                            ))
                        })
                        .collect()
                })
                .collect()
        });
        all.get(section)?.get(item).map(String::as_str)
    }

    /// Filter keys and sort ranks of names and owners.
    fn derive_names(&mut self) {
        self.name_keys = self
            .partners
            .iter()
            .map(|p| crate::domain::search::name_key(&p.name))
            .collect();
        self.name_rank = ranks(&self.name_keys);
        self.search_keys = self
            .partners
            .iter()
            .map(|p| {
                crate::domain::search::search_key(&format!(
                    "{} {} {} {} {}",
                    p.name,
                    p.owner,
                    p.kind,
                    p.tier.title(),
                    p.region
                ))
            })
            .collect();
        let owners: Vec<&str> = self.partners.iter().map(|p| p.owner.as_str()).collect();
        self.owner_rank = ranks(&owners);
    }

    /// Position of a partner (partners are sorted by id).
    #[must_use]
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.partners.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// A partner and its summary.
    #[must_use]
    pub fn partner(&self, id: i64) -> Option<(&Partner, &PartnerSummary)> {
        let i = self.index_of(id)?;
        Some((self.partners.get(i)?, self.summaries.get(i)?))
    }

    /// A partner's full file, if it has been loaded.
    #[must_use]
    pub fn file(&self, id: i64) -> Option<&PartnerFile> {
        self.files.get(&id)
    }

    /// Read a partner's full file from the store (once).
    ///
    /// # Errors
    /// When the store cannot read it.
    pub fn load_file(&mut self, store: &Store, id: i64) -> Result<(), StoreError> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.files.entry(id) {
            slot.insert(store.load_file(id)?);
        }
        Ok(())
    }

    /// Drop a loaded file (it will be read again when needed).
    pub fn forget_file(&mut self, id: i64) {
        self.files.remove(&id);
    }

    /// Keep a file already in hand (tests, or a store-less view).
    pub fn insert_file(&mut self, file: PartnerFile) {
        self.files.insert(file.partner.id, file);
    }

    /// Keep a partner's file and summary as the book now holds them (after
    /// an edit was committed), and re-derive Today and the KPIs.
    pub fn set_file(&mut self, file: PartnerFile, summary: PartnerSummary) {
        let Some(i) = self.index_of(file.partner.id) else {
            return;
        };
        let renamed = self.partners[i].name != file.partner.name
            || self.partners[i].owner != file.partner.owner;
        self.partners[i] = file.partner.clone();
        self.summaries[i] = summary;
        self.files.insert(file.partner.id, file);
        self.derive();
        if renamed {
            self.derive_names();
        }
    }

    /// Every owner of a partner not archived, sorted, once each.
    #[must_use]
    pub fn owners(&self) -> Vec<String> {
        let mut owners: Vec<String> = self
            .partners
            .iter()
            .filter(|p| !p.archived)
            .map(|p| p.owner.clone())
            .collect();
        owners.sort();
        owners.dedup();
        owners
    }

    /// Partners not archived.
    #[must_use]
    pub fn partner_count(&self) -> usize {
        self.partners.iter().filter(|p| !p.archived).count()
    }
}

/// Each value's place in sorted order (equal values share a place).
fn ranks<T: Ord>(values: &[T]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|a, b| values[*a].cmp(&values[*b]));
    let mut rank = vec![0; values.len()];
    let mut place = 0u32;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && values[order[n - 1]] != values[i] {
            place += 1;
        }
        rank[i] = place;
    }
    rank
}
