//! The evaluation of drafting: each statement of a set drafted and its terms matched
//! against a reviewed hand encoding. A drafted term matches a hand term when subject,
//! modality and action agree; target, scope, window and parameters are then scored
//! apart. Misses are sorted into categories (`bench/draft-eval`, docs/draft.md).

use std::fmt::Write;
use std::path::Path;

use super::{DraftOptions, draft, to_jsonc};
use crate::load::{SourceFile, load_proposal};
use crate::resolved::{ResolvedProposal, ResolvedTerm};
use crate::vocab::Vocab;

/// Why a hand term was not matched, or a drafted term is extra.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Miss {
    /// Drafted with the same modality and action but another subject.
    Subject,
    /// Drafted with the same subject and action but another modality.
    Modality,
    /// Drafted with the same subject and modality but another action.
    Action,
    /// Nothing drafted for it.
    NotDrafted,
    /// A drafted term with no hand term.
    Extra,
}

impl Miss {
    /// The category's name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Miss::Subject => "subject differs",
            Miss::Modality => "modality differs",
            Miss::Action => "action differs",
            Miss::NotDrafted => "not drafted",
            Miss::Extra => "extra term",
        }
    }
}

/// The score of one statement, or of a set (summed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Terms drafted.
    pub drafted: usize,
    /// Terms of the hand encodings.
    pub hand: usize,
    /// Pairs matched on (subject, modality, action).
    pub matched: usize,
    /// Matched pairs that agree on the target.
    pub target: usize,
    /// Matched pairs that agree on the scope (topics included).
    pub scope: usize,
    /// Matched pairs that agree on the window.
    pub window: usize,
    /// Matched pairs that agree on the parameters.
    pub params: usize,
    /// Each miss: the statement, the category and the hand or drafted term's id.
    pub misses: Vec<(String, Miss, String)>,
    /// Drafted files that did not check (must stay empty).
    pub unchecked: Vec<String>,
}

impl Score {
    /// Matched over drafted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.drafted)
    }
    /// Matched over hand terms.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.hand)
    }
    fn add(&mut self, o: Score) {
        self.drafted += o.drafted;
        self.hand += o.hand;
        self.matched += o.matched;
        self.target += o.target;
        self.scope += o.scope;
        self.window += o.window;
        self.params += o.params;
        self.misses.extend(o.misses);
        self.unchecked.extend(o.unchecked);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn key(t: &ResolvedTerm) -> (Vec<u32>, crate::model::Modality, u32) {
    let mut s = t.subjects.to_vec();
    s.sort_unstable();
    (s, t.modality, t.action)
}

/// Scores the draft of `text` against the hand encoding `hand` (a proposal file).
pub fn score(name: &str, text: &str, hand: &str, vocab: &Vocab) -> Result<Score, String> {
    let (hand, report) = load_proposal(SourceFile::from_text(format!("{name}.json"), hand), vocab);
    let hand = hand
        .filter(|_| report.errors() == 0)
        .ok_or_else(|| format!("the hand encoding of `{name}` does not check"))?;
    let options = DraftOptions {
        id: hand.id().to_owned(),
        by: hand.proposal.by.clone(),
        ..DraftOptions::default()
    };
    let jsonc = to_jsonc(&draft(text, vocab, &options));
    let (drafted, report) = load_proposal(SourceFile::from_text(format!("{name}.jsonc"), jsonc), vocab);
    let mut score = Score::default();
    let Some(drafted) = drafted.filter(|_| report.errors() == 0) else {
        score.unchecked.push(name.to_owned());
        score.hand = hand.terms.len();
        return Ok(score);
    };
    Ok(compare(name, &drafted, &hand))
}

/// Matches the terms of a draft with those of a hand encoding.
pub fn compare(name: &str, drafted: &ResolvedProposal, hand: &ResolvedProposal) -> Score {
    let mut s = Score {
        drafted: drafted.terms.len(),
        hand: hand.terms.len(),
        ..Score::default()
    };
    let mut used = vec![false; drafted.terms.len()];
    let mut unmatched = Vec::new();
    for (h, ht) in hand.terms.iter().enumerate() {
        let found = (0..drafted.terms.len()).find(|&d| !used[d] && key(&drafted.terms[d]) == key(ht));
        let Some(d) = found else {
            unmatched.push(h);
            continue;
        };
        used[d] = true;
        s.matched += 1;
        let dt = &drafted.terms[d];
        s.target += usize::from(dt.target == ht.target);
        s.scope += usize::from(dt.scope == ht.scope);
        s.window += usize::from(dt.window == ht.window);
        let params = |p: &ResolvedProposal, i: usize| {
            p.proposal
                .terms
                .get(i)
                .and_then(|t| serde_json::to_value(&t.params).ok())
        };
        s.params += usize::from(params(drafted, d) == params(hand, h));
    }
    for h in unmatched {
        let (hs, hm, ha) = key(&hand.terms[h]);
        let near = (0..drafted.terms.len()).filter(|&d| !used[d]).find_map(|d| {
            let (ds, dm, da) = key(&drafted.terms[d]);
            let miss = if dm == hm && da == ha {
                Miss::Subject
            } else if ds == hs && da == ha {
                Miss::Modality
            } else if ds == hs && dm == hm {
                Miss::Action
            } else {
                return None;
            };
            Some((d, miss))
        });
        let miss = match near {
            Some((d, miss)) => {
                used[d] = true;
                miss
            }
            None => Miss::NotDrafted,
        };
        let id = hand.proposal.terms.get(h).map_or("", |t| &t.id);
        s.misses.push((name.to_owned(), miss, id.to_owned()));
    }
    for (d, u) in used.iter().enumerate() {
        if !u {
            let id = drafted.proposal.terms.get(d).map_or("", |t| &t.id);
            s.misses.push((name.to_owned(), Miss::Extra, id.to_owned()));
        }
    }
    s
}

/// Scores every statement of `dir` (`NAME.txt` with its hand encoding `NAME.json`).
pub fn evaluate(dir: &Path, vocab: &Vocab) -> Result<Score, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut total = Score::default();
    for name in names {
        let read = |ext: &str| {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
        };
        total.add(score(&name, &read("txt")?, &read("json")?, vocab)?);
    }
    Ok(total)
}

/// The evaluation's figures as text.
pub fn render(s: &Score) -> String {
    let mut out = String::new();
    let pct = |a: usize, b: usize| 100.0 * ratio(a, b);
    let _ = writeln!(
        out,
        "terms: {} drafted, {} in the hand encodings, {} matched on (subject, modality, action)",
        s.drafted, s.hand, s.matched
    );
    let _ = writeln!(
        out,
        "precision {:.1}%  recall {:.1}%",
        100.0 * s.precision(),
        100.0 * s.recall()
    );
    let _ = writeln!(out, "of the matched terms, agreeing on:");
    for (name, n) in [
        ("target", s.target),
        ("scope", s.scope),
        ("window", s.window),
        ("parameters", s.params),
    ] {
        let _ = writeln!(
            out,
            "  {name:<10} {n:>3}/{:<3} {:.1}%",
            s.matched,
            pct(n, s.matched)
        );
    }
    let mut kinds: Vec<Miss> = s.misses.iter().map(|m| m.1).collect();
    kinds.sort();
    kinds.dedup();
    let _ = writeln!(out, "misses:");
    for k in kinds {
        let list: Vec<String> = s
            .misses
            .iter()
            .filter(|m| m.1 == k)
            .map(|m| format!("{}/{}", m.0, m.2))
            .collect();
        let _ = writeln!(out, "  {} ({}): {}", k.as_str(), list.len(), list.join(", "));
    }
    if !s.unchecked.is_empty() {
        let _ = writeln!(out, "drafts that do not check: {}", s.unchecked.join(", "));
    }
    out
}
