//! partnerdeck: a terminal cockpit for partner managers.

pub mod analyse;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod fsutil;
pub mod memory;
pub mod store;
pub mod streamed;
pub mod ui;
