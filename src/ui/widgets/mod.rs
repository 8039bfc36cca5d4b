//! Small drawing helpers shared by the screens.

pub mod bars;
pub mod text;
