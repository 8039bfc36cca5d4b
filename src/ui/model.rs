//! What the screens show: the partners, what the rules say about each, and
//! the files of the partners opened so far.
//!
//! Summaries come from the store's cache (or are computed once per load or
//! change); Today and the KPIs are put together from them. A partner's full
//! history is read only when its detail is opened or it is edited, so even a
//! very large book opens at once and never sits in memory whole.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analyse::Analysed;
use crate::domain::analysis::summarize;
use crate::domain::book::{Book, Partner, PartnerFile};
use crate::domain::campaigns::{CampaignRow, row_of};
use crate::domain::config::ProgramConfig;
use crate::domain::kpi::ProgramKpis;
use crate::domain::qbr::window_start;
use crate::domain::qbr_board::{QbrLine, lines_of};
use crate::domain::summary::PartnerSummary;
use crate::domain::today::{SectionKind, TriageItem};
use crate::domain::triage::order;
use crate::store::{Store, StoreError};

pub struct Model {
    /// Every partner record, by id.
    pub partners: Vec<Partner>,
    /// What the rules say about each partner (same index as `partners`).
    pub summaries: Vec<PartnerSummary>,
    /// Full files of the partners opened or edited so far.
    files: HashMap<i64, PartnerFile>,
    /// Today's sections, their lines pointing into `summaries` (not
    /// copies: at 50,000 partners the copies were tens of megabytes).
    pub triage: Vec<TodaySection>,
    /// Lowercase text of each Today line (same shape as `triage`), made the
    /// first time Today is filtered.
    triage_text: std::cell::OnceCell<Vec<Vec<String>>>,
    /// Lowercase partner names (same index as `partners`), for filtering.
    pub name_keys: Vec<String>,
    /// What `/` searches on Partners, made the first time it is used (see
    /// [`Model::search_index`]).
    search: std::cell::OnceCell<SearchIndex>,
    /// Each partner's place in name order, and its owner's place among the
    /// owners (same index as `partners`), for cheap sorting.
    pub name_rank: Vec<u32>,
    pub owner_rank: Vec<u32>,
    /// Every partner's index in name order (equal names by their place in
    /// the book): where each sort of the partners starts.
    pub name_order: Vec<usize>,
    pub kpis: ProgramKpis,
    /// The campaigns list, by launch date (`Store::campaign_rows`).
    pub campaigns: Vec<CampaignRow>,
    /// Has the campaigns list been read? It is read when Campaigns is
    /// first shown, so opening the cockpit does not pay for it.
    pub campaigns_loaded: bool,
    /// Every QBR of the completion window and after, of partners not
    /// archived: one line each, read from the book in one query.
    pub qbr_lines: Vec<QbrLine>,
    /// Have the QBR lines been read? They are read when the QBRs screen is
    /// first shown, so opening the cockpit does not pay for them.
    pub qbr_lines_loaded: bool,
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
            search: std::cell::OnceCell::new(),
            name_rank: Vec::new(),
            owner_rank: Vec::new(),
            name_order: Vec::new(),
            kpis: ProgramKpis::of(std::iter::empty(), &config),
            campaigns: Vec::new(),
            campaigns_loaded: false,
            qbr_lines: Vec::new(),
            qbr_lines_loaded: false,
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
        let mut campaigns: Vec<CampaignRow> = book
            .partners
            .iter()
            .filter(|f| !f.partner.archived)
            .flat_map(|f| f.campaigns.iter().map(|c| row_of(&f.partner, c, today)))
            .collect();
        campaigns.sort_by_key(|r| (r.launch, r.id));
        let analysed = Analysed {
            partners: book.partners.iter().map(|f| f.partner.clone()).collect(),
            summaries,
            cached: false,
        };
        let mut model = Model::new(analysed, config, today, book_name);
        model.campaigns = campaigns;
        model.campaigns_loaded = true;
        for file in book.partners {
            model.insert_file(file);
        }
        model.qbr_lines_loaded = true;
        let ids: Vec<i64> = model.files.keys().copied().collect();
        for id in ids {
            model.refresh_qbr_lines(id);
        }
        model
    }

    /// Read the QBR lines from the book (one query across partners).
    ///
    /// # Errors
    /// When the store cannot read them.
    pub fn load_qbr_lines(&mut self, store: &Store) -> Result<(), StoreError> {
        self.qbr_lines = store.qbr_lines(window_start(self.today, &self.config))?;
        self.qbr_lines_loaded = true;
        Ok(())
    }

    /// Read the campaigns list from the book (one query across partners).
    ///
    /// # Errors
    /// When the store cannot read it.
    pub fn load_campaigns(&mut self, store: &Store) -> Result<(), StoreError> {
        self.campaigns = store.campaign_rows(self.today)?;
        self.campaigns_loaded = true;
        Ok(())
    }

    /// Replace one partner's QBR lines with those of its loaded file.
    fn refresh_qbr_lines(&mut self, id: i64) {
        if !self.qbr_lines_loaded {
            return;
        }
        self.qbr_lines.retain(|l| l.partner_id != id);
        let from = window_start(self.today, &self.config);
        let live = self.partner(id).is_some_and(|(p, _)| !p.archived);
        if let (Some(file), true) = (self.files.get(&id), live) {
            let lines = lines_of(file).into_iter().filter(|l| l.date >= from);
            self.qbr_lines.extend(lines);
        }
        self.qbr_lines.sort_by_key(|l| (l.date, l.qbr_id));
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
                .enumerate()
                .filter(|(_, (p, _))| !p.archived)
                .map(|(i, (_, s))| (i, s))
        };
        let lines = live().flat_map(|(i, s)| {
            s.today.iter().enumerate().map(move |(e, entry)| {
                let at = LineAt {
                    partner: u32::try_from(i).unwrap_or(u32::MAX),
                    entry: u32::try_from(e).unwrap_or(u32::MAX),
                };
                (at, entry)
            })
        });
        self.triage = SectionKind::ALL
            .iter()
            .zip(order(lines))
            .map(|(kind, items)| TodaySection {
                kind: *kind,
                title: kind.title().to_string(),
                window: kind.window(&self.config),
                items,
            })
            .collect();
        self.kpis = ProgramKpis::of(live().map(|(_, s)| s), &self.config);
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

    /// Today's line `item` of section `section`.
    #[must_use]
    pub fn triage_item(&self, section: usize, item: usize) -> Option<&TriageItem> {
        let at = self.triage.get(section)?.items.get(item)?;
        let summary = self.summaries.get(at.partner as usize)?;
        summary.today.get(at.entry as usize).map(|e| &e.item)
    }

    /// Every line of section `section`, in order.
    pub fn triage_items(&self, section: usize) -> impl Iterator<Item = &TriageItem> {
        let count = self.triage.get(section).map_or(0, |s| s.items.len());
        (0..count).filter_map(move |i| self.triage_item(section, i))
    }

    /// Lowercase text of Today's line `item` of section `section`, for filtering.
    #[must_use]
    pub fn triage_text(&self, section: usize, item: usize) -> Option<&str> {
        let all = self.triage_text.get_or_init(|| {
            (0..self.triage.len())
                .map(|s| {
                    self.triage_items(s)
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
        let mut by_name: Vec<usize> = (0..self.partners.len()).collect();
        by_name.sort_by_key(|&i| self.name_rank[i]);
        self.name_order = by_name;
        self.search = std::cell::OnceCell::new();
        let owners: Vec<&str> = self.partners.iter().map(|p| p.owner.as_str()).collect();
        self.owner_rank = ranks(&owners);
    }

    /// What `/` searches on Partners (same index as `partners`): name,
    /// owner, type, tier and region (`search_key`), with the bytes each key
    /// holds (`quick_match::byte_mask`) so a filter passes over most rows
    /// without searching them. Made on the first filter, not on open.
    #[must_use]
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let keys: Vec<String> = self
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
            let masks = keys
                .iter()
                .map(|k| crate::ui::quick_match::byte_mask(k))
                .collect();
            SearchIndex { keys, masks }
        })
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
        let renamed = match self
            .partners
            .binary_search_by_key(&file.partner.id, |p| p.id)
        {
            Ok(i) => {
                let renamed = self.partners[i].name != file.partner.name
                    || self.partners[i].owner != file.partner.owner;
                self.partners[i] = file.partner.clone();
                self.summaries[i] = summary;
                renamed
            }
            // A partner just added.
            Err(i) => {
                self.partners.insert(i, file.partner.clone());
                self.summaries.insert(i, summary);
                true
            }
        };
        // The campaigns list (once read) keeps this partner's rows as the
        // book has them.
        self.campaigns.retain(|r| r.partner_id != file.partner.id);
        if self.campaigns_loaded && !file.partner.archived {
            let today = self.today;
            self.campaigns.extend(
                file.campaigns
                    .iter()
                    .map(|c| row_of(&file.partner, c, today)),
            );
            self.campaigns.sort_by_key(|r| (r.launch, r.id));
        }
        let id = file.partner.id;
        self.files.insert(id, file);
        self.refresh_qbr_lines(id);
        self.derive();
        if renamed {
            self.derive_names();
        }
    }

    /// Forget a partner the book no longer has.
    pub fn remove_partner(&mut self, id: i64) {
        if let Some(i) = self.index_of(id) {
            self.partners.remove(i);
            self.summaries.remove(i);
            self.files.remove(&id);
            self.campaigns.retain(|r| r.partner_id != id);
            self.derive();
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

    /// Partners not archived: the KPIs' count, made with them whenever the
    /// partners change (every frame shows it; counting 50,000 partners per
    /// frame would not be free).
    #[must_use]
    pub fn partner_count(&self) -> usize {
        self.kpis.total_partners
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

/// One section of Today as the model holds it.
#[derive(Debug, Clone)]
pub struct TodaySection {
    pub kind: SectionKind,
    pub title: String,
    /// `next 7 days`, for sections that look at a window.
    pub window: Option<String>,
    /// Where each line is: read it with [`Model::triage_item`].
    pub items: Vec<LineAt>,
}

/// A Today line's place: the partner's index in the model and the entry's
/// index in that partner's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    pub partner: u32,
    pub entry: u32,
}

/// The search keys of the partners and their byte masks (same index as
/// `Model::partners`).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub keys: Vec<String>,
    pub masks: Vec<crate::ui::quick_match::Mask>,
}
