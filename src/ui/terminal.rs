//! The event loop: synchronous, a short poll of the terminal, no async
//! runtime. The terminal is restored on every way out: quitting, Ctrl-C,
//! SIGTERM, SIGHUP, SIGINT or SIGQUIT from another program, an error, a
//! panic; and around a Ctrl-Z suspend (the cursor shown again in the shell).

pub mod input;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyCode, KeyEvent, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::EnterAlternateScreen;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use super::app::App;
use input::Input;

/// How long one turn of the loop waits for input. Signals cut it short.
const TICK: Duration = Duration::from_millis(250);
/// The idle tick while a new day is scored on another thread.
const SCORING_TICK: Duration = Duration::from_millis(40);

/// Restores the terminal when dropped, so an early return or an error can
/// not leave it in raw mode. (`ratatui::init` also restores on panic.)
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        leave();
    }
}

/// Give the terminal back: paste and mouse reporting off, the cursor
/// shown, main screen, cooked mode. Errors are ignored: there is nothing
/// left to tell them to.
fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        crossterm::cursor::Show
    );
    ratatui::restore();
}

/// Take the terminal again after [`leave`]; mouse reporting only when the
/// config wants it (`ui.mouse`), else the terminal keeps its own selection.
fn enter(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Signals that end the loop (SIGTERM, SIGHUP, and SIGINT or SIGQUIT sent
/// by another program: in raw mode Ctrl-C and Ctrl-\ are keys) or resize
/// the screen. A second one before the loop has seen the first ends the
/// process at once.
struct Signals {
    stop: Arc<AtomicBool>,
    resized: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let stop = Arc::new(AtomicBool::new(false));
        let resized = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?;
        Ok(Signals { stop, resized })
    }

    fn stop(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn take_resize(&self) -> bool {
        self.resized.swap(false, Ordering::Relaxed)
    }
}

fn is_ctrl(key: KeyEvent, c: char) -> bool {
    key.code == KeyCode::Char(c) && key.modifiers == KeyModifiers::CONTROL
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take
/// it again and draw everything anew.
fn suspend(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(SIGTSTP)?;
    enter(mouse)?;
    terminal.clear()
}

fn resize(app: &mut App) -> io::Result<()> {
    let (w, h) = crossterm::terminal::size()?;
    app.on_resize(w, h);
    Ok(())
}

/// Run the cockpit until the user quits, or a signal that ends it comes.
///
/// # Errors
/// When the terminal cannot be drawn to or read from.
pub fn run(mut app: App) -> io::Result<()> {
    let signals = Signals::register()?;
    // The guard first: if setting the terminal up fails half-way, it is
    // still put back.
    let _restore = Restore;
    let mut terminal = ratatui::try_init()?;
    let mouse = app.model.config.ui.mouse;
    execute!(io::stdout(), EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    resize(&mut app)?;
    let mut input = Input::new();
    // Draw only when something happened: an idle cockpit costs nothing.
    let mut changed = true;
    while !app.quit && !signals.stop() {
        if signals.take_resize() {
            resize(&mut app)?;
            changed = true;
        }
        if changed {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        }
        // Idle: notice a book another program changed.
        // While the book is scored, the progress line moves and the
        // numbers are shown as soon as they are made, not a tick later.
        let wait = if app.pending.is_some() {
            SCORING_TICK
        } else {
            TICK
        };
        let Some(event) = input.next(wait)? else {
            changed = app.on_idle();
            continue;
        };
        changed = true;
        match event {
            Event::Key(key) if is_ctrl(key, 'z') => {
                suspend(&mut terminal, mouse)?;
                resize(&mut app)?;
            }
            Event::Key(key) => {
                app.on_key(key);
                if let Some(text) = app.take_editor_request() {
                    leave();
                    let edited = super::editor::edit(&text);
                    enter(mouse)?;
                    terminal.clear()?;
                    app.edited_text(edited);
                }
            }
            Event::Mouse(mouse) => app.on_mouse(mouse),
            Event::Paste(text) => app.on_paste(&text),
            Event::Resize(w, h) => app.on_resize(w, h),
            _ => changed = false,
        }
    }
    Ok(())
}
