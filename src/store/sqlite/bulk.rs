//! Whole-book writes (import, demo), a partner at a time: a [`BookWriter`]
//! replaces every partner in one transaction, so a book is never half
//! written, while the caller streams the new partners through it and keeps
//! none of them in memory (docs/architecture.md, "How a book becomes a
//! screen").

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::summaries::put_entry;
use super::write::{DEMO_MARK, insert_file};
use super::{SqliteStore, StoreError, set_meta};
use crate::domain::book::{Book, CompanyMonth, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::summary::PartnerSummary;
use crate::store::cache::{CacheEntry, key};
use crate::store::{Bulk, PartnerWriter};

/// A whole-book replacement under way in `SQLite`: `add` each partner,
/// then `finish` ([`PartnerWriter`]). Dropped unfinished (an error part way), it
/// rolls back and the book is as it was.
#[derive(Debug)]
pub struct BookWriter<'a> {
    /// The book's connection, to lay the book out again once committed.
    conn: &'a Connection,
    /// Whether the book is a file (a book in memory is not laid out again).
    file: bool,
    tx: Transaction<'a>,
    /// The stale-marking triggers dropped for the write, to put back.
    triggers: Vec<(String, String)>,
    /// The day a demo book is made for; None for the user's own partners.
    demo: Option<NaiveDate>,
    /// What the summaries given to `add` are current for, if declared.
    scoring: Option<Scoring<'a>>,
    /// The stamp of the facts given to `add_facts`, if declared.
    facts_stamp: Option<&'a str>,
    written: usize,
    summarised: usize,
    /// The page cache size to put back (`PRAGMA cache_size`).
    cache_before: i64,
}

/// Page cache for a whole-book write, in KiB: the B-trees of a 50,000-partner
/// book outgrow the engine's default 2 MiB, and then inserts read pages back.
/// With it the 50,000-partner demo takes 5.1 times the 10,000 one (5.65
/// times without), at a peak of 94 MB. Only for the length of the write.
const BULK_CACHE_KIB: i64 = 64 * 1024;

/// The day and config the cached summaries are current for.
#[derive(Debug, Clone, Copy)]
struct Scoring<'a> {
    today: NaiveDate,
    cfg: &'a ProgramConfig,
}

impl SqliteStore {
    /// Start replacing every partner in the book. `demo` marks the result
    /// as a demo book made for that day; None means the user's own partners
    /// (an import), and clears any demo mark.
    ///
    /// # Errors
    /// Only if `SQLite` fails.
    pub fn replace_partners<'a>(&'a mut self, how: Bulk<'a>) -> Result<BookWriter<'a>, StoreError> {
        let cache_before: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let file = !matches!(self.address, crate::store::BookAddress::Memory);
        let conn: &'a Connection = &self.conn;
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
        let triggers = suspend_stale_triggers(&tx, &DropFacts::All)?;
        // Cascades to every record and cached summary of the old partners.
        tx.execute("DELETE FROM partners", [])?;
        tx.execute("DELETE FROM company_revenue", [])?;
        Ok(BookWriter {
            conn,
            file,
            tx,
            triggers,
            demo: how.demo,
            scoring: how.scoring.map(|(today, cfg)| Scoring { today, cfg }),
            facts_stamp: how.facts_stamp,
            written: 0,
            summarised: 0,
            cache_before,
        })
    }

    /// Replace everything in the book with `book`, keeping its ids (import).
    /// A book replaced this way holds the user's partners: it is no longer
    /// marked as a demo.
    ///
    /// # Errors
    /// When a row breaks a constraint (e.g. two partners with one name); the
    /// book is then unchanged.
    pub fn replace_book(&mut self, book: &Book) -> Result<(), StoreError> {
        self.replace_all(book, None)
    }

    /// Replace the book with a demo book, marked as one (with the day it was
    /// made for), in one transaction: a book is never half demo.
    ///
    /// # Errors
    /// As [`SqliteStore::replace_book`].
    pub fn replace_with_demo(
        &mut self,
        book: &Book,
        made_for: NaiveDate,
    ) -> Result<(), StoreError> {
        self.replace_all(book, Some(made_for))
    }

    fn replace_all(&mut self, book: &Book, demo: Option<NaiveDate>) -> Result<(), StoreError> {
        let mut writer = self.replace_partners(Bulk::new(demo))?;
        for file in &book.partners {
            writer.add(file, None)?;
        }
        PartnerWriter::company_revenue(&mut writer, &book.company_revenue)?;
        Box::new(writer).finish().map(drop)
    }
}

impl PartnerWriter for BookWriter<'_> {
    /// Keep a partner's facts blob (after its file was added).
    ///
    /// # Errors
    /// Only if `SQLite` fails; drop the writer then, and the book is unchanged.
    fn company_revenue(&mut self, months: &[CompanyMonth]) -> Result<(), StoreError> {
        for m in months {
            super::company::put(&self.tx, m)?;
        }
        Ok(())
    }

    fn add_facts(&mut self, partner: i64, blob: &[u8]) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("INSERT INTO partner_facts (partner_id, data) VALUES (?1, ?2)")?
            .execute(params![partner, blob])?;
        Ok(())
    }

    /// Write one partner's file with all its ids, and its summary when
    /// given. Every partner of the new book passes through here, once.
    ///
    /// # Errors
    /// When a row breaks a constraint (e.g. an id already written); drop the
    /// writer then, and the book is unchanged.
    fn add(
        &mut self,
        file: &PartnerFile,
        summary: Option<PartnerSummary>,
    ) -> Result<(), StoreError> {
        insert_file(&self.tx, file)?;
        if let Some(summary) = summary {
            debug_assert_eq!(summary.id, file.partner.id, "a summary of another partner");
            put_entry(&self.tx, &CacheEntry::of(&file.partner, summary)?)?;
            self.summarised += 1;
        }
        self.written += 1;
        Ok(())
    }

    /// Put the triggers back, mark the book (demo or not, summaries current
    /// or stale) and commit. Returns how many partners were written.
    ///
    /// # Errors
    /// Only if `SQLite` fails; the book is then unchanged.
    fn finish(self: Box<Self>) -> Result<usize, StoreError> {
        let this = *self;
        let tx = &this.tx;
        restore_stale_triggers(tx, &this.triggers)?;
        match this.demo {
            Some(day) => set_meta(tx, DEMO_MARK, &day.to_string())?,
            None => {
                tx.execute("DELETE FROM meta WHERE key = ?1", [DEMO_MARK])?;
            }
        }
        // The summaries stay marked stale (by the suspension) unless every
        // partner was given its summary for the declared day and config.
        if let Some(Scoring { today, cfg }) = this.scoring
            && this.summarised == this.written
        {
            set_meta(tx, "summaries_key", &key(today, cfg))?;
        }
        // Every facts blob left was written here (the suspension emptied
        // the table), so they are all of this stamp.
        if let Some(stamp) = this.facts_stamp {
            set_meta(tx, "facts_stamp", stamp)?;
        }
        // Back to the usual page cache (a writer dropped unfinished, on an
        // error, leaves the larger one to its connection).
        tx.pragma_update(None, "cache_size", this.cache_before)?;
        this.tx.commit()?;
        if this.file {
            lay_out(this.conn);
        }
        Ok(this.written)
    }
}

/// Lay the book out again table by table (`VACUUM`), after a whole-book
/// write. The write streams partner after partner, so every table's pages
/// end up interleaved with the others' across the file; a new day then
/// reads the facts, the cached summaries and the list rows one scattered
/// page at a time, which is what makes the first open of a morning slow
/// when the book is not in memory (10,000 partners: 3.1× the floor with
/// the pages interleaved, 1.9× laid out, same run). Laid out, each table
/// is read in the order it is stored. A new day rewrites the cached
/// summaries in place, so the layout lasts. Costs about a tenth of the
/// write itself. Only a matter of speed: the write is committed already,
/// and a layout that cannot be made now (no room for the copy `VACUUM`
/// makes, another program reading) leaves the book as it was.
fn lay_out(conn: &Connection) {
    let _ = conn.execute_batch("VACUUM");
}

/// Which partners' facts a bulk write drops, as the suspended triggers
/// would have row by row.
pub(super) enum DropFacts<'a> {
    /// Every partner's (a whole-book replacement).
    All,
    /// These partners' (an import into some of them).
    Of(&'a [i64]),
}

/// Drop the stale-marking triggers for the length of a bulk write and mark
/// the summaries stale once instead: per-row trigger work is a sixth of a
/// demo book's write. The drop is inside the write's transaction, so a
/// failed write brings the triggers back with everything else. Returns the
/// triggers' SQL, to recreate them.
pub(super) fn suspend_stale_triggers(
    tx: &Connection,
    facts: &DropFacts<'_>,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_master \
         WHERE type = 'trigger' AND name LIKE '%\\_stale' ESCAPE '\\'",
    )?;
    let triggers = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    tx.execute(
        "UPDATE meta SET value = 'stale' WHERE key = 'summaries_key'",
        [],
    )?;
    // The facts triggers are suspended too (schema v5).
    match facts {
        DropFacts::All => {
            tx.execute("DELETE FROM partner_facts", [])?;
        }
        DropFacts::Of(partners) => {
            let mut stmt = tx.prepare_cached("DELETE FROM partner_facts WHERE partner_id = ?1")?;
            for id in *partners {
                stmt.execute([id])?;
            }
        }
    }
    Ok(triggers)
}

pub(super) fn restore_stale_triggers(
    tx: &Connection,
    triggers: &[(String, String)],
) -> Result<(), StoreError> {
    for (_, sql) in triggers {
        tx.execute_batch(sql)?;
    }
    Ok(())
}
