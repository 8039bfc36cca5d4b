//! The command line (README "Command line"): the scripting face of the same domain.

mod args;
mod backup;
mod campaign;
mod cockpit;
mod commissions;
mod context;
pub mod csv;
mod csv_export;
mod demo;
mod json;
pub mod log;
mod man;
pub mod output;
mod owners;
mod partners;
mod paths;
mod program;
mod prospects;
mod qbr;
mod score;
mod table;
mod team;
mod today;
mod transfer;

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory as _;

pub use args::{CampaignCommand, Cli, Command, QbrCommand};
pub use context::{Context, Create, Opened, Paths, ScreensContext};

use crate::domain::config::ProgramConfig;
use crate::store::{BookAddress, Store};

/// A failed command: the one-line message and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    /// The command could not do what was asked (exit 1).
    pub fn command(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// The book, config or environment is unusable (exit 2).
    pub fn setup(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        let code = if e.is_file_problem() { 2 } else { 1 };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

/// Open the cockpit: on the demo book with `--demo`, else on the book
/// (created empty on first run).
///
/// # Errors
/// When the book cannot be opened or the terminal fails.
pub fn run_cockpit(cli: &Cli) -> Result<ExitCode, Failure> {
    let paths = Paths::from_cli(cli)?;
    let config = context::load_config(&paths)?;
    crate::ui::remap::remapped(crate::ui::keymap::Keymap::default(), &config.ui.keys).map_err(
        |e| {
            // The keys come from the user's file (the built-in one sets none).
            let text = std::fs::read_to_string(&paths.config).unwrap_or_default();
            let name = paths.config.display().to_string();
            Failure::setup(
                crate::domain::config::ConfigError::at_key(&name, &text, &e.key, e.message)
                    .to_string(),
            )
        },
    )?;
    cockpit::need_terminal()?;
    if cli.demo {
        let (mut ctx, note) = demo::for_cockpit(
            &paths.demo,
            context::load_config(&paths)?,
            context::today(cli),
        )?;
        ctx.scope(cli);
        return cockpit::run(ctx, note);
    }
    let mut ctx = ScreensContext::open_for_cockpit(cli, &paths)?;
    ctx.scope(cli);
    cockpit::run(ctx, None)
}

/// Is the book at `path` a team book on a server (`postgres://…`)?
fn is_team_book(path: &Path) -> bool {
    BookAddress::parse(path).file().is_none()
}

/// The book a command works on: the demo book with `--demo`.
fn book_path<'a>(cli: &Cli, paths: &'a Paths) -> &'a Path {
    if cli.demo { &paths.demo } else { &paths.book }
}

/// Open the book for a command that only reads it: with `--demo` the demo
/// book (made first if missing), else the existing book, read-only if the
/// manager may not write it.
fn read_store(cli: &Cli, paths: &Paths, config: &ProgramConfig) -> Result<Store, Failure> {
    if cli.demo {
        let (store, note) = demo::open(&paths.demo, config, context::today(cli))?;
        if let Some(note) = note {
            output::note(note);
        }
        return Ok(store);
    }
    context::open_for_reading(&paths.book)
}

/// Open and analyse the book for a command that only reads it.
fn read(cli: &Cli, paths: &Paths) -> Result<Context, Failure> {
    let config = context::load_config(paths)?;
    let store = read_store(cli, paths, &config)?;
    let ctx = Context::with_store(store, config, context::today(cli))?;
    log::line(&format!(
        "opened {} as of {}: {} partners, summaries {}",
        ctx.store.address(),
        ctx.today,
        ctx.analysed.partners.len(),
        if ctx.analysed.cached {
            "from the cache"
        } else {
            "computed"
        }
    ));
    Ok(ctx)
}

/// [`read`], scoped to `--owner` (else `me`) unless `--everyone`.
fn scoped(cli: &Cli, paths: &Paths) -> Result<Context, Failure> {
    let mut ctx = read(cli, paths)?;
    ctx.scope(cli);
    Ok(ctx)
}

/// Open the book for the screens (`snapshot`): only the list rows when its
/// cache is current, scoped as [`scoped`] is.
fn for_screens(cli: &Cli, paths: &Paths, first: Opened) -> Result<ScreensContext, Failure> {
    let config = context::load_config(paths)?;
    let store = read_store(cli, paths, &config)?;
    let mut ctx = ScreensContext::open(store, config, context::today(cli), first)?;
    if let context::Start::Front(front) = &ctx.start {
        log::line(&format!(
            "opened {} as of {} for the screens: {} partners, rows {}",
            ctx.store.address(),
            ctx.today,
            front.rows.len(),
            if front.cached {
                "from the cache"
            } else {
                "computed"
            }
        ));
    }
    ctx.scope(cli);
    Ok(ctx)
}

/// Run a subcommand; the TUI entry points are handled by the caller.
///
/// # Errors
/// A [`Failure`] with the message to print and the exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, Failure> {
    let paths = Paths::from_cli(cli)?;
    match command {
        Command::Demo {
            partners,
            seed,
            replace,
        } => {
            let opts = crate::demo::DemoOptions {
                partners: *partners,
                seed: *seed,
            };
            let target = cli.db.clone().unwrap_or_else(|| paths.demo.clone());
            demo::run(
                &target,
                &context::load_config(&paths)?,
                context::today(cli),
                &opts,
                *replace,
            )
        }
        Command::Partners {
            json,
            csv,
            sort,
            band,
            tier,
        } => {
            let query = partners::Query::parse(band.as_deref(), tier.as_deref(), *sort)?;
            let format = match (json, csv) {
                (true, _) => partners::Format::Json,
                (_, true) => partners::Format::Csv,
                _ => partners::Format::Table,
            };
            partners::run(&for_screens(cli, &paths, Opened::Rows)?, &query, format)
        }
        Command::Score {
            name,
            explain,
            json,
        } => score::run(&read(cli, &paths)?, name, *explain, *json),
        Command::Today { json } => {
            today::run(&mut for_screens(cli, &paths, Opened::WithToday)?, *json)
        }
        Command::Prospects { json } => prospects::run(&scoped(cli, &paths)?, *json),
        Command::Program { json } => program::run(&for_screens(cli, &paths, Opened::Rows)?, *json),
        Command::Campaign { command } => campaign_command(cli, &paths, command),
        Command::Qbr { command } => match command {
            QbrCommand::List { json } => qbr::list(&read(cli, &paths)?, *json),
            QbrCommand::Export {
                name,
                date,
                output,
                audience,
            } => qbr::export(
                &read(cli, &paths)?,
                name,
                *date,
                output.as_deref(),
                audience.audience(),
            ),
        },
        Command::Commissions { .. } => commissions::command(cli, &paths, command),
        Command::Owners { json } => {
            let config = context::load_config(&paths)?;
            let store = read_store(cli, &paths, &config)?;
            owners::run(&store, &config, &paths.config, *json)
        }
        Command::Export { file, csv } => {
            let store = read_store(cli, &paths, &context::load_config(&paths)?)?;
            match csv {
                Some(table) => csv_export::export(&store, table, file),
                None => transfer::export(&store, file),
            }
        }
        Command::Import { .. } => import(cli, &paths, command),
        Command::Backup { .. }
        | Command::Push { .. }
        | Command::Pull { .. }
        | Command::Log { .. }
        | Command::Restore { .. } => book_command(cli, &paths, command),
        Command::Snapshot {
            screen,
            width,
            height,
        } => {
            let ctx = for_screens(cli, &paths, Opened::for_screen(screen))?;
            cockpit::snapshot(ctx, screen, *width, *height)
        }
        Command::Paths => paths::run(&paths),
        Command::Completions { shell } => completions(*shell),
        Command::Man => output::print(&man::page()?),
        Command::ConfigPath => output::print(&format!("{}\n", paths.config.display())),
    }
}

/// `completions SHELL`: the shell's completion script.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "partnerdeck", &mut out);
    output::print(&String::from_utf8_lossy(&out))
}

/// The commands that write or copy the book as a whole or a row at a time
/// on either engine: `backup`, `restore`, `push`, `pull` and `log`.
fn book_command(cli: &Cli, paths: &Paths, command: &Command) -> Result<ExitCode, Failure> {
    let book = book_path(cli, paths);
    match command {
        Command::Backup { output } => match (is_team_book(book), output) {
            (true, Some(to)) => team::backup(&book.to_string_lossy(), to),
            (true, None) => Err(Failure::setup(
                "a team book is backed up into a new book file: name it with --output FILE",
            )),
            (false, _) => backup::run(book, output.as_deref()),
        },
        Command::Push { to, replace } => {
            team::push(book, to, *replace, &context::load_config(paths)?)
        }
        Command::Pull { from, replace } => team::pull(book, from, *replace),
        Command::Restore { file, yes } => backup::restore(book, file, *yes),
        Command::Log {
            name,
            kind,
            date,
            summary,
            contact,
        } => team::log(
            book,
            &team::Touch {
                name,
                kind,
                date: date.unwrap_or_else(|| context::today(cli)),
                summary,
                contact: contact.as_deref(),
            },
            &context::load_config(paths)?,
        ),
        _ => Err(Failure::command("not a book command")),
    }
}

/// `campaign list|budget|ics`.
fn campaign_command(
    cli: &Cli,
    paths: &Paths,
    command: &CampaignCommand,
) -> Result<ExitCode, Failure> {
    match command {
        CampaignCommand::List { json } => campaign::list(&scoped(cli, paths)?, *json),
        CampaignCommand::Budget { partner, json } => {
            campaign::budget(&read(cli, paths)?, partner, *json)
        }
        CampaignCommand::Ics {
            name,
            partner,
            output,
        } => campaign::ics(
            &read(cli, paths)?,
            name,
            partner.as_deref(),
            output.as_deref(),
        ),
    }
}

/// `import FILE` (a JSON book) or `import --csv TABLE FILE`, with the
/// mappings and formats the flags set for this import.
fn import(cli: &Cli, paths: &Paths, command: &Command) -> Result<ExitCode, Failure> {
    let Command::Import {
        file,
        replace,
        csv,
        dry_run,
        map,
        decimal,
        dates,
    } = command
    else {
        return Err(Failure::command("not an import"));
    };
    if let Some(table) = csv {
        let mut config = context::load_config(paths)?;
        for m in map {
            crate::domain::import::add_mapping(&mut config.import, m).map_err(Failure::setup)?;
        }
        if let Some(d) = decimal {
            config.import.decimal = d.setting();
        }
        if let Some(d) = dates {
            config.import.date_order = d.setting();
        }
        let checked = csv::read(table, file, &config, &paths.config)?;
        return csv::import(
            book_path(cli, paths),
            &checked,
            context::today(cli),
            *dry_run,
            &paths.config,
        );
    }
    let replace = *replace;
    let book = transfer::read(file)?;
    let mut store = context::open_store(book_path(cli, paths), Create::Yes)?;
    transfer::import(&mut store, &book, replace)
}
