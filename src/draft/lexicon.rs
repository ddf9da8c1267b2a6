//! The lexicon drafting reads a statement with: for every action, party and label of
//! the vocabulary, the phrases that name it. Derived from the vocabulary itself (ids,
//! aliases and negating aliases split into words, party codes and names, label ids and
//! short descriptions), then the embedded default words (`lexicon.json`) and the
//! `lexicon` sections of the vocabulary files.

use std::collections::HashMap;

use super::lexicon_def::LexiconDef;
use super::text::{Tok, is_function_word, phrase_stems};
use crate::vocab::Vocab;

/// The embedded default words, in the format of a vocabulary file's `lexicon`.
pub const DEFAULT_LEXICON: &str = include_str!("lexicon.json");

/// What a phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sense {
    /// An action; `negating` when the phrase names its negation ("ceasefire").
    Action {
        id: String,
        negating: bool,
        topical: bool,
    },
    /// A party, by code.
    Party(String),
    /// A scope label (`topic` false) or a topic label.
    Label { id: String, topic: bool },
}

/// One phrase of the lexicon.
#[derive(Debug, Clone)]
struct Entry {
    /// Stems of its content words, or, for a phrase in capitals, the words as written.
    words: Vec<String>,
    exact: bool,
    sense: Sense,
    /// The phrase as written, quoted in the drafted file's comments.
    phrase: String,
}

/// A phrase found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The range of tokens it spans.
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) sense: Sense,
    pub(crate) phrase: String,
}

/// The phrases of every action, party and label, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// The lexicon of `vocab`: derived words, the default words (unless the vocabulary
    /// replaces the default pack) and the vocabulary files' own `lexicon` sections.
    /// With `labels` the lexicon of the scope and topic labels only, else of the
    /// actions and parties.
    pub(crate) fn new(vocab: &Vocab, labels: bool) -> Lexicon {
        let mut words = LexiconDef::default();
        if !vocab.merged.replace_default
            && let Ok(default) = serde_json::from_str::<LexiconDef>(DEFAULT_LEXICON)
        {
            words.extend(&default);
        }
        words.extend(&vocab.merged.lexicon);
        let mut lex = Lexicon::default();
        let m = &vocab.merged;
        let mut party_words: Vec<Vec<String>> = Vec::new();
        for p in &m.parties {
            let sense = Sense::Party(p.code.clone());
            lex.add(&p.code, sense.clone());
            lex.add(&p.name, sense.clone());
            for w in words.parties.get(&p.code).into_iter().flatten() {
                lex.add(w, sense.clone());
            }
        }
        for g in &m.groups {
            let sense = Sense::Party(g.id.clone());
            // A group's id is a name only when it says more than one word ("all
            // parties" would be any "parties").
            let name = g.id.replace('_', " ");
            if phrase_stems(&name).len() > 1 {
                lex.add(&name, sense.clone());
            }
            for w in words.parties.get(&g.id).into_iter().flatten() {
                lex.add(w, sense.clone());
            }
        }
        for e in &lex.entries {
            party_words.push(e.words.clone());
        }
        if labels {
            lex = Lexicon::default();
        }
        for a in m.actions.iter().filter(|_| !labels) {
            let extra = words.actions.get(&a.id);
            let topical = extra.is_some_and(|w| w.topical);
            let plain = Sense::Action {
                id: a.id.clone(),
                negating: false,
                topical,
            };
            let negating = Sense::Action {
                id: a.id.clone(),
                negating: true,
                topical,
            };
            for name in std::iter::once(&a.id).chain(&a.aliases) {
                lex.add(&name.replace('_', " "), plain.clone());
            }
            for name in &a.negations {
                lex.add(&name.replace('_', " "), negating.clone());
            }
            if let Some(w) = extra {
                for p in &w.phrases {
                    lex.add(p, plain.clone());
                }
                for p in &w.negating {
                    lex.add(p, negating.clone());
                }
            }
        }
        let topics = m.topics.iter().map(|l| (l, true));
        let scopes = m.scopes.iter().flat_map(|t| t.labels.iter().map(|l| (l, false)));
        for (label, topic) in scopes.chain(topics).filter(|_| labels) {
            let sense = Sense::Label {
                id: label.id.clone(),
                topic,
            };
            let mut phrases = vec![label.id.replace('_', " ")];
            if let Some(d) = &label.description {
                phrases.extend(description_phrases(d));
            }
            phrases.extend(words.labels.get(&label.id).into_iter().flatten().cloned());
            for p in phrases {
                // A label that reads as a party ("Ukraine") is the party.
                if !party_words.contains(&phrase_stems(&p)) {
                    lex.add(&p, sense.clone());
                }
            }
        }
        lex
    }

    fn add(&mut self, phrase: &str, sense: Sense) {
        let exact = phrase.chars().any(char::is_alphabetic) && !phrase.chars().any(char::is_lowercase);
        let words: Vec<String> = if exact {
            super::text::tokens(phrase, 0, phrase.len())
                .into_iter()
                .filter(|t| t.word)
                .map(|t| t.exact)
                .collect()
        } else {
            phrase_stems(phrase)
        };
        let Some(first) = words.first().cloned() else {
            return;
        };
        if self
            .entries
            .iter()
            .any(|e| e.words == words && e.sense == sense && e.exact == exact)
        {
            return;
        }
        self.by_first.entry(first).or_default().push(self.entries.len());
        self.entries.push(Entry {
            words,
            exact,
            sense,
            phrase: phrase.to_owned(),
        });
    }

    /// Every phrase found in `toks`, longest first at each place, not overlapping:
    /// function words are skipped ("a halt to the aid" is "halt aid").
    pub(crate) fn find(&self, toks: &[Tok]) -> Vec<Found> {
        let content: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.word && !is_function_word(&t.low))
            .map(|(i, _)| i)
            .collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < content.len() {
            let mut best: Vec<&Entry> = Vec::new();
            let mut best_len = 0;
            let t = &toks[content[k]];
            for key in [&t.stem, &t.exact] {
                for &e in self.by_first.get(key.as_str()).into_iter().flatten() {
                    let entry = &self.entries[e];
                    let n = entry.words.len();
                    if n < best_len || k + n > content.len() {
                        continue;
                    }
                    let matches = entry.words.iter().enumerate().all(|(j, w)| {
                        let at = content[k + j];
                        let tok = &toks[at];
                        let said = if entry.exact { &tok.exact } else { &tok.stem };
                        // The words of one phrase stand together: at most two function
                        // words and no punctuation between them.
                        let joined = j == 0 || {
                            let prev = content[k + j - 1];
                            at - prev <= 3 && toks[prev + 1..at].iter().all(|t| t.word)
                        };
                        said == w && joined
                    });
                    if !matches {
                        continue;
                    }
                    if n > best_len {
                        best.clear();
                        best_len = n;
                    }
                    if !best.iter().any(|b| b.sense == entry.sense) {
                        best.push(entry);
                    }
                }
            }
            if best.is_empty() {
                k += 1;
                continue;
            }
            for entry in best {
                out.push(Found {
                    first: content[k],
                    last: content[k + best_len - 1],
                    sense: entry.sense.clone(),
                    phrase: entry.phrase.clone(),
                });
            }
            k += best_len;
        }
        out
    }
}

/// Short phrases of a label's description: its parts between commas, "and" and "or",
/// of at most three words ("power plants, grids, oil and gas facilities").
fn description_phrases(d: &str) -> Vec<String> {
    d.split([',', ';', '(', ')'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" or ")))
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 3)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::tokens;

    fn senses(text: &str) -> Vec<Sense> {
        let v = Vocab::default_pack().unwrap();
        let mut out = Vec::new();
        for labels in [false, true] {
            let lex = Lexicon::new(&v, labels);
            out.extend(
                lex.find(&tokens(text, 0, text.len()))
                    .into_iter()
                    .map(|f| f.sense),
            );
        }
        out
    }

    #[test]
    fn finds_actions_parties_labels() {
        let s = senses("a halt to the aid to Kyiv");
        assert_eq!(
            s[0],
            Sense::Action {
                id: "military_aid".into(),
                negating: true,
                topical: false
            }
        );
        assert_eq!(s[1], Sense::Party("UA".into()));
        let s = senses("strikes on energy facilities in the Black Sea by the U.S.");
        assert!(s.contains(&Sense::Label {
            id: "energy_infrastructure".into(),
            topic: false
        }));
        assert!(s.contains(&Sense::Label {
            id: "black_sea".into(),
            topic: false
        }));
        assert!(s.contains(&Sense::Party("US".into())));
        assert!(!senses("let us go").contains(&Sense::Party("US".into())));
    }
}
