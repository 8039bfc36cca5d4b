//! Opening the cockpit, and `partnerdeck snapshot`.

use std::io::IsTerminal;
use std::process::ExitCode;

use ratatui::layout::Rect;

use super::context::{ScreensContext, Start};
use super::{Failure, output};
use crate::analyse::{Analysed, Front};
use crate::ui::app::App;
use crate::ui::model::Model;
use crate::ui::tab::Tab;
use crate::ui::theme::Theme;

/// Build the app over an open book. The context's store goes to the app,
/// which writes through it.
#[must_use]
pub fn app(ctx: ScreensContext, size: Rect) -> App {
    let name = ctx.book_name();
    let owner = ctx.owner;
    let theme = Theme::chosen(ctx.config.ui.theme);
    // While scoring runs, the screens start from an empty book.
    let (front, pending) = match ctx.start {
        Start::Front(front) => (front, None),
        Start::Pending(pending) => (Front::of(Analysed::default()), Some(pending)),
    };
    let mut model = Model::from_front(front, ctx.config, ctx.today, name);
    model.owner = owner;
    // A read-only book that lost its id still opens; its calendars then
    // carry no book id in their UIDs.
    model.book_id = ctx.store.book_id().unwrap_or_default();
    let mut app = App::new(model, Some(ctx.store), theme, size);
    app.pending = pending;
    app
}

/// Run the cockpit until the user quits.
///
/// # Errors
/// When the terminal fails.
pub fn run(ctx: ScreensContext, note: Option<&str>) -> Result<ExitCode, Failure> {
    // The cockpit looks for other writers' changes four times a second
    // (`snapshot`, one frame, does not: on a team book that is a second
    // connection).
    ctx.store.watch_changes();
    let mut app = app(ctx, Rect::new(0, 0, 80, 24));
    app.program_in_background = true;
    app.status = note.map(str::to_string);
    app.prepare();
    crate::ui::terminal::run(app).map_err(|e| Failure::command(format!("terminal error: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// Refuse to start the cockpit without a terminal, before a book is opened
/// or created and before any escape code could reach a file or a pipe.
///
/// # Errors
/// Exit 2 with one line saying what to use instead.
pub fn need_terminal() -> Result<(), Failure> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(Failure::setup(
            "the cockpit needs a terminal; use a subcommand such as 'partnerdeck today' for scripts",
        ))
    }
}

/// Print one frame of a screen as text.
///
/// # Errors
/// An unknown screen name or partner.
pub fn snapshot(
    ctx: ScreensContext,
    screen: &str,
    width: u16,
    height: u16,
) -> Result<ExitCode, Failure> {
    let target = parse_screen(&ctx, screen)?;
    let mut app = app(ctx, Rect::new(0, 0, width, height));
    match target {
        Target::Tab(tab) => app.update(crate::ui::action::Action::GoTo(tab)),
        Target::Matrix => {
            app.update(crate::ui::action::Action::GoTo(Tab::Partners));
            app.update(crate::ui::action::Action::ToggleMatrix);
        }
        Target::Partner(id) => app.open_partner(id),
    }
    let printed = output::print(&crate::ui::snapshot::frame_text(&app, width, height));
    // Close the book properly, but let the process exit free the model:
    // dropping tens of thousands of summaries one by one costs more than
    // drawing the frame did.
    let (model, store) = app.into_parts();
    drop(store);
    std::mem::forget(model);
    printed
}

enum Target {
    Tab(Tab),
    /// The Partner Value Matrix (Partners, `m`).
    Matrix,
    Partner(i64),
}

fn parse_screen(ctx: &ScreensContext, screen: &str) -> Result<Target, Failure> {
    if let Some(name) = screen.strip_prefix("partner:") {
        let rows = ctx.rows();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        return super::context::find_name(&names, name).map(|i| Target::Partner(rows[i].id));
    }
    if screen.trim().eq_ignore_ascii_case("matrix") {
        return Ok(Target::Matrix);
    }
    Tab::parse(screen).map(Target::Tab).ok_or_else(|| {
        let tabs: Vec<String> = Tab::ALL.map(|t| t.title().to_lowercase()).to_vec();
        Failure::command(format!(
            "no screen named '{}' (expected {}, matrix or partner:NAME)",
            crate::domain::text::display_safe(screen),
            tabs.join(", ")
        ))
    })
}
