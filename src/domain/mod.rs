//! The rules of the book, pure: no `SQLite`, no terminal, no clock, no files.
//! Every function takes `today` and plain data and returns plain data with
//! reasons a person can read. docs/rules.md describes every rule.

pub mod labels;
pub mod parse;

pub mod agenda;
pub mod analysis;
pub mod book;
pub mod budget;
pub mod campaign_results;
pub mod campaigns;
pub mod commission;
pub mod config;
pub mod coverage;
pub mod dates;
pub mod draft;
pub mod edit;
pub mod facts;
pub mod focus;
pub mod format;
pub mod health;
pub mod ics;
pub mod import;
pub mod lifecycle;
pub mod list_row;
pub mod markdown;
pub mod matrix;
pub mod mdf;
pub mod owners;
pub mod pipeline;
pub mod program;
pub mod qbr;
pub mod qbr_board;
pub mod record;
pub mod search;
pub mod segments;
pub mod summary;
pub mod text;
pub mod tiers;
pub mod today;
pub mod triage;
pub mod validate;

/// Builders for tests (unit, integration and benches): compiled only for
/// tests and with the `testing` feature, which the integration tests and
/// benches turn on through the crate's dev-dependency on itself.
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
