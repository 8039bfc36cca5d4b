//! One store suite, run on both engines: each test is written once against
//! `Store` (the `BookStore` trait) and instantiated for a book file
//! (`SQLite`) and a team book (PostgreSQL, on a throwaway cluster; skipped
//! loudly where the server binaries are missing).

mod common;

use chrono::NaiveDate;
use partnerdeck::domain::book::{Activity, ActivityKind, Book};
use partnerdeck::domain::config::ProgramConfig;
use partnerdeck::domain::edit::{Change, DoneItem, Edit, PartnerRef};
use partnerdeck::domain::testing::date;
use partnerdeck::store::kept::Kept;
use partnerdeck::store::transfer::{to_json, write_json};
use partnerdeck::store::{BookAddress, Store, StoreError, StoredDraft};

/// Where a test's book lives, and how to open it again (a second manager).
struct Engine {
    address: BookAddress,
    _dir: Option<tempfile::TempDir>,
}

impl Engine {
    fn open(&self) -> Store {
        Store::open_at(&self.address).expect("open the book")
    }
}

fn sqlite() -> Engine {
    let dir = tempfile::tempdir().expect("dir");
    Engine {
        address: BookAddress::File(dir.path().join("book.db")),
        _dir: Some(dir),
    }
}

fn postgres() -> Option<Engine> {
    Some(Engine {
        address: BookAddress::Postgres(common::pg::fresh_book()?),
        _dir: None,
    })
}

/// Instantiate `$body` (a fn taking an `Engine`) once per engine.
macro_rules! on_both_engines {
    ($name:ident) => {
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&super::sqlite());
            }

            #[test]
            fn postgres() {
                if let Some(engine) = super::postgres() {
                    super::$name(&engine);
                }
            }
        }
    };
}

fn today() -> NaiveDate {
    date(2026, 11, 25)
}

/// A touch logged today.
fn touch(kind: ActivityKind, summary: &str) -> Activity {
    Activity {
        id: 0,
        date: today(),
        kind,
        summary: summary.into(),
        contact: None,
    }
}

fn written(engine: &Engine) -> (Store, Book) {
    let mut store = engine.open();
    let book = common::small_book();
    store.replace_book(&book).expect("write the book");
    (store, book)
}

fn tick_first_task(book: &Book) -> Edit {
    let northwind = &book.partners[0];
    Edit {
        partner: PartnerRef {
            id: northwind.partner.id,
            name: northwind.partner.name.clone(),
        },
        change: Change::SetDone {
            item: DoneItem::CampaignTask {
                campaign: northwind.campaigns[0].id,
                task: northwind.campaigns[0].tasks[0].id,
            },
            from: None,
            to: Some(today()),
        },
    }
}

fn a_book_reads_back_as_written(engine: &Engine) {
    let (store, book) = written(engine);
    assert_eq!(store.load().expect("load"), book);
    assert!(!store.is_empty().expect("empty"));
    let second = engine.open();
    assert_eq!(second.load().expect("load again"), book);
    assert_eq!(
        second.load_partners().expect("partners").len(),
        book.partners.len()
    );
    assert_eq!(
        store.coverage().expect("coverage"),
        partnerdeck::domain::coverage::Coverage::of_book(&book)
    );
}
on_both_engines!(a_book_reads_back_as_written);

/// What the book records (and so how it is scored) is read again after a
/// write, also where an open reads it from beside a current cache.
fn coverage_follows_a_write_by_another_program(engine: &Engine) {
    use partnerdeck::domain::coverage::Coverage;
    let mut book = common::small_book();
    for f in &mut book.partners {
        f.activities
            .retain(|a| !matches!(a.kind, ActivityKind::PortalLogin | ActivityKind::Training));
    }
    let mut store = engine.open();
    store.replace_book(&book).expect("write the book");
    let cfg = ProgramConfig::default();
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("a new day");
    assert!(partnerdeck::analyse::is_current(&store, today(), &cfg).expect("current"));
    let coverage = store.coverage().expect("coverage");
    assert_eq!(coverage, Coverage::of_book(&book));
    assert!(!coverage.engagement, "no login or training in the book");
    let litware = book.find("litware").expect("litware").partner.id;
    engine
        .open()
        .log_activity(litware, &touch(ActivityKind::PortalLogin, ""))
        .expect("another program writes");
    assert!(
        store.coverage().expect("coverage").engagement,
        "read after the write"
    );
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("scored again");
    assert!(partnerdeck::analyse::is_current(&store, today(), &cfg).expect("current"));
    assert!(
        store.coverage().expect("coverage").engagement,
        "and beside the cache"
    );
    assert!(engine.open().coverage().expect("coverage").engagement);
}
on_both_engines!(coverage_follows_a_write_by_another_program);

fn lists_across_partners_match_the_files(engine: &Engine) {
    let (store, book) = written(engine);
    let mut rows: Vec<_> = book
        .partners
        .iter()
        .flat_map(|f| {
            f.campaigns
                .iter()
                .map(|c| partnerdeck::domain::campaigns::row_of(&f.partner, c, today()))
        })
        .collect();
    rows.sort_by_key(|r| (r.launch, r.id));
    assert_eq!(store.campaign_rows(today()).expect("rows"), rows);
    let lines = store.qbr_lines(date(2020, 1, 1)).expect("qbr lines");
    let expected: usize = book.partners.iter().map(|f| f.qbrs.len()).sum();
    assert_eq!(lines.len(), expected);
    // From a day between the QBRs: the later ones, as each file makes them.
    let mut days: Vec<NaiveDate> = lines.iter().map(|l| l.date).collect();
    days.sort();
    let from = days[days.len() / 2];
    let mut expected: Vec<_> = book
        .partners
        .iter()
        .flat_map(partnerdeck::domain::qbr_board::lines_of)
        .filter(|l| l.date >= from)
        .collect();
    expected.sort_by_key(|l| (l.date, l.qbr_id));
    assert!(expected.len() < lines.len(), "some QBRs are before {from}");
    assert_eq!(store.qbr_lines(from).expect("later lines"), expected);
}
on_both_engines!(lists_across_partners_match_the_files);

/// A demo book larger than what an export reads at once.
fn demo_book(partners: usize) -> Book {
    partnerdeck::demo::generate(
        &partnerdeck::demo::DemoOptions { partners, seed: 7 },
        today(),
        &ProgramConfig::default(),
    )
}

fn the_book_written_as_it_is_read_is_the_whole_book_s_json(engine: &Engine) {
    let mut store = engine.open();
    store.replace_book(&demo_book(620)).expect("write the book");
    let mut out = Vec::new();
    let written = store
        .snapshot(|book| Ok(write_json(book, &mut out)))
        .expect("read")
        .expect("written");
    assert_eq!(written, 620);
    let whole = to_json(&store.load().expect("load")).expect("json");
    assert!(
        String::from_utf8(out).expect("utf-8") == whole,
        "the streamed export differs from the whole book's JSON"
    );
}
on_both_engines!(the_book_written_as_it_is_read_is_the_whole_book_s_json);

fn chosen_files_come_in_the_order_asked(engine: &Engine) {
    let (store, book) = written(engine);
    let ids: Vec<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    let asked = [ids[ids.len() - 1], 999_999, ids[0]];
    let files = store.load_files(&asked).expect("files");
    let got: Vec<i64> = files.iter().map(|f| f.partner.id).collect();
    assert_eq!(got, [asked[0], asked[2]], "an unknown id is left out");
    assert_eq!(files[0], store.load_file(asked[0]).expect("file"));
    assert_eq!(files[1], book.partners[0]);
    assert!(store.load_files(&[]).expect("none").is_empty());
}
on_both_engines!(chosen_files_come_in_the_order_asked);

fn an_edit_is_written_and_the_same_edit_again_is_refused(engine: &Engine) {
    let (mut store, book) = written(engine);
    store.sign_as("ann");
    let edit = tick_first_task(&book);
    let done = store
        .apply_edit(&edit, today(), &ProgramConfig::default())
        .expect("tick");
    let (file, _) = done.after.expect("the partner is still there");
    assert_eq!(file.campaigns[0].tasks[0].done, Some(today()));
    // A second manager who read the task before the tick: refused, and the
    // book keeps the first tick.
    let mut other = engine.open();
    other.sign_as("bob");
    let err = other
        .apply_edit(&edit, today(), &ProgramConfig::default())
        .expect_err("the row changed");
    assert!(
        matches!(err, StoreError::Refused(_) | StoreError::ChangedBy { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("no longer in the book"), "{err}");
    if other.capabilities().shared {
        // On a team book the refusal says who changed it, and when.
        assert!(
            err.to_string().contains("last changed by ann at 20"),
            "{err}"
        );
    }
    let read = engine
        .open()
        .load_file(book.partners[0].partner.id)
        .expect("file");
    assert_eq!(read.campaigns[0].tasks[0].done, Some(today()));
}
on_both_engines!(an_edit_is_written_and_the_same_edit_again_is_refused);

fn logged_touches_get_their_own_ids(engine: &Engine) {
    let (mut store, book) = written(engine);
    let litware = book.find("litware").expect("litware").partner.id;
    let touch = touch(ActivityKind::Call, "Checked in");
    let first = store.log_activity(litware, &touch).expect("log");
    let second = engine.open().log_activity(litware, &touch).expect("log");
    assert_ne!(first, second);
    let file = store.load_file(litware).expect("file");
    let ids: Vec<i64> = file.activities.iter().map(|a| a.id).collect();
    assert!(ids.contains(&first) && ids.contains(&second), "{ids:?}");
    let err = store
        .log_activity(987_654, &touch)
        .expect_err("no such partner");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}
on_both_engines!(logged_touches_get_their_own_ids);

fn another_connection_s_write_moves_the_change_token(engine: &Engine) {
    let (mut store, book) = written(engine);
    let mine = store.change_token().expect("token");
    store
        .apply_edit(&tick_first_task(&book), today(), &ProgramConfig::default())
        .expect("tick");
    assert_eq!(
        store.change_token().expect("token"),
        mine,
        "its own write does not move it"
    );
    let litware = book.find("litware").expect("litware").partner.id;
    let touch = touch(ActivityKind::Email, "");
    engine.open().log_activity(litware, &touch).expect("log");
    assert_ne!(store.change_token().expect("token"), mine);
}
on_both_engines!(another_connection_s_write_moves_the_change_token);

/// Every partner's cache entry, scored from its whole file as of today.
fn cache_entries<'a>(
    book: &'a Book,
    cfg: &'a ProgramConfig,
) -> impl Iterator<Item = partnerdeck::store::cache::CacheEntry> + 'a {
    book.partners.iter().map(|f| {
        let summary = partnerdeck::domain::analysis::summarize(f, today(), cfg);
        partnerdeck::store::cache::CacheEntry::of(&f.partner, summary).expect("entry")
    })
}

/// A new day's cache is written as its entries are made: the save takes
/// the lock and checks the book unchanged before it takes one, so a book
/// changed by another program meanwhile gets no cache and every entry is
/// still there to be held instead.
fn cache_entries_are_saved_only_over_the_book_they_were_made_from(engine: &Engine) {
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let key = partnerdeck::store::cache::key(today(), &cfg);
    let entries = || cache_entries(&book, &cfg);
    let before = store.change_token().expect("token");
    let litware = book.find("litware").expect("litware").partner.id;
    engine
        .open()
        .log_activity(litware, &touch(ActivityKind::Call, ""))
        .expect("another program writes");
    let mut taken = 0;
    let mut counted = entries().inspect(|_| taken += 1);
    let saved = store
        .save_entries(&key, before, &mut counted)
        .expect("save");
    assert!(!saved, "changed since the token was read");
    assert_eq!(taken, 0, "no entry taken");
    assert!(store.cached_rows(&key, None).expect("rows").is_none());
    let now = store.change_token().expect("token");
    assert!(store.save_entries(&key, now, &mut entries()).expect("save"));
    let rows = store
        .cached_rows(&key, None)
        .expect("rows")
        .expect("current");
    assert_eq!(rows.len(), book.partners.len());
}
on_both_engines!(cache_entries_are_saved_only_over_the_book_they_were_made_from);

/// A second manager reading the cache while a first saves the same day's
/// again (two cockpits scored the morning at once) reads all of it.
fn a_cache_read_while_it_is_saved_again_is_read_whole(engine: &Engine) {
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let key = partnerdeck::store::cache::key(today(), &cfg);
    let entries = || cache_entries(&book, &cfg);
    let token = store.change_token().expect("token");
    assert!(
        store
            .save_entries(&key, token, &mut entries())
            .expect("save")
    );
    let whole = book.partners.len();
    let read = std::thread::scope(|s| {
        let mut reader = None;
        let mut each = entries().inspect(|_| {
            if reader.is_none() {
                reader = Some(s.spawn(|| engine.open().cached_rows(&key, None)));
                // The read is under way while the save goes on.
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
        });
        assert!(
            store
                .save_entries(&key, token, &mut each)
                .expect("saved again")
        );
        drop(each);
        reader.expect("a reader").join().expect("the reader")
    });
    let rows = read
        .expect("read")
        .expect("current: the rows are all there");
    assert_eq!(rows.len(), whole);
    let ids: Vec<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
}
on_both_engines!(a_cache_read_while_it_is_saved_again_is_read_whole);

/// A partner removed while the cache is current leaves it current, and
/// without that partner's summary and row.
fn a_removed_partner_leaves_the_cache_with_it(engine: &Engine) {
    use partnerdeck::analyse::{Analyse, is_current};
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let mut newcomer = book.partners[0].partner.clone();
    newcomer.id = 0;
    newcomer.name = "Zephyr Labs".into();
    let add = Edit {
        partner: PartnerRef {
            id: 0,
            name: newcomer.name.clone(),
        },
        change: Change::AddPartner(newcomer),
    };
    let (added, _) = store
        .apply_edit(&add, today(), &cfg)
        .expect("add")
        .after
        .expect("the new partner");
    let scored = store.analyse(today(), &cfg).expect("scored");
    assert_eq!(scored.partners.len(), book.partners.len() + 1);
    let remove = Edit {
        partner: PartnerRef {
            id: added.partner.id,
            name: added.partner.name.clone(),
        },
        change: Change::RemovePartner(added.partner.clone()),
    };
    store.apply_edit(&remove, today(), &cfg).expect("remove");
    assert!(is_current(&store, today(), &cfg).expect("current"));
    let read = engine.open().analyse(today(), &cfg).expect("read");
    assert!(
        read.cached,
        "the cache holds nothing of the removed partner"
    );
    let ids: Vec<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    assert_eq!(read.partners.iter().map(|p| p.id).collect::<Vec<_>>(), ids);
}
on_both_engines!(a_removed_partner_leaves_the_cache_with_it);

/// Team book only: a manager who may write the book's rows but not empty
/// a table (no `TRUNCATE` privilege) still saves a new day's cache.
#[test]
fn a_manager_without_truncate_saves_the_cache() {
    use partnerdeck::analyse::Analyse;
    let Some(engine) = postgres() else {
        return;
    };
    let (_owner, book) = written(&engine);
    let BookAddress::Postgres(url) = &engine.address else {
        unreachable!("a team book");
    };
    let cluster = common::pg::cluster().expect("cluster");
    let db = url.rsplit('/').next().expect("database");
    let clerk = format!("clerk_{db}");
    cluster.sql(
        db,
        &format!(
            "CREATE ROLE {clerk} LOGIN; \
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {clerk}; \
             GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {clerk}"
        ),
    );
    let as_clerk = BookAddress::Postgres(url.replacen("partnerdeck@", &format!("{clerk}@"), 1));
    let cfg = ProgramConfig::default();
    let mut store = Store::open_at(&as_clerk).expect("open as the clerk");
    assert!(!store.analyse(today(), &cfg).expect("scored").cached);
    let again = Store::open_at(&as_clerk)
        .expect("open again")
        .analyse(today(), &cfg)
        .expect("read");
    assert!(again.cached, "the clerk's save was kept");
    assert_eq!(again.partners.len(), book.partners.len());
}

/// A new day's threads each read their own part of the partners: every
/// id in order, and the records of a range of them.
fn partners_are_read_by_range_of_ids(engine: &Engine) {
    let (store, book) = written(engine);
    let mut expected: Vec<i64> = book.partners.iter().map(|f| f.partner.id).collect();
    expected.sort_unstable();
    let ids = store.partner_ids().expect("ids");
    assert_eq!(ids, expected);
    let (lo, hi) = (ids[1], ids[ids.len() - 2]);
    let part = store.load_partners_between(lo, hi).expect("part");
    let got: Vec<i64> = part.iter().map(|p| p.id).collect();
    assert_eq!(got, ids[1..ids.len() - 1]);
    let whole = store.load_partners().expect("all");
    assert_eq!(part[0], whole[1], "the same record as read whole");
    // A scoring thread's own connection reads the same part.
    let reader = store
        .second_reader()
        .expect("reader")
        .expect("a second reader");
    let by_reader = reader.load_partners_between(lo, hi).expect("its part");
    assert_eq!(by_reader, part);
}
on_both_engines!(partners_are_read_by_range_of_ids);

/// The program's metrics from the partners' facts equal those of the
/// whole book, before any facts are kept and after a new day kept them.
fn the_program_report_reads_the_facts_on_either_engine(engine: &Engine) {
    let (mut store, _) = written(engine);
    let cfg = ProgramConfig::default();
    let whole = |store: &Store| {
        partnerdeck::domain::program::report(&store.load().expect("load"), today(), &cfg)
    };
    let report =
        |store: &Store| partnerdeck::analyse::program_report(store, today(), &cfg).expect("report");
    assert_eq!(report(&store), whole(&store), "from the rows");
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("a new day");
    assert_eq!(report(&store), whole(&store), "from the facts");
}
on_both_engines!(the_program_report_reads_the_facts_on_either_engine);

/// Where the book keeps the program's report of `today`: the summary
/// cache's key, the metrics' row and the partners' row.
fn program_rows(store: &Store, cfg: &ProgramConfig) -> (String, Kept, Kept) {
    use partnerdeck::store::kept::company_fingerprint;
    let cfg = cfg.clone().for_book(store.coverage().expect("coverage"));
    let company = company_fingerprint(&store.company_revenue().expect("company revenue"));
    (
        partnerdeck::store::cache::key(today(), &cfg),
        Kept::Program(today(), company),
        Kept::ProgramGroups(today(), company),
    )
}

/// The program's report is worked out once a day and kept beside the
/// summaries: read back the same, its metrics alone for the table, and
/// worked out again when company revenue or a record changes.
fn the_program_report_is_kept_for_the_book_it_was_worked_out_from(engine: &Engine) {
    use partnerdeck::analyse::{front, program_metrics, program_report};
    use partnerdeck::domain::book::YearMonth;
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let whole = |store: &Store| {
        partnerdeck::domain::program::report(&store.load().expect("load"), today(), &cfg)
    };
    front(&mut store, today(), &cfg).expect("a new day");
    let (key, metrics, groups) = program_rows(&store, &cfg);
    assert!(store.kept_data(&key, metrics).expect("read").is_none());
    let first = program_report(&store, today(), &cfg).expect("report");
    assert!(store.kept_data(&key, metrics).expect("read").is_some());
    assert!(store.kept_data(&key, groups).expect("read").is_some());
    assert_eq!(program_report(&store, today(), &cfg).expect("kept"), first);
    let table = program_metrics(&store, today(), &cfg).expect("metrics");
    assert_eq!(table.metrics.len(), first.metrics.len());
    for (shown, full) in table.metrics.iter().zip(&first.metrics) {
        assert!(
            shown.groups.is_empty(),
            "{}: the table reads no partners",
            shown.key
        );
        assert!(
            !full.groups.is_empty(),
            "{}: explained, it lists them",
            full.key
        );
        assert_eq!((&shown.reason, shown.now), (&full.reason, full.now));
    }
    // Company revenue is not a partner's record: the report follows it.
    store
        .set_company_revenue(YearMonth::of(today()), Some(4_000_000))
        .expect("company revenue");
    let after = program_report(&store, today(), &cfg).expect("report");
    assert_ne!(after.company_revenue, first.company_revenue);
    assert_eq!(after, whole(&store));
    // A record written by another program forgets what was kept.
    let litware = book.find("litware").expect("litware").partner.id;
    engine
        .open()
        .log_activity(litware, &touch(ActivityKind::Call, ""))
        .expect("another program writes");
    let (key, metrics, _) = program_rows(&store, &cfg);
    assert!(store.kept_data(&key, metrics).expect("read").is_none());
}
on_both_engines!(the_program_report_is_kept_for_the_book_it_was_worked_out_from);

/// A report worked out before another program wrote the book is not
/// kept: what it holds may be of the book as it was.
fn nothing_is_kept_over_a_book_changed_since_it_was_read(engine: &Engine) {
    use partnerdeck::domain::book::YearMonth;
    let (mut store, _) = written(engine);
    let cfg = ProgramConfig::default();
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("a new day");
    let (key, metrics, _) = program_rows(&store, &cfg);
    let before = store.change_token().expect("token");
    engine
        .open()
        .set_company_revenue(YearMonth::of(today()), Some(1_000))
        .expect("another program writes");
    let data: &[u8] = b"kept";
    assert!(
        !store
            .keep_data(&key, before, &[(metrics, data)])
            .expect("keep")
    );
    assert!(store.kept_data(&key, metrics).expect("read").is_none());
    let now = store.change_token().expect("token");
    assert!(
        store
            .keep_data(&key, now, &[(metrics, data)])
            .expect("keep")
    );
    assert_eq!(
        store.kept_data(&key, metrics).expect("read").as_deref(),
        Some(data)
    );
    assert!(
        !store
            .keep_data("another key", now, &[(metrics, data)])
            .expect("keep")
    );
}
on_both_engines!(nothing_is_kept_over_a_book_changed_since_it_was_read);

/// A cockpit watches the book (on PostgreSQL it listens, and reads the
/// token again only when told of a commit): another manager's write shows
/// within two seconds, its own writes never, and nothing is missed across
/// several writes.
fn a_watching_cockpit_sees_another_write_within_two_seconds(engine: &Engine) {
    let (mut store, book) = written(engine);
    store.watch_changes();
    let mine = store.change_token().expect("token");
    if let BookAddress::Postgres(url) = &engine.address {
        // The cockpit's second connection is listening.
        let (cluster, db) = (common::pg::cluster().expect("up"), url.rsplit('/').next());
        let listening = "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN partnerdeck_changes' AND datname = current_database()";
        let waited = std::time::Instant::now();
        while cluster.sql(db.expect("db"), listening) != "1" {
            assert!(waited.elapsed().as_secs() < 5, "no connection listens");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    store
        .apply_edit(&tick_first_task(&book), today(), &ProgramConfig::default())
        .expect("tick");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(store.change_token().expect("token"), mine, "its own write");
    let litware = book.find("litware").expect("litware").partner.id;
    let touch = touch(ActivityKind::Email, "");
    let mut other = engine.open();
    let mut seen = mine;
    for round in 0..3 {
        other.log_activity(litware, &touch).expect("log");
        let waited = std::time::Instant::now();
        loop {
            let token = store.change_token().expect("token");
            if token != seen {
                seen = token;
                break;
            }
            assert!(
                waited.elapsed() < std::time::Duration::from_secs(2),
                "write {round} not seen within 2 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}
on_both_engines!(a_watching_cockpit_sees_another_write_within_two_seconds);

fn drafts_are_kept_and_forgotten(engine: &Engine) {
    let mut store = engine.open();
    let draft = StoredDraft {
        key: "partner".into(),
        title: "New partner".into(),
        values: vec![("name".into(), "Kestrel".into())],
        row: None,
    };
    store.save_draft(&draft).expect("save");
    assert_eq!(engine.open().drafts().expect("drafts"), vec![draft]);
    store.forget_draft("partner").expect("forget");
    assert!(store.drafts().expect("drafts").is_empty());
}
on_both_engines!(drafts_are_kept_and_forgotten);

fn a_failed_replacement_leaves_the_book_as_it_was(engine: &Engine) {
    let (mut store, book) = written(engine);
    let mut twice = book.clone();
    twice.partners.push(book.partners[0].clone());
    assert!(store.replace_book(&twice).is_err(), "one id twice");
    assert_eq!(engine.open().load().expect("load"), book);
}
on_both_engines!(a_failed_replacement_leaves_the_book_as_it_was);

fn the_summaries_are_cached_for_the_day_and_kept_current_by_edits(engine: &Engine) {
    use partnerdeck::analyse::{Analyse, is_current};
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    assert!(!store.analyse(today(), &cfg).expect("first").cached);
    let again = engine.open().analyse(today(), &cfg).expect("second");
    assert!(again.cached, "a second open of the day reads the cache");
    store
        .apply_edit(&tick_first_task(&book), today(), &cfg)
        .expect("tick");
    assert!(is_current(&store, today(), &cfg).expect("current"));
    let cached = engine
        .open()
        .analyse(today(), &cfg)
        .expect("after the edit");
    assert!(cached.cached);
    // What the cache says is what scoring the book now says.
    let mut fresh = engine.open();
    let litware = book.find("litware").expect("litware").partner.id;
    let touch = touch(ActivityKind::Meeting, "");
    fresh.log_activity(litware, &touch).expect("log");
    assert!(!is_current(&store, today(), &cfg).expect("stale after a touch"));
    let scored = store.analyse(today(), &cfg).expect("scored again");
    assert!(!scored.cached);
    let i = scored
        .partners
        .iter()
        .position(|p| p.id == litware)
        .expect("litware");
    assert_eq!(
        scored.summaries[i],
        partnerdeck::domain::analysis::summarize(
            &engine.open().load_file(litware).expect("file"),
            today(),
            &cfg.clone().for_book(store.coverage().expect("coverage"))
        )
    );
}
on_both_engines!(the_summaries_are_cached_for_the_day_and_kept_current_by_edits);

/// Team book only: a book file has one writer at a time, and the
/// analysis checks `data_version` itself.
#[test]
fn a_cache_is_never_saved_over_a_write_it_did_not_see() {
    let Some(engine) = postgres() else {
        return;
    };
    let engine = &engine;
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let partners = store.load_partners().expect("partners");
    store.change_token().expect("token");
    let litware = book.find("litware").expect("litware").partner.id;
    let touch = touch(ActivityKind::Call, "");
    engine
        .open()
        .log_activity(litware, &touch)
        .expect("another manager logs");
    let summaries: Vec<_> = store
        .load()
        .expect("book")
        .partners
        .iter()
        .map(|f| partnerdeck::domain::analysis::summarize(f, today(), &cfg))
        .collect();
    let key = partnerdeck::store::cache::key(today(), &cfg);
    let err = store
        .save_summaries(&key, &partners, &summaries)
        .expect_err("a write since the token was read");
    assert!(matches!(err, StoreError::Busy), "{err}");
    assert_eq!(
        store.meta("summaries_key").expect("key").as_deref(),
        Some("stale")
    );
}

fn company_revenue_is_kept_set_by_month_and_replaced_with_the_book(engine: &Engine) {
    use partnerdeck::domain::book::{CompanyMonth, YearMonth};
    let month = |m| YearMonth {
        year: 2026,
        month: m,
    };
    let mut store = engine.open();
    let mut book = common::small_book();
    book.company_revenue = vec![
        CompanyMonth {
            month: month(1),
            amount: 1_200_000,
        },
        CompanyMonth {
            month: month(2),
            amount: 1_100_000,
        },
    ];
    store.replace_book(&book).expect("write the book");
    assert_eq!(
        store.load().expect("load").company_revenue,
        book.company_revenue
    );
    // One month set, then cleared: each says what the book held before.
    assert_eq!(
        store
            .set_company_revenue(month(2), Some(900_000))
            .expect("set"),
        Some(1_100_000)
    );
    assert_eq!(
        store
            .set_company_revenue(month(3), Some(1_000_000))
            .expect("set"),
        None
    );
    assert_eq!(
        store.set_company_revenue(month(1), None).expect("clear"),
        Some(1_200_000)
    );
    // Another manager (or program) reads what was written.
    let other = engine.open();
    let amounts: Vec<(u32, i64)> = other
        .company_revenue()
        .expect("read")
        .iter()
        .map(|m| (m.month.month, m.amount))
        .collect();
    assert_eq!(amounts, [(2, 900_000), (3, 1_000_000)]);
    // A whole book written again replaces the months too.
    book.company_revenue.truncate(1);
    store.replace_book(&book).expect("write again");
    assert_eq!(other.company_revenue().expect("read"), book.company_revenue);
}
on_both_engines!(company_revenue_is_kept_set_by_month_and_replaced_with_the_book);

/// The rows of `kept_lists`, by name, as the engine holds them.
fn kept_lists(engine: &Engine) -> Vec<String> {
    match &engine.address {
        BookAddress::File(path) => {
            let conn = rusqlite::Connection::open(path).expect("open the file");
            let mut stmt = conn
                .prepare("SELECT what FROM kept_lists ORDER BY what")
                .expect("kept_lists");
            stmt.query_map([], |r| r.get(0))
                .expect("read")
                .collect::<Result<_, _>>()
                .expect("rows")
        }
        BookAddress::Postgres(url) => {
            let db = url.rsplit('/').next().expect("a database");
            let cluster = common::pg::cluster().expect("the cluster");
            let out = cluster.sql(db, "SELECT what FROM kept_lists ORDER BY what");
            out.lines().map(str::to_string).collect()
        }
        BookAddress::Memory => unreachable!("the suite's books are a file or a server's"),
    }
}

fn screens_lists_are_kept_once_read_and_forgotten_when_the_book_changes(engine: &Engine) {
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let key = partnerdeck::store::cache::key(today(), &cfg);
    let from = date(2020, 1, 1);
    // Before the summaries are saved under the key, nothing is kept.
    assert_eq!(
        store.kept_qbr_lines(&key, from).expect("lines"),
        store.qbr_lines(from).expect("q")
    );
    assert!(
        kept_lists(engine).is_empty(),
        "not kept while the cache is stale"
    );
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("scored and saved");
    let lines = store.qbr_lines(from).expect("lines");
    let rows = store.campaign_rows(today()).expect("rows");
    let tiers = store.cached_tiers(&key).expect("tiers").expect("current");
    assert_eq!(store.kept_qbr_lines(&key, from).expect("kept"), lines);
    assert_eq!(store.kept_campaign_rows(&key, today()).expect("kept"), rows);
    assert_eq!(kept_lists(engine), ["campaigns", "qbr_lines", "tiers"]);
    // Read back from there, by another manager too; for another day's
    // window the lines are read again (and kept for it).
    let other = engine.open();
    assert_eq!(other.kept_qbr_lines(&key, from).expect("kept"), lines);
    assert_eq!(other.kept_campaign_rows(&key, today()).expect("kept"), rows);
    assert_eq!(other.cached_tiers(&key).expect("kept"), Some(tiers));
    let later = date(2026, 10, 1);
    assert_eq!(
        other.kept_qbr_lines(&key, later).expect("another window"),
        store.qbr_lines(later).expect("read")
    );
    // Under another key (another day, another config) nothing kept is read.
    assert_eq!(other.cached_tiers("another key").expect("read"), None);

    // An edit forgets every list, though the key is current again after it.
    store
        .apply_edit(&tick_first_task(&book), today(), &cfg)
        .expect("tick");
    assert!(kept_lists(engine).is_empty(), "forgotten by the edit");
    let ticked = store.kept_campaign_rows(&key, today()).expect("read again");
    assert_eq!(ticked, store.campaign_rows(today()).expect("rows"));
    let done = |rows: &[partnerdeck::domain::campaigns::CampaignRow]| -> usize {
        rows.iter().map(|r| r.done).sum()
    };
    assert_eq!(done(&ticked), done(&rows) + 1, "the tick is in the list");
    assert_eq!(
        other
            .kept_campaign_rows(&key, today())
            .expect("the other manager"),
        ticked
    );
}
on_both_engines!(screens_lists_are_kept_once_read_and_forgotten_when_the_book_changes);

/// Another program that is the first to keep a screen's list on a day
/// (`snapshot --screen qbrs`, another cockpit) writes the book, but changes
/// nothing in it: an open cockpit's change token stays where it was. An
/// edit, a touch or a month of company revenue from there still moves it
/// (and while the cache is stale, as nothing is kept then, every commit
/// does: `another_connection_s_write_moves_the_change_token`).
fn keeping_a_list_elsewhere_is_no_change_of_the_book(engine: &Engine) {
    let (mut store, book) = written(engine);
    let cfg = ProgramConfig::default();
    let key = partnerdeck::store::cache::key(today(), &cfg);
    let from = date(2020, 1, 1);
    partnerdeck::analyse::front(&mut store, today(), &cfg).expect("scored and saved");
    let mine = store.change_token().expect("token");
    let mut other = engine.open();
    assert_eq!(
        other.kept_qbr_lines(&key, from).expect("kept"),
        store.qbr_lines(from).expect("lines")
    );
    other.cached_tiers(&key).expect("kept").expect("current");
    other.kept_campaign_rows(&key, today()).expect("kept");
    assert_eq!(kept_lists(engine), ["campaigns", "qbr_lines", "tiers"]);
    assert_eq!(
        store.change_token().expect("token"),
        mine,
        "lists kept by another program"
    );
    // Its own edit and a list kept after it are no change either.
    store
        .apply_edit(&tick_first_task(&book), today(), &cfg)
        .expect("tick");
    assert_eq!(store.change_token().expect("token"), mine, "its own edit");
    other.kept_campaign_rows(&key, today()).expect("kept again");
    assert_eq!(kept_lists(engine), ["campaigns"]);
    assert_eq!(store.change_token().expect("token"), mine, "kept again");
    // Another program's touch is a change, and so is its company revenue.
    let litware = book.find("litware").expect("litware").partner.id;
    other
        .log_activity(litware, &touch(ActivityKind::Call, ""))
        .expect("log");
    let touched = store.change_token().expect("token");
    assert_ne!(touched, mine, "a touch logged elsewhere");
    let month = partnerdeck::domain::book::YearMonth::of(today());
    let mut other = engine.open();
    other
        .set_company_revenue(month, Some(1_000_000))
        .expect("revenue");
    let revenue = store.change_token().expect("token");
    assert_ne!(revenue, touched, "company revenue set elsewhere");
    assert_eq!(store.change_token().expect("token"), revenue, "read again");
}
on_both_engines!(keeping_a_list_elsewhere_is_no_change_of_the_book);

/// Today's lines read from the cache, kept encoded, are the lines the
/// rules made, partner by partner, on either engine.
fn today_s_lines_come_back_from_the_cache_as_made(engine: &Engine) {
    use partnerdeck::analyse::{Analyse, front, today_packed};
    let cfg = ProgramConfig::default();
    let mut store = engine.open();
    store.replace_book(&demo_book(120)).expect("write the book");
    let rows = front(&mut store, today(), &cfg).expect("scored").rows;
    let packed = today_packed(&store, today(), &cfg, &rows)
        .expect("read")
        .expect("the cache is current");
    let made: Vec<_> = store
        .analyse(today(), &cfg)
        .expect("analyse")
        .summaries
        .into_iter()
        .flat_map(|s| s.today)
        .collect();
    assert!(made.len() > 120, "a busy book: {} lines", made.len());
    let read: Vec<_> = (0..packed.len())
        .map(|n| packed.entry(n).expect("decodes"))
        .collect();
    assert_eq!(read, made);
    // Read with the rows, in one pass (Today's first frame): the same rows
    // and lines.
    let with = partnerdeck::analyse::front_with_today(&mut store, today(), &cfg).expect("read");
    assert!(with.cached, "from the cache");
    assert_eq!(with.rows, rows);
    let lines = with.today.expect("the lines with the rows");
    let read: Vec<_> = (0..lines.len())
        .map(|n| lines.entry(n).expect("decodes"))
        .collect();
    assert_eq!(read, made);
    assert!(
        front(&mut store, today(), &cfg)
            .expect("rows")
            .today
            .is_none(),
        "the rows alone"
    );
}
on_both_engines!(today_s_lines_come_back_from_the_cache_as_made);
