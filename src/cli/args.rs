//! Command-line arguments (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// The screens `snapshot --screen` offers to complete: every tab, the
/// matrix, and `partner:` to go on with a name.
fn screens() -> Vec<String> {
    let tabs = crate::ui::tab::Tab::ALL.map(|t| t.title().to_lowercase());
    tabs.into_iter()
        .chain(["matrix".to_owned(), "partner:".to_owned()])
        .collect()
}

/// The tables `export --csv` writes.
fn export_tables() -> Vec<String> {
    ["partners", "deals", "activities"]
        .map(String::from)
        .to_vec()
}

/// A value the shell completes from a list but the command checks itself,
/// so a wrong one gets the command's own error (which says what would do)
/// and an open-ended one (`partner:NAME`) is not refused.
#[derive(Clone)]
struct Offered(fn() -> Vec<String>);

impl clap::builder::TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// A terminal cockpit for partner managers: who needs a touch today, whose
/// health dropped, which QBR is next, who is close to the next tier.
#[derive(Debug, Parser)]
#[command(name = "partnerdeck", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The book to open (default: book.db in the OS data directory).
    #[arg(long, global = true, value_name = "PATH", env = "PARTNERDECK_DB")]
    pub db: Option<PathBuf>,

    /// Pretend today is this date (for demos and tests).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Program config to layer over the defaults (default: config.toml in the OS config directory).
    #[arg(long, global = true, value_name = "PATH", env = "PARTNERDECK_CONFIG")]
    pub config: Option<PathBuf>,

    /// Show only this partner manager's partners (default: `me` in the
    /// config) on Today, Partners, `today` and `partners`.
    #[arg(long, global = true, value_name = "NAME")]
    pub owner: Option<String>,

    /// Write a debug log to partnerdeck.log in the OS cache folder (never to
    /// the terminal).
    #[arg(long, global = true)]
    pub log: bool,

    /// Show every manager's partners, even when `me` is set.
    #[arg(long, global = true, conflicts_with = "owner")]
    pub everyone: bool,

    /// Use the demo book (made first if missing), kept apart from your own
    /// book: with the cockpit or any command.
    #[arg(long, global = true)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a realistic demo book (to --db, or to the demo book beside yours).
    Demo {
        /// How many partners.
        #[arg(long, default_value_t = 60)]
        partners: usize,
        /// Seed: the same seed and date give the same book.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Overwrite a book that holds real partners.
        #[arg(long)]
        replace: bool,
    },
    /// List every partner with health, band and tier progress.
    Partners {
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (a header row, then one row per partner).
        #[arg(long)]
        csv: bool,
        /// Order: name, health, delta, progress, touch, tier, revenue
        /// (default health, worst first, as the cockpit).
        #[arg(long, value_name = "COLUMN")]
        sort: Option<SortBy>,
        /// Only partners in this band (champion, healthy, at-risk, critical, churning).
        #[arg(long, value_name = "BAND")]
        band: Option<String>,
        /// Only partners of this tier (registered, silver, gold, platinum).
        #[arg(long, value_name = "TIER")]
        tier: Option<String>,
    },
    /// A partner's health score and tier progress.
    Score {
        /// Partner name (case does not matter).
        name: String,
        /// Show the reason behind every number.
        #[arg(long)]
        explain: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The morning triage: what needs you today.
    Today {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The program's metrics: each with its value now and a year ago,
    /// target and ✓/✗, and why.
    Program {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Prospects (partners at lifecycle recruit), best scorecard first.
    Prospects {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// QBRs: the board, and a QBR's agenda as Markdown.
    Qbr {
        #[command(subcommand)]
        command: QbrCommand,
    },
    /// Co-marketing campaigns: the list, a campaign's calendar.
    Campaign {
        #[command(subcommand)]
        command: CampaignCommand,
    },
    /// The commission payout statement: what falls due in a period, per
    /// partner and deal, each with its arithmetic (default: this quarter to date).
    Commissions {
        /// First day of the period (default: the first day of the quarter).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Last day of the period (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV: a header row, then one row per payment.
        #[arg(long)]
        csv: bool,
    },
    /// List how the book spells each partner owner, with counts, and
    /// suggest `[owners]` entries for spellings of one person.
    Owners {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the whole book to a JSON file, or one table as CSV.
    Export {
        /// Where to write ("-" for standard output).
        file: PathBuf,
        /// Write one table as CSV instead: partners, deals or activities.
        #[arg(long, value_name = "TABLE", value_parser = Offered(export_tables))]
        csv: Option<String>,
    },
    /// Load a JSON book written by `export` (all or nothing), or a CRM's
    /// CSV export into one table with `--csv`.
    Import {
        /// The JSON or CSV file ("-" for standard input, JSON only).
        file: PathBuf,
        /// Replace a book that already has partners (JSON).
        #[arg(long)]
        replace: bool,
        /// Read a CSV export into this table: partners, contacts, deals or activities.
        #[arg(long, value_name = "TABLE")]
        csv: Option<String>,
        /// Say what a CSV import would add, update and leave unchanged, and write nothing.
        #[arg(long, requires = "csv")]
        dry_run: bool,
        /// Map a CRM's value for this import: FIELD:CRM=BOOK with FIELD type,
        /// stage or lifecycle (`--map type:Other=referral`); repeatable.
        #[arg(long, value_name = "FIELD:CRM=BOOK", requires = "csv")]
        map: Vec<String>,
        /// The file's decimal mark, when its amounts do not say (`12.500`).
        #[arg(long, value_enum, requires = "csv")]
        decimal: Option<DecimalArg>,
        /// Whether `03/04/2026` is day or month first, when the file's dates do not say.
        #[arg(long, value_enum, requires = "csv")]
        dates: Option<DatesArg>,
    },
    /// Copy the book (consistent even while the cockpit has it open).
    Backup {
        /// Where to write the copy (default: the backups folder, see `paths`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replace the book with a copy made by `backup` (the book is backed up first).
    Restore {
        /// The copy to restore.
        file: PathBuf,
        /// Do not ask (for scripts; needed when standard input is not a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Copy the whole book to a team book on PostgreSQL (all or nothing).
    Push {
        /// The team book: `postgres://USER@HOST/DATABASE`.
        #[arg(long, value_name = "URL")]
        to: String,
        /// Replace a team book that already has partners.
        #[arg(long)]
        replace: bool,
    },
    /// Copy a whole team book from PostgreSQL into the book file (all or nothing).
    Pull {
        /// The team book: `postgres://USER@HOST/DATABASE`.
        #[arg(long, value_name = "URL")]
        from: String,
        /// Replace a book that already has partners (it is backed up first).
        #[arg(long)]
        replace: bool,
    },
    /// Record a touch with a partner (a call, an email, a meeting, …).
    Log {
        /// Partner name, or a unique part of it.
        name: String,
        /// call, email, meeting, qbr, `portal_login`, training, event, note or crm.
        #[arg(long)]
        kind: String,
        /// When (default: today).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// What it was about.
        #[arg(long, default_value = "")]
        summary: String,
        /// Which of the partner's contacts it was with (a unique part of the name).
        #[arg(long)]
        contact: Option<String>,
    },
    /// Print where your config file is read from.
    ConfigPath,
    /// Print where the book, the demo book, the config and the backups live.
    Paths,
    /// Render one screen as text and exit (for docs, tests and benchmarks).
    Snapshot {
        /// today, partners, matrix, tiers, qbrs, campaigns, or partner:NAME
        #[arg(long, default_value = "today", value_parser = Offered(screens))]
        screen: String,
        /// Columns.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        /// Rows.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) to standard output.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum QbrCommand {
    /// Upcoming, missed, held and cancelled QBRs, the completion rate and
    /// the partners due a QBR.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A QBR's agenda as Markdown (the workspace's preview).
    Export {
        /// Partner name (case does not matter).
        name: String,
        /// The QBR on this date (default: the next planned one, else the latest).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Who it is for: `us` (the prep, with health and notes) or
        /// `partner` (the agenda to send: no internal health or notes).
        #[arg(long = "for", value_enum, default_value = "us")]
        audience: AudienceArg,
    },
}

/// `qbr export --for us|partner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AudienceArg {
    /// The manager's prep: health breakdown, weekly points, notes.
    Us,
    /// The agenda to send the partner.
    Partner,
}

impl AudienceArg {
    #[must_use]
    pub fn audience(self) -> crate::domain::agenda::Audience {
        match self {
            AudienceArg::Us => crate::domain::agenda::Audience::Us,
            AudienceArg::Partner => crate::domain::agenda::Audience::Partner,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Every campaign across partners: launch, status, % done, overdue, next task.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The co-marketing budget the investment formula suggests for a
    /// partner (tier base × lead quality × strategic value), and its MDF.
    Budget {
        /// Partner name (case does not matter; a unique part will do).
        partner: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A campaign's tasks as an iCalendar file (one all-day event per task).
    Ics {
        /// Campaign name (case does not matter).
        name: String,
        /// The partner, when two campaigns share the name.
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        /// Write to this file (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// `partners --sort`: what the list is ordered by, each the way a manager
/// reads it (worst health first, most days since a touch first, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortBy {
    /// A to Z.
    Name,
    /// Worst health first.
    Health,
    /// Biggest 30-day fall first.
    Delta,
    /// Closest to the next tier first.
    Progress,
    /// Most days since the last touch first.
    Touch,
    /// Highest tier first.
    Tier,
    /// Most T12M revenue (sourced + influenced) first.
    Revenue,
}

const AFTER_HELP: &str = "\
Examples:
  partnerdeck --demo                      open the cockpit on a demo book
  partnerdeck today                       the morning triage as text
  partnerdeck today --json | jq '.lines[] | select(.days_late > 7)'
  partnerdeck --owner Dana partners --csv | head
  partnerdeck score \"Mosaic Works\" --explain
  partnerdeck completions bash > ~/.local/share/bash-completion/completions/partnerdeck

Environment:
  PARTNERDECK_DB, PARTNERDECK_CONFIG stand in for --db and --config;
  NO_COLOR turns colour off.

Exit codes:
  0 done · 1 the command could not do it (a name not found, a bad file)
  2 bad usage or a book or config that cannot be opened";

/// `YYYY-MM-DD` as every date is read ([`crate::domain::dates::parse_ymd`]),
/// with a message that says what was expected.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::dates::parse_ymd(s.trim()).map_err(|e| e.to_string())
}

/// `--decimal point|comma`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DecimalArg {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

impl DecimalArg {
    #[must_use]
    pub fn setting(self) -> crate::domain::import::DecimalSetting {
        match self {
            DecimalArg::Point => crate::domain::import::DecimalSetting::Point,
            DecimalArg::Comma => crate::domain::import::DecimalSetting::Comma,
        }
    }
}

/// `--dates month-first|day-first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DatesArg {
    /// `03/04/2026` is 4 March.
    MonthFirst,
    /// `03/04/2026` is 3 April.
    DayFirst,
}

impl DatesArg {
    #[must_use]
    pub fn setting(self) -> crate::domain::import::DatesSetting {
        match self {
            DatesArg::MonthFirst => crate::domain::import::DatesSetting::MonthFirst,
            DatesArg::DayFirst => crate::domain::import::DatesSetting::DayFirst,
        }
    }
}
