//! What every command needs: where things live, the config, the date, the book.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use directories::ProjectDirs;

use super::{Cli, Failure};
use crate::analyse::{
    Analyse, Analysed, Front, PackedLines, Pending, front, front_with_today, is_current,
    today_packed,
};
use crate::domain::book::Partner;
use crate::domain::config::ProgramConfig;
use crate::domain::list_row::ListRow;
use crate::domain::search::{Query, close_names, name_key, search_key};
use crate::domain::summary::PartnerSummary;
use crate::domain::text::display_safe;
use crate::store::{BookAddress, Store, StoreError};

/// Where the book, the demo book and the config live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub book: PathBuf,
    pub demo: PathBuf,
    pub config: PathBuf,
    /// Was the config path given on the command line (then it must exist)?
    pub config_given: bool,
}

impl Paths {
    /// From the flags, falling back to the OS directories.
    ///
    /// # Errors
    /// When there is no home directory to put the book in.
    pub fn from_cli(cli: &Cli) -> Result<Paths, Failure> {
        let dirs = ProjectDirs::from("", "", "partnerdeck");
        let data = dirs.as_ref().map(|d| d.data_dir().to_path_buf());
        let need = |p: Option<PathBuf>, what: &str| {
            p.ok_or_else(|| {
                Failure::setup(format!(
                    "cannot find a home directory for the {what}; pass --db"
                ))
            })
        };
        let book = match &cli.db {
            Some(p) => p.clone(),
            None => need(data.as_ref().map(|d| d.join("book.db")), "book")?,
        };
        let demo = match &cli.db {
            Some(p) => p.clone(),
            None => need(data.as_ref().map(|d| d.join("demo.db")), "demo book")?,
        };
        let config = match &cli.config {
            Some(p) => p.clone(),
            None => dirs.as_ref().map_or_else(
                || PathBuf::from("config.toml"),
                |d| d.config_dir().join("config.toml"),
            ),
        };
        Ok(Paths {
            book,
            demo,
            config,
            config_given: cli.config.is_some(),
        })
    }
}

/// Load the program config: the defaults plus the user's file if it exists.
///
/// # Errors
/// A message naming the file, line and key when the user's file is malformed.
pub fn load_config(paths: &Paths) -> Result<ProgramConfig, Failure> {
    match std::fs::read_to_string(&paths.config) {
        Ok(text) => {
            let name = paths.config.display().to_string();
            ProgramConfig::from_layers(Some((&name, &text)))
                .map_err(|e| Failure::setup(e.to_string()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !paths.config_given => {
            Ok(ProgramConfig::default())
        }
        Err(e) => Err(Failure::setup(format!(
            "cannot read config {}: {e}",
            paths.config.display()
        ))),
    }
}

/// Today's date: `--today`, else the local calendar date.
#[must_use]
pub fn today(cli: &Cli) -> NaiveDate {
    cli.today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Open the book file itself, without reading or scoring anything (what
/// export, import and demo need). With `Create::No` a missing or empty
/// file is refused rather than turned into a book.
///
/// # Errors
/// When the file is missing (and may not be created), or is not a usable book.
pub fn open_store(path: &Path, create: Create) -> Result<Store, Failure> {
    if let team @ BookAddress::Postgres(_) = BookAddress::parse(path) {
        return Ok(Store::open_at(&team)?);
    }
    if create == Create::No {
        require_book(path)?;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::setup(format!("cannot create {}: {e}", dir.display())))?;
    }
    Ok(Store::open(path)?)
}

/// Open an existing book for a command that only reads it. A book the
/// manager may not write (or whose `-wal`/`-shm` files another user's
/// program left) is opened read-only (nothing migrated, nothing cached)
/// rather than refused.
///
/// # Errors
/// When the file is missing or empty, or is not a usable book.
pub fn open_for_reading(path: &Path) -> Result<Store, Failure> {
    if let team @ BookAddress::Postgres(_) = BookAddress::parse(path) {
        let store = Store::open_at(&team)?;
        if store.is_empty()? {
            return Err(Failure::setup(format!(
                "the team book at {team} has no partners yet; copy a book there with `partnerdeck push --to URL`"
            )));
        }
        return Ok(store);
    }
    require_book(path)?;
    match Store::open(path) {
        Err(StoreError::ReadOnly { .. } | StoreError::ForeignCompanion { .. }) => {
            Ok(Store::open_read_only(path)?)
        }
        opened => Ok(opened?),
    }
}

/// A missing or empty file is no book: say how to try the demo book or
/// bring in one's own partners, never how to write a demo into it.
fn require_book(path: &Path) -> Result<(), Failure> {
    Store::check_file(path)?;
    let empty = std::fs::metadata(path).map(|m| m.len() == 0);
    if matches!(empty, Ok(false)) {
        return Ok(());
    }
    Err(Failure::setup(format!(
        "no book at {}; try the demo book with `partnerdeck --demo`, or bring in your own partners with `partnerdeck import FILE`",
        path.display()
    )))
}

/// May opening a book create it when the file is missing?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    Yes,
    No,
}

/// An open book with its config, date, partners and their summaries: what
/// the commands read. The screens open a book as a [`ScreensContext`]
/// instead, which never holds the whole analysis.
pub struct Context {
    pub store: Store,
    pub config: ProgramConfig,
    pub today: NaiveDate,
    pub analysed: Analysed,
    /// Show only this manager's partners (`--owner`, else `me`); None for
    /// everyone.
    pub owner: Option<String>,
}

/// An open book read for the screens (the cockpit, `snapshot`): what they
/// show first, never the whole analysis (docs/architecture.md, "The first
/// frame").
pub struct ScreensContext {
    pub store: Store,
    pub config: ProgramConfig,
    pub today: NaiveDate,
    /// What the screens start from.
    pub start: Start,
    /// Show only this manager's partners (`--owner`, else `me`); None for
    /// everyone.
    pub owner: Option<String>,
}

/// What a book is opened for the screens with: the list rows, or Today's
/// lines too, read with them in one pass (Today's first frame, `today`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Rows,
    WithToday,
}

impl Opened {
    /// For a first frame of `screen` (a `snapshot --screen` name).
    #[must_use]
    pub fn for_screen(screen: &str) -> Opened {
        if crate::ui::tab::Tab::parse(screen) == Some(crate::ui::tab::Tab::Today) {
            Opened::WithToday
        } else {
            Opened::Rows
        }
    }
}

/// What the screens start from.
pub enum Start {
    /// The list rows (and Today's lines and the tier statuses when they
    /// were just computed).
    Front(Front),
    /// Scoring still running on another thread (the cockpit opened on a
    /// book whose summaries were not current): no number until it is done.
    Pending(Pending),
}

impl Context {
    /// Open the book named by the flags and analyse it.
    ///
    /// # Errors
    /// When the config or the book cannot be used.
    pub fn open(cli: &Cli, paths: &Paths, create: Create) -> Result<Context, Failure> {
        Self::open_at(&paths.book, load_config(paths)?, today(cli), create)
    }

    /// Open a given book file.
    ///
    /// # Errors
    /// When the book cannot be used, or is missing and `create` is `No`.
    pub fn open_at(
        path: &Path,
        config: ProgramConfig,
        today: NaiveDate,
        create: Create,
    ) -> Result<Context, Failure> {
        Context::with_store(open_store(path, create)?, config, today)
    }

    /// Analyse a book already open.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn with_store(
        mut store: Store,
        config: ProgramConfig,
        today: NaiveDate,
    ) -> Result<Context, Failure> {
        store.sign_as(&config.me);
        let analysed = store.analyse(today, &config)?;
        Ok(Context {
            store,
            config: config.for_book(analysed.coverage),
            today,
            analysed,
            owner: None,
        })
    }

    /// Analyse the book again after a write.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn reload(&mut self) -> Result<(), Failure> {
        self.analysed = self.store.analyse(self.today, &self.config)?;
        self.config = self.config.clone().for_book(self.analysed.coverage);
        Ok(())
    }

    /// Partners (not archived) with their summaries.
    pub fn live(&self) -> impl Iterator<Item = (&Partner, &PartnerSummary)> {
        self.analysed
            .partners
            .iter()
            .zip(&self.analysed.summaries)
            .filter(|(p, _)| !p.archived)
    }

    /// The partners of the manager in scope (`--owner`, else `me`), or every
    /// live partner when there is none.
    pub fn mine(&self) -> impl Iterator<Item = (&Partner, &PartnerSummary)> {
        let wanted = self.owner.as_deref();
        let owners = &self.config.owners;
        self.live().filter(move |(p, _)| {
            wanted.is_none_or(|w| crate::domain::owners::same_person(&p.owner, w, owners))
        })
    }

    /// Scope to `--owner`, else the config's `me`, unless `--everyone`.
    pub fn scope(&mut self, cli: &Cli) {
        self.owner = owner_scope(cli, &self.config);
    }

    /// The partner with this name, found the way `/` finds it: the exact
    /// name (case aside), else the one name equal to it with accents, case
    /// and width aside; else a failure that lists every close name.
    ///
    /// # Errors
    /// Exit 1 naming every close partner when none has that name.
    pub fn find(&self, name: &str) -> Result<(&Partner, &PartnerSummary), Failure> {
        let a = &self.analysed;
        let names: Vec<&str> = a.partners.iter().map(|p| p.name.as_str()).collect();
        let i = find_name(&names, name)?;
        match (a.partners.get(i), a.summaries.get(i)) {
            (Some(p), Some(s)) => Ok((p, s)),
            _ => Err(Failure::command(
                "the partners and their summaries disagree",
            )),
        }
    }

    /// The book's name for headers: its file stem, display-safe.
    #[must_use]
    pub fn book_name(&self) -> String {
        book_name(&self.store)
    }
}

impl ScreensContext {
    /// A book already open, read for the screens: only the list rows when
    /// the cache is current (docs/architecture.md, "The first frame"), and
    /// Today's lines with them, in the same pass, for `Opened::WithToday`
    /// (Today's first frame, `today`).
    ///
    /// # Errors
    /// When the book cannot be read.
    pub fn open(
        mut store: Store,
        config: ProgramConfig,
        today: NaiveDate,
        first: Opened,
    ) -> Result<ScreensContext, Failure> {
        store.sign_as(&config.me);
        let front = match first {
            Opened::Rows => front(&mut store, today, &config)?,
            Opened::WithToday => front_with_today(&mut store, today, &config)?,
        };
        Ok(ScreensContext {
            store,
            config: config.for_book(front.coverage),
            today,
            start: Start::Front(front),
            owner: None,
        })
    }

    /// Open a book for the cockpit: read at once when its summaries are
    /// current (a quick read), else scored on another thread while the
    /// cockpit shows the progress ([`Start::Pending`]).
    ///
    /// # Errors
    /// When the config or the book cannot be used.
    pub fn open_for_cockpit(cli: &Cli, paths: &Paths) -> Result<ScreensContext, Failure> {
        let (config, today) = (load_config(paths)?, today(cli));
        let mut store = open_store(&paths.book, Create::Yes)?;
        store.sign_as(&config.me);
        if is_current(&store, today, &config)? || store.is_empty()? {
            return ScreensContext::open(store, config, today, Opened::WithToday);
        }
        let pending = Pending::start(store.address(), today, config.clone());
        Ok(ScreensContext {
            store,
            config,
            today,
            start: Start::Pending(pending),
            owner: None,
        })
    }

    /// Scope to `--owner`, else the config's `me`, unless `--everyone`.
    pub fn scope(&mut self, cli: &Cli) {
        self.owner = owner_scope(cli, &self.config);
    }

    /// The book's name for headers: its file stem, display-safe.
    #[must_use]
    pub fn book_name(&self) -> String {
        book_name(&self.store)
    }

    /// The list rows the screens start from (none while scoring runs).
    #[must_use]
    pub fn rows(&self) -> &[ListRow] {
        match &self.start {
            Start::Front(front) => &front.rows,
            Start::Pending(_) => &[],
        }
    }

    /// Is the partner of `row` one the commands show: not archived, and
    /// the manager's in scope (`--owner`, else `me`) when there is one?
    #[must_use]
    pub fn in_scope(&self, row: &ListRow) -> bool {
        !row.archived
            && self.owner.as_deref().is_none_or(|w| {
                crate::domain::owners::same_person(&row.owner, w, &self.config.owners)
            })
    }

    /// Each partner's Today lines, aligned with [`ScreensContext::rows`]
    /// and kept encoded: the ones scored with the rows, else the cached
    /// ones.
    ///
    /// # Errors
    /// When the book cannot be read, or changed since the rows were read.
    pub fn today_packed(&mut self) -> Result<PackedLines, Failure> {
        let changed = || {
            Failure::command(format!(
                "{} changed while it was read; run the command again",
                self.store.address()
            ))
        };
        let rows = match &mut self.start {
            Start::Front(front) => match front.today.take() {
                Some(lines) => return Ok(lines),
                None => &front.rows,
            },
            Start::Pending(_) => return Ok(PackedLines::default()),
        };
        today_packed(&self.store, self.today, &self.config, rows)?.ok_or_else(changed)
    }
}

/// A book's name for headers: its file stem (or database name), display-safe.
fn book_name(store: &Store) -> String {
    let name = display_safe(&store.address().short_name()).into_owned();
    if store.capabilities().shared {
        format!("{name} on {}", store.address().engine())
    } else {
        name
    }
}

/// The manager whose partners are shown: `--owner`, else `me` from the
/// config, unless `--everyone`.
#[must_use]
pub fn owner_scope(cli: &Cli, config: &ProgramConfig) -> Option<String> {
    if cli.everyone {
        return None;
    }
    cli.owner
        .clone()
        .or_else(|| Some(config.me.trim().to_string()))
        .filter(|o| !o.trim().is_empty())
}

/// Where the partner called `name` is among `names`, found the way `/`
/// finds it: the exact name (case aside), else the one name equal to it
/// with accents, case and width aside.
///
/// # Errors
/// Exit 1 naming every close partner when none has that name.
pub fn find_name(names: &[&str], name: &str) -> Result<usize, Failure> {
    let wanted = name_key(name);
    if let Some(found) = names.iter().position(|n| name_key(n) == wanted) {
        return Ok(found);
    }
    let folded = search_key(name.trim());
    let same: Vec<usize> = (0..names.len())
        .filter(|&i| search_key(names[i]) == folded)
        .collect();
    if let [only] = same[..] {
        return Ok(only);
    }
    // A unique part of a name, found the way `/` finds it (every word,
    // accents, case and width aside): `quartz` is Quartz AI Pty.
    let query = Query::new(name);
    let holding: Vec<usize> = (0..names.len())
        .filter(|&i| query.matches(&search_key(names[i])))
        .collect();
    if let [only] = holding[..] {
        return Ok(only);
    }
    let close = close_names(&names.iter().copied(), name);
    let hint = match &close[..] {
        [] => String::new(),
        [one] => format!(" (did you mean '{}'?)", display_safe(one)),
        many => {
            let shown: Vec<String> = many
                .iter()
                .take(10)
                .map(|n| format!("'{}'", display_safe(n)))
                .collect();
            let more = many.len().saturating_sub(10);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(" (did you mean {}{tail}?)", shown.join(", "))
        }
    };
    Err(Failure::command(format!(
        "no partner named '{}'{hint}",
        display_safe(name)
    )))
}
