//! The cockpit: ratatui screens over the same domain the CLI uses.

pub mod action;
pub mod app;
pub mod cursor;
pub mod editor;
pub mod facets;
pub mod history;
pub mod item_cursor;
pub mod keymap;
pub mod layout;
pub mod modals;
pub mod model;
pub mod quick_match;
pub mod remap;
pub mod render;
pub mod screen;
pub mod screens;
pub mod snapshot;
pub mod tab;
pub mod terminal;
pub mod theme;
pub mod widgets;
