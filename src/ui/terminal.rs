//! The event loop: synchronous, `event::poll` with a timeout, no async runtime.
//! The terminal is restored on every way out, panics included.

use std::io;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

use super::app::App;

/// Restores the terminal when dropped, so an early return or an error can
/// not leave it in raw mode. (`ratatui::init` also restores on panic.)
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Run the cockpit until the user quits.
///
/// # Errors
/// When the terminal cannot be drawn to or read from.
pub fn run(mut app: App) -> io::Result<()> {
    // The guard first: if setting the terminal up fails half-way, it is
    // still put back.
    let _restore = Restore;
    let mut terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.on_resize(size.width, size.height);
    // Draw only when something happened: an idle cockpit costs nothing.
    let mut changed = true;
    while !app.quit {
        if changed {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        }
        // Idle: notice a book another program changed.
        if !event::poll(Duration::from_millis(500))? {
            changed = app.on_idle();
            continue;
        }
        changed = match event::read()? {
            Event::Key(key) => {
                app.on_key(key);
                true
            }
            Event::Mouse(mouse) => {
                app.on_mouse(mouse);
                true
            }
            Event::Resize(w, h) => {
                app.on_resize(w, h);
                true
            }
            Event::Paste(text) => {
                app.on_paste(&text);
                true
            }
            _ => false,
        };
    }
    Ok(())
}
