//! The cockpit: ratatui screens over the same domain the CLI uses.

pub mod action;
pub mod app;
pub mod cursor;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod popup;
pub mod render;
pub mod screens;
pub mod snapshot;
pub mod terminal;
pub mod theme;
pub mod undo;
pub mod widgets;
