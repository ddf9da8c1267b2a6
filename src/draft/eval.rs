//! The evaluation of drafting: drafted terms against reviewed hand encodings.
