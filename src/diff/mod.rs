//! What changed between two versions of a proposal.
//!
//! [`diff`] aligns the terms of the two versions ([`align`](fn@align): by id, then by
//! action, subject and wording similarity), compares each matched pair field by field
//! on the resolved meaning (`terms`), and returns a [`ProposalDiff`]: plain data, which
//! the renderers in `crate::report::diff` turn into text, Markdown or JSON, with the
//! words of `crate::report::words` (each term's one-line summary is made with them
//! here, as the renderers of a diff have no vocabulary). [`json_patch`] computes the
//! RFC 6902 patch from one file's JSON to the other's; [`impact`] what the change does
//! to the relations with a third proposal.
//!
//! Glossary: a *matched* term is in both versions (perhaps renamed); a change is
//! *meaningful* unless it is *notation* only (an alias, an order, `"ceasefire"` for
//! the same days); two versions are *the same in meaning* when, outside the ignored
//! fields, no change is meaningful and no term was added or removed.

mod against;
pub mod align;
mod field;
mod patch;
mod result;
mod terms;
mod word_diff;

pub use against::{Effect, Impact, Link, Witness, impact, impact_with};
pub use align::{Alignment, align};
pub use field::{DiffOptions, Field};
pub use patch::{PatchOp, json_patch, pointer_escape};
pub use result::{
    Change, ChangeKind, Counts, Direction, EveryTerm, MatchBy, MatchedTerm, MetaChange, Named, ProposalDiff,
    ProposalInfo, TermDiff, TermSide,
};
pub use word_diff::{Segment, SegmentKind, similarity, word_diff};

use crate::report::words::term_summary;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// Diffs two versions of a proposal.
pub fn diff(
    old: &ResolvedProposal,
    new: &ResolvedProposal,
    vocab: &Vocab,
    opts: &DiffOptions,
) -> ProposalDiff {
    let alignment = align(old, new, vocab);
    let old_to_new = alignment.old_to_new(old.terms.len());
    let old_ids: Vec<&str> = old.proposal.terms.iter().map(|t| &*t.id).collect();
    let new_ids: Vec<&str> = new.proposal.terms.iter().map(|t| &*t.id).collect();
    let side = |p: &ResolvedProposal, i: usize| {
        let (t, r) = (p.proposal.terms.get(i)?, p.terms.get(i)?);
        Some(TermSide {
            index: i,
            id: t.id.to_string(),
            summary: term_summary(vocab, r, &t.params, p.calendar),
            text: t.text.as_deref().map(str::to_owned),
        })
    };

    // Matched and added terms in the new order; a removed term goes just before the
    // first matched term that followed it in the old order.
    let mut removed = alignment.removed.iter().copied().peekable();
    let mut out = Vec::new();
    let mut new_to_old = vec![None; new.terms.len()];
    for &(i, j, by) in &alignment.pairs {
        if let Some(slot) = new_to_old.get_mut(j) {
            *slot = Some((i, by));
        }
    }
    for (j, matched) in new_to_old.iter().enumerate() {
        if let Some((i, _)) = matched {
            while let Some(r) = removed.next_if(|&r| r < *i) {
                out.extend(side(old, r).map(TermDiff::Removed));
            }
        }
        let term = match *matched {
            Some((i, by)) => matched_term(
                vocab,
                old,
                new,
                (i, j, by),
                (&old_ids, &new_ids),
                &old_to_new,
                opts,
            ),
            None => side(new, j).map(TermDiff::Added),
        };
        out.extend(term);
    }
    out.extend(removed.filter_map(|r| side(old, r).map(TermDiff::Removed)));
    let mut metadata = metadata(old, new, opts);
    for field in [Field::Source, Field::Note] {
        metadata.extend(every_term(&mut out, field));
    }

    ProposalDiff {
        old: info(old, vocab),
        new: info(new, vocab),
        metadata,
        terms: out,
        ignored: opts.ignore.iter().copied().collect(),
        impact: None,
    }
}

fn matched_term(
    vocab: &Vocab,
    old: &ResolvedProposal,
    new: &ResolvedProposal,
    (i, j, by): (usize, usize, MatchBy),
    (old_ids, new_ids): (&[&str], &[&str]),
    old_to_new: &[Option<usize>],
    opts: &DiffOptions,
) -> Option<TermDiff> {
    let a = terms::Side {
        term: old.proposal.terms.get(i)?,
        resolved: old.terms.get(i)?,
        by: &old.by,
        ids: old_ids,
        outcomes: &old.outcomes,
        index: i,
    };
    let b = terms::Side {
        term: new.proposal.terms.get(j)?,
        resolved: new.terms.get(j)?,
        by: &new.by,
        ids: new_ids,
        outcomes: &new.outcomes,
        index: j,
    };
    let changes = terms::compare(vocab, a, b, old_to_new, opts);
    let side = |s: terms::Side<'_>, index: usize, summary: String| TermSide {
        index,
        id: s.term.id.to_string(),
        summary,
        text: s.term.text.as_deref().map(str::to_owned),
    };
    let old_summary = term_summary(vocab, a.resolved, &a.term.params, old.calendar);
    // Most matched terms are unchanged: their summary is made once.
    let new_summary =
        if a.resolved == b.resolved && a.term.params == b.term.params && old.calendar == new.calendar {
            old_summary.clone()
        } else {
            term_summary(vocab, b.resolved, &b.term.params, new.calendar)
        };
    Some(TermDiff::Matched(MatchedTerm {
        old: side(a, i, old_summary),
        new: side(b, j, new_summary),
        by,
        changes,
    }))
}

fn info(p: &ResolvedProposal, vocab: &Vocab) -> ProposalInfo {
    ProposalInfo {
        id: p.proposal.id.clone(),
        title: p.proposal.title.clone(),
        by: p.by.iter().map(|&b| vocab.party_code(b).to_owned()).collect(),
    }
}

/// A proposal's phases with their days (`phase-1 days 0–42, phase-2 days 42–84`), if
/// it has any: a phase moved or lengthened reads as its days.
fn phases(p: &crate::model::Proposal) -> Option<String> {
    let list: Vec<String> = crate::load::phase_windows(p)
        .into_iter()
        .map(|(id, w)| match w {
            Some(w) => format!("{id} {w}"),
            None => format!("{id} (unresolved)"),
        })
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

fn metadata(old: &ResolvedProposal, new: &ResolvedProposal, opts: &DiffOptions) -> Vec<MetaChange> {
    let (a, b) = (&old.proposal, &new.proposal);
    let by = |p: &ResolvedProposal| {
        let mut codes = p.proposal.by.clone();
        codes.sort();
        codes.dedup();
        Some(codes.join(", "))
    };
    let fields = [
        (Field::Id, Some(a.id.clone()), Some(b.id.clone())),
        (Field::Title, a.title.clone(), b.title.clone()),
        (Field::Date, a.date.clone(), b.date.clone()),
        (Field::By, by(old), by(new)),
        (
            Field::Kind,
            Some(a.kind.as_str().to_owned()),
            Some(b.kind.as_str().to_owned()),
        ),
        (
            Field::EntryIntoForce,
            a.entry_into_force.map(|d| d.to_string()),
            b.entry_into_force.map(|d| d.to_string()),
        ),
        (Field::Phases, phases(a), phases(b)),
        (Field::Source, a.source.clone(), b.source.clone()),
        (Field::Note, a.note.clone(), b.note.clone()),
    ];
    fields
        .into_iter()
        .filter(|(f, x, y)| x != y && opts.compares(*f))
        .map(|(field, old, new)| MetaChange {
            field,
            old,
            new,
            every_term: None,
        })
        .collect()
}

/// When provenance `field` (`source`, `note`) changed on every matched term (two or
/// more): those changes taken off the terms and said once, for the proposal (DESIGN
/// §4), so that a new version that cites its sources differently does not show
/// "source removed" on every term.
fn every_term(terms: &mut [TermDiff], field: Field) -> Option<MetaChange> {
    let matched = || {
        terms.iter().filter_map(|t| match t {
            TermDiff::Matched(m) => Some(m),
            _ => None,
        })
    };
    let count = matched().count();
    let change = |m: &MatchedTerm| {
        m.changes.iter().find_map(|c| match (&c.kind, c.field == field) {
            (ChangeKind::Annotation { old, new }, true) => Some((old.clone(), new.clone())),
            _ => None,
        })
    };
    if count < 2 || !matched().all(|m| change(m).is_some()) {
        return None;
    }
    let (mut olds, mut news): (Vec<Option<String>>, Vec<Option<String>>) =
        matched().filter_map(change).unzip();
    for list in [&mut olds, &mut news] {
        list.sort();
        list.dedup();
    }
    let one = |list: &[Option<String>]| match list {
        [only] => only.clone(),
        _ => None,
    };
    let values = |list: &[Option<String>]| list.iter().filter(|v| v.is_some()).count();
    let out = MetaChange {
        field,
        old: one(&olds),
        new: one(&news),
        every_term: Some(EveryTerm {
            terms: count,
            old_values: values(&olds),
            new_values: values(&news),
        }),
    };
    for t in terms.iter_mut() {
        if let TermDiff::Matched(m) = t {
            m.changes.retain(|c| c.field != field);
        }
    }
    Some(out)
}
