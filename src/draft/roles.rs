//! Who and where in a sentence: the lists of parties it names, the subject and the
//! target of each action, and the scope labels near it.

use serde_json::{Value, json};

use super::cues::{self, modality_cue};
use super::lexicon::{Found, Sense};
use super::sentence::{Ctx, Mention, Region};
use super::text::Tok;

/// A run of party names joined by "and" or commas: a list of parties.
pub(crate) struct Group {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) codes: Vec<String>,
    pub(crate) words: String,
}

/// The lists of parties named in the sentence (collective words included).
pub(crate) fn groups(toks: &[Tok], found: &[Found], ctx: &Ctx) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let add = |first: usize, last: usize, codes: Vec<String>, out: &mut Vec<Group>| {
        if let Some(g) = out.last_mut()
            && g.last < first
            && toks[g.last + 1..first]
                .iter()
                .all(|t| matches!(t.low.as_str(), "and" | "," | "or" | "the" | "both" | "&"))
        {
            g.last = last;
            for c in codes {
                if !g.codes.contains(&c) {
                    g.codes.push(c);
                }
            }
        } else {
            out.push(Group {
                first,
                last,
                codes,
                words: String::new(),
            });
        }
    };
    let mut parties: Vec<(usize, usize, Vec<String>)> = found
        .iter()
        .filter_map(|f| match &f.sense {
            Sense::Party(code) => Some((f.first, f.last, vec![code.clone()])),
            _ => None,
        })
        .collect();
    for i in 0..toks.len() {
        let next = toks.get(i + 1).map_or("", |t| t.low.as_str());
        if cues::collective(&toks[i].low, next) {
            let codes = if ctx.by.len() >= 2 {
                ctx.by.to_vec()
            } else if ctx.named.len() == 2 {
                ctx.named.to_vec()
            } else {
                continue;
            };
            parties.push((i, i + 1, codes));
        } else if matches!(toks[i].low.as_str(), "we" | "our" | "us") && toks[i].exact != "US" {
            parties.push((i, i, ctx.by.to_vec()));
        }
    }
    parties.sort_by_key(|p| p.0);
    for (first, last, codes) in parties {
        add(first, last, codes, &mut out);
    }
    for g in &mut out {
        g.words = toks[g.first..=g.last]
            .iter()
            .map(|t| t.exact.as_str())
            .collect::<Vec<_>>()
            .join(" ");
    }
    out
}

pub(crate) fn subject(
    toks: &[Tok],
    f: &Found,
    groups: &[Group],
    clause: &[usize],
    regions: &[Region],
) -> (Value, String) {
    let outside = |j: usize| {
        !regions
            .iter()
            .any(|r| r.from <= j && j <= r.to && !(r.from <= f.first && f.first <= r.to))
    };
    // An agent right after the action: "a cessation of military operations by both parties".
    if let Some(g) = groups
        .iter()
        .find(|g| g.first > f.last && g.first <= f.last + 3 && toks[g.first - 1].low == "by")
    {
        return (json!(g.codes), format!("subject from \"by {}\"", g.words));
    }
    let unspecified = |why: &str| (json!("unspecified"), why.to_owned());
    // Passive voice: "hostages ... will be released" (by whom, if "by" names it).
    let mut j = f.last + 1;
    while j + 1 < toks.len() && j <= f.last + 8 && clause[j] == clause[f.first] {
        let low = toks[j].low.as_str();
        if matches!(low, "which" | "who" | "that" | "where") {
            break;
        }
        if cues::is_be(low) && (j + 1..(j + 3).min(toks.len())).any(|k| cues::is_participle(&toks[k].low)) {
            if let Some(g) = groups
                .iter()
                .find(|g| g.first > j && g.first <= j + 5 && g.first > 0 && toks[g.first - 1].low == "by")
            {
                return (
                    json!(g.codes),
                    format!("subject from \"by {}\" (passive voice)", g.words),
                );
            }
            return unspecified("subject: passive voice, no actor named");
        }
        j += 1;
    }
    let demand = (0..f.first).rev().filter(|&j| outside(j)).find(|&j| {
        let next = toks.get(j + 1).map_or("", |t| t.low.as_str());
        modality_cue(&toks[j].low, next).is_some_and(|(_, demand)| demand)
    });
    if let Some(d) = demand {
        return match groups.iter().find(|g| g.first > d && g.last < f.first) {
            Some(g) => (
                json!(g.codes),
                format!("subject from \"{}\" (after \"{}\")", g.words, toks[d].low),
            ),
            None => unspecified(&format!(
                "subject: \"{}\" names who asks, not who acts",
                toks[d].low
            )),
        };
    }
    // "a proposal for Russia and Ukraine to refrain": the parties after "for".
    let proposal = (0..f.first)
        .rev()
        .filter(|&j| outside(j))
        .find(|&j| toks[j].low.starts_with("propos"));
    if let Some(p) = proposal
        && let Some(g) = groups
            .iter()
            .find(|g| g.first > p + 1 && g.last < f.first && toks[g.first - 1].low == "for")
    {
        return (
            json!(g.codes),
            format!("subject from \"for {}\" (after \"{}\")", g.words, toks[p].low),
        );
    }
    // A possessor ("Russia's access", "the U.S. proposal") is not the one who acts.
    let possessor = |g: &Group| {
        toks[g.last].possessive
            || toks[g.last + 1..].iter().find(|t| t.word).is_some_and(|t| {
                matches!(
                    t.low.as_str(),
                    "proposal" | "proposals" | "plan" | "initiative" | "demands"
                )
            })
    };
    let prepositional = |g: &Group| {
        g.first > 0
            && (cues::target_word(&toks[g.first - 1].low)
                || matches!(toks[g.first - 1].low.as_str(), "of" | "from" | "by" | "in"))
    };
    match groups
        .iter()
        .rev()
        .find(|g| g.last < f.first && !prepositional(g) && !possessor(g) && outside(g.first))
    {
        Some(g) => {
            let others: Vec<String> = groups
                .iter()
                .filter(|o| o.first != g.first)
                .map(|o| o.codes.join("+"))
                .collect();
            let mut why = format!("subject from \"{}\"", g.words);
            if !others.is_empty() {
                why.push_str(&format!(" (also named: {})", others.join(", ")));
            }
            (json!(g.codes), why)
        }
        None => match groups
            .iter()
            .find(|g| g.last + 1 == f.first && !toks[g.last].possessive)
        {
            // "foreign military aid": the party names the action's actor.
            Some(g) => (
                json!(g.codes),
                format!("subject from \"{}\" (before the action)", g.words),
            ),
            None => unspecified("subject: no actor named before the action"),
        },
    }
}

pub(crate) fn target(
    toks: &[Tok],
    f: &Found,
    groups: &[Group],
    clause: &[usize],
    subject: &Value,
) -> Option<(String, String)> {
    let possessor = groups
        .iter()
        .find(|g| g.last + 1 == f.first && toks[g.last].possessive && g.codes.len() == 1);
    if let Some(g) = possessor
        && let Some(code) = g.codes.first()
        && !subject.as_array().is_some_and(|s| s.iter().any(|c| c == code))
    {
        return Some((code.clone(), format!("target from \"{}'s\"", g.words)));
    }
    let g = groups.iter().find(|g| {
        g.first > f.last
            && clause[g.first] == clause[f.first]
            && cues::target_word(&toks[g.first - 1].low)
            && g.codes.len() == 1
    })?;
    let code = g.codes.first()?;
    let bound = subject.as_array().is_some_and(|s| s.iter().any(|c| c == code));
    (!bound).then(|| {
        (
            code.clone(),
            format!("target from \"{} {}\"", toks[g.first - 1].low, g.words),
        )
    })
}

pub(crate) fn scope(
    toks: &[Tok],
    f: &Found,
    labels: &[Found],
    clause: &[usize],
    mentions: &[Mention],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for l in labels {
        let Sense::Label { id, topic: false } = &l.sense else {
            continue;
        };
        if clause[l.first] != clause[f.first] {
            continue;
        }
        let place =
            l.first > 0 && (l.first.saturating_sub(2)..l.first).any(|j| cues::place_word(&toks[j].low));
        let near = if l.first > f.last {
            l.first - f.last <= 4
        } else {
            f.first.saturating_sub(l.last) <= 4
        };
        let closer = mentions.iter().any(|m| {
            let d = |a: usize, b: usize| a.abs_diff(b);
            m.found.first != f.first && d(m.found.first, l.first) < d(f.first, l.first)
        });
        if (place || (near && !closer)) && !out.iter().any(|(o, _)| o == id) {
            out.push((id.clone(), l.phrase.clone()));
        }
    }
    out
}
