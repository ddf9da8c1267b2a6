//! Drafting the terms of one sentence: its action mentions become terms, each with a
//! subject, a modality, a target, a scope, a window and parameters read from the cue
//! words around it, and the conditions it names.

use serde_json::json;

use super::cues::{self, modality_cue, negation_cue};
use super::lexicon::{Found, Lexicon, Sense};
use super::numbers::{Quantity, quantities};
use super::roles::{groups, scope, subject, target};
use super::text::{Tok, is_function_word, tokens};
use super::{Field, Pending};
use crate::model::Modality;
use crate::vocab::Vocab;

/// What drafting a sentence needs.
pub(crate) struct Ctx<'a> {
    pub(crate) vocab: &'a Vocab,
    pub(crate) words: &'a Lexicon,
    pub(crate) labels: &'a Lexicon,
    /// The proposal's authors.
    pub(crate) by: &'a [String],
    /// Every party the statement names, in order of first mention.
    pub(crate) named: &'a [String],
}

pub(crate) struct Mention<'f> {
    pub(crate) found: &'f Found,
    pub(crate) id: String,
    pub(crate) negating: bool,
}

/// The terms drafted from the sentence `text[start..end]`.
pub(crate) fn draft(text: &str, start: usize, end: usize, ctx: &Ctx) -> Vec<Pending> {
    let toks = tokens(text, start, end);
    if toks.is_empty() {
        return Vec::new();
    }
    let found = ctx.words.find(&toks);
    let labels = ctx.labels.find(&toks);
    let clause = clauses(&toks);
    let conditions = condition_regions(&toks, &clause);
    let groups = groups(&toks, &found, ctx);
    // "permanent peace" names a topic, not a window.
    let quantities: Vec<Quantity> = quantities(&toks, ctx.vocab)
        .into_iter()
        .filter(|q| q.param.is_some() || !labels.iter().any(|l| l.first <= q.at && q.at <= l.last))
        .collect();
    let in_mention = |i: usize| found.iter().any(|f| f.first <= i && i <= f.last);

    let mut mentions: Vec<Mention> = Vec::new();
    let mut topical_from: Option<(usize, usize)> = None; // (token, clause)
    let mut about: Vec<(String, String)> = Vec::new();
    let mut during_ceasefire = false;
    let mut condition_links: Vec<(String, &'static str, &'static str, String)> = Vec::new();
    for f in &found {
        let Sense::Action {
            id,
            negating,
            topical,
        } = &f.sense
        else {
            continue;
        };
        let before: Vec<&str> = (f.first.saturating_sub(3)..f.first)
            .map(|j| toks[j].low.as_str())
            .collect();
        if let Some((t, c)) = topical_from
            && t < f.first
            && clause[f.first] == c
            && (t..f.first).any(|j| cues::topic_word(&toks[j].low))
        {
            continue;
        }
        if before.iter().any(|w| cues::temporal(w)) && !before.contains(&"which") {
            during_ceasefire |= *negating && is_general_ceasefire(ctx.vocab, id);
            continue;
        }
        if let Some(region) = conditions.iter().find(|r| r.from <= f.first && f.first <= r.to) {
            condition_links.push((id.clone(), region.timing, region.outcome, region.cue.clone()));
            continue;
        }
        if *topical {
            topical_from = Some((f.last, clause[f.first]));
        }
        mentions.push(Mention {
            found: f,
            id: id.clone(),
            negating: *negating,
        });
    }
    // Topics after a topical action ("negotiations on ... a maritime ceasefire").
    for l in &labels {
        if let Sense::Label { id, topic: true } = &l.sense
            && let Some((t, c)) = topical_from
            && t < l.first
            && clause[l.first] == c
            && !about.iter().any(|(a, _)| a == id)
        {
            about.push((id.clone(), l.phrase.clone()));
        }
    }
    let negated = negations(&toks, &mentions, &clause, &in_mention);

    let mut out: Vec<Pending> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        let f = m.found;
        let (modality, modality_why) = modality(&toks, f.first, negated[k], m, &conditions);
        let (subject, subject_why) = subject(&toks, f, &groups, &clause, &conditions);
        let mut p = Pending::new(clause_text(text, &toks, &clause, f.first));
        let said = text
            .get(toks[f.first].start..toks[f.last].end)
            .unwrap_or(&f.phrase);
        p.action = Some(Field::new(json!(m.id), format!("action from \"{said}\"")));
        p.modality = Some(Field::new(json!(modality.as_str()), modality_why));
        p.subject = Some(Field::new(subject.clone(), subject_why));
        if let Some((code, why)) = target(&toks, f, &groups, &clause, &subject) {
            p.target = Some(Field::new(json!(code), why));
        }
        let scope = scope(&toks, f, &labels, &clause, &mentions);
        if !scope.is_empty() {
            let ids: Vec<&str> = scope.iter().map(|(id, _)| id.as_str()).collect();
            let words: Vec<&str> = scope.iter().map(|(_, w)| w.as_str()).collect();
            p.scope = Some(Field::new(
                json!(ids),
                format!("scope from \"{}\"", words.join("\", \"")),
            ));
        }
        if f.sense_topical() && !about.is_empty() {
            let ids: Vec<&str> = about.iter().map(|(id, _)| id.as_str()).collect();
            let words: Vec<&str> = about.iter().map(|(_, w)| w.as_str()).collect();
            p.about = Some(Field::new(
                json!(ids),
                format!("topics from \"{}\"", words.join("\", \"")),
            ));
        }
        attach_quantities(&mut p, &quantities, &mentions, k, &clause);
        if p.window.is_none() && during_ceasefire {
            p.window = Some(Field::new(
                json!("ceasefire"),
                "window from \"during the ceasefire\"".into(),
            ));
        }
        for (id, timing, on, cue) in &condition_links {
            p.conditions.push((id.clone(), timing, on, cue.clone()));
        }
        p.modality_value = modality;
        p.anaphoric =
            f.first > 0 && matches!(toks[f.first - 1].low.as_str(), "these" | "this" | "such" | "said");
        // One term per action and subject in a sentence ("aid ... aid").
        if let Some(same) = out.iter_mut().find(|o| {
            o.action.as_ref().map(|f| &f.value) == p.action.as_ref().map(|f| &f.value)
                && o.subject.as_ref().map(|f| &f.value) == p.subject.as_ref().map(|f| &f.value)
        }) {
            same.merge_missing(p);
            continue;
        }
        out.push(p);
    }
    out
}

impl Found {
    fn sense_topical(&self) -> bool {
        matches!(self.sense, Sense::Action { topical: true, .. })
    }
}

fn is_general_ceasefire(vocab: &Vocab, id: &str) -> bool {
    vocab
        .merged
        .actions
        .iter()
        .any(|a| a.id == id && a.parent.is_none() && a.negations.iter().any(|n| n == "ceasefire"))
}

/// The clause number of each token: clauses end at `;`, dashes and colons.
fn clauses(toks: &[Tok]) -> Vec<usize> {
    let mut n = 0;
    toks.iter()
        .map(|t| {
            if matches!(t.low.as_str(), ";" | "—" | "–" | ":") {
                n += 1;
            }
            n
        })
        .collect()
}

/// The text of the clause holding token `at`: the whole sentence when it is one clause.
fn clause_text(text: &str, toks: &[Tok], clause: &[usize], at: usize) -> String {
    let c = clause[at];
    let words: Vec<&Tok> = toks
        .iter()
        .zip(clause)
        .filter(|(t, k)| **k == c && !matches!(t.low.as_str(), ";" | "—" | "–" | ":"))
        .map(|(t, _)| t)
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return String::new();
    };
    let (from, to) = if clause.last() == clause.first() {
        (toks[0].start, toks[toks.len() - 1].end)
    } else {
        (first.start, last.end)
    };
    text.get(from..to)
        .unwrap_or_default()
        .trim_end_matches([',', ' '])
        .to_owned()
}

/// A stretch of a sentence that states a condition ("once all hostages are returned").
pub(crate) struct Region {
    pub(crate) from: usize,
    pub(crate) to: usize,
    timing: &'static str,
    outcome: &'static str,
    cue: String,
}

fn condition_regions(toks: &[Tok], clause: &[usize]) -> Vec<Region> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let prev = if i > 0 { toks[i - 1].low.as_str() } else { "" };
        let next = toks.get(i + 1).map_or("", |t| t.low.as_str());
        let Some(timing) = cues::condition_cue(&toks[i].low, prev, next) else {
            continue;
        };
        let opens = i <= 1 || clause[i - 1] != clause[i] || prev == "," || prev == "only";
        let mut to = i;
        while to + 1 < toks.len() && clause[to + 1] == clause[i] {
            if opens && i <= 1 && toks[to + 1].low == "," {
                break;
            }
            to += 1;
        }
        let outcome = (i..=to)
            .find_map(|j| cues::outcome_cue(&toks[j].low))
            .unwrap_or("in_force");
        let cue_from = if matches!(prev, "in" | "only") { i - 1 } else { i };
        let cue = toks[cue_from..=(i + 1).min(toks.len() - 1)]
            .iter()
            .map(|t| t.low.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Region {
            from: i,
            to,
            timing,
            outcome,
            cue,
        });
    }
    out
}

/// For each mention, whether a negation reaches it ("not to train, reinforce or
/// resupply"; "a halt to the aid and intelligence-sharing"; "lift the pause on").
fn negations(
    toks: &[Tok],
    mentions: &[Mention],
    clause: &[usize],
    in_mention: &dyn Fn(usize) -> bool,
) -> Vec<bool> {
    #[derive(PartialEq, Clone, Copy)]
    enum Neg {
        Off,
        Cue,
        Alias,
    }
    let mut out = vec![false; mentions.len()];
    let terminal = |m: &Mention| {
        (m.found.last + 1..(m.found.last + 5).min(toks.len()))
            .take_while(|&j| clause[j] == clause[m.found.first] && !in_mention(j))
            .any(|j| {
                matches!(
                    toks[j].low.as_str(),
                    "end" | "ends" | "cease" | "ceases" | "stop" | "stops" | "halt" | "halts"
                )
            })
    };
    let mut neg = Neg::Off;
    let mut after_coordinator = false;
    let mut i = 0;
    while i < toks.len() {
        if i > 0 && clause[i] != clause[i - 1] {
            neg = Neg::Off;
        }
        if let Some(k) = mentions.iter().position(|m| m.found.first == i) {
            let m = &mentions[k];
            let negative = if m.negating {
                neg != Neg::Cue
            } else {
                neg != Neg::Off
            };
            out[k] = negative != terminal(m);
            // A negating verb reaches the list after it ("a halt to the aid and
            // intelligence-sharing"); a negating noun does not ("a ceasefire, as well
            // as negotiations").
            let verb = {
                let first = &toks[m.found.first];
                let next = toks.get(m.found.first + 1).map_or("", |t| t.low.as_str());
                negation_cue(&first.low, "", next)
            };
            neg = if m.negating && negative {
                if verb { Neg::Alias } else { Neg::Off }
            } else if negative {
                neg
            } else {
                Neg::Off
            };
            after_coordinator = true;
            i = m.found.last + 1;
            continue;
        }
        let t = &toks[i];
        let prev = if i > 0 { toks[i - 1].low.as_str() } else { "" };
        let next = toks.get(i + 1).map_or("", |t| t.low.as_str());
        if cues::ends_scope(&t.low) {
            neg = Neg::Off;
        } else if !in_mention(i) && negation_cue(&t.low, prev, next) {
            neg = if neg == Neg::Cue { Neg::Off } else { Neg::Cue };
            after_coordinator = false;
        } else if cues::is_coordinator(&t.low) {
            after_coordinator = true;
        } else if t.word && !is_function_word(&t.low) && after_coordinator && !in_mention(i) {
            neg = Neg::Off;
            after_coordinator = false;
        }
        i += 1;
    }
    out
}

fn modality(toks: &[Tok], at: usize, negated: bool, m: &Mention, regions: &[Region]) -> (Modality, String) {
    let outside = |j: usize| {
        !regions
            .iter()
            .any(|r| r.from <= j && j <= r.to && !(r.from <= at && at <= r.to))
    };
    let cue = (0..at).rev().filter(|&j| outside(j)).find_map(|j| {
        let next = toks.get(j + 1).map_or("", |t| t.low.as_str());
        modality_cue(&toks[j].low, next).map(|(m, _)| (m, toks[j].low.clone()))
    });
    let (base, mut why) = match &cue {
        Some((m, w)) => (*m, format!("modality from \"{w}\"")),
        None => (
            Modality::Must,
            "modality: no modal word, read as an obligation".to_owned(),
        ),
    };
    if !negated {
        if base == Modality::Must && cue.is_some() {
            why.push_str(" (or endeavour, if only an effort is meant)");
        }
        return (base, why);
    }
    let how = if m.negating {
        format!("\"{}\" negates the action", m.found.phrase)
    } else {
        "a negation reaches the action".to_owned()
    };
    match base {
        Modality::Endeavour => (
            Modality::MustNot,
            format!("{why}, {how}: must_not (endeavour cannot be negated; check)"),
        ),
        _ => (Modality::MustNot, format!("{why}, {how}")),
    }
}

fn attach_quantities(p: &mut Pending, qs: &[Quantity], mentions: &[Mention], k: usize, clause: &[usize]) {
    let me = mentions[k].found;
    for q in qs {
        if clause[q.at] != clause[me.first] {
            continue;
        }
        // The nearest mention in the clause, the one before on a tie.
        let nearest = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| clause[m.found.first] == clause[q.at])
            .min_by_key(|(_, m)| {
                let d = if q.at > m.found.last {
                    q.at - m.found.last
                } else {
                    m.found.first - q.at
                };
                (d, usize::from(q.at < m.found.first))
            })
            .map(|(i, _)| i);
        if nearest != Some(k) {
            continue;
        }
        match &q.param {
            None if p.window.is_none() => {
                p.window = Some(Field::new(q.value.clone(), format!("window from \"{}\"", q.cue)));
            }
            None => p.notes.push(format!("another window is stated: \"{}\"", q.cue)),
            Some(id) if !p.params.iter().any(|(n, _)| n == id) => {
                p.params.push((
                    id.clone(),
                    Field::new(q.value.clone(), format!("from \"{}\"", q.cue)),
                ));
            }
            Some(_) => {}
        }
    }
}
