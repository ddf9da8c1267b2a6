//! "Did you mean": the nearest known name to a misspelt one, when it is near enough
//! to be a likely typo, and never its opposite.
//!
//! Near means: the same name but for case or separators (`il` and `IL`, `cease-fire`
//! and `cease_fire`); the same words in another order (`aid_halt`, `halt_aid`); a few
//! edits (insertions, deletions, substitutions, swaps of two neighbours), more for a
//! longer name (none up to 3 letters, but one left out or added for 3; 1 up to 5, 2 up to 9, 3 beyond); or the
//! same stem with another ending (`hostility`, `hostilities`). An opposite is a name
//! that differs only by a prefix of the other polarity (`disarmament` and
//! `rearmament`, `mobilisation` and `demobilisation`, `lift_sanctions` and
//! `impose_sanctions`): it is never suggested, however close its spelling. The tests
//! below hold real typos and opposites to the threshold.

/// Prefixes that undo or stop what follows.
const UNDOING: [&str; 17] = [
    "de", "dis", "un", "non_", "non", "anti", "counter", "halt_", "stop_", "end_", "lift_", "ease_",
    "suspend_", "pause_", "cease_", "no_", "ban_",
];
/// Prefixes that do again, start or keep what follows.
const DOING: [&str; 7] = [
    "re", "resume_", "impose_", "start_", "keep_", "allow_", "restore_",
];

/// The candidate closest to `name`, if one is close enough to be a likely typo and
/// is not its opposite.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // No name is longer than this; comparing a name of a million characters with each
    // candidate would take minutes.
    const LONGEST: usize = 100;
    if name.len() > LONGEST {
        return None;
    }
    let wanted = normal(name);
    let length = wanted.chars().count();
    let allowed = match length {
        0..=3 => 0,
        4..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, f64, &'a str)> = None;
    for c in candidates {
        if c.len() > LONGEST {
            continue;
        }
        let known = normal(c);
        let cost = if known == wanted {
            0
        } else if opposite(&wanted, &known) {
            continue;
        } else if same_words(&wanted, &known) || synonyms(&wanted, &known) {
            1
        } else {
            let d = strsim::osa_distance(&wanted, &known);
            // Three letters: a letter left out or added (`cor`, `core`), never another
            // letter (`UKR`, `URK`).
            let short = length == 3 && d == 1 && known.chars().count() != length;
            if d <= allowed || short {
                d
            } else if same_stem(&wanted, &known)
                || abbreviates(&wanted, &known)
                || one_word_more(&wanted, &known)
            {
                allowed.max(1)
            } else {
                continue;
            }
        };
        let tie = strsim::jaro_winkler(&wanted, &known);
        // On a full tie the later candidate wins, as the first release chose.
        if best.is_none_or(|(b, t, _)| cost < b || (cost == b && tie >= t)) {
            best = Some((cost, tie, c));
        }
    }
    best.map(|(_, _, c)| c)
}

/// The name in lower case with `-` and spaces read as `_`.
fn normal(name: &str) -> String {
    name.chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `a` and `b` name the same words in another order (`aid_halt`, `halt_aid`).
fn same_words(a: &str, b: &str) -> bool {
    let mut x: Vec<&str> = a.split('_').collect();
    let mut y: Vec<&str> = b.split('_').collect();
    if x.len() < 2 {
        return false;
    }
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// Whether `a` and `b` share a stem and differ only in a short ending
/// (`hostility`, `hostilities`): a common beginning of at least 6 letters and 4/5 of
/// the shorter, and lengths within 3.
fn same_stem(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    common >= 6 && common * 5 >= shorter * 4 && la.abs_diff(lb) <= 3
}

/// Whether one of `a` and `b`, of at least 3 letters, begins the other (`max`,
/// `maximum`).
fn abbreviates(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 3 && long.starts_with(short)
}

/// Whether `a` is `b` with one more word, or `b` is `a` with one more
/// (`ceasefire_now`, `ceasefire`; `immediate_ceasefire`, `ceasefire`): the words of the
/// shorter, in order, at the start or the end of the longer.
fn one_word_more(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (s, l) = (short.split('_').count(), long.split('_').count());
    l == s + 1
        && short.len() >= 4
        && (long.strip_prefix(short).is_some_and(|r| r.starts_with('_'))
            || long.strip_suffix(short).is_some_and(|r| r.ends_with('_')))
}

/// The polarity of a prefix: -1 undoing, 1 doing again, 0 none.
fn polarity(prefix: &str) -> i8 {
    if UNDOING.contains(&prefix) {
        -1
    } else if DOING.contains(&prefix) {
        1
    } else {
        0
    }
}

/// Whether `a` and `b` are opposites: the same stem (up to one edit) behind prefixes
/// of different polarity, one of them undoing (`disarmament`, `rearmament`;
/// `demobilisation`, `mobilisation`).
fn opposite(a: &str, b: &str) -> bool {
    let prefixes = || std::iter::once("").chain(UNDOING).chain(DOING);
    for pa in prefixes().filter(|p| a.starts_with(p)) {
        for pb in prefixes().filter(|p| b.starts_with(p)) {
            let (qa, qb) = (polarity(pa), polarity(pb));
            if qa == qb || (qa >= 0 && qb >= 0) {
                continue;
            }
            let (sa, sb) = (a.get(pa.len()..).unwrap_or(a), b.get(pb.len()..).unwrap_or(b));
            if sa.len() >= 4 && strsim::osa_distance(sa, sb) <= 1 {
                return true;
            }
        }
    }
    false
}

/// Whether `a` and `b` are the same stem behind two prefixes of one polarity
/// (`stop_strikes`, `halt_strikes`).
fn synonyms(a: &str, b: &str) -> bool {
    let prefixed = |x: &'static str| a.starts_with(x) || b.starts_with(x);
    [UNDOING.as_slice(), DOING.as_slice()].iter().any(|class| {
        class
            .iter()
            .filter(|p| p.ends_with('_') && prefixed(p))
            .any(|pa| {
                class.iter().filter(|p| p.ends_with('_')).any(|pb| {
                    pa != pb
                        && a.strip_prefix(pa)
                            .is_some_and(|sa| b.strip_prefix(pb) == Some(sa))
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let names = ["military_aid", "intelligence_sharing", "hostilities"];
        assert_eq!(did_you_mean("militry_aid", names), Some("military_aid"));
        assert_eq!(did_you_mean("hostility", names), Some("hostilities"));
        assert_eq!(did_you_mean("elections", names), None);
    }

    /// Real typos of the names of the default pack (misspellings as people make
    /// them: a letter left out, doubled, swapped or replaced, another spelling, another
    /// case) find the name meant.
    #[test]
    fn real_typos_find_the_name_meant() {
        let v = crate::vocab::Vocab::default_pack().unwrap_or_else(|e| panic!("{e:?}"));
        let names: Vec<&str> = v
            .action_names()
            .chain(v.parties.iter().map(|p| p.code.as_str()))
            .chain(v.label_names())
            .collect();
        for (typo, meant) in [
            ("withdrawl", "withdrawal"),
            ("ceasfire", "ceasefire"),
            ("cease-fire", "cease_fire"),
            ("hostilites", "hostilities"),
            ("amnesity", "amnesty"),
            ("amensty", "amnesty"),
            ("prisoner_exhange", "prisoner_exchange"),
            ("humanitarian_acess", "humanitarian_access"),
            ("sanctions_releif", "sanctions_relief"),
            ("monitering", "monitoring"),
            ("militry_aid", "military_aid"),
            ("elction", "elections"),
            ("disarmement", "disarmament"),
            ("demobilisaton", "demobilisation"),
            ("power_shareing", "power_sharing"),
            ("constitutonal_reform", "constitutional_reform"),
            ("il", "IL"),
            ("Ua", "UA"),
            ("aid_halt", "halt_aid"),
            ("refugee_returns", "refugee_return"),
            ("ceasefire_now", "ceasefire"),
            ("immediate_ceasefire", "ceasefire"),
        ] {
            assert_eq!(did_you_mean(typo, names.iter().copied()), Some(meant), "{typo}");
        }
    }

    /// An opposite, or another thing of a similar spelling, is never suggested.
    #[test]
    fn never_an_opposite() {
        for (name, not) in [
            ("disarmament", "rearmament"),
            ("rearmament", "disarmament"),
            ("demobilisation", "mobilisation"),
            ("mobilisation", "demobilisation"),
            ("lift_sanctions", "impose_sanctions"),
            ("keep_sanctions", "lift_sanctions"),
            ("halt_aid", "resume_aid"),
            ("deescalation", "escalation"),
            ("release_hostages", "release_prisoners"),
            ("UK", "US"),
        ] {
            assert_eq!(did_you_mean(name, [not]), None, "{name} → {not}");
        }
        assert_eq!(did_you_mean("no_ceasefire", ["ceasefire"]), None);
        assert_eq!(did_you_mean("maximum", ["min", "max"]), Some("max"));
        // Two names of one polarity are no opposites.
        assert_eq!(
            did_you_mean("stop_strikes", ["halt_strikes"]),
            Some("halt_strikes")
        );
    }
}
