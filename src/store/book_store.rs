//! The seam between the book and its engine: what the screens, the CLI and
//! the analysis ask of a book, in the book's terms (partners, files, edits,
//! summaries, a change token) — never a connection, a file or a table.
//!
//! Each engine (`store/sqlite/`, `store/postgres/`) implements
//! [`BookStore`]; callers hold a [`crate::store::Store`], which is one of
//! them behind this trait. What an engine may not be able to do is asked,
//! not assumed ([`Capabilities`]), and what it cannot do at all is
//! [`StoreError::Unsupported`] (docs/architecture.md, "Two engines, one
//! book").

use chrono::NaiveDate;

use super::StoreError;
use super::address::BookAddress;
use super::cache::CacheEntry;
use super::kept::Kept;
use crate::domain::book::{Activity, Book, CompanyMonth, Partner, PartnerFile, YearMonth};
use crate::domain::campaigns::CampaignRow;
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::{Coverage, Holdings};
use crate::domain::edit::{Applied, Edit};
use crate::domain::import::{ExternalIds, Plan};
use crate::domain::list_row::ListRow;
use crate::domain::qbr_board::QbrLine;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;

/// What an engine can do beyond the common ground, asked before relying
/// on it (as jj asks its backend for its concurrency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)]
pub struct Capabilities {
    /// A second connection may read the book on another thread while this
    /// one is open ([`BookStore::second_reader`]).
    pub second_reader: bool,
    /// Other managers write to the same book at the same time: an open
    /// cockpit should watch [`BookStore::change_token`] closely.
    pub shared: bool,
    /// The book keeps the summary cache and the facts blobs, so a second
    /// open of the same day is a read, not a recompute.
    pub keeps_cache: bool,
    /// The book is one file the manager can copy, back up and restore.
    pub is_file: bool,
}

/// What an edit left behind: the edit with its inverse, and the partner's
/// file and summary as they are now in the book (None when the edit removed
/// the partner).
#[derive(Debug, Clone)]
pub struct Edited {
    pub applied: Applied,
    pub after: Option<(PartnerFile, PartnerSummary)>,
    /// The edit changed what the book records at all (its first NPS, say):
    /// every partner's score changes, so the whole book is read again.
    pub coverage_changed: bool,
}

/// A kept draft: the form's key, its title, its values by field key and
/// the partner it was typed for (`domain::draft`; none for a new partner
/// or campaign, and in drafts kept before it was recorded).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredDraft {
    pub key: String,
    pub title: String,
    pub values: Vec<(String, String)>,
    #[serde(default)]
    pub row: Option<crate::domain::draft::RowStamp>,
}

/// How a whole-book write ([`BookStore::replace_partners`]) is declared:
/// a demo book made for a day (None: the user's own partners), the day and
/// config the summaries handed in are current for, and the stamp of the
/// facts handed in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bulk<'a> {
    pub demo: Option<NaiveDate>,
    pub scoring: Option<(NaiveDate, &'a ProgramConfig)>,
    pub facts_stamp: Option<&'a str>,
}

impl<'a> Bulk<'a> {
    /// A write of the user's own partners (`None`) or of a demo book.
    #[must_use]
    pub fn new(demo: Option<NaiveDate>) -> Self {
        Bulk {
            demo,
            ..Bulk::default()
        }
    }

    /// The summaries handed in are current for `today` and `cfg`.
    #[must_use]
    pub fn scored(self, today: NaiveDate, cfg: &'a ProgramConfig) -> Self {
        Bulk {
            scoring: Some((today, cfg)),
            ..self
        }
    }

    /// The facts handed in are of `stamp`.
    #[must_use]
    pub fn with_facts(self, stamp: &'a str) -> Self {
        Bulk {
            facts_stamp: Some(stamp),
            ..self
        }
    }
}

/// A whole-book replacement under way: `add` each partner, then `finish`.
/// Dropped unfinished, it rolls back and the book is as it was.
pub trait PartnerWriter {
    /// Write one partner's file, with its summary when it was scored.
    ///
    /// # Errors
    /// When a row breaks a rule of the book (an id twice, say).
    fn add(
        &mut self,
        file: &PartnerFile,
        summary: Option<PartnerSummary>,
    ) -> Result<(), StoreError>;

    /// Keep one partner's facts blob (`store::facts_codec`).
    ///
    /// # Errors
    /// When the engine fails.
    fn add_facts(&mut self, partner: i64, blob: &[u8]) -> Result<(), StoreError>;

    /// Write the company's revenue by month (the book's own, not a
    /// partner's): the whole book's replacement holds these months only.
    ///
    /// # Errors
    /// When the engine fails.
    fn company_revenue(&mut self, months: &[CompanyMonth]) -> Result<(), StoreError>;

    /// Commit; how many partners were written.
    ///
    /// # Errors
    /// When the engine fails (nothing is then written).
    fn finish(self: Box<Self>) -> Result<usize, StoreError>;
}

/// Plans a CSV import against the book as it is inside the import's
/// transaction (`domain::import`).
pub type Planner<'a> = Box<dyn FnOnce(&Book, &ExternalIds) -> Plan + 'a>;

/// What takes each partner's encoded Today lines as its row is read
/// ([`BookStore::cached_rows`]): the partner's index, its row, the lines.
pub type LinesWithRows<'a> = &'a mut dyn FnMut(usize, &ListRow, &[u8]);

/// A book, whatever engine keeps it. Every write is one transaction.
pub trait BookStore: Send + std::fmt::Debug {
    /// Where the book lives (shown without any password).
    fn address(&self) -> &BookAddress;

    /// What this engine can do beyond the common ground.
    fn capabilities(&self) -> Capabilities;

    /// Name who this connection's writes are by (the config's `me`), where
    /// the engine records authors (a team book); a book file has one.
    fn sign_as(&mut self, _who: &str) {}

    /// Opened only to be read: nothing is written, not even the cache.
    fn is_read_only(&self) -> bool;

    /// The schema version of the open book.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn schema_version(&self) -> Result<i64, StoreError>;

    /// Has the book no partners at all?
    ///
    /// # Errors
    /// Only if the engine fails.
    fn is_empty(&self) -> Result<bool, StoreError>;

    /// A value from the book's `meta` record.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError>;

    /// The book's own id (16 hex digits made at random once), made now if
    /// the book lost it (unless it is only being read).
    ///
    /// # Errors
    /// When the engine fails, or a book opened only to read has none.
    fn book_id(&self) -> Result<String, StoreError>;

    /// A number that changes whenever anyone (this program, another one,
    /// another manager) commits a change to the book: compare two to know
    /// whether to read again.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn change_token(&self) -> Result<i64, StoreError>;

    /// This book stays open a while and [`BookStore::change_token`] will be
    /// asked often (the cockpit): an engine that can be told of other
    /// writers' commits (PostgreSQL's `LISTEN`) starts listening, so the
    /// token is read again only when something was committed. Others need
    /// nothing: reading the token is already cheap.
    fn watch_changes(&self) {}

    /// Another connection to the same book, for reading on another thread;
    /// None where the engine has none ([`Capabilities::second_reader`]).
    ///
    /// # Errors
    /// When the book cannot be opened again.
    fn second_reader(&self) -> Result<Option<Box<dyn BookStore>>, StoreError>;

    /// Run `read` inside one read transaction, so everything it reads is
    /// one snapshot of the book even while another program writes.
    ///
    /// # Errors
    /// What `read` returns, or the engine's failure to begin.
    fn read_snapshot(
        &self,
        read: &mut dyn FnMut(&dyn BookStore) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The whole book.
    ///
    /// # Errors
    /// When the book cannot be read or holds a value no rule knows.
    fn load(&self) -> Result<Book, StoreError>;

    /// One partner's whole file.
    ///
    /// # Errors
    /// `NotFound` for an unknown partner, or as [`BookStore::load`].
    fn load_file(&self, id: i64) -> Result<PartnerFile, StoreError>;

    /// The files of partners `lo..=hi`, by id.
    ///
    /// # Errors
    /// As [`BookStore::load`].
    fn load_between(&self, lo: i64, hi: i64) -> Result<Vec<PartnerFile>, StoreError>;

    /// The files of the partners `ids`, in that order (an id of no
    /// partner is left out): a few hundred at a time, a book is read in any
    /// order without being whole in memory.
    ///
    /// # Errors
    /// As [`BookStore::load`].
    fn load_files(&self, ids: &[i64]) -> Result<Vec<PartnerFile>, StoreError>;

    /// Every partner's own record (no history), by id.
    ///
    /// # Errors
    /// As [`BookStore::load`].
    fn load_partners(&self) -> Result<Vec<Partner>, StoreError>;

    /// The own records of partners `lo..=hi`, by id (each thread of a new
    /// day reads its own part).
    ///
    /// # Errors
    /// As [`BookStore::load`].
    fn load_partners_between(&self, lo: i64, hi: i64) -> Result<Vec<Partner>, StoreError>;

    /// Every partner's id, in order (cheap: no record is read).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn partner_ids(&self) -> Result<Vec<i64>, StoreError>;

    /// What the book holds any of (deals, certifications, NPS, …).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn holdings(&self) -> Result<Holdings, StoreError>;

    /// What health can be scored on in this book (`domain::coverage`).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn coverage(&self) -> Result<Coverage, StoreError> {
        Ok(self.holdings()?.coverage())
    }

    /// The Campaigns list as of `today`.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn campaign_rows(&self, today: NaiveDate) -> Result<Vec<CampaignRow>, StoreError>;

    /// The QBR board's lines from `from` on.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn qbr_lines(&self, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError>;

    /// [`BookStore::qbr_lines`] for the QBRs screen: kept once read, while
    /// the summary cache is current under `key` (`store::kept`).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn kept_qbr_lines(&self, key: &str, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError>;

    /// [`BookStore::campaign_rows`] for the Campaigns screen, kept as
    /// [`BookStore::kept_qbr_lines`] is.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn kept_campaign_rows(
        &self,
        key: &str,
        today: NaiveDate,
    ) -> Result<Vec<CampaignRow>, StoreError>;

    /// A list kept under the summary cache's `key` (`store::kept`),
    /// encoded, when the cache is current under `key` and the list was
    /// kept for the same argument. One statement: it may run inside a
    /// snapshot.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn kept_data(&self, key: &str, list: Kept) -> Result<Option<Vec<u8>>, StoreError>;

    /// Keep `lists` (each encoded) under `key`, in one transaction, when
    /// the cache is current under `key` and no other program wrote the
    /// book since `unchanged_since` (a `change_token`): what they hold was
    /// worked out from the book as it is. False (nothing kept) otherwise,
    /// or when the book may not be written or another writer holds it:
    /// keeping is never worth a wait.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn keep_data(
        &self,
        key: &str,
        unchanged_since: i64,
        lists: &[(Kept, &[u8])],
    ) -> Result<bool, StoreError>;

    /// Cached summaries under `key`, if there is one for every partner.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError>;

    /// Cached list rows under `key`, if there is one for every partner;
    /// with `today`, each partner's Today lines (encoded, as
    /// [`BookStore::cached_today`] hands them) go to it with the partner's
    /// index and row as the row is read, in the same pass (a partner
    /// without lines is left out).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn cached_rows(
        &self,
        key: &str,
        today: Option<LinesWithRows<'_>>,
    ) -> Result<Option<Vec<ListRow>>, StoreError>;

    /// Each partner's cached Today lines under `key`, encoded, by id
    /// (partners without any are left out), handed to `each` as read;
    /// false when the cache is not current or `each` refused a partner's
    /// (and then it is not called again).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn cached_today(
        &self,
        key: &str,
        each: &mut dyn FnMut(i64, &[u8]) -> bool,
    ) -> Result<bool, StoreError>;

    /// Cached tier statuses under `key`, kept once read (`store::kept`).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn cached_tiers(&self, key: &str) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError>;

    /// Keep every partner's summary under `key`, in one transaction.
    ///
    /// # Errors
    /// `Busy` when another program holds the book, or the engine fails.
    fn save_summaries(
        &mut self,
        key: &str,
        partners: &[Partner],
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError>;

    /// Replace the cache with the encoded entries `entries` yields, valid
    /// under `key`, in one transaction: the book's write lock is taken
    /// before the first entry is taken, so entries can be written as they
    /// are made (a new day's scoring threads make them while this writes).
    /// Ok(false), and no entry taken, when another program changed the
    /// book since the change token read `unchanged_since`.
    ///
    /// # Errors
    /// `Busy` when another program holds the book (no entry taken then
    /// either), or the engine fails.
    fn save_entries(
        &mut self,
        key: &str,
        unchanged_since: i64,
        entries: &mut dyn Iterator<Item = CacheEntry>,
    ) -> Result<bool, StoreError>;

    /// Hand every stored facts blob of partners `lo..=hi` to `f`, by id.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn each_facts(&self, lo: i64, hi: i64, f: &mut dyn FnMut(i64, &[u8]))
    -> Result<(), StoreError>;

    /// Store facts blobs, replacing any for the same partners, in one
    /// transaction.
    ///
    /// # Errors
    /// As [`BookStore::save_summaries`].
    fn save_facts(&mut self, blobs: &[(i64, Vec<u8>)]) -> Result<(), StoreError>;

    /// Forget every facts blob and record the stamp they will be made with.
    ///
    /// # Errors
    /// As [`BookStore::save_summaries`].
    fn reset_facts(&mut self, stamp: &str) -> Result<(), StoreError>;

    /// Apply `edit` in one transaction and return what it did.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when the partner or the row changed (the
    /// book is then unchanged), `Busy` when another program holds the lock.
    fn apply_edit(
        &mut self,
        edit: &Edit,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Edited, StoreError>;

    /// The company's revenue by month, oldest first (docs/rules.md,
    /// "Program numbers").
    ///
    /// # Errors
    /// Only if the engine fails.
    fn company_revenue(&self) -> Result<Vec<CompanyMonth>, StoreError>;

    /// Set the company's revenue for `month` (None clears it), in one
    /// transaction; what the book held for that month before, so the change
    /// can be undone.
    ///
    /// # Errors
    /// `ReadOnly`, `Busy`, or the engine fails (the book is then unchanged).
    fn set_company_revenue(
        &mut self,
        month: YearMonth,
        amount: Option<i64>,
    ) -> Result<Option<i64>, StoreError>;

    /// Record one touch with `partner` (`partnerdeck log`): a new activity
    /// row with an id from the engine (the one in `activity` is ignored),
    /// in one transaction. Returns its id.
    ///
    /// # Errors
    /// `NotFound` for an unknown partner, or the engine fails.
    fn log_activity(&mut self, partner: i64, activity: &Activity) -> Result<i64, StoreError>;

    /// Keep a form's draft (replacing an earlier one of the same form).
    ///
    /// # Errors
    /// When the book cannot be written.
    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), StoreError>;

    /// Forget a form's draft.
    ///
    /// # Errors
    /// When the book cannot be written.
    fn forget_draft(&mut self, key: &str) -> Result<(), StoreError>;

    /// Every kept draft, by form key.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn drafts(&self) -> Result<Vec<StoredDraft>, StoreError>;

    /// The CRM ids rows were imported with.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn external_ids(&self) -> Result<ExternalIds, StoreError>;

    /// Plan a CSV import against the book inside one write transaction and
    /// write it unless the plan has problems; the plan either way.
    ///
    /// # Errors
    /// When the engine fails (nothing is then written).
    fn import_planned(&mut self, make: Planner<'_>) -> Result<Plan, StoreError>;

    /// Start replacing every partner in the book (`Bulk` says how).
    ///
    /// # Errors
    /// Only if the engine fails.
    fn replace_partners<'a>(
        &'a mut self,
        how: Bulk<'a>,
    ) -> Result<Box<dyn PartnerWriter + 'a>, StoreError>;

    /// Replace the whole book with `book` (a JSON import, a pull), in one
    /// transaction.
    ///
    /// # Errors
    /// When a row breaks a rule of the book, or the engine fails.
    fn replace_book(&mut self, book: &Book) -> Result<(), StoreError>;

    /// Replace the whole book with a demo book made for `made_for`.
    ///
    /// # Errors
    /// As [`BookStore::replace_book`].
    fn replace_with_demo(&mut self, book: &Book, made_for: NaiveDate) -> Result<(), StoreError>;

    /// The day this book was made for as a demo, while it is one.
    ///
    /// # Errors
    /// Only if the engine fails.
    fn demo_made_for(&self) -> Result<Option<String>, StoreError>;
}

/// `files` (read in any order) in the order of `ids`; an id without a file
/// is left out.
#[must_use]
pub fn in_order(files: Vec<PartnerFile>, ids: &[i64]) -> Vec<PartnerFile> {
    let mut by_id: std::collections::HashMap<i64, PartnerFile> =
        files.into_iter().map(|f| (f.partner.id, f)).collect();
    ids.iter().filter_map(|id| by_id.remove(id)).collect()
}
