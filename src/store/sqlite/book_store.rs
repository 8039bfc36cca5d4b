//! The `SQLite` engine as a [`BookStore`]: each method is the engine's own
//! (in the files beside this one); this file only says which is which and
//! what a book file can do.

use chrono::NaiveDate;
use rusqlite::params;

use super::{SqliteStore, StoreError};
use crate::domain::book::{Activity, Book, CompanyMonth, Partner, PartnerFile, YearMonth};
use crate::domain::campaigns::CampaignRow;
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::Holdings;
use crate::domain::edit::Edit;
use crate::domain::import::{ExternalIds, Plan};
use crate::domain::list_row::ListRow;
use crate::domain::qbr_board::QbrLine;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;
use crate::store::cache::CacheEntry;
use crate::store::kept::Kept;
use crate::store::{
    BookAddress, BookStore, Bulk, Capabilities, Edited, PartnerWriter, Planner, StoredDraft,
};

impl BookStore for SqliteStore {
    fn address(&self) -> &BookAddress {
        &self.address
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            second_reader: self.address != BookAddress::Memory,
            shared: false,
            keeps_cache: !self.read_only,
            is_file: self.address != BookAddress::Memory,
        }
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        SqliteStore::schema_version(self)
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        SqliteStore::is_empty(self)
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        SqliteStore::meta(self, key)
    }

    fn book_id(&self) -> Result<String, StoreError> {
        SqliteStore::book_id(self)
    }

    /// Moves when another connection commits a change of the book (a list
    /// kept beside the summary cache is none; `sqlite/changes.rs`); this
    /// connection's own writes leave it alone.
    fn change_token(&self) -> Result<i64, StoreError> {
        self.change_token_now()
    }

    fn second_reader(&self) -> Result<Option<Box<dyn BookStore>>, StoreError> {
        Ok(SqliteStore::second_reader(self)?.map(|s| Box::new(s) as Box<dyn BookStore>))
    }

    fn read_snapshot(
        &self,
        read: &mut dyn FnMut(&dyn BookStore) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.snapshot(|s| read(s))
    }

    fn load(&self) -> Result<Book, StoreError> {
        SqliteStore::load(self)
    }

    fn load_file(&self, id: i64) -> Result<PartnerFile, StoreError> {
        SqliteStore::load_file(self, id)
    }

    fn load_between(&self, lo: i64, hi: i64) -> Result<Vec<PartnerFile>, StoreError> {
        SqliteStore::load_between(self, lo, hi)
    }

    fn load_files(&self, ids: &[i64]) -> Result<Vec<PartnerFile>, StoreError> {
        SqliteStore::load_files(self, ids)
    }

    fn load_partners(&self) -> Result<Vec<Partner>, StoreError> {
        SqliteStore::load_partners_between(self, i64::MIN, i64::MAX)
    }

    fn load_partners_between(&self, lo: i64, hi: i64) -> Result<Vec<Partner>, StoreError> {
        SqliteStore::load_partners_between(self, lo, hi)
    }

    fn partner_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM partners ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    fn holdings(&self) -> Result<Holdings, StoreError> {
        SqliteStore::holdings(self)
    }

    fn campaign_rows(&self, today: NaiveDate) -> Result<Vec<CampaignRow>, StoreError> {
        SqliteStore::campaign_rows(self, today)
    }

    fn qbr_lines(&self, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
        SqliteStore::qbr_lines(self, from)
    }

    fn kept_qbr_lines(&self, key: &str, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
        SqliteStore::kept_qbr_lines(self, key, from)
    }

    fn kept_data(&self, key: &str, list: Kept) -> Result<Option<Vec<u8>>, StoreError> {
        SqliteStore::kept_data(self, key, list)
    }

    fn keep_data(
        &self,
        key: &str,
        unchanged_since: i64,
        lists: &[(Kept, &[u8])],
    ) -> Result<bool, StoreError> {
        SqliteStore::keep_data(self, key, unchanged_since, lists)
    }

    fn kept_campaign_rows(
        &self,
        key: &str,
        today: NaiveDate,
    ) -> Result<Vec<CampaignRow>, StoreError> {
        SqliteStore::kept_campaign_rows(self, key, today)
    }

    fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
        SqliteStore::cached_summaries(self, key, partners)
    }

    fn cached_rows(
        &self,
        key: &str,
        today: Option<crate::store::book_store::LinesWithRows<'_>>,
    ) -> Result<Option<Vec<ListRow>>, StoreError> {
        SqliteStore::cached_rows(self, key, today)
    }

    fn cached_today(
        &self,
        key: &str,
        each: &mut dyn FnMut(i64, &[u8]) -> bool,
    ) -> Result<bool, StoreError> {
        SqliteStore::cached_today(self, key, each)
    }

    fn cached_tiers(&self, key: &str) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError> {
        SqliteStore::cached_tiers(self, key)
    }

    fn save_summaries(
        &mut self,
        key: &str,
        partners: &[Partner],
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        SqliteStore::save_summaries(self, key, partners, summaries)
    }

    fn save_entries(
        &mut self,
        key: &str,
        unchanged_since: i64,
        entries: &mut dyn Iterator<Item = CacheEntry>,
    ) -> Result<bool, StoreError> {
        SqliteStore::save_entries(self, key, unchanged_since, entries)
    }

    fn each_facts(
        &self,
        lo: i64,
        hi: i64,
        f: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), StoreError> {
        SqliteStore::each_facts(self, lo, hi, f)
    }

    fn save_facts(&mut self, blobs: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
        SqliteStore::save_facts(self, blobs)
    }

    fn reset_facts(&mut self, stamp: &str) -> Result<(), StoreError> {
        SqliteStore::reset_facts(self, stamp)
    }

    fn apply_edit(
        &mut self,
        edit: &Edit,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Edited, StoreError> {
        SqliteStore::apply_edit(self, edit, today, cfg)
    }

    fn company_revenue(&self) -> Result<Vec<CompanyMonth>, StoreError> {
        SqliteStore::company_revenue(self)
    }

    fn set_company_revenue(
        &mut self,
        month: YearMonth,
        amount: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        SqliteStore::set_company_revenue(self, month, amount)
    }

    fn log_activity(&mut self, partner: i64, activity: &Activity) -> Result<i64, StoreError> {
        let tx = self.write_transaction()?;
        super::write::touch_partner(&tx, partner)?;
        tx.execute(
            "INSERT INTO activities (partner_id, date, kind, summary, contact_id) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                partner,
                activity.date,
                activity.kind.as_str(),
                activity.summary,
                activity.contact
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("DELETE FROM meta WHERE key = ?1", [super::write::DEMO_MARK])?;
        tx.commit()?;
        Ok(id)
    }

    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), StoreError> {
        SqliteStore::save_draft(self, draft)
    }

    fn forget_draft(&mut self, key: &str) -> Result<(), StoreError> {
        SqliteStore::forget_draft(self, key)
    }

    fn drafts(&self) -> Result<Vec<StoredDraft>, StoreError> {
        SqliteStore::drafts(self)
    }

    fn external_ids(&self) -> Result<ExternalIds, StoreError> {
        SqliteStore::external_ids(self)
    }

    fn import_planned(&mut self, make: Planner<'_>) -> Result<Plan, StoreError> {
        SqliteStore::import_planned(self, make)
    }

    fn replace_partners<'a>(
        &'a mut self,
        how: Bulk<'a>,
    ) -> Result<Box<dyn PartnerWriter + 'a>, StoreError> {
        Ok(Box::new(SqliteStore::replace_partners(self, how)?))
    }

    fn replace_book(&mut self, book: &Book) -> Result<(), StoreError> {
        SqliteStore::replace_book(self, book)
    }

    fn replace_with_demo(&mut self, book: &Book, made_for: NaiveDate) -> Result<(), StoreError> {
        SqliteStore::replace_with_demo(self, book, made_for)
    }

    fn demo_made_for(&self) -> Result<Option<String>, StoreError> {
        SqliteStore::demo_made_for(self)
    }
}
