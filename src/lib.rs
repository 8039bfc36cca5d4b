//! partnerdeck: a terminal cockpit for partner managers.

pub mod demo;
pub mod domain;
