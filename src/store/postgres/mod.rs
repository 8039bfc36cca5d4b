//! The PostgreSQL engine: a team book on a server, shared by a partner team
//! (docs/architecture.md, "Two engines, one book").
//!
//! Each partner's whole file is one row (`partner_files.file`, JSONB), read
//! in the book's order (`PartnerFile::normalize`). An edit locks that row
//! (`SELECT … FOR UPDATE`), applies the domain's edit to the file as it is
//! now — the domain refuses when a row no longer holds what the edit
//! expects — and writes it back with who and when, in one transaction. New
//! rows get their ids from the book's counter, taken inside the write's
//! transaction. Every write appends to `changes`, whose latest entry by
//! another connection is the change token an open cockpit watches.

mod cache;
mod cache_save;
mod company;
mod connect;
mod files;
mod import;
mod kept;
mod link;
mod listen;
pub mod schema;
mod tls;

use std::cell::{Cell, RefCell, RefMut};

use chrono::NaiveDate;
use postgres::{Client, GenericClient, Transaction};

use super::cache::CacheEntry;
use super::kept::Kept;
use super::{
    BookAddress, BookStore, Bulk, Capabilities, Edited, PartnerWriter, Planner, StoreError,
    StoredDraft,
};
use crate::domain::book::{Activity, Book, CompanyMonth, Partner, PartnerFile, YearMonth};
use crate::domain::campaigns::{CampaignRow, row_of};
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::{Coverage, Holdings};
use crate::domain::edit::Edit;
use crate::domain::import::{ExternalIds, Plan};
use crate::domain::list_row::ListRow;
use crate::domain::qbr_board::QbrLine;
use crate::domain::summary::PartnerSummary;
use crate::domain::tiers::TierStatus;

const ENGINE: &str = "PostgreSQL";

/// An open team book.
pub struct PgStore {
    client: RefCell<link::Link>,
    url: String,
    address: BookAddress,
    /// This connection's own mark in `changes`, so its own writes do not
    /// move the change token it reads.
    session: String,
    /// Who this connection's writes are by (config `me`, else the OS user).
    who: String,
    /// The change token as this connection last read it: a cache is saved
    /// only while it is still the latest (`cache::save`).
    seen: Cell<i64>,
    /// Told of other connections' writes, once [`BookStore::watch_changes`]
    /// asked for it (the cockpit does): the token is read again only then.
    listener: std::sync::OnceLock<std::sync::Arc<listen::Listener>>,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if let Some(listener) = self.listener.get() {
            listener.stop();
        }
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgStore({})", self.address)
    }
}

impl PgStore {
    /// Open (or create) the team book at `url`, bringing its tables to this
    /// build's version.
    ///
    /// # Errors
    /// [`StoreError::Unreachable`] when the server cannot be reached, or
    /// the database holds something that is not a partnerdeck book.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let address = BookAddress::Postgres(url.to_string());
        let mut client = connect::connect(url)?;
        schema::migrate(&mut client, &address.to_string())?;
        let session = session_mark();
        Ok(PgStore {
            client: RefCell::new(link::Link::made(url, client)),
            url: url.to_string(),
            address,
            session,
            who: default_author(),
            seen: Cell::new(0),
            listener: std::sync::OnceLock::new(),
        })
    }

    /// The connection, made again first when the server dropped it (it
    /// restarted, say): a cockpit left open survives a server restart.
    fn client(&self) -> Result<RefMut<'_, Client>, StoreError> {
        let mut link = self.client.borrow_mut();
        link.ready()?;
        RefMut::filter_map(link, link::Link::connected).map_err(|_| self.lost())
    }

    /// The connection was lost as it was being handed over.
    fn lost(&self) -> StoreError {
        StoreError::Unreachable {
            book: self.address.to_string(),
            reason: "the server closed the connection; it is tried again on the next read".into(),
        }
    }

    fn unsupported(what: &'static str) -> StoreError {
        StoreError::Unsupported {
            engine: ENGINE,
            what,
        }
    }
}

/// The campaigns list as of `today`, by launch (each file's campaigns
/// column).
fn campaign_rows(
    client: &mut impl GenericClient,
    today: NaiveDate,
) -> Result<Vec<CampaignRow>, StoreError> {
    let mut rows: Vec<CampaignRow> = Vec::new();
    files::each_campaigns(client, &mut |partner, campaigns| {
        rows.extend(campaigns.iter().map(|c| row_of(partner, c, today)));
    })?;
    rows.sort_by_key(|r| (r.launch, r.id));
    Ok(rows)
}

/// The QBR lines from `from` on, by date (each file's QBR lines column).
fn qbr_lines(client: &mut impl GenericClient, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
    let mut lines = files::qbr_lines(client, from)?;
    lines.sort_by_key(|l| (l.date, l.qbr_id));
    Ok(lines)
}

/// A mark of this connection's own, unique enough among a team's: the
/// process, the time and a per-process counter.
fn session_mark() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{now:x}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The OS user, as a write's author when the config names no `me`.
fn default_author() -> String {
    if let Ok(user) = std::env::var("USER").or_else(|_| std::env::var("LOGNAME"))
        && !user.is_empty()
    {
        return user;
    }
    user_name(rustix::process::getuid().as_raw())
}

/// The name `/etc/passwd` gives the user `uid`, else `uid N`.
fn user_name(uid: u32) -> String {
    let uid = uid.to_string();
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == uid)
        .map_or_else(|| format!("uid {uid}"), |f| f[0].to_string())
}

/// The latest change committed by a connection other than `session`.
fn latest_other_change(tx: &mut Transaction<'_>, session: &str) -> Result<i64, StoreError> {
    Ok(tx
        .query_one(LATEST_OTHER, &[&session])
        .map_err(|e| engine_error(&e))?
        .get(0))
}

const LATEST_OTHER: &str = "SELECT coalesce((SELECT seq FROM changes WHERE session <> $1 \
     ORDER BY seq DESC LIMIT 1), 0)";

/// The server's error as the store's: a lost connection is "cannot reach",
/// a lock or serialization conflict is `Busy`, anything else one line.
pub(crate) fn engine_error(e: &postgres::Error) -> StoreError {
    // Class 08 is a connection exception, 57 an operator's intervention
    // (the server shutting down).
    let gone = e
        .code()
        .is_some_and(|c| c.code().starts_with("08") || c.code().starts_with("57"));
    if e.is_closed() || gone {
        return StoreError::Unreachable {
            book: "the team book".into(),
            reason: "the server closed the connection; it is tried again on the next read".into(),
        };
    }
    if let Some(code) = e.code()
        && matches!(code.code(), "40001" | "40P01" | "55P03")
    {
        return StoreError::Busy;
    }
    StoreError::Engine(super::error::first_line(e).into())
}

impl BookStore for PgStore {
    fn address(&self) -> &BookAddress {
        &self.address
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            second_reader: true,
            shared: true,
            keeps_cache: true,
            is_file: false,
        }
    }

    fn sign_as(&mut self, who: &str) {
        if !who.trim().is_empty() {
            who.trim().clone_into(&mut self.who);
        }
    }

    fn is_read_only(&self) -> bool {
        false
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .meta("schema_version")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        let row = self
            .client()?
            .query_one("SELECT NOT EXISTS (SELECT 1 FROM partner_files)", &[])
            .map_err(|e| engine_error(&e))?;
        Ok(row.get(0))
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .client()?
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])
            .map_err(|e| engine_error(&e))?
            .map(|r| r.get(0)))
    }

    fn book_id(&self) -> Result<String, StoreError> {
        if let Some(id) = self.meta("book_id")? {
            return Ok(id);
        }
        self.client()?
            .execute(
                "INSERT INTO meta (key, value) VALUES ('book_id', \
                 substr(md5(random()::text || clock_timestamp()::text), 1, 16)) \
                 ON CONFLICT (key) DO NOTHING",
                &[],
            )
            .map_err(|e| engine_error(&e))?;
        self.meta("book_id")?
            .ok_or_else(|| Self::unsupported("a book id"))
    }

    /// The latest change by any other connection (another manager, another
    /// command): this connection's own writes leave it alone.
    fn change_token(&self) -> Result<i64, StoreError> {
        let listener = self.listener.get();
        if listener.is_some_and(|l| !l.take_stale()) {
            return Ok(self.seen.get());
        }
        let read = self.client().and_then(|mut c| {
            c.query_one(LATEST_OTHER, &[&self.session])
                .map_err(|e| engine_error(&e))
        });
        match read {
            Ok(row) => {
                let token: i64 = row.get(0);
                self.seen.set(token);
                Ok(token)
            }
            Err(e) => {
                if let Some(l) = listener {
                    l.mark_stale();
                }
                Err(e)
            }
        }
    }

    fn watch_changes(&self) {
        self.listener
            .get_or_init(|| listen::Listener::start(&self.url, &self.session));
    }

    /// This store opened the book at this build's version, so a reader
    /// skips that check, and connects on a thread of its own: a new day's
    /// readers connect side by side, each waited for at its first read.
    fn second_reader(&self) -> Result<Option<Box<dyn BookStore>>, StoreError> {
        Ok(Some(Box::new(PgStore {
            client: RefCell::new(link::Link::coming(&self.url)),
            url: self.url.clone(),
            address: self.address.clone(),
            session: session_mark(),
            who: self.who.clone(),
            seen: Cell::new(0),
            listener: std::sync::OnceLock::new(),
        })))
    }

    fn read_snapshot(
        &self,
        read: &mut dyn FnMut(&dyn BookStore) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.client()?
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(|e| engine_error(&e))?;
        let out = read(self);
        let end = self.client()?.batch_execute("COMMIT");
        out?;
        end.map_err(|e| engine_error(&e))
    }

    fn load(&self) -> Result<Book, StoreError> {
        let mut client = self.client()?;
        Ok(Book {
            partners: files::load_between(&mut *client, i64::MIN, i64::MAX)?,
            company_revenue: company::load(&mut *client)?,
        })
    }

    fn load_file(&self, id: i64) -> Result<PartnerFile, StoreError> {
        files::load_between(&mut *self.client()?, id, id)?
            .pop()
            .ok_or(StoreError::NotFound {
                what: "partner",
                id,
            })
    }

    fn load_between(&self, lo: i64, hi: i64) -> Result<Vec<PartnerFile>, StoreError> {
        files::load_between(&mut *self.client()?, lo, hi)
    }

    fn load_files(&self, ids: &[i64]) -> Result<Vec<PartnerFile>, StoreError> {
        files::load_chosen(&mut *self.client()?, ids)
    }

    fn load_partners(&self) -> Result<Vec<Partner>, StoreError> {
        files::load_partners(&mut *self.client()?, i64::MIN, i64::MAX)
    }

    fn load_partners_between(&self, lo: i64, hi: i64) -> Result<Vec<Partner>, StoreError> {
        files::load_partners(&mut *self.client()?, lo, hi)
    }

    fn partner_ids(&self) -> Result<Vec<i64>, StoreError> {
        let rows = self
            .client()?
            .query("SELECT id FROM partner_files ORDER BY id", &[])
            .map_err(|e| engine_error(&e))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn coverage(&self) -> Result<Coverage, StoreError> {
        let kept = cache::holds_while_current(&mut *self.client()?)?;
        match kept {
            Some(bits) => Ok(files::holdings_from_bits(bits).coverage()),
            None => Ok(self.holdings()?.coverage()),
        }
    }

    fn holdings(&self) -> Result<Holdings, StoreError> {
        let row = self
            .client()?
            .query_one("SELECT coalesce(bit_or(holds), 0) FROM partner_files", &[])
            .map_err(|e| engine_error(&e))?;
        Ok(files::holdings_from_bits(row.get(0)))
    }

    fn campaign_rows(&self, today: NaiveDate) -> Result<Vec<CampaignRow>, StoreError> {
        campaign_rows(&mut *self.client()?, today)
    }

    fn qbr_lines(&self, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
        qbr_lines(&mut *self.client()?, from)
    }

    fn kept_qbr_lines(&self, key: &str, from: NaiveDate) -> Result<Vec<QbrLine>, StoreError> {
        let lines = kept::kept(&mut *self.client()?, key, Kept::QbrLines(from), |tx| {
            qbr_lines(tx, from).map(Some)
        })?;
        Ok(lines.unwrap_or_default())
    }

    fn kept_data(&self, key: &str, list: Kept) -> Result<Option<Vec<u8>>, StoreError> {
        kept::kept_data(&mut *self.client()?, key, list)
    }

    fn keep_data(
        &self,
        key: &str,
        unchanged_since: i64,
        lists: &[(Kept, &[u8])],
    ) -> Result<bool, StoreError> {
        kept::keep_data(
            &mut *self.client()?,
            key,
            unchanged_since,
            &self.session,
            lists,
        )
    }

    fn kept_campaign_rows(
        &self,
        key: &str,
        today: NaiveDate,
    ) -> Result<Vec<CampaignRow>, StoreError> {
        let rows = kept::kept(&mut *self.client()?, key, Kept::Campaigns(today), |tx| {
            campaign_rows(tx, today).map(Some)
        })?;
        Ok(rows.unwrap_or_default())
    }

    fn cached_summaries(
        &self,
        key: &str,
        partners: &[Partner],
    ) -> Result<Option<Vec<PartnerSummary>>, StoreError> {
        cache::summaries(&mut *self.client()?, key, partners)
    }

    fn cached_rows(
        &self,
        key: &str,
        today: Option<crate::store::book_store::LinesWithRows<'_>>,
    ) -> Result<Option<Vec<ListRow>>, StoreError> {
        cache::rows(&mut *self.client()?, key, today)
    }

    fn cached_today(
        &self,
        key: &str,
        each: &mut dyn FnMut(i64, &[u8]) -> bool,
    ) -> Result<bool, StoreError> {
        cache::today(&mut *self.client()?, key, each)
    }

    fn cached_tiers(&self, key: &str) -> Result<Option<Vec<(i64, TierStatus)>>, StoreError> {
        kept::kept(&mut *self.client()?, key, Kept::Tiers, |tx| {
            cache::tiers(tx, key)
        })
    }

    fn save_summaries(
        &mut self,
        key: &str,
        partners: &[Partner],
        summaries: &[PartnerSummary],
    ) -> Result<(), StoreError> {
        let entries = partners
            .iter()
            .zip(summaries)
            .map(|(p, s)| CacheEntry::of(p, s.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        cache::save(
            &mut *self.client()?,
            key,
            &mut entries.into_iter(),
            &self.session,
            &self.seen,
        )
    }

    fn save_entries(
        &mut self,
        key: &str,
        unchanged_since: i64,
        entries: &mut dyn Iterator<Item = CacheEntry>,
    ) -> Result<bool, StoreError> {
        // `cache::save` refuses (`Busy`) when another session committed
        // since this one last read the token, before taking an entry.
        if self.change_token()? != unchanged_since {
            return Ok(false);
        }
        cache::save(
            &mut *self.client()?,
            key,
            entries,
            &self.session,
            &self.seen,
        )
        .map(|()| true)
    }

    fn each_facts(
        &self,
        lo: i64,
        hi: i64,
        f: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), StoreError> {
        cache::each_facts(&mut *self.client()?, lo, hi, f)
    }

    fn save_facts(&mut self, blobs: &[(i64, Vec<u8>)]) -> Result<(), StoreError> {
        cache::save_facts(&mut *self.client()?, blobs, &self.session, &self.seen)
    }

    fn reset_facts(&mut self, stamp: &str) -> Result<(), StoreError> {
        cache::reset_facts(&mut *self.client()?, stamp)
    }

    fn apply_edit(
        &mut self,
        edit: &Edit,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Edited, StoreError> {
        let (who, session) = (self.who.clone(), self.session.clone());
        files::apply_edit(&mut *self.client()?, edit, today, cfg, &who, &session)
    }

    fn company_revenue(&self) -> Result<Vec<CompanyMonth>, StoreError> {
        company::load(&mut *self.client()?)
    }

    fn set_company_revenue(
        &mut self,
        month: YearMonth,
        amount: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        let (who, session) = (self.who.clone(), self.session.clone());
        company::set(&mut *self.client()?, month, amount, &who, &session)
    }

    fn log_activity(&mut self, partner: i64, activity: &Activity) -> Result<i64, StoreError> {
        let (who, session) = (self.who.clone(), self.session.clone());
        files::log_activity(&mut *self.client()?, partner, activity, &who, &session)
    }

    fn save_draft(&mut self, draft: &StoredDraft) -> Result<(), StoreError> {
        let json = serde_json::to_string(draft).map_err(|e| StoreError::BadValue {
            table: "meta",
            column: "value",
            reason: e.to_string(),
        })?;
        let key = format!("draft:{}:{}", self.who, draft.key);
        self.client()?
            .execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &json],
            )
            .map_err(|e| engine_error(&e))?;
        Ok(())
    }

    fn forget_draft(&mut self, key: &str) -> Result<(), StoreError> {
        let key = format!("draft:{}:{key}", self.who);
        self.client()?
            .execute("DELETE FROM meta WHERE key = $1", &[&key])
            .map_err(|e| engine_error(&e))?;
        Ok(())
    }

    /// A manager's drafts are their own: kept under their name.
    fn drafts(&self) -> Result<Vec<StoredDraft>, StoreError> {
        let prefix = format!("draft:{}:%", self.who.replace(['%', '_'], ""));
        let rows = self
            .client()?
            .query(
                "SELECT value FROM meta WHERE key LIKE $1 ORDER BY key",
                &[&prefix],
            )
            .map_err(|e| engine_error(&e))?;
        Ok(rows
            .iter()
            .filter_map(|r| serde_json::from_str(r.get::<_, &str>(0)).ok())
            .collect())
    }

    fn external_ids(&self) -> Result<ExternalIds, StoreError> {
        import::external_ids(&mut *self.client()?)
    }

    fn import_planned(&mut self, make: Planner<'_>) -> Result<Plan, StoreError> {
        let (who, session) = (self.who.clone(), self.session.clone());
        import::import_planned(&mut *self.client()?, make, &who, &session)
    }

    fn replace_partners<'a>(
        &'a mut self,
        how: Bulk<'a>,
    ) -> Result<Box<dyn PartnerWriter + 'a>, StoreError> {
        let (who, session) = (self.who.clone(), self.session.clone());
        let lost = self.lost();
        let link = self.client.get_mut();
        link.ready()?;
        let client = link.connected().ok_or(lost)?;
        Ok(Box::new(files::Replacement::begin(
            client, how, who, session,
        )?))
    }

    fn replace_book(&mut self, book: &Book) -> Result<(), StoreError> {
        self.replace_all(book, None)
    }

    fn replace_with_demo(&mut self, book: &Book, made_for: NaiveDate) -> Result<(), StoreError> {
        self.replace_all(book, Some(made_for))
    }

    fn demo_made_for(&self) -> Result<Option<String>, StoreError> {
        self.meta(files::DEMO_MARK)
    }
}

impl PgStore {
    fn replace_all(&mut self, book: &Book, demo: Option<NaiveDate>) -> Result<(), StoreError> {
        let mut writer = self.replace_partners(Bulk::new(demo))?;
        for file in &book.partners {
            writer.add(file, None)?;
        }
        writer.company_revenue(&book.company_revenue)?;
        writer.finish().map(drop)
    }
}
