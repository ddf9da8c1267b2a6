//! Semantic validation: resolving a parsed proposal against the vocabulary, collecting
//! every error and warning rather than stopping at the first.

use super::diagnostic::Diagnostic;
use super::time;
use super::window::Ceasefire;
use crate::collections::FastMap;
use crate::collections::shared::Interner;
use crate::model::{ParamValue, Proposal, Term, Timing, is_open_word};
use crate::resolved::{Interval, Outcomes, ResolvedProposal, ResolvedTerm};
use crate::vocab::{LabelId, ParamKind, PartyId, Vocab, did_you_mean};

/// Resolves `proposal` against `vocab`. Returns the resolved proposal when there is no
/// error, and every diagnostic (errors and warnings) in file order.
pub fn resolve(proposal: &Proposal, vocab: &Vocab) -> (Option<ResolvedProposal>, Vec<Diagnostic>) {
    let (resolved, diags) = check(proposal, vocab);
    (
        resolved.map(|(by, terms, anchors, outcomes)| ResolvedProposal {
            proposal: proposal.clone(),
            by,
            terms,
            anchors,
            calendar: proposal.entry_into_force,
            outcomes,
        }),
        diags,
    )
}

/// [`resolve`], taking the proposal rather than copying it (large proposals).
pub fn resolve_owned(proposal: Proposal, vocab: &Vocab) -> (Option<ResolvedProposal>, Vec<Diagnostic>) {
    let (resolved, diags) = check(&proposal, vocab);
    (
        resolved.map(|(by, terms, anchors, outcomes)| ResolvedProposal {
            calendar: proposal.entry_into_force,
            proposal,
            by,
            terms,
            anchors,
            outcomes,
        }),
        diags,
    )
}

/// The authors, resolved terms, anchors and outcomes of `proposal` when it has no
/// error, and every diagnostic.
type Checked = (
    Option<(Vec<PartyId>, Vec<ResolvedTerm>, Box<[(usize, usize)]>, Outcomes)>,
    Vec<Diagnostic>,
);

fn check(proposal: &Proposal, vocab: &Vocab) -> Checked {
    let mut cx = Cx {
        vocab,
        diags: Vec::new(),
        hints: FastMap::default(),
        parties: Interner::default(),
        labels: Interner::default(),
    };
    if proposal.id.trim().is_empty() {
        cx.diags.push(Diagnostic::error("id", "empty proposal id"));
    } else if proposal.id.contains('/') {
        cx.diags.push(Diagnostic::error(
            "id",
            format!("proposal id `{}` contains `/`", proposal.id),
        ));
    }
    if proposal.by.is_empty() {
        cx.diags.push(
            Diagnostic::error("by", "`by` names no party")
                .with_help("name the authors, for example `[\"US\"]`"),
        );
    }
    let by: Vec<PartyId> = proposal
        .by
        .iter()
        .enumerate()
        .filter_map(|(i, p)| cx.party(p, || format!("by[{i}]")))
        .collect();
    if let Some(date) = &proposal.date
        && !is_date(date)
    {
        cx.diags.push(Diagnostic::error(
            "date",
            format!("date `{date}` is not of the form YYYY-MM-DD"),
        ));
    }

    let mut ids: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(proposal.terms.len(), Default::default());
    for (i, t) in proposal.terms.iter().enumerate() {
        let path = || format!("terms[{i}].id");
        if t.id.trim().is_empty() {
            cx.diags.push(Diagnostic::error(path(), "empty term id"));
        } else if t.id.contains('/') {
            cx.diags.push(Diagnostic::error(
                path(),
                format!("term id `{}` contains `/`", t.id),
            ));
        } else if let Some(first) = ids.insert(&t.id, i) {
            ids.insert(&t.id, first);
            cx.diags.push(
                Diagnostic::error(path(), format!("duplicate term id `{}`", t.id))
                    .with_help(format!("`terms[{first}]` has the same id")),
            );
        }
    }

    cx.diags.extend(super::lookalike::warnings(proposal));

    let times = time::resolve(proposal, vocab, &ids, &mut cx.diags);
    // Conditions are noted as each term is resolved, while it is at hand.
    let mut edges = Vec::new();
    let terms: Vec<Option<ResolvedTerm>> = proposal
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let window = times.windows.get(i).copied().flatten();
            let resolved = cx.term(proposal, t, i, &ids, window);
            if let Some(r) = &resolved {
                edges.extend(r.requires.iter().map(|&(req, _)| (req, i)));
            }
            resolved
        })
        .collect();
    // Without errors every condition is among `edges`; when each names an earlier
    // term, none can close a cycle (the usual order of a text), and the search for
    // cycles, which builds a graph of all the terms, is spared.
    if cx.diags.iter().all(|d| !d.is_error()) && edges.iter().any(|&(req, t)| req >= t) {
        cx.cycles(proposal, &ids);
    }
    let outcomes = super::outcomes::resolve(proposal, &ids, &mut cx.diags);
    let ok = cx.diags.iter().all(|d| !d.is_error());
    let resolved = match (ok, terms.into_iter().collect::<Option<Vec<_>>>()) {
        (true, Some(terms)) => Some((by, terms, times.anchors.into_boxed_slice(), outcomes)),
        _ => None,
    };
    (resolved, cx.diags)
}

/// The window of a proposal's general ceasefire term (its one `must_not hostilities`
/// term with no scope or partition, [`Interval::UNSTATED`] when that term states none),
/// or `None` when it has none or several with different windows.
pub fn ceasefire_window(proposal: &Proposal, vocab: &Vocab) -> Option<Interval> {
    match time::ceasefire_of(proposal, vocab) {
        Ceasefire::Window(w) => Some(w),
        Ceasefire::None | Ceasefire::Ambiguous(_) => None,
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u8>(), Ok(1..=31))
}

pub(super) struct Cx<'v> {
    pub(super) vocab: &'v Vocab,
    pub(super) diags: Vec<Diagnostic>,
    /// The nearest known name to each unknown one met, by the list it was looked up
    /// in: a file that misspells one action 10^5 times looks for it once.
    pub(super) hints: FastMap<(Names, String), Option<String>>,
    /// The lists of subjects made so far, each made once.
    pub(super) parties: Interner<PartyId>,
    /// The lists of scope labels made so far, each made once.
    pub(super) labels: Interner<LabelId>,
}

/// The vocabulary's lists of names that a misspelt name is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Names {
    Parties,
    Subjects,
    Actions,
    ScopeLabels,
    Topics,
}

impl Cx<'_> {
    /// The party `code` names; the path of the diagnostic is built only when needed.
    pub(super) fn party(&mut self, code: &str, path: impl FnOnce() -> String) -> Option<PartyId> {
        let found = self.vocab.party(code);
        if found.is_none() {
            let d = Diagnostic::error(path(), format!("unknown party `{code}`"));
            self.push_with_remedy(d, Names::Parties, code);
        }
        found
    }

    /// Records `d` about the unknown `name`, with "did you mean" the nearest name of
    /// `names`, if one is near.
    pub(super) fn push_suggesting(&mut self, d: Diagnostic, names: Names, name: &str) {
        let d = match self.hint(names, name) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d,
        };
        self.diags.push(d);
    }

    /// The nearest name of `names` to the unknown `name`, if one is near; looked for
    /// once per name.
    pub(super) fn hint(&mut self, names: Names, name: &str) -> Option<String> {
        let vocab = self.vocab;
        self.hints
            .entry((names, name.to_owned()))
            .or_insert_with(|| {
                let nearest = match names {
                    // A party's name is a party's code in meaning: `Ukraine` is `UA`.
                    Names::Parties | Names::Subjects if vocab.party_by_name(name).is_some() => {
                        vocab.party_by_name(name)
                    }
                    Names::Parties => did_you_mean(name, vocab.parties.iter().map(|p| p.code.as_str())),
                    Names::Subjects => did_you_mean(name, vocab.subject_names()),
                    Names::Actions => did_you_mean(name, vocab.action_names()),
                    Names::Topics => did_you_mean(name, vocab.topic_names()),
                    Names::ScopeLabels => did_you_mean(
                        name,
                        vocab
                            .label_names()
                            .filter(|n| vocab.label(n).is_some_and(|l| !vocab.is_topic(l))),
                    ),
                };
                nearest.map(str::to_owned)
            })
            .clone()
    }

    /// Term `t` (index `i`) resolved, its window resolved already (`None`: in error).
    fn term(
        &mut self,
        proposal: &Proposal,
        t: &Term,
        i: usize,
        ids: &FastMap<&str, usize>,
        window: Option<Interval>,
    ) -> Option<ResolvedTerm> {
        // Diagnostic paths are built only for a diagnostic: most terms have none.
        let p = i;
        // Only this term's diagnostics are looked at again: counting all of them for
        // every term was quadratic in a file of many errors.
        let first_diag = self.diags.len();

        if t.subject.parties().is_empty() {
            self.diags.push(
                Diagnostic::error(format!("terms[{p}].subject"), "empty subject")
                    .with_help("name the party or parties the term binds"),
            );
        }
        let subjects = self.subjects(t, p);
        let mut modality = t.modality;
        let action = match self.vocab.action(&t.action) {
            Some((a, negate)) => {
                if negate {
                    match modality.negated() {
                        Some(m) => modality = m,
                        None => self.diags.push(
                            Diagnostic::error(
                                format!("terms[{p}].action"),
                                format!(
                                    "`{}` with the negating name `{}` has no meaning",
                                    modality.as_str(),
                                    t.action
                                ),
                            )
                            .with_help(format!(
                                "write `\"action\": \"{}\"` with the modality meant",
                                self.vocab.action_id(a)
                            )),
                        ),
                    }
                }
                Some(a)
            }
            None => {
                let d = Diagnostic::error(
                    format!("terms[{p}].action"),
                    format!("unknown action `{}`", t.action),
                );
                self.push_with_remedy(d, Names::Actions, &t.action);
                None
            }
        };

        let target = t
            .target
            .as_ref()
            .and_then(|tg| self.party(tg, || format!("terms[{p}].target")));

        let scope = self.labels(t, p);

        for (name, value) in &t.params {
            let pp = || format!("terms[{p}].params.{name}");
            match self.vocab.params.get(name) {
                None => {
                    let d = Diagnostic::error(pp(), format!("unknown parameter `{name}`"));
                    self.diags
                        .push(d.suggest(name, self.vocab.params.keys().map(String::as_str)));
                }
                Some(def) => {
                    self.param(&pp, name, def.kind, &def.values, value);
                }
            }
        }

        let mut requires = Vec::with_capacity(t.requires.len());
        // Each required term once: where it was first named, and with what timing.
        let mut seen: FastMap<usize, (usize, crate::model::Timing)> = FastMap::default();
        for (j, c) in t.requires.iter().enumerate() {
            let cp = || format!("terms[{p}].requires[{j}]");
            match ids.get(&*c.term) {
                Some(&k) if k == i => {
                    self.diags.push(Diagnostic::error(
                        cp(),
                        format!("term `{}` requires itself", t.id),
                    ));
                }
                Some(&k) => match seen.get(&k) {
                    None => {
                        seen.insert(k, (j, c.timing));
                        // A trigger is no precondition (DESIGN §3): it is among the
                        // proposal's outcomes.
                        if !c.on.is_trigger() {
                            requires.push((k, c.timing));
                        }
                    }
                    Some(&(first, timing)) if timing == c.timing => self.diags.push(
                        Diagnostic::warning(cp(), format!("`{}` is required twice", c.term))
                            .with_help(format!("it is already `requires[{first}]`; keep one")),
                    ),
                    Some(&(first, timing)) => self.diags.push(
                        Diagnostic::error(
                            cp(),
                            format!(
                                "`{}` is required both {} and {}: a condition is one or the other",
                                c.term,
                                timing_words(timing),
                                timing_words(c.timing)
                            ),
                        )
                        .with_help(format!("it is also `requires[{first}]`; keep the timing meant")),
                    ),
                },
                None => {
                    let d = Diagnostic::error(
                        cp(),
                        format!(
                            "`requires` names `{}`, which is not a term of this proposal",
                            c.term
                        ),
                    );
                    self.diags.push(d.suggest(&c.term, ids.keys().copied()));
                }
            }
        }

        if t.text.is_none() {
            self.diags.push(
                Diagnostic::warning(format!("terms[{p}]"), format!("term `{}` has no `text`", t.id))
                    .with_help("quote the original wording, so reports can cite it"),
            );
        }
        if t.source.is_none() && proposal.source.is_none() {
            self.diags.push(
                Diagnostic::warning(format!("terms[{p}]"), format!("term `{}` has no `source`", t.id))
                    .with_help("cite where the wording comes from, here or on the proposal"),
            );
        }

        if self
            .diags
            .get(first_diag..)
            .unwrap_or_default()
            .iter()
            .any(Diagnostic::is_error)
        {
            return None;
        }
        Some(ResolvedTerm {
            subjects: self.parties.of(&subjects),
            modality,
            action: action?,
            target,
            scope: self.labels.of(&scope),
            window: window?,
            requires: requires.into(),
        })
    }

    fn param(
        &mut self,
        path: &dyn Fn() -> String,
        name: &str,
        kind: ParamKind,
        values: &[String],
        value: &ParamValue,
    ) {
        if let Some(bad) = out_of_range(value) {
            self.diags.push(
                Diagnostic::error(path(), format!("`{name}` is {}: a quantity is from 0 to {MAX_QUANTITY:e}", number(bad)))
                    .with_help("quantities count people, objects, days or kilometres: none is negative or beyond a trillion"),
            );
            return;
        }
        let unknown = |at: String, v: &str| {
            Diagnostic::error(at, format!("`{v}` is not a value of `{name}`"))
                .suggest(v, values.iter().map(String::as_str).chain(["some", "tbd"]))
                .with_help_if_none(format!(
                    "expected one of {}, or `some` / `tbd` (to be agreed)",
                    list(values)
                ))
        };
        match (kind, value) {
            // Any value may be left to be agreed.
            (_, ParamValue::Value(v)) if is_open_word(v) => {}
            (ParamKind::Quantity, ParamValue::Number(_)) => {}
            (
                ParamKind::Quantity,
                ParamValue::Range {
                    min: Some(lo),
                    max: Some(hi),
                },
            ) if lo > hi => {
                self.diags.push(Diagnostic::error(
                    path(),
                    format!("range of `{name}` is empty: min {lo} is above max {hi}"),
                ));
            }
            (ParamKind::Quantity, ParamValue::Range { min: None, max: None }) => {
                self.diags.push(Diagnostic::error(
                    path(),
                    format!("range of `{name}` has neither `min` nor `max`"),
                ));
            }
            (ParamKind::Quantity, ParamValue::Range { .. } | ParamValue::Ratio { .. }) => {}
            (ParamKind::Quantity, _) => {
                self.diags.push(
                    Diagnostic::error(path(), format!("`{name}` is a quantity: give a number or a range"))
                        .with_help("or a ratio `{\"ratio\": {\"per\": .., \"count\": ..}}`, or `some` / `tbd` to leave it to be agreed"),
                );
            }
            (ParamKind::Ratio, ParamValue::Ratio { per, .. }) => {
                if !values.is_empty() && !values.contains(per) {
                    let d = Diagnostic::error(
                        format!("{}.ratio.per", path()),
                        format!("`{name}` is not counted per `{per}`"),
                    );
                    self.diags.push(
                        d.suggest(per, values.iter().map(String::as_str))
                            .with_help_if_none(format!("expected one of {}", list(values))),
                    );
                }
            }
            (ParamKind::Ratio, _) => {
                self.diags.push(
                    Diagnostic::error(
                        path(),
                        format!("`{name}` is a ratio: give `{{\"ratio\": {{\"per\": .., \"count\": ..}}}}`"),
                    )
                    .with_help("or `some` / `tbd` to leave it to be agreed"),
                );
            }
            (ParamKind::Manner | ParamKind::Partition, ParamValue::Value(v)) => {
                if !values.contains(v) {
                    self.diags.push(unknown(path(), v));
                }
            }
            (ParamKind::Manner | ParamKind::Partition, ParamValue::Set(set)) => {
                for (k, v) in set.iter().enumerate() {
                    if !values.contains(v) {
                        self.diags.push(unknown(format!("{}[{k}]", path()), v));
                    }
                }
            }
            (ParamKind::Manner | ParamKind::Partition, _) => {
                self.diags.push(
                    Diagnostic::error(
                        path(),
                        format!("`{name}` takes a value or a list of values, not a number"),
                    )
                    .with_help(format!("expected one of {}", list(values))),
                );
            }
        }
    }

    /// Reports each `requires` cycle with a `before` condition once, with the cycle
    /// spelled out (a cycle of `concurrent` conditions only is reciprocity).
    fn cycles(&mut self, proposal: &Proposal, ids: &FastMap<&str, usize>) {
        let edges: Vec<Vec<(usize, bool)>> = proposal
            .terms
            .iter()
            .map(|t| {
                t.requires
                    .iter()
                    .filter(|c| !c.on.is_trigger())
                    .filter_map(|c| Some((ids.get(&*c.term).copied()?, c.timing == Timing::Before)))
                    .collect()
            })
            .collect();
        for cycle in super::cycles::find_cycles(&edges) {
            let first = cycle[0];
            let names: Vec<String> = cycle
                .iter()
                .chain(std::iter::once(&first))
                .map(|&k| format!("`{}`", proposal.terms[k].id))
                .collect();
            self.diags.push(
                Diagnostic::error(
                    format!("terms[{first}].requires"),
                    format!("`requires` cycle: {}", names.join(" → ")),
                )
                .with_help(
                    "a term cannot wait for itself, directly or through others; conditions that are all `concurrent` are reciprocity and allowed",
                ),
            );
        }
    }
}

/// How a message says a timing: "before" or "concurrently".
fn timing_words(timing: crate::model::Timing) -> &'static str {
    match timing {
        crate::model::Timing::Before => "before",
        crate::model::Timing::Concurrent => "concurrently",
    }
}

/// The largest quantity a parameter may have: far above any count, duration or
/// distance of a negotiation, and small enough to print exactly.
const MAX_QUANTITY: f64 = 1e12;

/// The first number of a quantity outside 0 to [`MAX_QUANTITY`], as written.
fn out_of_range(value: &ParamValue) -> Option<f64> {
    let bad = |v: &f64| !(0.0..=MAX_QUANTITY).contains(v);
    match value {
        ParamValue::Number(v) => Some(*v).filter(bad),
        ParamValue::Range { min, max } => min.iter().chain(max).copied().find(bad),
        _ => None,
    }
}

/// A number as a message shows it: in scientific notation when very large or small,
/// rather than in 309 digits.
fn number(v: f64) -> String {
    if v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-6) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Diagnostic {
    fn with_help_if_none(self, help: String) -> Diagnostic {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }
}
