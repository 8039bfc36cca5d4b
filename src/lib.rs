//! partnerdeck: a terminal cockpit for partner managers.

pub mod domain;
