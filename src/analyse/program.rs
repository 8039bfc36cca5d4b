//! The program's metrics (`domain::program::report`) from each partner's
//! facts rather than its whole history (docs/architecture.md, "How the
//! book becomes summaries"): the facts keep every record the program's
//! rules read, as they do the scoring's, and a book keeps them per
//! partner, so the report reads one small blob a partner instead of every
//! row of the book (at 50,000 partners the whole book took 8.9 s and
//! 1.4 GB). Partners without a usable blob are read whole and reduced to
//! their facts.
//!
//! Once worked out, the report is kept beside the summary cache
//! (`store::kept`) in two rows: the metrics, which Program's first frame
//! and `partnerdeck program` show, and the partners each metric counts,
//! read only when a metric is explained or the report is printed as JSON.
//! Both are forgotten with the summaries when a record changes, and are
//! kept for the company revenue they were worked out with.

use std::sync::mpsc::{Receiver, channel};

use chrono::NaiveDate;

use super::facts_stamp;
use crate::domain::book::{Book, PartnerFile};
use crate::domain::config::ProgramConfig;
use crate::domain::facts::facts;
use crate::domain::program::{Group, Report, report};
use crate::store::cache::key;
use crate::store::facts_codec::decode;
use crate::store::kept::{self, Kept, company_fingerprint};
use crate::store::{BookAddress, BookStore, Store, StoreError};

/// The partners each metric counts, in the metrics' order, as kept.
type Groups = Vec<Vec<Group>>;

/// Where a book keeps the report of a day: the summary cache's key and
/// the two kept rows, for the company revenue the book holds now.
struct KeptReport {
    key: String,
    metrics: Kept,
    groups: Kept,
}

impl KeptReport {
    fn of(
        store: &dyn BookStore,
        today: NaiveDate,
        cfg: &ProgramConfig,
    ) -> Result<Self, StoreError> {
        let cfg = cfg.clone().for_book(store.coverage()?);
        let company = company_fingerprint(&store.company_revenue()?);
        Ok(KeptReport {
            key: key(today, &cfg),
            metrics: Kept::Program(today, company),
            groups: Kept::ProgramGroups(today, company),
        })
    }
}

/// Every metric of the program as of `today`, without the partners each
/// counts (every metric's `groups` is empty): what the Program screen's
/// table and `partnerdeck program` show. Kept when the book keeps it,
/// else worked out whole (and kept).
///
/// # Errors
/// When the book cannot be read.
pub fn program_metrics(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Report, StoreError> {
    let before = store.change_token()?;
    let (at, found) = kept_metrics(store, today, cfg)?;
    if let Some(report) = found {
        return Ok(report);
    }
    let mut report = work_out(store, today, cfg, before, &at)?;
    for m in &mut report.metrics {
        m.groups = Vec::new();
    }
    Ok(report)
}

/// [`program_metrics`] only when the book keeps them: a quick read, or
/// None when they must be worked out (which the cockpit does on another
/// thread, [`ProgramPending`]).
///
/// # Errors
/// When the book cannot be read.
pub fn program_kept(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Option<Report>, StoreError> {
    Ok(kept_metrics(store, today, cfg)?.1)
}

fn kept_metrics(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<(KeptReport, Option<Report>), StoreError> {
    let (at, found) = store.snapshot(|s| {
        let at = KeptReport::of(s, today, cfg)?;
        let found = s.kept_data(&at.key, at.metrics)?;
        Ok((at, found))
    })?;
    let report = found.as_deref().and_then(kept::decode::<Report>);
    Ok((at, report))
}

/// [`program_metrics`] worked out on a thread of its own, with its own
/// connection, while the cockpit draws (at 50,000 partners the first
/// Program of a day takes over a second); it keeps what it works out as
/// [`program_metrics`] does.
#[derive(Debug)]
pub struct ProgramPending {
    result: Receiver<Result<Report, StoreError>>,
    /// What the caller asked it for (`Model::program_epoch`): a result for
    /// another is dropped.
    pub epoch: u64,
}

impl ProgramPending {
    /// Start on the book at `address`; None for a book only this
    /// connection can read (one in memory), which is read at once instead.
    #[must_use]
    pub fn start(
        address: &BookAddress,
        today: NaiveDate,
        cfg: ProgramConfig,
        epoch: u64,
    ) -> Option<ProgramPending> {
        if matches!(address, BookAddress::Memory) {
            return None;
        }
        let (send, result) = channel();
        let address = address.clone();
        std::thread::spawn(move || {
            let report = super::background::open_again(&address)
                .and_then(|store| program_metrics(&store, today, &cfg));
            // Nobody waits any more when the cockpit quit or moved on.
            let _ = send.send(report);
        });
        Some(ProgramPending { result, epoch })
    }

    /// The metrics, once worked out.
    #[must_use]
    pub fn take(&self) -> Option<Result<Report, StoreError>> {
        super::background::taken(&self.result, "the program's thread stopped")
    }
}

/// Every metric of the program as of `today`, with the partners each
/// counts: kept when the book keeps it, else worked out (and kept).
///
/// # Errors
/// When the book cannot be read.
pub fn program_report(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
) -> Result<Report, StoreError> {
    let before = store.change_token()?;
    let (at, metrics, groups) = store.snapshot(|s| {
        let at = KeptReport::of(s, today, cfg)?;
        let metrics = s.kept_data(&at.key, at.metrics)?;
        let groups = s.kept_data(&at.key, at.groups)?;
        Ok((at, metrics, groups))
    })?;
    let metrics = metrics.as_deref().and_then(kept::decode::<Report>);
    let groups = groups.as_deref().and_then(kept::decode::<Groups>);
    if let (Some(mut report), Some(groups)) = (metrics, groups)
        && groups.len() == report.metrics.len()
    {
        for (m, g) in report.metrics.iter_mut().zip(groups) {
            m.groups = g;
        }
        return Ok(report);
    }
    work_out(store, today, cfg, before, &at)
}

/// The report worked out from the facts, and kept when nothing changed
/// the book since `before` (a change token taken before anything was
/// read). Keeping is best effort: a book that cannot keep it works it out
/// again next time.
fn work_out(
    store: &Store,
    today: NaiveDate,
    cfg: &ProgramConfig,
    before: i64,
    at: &KeptReport,
) -> Result<Report, StoreError> {
    let mut report = from_facts(store, today, cfg)?;
    if store.capabilities().keeps_cache {
        let groups: Groups = report
            .metrics
            .iter_mut()
            .map(|m| std::mem::take(&mut m.groups))
            .collect();
        if let (Some(m), Some(g)) = (kept::encode(&report), kept::encode(&groups)) {
            let _ = store.keep_data(&at.key, before, &[(at.metrics, &m), (at.groups, &g)]);
        }
        for (m, g) in report.metrics.iter_mut().zip(groups) {
            m.groups = g;
        }
    }
    Ok(report)
}

/// Every metric of the program as of `today`, from the book's facts.
fn from_facts(store: &Store, today: NaiveDate, cfg: &ProgramConfig) -> Result<Report, StoreError> {
    let mut book = Book {
        partners: Vec::new(),
        company_revenue: Vec::new(),
    };
    store.snapshot(|s| {
        book.partners = facts_files(s)?;
        book.company_revenue = s.company_revenue()?;
        Ok(())
    })?;
    Ok(report(&book, today, cfg))
}

/// Every partner's facts, by id: from its blob where the book keeps one
/// of this build's stamp, else from its rows.
fn facts_files(store: &dyn BookStore) -> Result<Vec<PartnerFile>, StoreError> {
    let partners = store.load_partners()?;
    let mut files: Vec<Option<PartnerFile>> = vec![None; partners.len()];
    if store.meta("facts_stamp")?.as_deref() == Some(facts_stamp().as_str()) {
        let mut i = 0;
        store.each_facts(i64::MIN, i64::MAX, &mut |id, blob| {
            while i < partners.len() && partners[i].id < id {
                i += 1;
            }
            if let Some(p) = partners.get(i).filter(|p| p.id == id) {
                files[i] = decode(p.clone(), blob);
            }
        })?;
    }
    let missing: Vec<i64> = partners
        .iter()
        .zip(&files)
        .filter(|(_, f)| f.is_none())
        .map(|(p, _)| p.id)
        .collect();
    let mut read = store.load_files(&missing)?.into_iter().peekable();
    Ok(partners
        .iter()
        .zip(files)
        .filter_map(|(p, f)| f.or_else(|| read.next_if(|f| f.partner.id == p.id).map(facts)))
        .collect())
}
