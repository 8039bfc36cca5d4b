//! The rules of the book, pure: no `SQLite`, no terminal, no clock, no files.
//! Every function takes `today` and plain data and returns plain data with
//! reasons a person can read (ARCHITECTURE.md).

pub mod labels;

pub mod analysis;
pub mod book;
pub mod campaigns;
pub mod config;
pub mod dates;
pub mod format;
pub mod health;
pub mod kpi;
pub mod matrix;
pub mod pipeline;
pub mod qbr;
pub mod search;
pub mod segments;
pub mod text;
pub mod tiers;
pub mod triage;

/// Builders for tests (unit, integration and benches).
#[doc(hidden)]
pub mod testing;
