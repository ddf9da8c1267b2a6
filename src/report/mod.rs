//! Renderers: one file per output format, each turning engine results into text.
//! The words shared by all formats (how a term or a relation is described) live in
//! [`words`]; terminal styling in [`style`].

pub mod compare;
pub mod concede;
pub mod diff;
pub mod graph;
pub mod html;
pub mod markdown;
pub(crate) mod stream;
pub mod style;
pub mod terminal;
pub mod terms;
pub mod whatif;
pub mod words;
