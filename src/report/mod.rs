//! Renderers: one file per output format, each turning engine results into text.
pub mod diff;
