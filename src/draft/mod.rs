//! `draft`: from a statement's text to a proposal to review. Rule-based and
//! deterministic, driven by the vocabulary and its lexicon: the text is cut into
//! sentences and clauses, each mention of an action becomes a term tied to its
//! sentence, and every field that was guessed carries the cue that produced it
//! (docs/draft.md). Returns plain data; [`to_jsonc`] writes it as a commented file.

mod cues;
pub mod eval;
mod jsonc;
mod lexicon;
mod lexicon_def;
mod numbers;
mod roles;
mod sentence;
mod text;

use serde_json::{Value, json};

pub use jsonc::to_jsonc;
pub use lexicon::DEFAULT_LEXICON;
pub use lexicon_def::{ActionWords, LexiconDef};

use crate::model::Modality;
use crate::vocab::Vocab;
use lexicon::{Lexicon, Sense};

/// What the drafted proposal says of itself.
#[derive(Debug, Clone, Default)]
pub struct DraftOptions {
    /// The proposal's id.
    pub id: String,
    /// Its authors (party codes).
    pub by: Vec<String>,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the statement comes from.
    pub source: Option<String>,
}

/// A drafted value and why it was chosen (the cue, the alternatives).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The value, as the proposal file writes it.
    pub value: Value,
    /// Why: the words that produced it.
    pub why: String,
}

impl Field {
    pub(crate) fn new(value: Value, why: String) -> Field {
        Field { value, why }
    }
}

/// One drafted term, every field with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftTerm {
    /// Its id, from its action.
    pub id: String,
    /// The sentence or clause it comes from, exactly as written.
    pub text: String,
    /// Who is bound.
    pub subject: Field,
    /// Must, must not, may or endeavour.
    pub modality: Field,
    /// The vocabulary's action.
    pub action: Field,
    /// The party the action is directed at.
    pub target: Option<Field>,
    /// Topics (`about`).
    pub about: Option<Field>,
    /// Scope labels.
    pub scope: Option<Field>,
    /// The window.
    pub window: Option<Field>,
    /// Parameter values, by name.
    pub params: Vec<(String, Field)>,
    /// Conditions on other drafted terms.
    pub requires: Option<Field>,
    /// What was read but left out, and why.
    pub notes: Vec<String>,
}

/// A drafted proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// What the caller said of the proposal.
    pub id: String,
    /// Its authors.
    pub by: Vec<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its source.
    pub source: Option<String>,
    /// The terms, in the order of the text.
    pub terms: Vec<DraftTerm>,
    /// How many sentences the text has.
    pub sentences: usize,
    /// The sentences that gave no term, as written (for the closing comment).
    pub skipped: Vec<String>,
}

/// A term being drafted from one sentence.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) text: String,
    pub(crate) subject: Option<Field>,
    pub(crate) modality: Option<Field>,
    pub(crate) modality_value: Modality,
    pub(crate) action: Option<Field>,
    pub(crate) target: Option<Field>,
    pub(crate) about: Option<Field>,
    pub(crate) scope: Option<Field>,
    pub(crate) window: Option<Field>,
    pub(crate) params: Vec<(String, Field)>,
    /// Conditions named: (action id, timing, outcome, cue).
    pub(crate) conditions: Vec<(String, &'static str, &'static str, String)>,
    pub(crate) notes: Vec<String>,
    /// Named as "these negotiations": the same term as an earlier one of its action.
    pub(crate) anaphoric: bool,
}

impl Pending {
    pub(crate) fn new(text: String) -> Pending {
        Pending {
            text,
            subject: None,
            modality: None,
            modality_value: Modality::Must,
            action: None,
            target: None,
            about: None,
            scope: None,
            window: None,
            params: Vec::new(),
            conditions: Vec::new(),
            notes: Vec::new(),
            anaphoric: false,
        }
    }

    /// Takes from `other` (the same action and subject, named again) what this lacks.
    pub(crate) fn merge_missing(&mut self, other: Pending) {
        for (slot, value) in [
            (&mut self.target, other.target),
            (&mut self.scope, other.scope),
            (&mut self.window, other.window),
            (&mut self.about, other.about),
        ] {
            if slot.is_none() {
                *slot = value;
            }
        }
        for (name, f) in other.params {
            if !self.params.iter().any(|(n, _)| *n == name) {
                self.params.push((name, f));
            }
        }
    }
}

/// Drafts a proposal from `text`: one term per action mentioned in a sentence, each
/// tied to its sentence or clause.
pub fn draft(text: &str, vocab: &Vocab, options: &DraftOptions) -> Draft {
    let words = Lexicon::new(vocab, false);
    let labels = Lexicon::new(vocab, true);
    let spans = text::sentences(text);
    let mut named: Vec<String> = Vec::new();
    for &(s, e) in &spans {
        for f in words.find(&text::tokens(text, s, e)) {
            if let Sense::Party(code) = f.sense
                && !named.contains(&code)
            {
                named.push(code);
            }
        }
    }
    let ctx = sentence::Ctx {
        vocab,
        words: &words,
        labels: &labels,
        by: &options.by,
        named: &named,
    };
    let mut pending = Vec::new();
    let mut skipped = Vec::new();
    for &(s, e) in &spans {
        let terms = sentence::draft(text, s, e, &ctx);
        if terms.is_empty() {
            skipped.push(text.get(s..e).unwrap_or_default().to_owned());
        }
        for t in terms {
            if t.anaphoric
                && let Some(earlier) = pending
                    .iter_mut()
                    .rev()
                    .find(|p: &&mut Pending| value(&p.action) == value(&t.action))
            {
                earlier.merge_missing(t);
                continue;
            }
            pending.push(t);
        }
    }
    let terms = finish(pending);
    Draft {
        id: options.id.clone(),
        by: options.by.clone(),
        date: options.date.clone(),
        source: options.source.clone(),
        terms,
        sentences: spans.len(),
        skipped,
    }
}

/// Ids, conditions and the `"ceasefire"` window, kept only where the file will check.
fn finish(pending: Vec<Pending>) -> Vec<DraftTerm> {
    let mut ids: Vec<String> = Vec::new();
    for p in &pending {
        let base = p
            .action
            .as_ref()
            .and_then(|a| a.value.as_str())
            .unwrap_or("term")
            .replace('_', "-");
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    let general = |p: &Pending| {
        p.modality_value == Modality::MustNot
            && p.action.as_ref().is_some_and(|a| a.value == json!("hostilities"))
            && p.scope.is_none()
            && p.about.is_none()
    };
    let candidates: Vec<usize> = (0..pending.len()).filter(|&i| general(&pending[i])).collect();
    let windows: Vec<Option<&Value>> = candidates
        .iter()
        .map(|&i| pending[i].window.as_ref().map(|w| &w.value))
        .collect();
    let ceasefire_ok = !candidates.is_empty()
        && windows.iter().all(|w| *w == windows[0])
        && windows[0] != Some(&json!("ceasefire"));
    // Conditions: edges to the one other term of the named action, never closing a cycle.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); pending.len()];
    let mut requires: Vec<Vec<Value>> = vec![Vec::new(); pending.len()];
    let mut condition_notes: Vec<Vec<String>> = vec![Vec::new(); pending.len()];
    for (i, p) in pending.iter().enumerate() {
        for (action, timing, on, cue) in &p.conditions {
            let targets: Vec<usize> = (0..pending.len())
                .filter(|&j| {
                    j != i
                        && pending[j]
                            .action
                            .as_ref()
                            .is_some_and(|a| a.value == json!(action))
                })
                .collect();
            match targets.as_slice() {
                [j] if !reaches(&edges, *j, i) && !edges[i].contains(j) => {
                    edges[i].push(*j);
                    let mut c = json!({ "term": ids[*j] });
                    if *timing != "before" {
                        c["timing"] = json!(timing);
                    }
                    if *on != "in_force" {
                        c["on"] = json!(on);
                    }
                    requires[i].push(c);
                    condition_notes[i].push(format!("\"{cue}\""));
                }
                [] => p_note(
                    &mut condition_notes[i],
                    format!("condition \"{cue} ... {action}\" names no drafted term; left out"),
                ),
                _ => p_note(
                    &mut condition_notes[i],
                    format!("condition \"{cue} ... {action}\" could name several terms; left out"),
                ),
            }
        }
    }
    pending
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            if p.window.as_ref().is_some_and(|w| w.value == json!("ceasefire"))
                && (!ceasefire_ok || candidates.contains(&i))
            {
                p.window = None;
                p.notes.push(
                    "window \"during the ceasefire\" left out: no one general ceasefire term drafted".into(),
                );
            }
            let (mut reasons, notes): (Vec<String>, Vec<String>) =
                condition_notes[i].drain(..).partition(|n| n.starts_with('"'));
            p.notes.extend(notes);
            let requires = (!requires[i].is_empty()).then(|| {
                reasons.dedup();
                Field::new(
                    Value::Array(std::mem::take(&mut requires[i])),
                    format!("conditions from {}", reasons.join(", ")),
                )
            });
            let fallback = || Field::new(json!("unspecified"), String::new());
            DraftTerm {
                id: ids[i].clone(),
                text: p.text,
                subject: p.subject.unwrap_or_else(fallback),
                modality: p
                    .modality
                    .unwrap_or_else(|| Field::new(json!("must"), String::new())),
                action: p.action.unwrap_or_else(fallback),
                target: p.target,
                about: p.about,
                scope: p.scope,
                window: p.window,
                params: p.params,
                requires,
                notes: p.notes,
            }
        })
        .collect()
}

/// The value of a drafted field, without its reason.
fn value(f: &Option<Field>) -> Option<&Value> {
    f.as_ref().map(|f| &f.value)
}

fn p_note(notes: &mut Vec<String>, note: String) {
    if !notes.contains(&note) {
        notes.push(note);
    }
}

/// Whether `to` is reached from `from` along `edges`.
fn reaches(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if let Some(s) = seen.get_mut(n)
            && !*s
        {
            *s = true;
            stack.extend(edges.get(n).into_iter().flatten());
        }
    }
    false
}
