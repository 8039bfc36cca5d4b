//! What the screens show: the partners, what the rules say about each, and
//! the files of the partners opened so far.
//!
//! The model holds a list row per partner (`domain::list_row`): what the
//! lists sort, filter and draw, and what the KPIs count. Today's lines and
//! the tier statuses are read when a screen first shows them, and a
//! partner's full history and summary when it is opened or edited
//! (docs/architecture.md, "The first frame"); so even a very large book
//! opens at once and never sits in memory whole.

mod changes;
mod today;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analyse::PackedLines;
use crate::analyse::{Analysed, Front};
use crate::domain::analysis::summarize;
use crate::domain::book::{Book, Partner, PartnerFile};
use crate::domain::campaigns::{CampaignRow, row_of};
use crate::domain::config::ProgramConfig;
use crate::domain::list_row::ListRow;
use crate::domain::program::{KpiTally, ProgramKpis};
use crate::domain::qbr::window_start;
use crate::domain::qbr_board::{QbrLine, lines_of};
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::domain::today::{SectionKind, TriageItem};

use crate::store::cache::key;
use crate::store::{Store, StoreError};
pub use changes::Changes;

/// What a screen must have read before it draws, beyond the list rows
/// every screen has (`Screen::needs`): the app reads it, in one place, the
/// first time the screen is shown and again after a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Each partner's Today lines (from the summary cache).
    TodayLines,
    /// Each partner's tier status (from the summary cache).
    TierStatuses,
    /// The QBR lines of the completion window (one query across partners).
    QbrLines,
    /// The campaigns list (one query across partners).
    Campaigns,
    /// The program's metrics (`domain::program`, over the whole book).
    Program,
    /// The partners each of the program's metrics counts (a metric
    /// explained).
    ProgramGroups,
}

impl Need {
    /// What it is, for "cannot read …" in the status line.
    #[must_use]
    pub fn what(self) -> &'static str {
        match self {
            Need::TodayLines | Need::TierStatuses => "the book",
            Need::QbrLines => "the QBRs",
            Need::Campaigns => "the campaigns",
            Need::Program => "the program's numbers",
            Need::ProgramGroups => "the partners the program counts",
        }
    }
}

/// How much of the program's report the model holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramRead {
    /// The metrics, every one's `groups` empty (`analyse::program_metrics`).
    Metrics,
    /// The metrics with the partners each counts.
    WithPartners,
}

pub struct Model {
    /// Every partner as the lists show it, by id.
    pub rows: Vec<ListRow>,
    /// Every partner's Today lines (aligned with `rows`), kept encoded,
    /// once read.
    today_lines: Option<PackedLines>,
    /// Each of those lines decoded, once shown (same index as its number
    /// in `today_lines`): the first frame decodes only what it draws.
    decoded: Vec<std::cell::OnceCell<Box<TriageItem>>>,
    /// Each partner's tier status (same index as `rows`), once read.
    tiers: Option<Vec<TierStatus>>,
    /// Full files of the partners opened or edited so far, with their
    /// summaries.
    files: HashMap<i64, (PartnerFile, PartnerSummary)>,
    /// Today's sections, their lines pointing into `today_lines` (not
    /// copies: at 50,000 partners the lines decoded were over 100 MB).
    /// Empty until the lines are read.
    pub triage: Vec<TodaySection>,
    /// Lowercase text of each Today line (same shape as `triage`), made the
    /// first time Today is filtered.
    triage_text: std::cell::OnceCell<Vec<Vec<String>>>,
    /// Lowercase partner names (same index as `rows`), for filtering.
    pub name_keys: Vec<String>,
    /// What `/` searches on Partners, made the first time it is used (see
    /// [`Model::search_index`]).
    search: std::cell::OnceCell<SearchIndex>,
    /// Each partner's place in name order, and its owner's place among the
    /// owners (same index as `rows`), for cheap sorting.
    pub name_rank: Vec<u32>,
    pub owner_rank: Vec<u32>,
    /// Every partner's index in name order (equal names by their place in
    /// the book): where each sort of the partners starts.
    pub name_order: Vec<usize>,
    /// Each partner's place in Today's order of names (`triage::name_places`,
    /// same index as `rows`), made when Today is first put in order and
    /// kept until a name changes (an edit puts Today in order again).
    name_places: std::cell::OnceCell<Vec<u32>>,
    pub kpis: ProgramKpis,
    /// What the KPIs count, moved by one row when an edit changes one.
    kpi_tally: KpiTally,
    /// The model's revision and the rows changed since (for the lists
    /// screens keep: `Model::changes`).
    changes: Changes,
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
    /// The program's metrics, read when the Program screen is shown and
    /// read again after anything changes.
    pub program: Option<crate::domain::program::Report>,
    /// How much of the report `program` holds: the partners each metric
    /// counts are read when a metric is explained, so the table does not
    /// pay for them.
    pub program_read: ProgramRead,
    /// Moves whenever `program` is forgotten: a report worked out on
    /// another thread for an earlier epoch is of the book before a change.
    pub program_epoch: u64,
    pub config: ProgramConfig,
    pub today: NaiveDate,
    /// Shown in the header: `book: demo (60)`.
    pub book_name: String,
    /// The book's own id (`Store::book_id`), for calendar UIDs; empty for
    /// a book not in a store.
    pub book_id: String,
    /// The manager whose partners Today and Partners show (`me` in the
    /// config, or `--owner`); None for everyone's.
    pub owner: Option<String>,
    /// Show everyone's partners even though `owner` is set (`a`).
    everyone: bool,
}

impl Model {
    /// A model over an analysis held in memory (every summary in hand).
    #[must_use]
    pub fn new(
        analysed: Analysed,
        config: ProgramConfig,
        today: NaiveDate,
        book_name: String,
    ) -> Model {
        Model::from_front(Front::of(analysed), config, today, book_name)
    }

    /// A model over the front of a book: its rows, and whatever else is
    /// already in hand.
    #[must_use]
    pub fn from_front(
        front: Front,
        config: ProgramConfig,
        today: NaiveDate,
        book_name: String,
    ) -> Model {
        // The rules as they apply to this book: what it records, as scored.
        let config = config.for_book(front.coverage);
        let mut model = Model {
            rows: front.rows,
            today_lines: front.today,
            decoded: Vec::new(),
            tiers: front.tiers,
            files: HashMap::new(),
            triage: Vec::new(),
            triage_text: std::cell::OnceCell::new(),
            name_keys: Vec::new(),
            search: std::cell::OnceCell::new(),
            name_rank: Vec::new(),
            owner_rank: Vec::new(),
            name_order: Vec::new(),
            name_places: std::cell::OnceCell::new(),
            kpis: ProgramKpis::of(std::iter::empty(), &config),
            kpi_tally: KpiTally::default(),
            changes: Changes::default(),
            campaigns: Vec::new(),
            campaigns_loaded: false,
            qbr_lines: Vec::new(),
            qbr_lines_loaded: false,
            program: None,
            program_read: ProgramRead::Metrics,
            program_epoch: 0,
            owner: Some(config.me.trim().to_string()).filter(|m| !m.is_empty()),
            everyone: false,
            config,
            today,
            book_name,
            book_id: String::new(),
        };
        model.derive_names();
        model.derive();
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
        let coverage = crate::domain::coverage::Coverage::of_book(&book);
        let config = config.for_book(coverage);
        let summaries: Vec<PartnerSummary> = book
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
            summaries: summaries.clone(),
            cached: false,
            coverage,
        };
        let mut model = Model::new(analysed, config, today, book_name);
        model.campaigns = campaigns;
        model.campaigns_loaded = true;
        // Each file with the summary just made of it (not scored again).
        for (file, summary) in book.partners.into_iter().zip(summaries) {
            model.files.insert(file.partner.id, (file, summary));
        }
        let from = window_start(today, &model.config);
        model.qbr_lines = model
            .files
            .values()
            .filter(|(f, _)| !f.partner.archived)
            .flat_map(|(f, _)| lines_of(f))
            .filter(|l| l.date >= from)
            .collect();
        model.qbr_lines.sort_by_key(|l| (l.date, l.qbr_id));
        model.qbr_lines_loaded = true;
        model
    }

    /// Does the model hold what a screen needs?
    #[must_use]
    pub fn has(&self, need: Need) -> bool {
        match need {
            Need::TodayLines => self.today_loaded(),
            Need::TierStatuses => self.tiers_loaded(),
            Need::QbrLines => self.qbr_lines_loaded,
            Need::Campaigns => self.campaigns_loaded,
            Need::Program => self.program.is_some(),
            Need::ProgramGroups => {
                self.program.is_some() && self.program_read == ProgramRead::WithPartners
            }
        }
    }

    /// Read what a screen needs from the book. False (nothing read) when
    /// it comes from the book's cache and the cache is no longer current:
    /// the book changed, so read it again.
    ///
    /// # Errors
    /// When the store cannot read it.
    pub fn load(&mut self, need: Need, store: &Store) -> Result<bool, StoreError> {
        match need {
            Need::TodayLines => self.load_today(store),
            Need::TierStatuses => self.load_tiers(store),
            Need::QbrLines => self.load_qbr_lines(store).map(|()| true),
            Need::Campaigns => self.load_campaigns(store).map(|()| true),
            Need::Program => self.load_program(store).map(|()| true),
            Need::ProgramGroups => self.load_program_groups(store).map(|()| true),
        }
    }

    /// Have Today's lines been read?
    #[must_use]
    pub fn today_loaded(&self) -> bool {
        self.today_lines.is_some()
    }

    /// Read Today's lines from the book's cache. False (nothing read) when
    /// the cache is no longer current: the book changed, so read it again.
    ///
    /// # Errors
    /// When the store cannot read them.
    pub fn load_today(&mut self, store: &Store) -> Result<bool, StoreError> {
        let lines = crate::analyse::today_packed(store, self.today, &self.config, &self.rows)?;
        let read = lines.is_some();
        if read {
            self.today_lines = lines;
            self.derive_today();
        }
        Ok(read)
    }

    /// Have the tier statuses been read?
    #[must_use]
    pub fn tiers_loaded(&self) -> bool {
        self.tiers.is_some()
    }

    /// Read every partner's tier status from the book's cache. False
    /// (nothing read) when the cache is no longer current.
    ///
    /// # Errors
    /// When the store cannot read them.
    pub fn load_tiers(&mut self, store: &Store) -> Result<bool, StoreError> {
        let tiers = crate::analyse::tier_statuses(store, self.today, &self.config, &self.rows)?;
        let read = tiers.is_some();
        if read {
            self.tiers = tiers;
        }
        Ok(read)
    }

    /// The tier status of the partner at `index`, once read.
    #[must_use]
    pub fn tier(&self, index: usize) -> Option<&TierStatus> {
        self.tiers.as_ref()?.get(index)
    }

    /// Read the QBR lines from the book (one query across partners, kept
    /// beside the summary cache once read: `store::kept`).
    ///
    /// # Errors
    /// When the store cannot read them.
    pub fn load_qbr_lines(&mut self, store: &Store) -> Result<(), StoreError> {
        let from = window_start(self.today, &self.config);
        self.qbr_lines = store.kept_qbr_lines(&key(self.today, &self.config), from)?;
        self.qbr_lines_loaded = true;
        Ok(())
    }

    /// Read the campaigns list from the book (one query across partners,
    /// kept as the QBR lines are).
    ///
    /// # Errors
    /// When the store cannot read it.
    pub fn load_campaigns(&mut self, store: &Store) -> Result<(), StoreError> {
        self.campaigns = store.kept_campaign_rows(&key(self.today, &self.config), self.today)?;
        self.campaigns_loaded = true;
        Ok(())
    }

    /// Read the program's metrics, without the partners each counts
    /// (kept beside the summary cache once worked out: `store::kept`).
    ///
    /// # Errors
    /// When the store cannot read the book.
    pub fn load_program(&mut self, store: &Store) -> Result<(), StoreError> {
        let report = crate::analyse::program_metrics(store, self.today, &self.config)?;
        self.set_program(report);
        Ok(())
    }

    /// Hold the program's metrics (without the partners each counts).
    pub fn set_program(&mut self, report: crate::domain::program::Report) {
        self.program = Some(report);
        self.program_read = ProgramRead::Metrics;
    }

    /// Forget the program's report: something it counts changed.
    pub fn forget_program(&mut self) {
        self.program = None;
        self.program_epoch += 1;
    }

    /// Read the program's metrics with the partners each counts.
    ///
    /// # Errors
    /// When the store cannot read the book.
    pub fn load_program_groups(&mut self, store: &Store) -> Result<(), StoreError> {
        self.program = Some(crate::analyse::program_report(
            store,
            self.today,
            &self.config,
        )?);
        self.program_read = ProgramRead::WithPartners;
        Ok(())
    }

    /// Replace one partner's QBR lines with those of its file (`was`, the
    /// file as it was, if it was loaded).
    fn set_qbr_lines(&mut self, file: &PartnerFile, was: Option<&PartnerFile>) {
        if !self.qbr_lines_loaded {
            return;
        }
        let id = file.partner.id;
        let lines = self.qbr_lines_of(file);
        let was = was.map(|old| self.qbr_lines_of(old));
        replace_sorted(
            &mut self.qbr_lines,
            |l| l.partner_id == id,
            (lines, was),
            |l| (l.date, l.qbr_id),
        );
    }

    /// A partner's QBR lines of the completion window and after (none
    /// once archived).
    fn qbr_lines_of(&self, file: &PartnerFile) -> Vec<QbrLine> {
        if file.partner.archived {
            return Vec::new();
        }
        let from = window_start(self.today, &self.config);
        lines_of(file)
            .into_iter()
            .filter(|l| l.date >= from)
            .collect()
    }

    /// The partner with this name, ignoring case.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&ListRow> {
        let wanted = crate::domain::search::name_key(name);
        self.rows
            .iter()
            .find(|p| crate::domain::search::name_key(&p.name) == wanted)
    }

    /// Today (once its lines are read) and the KPIs, over partners not
    /// archived.
    fn derive(&mut self) {
        self.kpi_tally = KpiTally::default();
        for row in self.rows.iter().filter(|r| !r.archived) {
            self.kpi_tally.add(row);
        }
        self.kpis = self.kpi_tally.kpis(&self.config);
        self.changes.all();
        self.derive_today();
    }

    /// The model's revision, and which rows changed in place since a
    /// revision a screen made its lists at.
    #[must_use]
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Are everyone's partners shown though `owner` is set?
    #[must_use]
    pub fn everyone(&self) -> bool {
        self.everyone
    }

    /// Show everyone's partners, or only the manager's (`a`): every list
    /// of partners changes.
    pub fn set_everyone(&mut self, everyone: bool) {
        if everyone == self.everyone {
            return;
        }
        self.everyone = everyone;
        self.changes.all();
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
    /// compare as people: every spelling `[owners]` maps to one person
    /// (docs/rules.md, "Owners"), case, accents and spacing aside.
    #[must_use]
    pub fn in_scope(&self, owner: &str) -> bool {
        self.scope()
            .is_none_or(|me| crate::domain::owners::same_person(me, owner, &self.config.owners))
    }

    /// Today's line `item` of section `section`.
    #[must_use]
    pub fn triage_item(&self, section: usize, item: usize) -> Option<&TriageItem> {
        let line = self.triage.get(section)?.items.get(item)?.line as usize;
        let cell = self.decoded.get(line)?;
        if let Some(item) = cell.get() {
            return Some(item);
        }
        let entry = self.today_lines.as_ref()?.entry(line)?;
        Some(cell.get_or_init(|| Box::new(entry.item)))
    }

    /// The owner of the partner of Today's line `item` of section
    /// `section` (its `partner_owner`, without decoding the line).
    #[must_use]
    pub fn triage_owner(&self, section: usize, item: usize) -> Option<&str> {
        let at = self.triage.get(section)?.items.get(item)?;
        self.rows.get(at.partner as usize).map(|r| r.owner.as_str())
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
            .rows
            .iter()
            .map(|p| crate::domain::search::name_key(&p.name))
            .collect();
        self.name_rank = ranks(&self.name_keys);
        self.name_places = std::cell::OnceCell::new();
        let mut by_name: Vec<usize> = (0..self.rows.len()).collect();
        by_name.sort_by_key(|&i| self.name_rank[i]);
        self.name_order = by_name;
        self.search = std::cell::OnceCell::new();
        let owners: Vec<&str> = self.rows.iter().map(|p| p.owner.as_str()).collect();
        self.owner_rank = ranks(&owners);
    }

    /// What `/` searches on Partners (same index as `rows`): name,
    /// owner, type, tier and region (`search_key`), with the bytes each key
    /// holds (`quick_match::byte_mask`) so a filter passes over most rows
    /// without searching them. Made on the first filter, not on open.
    #[must_use]
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let keys: Vec<String> = self.rows.iter().map(search_key_of).collect();
            let masks = keys
                .iter()
                .map(|k| crate::ui::quick_match::byte_mask(k))
                .collect();
            SearchIndex { keys, masks }
        })
    }

    /// Position of a partner (rows are sorted by id).
    #[must_use]
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.rows.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// A partner's row.
    #[must_use]
    pub fn partner(&self, id: i64) -> Option<&ListRow> {
        self.rows.get(self.index_of(id)?)
    }

    /// A partner's full file, if it has been loaded.
    #[must_use]
    pub fn file(&self, id: i64) -> Option<&PartnerFile> {
        self.files.get(&id).map(|(file, _)| file)
    }

    /// A partner's record, if its file has been loaded.
    #[must_use]
    pub fn record(&self, id: i64) -> Option<&Partner> {
        self.file(id).map(|f| &f.partner)
    }

    /// A partner's full summary, if its file has been loaded.
    #[must_use]
    pub fn summary(&self, id: i64) -> Option<&PartnerSummary> {
        self.files.get(&id).map(|(_, summary)| summary)
    }

    /// Read a partner's full file from the store (once), and what the
    /// rules say of it.
    ///
    /// # Errors
    /// When the store cannot read it.
    pub fn load_file(&mut self, store: &Store, id: i64) -> Result<(), StoreError> {
        if !self.files.contains_key(&id) {
            self.insert_file(store.load_file(id)?);
        }
        Ok(())
    }

    /// Drop a loaded file (it will be read again when needed).
    pub fn forget_file(&mut self, id: i64) {
        self.files.remove(&id);
    }

    /// Keep a file already in hand (tests, or a store-less view), with
    /// what the rules say of it.
    pub fn insert_file(&mut self, file: PartnerFile) {
        let summary = summarize(&file, self.today, &self.config);
        self.files.insert(file.partner.id, (file, summary));
    }

    /// Keep a partner's file and summary as the book now holds them (after
    /// an edit was committed), and re-derive Today and the KPIs.
    pub fn set_file(&mut self, file: PartnerFile, summary: PartnerSummary) {
        // Any change to a partner's records may move a program number.
        self.forget_program();
        let row = ListRow::of(&file.partner, &summary);
        // The partner's row as it was, when only its own row changed: the
        // lists, Today and the KPIs move by that row alone.
        let in_place = match self.rows.binary_search_by_key(&row.id, |p| p.id) {
            Ok(i) => {
                let was = std::mem::replace(&mut self.rows[i], row);
                if let Some(tiers) = &mut self.tiers {
                    tiers[i] = summary.tier.clone();
                }
                let renamed = was.name != self.rows[i].name || was.owner != self.rows[i].owner;
                if renamed {
                    if let Some(lines) = &mut self.today_lines
                        && lines
                            .set_partner(i, &self.rows[i], &summary.today)
                            .is_none()
                    {
                        self.today_lines = None; // read again when shown
                    }
                    None
                } else {
                    self.set_today_partner(i, &summary.today);
                    Some((i, was))
                }
            }
            // A partner just added.
            Err(i) => {
                self.rows.insert(i, row);
                if let Some(lines) = &mut self.today_lines
                    && lines
                        .insert_partner(i, &self.rows[i], &summary.today)
                        .is_none()
                {
                    self.today_lines = None;
                }
                if let Some(tiers) = &mut self.tiers {
                    tiers.insert(i, summary.tier.clone());
                }
                None
            }
        };
        let id = file.partner.id;
        let was = self.files.remove(&id).map(|(old, _)| old);
        self.set_campaign_rows(&file, was.as_ref());
        self.set_qbr_lines(&file, was.as_ref());
        self.files.insert(id, (file, summary));
        if let Some((i, was)) = in_place {
            self.row_changed(i, &was);
        } else {
            // Names first: Today is put in order by them.
            self.derive_names();
            self.derive();
        }
    }

    /// The campaigns list (once read) keeps this partner's rows as the
    /// book has them, each in its place (most edits leave them as they
    /// were: the list is then not touched).
    fn set_campaign_rows(&mut self, file: &PartnerFile, was: Option<&PartnerFile>) {
        if !self.campaigns_loaded {
            return;
        }
        let id = file.partner.id;
        let rows = self.campaign_rows_of(file);
        let was = was.map(|old| self.campaign_rows_of(old));
        replace_sorted(
            &mut self.campaigns,
            |r| r.partner_id == id,
            (rows, was),
            |r| (r.launch, r.id),
        );
    }

    /// A partner's rows of the campaigns list (none once archived).
    fn campaign_rows_of(&self, file: &PartnerFile) -> Vec<CampaignRow> {
        if file.partner.archived {
            return Vec::new();
        }
        file.campaigns
            .iter()
            .map(|c| row_of(&file.partner, c, self.today))
            .collect()
    }

    /// Row `i` changed in place from `was` (its name and owner kept): the
    /// KPIs move by it, and `/` searches what it now says.
    fn row_changed(&mut self, i: usize, was: &ListRow) {
        if !was.archived {
            self.kpi_tally.remove(was);
        }
        if !self.rows[i].archived {
            self.kpi_tally.add(&self.rows[i]);
        }
        self.kpis = self.kpi_tally.kpis(&self.config);
        if let Some(search) = self.search.get_mut() {
            let key = search_key_of(&self.rows[i]);
            search.masks[i] = crate::ui::quick_match::byte_mask(&key);
            search.keys[i] = key;
        }
        self.changes.row(i);
    }

    /// Forget a partner the book no longer has.
    pub fn remove_partner(&mut self, id: i64) {
        self.forget_program();
        if let Some(i) = self.index_of(id) {
            self.rows.remove(i);
            if let Some(lines) = &mut self.today_lines {
                lines.remove_partner(i);
            }
            if let Some(tiers) = &mut self.tiers {
                tiers.remove(i);
            }
            self.files.remove(&id);
            self.campaigns.retain(|r| r.partner_id != id);
            self.derive_names();
            self.derive();
        }
    }

    /// Every owner of a partner not archived, sorted, once each.
    #[must_use]
    pub fn owners(&self) -> Vec<String> {
        let mut owners: Vec<String> = self
            .rows
            .iter()
            .filter(|p| !p.archived)
            .map(|p| crate::domain::owners::person(&p.owner, &self.config.owners).to_string())
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

/// Replace the items of `list` (sorted by `key`) that `mine` picks with
/// `items`, each put in its place; `was`, when known, is what the list
/// holds of them now. Most edits leave a partner's items as they were:
/// the list is then not touched (at 50,000 partners, taking them out and
/// sorting again took a fifth of an edit, and looking through the whole
/// list for them a quarter).
fn replace_sorted<T: PartialEq, K: Ord>(
    list: &mut Vec<T>,
    mine: impl Fn(&T) -> bool,
    (mut items, was): (Vec<T>, Option<Vec<T>>),
    key: impl Fn(&T) -> K,
) {
    items.sort_by_key(&key);
    let unchanged = match was {
        Some(mut was) => {
            was.sort_by_key(&key);
            was == items
        }
        None => list.iter().filter(|t| mine(t)).eq(items.iter()),
    };
    if unchanged {
        return;
    }
    list.retain(|t| !mine(t));
    for item in items {
        let wanted = key(&item);
        let at = list.partition_point(|t| key(t) < wanted);
        list.insert(at, item);
    }
}

/// What `/` searches of a partner on Partners: name, owner, type, tier and
/// region.
fn search_key_of(p: &ListRow) -> String {
    crate::domain::search::search_key(&format!(
        "{} {} {} {} {}",
        p.name,
        p.owner,
        p.kind.map_or("", crate::domain::book::PartnerType::as_str),
        p.tier.title(),
        p.region
    ))
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

/// A Today line's place: its number among the model's Today lines and
/// its partner's index in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    pub line: u32,
    pub partner: u32,
}

/// The search keys of the partners and their byte masks (same index as
/// `Model::rows`).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub keys: Vec<String>,
    pub masks: Vec<crate::ui::quick_match::Mask>,
}
