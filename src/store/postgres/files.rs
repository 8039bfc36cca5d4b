//! Partner files on the server: read them, and write them back one
//! transaction at a time, with who and when.

use chrono::NaiveDate;
use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::Json;
use postgres::{Client, GenericClient, Transaction};

use super::engine_error;
use crate::domain::analysis::summarize;
use crate::domain::book::{Activity, Campaign, CompanyMonth, Partner, PartnerFile, QbrStatus};
use crate::domain::config::ProgramConfig;
use crate::domain::coverage::Holdings;
use crate::domain::edit::{Change, Edit, EditError, FreeIds};
use crate::domain::qbr_board::QbrLine;
use crate::domain::search::name_key;
use crate::domain::summary::PartnerSummary;
use crate::store::cache::{CacheEntry, key};
use crate::store::{Bulk, Edited, PartnerWriter, StoreError};

/// Partners written per statement in a whole-book write.
const BATCH: usize = 500;

/// `meta` key of the day a demo book was made for (as in a book file).
pub(super) const DEMO_MARK: &str = "demo_made_for";

type Pg = Result<(), StoreError>;

/// The files of partners `lo..=hi`, by id.
pub(super) fn load_between(
    client: &mut impl GenericClient,
    lo: i64,
    hi: i64,
) -> Result<Vec<PartnerFile>, StoreError> {
    let rows = client
        .query(
            "SELECT file FROM partner_files WHERE id BETWEEN $1 AND $2 ORDER BY id",
            &[&lo, &hi],
        )
        .map_err(|e| engine_error(&e))?;
    rows.iter().map(|r| decode(r.try_get(0))).collect()
}

/// The files of the partners `ids`, in that order.
pub(super) fn load_chosen(
    client: &mut impl GenericClient,
    ids: &[i64],
) -> Result<Vec<PartnerFile>, StoreError> {
    let rows = client
        .query("SELECT file FROM partner_files WHERE id = ANY($1)", &[&ids])
        .map_err(|e| engine_error(&e))?;
    let files = rows
        .iter()
        .map(|r| decode(r.try_get(0)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::store::book_store::in_order(files, ids))
}

/// Each partner not archived that has campaigns, with them (read from
/// their own column, not the whole file), by id.
pub(super) fn each_campaigns(
    client: &mut impl GenericClient,
    each: &mut dyn FnMut(&Partner, &[Campaign]),
) -> Pg {
    let rows = client
        .query(
            "SELECT partner, campaigns FROM partner_files \
             WHERE NOT archived AND campaigns <> '[]'::jsonb ORDER BY id",
            &[],
        )
        .map_err(|e| engine_error(&e))?;
    for r in &rows {
        let Json(partner) = r
            .try_get::<_, Json<Partner>>(0)
            .map_err(|e| bad_value(&e))?;
        let Json(campaigns) = r
            .try_get::<_, Json<Vec<Campaign>>>(1)
            .map_err(|e| bad_value(&e))?;
        each(&partner, &campaigns);
    }
    Ok(())
}

/// One QBR line as the `qbr_lines` column keeps it: id, date, status,
/// "before" items done and in all, the next one's title.
type StoredLine = (i64, NaiveDate, QbrStatus, usize, usize, Option<String>);

/// The QBR lines of every partner not archived dated on or after `from`,
/// read from the column the server keeps of each file (not the whole
/// file), by partner id.
pub(super) fn qbr_lines(
    client: &mut impl GenericClient,
    from: NaiveDate,
) -> Result<Vec<QbrLine>, StoreError> {
    let rows = client
        .query(
            "SELECT id, partner->>'name', qbr_lines FROM partner_files \
             WHERE NOT archived AND qbr_lines <> '[]'::jsonb ORDER BY id",
            &[],
        )
        .map_err(|e| engine_error(&e))?;
    let mut lines = Vec::new();
    for r in &rows {
        let partner_id: i64 = r.try_get(0).map_err(|e| bad_value(&e))?;
        let partner: String = r.try_get(1).map_err(|e| bad_value(&e))?;
        let Json(stored) = r
            .try_get::<_, Json<Vec<StoredLine>>>(2)
            .map_err(|e| bad_value(&e))?;
        lines.extend(stored.into_iter().filter(|l| l.1 >= from).map(
            |(qbr_id, date, status, prep_done, prep_total, next_item)| QbrLine {
                partner_id,
                partner: partner.clone(),
                qbr_id,
                date,
                status,
                prep_done,
                prep_total,
                next_item,
            },
        ));
    }
    Ok(lines)
}

/// Every partner's own record, by id.
pub(super) fn load_partners(
    client: &mut Client,
    lo: i64,
    hi: i64,
) -> Result<Vec<Partner>, StoreError> {
    // Each decoded as it comes, while the server sends the rest.
    let mut rows = client
        .query_raw(
            "SELECT partner FROM partner_files WHERE id BETWEEN $1 AND $2 ORDER BY id",
            [lo, hi],
        )
        .map_err(|e| engine_error(&e))?;
    let mut partners = Vec::with_capacity(rows.size_hint().0);
    while let Some(row) = rows.next().map_err(|e| engine_error(&e))? {
        let Json(partner) = row
            .try_get::<_, Json<Partner>>(0)
            .map_err(|e| bad_value(&e))?;
        partners.push(partner);
    }
    Ok(partners)
}

fn decode(value: Result<Json<PartnerFile>, postgres::Error>) -> Result<PartnerFile, StoreError> {
    value.map(|Json(file)| file).map_err(|e| bad_value(&e))
}

fn bad_value(e: &postgres::Error) -> StoreError {
    StoreError::BadValue {
        table: "partner_files",
        column: "file",
        reason: crate::store::error::first_line(e),
    }
}

/// What a file holds, as the bits of `partner_files.holds`.
fn holdings_bits(file: &PartnerFile) -> i32 {
    let h = Holdings::of_file(file);
    [
        h.revenue_months,
        h.won_deals,
        h.deals,
        h.engagement,
        h.nps,
        h.certifications,
    ]
    .iter()
    .enumerate()
    .fold(0, |bits, (i, on)| if *on { bits | (1 << i) } else { bits })
}

/// The bits of `partner_files.holds`, OR-ed over the book, as holdings.
pub(super) fn holdings_from_bits(bits: i32) -> Holdings {
    let on = |i: u32| bits & (1 << i) != 0;
    Holdings {
        revenue_months: on(0),
        won_deals: on(1),
        deals: on(2),
        engagement: on(3),
        nps: on(4),
        certifications: on(5),
    }
}

/// Write `file` as the partner's row, by `who`: replacing the row of the
/// same id, or (`Put::New`) only as a new row, so one id twice is an error.
pub(super) fn put_file(tx: &mut Transaction<'_>, file: &PartnerFile, who: &str, put: Put) -> Pg {
    let p = &file.partner;
    let sql = match put {
        Put::New => INSERT,
        Put::Replace => UPSERT,
    };
    tx.execute(
        sql,
        &[
            &p.id,
            &name_key(&p.name),
            &p.archived,
            &holdings_bits(file),
            &Json(p),
            &Json(file),
            &who,
        ],
    )
    .map_err(|e| unique_name(&e, &p.name))?;
    Ok(())
}

/// How a file is written: only as a new row, or over the row of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Put {
    New,
    Replace,
}

const INSERT: &str = "INSERT INTO partner_files \
     (id, name_key, archived, holds, partner, file, changed_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

const UPSERT: &str = "INSERT INTO partner_files \
     (id, name_key, archived, holds, partner, file, changed_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) \
     ON CONFLICT (id) DO UPDATE SET name_key = excluded.name_key, \
     archived = excluded.archived, holds = excluded.holds, partner = excluded.partner, \
     file = excluded.file, version = partner_files.version + 1, \
     changed_by = excluded.changed_by, changed_at = now()";

/// A second partner of the same name is the user's mistake, said plainly.
fn unique_name(e: &postgres::Error, name: &str) -> StoreError {
    if let Some(db) = e.as_db_error()
        && db.code().code() == "23505"
    {
        return StoreError::Refused(EditError::RowChanged {
            what: if db.constraint() == Some("partner_files_pkey") {
                format!("partner id of '{name}' (another partner has it)")
            } else {
                format!("the name '{name}' (another partner has it)")
            },
        });
    }
    engine_error(e)
}

/// Begin a write: every write first locks the `summaries_key` row, so
/// writes and cache saves take their locks in one order (never a deadlock)
/// and a cache is never saved over a write. The key as it was.
pub(super) fn begin_write(client: &mut Client) -> Result<(Transaction<'_>, String), StoreError> {
    let mut tx = client.transaction().map_err(|e| engine_error(&e))?;
    let key = tx
        .query_opt(
            "SELECT value FROM meta WHERE key = 'summaries_key' FOR UPDATE",
            &[],
        )
        .map_err(|e| engine_error(&e))?
        .map_or_else(String::new, |r| r.get(0));
    Ok((tx, key))
}

/// A partner's file changed: its facts go and the cache is stale.
pub(super) fn mark_changed(tx: &mut Transaction<'_>, partner: i64) -> Pg {
    tx.execute(
        "DELETE FROM partner_facts WHERE partner_id = $1",
        &[&partner],
    )
    .map_err(|e| engine_error(&e))?;
    super::cache::set_key(tx, STALE)
}

const STALE: &str = "stale";

/// Note a write in `changes`: what moves every other cockpit's token,
/// and tell the cockpits listening.
pub(super) fn note_change(
    tx: &mut Transaction<'_>,
    session: &str,
    who: &str,
    partner: Option<i64>,
    what: &str,
) -> Pg {
    tx.execute(
        "INSERT INTO changes (session, who, partner_id, what) VALUES ($1, $2, $3, $4)",
        &[&session, &who, &partner, &what],
    )
    .map_err(|e| engine_error(&e))?;
    // Heard by every listening cockpit once (and only if) this commits.
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&super::listen::CHANNEL, &session],
    )
    .map_err(|e| engine_error(&e))?;
    Ok(())
}

/// `n` fresh ids, one after another, from the book's counter (its row is
/// locked until the transaction ends, so two writers never share one).
pub(super) fn take_ids(tx: &mut Transaction<'_>, n: i64) -> Result<i64, StoreError> {
    let row = tx
        .query_one(
            "UPDATE counters SET next = next + $1 WHERE name = 'rows' RETURNING next - $1",
            &[&n],
        )
        .map_err(|e| engine_error(&e))?;
    Ok(row.get(0))
}

/// The edit with every new row numbered from the counter.
fn numbered(tx: &mut Transaction<'_>, edit: &Edit) -> Result<Edit, StoreError> {
    let edit = edit.clone();
    Ok(match (&edit.change, edit.needs_id()) {
        (_, None) => edit,
        (Change::AddQbr(q), Some(_)) => {
            let (checklist, agenda, actions) = (q.checklist.len(), q.agenda.len(), q.actions.len());
            let n = i64::try_from(2 + checklist + agenda + actions).unwrap_or(i64::MAX);
            let first = take_ids(tx, n)?;
            let at = |skip: usize| first + i64::try_from(skip).unwrap_or(0);
            edit.with_ids(FreeIds {
                activity: first,
                qbr: at(1),
                checklist: at(2),
                agenda: at(2 + checklist),
                action: at(2 + checklist + agenda),
            })
        }
        // A campaign, or a stage move bringing the onboarding plan.
        (Change::AddCampaign(c) | Change::SetStage { plan: Some(c), .. }, Some(_)) => {
            let n = i64::try_from(1 + c.tasks.len()).unwrap_or(i64::MAX);
            let first = take_ids(tx, n)?;
            edit.with_campaign_ids(first, first + 1)
        }
        (_, Some(_)) => {
            let id = take_ids(tx, 1)?;
            edit.with_id(id)
        }
    })
}

/// The server's clock, as partner timestamps are written.
fn now(tx: &mut Transaction<'_>) -> Result<String, StoreError> {
    Ok(tx
        .query_one(
            "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[],
        )
        .map_err(|e| engine_error(&e))?
        .get(0))
}

/// Apply `edit` to the partner's file as it is now, under its row lock,
/// and write it back (docs/architecture.md, "One edit pipeline").
pub(super) fn apply_edit(
    client: &mut Client,
    edit: &Edit,
    today: NaiveDate,
    cfg: &ProgramConfig,
    who: &str,
    session: &str,
) -> Result<Edited, StoreError> {
    let (mut tx, was_key) = begin_write(client)?;
    let cache_key = key(today, cfg);
    let edit = numbered(&mut tx, edit)?;
    let stamp = now(&mut tx)?;
    let edit = edit.stamped(&stamp);
    let id = edit.partner_id();
    let found = tx
        .query_opt(
            "SELECT file, changed_by, \
             to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"') \
             FROM partner_files WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .map_err(|e| engine_error(&e))?;
    let (mut file, last) = match (&edit.change, found) {
        (Change::AddPartner(p), None) => (PartnerFile::new(p.clone()), None),
        (Change::AddPartner(p), Some(_)) => {
            return Err(EditError::RowChanged {
                what: format!("a partner with id {}", p.id),
            }
            .into());
        }
        (_, Some(row)) => (
            decode(row.try_get(0))?,
            Some((row.get::<_, String>(1), row.get::<_, String>(2))),
        ),
        (_, None) => {
            return Err(EditError::PartnerGone {
                expected: edit.partner.name.clone(),
            }
            .into());
        }
    };
    let applied = match edit.apply(&mut file) {
        Ok(applied) => applied,
        Err(refusal) => {
            return Err(match last {
                Some((who, when)) => StoreError::ChangedBy { refusal, who, when },
                None => refusal.into(),
            });
        }
    };
    let removed = edit.removes_partner();
    if removed {
        tx.execute("DELETE FROM partner_files WHERE id = $1", &[&id])
            .map_err(|e| engine_error(&e))?;
    } else {
        stamp.clone_into(&mut file.partner.updated_at);
        file.normalize();
        put_file(&mut tx, &file, who, Put::Replace)?;
    }
    mark_changed(&mut tx, id)?;
    tx.execute("DELETE FROM meta WHERE key = $1", &[&DEMO_MARK])
        .map_err(|e| engine_error(&e))?;
    note_change(&mut tx, session, who, Some(id), &applied.what)?;
    let bits: i32 = tx
        .query_one("SELECT coalesce(bit_or(holds), 0) FROM partner_files", &[])
        .map_err(|e| engine_error(&e))?
        .get(0);
    let coverage = holdings_from_bits(bits).coverage();
    let coverage_changed = coverage != cfg.coverage;
    let cfg = &cfg.clone().for_book(coverage);
    let after = (!removed).then(|| {
        let summary: PartnerSummary = summarize(&file, today, cfg);
        (file, summary)
    });
    // This edit is the only change since the cache was current, and the
    // summary above covers it — unless it changed what the book records,
    // which changes every score.
    if was_key == cache_key && !coverage_changed {
        if let Some((file, summary)) = &after {
            super::cache::put_entries(&mut tx, &[CacheEntry::of(&file.partner, summary.clone())?])?;
        }
        super::cache::set_key(&mut tx, &cache_key)?;
    }
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(Edited {
        applied,
        after,
        coverage_changed,
    })
}

/// Add one activity to the partner's file, numbered from the counter.
pub(super) fn log_activity(
    client: &mut Client,
    partner: i64,
    activity: &Activity,
    who: &str,
    session: &str,
) -> Result<i64, StoreError> {
    let (mut tx, _) = begin_write(client)?;
    let row = tx
        .query_opt(
            "SELECT file FROM partner_files WHERE id = $1 FOR UPDATE",
            &[&partner],
        )
        .map_err(|e| engine_error(&e))?
        .ok_or(StoreError::NotFound {
            what: "partner",
            id: partner,
        })?;
    let mut file = decode(row.try_get(0))?;
    let id = take_ids(&mut tx, 1)?;
    file.activities.push(Activity {
        id,
        ..activity.clone()
    });
    now(&mut tx)?.clone_into(&mut file.partner.updated_at);
    file.normalize();
    put_file(&mut tx, &file, who, Put::Replace)?;
    mark_changed(&mut tx, partner)?;
    tx.execute("DELETE FROM meta WHERE key = $1", &[&DEMO_MARK])
        .map_err(|e| engine_error(&e))?;
    note_change(&mut tx, session, who, Some(partner), "touch logged")?;
    tx.commit().map_err(|e| engine_error(&e))?;
    Ok(id)
}

/// A whole-book replacement on the server: one transaction that empties
/// the book, takes every partner and moves the id counter past the largest
/// id written. Dropped unfinished, the transaction rolls back.
pub(super) struct Replacement<'a> {
    tx: Transaction<'a>,
    how: Bulk<'a>,
    /// Files, summaries and facts handed in, written a batch at a time
    /// (in that order: the last two refer to the first).
    files: Vec<PartnerFile>,
    entries: Vec<CacheEntry>,
    facts: Vec<(i64, Vec<u8>)>,
    summarised: usize,
    who: String,
    session: String,
    written: usize,
    max_id: i64,
}

impl<'a> Replacement<'a> {
    pub(super) fn begin(
        client: &'a mut Client,
        how: Bulk<'a>,
        who: String,
        session: String,
    ) -> Result<Replacement<'a>, StoreError> {
        let (mut tx, _) = begin_write(client)?;
        // Other writers wait for the whole book to be in, never see half;
        // the cache and facts of the old partners go with them (cascade).
        tx.batch_execute(
            "LOCK TABLE partner_files IN EXCLUSIVE MODE; DELETE FROM partner_files; \
             DELETE FROM external_ids; DELETE FROM company_revenue",
        )
        .map_err(|e| engine_error(&e))?;
        super::cache::set_key(&mut tx, STALE)?;
        Ok(Replacement {
            tx,
            how,
            files: Vec::new(),
            entries: Vec::new(),
            facts: Vec::new(),
            summarised: 0,
            who,
            session,
            written: 0,
            max_id: 0,
        })
    }
}

impl Replacement<'_> {
    /// Write the files, summaries and facts handed in so far.
    fn flush(&mut self) -> Pg {
        put_new_files(&mut self.tx, &std::mem::take(&mut self.files), &self.who)?;
        super::cache::put_entries(&mut self.tx, &std::mem::take(&mut self.entries))?;
        let facts = std::mem::take(&mut self.facts);
        if !facts.is_empty() {
            let ids: Vec<i64> = facts.iter().map(|(id, _)| *id).collect();
            let data: Vec<&[u8]> = facts.iter().map(|(_, b)| b.as_slice()).collect();
            self.tx
                .execute(
                    "INSERT INTO partner_facts (partner_id, data) \
                     SELECT * FROM unnest($1::bigint[], $2::bytea[])",
                    &[&ids, &data],
                )
                .map_err(|e| engine_error(&e))?;
        }
        Ok(())
    }
}

/// Write new partners' files in one statement (a whole-book write).
fn put_new_files(tx: &mut Transaction<'_>, files: &[PartnerFile], who: &str) -> Pg {
    if files.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = files.iter().map(|f| f.partner.id).collect();
    let keys: Vec<String> = files.iter().map(|f| name_key(&f.partner.name)).collect();
    let archived: Vec<bool> = files.iter().map(|f| f.partner.archived).collect();
    let holds: Vec<i32> = files.iter().map(holdings_bits).collect();
    let partners = files
        .iter()
        .map(|f| json_text(&f.partner))
        .collect::<Result<Vec<_>, _>>()?;
    let whole = files.iter().map(json_text).collect::<Result<Vec<_>, _>>()?;
    tx.execute(
        "INSERT INTO partner_files (id, name_key, archived, holds, partner, file, changed_by) \
         SELECT id, nk, ar, h, p::jsonb, f::jsonb, $7 FROM \
         unnest($1::bigint[], $2::text[], $3::bool[], $4::int[], $5::text[], $6::text[]) \
         AS t(id, nk, ar, h, p, f)",
        &[&ids, &keys, &archived, &holds, &partners, &whole, &who],
    )
    .map_err(|e| match e.as_db_error() {
        Some(db) if db.code().code() == "23505" => StoreError::Refused(EditError::RowChanged {
            what: format!(
                "a partner of the new book ({}: two partners share it)",
                db.detail().unwrap_or("a name or an id")
            ),
        }),
        _ => engine_error(&e),
    })?;
    Ok(())
}

/// A file (or its partner) as the JSON text its column keeps.
fn json_text<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::BadValue {
        table: "partner_files",
        column: "file",
        reason: e.to_string(),
    })
}

impl PartnerWriter for Replacement<'_> {
    fn add(&mut self, file: &PartnerFile, summary: Option<PartnerSummary>) -> Pg {
        let mut file = file.clone();
        file.normalize();
        self.max_id = self.max_id.max(file.max_id());
        if let Some(summary) = summary {
            self.entries.push(CacheEntry::of(&file.partner, summary)?);
            self.summarised += 1;
        }
        self.files.push(file);
        self.written += 1;
        if self.files.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn company_revenue(&mut self, months: &[CompanyMonth]) -> Pg {
        for m in months {
            super::company::put(&mut self.tx, m)?;
        }
        Ok(())
    }

    fn add_facts(&mut self, partner: i64, blob: &[u8]) -> Pg {
        self.facts.push((partner, blob.to_vec()));
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<usize, StoreError> {
        let mut this = *self;
        this.flush()?;
        let tx = &mut this.tx;
        // Current only when every partner came with its summary.
        if let Some((today, cfg)) = this.how.scoring
            && this.summarised == this.written
        {
            super::cache::set_key(tx, &key(today, cfg))?;
        }
        if let Some(stamp) = this.how.facts_stamp {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('facts_stamp', $1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&stamp],
            )
            .map_err(|e| engine_error(&e))?;
        }
        tx.execute(
            "UPDATE counters SET next = greatest(next, $1::bigint + 1) WHERE name = 'rows'",
            &[&this.max_id],
        )
        .map_err(|e| engine_error(&e))?;
        match this.how.demo {
            Some(day) => {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    &[&DEMO_MARK, &day.to_string()],
                )
                .map_err(|e| engine_error(&e))?;
            }
            None => {
                tx.execute("DELETE FROM meta WHERE key = $1", &[&DEMO_MARK])
                    .map_err(|e| engine_error(&e))?;
            }
        }
        let what = format!("the whole book replaced ({} partners)", this.written);
        note_change(tx, &this.session, &this.who, None, &what)?;
        this.tx.commit().map_err(|e| engine_error(&e))?;
        Ok(this.written)
    }
}
