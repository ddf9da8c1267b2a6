//! One proposal's terms as a table (`armistice terms`): a row per term with its
//! resolved meaning beside what was written — subject as written and the parties it
//! binds, modality after a negating alias, the action's id and the name written, the
//! window in days, parameters as values. Plain data; `report::terms` renders it.

use serde::Serialize;

use crate::model::{Modality, Params, Priority, ProposalKind};
use crate::resolved::{Interval, ResolvedProposal};
use crate::vocab::{Codes, Vocab};

/// The terms of one proposal, with its metadata.
#[derive(Debug, Clone, Serialize)]
pub struct TermsTable {
    /// The proposal's id.
    pub id: String,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its authors (party codes).
    pub by: Vec<String>,
    /// What kind of text it is.
    pub kind: ProposalKind,
    /// Its date, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Its entry into force, `YYYY-MM-DD`: day 0 of the windows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// Where its wording comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The names of the parameters its terms carry, in order of first use: the
    /// parameter columns of a table.
    pub params: Vec<String>,
    /// A row per term, in file order.
    pub terms: Vec<TermRow>,
}

/// One term.
#[derive(Debug, Clone, Serialize)]
pub struct TermRow {
    /// Its id.
    pub id: String,
    /// The subject as written: party codes, groups, `any`, `unspecified`.
    pub subject: Vec<String>,
    /// The parties it binds (groups and `any` expanded).
    pub parties: Vec<String>,
    /// The modality, after a negating alias (`halt_aid` with `must` is `must_not`).
    pub modality: Modality,
    /// The action's id in the vocabulary.
    pub action: String,
    /// The action's name as written, when it is an alias.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written_action: Option<String>,
    /// The party the action is directed at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Topics (`about`).
    pub about: Vec<String>,
    /// Scope labels.
    pub scope: Vec<String>,
    /// The window in days from entry into force; `None` when unstated.
    pub window: Option<Window>,
    /// Parameters, by name, as values.
    pub params: Params,
    /// The ids of the terms it requires.
    pub requires: Vec<String>,
    /// What conceding it costs its authors.
    pub priority: Priority,
    /// Its wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the wording comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A note of whoever encoded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its classification codes (`{"pax": ["CeProv"]}`), and those of its action.
    #[serde(skip_serializing_if = "Codes::is_empty")]
    pub codes: Codes,
    /// The resolved window, for renderers that word it.
    #[serde(skip)]
    pub interval: Interval,
}

/// A stated window, in days from entry into force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First day.
    pub from: i64,
    /// The day it ends (exclusive); `None` without end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
}

impl TermsTable {
    /// The table of `p`'s terms under `vocab`.
    pub fn new(p: &ResolvedProposal, vocab: &Vocab) -> TermsTable {
        let written = &p.proposal;
        let mut params: Vec<String> = Vec::new();
        let terms = p
            .terms
            .iter()
            .zip(&written.terms)
            .map(|(t, w)| {
                for (name, _) in w.params.iter() {
                    if !params.contains(name) {
                        params.push(name.clone());
                    }
                }
                let action = vocab.action_id(t.action).to_owned();
                let mut codes = vocab
                    .actions
                    .get(t.action as usize)
                    .map(|a| a.def.codes.clone())
                    .unwrap_or_default();
                for (scheme, list) in w.codes.iter().flat_map(|c| c.iter()) {
                    let into = codes.entry(scheme.clone()).or_default();
                    for c in list {
                        if !into.contains(c) {
                            into.push(c.clone());
                        }
                    }
                }
                TermRow {
                    id: w.id.to_string(),
                    subject: w.subject.parties().iter().map(ToString::to_string).collect(),
                    parties: t
                        .subjects
                        .iter()
                        .map(|&s| vocab.party_code(s).to_owned())
                        .collect(),
                    modality: t.modality,
                    written_action: (*w.action != *action).then(|| w.action.to_string()),
                    action,
                    target: t.target.map(|x| vocab.party_code(x).to_owned()),
                    about: w.about.iter().map(ToString::to_string).collect(),
                    scope: w.scope.iter().map(ToString::to_string).collect(),
                    window: (!t.window.is_unstated()).then(|| Window {
                        from: t.window.from,
                        to: t.window.to(),
                    }),
                    params: w.params.clone(),
                    requires: t
                        .requires
                        .iter()
                        .filter_map(|&(i, _)| written.terms.get(i).map(|r| r.id.to_string()))
                        .collect(),
                    priority: w.priority,
                    text: w.text.as_deref().map(str::to_owned),
                    source: w.source.as_deref().map(str::to_owned),
                    note: w.note.as_deref().map(str::to_owned),
                    codes,
                    interval: t.window,
                }
            })
            .collect();
        TermsTable {
            id: written.id.clone(),
            title: written.title.clone(),
            by: p.by.iter().map(|&b| vocab.party_code(b).to_owned()).collect(),
            kind: written.kind,
            date: written.date.clone(),
            entry_into_force: written.entry_into_force.map(|d| d.to_string()),
            source: written.source.clone(),
            params,
            terms,
        }
    }
}
