//! Renderers of an [`Analysis`](crate::engine::Analysis): `text` (terminal),
//! `markdown` (a briefing to paste), `json` (for scripts, with its own output types),
//! `csv` (the point-by-point table, whose rows `points` makes), all in the words of
//! [`crate::report::words`].

pub mod csv;
pub mod json;
pub mod markdown;
pub mod points;
pub mod text;
pub mod timeline;

use crate::engine::{Pair, Relation, RelationKind};

/// A part of the comparison report, which a report may be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// The point-by-point table (shown by default with three or more proposals).
    Points,
    /// Direct and indirect conflicts.
    Conflicts,
    /// Divergences.
    Diverge,
    /// Terms left to be agreed.
    ToBeAgreed,
    /// Must against may.
    Compatible,
    /// Agreements.
    Agree,
    /// Blocked and pending terms.
    Blocked,
    /// Sequencing deadlocks.
    Deadlocks,
    /// Open points.
    Open,
    /// The terms all proposals agree on (three or more proposals).
    Common,
    /// The burden matrix.
    Burden,
}

impl Section {
    /// Every section, in report order.
    pub const ALL: [Section; 11] = [
        Section::Points,
        Section::Conflicts,
        Section::Diverge,
        Section::ToBeAgreed,
        Section::Compatible,
        Section::Agree,
        Section::Blocked,
        Section::Deadlocks,
        Section::Open,
        Section::Common,
        Section::Burden,
    ];
}

/// Which sections a report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sections(Vec<Section>);

impl Sections {
    /// These sections only.
    pub fn only(sections: &[Section]) -> Sections {
        Sections(sections.to_vec())
    }

    /// Whether `s` is shown.
    pub fn shows(&self, s: Section) -> bool {
        self.0.contains(&s)
    }

    /// Whether the point-by-point table is shown for `proposals` proposals: by default
    /// with three or more (two have their pairwise report), and whenever it is asked
    /// for by name.
    pub fn shows_points(&self, proposals: usize) -> bool {
        self.shows(Section::Points) && (proposals > 2 || self.0.len() < Section::ALL.len())
    }

    /// Whether the point-by-point table is all that is shown.
    pub fn only_points(&self) -> bool {
        self.0 == [Section::Points]
    }

    /// The relations of `pair` shown, in report order.
    pub fn relations<'a>(&'a self, pair: &'a Pair) -> impl Iterator<Item = (usize, &'a Relation)> + 'a {
        pair.relations
            .iter()
            .enumerate()
            .filter(|(_, r)| self.shows(section_of(r)))
    }

    /// The relations of `pair` that the text, Markdown and HTML reports show, in
    /// report order: those of [`Sections::relations`] but incidental overlaps (kept in
    /// JSON only), the contingent conflicts apart, after the others, but those whose
    /// terms never apply together (kept in JSON only).
    pub fn findings<'a>(&'a self, pair: &'a Pair) -> impl Iterator<Item = (usize, &'a Relation)> + 'a {
        let contingent = |i: &usize| pair.contingent.binary_search(i).is_ok();
        // Conflicts come first in report order.
        let conflicts = self
            .relations(pair)
            .take_while(|(_, r)| r.is_conflict())
            .filter(move |(i, _)| !contingent(i));
        let apart = pair
            .contingent
            .iter()
            .filter(|i| pair.lapsed.binary_search(i).is_err())
            .filter(|_| self.shows(Section::Conflicts))
            .filter_map(|&i| Some((i, pair.relations.get(i)?)));
        let rest = self.relations(pair).skip_while(|(_, r)| r.is_conflict());
        conflicts.chain(apart).chain(rest).filter(|(_, r)| r.is_finding())
    }
}

impl Default for Sections {
    fn default() -> Sections {
        Sections(Section::ALL.to_vec())
    }
}

/// The section a relation belongs to.
pub fn section_of(r: &Relation) -> Section {
    match r.kind {
        RelationKind::Conflict => Section::Conflicts,
        RelationKind::Diverge => Section::Diverge,
        RelationKind::ToBeAgreed => Section::ToBeAgreed,
        RelationKind::Compatible => Section::Compatible,
        RelationKind::Agree => Section::Agree,
    }
}
